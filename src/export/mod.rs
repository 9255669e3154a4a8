//! `cxsite export`: the whole site as one self-contained HTML file.
//!
//! The site is rendered in memory by the same pipeline as `build`
//! ([`crate::check`] and [`crate::render_site`]); then every page's `<main>`
//! becomes a `<section>` of one document ([`assemble`]), with ids made unique
//! per page and links, images, fonts, styles and scripts pointed at or
//! inlined into the document ([`rewrite`], [`inline`], [`links`], [`css`]). The markup is
//! read with a small tokenizer of our own ([`html`]) rather than an HTML
//! rewriting crate: the export only needs tags and attributes, and the crate
//! would have added about 30 dependencies to a cold build.
//!
//! Sections are shown one at a time with CSS only (`:target`); the script
//! `export.js` adds `window.cxsiteExport.href(sitePath)` for the theme's own
//! scripts, which must link to `#page-…` anchors instead of files.

pub mod assemble;
pub mod css;
pub mod html;
pub mod inline;
pub mod links;
pub mod rewrite;

use std::collections::{BTreeMap, HashMap};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use crate::diagnostics::Diagnostic;
use crate::{check, render, render_site, Failure, Options};

/// Project folders that hold sources: an export written there would be read back as one.
const SOURCE_DIRS: &[&str] =
    &["insights", "personas", "journeys", "kano", "nps", "narratives", "assets", "templates", "themes"];

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
    let checked = check(root, opts)?;
    check_target(root, out).map_err(Failure::Usage)?;
    let site = &checked.site;
    let mut rendered: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    render_site(site, &mut |path, bytes| {
        rendered.insert(path.to_string(), bytes.to_vec());
        Ok(())
    })?;
    // search-index.js is rendered with the pages but is a script: it stays among the files.
    let page_paths: Vec<String> =
        render::pages(site).iter().map(|p| p.path(site)).filter(|p| p.ends_with(".html")).collect();
    let mut texts = Vec::with_capacity(page_paths.len());
    for path in &page_paths {
        let bytes = rendered.remove(path).unwrap_or_default();
        texts.push((path.clone(), String::from_utf8_lossy(&bytes).into_owned()));
    }
    let pages: Vec<assemble::Page<'_>> = texts.iter().map(|(p, html)| assemble::Page::parse(p, html)).collect();
    let chrome = pages.iter().position(|p| p.path == "index.html").unwrap_or(0);
    let ids = pages.iter().enumerate().map(|(i, p)| (p.path.clone(), p.ids(i == chrome))).collect();
    let mut on_disk: HashMap<String, PathBuf> =
        site.files.iter().map(|(project, site_path)| (site_path.clone(), site.root.join(project))).collect();
    on_disk.extend(site.theme_static.iter().cloned());
    let map = links::SiteMap::new(ids, rendered, on_disk);
    let rewriter = rewrite::Rewriter::new(&map);
    let document = assemble::assemble(&pages, chrome, &rewriter);

    let mut warnings = checked.warnings;
    let notes: Vec<Diagnostic> = rewriter
        .notes()
        .into_iter()
        .map(|(at, msg, help)| {
            Diagnostic::warning(at, 1, 1, format!("export: {msg}"))
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
    write_atomically(out, document.as_bytes())
        .map_err(|e| Failure::Usage(format!("cannot write {}: {e}", out.display())))?;
    Ok(Exported {
        pages: pages.len(),
        bytes: document.len(),
        out: out.to_path_buf(),
        warnings,
        elapsed: start.elapsed(),
    })
}

/// Refuses a folder, a file that is not HTML, and anything inside the project's source folders.
fn check_target(root: &Path, out: &Path) -> Result<(), String> {
    let shown = out.display();
    if out.is_dir() {
        return Err(format!(
            "cannot export to {shown}: it is a folder\n  help: name the file to write, e.g. `-o {}`",
            out.join("site.html").display()
        ));
    }
    let name = out.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if name.is_empty() {
        return Err(format!("cannot export to {shown}: it names no file\n  help: e.g. `-o site.html`"));
    }
    if out.exists() && !(name.ends_with(".html") || name.ends_with(".htm")) {
        return Err(format!(
            "refusing to replace {shown}: it is not an HTML file\n  help: choose a new file name ending in .html"
        ));
    }
    let abs = |p: &Path| {
        let p = std::path::absolute(p).unwrap_or_else(|_| p.to_path_buf());
        match (p.parent().and_then(|d| d.canonicalize().ok()), p.file_name()) {
            (Some(dir), Some(name)) => dir.join(name),
            _ => p,
        }
    };
    let (project, target) = (root.canonicalize().unwrap_or_else(|_| abs(root)), abs(out));
    for dir in SOURCE_DIRS {
        if target.starts_with(project.join(dir)) {
            return Err(format!(
                "refusing to write the export into the project's {dir}/ folder ({shown})\n  help: write it next to the project, e.g. `-o {}`",
                project.with_extension("html").display()
            ));
        }
    }
    Ok(())
}

/// Writes `bytes` to a temporary file next to `out`, then renames it over `out`.
fn write_atomically(out: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "export.html".into());
    let tmp = dir.join(format!(".{name}.cxsite-tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        fs::rename(&tmp, out)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

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
        assert!(check_target(&project, tmp.path()).unwrap_err().contains("it is a folder"));
        assert!(check_target(&project, &project.join("insights/x.html")).unwrap_err().contains("insights/ folder"));
        assert!(check_target(&project, &project.join("site.html")).is_ok());
        fs::write(project.join("cxsite.yaml"), "title: t").unwrap();
        assert!(check_target(&project, &project.join("cxsite.yaml")).unwrap_err().contains("not an HTML file"));
        let out = tmp.path().join("new/site.html");
        write_atomically(&out, b"<p>1</p>").unwrap();
        write_atomically(&out, b"<p>2</p>").unwrap();
        assert_eq!(fs::read(&out).unwrap(), b"<p>2</p>");
        assert_eq!(fs::read_dir(tmp.path().join("new")).unwrap().count(), 1, "no temp file left");
    }
}
