//! Back-links: for each item, what names it (the persona's insights, the
//! stage's insights, the chapters that link to an insight, …), derived from
//! [`graph::mentions`]. `serve` reuses the last build's back-links when an
//! edit did not change what any item names.

use std::collections::BTreeMap;
use std::sync::Arc;

use super::graph::{self, AnyItem, Mention, Role};
use super::{Site, StepRef};
use crate::model::RefKind;

/// Reverse references without repeats: insights in list order, other ids sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Backlinks {
    /// Persona id → insight ids naming it.
    pub persona_insights: BTreeMap<String, Vec<String>>,
    /// Persona id → journey ids naming it.
    pub persona_journeys: BTreeMap<String, Vec<String>>,
    /// Bias id → insight ids naming it.
    pub bias_insights: BTreeMap<String, Vec<String>>,
    /// (journey id, stage id) → insight ids placed in that stage.
    pub stage_insights: BTreeMap<(String, String), Vec<String>>,
    /// Insight id → steps of journeys that show it.
    pub insight_steps: BTreeMap<String, Vec<StepRef>>,
    /// Insight id → narrative ids that link to or embed it.
    pub insight_narratives: BTreeMap<String, Vec<String>>,
    /// Source id (`sources.yaml`) → insight ids whose evidence is taken from it.
    pub source_insights: BTreeMap<String, Vec<String>>,
    /// Persona id → ids of the sources whose participants stand for it.
    pub persona_sources: BTreeMap<String, Vec<String>>,
}

/// One back-link an item adds (the item itself is the "from").
#[derive(Debug, PartialEq, Eq)]
enum Adds<'a> {
    /// An insight names this persona.
    PersonaInsight(&'a str),
    /// An insight names this bias.
    BiasInsight(&'a str),
    /// An insight sits in this journey's stage.
    StageInsight(&'a str, &'a str),
    /// A journey names this persona.
    PersonaJourney(&'a str),
    /// An insight's evidence comes from this source.
    SourceInsight(&'a str),
    /// Source `.1` of `sources.yaml` stands for persona `.0`.
    PersonaSource(&'a str, &'a str),
    /// A journey shows this insight on a step.
    StepInsight { insight: &'a str, stage: usize, stage_id: &'a str, step: usize },
    /// A chapter links to or embeds this insight.
    NarrativeInsight(String),
}

/// What `item` adds to the back-links of `site`, in order.
fn adds<'a>(site: &Site, item: AnyItem<'a>) -> Vec<Adds<'a>> {
    let mut out = Vec::new();
    for mention in graph::mentions(item) {
        match mention {
            Mention::Id { id, role, .. } => out.push(match role {
                Role::InsightPersona if site.has(RefKind::Persona, id) => Adds::PersonaInsight(id),
                Role::InsightBias if site.has(RefKind::Bias, id) => Adds::BiasInsight(id),
                Role::InsightJourney { stage: Some(stage) } => Adds::StageInsight(id, stage),
                Role::JourneyPersona => Adds::PersonaJourney(id),
                Role::EvidenceSource { .. } if site.has(RefKind::Source, id) => Adds::SourceInsight(id),
                Role::SourcePersona { source } => Adds::PersonaSource(id, source),
                Role::StepInsight { stage, stage_id, step } if site.has(RefKind::Insight, id) => {
                    Adds::StepInsight { insight: id, stage, stage_id, step }
                }
                // A journey without a stage shows no list of insights; names
                // of what is not in the site add nothing.
                _ => continue,
            }),
            // Chapters list the insights they link to or embed (a path to an
            // insight's file counts like `insight:a`); other texts' links have no back-link.
            Mention::Markdown { text, .. } => {
                if item.kind() != RefKind::Narrative {
                    continue;
                }
                for (kind, id) in graph::markdown_targets(site, &item.file().rel, text) {
                    if kind == RefKind::Insight && site.has(RefKind::Insight, &id) {
                        out.push(Adds::NarrativeInsight(id));
                    }
                }
            }
        }
    }
    out
}

/// Adds `value` to `key`'s list, making the key's string only for a new key.
fn push<V>(map: &mut BTreeMap<String, Vec<V>>, key: &str, value: V) {
    match map.get_mut(key) {
        Some(list) => list.push(value),
        None => {
            map.insert(key.to_string(), vec![value]);
        }
    }
}

/// Reverse references from the included content, by the role of each
/// reference (see [`graph::mentions`]).
pub fn of(site: &Site) -> Backlinks {
    let mut b = Backlinks::default();
    for item in AnyItem::all(site) {
        let from = item.id();
        for add in adds(site, item) {
            match add {
                Adds::PersonaInsight(id) => push(&mut b.persona_insights, id, from.to_string()),
                Adds::BiasInsight(id) => push(&mut b.bias_insights, id, from.to_string()),
                Adds::StageInsight(journey, stage) => {
                    b.stage_insights.entry((journey.to_string(), stage.to_string())).or_default().push(from.to_string())
                }
                Adds::PersonaJourney(id) => push(&mut b.persona_journeys, id, from.to_string()),
                Adds::SourceInsight(id) => match b.source_insights.get_mut(id) {
                    Some(list) if list.last().map(String::as_str) == Some(from) => {}
                    _ => push(&mut b.source_insights, id, from.to_string()),
                },
                Adds::PersonaSource(id, source) => push(&mut b.persona_sources, id, source.to_string()),
                Adds::StepInsight { insight, stage, stage_id, step } => {
                    let at = StepRef { journey: from.to_string(), stage, step };
                    push(&mut b.insight_steps, insight, at);
                    let key = (from.to_string(), stage_id.to_string());
                    b.stage_insights.entry(key).or_default().push(insight.to_string());
                }
                Adds::NarrativeInsight(id) => push(&mut b.insight_narratives, &id, from.to_string()),
            }
        }
    }
    let tidy = |m: &mut BTreeMap<_, Vec<String>>| {
        for v in m.values_mut() {
            v.sort();
            v.dedup();
        }
    };
    in_list_order(&mut b, site);
    tidy(&mut b.persona_journeys);
    tidy(&mut b.insight_narratives);
    for v in b.insight_steps.values_mut() {
        v.sort();
        v.dedup();
    }
    b
}

/// Sorts the lists of insights in the insight list's order, without repeats
/// (one position lookup per entry, not one per comparison).
fn in_list_order(b: &mut Backlinks, site: &Site) {
    let order = |v: &mut Vec<String>| {
        v.sort_by_cached_key(|id| site.position(RefKind::Insight, id).unwrap_or(usize::MAX));
        v.dedup();
    };
    b.persona_insights.values_mut().for_each(order);
    b.bias_insights.values_mut().for_each(order);
    b.stage_insights.values_mut().for_each(order);
    // Made in list order already (one entry per insight, insights in order); sorted for a re-order.
    b.source_insights.values_mut().for_each(order);
}

/// The back-links of `old` when they hold for `new` too: the same items in
/// each kind, and every item whose file changed adds the same back-links.
/// Only the order of the insight lists may differ (a new title moves an
/// insight), and is made again. `None` when they must be worked out anew.
pub fn reused(old: &Site, new: &Site) -> Option<Arc<Backlinks>> {
    // The same ids of every kind (then `has` answers alike in both sites).
    let same_ids = new.index.len() == old.index.len()
        && new.index.iter().all(|(kind, ids)| {
            old.index.get(kind).is_some_and(|o| o.len() == ids.len() && ids.keys().all(|id| o.contains_key(id)))
        });
    if !same_ids {
        return None;
    }
    for item in AnyItem::all(new) {
        let before = find(old, item.kind(), item.id())?;
        // The same text (the parse cache hands out the same file for an untouched one).
        if std::ptr::eq(before.file(), item.file()) {
            continue;
        }
        if adds(old, before) != adds(new, item) {
            return None;
        }
    }
    let same_order =
        old.insights.len() == new.insights.len() && old.insights.iter().zip(&new.insights).all(|(a, b)| a.id == b.id);
    if same_order {
        return Some(Arc::clone(&old.backlinks));
    }
    let mut b = (*old.backlinks).clone();
    in_list_order(&mut b, new);
    Some(Arc::new(b))
}

/// The item of `kind` with `id` in `site`.
fn find<'a>(site: &'a Site, kind: RefKind, id: &str) -> Option<AnyItem<'a>> {
    Some(match kind {
        RefKind::Insight => AnyItem::Insight(&site.insights[site.position(kind, id)?]),
        RefKind::Persona => AnyItem::Persona(&site.personas[site.position(kind, id)?]),
        RefKind::Journey => AnyItem::Journey(&site.journeys[site.position(kind, id)?]),
        RefKind::Kano => AnyItem::Kano(&site.kano[site.position(kind, id)?]),
        RefKind::Nps => AnyItem::Nps(&site.nps[site.position(kind, id)?]),
        RefKind::Narrative => AnyItem::Narrative(&site.narratives[site.position(kind, id)?]),
        // `sources.yaml` is one item.
        RefKind::Source => AnyItem::Sources(site.sources.as_ref()?),
        RefKind::Bias => return None,
    })
}

#[cfg(test)]
mod tests {
    use std::path::Path;

    use super::*;

    /// The example project copied to a temporary folder.
    fn project() -> tempfile::TempDir {
        let tmp = tempfile::tempdir().unwrap();
        let from = Path::new(env!("CARGO_MANIFEST_DIR")).join("example-project");
        for e in walkdir::WalkDir::new(&from).into_iter().map(Result::unwrap) {
            let to = tmp.path().join(e.path().strip_prefix(&from).unwrap());
            if e.file_type().is_dir() {
                std::fs::create_dir_all(&to).unwrap();
            } else {
                std::fs::copy(e.path(), &to).unwrap();
            }
        }
        tmp
    }

    fn site(root: &Path) -> Site {
        crate::check(root, &crate::Options::default()).unwrap().site
    }

    fn edit(root: &Path, file: &str, from: &str, to: &str) {
        let path = root.join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} holds {from:?}");
        // An empty `from` appends.
        let text = if from.is_empty() { text + to } else { text.replacen(from, to, 1) };
        std::fs::write(&path, text).unwrap();
    }

    const INSIGHT: &str = "insights/billing/first-invoice-worry.yaml";

    #[test]
    fn reused_only_while_every_item_names_the_same_and_then_equal_to_a_fresh_count() {
        let tmp = project();
        let root = tmp.path();
        let mut old = site(root);
        // Each edit: whether what the items name stays the same.
        let edits: [(&str, &str, &str, bool); 5] = [
            // A new title (and so a new place in the insight lists): same names, lists re-ordered.
            (INSIGHT, "title: Customers worry", "title: Zzz customers worry", true),
            (INSIGHT, "impact: high", "impact: low", true),
            (INSIGHT, "personas: [", "personas: [thomas-analyst, ", false),
            ("personas/sanne-starter.yaml", "name: Sanne the Starter", "name: Sanne the Careful Starter", true),
            ("narratives/executive-summary.md", "", "\nSee [the basics](insight:delighters-become-basics).\n", false),
        ];
        for (file, from, to, same) in edits {
            edit(root, file, from, to);
            let new = site(root);
            let fresh = of(&new);
            match reused(&old, &new) {
                Some(b) => {
                    assert!(same, "{file}: {to:?} names something else, yet the old back-links were kept");
                    assert_eq!(*b, fresh, "{file}: {to:?}: the kept back-links equal a fresh count");
                }
                None => assert!(!same, "{file}: {to:?} names the same, the back-links could be kept"),
            }
            old = new;
        }
        // A new insight: other ids, counted anew.
        std::fs::write(root.join("insights/new-one.yaml"), "title: New\nsummary: s\n").unwrap();
        assert!(reused(&old, &site(root)).is_none(), "a new insight is a new id");
    }
}
