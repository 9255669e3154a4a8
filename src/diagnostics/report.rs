//! Diagnostics for machines: one JSON object per line, or GitHub Actions
//! workflow commands (`::error file=…,line=…::message`), for
//! `cxsite check --format json|github`.
//!
//! Files are written the way the user reaches them from where `cxsite` runs:
//! the project folder as given on the command line (see [`dir_prefix`])
//! joined with the path relative to the project root. `cxsite check
//! docs/study` therefore names `docs/study/insights/a.yaml`, which is what a
//! CI job running in the repository root needs to place an annotation.
//!
//! The end of a diagnostic (exclusive) is the one its construction site set
//! with [`Diagnostic::with_end`], or else the end of the token at its start
//! in the file ([`token_end`]): a quoted scalar up to its closing quote, a
//! flow collection up to its closing bracket, otherwise the text up to the
//! next space, comma, bracket or `: `. It stays on the start line; when the
//! file cannot be read, or the start is at a space or past the line's end,
//! the range is the one character at the start.

use std::collections::HashMap;
use std::path::{Component, Path};

use super::{Diagnostic, Severity};

/// The project folder as given on the command line, as a prefix for file
/// paths: `.` components dropped, forward slashes, ending in `/`; empty for
/// the current folder.
pub fn dir_prefix(dir: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in dir.components() {
        match c {
            Component::CurDir => {}
            Component::RootDir => parts.push(String::new()),
            Component::Prefix(p) => parts.push(p.as_os_str().to_string_lossy().into_owned()),
            Component::ParentDir => parts.push("..".to_string()),
            Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
        }
    }
    match parts.as_slice() {
        [] => String::new(),
        [root] if root.is_empty() => "/".to_string(),
        _ => format!("{}/", parts.join("/")),
    }
}

/// Sets the end of every diagnostic that has none, from the token at its
/// start in its file under `root` (each file read once, lossily).
pub fn fill_ends(diags: &mut [Diagnostic], root: &Path) {
    let mut texts: HashMap<String, Option<String>> = HashMap::new();
    for d in diags.iter_mut().filter(|d| d.end.is_none() && !d.file.is_empty()) {
        let text = texts.entry(d.file.clone()).or_insert_with(|| {
            std::fs::read(root.join(&d.file)).ok().map(|b| String::from_utf8_lossy(&b).into_owned())
        });
        let end = text.as_deref().map_or((d.line, d.col + 1), |t| token_end(t, d.line, d.col));
        d.end = Some(end);
    }
}

/// The end (line, column; exclusive) of the token starting at `line:col`
/// (1-based, columns in characters) of `text`. See the module comment.
pub fn token_end(text: &str, line: usize, col: usize) -> (usize, usize) {
    let one = (line, col + 1);
    let Some(row) = text.lines().nth(line.saturating_sub(1)) else { return one };
    let rest: Vec<char> = row.chars().skip(col.saturating_sub(1)).collect();
    let Some(&first) = rest.first() else { return one };
    let len = match first {
        c if c.is_whitespace() => 1,
        '"' | '\'' => closing_quote(&rest).map_or(rest.len(), |i| i + 1),
        '[' | '{' => closing_bracket(&rest).map_or(rest.len(), |i| i + 1),
        _ => {
            let stop = |i: usize, c: char| {
                c.is_whitespace()
                    || matches!(c, ',' | ']' | '}' | ')')
                    || c == ':' && rest.get(i + 1).is_none_or(|n| n.is_whitespace())
            };
            rest.iter().enumerate().position(|(i, &c)| stop(i, c)).unwrap_or(rest.len()).max(1)
        }
    };
    (line, col + len)
}

/// Index of the quote closing the one at `s[0]` (`''` and `\"` do not close).
fn closing_quote(s: &[char]) -> Option<usize> {
    let q = s[0];
    let mut i = 1;
    while i < s.len() {
        match s[i] {
            '\\' if q == '"' => i += 1,
            c if c == q && q == '\'' && s.get(i + 1) == Some(&'\'') => i += 1,
            c if c == q => return Some(i),
            _ => {}
        }
        i += 1;
    }
    None
}

/// Index of the bracket closing the flow collection opened at `s[0]`.
fn closing_bracket(s: &[char]) -> Option<usize> {
    let mut depth = 0usize;
    for (i, &c) in s.iter().enumerate() {
        match c {
            '[' | '{' => depth += 1,
            ']' | '}' => {
                depth = depth.saturating_sub(1);
                if depth == 0 {
                    return Some(i);
                }
            }
            _ => {}
        }
    }
    None
}

fn severity(d: &Diagnostic) -> &'static str {
    match d.severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

/// One JSON line: `file, line, column, end_line, end_column, severity, code,
/// message, help`. `file` is `prefix` + the project-relative path; an
/// unplaced diagnostic has `null` for the file and every position.
pub fn json_line(d: &Diagnostic, prefix: &str) -> String {
    #[derive(serde::Serialize)]
    struct Line<'a> {
        file: Option<String>,
        line: Option<usize>,
        column: Option<usize>,
        end_line: Option<usize>,
        end_column: Option<usize>,
        severity: &'static str,
        code: &'static str,
        message: &'a str,
        help: Option<&'a str>,
    }
    let placed = !d.file.is_empty();
    let (end_line, end_column) = d.end.unwrap_or((d.line, d.col + 1));
    let line = Line {
        file: placed.then(|| format!("{prefix}{}", d.file)),
        line: placed.then_some(d.line),
        column: placed.then_some(d.col),
        end_line: placed.then_some(end_line),
        end_column: placed.then_some(end_column),
        severity: severity(d),
        code: d.code.as_str(),
        message: &d.message,
        help: d.help.as_deref(),
    };
    // A struct of strings and numbers always serializes.
    serde_json::to_string(&line).unwrap_or_default()
}

/// One GitHub Actions workflow command, e.g. `::error file=insights/a.yaml,
/// line=6,col=13,endLine=6,endColumn=16,title=unknown-value::message (help: …)`,
/// escaped as GitHub documents (`%`, CR, LF; in properties also `:` and `,`).
pub fn github_line(d: &Diagnostic, prefix: &str) -> String {
    let mut props = Vec::new();
    if !d.file.is_empty() {
        let (end_line, end_column) = d.end.unwrap_or((d.line, d.col + 1));
        props.push(format!("file={}", escape_property(&format!("{prefix}{}", d.file))));
        props.push(format!("line={}", d.line));
        props.push(format!("col={}", d.col));
        props.push(format!("endLine={end_line}"));
        props.push(format!("endColumn={end_column}"));
    }
    props.push(format!("title={}", escape_property(d.code.as_str())));
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str(&format!(" (help: {help})"));
    }
    format!("::{} {}::{}", severity(d), props.join(","), escape_data(&message))
}

/// A workflow command's message: `%`, CR and LF escaped.
fn escape_data(s: &str) -> String {
    s.replace('%', "%25").replace('\r', "%0D").replace('\n', "%0A")
}

/// A workflow command's property value: as a message, plus `:` and `,`.
fn escape_property(s: &str) -> String {
    escape_data(s).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostics::Code;

    #[test]
    fn the_token_at_the_start_ends_the_range() {
        let text = "title: A\nconfidence: hgh\npersonas: [a, bb]\nquote: \"it's, \\\"so\\\" fine\" # c\n";
        assert_eq!(token_end(text, 2, 1), (2, 11), "a key ends before `: `");
        assert_eq!(token_end(text, 2, 13), (2, 16), "a plain scalar");
        assert_eq!(token_end(text, 3, 11), (3, 18), "a flow list up to its bracket");
        assert_eq!(token_end(text, 3, 15), (3, 17), "an id in a flow list stops at `]`");
        assert_eq!(token_end(text, 4, 8), (4, 27), "a quoted scalar with escaped quotes");
        assert_eq!(token_end("see persona:sanne here", 1, 5), (1, 18), "`:` inside a word does not stop");
        assert_eq!(token_end(text, 9, 1), (9, 2), "past the end: one character");
        assert_eq!(token_end("a  b", 1, 2), (1, 3), "at a space: one character");
    }

    #[test]
    fn dir_prefix_is_normalised() {
        assert_eq!(dir_prefix(Path::new(".")), "");
        assert_eq!(dir_prefix(Path::new("./docs/study/")), "docs/study/");
        assert_eq!(dir_prefix(Path::new("docs/./study")), "docs/study/");
        assert_eq!(dir_prefix(Path::new("../study")), "../study/");
    }

    #[test]
    fn github_escapes_message_and_properties() {
        let d = Diagnostic::error(Code::BadValue, "a,b:c.yaml", 2, 3, "100% wrong\r\nnext")
            .with_help("fix, it")
            .with_end(2, 5);
        assert_eq!(
            github_line(&d, "x/"),
            "::error file=x/a%2Cb%3Ac.yaml,line=2,col=3,endLine=2,endColumn=5,title=bad-value::100%25 wrong%0D%0Anext (help: fix, it)"
        );
        let w = Diagnostic::unplaced(Code::Project, "gone");
        assert_eq!(github_line(&Diagnostic { severity: Severity::Warning, ..w }, ""), "::warning title=project::gone");
    }

    #[test]
    fn json_has_the_keys_in_order_and_nulls_when_unplaced() {
        let d = Diagnostic::warning(Code::Unfinished, "insights/a.yaml", 4, 1, "m").with_end(4, 7);
        assert_eq!(
            json_line(&d, ""),
            r#"{"file":"insights/a.yaml","line":4,"column":1,"end_line":4,"end_column":7,"severity":"warning","code":"unfinished","message":"m","help":null}"#
        );
        let u = Diagnostic::unplaced(Code::Project, "gone").with_help("h");
        assert_eq!(
            json_line(&u, "p/"),
            r#"{"file":null,"line":null,"column":null,"end_line":null,"end_column":null,"severity":"error","code":"project","message":"gone","help":"h"}"#
        );
    }
}
