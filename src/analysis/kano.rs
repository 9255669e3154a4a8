//! The Kano numbers: Better/Worse (Berger et al. 1993; Sauerwein et al.
//! 1996), category strength and the Fong test. The answers, the evaluation
//! table and the category by mode are in [`crate::model::kano`].

use crate::model::kano::{checked_sum as sum, checked_total, ranked, Tally};

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
    use crate::model::kano::{add, category, KanoCategory};

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
