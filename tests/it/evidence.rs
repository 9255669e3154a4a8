//! Evidence you can trace (issue 14, the register and the checks): with
//! `sources.yaml`, evidence names its source by id and inherits its type, and
//! the checks that keep a report honest warn where the evidence is thin.
//! Expected positions and counts come from reading the fixture
//! `tests/fixtures/valid/evidence` (see the comment on each case).

use crate::common;

use std::fs;

use serde_json::Value;

use common::{build_ok, copy_dir, page, repo, run, stderr};

/// `(file, line, column, code, message)` of one diagnostic.
type Found = (String, u64, u64, String, String);

/// The exit code and every diagnostic of `check --format json`.
fn diagnostics(project: &std::path::Path, extra: &[&str]) -> (Option<i32>, Vec<Found>) {
    let mut args = vec!["check", project.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let o = run(&args);
    let lines = String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| {
            let d: Value = serde_json::from_str(l).unwrap();
            let file = d["file"].as_str().unwrap().rsplit_once("evidence/").map(|(_, f)| f.to_string()).unwrap();
            let n = |k: &str| d[k].as_u64().unwrap();
            (file, n("line"), n("column"), d["code"].as_str().unwrap().into(), d["message"].as_str().unwrap().into())
        })
        .collect();
    (o.status.code(), lines)
}

#[test]
fn thin_evidence_and_long_quotes_are_warned_about_exactly_where_they_are() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("evidence");
    copy_dir(&repo("tests/fixtures/valid/evidence"), &project);
    let (code, found) = diagnostics(&project, &[]);
    assert_eq!(code, Some(0));
    let expected = [
        // The third answer of four sentences, line 7; its text starts after `  - quote: `.
        ("insights/long-quote.yaml", 7, 12, "long-quote", "this quote has 4 sentences, more than 3"),
        // No `evidence:` at all: the first key line.
        ("insights/no-evidence.yaml", 1, 1, "thin-evidence", "no evidence backs this insight"),
        // interview-r07 and interview-r09: two sources, both interviews.
        ("insights/one-method.yaml", 6, 13, "thin-evidence", "`confidence: high` rests on 2 sources and 1 method"),
        // interview-r07 twice.
        ("insights/one-source.yaml", 6, 13, "thin-evidence", "`confidence: high` rests on 1 source and 1 method"),
    ];
    let found: Vec<(&str, u64, u64, &str, &str)> =
        found.iter().map(|(f, l, c, k, m)| (f.as_str(), *l, *c, k.as_str(), m.as_str())).collect();
    // `strong` (an interview by inheritance and analytics) and `own-type` (a survey item on a source
    // without a type, and an interview) are carried by their evidence: no warning.
    assert_eq!(found, expected);
    let (code, _) = diagnostics(&project, &["--strict"]);
    assert_eq!(code, Some(1), "--strict makes the warnings errors");

    // Without the register, `source` is free text and nothing is inherited: the strong insight's
    // evidence has no types left, so it rests on 0 methods; no source is "unknown".
    fs::remove_file(project.join("sources.yaml")).unwrap();
    let (code, found) = diagnostics(&project, &[]);
    assert_eq!(code, Some(0));
    let strong: Vec<_> = found.iter().filter(|d| d.0 == "insights/strong.yaml").map(|d| d.4.as_str()).collect();
    assert_eq!(strong, ["`confidence: high` rests on 2 sources and 0 methods"]);
    assert!(found.iter().all(|d| d.3 != "unknown-ref"), "{found:?}");
}

#[test]
fn an_insight_page_names_the_source_and_its_inherited_type_and_the_file_is_published() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&repo("tests/fixtures/valid/evidence"), &site, &[]);
    let html = page(&site, "insights/strong.html");
    // The quote's source is `interview-r07`: shown by its title (linked to its page), with the
    // source's type, labelled.
    let quote_item = html.split("I kept wondering").nth(1).unwrap().split("</li>").next().unwrap();
    assert!(quote_item.contains("<a href=\"../sources/interview-r07.html\">Interview R07</a>"), "{quote_item}");
    assert!(quote_item.contains("<span class=\"badge\">Interview</span>"), "{quote_item}");
    assert!(site.join("assets/transcripts/r07.txt").is_file(), "a source's file is published with the site");
    let o = run(&["check", repo("tests/fixtures/valid/evidence").to_str().unwrap(), "--strict"]);
    assert!(stderr(&o).contains("one-source.yaml:6:13: error:"), "{}", stderr(&o));
}
