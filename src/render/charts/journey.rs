//! The journey map (SPEC §5): stages as columns with their moment of truth,
//! steps in order, and swimlanes for what the customer does, thinks and
//! feels (the emotion curve), pains, opportunities and owners. Lanes without
//! data are left out. A pure function from the model to an SVG string.
//!
//! Stable hooks for tests and styling: `svg.journey-map[data-journey]`,
//! `g.stage[data-stage][data-mot]`, `g.step.step-touchpoint|step-experience
//! [data-step][data-stage][data-day]`, `g.lane[data-lane]`, `a.marker
//! [data-insight][data-number]`, `circle.emotion-point[data-emotion]`,
//! `text.step-name[data-wrap]` (the width its lines were wrapped to).

use std::fmt::Write;
use std::ops::Range;

use super::journey_cells::{card, cell, draw_cards, draw_cell, Card, Cell, Lane};
use super::journey_common::{
    chevron_points, label, line, open_svg, steps, text_lines, Markers, Placed, INK, INK_SOFT, LINE, MUTED, N, WASH,
    WASH2,
};
use super::journey_parts::{describe, draw_emotion, emotion_ticks, legend, mot_hint_key, mot_key};
use super::text::{self, Weight};
use crate::config::Language;
use crate::model::journey::{Journey, MomentOfTruth};

pub(super) const PAD: f64 = 16.0;
pub(super) const HEAD_W: f64 = 124.0;
/// Width of one step column.
pub const COL_W: f64 = 176.0;
pub(super) const CARD_INSET: f64 = 5.0;
pub(super) const CARD_PAD: f64 = 9.0;
/// Width the step names are wrapped to.
pub const NAME_W: f64 = COL_W - 2.0 * (CARD_INSET + CARD_PAD);
pub(super) const CELL_PAD: f64 = 10.0;
pub(super) const CELL_W: f64 = COL_W - 2.0 * CELL_PAD;
const MIN_W: f64 = 640.0;
pub(super) const LEGEND_W: f64 = 1100.0;
/// Stages longer than this many steps repeat their name along the header.
const REPEAT_EVERY: usize = 6;
pub(super) const EMOTION_H: f64 = 128.0;
pub(super) const NAME_SIZE: f64 = 12.5;
pub(super) const NAME_LH: f64 = 16.0;
pub(super) const NAME_LINES: usize = 24;
pub(super) const HEAD_SIZE: f64 = 9.5;
pub(super) const HEAD_LH: f64 = 12.0;
pub(super) const CHANNEL_SIZE: f64 = 10.0;
pub(super) const BODY_SIZE: f64 = 11.5;
pub(super) const BODY_LH: f64 = 15.0;
pub(super) const LIST_SIZE: f64 = 11.0;
pub(super) const LIST_LH: f64 = 14.0;

/// What a journey map needs besides the journey.
pub struct MapOptions<'a> {
    /// Interface language of the labels.
    pub lang: Language,
    /// Numbered insight markers (hrefs relative to the page).
    pub markers: &'a Markers,
}

/// The journey map of `j` (id `id`) as an SVG document fragment.
pub fn map(id: &str, j: &Journey, o: &MapOptions) -> String {
    draw(id, j, o, usize::MAX).map
}

/// A journey map with its companions.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The map. Its content is a group `#jm-ID` that the print pieces show.
    pub map: String,
    /// The lane header column as a separate narrow SVG of the same height:
    /// on screen it is laid over the map's own column and kept in view while
    /// the map scrolls sideways (decorative: `aria-hidden`).
    pub heads: String,
    /// The map for print, in pieces of at most `print_columns` step columns
    /// (at stage boundaries where a stage fits, long stages cut within),
    /// each a window onto the map (`<use href="#jm-ID">`, so a few hundred
    /// bytes) that scales to the page width legibly; then the legend as a
    /// window of its own. They need the map on the same page.
    pub print: Vec<String>,
}

/// Cuts the columns of `j` into print pieces of at most `max` columns.
fn pieces(j: &Journey, max: usize) -> Vec<Range<usize>> {
    let max = max.max(1);
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut col = 0;
    let mut current: Option<Range<usize>> = None;
    for s in &j.stages {
        let n = s.steps.len().max(1);
        match current.take() {
            Some(r) if r.len() + n <= max => current = Some(r.start..r.end + n),
            other => {
                out.extend(other);
                let mut c = col;
                while c + max < col + n {
                    out.push(c..c + max);
                    c += max;
                }
                current = Some(c..col + n);
            }
        }
        col += n;
    }
    out.extend(current);
    out
}

/// Draws the map of `j`, its lane-label strip and its print pieces.
pub fn draw(id: &str, j: &Journey, o: &MapOptions, print_columns: usize) -> Drawn {
    let lang = o.lang;
    let every = steps(j);
    let lanes: Vec<Lane> =
        [Lane::Steps, Lane::Doing, Lane::Thinking, Lane::Emotion, Lane::Pains, Lane::Opportunities, Lane::Owners]
            .into_iter()
            .filter(|l| every.iter().any(|p| l.has_data(p.data)))
            .collect();
    let lanes = if lanes.is_empty() { vec![Lane::Steps] } else { lanes };

    // Columns: one per step, one (empty) for a stage without steps.
    let mut stage_col = Vec::with_capacity(j.stages.len());
    let mut total = 0;
    for s in &j.stages {
        stage_col.push(total);
        total += s.steps.len().max(1);
    }
    let x0 = PAD + HEAD_W;
    let col_at = |c: usize| x0 + COL_W * c as f64;
    // Each stage's columns: (first, last + 1).
    let visible: Vec<Option<(usize, usize)>> = j
        .stages
        .iter()
        .enumerate()
        .map(|(si, s)| Some((stage_col[si], stage_col[si] + s.steps.len().max(1))))
        .collect();
    let all = every;
    let content_right = col_at(total);
    let width = (content_right + PAD).max(MIN_W);
    let stage_x: Vec<f64> = stage_col.iter().map(|&c| col_at(c)).collect();
    let col_x = |p: &Placed| stage_x[p.stage] + COL_W * p.step as f64;

    // Stage headers.
    let stage_names: Vec<Vec<String>> = j
        .stages
        .iter()
        .zip(&visible)
        .map(|(s, v)| match v {
            Some((a, b)) => text::wrap(&s.name, 14.0, Weight::Bold, COL_W * (b - a) as f64 - 30.0, 3),
            None => Vec::new(),
        })
        .collect();
    let name_lines = stage_names.iter().map(Vec::len).max().unwrap_or(1).max(1);
    let header_h = 10.0 + HEAD_LH + 4.0 + name_lines as f64 * 17.0 + 10.0;

    // Cells and lane heights.
    let cards: Vec<Card> = all.iter().map(|p| card(lang, p, o.markers)).collect();
    let cells: Vec<Vec<Cell>> = lanes.iter().map(|&l| all.iter().map(|p| cell(l, p.data)).collect()).collect();
    let lane_h: Vec<f64> = lanes
        .iter()
        .zip(&cells)
        .map(|(&l, cs)| match l {
            Lane::Steps => cards.iter().map(|c| c.height).fold(48.0, f64::max) + 2.0 * CARD_INSET,
            Lane::Emotion => EMOTION_H,
            _ => cs.iter().map(Cell::height).fold(16.0, f64::max) + 2.0 * CELL_PAD,
        })
        .collect();
    let lanes_top = PAD + header_h + 6.0;
    let lanes_h: f64 = lane_h.iter().sum();
    let legend_top = lanes_top + lanes_h + 18.0;
    let (legend, legend_h) = legend(lang, j, !o.markers.list.is_empty(), width);
    let height = legend_top + legend_h + PAD;

    let mut out = String::with_capacity(4096 + all.len() * 2048);
    open_svg(
        &mut out,
        "journey-map",
        &format!(" data-journey=\"{}\"", text::escape(id)),
        width,
        height,
        &format!("{}: {}", label(lang, "journey_map"), j.title),
        &describe(lang, j),
    );
    let group_id = format!("jm-{}", text::escape(id));
    // The print pieces show this group through <use>: it carries the font itself.
    let _ = write!(
        out,
        "<g id=\"{group_id}\" font-family=\"{}\" fill=\"{INK}\"><rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>",
        text::escape(text::FONT_FAMILY),
        N(width),
        N(height)
    );

    // Stage column backgrounds and separators, behind the lanes.
    for (si, s) in j.stages.iter().enumerate() {
        let Some((a, b)) = visible[si] else { continue };
        let (sx, w) = (col_at(a), COL_W * (b - a) as f64);
        let fill = if si % 2 == 0 { "#fbfcfd" } else { WASH };
        let _ = write!(
            out,
            "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{fill}\"/>",
            N(sx),
            N(lanes_top),
            N(w),
            N(lanes_h)
        );
        for k in 1..s.steps.len() {
            if !(a + 1..b).contains(&(stage_col[si] + k)) {
                continue;
            }
            let lx = stage_x[si] + COL_W * k as f64;
            let dashed = format!("stroke=\"{LINE}\" stroke-dasharray=\"2 3\"");
            line(&mut out, (lx, lanes_top), (lx, lanes_top + lanes_h), &dashed);
        }
        if a > 0 {
            line(&mut out, (sx, lanes_top), (sx, lanes_top + lanes_h), "stroke=\"#c9d1dc\"");
        }
        if s.steps.is_empty() {
            let none = [label(lang, "none_yet").to_string()];
            let attrs = format!(" font-style=\"italic\" fill=\"{MUTED}\"");
            text_lines(&mut out, sx + CELL_PAD, lanes_top + CELL_PAD, &none, BODY_SIZE, BODY_LH, &attrs);
        }
    }

    // Stage headers: chevrons with number, moment of truth and name.
    for (si, s) in j.stages.iter().enumerate() {
        let Some((a, b)) = visible[si] else { continue };
        let sx = col_at(a);
        let w = COL_W * (b - a) as f64 - 3.0;
        let (y, h) = (PAD, header_h);
        let notch = if a == 0 { 0.0 } else { 10.0 };
        let mot = s.moment_of_truth.map(MomentOfTruth::as_str);
        let _ = write!(
            out,
            "<g class=\"stage\" data-stage=\"{}\"{}>",
            text::escape(&s.id),
            mot.map(|m| format!(" data-mot=\"{m}\"")).unwrap_or_default()
        );
        let _ = write!(out, "<polygon points=\"{}\" fill=\"#e1e9f2\"/>", chevron_points(sx, y, w, h, 10.0, notch));
        let tx = sx + notch + 8.0;
        let number = format!("{} {}", label(lang, "stage").to_uppercase(), si + 1);
        text_lines(
            &mut out,
            tx,
            y + 10.0,
            &[number],
            HEAD_SIZE,
            HEAD_LH,
            &format!(" font-weight=\"bold\" fill=\"{MUTED}\""),
        );
        if let Some(m) = mot {
            let t = label(lang, mot_key(m));
            let bw = text::width(t, HEAD_SIZE, Weight::Bold) + 10.0;
            let bx = sx + w - 14.0 - bw;
            let _ = write!(
                out,
                "<g class=\"mot-badge\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"15\" rx=\"3\" fill=\"{INK}\"/>\
                 <text x=\"{}\" y=\"{}\" font-size=\"{HEAD_SIZE}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#fff\">{t}</text></g>",
                text::escape(label(lang, mot_hint_key(m))),
                N(bx),
                N(y + 8.5),
                N(bw),
                N(bx + bw / 2.0),
                N(y + 19.4)
            );
        }
        text_lines(
            &mut out,
            tx,
            y + 10.0 + HEAD_LH + 4.0,
            &stage_names[si],
            14.0,
            17.0,
            " class=\"stage-name\" font-weight=\"bold\"",
        );
        // Long stages repeat their name, so it stays in view while scrolling.
        for k in (a - stage_col[si] + REPEAT_EVERY..b - stage_col[si]).step_by(REPEAT_EVERY) {
            let rx = stage_x[si] + COL_W * k as f64 + 8.0;
            let again = format!("{} {} · {}", label(lang, "stage"), si + 1, s.name);
            let again = text::wrap(&again, 11.0, Weight::Regular, COL_W * 2.0, 1);
            text_lines(&mut out, rx, y + 10.0 + HEAD_LH + 4.0, &again, 11.0, 17.0, &format!(" fill=\"{MUTED}\""));
        }
        out.push_str("</g>");
    }

    // Lane header column: drawn into the map and, for screens, into a
    // separate strip that stays in view while the map scrolls sideways.
    let mut heads = String::new();
    let _ = write!(
        heads,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{WASH2}\"/>",
        N(PAD),
        N(lanes_top),
        N(HEAD_W - 4.0),
        N(lanes_h)
    );
    let _ = write!(
        heads,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#c9d1dc\"/>",
        N(PAD),
        N(lanes_top),
        N(HEAD_W),
        N(lanes_h)
    );
    let mut y = lanes_top;
    for (li, &lane) in lanes.iter().enumerate() {
        if li > 0 {
            line(&mut heads, (PAD, y), (PAD + HEAD_W, y), "stroke=\"#c9d1dc\"");
        }
        let name = text::wrap(label(lang, lane.key()), 12.0, Weight::Bold, HEAD_W - 24.0, 2);
        let attrs = format!(" class=\"lane-name\" font-weight=\"bold\" fill=\"{INK_SOFT}\"");
        text_lines(&mut heads, PAD + 12.0, y + 10.0, &name, 12.0, 15.0, &attrs);
        if lane == Lane::Emotion {
            emotion_ticks(&mut heads, y, lane_h[li]);
        }
        y += lane_h[li];
    }
    out.push_str(&heads);
    let mut y = lanes_top;
    for (li, &lane) in lanes.iter().enumerate() {
        let h = lane_h[li];
        if li > 0 {
            line(&mut out, (PAD, y), (content_right, y), "stroke=\"#c9d1dc\"");
        }
        let _ = write!(out, "<g class=\"lane lane-{k}\" data-lane=\"{k}\">", k = lane.key());
        match lane {
            Lane::Steps => draw_cards(&mut out, lang, &all, &cards, o.markers, &col_x, y, h, &j.stages),
            Lane::Emotion => draw_emotion(&mut out, &all, &col_x, y, h, content_right),
            _ => {
                for (p, c) in all.iter().zip(&cells[li]) {
                    draw_cell(&mut out, lane, c, p.data, col_x(p) + CELL_PAD, y + CELL_PAD);
                }
            }
        }
        out.push_str("</g>");
        y += h;
    }
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#c9d1dc\"/>",
        N(PAD),
        N(lanes_top),
        N(content_right - PAD),
        N(lanes_h)
    );
    let _ = write!(out, "<g class=\"legend\" transform=\"translate({},{})\">{legend}</g>", N(PAD), N(legend_top));
    out.push_str("</g></svg>");
    let hw = PAD + HEAD_W;
    let lanes_bottom = lanes_top + lanes_h + 1.0;
    let cuts = if print_columns == usize::MAX { Vec::new() } else { pieces(j, print_columns) };
    let window = |class: &str, label: String, vx: f64, vy: f64, w: f64, h: f64, x: f64| {
        format!(
            "<svg x=\"{}\" width=\"{w}\" height=\"{h}\" viewBox=\"{} {} {w} {h}\" class=\"{class}\">{label}<use href=\"#{group_id}\"/></svg>",
            N(x),
            N(vx),
            N(vy),
            w = N(w),
            h = N(h)
        )
    };
    let title = text::escape(&format!("{}: {}", label(lang, "journey_map"), j.title));
    let mut print: Vec<String> = cuts
        .iter()
        .enumerate()
        .map(|(k, r)| {
            let cw = COL_W * r.len() as f64;
            let (pw, ph) = (hw + cw + PAD, lanes_bottom + PAD / 2.0);
            format!(
                "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-map-print\" data-journey=\"{}\" data-columns=\"{}-{}\" \
                 role=\"img\" aria-label=\"{title} ({}/{})\" width=\"{pw}\" height=\"{ph}\" viewBox=\"0 0 {pw} {ph}\">{}{}</svg>",
                text::escape(id),
                r.start,
                r.end - 1,
                k + 1,
                cuts.len(),
                window("", String::new(), 0.0, 0.0, hw, lanes_bottom, 0.0),
                window("", String::new(), x0 + COL_W * r.start as f64, 0.0, cw, lanes_bottom, hw),
                pw = N(pw),
                ph = N(ph),
            )
        })
        .collect();
    if !print.is_empty() {
        let (lw, lh) = (width.min(LEGEND_W), height - lanes_bottom);
        print.push(format!(
            "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-map-print journey-map-legend\" data-journey=\"{}\" \
             aria-hidden=\"true\" width=\"{w}\" height=\"{h}\" viewBox=\"0 0 {w} {h}\">{}</svg>",
            text::escape(id),
            window("", String::new(), 0.0, lanes_bottom, lw, lh, 0.0),
            w = N(lw),
            h = N(lh)
        ));
    }
    let strip = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-map-heads\" aria-hidden=\"true\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\" font-family=\"{font}\" fill=\"{INK}\"><rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>{heads}</svg>",
        w = N(hw),
        h = N(lanes_top + lanes_h + 1.0),
        font = text::escape(text::FONT_FAMILY),
    );
    Drawn { map: out, heads: strip, print }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::journey_common::Markers;

    fn journey(yaml: &str) -> Journey {
        serde_yaml::from_str(yaml).expect("valid journey")
    }

    const SMALL: &str = "title: T\nstages:\n- id: a\n  name: A\n  moment_of_truth: zmot\n  steps:\n  - name: One\n    emotion: 1\n    doing: Reads\n  - name: Two\n    type: experience\n    emotion: -2\n    insights: [i]\n- id: b\n  name: B\n";

    #[test]
    fn draws_stages_steps_points_and_markers() {
        let j = journey(SMALL);
        let m = Markers::new(&j, |id| Some((format!("Title {id}"), format!("../insights/{id}.html"))));
        let svg = map("t", &j, &MapOptions { lang: Language::En, markers: &m });
        assert!(svg.starts_with("<svg") && svg.ends_with("</svg>"));
        assert_eq!(svg.matches("class=\"stage\"").count(), 2);
        assert!(svg.contains("<g class=\"stage\" data-stage=\"a\" data-mot=\"zmot\">"));
        assert!(svg.contains("class=\"step step-touchpoint\" data-step=\"1\""));
        assert!(svg.contains("class=\"step step-experience\" data-step=\"2\""));
        assert_eq!(svg.matches("class=\"emotion-point").count(), 2);
        assert!(svg.contains("data-emotion=\"-2\""));
        assert!(svg.contains("<a class=\"marker\" href=\"../insights/i.html\" data-insight=\"i\" data-number=\"1\">"));
        // Lanes without data are left out.
        assert!(svg.contains("data-lane=\"doing\"") && !svg.contains("data-lane=\"pains\""));
        assert!(svg.contains("<title>Journey map: T</title><desc>2 stages, 2 steps"));
    }

    #[test]
    fn text_is_escaped_and_long_names_wrap() {
        let long = "word ".repeat(60);
        let j = journey(&format!(
            "title: \"<b>\"\nstages:\n- id: a\n  name: A\n  steps:\n  - name: \"<script>x</script>\"\n  - name: \"{long}\"\n"
        ));
        let svg = map("t", &j, &MapOptions { lang: Language::En, markers: &Markers::default() });
        assert!(!svg.contains("<script>") && svg.contains("&lt;script&gt;x&lt;/script&gt;"));
        assert!(!svg.contains("<b>"));
        let lines = text::wrap(long.trim(), NAME_SIZE, Weight::Bold, NAME_W, NAME_LINES);
        assert!(lines.len() > 5 && !lines.iter().any(|l| l.ends_with('…')));
        assert!(svg.contains(&format!(">{}</tspan>", lines[1])));
    }

    #[test]
    fn print_pieces_break_at_stages_and_cut_long_ones() {
        let stage = |id: &str, n: usize| {
            let steps: String = (0..n).map(|k| format!("\n  - name: s{k}")).collect();
            format!("- id: {id}\n  name: {id}\n  steps:{steps}\n")
        };
        let yaml = format!("title: T\nstages:\n{}{}{}{}", stage("a", 3), stage("b", 2), stage("c", 14), stage("d", 1));
        let j = journey(&yaml);
        // a+b together (5 columns), c cut into 6+6+2, with d joining the last piece.
        assert_eq!(pieces(&j, 6), [0..5, 5..11, 11..17, 17..20]);
        let m = Markers::default();
        let d = draw("t", &j, &MapOptions { lang: Language::En, markers: &m }, 6);
        assert_eq!(d.print.len(), 5, "four pieces and the legend");
        assert!(d.print.iter().all(|p| p.contains("class=\"journey-map-print") && p.contains("<use href=\"#jm-t\"/>")));
        assert!(d.print[1].contains("data-columns=\"5-10\""));
        assert!(d.print[4].contains("journey-map-legend"));
        assert!(d.map.contains("<g id=\"jm-t\" font-family="), "pieces inherit the font from the group");
    }

    #[test]
    fn same_input_same_bytes() {
        let j = journey(SMALL);
        let m = Markers::default();
        let o = MapOptions { lang: Language::Nl, markers: &m };
        assert_eq!(map("t", &j, &o), map("t", &j, &o));
    }
}
