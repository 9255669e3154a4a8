//! The journey map for print (see [`super::map`]): the step columns cut
//! into balanced pieces that fit a landscape page at their natural size,
//! each piece a set of windows (`<use>`) onto the groups of the drawn map —
//! its frame (`#jmb-ID`), lane labels (`#jmh-ID`), emotion curve
//! (`#jme-ID`) and the piece's own share of every lane (`#jm-ID-K-LANE`),
//! so a piece copies only what it shows. The lane labels sit at the left of
//! every piece, at the same place and scale.
//!
//! Stable hooks: `svg.journey-map-print[data-journey][data-columns]`
//! (`first-last` step column, 0-based) with `data-lanes` (`first-last`
//! lane) when a tall map is also cut into bands of lanes.

use std::ops::Range;

use super::common::{print_window, N};
use crate::render::charts::text;

/// The tallest print piece, in px at natural size (a landscape A4 page less
/// its margins and a heading): taller maps are cut into bands of lanes, each
/// under a copy of the stage header.
pub const PRINT_MAX_H: f64 = 600.0;
/// Right and bottom margin of a print piece.
pub const PRINT_PAD: f64 = 4.0;

/// Cuts `total` step columns into print pieces of at most `max` columns,
/// balanced: as few pieces as the limit allows, their sizes differing by at
/// most one, the larger first (12 columns at most 6 → 6/6; 13 → 5/4/4).
/// A piece may start inside a stage: the stage's name is repeated there.
pub fn columns(total: usize, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    let count = total.div_ceil(max);
    let mut out = Vec::with_capacity(count);
    let mut start = 0;
    for k in 0..count {
        let len = total / count + usize::from(k < total % count);
        out.push(start..start + len);
        start += len;
    }
    out
}

/// Cuts the lanes (heights `lane_h`) into bands that each fit `max` px with
/// the stage header (`header` px) above them: as few bands as fit, then the
/// cut that makes the tallest band lowest (balanced, like the columns). A
/// lane taller than that gets a band of its own.
pub fn bands(lane_h: &[f64], header: f64, max: f64) -> Vec<Range<usize>> {
    // As few bands as fit, greedily.
    let mut count = 0;
    let mut h = f64::INFINITY;
    for lh in lane_h {
        if h + lh > max {
            count += 1;
            h = header;
        }
        h += lh;
    }
    if count == 0 {
        return Vec::new();
    }
    best_bands(lane_h, 0, count, header, max).map(|(_, b)| b).unwrap_or_default()
}

/// The split of `lane_h[from..]` into `count` bands whose tallest is lowest
/// (and every band fits `max`, unless it is a single lane): (tallest, bands).
fn best_bands(lane_h: &[f64], from: usize, count: usize, header: f64, max: f64) -> Option<(f64, Vec<Range<usize>>)> {
    let n = lane_h.len();
    if count == 1 {
        let h = header + lane_h[from..].iter().sum::<f64>();
        return (h <= max || n - from == 1).then(|| (h, std::iter::once(from..n).collect()));
    }
    let mut best: Option<(f64, Vec<Range<usize>>)> = None;
    for end in from + 1..=n.saturating_sub(count - 1) {
        let h = header + lane_h[from..end].iter().sum::<f64>();
        if h > max && end - from > 1 {
            break;
        }
        if let Some((rest, mut bands)) = best_bands(lane_h, end, count - 1, header, max) {
            let tallest = h.max(rest);
            if best.as_ref().is_none_or(|b| tallest < b.0) {
                bands.insert(0, from..end);
                best = Some((tallest, bands));
            }
        }
    }
    best
}

/// The geometry of a drawn map that its print pieces need.
pub struct MapFrame<'a> {
    /// Journey id (unescaped).
    pub id: &'a str,
    /// Accessible name of the map (unescaped).
    pub title: &'a str,
    /// Width of the lane label column, from the map's left edge.
    pub heads_w: f64,
    /// Left edge of the first step column.
    pub x0: f64,
    /// Top of the lanes (the stage header is above it).
    pub lanes_top: f64,
    /// Height of each lane.
    pub lane_h: &'a [f64],
    /// Key of each lane (`steps`, `doing`, …).
    pub lanes: &'a [&'a str],
}

/// The print pieces of a map cut at `cuts` (step columns, from [`columns`]).
pub fn pieces(f: &MapFrame, cuts: &[Range<usize>]) -> Vec<String> {
    use super::map::COL_W;
    let id = text::escape(f.id);
    let mut lane_y = vec![f.lanes_top];
    for h in f.lane_h {
        lane_y.push(lane_y[lane_y.len() - 1] + h);
    }
    let bottom = lane_y[lane_y.len() - 1] + 1.0;
    let bands = bands(f.lane_h, f.lanes_top, PRINT_MAX_H);
    let banded = bands.len() > 1;
    let count = cuts.len() * bands.len();
    let title = text::escape(f.title);
    let mut out = Vec::with_capacity(count);
    for (k, r) in cuts.iter().enumerate() {
        let (cx, cw) = (f.x0 + COL_W * r.start as f64, COL_W * r.len() as f64);
        for band in &bands {
            let lanes = if banded { band.clone() } else { 0..f.lanes.len() };
            let mut ids = vec![format!("jmb-{id}")];
            if f.lanes[lanes.clone()].contains(&"emotion") {
                ids.push(format!("jme-{id}"));
            }
            ids.extend(f.lanes[lanes.clone()].iter().map(|l| format!("jm-{id}-{k}-{l}")));
            let heads = [format!("jmh-{id}")];
            let mut windows = String::new();
            let h = if banded {
                // The stage header, then the band's lanes under it.
                let (top, bh) = (lane_y[band.start], lane_y[band.end] - lane_y[band.start] + 1.0);
                windows.push_str(&print_window(&ids[..1], (cx, 0.0, cw, f.lanes_top), f.heads_w, Some(0.0)));
                windows.push_str(&print_window(&heads, (0.0, top, f.heads_w, bh), 0.0, Some(f.lanes_top)));
                windows.push_str(&print_window(&ids, (cx, top, cw, bh), f.heads_w, Some(f.lanes_top)));
                f.lanes_top + bh
            } else {
                windows.push_str(&print_window(&heads, (0.0, 0.0, f.heads_w, bottom), 0.0, Some(0.0)));
                windows.push_str(&print_window(&ids, (cx, 0.0, cw, bottom), f.heads_w, Some(0.0)));
                bottom
            };
            let (pw, ph) = (f.heads_w + cw + PRINT_PAD, h + PRINT_PAD);
            let lanes_attr =
                if banded { format!(" data-lanes=\"{}-{}\"", lanes.start, lanes.end - 1) } else { String::new() };
            out.push(format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-map-print\" data-journey=\"{id}\" data-columns=\"{}-{}\"{lanes_attr} \
                 role=\"img\" aria-label=\"{title} ({}/{count})\" width=\"{pw}\" height=\"{ph}\" viewBox=\"0 0 {pw} {ph}\"><rect width=\"{pw}\" height=\"{ph}\" fill=\"#fff\"/>{windows}</svg>",
                r.start,
                r.end - 1,
                out.len() + 1,
                pw = N(pw),
                ph = N(ph),
            ));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn columns_are_balanced() {
        assert_eq!(columns(12, 6), [0..6, 6..12]);
        assert_eq!(columns(13, 6), [0..5, 5..9, 9..13]);
        assert_eq!(columns(7, 5), [0..4, 4..7]);
        assert_eq!(columns(5, 5).first(), Some(&(0..5)));
        assert_eq!(columns(5, 5).len(), 1);
        assert_eq!(columns(0, 5), Vec::<Range<usize>>::new());
        // Never more than `max`, never two sizes more than one apart.
        for total in 1..60 {
            let c = columns(total, 5);
            let (lo, hi) = (c.iter().map(|r| r.len()).min().unwrap(), c.iter().map(|r| r.len()).max().unwrap());
            assert!(hi <= 5 && hi - lo <= 1 && c.len() == total.div_ceil(5), "{total}: {c:?}");
        }
    }

    #[test]
    fn tall_maps_are_cut_into_bands_of_lanes() {
        assert_eq!(bands(&[100.0, 100.0, 100.0], 80.0, 600.0).first(), Some(&(0..3)), "one band");
        assert_eq!(bands(&[100.0, 100.0, 100.0], 80.0, 600.0).len(), 1);
        // Two bands are needed (80 + 700 > 600); the most even cut is after
        // the first lane: 380 and 480 px, not 580 and 280.
        assert_eq!(bands(&[300.0, 200.0, 150.0, 50.0], 80.0, 600.0), [0..1, 1..4]);
        // A lane taller than a page still gets a band of its own.
        assert_eq!(bands(&[700.0, 100.0], 80.0, 600.0), [0..1, 1..2]);
        assert!(bands(&[], 80.0, 600.0).is_empty());
    }
}
