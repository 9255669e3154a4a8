//! Journey diagrams (issue 3): builds fixture projects and the example with
//! the real binary and checks the SVG through its stable hooks — classes and
//! data attributes — plus escaping, wrapping, scale, determinism, and a
//! screenshot in headless Chromium for review.

use crate::common;

use common::*;
use cxsite::render::charts::text::{width, Weight};

/// The first `<svg …class="CLASS"…>…</svg>` in `html`.
fn svg<'a>(html: &'a str, class: &str) -> &'a str {
    let start = html
        .find(&format!("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\""))
        .unwrap_or_else(|| panic!("no svg.{class}"));
    let end = html[start..].find("</svg>").expect("closed svg") + start + "</svg>".len();
    &html[start..end]
}

/// Every value of `attr` on the elements that start with `prefix` (e.g. `<g class="step `).
fn attrs_of(svg: &str, prefix: &str, attr: &str) -> Vec<String> {
    svg.match_indices(prefix)
        .map(|(i, _)| {
            let tag = &svg[i..i + svg[i..].find('>').expect("tag ends")];
            attr_values(tag, attr).into_iter().next().unwrap_or_default()
        })
        .collect()
}

/// The element starting at the first `needle` up to its matching `</g>` (no nested groups).
fn group<'a>(svg: &'a str, needle: &str) -> &'a str {
    let start = svg.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let end = svg[start..].find("</g>").expect("group ends") + start;
    &svg[start..end]
}

/// The opening tag and the lines of the first `<text …>` that contains `needle` in its tag:
/// the text's own line, then one per `<tspan>`.
fn text_lines(svg: &str, needle: &str) -> (String, Vec<String>) {
    let at = svg.find(needle).unwrap_or_else(|| panic!("no {needle}"));
    let start = svg[..at].rfind("<text").expect("inside a <text> tag");
    let end = svg[start..].find("</text>").expect("text ends") + start;
    let text = &svg[start..end];
    let tag = text[..text.find('>').expect("tag")].to_string();
    let mut parts = text[tag.len() + 1..].split("<tspan");
    let mut lines = vec![unescape(parts.next().unwrap_or_default())];
    lines.extend(parts.map(|t| unescape(&t[t.find('>').expect("tspan") + 1..t.find("</tspan>").expect("ends")])));
    (tag, lines)
}

/// The declarations of the rule for `selector` in the `<style>` of `svg`
/// (the drawing's presentation, once instead of on every element).
fn rule<'a>(svg: &'a str, selector: &str) -> &'a str {
    let style = &svg[svg.find("<style>").expect("a style") + 7..svg.find("</style>").expect("style ends")];
    let at = style.find(&format!("{selector}{{")).unwrap_or_else(|| panic!("no rule for {selector} in {style}"));
    let body = &style[at + selector.len() + 1..];
    &body[..body.find('}').expect("rule ends")]
}

fn build(fixture: &str) -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(&repo(fixture), &out, &[]);
    (tmp, out)
}

#[test]
fn map_shows_stages_steps_lanes_curve_and_markers() {
    let (_tmp, out) = build("tests/fixtures/valid/journey-basic");
    let html = page(&out, "journeys/basic.html");
    let map = svg(&html, "journey-map");
    assert!(map.contains("data-journey=\"basic\""));
    // Accessible: <title> and <desc> first; the same content as a table beside it.
    assert!(map.contains("\"><title>Journey map: A basic journey</title><desc>3 stages, 6 steps"), "{}", &map[..600]);
    assert!(html.contains("<details class=\"journey-table\">") && html.contains("<table class=\"steps\">"));
    // Stages in order, with their moments of truth; an empty stage still gets its column.
    assert_eq!(attrs_of(map, "<g class=\"stage\"", "data-stage"), ["one", "two", "three"]);
    assert_eq!(attrs_of(map, "<g class=\"stage\"", "data-mot"), ["zmot", "fmot", ""]);
    assert!(map.contains(">ZMOT</text>") && map.contains("Zero moment of truth"), "badge and legend");
    // Steps in order, touchpoints and experiences told apart, days carried.
    let kinds: Vec<String> = map
        .match_indices("<g class=\"step step-")
        .map(|(i, _)| map[i + 20..].split('"').next().unwrap_or_default().to_string())
        .collect();
    assert_eq!(kinds, ["touchpoint", "experience", "touchpoint", "experience", "experience", "touchpoint"]);
    assert_eq!(attrs_of(map, "<g class=\"step ", "data-day"), ["0", "1", "2", "3", "5", "8"]);
    // Experiences are dashed, touchpoints solid: each card shows its kind's
    // card, drawn once (`<use>`), and the rule of that card.
    assert!(group(map, "<g class=\"step step-experience\"").contains("<use href=\"#jmce-basic\" x="));
    assert!(group(map, "<g class=\"step step-touchpoint\"").contains("<use href=\"#jmct-basic\" x="));
    assert!(
        map.contains("<rect id=\"jmce-basic\" class=\"jm-ce\"")
            && map.contains("<g id=\"jmct-basic\"><rect class=\"jm-ct\"")
    );
    assert!(rule(map, "rect.jm-ce").contains("stroke-dasharray:5 3"), "experiences are dashed");
    assert!(!rule(map, "rect.jm-ct").contains("stroke-dasharray"), "touchpoints are solid");
    // Lanes with data only (no step has `thinking` or … every other lane has data).
    assert_eq!(
        attrs_of(map, "<g class=\"lane ", "data-lane"),
        ["steps", "doing", "emotion", "pains", "opportunities", "owners"]
    );
    // The emotion curve: a point per step, coloured by sign, a zero line.
    assert_eq!(attrs_of(map, "<circle class=\"emotion-point", "data-emotion"), ["1", "-1", "0", "-2", "-1", "-1"]);
    assert!(map.contains("emotion-point emotion-neg") && rule(map, "g.jm-pts>.emotion-neg") == "fill:#d55e00");
    assert!(map.contains("emotion-point emotion-pos") && rule(map, "g.jm-pts>.emotion-pos") == "fill:#009e73");
    assert!(group(map, "<g class=\"jm-pts\">").contains("<circle class=\"emotion-point emotion-neg\""));
    assert!(map.contains("class=\"zero-line\""));
    // Insight markers: numbered by first appearance, linked relative to the page;
    // the draft insight gets none.
    assert_eq!(attrs_of(map, "<a class=\"marker\"", "data-insight"), ["alpha", "alpha", "beta"]);
    assert_eq!(attrs_of(map, "<a class=\"marker\"", "data-number"), ["1", "1", "2"]);
    assert_eq!(attrs_of(map, "<a class=\"marker\"", "href")[0], "../insights/alpha.html");
    assert!(!map.contains("gamma-draft"));
    // The key beside the map names every numbered insight, with the marker's
    // bulb: one rule of the theme (a mask of the map's bulb), not an SVG per item.
    let key = &html[html.find("<ol class=\"insight-key\"").expect("the key")..];
    let second = &key[key.find("<li>").expect("items") + 4..];
    let second = &second[second.find("<li>").expect("a second item")..];
    assert!(second.starts_with(
        "<li><span class=\"marker-number\" aria-hidden=\"true\">2</span> <span class=\"insight-key-text\"><a href=\"../insights/beta.html\">"
    ));
    let css = page(&out, "static/cxsite.css");
    let bulb = &css[css.find(".marker-number::before {").expect("the bulb's rule")..];
    let bulb = &bulb[..bulb.find('}').unwrap()];
    assert!(bulb.contains("content: \"\"; display: inline-block; width: 7px; height: 10px;"), "{bulb}");
    assert!(bulb.contains("background: currentColor;") && bulb.contains(" mask: url(\"data:image/svg+xml,"), "{bulb}");
    assert!(bulb.contains("%3Cpath d='M4 0a4 4 0 0 1 2.4 7.2V9H1.6V7.2A4 4 0 0 1 4 0zM2 9.7h4V11H2z'/%3E"), "{bulb}");
    // A journey without emotions has no emotion lane and no timeline.
    let nodays = page(&out, "journeys/nodays.html");
    assert!(!svg(&nodays, "journey-map").contains("data-lane=\"emotion\""));
    assert!(!nodays.contains("class=\"journey-timeline\""));
    check_links(&out);
}

#[test]
fn timeline_separates_touchpoints_from_customer_moments_and_marks_the_unattended_span() {
    let (_tmp, out) = build("tests/fixtures/valid/journey-basic");
    let html = page(&out, "journeys/basic.html");
    let tl = svg(&html, "journey-timeline");
    assert!(tl.contains("<title>Timeline: A basic journey</title><desc>"));
    assert_eq!(attrs_of(tl, "<g class=\"tl-item tl-touchpoint\"", "data-day"), ["0", "2", "8"]);
    assert_eq!(attrs_of(tl, "<g class=\"tl-item tl-experience\"", "data-day"), ["1", "3", "5"]);
    // Doubt on day 3 and worry on day 5, nobody until the call on day 8.
    assert_eq!(tl.matches("<g class=\"unattended\"").count(), 1);
    assert!(tl.contains("<g class=\"unattended\" data-from=\"3\" data-to=\"8\">"), "{tl}");
    assert!(tl.contains("Unattended: days 3\u{2013}8 (5 days)"));
    assert!(html.contains("class=\"unattended-note\""));

    // The example: worry from day 2 with no contact until the customer's own call on day 5.
    let (_tmp2, ex) = build("example-project");
    let html = page(&ex, "journeys/new-subscription.html");
    let tl = svg(&html, "journey-timeline");
    assert_eq!(
        attrs_of(tl, "<g class=\"tl-item tl-touchpoint\"", "data-day"),
        ["0", "0", "1", "1", "5", "7", "9", "10"]
    );
    assert_eq!(attrs_of(tl, "<g class=\"tl-item tl-experience\"", "data-day"), ["0", "2", "3", "4", "6", "8", "12"]);
    assert!(tl.contains("<g class=\"unattended\" data-from=\"2\" data-to=\"5\">"));
    // The same page carries the map, with every stage of the example.
    let map = svg(&html, "journey-map");
    assert_eq!(
        attrs_of(map, "<g class=\"stage\"", "data-stage"),
        ["orientation", "sign-up", "after-purchase", "waiting-for-invoice", "first-invoice", "sharing"]
    );
    assert_eq!(map.matches("<circle class=\"emotion-point").count(), 15);
}

#[test]
fn an_insight_no_step_names_shows_its_stage_from_a_file_shared_by_the_stage() {
    // Two more insights in stage two of the fixture's journey, named by no step, and one without a stage.
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/journey-basic"), &project);
    for (id, stage) in [("delta", "stage: two\n"), ("epsilon", "stage: two\n"), ("zeta", "")] {
        let yaml = format!(
            "title: {id} insight\nsummary: Placed by its stage only.\nemotional: e\nfunctional: f\nbreakthrough: b\n\
             personas: [pia]\njourney: basic\n{stage}"
        );
        std::fs::write(project.join(format!("insights/{id}.yaml")), yaml).unwrap();
    }
    std::fs::write(project.join("cxsite.yaml"), "title: Journey fixture\naccent_color: \"#e4572e\"\n").unwrap();
    let out = tmp.path().join("site");
    build_ok(&project, &out, &[]);
    let img = "<img class=\"journey-minimap\" src=\"../journeys/basic.minimap.two.svg\" width=\"660\" height=\"116\" \
               alt=\"Where in the journey: Stage two\">";
    for id in ["delta", "epsilon"] {
        let html = page(&out, &format!("insights/{id}.html"));
        assert!(html.contains(img), "{id}: the stage's picture");
        assert!(!html.contains("<svg"), "{id}: nothing drawn in the page");
    }
    // Without a stage: the journey's plain mini-map.
    assert!(page(&out, "insights/zeta.html").contains("src=\"../journeys/basic.minimap.svg\""));
    // Alpha, named by steps, still draws its own rings in the page.
    assert!(page(&out, "insights/alpha.html").contains("<g class=\"mini-step marked\""));
    // One file per stage: the plain strip with that stage in the project's accent, its name in the accent's text colour.
    for (stage, other) in [("one", "two"), ("two", "three"), ("three", "one")] {
        let file = page(&out, &format!("journeys/basic.minimap.{stage}.svg"));
        assert!(file.starts_with(&format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-minimap-stage\" data-stage=\"{stage}\" width=\"660\" height=\"116\""
        )));
        let current = group(&file, &format!("<g class=\"mini-stage current\" data-stage=\"{stage}\">"));
        assert!(current.contains(" style=\"fill:#e4572e\"/>"), "{stage}: {current}");
        // On #e4572e (relative luminance ~0.235) white reaches 3.7:1 and the theme's ink #1d2430 4.2:1, both
        // under 4.5:1; black reaches 5.7:1, so the stage's name is black.
        assert!(current.contains(" style=\"fill:#000000\">"), "{stage}: {current}");
        assert!(
            file.contains(&format!("<g class=\"mini-stage\" data-stage=\"{other}\">")),
            "{stage}: the others plain"
        );
        assert_eq!(file.matches("mini-stage current").count(), 1);
    }
    assert!(check_links(&out) > 0, "every picture the pages name exists");

    // The picture shows the accent the pages show. Without `accent_color`: a theme's own `--accent` and `--accent-on`.
    std::fs::write(project.join("cxsite.yaml"), "title: Journey fixture\ntheme: purple\n").unwrap();
    let theme = project.join("themes/purple/static");
    std::fs::create_dir_all(&theme).unwrap();
    let css = std::fs::read_to_string(repo("themes/default/static/cxsite.css")).unwrap();
    let purple = css.replacen("--accent: #0b6e4f;", "--accent: #6a1b9a;", 1).replacen(
        "--accent-on: #fff;",
        "--accent-on: #fdfdfd;",
        1,
    );
    assert_ne!(purple, css, "the default theme declares the two properties");
    std::fs::write(theme.join("cxsite.css"), purple).unwrap();
    let themed = tmp.path().join("themed");
    build_ok(&project, &themed, &[]);
    let file = page(&themed, "journeys/basic.minimap.two.svg");
    let current = group(&file, "<g class=\"mini-stage current\" data-stage=\"two\">");
    assert!(current.contains(" style=\"fill:#6a1b9a\"/>") && current.contains(" style=\"fill:#fdfdfd\">"), "{current}");
    // A colour cxsite cannot read is used as written, as in the pages (with the theme's text colour).
    std::fs::write(
        project.join("cxsite.yaml"),
        "title: Journey fixture\naccent_color: \"color-mix(in srgb, red 50%, blue)\"\n",
    )
    .unwrap();
    std::fs::remove_dir_all(project.join("themes")).unwrap();
    let mixed = tmp.path().join("mixed");
    build_ok(&project, &mixed, &[]);
    assert!(page(&mixed, "insights/delta.html").contains("--accent: color-mix(in srgb, red 50%, blue);"));
    let file = page(&mixed, "journeys/basic.minimap.two.svg");
    let current = group(&file, "<g class=\"mini-stage current\" data-stage=\"two\">");
    assert!(
        current.contains(" style=\"fill:color-mix(in srgb, red 50%, blue)\"/>")
            && current.contains(" style=\"fill:#fff\">"),
        "{current}"
    );
}

#[test]
fn insight_pages_show_where_they_sit_and_embeds_link_relative_to_their_page() {
    let (_tmp, out) = build("tests/fixtures/valid/journey-basic");
    let alpha = page(&out, "insights/alpha.html");
    let mini = svg(&alpha, "journey-minimap");
    assert!(mini.contains("data-journey=\"basic\""));
    assert!(mini.contains("<g class=\"mini-stage current\" data-stage=\"two\">"), "its stage highlighted");
    assert_eq!(attrs_of(mini, "<g class=\"mini-step marked\"", "data-step"), ["1", "3"], "its steps ringed");
    // The plain strip and curve are the journey's own file, shown under the highlights (written once, not per insight).
    assert!(mini.contains("<image href=\"../journeys/basic.minimap.svg\" width=\"660\""), "{mini}");
    assert!(!mini.contains("<g class=\"mini-stage\" data-stage"), "no plain stage inline");
    let base = page(&out, "journeys/basic.minimap.svg");
    assert!(base.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-minimap-base\""));
    assert_eq!(
        attrs_of(&base, "<g class=\"mini-stage\"", "data-stage"),
        ["one", "two", "three"],
        "every stage, none highlighted"
    );
    assert!(alpha.contains("Stage one → Sees an ad (Day 0)"), "the same as text");
    // An insight only named by a step (no `journey` field) is placed too.
    let beta = page(&out, "insights/beta.html");
    assert_eq!(attrs_of(svg(&beta, "journey-minimap"), "<g class=\"mini-step marked\"", "data-step"), ["3"]);
    // The embed in a narrative draws the map; links are relative to each page.
    let story = page(&out, "narratives/story.html");
    assert!(svg(&story, "journey-map").contains("href=\"../insights/alpha.html\""));
    assert!(story.contains("class=\"journey-timeline\""));
    let report = page(&out, "report.html");
    assert!(svg(&report, "journey-map").contains("href=\"insights/alpha.html\""));
    // Persona page: a sparkline per journey, linking to it.
    let pia = page(&out, "personas/pia.html");
    let at = pia.find("<a href=\"../journeys/basic.html\"><svg").expect("sparkline link");
    assert!(pia[at..].starts_with("<a href=\"../journeys/basic.html\"><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-sparkline\" data-journey=\"basic\""));
    assert_eq!(svg(&pia, "journey-sparkline").matches("class=\"emotion-point").count(), 6);
    check_links(&out);
}

#[test]
fn step_names_stay_text_inside_the_svg() {
    let (_tmp, out) = build("tests/fixtures/valid/journey-basic");
    for rel in ["journeys/basic.html", "narratives/story.html", "report.html", "insights/alpha.html"] {
        let html = page(&out, rel);
        assert_eq!(html.matches("<script").count(), 1, "{rel}: only the theme's script");
    }
    let html = page(&out, "journeys/basic.html");
    assert!(svg(&html, "journey-map").contains("&lt;script&gt;x&lt;/script&gt;"));
    assert!(svg(&html, "journey-timeline").contains("&lt;script&gt;x&lt;/script&gt;"));
    assert!(html.contains("Beta insight with &lt;b&gt;markup&lt;/b&gt;"), "insight titles in the key");
    assert!(!html.contains("<b>markup"));
}

#[test]
fn a_300_character_step_name_wraps_inside_its_card() {
    let (_tmp, out) = build("tests/fixtures/valid/journey-basic");
    let html = page(&out, "journeys/basic.html");
    let map = svg(&html, "journey-map");
    let yaml = std::fs::read_to_string(repo("tests/fixtures/valid/journey-basic/journeys/basic.yaml")).unwrap();
    let long = yaml.lines().find_map(|l| l.trim().strip_prefix("- name: \"Compares")).expect("the long step");
    let long = format!("Compares{}", long.trim_end_matches('"'));
    assert_eq!(long.chars().count(), 300);
    let card = group(map, "<g class=\"step step-touchpoint\" data-step=\"3\"");
    let (tag, lines) = text_lines(card, "class=\"step-name\"");
    assert!(lines.len() >= 5, "{lines:?}");
    assert_eq!(lines.join(" "), long, "every word is kept, in order");
    let wrap: f64 = attr_values(&tag, "data-wrap")[0].parse().unwrap();
    let size: f64 =
        rule(map, "text.step-name").strip_prefix("font-size:").unwrap().split("px").next().unwrap().parse().unwrap();
    for l in &lines {
        assert!(width(l, size, Weight::Bold) <= wrap, "{l:?} is wider than {wrap}");
    }
    // The card: a touchpoint's shape, drawn once and placed at the step's column.
    let shape = &map[map.find("<g id=\"jmct-basic\">").expect("the touchpoint card")..];
    let shape = &shape[..shape.find("/>").unwrap()];
    let card_x: f64 = attrs_of(card, "<use href=\"#jmct-basic\"", "x")[0].parse().unwrap();
    let card_w: f64 = attr_values(shape, "width")[0].parse().unwrap();
    let name_x: f64 = attr_values(&tag, "x")[0].parse().unwrap();
    assert!(
        name_x - card_x >= 9.0 && name_x + wrap <= card_x + card_w - 9.0,
        "the wrap width leaves the card's padding"
    );
    // The lines sit inside the card's box.
    let card_h: f64 = attr_values(shape, "height")[0].parse().unwrap();
    let card_y: f64 = attr_values(shape, "y")[0].parse().unwrap();
    // Each further line is a `<tspan>` moved down (`dy`) from the one before.
    let name = &card[card.find("class=\"step-name\"").unwrap()..];
    let name = &name[..name.find("</text>").unwrap()];
    let dys: Vec<f64> = attr_values(name, "dy").iter().map(|d| d.parse().unwrap()).collect();
    assert_eq!(dys.len(), lines.len() - 1);
    let last_y: f64 = attr_values(&tag, "y")[0].parse::<f64>().unwrap() + dys.iter().sum::<f64>();
    assert!(last_y < card_y + card_h, "last line at {last_y}, card ends at {}", card_y + card_h);
}

/// (x, y, w, h) of the first `<rect` inside each element starting with `prefix`.
fn boxes(svg: &str, prefix: &str) -> Vec<(f64, f64, f64, f64)> {
    svg.match_indices(prefix)
        .map(|(i, _)| {
            let r = &svg[i + svg[i..].find("<rect").expect("a rect")..];
            let r = &r[..r.find("/>").expect("rect ends")];
            let n = |a: &str| -> f64 { attr_values(r, a)[0].parse().unwrap() };
            (n("x"), n("y"), n("width"), n("height"))
        })
        .collect()
}

fn overlap(a: (f64, f64, f64, f64), b: (f64, f64, f64, f64)) -> bool {
    a.0 < b.0 + b.2 && b.0 < a.0 + a.2 && a.1 < b.1 + b.3 && b.1 < a.1 + a.3
}

#[test]
fn eight_stages_of_forty_steps_stay_readable() {
    let (_tmp, out) = build("tests/fixtures/valid/journey-large");
    let html = page(&out, "journeys/large.html");
    let map = svg(&html, "journey-map");
    assert_eq!(map.matches("<g class=\"stage\"").count(), 8);
    assert_eq!(map.matches("<g class=\"step step-").count(), 320);
    assert_eq!(map.matches("<circle class=\"emotion-point").count(), 320);
    // Cards never overlap, and every line of every step name fits its wrap width.
    let cards = boxes(map, "<g class=\"step step-");
    assert!(cards.windows(2).all(|w| w[0].0 + w[0].2 <= w[1].0), "cards run left to right without overlap");
    let names = map.split("<text ").skip(1).filter(|t| t[..t.find('>').unwrap_or(0)].contains("class=\"step-name\""));
    for t in names {
        let (tag, lines) = text_lines(&format!("<text {t}"), "class=\"step-name\"");
        let wrap: f64 = attr_values(&tag, "data-wrap")[0].parse().unwrap();
        assert!(lines.iter().all(|l| width(l, 12.5, Weight::Bold) <= wrap), "{lines:?}");
    }
    // Long stages repeat their name; the lane labels have a copy that stays in view.
    assert!(map.contains("Stage 1 · Stage 1 with a longer name to wrap"));
    assert!(html.contains("<div class=\"map-heads\"><svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-map-heads\" aria-hidden=\"true\""));
    // The timeline: no two labels overlap.
    let tl = svg(&html, "journey-timeline");
    let items = boxes(tl, "<g class=\"tl-item ");
    assert_eq!(items.len(), 320);
    for (i, a) in items.iter().enumerate() {
        for b in &items[i + 1..] {
            assert!(!overlap(*a, *b), "timeline labels overlap: {a:?} {b:?}");
        }
    }
    // For print, the map comes in pieces of at most five columns, windows onto
    // the map (`<use>`): 320 columns make 64 pieces of five. This map is taller
    // than a page, so each stretch of columns comes in bands of lanes, and
    // together they cover every column of every lane once.
    assert!(map.contains("<g id=\"jm-large\" font-family="));
    let prefix = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-map-print\" ";
    let columns = attrs_of(&html, prefix, "data-columns");
    let bands = attrs_of(&html, prefix, "data-lanes");
    let lanes = attrs_of(map, "<g class=\"lane ", "data-lane").len();
    let mut band_list: Vec<&String> = Vec::new();
    for b in &bands {
        if !band_list.contains(&b) {
            band_list.push(b);
        }
    }
    assert!(band_list.len() > 1, "a tall map is cut into bands: {band_list:?}");
    assert_eq!(columns.len(), 64 * band_list.len());
    let mut next_lane = 0;
    for band in &band_list {
        let (a, b) = band.split_once('-').unwrap();
        assert_eq!(a.parse::<usize>().unwrap(), next_lane, "bands in order: {band_list:?}");
        next_lane = b.parse::<usize>().unwrap() + 1;
    }
    assert_eq!(next_lane, lanes, "the bands cover every lane: {band_list:?}");
    let mut next = 0;
    for (c, band) in columns.iter().zip(&bands).filter(|(_, b)| *b == band_list[0]) {
        let (a, b) = c.split_once('-').unwrap();
        let (a, b): (usize, usize) = (a.parse().unwrap(), b.parse().unwrap());
        assert!(a == next && b - a + 1 == 5, "{band}: {columns:?}");
        next = b + 1;
    }
    assert_eq!(next, 320);
    // Scrolls on screen; in print, pieces at their natural size, never wider than the page.
    let css = page(&out, "static/cxsite.css");
    assert!(css.contains(".diagram-scroll { overflow-x: auto;"));
    assert!(css.contains("  .diagram-scroll svg { width: auto; height: auto; max-width: 100%; }"));
    assert!(css.contains(
        "  .map-print > svg, .timeline-print > svg { display: block; width: auto; max-width: 100%; height: auto; break-inside: avoid;"
    ));
    assert!(map.contains("viewBox=\"0 0 "));
}

#[test]
fn journey_diagrams_are_byte_identical_between_builds() {
    for fixture in ["tests/fixtures/valid/journey-basic", "tests/fixtures/valid/journey-large"] {
        let (_a, one) = build(fixture);
        let (_b, two) = build(fixture);
        let (ta, tb) = (read_tree(&one), read_tree(&two));
        assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
        for (k, v) in &ta {
            assert!(v == &tb[k], "{fixture}: {k} differs between two builds");
        }
    }
}

#[test]
fn dutch_labels_in_the_diagrams() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/journey-basic"), &project);
    std::fs::write(project.join("cxsite.yaml"), "title: Klantreis\nlanguage: nl\n").unwrap();
    let out = tmp.path().join("site");
    build_ok(&project, &out, &[]);
    let html = page(&out, "journeys/basic.html");
    assert!(svg(&html, "journey-map").contains("<title>Klantreiskaart: A basic journey</title>"));
    assert!(svg(&html, "journey-timeline").contains("Onbegeleid: dagen 3\u{2013}8 (5 dagen)"));
    assert!(svg(&html, "journey-map").contains(">KLANTMOMENT</text>"));
}

#[test]
fn screenshots_of_the_example_journey_for_review() {
    let Some(browser) = chromium() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build_ok(&repo("example-project"), &out, &[]);
    let shots = repo("tests/output");
    std::fs::create_dir_all(&shots).unwrap();
    screenshot(&browser, &out.join("journeys/new-subscription.html"), &shots.join("journey.png"), "1400,2000");
    screenshot(
        &browser,
        &out.join("insights/first-invoice-worry.html"),
        &shots.join("journey-insight.png"),
        "1200,1800",
    );
    screenshot(&browser, &out.join("personas/sanne-starter.html"), &shots.join("journey-persona.png"), "1200,1800");
    println!("screenshots in {}", shots.display());
}

/// The value of `attr` in the first tag that starts with `prefix`.
fn first_attr(html: &str, prefix: &str, attr: &str) -> String {
    attrs_of(html, prefix, attr).into_iter().next().unwrap_or_else(|| panic!("no {prefix}"))
}

/// Every print piece of class `class` (whole `<svg>…</svg>` elements, in order).
fn print_pieces<'a>(html: &'a str, class: &str) -> Vec<&'a str> {
    let open = format!("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\" ");
    html.match_indices(&open)
        .map(|(i, _)| {
            // A piece holds its windows (nested <svg>…</svg>) and ends at the first `</svg></svg>`.
            let end = html[i..].find("</svg></svg>").expect("piece ends") + i + "</svg></svg>".len();
            &html[i..end]
        })
        .collect()
}

#[test]
fn journey_map_prints_in_balanced_pieces_with_the_lane_column_in_place() {
    let (_tmp, out) = build("tests/fixtures/valid/own-study");
    let html = page(&out, "journeys/season-renewal.html");
    // 7 steps, at most 5 columns a piece: two pieces, 4 and 3 (not 5 and 2).
    let pieces = print_pieces(&html, "journey-map-print");
    let columns: Vec<String> = pieces.iter().map(|p| first_attr(p, "<svg", "data-columns")).collect();
    assert_eq!(columns, ["0-3", "4-6"]);
    // Natural size: the 88 px lane column, 176 px a column, a 4 px margin.
    let widths: Vec<String> = pieces.iter().map(|p| first_attr(p, "<svg", "width")).collect();
    assert_eq!(widths, [(88 + 4 * 176 + 4).to_string(), (88 + 3 * 176 + 4).to_string()]);
    for (k, p) in pieces.iter().enumerate() {
        // The lane labels first, at x = 0 and 88 px wide; then the piece's columns.
        assert!(p.contains("<svg x=\"0\" y=\"0\" width=\"88\" "), "{p}");
        assert!(p.contains("<use href=\"#jmh-season-renewal\"/>"));
        assert!(p.contains("<svg x=\"88\" y=\"0\" "));
        // Only its own share of the lanes (a window copies all it names).
        assert!(p.contains(&format!("<use href=\"#jm-season-renewal-{k}-steps\"/>")));
        assert!(!p.contains(&format!("#jm-season-renewal-{}-", 1 - k)));
        assert!(!p.contains("data-lanes"), "this map fits a page's height");
    }
    // The screen's sticky copy of the lane column is as narrow (a quarter of 352 px).
    let heads = svg(&html, "journey-map-heads");
    assert_eq!(first_attr(heads, "<svg", "width"), "88");
    let css = page(&out, "static/cxsite.css");
    assert!(css.contains("@container (max-width: 351px) { .map-heads { position: static; visibility: hidden; } }"));
    assert!(css.contains("  .page-journey, .embed-journey { page: wide; }"), "journeys print on landscape pages");
}

#[test]
fn timeline_boxes_keep_to_three_lines_clear_of_the_unattended_row() {
    let (_tmp, out) = build("tests/fixtures/valid/own-study");
    let html = page(&out, "journeys/season-renewal.html");
    let tl = svg(&html, "journey-timeline");
    // Doubt on day 3, the price search on day 5, nobody until the reminder on day 7.
    assert!(tl.contains("<g class=\"unattended\" data-from=\"3\" data-to=\"7\">"));
    let bar = &tl[tl.find("class=\"unattended-bar\"").expect("the hatched bar")..];
    let bar_bottom: f64 = attr_values(&bar[..bar.find("/>").unwrap()], "y")[0].parse::<f64>().unwrap() + 9.0;
    let items = boxes(tl, "<g class=\"tl-item ");
    assert_eq!(items.len(), 7);
    for (i, b) in items.iter().enumerate() {
        assert!(b.1 >= bar_bottom, "box {i} at y {} reaches into the unattended row (ends {bar_bottom})", b.1);
        for c in &items[i + 1..] {
            assert!(!overlap(*b, *c), "timeline boxes overlap: {b:?} {c:?}");
        }
    }
    // Every name in at most three lines: 11 px text, 14 px a line, 10 px padding.
    for item in tl.split("<g class=\"tl-item ").skip(1) {
        let (_, lines) = text_lines(item, " class=\"tl-name\"");
        assert!(lines.len() <= 3, "{lines:?}");
    }
    // "Hears colleagues talk about the fare rise" has room for its words: two lines, not four.
    let hears = group(tl, "data-day=\"3\"");
    assert_eq!(text_lines(hears, " class=\"tl-name\"").1.len(), 2);
    // Thirty days fit the page: one print piece, from the side labels to the end.
    let width = first_attr(tl, "<svg", "width");
    assert!(width.parse::<f64>().unwrap() <= 972.0 - 4.0, "{width}");
    let pieces = print_pieces(&html, "journey-timeline-print");
    assert_eq!(pieces.len(), 1);
    assert_eq!(first_attr(pieces[0], "<svg", "data-x"), format!("140-{width}"));
    // The legend beside it is HTML (it reflows and prints as text).
    assert_eq!(html.matches("<ul class=\"diagram-legend\"").count(), 2);
    assert!(
        html.contains("Unattended: the customer feels negative and no touchpoint happens until the next contact</li>")
    );
}

#[test]
fn long_timelines_print_in_pieces_that_keep_their_boxes_whole() {
    let (_tmp, out) = build("tests/fixtures/valid/journey-large");
    let html = page(&out, "journeys/large.html");
    let tl = svg(&html, "journey-timeline");
    let width: f64 = first_attr(tl, "<svg", "width").parse().unwrap();
    let items = boxes(tl, "<g class=\"tl-item ");
    let pieces = print_pieces(&html, "journey-timeline-print");
    assert!(pieces.len() >= (width / 972.0).ceil() as usize, "{} pieces for {width} px", pieces.len());
    let mut next = 140.0;
    for (k, p) in pieces.iter().enumerate() {
        let w: f64 = first_attr(p, "<svg", "width").parse().unwrap();
        assert!(w <= 972.0, "a piece is {w} px wide");
        let x = first_attr(p, "<svg", "data-x");
        let (a, b) = x.split_once('-').unwrap();
        let (a, b): (f64, f64) = (a.parse().unwrap(), b.parse().unwrap());
        assert!(a <= next + 0.1, "no stretch of days is left out: {x} after {next}");
        // The piece shows its own share of the days, every box of it whole.
        assert!(p.contains(&format!("<use href=\"#tl-large-{k}\"/>")));
        let share = &tl[tl.find(&format!("<g id=\"tl-large-{k}\">")).expect("share")..];
        let share = &share[..share.find("</g></g><g id=").unwrap_or(share.len())];
        let mine = boxes(share, "<g class=\"tl-item ");
        assert!(!mine.is_empty());
        for i in &mine {
            assert!(a - 0.1 <= i.0 && i.0 + i.2 <= b + 0.1, "piece {x} cuts the box {i:?}");
        }
        next = b;
    }
    assert!((next - width).abs() < 0.1, "the pieces reach the end ({next} of {width})");
    assert_eq!(items.len(), 320);
}

#[test]
fn insight_markers_and_highlights_follow_the_client_accent() {
    let (_tmp, out) = build("tests/fixtures/valid/own-study");
    let html = page(&out, "journeys/season-renewal.html");
    assert!(html.contains("--accent: #e4572e"), "the page's accent is the client's");
    let map = svg(&html, "journey-map");
    // Markers: a square-cornered accent tag with a light bulb, so a number on
    // a step card reads as an insight, not as the step's number.
    let markers: Vec<&str> = map.split("<a class=\"marker\"").skip(1).map(|m| &m[..m.find("</a>").unwrap()]).collect();
    assert_eq!(markers.len(), 7, "fare-rise-rumour twice, five others once");
    for m in &markers {
        assert!(m.contains(" height=\"19\" rx=\"4\"/><use href=\"#jmk-season-renewal\" x="), "{m}");
    }
    // The bulb, drawn once.
    assert!(map.contains(
        "<path id=\"jmk-season-renewal\" d=\"M4 0a4 4 0 0 1 2.4 7.2v1.8h-4.8v-1.8a4 4 0 0 1 2.4-7.2zm-2 9.7h4v1.3h-4z\"/>"
    ));
    assert_eq!(rule(map, "a.marker>rect"), "fill:var(--accent)");
    assert_eq!(rule(map, "a.marker>use"), "fill:var(--accent-on,#fff)");
    assert!(rule(map, "a.marker>text").ends_with("fill:var(--accent-on,#fff)"));
    // No default green in any journey drawing of the site.
    for rel in [
        "journeys/season-renewal.html",
        "insights/price-page-dead-end.html",
        "personas/maya-commuter.html",
        "report.html",
    ] {
        let html = page(&out, rel);
        for class in ["journey-map", "journey-map-heads", "journey-timeline", "journey-minimap", "journey-sparkline"] {
            if html.contains(&format!("class=\"{class}\"")) {
                assert!(
                    !svg(&html, class).to_lowercase().contains("#0b6e4f"),
                    "{rel}: svg.{class} has the default green"
                );
            }
        }
        for p in print_pieces(&html, "journey-map-print") {
            assert!(!p.to_lowercase().contains("#0b6e4f"));
        }
    }
    // The mini-map highlights the insight's stage and steps in the accent (text in its legible shade).
    let mini = svg(&page(&out, "insights/price-page-dead-end.html"), "journey-minimap").to_string();
    let current = group(&mini, "<g class=\"mini-stage current\" data-stage=\"noticing\">");
    assert!(
        current.contains("style=\"fill:var(--accent)\"") && current.contains("style=\"fill:var(--accent-on, #fff)\"")
    );
    assert!(mini.contains("style=\"stroke:var(--accent)\""));
    assert!(mini.contains("style=\"fill:var(--accent-ink, var(--accent))\""));
    // The step and emotion colours stay Okabe–Ito (colour-blind safe).
    for c in ["#0072b2", "#cc79a7", "#d55e00", "#009e73"] {
        assert!(map.contains(c), "{c}");
    }
    // The theme's journey rules use the accent too.
    let css = page(&out, "static/cxsite.css");
    let journey_css = &css[css.find("/* Journey diagrams */").unwrap()..css.find("/* Print (the browser").unwrap()];
    assert!(!journey_css.contains("#0b6e4f") && !journey_css.contains("#08503a"));
    assert!(journey_css.contains(".marker-number { display: inline-block; white-space: nowrap; padding: 0 .4em; border-radius: 4px; background: var(--accent);"));
}

#[test]
fn legends_say_on_paper_what_paper_can_do() {
    let (_tmp, out) = build("tests/fixtures/valid/own-study");
    let html = page(&out, "journeys/season-renewal.html");
    let legend = &html[html.find("<ul class=\"diagram-legend\"").unwrap()..];
    let legend = &legend[..legend.find("</ul>").unwrap()];
    // Every moment of truth the journey names, in order.
    let mots: Vec<&str> = legend
        .match_indices("<span class=\"lg-mot\" aria-hidden=\"true\">")
        .map(|(i, m)| &legend[i + m.len()..i + m.len() + 4])
        .collect();
    assert_eq!(mots, ["ZMOT", "FMOT", "SMOT", "UMOT"]);
    assert!(legend.contains("Zero moment of truth: orientation before meeting the product</li>"));
    assert!(legend.contains(
        "<span class=\"screen-only\">Insight: opens the insight page</span><span class=\"print-only\">Insight, numbered as in the list of insights</span>"
    ));
    let css = page(&out, "static/cxsite.css");
    assert!(css.contains(".map-print, .timeline-print, .print-only { display: none; }"));
    assert!(css.contains(
        "  .map-screen, .timeline-screen, .screen-only { display: none; }\n  .print-only { display: inline; }"
    ));
    // The journey page lines up with the header.
    assert!(css.contains("main.content.wide { max-width: var(--max); }"));
}

#[test]
fn journey_diagrams_on_a_phone_a_laptop_and_paper() {
    if !browser_tools() {
        return;
    }
    let shots = output_dir().join("phone");
    std::fs::create_dir_all(&shots).unwrap();
    for (fixture, journey, insight) in [
        ("tests/fixtures/valid/own-study", "journeys/season-renewal.html", "insights/price-page-dead-end.html"),
        ("example-project", "journeys/new-subscription.html", "insights/first-invoice-worry.html"),
    ] {
        let (_tmp, out) = build(fixture);
        let pages = format!("{{\"journeys\":[\"{journey}\"],\"insights\":[\"{insight}\"]}}");
        let report = node_script("journey_layout.mjs", &[&file_url(&out), &pages, shots.to_str().unwrap()]);
        println!("{fixture}: {report}");
    }
}
