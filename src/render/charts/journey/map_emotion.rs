//! The emotion parts of the journey map (see [`super::map`]): the emotion lane,
//! the moments of truth its legend names, and the plain-text description
//! for `<desc>`.

use std::fmt::Write;

use super::common::{emotion_class, emotion_text, label, steps, Placed, N};
use super::map::{COL_W, HEAD_W, LEFT};
use super::style::{emotion_text_class, h_line};
use crate::config::Language;
use crate::i18n::count;
use crate::model::journey::{Journey, MomentOfTruth};
use crate::render::charts::text;

/// The i18n key of a moment of truth.
pub(super) fn mot_key(m: &str) -> &'static str {
    match m {
        "zmot" => "zmot",
        "fmot" => "fmot",
        "smot" => "smot",
        _ => "umot",
    }
}

/// The i18n key of the hint explaining a moment of truth.
pub(super) fn mot_hint_key(m: &str) -> &'static str {
    match m {
        "zmot" => "zmot_hint",
        "fmot" => "fmot_hint",
        "smot" => "smot_hint",
        _ => "umot_hint",
    }
}

/// The y of emotion `e` in an emotion lane at `y` with height `h`.
fn emotion_y(y: f64, h: f64, e: i64) -> f64 {
    y + 16.0 + (2 - e.clamp(-2, 2)) as f64 * (h - 32.0) / 4.0
}

/// The scale of the emotion lane (+2 … −2), in the lane header column.
pub(super) fn emotion_ticks(out: &mut String, y: f64, h: f64) {
    for e in [2i64, 1, 0, -1, -2] {
        let _ = write!(
            out,
            "<text class=\"jm-tk\" x=\"{}\" y=\"{}\">{}</text>",
            N(LEFT + HEAD_W - 5.0),
            N(emotion_y(y, h, e) + 4.0),
            emotion_text(e)
        );
    }
}

/// The emotion lane's frame: grid, zero line, tinted areas and the curve
/// (the points are drawn by [`emotion_points`]).
pub(super) fn emotion_curve(
    out: &mut String,
    all: &[Placed],
    col_x: &dyn Fn(&Placed) -> f64,
    y: f64,
    h: f64,
    right: f64,
) {
    let ey = |e: i64| emotion_y(y, h, e);
    let zero = ey(0);
    let mut grid = String::new();
    for e in [2i64, 1, -1, -2] {
        h_line(&mut grid, LEFT + HEAD_W, right, ey(e));
    }
    let _ = write!(
        out,
        "<path class=\"jm-grid\" d=\"{grid}\"/><line class=\"zero-line\" x1=\"{}\" y1=\"{z}\" x2=\"{}\" y2=\"{z}\"/>",
        N(LEFT + HEAD_W),
        N(right),
        z = N(zero)
    );
    let pts: Vec<(f64, i64, &Placed)> =
        all.iter().filter_map(|p| p.data.emotion.map(|e| (col_x(p) + COL_W / 2.0, e.clamp(-2, 2), p))).collect();
    // Areas between the curve and the zero line, split where the curve crosses it.
    for w in pts.windows(2) {
        let ((x1, e1, _), (x2, e2, _)) = (w[0], w[1]);
        let (y1, y2) = (ey(e1), ey(e2));
        if e1 * e2 < 0 {
            let xc = x1 + (x2 - x1) * (e1 as f64 / (e1 - e2) as f64);
            area(out, &[(x1, zero), (x1, y1), (xc, zero)], e1);
            area(out, &[(xc, zero), (x2, y2), (x2, zero)], e2);
        } else {
            area(out, &[(x1, zero), (x1, y1), (x2, y2), (x2, zero)], e1 + e2);
        }
    }
    // The curve: solid between neighbouring steps, dashed across steps without an emotion.
    let (mut solid, mut dashed) = (String::new(), String::new());
    for w in pts.windows(2) {
        let ((x1, e1, p1), (x2, e2, p2)) = (w[0], w[1]);
        let path = if p2.index == p1.index + 1 { &mut solid } else { &mut dashed };
        let _ = write!(path, "M{} {}L{} {}", N(x1), N(ey(e1)), N(x2), N(ey(e2)));
    }
    for (d, dash) in [(solid, ""), (dashed, " stroke-dasharray=\"4 4\"")] {
        if !d.is_empty() {
            let _ = write!(out, "<path class=\"emotion-curve\" d=\"{d}\"{dash}/>");
        }
    }
}

/// The emotion lane's points, one per step of `steps` that has an emotion,
/// with its value, in a `g.jm-pts` (its rules colour them by sign, see
/// `super::style`).
pub(super) fn emotion_points(out: &mut String, steps: &[Placed], col_x: &dyn Fn(&Placed) -> f64, y: f64, h: f64) {
    let pts = steps.iter().filter_map(|p| p.data.emotion.map(|e| (col_x(p) + COL_W / 2.0, e.clamp(-2, 2), p)));
    out.push_str("<g class=\"jm-pts\">");
    for (x, e, p) in pts {
        let cy = emotion_y(y, h, e);
        let _ = write!(
            out,
            "<circle class=\"emotion-point emotion-{}\" data-step=\"{}\" data-emotion=\"{e}\" cx=\"{}\" cy=\"{}\" r=\"6.5\"><title>{}: {}</title></circle>",
            emotion_class(Some(e)),
            p.index + 1,
            N(x),
            N(cy),
            text::escape(&p.data.name),
            emotion_text(e)
        );
        let ly = if e < 0 { cy + 20.0 } else { cy - 11.0 };
        let _ = write!(
            out,
            "<text class=\"jm-ev {}\" x=\"{}\" y=\"{}\">{}</text>",
            emotion_text_class(e),
            N(x + 14.0),
            N(ly - 4.0),
            emotion_text(e)
        );
    }
    out.push_str("</g>");
}

fn area(out: &mut String, pts: &[(f64, f64)], sign: i64) {
    if sign == 0 {
        return;
    }
    let class = if sign < 0 { "jm-an" } else { "jm-ap" };
    let _ = write!(out, "<polygon class=\"{class}\" points=\"");
    for (i, (x, y)) in pts.iter().enumerate() {
        let _ = write!(out, "{}{},{}", if i > 0 { " " } else { "" }, N(*x), N(*y));
    }
    out.push_str("\"/>");
}

/// The moments of truth that stages of `j` name, each once, in the order
/// ZMOT, FMOT, SMOT, UMOT (for the legend beside the map).
pub fn moments_of_truth(j: &Journey) -> Vec<MomentOfTruth> {
    let mut mots: Vec<MomentOfTruth> = j.stages.iter().filter_map(|s| s.moment_of_truth).collect();
    mots.sort_by_key(|m| match m {
        MomentOfTruth::Zmot => 0,
        MomentOfTruth::Fmot => 1,
        MomentOfTruth::Smot => 2,
        MomentOfTruth::Umot => 3,
    });
    mots.dedup();
    mots
}

/// A plain-text summary for `<desc>`: stages, steps, emotion range, lowest point.
pub fn describe(lang: Language, j: &Journey) -> String {
    let all = steps(j);
    let stages: Vec<String> = j
        .stages
        .iter()
        .map(|s| {
            let mot = s.moment_of_truth.map(|m| format!(", {}", label(lang, mot_key(m.as_str())))).unwrap_or_default();
            format!("{} ({}{mot})", s.name, count(lang, s.steps.len(), "steps"))
        })
        .collect();
    let mut d = format!(
        "{}, {}: {}.",
        count(lang, j.stages.len(), "stages"),
        count(lang, all.len(), "steps"),
        stages.join("; ")
    );
    if let Some(low) = all.iter().filter(|p| p.data.emotion.is_some()).min_by_key(|p| p.data.emotion) {
        let e = low.data.emotion.unwrap_or(0);
        let _ = write!(d, " {}: {} ({}).", label(lang, "lowest_point"), low.data.name, emotion_text(e));
    }
    d
}
