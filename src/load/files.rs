//! Walking the project's folders and reading files safely: which files
//! count, which are ignored, ids from file names, symlinks, encodings.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Component, Path, PathBuf};

use walkdir::WalkDir;

use super::SourceFile;
use crate::diagnostics::{rel_path, Diagnostic, Diagnostics};

/// A content file found by the walk.
#[derive(Debug, Clone)]
pub struct Found {
    /// The file stem, checked to be a valid id.
    pub id: String,
    /// Absolute path.
    pub path: PathBuf,
    /// Project root.
    pub root: PathBuf,
    /// Lower-case extension.
    pub ext: String,
    /// Found through a symbolic link: file events name the link's target,
    /// so a cache that trusts events still checks this file's stamp.
    pub via_link: bool,
}

impl Found {
    /// Modification time and size, to tell whether a cached parse is still
    /// good (asked for in the parallel part of loading, not during the walk).
    pub fn stamp(&self) -> Option<(std::time::SystemTime, u64)> {
        let m = fs::metadata(&self.path).ok()?;
        Some((m.modified().ok()?, m.len()))
    }

    /// Reads the file as UTF-8 text.
    pub fn read(&self) -> Result<SourceFile, Diagnostic> {
        read_text(&self.root, &self.path)
    }
}

/// What a walk of one content folder keeps.
struct Wanted<'a> {
    dir: &'a str,
    recursive: bool,
    exts: &'a [&'a str],
}

/// Walks the folders of one project.
pub struct Walk {
    root: PathBuf,
    canonical_root: PathBuf,
}

/// Is this a file editors and systems leave around, to be ignored silently?
pub fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.ends_with('~')
        || (name.starts_with('#') && name.ends_with('#'))
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// Does `id` match `[a-z0-9][a-z0-9-]*`?
pub fn is_valid_id(id: &str) -> bool {
    let mut chars = id.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_lowercase() || c.is_ascii_digit())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
}

/// A valid id close to `name`, to suggest as a new file name.
pub fn suggest_id(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars() {
        let c = c.to_ascii_lowercase();
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() {
        "new-name".to_string()
    } else {
        out
    }
}

impl Walk {
    /// A walker for the project at `root`.
    pub fn new(root: &Path) -> Walk {
        let canonical_root = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        Walk { root: root.to_path_buf(), canonical_root }
    }

    /// Walks `dir` (recursively or not) for files ending in one of `exts`.
    /// Results are sorted by path, so output never depends on the file system's order.
    pub fn content_files(&mut self, diags: &mut Diagnostics, dir: &str, recursive: bool, exts: &[&str]) -> Vec<Found> {
        let base = self.root.join(dir);
        if !base.is_dir() {
            return Vec::new();
        }
        let mut found = Vec::new();
        let what = Wanted { dir, recursive, exts };
        self.walk_content(&base, false, &what, diags, &mut found);
        found
    }

    /// Walks `start` without following links (no `stat` per file: fast on
    /// big projects); a link inside the project is followed by a nested walk
    /// that does, so link loops are caught there.
    fn walk_content(&self, start: &Path, follow: bool, what: &Wanted, diags: &mut Diagnostics, found: &mut Vec<Found>) {
        let mut it = WalkDir::new(start).follow_links(follow).sort_by_file_name().min_depth(1).into_iter();
        while let Some(entry) = it.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    self.walk_error(diags, &err);
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy().into_owned();
            // Only needed for messages: computed on demand.
            let rel = || rel_path(&self.root, entry.path());
            if is_ignored_name(&name) {
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
            let path = entry.path();
            if entry.path_is_symlink() {
                if !self.inside_project(path) {
                    diags.push(
                        Diagnostic::error(rel(), 1, 1, "this symbolic link points outside the project")
                            .with_help("copy the file into the project instead of linking to it"),
                    );
                    if entry.file_type().is_dir() {
                        it.skip_current_dir();
                    }
                    continue;
                }
                if !follow && path.is_dir() {
                    if what.recursive {
                        self.walk_content(path, true, what, diags, found);
                    } else {
                        self.ignored_folder(diags, rel(), what.dir);
                    }
                    continue;
                }
            }
            if entry.file_type().is_dir() {
                if !what.recursive {
                    self.ignored_folder(diags, rel(), what.dir);
                    it.skip_current_dir();
                }
                continue;
            }
            let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
            if !what.exts.contains(&ext.as_str()) {
                diags.push(
                    Diagnostic::warning(rel(), 1, 1, format!("not a {} file; ignored", what.exts.join("/"))).with_help(
                        format!("move other files to assets/; {}/ holds only .{} files", what.dir, what.exts[0]),
                    ),
                );
                continue;
            }
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            if !is_valid_id(&stem) {
                diags.push(
                    Diagnostic::error(rel(), 1, 1, format!("`{stem}` is not a valid id: the file name is the id"))
                        .with_help(format!(
                            "ids use lower-case letters, digits and `-` only; rename the file to `{}.{ext}`",
                            suggest_id(&stem)
                        )),
                );
                continue;
            }
            let via_link = follow || entry.path_is_symlink();
            found.push(Found { id: stem, path: path.to_path_buf(), root: self.root.clone(), ext, via_link });
        }
    }

    fn ignored_folder(&self, diags: &mut Diagnostics, rel: String, dir: &str) {
        diags.push(
            Diagnostic::warning(rel, 1, 1, format!("sub-folders of {dir}/ are not read; this folder is ignored"))
                .with_help("only insights/ may be split into sub-folders; move the files up"),
        );
    }

    /// Files under `assets/`, project-relative, sorted.
    pub fn assets(&mut self, diags: &mut Diagnostics) -> Vec<String> {
        self.plain_files(diags, &self.root.join("assets")).into_iter().map(|p| rel_path(&self.root, &p)).collect()
    }

    /// Template overrides (project `templates/`, then `themes/NAME/templates/`)
    /// and a custom theme's static files.
    pub fn theme(&mut self, name: &str, diags: &mut Diagnostics) -> (BTreeMap<String, String>, Vec<(String, PathBuf)>) {
        let mut templates = BTreeMap::new();
        let mut statics = Vec::new();
        if name != "default" {
            let dir = self.root.join("themes").join(name);
            if !dir.is_dir() {
                diags.push(
                    Diagnostic::error(
                        "cxsite.yaml",
                        1,
                        1,
                        format!("theme `{name}` not found: there is no folder themes/{name}/"),
                    )
                    .with_help("use `theme: default`, or create the theme folder with templates/ and static/"),
                );
            } else {
                self.read_templates(diags, &dir.join("templates"), &mut templates);
                let sdir = dir.join("static");
                for p in self.plain_files(diags, &sdir) {
                    statics.push((format!("static/{}", rel_path(&sdir, &p)), p));
                }
            }
        }
        let own = self.root.join("templates");
        self.read_templates(diags, &own, &mut templates);
        (templates, statics)
    }

    fn read_templates(&mut self, diags: &mut Diagnostics, dir: &Path, into: &mut BTreeMap<String, String>) {
        for p in self.plain_files(diags, dir) {
            match read_text(&self.root, &p) {
                Ok(f) => {
                    into.insert(rel_path(dir, &p), f.text);
                }
                Err(d) => diags.push(d),
            }
        }
    }

    /// Every non-hidden file below `dir`, following links that stay inside the project.
    fn plain_files(&mut self, diags: &mut Diagnostics, dir: &Path) -> Vec<PathBuf> {
        if !dir.is_dir() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut it = WalkDir::new(dir).follow_links(true).sort_by_file_name().min_depth(1).into_iter();
        while let Some(entry) = it.next() {
            let entry = match entry {
                Ok(e) => e,
                Err(err) => {
                    self.walk_error(diags, &err);
                    continue;
                }
            };
            let name = entry.file_name().to_string_lossy();
            if is_ignored_name(&name) || (entry.path_is_symlink() && !self.inside_project(entry.path())) {
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
            if entry.file_type().is_file() {
                out.push(entry.path().to_path_buf());
            }
        }
        out
    }

    fn inside_project(&self, path: &Path) -> bool {
        match path.canonicalize() {
            Ok(c) => c.starts_with(&self.canonical_root),
            Err(_) => true,
        }
    }

    fn walk_error(&self, diags: &mut Diagnostics, err: &walkdir::Error) {
        let rel = err.path().map(|p| rel_path(&self.root, p)).unwrap_or_else(|| ".".into());
        if let Some(ancestor) = err.loop_ancestor() {
            diags.push(
                Diagnostic::error(
                    &rel,
                    1,
                    1,
                    format!("symbolic link loop: this points back to {}", rel_path(&self.root, ancestor)),
                )
                .with_help("remove the link or point it somewhere that does not contain it"),
            );
        } else {
            diags.push(
                Diagnostic::error(&rel, 1, 1, format!("cannot read: {err}"))
                    .with_help("check that the file exists and is readable"),
            );
        }
    }
}

/// Reads `path` as UTF-8 text; the error points at the first invalid byte.
pub fn read_text(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = rel_path(root, path);
    let bytes = fs::read(path).map_err(|e| {
        Diagnostic::error(&rel, 1, 1, format!("cannot read file: {e}")).with_help("check the file's permissions")
    })?;
    match String::from_utf8(bytes) {
        Ok(mut text) => {
            if text.starts_with('\u{feff}') {
                text.drain(..3);
            }
            Ok(SourceFile { rel, text })
        }
        Err(e) => {
            let bytes = e.as_bytes();
            let good = e.utf8_error().valid_up_to();
            let line = bytes[..good].iter().filter(|&&b| b == b'\n').count() + 1;
            let line_start = bytes[..good].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
            let col = String::from_utf8_lossy(&bytes[line_start..good]).chars().count() + 1;
            Err(Diagnostic::error(&rel, line, col, format!("the file is not valid UTF-8 (byte 0x{:02X})", bytes[good]))
                .with_help("save the file as UTF-8 in your editor"))
        }
    }
}

/// Why a path written in YAML cannot be used.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathProblem {
    /// Absolute, or climbs out of the project with `..` or a link.
    Escapes,
    /// Does not exist.
    Missing,
}

impl PathProblem {
    /// A diagnostic for this problem with the YAML value at `file:line:col`.
    pub fn diagnostic(&self, file: &str, line: usize, col: usize, value: &str) -> Diagnostic {
        match self {
            PathProblem::Escapes => {
                Diagnostic::error(file, line, col, format!("path `{value}` points outside the project")).with_help(
                    "paths are relative to the project folder and must stay inside it; copy the file into assets/",
                )
            }
            PathProblem::Missing => Diagnostic::error(file, line, col, format!("file `{value}` not found"))
                .with_help("paths are relative to the project folder (the one with cxsite.yaml)"),
        }
    }
}

/// Resolves a project-relative path written in YAML, refusing ones that leave the project.
pub fn resolve_project_path(root: &Path, value: &str) -> Result<PathBuf, PathProblem> {
    let rel = Path::new(value);
    if value.is_empty() || rel.is_absolute() || value.contains('\\') || value.contains(':') {
        return Err(PathProblem::Escapes);
    }
    let mut depth: i32 = 0;
    for c in rel.components() {
        match c {
            Component::Normal(_) => depth += 1,
            Component::ParentDir => depth -= 1,
            Component::CurDir => {}
            _ => return Err(PathProblem::Escapes),
        }
        if depth < 0 {
            return Err(PathProblem::Escapes);
        }
    }
    let abs = root.join(rel);
    if !abs.is_file() {
        return Err(PathProblem::Missing);
    }
    let canonical_root = root.canonicalize().map_err(|_| PathProblem::Missing)?;
    match abs.canonicalize() {
        Ok(c) if c.starts_with(&canonical_root) => Ok(abs),
        Ok(_) => Err(PathProblem::Escapes),
        Err(_) => Err(PathProblem::Missing),
    }
}

/// Normalises a project-relative path (`./a/../b.csv` → `b.csv`).
pub fn normalise_rel(value: &str) -> String {
    let mut parts: Vec<&str> = Vec::new();
    for part in value.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            p => parts.push(p),
        }
    }
    parts.join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_and_ignored_names() {
        assert!(is_valid_id("first-invoice-worry") && is_valid_id("2026-q1"));
        assert!(!is_valid_id("Bad Name") && !is_valid_id("-x") && !is_valid_id(""));
        assert_eq!(suggest_id("Bad Name"), "bad-name");
        assert!(is_ignored_name(".x.yaml.swp") && is_ignored_name("a.yaml~") && is_ignored_name("#a.yaml#"));
        assert!(!is_ignored_name("a.yaml"));
    }

    #[test]
    fn paths_may_not_escape() {
        let root = std::env::temp_dir();
        assert_eq!(resolve_project_path(&root, "../etc/passwd"), Err(PathProblem::Escapes));
        assert_eq!(resolve_project_path(&root, "/etc/passwd"), Err(PathProblem::Escapes));
        assert_eq!(resolve_project_path(&root, "a/../../b"), Err(PathProblem::Escapes));
        assert_eq!(normalise_rel("./a/../b.csv"), "b.csv");
    }
}
