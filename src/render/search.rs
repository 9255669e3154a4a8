//! Search and filters for insights.html: the facet lists of the filter form,
//! what of an insight is searched and how text is folded. The index files
//! the page loads are made in [`super::search_files`].

use std::collections::HashMap;

use serde::Serialize;
use serde_json::Value;
use unicode_normalization::char::is_combining_mark;
use unicode_normalization::UnicodeNormalization;

use crate::link::Site;
use crate::model::insight::{Insight, Level, Status};
use crate::model::Item;

/// How many cards insights.html holds before its script takes over; the
/// script shows more in steps of the same size. Keeps the first paint fast
/// with 10,000 insights.
pub const FIRST_CARDS: usize = 50;

/// Every searchable text of an insight, a line each (not yet folded): id,
/// title, summary, layers, tags, the names of its personas, journey, stage
/// and biases, and its evidence (quotes, metrics, sources).
pub(super) fn searchable_text(site: &Site, it: &Item<Insight>) -> String {
    let d = &it.data;
    let mut text = String::with_capacity(1024);
    let mut add = |s: &str| {
        text.push_str(s);
        text.push('\n');
    };
    add(&it.id);
    add(&d.title);
    add(&d.summary);
    for layer in [&d.emotional, &d.functional, &d.breakthrough].into_iter().flatten() {
        add(layer);
    }
    for tag in &d.tags {
        add(tag);
    }
    for p in d.personas.iter().filter_map(|p| site.persona(p)) {
        add(&p.data.name);
    }
    let journey = d.journey.as_deref().and_then(|j| site.journey(j));
    if let Some(j) = journey {
        add(&j.data.title);
        if let Some(st) = d.stage.as_deref().and_then(|s| j.data.stages.iter().find(|st| st.id == s)) {
            add(&st.name);
        }
    }
    for b in d.biases.iter().filter_map(|b| site.bias(b)) {
        add(&b.name);
    }
    for e in &d.evidence {
        for s in [&e.quote, &e.metric].into_iter().flatten() {
            add(s);
        }
        if let Some(source) = &e.source {
            add(site.source_label(source));
        }
    }
    text
}

/// The distinct sources and methods of an insight's evidence, in order of appearance.
pub(super) fn evidence_facets<'a>(site: &Site, d: &'a Insight) -> (Vec<&'a str>, Vec<&'static str>) {
    let register = site.sources.as_ref().map(|r| &*r.data);
    let mut sources: Vec<&str> = Vec::new();
    let mut methods: Vec<&'static str> = Vec::new();
    for e in &d.evidence {
        if let Some(s) = e.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            if !sources.contains(&s) {
                sources.push(s);
            }
        }
        if let Some(m) = crate::model::research::evidence_type(e, register) {
            let m = super::context::source::type_name(m);
            if !methods.contains(&m) {
                methods.push(m);
            }
        }
    }
    (sources, methods)
}

/// Lower case without accents (NFD, marks dropped), so "beleving" finds
/// "Belévïng" and "dogan" finds "Doğan"; the page folds the query the same way
/// (`toLowerCase().normalize("NFD")`, `\p{M}` removed).
pub fn fold(s: &str) -> String {
    if s.is_ascii() {
        return s.to_ascii_lowercase();
    }
    // Lower-casing (a final Σ) and decomposition never look across ASCII
    // whitespace, so each word folds alone, and most words are ASCII.
    let mut out = String::with_capacity(s.len());
    for word in s.split_inclusive(|c: char| c.is_ascii_whitespace()) {
        if word.is_ascii() {
            out.extend(word.bytes().map(|b| char::from(b.to_ascii_lowercase())));
        } else {
            out.extend(word.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)));
        }
    }
    out
}

/// One choice of the filter form: `{ value, label, count }`.
#[derive(Serialize)]
pub struct Choice {
    /// What the page filters on (an id, `journey/stage`, a tag, a level).
    pub value: String,
    /// What the form shows.
    pub label: String,
    /// How many insights hold it (never 0: empty choices are left out).
    pub count: usize,
}

/// The stages of one journey as filter choices.
#[derive(Serialize)]
pub struct StageGroup<'a> {
    /// The journey's title.
    pub journey: &'a str,
    /// Its stages that some insight names.
    pub stages: Vec<Choice>,
}

/// `facets` of insights.html: the filter form's choices with how many
/// insights each holds, sorted by label (stages grouped by journey).
#[derive(Serialize)]
pub struct Facets<'a> {
    /// Personas.
    pub personas: Vec<Choice>,
    /// Journeys.
    pub journeys: Vec<Choice>,
    /// Stages, per journey.
    pub stages: Vec<StageGroup<'a>>,
    /// Biases.
    pub biases: Vec<Choice>,
    /// Tags (labels `#tag`).
    pub tags: Vec<Choice>,
    /// Confidence levels.
    pub confidence: Vec<Choice>,
    /// Impact levels.
    pub impact: Vec<Choice>,
    /// Statuses: empty unless drafts are shown or statuses differ.
    pub status: Vec<Choice>,
    /// Evidence sources (labelled with their titles when `sources.yaml` names them).
    pub sources: Vec<Choice>,
    /// Evidence types, in the order of the types (labelled in the site's language).
    pub methods: Vec<Choice>,
    /// `new` and `changed` since the earlier delivery (empty without `since`).
    pub changes: Vec<Choice>,
}

/// [`Facets`] of `site` as the JSON value the renderer keeps (and `serve` reuses).
pub fn facets(site: &Site, labels: &Value) -> Value {
    serde_json::to_value(facet_lists(site, labels)).unwrap_or(Value::Null)
}

/// The filter form's choices of `site`, labelled from `labels`.
pub fn facet_lists<'s>(site: &'s Site, labels: &Value) -> Facets<'s> {
    let count = Counts::of(site);
    let n = |map: &HashMap<&str, usize>, value: &str| map.get(value).copied().unwrap_or(0);
    let choice =
        |value: &str, label: &str, count: usize| Choice { value: value.to_string(), label: label.to_string(), count };
    let sorted = |mut v: Vec<Choice>| {
        v.sort_by(|a, b| a.label.cmp(&b.label));
        v
    };
    let present = |v: Vec<Choice>| v.into_iter().filter(|c| c.count > 0).collect::<Vec<_>>();
    let label = |key: &str| labels[key].as_str().unwrap_or(key).to_string();

    let personas =
        sorted(present(site.personas.iter().map(|p| choice(&p.id, &p.data.name, n(&count.persona, &p.id))).collect()));
    let journeys =
        sorted(present(site.journeys.iter().map(|j| choice(&j.id, &j.data.title, n(&count.journey, &j.id))).collect()));
    let mut stages: Vec<StageGroup> = site
        .journeys
        .iter()
        .map(|j| {
            let list: Vec<Choice> = j
                .data
                .stages
                .iter()
                .map(|s| {
                    let n = count.stage.get(&(j.id.as_str(), s.id.as_str())).copied().unwrap_or(0);
                    choice(&format!("{}/{}", j.id, s.id), &s.name, n)
                })
                .collect();
            StageGroup { journey: &j.data.title, stages: present(list) }
        })
        .filter(|g| !g.stages.is_empty())
        .collect();
    stages.sort_by(|a, b| a.journey.cmp(b.journey));
    let biases = sorted(present(site.biases.iter().map(|b| choice(&b.id, &b.name, n(&count.bias, &b.id))).collect()));
    let mut tags: Vec<(&str, usize)> = count.tag.iter().map(|(t, c)| (*t, *c)).collect();
    tags.sort_unstable();
    let tags: Vec<Choice> = tags.into_iter().map(|(t, c)| choice(t, &format!("#{t}"), c)).collect();
    let levels = |counts: &[usize; 3]| {
        present(Level::ALL.iter().map(|l| choice(l.as_str(), &label(l.as_str()), counts[*l as usize])).collect())
    };
    let status = present(
        Status::ALL.iter().map(|s| choice(s.as_str(), &label(s.as_str()), count.status[*s as usize])).collect(),
    );
    let mut sources: Vec<Choice> = count.source.iter().map(|(id, c)| choice(id, site.source_label(id), *c)).collect();
    sources.sort_by(|a, b| a.label.cmp(&b.label).then_with(|| a.value.cmp(&b.value)));
    let methods = present(
        <crate::model::insight::EvidenceType as crate::model::Choices>::CHOICES
            .iter()
            .map(|m| choice(m, &label(&format!("method_{m}")), n(&count.method, m)))
            .collect(),
    );
    let changes = match &site.changes {
        Some(c) => present(vec![
            choice("new", &label("filter_change_new"), c.insights_added.len()),
            choice("changed", &label("filter_change_changed"), c.insights_changed.len()),
        ]),
        None => Vec::new(),
    };
    Facets {
        changes,
        sources,
        methods,
        personas,
        journeys,
        stages,
        biases,
        tags,
        confidence: levels(&count.confidence),
        impact: levels(&count.impact),
        // A status filter only helps when drafts are shown or statuses differ.
        status: if site.drafts || status.len() > 1 { status } else { Vec::new() },
    }
}

/// Whether two versions of an insight sit in the same filter choices (so
/// the counts of the filter form are unchanged).
pub fn same_facets(a: &Insight, b: &Insight) -> bool {
    a.personas == b.personas
        && a.journey == b.journey
        && a.stage == b.stage
        && a.biases == b.biases
        && a.tags == b.tags
        && a.confidence == b.confidence
        && a.impact == b.impact
        && a.status == b.status
        && same_evidence_facets(a, b)
}

/// Whether two versions of an insight name the same sources and state the same types.
fn same_evidence_facets(a: &Insight, b: &Insight) -> bool {
    a.evidence.len() == b.evidence.len()
        && a.evidence.iter().zip(&b.evidence).all(|(x, y)| x.source == y.source && x.kind == y.kind)
}

/// How many insights hold each facet value. Keys borrow from the site; no
/// allocation per insight (this runs on every save under `serve`).
#[derive(Default)]
struct Counts<'s> {
    persona: HashMap<&'s str, usize>,
    journey: HashMap<&'s str, usize>,
    stage: HashMap<(&'s str, &'s str), usize>,
    bias: HashMap<&'s str, usize>,
    tag: HashMap<&'s str, usize>,
    confidence: [usize; 3],
    impact: [usize; 3],
    status: [usize; 3],
    source: HashMap<&'s str, usize>,
    method: HashMap<&'static str, usize>,
}

impl<'s> Counts<'s> {
    fn of(site: &'s Site) -> Counts<'s> {
        let mut c = Counts::default();
        for it in &site.insights {
            let d = &it.data;
            for p in &d.personas {
                *c.persona.entry(p).or_default() += 1;
            }
            for b in &d.biases {
                *c.bias.entry(b).or_default() += 1;
            }
            for t in &d.tags {
                *c.tag.entry(t).or_default() += 1;
            }
            if let Some(j) = &d.journey {
                *c.journey.entry(j).or_default() += 1;
                if let Some(s) = &d.stage {
                    *c.stage.entry((j, s)).or_default() += 1;
                }
            }
            let (sources, methods) = evidence_facets(site, d);
            for s in sources {
                *c.source.entry(s).or_default() += 1;
            }
            for m in methods {
                *c.method.entry(m).or_default() += 1;
            }
            c.confidence[d.confidence as usize] += 1;
            c.impact[d.impact as usize] += 1;
            c.status[d.status as usize] += 1;
        }
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_lowercases_and_drops_accents() {
        assert_eq!(fold("Belévïng ÇA Één"), "beleving ca een");
        assert_eq!(fold("Straße"), "straße");
        assert_eq!(fold("Doğan and Ștefan"), "dogan and stefan");
        // Stored decomposed or composed: the same.
        assert_eq!(fold("e\u{301}te\u{301}"), fold("été"));
    }

    #[test]
    fn folding_word_by_word_is_folding_the_whole_text() {
        let whole = |s: &str| -> String { s.to_lowercase().nfd().filter(|c| !is_combining_mark(*c)).collect() };
        for s in [
            "ΟΔΟΣ ΟΔΟΣ. ΣΑ Σ",
            "'ΑΣ' and (ΑΣ)\tΑΣ\nΣΑ",
            "a \u{301}b  Ça\u{327}\u{301}\r\nÉÉN € 12,50 — \"Doğan\"",
            "Meter reading: 43% €\n\nStraße İstanbul",
        ] {
            assert_eq!(fold(s), whole(s), "{s:?}");
        }
    }
}
