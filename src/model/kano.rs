//! Kano studies (SPEC §6).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Choices;

/// A Kano study as written in `kano/*.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KanoStudy {
    /// Title of the study.
    pub title: String,
    /// Markdown description.
    #[serde(default)]
    pub description: Option<String>,
    /// Project-relative path of a CSV of raw questionnaire answers.
    #[serde(default)]
    pub responses: Option<String>,
    /// The features asked about.
    pub features: Vec<KanoFeature>,
}

/// One feature of a study.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct KanoFeature {
    /// Unique inside the study.
    pub id: String,
    /// Display name.
    pub name: String,
    /// Stated category; computed from answers where those exist.
    #[serde(default)]
    pub category: Option<KanoCategory>,
    /// Tallies per category.
    #[serde(default)]
    pub answers: Option<Tally>,
    /// Self-stated importance, 1–5.
    #[serde(default)]
    pub importance: Option<f64>,
    /// Category per year: how the feature drifted.
    #[serde(default)]
    pub history: BTreeMap<i64, KanoCategory>,
}

/// Answer counts per Kano category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct Tally {
    /// Attractive (delight).
    #[serde(default)]
    pub A: u64,
    /// One-dimensional (performance).
    #[serde(default)]
    pub O: u64,
    /// Must-be (basic).
    #[serde(default)]
    pub M: u64,
    /// Indifferent.
    #[serde(default)]
    pub I: u64,
    /// Reverse.
    #[serde(default)]
    pub R: u64,
    /// Questionable.
    #[serde(default)]
    pub Q: u64,
}

/// The Kano categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum KanoCategory {
    /// Must-be (M): expected; absence dissatisfies.
    Basic,
    /// One-dimensional (O): more is better.
    Performance,
    /// Attractive (A): unexpected; presence delights.
    Delight,
    /// Indifferent (I).
    Indifferent,
    /// Reverse (R): customers prefer it absent.
    Reverse,
    /// Questionable (Q): contradictory answers.
    Questionable,
}

impl Choices for KanoCategory {
    const CHOICES: &'static [&'static str] =
        &["basic", "performance", "delight", "indifferent", "reverse", "questionable"];
}

impl KanoCategory {
    /// Every category in the order charts and tables use.
    pub const ALL: [KanoCategory; 6] = [
        KanoCategory::Basic,
        KanoCategory::Performance,
        KanoCategory::Delight,
        KanoCategory::Indifferent,
        KanoCategory::Reverse,
        KanoCategory::Questionable,
    ];

    /// The YAML spelling (also the CSS class).
    pub fn as_str(self) -> &'static str {
        match self {
            KanoCategory::Basic => "basic",
            KanoCategory::Performance => "performance",
            KanoCategory::Delight => "delight",
            KanoCategory::Indifferent => "indifferent",
            KanoCategory::Reverse => "reverse",
            KanoCategory::Questionable => "questionable",
        }
    }

    /// The one-letter code of the Kano literature (M, O, A, I, R, Q).
    pub fn letter(self) -> char {
        match self {
            KanoCategory::Basic => 'M',
            KanoCategory::Performance => 'O',
            KanoCategory::Delight => 'A',
            KanoCategory::Indifferent => 'I',
            KanoCategory::Reverse => 'R',
            KanoCategory::Questionable => 'Q',
        }
    }
}
