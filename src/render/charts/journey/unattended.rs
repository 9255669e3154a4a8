//! The unattended stretch of a journey timeline (see [`super::timeline`]):
//! the longest time the customer is left alone with a negative feeling.

use super::common::day_text;
use crate::config::Language;
use crate::i18n::label;
use crate::model::journey::StepType;

/// A stretch of days on the timeline, `from` ≤ `to`.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Span {
    /// First day.
    pub from: f64,
    /// Last day.
    pub to: f64,
}

impl Span {
    /// Length in days.
    pub fn days(&self) -> f64 {
        self.to - self.from
    }
}

/// The longest stretch in which the customer is left alone with a negative
/// feeling. `moments` are the steps that carry a day: (day, type, emotion),
/// in journey order.
///
/// Definition. Take the moments in day order (journey order within a day).
/// A stretch *opens* at an `experience` moment with a negative emotion when
/// none is open. An open stretch *closes*
/// * at the day of the next `touchpoint` — whoever started it: the SPEC
///   defines a touchpoint as a contact moment the organisation designed, so
///   a call the customer has to make herself is still contact, and its
///   emotion shows whether it helped;
/// * at the day of the next `experience` moment whose emotion is zero or
///   positive (the customer no longer feels bad);
/// * at the day of the last negative experience moment, when the journey
///   ends while it is open (nothing is known after it).
///
/// Experience moments without an emotion neither open nor close a stretch.
/// So no touchpoint falls strictly inside (from, to), and every customer
/// moment inside it is negative. Stretches of zero days are dropped; of the
/// rest the longest wins, the earliest on a tie. In the example project the
/// doubt of day 2 opens a stretch that the customer's own call on day 5
/// closes: days 2–5 (the worry of day 6 until the invoice on day 7 is
/// shorter).
pub fn unattended(moments: &[(f64, StepType, Option<i64>)]) -> Option<Span> {
    let mut order: Vec<&(f64, StepType, Option<i64>)> = moments.iter().filter(|m| m.0.is_finite()).collect();
    order.sort_by(|a, b| a.0.total_cmp(&b.0));
    let mut best: Option<Span> = None;
    let mut consider = |s: Span| {
        if s.days() > 0.0 && best.is_none_or(|b| s.days() > b.days()) {
            best = Some(s);
        }
    };
    // (start, last negative moment) of the open stretch.
    let mut open: Option<(f64, f64)> = None;
    for &&(day, kind, emotion) in &order {
        match (kind, emotion) {
            (StepType::Touchpoint, _) => {
                if let Some((from, _)) = open.take() {
                    consider(Span { from, to: day });
                }
            }
            (StepType::Experience, Some(e)) if e < 0 => match &mut open {
                Some((_, last)) => *last = day,
                None => open = Some((day, day)),
            },
            (StepType::Experience, Some(_)) => {
                if let Some((from, _)) = open.take() {
                    consider(Span { from, to: day });
                }
            }
            (StepType::Experience, None) => {}
        }
    }
    if let Some((from, last)) = open {
        consider(Span { from, to: last });
    }
    best
}

/// "Unattended: days 2–5 (3 days)".
pub fn gap_text(lang: Language, g: Span) -> String {
    let n = g.days();
    let unit = if n == 1.0 { label(lang, "day").to_lowercase() } else { label(lang, "days").to_lowercase() };
    format!(
        "{}: {} {}\u{2013}{} ({} {unit})",
        label(lang, "unattended"),
        label(lang, "days").to_lowercase(),
        day_text(g.from),
        day_text(g.to),
        day_text(n)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use StepType::{Experience as E, Touchpoint as T};

    #[test]
    fn the_example_journey_is_unattended_from_day_2_to_5() {
        // example-project/journeys/new-subscription.yaml, in journey order.
        let m = [
            (0.0, E, Some(-1)),
            (0.0, T, Some(0)),
            (0.0, T, Some(1)),
            (1.0, T, Some(1)),
            (1.0, T, Some(0)),
            (2.0, E, Some(-1)),
            (3.0, E, Some(-1)),
            (4.0, E, Some(-1)),
            (5.0, T, Some(-1)), // the call she makes herself: still a touchpoint
            (6.0, E, Some(-2)),
            (7.0, T, Some(-1)),
            (8.0, E, Some(-2)),
            (9.0, T, Some(1)),
            (10.0, T, Some(0)),
            (12.0, E, Some(0)),
        ];
        assert_eq!(unattended(&m), Some(Span { from: 2.0, to: 5.0 }));
    }

    #[test]
    fn unattended_edge_cases() {
        assert_eq!(unattended(&[]), None);
        // Only touchpoints, or negative moments of zero length: nothing.
        assert_eq!(unattended(&[(1.0, T, Some(-2)), (3.0, T, Some(-2))]), None);
        assert_eq!(unattended(&[(1.0, E, Some(-1)), (1.0, T, None)]), None);
        // A positive customer moment closes the stretch.
        assert_eq!(
            unattended(&[(1.0, E, Some(-1)), (3.0, E, Some(1)), (9.0, T, None)]),
            Some(Span { from: 1.0, to: 3.0 })
        );
        // Without a later touchpoint it ends at the last negative moment.
        assert_eq!(
            unattended(&[(0.0, T, None), (2.0, E, Some(-1)), (6.0, E, Some(-2))]),
            Some(Span { from: 2.0, to: 6.0 })
        );
        // Moments without emotion neither open nor close; input order does not matter.
        assert_eq!(
            unattended(&[(9.0, T, None), (2.0, E, Some(-1)), (4.0, E, None)]),
            Some(Span { from: 2.0, to: 9.0 })
        );
        // The longest wins; on a tie the earliest.
        let m = [(0.0, E, Some(-1)), (2.0, T, None), (3.0, E, Some(-1)), (5.0, T, None)];
        assert_eq!(unattended(&m), Some(Span { from: 0.0, to: 2.0 }));
    }
}
