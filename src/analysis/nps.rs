//! Net Promoter Score and its 95 % margin of error.

/// Promoters, passives and detractors of one period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, serde::Serialize)]
pub struct Counts {
    /// Scores 9–10.
    pub promoters: u64,
    /// Scores 7–8.
    pub passives: u64,
    /// Scores 0–6.
    pub detractors: u64,
}

impl Counts {
    /// Counts from raw 0–10 scores.
    pub fn from_scores(scores: &[u8]) -> Counts {
        let mut c = Counts::default();
        for &s in scores {
            let slot = match s {
                9..=10 => &mut c.promoters,
                7..=8 => &mut c.passives,
                _ => &mut c.detractors,
            };
            *slot = slot.saturating_add(1);
        }
        c
    }

    /// All respondents, `None` when the sum would overflow (checking refuses
    /// counts above [`MAX_COUNT`](crate::model::MAX_COUNT), so it does not).
    pub fn checked_respondents(&self) -> Option<u64> {
        self.promoters.checked_add(self.passives)?.checked_add(self.detractors)
    }

    /// All respondents (`u64::MAX` if the sum would overflow).
    pub fn respondents(&self) -> u64 {
        self.checked_respondents().unwrap_or(u64::MAX)
    }

    /// NPS as a whole number from −100 to 100 (half away from zero); `None` without respondents.
    pub fn nps(&self) -> Option<i64> {
        self.nps_exact().map(|x| x.round() as i64)
    }

    /// NPS unrounded.
    pub fn nps_exact(&self) -> Option<f64> {
        let n = self.checked_respondents()?;
        (n > 0).then(|| 100.0 * (self.promoters as f64 - self.detractors as f64) / n as f64)
    }

    /// The 95 % margin of error in NPS points: 1.96·√Var·100 with
    /// Var = (p + d − (p − d)²)/n.
    pub fn margin_of_error(&self) -> Option<f64> {
        let n = self.checked_respondents()?;
        if n == 0 {
            return None;
        }
        let n = n as f64;
        let p = self.promoters as f64 / n;
        let d = self.detractors as f64 / n;
        let var = (p + d - (p - d).powi(2)) / n;
        Some(1.96 * var.max(0.0).sqrt() * 100.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nps_and_margin() {
        let c = Counts { promoters: 120, passives: 200, detractors: 80 };
        assert_eq!(c.nps(), Some(10));
        // p = 0.3, d = 0.2, n = 400: Var = (0.5 − 0.01)/400 → 1.96·0.035·100 = 6.86.
        assert_eq!(format!("{:.2}", c.margin_of_error().unwrap()), "6.86");
        assert_eq!(Counts::default().nps(), None);
    }

    #[test]
    fn from_scores_and_rounding() {
        let c = Counts::from_scores(&[10, 9, 8, 7, 6, 0]);
        assert_eq!((c.promoters, c.passives, c.detractors), (2, 2, 2));
        assert_eq!(c.nps(), Some(0));
        // 1 promoter, 2 passives: 33.33 → 33; 2 promoters of 3: 66.67 → 67.
        assert_eq!(Counts { promoters: 1, passives: 2, detractors: 0 }.nps(), Some(33));
        assert_eq!(Counts { promoters: 2, passives: 1, detractors: 0 }.nps(), Some(67));
        assert_eq!(Counts { promoters: 0, passives: 0, detractors: 5 }.nps(), Some(-100));
    }

    #[test]
    fn sums_that_would_overflow_give_no_number() {
        // u64::MAX + 2 wraps to 1: an NPS of 100 · (MAX − 1)/1 if unchecked.
        let c = Counts { promoters: u64::MAX, passives: 1, detractors: 1 };
        assert_eq!((c.checked_respondents(), c.nps(), c.margin_of_error()), (None, None, None));
    }
}
