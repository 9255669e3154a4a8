//! Deliveries (SPEC §10, issue 15): every build publishes its model as
//! `cxsite-data.json` ([`snapshot`]); with `since:` (or `--since`) an
//! earlier delivery is read back and compared ([`mod@diff`]) for
//! `changes.html`, the "new"/"changed" badges and `cxsite diff`.

pub mod diff;
pub mod lines;
pub mod snapshot;
pub mod stream;
pub mod text;
pub mod words;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::load::positions::{locate, Seg};
use crate::load::Sources;
use crate::Failure;
pub use diff::{compare, Changes};
pub use snapshot::Snapshot;

/// Where the earlier delivery named by `--since` or `since:` is, and where
/// an error about it should point.
struct Named {
    /// The path as it is on disk.
    path: PathBuf,
    /// The path as the user wrote it.
    written: String,
    /// `cxsite.yaml` line and column of `since:`, or None for `--since`.
    at: Option<(usize, usize)>,
}

/// The earlier delivery to compare with: `cli` (`--since`, relative to the
/// working folder) or else `since:` in `cxsite.yaml` (relative to the
/// project). Problems are errors at `since:`'s value (exit 1); a `--since`
/// path that does not exist is a usage error (exit 2).
pub fn previous(
    sources: &Sources,
    cli: Option<&Path>,
    diags: &mut Diagnostics,
) -> Result<Option<Arc<Snapshot>>, Failure> {
    let named = match (cli, sources.config.since.as_deref()) {
        (Some(p), _) => Named { path: p.to_path_buf(), written: p.display().to_string(), at: None },
        (None, Some(s)) if !s.trim().is_empty() => Named {
            path: sources.root.join(s.trim()),
            written: s.trim().to_string(),
            at: Some(locate(&sources.config_file.text, &[Seg::Key("since")])),
        },
        _ => return Ok(None),
    };
    let config_rel = sources.config_file.rel.clone();
    let error = |code: Code, message: String, help: &str| match named.at {
        Some((l, c)) => Diagnostic::error(code, &config_rel, l, c, message).with_help(help),
        None => Diagnostic::unplaced(code, message).with_help(help),
    };
    if !named.path.exists() {
        if named.at.is_none() {
            return Err(Failure::usage(
                format!("--since {}: no such file or folder", named.written),
                "give the cxsite-data.json of an earlier delivery, or the folder of an earlier version of the project",
            ));
        }
        diags.push(error(
            Code::BadSince,
            format!("`since`: no such file or folder: {}", named.written),
            "copy the cxsite-data.json of the earlier delivery there, or point `since` at an earlier project folder",
        ));
        return Ok(None);
    }
    let read = if named.path.is_dir() {
        of_project(&named.path, Side::Since).map(Arc::new)
    } else {
        read_file_cached(&named.path, &named.written)
    };
    match read {
        Ok(snapshot) => Ok(Some(snapshot)),
        Err(problem) => {
            let help = problem.help.clone();
            diags.push(match problem.placed {
                Some(d) => *d,
                None => error(problem.code, problem.message, &help),
            });
            Ok(None)
        }
    }
}

/// What changed from the earlier delivery `old` to the checked `site` (its
/// analysis is made here: Kano categories and NPS scores are compared too).
pub fn changes_since(old: &Snapshot, site: &crate::link::Site) -> Changes {
    compare(old, &Snapshot::of(site, &crate::analysis::analyse(site)))
}

/// Why an earlier delivery could not be read.
#[derive(Debug)]
pub struct SnapshotProblem {
    /// The code of the diagnostic.
    pub code: Code,
    /// What is wrong.
    pub message: String,
    /// What would fix it.
    pub help: String,
    /// A diagnostic with its own position (in the snapshot file), if there is one.
    pub placed: Option<Box<Diagnostic>>,
}

/// Which delivery a snapshot or project folder is, for messages about it.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// `since` or `--since`: the earlier delivery of a build.
    Since,
    /// `cxsite diff OLD NEW`: the first.
    Old,
    /// `cxsite diff OLD NEW`: the second.
    New,
}

impl Side {
    /// "earlier" or "newer".
    fn word(self) -> &'static str {
        if self == Side::New {
            "newer"
        } else {
            "earlier"
        }
    }

    /// Where to point instead.
    fn point_help(self) -> &'static str {
        match self {
            Side::Since => {
                "point `since` at the cxsite-data.json an earlier build wrote, or at an earlier project folder"
            }
            Side::Old | Side::New => "give the cxsite-data.json a build wrote, or the project's folder",
        }
    }
}

/// Reads a snapshot or a project folder (for `cxsite diff`).
pub fn read(path: &Path, side: Side) -> Result<Snapshot, SnapshotProblem> {
    if path.is_dir() {
        of_project(path, side)
    } else {
        read_file(path, &path.display().to_string(), side)
    }
}

/// The last snapshot file read, by path, size and modification time: `serve`
/// checks the project on every save, and a 10k study's snapshot is 20 MB.
type SnapshotCache = std::sync::Mutex<Option<(PathBuf, u64, std::time::SystemTime, Arc<Snapshot>)>>;
static LAST_READ: SnapshotCache = std::sync::Mutex::new(None);

/// [`read_file`], reusing the last snapshot read when its file did not change.
fn read_file_cached(path: &Path, shown: &str) -> Result<Arc<Snapshot>, SnapshotProblem> {
    let stamp = std::fs::metadata(path).ok().and_then(|m| Some((m.len(), m.modified().ok()?)));
    if let (Some((len, modified)), Ok(cache)) = (stamp, LAST_READ.lock()) {
        if let Some((p, l, m, snapshot)) = cache.as_ref() {
            if p == path && *l == len && *m == modified {
                return Ok(snapshot.clone());
            }
        }
    }
    let snapshot = Arc::new(read_file(path, shown, Side::Since)?);
    if let (Some((len, modified)), Ok(mut cache)) = (stamp, LAST_READ.lock()) {
        *cache = Some((path.to_path_buf(), len, modified, snapshot.clone()));
    }
    Ok(snapshot)
}

/// Reads `cxsite-data.json` (or a copy): it must be JSON with a known `schema_version`.
fn read_file(path: &Path, shown: &str, side: Side) -> Result<Snapshot, SnapshotProblem> {
    let problem =
        |code, message: String, help: &str| SnapshotProblem { code, message, help: help.to_string(), placed: None };
    let text = std::fs::read_to_string(path).map_err(|e| {
        problem(Code::BadSince, format!("cannot read {shown}: {e}"), "check the path and its permissions")
    })?;
    // First only the version (the rest is skipped unparsed), so that a snapshot of
    // another version is reported as such and not as a field it lacks.
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        #[serde(default)]
        schema_version: Option<serde_json::Value>,
    }
    let head: VersionOnly = serde_json::from_str(&text).map_err(|e| SnapshotProblem {
        code: Code::BadSince,
        message: format!("{shown} is not a cxsite-data.json: {e}"),
        help: side.point_help().into(),
        placed: Some(Box::new(
            Diagnostic::error(
                Code::BadSince,
                shown,
                e.line().max(1),
                e.column().max(1),
                format!("not a cxsite-data.json: {e}"),
            )
            .with_help(format!("copy the cxsite-data.json of the {} delivery unchanged", side.word())),
        )),
    })?;
    let version = head.schema_version.as_ref().and_then(serde_json::Value::as_u64);
    if version != Some(u64::from(snapshot::SCHEMA_VERSION)) {
        let (line, col) = key_position(&text, "schema_version");
        let found = version.map_or_else(|| "no schema_version".to_string(), |v| format!("schema_version {v}"));
        return Err(SnapshotProblem {
            code: Code::SnapshotVersion,
            message: format!("{shown} has {found}; this cxsite reads schema_version {}", snapshot::SCHEMA_VERSION),
            help: String::new(),
            placed: Some(Box::new(
                Diagnostic::error(
                    Code::SnapshotVersion,
                    shown,
                    line,
                    col,
                    format!("{found}: this cxsite reads snapshots of schema_version {}", snapshot::SCHEMA_VERSION),
                )
                .with_help(format!(
                    "build the {} delivery again with this cxsite to get a snapshot it reads, or {}",
                    side.word(),
                    if side == Side::Since { "point `since` at its project folder" } else { "give its project folder" }
                )),
            )),
        });
    }
    serde_json::from_str(&text).map_err(|e| {
        problem(
            Code::BadSince,
            format!("{shown} is not a cxsite-data.json of schema_version 1: {e}"),
            &format!("copy the cxsite-data.json of the {} delivery unchanged", side.word()),
        )
    })
}

/// Line and column of `"key"` in a JSON text (1, 1 when absent).
fn key_position(text: &str, key: &str) -> (usize, usize) {
    let needle = format!("\"{key}\"");
    match text.find(&needle) {
        Some(at) => {
            let before = &text[..at];
            let line = before.matches('\n').count() + 1;
            let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
            (line, col)
        }
        None => (1, 1),
    }
}

/// `cxsite diff OLD NEW`: reads both (snapshots or project folders) and
/// returns the summary text. A path that does not exist is a usage error
/// (exit 2); one that cannot be read as a delivery is a content error (exit 1).
pub fn diff(old: &Path, new: &Path) -> Result<String, Failure> {
    let one = |p: &Path, side: Side| -> Result<Snapshot, Failure> {
        if !p.exists() {
            return Err(Failure::usage(
                format!("{}: no such file or folder", p.display()),
                "give two cxsite-data.json files or project folders: cxsite diff OLD NEW",
            ));
        }
        read(p, side).map_err(|problem| {
            Failure::Content(vec![problem
                .placed
                .map_or_else(|| Diagnostic::unplaced(problem.code, problem.message).with_help(problem.help), |d| *d)])
        })
    };
    let (a, b) = (one(old, Side::Old)?, one(new, Side::New)?);
    Ok(text::summary(&compare(&a, &b)))
}

/// The snapshot of an earlier project folder, checked and analysed as a
/// normal build would (no drafts, no internal material; its own `since` is not followed).
fn of_project(dir: &Path, side: Side) -> Result<Snapshot, SnapshotProblem> {
    let shown = dir.display().to_string();
    let mut diags = Diagnostics::default();
    let sources = crate::load::load(dir, &mut diags).map_err(|f| SnapshotProblem {
        code: Code::BadSince,
        message: match f {
            Failure::Usage { message, .. } => format!("{shown} is not a cxsite project: {message}"),
            other => format!("{shown} cannot be read: {other}"),
        },
        help: match side {
            Side::Since => "point `since` at a folder with cxsite.yaml, or at a cxsite-data.json".into(),
            Side::Old | Side::New => "give a folder with cxsite.yaml, or a cxsite-data.json".into(),
        },
        placed: None,
    })?;
    let site = crate::link::link(&sources, crate::link::LinkOptions::default(), &mut diags);
    if diags.has_errors() {
        return Err(SnapshotProblem {
            code: Code::BadSince,
            message: format!(
                "the {} project {shown} has {}",
                side.word(),
                crate::diagnostics::summary(&diags.sorted())
            ),
            help: format!("run `cxsite check {shown}` and fix it, or compare with its cxsite-data.json instead"),
            placed: None,
        });
    }
    let results = crate::analysis::analyse(&site);
    Ok(Snapshot::of(&site, &results))
}
