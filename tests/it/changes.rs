//! Deliveries (issue 15, points 1–2): `cxsite-data.json` in every site,
//! `since` → changes.html, badges and the change filter, `cxsite diff`.
//!
//! The two versions of `tests/fixtures/valid/changes-v1` → `changes-v2`
//! differ in exactly these ways (read from the files, not from the program):
//! - insight `kept`: emotional layer "Customers doubt on day 3." → "Customers worry on day 3.";
//! - insight `new` added, insight `gone` removed, insight `stable` unchanged;
//! - Kano feature `app`: answers A50 O10 M5 I10 → A10 O50 M5 I10, so delight → performance;
//!   better = (A+O)/(A+O+M+I) = 60/75 = 0.80 both times, worse = −(O+M)/75 = −15/75 = −0.20 → −55/75 = −0.73;
//! - step "Signs the contract": emotion −1 → +1; step "Waits for the meter reading": day 3 → 4 (moved);
//! - persona `sanne`: tagline "Moves for the first time" → "Moves house for the first time";
//! - NPS period 2026-Q2 added: 60 promoters, 20 passives, 20 detractors of 100 → NPS +40,
//!   margin 1.96·√((0.6+0.2−0.4²)/100)·100 = 15.7 → ±16; 2026-Q1 was 50/30/20 → +30,
//!   1.96·√((0.7−0.09)/100)·100 = 15.3 → ±15; 10 points apart < √(15.3²+15.7²) ≈ 21.9: within the margins.

use crate::common;

use std::fs;

use common::{build_ok, page, repo, run, search_data, search_facet, stderr};

fn v1() -> std::path::PathBuf {
    repo("tests/fixtures/valid/changes-v1")
}

fn v2() -> std::path::PathBuf {
    repo("tests/fixtures/valid/changes-v2")
}

/// Text without tags, whitespace collapsed, entities of the site undone.
fn text(html: &str) -> String {
    common::unescape(&common::visible_text(html))
}

/// The part of `html` from the element with `id` to the end of its section.
fn section<'a>(html: &'a str, id: &str) -> &'a str {
    let at = html.find(&format!("id=\"{id}\"")).unwrap_or_else(|| panic!("no #{id} in the page"));
    let rest = &html[html[..at].rfind('<').unwrap_or(at)..];
    &rest[..rest.find("</section>").unwrap_or(rest.len())]
}

#[test]
fn changes_html_lists_exactly_the_known_differences() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&v2(), out.path(), &[]);
    let html = page(out.path(), "changes.html");
    assert!(text(&html).contains("Changes since the delivery of 1 October 2026"), "{}", text(&html));

    let added = section(&html, "changes-insights-added");
    assert!(added.contains("href=\"insights/new.html\""), "{added}");
    assert_eq!(added.matches("<li>").count(), 1, "{added}");
    let removed = section(&html, "changes-insights-removed");
    assert_eq!(text(removed), "Insights removed 1 The paper bill is missed gone");
    assert!(!removed.contains("href="), "a removed insight has no page to link to: {removed}");

    let changed = section(&html, "changes-insights-changed");
    assert_eq!(changed.matches("class=\"changes-item\"").count(), 1, "only `kept` changed: {changed}");
    assert!(changed.contains("href=\"insights/kept.html\""), "{changed}");
    assert!(
        changed.contains(
            "<dt>Emotional</dt><dd class=\"word-diff\">Customers <del>doubt</del><ins>worry</ins> on day 3.</dd>"
        ),
        "the word diff marks one word: {changed}"
    );
    assert!(!changed.contains("stable"), "an unchanged insight is not listed: {changed}");

    let kano = section(&html, "changes-kano");
    assert!(
        text(kano).contains(
            "Meter reading in the app ( Moving features ): Delight → Performance (better 0.80, worse −0.20 → better 0.80, worse −0.73)"
        ),
        "{}",
        text(kano)
    );
    assert_eq!(kano.matches("<li>").count(), 1, "`price` stayed basic: {kano}");

    let nps = text(section(&html, "changes-nps"));
    assert!(nps.contains("Relationship NPS : 2026-Q2 +40 ± 16"), "{nps}");
    assert!(nps.contains("2026-Q1 +30 ± 15 → 2026-Q2 +40 ± 16 (within the margins of error)"), "{nps}");

    let steps = section(&html, "changes-journeys");
    assert_eq!(steps.matches("<tr class=\"step-").count(), 2, "{steps}");
    assert!(text(steps).contains("Moving house Signs the contract emotion −1 +1"), "{}", text(steps));
    assert!(
        text(steps).contains("Moving house Waits for the meter reading moved Sign-up, day 3 Sign-up, day 4"),
        "{}",
        text(steps)
    );
    let personas = section(&html, "changes-personas");
    assert!(personas.contains("href=\"personas/sanne.html\""), "{personas}");
    assert!(personas.contains("Moves <ins>house </ins>for the first time"), "{personas}");
}

#[test]
fn cxsite_diff_prints_the_same_entries() {
    let o = run(&["diff", v1().to_str().unwrap(), v2().to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = String::from_utf8_lossy(&o.stdout);
    let expected = [
        "Insights: 1 added, 1 removed, 1 changed",
        "  + new  The welcome mail comes too late",
        "  - gone  The paper bill is missed",
        "  ~ kept  Customers doubt after signing (emotional)",
        "      emotional: Customers [-doubt-]{+worry+} on day 3.",
        "Kano: 1 feature moved category",
        "  ~ Meter reading in the app (Moving features): delight → performance (better 0.80, worse −0.20 → better 0.80, worse −0.73)",
        "NPS: 1 period added",
        "  + Relationship NPS: 2026-Q2 +40 ± 16",
        "Journeys: 2 steps changed",
        "  ~ Moving house: Signs the contract emotion −1 → +1",
        "  ~ Moving house: Waits for the meter reading moved from Sign-up, day 3 to Sign-up, day 4",
        "Personas: 0 added, 0 removed, 1 changed",
        "  ~ sanne  Sanne (tagline)",
        "      tagline: Moves {+house+} for the first time",
    ];
    for line in expected {
        assert!(out.lines().any(|l| l == line), "missing line {line:?} in:\n{out}");
    }
    assert!(!out.contains("stable"), "{out}");

    // A snapshot compares the same as its project folder.
    let site = tempfile::tempdir().unwrap();
    let plain = tempfile::tempdir().unwrap();
    let earlier = plain.path().join("v1");
    common::copy_dir(&v1(), &earlier);
    build_ok(&earlier, site.path(), &[]);
    let snapshot = site.path().join("cxsite-data.json");
    let o2 = run(&["diff", snapshot.to_str().unwrap(), v2().to_str().unwrap()]);
    assert!(o2.status.success(), "{}", stderr(&o2));
    let body = |s: &str| s.lines().skip(1).map(String::from).collect::<Vec<_>>();
    assert_eq!(body(&String::from_utf8_lossy(&o2.stdout)), body(&out), "snapshot vs folder");

    // Nothing changed: said so, exit 0.
    let same = run(&["diff", v1().to_str().unwrap(), v1().to_str().unwrap()]);
    assert!(same.status.success());
    assert!(String::from_utf8_lossy(&same.stdout).contains("Nothing changed."));

    // A path that does not exist: usage error.
    let missing = run(&["diff", "/nonexistent/cxsite-data.json", v2().to_str().unwrap()]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("no such file or folder"), "{}", stderr(&missing));

    // A broken project as the second (newer) side is called that, not "earlier".
    let broken = site.path().join("broken");
    common::copy_dir(&v1(), &broken);
    let config = fs::read_to_string(broken.join("cxsite.yaml")).unwrap();
    fs::write(broken.join("cxsite.yaml"), format!("{config}\nlanguage: xx\n")).unwrap();
    let o3 = run(&["diff", v1().to_str().unwrap(), broken.to_str().unwrap()]);
    assert_eq!(o3.status.code(), Some(1), "{}", stderr(&o3));
    let err = stderr(&o3);
    assert!(err.contains("the newer project") && !err.contains("earlier"), "{err}");
    // A file that is not a snapshot as the second side: no advice about `since`.
    let not_json = site.path().join("notes.json");
    fs::write(&not_json, "not json").unwrap();
    let o4 = run(&["diff", v1().to_str().unwrap(), not_json.to_str().unwrap()]);
    let err = stderr(&o4);
    assert!(o4.status.code() == Some(1) && !err.contains("since") && err.contains("newer delivery"), "{err}");
}

#[test]
fn cxsite_data_json_is_the_published_model_and_deterministic() {
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    build_ok(&v1(), a.path(), &[]);
    build_ok(&v1(), b.path(), &[]);
    let bytes = fs::read(a.path().join("cxsite-data.json")).unwrap();
    assert_eq!(bytes, fs::read(b.path().join("cxsite-data.json")).unwrap(), "same input, same bytes");
    let data: serde_json::Value = serde_json::from_slice(&bytes).unwrap();
    assert_eq!(data["schema_version"], 1);
    assert_eq!(data["title"], "Moving house study");
    let ids: Vec<&str> = data["insights"].as_array().unwrap().iter().map(|i| i["id"].as_str().unwrap()).collect();
    assert_eq!(ids.len(), 3, "{ids:?}");
    for id in ["kept", "gone", "stable"] {
        assert!(ids.contains(&id), "{ids:?}");
    }
    let kept = data["insights"].as_array().unwrap().iter().find(|i| i["id"] == "kept").unwrap();
    assert_eq!(kept["emotional"], "Customers doubt on day 3.");
    assert_eq!(kept["evidence"].as_array().unwrap().len(), 2);
    let app = &data["kano"][0]["features"][0];
    assert_eq!((app["id"].as_str(), app["category"].as_str()), (Some("app"), Some("delight")));
    assert_eq!(app["better"], 0.8);
    assert_eq!(app["worse"], -0.2);
    let q1 = &data["nps"][0]["periods"][0];
    assert_eq!((q1["nps"].as_i64(), q1["promoters"].as_u64()), (Some(30), Some(50)));
    assert_eq!(data["journeys"][0]["stages"][0]["steps"][0]["emotion"], -1);
    assert!(fs::read_to_string(a.path().join("index.html")).unwrap().contains("Moving house study"));

    // SOURCE_DATE_EPOCH fixes the build day (reproducible builds): 1 October 2026 is day 20,727.
    let c = tempfile::tempdir().unwrap();
    let o = std::process::Command::new(env!("CARGO_BIN_EXE_cxsite"))
        .args(["build", v1().to_str().unwrap(), "-o", c.path().to_str().unwrap(), "--quiet"])
        .env("SOURCE_DATE_EPOCH", (20_727u64 * 86_400 + 3600).to_string())
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let data: serde_json::Value =
        serde_json::from_slice(&fs::read(c.path().join("cxsite-data.json")).unwrap()).unwrap();
    assert_eq!(data["built"], "2026-10-01");
}

#[test]
fn drafts_are_not_in_the_published_data() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("p");
    common::copy_dir(&v1(), &project);
    let draft = fs::read_to_string(project.join("insights/gone.yaml")).unwrap() + "status: draft\n";
    fs::write(project.join("insights/gone.yaml"), draft).unwrap();
    let out = dir.path().join("site");
    build_ok(&project, &out, &[]);
    let data = fs::read_to_string(out.join("cxsite-data.json")).unwrap();
    assert!(!data.contains("\"gone\"") && !data.contains("paper bill"), "a draft leaked into the data");
    build_ok(&project, &out, &["--drafts"]);
    assert!(fs::read_to_string(out.join("cxsite-data.json")).unwrap().contains("\"gone\""));
}

#[test]
fn badges_and_the_change_filter_mark_new_and_changed_insights() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&v2(), out.path(), &[]);
    let new = page(out.path(), "insights/new.html");
    assert!(new.contains("<a class=\"badge badge-new\" href=\"../changes.html\">New</a>"), "{new}");
    let kept = page(out.path(), "insights/kept.html");
    assert!(kept.contains("href=\"../changes.html#changed-kept\">Changed</a>"), "{kept}");
    let stable = page(out.path(), "insights/stable.html");
    assert!(!stable.contains("badge-new") && !stable.contains("badge-changed"), "{stable}");
    let list = page(out.path(), "insights.html");
    assert!(list.contains("<span class=\"badge badge-new\">New</span>"), "the card on the list");
    assert!(list.contains("data-cxsite-filter=\"change\""), "the filter");
    assert!(list.contains("<option value=\"new\">New (1)</option>"), "{list}");
    assert!(list.contains("<option value=\"changed\">Changed (1)</option>"), "{list}");
    let index = search_data(out.path(), "index.js");
    let rows = index["insights"].as_array().unwrap().len();
    let changes: Vec<_> = (0..rows).map(|n| search_facet(&index, n, 10)).collect();
    assert_eq!(changes.iter().filter(|c| *c == "new").count(), 1);
    assert_eq!(changes.iter().filter(|c| *c == "changed").count(), 1);
    let cover = page(out.path(), "index.html");
    assert!(cover.contains("href=\"changes.html\""), "the cover links changes.html");
    // The report (and so the PDF) carries the same changes as a chapter.
    let report = page(out.path(), "report.html");
    let chapter = &report[report.find("id=\"report-changes\"").expect("the report has the chapter")..];
    assert!(text(chapter).contains("Changes since the delivery of 1 October 2026"));
    assert!(chapter.contains("Customers <del>doubt</del><ins>worry</ins> on day 3."));

    // Without `since`: no page, no badges, no filter.
    let plain = tempfile::tempdir().unwrap();
    build_ok(&v1(), plain.path(), &[]);
    assert!(!plain.path().join("changes.html").exists());
    assert!(!page(plain.path(), "insights.html").contains("data-cxsite-filter=\"change\""));
    assert!(!page(plain.path(), "index.html").contains("changes.html"));
}

#[test]
fn since_on_the_command_line_overrides_the_config_and_works_in_dutch() {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("nl");
    common::copy_dir(&v1(), &project);
    let config = fs::read_to_string(project.join("cxsite.yaml")).unwrap() + "language: nl\n";
    fs::write(project.join("cxsite.yaml"), config).unwrap();
    fs::write(project.join("insights/extra.yaml"), "title: Extra\nsummary: Nieuw inzicht.\n").unwrap();
    let out = dir.path().join("site");
    build_ok(&project, &out, &["--since", v1().to_str().unwrap()]);
    let html = page(&out, "changes.html");
    assert!(text(&html).contains("Wijzigingen sinds de oplevering van 1 oktober 2026"), "{}", text(&html));
    assert!(text(section(&html, "changes-insights-added")).contains("Nieuwe inzichten 1"));
    assert!(page(&out, "insights/extra.html").contains(">Nieuw</a>"));

    let missing = run(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--since", "/no/such.json"]);
    assert_eq!(missing.status.code(), Some(2), "{}", stderr(&missing));
    assert!(stderr(&missing).contains("--since /no/such.json: no such file or folder"), "{}", stderr(&missing));
}

#[test]
fn the_example_project_shows_what_changed_since_its_interim_report() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&repo("example-project"), out.path(), &[]);
    let html = page(out.path(), "changes.html");
    assert!(text(&html).contains("Changes since the delivery of 15 October 2026"));
    for id in ["changes-insights-added", "changes-insights-removed", "changes-insights-changed", "changes-kano"] {
        assert!(html.contains(&format!("id=\"{id}\"")), "example changes.html lacks #{id}");
    }
    assert!(page(out.path(), "index.html").contains("href=\"changes.html\""));
}

#[test]
fn the_change_filter_works_in_the_browser() {
    if !common::browser_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&v2(), &site, &[]);
    // v2 holds kept (changed), new (new) and stable (unchanged).
    let cases = serde_json::json!([
        { "set": { "change": "new" }, "expect": ["new"] },
        { "set": { "change": "changed" }, "expect": ["kept"] },
        { "set": { "change": "changed", "q": "worry" }, "expect": ["kept"] },
        { "set": { "q": "meter" }, "expect": ["stable"] },
    ]);
    let shot = common::output_dir().join("insights-filter-by-change.png");
    common::node_script("find.mjs", &[&common::file_url(&site), &cases.to_string(), shot.to_str().unwrap()]);
}

/// Screenshots of the example's changes.html for review (tests/output, not committed).
#[test]
fn the_changes_page_is_kept_as_screenshots() {
    let Some(browser) = common::chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&repo("example-project"), &site, &[]);
    let out = common::output_dir();
    for (name, size) in [("desktop", "1280,2000"), ("390", "390,2600")] {
        common::screenshot(&browser, &site.join("changes.html"), &out.join(format!("changes-{name}.png")), size);
    }
}

/// `build` streams `cxsite-data.json` into the site, each insight made into
/// data only while it is written (issue 16: no copy of every insight at the
/// 10k build's peak); the bytes are those of the document `serve` and
/// `export` make whole, `Snapshot::to_json`.
#[test]
fn the_streamed_cxsite_data_json_is_the_whole_document() {
    let site = tempfile::tempdir().unwrap();
    let opts = cxsite::Options::default();
    cxsite::build(&v1(), site.path(), &opts).unwrap();
    let checked = cxsite::check(&v1(), &opts).unwrap();
    let whole = cxsite::delivery::Snapshot::of(&checked.site, &cxsite::analysis::analyse(&checked.site)).to_json();
    let streamed = fs::read_to_string(site.path().join("cxsite-data.json")).unwrap();
    assert!(
        streamed.ends_with("}\n") && streamed.contains("\n  \"insights\": ["),
        "one item per line, a final newline"
    );
    assert_eq!(streamed, whole);
}
