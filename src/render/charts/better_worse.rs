//! The Better–Worse diagram (Berger et al. 1993): |Worse| across, Better
//! up, quadrants divided at 0.5, one point per feature with answers, sized
//! by self-stated importance (else by answers), drawn with plotters.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::kano::{draw_labels, listing, marker, open_point, wants, WIDTH};
use super::layout::{self, Side, Want};
use super::palette::{self, INK, LINE, MUTED};
use super::svg::{self, font, Meta};
use super::{decimal, fill, label};
use crate::analysis::FeatureResult;
use crate::config::Language;
use crate::model::kano::KanoCategory;

/// How the Better–Worse diagram sizes its points.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Sizing {
    /// By self-stated importance (1–5); features without it are drawn hollow.
    Importance,
    /// By number of answers, relative to the largest.
    Answers(u64),
}

/// Importance when any plotted feature states it, else answers.
pub fn sizing(features: &[&FeatureResult]) -> Sizing {
    if features.iter().any(|f| f.importance.is_some()) {
        Sizing::Importance
    } else {
        Sizing::Answers(features.iter().map(|f| f.n).max().unwrap_or(0))
    }
}

/// Point radius (px) and whether it is drawn hollow.
pub fn radius(f: &FeatureResult, sizing: Sizing) -> (i32, bool) {
    match sizing {
        Sizing::Importance => match f.importance {
            Some(i) => ((4.0 + (i.clamp(1.0, 5.0) - 1.0) * 2.0).round() as i32, false),
            None => (8, true),
        },
        Sizing::Answers(max) if max > 0 => ((5.0 + 7.0 * (f.n as f64 / max as f64).sqrt()).round() as i32, false),
        Sizing::Answers(_) => (6, false),
    }
}

/// The Better–Worse diagram: |Worse| (x) × Better (y), quadrants divided at
/// 0.5 and named, one point per feature with answers, sized by importance
/// (else answers), named in label columns.
pub fn better_worse(features: &[FeatureResult], lang: Language, id: &str) -> String {
    let coords: Vec<Option<(f64, f64)>> = features
        .iter()
        .map(|f| match (f.better, f.worse) {
            (Some(b), Some(w)) => Some((w.abs().min(1.0), b.clamp(0.0, 1.0))),
            _ => None,
        })
        .collect();
    let plotted: Vec<&FeatureResult> =
        features.iter().zip(&coords).filter(|(_, c)| c.is_some()).map(|(f, _)| f).collect();
    let size = sizing(&plotted);
    let (left, right) = wants(features, |i| coords[i].map(|(x, _)| if x < 0.5 { Side::Left } else { Side::Right }));
    let (top, pl, pr) = (40.0, 226.0, 528.0);
    let ph = 400f64.max(layout::column_height(&left).max(layout::column_height(&right)));
    let height = (top + ph + 96.0) as u32;
    let desc = format!(
        "{} {}.",
        fill(lang, "desc_better_worse", &[("n", &plotted.len().to_string())]),
        listing(&plotted.iter().map(|&f| f.clone()).collect::<Vec<_>>(), lang, |f| format!(
            ", Better {}, Worse {}",
            decimal(lang, f.better.unwrap_or(0.0), 2),
            decimal(lang, f.worse.unwrap_or(0.0), 2)
        ))
    );
    let meta = Meta { id, class: "chart-kano better-worse", title: label(lang, "better_worse"), desc: &desc };
    svg::render(WIDTH, height, &meta, |root, marks| {
        let area = root.clone().shrink(((pl - 40.0) as u32, top as u32), ((pr - pl + 40.0) as u32, (ph + 26.0) as u32));
        let mut chart = ChartBuilder::on(&area)
            .x_label_area_size(26)
            .y_label_area_size(40)
            .build_cartesian_2d(0f64..1f64, 0f64..1f64)?;
        // Quadrants: tinted backgrounds, then the grid and axes on top.
        let quadrants = [
            (KanoCategory::Delight, (0.0, 0.5), (0.5, 1.0)),
            (KanoCategory::Performance, (0.5, 0.5), (1.0, 1.0)),
            (KanoCategory::Basic, (0.5, 0.0), (1.0, 0.5)),
            (KanoCategory::Indifferent, (0.0, 0.0), (0.5, 0.5)),
        ];
        marks.open(root, "class=\"bw-quadrants\"")?;
        for (cat, a, b) in quadrants {
            let tint = palette::tint(palette::category(cat), 0.1);
            chart.draw_series(std::iter::once(Rectangle::new([a, b], tint.filled())))?;
        }
        marks.close(root)?;
        marks.open(root, "class=\"chart-axes\"")?;
        let fmt = |v: &f64| decimal(lang, *v, 1);
        chart
            .configure_mesh()
            .x_labels(6)
            .y_labels(6)
            .x_label_formatter(&fmt)
            .y_label_formatter(&fmt)
            .label_style(font(12.0, MUTED, HPos::Center, VPos::Center))
            .bold_line_style(WHITE.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(LINE.stroke_width(1))
            .draw()?;
        // Axis names, horizontal: Better above the y axis, |Worse| under the x axis.
        let axis_name = svg::bold(12.0, INK, HPos::Left, VPos::Bottom);
        root.draw(&Text::new(
            format!("\u{2191} {}", label(lang, "better_axis")),
            (pl as i32 - 30, top as i32 - 12),
            axis_name,
        ))?;
        let x_name = svg::bold(12.0, INK, HPos::Right, VPos::Top);
        root.draw(&Text::new(
            format!("{} \u{2192}", label(lang, "worse_axis")),
            (pr as i32, (top + ph) as i32 + 30),
            x_name,
        ))?;
        marks.close(root)?;
        marks.open(root, "class=\"bw-dividers\" stroke-dasharray=\"6 4\"")?;
        let divider = INK.mix(0.55).stroke_width(1);
        chart.draw_series(LineSeries::new(vec![(0.5, 0.0), (0.5, 1.0)], divider))?;
        chart.draw_series(LineSeries::new(vec![(0.0, 0.5), (1.0, 0.5)], divider))?;
        marks.close(root)?;
        // Quadrant names in the outer corners.
        let pa = chart.plotting_area().clone();
        let px = |x: f64, y: f64| pa.map_coordinate(&(x, y));
        let corners = [
            (KanoCategory::Delight, px(0.0, 1.0), HPos::Left, VPos::Top, (8, 8)),
            (KanoCategory::Performance, px(1.0, 1.0), HPos::Right, VPos::Top, (-8, 8)),
            (KanoCategory::Basic, px(1.0, 0.0), HPos::Right, VPos::Bottom, (-8, -8)),
            (KanoCategory::Indifferent, px(0.0, 0.0), HPos::Left, VPos::Bottom, (8, -8)),
        ];
        for (cat, (x, y), h, v, (ox, oy)) in corners {
            marks.open(root, &format!("class=\"bw-quadrant\" data-category=\"{}\"", cat.as_str()))?;
            let name = label(lang, cat.as_str()).to_uppercase();
            root.draw(&Text::new(name, (x + ox, y + oy), svg::bold(13.0, palette::INK_SOFT, h, v)))?;
            marks.close(root)?;
        }
        // Labels with leader lines, then the points on top, largest first so
        // small ones stay visible.
        let anchor = |i: usize| coords[i].map(|(x, y)| px(x, y));
        let place = |mut ws: Vec<Want>, x: f64, side| {
            for w in &mut ws {
                let (ax, ay) = anchor(w.key).unwrap_or((0, 0));
                w.anchor = (f64::from(ax), f64::from(ay));
            }
            layout::column(ws, x, side, top, top + ph)
        };
        marks.open(root, "class=\"chart-labels\"")?;
        draw_labels(root, marks, &place(left, pl - 70.0, Side::Left), features, pl - 44.0)?;
        draw_labels(root, marks, &place(right, pr + 36.0, Side::Right), features, pr + 8.0)?;
        marks.close(root)?;
        let mut order: Vec<usize> = (0..features.len()).filter(|&i| coords[i].is_some()).collect();
        order.sort_by_key(|&i| (std::cmp::Reverse(radius(&features[i], size).0), i));
        for &i in &order {
            let f = &features[i];
            let (r, hollow) = radius(f, size);
            let (x, y) = coords[i].unwrap_or((0.0, 0.0));
            let extra =
                format!(" data-x=\"{}\" data-y=\"{}\" data-r=\"{r}\"", svg::num(x * 100.0), svg::num(y * 100.0));
            open_point(root, marks, "bw-point", f, lang, &extra)?;
            marker(root, f.category, anchor(i).unwrap_or((0, 0)), r, hollow)?;
            marks.close(root)?;
        }
        // How to read the point sizes; features without answers.
        let ly = (top + ph + 66.0) as i32;
        marks.open(root, "class=\"chart-legend\"")?;
        let how = match size {
            Sizing::Importance if plotted.iter().any(|f| f.importance.is_none()) => {
                format!("{} · {}", label(lang, "size_importance"), label(lang, "size_importance_missing"))
            }
            Sizing::Importance => label(lang, "size_importance").to_string(),
            Sizing::Answers(_) => label(lang, "size_answers").to_string(),
        };
        let how = layout::fit(&how, f64::from(WIDTH) - 40.0, 1).join("");
        root.draw(&Text::new(how, (20, ly), font(12.0, MUTED, HPos::Left, VPos::Center)))?;
        marks.close(root)?;
        let off: Vec<&str> =
            features.iter().zip(&coords).filter(|(_, c)| c.is_none()).map(|(f, _)| f.name.as_str()).collect();
        if !off.is_empty() {
            let note =
                layout::fit(&format!("{}: {}", label(lang, "not_placed"), off.join(", ")), f64::from(WIDTH) - 40.0, 1)
                    .join("");
            marks.open(root, "class=\"chart-note\"")?;
            root.draw(&Text::new(note, (20, ly + 20), font(12.0, MUTED, HPos::Left, VPos::Center)))?;
            marks.close(root)?;
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{assert_no_overlap, attrs, study};

    #[test]
    fn better_worse_has_quadrants_dividers_and_sized_points() {
        let fs = study();
        let svg = better_worse(&fs, Language::En, "k-bw");
        for q in ["DELIGHT", "PERFORMANCE", "BASIC", "INDIFFERENT"] {
            assert!(svg.contains(&format!("\n{q}\n")), "{q}");
        }
        // One point per feature with answers (not the stated-only one).
        assert_eq!(svg.matches("class=\"bw-point ").count(), 6);
        assert!(!svg.contains("class=\"bw-point bw-point-delight\" data-feature=\"stated-only\""));
        assert!(svg.contains("data-feature=\"edge-grip\" data-category=\"basic\" data-x=\"83\" data-y=\"40\""));
        assert!(svg.contains("Not placed (no answers): Stated without answers"));
        // The dividers cross in the middle of the plot: at 0.5 on both axes.
        let i = svg.find("class=\"bw-dividers\"").expect("dividers");
        let pts: Vec<Vec<i32>> = attrs(&svg[i..], "points")
            .iter()
            .take(2)
            .map(|p| p.split([' ', ',']).filter_map(|v| v.parse().ok()).collect())
            .collect();
        let (vertical, horizontal) = (&pts[0], &pts[1]);
        assert_eq!(vertical[0], vertical[2], "vertical");
        assert_eq!(horizontal[1], horizontal[3], "horizontal");
        assert!((2 * vertical[0] - horizontal[0] - horizontal[2]).abs() <= 1, "x = 0.5");
        assert!((2 * horizontal[1] - vertical[1] - vertical[3]).abs() <= 1, "y = 0.5");
        assert_eq!(assert_no_overlap(&svg), 6);
    }

    #[test]
    fn point_size_by_importance_else_answers() {
        let fs = study();
        let all: Vec<&FeatureResult> = fs.iter().collect();
        assert_eq!(sizing(&all), Sizing::Importance);
        assert_eq!(radius(&fs[0], Sizing::Importance), (11, false), "importance 4.5");
        assert_eq!(radius(&fs[3], Sizing::Importance), (5, false), "importance 1.5");
        assert_eq!(radius(&fs[2], Sizing::Importance), (8, true), "not asked: hollow");
        let none: Vec<&FeatureResult> = fs.iter().filter(|f| f.importance.is_none()).collect();
        assert_eq!(sizing(&none), Sizing::Answers(76));
        assert_eq!(radius(&fs[2], Sizing::Answers(76)), (12, false), "the most answers: largest");
    }
}
