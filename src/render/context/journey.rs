//! Journeys: the card (lists, persona pages), the embed (card and diagrams)
//! and the page (every stage and step, the timeline as text).

use serde::Serialize;

use super::super::charts::journey::common::{emotion_class, emotion_text};
use super::super::{charts, url, PageResolver};
use super::journey_diagrams::{diagrams, insight_markers, JourneyDiagrams};
use super::links::{insight_links, InsightLink, Link};
use super::numbers::day_text;
use crate::config::Language;
use crate::link::Site;
use crate::model::{Item, Journey, RefKind, Stage, Step};

/// A journey's emotion sparkline: `sparkline` (SVG, or null when no step has
/// an emotion) and `has_sparkline`. Templates test the flag, because Tera
/// escapes a string just to test it in an `if`.
#[derive(Serialize)]
pub struct Sparkline {
    /// Whether `sparkline` is drawn.
    pub has_sparkline: bool,
    /// The sparkline (SVG), or null.
    pub sparkline: Option<String>,
}

/// The sparkline of journey `j` (with id `id`).
pub fn sparkline(id: &str, j: &Journey, lang: Language) -> Sparkline {
    let svg = charts::journey::sparkline::sparkline(id, j, lang);
    Sparkline { has_sparkline: svg.is_some(), sparkline: svg }
}

/// What a journey's card, embed and page all show.
#[derive(Serialize)]
pub struct JourneyHead<'a> {
    /// The id (the file stem).
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// The journey's page, site-relative.
    pub url: String,
    /// Its persona, or null.
    pub persona: Option<Link<'a>>,
    /// How many steps its stages hold together.
    pub step_count: usize,
    /// Its emotion sparkline.
    #[serde(flatten)]
    pub sparkline: Sparkline,
}

/// An entry of `journeys` on journeys.html.
#[derive(Serialize)]
pub struct JourneyCard<'a> {
    /// What card, embed and page share.
    #[serde(flatten)]
    pub head: JourneyHead<'a>,
    /// The stages in short.
    pub stages: Vec<StageSummary<'a>>,
}

/// A stage in short: `{ id, name, mot, steps }`.
#[derive(Serialize)]
pub struct StageSummary<'a> {
    /// The stage's id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its moment of truth, or null.
    pub mot: Option<&'static str>,
    /// How many steps it holds.
    pub steps: usize,
}

/// `item` of embeds/journey.html: the card and the diagrams.
#[derive(Serialize)]
pub struct JourneyEmbed<'a> {
    /// The card.
    #[serde(flatten)]
    pub card: JourneyCard<'a>,
    /// The diagrams.
    #[serde(flatten)]
    pub diagrams: JourneyDiagrams,
}

/// `journey` of journey.html.
#[derive(Serialize)]
pub struct JourneyDetail<'a> {
    /// What card, embed and page share.
    #[serde(flatten)]
    pub head: JourneyHead<'a>,
    /// `description` as HTML, or null.
    pub description_html: Option<String>,
    /// Every stage with its steps.
    pub stages: Vec<StageDetail<'a>>,
    /// The diagrams.
    #[serde(flatten)]
    pub diagrams: JourneyDiagrams,
    /// The timeline as text: every step with a day, in day order.
    pub timeline_rows: Vec<TimelineRow<'a>>,
}

/// A stage on the journey's page.
#[derive(Serialize)]
pub struct StageDetail<'a> {
    /// The stage's id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its moment of truth, or null.
    pub mot: Option<&'static str>,
    /// The insights that name this stage.
    pub insights: Vec<InsightLink<'a>>,
    /// Its steps.
    pub steps: Vec<StepDetail<'a>>,
}

/// A step on the journey's page.
#[derive(Serialize)]
pub struct StepDetail<'a> {
    /// The step's name.
    pub name: &'a str,
    /// Its type (`touchpoint` or `experience`).
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// Its day as text, or null.
    pub day: Option<String>,
    /// Its channel, or null.
    pub channel: Option<&'a str>,
    /// What the customer does, or null.
    pub doing: Option<&'a str>,
    /// What the customer thinks, or null.
    pub thinking: Option<&'a str>,
    /// The emotion (−2 … +2) as a number, or null.
    pub emotion: Option<i64>,
    /// The emotion as shown (`+2`, `0`, `−1`), or null.
    pub emotion_text: Option<String>,
    /// `neg`, `zero`, `pos` or `none`.
    pub emotion_class: &'static str,
    /// Pains.
    pub pains: &'a [String],
    /// Opportunities.
    pub opportunities: &'a [String],
    /// Owners.
    pub owners: &'a [String],
    /// The insights it lists, with their marker numbers.
    pub insights: Vec<NumberedLink<'a>>,
}

/// A link to an insight with its marker number on the journey map.
#[derive(Serialize)]
pub struct NumberedLink<'a> {
    /// The insight.
    #[serde(flatten)]
    pub link: Link<'a>,
    /// Its number on the map, or null.
    pub number: Option<usize>,
}

/// A step with a day, as a row of the timeline's text form.
#[derive(Serialize)]
pub struct TimelineRow<'a> {
    /// The day as text.
    pub day: String,
    /// The step's type.
    #[serde(rename = "type")]
    pub kind: &'static str,
    /// The step's name.
    pub name: &'a str,
    /// Its stage's name.
    pub stage: &'a str,
    /// The emotion as shown, or null.
    pub emotion: Option<String>,
    /// `neg`, `zero`, `pos` or `none`.
    pub emotion_class: &'static str,
}

fn head<'a>(site: &'a Site, j: &'a Item<Journey>) -> JourneyHead<'a> {
    let d = &j.data;
    JourneyHead {
        id: &j.id,
        title: &d.title,
        url: url(RefKind::Journey, &j.id),
        persona: d
            .persona
            .as_deref()
            .and_then(|p| site.persona(p))
            .map(|p| Link::new(RefKind::Persona, &p.id, &p.data.name)),
        step_count: d.stages.iter().map(|s| s.steps.len()).sum(),
        sparkline: sparkline(&j.id, d, site.config.language),
    }
}

/// The card of `j`.
pub fn card<'a>(site: &'a Site, j: &'a Item<Journey>) -> JourneyCard<'a> {
    let stages = j
        .data
        .stages
        .iter()
        .map(|s| StageSummary {
            id: &s.id,
            name: &s.name,
            mot: s.moment_of_truth.map(|m| m.as_str()),
            steps: s.steps.len(),
        })
        .collect();
    JourneyCard { head: head(site, j), stages }
}

/// `j` as an embed in a narrative or the report: the card and its diagrams.
pub fn embed<'a>(site: &'a Site, pr: &PageResolver, j: &'a Item<Journey>) -> JourneyEmbed<'a> {
    JourneyEmbed { card: card(site, j), diagrams: diagrams(site, pr, j) }
}

/// The page data of `j`.
pub fn detail<'a>(site: &'a Site, pr: &PageResolver, j: &'a Item<Journey>) -> JourneyDetail<'a> {
    let d = &j.data;
    let markers = insight_markers(site, "", d);
    let number = |id: &str| markers.list.iter().find(|m| m.id == id).map(|m| m.number);
    let step = |st: &'a Step| StepDetail {
        name: &st.name,
        kind: st.kind.as_str(),
        day: st.day.map(day_text),
        channel: st.channel.as_deref(),
        doing: st.doing.as_deref(),
        thinking: st.thinking.as_deref(),
        emotion: st.emotion,
        emotion_text: st.emotion.map(emotion_text),
        emotion_class: emotion_class(st.emotion),
        pains: &st.pains,
        opportunities: &st.opportunities,
        owners: &st.owners,
        insights: st
            .insights
            .iter()
            .filter_map(|id| site.insight(id))
            .map(|i| NumberedLink { link: Link::new(RefKind::Insight, &i.id, &i.data.title), number: number(&i.id) })
            .collect(),
    };
    let stages = d
        .stages
        .iter()
        .map(|s| StageDetail {
            id: &s.id,
            name: &s.name,
            mot: s.moment_of_truth.map(|m| m.as_str()),
            insights: site
                .backlinks
                .stage_insights
                .get(&(j.id.clone(), s.id.clone()))
                .map(|ids| insight_links(site, ids))
                .unwrap_or_default(),
            steps: s.steps.iter().map(step).collect(),
        })
        .collect();
    JourneyDetail {
        head: head(site, j),
        description_html: d.description.as_deref().map(|t| pr.markdown(t, "journey", &j.file.rel)),
        stages,
        diagrams: diagrams(site, pr, j),
        timeline_rows: timeline_rows(d),
    }
}

/// The timeline as text: every step with a day, in day order.
fn timeline_rows(d: &Journey) -> Vec<TimelineRow<'_>> {
    let mut timed: Vec<(f64, &Stage, &Step)> =
        d.stages.iter().flat_map(|s| s.steps.iter().filter_map(move |st| st.day.map(|day| (day, s, st)))).collect();
    timed.sort_by(|a, b| a.0.total_cmp(&b.0));
    timed
        .into_iter()
        .map(|(day, s, st)| TimelineRow {
            day: day_text(day),
            kind: st.kind.as_str(),
            name: &st.name,
            stage: &s.name,
            emotion: st.emotion.map(emotion_text),
            emotion_class: emotion_class(st.emotion),
        })
        .collect()
}

/// The context of journeys.html.
#[derive(Serialize)]
pub struct JourneysContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// Every journey's card.
    pub journeys: Vec<JourneyCard<'a>>,
}

/// The context of journey.html.
#[derive(Serialize)]
pub struct JourneyContext<'a> {
    /// The journey's title.
    pub page_title: &'a str,
    /// The journey.
    pub journey: JourneyDetail<'a>,
}
