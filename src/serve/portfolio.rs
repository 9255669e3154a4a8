//! `cxsite serve` on a portfolio folder (one with `portfolio.yaml`): the
//! portfolio is built with [`crate::portfolio::build`] into a preview folder
//! of its own, `DIR/.cxsite/preview/`, and served from there. A save in any
//! study rebuilds the portfolio — only the studies whose inputs changed, as
//! `cxsite portfolio` does — and reloads the open pages; a study that fails
//! keeps its last good copy and its problems show in the browser.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::mpsc;

use notify::{RecursiveMode, Watcher};

use super::http::Shared;
use super::live::Snapshot;
use super::ServeOptions;
use crate::diagnostics::report::dir_prefix;
use crate::diagnostics::Diagnostic;
use crate::portfolio::{self, Outcome, Report};
use crate::Failure;

/// Where the preview is built, relative to the portfolio folder (hidden, so
/// its own writes are no change to watch).
pub const PREVIEW_DIR: &str = ".cxsite/preview";

/// Whether `dir` is a portfolio folder: `portfolio.yaml` and no `cxsite.yaml`.
pub fn is_portfolio(dir: &Path) -> bool {
    dir.join(portfolio::config::FILE).is_file() && !dir.join(crate::load::CONFIG_FILE).is_file()
}

/// Serves the portfolio of `dir` until the process is stopped.
pub fn serve(dir: &Path, opts: &ServeOptions) -> Result<(), Failure> {
    let root = dir.canonicalize().unwrap_or_else(|_| dir.to_path_buf());
    let out = root.join(PREVIEW_DIR);
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| Failure::io("watch the files of", &root, std::io::Error::other(e)))?;
    let mut watched = Watched::default();
    watched.follow(&mut watcher, &root, &out)?;

    let mut preview = Preview { root: root.clone(), out, opts: opts.build.clone(), version: 0 };
    if !opts.quiet {
        eprintln!("Building the portfolio {} into {PREVIEW_DIR}/ …", dir.display());
    }
    let first = preview.rebuild(opts.quiet);
    let shared = Shared::new(first.snapshot);
    let url = super::listen(&shared, opts)?;
    println!("Serving the portfolio {} at {url}  (Ctrl-C to stop)", dir.display());
    if !first.errors.is_empty() {
        super::report_errors(&first.errors);
    }

    while let Some((changed, lost)) = super::next_change(&rx, &|p| watched.relevant(p)) {
        let what =
            if lost { "file events were lost; re-read everything".to_string() } else { describe(&root, &changed) };
        let rebuilt = preview.rebuild(opts.quiet);
        // A study added to portfolio.yaml is watched from now on.
        watched.follow(&mut watcher, &root, &preview.out)?;
        shared.store(rebuilt.snapshot);
        shared.notify();
        if rebuilt.errors.is_empty() {
            if !opts.quiet {
                println!("{what}: {}", rebuilt.line);
            }
        } else {
            eprintln!("{what}: {}", rebuilt.line);
            super::report_errors(&rebuilt.errors);
        }
    }
    drop(watcher);
    Ok(())
}

/// The portfolio being previewed.
struct Preview {
    root: PathBuf,
    out: PathBuf,
    opts: crate::Options,
    version: u64,
}

/// One rebuild's result: what to serve, what went wrong, the terminal line.
struct Rebuilt {
    snapshot: Snapshot,
    errors: Vec<Diagnostic>,
    line: String,
}

impl Preview {
    /// Builds the portfolio (unchanged studies are skipped) and lists what to serve.
    fn rebuild(&mut self, quiet: bool) -> Rebuilt {
        let progress = |s: &portfolio::StudyReport, n: usize, total: usize| {
            if !quiet && !matches!(s.outcome, Outcome::Skipped | Outcome::Failed(_)) {
                eprint!("{}", portfolio::progress::line(s, n, total, quiet, &self.out));
            }
        };
        let (errors, line) = match portfolio::build(&self.root, &self.out, &self.opts, &progress) {
            Ok(report) => (study_errors(&report), summary(&report)),
            Err(f) => {
                let errors = f.into_diagnostics();
                let line = format!("the portfolio was not rebuilt: {}", crate::diagnostics::summary(&errors));
                (errors, line)
            }
        };
        self.version += 1;
        let snapshot = Snapshot {
            pages: HashMap::new(),
            files: files_of(&self.out),
            errors: errors.clone(),
            warnings: Vec::new(),
            version: self.version,
            pending: Default::default(),
        };
        Rebuilt { snapshot, errors, line }
    }
}

/// Every problem of the studies that failed, paths from the portfolio folder.
fn study_errors(report: &Report) -> Vec<Diagnostic> {
    let mut errors = Vec::new();
    for study in &report.studies {
        if let Outcome::Failed(f) = &study.outcome {
            let prefix = dir_prefix(&study.dir);
            for mut d in f.diagnostics() {
                d.file = format!("{prefix}{}", d.file);
                errors.push(d);
            }
        }
    }
    errors
}

/// "3 studies: 1 rebuilt, 2 unchanged, 0 failed (120 ms)".
fn summary(report: &Report) -> String {
    let count = |f: fn(&Outcome) -> bool| report.studies.iter().filter(|s| f(&s.outcome)).count();
    let built = count(|o| matches!(o, Outcome::Built { .. }));
    let skipped = count(|o| matches!(o, Outcome::Skipped));
    let failed = report.failed();
    format!(
        "{} stud{}: {built} rebuilt, {skipped} unchanged, {failed} failed ({} ms)",
        report.studies.len(),
        if report.studies.len() == 1 { "y" } else { "ies" },
        report.elapsed.as_millis()
    )
}

/// Every file of the built portfolio by its site path.
fn files_of(out: &Path) -> HashMap<String, PathBuf> {
    walkdir::WalkDir::new(out)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter_map(|e| {
            let rel = e.path().strip_prefix(out).ok()?;
            let site = rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
            Some((site, e.path().to_path_buf()))
        })
        .collect()
}

/// The folders watched: the portfolio folder and every study outside it.
#[derive(Default)]
struct Watched {
    roots: BTreeSet<PathBuf>,
}

impl Watched {
    /// Watches the portfolio folder and any study folder not yet watched.
    fn follow(&mut self, watcher: &mut notify::RecommendedWatcher, root: &Path, out: &Path) -> Result<(), Failure> {
        let mut wanted = vec![root.to_path_buf()];
        if let Ok(p) = portfolio::config::read(root, out) {
            wanted.extend(p.projects.into_iter().map(|p| p.dir.canonicalize().unwrap_or(p.dir)));
        }
        for dir in wanted {
            if self.roots.iter().any(|r| dir.starts_with(r)) {
                continue;
            }
            watcher
                .watch(&dir, RecursiveMode::Recursive)
                .map_err(|e| Failure::io("watch", &dir, std::io::Error::other(e)))?;
            self.roots.insert(dir);
        }
        Ok(())
    }

    /// Is a changed path a source of the portfolio or of one of its studies?
    fn relevant(&self, path: &Path) -> bool {
        self.roots.iter().any(|root| super::relevant(root, path))
    }
}

fn describe(root: &Path, changed: &BTreeSet<PathBuf>) -> String {
    let shown = |p: &PathBuf| match p.strip_prefix(root) {
        Ok(_) => crate::diagnostics::rel_path(root, p),
        Err(_) => p.display().to_string(),
    };
    let first = changed.iter().next().map(shown).unwrap_or_default();
    match changed.len() {
        1 => format!("{first} changed"),
        n => format!("{first} and {} more changed", n - 1),
    }
}
