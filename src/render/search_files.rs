//! The files insights.html searches and filters with, in `search/` (layout in
//! docs/search.md). Each is a script the page loads with a `<script>` element
//! (not fetched, so it works from file://), only when it needs it:
//!
//! - `search/index.js`: every insight's facet values (small numbers into
//!   tables) and folded title, and where the rest is. Enough to filter
//!   without a query and to answer a one-letter word.
//! - `search/words-N.js`: the words (folded, two letters or more) by their
//!   first two letters, each with the numbers of the insights that hold it.
//!   A query word needs the one file its first two letters are in.
//! - `search/cards-N.js`: the pre-rendered cards (the theme's own markup,
//!   in pieces: `card_pieces`), [`CARDS_PER_FILE`] by insight order, for the
//!   cards on show.
//!
//! Every file is referenced with `?v=` and a hash of its content, so a
//! browser never mixes a cached file with a redeployed one.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::search::fold;
use super::shards::{json, shard_js, versions, word_shards};
use crate::link::Site;
use crate::model::insight::Insight;
use crate::model::Item;

/// The folder of the index files.
pub const DIR: &str = "search/";

/// The first file insights.html loads.
pub const BASE_PATH: &str = "search/index.js";

/// Cards per `search/cards-N.js`: the cards of one screen of results come
/// from a few small files.
pub const CARDS_PER_FILE: usize = 25;

/// About how many insights' words one `search/words-N.js` holds.
const INSIGHTS_PER_WORD_FILE: usize = 40;

/// Bounds of the number of word files.
const WORD_FILES: (usize, usize) = (4, 256);

/// How many `search/words-N.js` a site with `insights` insights has.
pub fn word_files(insights: usize) -> usize {
    insights.div_ceil(INSIGHTS_PER_WORD_FILE).clamp(WORD_FILES.0, WORD_FILES.1)
}

/// How many `search/cards-N.js` a site with `insights` insights has.
pub fn card_files(insights: usize) -> usize {
    insights.div_ceil(CARDS_PER_FILE)
}

/// The path of word file `n`.
pub fn words_path(n: usize) -> String {
    format!("{DIR}words-{n}.js")
}

/// The path of card file `n`.
pub fn cards_path(n: usize) -> String {
    format!("{DIR}cards-{n}.js")
}

/// One insight's part of the index (kept by `serve` for an unchanged insight).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Persona ids (only personas in the site).
    p: Vec<String>,
    /// Journey id.
    j: Option<String>,
    /// Stage as `journey/stage`.
    s: Option<String>,
    /// Bias ids.
    b: Vec<String>,
    /// Tags.
    t: Vec<String>,
    /// Confidence, impact and status.
    levels: [&'static str; 3],
    /// Evidence sources, without repeats.
    so: Vec<String>,
    /// Evidence types (methods), without repeats.
    m: Vec<&'static str>,
    /// `new` or `changed` since the earlier delivery.
    ch: Option<&'static str>,
    /// The folded title.
    title: String,
    /// The distinct folded words (two letters or more) of every searchable
    /// text, sorted, one per line (one allocation per insight, not one per word).
    words: String,
}

/// The index entry of insight `it`.
pub fn entry(site: &Site, it: &Item<Insight>) -> Entry {
    let d = &it.data;
    let list = super::shards::document(&fold(&super::search::searchable_text(site, it)));
    let (so, m) = super::search::evidence_facets(site, d);
    Entry {
        p: d.personas.iter().filter(|p| site.has(crate::model::RefKind::Persona, p)).cloned().collect(),
        j: d.journey.clone(),
        s: d.journey.as_deref().zip(d.stage.as_deref()).map(|(j, s)| format!("{j}/{s}")),
        b: d.biases.clone(),
        t: d.tags.clone(),
        levels: [d.confidence.as_str(), d.impact.as_str(), d.status.as_str()],
        so: so.into_iter().map(str::to_string).collect(),
        m,
        ch: site.changes.as_ref().and_then(|c| c.insight_status(&it.id)),
        title: fold(&d.title),
        words: list,
    }
}

/// Every file of the index, made from each insight's entry and card (in `site.insights` order).
pub struct Files {
    /// `search/index.js`.
    pub base: String,
    /// `search/words-N.js`, [`word_files`] of them.
    pub words: Vec<String>,
    /// `search/cards-N.js`, [`card_files`] of them.
    pub cards: Vec<String>,
}

impl Files {
    /// The index of `entries` with their `cards` (the same length and order).
    pub fn build(entries: &[Arc<Entry>], cards: &[Arc<str>]) -> Files {
        use rayon::prelude::*;
        // The words and the cards files side by side: whichever page asks
        // first waits for both, so the wait is as short as two threads make it.
        let ((keys, words), cards) = rayon::join(
            || {
                let t = std::time::Instant::now();
                let docs: Vec<&str> = entries.iter().map(|e| e.words.as_str()).collect();
                let w = word_shards(&docs, word_files(entries.len()));
                crate::timing("search words", t);
                w
            },
            || {
                cards
                    .par_chunks(CARDS_PER_FILE)
                    .enumerate()
                    .map(|(n, chunk)| {
                        let cards: Vec<&str> = chunk.iter().map(|c| &**c).collect();
                        shard_js(&format!("c{n}"), &json(&super::card_pieces::encode(&cards)))
                    })
                    .collect::<Vec<String>>()
            },
        );
        let t = std::time::Instant::now();
        let base = base_js(entries, &keys, &words, &cards);
        crate::timing("search base", t);
        Files { base, words, cards }
    }

    /// The path insights.html loads the index from, with its version.
    pub fn base_src(&self) -> String {
        format!("{BASE_PATH}?v={}", version(&self.base))
    }
}

/// A short hash of a file's content, for `?v=`.
pub use super::shards::version;

/// The values of one facet, numbered in order of first use.
#[derive(Default)]
struct Table<'e> {
    values: Vec<&'e str>,
    numbers: HashMap<&'e str, usize>,
}

impl<'e> Table<'e> {
    fn number(&mut self, v: &'e str) -> usize {
        *self.numbers.entry(v).or_insert_with(|| {
            self.values.push(v);
            self.values.len() - 1
        })
    }

    fn numbers(&mut self, vs: impl IntoIterator<Item = &'e str>) -> Vec<usize> {
        vs.into_iter().map(|v| self.number(v)).collect()
    }

    /// The number of `v`, or -1 for none.
    fn maybe(&mut self, v: Option<&'e str>) -> i64 {
        v.map_or(-1, |v| self.number(v) as i64)
    }
}

/// One insight in `search/index.js`: its facets as numbers into the tables
/// (-1 for none), then its folded title.
type Row<'e> =
    (Vec<usize>, i64, i64, Vec<usize>, Vec<usize>, usize, usize, usize, Vec<usize>, Vec<usize>, i64, &'e str);

/// `search/index.js`.
fn base_js<'e>(entries: &'e [Arc<Entry>], keys: &BTreeMap<&str, usize>, words: &[String], cards: &[String]) -> String {
    // Facet tables, in the order of the row's fields.
    let mut t: [Table<'e>; 11] = Default::default();
    let rows: Vec<Row<'e>> = entries
        .iter()
        .map(|e| {
            let strs = |v: &'e [String]| v.iter().map(String::as_str);
            let p = t[0].numbers(strs(&e.p));
            let j = t[1].maybe(e.j.as_deref());
            let s = t[2].maybe(e.s.as_deref());
            let b = t[3].numbers(strs(&e.b));
            let tags = t[4].numbers(strs(&e.t));
            let c = t[5].number(e.levels[0]);
            let i = t[6].number(e.levels[1]);
            let st = t[7].number(e.levels[2]);
            let so = t[8].numbers(strs(&e.so));
            let m = t[9].numbers(e.m.iter().copied());
            let ch = t[10].maybe(e.ch);
            (p, j, s, b, tags, c, i, st, so, m, ch, e.title.as_str())
        })
        .collect();
    let tables: Vec<&Vec<&str>> = t.iter().map(|t| &t.values).collect();
    format!(
        "{}window.cxsiteSearch={{\"page\":{},\"per\":{CARDS_PER_FILE},\"tables\":{},\"insights\":{},\"keys\":{},\"w\":{},\"c\":{}}};\n",
        super::shards::SHARD_FUNCTION,
        super::search::FIRST_CARDS,
        json(&tables),
        json(&rows),
        json(keys),
        json(&versions(words)),
        json(&versions(cards)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(title: &str, words: &[&str]) -> Arc<Entry> {
        Arc::new(Entry {
            p: vec!["sophie".into()],
            j: None,
            s: None,
            b: vec![],
            t: vec!["billing".into()],
            levels: ["high", "low", "validated"],
            so: vec![],
            m: vec![],
            ch: None,
            title: title.into(),
            words: words.join("\n"),
        })
    }

    #[test]
    fn base_numbers_facets_and_versions_every_file() {
        let e = vec![entry("first", &[]), entry("second", &[])];
        let cards: Vec<Arc<str>> = vec!["<a>1</a>".into(), "<a>2</a>".into()];
        let files = Files::build(&e, &cards);
        assert!(files.base.contains("[[0],-1,-1,[],[0],0,0,0,[],[],-1,\"first\"]"), "{}", files.base);
        assert!(!files.base.contains("<a>"), "no card in the base");
        assert_eq!(files.cards.len(), 1);
        assert_eq!(
            files.cards[0],
            "cxsiteShard(\"c0\",{\"c\":[[0,\"1\",1],[0,\"2\",1]],\"t\":[\"<a>\",\"<\\/a>\"]});\n"
        );
        assert!(files.base.contains(&version(&files.cards[0])[..10]));
        let again = Files::build(&[entry("first", &[]), entry("changed", &[])], &cards);
        assert_ne!(files.base_src(), again.base_src(), "a new index, a new address");
    }
}
