//! coverage.html (issue 14, point 4): personas × stages per journey with the
//! insights and distinct sources of each cell, and the gaps below it.
//! Expected numbers come from reading `tests/fixtures/valid/coverage`:
//!
//! | persona \ stage | orient                          | sign          | start                    | bill              |
//! |-----------------|---------------------------------|---------------|--------------------------|-------------------|
//! | anna            | orient-compare (r1, r2), orient-price (log, r1): 2 / 3 | sign-doubt (r1): 1 / 1 | none | bill-shock (r2, log, no source): 1 / 2 |
//! | bram            | orient-compare: 1 / 2           | 1 / 1         | start-welcome (s1): 1 / 1 | 1 / 2            |
//! | cees            | none                            | 1 / 1         | start-unbacked (no evidence): 1 / 0 | 1 / 2   |

use crate::common;

use std::fs;
use std::path::Path;

use common::{
    attr_values, browser_tools, build_ok, copy_dir, file_url, node_script, output_dir, page, repo, run, stderr,
};

/// One row of a matrix: the persona's name and each cell's (text, href, class).
type Row = (String, Vec<(String, Option<String>, String)>);

/// Text without tags, whitespace collapsed.
fn text(html: &str) -> String {
    common::visible_text(html)
}

/// The part of `html` between `from` and the next `to` after it.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("no {from}")) + from.len();
    let end = html[start..].find(to).unwrap_or_else(|| panic!("no {to} after {from}"));
    &html[start..start + end]
}

/// The column heads and rows of the first matrix on the page.
fn matrix(html: &str) -> (Vec<String>, Vec<Row>) {
    let table = between(html, "<table class=\"coverage-matrix\">", "</table>");
    let head = between(table, "<thead>", "</thead>");
    let heads = head.split("<th scope=\"col\">").skip(2).map(|h| text(h.split("</th>").next().unwrap())).collect();
    let body = between(table, "<tbody>", "</tbody>");
    let rows = body
        .split("<tr>")
        .skip(1)
        .map(|tr| {
            let name = text(between(tr, "<th scope=\"row\">", "</th>"));
            let cells = tr
                .split("<td class=\"")
                .skip(1)
                .map(|td| {
                    let td = td.split("</td>").next().unwrap();
                    let class = td.split('"').next().unwrap().to_string();
                    let inner = &td[td.find('>').unwrap() + 1..];
                    (text(inner), attr_values(inner, "href").into_iter().next().map(|h| common::unescape(&h)), class)
                })
                .collect();
            (name, cells)
        })
        .collect();
    (heads, rows)
}

/// The items of the list under the heading with id `id`, as text; "None." when it says so.
fn list(html: &str, id: &str) -> Vec<String> {
    let section = between(html, &format!("<section id=\"{id}\">"), "</section>");
    let after_heading = &section[section.find("</h3>").unwrap()..];
    if !after_heading.contains("<li>") {
        return vec![text(after_heading)];
    }
    after_heading.split("<li>").skip(1).map(|li| text(li.split("</li>").next().unwrap())).collect()
}

/// Evidence items per method on the page: (row label, count).
fn methods(html: &str) -> Vec<(String, String)> {
    let table = between(html, "<table class=\"coverage-methods\">", "</table>");
    let body = between(table, "<tbody>", "</tfoot>");
    body.split("<th scope=\"row\">")
        .skip(1)
        .map(|r| {
            let label = text(r.split("</th>").next().unwrap());
            let count = text(between(r, "<td>", "</td>"));
            (label, count)
        })
        .collect()
}

fn cell(text: &str, href: Option<&str>, shade: usize) -> (String, Option<String>, String) {
    let class = if href.is_some() { format!("coverage-cell shade-{shade}") } else { "coverage-empty".into() };
    (text.to_string(), href.map(str::to_string), class)
}

fn built(project: &Path) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(project, &out, &[]);
    (tmp, out)
}

#[test]
fn every_cell_counts_the_insights_and_distinct_sources_of_its_persona_and_stage() {
    let (_tmp, out) = built(&repo("tests/fixtures/valid/coverage"));
    let html = page(&out, "coverage.html");
    let (heads, rows) = matrix(&html);
    assert_eq!(heads, ["Orient", "Sign up", "Start", "First bill"], "the journey's stages, in order");
    let href = |p: &str, s: &str| format!("insights.html#persona={p}&stage=move/{s}");
    let h = |p: &str, s: &str| Some(href(p, s));
    // The dash before "no insights" is the stylesheet's (not read out).
    let empty = cell("no insights", None, 0);
    // The fullest cell (anna × orient, 2 insights) is the darkest; 1 of 2 is halfway (shade 2 of 4).
    let expected: Vec<Row> = vec![
        (
            "Anna the Analyst".into(),
            vec![
                cell("2 insights 3 sources", h("anna", "orient").as_deref(), 4),
                cell("1 insight 1 source", h("anna", "sign").as_deref(), 2),
                empty.clone(),
                cell("1 insight 2 sources", h("anna", "bill").as_deref(), 2),
            ],
        ),
        (
            "Bram the Busy".into(),
            vec![
                cell("1 insight 2 sources", h("bram", "orient").as_deref(), 2),
                cell("1 insight 1 source", h("bram", "sign").as_deref(), 2),
                cell("1 insight 1 source", h("bram", "start").as_deref(), 2),
                cell("1 insight 2 sources", h("bram", "bill").as_deref(), 2),
            ],
        ),
        (
            "Cees the Careful".into(),
            vec![
                empty.clone(),
                cell("1 insight 1 source", h("cees", "sign").as_deref(), 2),
                cell("1 insight 0 sources", h("cees", "start").as_deref(), 2),
                cell("1 insight 2 sources", h("cees", "bill").as_deref(), 2),
            ],
        ),
    ];
    assert_eq!(rows, expected);
    // report.html (and so the PDF) ends with the same matrix, after the chapters.
    let report = page(&out, "report.html");
    let appendix = &report[report.find("id=\"report-coverage\"").expect("a coverage section in the report")..];
    assert_eq!(matrix(appendix), (heads.clone(), expected));
    // Accessible markup: a caption, column and row heads with their scope.
    assert!(html.contains("<caption>Insights and sources per persona and stage: Moving house</caption>"));
    assert_eq!(html.matches("<th scope=\"row\"><a href=\"personas/").count(), 3);
    // Linked from the navigation on every page.
    for p in ["index.html", "insights/sign-doubt.html"] {
        let nav = between(&page(&out, p), "<nav class=\"site-nav\"", "</nav>").to_string();
        assert!(attr_values(&nav, "href").iter().any(|h| h.ends_with("coverage.html")), "{p} links to coverage.html");
    }
    // Every link on the page leads somewhere that exists.
    for link in attr_values(&html, "href").into_iter().filter(|l| !l.starts_with("data:") && !l.starts_with('#')) {
        let file = link.split('#').next().unwrap();
        assert!(out.join(file).is_file(), "{link} leads nowhere");
    }
}

#[test]
fn the_lists_below_the_matrix_name_every_gap_and_the_mix_of_methods() {
    let project = repo("tests/fixtures/valid/coverage");
    let (_tmp, out) = built(&project);
    let html = page(&out, "coverage.html");
    // Every stage and every persona has an insight.
    assert_eq!(list(&html, "empty-stages"), ["None."]);
    assert_eq!(list(&html, "idle-personas"), ["None."]);
    // start-welcome has no `breakthrough:`; every other insight has all three layers.
    assert_eq!(list(&html, "missing-layers"), ["The welcome email is skimmed (Breakthrough)"]);
    assert_eq!(list(&html, "no-evidence"), ["Moving day is hectic"]);
    // desk-competitors is in sources.yaml; no evidence names it.
    assert_eq!(list(&html, "unused-sources"), ["Competitor scan desk-competitors"]);
    // Interviews: r1 ×4 and r2 in orient-compare (bill-shock's r2 quote says `type:
    // observation`); log ×2 analytics; s1 survey; one quote without source or type. Ten in all.
    let want = [
        ("Interview", "5"),
        ("Survey", "1"),
        ("Observation", "1"),
        ("Analytics", "2"),
        ("Social media", "0"),
        ("NPS comments", "0"),
        ("Desk research", "0"),
        ("No method given", "1"),
        ("Total", "10"),
    ];
    let got = methods(&html);
    let want: Vec<(String, String)> = want.iter().map(|(a, b)| (a.to_string(), b.to_string())).collect();
    assert_eq!(got, want);

    // The warnings the fixture is built to raise: sign-doubt's `confidence: high` (line 9,
    // after `confidence: `) on r1 alone, and start-unbacked without evidence.
    let o = run(&["check", project.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(
        err.contains("insights/sign-doubt.yaml:9:13: warning: `confidence: high` rests on 1 source and 1 method"),
        "{err}"
    );
    assert!(err.contains("insights/start-unbacked.yaml:1:1: warning: no evidence backs this insight"), "{err}");
}

#[test]
fn an_empty_stage_and_an_idle_persona_are_listed_in_dutch() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("coverage");
    copy_dir(&repo("tests/fixtures/valid/coverage"), &project);
    // Cees loses his insights and the bill stage its only one (it moves to start).
    fs::remove_file(project.join("insights/start-unbacked.yaml")).unwrap();
    let edit = |file: &str, from: &str, to: &str| {
        let path = project.join(file);
        let yaml = fs::read_to_string(&path).unwrap();
        assert!(yaml.contains(from));
        fs::write(&path, yaml.replace(from, to)).unwrap();
    };
    edit("insights/sign-doubt.yaml", "[anna, bram, cees]", "[anna, bram]");
    edit("insights/bill-shock.yaml", "[anna, bram, cees]", "[anna, bram]");
    edit("insights/bill-shock.yaml", "stage: bill", "stage: start");
    edit("cxsite.yaml", "client: Fixture", "client: Fixture\nlanguage: nl");
    let (_t, out) = built(&project);
    let html = page(&out, "coverage.html");
    assert_eq!(list(&html, "empty-stages"), ["Moving house : First bill"]);
    assert_eq!(list(&html, "idle-personas"), ["Cees the Careful"]);
    assert_eq!(list(&html, "no-evidence"), ["Geen."]);
    let (heads, rows) = matrix(&html);
    assert_eq!(heads.len(), 4);
    let cees = &rows[2];
    assert!(cees.1.iter().all(|c| c.0 == "geen inzichten" && c.1.is_none()), "{cees:?}");
    // anna × start: bill-shock now, 2 sources (r2, log).
    assert_eq!(rows[0].1[2].0, "1 inzicht 2 bronnen");
    assert!(html.contains("<h2>Hiaten</h2>") && html.contains("Onderbouwing per methode"));
}

#[test]
fn a_project_without_journeys_has_no_coverage_page() {
    let (_tmp, out) = built(&repo("tests/fixtures/valid/evidence"));
    assert!(!out.join("coverage.html").exists());
    assert!(!page(&out, "index.html").contains("coverage.html"));
}

#[test]
fn clicking_a_cell_lands_on_the_insights_of_that_cell() {
    if !browser_tools() {
        return;
    }
    let (_tmp, out) = built(&repo("tests/fixtures/valid/coverage"));
    let shots = output_dir().join("coverage");
    let expect = r#"["orient-compare","orient-price"]"#;
    let href = "insights.html#persona=anna&stage=move/orient";
    let one_file = out.parent().unwrap().join("one-file.html");
    let o = run(&["export", repo("tests/fixtures/valid/coverage").to_str().unwrap(), "-o", one_file.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let export_url = format!("file://{}", one_file.display());
    let args = [&file_url(&out), href, expect, "anna", "move/orient", shots.to_str().unwrap(), &export_url];
    node_script("coverage.mjs", &args);
    // The example project, for review.
    if let Some(browser) = common::chromium() {
        let (_t2, example) = built(&repo("example-project"));
        let png = output_dir().join("coverage-example.png");
        common::screenshot(&browser, &example.join("coverage.html"), &png, "1400,2400");
    }
}

#[test]
fn each_step_of_the_journey_map_says_how_many_insights_and_sources_back_it() {
    let (_tmp, out) = built(&repo("tests/fixtures/valid/coverage"));
    let html = page(&out, "journeys/move.html");
    let map = between(&html, "class=\"journey-map\"", "</svg>");
    // Each step group: its name and its backing line, if any.
    let steps: Vec<(String, Option<String>)> = map
        .split("<g class=\"step step-")
        .skip(1)
        .map(|g| {
            let name = text(between(g, "class=\"step-name\"", "</text>").split_once('>').unwrap().1);
            let backing = g
                .split_once("class=\"step-backing\"")
                .map(|(_, rest)| text(rest.split_once('>').unwrap().1.split("</text>").next().unwrap()));
            (name, backing)
        })
        .collect();
    let some = |s: &str| Some(s.to_string());
    let expected = vec![
        // orient-compare (r1, r2) and orient-price (log, r1).
        ("Compares offers".to_string(), some("2 insights · 3 sources")),
        ("Signs the contract".into(), some("1 insight · 1 source")),
        ("Reads the welcome email".into(), some("1 insight · 1 source")),
        // Names no insight: no line.
        ("Moves in".into(), None),
        // bill-shock: r2, log and a quote without source.
        ("Opens the first bill".into(), some("1 insight · 2 sources")),
    ];
    assert_eq!(steps, expected);
}
