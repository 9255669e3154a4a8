//! The journey timeline for print (see [`super::timeline`]): cut along the
//! day axis into pieces that fit a landscape page at their natural size,
//! each a set of windows (`<use>`) onto groups of the drawn timeline — its
//! frame (`#tlb-ID`), side labels (`#tlh-ID`) and the piece's own share of
//! the days (`#tl-ID-K`) — with the side labels at the left of every piece.
//!
//! Stable hooks: `svg.journey-timeline-print[data-journey][data-x]` (the
//! stretch of the timeline it shows, in its coordinates).

use std::fmt::Write;

use super::common::{print_window, N};
use crate::render::charts::text;

/// The widest print piece, in px: the same as a journey map piece, so it
/// prints at natural size on A4 landscape (11 px text = 8.25 pt).
pub const PRINT_W: f64 = 972.0;
/// Right margin of a print piece.
pub const PRINT_PAD: f64 = 4.0;

/// Cuts the stretch `start..end` into pieces no wider than `max_w`, as
/// evenly as the drawing allows: each cut falls at the free position
/// (outside every `busy` interval) nearest to an even share of what is
/// left, or at the widest reach when nothing in reach is free.
pub fn cuts(start: f64, end: f64, max_w: f64, busy: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let max_w = max_w.max(40.0);
    let free = |x: f64| busy.iter().all(|&(a, b)| x <= a || x >= b);
    let mut out = Vec::new();
    let mut s = start;
    while end - s > max_w {
        let left = ((end - s) / max_w).ceil();
        let target = s + (end - s) / left;
        let reach = s + max_w;
        let mut candidates: Vec<f64> = busy.iter().flat_map(|&(a, b)| [a, b]).collect();
        candidates.extend([target, reach]);
        let cut = candidates
            .into_iter()
            .filter(|&x| x > s + max_w / 4.0 && x <= reach && free(x))
            .min_by(|a, b| (a - target).abs().total_cmp(&(b - target).abs()))
            .unwrap_or(reach);
        out.push((s, cut));
        s = cut;
    }
    out.push((s, end));
    out
}

/// What every piece of one timeline shares.
pub struct TimelineFrame<'a> {
    /// Journey id (unescaped).
    pub id: &'a str,
    /// Accessible name of the timeline.
    pub title: &'a str,
    /// Width of the side labels at the left.
    pub heads: f64,
    /// Bottom of the chart (above the legend).
    pub bottom: f64,
}

/// One print piece per cut: the side labels, then the stretch.
pub fn pieces(f: &TimelineFrame, cuts: &[(f64, f64)]) -> Vec<String> {
    let n = cuts.len();
    let id = text::escape(f.id);
    cuts.iter()
        .enumerate()
        .map(|(k, &(a, b))| {
            let (w, h) = (f.heads + (b - a) + PRINT_PAD, f.bottom);
            let mut s = String::new();
            let _ = write!(
                s,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-timeline-print\" data-journey=\"{id}\" data-x=\"{}-{}\" \
                 role=\"img\" aria-label=\"{} ({}/{n})\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\"><rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>{}{}</svg>",
                N(a),
                N(b),
                text::escape(f.title),
                k + 1,
                print_window(&[format!("tlb-{id}"), format!("tlh-{id}")], (0.0, 0.0, f.heads, h), 0.0, None),
                print_window(&[format!("tlb-{id}"), format!("tl-{id}-{k}")], (a, 0.0, b - a, h), f.heads, None),
                w = N(w),
                h = N(h),
            );
            s
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn short_timelines_are_one_piece() {
        assert_eq!(cuts(140.0, 900.0, 828.0, &[]), [(140.0, 900.0)]);
    }

    #[test]
    fn cuts_are_even_and_avoid_labels() {
        // 1800 px of days, at most 800 a piece: three pieces of 600.
        let c = cuts(0.0, 1800.0, 800.0, &[]);
        assert_eq!(c, [(0.0, 600.0), (600.0, 1200.0), (1200.0, 1800.0)]);
        // A box over 560–680 moves the first cut to its nearer edge (560 is
        // 40 from 600, 680 is 80), and the rest shares what is left evenly.
        let c = cuts(0.0, 1800.0, 800.0, &[(560.0, 680.0)]);
        assert_eq!(c[0], (0.0, 560.0));
        assert_eq!(c[1], (560.0, 1180.0));
        assert_eq!(c.len(), 3);
        // Nothing free in reach: cut at the widest reach.
        let c = cuts(0.0, 1000.0, 400.0, &[(50.0, 1000.0)]);
        assert_eq!(c[0], (0.0, 400.0));
        assert!(c.iter().all(|(a, b)| b - a <= 400.0));
    }
}
