//! Walking the project's folders and reading files safely: which files
//! count, which are ignored, ids from file names, symlinks, encodings.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::paths::{resolve_inside, special_kind, PathProblem, Want};
use super::SourceFile;
use crate::diagnostics::{rel_path, Code, Diagnostic, Diagnostics};

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
        if !base.is_dir() || !self.folder_inside(diags, &base) {
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
        while let Some(entry) = self.next_entry(&mut it, diags) {
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
                        Diagnostic::error(
                            Code::PathOutsideProject,
                            rel(),
                            1,
                            1,
                            "this symbolic link points outside the project",
                        )
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
            if let Some(kind) = self.special(&entry) {
                self.skipped_special(diags, rel(), kind);
                continue;
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
                    Diagnostic::warning(
                        Code::IgnoredFile,
                        rel(),
                        1,
                        1,
                        format!("not a {} file; ignored", what.exts.join("/")),
                    )
                    .with_help(format!(
                        "move other files to assets/; {}/ holds only .{} files",
                        what.dir, what.exts[0]
                    )),
                );
                continue;
            }
            let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
            if !is_valid_id(&stem) {
                diags.push(
                    Diagnostic::error(
                        Code::BadId,
                        rel(),
                        1,
                        1,
                        format!("`{stem}` is not a valid id: the file name is the id"),
                    )
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
            Diagnostic::warning(
                Code::IgnoredFile,
                rel,
                1,
                1,
                format!("sub-folders of {dir}/ are not read; this folder is ignored"),
            )
            .with_help("only insights/ may be split into sub-folders; move the files up"),
        );
    }

    /// Files under `assets/`, project-relative, sorted.
    pub fn assets(&mut self, diags: &mut Diagnostics) -> Vec<String> {
        self.plain_files(diags, &self.root.join("assets")).into_iter().map(|p| rel_path(&self.root, &p)).collect()
    }

    /// Template overrides (project `templates/`, then `themes/NAME/templates/`)
    /// and a custom theme's static files. `at` is the position of `theme:` in
    /// cxsite.yaml.
    pub fn theme(
        &mut self,
        name: &str,
        at: (usize, usize),
        diags: &mut Diagnostics,
    ) -> (BTreeMap<String, String>, Vec<(String, PathBuf)>) {
        let mut templates = BTreeMap::new();
        let mut statics = Vec::new();
        if name != "default" {
            match theme_dir(&self.root, name, super::CONFIG_FILE, at.0, at.1) {
                Ok(dir) => {
                    self.read_templates(diags, &dir.join("templates"), &mut templates);
                    let sdir = dir.join("static");
                    for p in self.plain_files(diags, &sdir) {
                        statics.push((format!("static/{}", rel_path(&sdir, &p)), p));
                    }
                }
                Err(d) => diags.push(d),
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

    /// The next entry of a walk; an entry that cannot be read is reported
    /// (see `walk_error`) and passed over.
    fn next_entry(&self, it: &mut walkdir::IntoIter, diags: &mut Diagnostics) -> Option<walkdir::DirEntry> {
        for entry in it.by_ref() {
            match entry {
                Ok(e) => return Some(e),
                Err(err) => self.walk_error(diags, &err),
            }
        }
        None
    }

    /// Every non-hidden file below `dir`, following links that stay inside the project.
    fn plain_files(&mut self, diags: &mut Diagnostics, dir: &Path) -> Vec<PathBuf> {
        if !dir.is_dir() || !self.folder_inside(diags, dir) {
            return Vec::new();
        }
        let mut out = Vec::new();
        let mut it = WalkDir::new(dir).follow_links(true).sort_by_file_name().min_depth(1).into_iter();
        while let Some(entry) = self.next_entry(&mut it, diags) {
            let name = entry.file_name().to_string_lossy();
            if is_ignored_name(&name) || (entry.path_is_symlink() && !self.inside_project(entry.path())) {
                if entry.file_type().is_dir() {
                    it.skip_current_dir();
                }
                continue;
            }
            if let Some(kind) = self.special(&entry) {
                self.skipped_special(diags, rel_path(&self.root, entry.path()), kind);
            } else if entry.file_type().is_file() {
                out.push(entry.path().to_path_buf());
            }
        }
        out
    }

    /// What a walked entry is when it is no regular file or folder (a named
    /// pipe, socket, device, or a link to one), found without opening it.
    fn special(&self, entry: &walkdir::DirEntry) -> Option<&'static str> {
        let ft = entry.file_type();
        if ft.is_symlink() {
            // Not followed by this walk: look at what the link leads to.
            return match fs::metadata(entry.path()) {
                Ok(m) => special_kind(&m.file_type()),
                // A broken link: reading it reports the problem.
                Err(_) => None,
            };
        }
        special_kind(&ft)
    }

    fn skipped_special(&self, diags: &mut Diagnostics, rel: String, kind: &str) {
        diags.push(
            Diagnostic::warning(Code::IgnoredFile, rel, 1, 1, format!("this is {kind}, not a regular file; skipped"))
                .with_help("cxsite reads only regular files; remove it from the project or replace it with a file"),
        );
    }

    /// Is the folder `dir` (maybe a link) inside the project? Reports it when not.
    fn folder_inside(&self, diags: &mut Diagnostics, dir: &Path) -> bool {
        if self.inside_project(dir) {
            return true;
        }
        diags.push(
            Diagnostic::error(
                Code::PathOutsideProject,
                rel_path(&self.root, dir),
                1,
                1,
                "this folder is a symbolic link that points outside the project",
            )
            .with_help("copy the files into the project instead of linking to them"),
        );
        false
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
                    Code::UnreadableFile,
                    &rel,
                    1,
                    1,
                    format!("symbolic link loop: this points back to {}", rel_path(&self.root, ancestor)),
                )
                .with_help("remove the link or point it somewhere that does not contain it"),
            );
        } else {
            diags.push(
                Diagnostic::error(Code::UnreadableFile, &rel, 1, 1, format!("cannot read: {err}"))
                    .with_help("check that the file exists and is readable"),
            );
        }
    }
}

/// The folder of the custom theme `name`: `themes/NAME/` inside the project,
/// by the rule for every path from configuration. The error is reported at
/// `file:line:col` of `theme:`.
fn theme_dir(root: &Path, name: &str, file: &str, line: usize, col: usize) -> Result<PathBuf, Diagnostic> {
    let plain = !name.is_empty() && !name.contains(['/', '\\', ':']) && name != ".." && name != ".";
    if !plain {
        return Err(Diagnostic::error(
            Code::BadTheme,
            file,
            line,
            col,
            format!("theme `{name}` is not the name of a folder under themes/"),
        )
        .with_help("write `theme: default`, or the plain name of a folder: `theme: acme` for themes/acme/"));
    }
    let value = format!("themes/{name}");
    resolve_inside(root, &value, Want::Folder).map_err(|problem| match problem {
        PathProblem::Missing => Diagnostic::error(
            Code::BadTheme,
            file,
            line,
            col,
            format!("theme `{name}` not found: there is no folder themes/{name}/"),
        )
        .with_help("use `theme: default`, or create the theme folder with templates/ and static/"),
        problem => problem.diagnostic(file, line, col, &value),
    })
}

/// Reads `path` as UTF-8 text; the error points at the first invalid byte.
pub fn read_text(root: &Path, path: &Path) -> Result<SourceFile, Diagnostic> {
    let rel = rel_path(root, path);
    // Look before opening: opening a named pipe for reading would block.
    let meta = fs::metadata(path).map_err(|e| {
        Diagnostic::error(Code::UnreadableFile, &rel, 1, 1, format!("cannot read file: {e}"))
            .with_help("check that the file exists")
    })?;
    if !meta.is_file() {
        let kind = if meta.is_dir() { "a folder" } else { special_kind(&meta.file_type()).unwrap_or("a special file") };
        return Err(Diagnostic::error(Code::UnreadableFile, &rel, 1, 1, format!("this is {kind}, not a regular file"))
            .with_help("cxsite reads only regular files; replace it with a file"));
    }
    let bytes = fs::read(path).map_err(|e| {
        Diagnostic::error(Code::UnreadableFile, &rel, 1, 1, format!("cannot read file: {e}"))
            .with_help("check the file's permissions")
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
            Err(Diagnostic::error(
                Code::UnreadableFile,
                &rel,
                line,
                col,
                format!("the file is not valid UTF-8 (byte 0x{:02X})", bytes[good]),
            )
            .with_help("save the file as UTF-8 in your editor"))
        }
    }
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
}
