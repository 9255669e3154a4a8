//! Label placement without overlaps: labels stand in a column beside the
//! plot, stacked in the order of the points they name, each joined to its
//! point by a leader line. Sizes come from the shared text metric
//! ([`super::text`]), so the layout is the same on every machine.

use super::text::{self, Weight};

/// Label font size (px).
pub const LABEL_PX: f64 = 12.0;
/// Height of one label line (px): the font's line box plus a gap.
pub const LINE_H: f64 = 15.0;

/// Which side of the plot a column stands on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Side {
    /// Left of the plot: text right-aligned against the plot.
    Left,
    /// Right of the plot: text left-aligned against the plot.
    Right,
}

/// A label that wants to be near the point `anchor` (px).
#[derive(Debug, Clone)]
pub struct Want {
    /// The caller's key (e.g. the feature's index).
    pub key: usize,
    /// The point the label names (px).
    pub anchor: (f64, f64),
    /// The label text, one line or more (already fitted to the column).
    pub lines: Vec<String>,
}

/// A placed label.
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The caller's key.
    pub key: usize,
    /// The point it names (px).
    pub anchor: (f64, f64),
    /// Text lines.
    pub lines: Vec<String>,
    /// The x where the text starts (Right side) or ends (Left side).
    pub x: f64,
    /// Top of the label box.
    pub top: f64,
    /// Width of the widest line.
    pub width: f64,
    /// Column side.
    pub side: Side,
}

impl Placed {
    /// Height of the label box.
    pub fn height(&self) -> f64 {
        self.lines.len() as f64 * LINE_H
    }

    /// `(x, y, w, h)` of the box the text covers.
    pub fn bbox(&self) -> (f64, f64, f64, f64) {
        let left = if self.side == Side::Left { self.x - self.width } else { self.x };
        (left, self.top, self.width, self.height())
    }

    /// The vertical centre of line `i`.
    pub fn line_y(&self, i: usize) -> f64 {
        self.top + (i as f64 + 0.5) * LINE_H
    }

    /// Where the leader line meets the label (px).
    pub fn leader_end(&self) -> (f64, f64) {
        let x = if self.side == Side::Left { self.x + 4.0 } else { self.x - 4.0 };
        (x, self.top + self.height() / 2.0)
    }

    /// The leader line from the point to the label: level from the point to
    /// `elbow_x`, then straight to the label. As labels keep the vertical
    /// order of their points, leaders of one column never cross.
    pub fn leader(&self, elbow_x: f64) -> Vec<(i32, i32)> {
        let end = self.leader_end();
        let px = |(x, y): (f64, f64)| (x.round() as i32, y.round() as i32);
        let before = match self.side {
            Side::Left => self.anchor.0 > elbow_x,
            Side::Right => self.anchor.0 < elbow_x,
        };
        if before {
            vec![px(self.anchor), px((elbow_x, self.anchor.1)), px(end)]
        } else {
            vec![px(self.anchor), px(end)]
        }
    }
}

/// Fits `name` into at most `max_lines` lines of `max_w` px.
pub fn fit(name: &str, max_w: f64, max_lines: usize) -> Vec<String> {
    let lines = text::wrap(name, LABEL_PX, Weight::Regular, max_w, max_lines);
    if lines.is_empty() {
        vec![String::new()]
    } else {
        lines
    }
}

/// The height a column of `wants` needs.
pub fn column_height(wants: &[Want]) -> f64 {
    wants.iter().map(|w| w.lines.len() as f64 * LINE_H).sum()
}

/// Stacks `wants` in a column at `x` between `top` and `bottom`: each label
/// as close to its anchor's height as the others allow, in the anchors'
/// vertical order. When the column is too short, labels run past `bottom`
/// (callers size the chart with [`column_height`]).
pub fn column(mut wants: Vec<Want>, x: f64, side: Side, top: f64, bottom: f64) -> Vec<Placed> {
    wants.sort_by(|a, b| {
        a.anchor.1.total_cmp(&b.anchor.1).then(a.anchor.0.total_cmp(&b.anchor.0)).then(a.key.cmp(&b.key))
    });
    let heights: Vec<f64> = wants.iter().map(|w| w.lines.len() as f64 * LINE_H).collect();
    // Desired tops: centred on the anchor.
    let mut tops: Vec<f64> = wants.iter().zip(&heights).map(|(w, h)| w.anchor.1 - h / 2.0).collect();
    // Down: no label above the previous one's bottom.
    for i in 0..tops.len() {
        let min = if i == 0 { top } else { tops[i - 1] + heights[i - 1] };
        tops[i] = tops[i].max(min);
    }
    // Up: pull back what ran past the bottom, without crossing the top.
    let mut limit = bottom;
    for i in (0..tops.len()).rev() {
        tops[i] = tops[i].min(limit - heights[i]);
        limit = tops[i];
    }
    // Down again: the top wins when the column is too short.
    for i in 0..tops.len() {
        let min = if i == 0 { top } else { tops[i - 1] + heights[i - 1] };
        tops[i] = tops[i].max(min).round();
    }
    wants
        .into_iter()
        .zip(tops)
        .map(|(w, t)| {
            let width = w.lines.iter().map(|l| text::width(l, LABEL_PX, Weight::Regular)).fold(0.0, f64::max);
            Placed { key: w.key, anchor: w.anchor, lines: w.lines, x, top: t, width, side }
        })
        .collect()
}

/// True when two boxes `(x, y, w, h)` share any area.
pub fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

/// The attributes of a feature label's group: its id and its box, so tests
/// can check that no two labels overlap.
pub fn label_attrs(id: &str, (x, y, w, h): (f64, f64, f64, f64)) -> String {
    format!(
        "class=\"chart-label\" data-feature=\"{}\" data-bbox=\"{} {} {} {}\"",
        super::text::escape(id),
        super::svg::num(x),
        super::svg::num(y),
        super::svg::num(w),
        super::svg::num(h)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::segments_cross;

    fn want(key: usize, y: f64, name: &str) -> Want {
        Want { key, anchor: (100.0, y), lines: fit(name, 150.0, 2) }
    }

    #[test]
    fn thirty_labels_at_one_height_do_not_overlap() {
        let wants: Vec<Want> =
            (0..30).map(|i| want(i, 200.0, &format!("Feature number {i} with a longer name"))).collect();
        let need = column_height(&wants);
        let placed = column(wants, 500.0, Side::Right, 20.0, 20.0 + need);
        assert_eq!(placed.len(), 30);
        for (i, a) in placed.iter().enumerate() {
            for b in &placed[i + 1..] {
                assert!(!overlap(a.bbox(), b.bbox()), "{a:?} overlaps {b:?}");
            }
            assert!(a.top >= 20.0 && a.top + a.height() <= 20.0 + need + 0.5);
        }
    }

    #[test]
    fn labels_stay_near_their_points_and_in_order() {
        let placed = column(vec![want(0, 300.0, "Low"), want(1, 100.0, "High")], 10.0, Side::Left, 0.0, 400.0);
        assert_eq!(placed[0].key, 1, "sorted by height");
        assert!((placed[0].line_y(0) - 100.0).abs() < 1.0 && (placed[1].line_y(0) - 300.0).abs() < 1.0);
        assert_eq!(placed[0].bbox().0, 10.0 - placed[0].width, "left labels end at x");
    }

    #[test]
    fn leaders_of_a_column_do_not_cross() {
        // Points scattered over a plot from x 100 to 500; labels right of it.
        let wants: Vec<Want> = (0..30)
            .map(|i| Want {
                key: i,
                anchor: (
                    100.0 + f64::from((i * 37 % 400) as u32),
                    50.0 + f64::from((i * 53 % 300) as u32) + i as f64 * 0.1,
                ),
                lines: fit(&format!("Feature {i}"), 150.0, 1),
            })
            .collect();
        let need = column_height(&wants);
        let placed = column(wants, 540.0, Side::Right, 40.0, 40.0 + need.max(300.0));
        let paths: Vec<Vec<(i32, i32)>> = placed.iter().map(|p| p.leader(510.0)).collect();
        for (i, a) in paths.iter().enumerate() {
            for b in &paths[i + 1..] {
                for sa in a.windows(2) {
                    for sb in b.windows(2) {
                        let f = |(x, y): (i32, i32)| (f64::from(x), f64::from(y));
                        assert!(!segments_cross(f(sa[0]), f(sa[1]), f(sb[0]), f(sb[1])), "{a:?} crosses {b:?}");
                    }
                }
            }
        }
    }

    #[test]
    fn long_names_are_cut_to_the_column() {
        let lines = fit(&"Proactive text message during a power outage ".repeat(3), 150.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'));
        assert!(lines.iter().all(|l| text::width(l, LABEL_PX, Weight::Regular) <= 150.0));
    }
}
