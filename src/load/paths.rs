//! Paths written in configuration (`theme`, `logo`, `photo`, `responses`,
//! `scores`): one rule for all of them, the same as for paths in Markdown
//! (`crate::markdown::target::join_inside`). A path is relative to the
//! project folder, stays inside it (also through symbolic links), names no
//! hidden file or folder, and leads to a regular file (or, for a theme, a
//! folder) — never a named pipe, socket or device, which are not even opened.

use std::fs;
use std::path::{Path, PathBuf};

use crate::diagnostics::{Code, Diagnostic};
use crate::markdown::target::join_inside;

/// Why a path written in YAML cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathProblem {
    /// Absolute, or climbs out of the project with `..` or a link.
    Escapes,
    /// Does not exist.
    Missing,
    /// A part of it is hidden (`.git/…`) or an editor leftover: never published.
    Hidden,
    /// Exists but is the wrong kind of thing: "a folder", "a named pipe (FIFO)" …
    WrongKind(&'static str),
}

/// What a path must lead to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Want {
    /// A regular file (a link to one inside the project counts).
    File,
    /// A folder (a custom theme).
    Folder,
}

impl PathProblem {
    /// A diagnostic for this problem with the YAML value at `file:line:col`.
    pub fn diagnostic(&self, file: &str, line: usize, col: usize, value: &str) -> Diagnostic {
        match self {
            PathProblem::Escapes => Diagnostic::error(
                Code::PathOutsideProject,
                file,
                line,
                col,
                format!("path `{value}` points outside the project"),
            )
            .with_help("paths are relative to the project folder and must stay inside it; copy the file into assets/"),
            PathProblem::Missing => {
                Diagnostic::error(Code::MissingAsset, file, line, col, format!("file `{value}` not found"))
                    .with_help("paths are relative to the project folder (the one with cxsite.yaml)")
            }
            PathProblem::Hidden => Diagnostic::error(
                Code::BadPath,
                file,
                line,
                col,
                format!("path `{value}` names a hidden file or folder, or an editor backup"),
            )
            .with_help("hidden files (`.name`) and editor backups are never published; move the file to assets/"),
            PathProblem::WrongKind(kind) => {
                Diagnostic::error(Code::BadPath, file, line, col, format!("`{value}` is {kind}, not a regular file"))
                    .with_help("name a regular file here, such as an image under assets/ or a CSV file")
            }
        }
    }
}

/// The kind of a file that is neither a regular file nor a folder, in words
/// for a message ("a named pipe (FIFO)"); `None` for files and folders.
pub fn special_kind(ft: &fs::FileType) -> Option<&'static str> {
    if ft.is_file() || ft.is_dir() {
        return None;
    }
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if ft.is_fifo() {
            return Some("a named pipe (FIFO)");
        }
        if ft.is_socket() {
            return Some("a socket");
        }
        if ft.is_block_device() || ft.is_char_device() {
            return Some("a device file");
        }
    }
    if ft.is_symlink() {
        return Some("a broken symbolic link");
    }
    Some("a special file")
}

/// Reads a file that must be a regular file, looking at it before opening it
/// (opening a named pipe would block the reader for ever).
pub fn read_regular(path: &Path) -> std::io::Result<Vec<u8>> {
    ensure_regular(path)?;
    fs::read(path)
}

/// An error unless `path` is a regular file (or a link to one); opens nothing.
pub fn ensure_regular(path: &Path) -> std::io::Result<()> {
    let ft = fs::metadata(path)?.file_type();
    if ft.is_file() {
        return Ok(());
    }
    let kind = if ft.is_dir() { "a folder" } else { special_kind(&ft).unwrap_or("a special file") };
    Err(std::io::Error::new(
        std::io::ErrorKind::InvalidInput,
        format!("{} is {kind}, not a regular file", path.display()),
    ))
}

/// Resolves a project-relative path written in YAML onto a file (or folder)
/// inside the project, without opening it.
pub fn resolve_inside(root: &Path, value: &str, want: Want) -> Result<PathBuf, PathProblem> {
    // `:` would be a URL scheme or a Windows drive; `\` a Windows separator.
    if value.contains(':') {
        return Err(PathProblem::Escapes);
    }
    let norm = join_inside("", value).ok_or(PathProblem::Escapes)?;
    if norm.is_empty() {
        return Err(PathProblem::Escapes);
    }
    if norm.split('/').any(super::is_ignored_name) {
        return Err(PathProblem::Hidden);
    }
    let abs = root.join(&norm);
    // Both follow links; neither opens the file.
    let canonical = abs.canonicalize().map_err(|_| PathProblem::Missing)?;
    let canonical_root = root.canonicalize().map_err(|_| PathProblem::Missing)?;
    if !canonical.starts_with(&canonical_root) {
        return Err(PathProblem::Escapes);
    }
    let ft = fs::metadata(&canonical).map_err(|_| PathProblem::Missing)?.file_type();
    match (want, ft.is_file(), ft.is_dir()) {
        (Want::File, true, _) | (Want::Folder, _, true) => Ok(abs),
        (Want::File, _, true) => Err(PathProblem::WrongKind("a folder")),
        (Want::Folder, true, _) => Err(PathProblem::WrongKind("a file")),
        _ => Err(PathProblem::WrongKind(special_kind(&ft).unwrap_or("a special file"))),
    }
}

/// Resolves a project-relative path to a regular file (see `resolve_inside`).
pub fn resolve_project_path(root: &Path, value: &str) -> Result<PathBuf, PathProblem> {
    resolve_inside(root, value, Want::File)
}

/// Normalises a project-relative path (`./a/../b.csv` → `b.csv`); a path
/// that leaves the project normalises to the empty string, which names nothing.
pub fn normalise_rel(value: &str) -> String {
    join_inside("", value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_may_not_escape() {
        let root = std::env::temp_dir();
        assert_eq!(resolve_project_path(&root, "../etc/passwd"), Err(PathProblem::Escapes));
        assert_eq!(resolve_project_path(&root, "/etc/passwd"), Err(PathProblem::Escapes));
        assert_eq!(resolve_project_path(&root, "a/../../b"), Err(PathProblem::Escapes));
        assert_eq!(resolve_project_path(&root, "C:/x"), Err(PathProblem::Escapes));
        assert_eq!(resolve_project_path(&root, "a\\b"), Err(PathProblem::Escapes));
        assert_eq!(resolve_project_path(&root, ".git/config"), Err(PathProblem::Hidden));
        assert_eq!(normalise_rel("./a/../b.csv"), "b.csv");
        assert_eq!(normalise_rel("../b.csv"), "");
    }

    #[test]
    fn kinds_of_files() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir_all(root.join("assets/dir")).unwrap();
        fs::write(root.join("assets/a.svg"), "<svg/>").unwrap();
        assert!(resolve_project_path(root, "assets/./a.svg").is_ok());
        assert_eq!(resolve_project_path(root, "assets/b.svg"), Err(PathProblem::Missing));
        assert_eq!(resolve_project_path(root, "assets/dir"), Err(PathProblem::WrongKind("a folder")));
        assert!(resolve_inside(root, "assets/dir", Want::Folder).is_ok());
        assert_eq!(resolve_inside(root, "assets/a.svg", Want::Folder), Err(PathProblem::WrongKind("a file")));
        assert_eq!(resolve_project_path(root, "assets/a.svg~"), Err(PathProblem::Hidden));
    }

    #[cfg(unix)]
    #[test]
    fn special_files_are_named() {
        let null = fs::metadata("/dev/null").unwrap().file_type();
        assert_eq!(special_kind(&null), Some("a device file"));
        assert!(ensure_regular(Path::new("/dev/null")).is_err() && read_regular(Path::new("/dev/null")).is_err());
        assert_eq!(special_kind(&fs::metadata("/").unwrap().file_type()), None);
    }
}
