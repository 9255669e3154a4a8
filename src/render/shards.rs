//! What every sharded search index shares (a study's `search/`, see
//! [`super::search_files`], and the portfolio's `portfolio-search/`, see
//! `crate::portfolio::page`): the words of a text, the words files keyed by
//! a word's first two letters, the script wrapper each file hands its data
//! to the page with, and the `?v=` content versions.
//!
//! Layout and page side: docs/search.md.

use std::collections::BTreeMap;

use serde::Serialize;

/// The words of folded `text`: runs of letters and digits (as the page
/// splits a query: `[\p{Alphabetic}\p{N}]`).
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty())
}

/// The distinct words (two letters or more) of folded `text`, sorted, one
/// per line: one document of [`word_shards`] (one allocation per document,
/// not one per word).
pub fn document(text: &str) -> String {
    let mut list: Vec<&str> = words(text).filter(|w| w.chars().nth(1).is_some()).collect();
    list.sort_unstable();
    list.dedup();
    list.join("\n")
}

/// A short hash of a file's content, for `?v=`.
pub fn version(text: &str) -> String {
    format!("{:016x}", fnv(text))
}

/// The short versions (10 hex digits) of `files`, as an index lists them.
pub fn versions(files: &[String]) -> Vec<String> {
    files.iter().map(|f| version(f)[..10].to_string()).collect()
}

/// FNV-1a of `text`.
fn fnv(text: &str) -> u64 {
    let mut h = Fnv::default();
    h.add(text.as_bytes());
    h.0
}

/// FNV-1a, 64 bits, fed in parts: the same on every run and Rust version
/// (unlike `DefaultHasher`). Also the portfolio's input fingerprints.
pub struct Fnv(pub u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Fnv {
    /// Hashes `bytes` after what came before.
    pub fn add(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= u64::from(b);
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// JSON of `v` for a script file, safe to inline in a `<script>` element:
/// only what could end the element or open a comment in it is escaped (`</`
/// as `<\/`, `<!--` as `\u003c!--`), so card HTML keeps its other `<` as
/// written instead of six bytes each.
pub fn json(v: &impl Serialize) -> String {
    let text = serde_json::to_string(v).unwrap_or_else(|_| "null".into());
    if text.contains("</") || text.contains("<!--") {
        text.replace("</", "<\\/").replace("<!--", "\\u003c!--")
    } else {
        text
    }
}

/// A file that hands `data` to the page under `key`.
pub fn shard_js(key: &str, data: &str) -> String {
    format!("cxsiteShard(\"{key}\",{data});\n")
}

/// The line an index's first file starts with: defines `cxsiteShard` for the
/// files loaded after it (unless the page did).
pub const SHARD_FUNCTION: &str =
    "window.cxsiteShard=window.cxsiteShard||function(k,d){(window.cxsiteShards=window.cxsiteShards||{})[k]=d};\n";

/// The first two characters of `word` (its word file key).
pub fn key_of(word: &str) -> &str {
    let end = word.char_indices().nth(2).map_or(word.len(), |(i, _)| i);
    &word[..end]
}

/// The words files of `docs` (each a [`document`]): which of `files` files
/// each key (first two letters) is in, and each file's text. A file hands
/// `{"key": {"word": [gaps…], …}, …}` to the page under `w<N>`; the numbers
/// are the documents holding the word, each the distance from the one before.
pub fn word_shards<'d>(docs: &[&'d str], files: usize) -> (BTreeMap<&'d str, usize>, Vec<String>) {
    // Hashed while collecting, sorted once: a million inserts into a tree
    // of strings were most of the index's time with 10,000 insights.
    // (foldhash: SipHash's resistance to chosen keys is not needed for one's own words.)
    let mut postings: foldhash::HashMap<&str, Vec<u32>> = foldhash::HashMap::default();
    for (n, doc) in docs.iter().enumerate() {
        for w in doc.split('\n').filter(|w| !w.is_empty()) {
            postings.entry(w).or_default().push(n as u32);
        }
    }
    let mut postings: Vec<(&str, Vec<u32>)> = postings.into_iter().collect();
    postings.sort_unstable_by(|a, b| a.0.cmp(b.0));

    // Per key: `"word":[gaps…],…` (each number the distance from the one before).
    let mut groups: BTreeMap<&str, String> = BTreeMap::new();
    for (word, ids) in &postings {
        let text = groups.entry(key_of(word)).or_default();
        if !text.is_empty() {
            text.push(',');
        }
        text.push_str(&json(word));
        text.push_str(":[");
        let mut last = 0;
        let mut number = itoa::Buffer::new();
        for (k, id) in ids.iter().enumerate() {
            if k > 0 {
                text.push(',');
            }
            text.push_str(number.format(id - last));
            last = *id;
        }
        text.push(']');
    }
    // A key's file depends on the key alone, so a change to some words
    // changes only their files (the others stay cached).
    let files = files.max(1);
    let mut members: Vec<Vec<(&str, &String)>> = vec![Vec::new(); files];
    let mut keys = BTreeMap::new();
    for (key, text) in &groups {
        let n = (fnv(key) % files as u64) as usize;
        members[n].push((key, text));
        keys.insert(*key, n);
    }
    let texts = members
        .into_iter()
        .enumerate()
        .map(|(n, list)| {
            let body: Vec<String> = list.iter().map(|(k, t)| format!("{}:{{{t}}}", json(k))).collect();
            shard_js(&format!("w{n}"), &format!("{{{}}}", body.join(",")))
        })
        .collect();
    (keys, texts)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_split_on_what_is_not_a_letter_or_digit() {
        let w: Vec<&str> = words("ins-001 doğan's meter—reading 12,50").collect();
        assert_eq!(w, ["ins", "001", "doğan", "s", "meter", "reading", "12", "50"]);
        assert_eq!(document("meter a meter 12 b-ad"), "12\nad\nmeter", "sorted, once, two letters or more");
    }

    #[test]
    fn a_word_is_in_the_file_of_its_first_two_letters_with_gaps() {
        // Documents 0, 2 and 3 hold "doubt"; 2 also "dogan": both under key "do".
        let docs = ["doubt", "meter", "dogan\ndoubt", "doubt"];
        let (keys, files) = word_shards(&docs, 4);
        let n = keys["do"];
        assert!(files[n].contains("\"do\":{\"dogan\":[2],\"doubt\":[0,2,1]}"), "{}", files[n]);
        assert!(files[n].starts_with(&format!("cxsiteShard(\"w{n}\",")), "{}", files[n]);
        assert_eq!(files.len(), 4);
        // A key's file depends on the key alone: a new word under another key
        // changes no file but its own.
        let more = ["doubt", "meter", "dogan\ndoubt", "doubt", "zz"];
        let (keys2, files2) = word_shards(&more, 4);
        assert_eq!(keys2["do"], n);
        for (k, (a, b)) in files.iter().zip(&files2).enumerate() {
            assert_eq!(a == b, k != keys2["zz"], "file {k}");
        }
    }

    #[test]
    fn keys_are_two_characters_not_bytes() {
        assert_eq!(key_of("ğa"), "ğa");
        assert_eq!(key_of("ğab"), "ğa");
        assert_eq!(key_of("x"), "x");
    }

    #[test]
    fn a_version_is_fnv_1a_of_the_content() {
        // FNV-1a of "a" (the published test vector).
        assert_eq!(version("a"), "af63dc4c8601ec8c");
        assert_eq!(versions(&["a".to_string()]), ["af63dc4c86"]);
        assert_eq!(json(&"<b>\"</b><!--"), r#""<b>\"<\/b>\u003c!--""#);
    }
}
