//! changes.html (and the report's "Changes since …" chapter): what changed
//! since the earlier delivery, from [`crate::delivery::Changes`].

use serde::Serialize;

use super::links::Link;
use crate::delivery::diff::{decimal, score_text};
use crate::delivery::diff::{FieldChange, Named};
use crate::delivery::words::to_html;
use crate::delivery::Changes;
use crate::i18n;
use crate::link::Site;
use crate::model::RefKind;

/// The context of changes.html.
#[derive(Serialize)]
pub struct ChangesContext<'a> {
    /// "Changes".
    pub page_title: &'static str,
    /// Everything that changed, worded for the page.
    pub changes: ChangesView<'a>,
}

/// The changes, ready for a template (also the report's chapter).
#[derive(Serialize)]
pub struct ChangesView<'a> {
    /// "Changes since the delivery of 15 October 2026".
    pub heading: String,
    /// The earlier delivery's title.
    pub old_title: &'a str,
    /// The day it was built, written out.
    pub old_built: String,
    /// Whether nothing changed.
    pub none: bool,
    /// New insights, linked.
    pub insights_added: Vec<Link<'a>>,
    /// Removed insights (no page to link to).
    pub insights_removed: Vec<&'a Named>,
    /// Changed insights with their fields.
    pub insights_changed: Vec<InsightChangeView<'a>>,
    /// Kano features that moved category.
    pub kano_moved: Vec<KanoMoveView<'a>>,
    /// Kano features added ("study — feature").
    pub kano_added: Vec<&'a Named>,
    /// Kano features removed.
    pub kano_removed: Vec<&'a Named>,
    /// NPS measurements added.
    pub nps_added: Vec<NpsView<'a>>,
    /// NPS measurements whose score was corrected.
    pub nps_changed: Vec<NpsView<'a>>,
    /// Per series: the latest score before and now.
    pub nps_latest: Vec<NpsView<'a>>,
    /// Journey steps that changed.
    pub steps: Vec<StepView<'a>>,
    /// Journeys added, linked.
    pub journeys_added: Vec<Link<'a>>,
    /// Journeys removed.
    pub journeys_removed: Vec<&'a Named>,
    /// Personas added, linked.
    pub personas_added: Vec<Link<'a>>,
    /// Personas removed.
    pub personas_removed: Vec<&'a Named>,
    /// Personas changed, with their fields.
    pub personas_changed: Vec<PersonaChangeView<'a>>,
}

/// A changed insight.
#[derive(Serialize)]
pub struct InsightChangeView<'a> {
    /// The insight, linked.
    pub insight: Link<'a>,
    /// Its changed fields.
    pub fields: Vec<FieldView>,
    /// New evidence: the quote or metric, and its source's label.
    pub evidence_added: Vec<EvidenceView<'a>>,
    /// How many evidence items are gone.
    pub evidence_removed: usize,
}

/// A changed field.
#[derive(Serialize)]
pub struct FieldView {
    /// The field's label ("Emotional").
    pub label: String,
    /// The word diff as HTML (`<del>`, `<ins>`), escaped; for values: "old → new".
    pub diff_html: String,
}

/// A new evidence item.
#[derive(Serialize)]
pub struct EvidenceView<'a> {
    /// The quote or metric.
    pub text: &'a str,
    /// Whether it is a quote.
    pub quote: bool,
    /// The source's title (or free text), if any.
    pub source: Option<&'a str>,
}

/// A Kano feature that moved.
#[derive(Serialize)]
pub struct KanoMoveView<'a> {
    /// The study, linked (plain text when it is no longer in the site).
    pub study: Link<'a>,
    /// The feature's name.
    pub name: &'a str,
    /// The category before (`delight`) and its label.
    pub from: &'static str,
    /// Its label.
    pub from_label: &'static str,
    /// The category now and its label.
    pub to: &'static str,
    /// Its label.
    pub to_label: &'static str,
    /// "better 0.62, worse −0.20" before (empty without answers).
    pub old_coefficients: String,
    /// The same now.
    pub new_coefficients: String,
}

/// An NPS measurement or comparison.
#[derive(Serialize)]
pub struct NpsView<'a> {
    /// The series, linked.
    pub series: Link<'a>,
    /// "Q4 2026" (for a comparison: the new period).
    pub period: &'a str,
    /// "+18 ± 5" (for a comparison: the new score).
    pub score: String,
    /// For a comparison: the earlier period.
    pub old_period: Option<&'a str>,
    /// For a comparison: the earlier score.
    pub old_score: Option<String>,
    /// For a comparison: whether the difference exceeds the combined margins.
    pub beyond_margin: bool,
}

/// A changed journey step.
#[derive(Serialize)]
pub struct StepView<'a> {
    /// The journey, linked.
    pub journey: Link<'a>,
    /// The step's name.
    pub step: &'a str,
    /// `added`, `removed`, `moved` or `emotion`.
    pub kind: &'static str,
    /// Its label.
    pub kind_label: &'static str,
    /// Before (stage, or emotion).
    pub from: &'a str,
    /// Now.
    pub to: &'a str,
}

/// A changed persona.
#[derive(Serialize)]
pub struct PersonaChangeView<'a> {
    /// The persona, linked.
    pub persona: Link<'a>,
    /// Its changed fields.
    pub fields: Vec<FieldView>,
}

/// The view of `changes` for `site`.
pub fn view<'a>(site: &'a Site, changes: &'a Changes) -> ChangesView<'a> {
    let lang = site.config.language;
    let label = |k: &'static str| i18n::label(lang, k);
    let long = |d: &str| crate::dates::long(lang, d);
    let link = |kind: RefKind, id: &'a str, title: &'a str| Link::new(kind, id, title);
    let fields = |f: &[FieldChange]| f.iter().map(|f| field_view(lang, f)).collect::<Vec<_>>();
    ChangesView {
        heading: heading(lang, changes.since()),
        old_title: &changes.old.title,
        old_built: long(&changes.old.built),
        none: changes.is_empty(),
        insights_added: changes.insights_added.iter().map(|n| link(RefKind::Insight, &n.id, &n.title)).collect(),
        insights_removed: changes.insights_removed.iter().collect(),
        insights_changed: changes
            .insights_changed
            .iter()
            .map(|c| InsightChangeView {
                insight: link(RefKind::Insight, &c.id, &c.title),
                fields: fields(&c.fields),
                evidence_added: c
                    .evidence_added
                    .iter()
                    .map(|e| EvidenceView {
                        text: e.quote.as_deref().or(e.metric.as_deref()).unwrap_or_default(),
                        quote: e.quote.is_some(),
                        source: e.source.as_deref().map(|s| site.source_label(s)),
                    })
                    .collect(),
                evidence_removed: c.evidence_removed,
            })
            .collect(),
        kano_moved: changes
            .kano_moved
            .iter()
            .map(|m| KanoMoveView {
                study: link(RefKind::Kano, &m.study, &m.study_title),
                name: &m.name,
                from: m.from.as_str(),
                from_label: label(m.from.as_str()),
                to: m.to.as_str(),
                to_label: label(m.to.as_str()),
                old_coefficients: coefficients(lang, m.old_coefficients),
                new_coefficients: coefficients(lang, m.new_coefficients),
            })
            .collect(),
        kano_added: changes.kano_added.iter().collect(),
        kano_removed: changes.kano_removed.iter().collect(),
        nps_added: changes
            .nps_added
            .iter()
            .map(|p| NpsView {
                series: link(RefKind::Nps, &p.series, &p.title),
                period: &p.period,
                score: score_text(p.nps, p.margin),
                old_period: None,
                old_score: None,
                beyond_margin: false,
            })
            .collect(),
        nps_changed: changes.nps_changed.iter().map(|c| nps_change(c)).collect(),
        nps_latest: changes.nps_latest.iter().map(|c| nps_change(c)).collect(),
        steps: changes
            .steps
            .iter()
            .map(|s| StepView {
                journey: link(RefKind::Journey, &s.journey, &s.journey_title),
                step: &s.step,
                kind: s.kind,
                kind_label: label(match s.kind {
                    "added" => "changes_step_added",
                    "removed" => "changes_step_removed",
                    "moved" => "changes_step_moved",
                    _ => "changes_step_emotion",
                }),
                from: &s.from,
                to: &s.to,
            })
            .collect(),
        journeys_added: changes.journeys_added.iter().map(|n| link(RefKind::Journey, &n.id, &n.title)).collect(),
        journeys_removed: changes.journeys_removed.iter().collect(),
        personas_added: changes.personas_added.iter().map(|n| link(RefKind::Persona, &n.id, &n.title)).collect(),
        personas_removed: changes.personas_removed.iter().collect(),
        personas_changed: changes
            .personas_changed
            .iter()
            .map(|c| PersonaChangeView { persona: link(RefKind::Persona, &c.id, &c.name), fields: fields(&c.fields) })
            .collect(),
    }
}

/// "Changes since the delivery of 15 October 2026" for an earlier delivery of `date`.
pub fn heading(lang: crate::config::Language, date: &str) -> String {
    i18n::label(lang, "changes_since").replace("{date}", &crate::dates::long(lang, date))
}

fn nps_change<'a>(c: &'a crate::delivery::diff::NpsChange) -> NpsView<'a> {
    NpsView {
        series: Link::new(RefKind::Nps, &c.series, &c.title),
        period: &c.new_period,
        score: score_text(c.new.0, c.new.1),
        old_period: Some(&c.old_period),
        old_score: Some(score_text(c.old.0, c.old.1)),
        beyond_margin: c.beyond_margin,
    }
}

/// A field's label and its diff: words for texts, "old → new" for values.
fn field_view(lang: crate::config::Language, f: &FieldChange) -> FieldView {
    use crate::html::escape_html as esc;
    let key = match f.field {
        "title" | "summary" | "name" | "tagline" | "quote" => format!("changes_field_{}", f.field),
        "biases" => "biases_short".to_string(),
        other => other.to_string(),
    };
    let label = i18n::label(lang, &key).to_string();
    let diff_html = if f.words.is_empty() {
        let side = |s: &str| if s.is_empty() { "–".to_string() } else { esc(s) };
        format!("<del>{}</del> → <ins>{}</ins>", side(&f.old), side(&f.new))
    } else {
        to_html(&f.words)
    };
    FieldView { label, diff_html }
}

/// "better 0.62, worse −0.20", or empty without answers.
fn coefficients(lang: crate::config::Language, (better, worse): (Option<f64>, Option<f64>)) -> String {
    match (better, worse) {
        (Some(b), Some(w)) => format!(
            "{} {}, {} {}",
            i18n::label(lang, "better").to_lowercase(),
            decimal(b, lang == crate::config::Language::Nl),
            i18n::label(lang, "worse").to_lowercase(),
            decimal(w, lang == crate::config::Language::Nl)
        ),
        _ => String::new(),
    }
}
