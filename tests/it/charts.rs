//! Kano and NPS charts in the built site: structure, numbers, the Fong flag,
//! escaping, Dutch labels, determinism, thirty labels without overlap,
//! embeds, and screenshots of the example project in headless Chromium.

use crate::common;

use std::fs;
use std::path::PathBuf;

use common::*;
use cxsite::render::charts::text::{self, Weight, FONT_FAMILY};

/// Builds a fixture under tests/fixtures/valid into a temp folder.
fn build(fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(&repo(&format!("tests/fixtures/valid/{fixture}")), &out, &[]);
    (tmp, out)
}

/// Every inline chart of a page, in order.
fn charts(html: &str) -> Vec<&str> {
    html.match_indices("<svg xmlns=")
        .map(|(i, _)| &html[i..i + html[i..].find("</svg>").expect("closed svg") + 6])
        .collect()
}

/// The chart whose root has `class`.
fn chart<'a>(html: &'a str, class: &str) -> &'a str {
    charts(html)
        .into_iter()
        .find(|c| c[..c.find('>').unwrap_or(0)].contains(class))
        .unwrap_or_else(|| panic!("no chart with class {class}"))
}

/// The `data-feature` of every element with `class="CLASS …"`, in order.
fn features_of(svg: &str, class: &str) -> Vec<String> {
    svg.match_indices(&format!("class=\"{class}"))
        .filter_map(|(i, _)| attr_values(&svg[i..], "data-feature").into_iter().next())
        .collect()
}

/// Checks every chart label of `svg`: the box is as wide as the text by the
/// shared metric, and no two boxes overlap. Returns the number of labels.
fn labels_do_not_overlap(svg: &str) -> usize {
    let mut boxes: Vec<(f64, f64, f64, f64)> = Vec::new();
    for (i, _) in svg.match_indices("<g class=\"chart-label\"") {
        let group = &svg[i..i + svg[i..].find("</g>").expect("closed label")];
        let b: Vec<f64> = attr_values(group, "data-bbox")[0].split(' ').map(|v| v.parse().unwrap()).collect();
        let widest = group
            .lines()
            .filter(|l| !l.starts_with('<'))
            .map(|l| text::width(&unescape(l), 12.0, Weight::Regular))
            .fold(0.0, f64::max);
        assert!((b[2] - widest).abs() < 0.1, "box {b:?} vs text width {widest} in {group}");
        boxes.push((b[0], b[1], b[2], b[3]));
    }
    for (i, a) in boxes.iter().enumerate() {
        for b in &boxes[i + 1..] {
            let overlap = a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3;
            assert!(!overlap, "labels overlap: {a:?} and {b:?}");
        }
    }
    boxes.len()
}

#[test]
fn kano_page_shows_four_accessible_charts_beside_the_table() {
    let (_tmp, out) = build("charts-kano");
    let html = page(&out, "kano/study.html");
    let all = charts(&html);
    assert_eq!(all.len(), 4, "Kano diagram, Better–Worse, shares, drift");
    for svg in &all {
        let root = &svg[..svg.find('>').unwrap()];
        // 720 px: on A4 paper the chart prints at 90 % or more, its 12 px text above 8 pt.
        assert!(root.contains("viewBox=\"0 0 720 ") && root.contains("width=\"100%\""), "{root}");
        assert!(root.contains("role=\"img\""), "{root}");
        assert!(root.contains(&format!("font-family=\"{}\"", FONT_FAMILY.replace('\'', "&#39;"))), "{root}");
        let ids = attr_values(root, "aria-labelledby")[0].clone();
        let (title, desc) = ids.split_once(' ').unwrap();
        assert!(svg.contains(&format!("<title id=\"{title}\">")) && svg.contains(&format!("<desc id=\"{desc}\">")));
    }
    // Kano diagram: three curves (and reverse, used here), a point per feature on a curve.
    let diagram = chart(&html, "kano-diagram");
    for c in ["basic", "performance", "delight", "reverse"] {
        assert!(diagram.contains(&format!("class=\"kano-curve kano-curve-{c}\"")), "curve {c}");
    }
    assert_eq!(
        features_of(diagram, "kano-point "),
        ["edge-grip", "close-call", "markup", "indifferent-one", "reverse-one", "stated-only"]
    );
    assert!(diagram.contains("Not on a curve: Contradictory answers"));
    // Each chart scrolls sideways at its natural size in a labelled region on
    // a narrow screen; the diagram says how features are placed.
    for name in ["Kano diagram", "Better–Worse diagram", "Category shares", "Drift over time"] {
        let region = format!(
            "<div class=\"chart-scroll\" tabindex=\"0\" role=\"region\" aria-label=\"{name}: scroll sideways when the screen is narrow\"><svg"
        );
        assert!(html.contains(&region), "{region}");
    }
    assert!(html.contains("</div><figcaption class=\"chart-caption\">Each feature sits on the curve of its category, in the fulfilled half"));
    // Better–Worse: quadrant names, a point per feature with answers.
    let bw = chart(&html, "better-worse");
    for q in ["DELIGHT", "PERFORMANCE", "BASIC", "INDIFFERENT"] {
        assert!(bw.contains(&format!("\n{q}\n")), "quadrant {q}");
    }
    assert_eq!(features_of(bw, "bw-point ").len(), 6);
    assert!(bw.contains("data-feature=\"edge-grip\" data-category=\"basic\" data-x=\"83\" data-y=\"40\""));
    // Shares: one bar per feature, sorted by category; strength shown.
    let shares = chart(&html, "kano-shares");
    assert_eq!(
        features_of(shares, "share-row"),
        ["edge-grip", "close-call", "markup", "stated-only", "indifferent-one", "reverse-one", "questionable-one"]
    );
    assert!(shares.contains("data-feature=\"edge-grip\" data-category=\"basic\" data-strength=\"17\""));
    // Drift: the years, and the features that have a history.
    let drift = chart(&html, "kano-drift");
    for y in ["2012", "2016", "2020"] {
        assert!(drift.contains(&format!("class=\"drift-year\" data-year=\"{y}\"")), "year {y}");
    }
    assert_eq!(features_of(drift, "drift-line"), ["edge-grip", "close-call"]);
    // The table: a strength column and the legend of the flag.
    assert!(html.contains("<th scope=\"col\" class=\"num\">Strength</th>"));
    assert!(html.contains("<dt>Strength</dt><dd>Strength: the share of the top category"));
    assert!(html.contains("Fong test, α = 0.10"));
}

#[test]
fn the_fong_flag_marks_a_close_call_in_table_and_chart() {
    let (_tmp, out) = build("charts-kano");
    let html = page(&out, "kano/study.html");
    // A28 O30 M12 I10: |30 − 28| = 2 < 1.65·√(58·102/160) ≈ 10.0 → not significant.
    let row = |id: &str| {
        let i = html.find(&format!("<tr id=\"feature-{id}\"")).unwrap();
        html[i..i + html[i..].find("</tr>").unwrap()].to_string()
    };
    let close = row("close-call");
    assert!(close.contains("data-significant=\"false\"") && close.contains("class=\"flag fong-flag\""), "{close}");
    assert!(close.contains("data-value=\"3\">3<"), "strength 2.5 → 3: {close}");
    let edge = row("edge-grip");
    assert!(!edge.contains("fong-flag") && edge.contains("data-value=\"17\">17<"), "{edge}");
    let shares = chart(&html, "kano-shares");
    let i = shares.find("data-feature=\"close-call\"").unwrap();
    let bar = &shares[i..i + shares[i..].find("<g class=\"share-row\"").unwrap()];
    assert!(bar.contains("data-significant=\"false\"") && bar.contains("<g class=\"fong-flag\">"), "{bar}");
    assert_eq!(shares.matches("<g class=\"fong-flag\">").count(), 1, "only the close call");
    assert!(chart(&html, "kano-diagram").contains("\nClose call \u{2248}\n"));
}

/// A period of 0 promoters, passives and detractors (trend.yaml's 2025-H2,
/// line 7) has no score: the chart leaves a gap, and `check` warns (an error
/// with `--strict`), so an author who forgot the counts hears of it.
#[test]
fn a_period_without_respondents_is_a_warning() {
    let project = repo("tests/fixtures/valid/charts-kano");
    let o = run(&["check", project.to_str().unwrap()]);
    let err = stderr(&o);
    assert!(o.status.success(), "{err}");
    assert!(err.contains("nps/trend.yaml:7:5: warning: period `2025-H2` has no respondents"), "{err}");
    assert_eq!(run(&["check", "--strict", project.to_str().unwrap()]).status.code(), Some(1));
}

#[test]
fn nps_page_shows_trend_with_band_stacked_bars_and_distribution() {
    let (_tmp, out) = build("charts-kano");
    let html = page(&out, "nps/trend.html");
    assert_eq!(charts(&html).len(), 3);
    let trend = chart(&html, "nps-trend");
    let periods: Vec<String> = trend
        .match_indices("class=\"nps-point\"")
        .map(|(i, _)| attr_values(&trend[i..], "data-period")[0].clone())
        .collect();
    assert_eq!(periods, ["2025-H1", "2026-H1", "2026-H2"], "no point for the period without respondents");
    assert!(trend.contains("data-period=\"2025-H1\" data-nps=\"10\" data-margin=\"6.9\""));
    assert!(trend.contains("data-period=\"2026-H2\" data-nps=\"21\""), "from the scores CSV");
    assert!(trend.contains("<g class=\"nps-band\">\n<polygon"), "the margin as a band");
    let mix = chart(&html, "nps-mix");
    let bars: Vec<String> =
        mix.match_indices("class=\"nps-bar\"").map(|(i, _)| attr_values(&mix[i..], "data-period")[0].clone()).collect();
    assert_eq!(bars, ["2025-H1", "2025-H2", "2026-H1", "2026-H2"]);
    assert!(mix.contains("class=\"nps-seg nps-promoters\" data-pct=\"30\""));
    let dist = chart(&html, "nps-distribution");
    assert_eq!(dist.matches("class=\"nps-score ").count(), 11);
    assert!(dist.contains("data-score=\"9\" data-count=\"40\""));
    assert!(html.contains("<section class=\"chart-block nps-distribution-block\" data-period=\"2026-H2\">"));
    // The table is still there.
    assert!(html.contains("<tr data-period=\"2026-H1\">"));
}

#[test]
fn feature_names_with_markup_stay_text_in_every_chart() {
    let (_tmp, out) = build("charts-kano");
    for rel in ["kano/study.html", "kano.html", "narratives/embeds.html", "report.html"] {
        let html = page(&out, rel);
        assert!(!html.contains("<b>x</b>"), "{rel}: raw markup");
        let named = charts(&html).into_iter().filter(|c| c.contains("data-feature=\"markup\"")).collect::<Vec<_>>();
        assert!(!named.is_empty(), "{rel}: a chart shows the feature");
        for svg in named {
            assert!(svg.contains("&lt;b&gt;x&lt;/b&gt;"), "{rel}: the name is shown, escaped");
        }
    }
}

#[test]
fn charts_speak_dutch() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/charts-kano"), &project);
    fs::write(project.join("cxsite.yaml"), "title: Grafieken\nlanguage: nl\n").unwrap();
    let out = tmp.path().join("site");
    build_ok(&project, &out, &[]);
    let html = page(&out, "kano/study.html");
    let diagram = chart(&html, "kano-diagram");
    for word in ["Basis", "Beleving", "Bijzonder", "Vervulling", "Tevredenheid"] {
        assert!(diagram.contains(&format!("\n{word}\n")), "{word}");
    }
    assert!(chart(&html, "better-worse").contains("\nBIJZONDER\n"));
    assert!(chart(&html, "kano-shares").contains("\nSterkte\n"));
    assert!(html.contains("<h2>Verschuiving door de tijd</h2>"));
    let nps = page(&out, "nps/trend.html");
    assert!(chart(&nps, "nps-trend").contains("\n95%-marge\n"));
}

#[test]
fn charts_are_byte_identical_across_builds() {
    let tmp = tempfile::tempdir().unwrap();
    for fixture in ["charts-kano", "charts-thirty"] {
        let (a, b) = (tmp.path().join(format!("{fixture}-a")), tmp.path().join(format!("{fixture}-b")));
        build_ok(&repo(&format!("tests/fixtures/valid/{fixture}")), &a, &[]);
        build_ok(&repo(&format!("tests/fixtures/valid/{fixture}")), &b, &[]);
        let (ta, tb) = (read_tree(&a), read_tree(&b));
        assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
        for (k, v) in &ta {
            assert!(v == &tb[k], "{fixture}: {k} differs between two builds");
        }
    }
}

#[test]
fn thirty_features_without_overlapping_labels() {
    let (_tmp, out) = build("charts-thirty");
    let html = page(&out, "kano/thirty.html");
    assert_eq!(features_of(chart(&html, "kano-diagram"), "kano-point ").len(), 30);
    assert_eq!(labels_do_not_overlap(chart(&html, "kano-diagram")), 30);
    assert_eq!(labels_do_not_overlap(chart(&html, "better-worse")), 30);
    assert_eq!(labels_do_not_overlap(chart(&html, "kano-drift")), 16);
    assert_eq!(features_of(chart(&html, "kano-shares"), "share-row").len(), 30);
}

/// The points of the first polyline of every group whose class starts with `prefix`.
fn polylines(svg: &str, prefix: &str) -> Vec<Vec<(f64, f64)>> {
    svg.match_indices(&format!("<g class=\"{prefix}"))
        .map(|(i, _)| {
            let group = &svg[i..i + svg[i..].find("</g>").unwrap()];
            let points = attr_values(group, "points").into_iter().next().unwrap_or_default();
            points
                .split_whitespace()
                .map(|xy| {
                    let (x, y) = xy.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                })
                .collect()
        })
        .collect()
}

/// True when segments `a`–`b` and `c`–`d` cross (touching does not count).
fn cross(a: (f64, f64), b: (f64, f64), c: (f64, f64), d: (f64, f64)) -> bool {
    let o = |p: (f64, f64), q: (f64, f64), r: (f64, f64)| (q.0 - p.0) * (r.1 - p.1) - (q.1 - p.1) * (r.0 - p.0);
    let (d1, d2, d3, d4) = (o(c, d, a), o(c, d, b), o(a, b, c), o(a, b, d));
    (d1 > 0.0 && d2 < 0.0 || d1 < 0.0 && d2 > 0.0) && (d3 > 0.0 && d4 < 0.0 || d3 < 0.0 && d4 > 0.0)
}

#[test]
fn thirty_features_sit_in_the_fulfilled_half_and_no_leader_crosses_a_curve() {
    let (_tmp, out) = build("charts-thirty");
    let html = page(&out, "kano/thirty.html");
    let diagram = chart(&html, "kano-diagram");
    // The vertical axis (x) and the point markers right of it.
    let i = diagram.find("<g class=\"kano-axes\"").unwrap();
    let axis_x: f64 = attr_values(&diagram[i..], "points")[1].split(',').next().unwrap().parse().unwrap();
    let mut points = 0;
    for (i, _) in diagram.match_indices("<g class=\"kano-point ") {
        let group = &diagram[i..i + diagram[i..].find("</g>").unwrap()];
        let mut xs: Vec<f64> =
            ["cx", "x"].iter().flat_map(|a| attr_values(group, a)).map(|v| v.parse::<f64>().unwrap()).collect();
        for p in attr_values(group, "points") {
            xs.extend(p.split_whitespace().map(|xy| xy.split(',').next().unwrap().parse::<f64>().unwrap()));
        }
        assert!(
            !xs.is_empty() && xs.iter().all(|&x| x > axis_x),
            "a point in the absent half (axis {axis_x}): {group}"
        );
        points += 1;
    }
    assert_eq!(points, 30);
    let curves = polylines(diagram, "kano-curve ");
    assert!(curves.len() >= 3);
    let leaders = polylines(diagram, "chart-label\"");
    assert_eq!(leaders.len(), 30);
    for leader in &leaders {
        // The first 8 px lie under the point's marker.
        let (a, b) = (leader[0], leader[1]);
        let len = ((b.0 - a.0).powi(2) + (b.1 - a.1).powi(2)).sqrt().max(8.0);
        let mut seen = leader.clone();
        seen[0] = (a.0 + (b.0 - a.0) * 8.0 / len, a.1 + (b.1 - a.1) * 8.0 / len);
        for l in seen.windows(2) {
            for c in curves.iter().flat_map(|c| c.windows(2)) {
                assert!(!cross(l[0], l[1], c[0], c[1]), "leader {leader:?} crosses a curve at {c:?}");
            }
        }
    }
}

#[test]
fn embeds_and_list_pages_reuse_the_charts_with_unique_ids() {
    let (_tmp, out) = build("charts-kano");
    check_links(&out);
    // The chapter draws the Kano diagram at each of its two embeds; report.html
    // draws it once, the second embed pointing back to it.
    for (rel, drawn) in [("narratives/embeds.html", 3), ("report.html", 2)] {
        let html = page(&out, rel);
        let all = charts(&html);
        assert_eq!(all.len(), drawn, "{rel}: the Kano diagram, the NPS trend once");
        assert!(all[0].contains("class=\"chart chart-kano kano-diagram\""));
        assert!(all[drawn - 1].contains("class=\"chart chart-nps nps-trend\""));
        let mut ids = attr_values(&html, "id");
        let n = ids.len();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), n, "{rel}: ids are unique on the page");
    }
    let report = page(&out, "report.html");
    assert!(report.contains("<figure class=\"embed embed-kano card\" id=\"drawn-kano-study\">"));
    assert_eq!(report.matches("<a href=\"#drawn-kano-study\">").count(), 1, "the second embed points back");
    // The list pages show the same drawing as the study page.
    let study = page(&out, "kano/study.html");
    assert_eq!(chart(&page(&out, "kano.html"), "kano-diagram"), chart(&study, "kano-diagram"));
    let series = page(&out, "nps/trend.html");
    assert_eq!(chart(&page(&out, "nps.html"), "nps-trend"), chart(&series, "nps-trend"));
}

#[test]
fn example_project_chart_pages_in_chromium() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(&repo("example-project"), &out, &[]);
    let shots = repo("tests/output");
    fs::create_dir_all(&shots).unwrap();
    screenshot(&browser, &out.join("kano/subscription-features-2026.html"), &shots.join("kano.png"), "1400,2400");
    screenshot(&browser, &out.join("nps/relationship-nps.html"), &shots.join("nps.png"), "1400,2400");
    println!("screenshots: {}", shots.display());
}
