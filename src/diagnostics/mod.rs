//! Problems found in a project: one `Diagnostic` type shared by `build`,
//! `check` and (later) the browser overlay of `serve`.

use std::fmt;
use std::path::Path;

mod code;
pub mod report;

pub use code::Code;

/// How bad a problem is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// Stops the build.
    Error,
    /// Reported; stops the build only with `--strict`.
    Warning,
}

/// One problem, pointing at `file:line:col` with an optional fix.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What kind of problem: stable, for CI and editors.
    pub code: Code,
    /// Path relative to the project root, with forward slashes.
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// Where the offending text ends (line, column; exclusive), when the
    /// construction site knows it; otherwise [`report::fill_ends`] takes the
    /// token at `line:col` of the file.
    pub end: Option<(usize, usize)>,
    /// What is wrong.
    pub message: String,
    /// What would fix it.
    pub help: Option<String>,
    /// This problem kept its file from being read: nothing of the file is
    /// in the site (counted in the summary line as "could not be read").
    #[serde(skip)]
    pub unreadable: bool,
}

impl Diagnostic {
    /// A new error with `code` at `file:line:col`.
    pub fn error(code: Code, file: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code,
            file: file.into(),
            line: line.max(1),
            col: col.max(1),
            end: None,
            message: message.into(),
            help: None,
            unreadable: false,
        }
    }

    /// A new error that is about no file (a project folder that lost its
    /// `cxsite.yaml` while `serve` watched it): shown without a position.
    pub fn unplaced(code: Code, message: impl Into<String>) -> Self {
        Diagnostic { file: String::new(), line: 0, col: 0, ..Diagnostic::error(code, "", 1, 1, message) }
    }

    /// A new warning with `code` at `file:line:col`.
    pub fn warning(code: Code, file: impl Into<String>, line: usize, col: usize, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(code, file, line, col, message) }
    }

    /// The same diagnostic ending at `line:col` (exclusive).
    pub fn with_end(mut self, line: usize, col: usize) -> Self {
        self.end = Some((line, col));
        self
    }

    /// The same diagnostic with a `help:` line.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// The same diagnostic with `help` only when it is `Some`.
    pub fn with_help_opt(mut self, help: Option<String>) -> Self {
        if help.is_some() {
            self.help = help;
        }
        self
    }

    /// The same diagnostic, marked as having kept its file from being read.
    pub fn file_unreadable(mut self) -> Self {
        self.unreadable = true;
        self
    }

    /// Is this an error (rather than a warning)?
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let kind = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        if self.file.is_empty() {
            write!(f, "{kind}: {}", self.message)?;
        } else {
            write!(f, "{}:{}:{}: {}: {}", self.file, self.line, self.col, kind, self.message)?;
        }
        if let Some(help) = &self.help {
            write!(f, "\n  help: {help}")?;
        }
        Ok(())
    }
}

/// All problems of one run, collected rather than returned one at a time.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// Records a problem.
    pub fn push(&mut self, d: Diagnostic) {
        self.items.push(d);
    }

    /// Records many problems.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.items.iter().filter(|d| d.is_error()).count()
    }

    /// Number of warnings.
    pub fn warning_count(&self) -> usize {
        self.items.len() - self.error_count()
    }

    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// True when an error was recorded in `file` (at `line`, if given).
    pub fn has_error_in(&self, file: &str, line: Option<usize>) -> bool {
        self.items.iter().any(|d| d.is_error() && d.file == file && line.is_none_or(|l| d.line == l))
    }

    /// Turns every warning into an error (`--strict`).
    pub fn make_strict(&mut self) {
        for d in &mut self.items {
            d.severity = Severity::Error;
        }
    }

    /// The problems sorted by file, line and column, without repeats.
    pub fn sorted(&self) -> Vec<Diagnostic> {
        let mut items = self.items.clone();
        items.sort_by(|a, b| {
            (&a.file, a.line, a.col, a.severity, &a.message).cmp(&(&b.file, b.line, b.col, b.severity, &b.message))
        });
        items.dedup();
        items
    }

    /// True when nothing was recorded.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

/// The counts of a failed run, e.g. "5 errors in 2 files (1 file could not
/// be read), 0 warnings", for the last line of `build` and `check`.
pub fn summary(diags: &[Diagnostic]) -> String {
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    let errors: Vec<&Diagnostic> = diags.iter().filter(|d| d.is_error()).collect();
    let files: std::collections::BTreeSet<&str> = errors.iter().map(|d| d.file.as_str()).collect();
    let unread: std::collections::BTreeSet<&str> =
        diags.iter().filter(|d| d.unreadable).map(|d| d.file.as_str()).collect();
    let unread = match unread.len() {
        0 => String::new(),
        1 => " (1 file could not be read)".to_string(),
        n => format!(" ({n} files could not be read)"),
    };
    format!(
        "{} in {}{unread}, {}",
        plural(errors.len(), "error"),
        plural(files.len(), "file"),
        plural(diags.len() - errors.len(), "warning")
    )
}

/// Path of `path` relative to `root`, with forward slashes, for messages.
pub fn rel_path(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect::<Vec<_>>().join("/")
}

/// The closest candidate to `wrong`, if one is close enough to be a typo.
pub fn did_you_mean<'a>(wrong: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let mut best: Option<(f64, &str)> = None;
    for cand in candidates {
        let score = strsim::jaro_winkler(wrong, cand);
        let close =
            score >= 0.8 || strsim::levenshtein(wrong, cand) <= 2 || cand.starts_with(wrong) && wrong.len() >= 3;
        if close && best.is_none_or(|(s, _)| score > s) {
            best = Some((score, cand));
        }
    }
    best.map(|(_, c)| c)
}

/// A `help:` text for an unknown id: the closest one, or the ones that exist.
pub fn unknown_id_help<'a>(kind: &str, wrong: &str, known: impl IntoIterator<Item = &'a str> + Clone) -> String {
    if let Some(close) = did_you_mean(wrong, known.clone()) {
        return format!("did you mean `{close}`?");
    }
    let mut all: Vec<&str> = known.into_iter().collect();
    if all.is_empty() {
        return format!("there is no {kind} yet; add one or remove the reference");
    }
    all.sort_unstable();
    let shown: Vec<String> = all.iter().take(12).map(|s| format!("`{s}`")).collect();
    let more = if all.len() > 12 { format!(" and {} more", all.len() - 12) } else { String::new() };
    format!("known {kind} ids: {}{more}", shown.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_close_names() {
        assert_eq!(did_you_mean("titel", ["title", "summary"]), Some("title"));
        assert_eq!(did_you_mean("sane-starter", ["sanne-starter", "bert"]), Some("sanne-starter"));
        assert_eq!(did_you_mean("zzz", ["title", "summary"]), None);
    }

    #[test]
    fn formats_file_line_col_and_help() {
        let d = Diagnostic::error(Code::UnknownKey, "insights/a.yaml", 3, 5, "unknown key `titel`")
            .with_help("did you mean `title`?");
        assert_eq!(d.to_string(), "insights/a.yaml:3:5: error: unknown key `titel`\n  help: did you mean `title`?");
    }

    #[test]
    fn summary_counts_errors_files_and_unreadable_files() {
        let ds = [
            Diagnostic::error(Code::YamlSyntax, "a.yaml", 1, 1, "x").file_unreadable(),
            Diagnostic::error(Code::YamlSyntax, "a.yaml", 2, 1, "y").file_unreadable(),
            Diagnostic::error(Code::YamlSyntax, "b.yaml", 1, 1, "z"),
            Diagnostic::warning(Code::YamlSyntax, "c.yaml", 1, 1, "w"),
        ];
        assert_eq!(summary(&ds), "3 errors in 2 files (1 file could not be read), 1 warning");
        assert_eq!(summary(&ds[2..3]), "1 error in 1 file, 0 warnings");
    }

    #[test]
    fn sorts_by_file_then_line() {
        let mut ds = Diagnostics::default();
        ds.push(Diagnostic::error(Code::YamlSyntax, "b.yaml", 1, 1, "x"));
        ds.push(Diagnostic::warning(Code::YamlSyntax, "a.yaml", 9, 1, "y"));
        ds.push(Diagnostic::error(Code::YamlSyntax, "a.yaml", 2, 1, "z"));
        let files: Vec<_> = ds.sorted().iter().map(|d| (d.file.clone(), d.line)).collect();
        assert_eq!(files, vec![("a.yaml".into(), 2), ("a.yaml".into(), 9), ("b.yaml".into(), 1)]);
    }
}
