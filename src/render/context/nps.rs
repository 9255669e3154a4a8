//! NPS series: the card with every computed period, the list entry and
//! embed (card and trend chart), and the page (card and every chart).

use serde::Serialize;

use super::super::{url, PageResolver};
use super::numbers::display_minus;
use crate::analysis::{PeriodResult, Results};
use crate::link::Site;
use crate::model::RefKind;

/// An NPS series with its computed periods (flattened into every NPS shape).
#[derive(Serialize)]
pub struct NpsCard<'a> {
    /// The id (the file stem).
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// The series' page, site-relative.
    pub url: String,
    /// Every period, in order.
    pub periods: Vec<Period<'a>>,
    /// The last period, or null.
    pub latest: Option<Period<'a>>,
}

/// One period of an NPS series. Numbers that need a format are text.
#[derive(Serialize, Clone)]
pub struct Period<'a> {
    /// The period's name.
    pub period: &'a str,
    /// Promoters (9–10).
    pub promoters: u64,
    /// Passives (7–8).
    pub passives: u64,
    /// Detractors (0–6).
    pub detractors: u64,
    /// Everyone who answered.
    pub respondents: u64,
    /// The score with an ASCII minus, or null without respondents.
    pub nps: Option<String>,
    /// The score for display (Unicode minus), or null.
    pub nps_text: Option<String>,
    /// The margin of error, one decimal, or null.
    pub margin: Option<String>,
    /// The same for display: a decimal comma in Dutch.
    pub margin_text: Option<String>,
    /// Whether the counts come from individual scores.
    pub from_scores: bool,
    /// How many gave each score 0 … 10, or null without scores.
    pub distribution: Option<[u64; 11]>,
}

/// An NPS series with one chart: an entry of `series` on nps-list.html
/// (the trend, or null) and `item` of embeds/nps.html (the trend).
#[derive(Serialize)]
pub struct NpsWithChart<'a> {
    /// The series.
    #[serde(flatten)]
    pub card: NpsCard<'a>,
    /// The trend chart (SVG).
    pub chart: Option<String>,
}

/// `series` of nps.html.
#[derive(Serialize)]
pub struct NpsDetail<'a> {
    /// The series.
    #[serde(flatten)]
    pub card: NpsCard<'a>,
    /// `description` as HTML, or null.
    pub description_html: Option<String>,
    /// Every chart of the series, or null.
    pub charts: Option<NpsChartSet<'a>>,
}

/// Every chart of an NPS series (SVGs).
#[derive(Serialize)]
pub struct NpsChartSet<'a> {
    /// The score over the periods.
    pub trend: &'a str,
    /// Promoters, passives and detractors per period.
    pub mix: &'a str,
    /// The score distribution of each period that has individual scores.
    pub distributions: Vec<Distribution<'a>>,
}

/// One period's score distribution.
#[derive(Serialize)]
pub struct Distribution<'a> {
    /// The period's name, or null.
    pub period: Option<&'a str>,
    /// The chart (SVG).
    pub chart: &'a str,
}

fn period(lang: crate::config::Language, p: &PeriodResult) -> Period<'_> {
    let nps = p.nps.map(|n| n.to_string());
    Period {
        period: &p.period,
        promoters: p.counts.promoters,
        passives: p.counts.passives,
        detractors: p.counts.detractors,
        respondents: p.counts.respondents(),
        nps_text: nps.as_deref().map(display_minus),
        nps,
        margin: p.margin.map(|m| format!("{m:.1}")),
        margin_text: p.margin.map(|m| crate::render::charts::decimal(lang, m, 1)),
        from_scores: p.distribution.is_some(),
        distribution: p.distribution,
    }
}

/// The card of the `i`-th NPS series.
pub fn card<'a>(site: &'a Site, results: &'a Results, i: usize) -> NpsCard<'a> {
    let n = &site.nps[i];
    let periods: Vec<Period> = results
        .nps
        .get(&n.id)
        .map(|ps| ps.iter().map(|p| period(site.config.language, p)).collect())
        .unwrap_or_default();
    let latest = periods.last().cloned();
    NpsCard { id: &n.id, title: &n.data.title, url: url(RefKind::Nps, &n.id), periods, latest }
}

/// The page data of the `i`-th NPS series.
pub fn detail<'a>(site: &'a Site, results: &'a Results, pr: &PageResolver<'a, '_>, i: usize) -> NpsDetail<'a> {
    let n = &site.nps[i];
    let computed = results.nps.get(&n.id);
    NpsDetail {
        card: card(site, results, i),
        description_html: n.data.description.as_deref().map(|d| pr.markdown(d, "nps", &n.file.rel)),
        charts: pr.r.nps_charts.get(i).map(|c| NpsChartSet {
            trend: &c.trend,
            mix: &c.mix,
            distributions: c
                .distributions
                .iter()
                .map(|(p, svg)| Distribution {
                    period: computed.and_then(|ps| ps.get(*p)).map(|x| x.period.as_str()),
                    chart: svg,
                })
                .collect(),
        }),
    }
}

/// The context of nps-list.html.
#[derive(Serialize)]
pub struct NpsListContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// Every series with its trend chart.
    pub series: Vec<NpsWithChart<'a>>,
}

/// The context of nps.html.
#[derive(Serialize)]
pub struct NpsContext<'a> {
    /// The series' title.
    pub page_title: &'a str,
    /// The series.
    pub series: NpsDetail<'a>,
}
