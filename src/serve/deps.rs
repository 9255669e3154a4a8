//! Which pages a change can touch. Every item's outgoing references (ids it
//! names, Markdown links and embeds) are collected; a change to an item makes
//! candidates of its own page, the pages of what it references and of what
//! references it — before and after the change — plus the pages that show
//! everything (lists, index, report, chapters).

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::link::graph::{markdown_targets, mentions, AnyItem, Mention};
use crate::link::Site;
use crate::model::RefKind;
use crate::render::Page;

/// An item of the site: its kind and id.
pub type Key = (RefKind, String);

/// Outgoing references of every item of a site.
#[derive(Debug, Default, Clone)]
pub struct Refs {
    out: HashMap<Key, Vec<Key>>,
}

impl Refs {
    /// Collects the references of every item of `site`.
    pub fn of(site: &Site) -> Refs {
        let keys = all_keys(site);
        let out = keys.into_par_iter().filter_map(|k| item_refs(site, &k).map(|v| (k, v))).collect();
        Refs { out }
    }

    /// These references with the `changed` items' entries recomputed from `site`.
    /// Recomputes the `changed` items' entries from `site`, in place, and
    /// returns what those items referenced before.
    pub fn update(&mut self, site: &Site, changed: &BTreeSet<Key>) -> BTreeSet<Key> {
        let mut before = BTreeSet::new();
        for k in changed {
            if let Some(old) = self.out.remove(k) {
                before.extend(old);
            }
            if let Some(v) = item_refs(site, k) {
                self.out.insert(k.clone(), v);
            }
        }
        before
    }

    /// Items that `changed` items reference, and items that reference them.
    fn neighbours(&self, changed: &BTreeSet<Key>, into: &mut BTreeSet<Key>) {
        for (from, to) in &self.out {
            if changed.contains(from) {
                into.extend(to.iter().cloned());
            }
            if to.iter().any(|k| changed.contains(k)) {
                into.insert(from.clone());
            }
        }
    }
}

fn all_keys(site: &Site) -> Vec<Key> {
    AnyItem::all(site).map(|item| (item.kind(), item.id().to_string())).collect()
}

/// What one item names: ids in its fields, links and embeds in its Markdown
/// (every reference of [`mentions`]). `None` for an item not in the site.
fn item_refs(site: &Site, key: &Key) -> Option<Vec<Key>> {
    let item = AnyItem::find(site, key.0, &key.1)?;
    let mut v: Vec<Key> = Vec::new();
    for mention in mentions(item) {
        match mention {
            Mention::Id { kind, id, .. } => v.push((kind, id.to_string())),
            Mention::Markdown { text, .. } => v.extend(markdown_targets(site, &item.file().rel, text)),
        }
    }
    Some(v)
}

/// The page of an item, when it has one of its own.
fn page_of(site: &Site, key: &Key) -> Option<Page> {
    let i = site.position(key.0, &key.1)?;
    Some(match key.0 {
        RefKind::Insight => Page::Insight(i),
        RefKind::Persona => Page::Persona(i),
        RefKind::Journey => Page::Journey(i),
        RefKind::Kano => Page::Kano(i),
        RefKind::Nps => Page::Nps(i),
        RefKind::Narrative => Page::Narrative(i),
        RefKind::Bias => Page::Biases,
        RefKind::Source => Page::Source(i),
    })
}

/// The pages of `new` that may differ from the previous build, given the
/// items whose sources changed (added, removed or edited).
///
/// `keys` are the changed items plus everything they reference or are
/// referenced by, before and after the change (`referenced_before`). A page is a candidate when
/// its own item is in `keys`; chapters also when they mention one of `keys`
/// (embeds show names, counts and stages of what they embed), all chapters
/// when one chapter changed (previous/next titles, the report); list pages
/// when an item of their kind is in `keys`.
pub fn candidate_pages(
    new: &Site,
    new_refs: &Refs,
    referenced_before: &BTreeSet<Key>,
    changed: &BTreeSet<Key>,
    cards_changed: bool,
) -> Vec<Page> {
    // Unchanged items reference the same things before and after, so the
    // changed items' old references are all the old state that matters.
    let mut keys = changed.clone();
    keys.extend(referenced_before.iter().cloned());
    new_refs.neighbours(changed, &mut keys);
    let has = |kind: RefKind| keys.iter().any(|k| k.0 == kind);
    let mut paths: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    let mut push = |p: Page, out: &mut Vec<Page>| {
        if paths.insert(p.path(new)) {
            out.push(p);
        }
    };
    push(Page::Index, &mut out);
    // The published data changes with any item; changes.html compares all of them.
    push(Page::Data, &mut out);
    if new.changes.is_some() {
        push(Page::Changes, &mut out);
        // The report ends with the same changes.
        push(Page::Report, &mut out);
    }
    if cards_changed || has(RefKind::Insight) {
        push(Page::Insights, &mut out);
        for p in crate::render::search_pages(new) {
            push(p, &mut out);
        }
    }
    if has(RefKind::Persona) || has(RefKind::Insight) {
        push(Page::Personas, &mut out);
    }
    if has(RefKind::Journey) || has(RefKind::Persona) {
        push(Page::Journeys, &mut out);
    }
    // A source's page lists the quotes of the insights that name it (found
    // below by key) and the name of its persona; sources.html counts them.
    if new.sources.as_ref().is_some_and(|r| !r.data.is_empty()) && (has(RefKind::Source) || has(RefKind::Insight)) {
        push(Page::Sources, &mut out);
    }
    // A source names its persona (the register, one item, has no references of its own here).
    if let Some(register) = &new.sources {
        for (i, s) in register.data.values().enumerate() {
            if s.persona.as_ref().is_some_and(|p| keys.contains(&(RefKind::Persona, p.clone()))) {
                push(Page::Sources, &mut out);
                push(Page::Source(i), &mut out);
            }
        }
    }
    // coverage.html counts insights by persona and stage, names the sources no
    // insight uses and counts evidence by method (a source's type is inherited).
    let coverage = has(RefKind::Insight) || has(RefKind::Persona) || has(RefKind::Journey) || has(RefKind::Source);
    if coverage && !new.journeys.is_empty() {
        push(Page::Coverage, &mut out);
        // report.html ends with the same matrices.
        push(Page::Report, &mut out);
    }
    // metaphors.html lists the quotes of every insight that names a metaphor, with their sources.
    if (has(RefKind::Insight) || has(RefKind::Source) || has(RefKind::Persona)) && crate::render::has_metaphors(new) {
        push(Page::Metaphors, &mut out);
    }
    // mindmap.html shows every insight by stage, tag, persona or bias; a chapter's
    // `{{ mindmap() }}` or `{{ metaphors() }}` embed shows the same.
    let views = has(RefKind::Insight) || has(RefKind::Persona) || has(RefKind::Journey) || has(RefKind::Bias);
    if views && crate::render::has_mindmap(new) {
        push(Page::Mindmap, &mut out);
    }
    // Each persona page's map names stages (or biases) as its branches.
    if changed.iter().any(|k| matches!(k.0, RefKind::Journey | RefKind::Bias)) {
        for (i, p) in new.personas.iter().enumerate() {
            if new.backlinks.persona_insights.contains_key(&p.id) {
                push(Page::Persona(i), &mut out);
            }
        }
    }
    if views || has(RefKind::Source) {
        for (i, n) in new.narratives.iter().enumerate() {
            if n.data.body.contains("mindmap(") || n.data.body.contains("metaphors(") {
                push(Page::Narrative(i), &mut out);
                push(Page::Report, &mut out);
            }
        }
    }
    if has(RefKind::Kano) {
        push(Page::KanoList, &mut out);
    }
    if has(RefKind::Nps) {
        push(Page::NpsList, &mut out);
    }
    let all_chapters = changed.iter().any(|k| k.0 == RefKind::Narrative);
    let mut any_chapter = false;
    for (i, n) in new.narratives.iter().enumerate() {
        let mentions =
            new_refs.out.get(&(RefKind::Narrative, n.id.clone())).is_some_and(|to| to.iter().any(|k| keys.contains(k)));
        if all_chapters || mentions {
            any_chapter = true;
            push(Page::Narrative(i), &mut out);
        }
    }
    // report.html ends with the sources appendix.
    if any_chapter || changed.iter().any(|k| k.0 == RefKind::Source) {
        push(Page::Report, &mut out);
    }
    for k in &keys {
        if let Some(p) = page_of(new, k) {
            if let Page::Journey(i) = p {
                // Its insights' mini-maps show the journey's plain strip and curve from a file of their own.
                push(Page::JourneyMinimap(i), &mut out);
                for p in crate::render::stage_minimaps(new, i..i + 1) {
                    push(p, &mut out);
                }
            }
            push(p, &mut out);
        }
    }
    out
}

/// Insights whose pre-rendered card may have changed: changed insights and
/// insights that reference a changed item (a renamed persona, journey, bias).
pub fn candidate_cards(new_refs: &Refs, changed: &BTreeSet<Key>) -> BTreeSet<String> {
    let mut out: BTreeSet<String> = changed.iter().filter(|k| k.0 == RefKind::Insight).map(|k| k.1.clone()).collect();
    for (from, to) in &new_refs.out {
        if from.0 == RefKind::Insight && to.iter().any(|k| changed.contains(k)) {
            out.insert(from.1.clone());
        }
    }
    out
}
