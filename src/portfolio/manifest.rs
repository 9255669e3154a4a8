//! The portfolio's memory between builds, `OUT/.cxsite-portfolio.json`:
//! per study, a fingerprint of its inputs and what the portfolio page shows
//! of it. A study whose fingerprint did not change (same cxsite version,
//! same options) and whose folder is still in the output is not rebuilt.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};
use walkdir::WalkDir;

use super::summary::{Entry, StudyCard};
use crate::output::MARKER;
use crate::render::shards::Fnv;

/// The manifest's file name in the output folder.
pub const FILE: &str = ".cxsite-portfolio.json";

/// What the last portfolio build left.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Manifest {
    /// The cxsite version that wrote it; another version rebuilds everything.
    pub version: String,
    /// Per project id, its last good build.
    pub projects: BTreeMap<String, Record>,
}

/// One study's last good build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Record {
    /// The fingerprint of the inputs it was built from.
    pub inputs: String,
    /// Its card.
    pub card: StudyCard,
    /// Its search entries.
    pub search: Vec<Entry>,
}

impl Manifest {
    /// The manifest in `out`, or an empty one when there is none, it cannot
    /// be read, or another cxsite version wrote it.
    pub fn read(out: &Path) -> Manifest {
        let found = std::fs::read(out.join(FILE)).ok().and_then(|b| serde_json::from_slice::<Manifest>(&b).ok());
        match found {
            Some(m) if m.version == env!("CARGO_PKG_VERSION") => m,
            _ => Manifest::default(),
        }
    }

    /// The manifest as JSON (sorted keys: deterministic). Compact: it holds
    /// every study's search entries (megabytes for a large portfolio), and
    /// each build reads and writes it whole.
    pub fn to_json(&self) -> Vec<u8> {
        // As `Manifest` serializes, with this version, without a copy of every study's entries.
        #[derive(Serialize)]
        struct Written<'a> {
            version: &'a str,
            projects: &'a BTreeMap<String, Record>,
        }
        serde_json::to_vec(&Written { version: env!("CARGO_PKG_VERSION"), projects: &self.projects })
            .unwrap_or_default()
    }
}

/// A fingerprint of everything a build of `project` reads: the path, size
/// and modification time of every file under it (hidden files and folders,
/// and output folders — `public/` or any folder with cxsite's marker — left
/// out), plus `options` (drafts, strict, …) as text.
pub fn fingerprint(project: &Path, options: &str) -> String {
    let mut h = Fnv::default();
    h.add(options.as_bytes());
    let walk = WalkDir::new(project).sort_by_file_name().into_iter().filter_entry(|e| {
        let name = e.file_name().to_string_lossy();
        let top_public = e.depth() == 1 && name == "public";
        // (Only a folder can hold the marker: no look-up for each file.)
        let output = e.file_type().is_dir() && e.path().join(MARKER).is_file();
        e.depth() == 0 || !(name.starts_with('.') || top_public || output)
    });
    for e in walk.flatten() {
        let Ok(meta) = e.metadata() else { continue };
        let rel = e.path().strip_prefix(project).unwrap_or(e.path());
        h.add(rel.to_string_lossy().as_bytes());
        h.add(&[0]);
        if meta.is_file() {
            h.add(&meta.len().to_le_bytes());
            let mtime = meta.modified().ok().and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok());
            h.add(&mtime.map_or(0, |d| d.as_nanos()).to_le_bytes());
        }
    }
    format!("{:016x}", h.0)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_follows_inputs_but_not_outputs() {
        let tmp = tempfile::tempdir().unwrap();
        let p = tmp.path();
        std::fs::create_dir_all(p.join("insights")).unwrap();
        std::fs::write(p.join("cxsite.yaml"), "title: A\n").unwrap();
        let first = fingerprint(p, "");
        assert_eq!(first, fingerprint(p, ""), "the same inputs give the same fingerprint");
        assert_ne!(first, fingerprint(p, "drafts"), "options are part of it");
        std::fs::create_dir_all(p.join("public")).unwrap();
        std::fs::write(p.join("public/index.html"), "x").unwrap();
        std::fs::write(p.join(".editor-state"), "x").unwrap();
        assert_eq!(first, fingerprint(p, ""), "public/ and hidden files are not inputs");
        std::fs::write(p.join("insights/a.yaml"), "title: x\n").unwrap();
        assert_ne!(first, fingerprint(p, ""), "a new insight is");
    }
}
