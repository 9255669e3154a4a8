//! `cxsite export`: the whole site as one self-contained HTML file.
//!
//! The site is rendered in memory by the same pipeline as `build`
//! ([`crate::check`] and [`crate::render_site`]); then every page's `<main>`
//! becomes a `<section>` of one document ([`assemble`]), with ids made unique
//! per page and links, images, fonts, styles and scripts pointed at or
//! inlined into the document ([`rewrite`], [`inline`], [`links`], [`css`]). The markup is
//! read with a small tokenizer of our own ([`crate::html`]) rather than an HTML
//! rewriting crate: the export only needs tags and attributes, and the crate
//! would have added about 30 dependencies to a cold build.
//!
//! Sections are shown one at a time with CSS only (`:target`); the script
//! `export.js` adds `window.cxsiteExport.href(sitePath)` for the theme's own
//! scripts, which must link to `#page-…` anchors instead of files.

pub mod assemble;
pub mod css;
pub mod inline;
pub mod links;
pub mod rewrite;

use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::{Code, Diagnostic};
use crate::output::{check_file_target, write_parts_atomically, FileKind};
use crate::{check, render, render_site, Failure, Options};

/// What `export` writes.
const EXPORT_FILE: FileKind = FileKind { what: "the export", extensions: &["html", "htm"], example: "site.html" };

/// What a finished export reports.
pub struct Exported {
    /// Pages in the file.
    pub pages: usize,
    /// Size of the file in bytes.
    pub bytes: usize,
    /// The file written.
    pub out: PathBuf,
    /// Warnings: from checking the project, and what the export could not inline.
    pub warnings: Vec<Diagnostic>,
    /// Wall time.
    pub elapsed: Duration,
}

impl Exported {
    /// `Exported 32 pages into acme.html (1.2 MB) in 0.40 s, 0 warnings.`
    pub fn summary(&self) -> String {
        let w = self.warnings.len();
        format!(
            "Exported {} pages into {} ({}) in {:.2} s, {w} warning{}.",
            self.pages,
            self.out.display(),
            human_size(self.bytes),
            self.elapsed.as_secs_f64(),
            if w == 1 { "" } else { "s" }
        )
    }
}

/// `1.2 MB`, `340 kB`, `12 bytes` (decimal units, as file managers show them).
pub fn human_size(bytes: usize) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{:.1} MB", b as f64 / 1e6),
        b if b >= 1_000 => format!("{:.0} kB", b as f64 / 1e3),
        b => format!("{b} bytes"),
    }
}

/// Checks the project at `root`, renders it and writes it as one HTML file
/// `out`. Nothing is written when the project has errors (or, with
/// `--strict`, warnings) or the file cannot be written.
pub fn export(root: &Path, out: &Path, opts: &Options) -> Result<Exported, Failure> {
    let start = Instant::now();
    let crate::Checked { site, warnings: checked_warnings, sources } = check(root, opts)?;
    // The texts read from the project are not needed once checked; the site
    // model goes once it is rendered (memory for the assembly).
    drop(sources);
    check_file_target(root, out, &EXPORT_FILE)?;
    let mut rendered: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    render_site(&site, &mut |path, bytes| {
        rendered.insert(path.to_string(), bytes.to_vec());
        Ok(())
    })?;
    // The search index files are rendered with the pages but are scripts: they stay among the files.
    let page_paths: Vec<String> = render::pages(&site).iter().filter(|p| p.is_html()).map(|p| p.path(&site)).collect();
    let mut on_disk: HashMap<String, PathBuf> =
        site.files.iter().map(|(project, site_path)| (site_path.clone(), site.root.join(project))).collect();
    on_disk.extend(site.theme_static.iter().cloned());
    drop(site);
    let mut texts = Vec::with_capacity(page_paths.len());
    for path in page_paths {
        let bytes = rendered.remove(&path).unwrap_or_default();
        let html = String::from_utf8(bytes).unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        texts.push((path, html));
    }
    // Two passes over the pages, so no more than one page's tokens live at a
    // time: the ids of every page first (links need them), then the document.
    let chrome = texts.iter().position(|(p, _)| p == "index.html").unwrap_or(0);
    let ids = texts
        .iter()
        .enumerate()
        .map(|(i, (path, html))| (path.clone(), assemble::Page::parse(path, html).ids(i == chrome)))
        .collect();
    let pages = texts.len();
    let map = links::SiteMap::new(ids, rendered, on_disk);
    let rewriter = rewrite::Rewriter::new(&map);
    let document = assemble::assemble(texts, chrome, &rewriter);

    let mut warnings = checked_warnings;
    let notes: Vec<Diagnostic> = rewriter
        .notes()
        .into_iter()
        .map(|(at, msg, help)| {
            Diagnostic::warning(Code::Export, at, 1, 1, format!("export: {msg}"))
                .with_help_opt(Some(help.to_string()).filter(|h| !h.is_empty()))
        })
        .collect();
    if opts.strict && !notes.is_empty() {
        let mut errors: Vec<Diagnostic> = warnings;
        errors.extend(notes.into_iter().map(|mut d| {
            d.severity = crate::diagnostics::Severity::Error;
            d
        }));
        return Err(Failure::Content(errors));
    }
    warnings.extend(notes);
    write_parts_atomically(out, &document.parts()).map_err(Failure::io_at("write", out))?;
    Ok(Exported { pages, bytes: document.len(), out: out.to_path_buf(), warnings, elapsed: start.elapsed() })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::output::write_file_atomically;
    use std::fs;

    #[test]
    fn sizes() {
        assert_eq!(human_size(12), "12 bytes");
        assert_eq!(human_size(340_400), "340 kB");
        assert_eq!(human_size(1_234_567), "1.2 MB");
    }

    #[test]
    fn targets() {
        let tmp = tempfile::tempdir().unwrap();
        let project = tmp.path().join("p");
        fs::create_dir_all(project.join("insights")).unwrap();
        let check = |out: &Path| check_file_target(&project, out, &EXPORT_FILE).map_err(|e| e.to_string());
        assert!(check(tmp.path()).unwrap_err().contains("it is a folder"));
        assert!(check(&project.join("insights/x.html")).unwrap_err().contains("insights/ folder"));
        assert!(check(&project.join("site.html")).is_ok());
        fs::write(project.join("cxsite.yaml"), "title: t").unwrap();
        assert!(check(&project.join("cxsite.yaml")).unwrap_err().contains("another kind of file"));
        let out = tmp.path().join("new/site.html");
        write_file_atomically(&out, b"<p>1</p>").unwrap();
        write_file_atomically(&out, b"<p>2</p>").unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"<p>2</p>");
        assert_eq!(fs::read_dir(tmp.path().join("new")).unwrap().count(), 1, "no temp file left");
    }
}
