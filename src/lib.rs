//! cxsite: a folder of YAML customer insights and Markdown narratives in,
//! a static website out.
//!
//! The pipeline reads top to bottom:
//! [`load`] → [`link`] (check and link) → [`analysis`] → [`render`] → [`output`].

#![warn(missing_docs)]

pub mod analysis;
pub mod color;
pub mod config;
pub mod dates;
pub mod delivery;
pub mod diagnostics;
pub mod error;
pub mod export;
#[doc(hidden)]
pub mod fuzzing;
pub mod html;
pub mod i18n;
pub mod init;
pub mod link;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pdf;
pub mod portfolio;
pub mod render;
pub mod schema;
pub mod serve;
pub mod web;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use diagnostics::{Diagnostic, Diagnostics};
pub use error::Failure;
use link::{LinkOptions, Site};

/// Options shared by `check` and `build`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Include drafts.
    pub drafts: bool,
    /// Treat warnings as errors.
    pub strict: bool,
    /// Include material marked `internal: true` (a team build), visibly
    /// marked; a normal build leaves it out of every output.
    pub internal: bool,
    /// An earlier delivery to compare with (`--since`), overriding `since:`
    /// in `cxsite.yaml`.
    pub since: Option<PathBuf>,
}

/// A checked project: the site model and the warnings found on the way.
pub struct Checked {
    /// The linked site.
    pub site: Site,
    /// Warnings (no errors: those make `check` fail).
    pub warnings: Vec<Diagnostic>,
    /// What was read from the project (`serve` compares it between rebuilds).
    pub sources: load::Sources,
}

/// What `serve` keeps between checks: parsed files, and the problems of
/// insights whose text and world of ids did not change.
#[derive(Default)]
pub struct Caches {
    /// Parsed files by path.
    pub parse: load::ParseCache,
    /// Problems of single insights.
    pub checks: link::LinkCache,
}

/// Steps 1 and 2: load and check the project at `root`.
pub fn check(root: &Path, opts: &Options) -> Result<Checked, Failure> {
    check_cached(root, opts, &load::ParseCache::default(), None, None)
}

/// [`check`] reusing what `caches` kept from earlier checks and, where
/// they still hold, the back-links of `previous`, the last good site (for `serve`).
pub fn check_with(root: &Path, opts: &Options, caches: &Caches, previous: Option<&Site>) -> Result<Checked, Failure> {
    check_cached(root, opts, &caches.parse, Some(&caches.checks), previous)
}

fn check_cached(
    root: &Path,
    opts: &Options,
    parsed: &load::ParseCache,
    checks: Option<&link::LinkCache>,
    previous: Option<&Site>,
) -> Result<Checked, Failure> {
    let mut diags = Diagnostics::default();
    let t = Instant::now();
    let sources = load::load_cached(root, &mut diags, parsed)?;
    timing("load", t);
    let t = Instant::now();
    let mut site = link::link_cached(
        &sources,
        LinkOptions { drafts: opts.drafts, internal: opts.internal },
        checks,
        previous,
        &mut diags,
    );
    timing("check & link", t);
    let t = Instant::now();
    if let Some(old) = delivery::previous(&sources, opts.since.as_deref(), &mut diags)? {
        timing("since: read", t);
        let t = Instant::now();
        site.changes = Some(std::sync::Arc::new(delivery::changes_since(&old, &site)));
        timing("since: compare", t);
    }
    if opts.strict {
        diags.make_strict();
    }
    if diags.has_errors() {
        return Err(Failure::Content(diags.sorted()));
    }
    Ok(Checked { site, warnings: diags.sorted(), sources })
}

/// `cxsite check`: everything `build` does short of writing files. After
/// [`check`], every page is rendered in memory and thrown away, so a theme
/// template that only fails at render time (an unknown include, a filter
/// given the wrong value) fails `check` exactly as it would fail `build`.
pub fn check_rendered(root: &Path, opts: &Options) -> Result<Checked, Failure> {
    let checked = check(root, opts)?;
    let t = Instant::now();
    render_site(&checked.site, &mut |_, _| Ok(()))?;
    timing("check render", t);
    Ok(checked)
}

/// Prints how long a step took when `CXSITE_TIMINGS` is set (a profiling aid).
pub fn timing(step: &str, since: Instant) {
    if std::env::var_os("CXSITE_TIMINGS").is_some() {
        eprintln!("timing: {step:<14} {:>8.1} ms", since.elapsed().as_secs_f64() * 1000.0);
    }
}

/// What a finished build reports.
pub struct Built {
    /// Pages written.
    pub pages: usize,
    /// Other files written (theme and project assets).
    pub files: usize,
    /// Warnings found.
    pub warnings: Vec<Diagnostic>,
    /// Where the site went.
    pub out: PathBuf,
    /// Wall time of the whole build.
    pub elapsed: Duration,
    /// One line on what the site holds, e.g. "12 insights, 4 personas".
    pub contents: String,
}

/// Renders every page and theme file of `site`, handing each to `sink`
/// (site-relative path, bytes). Used by `build`; `serve` renders through
/// [`render_pages`] with the same renderer.
pub fn render_site(site: &Site, sink: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>) -> Result<usize, Failure> {
    render_site_to(site, sink, None)
}

/// [`render_site`]; with `staging`, `cxsite-data.json` is streamed into it
/// instead of handed to `sink` whole. Either way it is made last, after the
/// renderer (cards, search files, drawings) is gone: the peak memory of a
/// large build is lower by both.
fn render_site_to(
    site: &Site,
    sink: &mut dyn FnMut(&str, &[u8]) -> std::io::Result<()>,
    staging: Option<&output::Staging>,
) -> Result<usize, Failure> {
    let t = Instant::now();
    let results = analysis::analyse(site);
    timing("analyse", t);
    let renderer = render::Renderer::new(site, &results).map_err(Failure::Content)?;
    let (data, pages): (Vec<render::Page>, Vec<render::Page>) =
        render::pages(site).into_iter().partition(|p| *p == render::Page::Data);
    render_pages(&renderer, site, &pages, &mut |path, html| sink(path, html.as_bytes()))?;
    drop(renderer);
    for page in &data {
        let (t, path) = (Instant::now(), page.path(site));
        match staging {
            Some(staging) => {
                staging.write_with(&path, |w: &mut dyn std::io::Write| delivery::stream::write_json(site, &results, w))
            }
            None => sink(&path, delivery::Snapshot::of(site, &results).to_json().as_bytes()),
        }
        .map_err(Failure::io_at("write", &path))?;
        timing(&path, t);
    }
    for (path, source) in site_files(site) {
        if let SiteFile::Builtin(bytes) = source {
            sink(&path, bytes).map_err(Failure::io_at("write", &path))?;
        }
    }
    Ok(pages.iter().filter(|p| p.is_html()).count())
}

/// Where a file of the site that is not rendered comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SiteFile {
    /// A static file of the default theme, built into cxsite.
    Builtin(&'static [u8]),
    /// A static file of a custom theme, on disk.
    Theme(PathBuf),
    /// A project file the site publishes (a photo, the logo, `assets/…`),
    /// by its project-relative path.
    Project(String),
}

/// Every file of the site besides the rendered pages, by site path: the
/// default theme's static files a custom theme does not replace, the custom
/// theme's static files, then the project files. `build` writes exactly
/// these and `serve` serves exactly these.
pub fn site_files(site: &Site) -> Vec<(String, SiteFile)> {
    let builtin = render::default_static_files()
        .into_iter()
        .filter(|(path, _)| !site.theme_static.iter().any(|(p, _)| p == path))
        .map(|(path, bytes)| (path, SiteFile::Builtin(bytes)));
    let theme = site.theme_static.iter().map(|(path, abs)| (path.clone(), SiteFile::Theme(abs.clone())));
    let project = site.files.iter().map(|(project, path)| (path.clone(), SiteFile::Project(project.clone())));
    builtin.chain(theme).chain(project).collect()
}

/// Renders `pages` in parallel and hands each (owned, so a keeper need not
/// copy it) to `sink` on the calling thread, so writing overlaps rendering
/// without file-system contention.
pub fn render_pages(
    renderer: &render::Renderer,
    site: &Site,
    pages: &[render::Page],
    sink: &mut dyn FnMut(&str, String) -> std::io::Result<()>,
) -> Result<(), Failure> {
    let t = Instant::now();
    let mut problems = Diagnostics::default();
    let mut write_failure = None;
    std::thread::scope(|scope| {
        let (tx, rx) = std::sync::mpsc::sync_channel::<(String, Result<String, Diagnostic>)>(64);
        scope.spawn(move || {
            pages.par_iter().for_each_with(tx, |tx, page| {
                let path = page.path(site);
                let t = Instant::now();
                let rendered = renderer.render(page);
                if t.elapsed() > Duration::from_millis(20) {
                    timing(&path, t);
                }
                // The receiver only goes away when writing failed; then stop quietly.
                let _ = tx.send((path, rendered));
            });
        });
        for (path, rendered) in rx {
            match rendered.map(|html| sink(&path, html)) {
                Ok(Ok(())) => {}
                // An I/O failure, not a content error: stop rendering (exit 2).
                Ok(Err(e)) => {
                    write_failure = Some(Failure::io("write", &path, e));
                    break;
                }
                Err(d) => problems.push(d),
            }
        }
    });
    timing("render+write", t);
    match write_failure {
        Some(failure) => Err(failure),
        None if problems.is_empty() => Ok(()),
        None => Err(Failure::Content(problems.sorted())),
    }
}

/// The whole pipeline: check, render and write the site into `out`.
pub fn build(root: &Path, out: &Path, opts: &Options) -> Result<Built, Failure> {
    let start = Instant::now();
    let checked = check(root, opts)?;
    let mut built = write_site(root, &checked, out)?;
    built.elapsed = start.elapsed();
    Ok(built)
}

/// Steps 3 to 5 for a checked project: render the site and write it into
/// `out` (for `build`, and `pdf`, which checks before it looks for a browser).
pub fn write_site(root: &Path, checked: &Checked, out: &Path) -> Result<Built, Failure> {
    let start = Instant::now();
    let site = &checked.site;
    output::check_target(root, out)?;
    let staging = output::Staging::new(out).map_err(Failure::io_at("create a folder next to", out))?;
    let pages = render_site_to(site, &mut |path, bytes| staging.write(path, bytes), Some(&staging))?;
    let site_files = site_files(site);
    for (site_path, source) in &site_files {
        match source {
            SiteFile::Builtin(_) => {} // written with the pages
            SiteFile::Theme(abs) => staging.copy(abs, site_path).map_err(Failure::io_at("copy", site_path))?,
            SiteFile::Project(project_path) => {
                staging.copy(&site.root.join(project_path), site_path).map_err(Failure::io_at("copy", project_path))?
            }
        }
    }
    let files = site_files.len();
    let t = Instant::now();
    let commit = staging.commit();
    timing("swap", t);
    commit.map_err(Failure::io_at("move the new site into", out))?;
    Ok(Built {
        pages,
        files,
        warnings: checked.warnings.clone(),
        out: out.to_path_buf(),
        elapsed: start.elapsed(),
        contents: contents_line(site),
    })
}

/// "12 insights, 4 personas, 2 journeys, …" for the summary line.
pub fn contents_line(site: &Site) -> String {
    let parts = [
        (site.insights.len(), "insight", "insights"),
        (site.personas.len(), "persona", "personas"),
        (site.journeys.len(), "journey", "journeys"),
        (site.kano.len(), "Kano study", "Kano studies"),
        (site.nps.len(), "NPS series", "NPS series"),
        (site.narratives.len(), "chapter", "chapters"),
    ];
    parts
        .iter()
        .map(|&(n, one, many)| format!("{n} {}", if n == 1 { one } else { many }))
        .collect::<Vec<_>>()
        .join(", ")
}
