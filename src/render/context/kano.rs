//! Kano studies: the card with every computed feature, the list entry and
//! embed (card and diagram), and the page (card and every chart).

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::charts::kano_shares::strength_text;
use super::super::{url, PageResolver};
use super::numbers::fixed2;
use crate::analysis::{FeatureResult, Results};
use crate::link::Site;
use crate::model::{kano::Tally, RefKind};

/// A Kano study with its computed features (flattened into every Kano shape).
#[derive(Serialize)]
pub struct KanoCard<'a> {
    /// The id (the file stem).
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// The study's page, site-relative.
    pub url: String,
    /// Every feature with its result.
    pub features: Vec<Feature<'a>>,
    /// How many features fall in each category (only categories that occur).
    pub category_counts: BTreeMap<&'static str, usize>,
    /// The most respondents of any feature.
    pub respondents: u64,
    /// Whether any feature has a history of earlier categories.
    pub has_history: bool,
}

/// One feature of a Kano study. Numbers are text, written the same in every theme.
#[derive(Serialize)]
pub struct Feature<'a> {
    /// The feature's id.
    pub id: &'a str,
    /// Its name.
    pub name: &'a str,
    /// Its category (`basic`, `performance`, `delight`, `indifferent`, `reverse`, `questionable`).
    pub category: &'static str,
    /// Whether the category is computed from answers (false: stated).
    pub computed: bool,
    /// Better, two decimals with an ASCII minus, or null.
    pub better: Option<String>,
    /// Worse, two decimals with an ASCII minus, or null.
    pub worse: Option<String>,
    /// Better for display, or null.
    pub better_text: Option<String>,
    /// Worse for display (Unicode minus), or null.
    pub worse_text: Option<String>,
    /// How many answered.
    pub n: u64,
    /// Answers per category letter (`A`, `O`, `M`, `I`, `R`, `Q`), or null.
    pub tally: Option<Tally>,
    /// How clearly the category wins, as a whole percentage, or null.
    pub strength: Option<String>,
    /// Whether the category is statistically significant, or null.
    pub significant: Option<bool>,
    /// Stated importance, one decimal (a comma in Dutch), or null.
    pub importance: Option<String>,
    /// Earlier categories by year.
    pub history: Vec<HistoryEntry>,
}

/// A feature's category in an earlier year.
#[derive(Serialize)]
pub struct HistoryEntry {
    /// The year.
    pub year: i64,
    /// The category then.
    pub category: &'static str,
}

/// A Kano study with one chart: an entry of `studies` on kano-list.html
/// (the diagram, or null) and `item` of embeds/kano.html (the diagram).
#[derive(Serialize)]
pub struct KanoWithChart<'a> {
    /// The study.
    #[serde(flatten)]
    pub card: KanoCard<'a>,
    /// The Kano diagram (SVG).
    pub chart: Option<String>,
}

/// `study` of kano.html.
#[derive(Serialize)]
pub struct KanoDetail<'a> {
    /// The study.
    #[serde(flatten)]
    pub card: KanoCard<'a>,
    /// `description` as HTML, or null.
    pub description_html: Option<String>,
    /// Every chart of the study, or null.
    pub charts: Option<KanoChartSet<'a>>,
}

/// Every chart of a Kano study (SVGs).
#[derive(Serialize)]
pub struct KanoChartSet<'a> {
    /// The Kano diagram.
    pub diagram: &'a str,
    /// Better against worse.
    pub better_worse: &'a str,
    /// The category shares per feature.
    pub shares: &'a str,
    /// How categories moved over the years, or null.
    pub drift: Option<&'a str>,
}

fn feature(lang: crate::config::Language, f: &FeatureResult) -> Feature<'_> {
    let num = |x: Option<f64>| x.map(fixed2);
    // Shown as the charts show them: a decimal comma in Dutch.
    let shown = |x: Option<f64>, places| x.map(|x| crate::render::charts::decimal(lang, x, places));
    Feature {
        id: &f.id,
        name: &f.name,
        category: f.category.as_str(),
        computed: f.computed,
        better: num(f.better),
        worse: num(f.worse),
        better_text: shown(f.better, 2),
        worse_text: shown(f.worse, 2),
        n: f.n,
        tally: f.tally,
        strength: f.strength.map(strength_text),
        significant: f.significant,
        importance: shown(f.importance, 1),
        history: f.history.iter().map(|(y, c)| HistoryEntry { year: *y, category: c.as_str() }).collect(),
    }
}

/// The card of the `i`-th Kano study.
pub fn card<'a>(site: &'a Site, results: &'a Results, i: usize) -> KanoCard<'a> {
    let k = &site.kano[i];
    let computed = results.kano.get(&k.id).map(Vec::as_slice).unwrap_or_default();
    let mut category_counts = BTreeMap::new();
    for f in computed {
        *category_counts.entry(f.category.as_str()).or_insert(0) += 1;
    }
    KanoCard {
        id: &k.id,
        title: &k.data.title,
        url: url(RefKind::Kano, &k.id),
        features: computed.iter().map(|f| feature(site.config.language, f)).collect(),
        category_counts,
        respondents: computed.iter().map(|f| f.n).max().unwrap_or(0),
        has_history: k.data.features.iter().any(|f| !f.history.is_empty()),
    }
}

/// The page data of the `i`-th Kano study.
pub fn detail<'a>(site: &'a Site, results: &'a Results, pr: &PageResolver<'a, '_>, i: usize) -> KanoDetail<'a> {
    let k = &site.kano[i];
    KanoDetail {
        card: card(site, results, i),
        description_html: k.data.description.as_deref().map(|d| pr.markdown(d, "kano", &k.file.rel)),
        charts: pr.r.kano_charts.get(i).map(|c| KanoChartSet {
            diagram: &c.diagram,
            better_worse: &c.better_worse,
            shares: &c.shares,
            drift: c.drift.as_deref(),
        }),
    }
}

/// The context of kano-list.html.
#[derive(Serialize)]
pub struct KanoListContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// Every study with its diagram.
    pub studies: Vec<KanoWithChart<'a>>,
}

/// The context of kano.html.
#[derive(Serialize)]
pub struct KanoContext<'a> {
    /// The study's title.
    pub page_title: &'a str,
    /// The study.
    pub study: KanoDetail<'a>,
}
