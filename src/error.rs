//! What can stop a command: one error type for the whole pipeline, with the
//! exit codes of SPEC §11 following from the variant (0 ok, 1 content
//! errors, 2 wrong usage or I/O failure).

use std::io;
use std::path::{Path, PathBuf};

use crate::diagnostics::{summary, Code, Diagnostic};

/// What can stop a command.
#[derive(Debug, thiserror::Error)]
pub enum Failure {
    /// Wrong usage (exit 2): a missing project, an output folder that may
    /// not be replaced, no browser to print with.
    #[error("{message}{}", help.as_ref().map(|h| format!("\n  help: {h}")).unwrap_or_default())]
    Usage {
        /// What is wrong.
        message: String,
        /// What would fix it (the `help:` line).
        help: Option<String>,
    },
    /// An I/O failure (exit 2): `cannot {action} {path}: {source}`.
    #[error("cannot {action} {}: {source}", path.display())]
    Io {
        /// What was being done to `path`, e.g. "write" or "create a folder next to".
        action: &'static str,
        /// The file or folder it was done to.
        path: PathBuf,
        /// What the operating system said.
        #[source]
        source: io::Error,
    },
    /// Content errors (exit 1): every problem found, sorted.
    #[error("{}", summary(.0))]
    Content(Vec<Diagnostic>),
}

impl Failure {
    /// A usage failure with its `help:` line.
    pub fn usage(message: impl Into<String>, help: impl Into<String>) -> Failure {
        Failure::Usage { message: message.into(), help: Some(help.into()) }
    }

    /// A usage failure that needs no `help:` line.
    pub fn usage_without_help(message: impl Into<String>) -> Failure {
        Failure::Usage { message: message.into(), help: None }
    }

    /// An I/O failure: `action` on `path` failed with `source`.
    pub fn io(action: &'static str, path: impl AsRef<Path>, source: io::Error) -> Failure {
        Failure::Io { action, path: path.as_ref().to_path_buf(), source }
    }

    /// For `map_err`: an I/O failure of `action` on `path`.
    pub fn io_at(action: &'static str, path: impl AsRef<Path>) -> impl FnOnce(io::Error) -> Failure {
        move |source| Failure::io(action, path, source)
    }

    /// The process exit code for this failure.
    pub fn exit_code(&self) -> i32 {
        match self {
            Failure::Content(_) => 1,
            Failure::Usage { .. } | Failure::Io { .. } => 2,
        }
    }

    /// The failure as diagnostics (for `serve`'s terminal and browser
    /// overlay): content errors as they are; a usage or I/O failure is one
    /// error that points at no file, since it is about none.
    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        match self {
            Failure::Content(diags) => diags,
            Failure::Usage { message, help } => vec![Diagnostic::unplaced(Code::Project, message).with_help_opt(help)],
            io @ Failure::Io { .. } => vec![Diagnostic::unplaced(Code::Project, io.to_string())],
        }
    }

    /// Like [`Failure::into_diagnostics`], keeping the failure (a portfolio's
    /// report holds each study's).
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        match self {
            Failure::Content(diags) => diags.clone(),
            Failure::Usage { message, help } => {
                vec![Diagnostic::unplaced(Code::Project, message.clone()).with_help_opt(help.clone())]
            }
            io @ Failure::Io { .. } => vec![Diagnostic::unplaced(Code::Project, io.to_string())],
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn exit_codes_follow_the_variant() {
        let io = Failure::io("write", "site/index.html", io::Error::other("disk full"));
        assert_eq!(io.exit_code(), 2);
        assert_eq!(io.to_string(), "cannot write site/index.html: disk full");
        assert!(std::error::Error::source(&io).is_some(), "the I/O error is kept as the source");
        let usage = Failure::usage("no cxsite.yaml in x", "run `cxsite init x`");
        assert_eq!(
            (usage.exit_code(), usage.to_string().as_str()),
            (2, "no cxsite.yaml in x\n  help: run `cxsite init x`")
        );
        let content = Failure::Content(vec![Diagnostic::error(Code::YamlSyntax, "a.yaml", 1, 1, "x")]);
        assert_eq!((content.exit_code(), content.to_string().as_str()), (1, "1 error in 1 file, 0 warnings"));
    }

    #[test]
    fn a_usage_failure_points_at_no_file() {
        let diags = Failure::usage("no cxsite.yaml in x", "run `cxsite init x`").into_diagnostics();
        assert_eq!(diags.len(), 1);
        assert_eq!(diags[0].file, "");
        assert_eq!(diags[0].to_string(), "error: no cxsite.yaml in x\n  help: run `cxsite init x`");
    }
}
