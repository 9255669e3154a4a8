//! Search and filters on insights.html: the index file, the filter form and,
//! in headless Chromium over file://, every filter narrowing the list with
//! its state in the URL hash.

use crate::common;

use std::fs;

use common::*;
use serde_json::{json, Value};

const FIXTURE: &str = "tests/fixtures/valid/search";

fn built(extra: &[&str]) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(&repo(FIXTURE), &out, extra);
    (tmp, out)
}

/// The index as the page sees it: `window.cxsiteSearch = {…};`.
fn index(site: &std::path::Path) -> Value {
    let js = fs::read_to_string(site.join("search-index.js")).unwrap();
    let json = js.trim().strip_prefix("window.cxsiteSearch = ").and_then(|s| s.strip_suffix(';')).unwrap();
    serde_json::from_str(json).unwrap()
}

#[test]
fn the_index_is_a_script_with_every_insight_its_facets_and_card() {
    let (_tmp, site) = built(&["--drafts"]);
    let html = page(&site, "insights.html");
    // The page loads it with a script tag of its own after the first paint (works from file://).
    assert!(html.contains(r#"data-cxsite-script="search-index.js""#), "names its index");
    assert!(html.contains(r#"<script src="static/insights.js" defer></script>"#));
    let index = index(&site);
    let entries = index["insights"].as_array().unwrap();
    assert_eq!(entries.len(), 4);
    let meter = entries.iter().find(|e| e["h"].as_str().unwrap().contains(r#"data-id="meter-mixup""#)).unwrap();
    assert_eq!(meter["p"], json!(["ann", "bob"]));
    assert_eq!(meter["s"], "moving/pack");
    assert_eq!(meter["st"], "draft");
    assert_eq!(meter["t"], json!(["billing", "service"]));
    // Evidence quotes and layers are searchable; accents are folded.
    let text = |id: &str| {
        entries.iter().find(|e| e["h"].as_str().unwrap().contains(&format!("data-id=\"{id}\""))).unwrap()["x"]
            .as_str()
            .unwrap()
            .to_string()
    };
    assert!(text("meter-mixup").contains("zebra-striped form"));
    assert!(text("invoice-doubt").contains("beleving matters"));
    // Safe to inline: no `<` anywhere in the file.
    assert!(!fs::read_to_string(site.join("search-index.js")).unwrap().contains('<'));
}

#[test]
fn the_filter_form_offers_each_facet_with_counts() {
    let (_tmp, site) = built(&["--drafts"]);
    let html = page(&site, "insights.html");
    for facet in ["q", "persona", "journey", "stage", "bias", "tag", "confidence", "impact", "status"] {
        assert!(html.contains(&format!("data-cxsite-filter=\"{facet}\"")), "no {facet} filter");
    }
    assert!(html.contains(r#"<option value="ann">Ann the Analyst (2)</option>"#), "{html}");
    assert!(html.contains(r#"<option value="billing">#billing (2)</option>"#));
    assert!(html.contains(r#"<optgroup label="Moving house">"#));
    assert!(html.contains(r#"<option value="signup/wait">Waiting for the invoice (1)</option>"#));
    assert!(html.contains(r#"<option value="draft">Draft (1)</option>"#));
    // Without drafts, no draft to filter on (statuses still differ: review, final).
    let (_tmp2, site2) = built(&[]);
    let html = page(&site2, "insights.html");
    assert!(html.contains(r#"<option value="review">In review (1)</option>"#));
    assert!(!html.contains(r#"<option value="draft">"#));
    // With one status only there is nothing to filter on.
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo(FIXTURE), &project);
    fs::remove_file(project.join("insights/review-overload.yaml")).unwrap();
    build_ok(&project, &tmp.path().join("site"), &[]);
    assert!(!page(&tmp.path().join("site"), "insights.html").contains("data-cxsite-filter=\"status\""));
}

#[test]
fn a_long_list_starts_with_the_first_cards_and_says_how_many_there_are() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo(FIXTURE), &project);
    for n in 0..120 {
        let yaml = format!(
            "title: Generated insight {n:03}\nsummary: Number {n}.\nemotional: e\nfunctional: f\nbreakthrough: b\n"
        );
        fs::write(project.join(format!("insights/gen-{n:03}.yaml")), yaml).unwrap();
    }
    let out = tmp.path().join("site");
    build_ok(&project, &out, &[]);
    let html = page(&out, "insights.html");
    assert_eq!(html.matches("<article class=\"card insight-card\"").count(), 50);
    assert!(html.contains("Showing 50 of 123 insights"), "status line");
    assert!(html.contains("<noscript>"), "a note for readers without JavaScript");
    assert_eq!(index(&out)["insights"].as_array().unwrap().len(), 123);
    // In the browser, "Show more" brings the rest, 50 at a time.
    if browser_tools() {
        node_script("more.mjs", &[&file_url(&out), "123", "50"]);
    }
}

/// Each filter and the words narrow the list; the hash holds the state and a
/// fresh load of the link restores it; the header's box leads there.
#[test]
fn search_and_every_filter_work_in_the_browser_from_file_urls() {
    if !browser_tools() {
        return;
    }
    let (_tmp, site) = built(&["--drafts"]);
    let cases = json!([
        { "set": { "q": "invoice" }, "expect": ["invoice-doubt"] },
        { "set": { "q": "zebra" }, "expect": ["meter-mixup"] },
        { "set": { "q": "BELEVING" }, "expect": ["invoice-doubt"] },
        { "set": { "q": "dogan stefan" }, "expect": ["invoice-doubt"] },
        { "set": { "q": "Ștefan" }, "expect": ["invoice-doubt"] },
        { "set": { "q": "customers" }, "expect": ["invoice-doubt", "review-overload", "quiet-loyalty"] },
        { "set": { "q": "xyzzy" }, "expect": [] },
        { "set": { "persona": "ann" }, "expect": ["invoice-doubt", "meter-mixup"] },
        { "set": { "journey": "signup" }, "expect": ["invoice-doubt", "review-overload"] },
        { "set": { "stage": "signup/compare" }, "expect": ["review-overload"] },
        { "set": { "bias": "anchoring" }, "expect": ["invoice-doubt"] },
        { "set": { "tag": "billing" }, "expect": ["invoice-doubt", "meter-mixup"] },
        { "set": { "confidence": "medium" }, "expect": ["meter-mixup", "quiet-loyalty"] },
        { "set": { "impact": "high" }, "expect": ["invoice-doubt", "quiet-loyalty"] },
        { "set": { "status": "review" }, "expect": ["review-overload"] },
        { "set": { "persona": "bob", "tag": "billing" }, "expect": ["meter-mixup"] },
        { "set": { "q": "customers", "impact": "high" }, "expect": ["invoice-doubt", "quiet-loyalty"] },
    ]);
    let shot = output_dir().join("insights-search.png");
    node_script("find.mjs", &[&file_url(&site), &cases.to_string(), shot.to_str().unwrap()]);
    assert!(shot.exists());
}
