//! The portfolio's cross-study search, in `portfolio-search/` (layout in
//! docs/search.md), split like a study's own search (the same words files
//! and versions: [`crate::render::shards`]):
//!
//! - `portfolio-search/index.js`: the studies, each with its entries' kind,
//!   title and page; which words file holds each key; the files' versions.
//!   Enough to show a result, and to answer a one-letter word (titles only).
//! - `portfolio-search/words-N.js`: the words (folded, two letters or more)
//!   of every entry's title and text by their first two letters, each with
//!   the numbers of the entries that hold it (counted across the studies in
//!   the index's order). A query word needs the one file its first two
//!   letters are in.
//!
//! The page (`index.html`) loads the base with a `<script>` tag and the
//! words files it needs the same way (no fetch: it works from file://).

use std::path::Path;

use serde::Serialize;

use super::manifest::Record;
use crate::render::search_files::word_files;
use crate::render::shards::{self, json, versions, word_shards};

/// The folder of the index files.
pub const DIR: &str = "portfolio-search";

/// The index's first file, which `index.html` loads.
pub const BASE_PATH: &str = "portfolio-search/index.js";

/// One study in `portfolio-search/index.js`.
#[derive(Serialize)]
struct Study<'a> {
    /// Project id (its folder).
    id: &'a str,
    /// Title.
    title: &'a str,
    /// Client.
    client: Option<&'a str>,
    /// Each entry as `[kind, title, page]` (the page relative to the study's folder).
    items: Vec<[&'a str; 3]>,
}

/// The files of the cross-study search.
pub struct Files {
    /// `portfolio-search/index.js`.
    pub base: String,
    /// `portfolio-search/words-N.js`.
    pub words: Vec<String>,
}

impl Files {
    /// The index of the studies of `records`, in that order.
    pub fn build(records: &[&Record]) -> Files {
        // Each entry's words, made by its study's build (kept in the manifest).
        let docs: Vec<&str> = records.iter().flat_map(|r| &r.search).map(|e| e.w.as_str()).collect();
        let (keys, words) = word_shards(&docs, word_files(docs.len()));
        let studies: Vec<Study> = records
            .iter()
            .map(|r| Study {
                id: &r.card.id,
                title: &r.card.title,
                client: r.card.client.as_deref(),
                items: r.search.iter().map(|e| [e.k.as_str(), e.t.as_str(), e.h.as_str()]).collect(),
            })
            .collect();
        let base = format!(
            "{}window.cxsitePortfolio={{\"studies\":{},\"keys\":{},\"w\":{}}};\n",
            shards::SHARD_FUNCTION,
            json(&studies),
            json(&keys),
            json(&versions(&words)),
        );
        Files { base, words }
    }

    /// Every file as (path in the output, text).
    pub fn paths(&self) -> impl Iterator<Item = (String, &String)> {
        std::iter::once((BASE_PATH.to_string(), &self.base))
            .chain(self.words.iter().enumerate().map(|(n, w)| (format!("{DIR}/words-{n}.js"), w)))
    }

    /// The path `index.html` loads the index from, with its version.
    pub fn base_src(&self) -> String {
        format!("{BASE_PATH}?v={}", shards::version(&self.base))
    }
}

/// Removes from `out/portfolio-search/` the files an earlier build left that
/// `files` does not hold (fewer words files now), and the one-file index of
/// cxsite versions before the split (`portfolio-search.js`).
pub fn remove_stale(out: &Path, files: &Files) -> std::io::Result<()> {
    let keep: Vec<String> = files.paths().map(|(p, _)| p).collect();
    let old = out.join("portfolio-search.js");
    if old.is_file() {
        std::fs::remove_file(old)?;
    }
    for e in std::fs::read_dir(out.join(DIR))? {
        let e = e?;
        let rel = format!("{DIR}/{}", e.file_name().to_string_lossy());
        if e.file_type()?.is_file() && !keep.contains(&rel) {
            std::fs::remove_file(e.path())?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::portfolio::summary::Entry;
    use crate::portfolio::summary::StudyCard;

    fn record(id: &str, entries: &[(&str, &str, &str)]) -> Record {
        let card: StudyCard = serde_json::from_value(serde_json::json!({
            "id": id, "title": id.to_uppercase(), "subtitle": null, "client": null, "date": null, "year": null,
            "language": "en", "confidential": false, "insights": 0, "personas": 0, "journeys": 0,
            "chapters": 0, "nps": null, "tags": []
        }))
        .unwrap();
        let search = entries.iter().map(|(k, t, x)| Entry::new(k, t.to_string(), x, format!("{k}.html"))).collect();
        Record { inputs: String::new(), card, search }
    }

    #[test]
    fn entries_are_numbered_across_studies_and_their_text_is_in_the_words_files_only() {
        let a = record("a", &[("i", "Invoice worry", "It arrives late"), ("q", "<b>Hi</b>", "Invoice worry")]);
        let b = record("b", &[("p", "Nadia", "Arrivée à Paris")]);
        let files = Files::build(&[&a, &b]);
        // Entry 0 (a's insight) and 2 (b's persona, folded) hold "arrives"/"arrivee".
        let n: usize = {
            let v: serde_json::Value = serde_json::from_str(
                files.base.split("window.cxsitePortfolio=").nth(1).unwrap().trim().trim_end_matches(';'),
            )
            .unwrap();
            assert_eq!(v["studies"][1]["items"][0], serde_json::json!(["p", "Nadia", "p.html"]));
            assert_eq!(v["studies"][0]["items"].as_array().unwrap().len(), 2);
            v["keys"]["ar"].as_u64().unwrap() as usize
        };
        assert!(files.words[n].contains("\"ar\":{\"arrivee\":[2],\"arrives\":[0]}"), "{}", files.words[n]);
        // "invoice" is in the insight's title and in the quote's text (its insight's title).
        let iv = files.words.iter().find(|w| w.contains("\"invoice\"")).unwrap();
        assert!(iv.contains("\"invoice\":[0,1]"), "{iv}");
        assert!(
            !files.base.contains("late") && !files.base.contains("</"),
            "no text, nothing that ends a script, in the base"
        );
        assert_eq!(files.words.len(), word_files(3));
        let paths: Vec<String> = files.paths().map(|(p, _)| p).collect();
        assert_eq!(paths[0], "portfolio-search/index.js");
        assert_eq!(paths[1], "portfolio-search/words-0.js");
        // A text changes ("late" to "later", the same key): only its words
        // file, whose new version is in the base.
        let c = record("a", &[("i", "Invoice worry", "It arrives later"), ("q", "<b>Hi</b>", "Invoice worry")]);
        let again = Files::build(&[&c, &b]);
        assert_eq!(files.words.iter().zip(&again.words).filter(|(x, y)| x != y).count(), 1);
        assert_ne!(files.base_src(), again.base_src(), "new content, new address");
    }
}
