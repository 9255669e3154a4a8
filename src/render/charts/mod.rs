//! Charts and diagrams as inline SVG, laid out with a fixed font metric so
//! the bytes are the same on every machine.
//!
//! Kano and NPS charts are drawn with plotters' SVG backend ([`svg`]); each
//! is a pure function from analysis results to an SVG string. The renderer
//! draws every chart once per study or series ([`kano_charts`],
//! [`nps_charts`]) and reuses the strings on every page that shows them.
//! Journey maps, timelines and sparklines are drawn directly as SVG
//! ([`journey`]: the map, the timeline, the sparkline and mini-map).

pub mod better_worse;
pub mod kano;
pub mod kano_parts;
pub mod kano_shares;
pub mod layout;
pub mod mindmap;
pub mod nps;
pub mod palette;
pub mod svg;
pub mod text;

pub mod journey;

use crate::analysis::{FeatureResult, PeriodResult};
use crate::config::Language;
use crate::i18n;

/// The charts of one Kano study.
#[derive(Debug, Clone, Default)]
pub struct KanoCharts {
    /// The Kano diagram: fulfilment × satisfaction with the three curves.
    pub diagram: String,
    /// The Better–Worse diagram.
    pub better_worse: String,
    /// Category shares per feature as stacked bars.
    pub shares: String,
    /// Drift over time, when any feature has a history.
    pub drift: Option<String>,
}

/// The charts of one NPS series.
#[derive(Debug, Clone, Default)]
pub struct NpsCharts {
    /// NPS per period with the 95 % margin as a band.
    pub trend: String,
    /// Promoters, passives and detractors per period, stacked.
    pub mix: String,
    /// The 0–10 score distribution of each period with raw scores: (period index, chart).
    pub distributions: Vec<(usize, String)>,
}

/// Draws every chart of the Kano study `id`.
pub fn kano_charts(id: &str, features: &[FeatureResult], lang: Language) -> KanoCharts {
    let has_history = features.iter().any(|f| !f.history.is_empty());
    KanoCharts {
        diagram: kano::diagram(features, lang, &format!("kano-{id}-diagram")),
        better_worse: better_worse::better_worse(features, lang, &format!("kano-{id}-better-worse")),
        shares: kano_shares::shares(features, lang, &format!("kano-{id}-shares")),
        drift: has_history.then(|| kano_shares::drift(features, lang, &format!("kano-{id}-drift"))),
    }
}

/// Draws every chart of the NPS series `id`.
pub fn nps_charts(id: &str, periods: &[PeriodResult], lang: Language) -> NpsCharts {
    NpsCharts {
        trend: nps::trend(periods, lang, &format!("nps-{id}-trend")),
        mix: nps::mix(periods, lang, &format!("nps-{id}-mix")),
        distributions: periods
            .iter()
            .enumerate()
            .filter_map(|(i, p)| {
                p.distribution
                    .as_ref()
                    .map(|d| (i, nps::distribution(&p.period, d, lang, &format!("nps-{id}-dist-{i}"))))
            })
            .collect(),
    }
}

/// An interface label in `lang`.
pub fn label(lang: Language, key: &'static str) -> &'static str {
    i18n::label(lang, key)
}

/// A label with `{name}` placeholders filled in.
pub fn fill(lang: Language, key: &'static str, values: &[(&str, &str)]) -> String {
    let mut s = label(lang, key).to_string();
    for (name, value) in values {
        s = s.replace(&format!("{{{name}}}"), value);
    }
    s
}

/// A coefficient for text: two decimals, Unicode minus, decimal comma in Dutch.
pub fn decimal(lang: Language, x: f64, places: usize) -> String {
    let s = format!("{x:.places$}");
    let s =
        if s.starts_with("-0") && s.trim_start_matches(['-', '0', '.']).is_empty() { s[1..].to_string() } else { s };
    let s = s.replacen('-', "\u{2212}", 1);
    if lang == Language::Nl {
        s.replace('.', ",")
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn odd_inputs_still_give_a_chart() {
        use crate::model::kano::KanoCategory;
        let empty = kano_charts("e", &[], Language::En);
        for svg in [&empty.diagram, &empty.better_worse, &empty.shares] {
            assert!(svg.starts_with("<svg") && svg.contains("role=\"img\"") && !svg.contains("chart-error"), "{svg}");
        }
        assert!(empty.drift.is_none());
        let mut odd = fixtures::feature("odd", "", Some([0; 6]), None, Some(f64::NAN), &[(2026, KanoCategory::Basic)]);
        odd.name.clear();
        let charts = kano_charts("o", &[odd], Language::Nl);
        assert!(charts.drift.as_deref().is_some_and(|d| d.contains("data-year=\"2026\"")));
        let nps = nps_charts("n", &[], Language::En);
        assert!(nps.trend.starts_with("<svg") && nps.mix.starts_with("<svg") && nps.distributions.is_empty());
    }

    /// The client's `accent_color` replaces the theme's green through CSS;
    /// the Kano and NPS charts use only the colour-blind-safe palette, so
    /// none of them draws in the default accent.
    #[test]
    fn charts_never_draw_in_the_default_accent() {
        let mut svgs = Vec::new();
        for fs in [fixtures::study(), fixtures::thirty()] {
            let k = kano_charts("k", &fs, Language::En);
            svgs.extend([k.diagram, k.better_worse, k.shares]);
            svgs.extend(k.drift);
        }
        let counts = crate::analysis::nps::Counts { promoters: 30, passives: 50, detractors: 20 };
        let period = |name: &str| PeriodResult {
            period: name.into(),
            counts,
            nps: counts.nps(),
            margin: counts.margin_of_error(),
            distribution: Some([1, 0, 2, 3, 1, 4, 9, 20, 30, 10, 20]),
        };
        let periods = vec![period("Q1"), period("Q2")];
        let n = nps_charts("n", &periods, Language::En);
        svgs.extend([n.trend, n.mix]);
        svgs.extend(n.distributions.into_iter().map(|(_, d)| d));
        assert!(svgs.len() >= 10);
        for svg in &svgs {
            assert!(!svg.to_ascii_lowercase().contains("#0b6e4f"), "the theme's green in {}", &svg[..200]);
        }
    }

    /// On a narrow screen the theme keeps the Kano and NPS charts at their
    /// natural width (so their text stays at its drawn size) in a scroll region.
    #[test]
    fn the_theme_keeps_charts_at_their_natural_width_on_narrow_screens() {
        assert_eq!(kano::WIDTH, nps::WIDTH);
        let css = include_str!("../../../themes/default/static/cxsite.css");
        let rule =
            format!(".chart-figure svg.chart-kano, .chart-figure svg.chart-nps {{ min-width: {}px;", kano::WIDTH);
        assert!(css.contains(&rule), "cxsite.css lacks {rule}");
        assert!(css.contains(".chart-scroll { overflow-x: auto;"));
    }

    #[test]
    fn labels_and_numbers_follow_the_language() {
        assert_eq!(label(Language::Nl, "delight"), "Bijzonder");
        assert_eq!(
            fill(Language::En, "desc_distribution", &[("period", "Q2")]).split(':').next(),
            Some("Number of respondents per score from 0 to 10 in Q2")
        );
        assert_eq!(decimal(Language::En, -0.8333, 2), "\u{2212}0.83");
        assert_eq!(decimal(Language::Nl, 0.4, 2), "0,40");
        assert_eq!(decimal(Language::En, -0.001, 2), "0.00");
    }
}

/// Test data and SVG probes shared by the chart modules' unit tests.
#[cfg(test)]
pub(crate) mod fixtures {
    use std::collections::BTreeMap;

    use crate::analysis::FeatureResult;
    use crate::model::kano::{KanoCategory, Tally};

    /// A feature as the analysis would compute it.
    pub fn feature(
        id: &str,
        name: &str,
        tally: Option<[u64; 6]>,
        stated: Option<KanoCategory>,
        importance: Option<f64>,
        history: &[(i64, KanoCategory)],
    ) -> FeatureResult {
        let tally = tally.map(|[a, o, m, i, r, q]| Tally { A: a, O: o, M: m, I: i, R: r, Q: q });
        FeatureResult::compute(id, name, tally, stated, importance, history.iter().copied().collect::<BTreeMap<_, _>>())
    }

    /// One feature of every kind: the published edge grip, a Fong tie, a
    /// name with markup, indifferent, reverse, questionable, stated only.
    pub fn study() -> Vec<FeatureResult> {
        use KanoCategory::*;
        vec![
            feature(
                "edge-grip",
                "Edge grip",
                Some([7, 33, 50, 10, 0, 0]),
                None,
                Some(4.5),
                &[(2012, Delight), (2016, Performance), (2020, Basic)],
            ),
            feature(
                "close-call",
                "Close call",
                Some([28, 30, 12, 10, 0, 0]),
                None,
                Some(3.2),
                &[(2016, Delight), (2020, Performance)],
            ),
            feature("markup", "<b>x</b>", Some([40, 10, 5, 20, 1, 0]), None, None, &[]),
            feature("indifferent-one", "Printed leaflet", Some([5, 5, 5, 60, 2, 0]), None, Some(1.5), &[]),
            feature("reverse-one", "Forced newsletter", Some([2, 2, 1, 20, 45, 1]), None, None, &[]),
            feature("questionable-one", "Contradictory answers", Some([1, 1, 1, 5, 5, 30]), None, None, &[]),
            feature("stated-only", "Stated without answers", None, Some(Delight), None, &[]),
        ]
    }

    /// Thirty features with long names, crowded into few spots.
    pub fn thirty() -> Vec<FeatureResult> {
        use KanoCategory::*;
        (0..30u64)
            .map(|i| {
                let tally = match i % 5 {
                    0 => [5 + i % 3, 20 + i % 4, 50 + i % 5, 10, 1, 0],
                    1 => [10 + i % 4, 45 + i % 3, 20, 12 + i % 2, 0, 1],
                    2 => [40 + i % 5, 15, 5 + i % 3, 25, 2, 0],
                    3 => [12, 10 + i % 2, 8, 55 + i % 4, 3, 1],
                    _ => [30 + i % 3, 28 + i % 4, 20, 10, 0, 0],
                };
                let history: &[(i64, KanoCategory)] = match i % 3 {
                    0 => &[(2016, Delight), (2021, Performance), (2026, Basic)],
                    1 => &[(2016, Delight), (2021, Delight), (2026, Performance)],
                    _ => &[],
                };
                let name = format!("Feature {i} with a rather long descriptive name for wrapping");
                feature(
                    &format!("f{i}"),
                    &name,
                    Some(tally),
                    None,
                    (i % 2 == 0).then_some(1.0 + (i % 5) as f64),
                    history,
                )
            })
            .collect()
    }

    /// The values of `attr="…"` in order.
    pub fn attrs(svg: &str, attr: &str) -> Vec<String> {
        let key = format!(" {attr}=\"");
        svg.match_indices(&key)
            .filter_map(|(i, _)| svg[i + key.len()..].split('"').next().map(str::to_string))
            .collect()
    }

    /// The `data-bbox` of every label as `(x, y, w, h)`.
    pub fn label_boxes(svg: &str) -> Vec<(f64, f64, f64, f64)> {
        attrs(svg, "data-bbox")
            .iter()
            .map(|b| {
                let v: Vec<f64> = b.split(' ').filter_map(|x| x.parse().ok()).collect();
                (v[0], v[1], v[2], v[3])
            })
            .collect()
    }

    /// The points of the first polyline in every group whose class starts
    /// with `class_prefix` (`"kano-curve "`, `"chart-label\""`).
    pub fn polylines(svg: &str, class_prefix: &str) -> Vec<Vec<(f64, f64)>> {
        svg.match_indices(&format!("<g class=\"{class_prefix}"))
            .filter_map(|(i, _)| {
                let group = &svg[i..i + svg[i..].find("</g>")?];
                let points = attrs(group, "points").into_iter().next()?;
                Some(
                    points
                        .split_whitespace()
                        .filter_map(|xy| {
                            let (x, y) = xy.split_once(',')?;
                            Some((x.parse().ok()?, y.parse().ok()?))
                        })
                        .collect(),
                )
            })
            .collect()
    }

    /// True when segments `a`–`b` and `c`–`d` cross (touching ends do not count).
    pub fn segments_cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
        let o = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
        let (d1, d2, d3, d4) = (o(c, d, a), o(c, d, b), o(a, b, c), o(a, b, d));
        (d1 > 0.0 && d2 < 0.0 || d1 < 0.0 && d2 > 0.0) && (d3 > 0.0 && d4 < 0.0 || d3 < 0.0 && d4 > 0.0)
    }

    /// Asserts that no two label boxes overlap; returns how many there are.
    pub fn assert_no_overlap(svg: &str) -> usize {
        let boxes = label_boxes(svg);
        for (i, a) in boxes.iter().enumerate() {
            for b in &boxes[i + 1..] {
                assert!(!super::layout::overlap(*a, *b), "labels overlap: {a:?} and {b:?}");
            }
        }
        boxes.len()
    }
}
