//! mindmap.html, the persona maps and the view embeds and links (issue 17,
//! points 1, 3 and 4). Expected content from reading `tests/fixtures/valid/mindmap`:
//! one journey `switch` with the stages Compare, Sign-up, First bill; ten
//! insights, listed in insight order (impact, then confidence, high first):
//! - Compare: price-frame (high/high), cheapest-doubt (medium/low), referral (low/medium);
//! - Sign-up: form-length (high/medium), welcome-mail (low/high);
//! - First bill: bill-shock (high/high), bill-lines (medium/medium, a title too long for a leaf),
//!   advance-pay (low/low);
//! - Other (no stage): contract-end (high/low), app-login (medium/high).
//!
//! Anna is named by price-frame, cheapest-doubt, welcome-mail, bill-shock,
//! advance-pay and contract-end; Bram by cheapest-doubt, referral, form-length,
//! bill-shock and bill-lines; Cees by none.

use crate::common;

use std::path::Path;
use std::process::Command;

use common::{build_ok, page, repo};

/// The branches of a map's SVG in order, each with its leaves as (insight id, href, impact, confidence).
type Leaves = Vec<(String, String, String, String)>;

fn attr(tag: &str, name: &str) -> String {
    let key = format!(" {name}=\"");
    let at = tag.find(&key).unwrap_or_else(|| panic!("no {name} in {tag}")) + key.len();
    tag[at..at + tag[at..].find('"').unwrap()].to_string()
}

/// The SVG of the map with id `id` on a page.
fn svg<'a>(html: &'a str, id: &str) -> &'a str {
    let start = html.find(&format!("id=\"{id}-svg\"")).unwrap_or_else(|| panic!("no map {id}"));
    let start = html[..start].rfind("<svg").unwrap();
    &html[start..start + html[start..].find("</svg>").unwrap()]
}

fn branches(svg: &str) -> Vec<(String, Leaves)> {
    svg.split("<g class=\"mm-branch\"")
        .skip(1)
        .map(|b| {
            let label = attr(b, "data-branch");
            let leaves = b
                .split("<a class=\"mm-leaf ")
                .skip(1)
                .map(|l| {
                    let class = &l[..l.find('"').unwrap()];
                    let level = |p: &str| class.split(' ').find_map(|c| c.strip_prefix(p)).unwrap().to_string();
                    (attr(l, "data-insight"), attr(l, "href"), level("mm-impact-"), level("mm-confidence-"))
                })
                .collect();
            (label, leaves)
        })
        .collect()
}

/// (branch, [insight ids]) of a map.
type Ids = Vec<(String, Vec<String>)>;

/// (branch, [insight ids]) of a map, for short expectations.
fn ids(svg: &str) -> Ids {
    branches(svg).into_iter().map(|(b, l)| (b, l.into_iter().map(|x| x.0).collect())).collect()
}

fn expect(list: &[(&str, &[&str])]) -> Ids {
    list.iter().map(|(b, l)| (b.to_string(), l.iter().map(|s| s.to_string()).collect())).collect()
}

fn fixture() -> std::path::PathBuf {
    repo("tests/fixtures/valid/mindmap")
}

/// A copy of the fixture with another `cxsite.yaml`.
fn with_config(dir: &Path, config: &str) -> std::path::PathBuf {
    let project = dir.join("p");
    common::copy_dir(&fixture(), &project);
    std::fs::write(project.join("cxsite.yaml"), config).unwrap();
    project
}

#[test]
fn every_leaf_branch_and_link_of_the_study_map() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&fixture(), out.path(), &[]);
    let html = page(out.path(), "mindmap.html");
    assert!(html.contains("<h1>Mindmap <span class=\"count\">10</span></h1>"), "ten insights");
    let map = svg(&html, "mindmap");
    let found = branches(map);
    let ins =
        |id: &str, i: &str, c: &str| (id.to_string(), format!("insights/{id}.html"), i.to_string(), c.to_string());
    assert_eq!(
        found,
        vec![
            (
                "Compare".to_string(),
                vec![
                    ins("price-frame", "high", "high"),
                    ins("cheapest-doubt", "medium", "low"),
                    ins("referral", "low", "medium")
                ]
            ),
            ("Sign-up".to_string(), vec![ins("form-length", "high", "medium"), ins("welcome-mail", "low", "high")]),
            (
                "First bill".to_string(),
                vec![
                    ins("bill-shock", "high", "high"),
                    ins("bill-lines", "medium", "medium"),
                    ins("advance-pay", "low", "low")
                ]
            ),
            ("Other".to_string(), vec![ins("contract-end", "high", "low"), ins("app-login", "medium", "high")]),
        ]
    );
    // The long title is cut with an ellipsis on the leaf, whole in its <title> and in the list.
    let long =
        "Customers cannot tell which lines on the first bill are one-off costs and which will come back every month";
    let leaf = &map[map.find("data-insight=\"bill-lines\"").unwrap()..];
    let leaf = &leaf[..leaf.find("</a>").unwrap()];
    assert!(leaf.contains(&format!("<title>{long} — Impact: Medium · Confidence: Medium</title>")), "{leaf}");
    let shown = &leaf[leaf.rfind("<text").unwrap()..];
    assert!(shown.contains('…') && !shown.contains(long), "{shown}");
    // Impact is in the outline's style too, not in colour alone: high solid, medium dashed, low dotted.
    let outline = |id: &str| {
        let leaf = &map[map.find(&format!("data-insight=\"{id}\"")).unwrap()..];
        let rect = &leaf[leaf.find("<rect").unwrap()..];
        rect[..rect.find("/>").unwrap()].to_string()
    };
    assert!(!outline("price-frame").contains("stroke-dasharray"), "high: solid");
    assert!(outline("cheapest-doubt").contains("stroke-dasharray=\"5 2.5\""), "medium: dashed");
    assert!(outline("referral").contains("stroke-dasharray=\"1.5 2\""), "low: dotted");
    // Accessible: a group named by its <title>, drawn 1:1 (width/height = viewBox), text ≥ 12 px.
    assert!(map.contains("role=\"group\" aria-labelledby=\"mindmap-title\""));
    assert!(map.contains(
        "<title id=\"mindmap-title\">Mindmap: Switching study — 10 insights, Branches: journey stages</title>"
    ));
    let head = &map[..map.find('>').unwrap()];
    assert_eq!(attr(head, "viewBox"), format!("0 0 {} {}", attr(head, "width"), attr(head, "height")));
    for size in map.split("font-size=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse::<f64>().unwrap()) {
        assert!(size >= 12.0, "text of {size} px");
    }
    // The text alternative lists the same branches and leaves, with impact and confidence in words.
    let list = &html[html.find("<details class=\"mindmap-list\"").unwrap()..];
    let list = &list[..list.find("</details>").unwrap()];
    let labels: Vec<&str> =
        list.split("<span class=\"mindmap-branch-label\">").skip(1).map(|s| &s[..s.find('<').unwrap()]).collect();
    assert_eq!(labels, ["Compare", "Sign-up", "First bill", "Other"]);
    let hrefs = common::attr_values(list, "href");
    let svg_hrefs: Vec<String> = found.iter().flat_map(|b| b.1.iter().map(|l| l.1.clone())).collect();
    assert_eq!(hrefs, svg_hrefs, "the list links the same insights in the same order");
    assert!(list.contains(&format!("{long}</a> <span class=\"muted\">Impact: Medium · Confidence: Medium</span>")));
    assert!(list.contains("Impact: High · Confidence: Low"), "contract-end in words");
    // Ten rows fit a printed page as a drawing.
    assert!(html.contains("data-rows=\"10\"") && !html.contains("mindmap-tall"));
    // Navigation links it; every link of the site leads somewhere.
    assert!(page(out.path(), "index.html").contains("href=\"mindmap.html\""));
    common::check_links(out.path());
}

#[test]
fn each_persona_page_has_the_map_of_its_insights() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&fixture(), out.path(), &[]);
    let anna = page(out.path(), "personas/anna.html");
    assert_eq!(
        ids(svg(&anna, "mindmap-anna")),
        expect(&[
            ("Compare", &["price-frame", "cheapest-doubt"]),
            ("Sign-up", &["welcome-mail"]),
            ("First bill", &["bill-shock", "advance-pay"]),
            ("Other", &["contract-end"]),
        ])
    );
    assert!(anna.contains("href=\"../insights/price-frame.html\""), "links from the persona's folder");
    assert!(anna.contains("<title id=\"mindmap-anna-title\">Mindmap: Anna — 6 insights"));
    let bram = page(out.path(), "personas/bram.html");
    assert_eq!(
        ids(svg(&bram, "mindmap-bram")),
        expect(&[
            ("Compare", &["cheapest-doubt", "referral"]),
            ("Sign-up", &["form-length"]),
            ("First bill", &["bill-shock", "bill-lines"]),
        ]),
        "no Other branch: every one of Bram's insights has a stage"
    );
    let cees = page(out.path(), "personas/cees.html");
    assert!(!cees.contains("persona-mindmap") && !cees.contains("mindmap-svg"), "no insights, no map");
}

#[test]
fn branches_by_tags_personas_and_biases() {
    let dir = tempfile::tempdir().unwrap();
    let cases: [(&str, Ids); 3] = [
        (
            "tags",
            expect(&[
                ("app", &["app-login"]),
                ("effort", &["form-length"]),
                ("price", &["price-frame", "bill-shock", "bill-lines", "cheapest-doubt"]),
                ("trust", &["cheapest-doubt"]),
                ("Other", &["contract-end", "welcome-mail", "referral", "advance-pay"]),
            ]),
        ),
        (
            "personas",
            expect(&[
                (
                    "Anna",
                    &["price-frame", "bill-shock", "contract-end", "cheapest-doubt", "welcome-mail", "advance-pay"],
                ),
                ("Bram", &["bill-shock", "form-length", "bill-lines", "cheapest-doubt", "referral"]),
                ("Other", &["app-login"]),
            ]),
        ),
        (
            "biases",
            expect(&[
                ("Anchoring", &["price-frame", "bill-shock"]),
                (
                    "Other",
                    &[
                        "form-length",
                        "contract-end",
                        "app-login",
                        "bill-lines",
                        "cheapest-doubt",
                        "welcome-mail",
                        "referral",
                        "advance-pay",
                    ],
                ),
            ]),
        ),
    ];
    for (kind, expected) in cases {
        let project =
            with_config(&dir.path().join(kind), &format!("title: Switching study\nmindmap:\n  branches: {kind}\n"));
        let out = dir.path().join(format!("{kind}-site"));
        build_ok(&project, &out, &[]);
        let html = page(&out, "mindmap.html");
        assert_eq!(ids(svg(&html, "mindmap")), expected, "branches: {kind}");
        assert!(html.contains(&format!("data-branches=\"{kind}\"")));
    }
}

#[test]
fn embeds_and_links_in_a_chapter_and_the_report() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&fixture(), out.path(), &[]);
    for (rel, root) in [("narratives/overview.html", "../"), ("report.html", "")] {
        let html = page(out.path(), rel);
        let maps: Vec<String> = html
            .split("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mindmap-svg\" id=\"")
            .skip(1)
            .map(|s| s[..s.find("-svg\"").unwrap()].to_string())
            .collect();
        assert_eq!(maps.len(), 2, "{rel}: the study's map and Bram's");
        assert_ne!(maps[0], maps[1], "{rel}: ids unique on the page");
        assert_eq!(ids(svg(&html, &maps[0])).len(), 4, "{rel}: the whole study, four branches");
        assert_eq!(
            ids(svg(&html, &maps[1])),
            expect(&[
                ("Compare", &["cheapest-doubt", "referral"]),
                ("Sign-up", &["form-length"]),
                ("First bill", &["bill-shock", "bill-lines"]),
            ]),
            "{rel}: Bram's map"
        );
        assert!(html.contains(&format!("href=\"{root}insights/referral.html\"")), "{rel}");
        // The metaphor embed: the one quote sits under Journey, the other six are faded.
        let embed = &html[html.find("<div class=\"embed embed-metaphors\">").expect("metaphors embed")..];
        let journey = &embed[embed.find("<section class=\"metaphor metaphor-journey\"").unwrap()..];
        let journey = &journey[..journey.find("</section>").unwrap()];
        assert!(journey.contains("<q>Everyone shops around first.</q>"), "{journey}");
        assert_eq!(embed.matches(" is-empty\"").count(), 6, "{rel}");
        // Links: the pages, and Bram's map on his page.
        assert!(html.contains(&format!("<a href=\"{root}mindmap.html\">its own page</a>")), "{rel}");
        assert!(html.contains(&format!("<a href=\"{root}personas/bram.html#mindmap-bram\">his page</a>")), "{rel}");
        assert!(html.contains(&format!("<a href=\"{root}metaphors.html\">the metaphors</a>")), "{rel}");
    }
    assert!(page(out.path(), "personas/bram.html").contains("id=\"mindmap-bram\""), "the anchor exists");
}

#[test]
fn an_unknown_persona_in_a_mindmap_embed_or_link_is_an_error_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let project = with_config(dir.path(), "title: Switching study\n");
    std::fs::write(
        project.join("narratives/overview.md"),
        "---\ntitle: Overview\n---\nSee [Bram](mindmap:bran).\n\n{{ mindmap(persona=\"brm\") }}\n\n{{ mindmap(id=\"x\") }}\n",
    )
    .unwrap();
    let o = common::run(&["check", project.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    let err = common::stderr(&o);
    assert!(err.contains("narratives/overview.md:4:5: error: unknown persona `bran`"), "{err}");
    assert!(err.contains("narratives/overview.md:6:1: error: unknown persona `brm`"), "{err}");
    assert!(err.contains("did you mean `bram`?"), "{err}");
    assert!(err.contains("narratives/overview.md:8:1: error: embed `mindmap` has an unknown argument `id`"), "{err}");
    assert!(err.contains("write {{ mindmap() }} or {{ mindmap(persona=\"…\") }}"), "{err}");
}

/// A project of `n` insights spread over `stages` stages (insight `i` in stage `i % stages`),
/// impact high, medium, low for `i / 3 % 3` = 0, 1, 2.
fn generated(dir: &Path, n: usize, stages: usize) -> std::path::PathBuf {
    let project = dir.join(format!("gen-{n}-{stages}"));
    std::fs::create_dir_all(project.join("insights")).unwrap();
    std::fs::create_dir_all(project.join("journeys")).unwrap();
    std::fs::write(project.join("cxsite.yaml"), "title: Many insights\n").unwrap();
    let names: Vec<String> = match stages {
        3 => ["a", "b", "c"].map(String::from).to_vec(),
        _ => (0..stages).map(|s| format!("s{s:02}")).collect(),
    };
    let list: String =
        names.iter().map(|s| format!("  - {{id: {s}, name: {}, steps: [{{name: x}}]}}\n", s.to_uppercase())).collect();
    std::fs::write(project.join("journeys/j.yaml"), format!("title: J\nstages:\n{list}")).unwrap();
    for i in 0..n {
        let stage = &names[i % stages];
        let impact = ["high", "medium", "low"][i / 3 % 3];
        std::fs::write(
            project.join(format!("insights/i{i:03}.yaml")),
            format!("title: Insight number {i:03} with a title of some length\nsummary: S.\njourney: j\nstage: {stage}\nimpact: {impact}\n"),
        )
        .unwrap();
    }
    project
}

#[test]
fn a_hundred_and_fifty_insights_stay_legible() {
    let dir = tempfile::tempdir().unwrap();
    let project = generated(dir.path(), 150, 3);
    let out = dir.path().join("site");
    build_ok(&project, &out, &[]);
    let html = page(&out, "mindmap.html");
    let map = svg(&html, "mindmap");
    // 50 insights per stage: 12 leaves each, then "+ 38 more" to the list filtered to the stage.
    let found = branches(map);
    assert_eq!(found.iter().map(|b| (b.0.as_str(), b.1.len())).collect::<Vec<_>>(), [("A", 12), ("B", 12), ("C", 12)]);
    for stage in ["a", "b", "c"] {
        assert!(map.contains(&format!("href=\"insights.html#stage=j/{stage}\"")), "{stage}");
    }
    assert_eq!(map.matches("+ 38 more</text>").count(), 3);
    // The twelve shown are the strongest: stage A holds i = 0, 3, 6, …, of which i = 0, 9, 18, … (17 of 50) have high impact.
    assert!(found[0].1.iter().all(|l| l.2 == "high"), "{:?}", found[0].1);
    // Every row its own: leaf boxes never overlap, text never below 12 px, drawn 1:1.
    let mut ys: Vec<f64> = map
        .split("<a class=\"mm-")
        .skip(1)
        .map(|a| {
            let rect = &a[a.find("<rect").unwrap()..];
            attr(rect, "y").parse::<f64>().unwrap()
        })
        .collect();
    ys.sort_by(f64::total_cmp);
    assert_eq!(ys.len(), 39, "36 leaves and 3 'more' rows");
    for pair in ys.windows(2) {
        assert!(pair[1] - pair[0] >= 20.0, "leaf boxes 20 px high overlap: {pair:?}");
    }
    for size in map.split("font-size=\"").skip(1).map(|s| s[..s.find('"').unwrap()].parse::<f64>().unwrap()) {
        assert!(size >= 12.0);
    }
    // 39 rows are more than one printed page holds as a drawing: it prints as the list.
    assert!(html.contains("<figure class=\"mindmap mindmap-tall\""));
    let links = common::check_links(&out);
    assert!(links > 0);
}

#[test]
fn many_branches_fold_into_one_and_share_the_rows() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("site");
    build_ok(&generated(dir.path(), 150, 30), &out, &[]);
    let html = page(&out, "mindmap.html");
    let found = branches(svg(&html, "mindmap"));
    // 30 stages of 5: the study's budget keeps 19 (all equal: the first 19) and folds 11 into one;
    // 96 rows over 20 branches leave 4 leaves each, then "+ 1 more" (and "+ 51 more" of the 55 folded).
    let labels: Vec<String> = found.iter().map(|b| b.0.clone()).collect();
    let mut want: Vec<String> = (0..19).map(|s| format!("S{s:02}")).collect();
    want.push("11 more branches".into());
    assert_eq!(labels, want);
    assert!(found.iter().all(|b| b.1.len() == 4), "{found:?}");
    let map = svg(&html, "mindmap");
    assert_eq!(map.matches("+ 1 more</text>").count(), 19);
    assert_eq!(map.matches("+ 51 more</text>").count(), 1);
    assert!(html.contains("data-rows=\"100\""));
}

#[test]
fn dutch_labels() {
    let dir = tempfile::tempdir().unwrap();
    let project = with_config(dir.path(), "title: Overstapstudie\nlanguage: nl\n");
    let out = dir.path().join("site");
    build_ok(&project, &out, &[]);
    let html = common::unescape(&page(&out, "mindmap.html"));
    for label in [
        "<h1>Mindmap",
        "data-branch=\"Overig\"",
        "Takken: fasen van de klantreis",
        "De kaart als lijst",
        "Kleur: impact",
        "Bolletje: zekerheid",
        "Impact: Hoog · Zekerheid: Laag",
        "10 inzichten",
    ] {
        assert!(html.contains(label), "{label}");
    }
    let anna = common::unescape(&page(&out, "personas/anna.html"));
    assert!(anna.contains("Mindmap van de inzichten van deze persona"));
}

#[test]
fn without_insights_there_is_no_map_and_no_link() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("empty");
    std::fs::create_dir_all(&project).unwrap();
    std::fs::write(project.join("cxsite.yaml"), "title: Nothing yet\n").unwrap();
    std::fs::create_dir_all(project.join("narratives")).unwrap();
    std::fs::write(project.join("narratives/plan.md"), "---\ntitle: Plan\n---\nThe [map](mindmap:) comes later.\n")
        .unwrap();
    let out = dir.path().join("site");
    build_ok(&project, &out, &[]);
    assert!(!out.join("mindmap.html").exists());
    assert!(!page(&out, "index.html").contains("mindmap.html"));
    assert!(page(&out, "narratives/plan.html").contains("The map comes later."), "the link is its text alone");
    let err = common::stderr(&common::run(&["check", project.to_str().unwrap()]));
    assert!(
        err.contains("narratives/plan.md:4:5: warning: `mindmap:` links to the mindmap, which this site does not have"),
        "{err}"
    );
}

/// Prints `page` with Chromium; returns the PDF's page count and whether page 1 is landscape.
fn print(browser: &Path, page: &Path, pdf: &Path) -> Option<(usize, bool)> {
    common::print_to_pdf(browser, page, pdf);
    let info = Command::new("pdfinfo").arg(pdf).output().ok()?;
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let pages = info.lines().find_map(|l| l.strip_prefix("Pages:")).map(|p| p.trim().parse().unwrap())?;
    let size = info.lines().find_map(|l| l.strip_prefix("Page size:")).unwrap_or_default().to_string();
    let dims: Vec<f64> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
    Some((pages, dims.len() >= 2 && dims[0] > dims[1]))
}

#[test]
fn each_map_prints_on_one_landscape_page_and_screenshots_are_kept() {
    let Some(browser) = common::chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let small = dir.path().join("small");
    build_ok(&fixture(), &small, &[]);
    let large = dir.path().join("large");
    build_ok(&generated(dir.path(), 150, 3), &large, &[]);
    let shots = common::output_dir();
    for (name, site) in [("mindmap", &small), ("mindmap-150", &large)] {
        let pdf = shots.join(format!("{name}.pdf"));
        let Some((pages, landscape)) = print(&browser, &site.join("mindmap.html"), &pdf) else {
            common::skip_unless_ci("the page count needs pdfinfo (poppler-utils)");
            return;
        };
        assert_eq!(pages, 1, "{name}: one page");
        assert!(landscape, "{name}: landscape");
        let _ = Command::new("pdftoppm")
            .args(["-png", "-r", "60", "-f", "1", "-l", "1"])
            .arg(&pdf)
            .arg(shots.join(format!("{name}-pdf")))
            .status();
        let _ = std::fs::remove_file(&pdf);
        common::screenshot(
            &browser,
            &site.join("mindmap.html"),
            &shots.join(format!("{name}-desktop.png")),
            "1400,1400",
        );
        common::screenshot(&browser, &site.join("mindmap.html"), &shots.join(format!("{name}-390.png")), "390,1400");
    }
    common::screenshot(
        &browser,
        &small.join("personas/anna.html"),
        &shots.join("mindmap-persona-desktop.png"),
        "1400,2400",
    );
    common::screenshot(&browser, &small.join("personas/anna.html"), &shots.join("mindmap-persona-390.png"), "390,3000");
    common::screenshot(
        &browser,
        &small.join("narratives/overview.html"),
        &shots.join("mindmap-embeds-desktop.png"),
        "1400,3000",
    );
}

#[test]
fn each_embedded_map_has_a_landscape_page_of_its_own_in_the_pdf() {
    let Some(browser) = common::chromium() else { return };
    let dir = tempfile::tempdir().unwrap();
    let pdf = dir.path().join("report.pdf");
    let o = common::run(&[
        "pdf",
        fixture().to_str().unwrap(),
        "-o",
        pdf.to_str().unwrap(),
        "--browser",
        browser.to_str().unwrap(),
    ]);
    assert!(o.status.success(), "{}", common::stderr(&o));
    let Ok(info) = Command::new("pdfinfo").args(["-f", "1", "-l", "999"]).arg(&pdf).output() else {
        common::skip_unless_ci("the page sizes need pdfinfo (poppler-utils)");
        return;
    };
    let info = String::from_utf8_lossy(&info.stdout).into_owned();
    let landscape: Vec<usize> = info
        .lines()
        .filter_map(|l| {
            let rest = l.strip_prefix("Page")?.trim_start();
            let (n, size) = rest.split_once(" size:")?;
            let dims: Vec<f64> = size.split_whitespace().filter_map(|w| w.parse().ok()).collect();
            (dims.len() >= 2 && dims[0] > dims[1]).then(|| n.trim().parse().unwrap())
        })
        .collect();
    // The chapter embeds two maps (the study's, 10 rows, and Bram's, 5): one landscape page each,
    // and nothing else of the fixture is wide.
    assert_eq!(landscape.len(), 2, "{info}");
    for n in landscape {
        let text = Command::new("pdftotext")
            .args(["-f", &n.to_string(), "-l", &n.to_string(), "-layout"])
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        let text = String::from_utf8_lossy(&text.stdout).into_owned();
        assert!(text.contains("Compare") && text.contains("First bill"), "page {n}: {text}");
        // The embed moves whole: its "Mindmap · …" label is not left behind on a page of its own.
        assert!(text.to_lowercase().contains("mindmap · "), "page {n}: {text}");
    }
}

#[test]
fn on_a_phone_the_map_also_shows_as_its_open_list() {
    if !common::browser_tools() {
        return;
    }
    let out = tempfile::tempdir().unwrap();
    build_ok(&fixture(), out.path(), &[]);
    let url = format!("{}mindmap.html", common::file_url(out.path()));
    let visible = |width: &str| {
        let o = common::node_script("visible.mjs", &[&url, width, ".mindmap-list .mm-li"]);
        let v: serde_json::Value = serde_json::from_str(o.trim()).unwrap();
        (v["visible"].as_u64().unwrap(), v["total"].as_u64().unwrap())
    };
    // The fixture's ten insights are ten lines of the list.
    assert_eq!(visible("390"), (10, 10), "at 390 px every line of the list is shown");
    assert_eq!(visible("1280"), (0, 10), "on a desktop the list waits behind its summary");
}
