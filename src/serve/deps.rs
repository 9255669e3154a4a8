//! Which pages a change can touch. Every item's outgoing references (ids it
//! names, Markdown links and embeds) are collected; a change to an item makes
//! candidates of its own page, the pages of what it references and of what
//! references it — before and after the change — plus the pages that show
//! everything (lists, index, report, chapters).

use std::collections::{BTreeSet, HashMap};

use rayon::prelude::*;

use crate::link::Site;
use crate::markdown::{scan, RefKind};
use crate::render::Page;

/// An item of the site: its kind and id.
pub type Key = (RefKind, String);

/// Outgoing references of every item of a site.
#[derive(Debug, Default, Clone)]
pub struct Refs {
    out: HashMap<Key, Vec<Key>>,
}

fn md_refs(text: Option<&str>, into: &mut Vec<Key>) {
    if let Some(t) = text {
        if t.contains(':') || t.contains("{{") {
            into.extend(scan(t).0.into_iter().map(|r| (r.kind, r.id)));
        }
    }
}

impl Refs {
    /// Collects the references of every item of `site`.
    pub fn of(site: &Site) -> Refs {
        let mut out: HashMap<Key, Vec<Key>> = site
            .insights
            .par_iter()
            .map(|i| {
                let d = &i.data;
                let mut v: Vec<Key> = d.personas.iter().map(|p| (RefKind::Persona, p.clone())).collect();
                v.extend(d.biases.iter().map(|b| (RefKind::Bias, b.clone())));
                v.extend(d.journey.iter().map(|j| (RefKind::Journey, j.clone())));
                for layer in [&d.emotional, &d.functional, &d.breakthrough] {
                    md_refs(layer.as_deref(), &mut v);
                }
                ((RefKind::Insight, i.id.clone()), v)
            })
            .collect();
        for p in &site.personas {
            let mut v = Vec::new();
            md_refs(p.data.about.as_deref(), &mut v);
            out.insert((RefKind::Persona, p.id.clone()), v);
        }
        for j in &site.journeys {
            let mut v: Vec<Key> = j.data.persona.iter().map(|p| (RefKind::Persona, p.clone())).collect();
            for st in j.data.stages.iter().flat_map(|s| &s.steps) {
                v.extend(st.insights.iter().map(|i| (RefKind::Insight, i.clone())));
            }
            md_refs(j.data.description.as_deref(), &mut v);
            out.insert((RefKind::Journey, j.id.clone()), v);
        }
        for k in &site.kano {
            let mut v = Vec::new();
            md_refs(k.data.description.as_deref(), &mut v);
            out.insert((RefKind::Kano, k.id.clone()), v);
        }
        for n in &site.nps {
            let mut v = Vec::new();
            md_refs(n.data.description.as_deref(), &mut v);
            out.insert((RefKind::Nps, n.id.clone()), v);
        }
        for n in &site.narratives {
            let mut v = Vec::new();
            md_refs(Some(&n.data.body), &mut v);
            out.insert((RefKind::Narrative, n.id.clone()), v);
        }
        Refs { out }
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
    })
}

/// The pages of `new` that may differ from the previous build, given the
/// items whose sources changed (added, removed or edited).
pub fn candidate_pages(new: &Site, old_refs: &Refs, new_refs: &Refs, changed: &BTreeSet<Key>) -> Vec<Page> {
    let mut keys = changed.clone();
    old_refs.neighbours(changed, &mut keys);
    new_refs.neighbours(changed, &mut keys);
    let mut pages: BTreeSet<String> = BTreeSet::new();
    let mut out = Vec::new();
    let mut push = |p: Page, out: &mut Vec<Page>| {
        if pages.insert(p.path(new)) {
            out.push(p);
        }
    };
    for p in [
        Page::Index,
        Page::Report,
        Page::Insights,
        Page::Personas,
        Page::Journeys,
        Page::KanoList,
        Page::NpsList,
        Page::Biases,
    ] {
        push(p, &mut out);
    }
    for i in 0..new.narratives.len() {
        push(Page::Narrative(i), &mut out);
    }
    for k in &keys {
        if let Some(p) = page_of(new, k) {
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
