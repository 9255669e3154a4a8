//! `cxsite pdf`: the report (`report.html`) printed to a PDF file through
//! an installed Chromium or Google Chrome in headless mode.
//!
//! The site is checked and built into a private temporary folder with the
//! normal pipeline, `report.html` is prepared for paper (links to other
//! pages of the site cannot work in a PDF: they point to the published site
//! when `base_url` is set, and become plain text otherwise; the footer
//! names the report), and the browser prints it. A first print tells on
//! which page each chapter starts; those page numbers go into the table of
//! contents and the report is printed again. The PDF is written next to the
//! target and renamed into place, so a failed run leaves no half file.

pub mod browser;
pub mod inspect;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;
use crate::html::{tokenize, write_tag, Edit, Token};
use crate::link::Site;
use crate::output::{check_file_target, write_file_atomically, FileKind};
use crate::{Failure, Options};

/// What `pdf` writes.
const PDF_FILE: FileKind = FileKind { what: "the PDF", extensions: &["pdf"], example: "report.pdf" };

/// What `cxsite pdf` is asked to do.
#[derive(Debug, Clone)]
pub struct PdfOptions {
    /// Drafts and strictness, as for `build`.
    pub build: Options,
    /// The browser from `--browser` (a path or a command name).
    pub browser: Option<PathBuf>,
    /// Start the browser without its sandbox even when not running as root.
    pub no_sandbox: bool,
    /// How long one print may take before the browser is stopped.
    pub timeout: Duration,
}

impl Default for PdfOptions {
    fn default() -> Self {
        PdfOptions { build: Options::default(), browser: None, no_sandbox: false, timeout: Duration::from_secs(120) }
    }
}

/// What a finished `cxsite pdf` reports.
#[derive(Debug)]
pub struct Printed {
    /// The PDF written.
    pub out: PathBuf,
    /// Its number of pages, when it could be read from the file.
    pub pages: Option<usize>,
    /// Its size in bytes.
    pub bytes: u64,
    /// The browser that printed it.
    pub browser: PathBuf,
    /// Warnings of the project.
    pub warnings: Vec<Diagnostic>,
    /// Wall time of the whole command.
    pub elapsed: Duration,
}

/// Checks the project at `root`, builds it privately and prints its report
/// to `out`. `progress` receives a line before the (slow) printing starts.
/// Content errors give [`Failure::Content`] and write nothing; a missing
/// browser or a failed print give [`Failure::Usage`], an unwritable target
/// [`Failure::Usage`] or [`Failure::Io`].
pub fn pdf(root: &Path, out: &Path, opts: &PdfOptions, progress: &mut dyn FnMut(&str)) -> Result<Printed, Failure> {
    let start = Instant::now();
    browser::catch_interrupts();
    // Check first, so content errors are reported before a browser is looked
    // for and nothing is written; the checked project is then built as is.
    let checked = crate::check(root, &opts.build)?;
    let browser =
        browser::find(opts.browser.as_deref(), std::env::var_os(browser::BROWSER_ENV), std::env::var_os("PATH"))?;
    check_file_target(root, out, &PDF_FILE)?;

    let work = tempfile::Builder::new()
        .prefix("cxsite-pdf-")
        .tempdir()
        .map_err(Failure::io_at("create a temporary folder in", std::env::temp_dir()))?;
    let site_dir = work.path().join("site");
    let built = crate::write_site(root, &checked, &site_dir)?;
    let interrupted = || Failure::usage_without_help("interrupted: no PDF was written");
    let stop_if_interrupted = || if browser::interrupted() { Err(interrupted()) } else { Ok(()) };
    stop_if_interrupted()?;
    let report = site_dir.join("report.html");
    let html = fs::read_to_string(&report).map_err(Failure::io_at("read the built report", &report))?;
    let html = prepare_report(&html, &checked.site);
    let write_report = |html: &str| fs::write(&report, html).map_err(Failure::io_at("write", &report));
    write_report(&html)?;

    progress(&format!("Printing report.html with {} …", browser.display()));
    let no_sandbox = opts.no_sandbox || browser::running_as_root();
    let url = browser::file_url(&report);
    let print = |name: &str| -> Result<Vec<u8>, Failure> {
        let pdf = work.path().join(name);
        let profile = tempfile::Builder::new()
            .prefix("profile-")
            .tempdir_in(work.path())
            .map_err(Failure::io_at("create a browser profile folder in", work.path()))?;
        let job = browser::Print {
            browser: &browser,
            url: &url,
            pdf: &pdf,
            profile: profile.path(),
            log: &work.path().join(format!("{name}.log")),
            no_sandbox,
            timeout: opts.timeout,
        };
        job.run().map_err(|failure| match failure {
            _ if browser::interrupted() => interrupted(),
            Failure::Usage { message, help } => {
                Failure::Usage { message: format!("printing the report failed: {message}"), help }
            }
            other => other,
        })?;
        let bytes = fs::read(&pdf).unwrap_or_default();
        if !inspect::is_pdf(&bytes) {
            return Err(Failure::usage(
                format!("{} ran but wrote no PDF{}", browser.display(), job.log_tail()),
                "check that it is Chromium or Google Chrome, version 112 or newer; \
                 a browser installed as a snap cannot see the system's temporary folder: \
                 set TMPDIR to a folder in your home",
            ));
        }
        Ok(bytes)
    };

    let mut bytes = print("first.pdf")?;
    // Page numbers in the table of contents need a second print; when that
    // moves a chapter (or cannot be read) the first print is kept.
    let chapters: Vec<&str> = checked.site.narratives.iter().map(|n| n.id.as_str()).collect();
    if let Some(pages) = chapter_pages(&bytes, &chapters) {
        write_report(&with_toc_pages(&html, &pages))?;
        let second = print("second.pdf")?;
        if chapter_pages(&second, &chapters).as_ref() == Some(&pages) {
            bytes = second;
        }
    }

    stop_if_interrupted()?;
    write_file_atomically(out, &bytes).map_err(Failure::io_at("write", out))?;
    Ok(Printed {
        out: out.to_path_buf(),
        pages: inspect::count_pages(&bytes),
        bytes: bytes.len() as u64,
        browser,
        warnings: built.warnings,
        elapsed: start.elapsed(),
    })
}

/// The page on which each chapter starts, when every one can be found.
fn chapter_pages(pdf: &[u8], chapters: &[&str]) -> Option<BTreeMap<String, usize>> {
    if chapters.is_empty() {
        return None;
    }
    let dests = inspect::destinations(pdf)?;
    chapters.iter().map(|id| dests.get(*id).map(|&p| (id.to_string(), p))).collect()
}

/// `report.html` with the page numbers filled into its table of contents
/// (the default theme's `<span class="toc-page" data-chapter="ID"></span>`).
pub fn with_toc_pages(html: &str, pages: &BTreeMap<String, usize>) -> String {
    let mut html = html.to_string();
    for (id, page) in pages {
        let empty = format!("<span class=\"toc-page\" data-chapter=\"{id}\"></span>");
        let filled = format!("<span class=\"toc-page\" data-chapter=\"{id}\">{page}</span>");
        html = html.replace(&empty, &filled);
    }
    html
}

/// `report.html` made ready for paper: links to other pages of the site
/// point to the published site (`base_url`) or become plain text, and the
/// page footer names the report.
pub fn prepare_report(html: &str, site: &Site) -> String {
    let base = site.config.base_url.trim_end_matches('/');
    let base = (base.starts_with("https://") || base.starts_with("http://"))
        .then(|| base.replace('&', "&amp;").replace('"', "&quot;").replace('<', "&lt;"));
    let html = localize_links(html, base.as_deref());
    let c = &site.config;
    let mut footer = c.title.clone();
    if let Some(client) = c.client.as_deref().filter(|s| !s.is_empty()) {
        footer.push_str(" · ");
        footer.push_str(client);
    }
    let style = format!(
        "<style>@page {{ @bottom-left {{ content: \"{}\"; }} }} @page cover {{ @bottom-left {{ content: none; }} }}</style>\n",
        css_string(&footer)
    );
    match html.find("</head>") {
        Some(i) => format!("{}{style}{}", &html[..i], &html[i..]),
        None => html,
    }
}

/// Rewrites the `href` of every `<a>` that leads to another page of the
/// site: with `base` to an absolute URL (marked `data-cxsite-page`, so print
/// does not spell it out), without it to a plain `data-href` (no link). Links
/// within the page (`#…`, `report.html#…`) and links out of the site stay.
pub fn localize_links(html: &str, base: Option<&str>) -> String {
    // The export's HTML tokenizer: raw HTML from authors (`allow_html`) may
    // write `<a` tags with other quoting or line breaks.
    let mut out = String::with_capacity(html.len());
    for token in tokenize(html) {
        match token {
            Token::Text(t) => out.push_str(t),
            Token::End(e) => out.push_str(e.raw),
            Token::Unclosed(close) => out.push_str(close),
            Token::Start(tag) if tag.name == "a" => {
                let mut extra = Vec::new();
                let edits = tag
                    .attrs
                    .iter()
                    .map(|a| if a.name == "href" { localize_href(&a.value(), base, &mut extra) } else { Edit::Keep })
                    .collect();
                write_tag(&mut out, &tag, edits, &extra);
            }
            Token::Start(tag) => out.push_str(tag.raw),
        }
    }
    out
}

/// What becomes of one `href` (see [`localize_links`]); attributes to add go to `extra`.
fn localize_href(value: &str, base: Option<&str>, extra: &mut Vec<(&'static str, String)>) -> Edit {
    if let Some(fragment) = value.strip_prefix("report.html#") {
        return Edit::Set(format!("#{fragment}"));
    }
    let scheme =
        value.find(':').is_some_and(|c| value[..c].chars().all(|ch| ch.is_ascii_alphanumeric() || "+-.".contains(ch)));
    if value.starts_with('#') || value.starts_with("//") || scheme {
        return Edit::Keep;
    }
    match base {
        Some(base) => {
            extra.push(("data-cxsite-page", String::new()));
            Edit::Set(format!("{base}/{value}"))
        }
        None => {
            extra.push(("data-href", value.to_string()));
            Edit::Drop
        }
    }
}

/// `s` as the inside of a double-quoted CSS string, safe inside `<style>`.
fn css_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' => out.push_str(&format!("\\{:x} ", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\{:x} ", c as u32)),
            c => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_to_other_pages_become_text_or_absolute() {
        let html = r##"<a href="#fn-1">1</a> <a class="chip" href="insights/x.html">X</a> <a href="https://e.org/">e</a> <a href="report.html#two">two</a> <a href="mailto:a@b.c">m</a> <link href="static/cxsite.css">"##;
        let plain = localize_links(html, None);
        assert_eq!(
            plain,
            r##"<a href="#fn-1">1</a> <a class="chip" data-href="insights/x.html">X</a> <a href="https://e.org/">e</a> <a href="#two">two</a> <a href="mailto:a@b.c">m</a> <link href="static/cxsite.css">"##
        );
        let hosted = localize_links(html, Some("https://acme.example/study"));
        assert!(hosted.contains(
            r#"<a class="chip" href="https://acme.example/study/insights/x.html" data-cxsite-page="">X</a>"#
        ));
        assert!(hosted.contains(r#"<link href="static/cxsite.css">"#), "only <a> tags change");
        // Raw HTML from authors: other quoting, line breaks, upper case.
        let raw = "<A\nHREF='personas/p.html'>p</A> <a href=journeys.html>j</a>";
        assert_eq!(
            localize_links(raw, None),
            "<A data-href=\"personas/p.html\">p</A> <a data-href=\"journeys.html\">j</a>"
        );
    }

    #[test]
    fn toc_gets_page_numbers_and_css_strings_are_escaped() {
        let html = r##"<li><a href="#a"><span class="toc-title">A</span><span class="toc-page" data-chapter="a"></span></a></li>"##;
        let pages = BTreeMap::from([("a".to_string(), 3)]);
        assert!(with_toc_pages(html, &pages).contains(r#"data-chapter="a">3</span>"#));
        assert_eq!(css_string("A \"B\" </style>\n"), "A \\22 B\\22  \\3c /style\\3e \\a ");
    }
}
