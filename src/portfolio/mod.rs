//! `cxsite portfolio DIR`: many studies under one index with a shared
//! search (SPEC §9c). A loop around the library's own pipeline — each
//! project is checked and written by [`crate::check`] and
//! [`crate::write_site`] into `OUT/<id>/`, in parallel — plus one page,
//! `OUT/index.html` ([`page`]).
//!
//! A study that fails keeps its last good copy (`write_site` swaps
//! atomically) and its last card (the [`manifest`]); a study whose inputs
//! did not change is not rebuilt.

pub mod config;
pub mod manifest;
pub mod page;
pub mod progress;
pub mod search;
pub mod summary;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::error::Failure;
use crate::output::{self, MARKER};
use config::Project;
use manifest::{Manifest, Record};

/// Stack of a study's worker thread: as roomy as the rendering threads'
/// (templates may nest deeply; see `render::MAX_NESTING`).
const STACK: usize = 64 << 20;

/// What happened to one study.
pub enum Outcome {
    /// Built into its folder.
    Built {
        /// Wall time of its check and build.
        elapsed: Duration,
        /// Pages written.
        pages: usize,
        /// Its warnings (paths relative to the project).
        warnings: Vec<crate::diagnostics::Diagnostic>,
    },
    /// Not rebuilt: its inputs did not change since the last portfolio build.
    Skipped,
    /// Not built; its folder in the output, if any, is the last good copy.
    Failed(Failure),
}

/// One study's line of the report.
pub struct StudyReport {
    /// The project id.
    pub id: String,
    /// The project folder (the portfolio folder joined with its path).
    pub dir: PathBuf,
    /// What happened.
    pub outcome: Outcome,
}

/// What a portfolio build reports.
pub struct Report {
    /// Every study, sorted by id.
    pub studies: Vec<StudyReport>,
    /// Where the portfolio went.
    pub out: PathBuf,
    /// Cards on the index page (studies with a good copy).
    pub cards: usize,
    /// Wall time of the whole build.
    pub elapsed: Duration,
}

impl Report {
    /// How many studies failed.
    pub fn failed(&self) -> usize {
        self.studies.iter().filter(|s| matches!(s.outcome, Outcome::Failed(_))).count()
    }
}

/// Builds the portfolio of `dir` into `out`. `progress` is called once per
/// study as it finishes (from a worker thread), with its place and the total.
pub fn build(
    dir: &Path,
    out: &Path,
    opts: &crate::Options,
    progress: &(dyn Fn(&StudyReport, usize, usize) + Sync),
) -> Result<Report, Failure> {
    let start = Instant::now();
    let portfolio = config::read(dir, out)?;
    output::check_target(dir, out)?;
    for p in &portfolio.projects {
        output::check_target(&p.dir, out)?;
    }
    std::fs::create_dir_all(out).map_err(Failure::io_at("create", out))?;
    if !out.join(MARKER).is_file() {
        std::fs::write(out.join(MARKER), "This folder was made by cxsite portfolio.\n")
            .map_err(Failure::io_at("write into", out))?;
    }
    let old = Manifest::read(out);
    let options = format!("{opts:?}");
    let (done, total) = (AtomicUsize::new(0), portfolio.projects.len());
    // Plain threads, not rayon tasks: each build renders on the rayon pool and
    // waits for it, which would deadlock if the waiting threads were the pool's.
    let next = AtomicUsize::new(0);
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get()).clamp(1, total.max(1));
    let mut results: Vec<(StudyReport, Option<Record>)> = std::thread::scope(|scope| {
        let handles: Vec<_> = (0..workers)
            .map(|_| {
                std::thread::Builder::new().stack_size(STACK).spawn_scoped(scope, || {
                    let mut mine = Vec::new();
                    while let Some(p) = portfolio.projects.get(next.fetch_add(1, Ordering::SeqCst)) {
                        let result = build_one(p, out, opts, &options, &old);
                        progress(&result.0, done.fetch_add(1, Ordering::SeqCst) + 1, total);
                        mine.push(result);
                    }
                    mine
                })
            })
            .collect::<std::io::Result<Vec<_>>>()
            .map_err(Failure::io_at("start a worker thread for", out))?;
        let joined = handles.into_iter().map(|h| h.join().unwrap_or_else(|e| std::panic::resume_unwind(e)));
        Ok::<_, Failure>(joined.flatten().collect())
    })?;
    results.sort_by(|a, b| a.0.id.cmp(&b.0.id));
    // Folders of studies no longer in the portfolio, if cxsite made them.
    for id in old.projects.keys().filter(|id| !portfolio.projects.iter().any(|p| &p.id == *id)) {
        let gone = out.join(id);
        if gone.join(MARKER).is_file() {
            std::fs::remove_dir_all(&gone).map_err(Failure::io_at("remove", &gone))?;
        }
    }
    let mut manifest = Manifest::default();
    let mut studies = Vec::new();
    for (report, record) in results {
        let kept = record.or_else(|| old.projects.get(&report.id).cloned());
        if let Some(record) = kept.filter(|_| out.join(&report.id).join(MARKER).is_file()) {
            manifest.projects.insert(report.id.clone(), record);
        }
        studies.push(report);
    }
    // The page (with the search index) and the manifest side by side: both
    // read every study's entries, and nothing else runs now.
    let t = Instant::now();
    let (cards, written) = rayon::join(
        || page::write(dir, out, &portfolio.config, &manifest),
        || {
            output::write_file_atomically(&out.join(manifest::FILE), &manifest.to_json())
                .map_err(Failure::io_at("write", out.join(manifest::FILE)))
        },
    );
    crate::timing("portfolio page", t);
    let cards = cards?;
    written?;
    Ok(Report { studies, out: out.to_path_buf(), cards, elapsed: start.elapsed() })
}

/// Skips, or checks and builds, one study; a good build gives its new record.
fn build_one(
    p: &Project,
    out: &Path,
    opts: &crate::Options,
    options: &str,
    old: &Manifest,
) -> (StudyReport, Option<Record>) {
    let start = Instant::now();
    let target = out.join(&p.id);
    let inputs = manifest::fingerprint(&p.dir, options);
    let report = |outcome| StudyReport { id: p.id.clone(), dir: p.dir.clone(), outcome };
    let unchanged = old.projects.get(&p.id).is_some_and(|r| r.inputs == inputs);
    if unchanged && target.join(MARKER).is_file() {
        return (report(Outcome::Skipped), None);
    }
    let built = crate::check(&p.dir, opts).and_then(|checked| {
        let built = crate::write_site(&p.dir, &checked, &target)?;
        let record =
            Record { inputs, card: summary::card(&p.id, &checked.site), search: summary::entries(&checked.site) };
        Ok((built, record))
    });
    match built {
        Ok((built, record)) => (
            report(Outcome::Built { elapsed: start.elapsed(), pages: built.pages, warnings: built.warnings }),
            Some(record),
        ),
        Err(f) => (report(Outcome::Failed(f)), None),
    }
}
