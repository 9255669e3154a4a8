//! `cxsite portfolio` (SPEC §9c, issue 16 point 1) on the fixture portfolio
//! `tests/fixtures/portfolio` (with a logo, `northlight.svg`): three studies
//! under `studies/`, picked up by the glob `studies/*`:
//!
//! * `acme-2026`: English, `confidential: true`, dated 2026-03-10, client Acme
//!   Energy; 2 insights (tags billing, onboarding), each with one quote;
//!   1 persona; 1 chapter; one NPS series whose last period has 50
//!   promoters and 20 detractors of 100 (NPS 30).
//! * `tidewater-nl`: Dutch, dated 2025-10-15, client Tidewater Rail;
//!   1 insight with one quote; 1 persona.
//! * `harbour-2024`: `confidence: hgh` on line 3, column 13 of its one
//!   insight — a content error.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;

use common::{browser_tools, check_links, copy_dir, file_url, node_script, output_dir, page, repo, run, stderr};
use serde_json::json;

/// A copy of the fixture portfolio in a temporary folder, and its output folder.
fn portfolio() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pf");
    copy_dir(&repo("tests/fixtures/portfolio"), &dir);
    let out = dir.join("public");
    (tmp, dir, out)
}

fn build(dir: &Path, extra: &[&str]) -> Output {
    let mut args = vec!["portfolio", dir.to_str().unwrap()];
    args.extend_from_slice(extra);
    run(&args)
}

fn fix_harbour(dir: &Path, title: &str, confidence: &str) {
    let text = format!(
        "title: {title}\nsummary: Customers give up at the identity check.\nconfidence: {confidence}\nimpact: high\n"
    );
    fs::write(dir.join("studies/harbour-2024/insights/slow-signup.yaml"), text).unwrap();
}

/// The card of study `id` on the portfolio page.
fn card(index: &str, id: &str) -> String {
    let start = index.find(&format!("data-study=\"{id}\"")).unwrap_or_else(|| panic!("no card for {id}"));
    let end = index[start..].find("</article>").unwrap() + start;
    index[start..end].to_string()
}

#[test]
fn good_studies_publish_the_broken_one_is_reported_and_exit_is_1() {
    let (_tmp, dir, out) = portfolio();
    let o = build(&dir, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "a study failed:\n{err}");
    // The problem is named from where cxsite runs: the project folder, then the file.
    let at = format!("{}/studies/harbour-2024/insights/slow-signup.yaml:3:13: error:", dir.display());
    assert!(err.contains(&at), "no {at} in:\n{err}");
    assert!(err.contains("harbour-2024 FAILED: 1 error"), "{err}");
    assert!(err.contains("; not published"), "it never built: {err}");
    for id in ["acme-2026", "tidewater-nl"] {
        assert!(err.contains(&format!("] {id} built in")), "{id} not reported built:\n{err}");
        assert!(out.join(id).join("index.html").is_file(), "{id} not built");
    }
    assert!(!out.join("harbour-2024").exists(), "a study that never built has no folder");
    assert!(out.join("index.html").is_file() && out.join("static/cxsite.css").is_file());
    assert!(check_links(&out) > 0);
    // Each study with its own settings: the Dutch one in Dutch.
    assert!(page(&out, "tidewater-nl/index.html").contains("<html lang=\"nl\">"));
    assert!(page(&out, "acme-2026/index.html").contains("<html lang=\"en\">"));
}

#[test]
fn cards_show_what_each_study_holds_newest_first() {
    let (_tmp, dir, out) = portfolio();
    build(&dir, &[]);
    let index = page(&out, "index.html");
    assert!(index.contains("<h1>Insights portfolio</h1>") && index.contains("Northlight CX"));
    assert!(index.contains("<img class=\"brand-logo\" src=\"static/portfolio-logo.svg\""), "the logo, copied");
    assert!(out.join("static/portfolio-logo.svg").is_file());
    let acme = card(&index, "acme-2026");
    assert!(acme.contains("2 insights · 1 persona · 1 chapter"), "{acme}");
    assert!(acme.contains("Acme Energy") && acme.contains("datetime=\"2026-03-10\""));
    assert!(acme.contains("NPS 30"), "50 % promoters − 20 % detractors: {acme}");
    assert!(acme.contains("study-confidential"), "acme is confidential");
    assert!(acme.contains("href=\"acme-2026/index.html\""));
    let tide = card(&index, "tidewater-nl");
    assert!(tide.contains("1 insight · 1 persona"), "{tide}");
    assert!(!tide.contains("study-confidential") && !tide.contains("NPS"), "{tide}");
    assert!(tide.contains("data-tags=\"billing\""));
    assert!(acme.contains("data-tags=\"billing|onboarding\""));
    assert!(index.find("data-study=\"acme-2026\"") < index.find("data-study=\"tidewater-nl\""), "2026 before 2025");
    assert!(!index.contains("harbour-2024"), "no card for a study that never built");
    // The filters offer each client, year and tag once.
    for v in ["Acme Energy", "Tidewater Rail", "2026", "2025", "billing", "onboarding"] {
        assert_eq!(index.matches(&format!("<option value=\"{v}\">")).count(), 1, "{v}");
    }
}

/// The cross-study index's first file, `portfolio-search/index.js`, as JSON.
fn search_base(out: &Path) -> serde_json::Value {
    let js = page(out, "portfolio-search/index.js");
    let json = js.split("window.cxsitePortfolio=").nth(1).unwrap().trim().strip_suffix(';').unwrap();
    serde_json::from_str(json).unwrap()
}

/// The words file that holds the words starting with `key` (two letters).
fn words_file(out: &Path, key: &str) -> String {
    format!("portfolio-search/words-{}.js", search_base(out)["keys"][key].as_u64().unwrap())
}

#[test]
fn the_search_index_holds_every_studys_insights_quotes_personas_and_chapters() {
    let (_tmp, dir, out) = portfolio();
    build(&dir, &[]);
    let v = search_base(&out);
    let studies = v["studies"].as_array().unwrap();
    let ids: Vec<&str> = studies.iter().map(|s| s["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["acme-2026", "tidewater-nl"]);
    let kinds = |s: &serde_json::Value| {
        s["items"].as_array().unwrap().iter().map(|i| i[0].as_str().unwrap().to_string()).collect::<Vec<_>>().join("")
    };
    // acme: insight+quote twice, a persona, a chapter; tidewater: insight+quote, a persona.
    assert_eq!(kinds(&studies[0]), "iqiqpc");
    assert_eq!(kinds(&studies[1]), "iqp");
    assert_eq!(
        studies[1]["items"][1],
        json!(["q", "Ik moest drie keer klikken voor ik wist wat het kostte.", "insights/prijs-niet-te-vinden.html"])
    );
    assert_eq!(studies[0]["items"][5], json!(["c", "Summary", "narratives/summary.html"]));
    for s in studies {
        for item in s["items"].as_array().unwrap() {
            let target = out.join(s["id"].as_str().unwrap()).join(item[2].as_str().unwrap());
            assert!(target.is_file(), "{} does not resolve", target.display());
        }
    }
    // The texts are in the words files only, by entry number across the
    // studies (acme 0–5, tidewater 6–8), as gaps: "arrives" is in the invoice
    // insight's summary (0) and the chapter's text (5); "arrive" in the meter
    // insight's layers (2); "klikken" in tidewater's quote (7); "prijs" in
    // tidewater's insight (6) and in its quote's text (its insight's title, 7).
    let base = page(&out, "portfolio-search/index.js");
    assert!(!base.contains("arrives") && !base.contains("<div") && !base.contains("class="), "no text, no HTML");
    let ar = page(&out, &words_file(&out, "ar"));
    assert!(ar.contains("\"ar\":{\"arrive\":[2],\"arrives\":[0,5]}"), "{ar}");
    assert!(page(&out, &words_file(&out, "kl")).contains("\"klikken\":[7]"));
    assert!(page(&out, &words_file(&out, "pr")).contains("\"prijs\":[6,1]"));
    assert!(!out.join("portfolio-search.js").exists(), "the one-file index is gone");
    // index.html loads the base by its version.
    let index = page(&out, "index.html");
    let src = index.split("<script src=\"portfolio-search/index.js?v=").nth(1).unwrap();
    assert_eq!(src.find('"'), Some(16), "a 16-digit version: {}", &src[..40]);
}

/// A portfolio of before the split has its one-file index removed, and a
/// words file a bigger portfolio left is removed when there are fewer.
#[test]
fn a_rebuild_leaves_no_index_file_of_an_earlier_build() {
    let (_tmp, dir, out) = portfolio();
    build(&dir, &[]);
    fs::write(out.join("portfolio-search.js"), "window.cxsitePortfolio = {};\n").unwrap();
    fs::write(out.join("portfolio-search/words-99.js"), "cxsiteShard(\"w99\",{});\n").unwrap();
    build(&dir, &[]);
    assert!(!out.join("portfolio-search.js").exists());
    assert!(!out.join("portfolio-search/words-99.js").exists());
    assert!(out.join("portfolio-search/words-0.js").exists());
}

#[test]
fn a_second_run_skips_unchanged_studies_and_rebuilds_a_changed_one() {
    let (_tmp, dir, out) = portfolio();
    build(&dir, &[]);
    let before = fs::metadata(out.join("acme-2026/index.html")).unwrap().modified().unwrap();
    let modified = |rel: &str| fs::metadata(out.join(rel)).unwrap().modified().unwrap();
    let shared =
        ["portfolio-search/index.js", "static/cxsite.css", "static/portfolio.js"].map(|rel| (rel, modified(rel)));
    std::thread::sleep(std::time::Duration::from_millis(20));
    let o = build(&dir, &[]);
    // The portfolio's own files, the same bytes again, are not written again.
    for (rel, at) in shared {
        assert_eq!(modified(rel), at, "{rel} was written again");
    }
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "the broken study is still broken");
    assert!(err.contains("acme-2026 skipped (unchanged)") && err.contains("tidewater-nl skipped (unchanged)"), "{err}");
    assert!(err.contains("harbour-2024 FAILED"), "a failed study is tried again: {err}");
    assert!(String::from_utf8_lossy(&o.stdout).contains("0 built, 2 skipped (unchanged), 1 failed"));
    assert_eq!(fs::metadata(out.join("acme-2026/index.html")).unwrap().modified().unwrap(), before);
    assert!(page(&out, "index.html").contains("data-study=\"tidewater-nl\""), "a skipped study keeps its card");
    let persona = dir.join("studies/tidewater-nl/personas/forens.yaml");
    fs::write(&persona, "name: Maya de forens\ntagline: Neemt de trein van 08.12 uur\n").unwrap();
    let err = stderr(&build(&dir, &[]));
    assert!(err.contains("tidewater-nl built in") && err.contains("acme-2026 skipped (unchanged)"), "{err}");
    assert!(page(&out, "tidewater-nl/personas/forens.html").contains("08.12"));
    // Other options are other inputs.
    assert!(stderr(&build(&dir, &["--drafts"])).contains("acme-2026 built in"));
}

#[test]
fn a_broken_study_keeps_its_last_good_copy_and_card() {
    let (_tmp, dir, out) = portfolio();
    fix_harbour(&dir, "Sign-up takes too long", "high");
    let o = build(&dir, &[]);
    assert_eq!(o.status.code(), Some(0), "all three are good:\n{}", stderr(&o));
    assert!(page(&out, "harbour-2024/insights/slow-signup.html").contains("Sign-up takes too long"));
    fix_harbour(&dir, "Sign-up is slow", "hgh");
    let o = build(&dir, &[]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("harbour-2024/insights/slow-signup.yaml:3:13: error:"), "{}", stderr(&o));
    assert!(stderr(&o).contains("harbour-2024 FAILED: 1 error in 1 file (1 file could not be read), 0 warnings; its last good copy stays published"), "{}", stderr(&o));
    let kept = page(&out, "harbour-2024/insights/slow-signup.html");
    assert!(kept.contains("Sign-up takes too long") && !kept.contains("Sign-up is slow"), "the last good copy");
    assert!(card(&page(&out, "index.html"), "harbour-2024").contains("Harbour app onboarding"));
    assert!(check_links(&out) > 0);
    // Repaired as it was: its inputs are those of the last good copy again.
    fix_harbour(&dir, "Sign-up takes too long", "high");
    let o = build(&dir, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_study_dropped_from_the_portfolio_leaves_the_output() {
    let (_tmp, dir, out) = portfolio();
    build(&dir, &[]);
    assert!(out.join("acme-2026").is_dir());
    fs::write(dir.join("portfolio.yaml"), "title: Smaller\nprojects: [studies/tidewater-nl]\n").unwrap();
    let o = build(&dir, &[]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!out.join("acme-2026").exists(), "its folder was cxsite's and goes");
    assert!(!page(&out, "index.html").contains("acme-2026"));
}

#[test]
fn the_output_folder_follows_the_safety_rules() {
    let (tmp, dir, _) = portfolio();
    let foreign = tmp.path().join("mine");
    fs::create_dir_all(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "keep me").unwrap();
    let o = build(&dir, &["-o", foreign.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not made by cxsite"), "{}", stderr(&o));
    assert_eq!(fs::read_dir(&foreign).unwrap().count(), 1, "nothing written into a folder cxsite did not make");
    // Never into a project's own folders, nor over the portfolio folder.
    let inside = dir.join("studies/acme-2026/insights/out");
    assert_eq!(build(&dir, &["-o", inside.to_str().unwrap()]).status.code(), Some(2));
    assert!(!inside.exists());
    assert_eq!(build(&dir, &["-o", dir.to_str().unwrap()]).status.code(), Some(2));
}

#[test]
fn problems_in_portfolio_yaml_are_named_at_their_line_and_column() {
    let (_tmp, dir, out) = portfolio();
    fs::write(dir.join("portfolio.yaml"), "title: P\nprojects:\n  - studies/*\n  - studies/nowhere\ncolour: red\n")
        .unwrap();
    let o = build(&dir, &[]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let file = format!("{}/portfolio.yaml", dir.display());
    assert!(err.contains(&format!("{file}:5:1: error: unknown key `colour`")), "{err}");
    assert!(!out.exists(), "nothing built");
    fs::write(dir.join("portfolio.yaml"), "title: P\nprojects:\n  - studies/*\n  - studies/nowhere\n").unwrap();
    let err = stderr(&build(&dir, &[]));
    assert!(err.contains(&format!("{file}:4:5: error: `studies/nowhere` is not a project folder")), "{err}");
    fs::write(dir.join("portfolio.yaml"), "title: P\nlogo: ../secret.png\nprojects: [studies/*]\n").unwrap();
    let err = stderr(&build(&dir, &[]));
    assert!(
        err.contains(&format!("{file}:2:7: error: the logo `../secret.png` is not inside the portfolio folder")),
        "{err}"
    );
    fs::write(dir.join("portfolio.yaml"), "title: P\nlogo: portfolio.yaml\nprojects: [studies/*]\n").unwrap();
    let err = stderr(&build(&dir, &[]));
    assert!(err.contains(&format!("{file}:2:7: error: the logo `portfolio.yaml` is not an image")), "{err}");
    assert!(!out.exists(), "nothing built");
    // Two folders of the same name would be one folder in the output.
    copy_dir(&dir.join("studies/acme-2026"), &dir.join("archive/acme-2026"));
    fs::write(dir.join("portfolio.yaml"), "title: P\nprojects:\n  - studies/*\n  - archive/acme-2026\n").unwrap();
    let err = stderr(&build(&dir, &[]));
    assert!(err.contains(&format!("{file}:4:5: error: two project folders are named `acme-2026`")), "{err}");
    assert!(!out.exists(), "nothing built");
    fs::write(dir.join("other.yaml"), "").unwrap();
    let o = run(&["portfolio", dir.join("studies").to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "no portfolio.yaml: {}", stderr(&o));
}

/// From file://, the search finds across studies (grouped by study, each hit
/// linking into its study), a one-word query loads only the words file of its
/// first two letters, the filters hide cards and narrow the search, and a
/// result leads into the study, whose own search still works.
#[test]
fn the_search_across_studies_works_from_file_urls_and_leads_into_a_study() {
    if !browser_tools() {
        return;
    }
    let (_tmp, dir, out) = portfolio();
    build(&dir, &[]);
    // A one-word query loads the base and the one words file of its first two letters.
    let cases = json!([
        // The insight, then its quote (a quote is found by its insight's title too).
        { "q": "prijs", "loads": [words_file(&out, "pr")], "expect": { "tidewater-nl": [
            "tidewater-nl/insights/prijs-niet-te-vinden.html", "tidewater-nl/insights/prijs-niet-te-vinden.html"] } },
        // The insight, its quote, and the chapter whose text speaks of the invoice.
        { "q": "invoice", "loads": [words_file(&out, "in")], "expect": { "acme-2026": [
            "acme-2026/insights/invoice-worry.html", "acme-2026/insights/invoice-worry.html",
            "acme-2026/narratives/summary.html"] } },
        // A word of one letter: the start of a title's word ("about", "app",
        // "amount", "A meter"; no word of the texts), no words file.
        { "q": "a", "loads": [], "expect": { "acme-2026": [
            "acme-2026/insights/invoice-worry.html", "acme-2026/insights/invoice-worry.html",
            "acme-2026/insights/meter-photo.html"] } },
        { "q": "KLIKKEN", "expect": { "tidewater-nl": ["tidewater-nl/insights/prijs-niet-te-vinden.html"] } },
        { "q": "nadia", "expect": { "acme-2026": ["acme-2026/personas/new-customer.html"] } },
        { "q": "first month", "expect": { "acme-2026": ["acme-2026/narratives/summary.html"] } },
        // Title hits first: the invoice insight; then its quote, the meter insight, the chapter.
        { "q": "customers", "expect": { "acme-2026": [
            "acme-2026/insights/invoice-worry.html", "acme-2026/insights/invoice-worry.html",
            "acme-2026/insights/meter-photo.html", "acme-2026/narratives/summary.html"] } },
        { "q": "xyzzy", "expect": {} },
        { "q": "prijs", "filters": { "client": "Acme Energy" }, "expect": {}, "cards": ["acme-2026"] },
        { "q": "", "filters": { "year": "2025" }, "expect": {}, "cards": ["tidewater-nl"] },
        { "q": "", "filters": { "tag": "onboarding" }, "expect": {}, "cards": ["acme-2026"] },
        { "q": "", "filters": { "tag": "billing" }, "expect": {}, "cards": ["acme-2026", "tidewater-nl"] },
    ]);
    let shot = output_dir().join("portfolio-search.png");
    node_script("portfolio.mjs", &[&file_url(&out), &cases.to_string(), shot.to_str().unwrap()]);
}

#[test]
fn a_dutch_portfolio_page_has_dutch_labels_and_the_studies_keep_their_own() {
    let (_tmp, dir, out) = portfolio();
    let yaml = fs::read_to_string(dir.join("portfolio.yaml")).unwrap().replace("language: en", "language: nl");
    fs::write(dir.join("portfolio.yaml"), yaml).unwrap();
    build(&dir, &[]);
    let index = page(&out, "index.html");
    assert!(index.contains("<html lang=\"nl\">"));
    for label in ["Onderzoeken", "Alle opdrachtgevers", "Alle jaren", "Zoek in alle onderzoeken…", "Vertrouwelijk"] {
        assert!(index.contains(label), "{label}");
    }
    let acme = card(&index, "acme-2026");
    assert!(acme.contains("2 inzichten · 1 persona · 1 hoofdstuk") && acme.contains("10 maart 2026"), "{acme}");
    assert!(page(&out, "acme-2026/index.html").contains("<html lang=\"en\">"));
}
