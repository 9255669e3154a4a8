//! The leak test (issue 15, SPEC §2 `redact` and §9b): what the client may see.
//!
//! `tests/fixtures/valid/internal-leak/` holds internal material of every kind
//! (an insight, an evidence item, a persona, a chapter, a Markdown block in a
//! layer and one in a chapter), each marked with a word starting "zorblax",
//! and the `redact:` terms (Jansen, M. de Vries, Quokkaville) in every kind of
//! text: cxsite.yaml's title, subtitle, client and author, an insight's
//! title, summary, layers, evidence and tags, a persona's tagline, quote,
//! about, facts (keys and values) and lists, a journey, a stage and a step,
//! a Kano study and feature, an NPS series, `biases.yaml`, `sources.yaml`
//! and a chapter's front matter and body.
//!
//! A client build, its export and its PDF are searched byte for byte (the
//! PDF through poppler's `pdftotext`) for every marker and term, ignoring
//! case: none may appear. The same project built with `--internal` shows them
//! all, marked, and its counts differ by exactly the internal items.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

/// What must never reach the client, lower case: the internal markers and
/// the redacted terms ("m. de vries" also as "de vries", which survives a
/// line break in the PDF's text).
const FORBIDDEN: [&str; 5] = ["zorblax", "jansen", "quokkaville", "m. de vries", "de vries"];

/// The internal material, one marker per kind.
const MARKERS: [&str; 5] = ["zorblaxinsight", "zorblaxevidence", "zorblaxpersona", "zorblaxchapter", "zorblaxblock"];

fn fixture() -> PathBuf {
    repo("tests/fixtures/valid/internal-leak")
}

/// Every forbidden string found in `bytes` (case-insensitively), with a little context.
fn leaks(what: &str, bytes: &[u8]) -> Vec<String> {
    let lower = String::from_utf8_lossy(bytes).to_lowercase();
    let flat = lower.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut found = Vec::new();
    for needle in FORBIDDEN {
        if let Some(at) = flat.find(needle) {
            let context = flat.get(at.saturating_sub(40)..(at + needle.len() + 40).min(flat.len()));
            found.push(format!("{what}: `{needle}` in …{}…", context.unwrap_or(needle)));
        }
    }
    found
}

/// Every leak in a folder: file contents and file names.
fn tree_leaks(root: &Path) -> Vec<String> {
    let mut found = Vec::new();
    for (path, bytes) in read_tree(root) {
        found.extend(leaks(&format!("name of {path}"), path.as_bytes()));
        found.extend(leaks(&path, &bytes));
    }
    found
}

fn run_ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(o.status.success(), "cxsite {args:?} failed:\n{}", stderr(&o));
    stderr(&o)
}

/// The codes of `cxsite check --format json [extra]`, counted.
fn codes(extra: &[&str]) -> BTreeMap<String, usize> {
    let project = fixture();
    let mut args = vec!["check", project.to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "check failed:\n{}", stderr(&o));
    let mut n = BTreeMap::new();
    for line in String::from_utf8_lossy(&o.stdout).lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
        *n.entry(v["code"].as_str().unwrap_or("").to_string()).or_insert(0) += 1;
    }
    n
}

/// The text of a PDF (pdftotext), or `None` after a SKIPPED line when poppler is missing.
fn pdf_text(pdf: &Path) -> Option<String> {
    match Command::new("pdftotext").args(["-enc", "UTF-8"]).arg(pdf).arg("-").output() {
        Ok(o) => {
            assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
            Some(String::from_utf8_lossy(&o.stdout).into_owned())
        }
        Err(_) => {
            skip_unless_ci("pdftotext not found (Debian: apt install poppler-utils)");
            None
        }
    }
}

fn count(html: &str, needle: &str) -> usize {
    html.matches(needle).count()
}

#[test]
fn a_client_build_and_its_export_show_nothing_internal_and_no_redacted_term() {
    let tmp = tempfile::tempdir().unwrap();
    let (site, one) = (tmp.path().join("site"), tmp.path().join("one.html"));
    build_ok(&fixture(), &site, &[]);
    run_ok(&["export", fixture().to_str().unwrap(), "-o", one.to_str().unwrap()]);

    // The fixture really holds what the test looks for (else it proves nothing).
    let source = read_tree(&fixture());
    let all: String = source.values().map(|b| String::from_utf8_lossy(b).to_lowercase()).collect();
    for needle in FORBIDDEN.iter().chain(&MARKERS) {
        assert!(all.contains(needle), "the fixture lacks `{needle}`");
    }

    let mut found = tree_leaks(&site);
    found.extend(leaks("the export", &fs::read(&one).unwrap()));
    assert!(found.is_empty(), "the client build leaks:\n{}", found.join("\n"));

    // The redacted texts are there, with "[…]" where the terms were.
    let index = page(&site, "index.html");
    assert!(index.contains("Delivery for […] Holding"), "title redacted");
    assert!(page(&site, "personas/sanne.html").contains("Runs a shop in […]"), "tagline redacted");
    assert!(page(&site, "report.html").contains("[…] Holding"), "client on the cover redacted");

    // No marker of an internal build.
    for (path, bytes) in read_tree(&site) {
        let text = String::from_utf8_lossy(&bytes);
        if path.ends_with(".html") || path.ends_with(".js") {
            for marker in ["internal-banner\"", "internal-badge\"", "<aside class=\"internal\"", "Internal build"] {
                assert!(!text.contains(marker), "{path} has `{marker}`");
            }
        }
    }
    // Internal items have no page.
    for gone in ["insights/b-internal.html", "personas/shadow.html", "narratives/02-team.html"] {
        assert!(!site.join(gone).exists(), "{gone} exists in a client build");
    }
    // A reference from client material to internal material is plain text, never a link.
    let related = page(&site, "insights/c-related.html");
    assert!(related.contains("the team note") && related.contains("the shadow persona"), "link texts stay");
    assert!(!related.contains("b-internal.html") && !related.contains("shadow.html"), "no dead link");
    let chapter = page(&site, "narratives/01-intro.html");
    assert!(chapter.contains("team note") && !chapter.contains("b-internal.html"), "no dead link in a chapter");
}

#[test]
fn the_printed_report_shows_nothing_internal_and_no_redacted_term() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let (client, team) = (tmp.path().join("client.pdf"), tmp.path().join("team.pdf"));
    let b = browser.to_str().unwrap();
    let project = fixture();
    let project = project.to_str().unwrap();
    run_ok(&["pdf", project, "-o", client.to_str().unwrap(), "--browser", b]);
    run_ok(&["pdf", project, "-o", team.to_str().unwrap(), "--browser", b, "--internal"]);
    let Some(text) = pdf_text(&client) else { return };
    assert!(text.contains("What […] told us"), "the chapter is printed, redacted:\n{text}");
    let found = leaks("the PDF", text.as_bytes());
    assert!(found.is_empty(), "the client PDF leaks:\n{}", found.join("\n"));

    let Some(text) = pdf_text(&team) else { return };
    // Lower case: the cover prints the banner in capitals.
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase();
    assert!(flat.contains("internal build — not for the client"), "the team PDF says what it is:\n{flat}");
    for needle in ["zorblaxchapter body", "zorblaxblock in a chapter", "what jansen told us"] {
        assert!(flat.contains(needle), "the team PDF shows `{needle}`");
    }
}

#[test]
fn an_internal_build_shows_everything_marked() {
    let tmp = tempfile::tempdir().unwrap();
    let (client, team) = (tmp.path().join("client"), tmp.path().join("team"));
    let said_client = build_ok(&fixture(), &client, &[]);
    let said_team = build_ok(&fixture(), &team, &["--internal"]);
    // The fixture has 3 insights (one internal), 2 personas (one internal) and 2 chapters (one internal).
    assert!(
        said_client.contains("2 insights, 1 persona, 1 journey, 1 Kano study, 1 NPS series, 1 chapter"),
        "{said_client}"
    );
    assert!(
        said_team.contains("3 insights, 2 personas, 1 journey, 1 Kano study, 1 NPS series, 2 chapters"),
        "{said_team}"
    );

    // Every marker and every term is shown.
    let all: String = read_tree(&team).values().map(|b| String::from_utf8_lossy(b).to_lowercase()).collect();
    for needle in FORBIDDEN.iter().chain(&MARKERS) {
        assert!(all.contains(needle), "the internal build lacks `{needle}`");
    }
    // A banner on every page.
    for (path, bytes) in read_tree(&team) {
        if path.ends_with(".html") {
            let html = String::from_utf8_lossy(&bytes);
            assert!(
                html.contains("<div class=\"internal-banner\" role=\"note\">Internal build — not for the client</div>"),
                "{path} has no banner"
            );
        }
    }
    let badge = "<span class=\"badge internal-badge\">Internal</span>";
    // The insight (card and page), the persona (card and page), the chapter, the evidence item.
    assert!(page(&team, "insights/b-internal.html").contains(badge));
    assert!(page(&team, "personas/shadow.html").contains(badge));
    assert!(page(&team, "narratives/02-team.html").contains(badge));
    let insights = page(&team, "insights.html");
    assert!(insights.contains("insight-card is-internal"), "the internal card is marked");
    assert!(page(&team, "personas.html").contains("persona-card is-internal"), "the internal persona card is marked");
    let visible = page(&team, "insights/a-visible.html");
    assert!(
        visible.contains("evidence-quote is-internal\">") && visible.contains(badge),
        "the internal evidence is marked"
    );
    assert!(
        visible.contains("<aside class=\"internal\"><p class=\"internal-label\">Internal</p>"),
        "the block is an aside"
    );
    // References to internal material are links again.
    assert!(page(&team, "insights/c-related.html").contains("href=\"../insights/b-internal.html\""));

    // Counts: one insight card, one persona card, one chapter, one evidence item more.
    let cards = |site: &Path, file: &str, class: &str| count(&page(site, file), class);
    assert_eq!(cards(&client, "insights.html", "class=\"card insight-card"), 2);
    assert_eq!(cards(&team, "insights.html", "class=\"card insight-card"), 3);
    assert_eq!(cards(&client, "personas.html", "class=\"card persona-card"), 1);
    assert_eq!(cards(&team, "personas.html", "class=\"card persona-card"), 2);
    assert_eq!(cards(&client, "report.html", "<section class=\"chapter\" id="), 1);
    assert_eq!(cards(&team, "report.html", "<section class=\"chapter\" id="), 2);
    // a-visible has a quote and a metric for the client, and the internal quote besides.
    assert_eq!(cards(&client, "insights/a-visible.html", "<li class=\"evidence-item"), 2);
    assert_eq!(cards(&team, "insights/a-visible.html", "<li class=\"evidence-item"), 3);
    assert!(page(&client, "insights/a-visible.html").contains("data-quotes=\"1\" data-metrics=\"1\""));
    assert!(page(&team, "insights/a-visible.html").contains("data-quotes=\"2\" data-metrics=\"1\""));
}

#[test]
fn check_warns_where_client_material_names_internal_material_and_where_terms_occur() {
    let client = codes(&[]);
    let team = codes(&["--internal"]);
    // insight-ref: a-visible names the persona shadow; c-related links to b-internal and
    // to shadow and names shadow; the journey's step lists b-internal; the chapter links to it.
    assert_eq!(client.get("internal-ref"), Some(&6), "{client:?}");
    assert_eq!(team.get("internal-ref"), None, "{team:?}");
    // Both builds warn where a redacted term occurs, as many times.
    assert!(client.get("redacted-term").is_some_and(|n| *n > 0));
    assert_eq!(client.get("redacted-term"), team.get("redacted-term"));

    let o = run(&["check", fixture().to_str().unwrap()]);
    let err = stderr(&o);
    // "  tagline: Runs a shop in Quokkaville": the term starts in column 25 of line 2.
    assert!(err.contains("personas/sanne.yaml:2:25: warning: `Quokkaville` is redacted"), "{err}");
    // Names both places: the reference and the internal item's file.
    assert!(
        err.contains("insights/a-visible.yaml:11:19: warning: persona `shadow` is internal (personas/shadow.yaml)"),
        "{err}"
    );
    // The list under `redact:` itself (line 9 of cxsite.yaml) is no occurrence.
    assert!(!err.contains("cxsite.yaml:9:"), "{err}");
}

#[test]
fn an_id_or_a_published_path_with_a_redacted_term_is_an_error_in_a_client_build() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&fixture(), &project);
    let text = "title: A call\nsummary: S\nemotional: E\nfunctional: F\nbreakthrough: B\n";
    fs::write(project.join("insights/jansen-call.yaml"), text).unwrap();
    fs::create_dir_all(project.join("assets")).unwrap();
    fs::write(project.join("assets/notes-quokkaville.txt"), "x").unwrap();
    let p = project.to_str().unwrap();
    let o = run(&["check", p]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(
        err.contains(
            "insights/jansen-call.yaml:1:1: error: the insight id `jansen-call` contains the redacted term `Jansen`"
        ),
        "{err}"
    );
    assert!(err.contains("help: rename it"), "{err}");
    assert!(
        err.contains("the published file `assets/notes-quokkaville.txt` contains the redacted term `Quokkaville`"),
        "{err}"
    );
    // A team build redacts nothing, so the names may stay.
    let o = run(&["check", p, "--internal"]);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}
