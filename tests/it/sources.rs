//! Evidence you can trace (issue 14, the pages): sources.html, one page per
//! source, the evidence-strength line and source links on insight pages, the
//! insights list's filters by source and method, the report's appendix.
//! Expected numbers come from reading `tests/fixtures/valid/evidence`:
//!
//! | source          | type      | quotes | metrics | insights                                      |
//! |-----------------|-----------|--------|---------|-----------------------------------------------|
//! | interview-r07   | interview | 5      | 0       | one-method, one-source (twice), own-type, strong |
//! | interview-r09   | interview | 2      | 0       | long-quote, one-method                        |
//! | contact-log     | analytics | 0      | 2       | long-quote, strong                            |
//! | survey-q3       | (none)    | 0      | 1       | own-type (the item says `survey`)             |

use crate::common;

use std::fs;
use std::path::Path;

use serde_json::Value;

use common::{
    browser_tools, build_ok, check_links, copy_dir, file_url, node_script, output_dir, page, repo, run, search_cards,
    search_data, search_facet, stderr,
};

fn fixture(tmp: &Path) -> std::path::PathBuf {
    let project = tmp.join("evidence");
    copy_dir(&repo("tests/fixtures/valid/evidence"), &project);
    project
}

/// The text of the element that starts at `marker` (up to the next `<`).
fn text_after<'a>(html: &'a str, marker: &str) -> &'a str {
    let at = html.find(marker).unwrap_or_else(|| panic!("no {marker}"));
    let rest = &html[at..];
    let start = rest.find('>').unwrap() + 1;
    let end = rest[start..].find('<').unwrap();
    &rest[start..start + end]
}

/// The `<option>` texts of the select `name` on insights.html.
fn options(html: &str, name: &str) -> Vec<String> {
    let at = html.find(&format!("<select name=\"{name}\"")).unwrap_or_else(|| panic!("no {name} filter"));
    let block = &html[at..at + html[at..].find("</select>").unwrap()];
    block
        .split("<option value=\"")
        .skip(2) // before the first option, and "Any"
        .map(|o| {
            let (value, rest) = o.split_once("\">").unwrap();
            format!("{value}={}", &rest[..rest.find("</option>").unwrap()])
        })
        .collect()
}

#[test]
fn source_pages_show_the_register_and_what_is_taken_from_each_source() {
    let tmp = tempfile::tempdir().unwrap();
    let project = fixture(tmp.path());
    let site = tmp.path().join("site");
    build_ok(&project, &site, &[]);
    assert!(check_links(&site) > 0);

    let list = page(&site, "sources.html");
    // Grouped by type in the order of the types, sources without a type last.
    let groups: Vec<usize> = ["id=\"method-interview\"", "id=\"method-analytics\"", "id=\"method-none\""]
        .iter()
        .map(|g| list.find(g).unwrap())
        .collect();
    assert!(groups.windows(2).all(|w| w[0] < w[1]), "interview, analytics, then untyped");
    assert!(!list.contains("method-survey"), "no source has the type survey");
    let row = |id: &str| {
        let at = list.find(&format!("<tr id=\"source-{id}\"")).unwrap();
        list[at..at + list[at..].find("</tr>").unwrap()].to_string()
    };
    let counts = |id: &str| {
        let r = row(id);
        ["quotes", "metrics", "insights"].map(|k| text_after(&r, &format!("data-count=\"{k}\"")).to_string())
    };
    assert_eq!(counts("interview-r07"), ["5", "0", "4"]);
    assert_eq!(counts("interview-r09"), ["2", "0", "2"]);
    assert_eq!(counts("contact-log"), ["0", "2", "2"]);
    assert_eq!(counts("survey-q3"), ["0", "1", "1"]);
    let r07 = row("interview-r07");
    assert!(r07.contains("href=\"sources/interview-r07.html\">Interview R07</a>"), "{r07}");
    assert!(r07.contains("href=\"personas/sanne-starter.html\""), "the persona is linked: {r07}");
    assert!(r07.contains("datetime=\"2026-01-14\"") && r07.contains(">1</td>"), "date and participants: {r07}");
    assert!(row("survey-q3").contains(">1</span> insight</td>"), "one insight is singular");
    assert!(page(&site, "index.html").contains("href=\"sources.html\""), "sources.html is in the navigation");

    // One page per source: its fields, every quote with its insight, the insights using it.
    let r07 = page(&site, "sources/interview-r07.html");
    assert!(r07.contains("<h1>Interview R07</h1>"));
    assert!(r07.contains("href=\"../assets/transcripts/r07.txt\" download=\"r07.txt\""), "the file is offered");
    assert!(r07.contains("href=\"../personas/sanne-starter.html\""));
    assert_eq!(r07.matches("<li class=\"evidence-item").count(), 5, "five quotes are taken from R07");
    assert_eq!(r07.matches("<a href=\"../insights/one-source.html\">").count(), 2 + 1, "two quotes and the list");
    for id in ["one-method", "own-type", "strong"] {
        assert_eq!(
            r07.matches(&format!("<a href=\"../insights/{id}.html\">")).count(),
            2,
            "{id}: a quote and the list"
        );
    }
    let log = page(&site, "sources/contact-log.html");
    assert!(log.contains("<p class=\"metric\">43% of calls in week one are about the first invoice</p>"));
    assert!(!log.contains("download="), "no file, no download");
    let survey = page(&site, "sources/survey-q3.html");
    assert!(survey.contains("<span class=\"badge\">Survey</span>"), "the item's own type");
    // R07 is an interview, and so is every quote taken from it: the page says so once, in its heading.
    assert!(r07.contains("<td>Interview</td>"), "the source's method");
    assert!(!r07.contains("<span class=\"badge\">"), "no quote repeats the page's method");

    // The report's appendix lists every source.
    let report = page(&site, "report.html");
    let appendix = &report[report.find("id=\"appendix-sources\"").expect("an appendix")..];
    for title in ["Interview R07", "Interview R09", "Contact-centre log Q3", "Post-sign-up survey Q3"] {
        assert!(appendix.contains(&format!(">{title}</a>")), "{title} in the appendix");
    }
}

/// The `<ul class="insight-links…">` list under the heading `heading`, and its class attribute.
fn insight_list<'a>(html: &'a str, heading: &str) -> (&'a str, &'a str) {
    let at = html.find(heading).unwrap_or_else(|| panic!("no {heading}"));
    let start = at + html[at..].find("<ul class=\"").unwrap();
    let class_end = html[start + 11..].find('"').unwrap() + start + 11;
    let end = start + html[start..].find("</ul>").unwrap();
    (&html[start + 11..class_end], &html[start..end])
}

#[test]
fn long_lists_of_insights_show_titles_only_and_every_list_links_to_its_filtered_view() {
    // interview-r09 backs 2 insights of the fixture and contact-log 2: add 38 and 39, so the lists hold
    // 40 (the last length with summaries) and 41 (titles only). Sanne is named by all 77, Kim by 2.
    let tmp = tempfile::tempdir().unwrap();
    let project = fixture(tmp.path());
    fs::write(project.join("personas/kim-kort.yaml"), "name: Kim Kort\n").unwrap();
    for (n, source) in (0..38).map(|n| (n, "interview-r09")).chain((38..77).map(|n| (n, "contact-log"))) {
        let personas = if n < 2 { "[sanne-starter, kim-kort]" } else { "[sanne-starter]" };
        let yaml = format!(
            "title: Bulk {n:02}\nsummary: Summary of bulk {n:02}.\nemotional: e\nfunctional: f\nbreakthrough: b\n\
             personas: {personas}\nevidence:\n  - quote: Said {n}.\n    source: {source}\n"
        );
        fs::write(project.join(format!("insights/bulk-{n:02}.yaml")), yaml).unwrap();
    }
    let site = tmp.path().join("site");
    build_ok(&project, &site, &[]);
    assert!(check_links(&site) > 0, "the filtered views' links resolve to filters insights.js reads");
    let heading = "Insights that use this source <span class=\"count\">";
    let r09 = page(&site, "sources/interview-r09.html");
    assert!(r09.contains(&format!("{heading}40</span>")));
    let (class, list) = insight_list(&r09, heading);
    assert_eq!(class, "insight-links");
    assert_eq!(list.matches("<li>").count(), 40);
    assert!(list.contains(
        "<a href=\"../insights/bulk-00.html\">Bulk 00</a><span class=\"muted\"> — Summary of bulk 00.</span>"
    ));
    let log = page(&site, "sources/contact-log.html");
    assert!(log.contains(&format!("{heading}41</span>")));
    let (class, list) = insight_list(&log, heading);
    assert_eq!(class, "insight-links titles-only");
    assert_eq!(list.matches("<li>").count(), 41);
    assert!(list.contains("<li><a href=\"../insights/bulk-38.html\">Bulk 38</a></li>"));
    assert!(!list.contains("Summary of bulk") && !list.contains("class=\"muted\""), "no summaries in a long list");
    // The quotes themselves stay, one per insight, above the list.
    assert!(log.contains("<blockquote>Said 76.</blockquote>"));
    for (html, filter) in [(&r09, "source=interview-r09"), (&log, "source=contact-log")] {
        assert!(html.contains(&format!(
            "<p class=\"list-more\"><a href=\"../insights.html#{filter}\">Show these in the insights list, with search and filters →</a></p>"
        )));
    }
    let persona_heading = "Insights about this persona <span class=\"count\">";
    let sanne = page(&site, "personas/sanne-starter.html");
    assert!(sanne.contains(&format!("{persona_heading}77</span>")));
    let (class, list) = insight_list(&sanne, persona_heading);
    assert_eq!((class, list.matches("<li>").count()), ("insight-links titles-only", 77));
    assert!(!list.contains("Summary of bulk"));
    assert!(sanne.contains("href=\"../insights.html#persona=sanne-starter\""));
    let kim = page(&site, "personas/kim-kort.html");
    let (class, list) = insight_list(&kim, persona_heading);
    assert_eq!((class, list.matches("<li>").count()), ("insight-links", 2));
    assert!(list.contains("<span class=\"muted\"> — Summary of bulk 01.</span>"));
    // In print the link to the interactive list is left out.
    let css = page(&site, "static/cxsite.css");
    let print = &css[css.find("@media print {\n  html, body").expect("the print rules")..];
    assert!(print[..print.find("display: none").unwrap()].contains(".list-more"));
    // On paper the evidence's heading and strength line stay with the quotes under them.
    let keep_with_next = &print[..print.find("{ break-after: avoid; }").expect("keep-with-next rule")];
    assert!(keep_with_next[keep_with_next.rfind('\n').unwrap()..].contains(".evidence-strength"));
}

#[test]
fn insight_pages_say_how_strong_the_evidence_is_and_link_its_sources() {
    let tmp = tempfile::tempdir().unwrap();
    let project = fixture(tmp.path());
    let site = tmp.path().join("site");
    build_ok(&project, &site, &[]);
    let line = |id: &str| {
        let html = page(&site, &format!("insights/{id}.html"));
        html.contains("class=\"evidence-strength\"")
            .then(|| text_after(&html, "class=\"evidence-strength\"").to_string())
    };
    // R07 (interview by inheritance) and the contact log (analytics by inheritance).
    assert_eq!(line("strong").as_deref(), Some("1 quote and 1 metric from 2 sources, 2 methods"));
    // R07 twice.
    assert_eq!(line("one-source").as_deref(), Some("2 quotes from 1 source, 1 method"));
    // R07 and R09, both interviews.
    assert_eq!(line("one-method").as_deref(), Some("2 quotes from 2 sources, 1 method"));
    // The survey item states its own type; R07 is an interview.
    assert_eq!(line("own-type").as_deref(), Some("1 quote and 1 metric from 2 sources, 2 methods"));
    assert_eq!(line("no-evidence"), None, "no evidence, no line");
    let strong = page(&site, "insights/strong.html");
    assert!(
        strong.contains("<a href=\"../sources/interview-r07.html\">Interview R07</a>"),
        "the quote links its source"
    );
    assert!(strong.contains("<a href=\"../sources/contact-log.html\">Contact-centre log Q3</a>"));
    assert!(strong.contains("<span class=\"badge\">Analytics</span>"), "the inherited type, labelled");
}

#[test]
fn the_insights_list_filters_by_source_and_by_method_and_search_finds_quotes() {
    let tmp = tempfile::tempdir().unwrap();
    let project = fixture(tmp.path());
    let site = tmp.path().join("site");
    build_ok(&project, &site, &[]);
    let list = page(&site, "insights.html");
    // Insights per source (one-source quotes R07 twice: one insight), sorted by title.
    assert_eq!(
        options(&list, "source"),
        [
            "contact-log=Contact-centre log Q3 (2)",
            "interview-r07=Interview R07 (4)",
            "interview-r09=Interview R09 (2)",
            "survey-q3=Post-sign-up survey Q3 (1)"
        ]
    );
    // Interview: every insight with evidence but none only of other kinds (5); survey: own-type;
    // analytics: long-quote and strong. In the order of the types.
    assert_eq!(options(&list, "method"), ["interview=Interview (5)", "survey=Survey (1)", "analytics=Analytics (2)"]);
    let js = fs::read_to_string(site.join("static/insights.js")).unwrap();
    assert!(
        js.contains("\"source\", \"method\", \"change\"]"),
        "both filters (and the change filter) are kept in the URL hash"
    );

    let data = search_data(&site, "index.js");
    let cards = search_cards(&site);
    // Sources and methods are the facets of columns 8 and 9 of the insight's row.
    let row = |id: &str| cards.iter().position(|c| c.contains(&format!("insights/{id}.html"))).unwrap();
    let entry =
        |id: &str| serde_json::json!({ "so": search_facet(&data, row(id), 8), "m": search_facet(&data, row(id), 9) });
    let strong = entry("strong");
    assert_eq!(strong["so"], serde_json::json!(["interview-r07", "contact-log"]));
    assert_eq!(strong["m"], serde_json::json!(["interview", "analytics"]));
    // A quote's words find the insight it backs: "husband" (in the words file of "hu") lists its row.
    let file = format!("words-{}.js", data["keys"]["hu"]);
    let mut at = 0;
    let rows: Vec<u64> = search_data(&site, &file)["hu"]["husband"]
        .as_array()
        .unwrap()
        .iter()
        .map(|gap| {
            at += gap.as_u64().unwrap();
            at
        })
        .collect();
    assert!(rows.contains(&(row("long-quote") as u64)), "{rows:?}");
}

#[test]
fn dutch_labels_and_source_links_in_narratives() {
    let tmp = tempfile::tempdir().unwrap();
    let project = fixture(tmp.path());
    let config = project.join("cxsite.yaml");
    fs::write(&config, fs::read_to_string(&config).unwrap() + "language: nl\n").unwrap();
    fs::create_dir_all(project.join("narratives")).unwrap();
    fs::write(
        project.join("narratives/method.md"),
        "---\ntitle: Methode\n---\nWe spraken [een starter](source:interview-r07).\n",
    )
    .unwrap();
    let site = tmp.path().join("site");
    build_ok(&project, &site, &[]);
    assert!(check_links(&site) > 0);
    let list = page(&site, "sources.html");
    assert!(list.contains("<h1>Bronnen <span class=\"count\">4</span></h1>"));
    assert!(list.contains(">Overige bronnen <span"), "the untyped group");
    assert!(list.contains(">1</span> inzicht</td>") && list.contains(">5</span> citaten"));
    let strong = page(&site, "insights/strong.html");
    assert!(strong.contains(">1 citaat en 1 cijfer uit 2 bronnen, 2 methoden<"));
    assert!(page(&site, "insights/one-source.html").contains(">2 citaten uit 1 bron, 1 methode<"));
    assert!(options(&page(&site, "insights.html"), "method").contains(&"survey=Enquête (1)".to_string()));
    assert!(page(&site, "report.html").contains("Bijlage: bronnen"));
    let chapter = page(&site, "narratives/method.html");
    assert!(chapter.contains("<a href=\"../sources/interview-r07.html\">een starter</a>"), "a typed source link");

    // Without sources.yaml a `source:` link has nothing to point at: an error, not plain text.
    fs::remove_file(project.join("sources.yaml")).unwrap();
    let o = run(&["check", project.to_str().unwrap()]);
    assert!(!o.status.success());
    assert!(stderr(&o).contains("unknown source `interview-r07`"), "{}", stderr(&o));
}

#[test]
fn the_example_project_has_a_page_per_source_and_they_export() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&repo("example-project"), &site, &[]);
    check_links(&site);
    let register: Value =
        serde_yaml::from_str(&fs::read_to_string(repo("example-project/sources.yaml")).unwrap()).unwrap();
    let ids: Vec<&String> = register.as_object().map(|m| m.keys().collect()).unwrap_or_default();
    assert_eq!(ids.len(), 24);
    let list = page(&site, "sources.html");
    assert_eq!(list.matches("<tr id=\"source-").count(), 24);
    for id in &ids {
        assert!(site.join(format!("sources/{id}.html")).is_file(), "{id}");
    }
    let out = tmp.path().join("one.html");
    let o = run(&["export", repo("example-project").to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let html = fs::read_to_string(&out).unwrap();
    assert!(html.contains("id=\"page-sources\""), "sources.html is in the export");
    assert!(html.contains("id=\"page-sources-interview-r07\""), "a source page is in the export");
}

/// In a browser, from file://: the source and method filters narrow the list,
/// the hash keeps them and a fresh load restores them; a quote's words find
/// its insight.
#[test]
fn the_source_and_method_filters_work_in_the_browser() {
    if !browser_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let project = fixture(tmp.path());
    let site = tmp.path().join("site");
    build_ok(&project, &site, &[]);
    let cases = serde_json::json!([
        // R09 is quoted by long-quote and one-method.
        { "set": { "source": "interview-r09" }, "expect": ["long-quote", "one-method"] },
        { "set": { "source": "survey-q3" }, "expect": ["own-type"] },
        // The contact log (analytics by inheritance) backs long-quote and strong.
        { "set": { "method": "analytics" }, "expect": ["long-quote", "strong"] },
        // Only own-type has a survey item (its own type; survey-q3 has none).
        { "set": { "method": "survey", "source": "interview-r07" }, "expect": ["own-type"] },
        { "set": { "q": "husband asked" }, "expect": ["long-quote"] },
    ]);
    let shot = output_dir().join("insights-filter-by-source.png");
    node_script("find.mjs", &[&file_url(&site), &cases.to_string(), shot.to_str().unwrap()]);
}

/// Screenshots of a source page and the register for review, at desktop width
/// and at 390 px (tests/output, not committed).
#[test]
fn source_pages_are_kept_as_screenshots() {
    let Some(browser) = common::chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&repo("example-project"), &site, &[]);
    let out = output_dir();
    for (name, size) in [("desktop", "1280,1400"), ("390", "390,1600")] {
        let source = out.join(format!("source-page-{name}.png"));
        common::screenshot(&browser, &site.join("sources/interview-r07.html"), &source, size);
        common::screenshot(&browser, &site.join("sources.html"), &out.join(format!("sources-list-{name}.png")), size);
    }
}
