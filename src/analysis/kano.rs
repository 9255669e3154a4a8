//! The Kano model: the evaluation table, category by mode, Better/Worse
//! (Berger et al. 1993; Sauerwein et al. 1996) and the Fong test.

use crate::model::kano::{KanoCategory, Tally};

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

/// Adds one classified answer pair to a tally (saturating: a tally never wraps).
pub fn add(tally: &mut Tally, category: KanoCategory) {
    let slot = match category {
        KanoCategory::Delight => &mut tally.A,
        KanoCategory::Performance => &mut tally.O,
        KanoCategory::Basic => &mut tally.M,
        KanoCategory::Indifferent => &mut tally.I,
        KanoCategory::Reverse => &mut tally.R,
        KanoCategory::Questionable => &mut tally.Q,
    };
    *slot = slot.saturating_add(1);
}

/// Count of one category in a tally.
pub fn count(tally: &Tally, category: KanoCategory) -> u64 {
    match category {
        KanoCategory::Delight => tally.A,
        KanoCategory::Performance => tally.O,
        KanoCategory::Basic => tally.M,
        KanoCategory::Indifferent => tally.I,
        KanoCategory::Reverse => tally.R,
        KanoCategory::Questionable => tally.Q,
    }
}

/// A sum of counts, `None` when it would overflow.
fn sum(counts: &[u64]) -> Option<u64> {
    counts.iter().try_fold(0u64, |acc, &n| acc.checked_add(n))
}

/// All answers in a tally, `None` when the sum would overflow (checking
/// refuses counts above [`MAX_COUNT`](super::MAX_COUNT), so it does not).
pub fn checked_total(tally: &Tally) -> Option<u64> {
    sum(&[tally.A, tally.O, tally.M, tally.I, tally.R, tally.Q])
}

/// All answers in a tally (`u64::MAX` if the sum would overflow).
pub fn total(tally: &Tally) -> u64 {
    checked_total(tally).unwrap_or(u64::MAX)
}

/// Category precedence for ties: M > O > A > I > R > Q.
const TIE_ORDER: [KanoCategory; 6] = [
    KanoCategory::Basic,
    KanoCategory::Performance,
    KanoCategory::Delight,
    KanoCategory::Indifferent,
    KanoCategory::Reverse,
    KanoCategory::Questionable,
];

/// The categories ordered by count, most first; ties by M > O > A > I > R > Q.
pub fn ranked(tally: &Tally) -> Vec<(KanoCategory, u64)> {
    let mut v: Vec<(KanoCategory, u64)> = TIE_ORDER.iter().map(|&c| (c, count(tally, c))).collect();
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

/// Better = (A+O)/(A+O+M+I); `None` when A+O+M+I is 0 (or overflows).
pub fn better(tally: &Tally) -> Option<f64> {
    let d = sum(&[tally.A, tally.O, tally.M, tally.I])?;
    let up = sum(&[tally.A, tally.O])?;
    (d > 0).then(|| up as f64 / d as f64)
}

/// Worse = −(O+M)/(A+O+M+I); `None` when A+O+M+I is 0 (or overflows).
pub fn worse(tally: &Tally) -> Option<f64> {
    let d = sum(&[tally.A, tally.O, tally.M, tally.I])?;
    let down = sum(&[tally.O, tally.M])?;
    (d > 0).then(|| -(down as f64) / d as f64)
}

/// Category strength: share of the top category minus share of the runner-up, in %.
pub fn strength(tally: &Tally) -> Option<f64> {
    let n = checked_total(tally)?;
    if n == 0 {
        return None;
    }
    let r = ranked(tally);
    Some(100.0 * (r[0].1 as f64 - r[1].1 as f64) / n as f64)
}

/// Fong (1996): are the top two categories significantly different (α = 0.1)?
/// Not significant when |a − b| < 1.65·√((a + b)(2n − a − b)/(2n)).
pub fn fong_significant(tally: &Tally) -> Option<bool> {
    let n = checked_total(tally)? as f64;
    if n == 0.0 {
        return None;
    }
    let r = ranked(tally);
    let (a, b) = (r[0].1 as f64, r[1].1 as f64);
    let q = 1.65 * ((a + b) * (2.0 * n - a - b) / (2.0 * n)).sqrt();
    Some((a - b).abs() >= q)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(a: u64, o: u64, m: u64, i: u64) -> Tally {
        Tally { A: a, O: o, M: m, I: i, R: 0, Q: 0 }
    }

    #[test]
    fn sauerwein_edge_grip() {
        // Sauerwein et al. 1996, "edge grip": A7 O33 M50 I10 → Better 0.40, Worse −0.83.
        let edge = t(7, 33, 50, 10);
        assert_eq!(format!("{:.2}", better(&edge).unwrap()), "0.40");
        assert_eq!(format!("{:.2}", worse(&edge).unwrap()), "-0.83");
        assert_eq!(category(&edge), Some(KanoCategory::Basic));
    }

    #[test]
    fn ties_break_m_over_o_over_a_over_i() {
        assert_eq!(category(&t(10, 10, 10, 10)), Some(KanoCategory::Basic));
        assert_eq!(category(&t(10, 10, 0, 10)), Some(KanoCategory::Performance));
        assert_eq!(category(&t(10, 0, 0, 10)), Some(KanoCategory::Delight));
        assert_eq!(category(&Tally::default()), None);
        assert_eq!(better(&Tally::default()), None);
    }

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

    #[test]
    fn fong_test_and_strength() {
        // 50 M vs 33 O of 100: |17| vs 1.65·√(83·117/200) = 11.50 → significant.
        assert_eq!(fong_significant(&t(7, 33, 50, 10)), Some(true));
        // 30 vs 28 of 80: |2| < 1.65·√(58·102/160) ≈ 10.0 → not significant.
        assert_eq!(fong_significant(&t(28, 30, 12, 10)), Some(false));
        assert_eq!(strength(&t(7, 33, 50, 10)).map(|s| s.round()), Some(17.0));
    }

    #[test]
    fn sums_that_would_overflow_give_no_number() {
        let huge = t(u64::MAX, 1, 0, 0);
        assert_eq!((checked_total(&huge), better(&huge), worse(&huge)), (None, None, None));
        assert_eq!((category(&huge), strength(&huge), fong_significant(&huge)), (None, None, None));
        let mut full = t(u64::MAX, 0, 0, 0);
        add(&mut full, KanoCategory::Delight);
        assert_eq!(full.A, u64::MAX);
    }
}
