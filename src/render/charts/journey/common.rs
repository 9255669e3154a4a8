//! Pieces shared by the journey diagrams (map, timeline, sparkline and
//! mini-map): the palette, numbered insight markers, number and day
//! formatting, and wrapped SVG text.

use std::fmt::{self, Write};

use crate::config::Language;
use crate::i18n;
use crate::model::journey::{Journey, Step, StepType};
use crate::render::charts::text;

/// Dark text.
pub const INK: &str = "#1d2430";
/// Secondary text.
pub const INK_SOFT: &str = "#4a5567";
/// Muted text and ticks.
pub const MUTED: &str = "#6b7585";
/// Rules and borders.
pub const LINE: &str = "#dfe3ea";
/// Light backgrounds.
pub const WASH: &str = "#f5f7fa";
/// Slightly darker light backgrounds.
pub const WASH2: &str = "#eef1f5";
/// Fill in the site's accent colour (`accent_color`), as a style attribute
/// (with its leading space): the diagrams sit inline in the page, so they
/// follow the page's `--accent` instead of a colour of their own.
pub const ACCENT_FILL: &str = " style=\"fill:var(--accent)\"";
/// Stroke in the site's accent colour (see [`ACCENT_FILL`]).
pub const ACCENT_STROKE: &str = " style=\"stroke:var(--accent)\"";
/// Text in the accent colour: its darker, legible shade when the theme has one.
pub const ACCENT_TEXT: &str = " style=\"fill:var(--accent-ink, var(--accent))\"";
/// Text on an accent background (white unless the theme says otherwise).
pub const ON_ACCENT: &str = " style=\"fill:var(--accent-on, #fff)\"";
/// A light tint of the accent colour, for backgrounds.
pub const ACCENT_TINT: &str = " style=\"fill:color-mix(in srgb, var(--accent) 18%, #fff)\"";
/// Touchpoints: Okabe–Ito blue.
pub const TOUCH: &str = "#0072b2";
/// Text on touchpoint labels (darker blue, for contrast).
pub const TOUCH_TEXT: &str = "#005a8c";
/// Experience moments: Okabe–Ito reddish purple.
pub const EXPERIENCE: &str = "#cc79a7";
/// Text on experience labels (darker purple, for contrast).
pub const EXPERIENCE_TEXT: &str = "#8e3b6e";
/// Negative emotion: Okabe–Ito vermillion.
pub const NEG: &str = "#d55e00";
/// Positive emotion: Okabe–Ito bluish green.
pub const POS: &str = "#009e73";
/// Neutral emotion.
pub const NEUTRAL: &str = "#8a94a3";

/// A number for SVG attributes: at most one decimal, no `-0`, no `.0`.
#[derive(Debug, Clone, Copy)]
pub struct N(pub f64);

/// Writes an SVG `<line>` from (`x1`, `y1`) to (`x2`, `y2`); `attrs` (stroke and
/// the like) follow the coordinates.
pub fn line(out: &mut String, (x1, y1): (f64, f64), (x2, y2): (f64, f64), attrs: &str) {
    let _ = write!(out, "<line x1=\"{}\" y1=\"{}\" x2=\"{}\" y2=\"{}\" {attrs}/>", N(x1), N(y1), N(x2), N(y2));
}

/// The points of a stage chevron: a box `w`×`h` at (`x`, `y`) whose right
/// side ends in a tip `tip` wide and whose left side has a notch `notch` deep.
pub fn chevron_points(x: f64, y: f64, w: f64, h: f64, tip: f64, notch: f64) -> String {
    format!(
        "{},{} {},{} {},{} {},{} {},{} {},{}",
        N(x),
        N(y),
        N(x + w - tip),
        N(y),
        N(x + w),
        N(y + h / 2.0),
        N(x + w - tip),
        N(y + h),
        N(x),
        N(y + h),
        N(x + notch),
        N(y + h / 2.0)
    )
}

impl fmt::Display for N {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let tenths = (self.0 * 10.0).round();
        if !tenths.is_finite() {
            return f.write_str("0");
        }
        let tenths = tenths as i64;
        if tenths % 10 == 0 {
            write!(f, "{}", tenths / 10)
        } else {
            let sign = if tenths < 0 { "-" } else { "" };
            let a = tenths.abs();
            write!(f, "{sign}{}.{}", a / 10, a % 10)
        }
    }
}

/// A day number as people write it: `3`, `2.5`.
pub fn day_text(d: f64) -> String {
    if d.fract() == 0.0 && d.abs() < 1e15 {
        format!("{}", d as i64)
    } else {
        format!("{d}")
    }
}

/// An emotion as shown: `+2`, `0`, `−1` (Unicode minus).
pub fn emotion_text(e: i64) -> String {
    match e {
        e if e > 0 => format!("+{e}"),
        e if e < 0 => format!("\u{2212}{}", e.unsigned_abs()),
        _ => "0".into(),
    }
}

/// `neg`, `zero`, `pos` or `none`: the class suffix of an emotion.
pub fn emotion_class(e: Option<i64>) -> &'static str {
    match e {
        Some(e) if e < 0 => "neg",
        Some(e) if e > 0 => "pos",
        Some(_) => "zero",
        None => "none",
    }
}

/// The strong colour of an emotion's sign (points, bullets).
pub fn emotion_colour(e: i64) -> &'static str {
    match e.signum() {
        -1 => NEG,
        1 => POS,
        _ => NEUTRAL,
    }
}

/// A light tint per emotion level, for filled boxes (darker = stronger).
pub fn emotion_tint(e: Option<i64>) -> &'static str {
    match e {
        Some(e) if e <= -2 => "#f5c6a6",
        Some(-1) => "#fbe4d5",
        Some(0) => "#eceff3",
        Some(1) => "#d3eee4",
        Some(_) => "#a9dcc8",
        None => "#ffffff",
    }
}

/// Text colour of an emotion value printed on a light background: at least
/// 4.5:1 (WCAG AA) on white and on every [`emotion_tint`].
pub fn emotion_text_colour(e: i64) -> &'static str {
    match e.signum() {
        -1 => "#8a3c00",
        1 => "#005a41",
        _ => INK_SOFT,
    }
}

/// One insight shown as a numbered marker on a journey.
#[derive(Debug, Clone, PartialEq)]
pub struct Marker {
    /// 1-based number, in order of first appearance along the journey.
    pub number: usize,
    /// Insight id.
    pub id: String,
    /// Insight title (plain text).
    pub title: String,
    /// Link to the insight page, relative to the page the diagram sits on.
    pub href: String,
}

/// The numbered insights of one journey, and which step shows which.
#[derive(Debug, Clone, Default)]
pub struct Markers {
    /// Every numbered insight, by number.
    pub list: Vec<Marker>,
    /// stage → step → indices into `list`.
    at: Vec<Vec<Vec<usize>>>,
    /// The sources each numbered insight's evidence names, parallel to
    /// `list`; `None` when not given (then steps show no backing line).
    sources: Option<Vec<Vec<String>>>,
}

impl Markers {
    /// Numbers the insights named by the steps of `j`, in order of first
    /// appearance. `resolve` gives (title, href) for an insight that is in
    /// the site, or `None` (a left-out draft): such insights get no marker.
    pub fn new(j: &Journey, resolve: impl Fn(&str) -> Option<(String, String)>) -> Markers {
        let mut m = Markers::default();
        for stage in &j.stages {
            let mut steps = Vec::with_capacity(stage.steps.len());
            for step in &stage.steps {
                let mut here = Vec::new();
                for id in &step.insights {
                    let pos = match m.list.iter().position(|x| &x.id == id) {
                        Some(p) => Some(p),
                        None => resolve(id).map(|(title, href)| {
                            m.list.push(Marker { number: m.list.len() + 1, id: id.clone(), title, href });
                            m.list.len() - 1
                        }),
                    };
                    if let Some(p) = pos {
                        if !here.contains(&p) {
                            here.push(p);
                        }
                    }
                }
                here.sort_unstable();
                steps.push(here);
            }
            m.at.push(steps);
        }
        m
    }

    /// Gives each numbered insight the sources its evidence names (`sources`
    /// by insight id), so that steps can say how well they are backed.
    pub fn with_sources(mut self, sources: impl Fn(&str) -> Vec<String>) -> Markers {
        self.sources = Some(self.list.iter().map(|m| sources(&m.id)).collect());
        self
    }

    /// How many insights back one step and how many distinct sources theirs
    /// are; `None` without sources or when the step names no insight.
    pub fn backing(&self, stage: usize, step: usize) -> Option<(usize, usize)> {
        let sources = self.sources.as_ref()?;
        let here = self.at.get(stage)?.get(step)?;
        if here.is_empty() {
            return None;
        }
        let distinct: std::collections::BTreeSet<&String> =
            here.iter().filter_map(|&i| sources.get(i)).flatten().collect();
        Some((here.len(), distinct.len()))
    }

    /// The markers of one step (empty when out of range).
    pub fn at(&self, stage: usize, step: usize) -> impl Iterator<Item = &Marker> {
        self.at.get(stage).and_then(|s| s.get(step)).into_iter().flatten().filter_map(|&i| self.list.get(i))
    }
}

/// A step with its place in the journey.
#[derive(Debug, Clone, Copy)]
pub struct Placed<'a> {
    /// Stage index.
    pub stage: usize,
    /// Step index inside the stage.
    pub step: usize,
    /// Position along the whole journey (0-based).
    pub index: usize,
    /// The step.
    pub data: &'a Step,
}

/// Every step of `j` in order, with its position.
pub fn steps(j: &Journey) -> Vec<Placed<'_>> {
    let mut out = Vec::new();
    for (si, stage) in j.stages.iter().enumerate() {
        for (ti, step) in stage.steps.iter().enumerate() {
            out.push(Placed { stage: si, step: ti, index: out.len(), data: step });
        }
    }
    out
}

/// The label of `key` in `lang`.
pub fn label(lang: Language, key: &'static str) -> &'static str {
    i18n::label(lang, key)
}

/// The label of a step type.
pub fn type_label(lang: Language, kind: StepType) -> &'static str {
    label(lang, kind.as_str())
}

/// The baseline of a line whose line box starts at `top`.
pub fn baseline(top: f64, size: f64, line_height: f64) -> f64 {
    top + line_height / 2.0 + size * 0.35
}

/// Writes `lines` as one `<text>`, a `<tspan>` per line when there are
/// several; `top` is the top of the first line box. `attrs` are extra
/// attributes (starting with a space), already escaped.
pub fn text_lines(out: &mut String, x: f64, top: f64, lines: &[String], size: f64, line_height: f64, attrs: &str) {
    let y = baseline(top, size, line_height);
    let _ = write!(out, "<text x=\"{}\" y=\"{}\" font-size=\"{}\"{attrs}>", N(x), N(y), N(size));
    if let [one] = lines {
        out.push_str(&text::escape(one));
    } else {
        for (i, l) in lines.iter().enumerate() {
            let _ = write!(
                out,
                "<tspan x=\"{}\" y=\"{}\">{}</tspan>",
                N(x),
                N(y + i as f64 * line_height),
                text::escape(l)
            );
        }
    }
    out.push_str("</text>");
}

/// Wraps `s` to `w`, keeping the first line `badge` px shorter (room for
/// the emotion value in the box's top right corner).
pub fn wrap_around_badge(s: &str, size: f64, w: f64, badge: f64, max_lines: usize) -> Vec<String> {
    if badge == 0.0 {
        return text::wrap(s, size, text::Weight::Regular, w, max_lines);
    }
    let mut first = String::new();
    let mut rest = s.split_whitespace().peekable();
    while let Some(word) = rest.peek() {
        let candidate = if first.is_empty() { (*word).to_string() } else { format!("{first} {word}") };
        if text::width(&candidate, size, text::Weight::Regular) > w - badge {
            break;
        }
        first = candidate;
        rest.next();
    }
    if first.is_empty() {
        return text::wrap(s, size, text::Weight::Regular, w - badge, max_lines);
    }
    let rest: Vec<&str> = rest.collect();
    let mut lines = vec![first];
    if !rest.is_empty() {
        lines.extend(text::wrap(&rest.join(" "), size, text::Weight::Regular, w, max_lines.saturating_sub(1).max(1)));
    }
    lines
}

/// The opening `<svg>` tag with size, view box and font, then `<title>` and `<desc>`.
pub fn open_svg(out: &mut String, class: &str, attrs: &str, w: f64, h: f64, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"{class}\"{attrs} width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"{font}\" fill=\"{INK}\"><title>{title}</title><desc>{desc}</desc>",
        w = N(w),
        h = N(h),
        font = text::escape(text::FONT_FAMILY),
        title = text::escape(title),
        desc = text::escape(desc),
    );
}

/// Font size of the number in an insight marker.
pub const MARKER_SIZE: f64 = 11.0;
/// Height of an insight marker.
pub const MARKER_H: f64 = 19.0;

/// The width of the insight marker numbered `number`: a bulb and the number,
/// so a marker cannot be read as a step or stage number.
pub fn marker_width(number: usize) -> f64 {
    6.0 + 8.0 + 3.0 + text::width(&number.to_string(), MARKER_SIZE, text::Weight::Bold) + 7.0
}

/// The light-bulb glyph of an insight (8 × 11, its top left at 0, 0): the
/// map draws it once (`<path id="jmk-ID">`) and shows it in every marker.
pub const BULB_PATH: &str = "M4 0a4 4 0 0 1 2.4 7.2v1.8h-4.8v-1.8a4 4 0 0 1 2.4-7.2zm-2 9.7h4v1.3h-4z";

/// Draws the face of an insight marker at (`x`, `y`) (top left): an accent
/// pill with a bulb and the number (the key and legend beside the map show
/// the same face in HTML: `.marker-number`). Its colours (the accent) are
/// the rules of `a.marker` in the map's style (see `super::style`); its
/// number's size is the map's base size. `bulb` is the id of the map's bulb
/// ([`BULB_PATH`]), escaped.
pub fn marker_face(out: &mut String, number: usize, x: f64, y: f64, bulb: &str) {
    let w = marker_width(number);
    let _ = write!(out, "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{MARKER_H}\" rx=\"4\"/>", N(x), N(y), N(w));
    let _ = write!(out, "<use href=\"#{bulb}\" x=\"{}\" y=\"{}\"/>", N(x + 6.0), N(y + 4.0));
    let _ = write!(out, "<text x=\"{}\" y=\"{}\">{number}</text>", N(x + 17.0), N(y + 13.5));
}

/// Writes an insight marker: a link around [`marker_face`] at (`x`, `y`) (top left).
pub fn marker(out: &mut String, m: &Marker, x: f64, y: f64, bulb: &str) {
    let _ = write!(
        out,
        "<a class=\"marker\" href=\"{href}\" data-insight=\"{id}\" data-number=\"{n}\"><title>{n}. {title}</title>",
        href = text::escape(&m.href),
        id = text::escape(&m.id),
        n = m.number,
        title = text::escape(&m.title),
    );
    marker_face(out, m.number, x, y, bulb);
    out.push_str("</a>");
}

/// A print piece's window at (`x`, `y`) onto the drawn diagram's box
/// (`vx`, `vy`, `w`, `h`), showing the diagram's groups `ids` (`<use>`).
/// Without `y` the window sits at the piece's top.
pub fn print_window(ids: &[String], (vx, vy, w, h): (f64, f64, f64, f64), x: f64, y: Option<f64>) -> String {
    let mut s = format!("<svg x=\"{}\"", N(x));
    if let Some(y) = y {
        let _ = write!(s, " y=\"{}\"", N(y));
    }
    let _ = write!(s, " width=\"{w}\" height=\"{h}\" viewBox=\"{} {} {w} {h}\">", N(vx), N(vy), w = N(w), h = N(h));
    for id in ids {
        let _ = write!(s, "<use href=\"#{id}\"/>");
    }
    s.push_str("</svg>");
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_short_and_stable() {
        assert_eq!(N(3.0).to_string(), "3");
        assert_eq!(N(2.54).to_string(), "2.5");
        assert_eq!(N(-0.04).to_string(), "0");
        assert_eq!(N(-1.25).to_string(), "-1.3");
        assert_eq!(N(f64::NAN).to_string(), "0");
        assert_eq!(day_text(7.0), "7");
        assert_eq!(day_text(2.5), "2.5");
        assert_eq!(emotion_text(-2), "\u{2212}2");
        assert_eq!(emotion_text(1), "+1");
    }

    /// WCAG contrast ratio of two `#rrggbb` colours.
    fn contrast(a: &str, b: &str) -> f64 {
        let lum = |h: &str| {
            let c = |i: usize| {
                let v = f64::from(u8::from_str_radix(&h[i..i + 2], 16).expect("hex")) / 255.0;
                if v <= 0.03928 {
                    v / 12.92
                } else {
                    ((v + 0.055) / 1.055).powf(2.4)
                }
            };
            0.2126 * c(1) + 0.7152 * c(3) + 0.0722 * c(5)
        };
        let (x, y) = (lum(a), lum(b));
        (x.max(y) + 0.05) / (x.min(y) + 0.05)
    }

    #[test]
    fn emotion_values_are_legible_on_every_tint() {
        // Published reference: #777777 on white is 4.48:1.
        assert!((contrast("#777777", "#ffffff") - 4.48).abs() < 0.01);
        for e in -2..=2 {
            for bg in [Some(-2), Some(-1), Some(0), Some(1), Some(2), None] {
                let r = contrast(emotion_text_colour(e), emotion_tint(bg));
                assert!(r >= 4.5, "emotion {e} on the tint of {bg:?}: {r:.2}");
            }
        }
    }

    #[test]
    fn markers_are_numbered_by_first_appearance() {
        let j: Journey = serde_yaml::from_str(
            "title: t\nstages:\n- id: a\n  name: A\n  steps:\n  - name: s1\n    insights: [x, y]\n  - name: s2\n    insights: [y, draft, x]\n",
        )
        .expect("valid journey");
        let m = Markers::new(&j, |id| (id != "draft").then(|| (id.to_uppercase(), format!("../insights/{id}.html"))));
        assert_eq!(m.list.len(), 2);
        let second: Vec<usize> = m.at(0, 1).map(|m| m.number).collect();
        assert_eq!(second, vec![1, 2], "sorted by number within a step");
        assert_eq!(m.at(5, 5).count(), 0);
    }
}
