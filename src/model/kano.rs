//! Kano studies (SPEC §6): the study as written, the questionnaire's
//! answers, the evaluation table and the category of a tally (its mode).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::Choices;

/// A Kano study as written in `kano/*.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
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
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
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
    #[schemars(range(min = 1, max = 5))]
    pub importance: Option<f64>,
    /// Category per year: how the feature drifted.
    #[serde(default)]
    pub history: BTreeMap<i64, KanoCategory>,
}

/// Answer counts per Kano category.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
#[allow(non_snake_case)]
pub struct Tally {
    /// Attractive (delight).
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub A: u64,
    /// One-dimensional (performance).
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub O: u64,
    /// Must-be (basic).
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub M: u64,
    /// Indifferent.
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub I: u64,
    /// Reverse.
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub R: u64,
    /// Questionable.
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub Q: u64,
}

/// The Kano categories.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, schemars::JsonSchema)]
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
    /// Every category in the order charts and tables use, which is also the
    /// precedence of ties in [`ranked`]: M > O > A > I > R > Q.
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

/// One answer of the functional or dysfunctional question.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// "I like it that way."
    Like,
    /// "It must be that way."
    Expect,
    /// "I am neutral."
    Neutral,
    /// "I can live with it that way."
    Tolerate,
    /// "I dislike it that way."
    Dislike,
}

impl Answer {
    /// The accepted spellings, for error messages.
    pub const CHOICES: &'static str = "like, expect, neutral, tolerate, dislike (or 1–5 in that order)";

    /// Every accepted spelling (lower case) and the answer it means.
    pub const SPELLINGS: [(&'static str, Answer); 12] = [
        ("like", Answer::Like),
        ("1", Answer::Like),
        ("expect", Answer::Expect),
        ("must-be", Answer::Expect),
        ("2", Answer::Expect),
        ("neutral", Answer::Neutral),
        ("3", Answer::Neutral),
        ("tolerate", Answer::Tolerate),
        ("live-with", Answer::Tolerate),
        ("4", Answer::Tolerate),
        ("dislike", Answer::Dislike),
        ("5", Answer::Dislike),
    ];

    /// Parses `like`…`dislike` or `1`…`5` (case and surrounding space ignored).
    pub fn parse(s: &str) -> Option<Answer> {
        let s = s.trim().to_ascii_lowercase();
        Answer::SPELLINGS.iter().find(|(spelling, _)| *spelling == s).map(|(_, a)| *a)
    }

    fn index(self) -> usize {
        self as usize
    }
}

/// The standard Kano evaluation table: functional answer (row) ×
/// dysfunctional answer (column) → category.
pub fn evaluate(functional: Answer, dysfunctional: Answer) -> KanoCategory {
    use KanoCategory::{Basic as M, Delight as A, Indifferent as I, Performance as O, Questionable as Q, Reverse as R};
    const TABLE: [[KanoCategory; 5]; 5] = [
        // like  expect neutral tolerate dislike   (dysfunctional)
        [Q, A, A, A, O], // like
        [R, I, I, I, M], // expect
        [R, I, I, I, M], // neutral
        [R, I, I, I, M], // tolerate
        [R, R, R, R, Q], // dislike
    ];
    TABLE[functional.index()][dysfunctional.index()]
}

/// The counter of `category` in a tally.
fn counter(tally: &mut Tally, category: KanoCategory) -> &mut u64 {
    match category {
        KanoCategory::Delight => &mut tally.A,
        KanoCategory::Performance => &mut tally.O,
        KanoCategory::Basic => &mut tally.M,
        KanoCategory::Indifferent => &mut tally.I,
        KanoCategory::Reverse => &mut tally.R,
        KanoCategory::Questionable => &mut tally.Q,
    }
}

/// Adds one classified answer pair to a tally (saturating: a tally never wraps).
pub fn add(tally: &mut Tally, category: KanoCategory) {
    let slot = counter(tally, category);
    *slot = slot.saturating_add(1);
}

/// Count of one category in a tally.
pub fn count(tally: &Tally, category: KanoCategory) -> u64 {
    let mut copy = *tally;
    *counter(&mut copy, category)
}

/// A sum of counts, `None` when it would overflow.
pub fn checked_sum(counts: &[u64]) -> Option<u64> {
    counts.iter().try_fold(0u64, |acc, &n| acc.checked_add(n))
}

/// All answers in a tally, `None` when the sum would overflow (checking
/// refuses counts above [`MAX_COUNT`](super::MAX_COUNT), so it does not).
pub fn checked_total(tally: &Tally) -> Option<u64> {
    checked_sum(&[tally.A, tally.O, tally.M, tally.I, tally.R, tally.Q])
}

/// All answers in a tally (`u64::MAX` if the sum would overflow).
pub fn total(tally: &Tally) -> u64 {
    checked_total(tally).unwrap_or(u64::MAX)
}

/// The categories ordered by count, most first; ties by M > O > A > I > R > Q.
pub fn ranked(tally: &Tally) -> Vec<(KanoCategory, u64)> {
    let mut v: Vec<(KanoCategory, u64)> = KanoCategory::ALL.iter().map(|&c| (c, count(tally, c))).collect();
    // A stable sort keeps the tie order among equal counts.
    v.sort_by_key(|&(_, n)| std::cmp::Reverse(n));
    v
}

/// The category of a tally: the mode, ties broken M > O > A > I. `None` without answers.
pub fn category(tally: &Tally) -> Option<KanoCategory> {
    if checked_total(tally)? == 0 {
        return None;
    }
    ranked(tally).first().map(|&(c, _)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn evaluation_table_corners() {
        use Answer::*;
        assert_eq!(evaluate(Like, Dislike), KanoCategory::Performance);
        assert_eq!(evaluate(Like, Neutral), KanoCategory::Delight);
        assert_eq!(evaluate(Neutral, Dislike), KanoCategory::Basic);
        assert_eq!(evaluate(Neutral, Neutral), KanoCategory::Indifferent);
        assert_eq!(evaluate(Dislike, Like), KanoCategory::Reverse);
        assert_eq!(evaluate(Like, Like), KanoCategory::Questionable);
        assert_eq!(Answer::parse(" Expect "), Some(Expect));
        assert_eq!(Answer::parse("4"), Some(Tolerate));
        assert_eq!(Answer::parse("maybe"), None);
    }
}
