//! Insights: the card (lists, embeds, search results), the page, and where
//! the insight sits on the journeys that name it.

use serde::Serialize;

use super::super::{charts, url, PageResolver};
use super::links::Link;
use super::numbers::day_text;
use crate::html::escape_html;
use crate::link::Site;
use crate::model::{insight::EvidenceType, Insight, Item, RefKind};

/// What an insight's card and its page both show.
#[derive(Serialize)]
pub struct InsightHead<'a> {
    /// The id (the file stem).
    pub id: &'a str,
    /// `new` or `changed` since the earlier delivery (with `since`), else null.
    pub change: Option<&'static str>,
    /// The title.
    pub title: &'a str,
    /// The summary (plain text).
    pub summary: &'a str,
    /// The insight's page, site-relative.
    pub url: String,
    /// `low`, `medium` or `high`.
    pub confidence: &'static str,
    /// `low`, `medium` or `high`.
    pub impact: &'static str,
    /// `draft`, `review` or `final`.
    pub status: &'static str,
    /// `internal: true` (only in an `--internal` build: a client build holds no internal item).
    pub internal: bool,
    /// The tags.
    pub tags: &'a [String],
    /// The date as written, or null.
    pub date: Option<&'a str>,
    /// The date written out in the site's language, or null.
    pub date_text: Option<String>,
    /// The personas it concerns (those that exist).
    pub personas: Vec<Link<'a>>,
    /// Its journey, or null.
    pub journey: Option<Link<'a>>,
    /// Its stage on that journey, or null.
    pub stage: Option<StageTag<'a>>,
}

/// A stage named by an insight: `{ id, name, mot }`.
#[derive(Serialize)]
pub struct StageTag<'a> {
    /// The stage's id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its moment of truth (`zmot`, `fmot`, `smot`, `umot`), or null.
    pub mot: Option<&'static str>,
}

/// A bias named by an insight's card: `{ id, name, url }`.
#[derive(Serialize)]
pub struct BiasTag<'a> {
    /// The bias's id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its entry on biases.html, site-relative.
    pub url: String,
}

/// `item` of partials/insight-card.html and embeds/insight.html.
#[derive(Serialize)]
pub struct InsightCard<'a> {
    /// What the card and the page share.
    #[serde(flatten)]
    pub head: InsightHead<'a>,
    /// The biases it names (those that exist).
    pub biases: Vec<BiasTag<'a>>,
    /// How many of the three layers are written.
    pub layers: usize,
}

/// `insight` of insight.html.
#[derive(Serialize)]
pub struct InsightDetail<'a> {
    /// What the card and the page share.
    #[serde(flatten)]
    pub head: InsightHead<'a>,
    /// The three layers, always in the order emotional, functional, breakthrough.
    pub layers: [Layer; 3],
    /// The evidence.
    pub evidence: Vec<Evidence<'a>>,
    /// How much evidence backs it ("4 quotes from 3 sources, 2 methods"), or null without evidence.
    pub strength: Option<super::source::StrengthLine>,
    /// The biases it names, with their descriptions.
    pub biases: Vec<BiasDetail<'a>>,
    /// The journey steps that list this insight.
    pub steps: Vec<StepMention<'a>>,
    /// The narratives that link to or embed it.
    pub narratives: Vec<Link<'a>>,
    /// A mini-map per journey that names it.
    pub journey_maps: Vec<JourneyMinimap<'a>>,
}

/// One layer of an insight: `{ key, html }`.
#[derive(Serialize)]
pub struct Layer {
    /// `emotional`, `functional` or `breakthrough`.
    pub key: &'static str,
    /// The layer's Markdown as HTML, or null when it is not written.
    pub html: Option<String>,
}

/// One piece of evidence.
#[derive(Serialize)]
pub struct Evidence<'a> {
    /// What a customer said, or null.
    pub quote: Option<&'a str>,
    /// A measured fact, or null.
    pub metric: Option<&'a str>,
    /// Where it comes from, or null: the source's title when the project has
    /// `sources.yaml`, the text as written otherwise.
    pub source: Option<&'a str>,
    /// The id of the source in `sources.yaml`, or null (no register).
    pub source_id: Option<&'a str>,
    /// The source's page, site-relative, or null (no register).
    pub source_url: Option<String>,
    /// The kind of research (`interview`, `survey`, …): the item's own, else
    /// its source's; or null.
    #[serde(rename = "type")]
    pub kind: Option<EvidenceType>,
    /// The deep metaphor it voices (`journey`, `control`, …), or null.
    pub metaphor: Option<&'static str>,
    /// `internal: true` (only in an `--internal` build: a client build holds no internal item).
    pub internal: bool,
}

/// A bias on an insight's page: `{ id, name, description, source, url }`.
#[derive(Serialize)]
pub struct BiasDetail<'a> {
    /// The bias's id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its one-line definition.
    pub description: &'a str,
    /// Where it comes from, or null.
    pub source: Option<&'a str>,
    /// Its entry on biases.html, site-relative.
    pub url: String,
}

/// A journey step that lists an insight.
#[derive(Serialize)]
pub struct StepMention<'a> {
    /// The journey.
    pub journey: Link<'a>,
    /// The stage's name.
    pub stage: &'a str,
    /// The step's name.
    pub step: &'a str,
    /// The step's day as text, or null.
    pub day: Option<String>,
    /// The step's type (`touchpoint` or `experience`).
    #[serde(rename = "type")]
    pub kind: &'static str,
}

/// Where an insight sits on one journey.
#[derive(Serialize)]
pub struct JourneyMinimap<'a> {
    /// The journey.
    pub journey: Link<'a>,
    /// The mini-map's markup: drawn in the page (`<svg>`) when steps of the
    /// journey name the insight, else the `<img>` of `image`.
    pub svg: String,
    /// The mini-map as a picture of its own, relative to the page: the
    /// journey's file with the insight's stage highlighted (or the plain one
    /// without a stage), shared by every insight there. Null when it is drawn
    /// in the page.
    pub image: Option<String>,
}

/// The card of `it`.
pub fn card<'a>(site: &'a Site, it: &'a Item<Insight>) -> InsightCard<'a> {
    let d = &it.data;
    let biases = d
        .biases
        .iter()
        .filter_map(|b| site.bias(b))
        .map(|b| BiasTag { id: &b.id, name: &b.name, url: url(RefKind::Bias, &b.id) })
        .collect();
    let layers = [&d.emotional, &d.functional, &d.breakthrough].iter().filter(|l| l.is_some()).count();
    InsightCard { head: head(site, it), biases, layers }
}

fn head<'a>(site: &'a Site, it: &'a Item<Insight>) -> InsightHead<'a> {
    let d = &it.data;
    let journey = d.journey.as_deref().and_then(|j| site.journey(j));
    let stage = journey.and_then(|j| d.stage.as_deref().and_then(|s| j.data.stages.iter().find(|st| st.id == s)));
    InsightHead {
        id: &it.id,
        change: site.changes.as_ref().and_then(|c| c.insight_status(&it.id)),
        title: &d.title,
        summary: &d.summary,
        url: url(RefKind::Insight, &it.id),
        confidence: d.confidence.as_str(),
        impact: d.impact.as_str(),
        status: d.status.as_str(),
        internal: d.internal,
        tags: &d.tags,
        date: d.date.as_deref(),
        date_text: d.date.as_deref().map(|x| crate::dates::long(site.config.language, x)),
        personas: d
            .personas
            .iter()
            .filter_map(|p| site.persona(p))
            .map(|p| Link::new(RefKind::Persona, &p.id, &p.data.name))
            .collect(),
        journey: journey.map(|j| Link::new(RefKind::Journey, &j.id, &j.data.title)),
        stage: stage.map(|s| StageTag { id: &s.id, name: &s.name, mot: s.moment_of_truth.map(|m| m.as_str()) }),
    }
}

/// The page data of `it`.
pub fn detail<'a>(site: &'a Site, pr: &PageResolver, it: &'a Item<Insight>) -> InsightDetail<'a> {
    let d = &it.data;
    let layer = |key: &'static str, text: &Option<String>| Layer {
        key,
        html: text.as_deref().filter(|t| !t.trim().is_empty()).map(|t| pr.markdown(t, key, &it.file.rel)),
    };
    let evidence = d
        .evidence
        .iter()
        .map(|e| {
            let register = site.sources.as_ref().map(|r| &*r.data);
            let known = e.source.as_deref().filter(|id| site.research_source(id).is_some());
            Evidence {
                quote: e.quote.as_deref(),
                metric: e.metric.as_deref(),
                source: e.source.as_deref().map(|s| site.source_label(s)),
                source_id: known,
                source_url: known.map(|id| url(RefKind::Source, id)),
                kind: crate::model::research::evidence_type(e, register),
                metaphor: e.metaphor.map(crate::model::Metaphor::as_str),
                internal: e.internal,
            }
        })
        .collect();
    let biases = d
        .biases
        .iter()
        .filter_map(|b| site.bias(b))
        .map(|b| BiasDetail {
            id: &b.id,
            name: &b.name,
            description: &b.description,
            source: b.source.as_deref(),
            url: url(RefKind::Bias, &b.id),
        })
        .collect();
    let steps = site
        .backlinks
        .insight_steps
        .get(&it.id)
        .map(|refs| {
            refs.iter()
                .filter_map(|r| {
                    let j = site.journey(&r.journey)?;
                    let stage = j.data.stages.get(r.stage)?;
                    let step = stage.steps.get(r.step)?;
                    Some(StepMention {
                        journey: Link::new(RefKind::Journey, &j.id, &j.data.title),
                        stage: &stage.name,
                        step: &step.name,
                        day: step.day.map(day_text),
                        kind: step.kind.as_str(),
                    })
                })
                .collect()
        })
        .unwrap_or_default();
    let narratives = site
        .backlinks
        .insight_narratives
        .get(&it.id)
        .map(|ids| {
            ids.iter()
                .filter_map(|n| site.narrative(n))
                .map(|n| Link::new(RefKind::Narrative, &n.id, &n.data.front.title))
                .collect()
        })
        .unwrap_or_default();
    InsightDetail {
        head: head(site, it),
        layers: [
            layer("emotional", &d.emotional),
            layer("functional", &d.functional),
            layer("breakthrough", &d.breakthrough),
        ],
        evidence,
        strength: super::source::strength_line(
            site.config.language,
            crate::model::research::Strength::of(&d.evidence, site.sources.as_ref().map(|r| &*r.data)),
        ),
        biases,
        steps,
        narratives,
        journey_maps: minimaps(site, pr, it),
    }
}

/// Where an insight sits: a mini-map per journey that names it (its own
/// `journey` first, then journeys whose steps list it).
fn minimaps<'a>(site: &'a Site, pr: &PageResolver, it: &Item<Insight>) -> Vec<JourneyMinimap<'a>> {
    let d = &it.data;
    let refs = site.backlinks.insight_steps.get(&it.id).map(Vec::as_slice).unwrap_or_default();
    let mut ids: Vec<&str> = d.journey.as_deref().filter(|j| site.journey(j).is_some()).into_iter().collect();
    for r in refs {
        if !ids.contains(&r.journey.as_str()) {
            ids.push(&r.journey);
        }
    }
    ids.iter()
        .filter_map(|id| site.journey(id))
        .map(|j| {
            let stage = if d.journey.as_deref() == Some(j.id.as_str()) { d.stage.as_deref() } else { None };
            let marked: Vec<(usize, usize)> =
                refs.iter().filter(|r| r.journey == j.id).map(|r| (r.stage, r.step)).collect();
            let journey = Link::new(RefKind::Journey, &j.id, &j.data.title);
            if marked.is_empty() {
                // Shared by every insight in that stage: a picture, not a drawing in each page.
                let where_label = crate::i18n::label(site.config.language, "where_in_journey");
                let in_stage = stage.and_then(|s| j.data.stages.iter().find(|x| x.id == s));
                let (path, alt) = match in_stage {
                    Some(s) => (crate::render::minimap_stage_path(&j.id, &s.id), format!("{where_label}: {}", s.name)),
                    None => (crate::render::minimap_path(&j.id), format!("{where_label}: {}", j.data.title)),
                };
                let src = format!("{}{path}", pr.root());
                let (image_width, image_height) = charts::journey::sparkline::minimap_file_size();
                // The same markup a template that prints `svg` has always shown the mini-map with.
                let svg = format!(
                    "<img class=\"journey-minimap\" src=\"{}\" width=\"{image_width}\" height=\"{image_height}\" alt=\"{}\">",
                    escape_html(&src),
                    escape_html(&alt)
                );
                return JourneyMinimap { journey, svg, image: Some(src) };
            }
            let key = format!("mini\0{}\0{}\0{:?}\0{}", j.id, stage.unwrap_or("\0"), marked, pr.root());
            let svg = pr.svg(key, || {
                let base = format!("{}{}", pr.root(), crate::render::minimap_path(&j.id));
                charts::journey::sparkline::minimap(&j.id, &j.data, site.config.language, stage, &marked, &base)
            });
            JourneyMinimap { journey, svg, image: None }
        })
        .collect()
}

/// `page_title` and `insight`: the context of insight.html.
#[derive(Serialize)]
pub struct InsightContext<'a> {
    /// The insight's title.
    pub page_title: &'a str,
    /// The insight.
    pub insight: InsightDetail<'a>,
}

/// The context of insights.html. The cards themselves are rendered once per
/// build and put where `cards_html` stands.
#[derive(Serialize)]
pub struct InsightsContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// How many insights the site has.
    pub card_count: usize,
    /// How many cards the page holds before its script shows more.
    pub cards_shown: usize,
    /// A marker for the cards: write it as `{{ cards_html | safe }}`.
    pub cards_html: &'static str,
    /// The filter form's choices.
    pub facets: &'a serde_json::Value,
    /// The search index's first file with its version (`search/index.js?v=…`),
    /// for the results list's `data-cxsite-script`.
    pub search_script: String,
}
