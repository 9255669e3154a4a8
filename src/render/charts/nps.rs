//! NPS charts, drawn with plotters: the trend with its 95 % margin as a
//! band, promoters / passives / detractors stacked per period, and the 0–10
//! score distribution of a period with raw scores.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::palette::{self, INK, LINE, MUTED};
use super::svg::{self, font, Area, DrawResult, Marks, Meta};
use super::text::{self, Weight};
use super::{decimal, fill, label};
use crate::analysis::PeriodResult;
use crate::config::Language;

/// Width of every NPS chart (px). Small enough that the chart prints on an A4 page at no less than its
/// natural size, so its smallest text (12 px) stays above 8 pt.
pub const WIDTH: u32 = 720;
const PL: f64 = 70.0;
const PR: f64 = 700.0;

/// An NPS value for text: Unicode minus.
fn nps_text(v: i64) -> String {
    v.to_string().replacen('-', "\u{2212}", 1)
}

/// Which period labels fit: every `k`-th, so labels of `slot` px each do not touch.
pub fn label_step(periods: &[&str], slot: f64, px: f64) -> usize {
    let widest = periods.iter().map(|p| text::width(p, px, Weight::Regular)).fold(0.0, f64::max);
    ((widest + 10.0) / slot.max(1.0)).ceil().max(1.0) as usize
}

/// The y range of the trend: every NPS ± margin and 0, padded, in tens, within −100…100.
pub fn trend_range(periods: &[PeriodResult]) -> (f64, f64) {
    let mut lo: f64 = 0.0;
    let mut hi: f64 = 0.0;
    for p in periods {
        if let Some(n) = p.nps {
            let m = p.margin.unwrap_or(0.0);
            lo = lo.min(n as f64 - m);
            hi = hi.max(n as f64 + m);
        }
    }
    let lo = ((lo - 5.0) / 10.0).floor() * 10.0;
    let hi = ((hi + 5.0) / 10.0).ceil() * 10.0;
    (lo.max(-100.0), hi.min(100.0))
}

/// Draws the period names under the x axis (every `step`-th), with `data-period`.
fn period_axis(root: &Area, marks: &mut Marks, names: &[&str], x_of: &dyn Fn(usize) -> i32, y: i32) -> DrawResult {
    let slot = if names.len() > 1 { f64::from(x_of(1) - x_of(0)) } else { PR - PL };
    let step = label_step(names, slot, 12.0);
    marks.open(root, "class=\"chart-axis-periods\"")?;
    for (i, name) in names.iter().enumerate() {
        if i % step == 0 || i + 1 == names.len() && (names.len() - 1) % step > step / 2 {
            root.draw(&Text::new(name.to_string(), (x_of(i), y), font(12.0, INK, HPos::Center, VPos::Center)))?;
        }
    }
    marks.close(root)
}

/// The NPS trend: a line through each period's NPS, the 95 % margin of
/// error as a band around it, and the value at each point.
pub fn trend(periods: &[PeriodResult], lang: Language, id: &str) -> String {
    let n = periods.len();
    let (lo, hi) = trend_range(periods);
    let (top, ph) = (40.0, 250.0);
    let height = (top + ph + 50.0) as u32;
    let values = periods
        .iter()
        .map(|p| match (p.nps, p.margin) {
            (Some(v), Some(m)) => format!("{} {} (\u{b1}{})", p.period, nps_text(v), decimal(lang, m, 1)),
            _ => format!("{} \u{2013}", p.period),
        })
        .collect::<Vec<_>>()
        .join(", ");
    let first = periods.first().map_or("", |p| p.period.as_str());
    let last = periods.last().map_or("", |p| p.period.as_str());
    let desc =
        format!("{} {values}.", fill(lang, "desc_nps_trend", &[("n", &n.to_string()), ("from", first), ("to", last)]));
    let meta = Meta { id, class: "chart-nps nps-trend", title: label(lang, "nps_trend"), desc: &desc };
    svg::render(WIDTH, height, &meta, |root, marks| {
        let area = root.clone().shrink(((PL - 40.0) as u32, top as u32), ((PR - PL + 40.0) as u32, ph as u32));
        let mut chart = ChartBuilder::on(&area)
            .y_label_area_size(40)
            .build_cartesian_2d(-0.5f64..(n.max(1) as f64 - 0.5), lo..hi)?;
        value_axis(&mut chart, root, marks, ((hi - lo) / 10.0) as usize + 1, &|v| nps_text(v.round() as i64))?;
        let pa = chart.plotting_area().clone();
        let px = |x: f64, y: f64| pa.map_coordinate(&(x, y));
        marks.open(root, "class=\"nps-zero\"")?;
        pa.draw(&PathElement::new(vec![(-0.5, 0.0), (n as f64 - 0.5, 0.0)], INK.stroke_width(1)))?;
        marks.close(root)?;
        // Runs of periods with a value: band, then line.
        let runs = runs(periods);
        let band_colour = palette::tint(palette::BASIC, 0.22);
        for run in &runs {
            let upper = run.iter().map(|&i| (i as f64, value(&periods[i]) + margin(&periods[i])));
            let lower = run.iter().rev().map(|&i| (i as f64, value(&periods[i]) - margin(&periods[i])));
            let outline: Vec<(f64, f64)> = upper.chain(lower).collect();
            marks.open(root, "class=\"nps-band\"")?;
            if run.len() > 1 {
                pa.draw(&Polygon::new(outline, band_colour.filled()))?;
            } else if let Some(&i) = run.first() {
                let (x, y) = (i as f64, value(&periods[i]));
                let (m, w) = (margin(&periods[i]), 0.12);
                pa.draw(&Rectangle::new([(x - w, y + m), (x + w, y - m)], band_colour.filled()))?;
            }
            marks.close(root)?;
        }
        for run in &runs {
            marks.open(root, "class=\"nps-line\"")?;
            let pts: Vec<(f64, f64)> = run.iter().map(|&i| (i as f64, value(&periods[i]))).collect();
            chart.draw_series(LineSeries::new(pts, palette::BASIC.stroke_width(3)))?;
            marks.close(root)?;
        }
        for (i, p) in periods.iter().enumerate() {
            let Some(v) = p.nps else { continue };
            let (x, y) = px(i as f64, v as f64);
            let m = p.margin.unwrap_or(0.0);
            marks.open(
                root,
                &format!(
                    "class=\"nps-point\" data-period=\"{}\" data-nps=\"{v}\" data-margin=\"{}\"",
                    text::escape(&p.period),
                    svg::num(m)
                ),
            )?;
            marks.raw(
                root,
                format!(
                    "<title>{}: NPS {} \u{b1}{}</title>",
                    text::escape(&p.period),
                    nps_text(v),
                    decimal(lang, m, 1)
                ),
            )?;
            root.draw(&Circle::new((x, y), 7, WHITE.filled()))?;
            root.draw(&Circle::new((x, y), 5, palette::BASIC.filled()))?;
            let (_, y_top) = px(i as f64, v as f64 + m);
            let ty = (y_top - 8).min(y - 12);
            root.draw(&Text::new(nps_text(v), (x, ty), svg::bold(13.0, INK, HPos::Center, VPos::Bottom)))?;
            marks.close(root)?;
        }
        let names: Vec<&str> = periods.iter().map(|p| p.period.as_str()).collect();
        let (_, yb) = px(0.0, lo);
        period_axis(root, marks, &names, &|i| px(i as f64, 0.0).0, yb + 18)?;
        // Legend: line and band.
        marks.open(root, "class=\"chart-legend\"")?;
        let ly = 16;
        root.draw(&PathElement::new(vec![(PL as i32, ly), (PL as i32 + 30, ly)], palette::BASIC.stroke_width(3)))?;
        root.draw(&Circle::new((PL as i32 + 15, ly), 4, palette::BASIC.filled()))?;
        root.draw(&Text::new(
            label(lang, "nps_score"),
            (PL as i32 + 38, ly),
            font(12.0, INK, HPos::Left, VPos::Center),
        ))?;
        let bx = PL as i32 + 38 + text::width(label(lang, "nps_score"), 12.0, Weight::Regular) as i32 + 24;
        root.draw(&Rectangle::new([(bx, ly - 7), (bx + 30, ly + 7)], band_colour.filled()))?;
        root.draw(&Text::new(label(lang, "margin"), (bx + 38, ly), font(12.0, INK, HPos::Left, VPos::Center)))?;
        marks.close(root)
    })
}

fn value(p: &PeriodResult) -> f64 {
    p.nps.unwrap_or(0) as f64
}

fn margin(p: &PeriodResult) -> f64 {
    p.margin.unwrap_or(0.0)
}

/// Runs of consecutive periods that have an NPS (periods without
/// respondents break the line).
fn runs(periods: &[PeriodResult]) -> Vec<Vec<usize>> {
    let mut out: Vec<Vec<usize>> = Vec::new();
    let mut current = Vec::new();
    for (i, p) in periods.iter().enumerate() {
        if p.nps.is_some() {
            current.push(i);
        } else if !current.is_empty() {
            out.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// The three NPS groups, bottom up: (class, label key, colour).
const GROUPS: [(&str, &str, RGBColor); 3] = [
    ("detractors", "detractors", palette::DETRACTORS),
    ("passives", "passives", palette::PASSIVES),
    ("promoters", "promoters", palette::PROMOTERS),
];

/// A legend of the three groups at `y`.
fn group_legend(root: &Area, marks: &mut Marks, lang: Language, y: i32) -> DrawResult {
    marks.open(root, "class=\"chart-legend\"")?;
    let mut x = PL as i32;
    for (_, key, colour) in GROUPS.iter().rev() {
        root.draw(&Rectangle::new([(x, y - 7), (x + 22, y + 7)], colour.filled()))?;
        let name = label(lang, key);
        root.draw(&Text::new(name, (x + 28, y), font(12.0, INK, HPos::Left, VPos::Center)))?;
        x += 28 + text::width(name, 12.0, Weight::Regular) as i32 + 22;
    }
    marks.close(root)
}

/// Promoters, passives and detractors per period as 100 % stacked bars,
/// with the shares written in the bars and the NPS under each period.
pub fn mix(periods: &[PeriodResult], lang: Language, id: &str) -> String {
    let n = periods.len();
    let (top, ph) = (40.0, 240.0);
    let height = (top + ph + 56.0) as u32;
    let values = periods
        .iter()
        .map(|p| {
            let c = p.counts;
            let r = c.respondents();
            format!(
                "{}: {} {}%, {} {}%, {} {}%",
                p.period,
                label(lang, "promoters").to_lowercase(),
                share(c.promoters, r),
                label(lang, "passives").to_lowercase(),
                share(c.passives, r),
                label(lang, "detractors").to_lowercase(),
                share(c.detractors, r)
            )
        })
        .collect::<Vec<_>>()
        .join("; ");
    let desc = format!("{} {values}.", label(lang, "desc_nps_mix"));
    let meta = Meta { id, class: "chart-nps nps-mix", title: label(lang, "nps_mix"), desc: &desc };
    svg::render(WIDTH, height, &meta, |root, marks| {
        group_legend(root, marks, lang, 16)?;
        let area = root.clone().shrink(((PL - 40.0) as u32, top as u32), ((PR - PL + 40.0) as u32, ph as u32));
        let mut chart = ChartBuilder::on(&area)
            .y_label_area_size(40)
            .build_cartesian_2d(-0.5f64..(n.max(1) as f64 - 0.5), 0f64..100f64)?;
        value_axis(&mut chart, root, marks, 5, &|v| format!("{v:.0}%"))?;
        let pa = chart.plotting_area().clone();
        let px = |x: f64, y: f64| pa.map_coordinate(&(x, y));
        let slot = if n > 1 { f64::from(px(1.0, 0.0).0 - px(0.0, 0.0).0) } else { PR - PL };
        let half = (slot * 0.32).min(36.0) / slot;
        for (i, p) in periods.iter().enumerate() {
            let c = p.counts;
            let r = c.respondents();
            marks.open(
                root,
                &format!("class=\"nps-bar\" data-period=\"{}\" data-respondents=\"{r}\"", text::escape(&p.period)),
            )?;
            let mut from = 0.0;
            for ((class, key, colour), k) in GROUPS.iter().zip([c.detractors, c.passives, c.promoters]) {
                if r == 0 || k == 0 {
                    continue;
                }
                let pct = 100.0 * k as f64 / r as f64;
                let to = from + pct;
                marks.open(root, &format!("class=\"nps-seg nps-{class}\" data-pct=\"{}\"", svg::num(pct)))?;
                marks.raw(
                    root,
                    format!("<title>{} {}: {k} ({}%)</title>", text::escape(&p.period), label(lang, key), pct.round()),
                )?;
                let x = i as f64;
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - half, from), (x + half, to)],
                    colour.filled(),
                )))?;
                let (xc, ya) = px(x, from);
                let (_, yb) = px(x, to);
                let txt = format!("{:.0}%", pct.round());
                if ya - yb >= 16 && text::width(&txt, 12.0, Weight::Regular) + 4.0 <= slot * 0.64 {
                    root.draw(&Text::new(
                        txt,
                        (xc, (ya + yb) / 2),
                        font(12.0, palette::text_on(*colour), HPos::Center, VPos::Center),
                    ))?;
                }
                // A white rule between segments.
                if to < 99.95 {
                    pa.draw(&PathElement::new(vec![(x - half, to), (x + half, to)], WHITE.stroke_width(2)))?;
                }
                marks.close(root)?;
                from = to;
            }
            marks.close(root)?;
        }
        let names: Vec<&str> = periods.iter().map(|p| p.period.as_str()).collect();
        let (_, yb) = px(0.0, 0.0);
        period_axis(root, marks, &names, &|i| px(i as f64, 0.0).0, yb + 16)?;
        // The NPS of each period under its name.
        let step = label_step(&names, slot, 12.0);
        marks.open(root, "class=\"nps-values\"")?;
        for (i, p) in periods.iter().enumerate() {
            if let (Some(v), true) = (p.nps, i % step == 0) {
                let t = format!("NPS {}", nps_text(v));
                root.draw(&Text::new(
                    t,
                    (px(i as f64, 0.0).0, yb + 34),
                    font(12.0, MUTED, HPos::Center, VPos::Center),
                ))?;
            }
        }
        marks.close(root)
    })
}

/// `part` of `whole` in whole percent.
fn share(part: u64, whole: u64) -> String {
    if whole == 0 {
        "0".into()
    } else {
        format!("{}", (100.0 * part as f64 / whole as f64).round() as i64)
    }
}

/// The score distribution of one period: respondents per score 0–10, the
/// bars coloured by group, with the groups named under the axis.
pub fn distribution(period: &str, counts: &[u64; 11], lang: Language, id: &str) -> String {
    let max = counts.iter().copied().max().unwrap_or(0).max(1);
    let (top, ph) = (40.0, 200.0);
    let height = (top + ph + 66.0) as u32;
    let values = (0..=10).map(|s| format!("{s}: {}", counts[s])).collect::<Vec<_>>().join(", ");
    let desc = format!("{} {values}.", fill(lang, "desc_distribution", &[("period", period)]));
    let title = format!("{} {period}", label(lang, "score_distribution"));
    let meta = Meta { id, class: "chart-nps nps-distribution", title: &title, desc: &desc };
    let y_max = (max as f64 * 1.15).ceil();
    svg::render(WIDTH, height, &meta, |root, marks| {
        group_legend(root, marks, lang, 16)?;
        let area = root.clone().shrink(((PL - 40.0) as u32, top as u32), ((PR - PL + 40.0) as u32, ph as u32));
        let mut chart =
            ChartBuilder::on(&area).y_label_area_size(40).build_cartesian_2d(-0.5f64..10.5f64, 0f64..y_max)?;
        value_axis(&mut chart, root, marks, 5, &|v| format!("{v:.0}"))?;
        let pa = chart.plotting_area().clone();
        let px = |x: f64, y: f64| pa.map_coordinate(&(x, y));
        let group = |s: usize| match s {
            0..=6 => 0,
            7..=8 => 1,
            _ => 2,
        };
        for (s, &k) in counts.iter().enumerate() {
            let (class, _, colour) = GROUPS[group(s)];
            marks.open(root, &format!("class=\"nps-score nps-{class}\" data-score=\"{s}\" data-count=\"{k}\""))?;
            let x = s as f64;
            if k > 0 {
                chart.draw_series(std::iter::once(Rectangle::new(
                    [(x - 0.36, 0.0), (x + 0.36, k as f64)],
                    colour.filled(),
                )))?;
            }
            let (xc, yt) = px(x, k as f64);
            root.draw(&Text::new(k.to_string(), (xc, yt - 4), font(12.0, INK, HPos::Center, VPos::Bottom)))?;
            let (_, yb) = px(x, 0.0);
            root.draw(&Text::new(s.to_string(), (xc, yb + 14), svg::bold(12.0, INK, HPos::Center, VPos::Center)))?;
            marks.close(root)?;
        }
        // Brackets naming the groups under the scores.
        let (_, yb) = px(0.0, 0.0);
        marks.open(root, "class=\"nps-groups\"")?;
        for ((_, key, _), (a, b)) in GROUPS.iter().zip([(0.0, 6.0), (7.0, 8.0), (9.0, 10.0)]) {
            let (xa, _) = px(a - 0.4, 0.0);
            let (xb, _) = px(b + 0.4, 0.0);
            let y = yb + 30;
            root.draw(&PathElement::new(vec![(xa, y - 4), (xa, y), (xb, y), (xb, y - 4)], MUTED.stroke_width(1)))?;
            let name = format!("{} {}\u{2013}{}", label(lang, key), a as i64, b as i64);
            root.draw(&Text::new(name, ((xa + xb) / 2, y + 14), font(12.0, MUTED, HPos::Center, VPos::Center)))?;
        }
        marks.close(root)
    })
}

/// The value axis every NPS chart shares: `ticks` labelled grid lines, no x mesh.
fn value_axis(
    chart: &mut ChartContext<
        '_,
        SVGBackend<'_>,
        Cartesian2d<plotters::coord::types::RangedCoordf64, plotters::coord::types::RangedCoordf64>,
    >,
    root: &Area,
    marks: &mut Marks,
    ticks: usize,
    format: &dyn Fn(&f64) -> String,
) -> DrawResult {
    marks.open(root, "class=\"chart-axes\"")?;
    chart
        .configure_mesh()
        .disable_x_mesh()
        .x_labels(0)
        .y_labels(ticks)
        .y_label_formatter(format)
        .label_style(font(12.0, MUTED, HPos::Center, VPos::Center))
        .bold_line_style(palette::WASH.stroke_width(1))
        .light_line_style(TRANSPARENT)
        .axis_style(LINE.stroke_width(1))
        .draw()?;
    marks.close(root)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::analysis::nps::Counts;
    use crate::render::charts::fixtures::attrs;

    fn period(name: &str, p: u64, pa: u64, d: u64) -> PeriodResult {
        let counts = Counts { promoters: p, passives: pa, detractors: d };
        PeriodResult {
            period: name.into(),
            counts,
            nps: counts.nps(),
            margin: counts.margin_of_error(),
            distribution: None,
        }
    }

    #[test]
    fn trend_range_holds_every_band_and_zero() {
        let ps = vec![period("Q1", 104, 156, 140), period("Q2", 140, 144, 116)];
        let (lo, hi) = trend_range(&ps);
        assert!(lo <= -9.0 - 7.0 && hi >= 6.0 + 7.0 && lo % 10.0 == 0.0 && hi % 10.0 == 0.0, "{lo} {hi}");
        assert_eq!(trend_range(&[period("X", 100, 0, 0)]).1, 100.0);
    }

    #[test]
    fn crowded_period_labels_are_thinned() {
        assert_eq!(label_step(&["2026-Q1", "2026-Q2"], 200.0, 12.0), 1);
        assert!(label_step(&["2026-Q1"; 40], 20.0, 12.0) > 2);
    }

    fn series() -> Vec<PeriodResult> {
        let mut last = period("2026-H2", 70, 80, 32);
        let mut d = [0u64; 11];
        for (s, k) in [(10, 30), (9, 40), (8, 50), (7, 30), (6, 15), (5, 10), (3, 5), (0, 2)] {
            d[s] = k;
        }
        last.distribution = Some(d);
        vec![period("2025-H1", 120, 200, 80), period("2025-H2", 0, 0, 0), period("2026-H1", 150, 170, 80), last]
    }

    #[test]
    fn the_trend_has_a_point_per_period_with_respondents_and_a_band() {
        let ps = series();
        let svg = trend(&ps, Language::En, "n-t");
        let periods: Vec<String> = svg
            .match_indices("class=\"nps-point\"")
            .filter_map(|(i, _)| attrs(&svg[i..], "data-period").into_iter().next())
            .collect();
        assert_eq!(periods, ["2025-H1", "2026-H1", "2026-H2"]);
        assert!(svg.contains("data-period=\"2025-H1\" data-nps=\"10\" data-margin=\"6.9\""));
        assert!(svg.contains("data-period=\"2026-H2\" data-nps=\"21\""));
        // Two runs (the empty period breaks the line): two bands, two lines.
        assert_eq!(svg.matches("class=\"nps-band\"").count(), 2);
        assert_eq!(svg.matches("class=\"nps-line\"").count(), 2);
        for p in ["2025-H1", "2025-H2", "2026-H1", "2026-H2"] {
            assert!(svg.contains(&format!("\n{p}\n")), "axis label {p}");
        }
        assert!(svg.contains("\n95% margin\n") && svg.contains("role=\"img\""));
        assert_eq!(trend(&ps, Language::En, "n-t"), svg, "deterministic");
    }

    #[test]
    fn the_mix_stacks_the_three_groups_per_period() {
        let svg = mix(&series(), Language::En, "n-m");
        assert_eq!(svg.matches("class=\"nps-bar\"").count(), 4);
        let i = svg.find("data-period=\"2025-H1\"").expect("bar");
        let bar = &svg[i..i + svg[i..].find("class=\"nps-bar\"").unwrap_or(svg.len() - i)];
        assert!(bar.contains("class=\"nps-seg nps-promoters\" data-pct=\"30\""), "{bar}");
        assert!(bar.contains("class=\"nps-seg nps-passives\" data-pct=\"50\""));
        assert!(bar.contains("class=\"nps-seg nps-detractors\" data-pct=\"20\""));
        assert!(svg.contains("\nNPS 10\n") && svg.contains("\nNPS 21\n"));
        let nl = mix(&series(), Language::Nl, "n-m");
        assert!(nl.contains("Promoters, passives en detractors"));
    }

    #[test]
    fn the_distribution_has_eleven_scores_in_three_groups() {
        let ps = series();
        let d = ps[3].distribution.expect("scores");
        let svg = distribution("2026-H2", &d, Language::En, "n-d");
        assert_eq!(svg.matches("class=\"nps-score ").count(), 11);
        assert!(svg.contains("class=\"nps-score nps-detractors\" data-score=\"0\" data-count=\"2\""));
        assert!(svg.contains("class=\"nps-score nps-passives\" data-score=\"8\" data-count=\"50\""));
        assert!(svg.contains("class=\"nps-score nps-promoters\" data-score=\"10\" data-count=\"30\""));
        assert!(svg.contains("\nDetractors 0\u{2013}6\n") && svg.contains("\nPromoters 9\u{2013}10\n"));
        assert!(svg.contains("<title id=\"n-d-title\">Score distribution 2026-H2</title>"));
    }

    #[test]
    fn periods_without_respondents_break_the_line() {
        let ps = vec![period("a", 1, 0, 0), period("b", 0, 0, 0), period("c", 1, 1, 0), period("d", 0, 1, 1)];
        assert_eq!(runs(&ps), vec![vec![0], vec![2, 3]]);
    }
}
