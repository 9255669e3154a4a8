//! NPS series (SPEC §7).

use serde::{Deserialize, Serialize};

/// An NPS series as written in `nps/*.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NpsSeries {
    /// Title of the series.
    pub title: String,
    /// Markdown description.
    #[serde(default)]
    pub description: Option<String>,
    /// Measurements in time order.
    pub measurements: Vec<NpsMeasurement>,
}

/// One period: counts, or a CSV of raw scores.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NpsMeasurement {
    /// Label of the period, e.g. `2026-Q1`.
    pub period: String,
    /// Respondents scoring 9–10.
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub promoters: Option<u64>,
    /// Respondents scoring 7–8.
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub passives: Option<u64>,
    /// Respondents scoring 0–6.
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub detractors: Option<u64>,
    /// Project-relative path of a CSV with a `score` column.
    #[serde(default)]
    pub scores: Option<String>,
}
