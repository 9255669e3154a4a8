//! Step 5 of the pipeline: writing the site safely. Pages go into a fresh
//! sibling folder that is swapped into place at the end, so a failed build
//! never leaves half a site; a marker file says the folder is cxsite's.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use crate::error::Failure;

/// The file that marks an output folder as made by cxsite.
pub const MARKER: &str = ".cxsite-output";
const MARKER_TEXT: &str =
    "This folder was made by cxsite. It is replaced on every build; do not keep your own files here.\n";

/// Folders of the project that hold sources; the site may not go inside them.
const SOURCE_DIRS: &[&str] =
    &["insights", "personas", "journeys", "kano", "nps", "narratives", "assets", "templates", "themes"];

fn absolute(p: &Path) -> PathBuf {
    let abs = if p.is_absolute() { p.to_path_buf() } else { std::env::current_dir().unwrap_or_default().join(p) };
    // Canonicalise the longest existing ancestor so `..` and links are resolved.
    let mut existing = abs.clone();
    let mut rest = Vec::new();
    while !existing.exists() {
        match (existing.file_name().map(|n| n.to_os_string()), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut out = existing.canonicalize().unwrap_or(existing);
    for name in rest.into_iter().rev() {
        if name == ".." {
            out.pop();
        } else if name != "." {
            out.push(name);
        }
    }
    out
}

/// Checks that `out` may be (re)written for the project at `project`.
pub fn check_target(project: &Path, out: &Path) -> Result<(), Failure> {
    let project = absolute(project);
    let target = absolute(out);
    let shown = out.display();
    if project.starts_with(&target) {
        return Err(Failure::usage(
            format!("refusing to write the site to {shown}: it is the project folder or contains it"),
            format!("choose an output folder of its own, e.g. `-o {}`", project.join("public").display()),
        ));
    }
    if let Some(home) = std::env::var_os("HOME").map(PathBuf::from) {
        if absolute(&home) == target {
            return Err(Failure::usage(
                format!("refusing to write the site to your home folder {shown}"),
                "choose an empty or new folder",
            ));
        }
    }
    if target.parent().is_none() {
        return Err(Failure::usage(format!("refusing to write the site to {shown}"), "choose an empty or new folder"));
    }
    for dir in SOURCE_DIRS {
        if target.starts_with(project.join(dir)) {
            return Err(Failure::usage(
                format!("refusing to write the site to {shown}: it is inside the project's {dir}/ folder"),
                "use the default `public/` or a folder outside the sources",
            ));
        }
    }
    if target.exists() {
        if !target.is_dir() {
            return Err(Failure::usage(format!("cannot write the site to {shown}: it is a file"), "choose a folder"));
        }
        let empty = fs::read_dir(&target).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty && !target.join(MARKER).is_file() {
            return Err(Failure::usage(
                format!("refusing to replace {shown}: it is not empty and was not made by cxsite (no {MARKER} file)"),
                "choose a new or empty folder with -o, or move its contents away",
            ));
        }
    }
    Ok(())
}

/// Removes what earlier builds left beside `parent/name` when the previous
/// site could not be removed: `.NAME.cxsite-old-PID` folders holding the
/// marker of a site cxsite wrote (anything else is left alone).
fn remove_old_copies(parent: &Path, name: &str) {
    let prefix = format!(".{name}.cxsite-old-");
    let Ok(entries) = fs::read_dir(parent) else { return };
    for e in entries.flatten() {
        let left = e.file_name().to_string_lossy().starts_with(&prefix) && e.path().join(MARKER).is_file();
        if left && fs::remove_dir_all(e.path()).is_err() {
            eprintln!("warning: {} is an earlier site cxsite could not remove; delete it by hand", e.path().display());
        }
    }
}

/// A site being written: a staging folder next to the target.
pub struct Staging {
    dir: PathBuf,
    target: PathBuf,
    done: bool,
}

impl Staging {
    /// Creates the staging folder beside `target`.
    pub fn new(target: &Path) -> io::Result<Staging> {
        let target = absolute(target);
        let parent = target.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
        fs::create_dir_all(&parent)?;
        let name = target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "site".into());
        let dir = parent.join(format!(".{name}.cxsite-new-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir)?;
        }
        remove_old_copies(&parent, &name);
        fs::create_dir(&dir)?;
        Ok(Staging { dir, target, done: false })
    }

    /// The folder to write into.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Writes `bytes` at the site-relative `path`, creating folders.
    pub fn write(&self, path: &str, bytes: &[u8]) -> io::Result<()> {
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)?;
        }
        fs::write(full, bytes)
    }

    /// Writes the file at the site-relative `path` with `write`, through a
    /// buffer, so a big file is never held whole in memory.
    pub fn write_with(&self, path: &str, write: impl FnOnce(&mut dyn Write) -> io::Result<()>) -> io::Result<()> {
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)?;
        }
        let mut out = io::BufWriter::new(fs::File::create(full)?);
        write(&mut out)?;
        out.flush()
    }

    /// Copies a file into the site at `path`.
    pub fn copy(&self, from: &Path, path: &str) -> io::Result<()> {
        let full = self.dir.join(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)?;
        }
        // Never open a named pipe or device that took a file's place.
        crate::load::ensure_regular(from)?;
        fs::copy(from, full).map(|_| ())
    }

    /// Writes the marker and swaps the staging folder into place.
    pub fn commit(mut self) -> io::Result<()> {
        fs::write(self.dir.join(MARKER), MARKER_TEXT)?;
        if self.target.exists() {
            let name = self.target.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            let old = self.target.with_file_name(format!(".{name}.cxsite-old-{}", std::process::id()));
            fs::rename(&self.target, &old)?;
            if let Err(e) = fs::rename(&self.dir, &self.target) {
                // Put the previous site back before reporting.
                let _ = fs::rename(&old, &self.target);
                return Err(e);
            }
            if let Err(e) = fs::remove_dir_all(&old) {
                // The new site is in place; only the old copy is left beside it.
                eprintln!(
                    "warning: the previous site was moved to {} but could not be removed ({e}); delete it by hand",
                    old.display()
                );
            }
        } else {
            fs::rename(&self.dir, &self.target)?;
        }
        self.done = true;
        Ok(())
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.done {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// One file that a command writes (`export`, `pdf`): what it is and how it is named.
pub struct FileKind {
    /// What the file holds, for messages ("the export", "the PDF").
    pub what: &'static str,
    /// Extensions (lower case, no dot) of a file it may replace.
    pub extensions: &'static [&'static str],
    /// An example name for help lines ("site.html").
    pub example: &'static str,
}

/// Refuses to write a `kind` file to `out`: a folder, no file name, an
/// existing file of another kind (`-o cxsite.yaml` must not replace the
/// project), or anything inside the project's source folders.
pub fn check_file_target(root: &Path, out: &Path, kind: &FileKind) -> Result<(), Failure> {
    let (shown, what, example) = (out.display(), kind.what, kind.example);
    if out.is_dir() {
        return Err(Failure::usage(
            format!("cannot write {what} to {shown}: it is a folder"),
            format!("name the file to write, e.g. `-o {}`", out.join(example).display()),
        ));
    }
    let name = out.file_name().map(|n| n.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
    if name.is_empty() {
        return Err(Failure::usage(
            format!("cannot write {what} to {shown}: it names no file"),
            format!("e.g. `-o {example}`"),
        ));
    }
    let ext = name.rsplit_once('.').map(|(_, e)| e).unwrap_or("");
    if out.exists() && !kind.extensions.contains(&ext) {
        return Err(Failure::usage(
            format!("refusing to replace {shown} with {what}: it is another kind of file"),
            format!("choose a new file name, e.g. `-o {example}`"),
        ));
    }
    let (project, target) = (absolute(root), absolute(out));
    for dir in SOURCE_DIRS {
        if target.starts_with(project.join(dir)) {
            return Err(Failure::usage(
                format!("refusing to write {what} into the project's {dir}/ folder ({shown})"),
                format!("write it next to the project, e.g. `-o {example}`"),
            ));
        }
    }
    Ok(())
}

/// Writes `bytes` to a temporary file next to `out`, flushes it to disk,
/// then renames it over `out`: a reader never sees half a file, and a
/// failure leaves an earlier file as it was.
pub fn write_file_atomically(out: &Path, bytes: &[u8]) -> io::Result<()> {
    write_parts_atomically(out, &[bytes])
}

/// Like [`write_file_atomically`], for a file given as parts written one
/// after the other (so a big file need not be joined in memory first).
pub fn write_parts_atomically(out: &Path, parts: &[&[u8]]) -> io::Result<()> {
    let dir = match out.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    };
    fs::create_dir_all(&dir)?;
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.cxsite-tmp-{}", std::process::id()));
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        for part in parts {
            f.write_all(part)?;
        }
        f.sync_all()?;
        fs::rename(&tmp, out)
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refuses_project_and_foreign_folders() {
        let tmp = tempfile::tempdir().unwrap();
        let project = tmp.path().join("p");
        fs::create_dir_all(project.join("insights")).unwrap();
        assert!(check_target(&project, &project).is_err());
        assert!(check_target(&project, tmp.path()).is_err());
        assert!(check_target(&project, &project.join("insights/out")).is_err());
        assert!(check_target(&project, &project.join("public")).is_ok());
        let foreign = tmp.path().join("foreign");
        fs::create_dir_all(&foreign).unwrap();
        fs::write(foreign.join("keep.txt"), "mine").unwrap();
        assert!(check_target(&project, &foreign).is_err());
        fs::write(foreign.join(MARKER), "").unwrap();
        assert!(check_target(&project, &foreign).is_ok());
    }

    #[test]
    fn staging_swaps_and_cleans_up() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        let s = Staging::new(&target).unwrap();
        s.write("a/b.html", b"x").unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(target.join("a/b.html")).unwrap(), b"x");
        let s = Staging::new(&target).unwrap();
        s.write("c.html", b"y").unwrap();
        drop(s); // a failed build: nothing changes
        assert!(target.join("a/b.html").exists() && !target.join("c.html").exists());
        assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1, "no staging folder left behind");
    }

    #[test]
    fn staging_streams_a_file_into_a_new_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let target = tmp.path().join("site");
        let s = Staging::new(&target).unwrap();
        s.write_with("data/big.json", |w| {
            for part in [&b"{"[..], b"\"a\": 1", b"}\n"] {
                w.write_all(part)?;
            }
            Ok(())
        })
        .unwrap();
        s.commit().unwrap();
        assert_eq!(fs::read(target.join("data/big.json")).unwrap(), b"{\"a\": 1}\n");
    }
}
