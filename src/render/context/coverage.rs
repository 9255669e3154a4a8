//! coverage.html (issue 14): where the study is thin. Per journey a matrix of
//! personas × stages, each cell the insights that name the persona and sit in
//! the stage and the distinct sources behind them; below it the gaps (stages
//! and personas without insights, insights without a layer or evidence,
//! sources no insight uses) and the mix of evidence by method.

use std::collections::{BTreeSet, HashMap};

use serde::Serialize;

use super::links::Link;
use crate::i18n;
use crate::link::Site;
use crate::model::research::evidence_type;
use crate::model::{EvidenceType, Insight, Item, RefKind};

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
    /// One row per persona of the site.
    pub rows: Vec<Row<'a>>,
}

/// A column head of a matrix.
#[derive(Serialize)]
pub struct StageHead<'a> {
    /// The stage id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
}

/// One persona's row of a matrix.
#[derive(Serialize)]
pub struct Row<'a> {
    /// The persona, linked to its page.
    pub persona: Link<'a>,
    /// One `<td>` per stage, in the order of `stages`, made here rather than
    /// in the template: a study of 10,000 insights has some 60,000 cells, and
    /// a template object per cell made coverage.html the most expensive page
    /// of the build. Links are relative to the site root (coverage.html and
    /// report.html are both there); text is escaped.
    pub cells_html: String,
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

/// The filter hash of insights.html for a persona in a stage (the keys insights.js reads).
pub fn cell_url(persona: &str, journey: &str, stage: &str) -> String {
    let enc = |s: &str| {
        s.bytes()
            .map(|b| {
                if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                    (b as char).to_string()
                } else {
                    format!("%{b:02X}")
                }
            })
            .collect::<String>()
    };
    format!("insights.html#persona={}&stage={}/{}", enc(persona), enc(journey), enc(stage))
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

/// The matrix of every journey, in the site's order (coverage.html and report.html).
pub fn matrices(site: &Site) -> Vec<Matrix<'_>> {
    let label = |key: &'static str| i18n::label(site.config.language, key);
    let noun =
        |n: usize, one: &'static str, many: &'static str| format!("{n} {}", label(if n == 1 { one } else { many }));
    // The same for every empty cell of every matrix: most cells of a large study are empty.
    let empty_cell = format!(
        "<td class=\"coverage-cell coverage-empty\"><span aria-hidden=\"true\">–</span> {}</td>",
        crate::html::escape_html(label("coverage_empty_cell_hint"))
    );
    // Every insight filed once under each (journey, stage, persona) it names: one pass, not one per cell.
    let mut by_cell: HashMap<(&str, &str, &str), Vec<&Item<Insight>>> = HashMap::new();
    for i in &site.insights {
        if let (Some(j), Some(s)) = (i.data.journey.as_deref(), i.data.stage.as_deref()) {
            for p in &i.data.personas {
                let here = by_cell.entry((j, s, p.as_str())).or_default();
                if !here.last().is_some_and(|last| std::ptr::eq(*last, i)) {
                    here.push(i);
                }
            }
        }
    }
    // The fullest cell of each journey sets its shades.
    let mut most: HashMap<&str, usize> = HashMap::new();
    for ((j, _, _), here) in &by_cell {
        let m = most.entry(j).or_default();
        *m = (*m).max(here.len());
    }
    site.journeys
        .iter()
        .map(|j| {
            let most = most.get(j.id.as_str()).copied().unwrap_or(0);
            let rows = site
                .personas
                .iter()
                .map(|p| {
                    let mut cells_html = String::with_capacity(j.data.stages.len() * empty_cell.len());
                    for s in &j.data.stages {
                        match by_cell.get(&(j.id.as_str(), s.id.as_str(), p.id.as_str())) {
                            None => cells_html.push_str(&empty_cell),
                            Some(here) => push_cell(
                                &mut cells_html,
                                &cell_url(&p.id, &j.id, &s.id),
                                shade(here.len(), most),
                                &noun(here.len(), "coverage_insight", "coverage_insights"),
                                &noun(distinct_sources(here), "coverage_source", "coverage_sources"),
                            ),
                        }
                    }
                    Row { persona: Link::new(RefKind::Persona, &p.id, &p.data.name), cells_html }
                })
                .collect();
            Matrix {
                journey: Link::new(RefKind::Journey, &j.id, &j.data.title),
                stages: j.data.stages.iter().map(|s| StageHead { id: &s.id, name: &s.name }).collect(),
                rows,
            }
        })
        .collect()
}

/// Appends the `<td>` of a cell with insights: its counts, shaded, linking
/// to the insights list filtered to it.
fn push_cell(out: &mut String, url: &str, shade: usize, insights_text: &str, sources_text: &str) {
    use crate::html::escape_html as esc;
    let state = url.rsplit('#').next().unwrap_or_default();
    out.push_str(&format!(
        "<td class=\"coverage-cell shade-{shade}\"><a href=\"{}\" data-cxsite-filter-state=\"{}\">\
         <span class=\"coverage-n\">{}</span> <span class=\"coverage-src\">{}</span></a></td>",
        esc(url),
        esc(state),
        esc(insights_text),
        esc(sources_text)
    ));
}

/// Distinct non-empty `source` values of the evidence of `insights`.
fn distinct_sources(insights: &[&Item<Insight>]) -> usize {
    let mut seen = BTreeSet::new();
    for e in insights.iter().flat_map(|i| &i.data.evidence) {
        if let Some(s) = e.source.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
            seen.insert(s);
        }
    }
    seen.len()
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
    fn cell_urls_use_the_keys_insights_js_reads() {
        assert_eq!(super::cell_url("sanne", "move", "sign-up"), "insights.html#persona=sanne&stage=move/sign-up");
    }
}
