//! Category shares per feature (stacked bars with the category strength
//! and the Fong flag) and drift over time (years × category), drawn with
//! plotters.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::kano::{label_text, marker, WIDTH};
use super::layout::{self, Side, Want};
use super::palette::{self, INK, LINE, MUTED};
use super::svg::{self, font, Area, DrawResult, Marks, Meta};
use super::text::{self, Weight};
use super::{fill, label};
use crate::analysis::FeatureResult;
use crate::config::Language;
use crate::model::kano::{count, KanoCategory};

/// The bar segments in the order of the Kano literature: A, O, M, I, R, Q.
pub const SEGMENTS: [KanoCategory; 6] = [
    KanoCategory::Delight,
    KanoCategory::Performance,
    KanoCategory::Basic,
    KanoCategory::Indifferent,
    KanoCategory::Reverse,
    KanoCategory::Questionable,
];

const ROW_H: f64 = 26.0;
const GROUP_H: f64 = 26.0;
const NAME_W: f64 = 190.0;
const BAR_X0: f64 = 206.0;
const BAR_X1: f64 = 606.0;

/// Features sorted for the shares chart: by category (basic, performance,
/// delight, indifferent, reverse, questionable), then strongest first.
pub fn share_order(features: &[FeatureResult]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..features.len()).collect();
    order.sort_by(|&a, &b| {
        let (fa, fb) = (&features[a], &features[b]);
        fa.category
            .cmp(&fb.category)
            .then(fb.strength.unwrap_or(-1.0).total_cmp(&fa.strength.unwrap_or(-1.0)))
            .then(a.cmp(&b))
    });
    order
}

/// Category shares: a horizontal 100 % bar per feature (A, O, M, I, R, Q),
/// grouped by category, with the category strength and `≈` where the Fong
/// test finds the top two categories not significantly different.
pub fn shares(features: &[FeatureResult], lang: Language, id: &str) -> String {
    let order = share_order(features);
    let groups = {
        let mut g: Vec<KanoCategory> = order.iter().map(|&i| features[i].category).collect();
        g.dedup();
        g
    };
    let legend = segment_legend_layout(lang);
    let rows = legend.iter().map(|&(_, row)| row).max().unwrap_or(0);
    let (top, legend_h) = (16.0, 40.0 + 22.0 * rows as f64);
    let body = order.len() as f64 * ROW_H + groups.len() as f64 * GROUP_H;
    let height = (top + legend_h + body + 44.0) as u32;
    let flagged: Vec<&str> =
        features.iter().filter(|f| f.significant == Some(false)).map(|f| f.name.as_str()).collect();
    let mut desc = format!("{} ", label(lang, "desc_shares"));
    desc.push_str(
        &order
            .iter()
            .map(|&i| {
                let f = &features[i];
                let shares = f.tally.map(|t| {
                    SEGMENTS
                        .iter()
                        .map(|&c| format!("{} {}%", c.letter(), pct(count(&t, c), f.n)))
                        .collect::<Vec<_>>()
                        .join(", ")
                });
                format!(
                    "{} ({}): {}{}",
                    f.name,
                    label(lang, f.category.as_str()).to_lowercase(),
                    shares.unwrap_or_else(|| label(lang, "no_answers").to_string()),
                    f.strength
                        .map(|s| format!("; {} {}", label(lang, "strength").to_lowercase(), strength_text(s)))
                        .unwrap_or_default()
                )
            })
            .collect::<Vec<_>>()
            .join(". "),
    );
    if !flagged.is_empty() {
        desc.push_str(&format!(". \u{2248} {}: {}", label(lang, "fong_hint"), flagged.join(", ")));
    }
    let meta = Meta { id, class: "chart-kano kano-shares", title: label(lang, "category_shares"), desc: &desc };
    svg::render(WIDTH, height, &meta, |root, marks| {
        segment_legend(root, marks, lang, &legend, top as i32 + 12)?;
        let y0 = top + legend_h;
        let plot = root.clone().shrink((BAR_X0 as u32, y0 as u32), ((BAR_X1 - BAR_X0) as u32, (body + 24.0) as u32));
        let mut chart = ChartBuilder::on(&plot).x_label_area_size(24).build_cartesian_2d(0f64..100f64, 0f64..body)?;
        marks.open(root, "class=\"chart-axes\"")?;
        chart
            .configure_mesh()
            .disable_y_mesh()
            .y_labels(0)
            .x_labels(5)
            .x_label_formatter(&|v| format!("{v:.0}%"))
            .label_style(font(12.0, MUTED, HPos::Center, VPos::Center))
            .bold_line_style(LINE.stroke_width(1))
            .light_line_style(TRANSPARENT)
            .axis_style(LINE.stroke_width(1))
            .draw()?;
        marks.close(root)?;
        // Column head of the strength values.
        let sx = BAR_X1 as i32 + 14;
        root.draw(&Text::new(
            label(lang, "strength"),
            (sx, y0 as i32 - 6),
            font(12.0, MUTED, HPos::Left, VPos::Bottom),
        ))?;
        // Rows, top down (plotters' y grows upwards: y = body − offset).
        let mut offset = 0.0;
        let mut current: Option<KanoCategory> = None;
        for &i in &order {
            let f = &features[i];
            if current != Some(f.category) {
                current = Some(f.category);
                let yc = (y0 + offset + GROUP_H / 2.0 + 3.0) as i32;
                marks.open(root, &format!("class=\"share-group\" data-category=\"{}\"", f.category.as_str()))?;
                marker(root, f.category, (20, yc), 5, false)?;
                root.draw(&Text::new(
                    label(lang, f.category.as_str()),
                    (32, yc),
                    svg::bold(12.0, INK, HPos::Left, VPos::Center),
                ))?;
                root.draw(&PathElement::new(
                    vec![
                        (32 + text::width(label(lang, f.category.as_str()), 12.0, Weight::Bold) as i32 + 8, yc),
                        (sx + 60, yc),
                    ],
                    LINE.stroke_width(1),
                ))?;
                marks.close(root)?;
                offset += GROUP_H;
            }
            let (row_top, row_mid) = (body - offset - 4.0, body - offset - ROW_H / 2.0);
            let yc = (y0 + offset + ROW_H / 2.0) as i32;
            marks.open(
                root,
                &format!(
                    "class=\"share-row\" data-feature=\"{}\" data-category=\"{}\" data-strength=\"{}\" data-significant=\"{}\"",
                    text::escape(&f.id),
                    f.category.as_str(),
                    f.strength.map(strength_text).unwrap_or_default(),
                    f.significant.map_or("", |s| if s { "true" } else { "false" })
                ),
            )?;
            marks.raw(
                root,
                format!("<title>{}: {}</title>", text::escape(&f.name), text::escape(label(lang, f.category.as_str()))),
            )?;
            let name = layout::fit(&f.name, NAME_W - 16.0, 1).join("");
            root.draw(&Text::new(name, (BAR_X0 as i32 - 10, yc), font(12.0, INK, HPos::Right, VPos::Center)))?;
            match f.tally {
                Some(t) if f.n > 0 => {
                    let mut from = 0.0;
                    for c in SEGMENTS {
                        let k = count(&t, c);
                        if k == 0 {
                            continue;
                        }
                        let share = 100.0 * k as f64 / f.n as f64;
                        let to = from + share;
                        marks.open(
                            root,
                            &format!(
                                "class=\"share-seg\" data-letter=\"{}\" data-pct=\"{}\"",
                                c.letter(),
                                svg::num(share)
                            ),
                        )?;
                        let colour = palette::category(c);
                        chart.draw_series(std::iter::once(Rectangle::new(
                            [(from, row_top), (to, row_top - ROW_H + 8.0)],
                            colour.filled(),
                        )))?;
                        let (xa, _) = chart.backend_coord(&(from, row_mid));
                        let (xb, _) = chart.backend_coord(&(to, row_mid));
                        let (wide, narrow) = (format!("{} {}%", c.letter(), share.round()), c.letter().to_string());
                        let room = f64::from(xb - xa) - 6.0;
                        let txt = if text::width(&wide, 12.0, Weight::Regular) <= room {
                            Some(wide)
                        } else if text::width(&narrow, 12.0, Weight::Regular) <= room {
                            Some(narrow)
                        } else {
                            None
                        };
                        if let Some(txt) = txt {
                            let style = font(12.0, palette::text_on(colour), HPos::Center, VPos::Center);
                            root.draw(&Text::new(txt, ((xa + xb) / 2, yc), style))?;
                        }
                        marks.close(root)?;
                        from = to;
                    }
                    // White gaps between segments keep them apart in greyscale.
                    let mut edge = 0.0;
                    for c in SEGMENTS {
                        edge += 100.0 * count(&t, c) as f64 / f.n as f64;
                        if edge < 99.95 && count(&t, c) > 0 {
                            let (x, _) = chart.backend_coord(&(edge, row_mid));
                            root.draw(&PathElement::new(vec![(x, yc - 9), (x, yc + 9)], WHITE.stroke_width(2)))?;
                        }
                    }
                    let strength = f.strength.map(strength_text).unwrap_or_default();
                    root.draw(&Text::new(strength.clone(), (sx, yc), font(12.0, INK, HPos::Left, VPos::Center)))?;
                    if f.significant == Some(false) {
                        marks.open(root, "class=\"fong-flag\"")?;
                        marks.raw(root, format!("<title>{}</title>", text::escape(label(lang, "fong_hint"))))?;
                        let x = sx + text::width(&strength, 12.0, Weight::Regular) as i32 + 6;
                        root.draw(&Text::new(
                            "\u{2248}",
                            (x, yc),
                            svg::bold(14.0, palette::REVERSE, HPos::Left, VPos::Center),
                        ))?;
                        marks.close(root)?;
                    }
                }
                _ => {
                    root.draw(&Text::new(
                        label(lang, "no_answers"),
                        (BAR_X0 as i32 + 6, yc),
                        font(12.0, MUTED, HPos::Left, VPos::Center),
                    ))?;
                }
            }
            marks.close(root)?;
            offset += ROW_H;
        }
        if !flagged.is_empty() {
            let y = (y0 + body + 36.0) as i32;
            marks.open(root, "class=\"chart-note\"")?;
            let note =
                layout::fit(&format!("\u{2248} {}", label(lang, "fong_hint")), f64::from(WIDTH) - 40.0, 1).join("");
            root.draw(&Text::new(note, (20, y), font(12.0, MUTED, HPos::Left, VPos::Center)))?;
            marks.close(root)?;
        }
        Ok(())
    })
}

/// Category strength in whole points, half away from zero (as the table).
pub fn strength_text(s: f64) -> String {
    format!("{}", s.round() as i64)
}

/// `part` of `whole` in whole percent.
fn pct(part: u64, whole: u64) -> String {
    if whole == 0 {
        "0".into()
    } else {
        format!("{}", (100.0 * part as f64 / whole as f64).round() as i64)
    }
}

/// Where each item of the segment legend stands: `(x, row)`, wrapping to
/// a new row before an item would pass the chart's right edge.
fn segment_legend_layout(lang: Language) -> Vec<(i32, usize)> {
    let (mut x, mut row) = (20, 0);
    let mut out = Vec::new();
    for c in SEGMENTS {
        let w = 27 + text::width(label(lang, c.as_str()), 12.0, Weight::Regular).ceil() as i32;
        if x + w > WIDTH as i32 - 16 && x > 20 {
            (x, row) = (20, row + 1);
        }
        out.push((x, row));
        x += w + 14;
    }
    out
}

/// The legend of the bar segments: a swatch, the letter and the name.
fn segment_legend(root: &Area, marks: &mut Marks, lang: Language, at: &[(i32, usize)], y0: i32) -> DrawResult {
    marks.open(root, "class=\"chart-legend\"")?;
    for (&c, &(x, row)) in SEGMENTS.iter().zip(at) {
        let y = y0 + 22 * row as i32;
        let colour = palette::category(c);
        root.draw(&Rectangle::new([(x, y - 7), (x + 22, y + 7)], colour.filled()))?;
        root.draw(&Text::new(
            c.letter().to_string(),
            (x + 11, y),
            font(12.0, palette::text_on(colour), HPos::Center, VPos::Center),
        ))?;
        let name = label(lang, c.as_str());
        root.draw(&Text::new(name, (x + 27, y), font(12.0, INK, HPos::Left, VPos::Center)))?;
    }
    marks.close(root)
}

/// Lanes of the drift chart, top down: delight → performance → basic, then
/// any other category the histories use.
pub fn lanes(features: &[FeatureResult]) -> Vec<KanoCategory> {
    let used = |c: KanoCategory| features.iter().any(|f| f.history.values().any(|&h| h == c));
    let mut v = vec![KanoCategory::Delight, KanoCategory::Performance, KanoCategory::Basic];
    v.extend(
        [KanoCategory::Indifferent, KanoCategory::Reverse, KanoCategory::Questionable].into_iter().filter(|&c| used(c)),
    );
    v
}

/// Drift over time: years across, categories down (delight → performance →
/// basic), a line per feature with a history through its category of each
/// year, named at its last year.
pub fn drift(features: &[FeatureResult], lang: Language, id: &str) -> String {
    let with: Vec<usize> = (0..features.len()).filter(|&i| !features[i].history.is_empty()).collect();
    let mut years: Vec<i64> = with.iter().flat_map(|&i| features[i].history.keys().copied()).collect();
    years.sort_unstable();
    years.dedup();
    let lanes = lanes(features);
    let wants: Vec<Want> = with
        .iter()
        .map(|&i| Want { key: i, anchor: (0.0, 0.0), lines: layout::fit(&label_text(&features[i]), 150.0, 2) })
        .collect();
    let lane_h =
        72f64.max((layout::column_height(&wants) + 10.0) / lanes.len() as f64).max(24.0 + 14.0 * with.len() as f64);
    let (top, pl, pr) = (16.0, 150.0, 528.0);
    let ph = lane_h * lanes.len() as f64;
    let height = (top + ph + 50.0) as u32;
    let (from, to) = (years.first().copied().unwrap_or(0), years.last().copied().unwrap_or(0));
    let story = with
        .iter()
        .map(|&i| {
            let f = &features[i];
            let steps: Vec<String> =
                f.history.iter().map(|(y, c)| format!("{y} {}", label(lang, c.as_str()).to_lowercase())).collect();
            format!("{}: {}", f.name, steps.join(" \u{2192} "))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let desc = format!(
        "{} {story}.",
        fill(
            lang,
            "desc_drift",
            &[("n", &with.len().to_string()), ("from", &from.to_string()), ("to", &to.to_string())]
        )
    );
    let meta = Meta { id, class: "chart-kano kano-drift", title: label(lang, "history"), desc: &desc };
    svg::render(WIDTH, height, &meta, |root, marks| {
        let plot = root.clone().shrink((pl as u32, top as u32), ((pr - pl) as u32, ph as u32));
        let span = (to - from).max(1) as f64;
        let (x_lo, x_hi) = (from as f64 - span * 0.08, to as f64 + span * 0.08);
        let chart = ChartBuilder::on(&plot).build_cartesian_2d(x_lo..x_hi, 0f64..ph)?;
        let pa = chart.plotting_area().clone();
        let px = |x: f64, y: f64| pa.map_coordinate(&(x, y));
        // Lanes: tinted bands with the category's name and marker.
        for (k, &cat) in lanes.iter().enumerate() {
            let (lo, hi) = (ph - (k as f64 + 1.0) * lane_h, ph - k as f64 * lane_h);
            marks.open(root, &format!("class=\"drift-lane\" data-category=\"{}\"", cat.as_str()))?;
            let tint = palette::tint(palette::category(cat), if k % 2 == 0 { 0.12 } else { 0.08 });
            pa.draw(&Rectangle::new([(x_lo, lo), (x_hi, hi)], tint.filled()))?;
            let (_, yc) = px(x_lo, (lo + hi) / 2.0);
            marker(root, cat, (20, yc), 6, false)?;
            root.draw(&Text::new(label(lang, cat.as_str()), (34, yc), svg::bold(13.0, INK, HPos::Left, VPos::Center)))?;
            marks.close(root)?;
        }
        // Years: a grid line and a label each.
        for &y in &years {
            marks.open(root, &format!("class=\"drift-year\" data-year=\"{y}\""))?;
            pa.draw(&PathElement::new(vec![(y as f64, 0.0), (y as f64, ph)], WHITE.stroke_width(2)))?;
            let (x, yb) = px(y as f64, 0.0);
            root.draw(&Text::new(y.to_string(), (x, yb + 16), font(12.0, INK, HPos::Center, VPos::Center)))?;
            marks.close(root)?;
        }
        // A line per feature, offset inside each lane so parallel paths stay apart.
        let m = with.len().max(1) as f64;
        let step = ((lane_h - 24.0) / m).min(14.0);
        let lane_y = |cat: KanoCategory, k: usize| {
            let lane = lanes.iter().position(|&c| c == cat).unwrap_or(0) as f64;
            ph - (lane + 0.5) * lane_h - (k as f64 - (m - 1.0) / 2.0) * step
        };
        let mut ends: Vec<Want> = Vec::new();
        for (k, &i) in with.iter().enumerate() {
            let f = &features[i];
            let pts: Vec<(f64, f64)> = f.history.iter().map(|(&y, &c)| (y as f64, lane_y(c, k))).collect();
            marks.open(root, &format!("class=\"drift-line\" data-feature=\"{}\"", text::escape(&f.id)))?;
            pa.draw(&PathElement::new(pts.clone(), palette::INK_SOFT.stroke_width(2)))?;
            marks.close(root)?;
            if let Some(&(x, y)) = pts.last() {
                let (ax, ay) = px(x, y);
                let mut w = wants.iter().find(|w| w.key == i).cloned().unwrap_or(Want {
                    key: i,
                    anchor: (0.0, 0.0),
                    lines: vec![],
                });
                w.anchor = (f64::from(ax), f64::from(ay));
                ends.push(w);
            }
        }
        // Names at the right, joined to each line's last point.
        marks.open(root, "class=\"chart-labels\"")?;
        for p in layout::column(ends, pr + 30.0, Side::Right, top, top + ph) {
            let f = &features[p.key];
            let (bx, by, bw, bh) = p.bbox();
            marks.open(root, &layout::label_attrs(&f.id, (bx, by, bw, bh)))?;
            let end = p.leader_end();
            root.draw(&PathElement::new(
                vec![(p.anchor.0 as i32 + 8, p.anchor.1 as i32), (end.0 as i32, end.1 as i32)],
                LINE.stroke_width(1),
            ))?;
            for (n, line) in p.lines.iter().enumerate() {
                root.draw(&Text::new(
                    line.clone(),
                    (p.x as i32, p.line_y(n) as i32),
                    font(12.0, INK, HPos::Left, VPos::Center),
                ))?;
            }
            marks.close(root)?;
        }
        marks.close(root)?;
        // Markers on top of the lines.
        for (k, &i) in with.iter().enumerate() {
            let f = &features[i];
            for (&y, &c) in &f.history {
                marks.open(
                    root,
                    &format!(
                        "class=\"drift-point\" data-feature=\"{}\" data-year=\"{y}\" data-category=\"{}\"",
                        text::escape(&f.id),
                        c.as_str()
                    ),
                )?;
                marks.raw(
                    root,
                    format!("<title>{} {y}: {}</title>", text::escape(&f.name), text::escape(label(lang, c.as_str()))),
                )?;
                marker(root, c, px(y as f64, lane_y(c, k)), 5, false)?;
                marks.close(root)?;
            }
        }
        Ok(())
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::fixtures::{assert_no_overlap, attrs, study, thirty};

    #[test]
    fn percentages() {
        assert_eq!(pct(1, 3), "33");
        assert_eq!(pct(0, 0), "0");
    }

    #[test]
    fn bars_are_sorted_by_category_with_strength_and_the_fong_flag() {
        let fs = study();
        let svg = shares(&fs, Language::En, "k-s");
        let rows: Vec<String> = svg
            .match_indices("<g class=\"share-row\"")
            .filter_map(|(i, _)| attrs(&svg[i..], "data-feature").into_iter().next())
            .collect();
        assert_eq!(
            rows,
            ["edge-grip", "close-call", "markup", "stated-only", "indifferent-one", "reverse-one", "questionable-one"]
        );
        let row = |id: &str| {
            let i = svg.find(&format!("class=\"share-row\" data-feature=\"{id}\"")).expect("row");
            let end = svg[i..].find("class=\"share-row\"").map_or(svg.len(), |_| {
                i + svg[i + 10..].find("class=\"share-row\"").unwrap_or(svg.len() - i - 10) + 10
            });
            svg[i..end].to_string()
        };
        // Sauerwein's edge grip: M 50 %, strength 50 − 33 = 17, significant.
        let edge = row("edge-grip");
        assert!(edge.contains("data-strength=\"17\" data-significant=\"true\""), "{edge}");
        assert!(edge.contains("data-letter=\"M\" data-pct=\"50\"") && edge.contains("\nM 50%\n"), "{edge}");
        assert!(!edge.contains("fong-flag"));
        // 30 O vs 28 A of 80: not significantly different → flagged.
        let close = row("close-call");
        // Strength (30 − 28)/80 = 2.5 points, rounded half away from zero.
        assert!(close.contains("data-strength=\"3\" data-significant=\"false\""), "{close}");
        assert!(close.contains("class=\"fong-flag\"") && close.contains("\n\u{2248}\n"), "{close}");
        assert!(row("stated-only").contains("\nno answers\n"));
        for c in ["basic", "performance", "delight", "indifferent", "reverse", "questionable"] {
            assert!(svg.contains(&format!("class=\"share-group\" data-category=\"{c}\"")), "{c}");
        }
        assert!(svg.contains("&lt;b&gt;x&lt;/b&gt;") && !svg.contains("<b>"));
    }

    #[test]
    fn drift_runs_from_delight_to_basic_over_the_years() {
        let fs = study();
        let svg = drift(&fs, Language::En, "k-drift");
        assert_eq!(
            attrs(&svg, "data-year")
                .iter()
                .filter(|y| svg.contains(&format!("class=\"drift-year\" data-year=\"{y}\"")))
                .count(),
            8
        );
        for y in [2012, 2016, 2020] {
            assert!(svg.contains(&format!("class=\"drift-year\" data-year=\"{y}\"")), "{y}");
        }
        let lanes: Vec<String> = svg
            .match_indices("class=\"drift-lane\"")
            .filter_map(|(i, _)| attrs(&svg[i..], "data-category").into_iter().next())
            .collect();
        assert_eq!(lanes, ["delight", "performance", "basic"]);
        assert_eq!(svg.matches("class=\"drift-line\"").count(), 2);
        assert_eq!(svg.matches("class=\"drift-point\"").count(), 5);
        assert!(svg.contains("data-feature=\"edge-grip\" data-year=\"2012\" data-category=\"delight\""));
        assert!(svg.contains("data-feature=\"edge-grip\" data-year=\"2020\" data-category=\"basic\""));
        // The line goes down the lanes: delight above performance above basic.
        let y_of = |year: &str| {
            let i = svg.find(&format!("data-feature=\"edge-grip\" data-year=\"{year}\"")).expect("point");
            let group = &svg[i..i + svg[i..].find("</g>").expect("closed")];
            // The marker's first shape: a polygon (delight), rect (basic) or circle.
            let ys: Vec<i32> = attrs(group, "points")
                .first()
                .map(|p| p.split_whitespace().filter_map(|xy| xy.split(',').nth(1)?.parse().ok()).collect())
                .or_else(|| attrs(group, "cy").first().and_then(|v| v.parse().ok()).map(|v| vec![v]))
                .or_else(|| attrs(group, "y").first().and_then(|v| v.parse().ok()).map(|v| vec![v]))
                .unwrap_or_default();
            ys.iter().sum::<i32>() / ys.len().max(1) as i32
        };
        assert!(y_of("2012") < y_of("2016") && y_of("2016") < y_of("2020"));
        assert_eq!(assert_no_overlap(&svg), 2);
        let nl = drift(&fs, Language::Nl, "k-drift");
        assert!(nl.contains("\nBijzonder\n") && nl.contains("\nBasis\n"));
    }

    #[test]
    fn thirty_drifting_features_keep_their_labels_apart() {
        let fs = thirty();
        let svg = drift(&fs, Language::En, "d");
        assert_eq!(assert_no_overlap(&svg), 20);
        assert_eq!(shares(&fs, Language::En, "s").matches("<g class=\"share-row\"").count(), 30);
        assert_eq!(drift(&fs, Language::En, "d"), svg, "deterministic");
    }
}
