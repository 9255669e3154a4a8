//! What changed between two deliveries: items matched by id (a renamed id
//! is one removed and one added), steps by name within their journey, NPS
//! periods by label. Made once per build for `changes.html`, the badges and
//! the report chapter, and by `cxsite diff` for the terminal.

use std::collections::HashMap;

use serde::Serialize;

use super::snapshot::{EvidenceData, FeatureData, InsightData, PeriodData, PersonaData, Snapshot, StepData};
use super::words::{word_diff, Segment};
use crate::model::KanoCategory;

/// Everything that changed from `old` to `new`.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Changes {
    /// The earlier delivery: its title, cover date and build day.
    pub old: Delivery,
    /// The new one.
    pub new: Delivery,
    /// Insights only in the new delivery.
    pub insights_added: Vec<Named>,
    /// Insights only in the old one.
    pub insights_removed: Vec<Named>,
    /// Insights in both whose content differs.
    pub insights_changed: Vec<InsightChange>,
    /// Kano features in both whose category differs.
    pub kano_moved: Vec<KanoMove>,
    /// Kano features only in the new delivery, as "study / feature".
    pub kano_added: Vec<Named>,
    /// Kano features only in the old one.
    pub kano_removed: Vec<Named>,
    /// NPS periods only in the new delivery.
    pub nps_added: Vec<NpsPeriod>,
    /// NPS periods in both whose score differs (corrected data).
    pub nps_changed: Vec<NpsChange>,
    /// Per series in both: the latest score before and now.
    pub nps_latest: Vec<NpsChange>,
    /// Journey steps added, removed, moved or with another emotion.
    pub steps: Vec<StepChange>,
    /// Journeys only in the new delivery.
    pub journeys_added: Vec<Named>,
    /// Journeys only in the old one.
    pub journeys_removed: Vec<Named>,
    /// Personas only in the new delivery.
    pub personas_added: Vec<Named>,
    /// Personas only in the old one.
    pub personas_removed: Vec<Named>,
    /// Personas in both whose content differs.
    pub personas_changed: Vec<PersonaChange>,
    /// `new` or `changed` by insight id (for badges; looked up once per card).
    #[serde(skip)]
    insight_marks: HashMap<String, &'static str>,
}

/// One delivery's identity.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Delivery {
    /// The study's title.
    pub title: String,
    /// The cover date, if any.
    pub date: Option<String>,
    /// The day it was built.
    pub built: String,
}

/// An item by id and display name.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Named {
    /// Its id (for Kano features `study/feature`).
    pub id: String,
    /// Its title or name.
    pub title: String,
}

/// A changed insight.
#[derive(Debug, Clone, Serialize)]
pub struct InsightChange {
    /// Its id.
    pub id: String,
    /// Its title now.
    pub title: String,
    /// The fields that changed, in the order of the insight page.
    pub fields: Vec<FieldChange>,
    /// Evidence items that are new.
    pub evidence_added: Vec<EvidenceData>,
    /// Evidence items that are gone.
    pub evidence_removed: usize,
}

/// One changed field of an insight or persona.
#[derive(Debug, Clone, Serialize)]
pub struct FieldChange {
    /// The YAML key (`emotional`, `confidence`, …).
    pub field: &'static str,
    /// The value before, as text (empty when it was not set).
    pub old: String,
    /// The value now, as text.
    pub new: String,
    /// Word by word: kept, inserted and deleted words (only for texts).
    pub words: Vec<Segment>,
}

/// A Kano feature whose category moved.
#[derive(Debug, Clone, Serialize)]
pub struct KanoMove {
    /// The study's id.
    pub study: String,
    /// The study's title.
    pub study_title: String,
    /// The feature's id.
    pub feature: String,
    /// The feature's name.
    pub name: String,
    /// Its category before.
    pub from: KanoCategory,
    /// Its category now.
    pub to: KanoCategory,
    /// (better, worse) before.
    pub old_coefficients: (Option<f64>, Option<f64>),
    /// (better, worse) now.
    pub new_coefficients: (Option<f64>, Option<f64>),
}

/// An NPS period of a series.
#[derive(Debug, Clone, Serialize)]
pub struct NpsPeriod {
    /// The series' id.
    pub series: String,
    /// The series' title.
    pub title: String,
    /// The period's label.
    pub period: String,
    /// Its NPS.
    pub nps: Option<i64>,
    /// Its margin of error.
    pub margin: Option<f64>,
}

/// An NPS score before and now.
#[derive(Debug, Clone, Serialize)]
pub struct NpsChange {
    /// The series' id.
    pub series: String,
    /// The series' title.
    pub title: String,
    /// The period before.
    pub old_period: String,
    /// The period now (the same label for a corrected period).
    pub new_period: String,
    /// NPS before and its margin.
    pub old: (Option<i64>, Option<f64>),
    /// NPS now and its margin.
    pub new: (Option<i64>, Option<f64>),
    /// Whether the difference is larger than the two margins combined
    /// (√(m₁² + m₂²)): a change, not noise.
    pub beyond_margin: bool,
}

/// How a journey step changed.
#[derive(Debug, Clone, Serialize)]
pub struct StepChange {
    /// The journey's id.
    pub journey: String,
    /// The journey's title.
    pub journey_title: String,
    /// The step's name.
    pub step: String,
    /// `added`, `removed`, `moved` or `emotion`.
    pub kind: &'static str,
    /// Before: the stage name (added: empty), or the emotion for `emotion`.
    pub from: String,
    /// Now: the stage name (removed: empty), or the emotion for `emotion`.
    pub to: String,
}

/// A changed persona.
#[derive(Debug, Clone, Serialize)]
pub struct PersonaChange {
    /// Its id.
    pub id: String,
    /// Its name now.
    pub name: String,
    /// The fields that changed.
    pub fields: Vec<FieldChange>,
}

impl Changes {
    /// Whether nothing changed at all.
    pub fn is_empty(&self) -> bool {
        self.counts().iter().all(|(_, n)| *n == 0)
    }

    /// Each kind of change with how many there are, for summaries.
    pub fn counts(&self) -> [(&'static str, usize); 7] {
        [
            ("insights_added", self.insights_added.len()),
            ("insights_removed", self.insights_removed.len()),
            ("insights_changed", self.insights_changed.len()),
            ("kano", self.kano_moved.len() + self.kano_added.len() + self.kano_removed.len()),
            ("nps", self.nps_added.len() + self.nps_changed.len()),
            ("journeys", self.steps.len() + self.journeys_added.len() + self.journeys_removed.len()),
            ("personas", self.personas_added.len() + self.personas_removed.len() + self.personas_changed.len()),
        ]
    }

    /// `new` or `changed` for an insight id of the new delivery, else None.
    pub fn insight_status(&self, id: &str) -> Option<&'static str> {
        self.insight_marks.get(id).copied()
    }

    /// The day the earlier delivery is known by: its cover date, else its build day.
    pub fn since(&self) -> &str {
        self.old.date.as_deref().unwrap_or(&self.old.built)
    }

    /// `new` or `changed` for a persona id of the new delivery, else None.
    pub fn persona_status(&self, id: &str) -> Option<&'static str> {
        if self.personas_added.iter().any(|n| n.id == id) {
            Some("new")
        } else if self.personas_changed.iter().any(|c| c.id == id) {
            Some("changed")
        } else {
            None
        }
    }
}

/// What changed from `old` to `new`.
pub fn compare(old: &Snapshot, new: &Snapshot) -> Changes {
    let delivery = |s: &Snapshot| Delivery { title: s.title.clone(), date: s.date.clone(), built: s.built.clone() };
    let mut c = Changes { old: delivery(old), new: delivery(new), ..Changes::default() };
    let named_insight = |i: &InsightData| Named { id: i.id.clone(), title: i.title.clone() };
    (c.insights_added, c.insights_removed) = added_removed(&old.insights, &new.insights, |i| &i.id, named_insight);
    let before: HashMap<&str, &InsightData> = old.insights.iter().map(|i| (i.id.as_str(), i)).collect();
    for n in &new.insights {
        if let Some(o) = before.get(n.id.as_str()) {
            if *o != n {
                c.insights_changed.push(insight_change(o, n));
            }
        }
    }
    c.insight_marks = c
        .insights_added
        .iter()
        .map(|n| (n.id.clone(), "new"))
        .chain(c.insights_changed.iter().map(|x| (x.id.clone(), "changed")))
        .collect();
    kano(old, new, &mut c);
    nps(old, new, &mut c);
    journeys(old, new, &mut c);
    let named_persona = |p: &PersonaData| Named { id: p.id.clone(), title: p.name.clone() };
    (c.personas_added, c.personas_removed) = added_removed(&old.personas, &new.personas, |p| &p.id, named_persona);
    for n in &new.personas {
        if let Some(o) = old.personas.iter().find(|o| o.id == n.id) {
            if o != n {
                c.personas_changed.push(PersonaChange {
                    id: n.id.clone(),
                    name: n.name.clone(),
                    fields: persona_fields(o, n),
                });
            }
        }
    }
    c
}

/// Items of `new` whose key `old` lacks, and items of `old` whose key `new` lacks.
fn added_removed<T>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> &String,
    named: impl Fn(&T) -> Named,
) -> (Vec<Named>, Vec<Named>) {
    let (in_old, in_new): (std::collections::HashSet<&String>, std::collections::HashSet<&String>) =
        (old.iter().map(&key).collect(), new.iter().map(&key).collect());
    let added = new.iter().filter(|n| !in_old.contains(key(n))).map(&named).collect();
    let removed = old.iter().filter(|o| !in_new.contains(key(o))).map(&named).collect();
    (added, removed)
}

/// A field change of a text: both sides and the word diff.
fn text_change(field: &'static str, old: &str, new: &str) -> FieldChange {
    FieldChange { field, old: old.to_string(), new: new.to_string(), words: word_diff(old, new) }
}

/// A field change of a value that is not prose (a level, a list of ids).
fn value_change(field: &'static str, old: String, new: String) -> FieldChange {
    FieldChange { field, old, new, words: Vec::new() }
}

fn insight_change(o: &InsightData, n: &InsightData) -> InsightChange {
    let mut fields = Vec::new();
    let texts = [
        ("title", Some(&o.title), Some(&n.title)),
        ("summary", Some(&o.summary), Some(&n.summary)),
        ("emotional", o.emotional.as_ref(), n.emotional.as_ref()),
        ("functional", o.functional.as_ref(), n.functional.as_ref()),
        ("breakthrough", o.breakthrough.as_ref(), n.breakthrough.as_ref()),
    ];
    for (field, a, b) in texts {
        let (a, b) = (a.map_or("", |s| s.as_str()), b.map_or("", |s| s.as_str()));
        if a.trim() != b.trim() {
            fields.push(text_change(field, a, b));
        }
    }
    let list = |v: &[String]| v.join(", ");
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    let values = [
        ("personas", list(&o.personas), list(&n.personas)),
        ("journey", opt(&o.journey), opt(&n.journey)),
        ("stage", opt(&o.stage), opt(&n.stage)),
        ("biases", list(&o.biases), list(&n.biases)),
        ("tags", list(&o.tags), list(&n.tags)),
        ("confidence", o.confidence.as_str().to_string(), n.confidence.as_str().to_string()),
        ("impact", o.impact.as_str().to_string(), n.impact.as_str().to_string()),
        ("status", o.status.as_str().to_string(), n.status.as_str().to_string()),
        ("date", opt(&o.date), opt(&n.date)),
    ];
    for (field, a, b) in values {
        if a != b {
            fields.push(value_change(field, a, b));
        }
    }
    let evidence_added: Vec<EvidenceData> = n.evidence.iter().filter(|e| !o.evidence.contains(e)).cloned().collect();
    let evidence_removed = o.evidence.iter().filter(|e| !n.evidence.contains(e)).count();
    InsightChange { id: n.id.clone(), title: n.title.clone(), fields, evidence_added, evidence_removed }
}

/// A list field of a persona, by its getter.
type ListField = fn(&PersonaData) -> &Vec<String>;

fn persona_fields(o: &PersonaData, n: &PersonaData) -> Vec<FieldChange> {
    let mut fields = Vec::new();
    let opt = |v: &Option<String>| v.clone().unwrap_or_default();
    for (field, a, b) in [
        ("name", o.name.clone(), n.name.clone()),
        ("tagline", opt(&o.tagline), opt(&n.tagline)),
        ("quote", opt(&o.quote), opt(&n.quote)),
        ("about", opt(&o.about), opt(&n.about)),
    ] {
        if a.trim() != b.trim() {
            fields.push(text_change(field, &a, &b));
        }
    }
    let temperament = |p: &PersonaData| p.temperament.map(|t| t.as_str().to_string()).unwrap_or_default();
    if temperament(o) != temperament(n) {
        fields.push(value_change("temperament", temperament(o), temperament(n)));
    }
    let facts = |p: &PersonaData| p.facts.iter().map(|(k, v)| format!("{k}: {v}")).collect::<Vec<_>>().join("; ");
    let lists: [(&'static str, ListField); 6] = [
        ("goals", |p| &p.goals),
        ("needs", |p| &p.needs),
        ("pains", |p| &p.pains),
        ("motivations", |p| &p.motivations),
        ("behaviours", |p| &p.behaviours),
        ("channels", |p| &p.channels),
    ];
    if facts(o) != facts(n) {
        fields.push(text_change("facts", &facts(o), &facts(n)));
    }
    for (field, get) in lists {
        if get(o) != get(n) {
            fields.push(text_change(field, &get(o).join("; "), &get(n).join("; ")));
        }
    }
    fields
}

fn kano(old: &Snapshot, new: &Snapshot, c: &mut Changes) {
    let features = |s: &Snapshot| -> Vec<(String, String, FeatureData)> {
        s.kano.iter().flat_map(|k| k.features.iter().map(|f| (k.id.clone(), k.title.clone(), f.clone()))).collect()
    };
    let (old_f, new_f) = (features(old), features(new));
    let key = |x: &(String, String, FeatureData)| format!("{}/{}", x.0, x.2.id);
    let named = |x: &(String, String, FeatureData)| Named { id: key(x), title: format!("{} — {}", x.1, x.2.name) };
    for n in &new_f {
        match old_f.iter().find(|o| key(o) == key(n)) {
            Some(o) if o.2.category != n.2.category => c.kano_moved.push(KanoMove {
                study: n.0.clone(),
                study_title: n.1.clone(),
                feature: n.2.id.clone(),
                name: n.2.name.clone(),
                from: o.2.category,
                to: n.2.category,
                old_coefficients: (o.2.better, o.2.worse),
                new_coefficients: (n.2.better, n.2.worse),
            }),
            Some(_) => {}
            None => c.kano_added.push(named(n)),
        }
    }
    c.kano_removed = old_f.iter().filter(|o| !new_f.iter().any(|n| key(n) == key(o))).map(named).collect();
}

fn nps(old: &Snapshot, new: &Snapshot, c: &mut Changes) {
    let score = |p: &PeriodData| (p.nps, p.margin);
    for series in &new.nps {
        let before = old.nps.iter().find(|s| s.id == series.id);
        for p in &series.periods {
            match before.and_then(|b| b.periods.iter().find(|q| q.period == p.period)) {
                None => c.nps_added.push(NpsPeriod {
                    series: series.id.clone(),
                    title: series.title.clone(),
                    period: p.period.clone(),
                    nps: p.nps,
                    margin: p.margin,
                }),
                Some(q) if q.nps != p.nps => c.nps_changed.push(nps_change(&series.id, &series.title, q, p)),
                Some(_) => {}
            }
        }
        if let (Some(b), Some(last)) = (before.and_then(|b| b.periods.last()), series.periods.last()) {
            if b.period != last.period || score(b) != score(last) {
                c.nps_latest.push(nps_change(&series.id, &series.title, b, last));
            }
        }
    }
}

fn nps_change(series: &str, title: &str, o: &PeriodData, n: &PeriodData) -> NpsChange {
    let beyond_margin = match (o.nps, n.nps, o.margin, n.margin) {
        (Some(a), Some(b), Some(ma), Some(mb)) => ((b - a) as f64).abs() > (ma * ma + mb * mb).sqrt(),
        _ => false,
    };
    NpsChange {
        series: series.to_string(),
        title: title.to_string(),
        old_period: o.period.clone(),
        new_period: n.period.clone(),
        old: (o.nps, o.margin),
        new: (n.nps, n.margin),
        beyond_margin,
    }
}

fn journeys(old: &Snapshot, new: &Snapshot, c: &mut Changes) {
    let named = |j: &super::snapshot::JourneyData| Named { id: j.id.clone(), title: j.title.clone() };
    (c.journeys_added, c.journeys_removed) = added_removed(&old.journeys, &new.journeys, |j| &j.id, named);
    for j in &new.journeys {
        let Some(before) = old.journeys.iter().find(|o| o.id == j.id) else { continue };
        let steps = |j: &super::snapshot::JourneyData| -> Vec<(String, StepData)> {
            j.stages.iter().flat_map(|s| s.steps.iter().map(|st| (s.name.clone(), st.clone()))).collect()
        };
        let (old_s, new_s) = (steps(before), steps(j));
        let change = |step: &str, kind, from: String, to: String| StepChange {
            journey: j.id.clone(),
            journey_title: j.title.clone(),
            step: step.to_string(),
            kind,
            from,
            to,
        };
        for (stage, s) in &new_s {
            match old_s.iter().find(|(_, o)| o.name == s.name) {
                None => c.steps.push(change(&s.name, "added", String::new(), stage.clone())),
                Some((old_stage, o)) => {
                    if old_stage != stage || o.day != s.day {
                        let at = |st: &str, day: Option<f64>| match day {
                            Some(d) => format!("{st}, day {d}"),
                            None => st.to_string(),
                        };
                        c.steps.push(change(&s.name, "moved", at(old_stage, o.day), at(stage, s.day)));
                    }
                    if o.emotion != s.emotion {
                        let e = |x: Option<i64>| x.map(signed).unwrap_or_default();
                        c.steps.push(change(&s.name, "emotion", e(o.emotion), e(s.emotion)));
                    }
                }
            }
        }
        for (stage, o) in &old_s {
            if !new_s.iter().any(|(_, s)| s.name == o.name) {
                c.steps.push(change(&o.name, "removed", stage.clone(), String::new()));
            }
        }
    }
}

/// A score with its margin, "+18 ± 5" (the margin in whole points), or "–" without respondents.
pub fn score_text(nps: Option<i64>, margin: Option<f64>) -> String {
    match (nps, margin) {
        (Some(n), Some(m)) => format!("{} ± {}", signed(n), m.round() as i64),
        (Some(n), None) => signed(n),
        _ => "–".to_string(),
    }
}

/// A coefficient with two decimals and a true minus sign; `comma` for a decimal comma (Dutch).
pub fn decimal(x: f64, comma: bool) -> String {
    let s = format!("{:.2}", x.abs());
    let s = if comma { s.replace('.', ",") } else { s };
    if x < 0.0 && x.abs() >= 0.005 {
        format!("−{s}")
    } else {
        s
    }
}

/// An emotion with its sign: −1, 0, +2.
pub fn signed(x: i64) -> String {
    match x {
        x if x > 0 => format!("+{x}"),
        x if x < 0 => format!("−{}", -x),
        _ => "0".to_string(),
    }
}
