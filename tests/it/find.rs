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

fn data(site: &std::path::Path, file: &str) -> Value {
    search_data(site, file)
}

/// search/index.js.
fn index(site: &std::path::Path) -> Value {
    data(site, "index.js")
}

/// Each card's `data-id`, in the order of the index.
fn card_ids(site: &std::path::Path) -> Vec<String> {
    search_cards(site)
        .iter()
        .map(|card| card.split("data-id=\"").nth(1).unwrap().split('"').next().unwrap().to_string())
        .collect()
}

/// The insight numbers of `word` in the words files (its postings are gaps).
fn insights_with(site: &std::path::Path, word: &str) -> Vec<u64> {
    let key: String = word.chars().take(2).collect();
    let n = index(site)["keys"][&key].as_u64().unwrap_or_else(|| panic!("no words file for {key}"));
    let gaps = data(site, &format!("words-{n}.js"))[&key][word].clone();
    let mut at = 0;
    gaps.as_array()
        .unwrap_or(&Vec::new())
        .iter()
        .map(|g| {
            at += g.as_u64().unwrap();
            at
        })
        .collect()
}

#[test]
fn the_index_is_split_into_facets_words_and_cards() {
    let (_tmp, site) = built(&["--drafts"]);
    let html = page(&site, "insights.html");
    // The page loads it with a script tag of its own after the first paint (works from file://).
    assert!(html.contains(r#"data-cxsite-script="search/index.js?v="#), "names its index with a version");
    assert!(html.contains(r#"<script src="static/insights.js" defer></script>"#));
    let index = index(&site);
    let ids = card_ids(&site);
    assert_eq!(ids.len(), 4);
    let at = |id: &str| ids.iter().position(|i| i == id).unwrap() as u64;
    let row = &index["insights"][at("meter-mixup") as usize];
    let t = &index["tables"];
    let values = |table: usize, ns: &Value| -> Vec<Value> {
        ns.as_array().unwrap().iter().map(|n| t[table][n.as_u64().unwrap() as usize].clone()).collect()
    };
    assert_eq!(values(0, &row[0]), [json!("ann"), json!("bob")]);
    assert_eq!(t[2][row[2].as_u64().unwrap() as usize], "moving/pack");
    assert_eq!(t[7][row[7].as_u64().unwrap() as usize], "draft");
    assert_eq!(values(4, &row[4]), [json!("billing"), json!("service")]);
    assert_eq!(row[11], "meter readings get mixed up when moving", "the folded title");
    // Evidence quotes and layers are searchable, word by word; accents are folded.
    assert_eq!(insights_with(&site, "zebra"), [at("meter-mixup")]);
    assert_eq!(insights_with(&site, "striped"), [at("meter-mixup")]);
    assert_eq!(insights_with(&site, "beleving"), [at("invoice-doubt")]);
    // No card in the index; safe to inline: nothing in its files could end a
    // `<script>` element or open a comment in it (a card's `</p>` is `<\/p>`).
    assert!(!fs::read_to_string(site.join("search/index.js")).unwrap().contains("insight-card"));
    for f in fs::read_dir(site.join("search")).unwrap() {
        let text = fs::read_to_string(f.unwrap().path()).unwrap();
        assert!(!text.contains("</") && !text.contains("<!--"), "{text}");
    }
    assert!(search_cards(&site)
        .iter()
        .all(|c| c.starts_with("<article class=\"card insight-card\"") && c.ends_with("</article>")));
}

/// A redeploy never mixes a cached file with a new one: every file of the
/// index is named with a hash of its content, and only changed files change.
#[test]
fn each_index_file_is_referenced_with_a_version_of_its_content() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo(FIXTURE), &project);
    let build = |name: &str| {
        let out = tmp.path().join(name);
        build_ok(&project, &out, &["--drafts"]);
        let html = page(&out, "insights.html");
        let src = html.split("data-cxsite-script=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
        (out, src)
    };
    let (a, src_a) = build("a");
    let (_, again) = build("a2");
    assert_eq!(src_a, again, "the same project, the same address");
    let file = project.join("insights/meter-mixup.yaml");
    let yaml = fs::read_to_string(&file).unwrap().replace("zebra-striped", "quagga-striped");
    fs::write(&file, yaml).unwrap();
    let (b, src_b) = build("b");
    assert_ne!(src_a, src_b, "a changed index, a new address");
    let (ia, ib) = (index(&a), index(&b));
    // "zebra" left and "quagga" came: their words files change, the others keep their version.
    let (qu, ze) = (ib["keys"]["qu"].as_u64().unwrap() as usize, ia["keys"]["ze"].as_u64().unwrap() as usize);
    for (n, (va, vb)) in ia["w"].as_array().unwrap().iter().zip(ib["w"].as_array().unwrap()).enumerate() {
        assert_eq!(va == vb, n != qu && n != ze, "words file {n}");
    }
    // A quote is not on the card: the cards file keeps its version.
    assert_eq!(ia["c"][0], ib["c"][0]);
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
    // 123 cards, 25 a file: 5 files, the last with 23.
    assert_eq!(card_ids(&out).len(), 123);
    assert!(!out.join("search/cards-5.js").exists());
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

/// A query word loads only the words file of its first two letters (and the
/// cards files of the cards on show); filters without words load none.
#[test]
fn a_word_loads_only_the_words_file_of_its_first_two_letters() {
    if !browser_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo(FIXTURE), &project);
    for n in 0..120 {
        let yaml = format!(
            "title: Generated insight {n:03}\nsummary: Number {n}.\nemotional: e\nfunctional: f\nbreakthrough: b\npersonas: [ann]\n"
        );
        fs::write(project.join(format!("insights/gen-{n:03}.yaml")), yaml).unwrap();
    }
    let out = tmp.path().join("site");
    build_ok(&project, &out, &[]);
    // 123 insights: four words files, and "generated" is in the one of "ge".
    let index = index(&out);
    assert!(out.join("search/words-3.js").exists() && !out.join("search/words-4.js").exists());
    let file = format!("search/words-{}.js", index["keys"]["ge"]);
    let out_url = file_url(&out);
    node_script("shards.mjs", &[&out_url, "generated", &file, r#"{"persona":"ann"}"#]);
}
