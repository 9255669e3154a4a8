//! What the client may see (SPEC §2 `redact`, §9b): the texts of a client
//! build (no `--internal`) with internal Markdown blocks cut out and every
//! `redact:` term replaced by "[…]", and the diagnostics that tell the author
//! where a redacted term occurs. Leaving internal items out of the site
//! (and internal evidence out of its insight) happens in [`super::link_cached`],
//! with `Presence` telling a reference to internal material from one to a draft.
//!
//! **Why a generic pass.** The model types derive `Serialize` and
//! `Deserialize`, so every item is turned into a `serde_yaml::Value`, every
//! string in it (values and mapping keys alike) is cleaned, and the value is
//! read back into its type. A field added to any kind later is cleaned
//! without anyone remembering to: there is no list of "text fields" to keep
//! in step. Ids, reference fields (`x-cxsite-ref`) and paths are strings
//! too; the pass leaves them untouched because a client build refuses an id
//! or a published path that contains a redacted term (it could not be
//! renamed without breaking links), so no term can occur in one. Only
//! chapter bodies (not a YAML value) and the built-in biases (not read from
//! YAML) are cleaned by name. Items whose file mentions no term and no
//! internal block are shared as they are, so the pass costs nothing for them.

use rayon::prelude::*;
use std::borrow::Cow;
use std::sync::Arc;

use pulldown_cmark::{CodeBlockKind, Event, Parser, Tag};
use serde::{de::DeserializeOwned, Serialize};
use serde_yaml::Value;

use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::link::Site;
use crate::load::Sources;
use crate::model::bias::Bias;
use crate::model::{Insight, Item, Narrative, RefKind, SourceFile};

/// What stands for a redacted term in a client build.
pub const REDACTED: &str = "[…]";

use crate::markdown::{is_internal_info, INTERNAL_INFO};

/// Whether an id the project defines is in the site, and if not, why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Presence<'a> {
    /// In the site: references to it are links.
    InSite,
    /// A draft left out (no `--drafts`).
    Draft,
    /// Marked `internal: true` and left out (no `--internal`); the item's file.
    Internal(&'a str),
}

/// `it` without its `internal: true` evidence items (shared, not copied, when it has none).
pub(crate) fn without_internal_evidence(it: &Item<Insight>) -> Item<Insight> {
    if !it.data.evidence.iter().any(|e| e.internal) {
        return it.clone();
    }
    let mut data = (*it.data).clone();
    data.evidence.retain(|e| !e.internal);
    Item { id: it.id.clone(), file: it.file.clone(), data: Arc::new(data) }
}

/// The warning for a reference from client material to internal material:
/// it names both places (the reference, and the internal item's file).
pub(crate) fn internal_ref(kind: RefKind, id: &str, target: &str, file: &str, l: usize, c: usize) -> Diagnostic {
    Diagnostic::warning(
        Code::InternalRef,
        file,
        l,
        c,
        format!(
            "{} `{id}` is internal ({target}) and left out of the client build; the reference shows as plain text",
            kind.as_str()
        ),
    )
    .with_help("remove the reference from client material, or build with --internal for the team")
}

/// The `redact:` terms, ready for whole-word, case-insensitive matching.
#[derive(Debug, Clone, Default)]
pub struct Redactor {
    /// Each term as lower-case characters, longest first (so "M. de Vries"
    /// wins over "Vries"); a space stands for any run of white space.
    terms: Vec<(String, Vec<char>)>,
}

impl Redactor {
    /// The matcher for `terms` (blank terms are ignored).
    pub fn new(terms: &[String]) -> Redactor {
        let mut terms: Vec<(String, Vec<char>)> = terms
            .iter()
            .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
            .filter(|t| !t.is_empty())
            .map(|t| {
                let chars = t.chars().flat_map(char::to_lowercase).collect();
                (t, chars)
            })
            .collect();
        terms.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        Redactor { terms }
    }

    /// No terms at all.
    pub fn is_empty(&self) -> bool {
        self.terms.is_empty()
    }

    /// Every occurrence in `text`: (byte start, byte end, the term as listed).
    pub fn find<'r>(&'r self, text: &str) -> Vec<(usize, usize, &'r str)> {
        let mut found = Vec::new();
        if self.terms.is_empty() {
            return found;
        }
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let starts_word = i == 0 || !is_word(chars[i - 1].1);
            let hit = self.terms.iter().find_map(|(term, t)| {
                let first_is_word = t.first().is_some_and(|c| is_word(*c));
                if first_is_word && !starts_word {
                    return None;
                }
                let end = match_at(&chars, i, t)?;
                let last_is_word = t.last().is_some_and(|c| is_word(*c));
                let ends_word = end == chars.len() || !is_word(chars[end].1);
                (!last_is_word || ends_word).then_some((end, term.as_str()))
            });
            match hit {
                Some((end, term)) => {
                    let byte_end = chars.get(end).map_or(text.len(), |c| c.0);
                    found.push((chars[i].0, byte_end, term));
                    i = end.max(i + 1);
                }
                None => i += 1,
            }
        }
        found
    }

    /// `text` with every occurrence replaced by [`REDACTED`].
    pub fn apply<'t>(&self, text: &'t str) -> Cow<'t, str> {
        let found = self.find(text);
        if found.is_empty() {
            return Cow::Borrowed(text);
        }
        let mut out = String::with_capacity(text.len());
        let mut last = 0;
        for (start, end, _) in found {
            out.push_str(&text[last..start]);
            out.push_str(REDACTED);
            last = end;
        }
        out.push_str(&text[last..]);
        Cow::Owned(out)
    }
}

fn is_word(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

/// Matches the lower-case `term` at char index `i` (case-insensitively; a
/// space in the term matches any run of white space); returns the char index
/// after the match.
fn match_at(chars: &[(usize, char)], mut i: usize, term: &[char]) -> Option<usize> {
    for &t in term {
        if t == ' ' {
            let start = i;
            while i < chars.len() && chars[i].1.is_whitespace() {
                i += 1;
            }
            if i == start {
                return None;
            }
            continue;
        }
        let (_, c) = *chars.get(i)?;
        let mut lower = c.to_lowercase();
        if lower.len() != 1 || lower.next() != Some(t) {
            return None;
        }
        i += 1;
    }
    Some(i)
}

/// `text` without its fenced blocks whose info string is `internal` (found
/// with pulldown-cmark, so a fence inside another code block is not one).
pub fn strip_internal_blocks(text: &str) -> Cow<'_, str> {
    if !text.contains(INTERNAL_INFO) {
        return Cow::Borrowed(text);
    }
    let mut cuts = Vec::new();
    for (event, range) in Parser::new(text).into_offset_iter() {
        if let Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(info))) = event {
            if is_internal_info(&info) {
                cuts.push(range);
            }
        }
    }
    if cuts.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for r in cuts {
        if r.start >= last {
            out.push_str(&text[last..r.start]);
            last = r.end;
        }
    }
    out.push_str(&text[last..]);
    Cow::Owned(out)
}

/// A client build: internal blocks cut out and `redact:` terms replaced in
/// every text of `site` (see the module's comment), before back-links and
/// everything after are made from it.
pub(crate) fn clean(site: &mut Site, diags: &mut Diagnostics) {
    let clean = Cleaner::new(&site.config.redact);
    // Most files have nothing to clean; finding which do is a scan of every
    // text (15 MB at 10k insights), made in parallel.
    let concerned: Vec<bool> = site.insights.par_iter().map(|i| clean.concerns(&i.file.text)).collect();
    for (i, concerned) in site.insights.iter_mut().zip(concerned) {
        if concerned {
            *i = clean.item(i, diags);
        }
    }
    site.personas.iter_mut().for_each(|i| *i = clean.item(i, diags));
    site.journeys.iter_mut().for_each(|i| *i = clean.item(i, diags));
    site.kano.iter_mut().for_each(|i| *i = clean.item(i, diags));
    site.nps.iter_mut().for_each(|i| *i = clean.item(i, diags));
    site.narratives.iter_mut().for_each(|i| *i = clean.narrative(i, diags));
    site.sources = site.sources.take().map(|r| clean.item(&r, diags));
    site.biases = site.biases.iter().map(|b| clean.bias(b)).collect();
    if let Some(config) = clean.data(&site.config) {
        site.config = config;
    }
}

/// Cleans the texts of a client build.
pub(crate) struct Cleaner {
    redactor: Redactor,
}

impl Cleaner {
    /// A cleaner for the `redact:` terms of the project.
    pub(crate) fn new(terms: &[String]) -> Cleaner {
        Cleaner { redactor: Redactor::new(terms) }
    }

    /// Could `file` hold anything to clean? (A cheap test before the generic pass.)
    fn concerns(&self, text: &str) -> bool {
        text.contains(INTERNAL_INFO) || !self.redactor.find(text).is_empty()
    }

    /// One text, cleaned.
    pub(crate) fn text(&self, text: &str) -> Option<String> {
        let stripped = strip_internal_blocks(text);
        let changed = matches!(stripped, Cow::Owned(_));
        match self.redactor.apply(&stripped) {
            Cow::Owned(s) => Some(s),
            Cow::Borrowed(_) if changed => Some(stripped.into_owned()),
            Cow::Borrowed(_) => None,
        }
    }

    /// Every string of `value`, cleaned.
    fn value(&self, value: &mut Value) {
        match value {
            Value::String(s) => {
                if let Some(clean) = self.text(s) {
                    *s = clean;
                }
            }
            Value::Sequence(items) => items.iter_mut().for_each(|v| self.value(v)),
            Value::Mapping(map) => {
                let old = std::mem::take(map);
                for (mut k, mut v) in old {
                    self.value(&mut k);
                    self.value(&mut v);
                    map.insert(k, v);
                }
            }
            Value::Tagged(t) => self.value(&mut t.value),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    /// `data` with every string cleaned, through its serde derives; `None`
    /// when a cleaned value no longer reads back (a term that is also a
    /// fixed value such as `high`), which the caller reports.
    pub(crate) fn data<T: Serialize + DeserializeOwned>(&self, data: &T) -> Option<T> {
        let mut value = serde_yaml::to_value(data).ok()?;
        self.value(&mut value);
        serde_yaml::from_value(value).ok()
    }

    /// An item with its texts cleaned (the same item when its file has nothing to clean).
    pub(crate) fn item<T: Serialize + DeserializeOwned>(&self, it: &Item<T>, diags: &mut Diagnostics) -> Item<T> {
        if !self.concerns(&it.file.text) {
            return it.clone();
        }
        match self.data(&*it.data) {
            Some(data) => Item { id: it.id.clone(), file: it.file.clone(), data: Arc::new(data) },
            None => {
                diags.push(unreadable_after_redaction(&it.file.rel));
                it.clone()
            }
        }
    }

    /// A chapter with its front matter and body cleaned.
    pub(crate) fn narrative(&self, it: &Item<Narrative>, diags: &mut Diagnostics) -> Item<Narrative> {
        if !self.concerns(&it.file.text) {
            return it.clone();
        }
        let Some(front) = self.data(&it.data.front) else {
            diags.push(unreadable_after_redaction(&it.file.rel));
            return it.clone();
        };
        let body = self.text(&it.data.body).unwrap_or_else(|| it.data.body.clone());
        // The headings stay those of the text as written (what links are checked against).
        let data = Narrative { front, body, body_line: it.data.body_line, headings: it.data.headings.clone() };
        Item { id: it.id.clone(), file: it.file.clone(), data: Arc::new(data) }
    }

    /// A bias with its texts cleaned.
    pub(crate) fn bias(&self, b: &Bias) -> Bias {
        let clean = |s: &str| self.text(s).unwrap_or_else(|| s.to_string());
        Bias {
            id: b.id.clone(),
            name: clean(&b.name),
            description: clean(&b.description),
            source: b.source.as_deref().map(clean),
            from_project: b.from_project,
        }
    }
}

fn unreadable_after_redaction(file: &str) -> Diagnostic {
    Diagnostic::error(
        Code::RedactedTerm,
        file,
        1,
        1,
        "a term under `redact:` is also a fixed value in this file (such as `high`), which cannot be replaced",
    )
    .with_help("remove that term from `redact:` in cxsite.yaml")
}

/// 1-based line and column (in characters) of byte `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let before = &text[..at];
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Every project file with text the author writes, cxsite.yaml first.
fn project_texts(sources: &Sources) -> Vec<&Arc<SourceFile>> {
    let mut files = vec![&sources.config_file];
    files.extend(sources.insights.iter().map(|i| &i.file));
    files.extend(sources.personas.iter().map(|i| &i.file));
    files.extend(sources.journeys.iter().map(|i| &i.file));
    files.extend(sources.kano.iter().map(|i| &i.file));
    files.extend(sources.nps.iter().map(|i| &i.file));
    files.extend(sources.narratives.iter().map(|i| &i.file));
    files.extend(sources.biases.iter().map(|i| &i.file));
    files.extend(sources.sources.iter().map(|i| &i.file));
    files.extend(sources.tables.values());
    files
}

/// Byte ranges of cxsite.yaml's `redact:` entry, where the terms are listed
/// (not an occurrence to warn about).
fn redact_block(config: &str) -> std::ops::Range<usize> {
    let mut start = None;
    let mut offset = 0;
    for line in config.split_inclusive('\n') {
        match start {
            None if line.starts_with("redact:") => start = Some(offset),
            Some(s) if !(line.starts_with([' ', '\t', '-']) || line.trim().is_empty()) => return s..offset,
            _ => {}
        }
        offset += line.len();
    }
    start.map_or(0..0, |s| s..config.len())
}

/// Warns at every occurrence of a redacted term in a project file, and (in
/// a client build) refuses ids and published paths that contain one.
pub(crate) fn check_terms(
    sources: &Sources,
    files: &std::collections::BTreeMap<String, String>,
    client: bool,
    diags: &mut Diagnostics,
) {
    let redactor = Redactor::new(&sources.config.redact);
    if redactor.is_empty() {
        return;
    }
    let listed = redact_block(&sources.config_file.text);
    for file in project_texts(sources) {
        for (start, _, term) in redactor.find(&file.text) {
            if file.rel == sources.config_file.rel && listed.contains(&start) {
                continue;
            }
            let (l, c) = line_col(&file.text, start);
            let what =
                if client { "is replaced by \"[…]\" in this build" } else { "is shown: this is an internal build" };
            diags.push(
                Diagnostic::warning(Code::RedactedTerm, &file.rel, l, c, format!("`{term}` is redacted and {what}"))
                    .with_help("a client build replaces it; rewrite the text if \"[…]\" reads badly"),
            );
        }
    }
    if !client {
        return;
    }
    let mut named: Vec<(&str, &str, &str)> = Vec::new(); // (what, the id or path, file)
    let kinds = [
        ("insight", sources.insights.iter().map(|i| (i.id.as_str(), i.file.rel.as_str())).collect::<Vec<_>>()),
        ("persona", sources.personas.iter().map(|i| (i.id.as_str(), i.file.rel.as_str())).collect()),
        ("journey", sources.journeys.iter().map(|i| (i.id.as_str(), i.file.rel.as_str())).collect()),
        ("Kano study", sources.kano.iter().map(|i| (i.id.as_str(), i.file.rel.as_str())).collect()),
        ("NPS series", sources.nps.iter().map(|i| (i.id.as_str(), i.file.rel.as_str())).collect()),
        ("chapter", sources.narratives.iter().map(|i| (i.id.as_str(), i.file.rel.as_str())).collect()),
    ];
    for (what, items) in &kinds {
        named.extend(items.iter().map(|(id, file)| (*what, *id, *file)));
    }
    for j in &sources.journeys {
        named.extend(j.data.stages.iter().map(|s| ("stage", s.id.as_str(), j.file.rel.as_str())));
    }
    for k in &sources.kano {
        named.extend(k.data.features.iter().map(|f| ("Kano feature", f.id.as_str(), k.file.rel.as_str())));
    }
    if let Some(b) = &sources.biases {
        named.extend(b.data.keys().map(|id| ("bias", id.as_str(), b.file.rel.as_str())));
    }
    if let Some(r) = &sources.sources {
        named.extend(r.data.keys().map(|id| ("source", id.as_str(), r.file.rel.as_str())));
    }
    for (what, id, file) in named {
        let Some((_, _, term)) = redactor.find(id).into_iter().next() else { continue };
        let text = project_texts(sources).into_iter().find(|f| f.rel == file).map(|f| f.text.as_str());
        let (l, c) = text.and_then(|t| t.find(id).map(|at| line_col(t, at))).unwrap_or((1, 1));
        diags.push(
            Diagnostic::error(
                Code::RedactedTerm,
                file,
                l,
                c,
                format!("the {what} id `{id}` contains the redacted term `{term}`, and ids cannot be redacted"),
            )
            .with_help("rename it (the file, or the id and every reference to it) so that it does not name the term"),
        );
    }
    for project_path in files.keys() {
        let Some((_, _, term)) = redactor.find(project_path).into_iter().next() else { continue };
        let at = project_texts(sources).into_iter().find_map(|f| f.text.find(project_path.as_str()).map(|i| (f, i)));
        let (file, (l, c)) = match at {
            Some((f, i)) => (f.rel.as_str(), line_col(&f.text, i)),
            None => (project_path.as_str(), (1, 1)),
        };
        diags.push(
            Diagnostic::error(
                Code::RedactedTerm,
                file,
                l,
                c,
                format!("the published file `{project_path}` contains the redacted term `{term}` in its path"),
            )
            .with_help("rename the file so that its path does not name the term"),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn redact(terms: &[&str], text: &str) -> String {
        let terms: Vec<String> = terms.iter().map(|t| t.to_string()).collect();
        Redactor::new(&terms).apply(text).into_owned()
    }

    #[test]
    fn whole_words_any_case() {
        assert_eq!(redact(&["Jansen"], "Mrs JANSEN said, jansen's"), "Mrs […] said, […]'s");
        assert_eq!(redact(&["Jansen"], "Jansens and deJansen stay"), "Jansens and deJansen stay");
        assert_eq!(redact(&["Jansen"], "jansen-call"), "[…]-call");
    }

    #[test]
    fn multi_word_terms_span_white_space_and_win_over_parts() {
        assert_eq!(redact(&["Vries", "M. de Vries"], "Ask M. de\n  Vries, or Vries."), "Ask […], or […].");
        assert_eq!(redact(&["M. de Vries"], "EM. de Vries"), "EM. de Vries");
    }

    struct NoLinks;
    impl crate::markdown::Resolver for NoLinks {
        fn href(&self, _: RefKind, _: &str, _: Option<&str>) -> Option<String> {
            None
        }
        fn embed(&self, _: RefKind, _: &str) -> Option<String> {
            None
        }
        fn local(&self, _: &str, _: &str, _: bool) -> Option<String> {
            None
        }
    }

    #[test]
    fn the_renderer_drops_internal_blocks_or_shows_them_as_an_aside() {
        let text = "Shown.\n\n```internal\nOnly **the team**.\n```\n";
        let render = |internal| {
            let opts = crate::markdown::RenderOptions {
                allow_html: false,
                footnote_prefix: "n",
                task_labels: ("", ""),
                table_label: "",
                internal,
            };
            crate::markdown::render(text, &NoLinks, &opts)
        };
        let client = render(None);
        assert!(client.contains("Shown.") && !client.contains("team"), "{client}");
        let team = render(Some("Internal"));
        let aside = "<aside class=\"internal\"><p class=\"internal-label\">Internal</p>\n<p>Only <strong>the team</strong>.</p>\n</aside>";
        assert!(team.contains(aside), "{team}");
    }

    #[test]
    fn internal_blocks_are_cut_out() {
        let text = "Before.\n\n```internal\nSecret **note**.\n```\n\nAfter.\n\n```rust\ninternal\n```\n";
        assert_eq!(strip_internal_blocks(text), "Before.\n\n\n\nAfter.\n\n```rust\ninternal\n```\n");
        assert!(matches!(strip_internal_blocks("no marker"), Cow::Borrowed(_)));
    }
}
