//! coverage.html (issue 14): where the study is thin. Per journey a matrix of
//! personas × stages, each cell the insights that name the persona and sit in
//! the stage and the distinct sources behind them; below it the gaps (stages
//! and personas without insights, insights without a layer or evidence,
//! sources no insight uses) and the mix of evidence by method.

use std::collections::HashMap;

use serde::Serialize;

use super::links::Link;
use crate::html::{escape_html, push_escaped};
use crate::i18n;
use crate::link::Site;
use crate::model::research::evidence_type;
use crate::model::{EvidenceType, RefKind};

/// How many shades a cell with insights can have (1 = fewest, 4 = most).
pub const SHADES: usize = 4;

/// The context of coverage.html.
#[derive(Serialize)]
pub struct CoverageContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// One matrix per journey, in the site's order.
    pub journeys: Vec<Matrix<'a>>,
    /// Stages that no insight sits in.
    pub empty_stages: Vec<StageRef<'a>>,
    /// Personas that no insight names.
    pub idle_personas: Vec<Link<'a>>,
    /// Insights with at least one layer not written.
    pub missing_layers: Vec<LayerGap<'a>>,
    /// Insights with no evidence at all.
    pub no_evidence: Vec<Link<'a>>,
    /// Whether the project has `sources.yaml` (else `unused_sources` is empty by nature).
    pub has_register: bool,
    /// Sources of `sources.yaml` that no insight's evidence names.
    pub unused_sources: Vec<SourceRef<'a>>,
    /// Evidence items per method (own or inherited type), every method listed.
    pub methods: Vec<MethodCount>,
    /// Evidence items with no type, neither their own nor their source's.
    pub untyped: usize,
    /// Evidence items in all.
    pub evidence_total: usize,
}

/// The matrix of one journey: rows personas, columns its stages in order.
#[derive(Serialize)]
pub struct Matrix<'a> {
    /// The journey, linked to its page.
    pub journey: Link<'a>,
    /// Its stages, in order: `{ id, name }`.
    pub stages: Vec<StageHead<'a>>,
    /// One `<tr>` per persona of the site: the persona's name linked to its
    /// page in a row head, then one `<td>` per stage, in the order of
    /// `stages`. Made here rather than in the template: a study of 10,000
    /// insights has some 10,000 rows and 60,000 cells, and a template object
    /// per row or cell made coverage.html the most expensive page of the
    /// build. Links are relative to the site root (coverage.html and
    /// report.html are both there); text is escaped.
    pub rows_html: String,
}

/// A column head of a matrix.
#[derive(Serialize)]
pub struct StageHead<'a> {
    /// The stage id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
}

/// A stage in a list: `{ journey, stage, url }`.
#[derive(Serialize)]
pub struct StageRef<'a> {
    /// The journey's title.
    pub journey: &'a str,
    /// The stage's name.
    pub stage: &'a str,
    /// The journey's page, site-relative.
    pub url: String,
}

/// An insight with the layers it lacks.
#[derive(Serialize)]
pub struct LayerGap<'a> {
    /// The insight, linked to its page.
    pub insight: Link<'a>,
    /// The labels of the layers not written, in the order emotional, functional, breakthrough.
    pub missing: Vec<&'static str>,
}

/// A source of `sources.yaml`: `{ id, title }`.
#[derive(Serialize)]
pub struct SourceRef<'a> {
    /// Its id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
}

/// How many evidence items one method has.
#[derive(Serialize)]
pub struct MethodCount {
    /// The type as written in YAML (`interview`).
    pub id: &'static str,
    /// Its label.
    pub label: &'static str,
    /// Evidence items of this type, own or inherited.
    pub count: usize,
}

/// Every evidence type with its YAML spelling and label key.
const METHODS: [(EvidenceType, &str, &str); 7] = [
    (EvidenceType::Interview, "interview", "coverage_method_interview"),
    (EvidenceType::Survey, "survey", "coverage_method_survey"),
    (EvidenceType::Observation, "observation", "coverage_method_observation"),
    (EvidenceType::Analytics, "analytics", "coverage_method_analytics"),
    (EvidenceType::Social, "social", "coverage_method_social"),
    (EvidenceType::Nps, "nps", "coverage_method_nps"),
    (EvidenceType::Desk, "desk", "coverage_method_desk"),
];

/// The filter hash of insights.html for a persona in a stage (the keys
/// insights.js reads), escaped for an attribute, from the persona's id and
/// the stage's `journey/stage`, both already through [`enc`].
fn filter_state(persona: &str, stage: &str) -> String {
    format!("persona={persona}&amp;stage={stage}")
}

/// An id percent-encoded for a URL hash: every byte but ASCII letters,
/// digits and `-._~` as `%XX`. The result needs no HTML escaping.
pub(super) fn enc(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// The context of coverage.html.
pub fn page<'a>(site: &'a Site, page_title: &'static str) -> CoverageContext<'a> {
    let lang = site.config.language;
    let label = |key: &'static str| i18n::label(lang, key);
    let journeys = matrices(site);
    let empty_stages = site
        .journeys
        .iter()
        .flat_map(|j| j.data.stages.iter().map(move |s| (j, s)))
        .filter(|(j, s)| {
            !site.insights.iter().any(|i| {
                i.data.journey.as_deref() == Some(j.id.as_str()) && i.data.stage.as_deref() == Some(s.id.as_str())
            })
        })
        .map(|(j, s)| StageRef {
            journey: &j.data.title,
            stage: &s.name,
            url: crate::render::url(RefKind::Journey, &j.id),
        })
        .collect();
    let idle_personas = site
        .personas
        .iter()
        .filter(|p| !site.insights.iter().any(|i| i.data.personas.contains(&p.id)))
        .map(|p| Link::new(RefKind::Persona, &p.id, &p.data.name))
        .collect();
    let missing_layers = site
        .insights
        .iter()
        .filter_map(|i| {
            let d = &i.data;
            let missing: Vec<&'static str> =
                [("emotional", &d.emotional), ("functional", &d.functional), ("breakthrough", &d.breakthrough)]
                    .into_iter()
                    .filter(|(_, text)| text.as_deref().is_none_or(|t| t.trim().is_empty()))
                    .map(|(key, _)| label(key))
                    .collect();
            (!missing.is_empty()).then(|| LayerGap { insight: Link::new(RefKind::Insight, &i.id, &d.title), missing })
        })
        .collect();
    let no_evidence = site
        .insights
        .iter()
        .filter(|i| i.data.evidence.is_empty())
        .map(|i| Link::new(RefKind::Insight, &i.id, &i.data.title))
        .collect();
    let register = site.sources.as_ref().map(|r| &*r.data);
    let unused_sources = register
        .map(|r| {
            r.iter()
                .filter(|(id, _)| site.backlinks.source_insights.get(*id).is_none_or(|v| v.is_empty()))
                .map(|(id, s)| SourceRef { id, title: &s.title })
                .collect()
        })
        .unwrap_or_default();
    let mut counts = [0usize; METHODS.len()];
    let (mut untyped, mut evidence_total) = (0, 0);
    for e in site.insights.iter().flat_map(|i| &i.data.evidence) {
        evidence_total += 1;
        match evidence_type(e, register) {
            Some(kind) => {
                if let Some(at) = METHODS.iter().position(|(k, ..)| *k == kind) {
                    counts[at] += 1;
                }
            }
            None => untyped += 1,
        }
    }
    let methods =
        METHODS.iter().zip(counts).map(|(&(_, id, key), count)| MethodCount { id, label: label(key), count }).collect();
    CoverageContext {
        page_title,
        journeys,
        empty_stages,
        idle_personas,
        missing_layers,
        no_evidence,
        has_register: register.is_some(),
        unused_sources,
        methods,
        untyped,
        evidence_total,
    }
}

/// One cell while the matrices are counted: its insights and the distinct sources behind them.
#[derive(Default, Clone)]
struct Tally<'a> {
    /// Insights filed here.
    insights: usize,
    /// The last insight filed here (its index), so one naming a persona twice counts once.
    last: Option<usize>,
    /// Distinct non-empty `source` values of their evidence.
    sources: Vec<&'a str>,
}

/// The matrix of every journey, in the site's order (coverage.html and report.html).
pub fn matrices(site: &Site) -> Vec<Matrix<'_>> {
    let label = |key: &'static str| escape_html(i18n::label(site.config.language, key));
    // The same for every empty cell of every matrix: most cells of a large study are empty.
    // The dash before the words is the stylesheet's (`.coverage-empty::before`), hidden from screen readers.
    let empty_cell = format!("<td class=\"coverage-empty\">{}</td>", label("coverage_empty_cell_hint"));
    let words = CellWords {
        insight: label("coverage_insight"),
        insights: label("coverage_insights"),
        source: label("coverage_source"),
        sources: label("coverage_sources"),
    };
    let persona_at: HashMap<&str, usize> = site.personas.iter().enumerate().map(|(n, p)| (p.id.as_str(), n)).collect();
    let journey_at: HashMap<&str, usize> = site.journeys.iter().enumerate().map(|(n, j)| (j.id.as_str(), n)).collect();
    // Per journey, one tally per persona × stage (row-major): one pass over the insights, not one per cell.
    let mut tallies: Vec<Vec<Tally>> =
        site.journeys.iter().map(|j| vec![Tally::default(); site.personas.len() * j.data.stages.len()]).collect();
    for (n, i) in site.insights.iter().enumerate() {
        let (Some(j), Some(s)) = (i.data.journey.as_deref(), i.data.stage.as_deref()) else { continue };
        let Some(&ji) = journey_at.get(j) else { continue };
        let stages = &site.journeys[ji].data.stages;
        let Some(si) = stages.iter().position(|st| st.id == s) else { continue };
        for p in &i.data.personas {
            let Some(&pi) = persona_at.get(p.as_str()) else { continue };
            let t = &mut tallies[ji][pi * stages.len() + si];
            if t.last == Some(n) {
                continue;
            }
            t.last = Some(n);
            t.insights += 1;
            for e in &i.data.evidence {
                if let Some(src) = e.source.as_deref().map(str::trim).filter(|src| !src.is_empty()) {
                    if !t.sources.contains(&src) {
                        t.sources.push(src);
                    }
                }
            }
        }
    }
    // Each persona's row head and hash part, made once for every journey.
    let heads: Vec<(String, String)> = site
        .personas
        .iter()
        .map(|p| {
            let mut th = String::from("<tr>\n<th scope=\"row\"><a href=\"");
            push_escaped(&mut th, &crate::render::url(RefKind::Persona, &p.id));
            th.push_str("\">");
            push_escaped(&mut th, &p.data.name);
            th.push_str("</a></th>");
            (th, enc(&p.id))
        })
        .collect();
    site.journeys
        .iter()
        .zip(&tallies)
        .map(|(j, tallies)| {
            let stages = &j.data.stages;
            // The fullest cell of the journey sets its shades.
            let most = tallies.iter().map(|t| t.insights).max().unwrap_or(0);
            let hash_tails: Vec<String> = stages.iter().map(|s| format!("{}/{}", enc(&j.id), enc(&s.id))).collect();
            let mut rows_html = String::with_capacity(heads.len() * (64 + stages.len() * empty_cell.len()));
            for (pi, (th, persona)) in heads.iter().enumerate() {
                let row = &tallies[pi * stages.len()..(pi + 1) * stages.len()];
                rows_html.push_str(th);
                for (t, tail) in row.iter().zip(&hash_tails) {
                    if t.insights == 0 {
                        rows_html.push_str(&empty_cell);
                    } else {
                        let state = filter_state(persona, tail);
                        words.push_cell(&mut rows_html, &state, shade(t.insights, most), t.insights, t.sources.len());
                    }
                }
                rows_html.push_str("</tr>\n");
            }
            Matrix {
                journey: Link::new(RefKind::Journey, &j.id, &j.data.title),
                stages: stages.iter().map(|s| StageHead { id: &s.id, name: &s.name }).collect(),
                rows_html,
            }
        })
        .collect()
}

/// The nouns of a cell's counts, escaped.
struct CellWords {
    insight: String,
    insights: String,
    source: String,
    sources: String,
}

impl CellWords {
    /// Appends the `<td>` of a cell with insights: its counts, shaded,
    /// linking to the insights list filtered to it (`state`: the filter
    /// hash, escaped for an attribute).
    fn push_cell(&self, out: &mut String, state: &str, shade: usize, insights: usize, sources: usize) {
        let insight_word = if insights == 1 { &self.insight } else { &self.insights };
        let source_word = if sources == 1 { &self.source } else { &self.sources };
        out.push_str(&format!(
            "<td class=\"coverage-cell shade-{shade}\"><a href=\"insights.html#{state}\">\
             <span class=\"coverage-n\">{insights} {insight_word}</span> \
             <span class=\"coverage-src\">{sources} {source_word}</span></a></td>"
        ));
    }
}

/// The shade of a cell with `n` insights when the fullest cell has `most`:
/// 0 when empty, else 1 to [`SHADES`] in equal steps.
fn shade(n: usize, most: usize) -> usize {
    if n == 0 || most == 0 {
        return 0;
    }
    (n * SHADES).div_ceil(most).clamp(1, SHADES)
}

#[cfg(test)]
mod tests {
    #[test]
    fn shades_grow_with_the_count_and_empty_cells_have_none() {
        assert_eq!(super::shade(0, 5), 0);
        assert_eq!(super::shade(1, 1), 4);
        assert_eq!(super::shade(1, 4), 1);
        assert_eq!(super::shade(2, 4), 2);
        assert_eq!(super::shade(4, 4), 4);
        assert_eq!(super::shade(1, 8), 1);
    }

    #[test]
    fn cell_filters_use_the_keys_insights_js_reads_and_encode_ids() {
        let stage = format!("{}/{}", super::enc("move"), super::enc("sign-up"));
        assert_eq!(super::filter_state(&super::enc("sanne"), &stage), "persona=sanne&amp;stage=move/sign-up");
        assert_eq!(super::enc("a b/é~x_1.2"), "a%20b%2F%C3%A9~x_1.2");
    }
}
