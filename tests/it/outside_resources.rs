//! The site requests nothing from outside (issue 11.3, SPEC §8 and §10): an
//! `http(s)://` or `//host` image in any Markdown text is a warning at
//! `file:line:col` (an error with `--strict`) and is shown as a link to it.
//! The site pages are in tests/it/markdown_assets.rs; here the one-file export
//! and the PDF, which must follow the same rule.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use common::*;

const CHAPTER_IMAGE: &str = "![Station map](https://example.org/map.png)";
const INSIGHT_IMAGE: &str = "![Gate photo](//cdn.example.org/gate.jpg)";

/// own-study (in `p/`) with an outside image at the end of a chapter and one
/// in an insight's Markdown field; returns the two warnings expected, at the
/// image's target: (file, line, column).
fn with_outside_images() -> (tempfile::TempDir, PathBuf, [String; 2]) {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/own-study"), &project);

    let chapter = project.join("narratives/the-journey.md");
    let mut text = fs::read_to_string(&chapter).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let chapter_line = text.lines().count() + 2;
    text.push_str(&format!("\n{CHAPTER_IMAGE}\n"));
    fs::write(&chapter, text).unwrap();

    let insight = project.join("insights/renewal/fare-rise-rumour.yaml");
    let text = fs::read_to_string(&insight).unwrap();
    let old = "breakthrough: Tell season-ticket holders first, before the press release.";
    assert_eq!(text.lines().nth(4), Some(old), "the fixture changed");
    let new = format!("breakthrough: Tell holders first. {INSIGHT_IMAGE}");
    fs::write(&insight, text.replace(old, &new)).unwrap();

    // The position is that of the target, after `![alt](`.
    let target_col = |line: &str, image: &str| line.find(image).unwrap() + image.find("](").unwrap() + 2 + 1;
    let warnings = [
        format!(
            "narratives/the-journey.md:{chapter_line}:{}: warning: image `https://example.org/map.png` is outside the site",
            target_col(CHAPTER_IMAGE, CHAPTER_IMAGE)
        ),
        format!(
            "insights/renewal/fare-rise-rumour.yaml:5:{}: warning: image `//cdn.example.org/gate.jpg` is outside the site",
            target_col(&new, INSIGHT_IMAGE)
        ),
    ];
    (tmp, project, warnings)
}

/// No element of `html` loads anything from outside.
fn loads_nothing_from_outside(html: &str) {
    for attr in ["src", "srcset", "poster", "data"] {
        for v in attr_values(html, attr) {
            let v = v.trim().to_ascii_lowercase();
            assert!(
                !v.starts_with("http:") && !v.starts_with("https:") && !v.starts_with("//"),
                "{attr}=\"{v}\" loads from outside"
            );
        }
    }
}

#[test]
fn the_export_shows_outside_images_as_links() {
    let (tmp, project, warnings) = with_outside_images();
    let out = tmp.path().join("study.html");
    let o = run(&["export", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for w in &warnings {
        assert!(err.contains(w.as_str()), "missing {w:?}\n{err}");
    }
    let html = fs::read_to_string(&out).unwrap();
    // The chapter is on its own section and on the report's: a link each time.
    assert_eq!(
        html.matches("<a href=\"https://example.org/map.png\">Station map</a>").count(),
        2,
        "chapter and report"
    );
    assert!(html.contains("<a href=\"//cdn.example.org/gate.jpg\">Gate photo</a>"));
    loads_nothing_from_outside(&html);

    let strict = tmp.path().join("strict.html");
    let o = run(&["export", project.to_str().unwrap(), "-o", strict.to_str().unwrap(), "--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error: image `https://example.org/map.png` is outside the site"), "{err}");
    assert!(!strict.exists(), "a refused export writes nothing");
}

#[test]
fn the_site_shows_an_outside_image_in_an_insight_as_a_link() {
    let (tmp, project, warnings) = with_outside_images();
    let site = tmp.path().join("site");
    let o = run(&["build", project.to_str().unwrap(), "-o", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains(warnings[1].as_str()), "{}", stderr(&o));
    for p in ["insights/fare-rise-rumour.html", "report.html", "narratives/the-journey.html", "insights.html"] {
        loads_nothing_from_outside(&page(&site, p));
    }
    assert!(
        page(&site, "insights/fare-rise-rumour.html").contains("<a href=\"//cdn.example.org/gate.jpg\">Gate photo</a>")
    );
}

/// The text of `pdf` by poppler's `pdftotext`; `None` when it is not installed.
fn pdf_text(pdf: &Path) -> Option<String> {
    let o = Command::new("pdftotext").arg(pdf).arg("-").output().ok()?;
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    Some(String::from_utf8_lossy(&o.stdout).into_owned())
}

#[test]
fn the_pdf_follows_the_same_rule() {
    let (tmp, project, warnings) = with_outside_images();
    // --strict refuses before any browser is needed.
    let out = tmp.path().join("strict.pdf");
    let o = run(&["pdf", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--strict"]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("error: image `https://example.org/map.png` is outside the site"), "{err}");
    assert!(!out.exists());

    let Some(browser) = chromium() else { return };
    let out = tmp.path().join("study.pdf");
    let o = Command::new(BIN)
        .args(["pdf", project.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .env("NO_COLOR", "1")
        .env("CXSITE_BROWSER", &browser)
        .output()
        .unwrap();
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    for w in &warnings {
        assert!(err.contains(w.as_str()), "missing {w:?}\n{err}");
    }
    let Some(text) = pdf_text(&out) else {
        skip_unless_ci("the PDF text needs pdftotext (poppler-utils)");
        return;
    };
    let flat = text.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(flat.contains("Station map"), "the image is shown as its link text");
}

/// Raw HTML is dropped unless `allow_html: true`; then it is kept as written
/// (the author's choice), and what it loads from outside is a warning at its
/// `file:line:col` (an error with `--strict`).
#[test]
fn raw_html_that_loads_from_outside_is_a_warning_when_kept() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/own-study"), &project);
    let chapter = project.join("narratives/the-journey.md");
    let mut text = fs::read_to_string(&chapter).unwrap();
    let line = text.lines().count() + 2;
    text.push_str("\n<img alt=\"Map\" src=\"https://example.org/map.png\">\n");
    fs::write(&chapter, text).unwrap();
    let insight = project.join("insights/renewal/fare-rise-rumour.yaml");
    let old = "breakthrough: Tell season-ticket holders first, before the press release.";
    let new = "breakthrough: Tell holders first. <video poster=\"//cdn.example.org/p.jpg\"></video>";
    fs::write(&insight, fs::read_to_string(&insight).unwrap().replace(old, new)).unwrap();
    // At the value: `<img alt="Map" src="` is 20 bytes; the poster's value
    // follows `breakthrough: ` (14), the text (20) and `<video poster="` (15).
    let warnings = [
        format!("narratives/the-journey.md:{line}:21: warning: raw HTML loads `https://example.org/map.png` from outside the site"),
        "insights/renewal/fare-rise-rumour.yaml:5:50: warning: raw HTML loads `//cdn.example.org/p.jpg` from outside the site"
            .to_string(),
    ];

    // Dropped by default: nothing to warn about, nothing loaded.
    let site = tmp.path().join("site");
    let o = run(&["build", project.to_str().unwrap(), "-o", site.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(!stderr(&o).contains("raw HTML"), "{}", stderr(&o));
    for p in ["narratives/the-journey.html", "insights/fare-rise-rumour.html", "report.html"] {
        loads_nothing_from_outside(&page(&site, p));
    }

    let config = project.join("cxsite.yaml");
    let mut text = fs::read_to_string(&config).unwrap();
    text.push_str("allow_html: true\n");
    fs::write(&config, text).unwrap();
    let o = run(&["check", project.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    for w in &warnings {
        assert!(err.contains(w.as_str()), "missing {w:?}\n{err}");
    }
    let o = run(&["check", project.to_str().unwrap(), "--strict"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
}
