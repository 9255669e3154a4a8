//! Step 3 of the pipeline: the numbers. Pure functions, no I/O.

pub mod kano;
pub mod nps;

use std::collections::BTreeMap;

use crate::link::Site;
use crate::model::kano::{category, total, KanoCategory, Tally};

/// The computed view of one Kano feature.
#[derive(Debug, Clone)]
pub struct FeatureResult {
    /// Feature id.
    pub id: String,
    /// Display name.
    pub name: String,
    /// The category used: computed from answers, else the stated one.
    pub category: KanoCategory,
    /// True when `category` comes from answers.
    pub computed: bool,
    /// The answers, when there are any.
    pub tally: Option<Tally>,
    /// Number of answers.
    pub n: u64,
    /// Better coefficient.
    pub better: Option<f64>,
    /// Worse coefficient (≤ 0).
    pub worse: Option<f64>,
    /// % top category − % runner-up.
    pub strength: Option<f64>,
    /// Fong test: are the top two significantly different?
    pub significant: Option<bool>,
    /// Self-stated importance.
    pub importance: Option<f64>,
    /// Category per year.
    pub history: BTreeMap<i64, KanoCategory>,
}

impl FeatureResult {
    /// Computes a feature's view from its answers (if any) and stated category.
    pub fn compute(
        id: &str,
        name: &str,
        tally: Option<Tally>,
        stated: Option<KanoCategory>,
        importance: Option<f64>,
        history: BTreeMap<i64, KanoCategory>,
    ) -> FeatureResult {
        let computed = tally.as_ref().and_then(category);
        FeatureResult {
            id: id.to_string(),
            name: name.to_string(),
            category: computed.or(stated).unwrap_or(KanoCategory::Indifferent),
            computed: computed.is_some(),
            n: tally.as_ref().map_or(0, total),
            better: tally.as_ref().and_then(kano::better),
            worse: tally.as_ref().and_then(kano::worse),
            strength: tally.as_ref().and_then(kano::strength),
            significant: tally.as_ref().and_then(kano::fong_significant),
            tally,
            importance,
            history,
        }
    }
}

/// The computed view of one NPS period.
#[derive(Debug, Clone)]
pub struct PeriodResult {
    /// Period label.
    pub period: String,
    /// Promoters, passives, detractors.
    pub counts: nps::Counts,
    /// NPS, −100…100.
    pub nps: Option<i64>,
    /// 95 % margin of error in points.
    pub margin: Option<f64>,
    /// Counts of each score 0–10, when raw scores exist.
    pub distribution: Option<[u64; 11]>,
}

/// Every number the site shows, by study or series id.
#[derive(Debug, Clone, Default)]
pub struct Results {
    /// Kano study id → its features.
    pub kano: BTreeMap<String, Vec<FeatureResult>>,
    /// NPS series id → its periods.
    pub nps: BTreeMap<String, Vec<PeriodResult>>,
}

/// Computes Kano and NPS results for the whole site.
pub fn analyse(site: &Site) -> Results {
    let mut results = Results::default();
    for study in &site.kano {
        let features = study
            .data
            .features
            .iter()
            .map(|f| {
                let tally = site.kano_csv.get(&(study.id.clone(), f.id.clone())).copied().or(f.answers);
                FeatureResult::compute(&f.id, &f.name, tally, f.category, f.importance, f.history.clone())
            })
            .collect();
        results.kano.insert(study.id.clone(), features);
    }
    for series in &site.nps {
        let periods = series
            .data
            .measurements
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let scores = site.nps_scores.get(&(series.id.clone(), i));
                let counts = match scores {
                    Some(s) => nps::Counts::from_scores(s),
                    None => nps::Counts {
                        promoters: m.promoters.unwrap_or(0),
                        passives: m.passives.unwrap_or(0),
                        detractors: m.detractors.unwrap_or(0),
                    },
                };
                let distribution = scores.map(|s| {
                    let mut d = [0u64; 11];
                    for &x in s {
                        d[usize::from(x.min(10))] += 1;
                    }
                    d
                });
                PeriodResult {
                    period: m.period.clone(),
                    counts,
                    nps: counts.nps(),
                    margin: counts.margin_of_error(),
                    distribution,
                }
            })
            .collect();
        results.nps.insert(series.id.clone(), periods);
    }
    results
}
