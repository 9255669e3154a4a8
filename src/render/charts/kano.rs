//! The Kano diagram (fulfilment × satisfaction with the basic, performance
//! and delight curves), drawn with plotters; the pieces every Kano chart
//! shares (markers, labels) are in [`super::kano_parts`].
//!
//! Every feature sits on its category's curve in the fulfilled (right) half
//! of the diagram, ranked along it ([`positions`]), so no feature looks
//! absent. Names stand in label columns left and right of the plot, joined
//! to their points by leader lines ([`super::layout`]) that never cross a
//! curve: delight labels stand left (their curve falls to the left), all
//! others right (their curves rise to the right or stay below). Any number
//! of features never overlap: the chart grows taller instead.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

pub use super::kano_parts::{draw_labels, label_text, marker};
pub(super) use super::kano_parts::{listing, open_point, wants};
use super::layout::{self, Side, Want};
use super::palette::{self, INK, MUTED};
use super::svg::{self, font, Area, DrawResult, Marks, Meta};
use super::text;
use super::{fill, label};
use crate::analysis::FeatureResult;
use crate::config::Language;
use crate::model::kano::KanoCategory;

/// Width of every Kano chart (px). Small enough that the chart prints on
/// an A4 page at no less than its natural size, so its smallest text
/// (12 px) stays above 8 pt; on a phone it scrolls sideways at that size.
pub const WIDTH: u32 = 720;

/// The curves of the Kano diagram, x and y in −1…1 (plain arithmetic only,
/// so the points are the same on every machine).
pub fn curve(category: KanoCategory, x: f64) -> f64 {
    let t = (x + 1.0) / 2.0;
    let u = 1.0 - t;
    match category {
        // Delight stays above the performance line and basic below it (by at
        // least 0.25), so the three never cross.
        KanoCategory::Basic => -0.05 - 0.9 * u * u,
        KanoCategory::Delight => 0.05 + 0.9 * t * t,
        KanoCategory::Performance => 0.6 * x,
        // Flatter than performance: it stays under the delight features'
        // leader lines on the left and under the basic curve on the right.
        KanoCategory::Reverse => -0.45 * x,
        KanoCategory::Indifferent | KanoCategory::Questionable => 0.0,
    }
}

/// The CSS class suffix and stroke pattern of a curve (patterns keep the
/// curves apart in greyscale print).
fn dash(category: KanoCategory) -> &'static str {
    match category {
        KanoCategory::Basic | KanoCategory::Indifferent => "",
        KanoCategory::Performance => " stroke-dasharray=\"11 6\"",
        KanoCategory::Delight => " stroke-dasharray=\"1 6\" stroke-linecap=\"round\"",
        _ => " stroke-dasharray=\"4 4\"",
    }
}

/// Evenly spread positions from `from` to `to` for `k` items (the middle for one).
fn spread(from: f64, to: f64, k: usize) -> Vec<f64> {
    match k {
        0 => Vec::new(),
        1 => vec![(from + to) / 2.0],
        _ => (0..k).map(|i| from + (to - from) * i as f64 / (k - 1) as f64).collect(),
    }
}

/// The stretch of its curve a category's features are spread over (data x,
/// all in the fulfilled half), and the side their labels stand on.
///
/// The stretches keep every leader line clear of the curves: a delight
/// point's level leader runs left above its falling curve and above the
/// reverse curve (at most 0.45 on the left; delight is above 0.49 from
/// x = 0.4); a basic, performance or reverse point's leader runs right,
/// below its own rising curve, and basic points start at 0.35, where the
/// basic curve has passed above the reverse curve.
pub fn stretch(category: KanoCategory) -> Option<(f64, f64, Side)> {
    match category {
        KanoCategory::Delight => Some((0.4, 0.97, Side::Left)),
        KanoCategory::Basic => Some((0.35, 0.97, Side::Right)),
        KanoCategory::Performance => Some((0.25, 0.97, Side::Right)),
        KanoCategory::Indifferent => Some((0.15, 0.9, Side::Right)),
        KanoCategory::Reverse => Some((0.4, 0.97, Side::Right)),
        KanoCategory::Questionable => None,
    }
}

/// Where each feature sits on the Kano diagram (data coordinates), or
/// `None` for questionable features (no curve).
///
/// Each category's features are ranked by their strength in it — |Worse|
/// for basic, Better for delight, Better + |Worse| for the others — and
/// spread evenly over the category's [`stretch`] of its curve, the
/// strongest furthest right (most fulfilled). Position along the curve is a
/// rank, not a measurement; every point is in the fulfilled half, so none
/// suggests that a feature is absent.
pub fn positions(features: &[FeatureResult]) -> Vec<Option<(f64, f64)>> {
    let mut out = vec![None; features.len()];
    let coef = |f: &FeatureResult| (f.better.unwrap_or(0.0), f.worse.map_or(0.0, f64::abs));
    for cat in KanoCategory::ALL {
        let Some((from, to, _)) = stretch(cat) else { continue };
        let mut members: Vec<usize> = (0..features.len()).filter(|&i| features[i].category == cat).collect();
        let key = |i: usize| -> f64 {
            let (b, w) = coef(&features[i]);
            match cat {
                KanoCategory::Delight => b,
                KanoCategory::Basic => w,
                _ => b + w,
            }
        };
        members.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
        let xs = spread(from, to, members.len());
        for (i, x) in members.into_iter().zip(xs) {
            out[i] = Some((x, curve(cat, x)));
        }
    }
    out
}

/// The Kano diagram: fulfilment (x) × satisfaction (y), the basic,
/// performance and delight curves named in `lang`, every feature on the
/// curve of its category (indifferent ones on the horizontal axis) and named.
pub fn diagram(features: &[FeatureResult], lang: Language, id: &str) -> String {
    let pos = positions(features);
    let side = |i: usize| pos[i].and(stretch(features[i].category)).map(|(_, _, side)| side);
    let (left, right) = wants(features, side);
    let (top, pl, pr) = (36.0, 192.0, 528.0);
    let ph = 360f64.max(layout::column_height(&left).max(layout::column_height(&right)) + 20.0);
    let height = (top + ph + 82.0) as u32;
    let desc = format!(
        "{} {}.",
        fill(lang, "desc_kano_diagram", &[("n", &features.len().to_string())]),
        listing(features, lang, |_| String::new())
    );
    let meta = Meta { id, class: "chart-kano kano-diagram", title: label(lang, "kano_diagram"), desc: &desc };
    svg::render(WIDTH, height, &meta, |root, marks| {
        let plot = root.clone().shrink((pl as u32, top as u32), ((pr - pl) as u32, ph as u32));
        let mut chart = ChartBuilder::on(&plot).build_cartesian_2d(-1.08f64..1.08f64, -1.08f64..1.08f64)?;
        let pa = chart.plotting_area().clone();
        let px = |x: f64, y: f64| pa.map_coordinate(&(x, y));

        let ((x0, _), (x1, _), (_, y1), (_, yb)) = (px(-1.05, 0.0), px(1.06, 0.0), px(0.0, 1.06), px(0.0, -1.05));
        let (xmid, ymid) = px(0.0, 0.0);
        marks.open(root, "class=\"kano-axis-labels\"")?;
        let small = |h, v| font(12.0, MUTED, h, v);
        let below = yb + 22;
        root.draw(&Text::new(
            format!("\u{2190} {}", label(lang, "absent")),
            (x0, below),
            small(HPos::Left, VPos::Center),
        ))?;
        root.draw(&Text::new(
            format!("{} \u{2192}", label(lang, "fully_present")),
            (x1 + 8, below),
            small(HPos::Right, VPos::Center),
        ))?;
        root.draw(&Text::new(label(lang, "delighted"), (xmid + 10, y1 - 4), small(HPos::Left, VPos::Center)))?;
        root.draw(&Text::new(label(lang, "dissatisfied"), (xmid + 10, yb), small(HPos::Left, VPos::Center)))?;
        let title = |h, v| svg::bold(13.0, INK, h, v);
        root.draw(&Text::new(label(lang, "satisfaction"), (xmid, y1 - 14), title(HPos::Center, VPos::Bottom)))?;
        root.draw(&Text::new(label(lang, "fulfilment"), (xmid, below), title(HPos::Center, VPos::Center)))?;
        marks.close(root)?;

        // The curves.
        let mut curves = vec![KanoCategory::Basic, KanoCategory::Performance, KanoCategory::Delight];
        if features.iter().any(|f| f.category == KanoCategory::Reverse) {
            curves.push(KanoCategory::Reverse);
        }
        for &cat in &curves {
            let c = cat.as_str();
            marks.open(root, &format!("class=\"kano-curve kano-curve-{c}\" data-category=\"{c}\"{}", dash(cat)))?;
            // Few, long segments: plotters rounds points to whole pixels, and
            // short segments would show that as steps.
            let pts = (0..=24).map(|i| {
                let x = -1.0 + 2.0 * f64::from(i) / 24.0;
                (x, curve(cat, x))
            });
            let width = if cat == KanoCategory::Reverse { 2 } else { 3 };
            chart.draw_series(LineSeries::new(pts, palette::category(cat).stroke_width(width)))?;
            marks.close(root)?;
        }
        // The features' labels (leader lines under the points), then the points.
        let anchor = |i: usize| pos[i].map(|(x, y)| px(x, y));
        let place = |mut ws: Vec<Want>, x: f64, side| {
            for w in &mut ws {
                let (ax, ay) = anchor(w.key).unwrap_or((0, 0));
                w.anchor = (f64::from(ax), f64::from(ay));
            }
            let mut placed = layout::column(ws.clone(), x, side, top - 20.0, top + ph + 20.0);
            // Points on the axis: their labels a little below it, so the
            // leader lines do not run along the axis.
            if ws.iter().any(|w| w.anchor.1 == f64::from(ymid)) {
                for w in &mut ws {
                    if w.anchor.1 == f64::from(ymid) {
                        w.anchor.1 += 2.0 * layout::LINE_H;
                    }
                }
                placed = layout::column(ws, x, side, top - 20.0, top + ph + 20.0);
                for p in &mut placed {
                    if let Some((ax, ay)) = anchor(p.key) {
                        p.anchor = (f64::from(ax), f64::from(ay));
                    }
                }
            }
            placed
        };
        marks.open(root, "class=\"chart-labels\"")?;
        draw_labels(root, marks, &place(left, pl - 36.0, Side::Left), features, pl - 8.0)?;
        draw_labels(root, marks, &place(right, pr + 36.0, Side::Right), features, pr + 8.0)?;
        marks.close(root)?;
        // Axes crossing in the middle, with arrowheads: over the leader lines,
        // so a leader running along an axis disappears under it.
        marks.open(root, "class=\"kano-axes\"")?;
        root.draw(&PathElement::new(vec![(x0, ymid), (x1, ymid)], INK.stroke_width(2)))?;
        root.draw(&PathElement::new(vec![(xmid, yb), (xmid, y1)], INK.stroke_width(2)))?;
        root.draw(&Polygon::new(vec![(x1 + 8, ymid), (x1 - 2, ymid - 5), (x1 - 2, ymid + 5)], INK.filled()))?;
        root.draw(&Polygon::new(vec![(xmid, y1 - 8), (xmid - 5, y1 + 2), (xmid + 5, y1 + 2)], INK.filled()))?;
        marks.close(root)?;
        curve_names(root, marks, lang, &curves, &px)?;
        for (i, f) in features.iter().enumerate() {
            if let Some(p) = anchor(i) {
                open_point(root, marks, "kano-point", f, lang, "")?;
                marker(root, f.category, p, 6, false)?;
                marks.close(root)?;
            }
        }

        // Legend, and the features no curve holds.
        let ly = (top + ph + 48.0) as i32;
        let mut keyed = curves.clone();
        if features.iter().any(|f| f.category == KanoCategory::Indifferent) {
            keyed.push(KanoCategory::Indifferent);
        }
        legend(root, marks, lang, &keyed, ly)?;
        let off: Vec<&str> =
            features.iter().zip(&pos).filter(|(_, p)| p.is_none()).map(|(f, _)| f.name.as_str()).collect();
        if !off.is_empty() {
            let note = format!("{}: {}", label(lang, "not_on_a_curve"), off.join(", "));
            let note = layout::fit(&note, f64::from(WIDTH) - 40.0, 1).join("");
            marks.open(root, "class=\"chart-note\"")?;
            root.draw(&Text::new(note, (20, ly + 24), font(12.0, MUTED, HPos::Left, VPos::Center)))?;
            marks.close(root)?;
        }
        Ok(())
    })
}

/// The names of the curves where no curve runs, on white so leader lines
/// passing under them do not strike them through.
fn curve_names(
    root: &Area,
    marks: &mut Marks,
    lang: Language,
    curves: &[KanoCategory],
    px: &dyn Fn(f64, f64) -> (i32, i32),
) -> DrawResult {
    marks.open(root, "class=\"kano-curve-labels\"")?;
    // In the left half, where no feature sits and no leader line runs.
    let spots = [
        (KanoCategory::Delight, -0.75, (0, -10), HPos::Center, VPos::Bottom),
        (KanoCategory::Basic, -0.45, (0, 10), HPos::Center, VPos::Top),
        (KanoCategory::Performance, -0.4, (-6, -6), HPos::Right, VPos::Bottom),
        (KanoCategory::Reverse, -0.6, (0, -10), HPos::Center, VPos::Bottom),
    ];
    for (cat, x, (dx, dy), h, v) in spots {
        if !curves.contains(&cat) {
            continue;
        }
        let (cx, cy) = px(x, curve(cat, x));
        let (tx, ty) = (cx + dx, cy + dy);
        let name = label(lang, cat.as_str());
        let w = text::width(name, 13.0, text::Weight::Bold).ceil() as i32;
        let left = match h {
            HPos::Left => tx,
            HPos::Center => tx - w / 2,
            HPos::Right => tx - w,
        };
        let top = match v {
            VPos::Top => ty,
            VPos::Center => ty - 8,
            VPos::Bottom => ty - 16,
        };
        root.draw(&Rectangle::new([(left - 3, top - 1), (left + w + 3, top + 17)], WHITE.mix(0.85).filled()))?;
        root.draw(&Text::new(name, (tx, ty), svg::bold(13.0, INK, h, v)))?;
    }
    marks.close(root)
}

/// The legend row: a line sample, the marker and the name of each curve.
fn legend(root: &Area, marks: &mut Marks, lang: Language, curves: &[KanoCategory], y: i32) -> DrawResult {
    marks.open(root, "class=\"chart-legend\"")?;
    let mut x = 20;
    for &cat in curves {
        let name = label(lang, cat.as_str());
        marks.open(root, &format!("class=\"legend-item\" data-category=\"{}\"{}", cat.as_str(), dash(cat)))?;
        let line = if cat == KanoCategory::Indifferent { INK } else { palette::category(cat) };
        root.draw(&PathElement::new(
            vec![(x, y), (x + 34, y)],
            line.stroke_width(if cat == KanoCategory::Indifferent { 2 } else { 3 }),
        ))?;
        marks.close(root)?;
        marker(root, cat, (x + 17, y), 5, false)?;
        root.draw(&Text::new(name, (x + 42, y), font(12.0, INK, HPos::Left, VPos::Center)))?;
        x += 42 + text::width(name, 12.0, text::Weight::Regular) as i32 + 28;
    }
    marks.close(root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::better_worse::better_worse;
    use crate::render::charts::fixtures::{assert_no_overlap, attrs, polylines, segments_cross, study, thirty};

    #[test]
    fn every_feature_sits_on_the_curve_of_its_category() {
        let fs = study();
        let pos = positions(&fs);
        for (f, p) in fs.iter().zip(&pos) {
            match (f.category, p) {
                (KanoCategory::Questionable, None) => {}
                (cat, Some((x, y))) => assert_eq!(*y, curve(cat, *x), "{}", f.id),
                (cat, None) => panic!("{} ({cat:?}) not placed", f.id),
            }
        }
        // Stronger delighters further out along the curve.
        let many = thirty();
        let pos = positions(&many);
        let delight: Vec<(f64, f64)> = many
            .iter()
            .zip(&pos)
            .filter(|(f, _)| f.category == KanoCategory::Delight)
            .filter_map(|(f, p)| p.map(|(x, _)| (f.better.unwrap_or(0.0), x)))
            .collect();
        for a in &delight {
            for b in &delight {
                if a.0 < b.0 {
                    assert!(a.1 < b.1, "Better {} at x {} vs Better {} at x {}", a.0, a.1, b.0, b.1);
                }
            }
        }
    }

    #[test]
    fn every_feature_sits_in_the_fulfilled_half_the_strongest_furthest_right() {
        for fs in [study(), thirty()] {
            let pos = positions(&fs);
            for (f, p) in fs.iter().zip(&pos) {
                if let Some((x, _)) = p {
                    assert!(*x > 0.1, "{} ({:?}) at x {x}: it would look absent", f.id, f.category);
                }
            }
            // Basic features by |Worse|: the strongest is the most fulfilled.
            let mut basic: Vec<(f64, f64)> = fs
                .iter()
                .zip(&pos)
                .filter(|(f, _)| f.category == KanoCategory::Basic)
                .filter_map(|(f, p)| Some((f.worse?.abs(), p.as_ref()?.0)))
                .collect();
            basic.sort_by(|a, b| a.0.total_cmp(&b.0));
            assert!(basic.windows(2).all(|w| w[0].1 <= w[1].1), "{basic:?}");
        }
        // In the drawing: every point right of the vertical axis.
        let svg = diagram(&study(), Language::En, "d");
        let i = svg.find("<g class=\"kano-axes\"").expect("axes");
        let vertical = attrs(&svg[i..], "points").into_iter().nth(1).expect("the vertical axis");
        let axis_x: f64 = vertical.split(',').next().and_then(|x| x.parse().ok()).expect("x");
        for (i, _) in svg.match_indices("class=\"kano-point ") {
            let group = &svg[i..i + svg[i..].find("</g>").expect("closed")];
            let mut xs: Vec<f64> =
                ["cx", "x"].iter().flat_map(|a| attrs(group, a)).filter_map(|v| v.parse().ok()).collect();
            for p in attrs(group, "points") {
                xs.extend(p.split_whitespace().filter_map(|xy| xy.split(',').next()?.parse::<f64>().ok()));
            }
            assert!(!xs.is_empty() && xs.iter().all(|&x| x > axis_x), "a point left of the axis at {axis_x}: {group}");
        }
    }

    /// The leader of a label, less the part the point's marker covers.
    fn visible(leader: &[(f64, f64)]) -> Vec<(f64, f64)> {
        let mut out = leader.to_vec();
        if let [a, b, ..] = out[..] {
            let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt();
            let cut = (8.0 / len.max(8.0)).min(1.0);
            out[0] = (a.0 + (b.0 - a.0) * cut, a.1 + (b.1 - a.1) * cut);
        }
        out
    }

    #[test]
    fn leader_lines_never_cross_a_curve_and_labels_never_overlap() {
        for (name, fs) in [("thirty", thirty()), ("study", study())] {
            for lang in [Language::En, Language::Nl] {
                let svg = diagram(&fs, lang, "d");
                let labels = assert_no_overlap(&svg);
                let curves = polylines(&svg, "kano-curve ");
                assert!(curves.len() >= 3, "{name}: curves");
                let leaders = polylines(&svg, "chart-label\"");
                assert_eq!(leaders.len(), labels, "{name}: a leader per label");
                for leader in &leaders {
                    let leader = visible(leader);
                    for l in leader.windows(2) {
                        for curve in &curves {
                            for c in curve.windows(2) {
                                assert!(
                                    !segments_cross(l[0], l[1], c[0], c[1]),
                                    "{name}: leader {leader:?} crosses the curve at {c:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn curves_never_cross() {
        for i in 0..=200 {
            let x = -1.0 + f64::from(i) / 100.0;
            let (b, o, a) =
                (curve(KanoCategory::Basic, x), curve(KanoCategory::Performance, x), curve(KanoCategory::Delight, x));
            assert!(b + 0.2 < o && o + 0.2 < a, "at {x}: {b} {o} {a}");
        }
    }

    #[test]
    fn the_diagram_has_three_curves_a_point_per_feature_and_names() {
        let fs = study();
        let svg = diagram(&fs, Language::En, "k-d");
        for c in ["basic", "performance", "delight", "reverse"] {
            assert!(svg.contains(&format!("class=\"kano-curve kano-curve-{c}\"")), "curve {c}");
        }
        let points: Vec<String> = svg
            .match_indices("class=\"kano-point ")
            .filter_map(|(i, _)| attrs(&svg[i..], "data-feature").into_iter().next())
            .collect();
        assert_eq!(points, ["edge-grip", "close-call", "markup", "indifferent-one", "reverse-one", "stated-only"]);
        let labelled = attrs(&svg, "data-feature").into_iter().filter(|f| f != "questionable-one").count();
        assert_eq!(labelled, 12, "a point and a label for each placed feature");
        assert!(svg.contains("Not on a curve: Contradictory answers"));
        for name in ["Basic", "Performance", "Delight", "Fulfilment", "Satisfaction"] {
            assert!(svg.contains(&format!("\n{name}\n")), "{name}");
        }
        assert!(svg.contains("\nClose call \u{2248}\n"), "the Fong flag on the label");
        assert_eq!(assert_no_overlap(&svg), 6);
    }

    #[test]
    fn charts_speak_dutch() {
        let fs = study();
        let svg = diagram(&fs, Language::Nl, "k-d");
        for name in ["Basis", "Beleving", "Bijzonder", "Vervulling", "Tevredenheid"] {
            assert!(svg.contains(&format!("\n{name}\n")), "{name}");
        }
        let bw = better_worse(&fs, Language::Nl, "k-bw");
        for name in ["BASIS", "BELEVING", "BIJZONDER", "ONVERSCHILLIG", "0,4"] {
            assert!(bw.contains(&format!("\n{name}\n")), "{name}");
        }
    }

    #[test]
    fn names_are_escaped() {
        let fs = study();
        for svg in [diagram(&fs, Language::En, "a"), better_worse(&fs, Language::En, "b")] {
            assert!(svg.contains("&lt;b&gt;x&lt;/b&gt;"));
            assert!(!svg.contains("<b>"), "raw markup in {svg}");
        }
    }

    #[test]
    fn thirty_features_get_thirty_labels_without_overlap() {
        let fs = thirty();
        let d = diagram(&fs, Language::En, "d");
        assert_eq!(assert_no_overlap(&d), 30);
        let bw = better_worse(&fs, Language::En, "bw");
        assert_eq!(assert_no_overlap(&bw), 30);
        // Each box is as wide as its text by the shared metric.
        let i = d.find("<g class=\"chart-label\"").expect("a label");
        let label = &d[i..i + d[i..].find("</g>").expect("closed")];
        let w: f64 = attrs(label, "data-bbox")[0].split(' ').nth(2).and_then(|v| v.parse().ok()).expect("width");
        let lines: Vec<&str> = label.lines().filter(|l| !l.starts_with('<')).collect();
        let widest = lines.iter().map(|l| text::width(l, layout::LABEL_PX, text::Weight::Regular)).fold(0.0, f64::max);
        assert!((w - widest).abs() < 0.1, "{w} vs {widest} for {lines:?}");
    }

    #[test]
    fn drawing_is_deterministic() {
        let fs = thirty();
        assert_eq!(diagram(&fs, Language::En, "x"), diagram(&fs, Language::En, "x"));
        assert_eq!(better_worse(&fs, Language::En, "x"), better_worse(&fs, Language::En, "x"));
    }
}
