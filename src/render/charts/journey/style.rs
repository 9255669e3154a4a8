//! The presentation of the journey map and timeline as one `<style>` per
//! drawing, instead of the same attributes on every element: a map of 26
//! steps has some 340 texts, and their font size, weight, anchor and colour
//! were most of its bytes. The drawing stays self-contained (it looks the
//! same in any theme, in the export and in print) and the rules cost about
//! 2 kB once per map (0.6 kB per timeline). Shapes that every step repeats (the card of
//! each kind, the insight marker's bulb) are drawn once in the map's
//! `<defs>` and shown with `<use>` (see `super::map_cells::card_defs`).
//!
//! The rules must hold where the drawing is shown through `<use>` (the print
//! pieces and the map's lane-label strip show groups of the drawing, cloned
//! without the drawing's `<svg>` around them), so a selector names the
//! element itself and at most an ancestor inside the same step, marker,
//! stage header, owner chip or group of emotion points: never the `<svg>`
//! or a lane. The classes are the map's own (the sparkline's emotion points
//! share theirs, so the map's sit in a `g.jm-pts`). Every selector
//! starts with an SVG element name, so no rule reaches the page's HTML.
//! The default text (11 px, ink) is inherited from the `<svg>` root (and
//! from the root of each print piece), so plain texts carry no attributes.

use std::fmt::Write;

use super::common::{baseline, INK, N};
use crate::render::charts::text;

/// The size of text that says nothing else: set on every root the drawing
/// is shown in, and inherited.
pub const BASE_SIZE: f64 = 11.0;

/// The rules of the journey map (colours from [`super::common`]), and the
/// font of the drawings that show its groups (print pieces, lane labels).
pub const MAP_CSS: &str = "\
svg.journey-map-print,svg.journey-map-heads{font:11px 'Liberation Sans', Arial, Helvetica, sans-serif;fill:#1d2430}\
path.jm-sep{fill:none;stroke:#dfe3ea;stroke-dasharray:2 3}\
path.jm-rule{fill:none;stroke:#c9d1dc}\
text.jm-none{font-size:11.5px;font-style:italic;fill:#6b7585}\
g.stage>polygon{fill:#e1e9f2}\
text.jm-sn{font-weight:700;fill:#6b7585}\
g.mot-badge>rect{fill:#1d2430}\
g.mot-badge>text{font-weight:700;text-anchor:middle;fill:#fff}\
text.stage-name{font-size:14px;font-weight:700}\
text.jm-ag{fill:#6b7585}\
text.lane-name{font-weight:700;fill:#4a5567}\
text.jm-tk{text-anchor:end;fill:#6b7585}\
rect.jm-ct{fill:#fff;stroke:#0072b2;stroke-width:1.5}\
rect.jm-ce{fill:#fbf3f8;stroke:#cc79a7;stroke-width:1.5;stroke-dasharray:5 3}\
rect.jm-cb{fill:#0072b2}\
text.step-kind{font-weight:700;fill:#005a8c}\
g.step-experience>text.step-kind{fill:#8e3b6e}\
rect.jm-d{fill:#eef1f5}\
text.step-day{font-weight:700;text-anchor:middle;fill:#4a5567}\
text.step-channel{fill:#6b7585}\
text.step-name{font-size:12.5px;font-weight:700}\
g.step-experience>text.step-name{font-style:italic}\
text.step-backing{fill:#4a5567}\
a.marker>rect{fill:var(--accent)}\
a.marker>use{fill:var(--accent-on,#fff)}\
a.marker>text{font-weight:700;fill:var(--accent-on,#fff)}\
g.jm-do,g.jm-th{font-size:11.5px}\
g.jm-th{font-style:italic;fill:#4a5567}\
g.owner>rect{fill:#fff;stroke:#b8c2cf}\
g.owner>text{fill:#4a5567}\
path.jm-grid{fill:none;stroke:#eef1f5}\
line.zero-line{stroke:#8a94a3;stroke-dasharray:4 3}\
polygon.jm-an{fill:#d55e00;fill-opacity:.14}\
polygon.jm-ap{fill:#009e73;fill-opacity:.14}\
path.emotion-curve{fill:none;stroke:#4a5567;stroke-width:2;stroke-linecap:round}\
g.jm-pts>circle{stroke:#fff;stroke-width:2}\
g.jm-pts>.emotion-neg{fill:#d55e00}\
g.jm-pts>.emotion-zero{fill:#8a94a3}\
g.jm-pts>.emotion-pos{fill:#009e73}\
text.jm-ev{font-weight:700;text-anchor:middle}";

/// The rules of the journey timeline, and the font of its print pieces.
pub const TIMELINE_CSS: &str = "\
svg.journey-timeline-print{font:11px 'Liberation Sans', Arial, Helvetica, sans-serif;fill:#1d2430}\
text.tl-tk{font-weight:700;text-anchor:middle;fill:#4a5567}\
path.tl-lt{stroke:#0072b2;stroke-width:1.2}\
path.tl-le{stroke:#cc79a7;stroke-width:1.2;stroke-dasharray:3 2}\
rect.tl-mt{fill:#0072b2}\
circle.tl-me{fill:#cc79a7}\
g.tl-item>rect{stroke-width:1.5}\
g.tl-touchpoint>rect{stroke:#0072b2}\
g.tl-experience>rect{stroke:#cc79a7;stroke-dasharray:4 2}\
g.tl-experience>text.tl-name{font-style:italic}\
text.tl-ev{font-weight:700;text-anchor:end}";

/// The class of an emotion value's text colour (see
/// [`super::common::emotion_text_colour`]): `ev-n`, `ev-z` or `ev-p`, with
/// its rule in [`EMOTION_TEXT_CSS`].
pub fn emotion_text_class(e: i64) -> &'static str {
    match e.signum() {
        -1 => "ev-n",
        1 => "ev-p",
        _ => "ev-z",
    }
}

/// The colours of [`emotion_text_class`], shared by both drawings.
pub const EMOTION_TEXT_CSS: &str = "text.ev-n{fill:#8a3c00}text.ev-z{fill:#4a5567}text.ev-p{fill:#005a41}";

/// The opening `<svg>` tag with size, view box, font and the base text size,
/// then `<title>`, `<desc>` and the drawing's rules (`css`).
#[allow(clippy::too_many_arguments)]
pub fn open_svg(out: &mut String, class: &str, attrs: &str, w: f64, h: f64, title: &str, desc: &str, css: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\"{attrs} width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"{font}\" fill=\"{INK}\" font-size=\"{BASE_SIZE}\"><title>{title}</title>\
         <desc>{desc}</desc><style>{css}{EMOTION_TEXT_CSS}</style>",
        w = N(w),
        h = N(h),
        font = text::escape(text::FONT_FAMILY),
        title = text::escape(title),
        desc = text::escape(desc),
    );
}

/// Writes `lines` as one `<text>` whose first line box starts at `top`:
/// the first line is the text's own, each further line a `<tspan>` back at
/// `x` and `line_height` lower. `size` places the baseline (the size itself
/// comes from the text's class or the inherited base size); `attrs` are
/// extra attributes (starting with a space), already escaped.
pub fn text_lines(out: &mut String, x: f64, top: f64, lines: &[String], size: f64, line_height: f64, attrs: &str) {
    let y = baseline(top, size, line_height);
    let _ = write!(out, "<text x=\"{}\" y=\"{}\"{attrs}>", N(x), N(y));
    for (i, l) in lines.iter().enumerate() {
        if i == 0 {
            out.push_str(&text::escape(l));
        } else {
            let _ = write!(out, "<tspan x=\"{}\" dy=\"{}\">{}</tspan>", N(x), N(line_height), text::escape(l));
        }
    }
    out.push_str("</text>");
}

/// Appends a vertical stroke from (`x`, `y1`) to (`x`, `y2`) to path data `d`.
pub fn v_line(d: &mut String, x: f64, y1: f64, y2: f64) {
    let _ = write!(d, "M{} {}V{}", N(x), N(y1), N(y2));
}

/// Appends a horizontal stroke from (`x1`, `y`) to (`x2`, `y`) to path data `d`.
pub fn h_line(d: &mut String, x1: f64, x2: f64, y: f64) {
    let _ = write!(d, "M{} {}H{}", N(x1), N(y), N(x2));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_further_lines_are_tspans_moved_down_by_the_line_height() {
        let mut out = String::new();
        text_lines(&mut out, 10.0, 0.0, &["a <b>".into(), "c".into()], 10.0, 14.0, " class=\"k\"");
        // Baseline: 0 + 14 / 2 + 10 × 0.35 = 10.5.
        assert_eq!(out, "<text x=\"10\" y=\"10.5\" class=\"k\">a &lt;b&gt;<tspan x=\"10\" dy=\"14\">c</tspan></text>");
        out.clear();
        text_lines(&mut out, 10.0, 0.0, &["one".into()], 10.0, 14.0, "");
        assert!(!out.contains("tspan"), "{out}");
    }

    #[test]
    fn the_rules_size_text_as_the_layout_measured_it() {
        // The pieces shown through <use> have the drawing's font and base size.
        let font = format!("{{font:{BASE_SIZE}px {}", text::FONT_FAMILY);
        assert_eq!(MAP_CSS.matches(&font).count(), 1);
        assert_eq!(TIMELINE_CSS.matches(&font).count(), 1);
        use super::super::map::{BODY_SIZE, CHANNEL_SIZE, HEAD_SIZE, LANE_SIZE, LIST_SIZE, NAME_SIZE};
        // Text without a size of its own takes the base size: the layout
        // measured it at that size.
        for size in [HEAD_SIZE, CHANNEL_SIZE, LANE_SIZE, LIST_SIZE, super::super::common::MARKER_SIZE] {
            assert_eq!(size, BASE_SIZE);
        }
        for (selector, size) in [("text.step-name", NAME_SIZE), ("g.jm-do,g.jm-th", BODY_SIZE)] {
            assert!(MAP_CSS.contains(&format!("{selector}{{font-size:{size}px")), "{selector}");
        }
    }

    #[test]
    fn no_rule_depends_on_the_svg_or_a_lane() {
        // A print piece shows groups of the drawing through <use>: a rule
        // that needs the drawing's <svg> or its lane group would not hold there.
        for css in [MAP_CSS, TIMELINE_CSS, EMOTION_TEXT_CSS] {
            for rule in css.split('}').filter(|r| !r.is_empty()) {
                let selectors = &rule[..rule.find('{').expect("a rule")];
                for s in selectors.split(',') {
                    if let Some(root) = s.strip_prefix("svg.") {
                        // The root of a print piece or of the lane labels: its own font.
                        assert!(!root.contains(|c: char| !c.is_ascii_lowercase() && c != '-'), "{s}");
                        continue;
                    }
                    // At most a parent, and not the drawing or a lane group.
                    assert!(!s.contains(' ') && s.matches('>').count() <= 1, "{s}");
                    let parent = s.rsplit_once('>').map_or("", |(p, _)| p);
                    assert!(!parent.contains("journey") && !parent.contains("lane"), "{s}");
                    assert!(s.starts_with(|c: char| c.is_ascii_lowercase()), "{s}: starts with an element name");
                }
            }
        }
    }
}
