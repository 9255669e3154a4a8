//! `cxsite pdf` driven for real: the example project and a Dutch,
//! confidential fixture printed through headless Chromium, and the ways it
//! must fail (no browser, a wrong browser, a hanging browser, content errors).
//!
//! Tests that need Chromium print a SKIPPED line when `/usr/bin/chromium` is
//! missing — except under `CI=true`, where they fail. Text checks use
//! poppler's `pdftotext` (the same rule); page images for review go to
//! `tests/output/` when `pdftoppm` is installed.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::{Command, Output};

use common::*;
use cxsite::pdf::inspect;

/// Runs `cxsite pdf ARGS` with `CXSITE_BROWSER` unset.
fn pdf_cmd(args: &[&str], path: Option<&Path>) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.arg("pdf").args(args).env("NO_COLOR", "1").env_remove("CXSITE_BROWSER");
    if let Some(p) = path {
        cmd.env("PATH", p);
    }
    cmd.output().expect("the cxsite binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// The text of each page (pdftotext), or `None` when pdftotext is missing.
fn page_texts(pdf: &Path) -> Option<Vec<String>> {
    let o = Command::new("pdftotext").args(["-layout", "-enc", "UTF-8"]).arg(pdf).arg("-").output().ok()?;
    assert!(o.status.success(), "pdftotext failed on {}", pdf.display());
    let text = String::from_utf8_lossy(&o.stdout).into_owned();
    let mut pages: Vec<String> = text.split('\x0c').map(str::to_string).collect();
    if pages.last().is_some_and(|p| p.trim().is_empty()) {
        pages.pop();
    }
    Some(pages)
}

/// `s` with every run of white space made one space (titles wrap on the cover).
fn flat(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Page images for a human to look at: tests/output/NAME-N.png (needs pdftoppm).
fn page_images(pdf: &Path, name: &str, last: usize) {
    let dir = repo("tests/output");
    fs::create_dir_all(&dir).unwrap();
    let prefix = dir.join(name);
    let ok = Command::new("pdftoppm")
        .args(["-r", "60", "-png", "-f", "1", "-l", &last.to_string()])
        .arg(pdf)
        .arg(&prefix)
        .status()
        .is_ok_and(|s| s.success());
    if ok {
        println!("page images: {}-*.png", prefix.display());
    } else {
        println!("no page images: pdftoppm not found");
    }
}

/// Prints `project` to `out` with Chromium and returns the PDF's bytes.
fn print_ok(project: &Path, out: &Path, browser: &Path) -> (Vec<u8>, String) {
    let o = pdf_cmd(
        &[project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--browser", browser.to_str().unwrap()],
        None,
    );
    assert_eq!(o.status.code(), Some(0), "cxsite pdf failed:\n{}\n{}", stdout(&o), stderr(&o));
    let bytes = fs::read(out).expect("the PDF is written");
    assert!(inspect::is_pdf(&bytes), "{} does not start with %PDF", out.display());
    (bytes, stdout(&o))
}

#[test]
fn example_project_prints_as_a_report() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("deliverable/report.pdf");
    let (bytes, said) = print_ok(&repo("example-project"), &out, &browser);
    assert!(said.contains(&format!("Printing report.html with {}", browser.display())), "progress line: {said}");
    let pages = inspect::count_pages(&bytes).expect("a page count");
    assert!(said.contains(&format!("({pages} pages, ")), "summary names the page count: {said}");
    // Lower bound: the cover, the contents, and a page for each of the 4 chapters.
    // Upper bound, from the example's content: cover + contents (2), about 2,500
    // words of prose (≤ 6 pages at ≥ 400 words a page), one journey embed
    // (≤ 8 landscape pages: the map in three stretches of five steps, each in two
    // bands of lanes as it is taller than a page, then the legend and key, and the
    // timeline), four charts and eight cards (12, even if each took a page of its
    // own) and a part-empty last page per chapter (4): 32. More means blank or
    // needlessly split pages.
    assert!((6..=32).contains(&pages), "{pages} pages");
    // Each chapter starts a page of its own, in order, after the cover and contents.
    let dests = inspect::destinations(&bytes).expect("named destinations");
    let ids = ["executive-summary", "the-first-ten-days", "basics-and-delighters", "recommendations"];
    let starts: Vec<usize> = ids.iter().map(|id| *dests.get(*id).unwrap_or_else(|| panic!("no {id}"))).collect();
    assert_eq!(starts[0], 3, "cover, contents, then chapter 1: {starts:?}");
    assert!(starts.windows(2).all(|w| w[0] < w[1]) && starts[3] <= pages, "{starts:?} of {pages}");
    // No link into the temporary build folder; a document outline for PDF readers.
    assert!(!bytes.windows(7).any(|w| w == b"(file:/"), "links to the temporary site");
    assert!(bytes.windows(9).any(|w| w == b"/Outlines"), "no document outline");
    // Nothing is left behind next to the PDF.
    let left: Vec<_> = fs::read_dir(out.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["report.pdf"], "temporary files left: {left:?}");

    page_images(&out, "pdf-example", 8);
    let Some(text) = page_texts(&out) else {
        skip_unless_ci("the text checks need pdftotext (poppler-utils)");
        return;
    };
    assert_eq!(text.len(), pages, "pdftotext and the page count agree");
    let cover = &flat(&text[0]);
    for want in ["Customer insights 2026", "The first ten days of a new energy subscription", "Acme Energy"] {
        assert!(cover.contains(want), "cover lacks {want:?}:\n{cover}");
    }
    assert!(
        cover.contains("Customer Geeks") && cover.contains("20 November 2026"),
        "cover: author and the date in words"
    );
    assert!(!cover.contains(&format!("1 / {pages}")), "no page number on the cover");
    let toc = &text[1];
    assert!(toc.contains("Contents"), "page 2 is the contents:\n{toc}");
    let titles = ["Executive summary", "The first ten days", "basics and delighters", "Recommendations"];
    for (title, start) in titles.iter().zip(&starts) {
        let line = toc.lines().find(|l| l.contains(title)).unwrap_or_else(|| panic!("contents lack {title}"));
        assert!(line.trim_end().ends_with(&start.to_string()), "contents: {title} on page {start}: {line:?}");
        assert!(flat(&text[start - 1]).contains(title), "page {start} starts {title}");
    }
    for (i, page) in text.iter().enumerate() {
        let n = i + 1;
        for chrome in ["Skip to content", "Made with cxsite", "Search insights", "Open page"] {
            assert!(!page.contains(chrome), "page {n} prints {chrome:?}");
        }
        assert!(page.split_whitespace().count() > 8, "page {n} is (nearly) empty:\n{page}");
        if n > 1 {
            assert!(page.contains(&format!("{n} / {pages}")), "page {n}: page number in the margin");
            assert!(page.contains("Customer insights 2026 · Acme Energy"), "page {n}: running footer");
        }
    }
    assert!(!text.concat().contains("Confidential"), "the example is not confidential");
    // The example compares with its interim snapshot: the report ends with what changed (issue 15).
    let all = flat(&text.concat());
    assert!(all.contains("Changes since the delivery of 15 October 2026"), "the changes chapter is printed");
    assert!(all.contains("Kano features that moved category") && all.contains("Changed insights"), "with its sections");
}

#[test]
fn a_confidential_dutch_report_links_to_the_published_site() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("rapport.pdf");
    fs::write(&out, b"an older version").unwrap();
    let (bytes, _) = print_ok(&repo("tests/fixtures/valid/pdf-report"), &out, &browser);
    assert_eq!(inspect::count_pages(&bytes), Some(5), "cover, contents, three chapters");
    // Links to other pages point to base_url; links out of the site stay.
    let uri = |u: &str| bytes.windows(u.len()).any(|w| w == u.as_bytes());
    assert!(uri("/URI (https://inzichten.example.com/noord/personas/pieter.html)"), "persona link to base_url");
    assert!(uri("/URI (https://onderzoek.example.org/rapport-2026)"), "external link");
    assert!(!uri("(file:/"), "no link into the temporary site");

    page_images(&out, "pdf-confidential", 2);
    let Some(text) = page_texts(&out) else {
        skip_unless_ci("the text checks need pdftotext (poppler-utils)");
        return;
    };
    let cover = flat(&text[0]);
    assert!(cover.contains("VERTROUWELIJK") && cover.contains("Klantinzichten \"Noord\" & <Zuid>"), "cover: {cover}");
    assert!(cover.contains("Energie & Co") && !cover.contains("1 / 5"), "cover: {cover}");
    assert!(text[1].contains("Inhoud"), "Dutch contents");
    for (i, page) in text.iter().enumerate().skip(1) {
        assert!(page.contains("VERTROUWELIJK"), "page {}: running confidential mark", i + 1);
        // The title's quotes, ampersand and angle brackets survive CSS and HTML escaping.
        assert!(page.contains("Klantinzichten \"Noord\" & <Zuid> · Energie & Co"), "page {} footer:\n{page}", i + 1);
    }
    // External addresses are printed after the link text; site links are not.
    let all = flat(&text.concat());
    assert!(all.contains("onderzoeksrapport (https://onderzoek.example.org/rapport-2026)"), "{all}");
    assert!(!all.contains("(https://inzichten.example.com"), "site links are not spelled out");
}

/// A page of a confidential site printed from the browser says so once per
/// printed page, in the page margin: the banner at the top of the screen
/// page is not printed too (it was, on every page but the report).
#[test]
fn a_confidential_site_page_prints_its_mark_once_per_page() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&repo("tests/fixtures/valid/pdf-report"), &site, &[]);
    let pdf = tmp.path().join("persona.pdf");
    print_to_pdf(&browser, &site.join("personas/pieter.html"), &pdf);
    let Some(pages) = page_texts(&pdf) else {
        skip_unless_ci("the text checks need pdftotext (poppler-utils)");
        return;
    };
    assert!(!pages.is_empty());
    for (i, page) in pages.iter().enumerate() {
        // Spaces out: the banner was letter-spaced ("V E R T R O U W E L I J K").
        let squeezed: String = page.chars().filter(|c| !c.is_whitespace()).collect();
        assert_eq!(squeezed.matches("VERTROUWELIJK").count(), 1, "page {}:\n{page}", i + 1);
    }
}

#[test]
fn markdown_images_are_printed() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("own-study.pdf");
    let (bytes, _) = print_ok(&repo("tests/fixtures/valid/own-study"), &out, &browser);
    // own-study's chapters show `assets/img/platform-photo.png` (a 64×40 PNG, written relative to the
    // project root) and `../assets/img/renewal-funnel.svg` (relative to the chapter). The photo
    // becomes the only 64×40 image of the PDF; the SVG's labels become text.
    let photo = b"/Subtype /Image\n/Width 64\n/Height 40\n";
    assert!(bytes.windows(photo.len()).any(|w| w == photo), "the platform photo is not in the PDF");
    let Some(text) = page_texts(&out) else {
        skip_unless_ci("the text checks need pdftotext (poppler-utils)");
        return;
    };
    let all = flat(&text.concat());
    assert!(all.contains("Price page 74%") && all.contains("Renewed 51%"), "the funnel SVG is not in the PDF");
}

#[test]
fn without_a_browser_it_says_what_to_install() {
    let tmp = tempfile::tempdir().unwrap();
    let empty = tmp.path().join("empty-path");
    fs::create_dir(&empty).unwrap();
    let out = tmp.path().join("report.pdf");
    let o = pdf_cmd(&[repo("example-project").to_str().unwrap(), "-o", out.to_str().unwrap()], Some(&empty));
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("no Chromium or Google Chrome found"), "{err}");
    assert!(err.contains("chromium, chromium-browser, google-chrome"), "names what was searched: {err}");
    assert!(err.contains("sudo apt install chromium") && err.contains("--browser PATH"), "what to do: {err}");
    assert!(!out.exists());
    // An output that is a folder is refused too, for that reason.
    let o = pdf_cmd(&["example-project", "-o", tmp.path().to_str().unwrap(), "--browser", BIN], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    let refused = format!(
        "error: cannot write the PDF to {}: it is a folder\n  help: name the file to write",
        tmp.path().display()
    );
    assert!(err.starts_with(&refused), "{err}");
}

/// `-o` never replaces a file of another kind (the project's own sources) or writes into a source folder.
#[test]
fn the_pdf_never_replaces_a_source_file() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("example-project"), &project);
    let config = project.join("cxsite.yaml");
    let before = fs::read(&config).unwrap();
    for (target, says) in [
        (config.clone(), "refusing to replace"),
        (project.join("narratives/executive-summary.md"), "refusing to replace"),
        (project.join("narratives/new.pdf"), "narratives/ folder"),
    ] {
        let o = pdf_cmd(&[project.to_str().unwrap(), "-o", target.to_str().unwrap(), "--browser", BIN], None);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{}: {err}", target.display());
        assert!(err.contains(says), "{err}");
    }
    assert_eq!(fs::read(&config).unwrap(), before, "cxsite.yaml untouched");
    assert!(!project.join("narratives/new.pdf").exists());
}

#[test]
fn a_browser_that_is_not_there_is_a_clear_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.pdf");
    let project = repo("example-project");
    let o =
        pdf_cmd(&[project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--browser", "/nonexistent/chromium"], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("--browser `/nonexistent/chromium`: no such file"), "{err}");
    assert!(!out.exists());
    // The same through CXSITE_BROWSER.
    let o = Command::new(BIN)
        .args(["pdf", project.to_str().unwrap(), "-o", out.to_str().unwrap()])
        .env("CXSITE_BROWSER", "/nonexistent/chrome")
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("CXSITE_BROWSER `/nonexistent/chrome`"), "{}", stderr(&o));
}

#[test]
fn content_errors_exit_1_and_leave_the_target_alone() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.pdf");
    fs::write(&out, b"the previous report").unwrap();
    let project = repo("tests/fixtures/broken/narrative-unknown-link");
    // The project is checked before the browser is looked for or started.
    let o = pdf_cmd(&[project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--browser", "/nonexistent"], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("narratives/n.md:6:") && err.contains("nobody"), "the same report as build: {err}");
    assert!(err.contains("no PDF was written"), "{err}");
    assert_eq!(fs::read(&out).unwrap(), b"the previous report");
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1, "nothing else written");
}

/// A stand-in browser: a shell script (Unix only).
#[cfg(unix)]
fn fake_browser(dir: &Path, body: &str) -> std::path::PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join("fake-chrome");
    fs::write(&path, format!("#!/bin/sh\n{body}\n")).unwrap();
    fs::set_permissions(&path, fs::Permissions::from_mode(0o755)).unwrap();
    path
}

#[cfg(unix)]
#[test]
fn a_browser_that_hangs_or_writes_nothing_is_an_error() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("report.pdf");
    let project = repo("tests/fixtures/valid/pdf-report");
    let (project, out_s) = (project.to_str().unwrap(), out.to_str().unwrap());

    // A wrapper that does not exec, with helpers of its own (as snap or flatpak wrappers do).
    let marker = format!("{}", 3000 + std::process::id() % 1000);
    let hangs = fake_browser(tmp.path(), &format!("sleep 4{marker} & sleep 5{marker}; wait"));
    let start = std::time::Instant::now();
    let o = pdf_cmd(&[project, "-o", out_s, "--browser", hangs.to_str().unwrap(), "--timeout", "1"], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("did not finish printing within 1 s"), "{err}");
    assert!(start.elapsed().as_secs() < 15, "stopped in time");
    std::thread::sleep(std::time::Duration::from_millis(200));
    let left = Command::new("pgrep").args(["-f", &format!("sleep [45]{marker}")]).output().unwrap();
    assert!(
        left.stdout.is_empty(),
        "the browser's helpers were left running: {}",
        String::from_utf8_lossy(&left.stdout)
    );

    let silent = fake_browser(tmp.path(), "echo 'something went wrong' >&2; exit 0");
    let o = pdf_cmd(&[project, "-o", out_s, "--browser", silent.to_str().unwrap()], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("wrote no PDF") && err.contains("something went wrong"), "{err}");

    let fails = fake_browser(tmp.path(), "echo 'cannot open display' >&2; exit 3");
    let o = pdf_cmd(&[project, "-o", out_s, "--browser", fails.to_str().unwrap(), "--quiet"], None);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{err}");
    assert!(err.contains("cannot open display"), "{err}");
    assert!(stdout(&o).is_empty(), "--quiet prints no progress");
    assert!(!out.exists());
    let left: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(left, ["fake-chrome"], "no temporary files left next to the target");
}

/// An interrupt (Ctrl-C, or SIGTERM from a job runner) stops the browser and
/// its helpers and removes the private build (which may be confidential).
#[test]
fn an_interrupt_stops_the_browser_and_removes_the_private_build() {
    let tmp = tempfile::tempdir().unwrap();
    let scratch = tmp.path().join("tmp");
    fs::create_dir(&scratch).unwrap();
    let out = tmp.path().join("report.pdf");
    let marker = format!("{}", 6000 + std::process::id() % 1000);
    let hangs = fake_browser(tmp.path(), &format!("sleep 4{marker} & sleep 5{marker}; wait"));
    let mut child = Command::new(BIN)
        .args(["pdf", repo("tests/fixtures/valid/pdf-report").to_str().unwrap(), "-o", out.to_str().unwrap()])
        .args(["--browser", hangs.to_str().unwrap()])
        .env("TMPDIR", &scratch)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until the browser runs, then interrupt.
    let start = std::time::Instant::now();
    let running = || {
        let o = Command::new("pgrep").args(["-f", &format!("sleep [45]{marker}")]).output().unwrap();
        !o.stdout.is_empty()
    };
    while !running() {
        assert!(start.elapsed().as_secs() < 20, "the fake browser never started");
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    Command::new("kill").args(["-TERM", &child.id().to_string()]).status().unwrap();
    let status = child.wait().unwrap();
    let mut err = String::new();
    std::io::Read::read_to_string(&mut child.stderr.take().unwrap(), &mut err).unwrap();
    assert_eq!(status.code(), Some(2), "{err}");
    assert!(err.contains("interrupted: no PDF was written"), "{err}");
    std::thread::sleep(std::time::Duration::from_millis(200));
    assert!(!running(), "the browser's helpers were left running");
    assert_eq!(fs::read_dir(&scratch).unwrap().count(), 0, "the private build was left in TMPDIR");
    assert!(!out.exists());
}
