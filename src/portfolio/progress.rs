//! What `cxsite portfolio` prints: a line per study as it finishes (its
//! problems first, with paths from where cxsite runs), a bar for a
//! terminal, and the summary line.

use std::path::Path;

use super::{Outcome, Report, StudyReport};
use crate::diagnostics::report::dir_prefix;
use crate::diagnostics::{summary, Diagnostic};
use crate::error::Failure;
use crate::output::MARKER;

/// The text for study `s`, the `n`-th of `total` to finish, ending in a
/// newline; empty for a study that built or was skipped when `quiet`.
/// `out` is the portfolio's output folder (to say whether a failed study's
/// last good copy stays published).
pub fn line(s: &StudyReport, n: usize, total: usize, quiet: bool, out: &Path) -> String {
    let prefix = dir_prefix(&s.dir);
    let shown = |diags: &[Diagnostic]| {
        diags
            .iter()
            .map(|d| {
                let mut d = d.clone();
                if !d.file.is_empty() {
                    d.file = format!("{prefix}{}", d.file);
                }
                format!("{d}\n")
            })
            .collect::<String>()
    };
    let kept =
        if out.join(&s.id).join(MARKER).is_file() { "its last good copy stays published" } else { "not published" };
    let id = &s.id;
    match &s.outcome {
        Outcome::Built { elapsed, warnings, .. } if !quiet => {
            let (w, secs) = (warnings.len(), elapsed.as_secs_f64());
            let plural = if w == 1 { "" } else { "s" };
            format!("{}[{n}/{total}] {id} built in {secs:.1} s, {w} warning{plural}\n", shown(warnings))
        }
        Outcome::Skipped if !quiet => format!("[{n}/{total}] {id} skipped (unchanged)\n"),
        Outcome::Built { .. } | Outcome::Skipped => String::new(),
        Outcome::Failed(Failure::Content(diags)) => {
            format!("{}[{n}/{total}] {id} FAILED: {}; {kept}\n", shown(diags), summary(diags))
        }
        Outcome::Failed(f) => format!("error: {prefix}: {f}\n[{n}/{total}] {id} FAILED; {kept}\n"),
    }
}

/// A one-line progress bar after `n` of `total` studies (empty when all are done).
pub fn bar(n: usize, total: usize) -> String {
    if n >= total {
        return String::new();
    }
    let width = 30;
    let filled = n * width / total.max(1);
    format!("[{}{}] {n}/{total}", "#".repeat(filled), "-".repeat(width - filled))
}

/// "Portfolio of 3 studies into public/ in 0.52 s: 2 built, 0 skipped (unchanged), 1 failed."
pub fn summary_line(report: &Report, shown_out: &str) -> String {
    let total = report.studies.len();
    let skipped = report.studies.iter().filter(|s| matches!(s.outcome, Outcome::Skipped)).count();
    let failed = report.failed();
    format!(
        "Portfolio of {total} stud{} into {shown_out} in {:.2} s: {} built, {skipped} skipped (unchanged), {failed} failed.",
        if total == 1 { "y" } else { "ies" },
        report.elapsed.as_secs_f64(),
        total - skipped - failed,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bar_fills_and_goes_when_done() {
        assert_eq!(bar(1, 3), format!("[{}{}] 1/3", "#".repeat(10), "-".repeat(20)));
        assert_eq!(bar(3, 3), "");
    }
}
