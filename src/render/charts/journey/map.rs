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

use super::common::{chevron_points, label, steps, Markers, Placed, INK, N, WASH, WASH2};
use super::map_cells::{card, card_defs, cell, draw_cards, draw_cell, Card, Cell, Lane};
pub use super::map_emotion::moments_of_truth;
use super::map_emotion::{describe, emotion_curve, emotion_points, emotion_ticks, mot_hint_key, mot_key};
use super::style::{h_line, open_svg, text_lines, v_line, MAP_CSS};
use crate::config::Language;
use crate::model::journey::{Journey, MomentOfTruth};
use crate::render::charts::text::{self, Weight};

pub(super) const PAD: f64 = 16.0;
/// Left margin before the lane header column.
pub(super) const LEFT: f64 = 4.0;
/// Width of the lane header column: with [`LEFT`], 88 px, under a quarter
/// of a phone's width (it stays in view while the map scrolls).
pub(super) const HEAD_W: f64 = 84.0;
/// Width of one step column.
pub const COL_W: f64 = 176.0;
pub(super) const CARD_INSET: f64 = 5.0;
pub(super) const CARD_PAD: f64 = 9.0;
/// Width the step names are wrapped to.
pub const NAME_W: f64 = COL_W - 2.0 * (CARD_INSET + CARD_PAD);
pub(super) const CELL_PAD: f64 = 10.0;
pub(super) const CELL_W: f64 = COL_W - 2.0 * CELL_PAD;
const MIN_W: f64 = 640.0;
/// Stages longer than this many steps repeat their name along the header.
const REPEAT_EVERY: usize = 6;

pub(super) const EMOTION_H: f64 = 128.0;
/// Size of the lane names in the header column.
pub(super) const LANE_SIZE: f64 = 11.0;
pub(super) const NAME_SIZE: f64 = 12.5;
pub(super) const NAME_LH: f64 = 16.0;
pub(super) const NAME_LINES: usize = 24;
pub(super) const HEAD_SIZE: f64 = 11.0;
pub(super) const HEAD_LH: f64 = 14.0;
pub(super) const CHANNEL_SIZE: f64 = 11.0;
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
    /// The lane header column as a separate narrow SVG of the same height
    /// that shows the map's own (`<use href="#jmh-ID">`, so it needs the map
    /// on the same page): on screen it is laid over the map's column and kept
    /// in view while the map scrolls sideways (decorative: `aria-hidden`).
    pub heads: String,
    /// The map for print, in pieces of at most `print_columns` step columns
    /// (at stage boundaries where a stage fits, long stages cut within),
    /// each a window onto the map (`<use href="#jm-ID">`, so a few hundred
    /// bytes) that scales to the page width legibly; then the legend as a
    /// window of its own. They need the map on the same page.
    pub print: Vec<String>,
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
    let x0 = LEFT + HEAD_W;
    let cuts = if print_columns == usize::MAX { Vec::new() } else { super::map_print::columns(total, print_columns) };
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
    // The legend is HTML beside the map (it reflows on a phone and prints as text).
    let height = lanes_top + lanes_h + PAD;

    let mut out = String::with_capacity(4096 + all.len() * 2048);
    open_svg(
        &mut out,
        "journey-map",
        &format!(" data-journey=\"{}\"", text::escape(id)),
        width,
        height,
        &format!("{}: {}", label(lang, "journey_map"), j.title),
        &describe(lang, j),
        MAP_CSS,
    );
    // The steps lane is always the first.
    card_defs(&mut out, id, lanes_top, lane_h[0]);
    let group_id = format!("jm-{}", text::escape(id));
    // The print pieces show this group through <use>: it carries the font itself.
    let _ = write!(
        out,
        "<g id=\"{group_id}\" font-family=\"{}\" fill=\"{INK}\"><rect width=\"{}\" height=\"{}\" fill=\"#fff\"/>",
        text::escape(text::FONT_FAMILY),
        N(width),
        N(height)
    );
    // The frame (backgrounds, stage headers, lane rules) is a group of its
    // own, and so is each print piece's share of every lane: a print piece
    // shows only what it needs (`<use>` copies the whole of what it names).
    let _ = write!(out, "<g id=\"jmb-{}\">", text::escape(id));

    // Stage column backgrounds and separators, behind the lanes: the
    // separators are two paths (dashed between steps, solid between stages).
    let (mut seps, mut rules) = (String::new(), String::new());
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
            v_line(&mut seps, stage_x[si] + COL_W * k as f64, lanes_top, lanes_top + lanes_h);
        }
        if a > 0 {
            v_line(&mut rules, sx, lanes_top, lanes_top + lanes_h);
        }
        if s.steps.is_empty() {
            let none = [label(lang, "none_yet").to_string()];
            text_lines(&mut out, sx + CELL_PAD, lanes_top + CELL_PAD, &none, BODY_SIZE, BODY_LH, " class=\"jm-none\"");
        }
    }
    for (class, d) in [("jm-sep", &seps), ("jm-rule", &rules)] {
        if !d.is_empty() {
            let _ = write!(out, "<path class=\"{class}\" d=\"{d}\"/>");
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
        let _ = write!(out, "<polygon points=\"{}\"/>", chevron_points(sx, y, w, h, 10.0, notch));
        let tx = sx + notch + 8.0;
        let number = format!("{} {}", label(lang, "stage").to_uppercase(), si + 1);
        text_lines(&mut out, tx, y + 10.0, &[number], HEAD_SIZE, HEAD_LH, " class=\"jm-sn\"");
        if let Some(m) = mot {
            let t = label(lang, mot_key(m));
            let bw = text::width(t, HEAD_SIZE, Weight::Bold) + 10.0;
            let bx = sx + w - 14.0 - bw;
            let _ = write!(
                out,
                "<g class=\"mot-badge\"><title>{}</title><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"17\" rx=\"3\"/>\
                 <text x=\"{}\" y=\"{}\">{t}</text></g>",
                text::escape(label(lang, mot_hint_key(m))),
                N(bx),
                N(y + 7.5),
                N(bw),
                N(bx + bw / 2.0),
                N(y + 20.0)
            );
        }
        text_lines(&mut out, tx, y + 10.0 + HEAD_LH + 4.0, &stage_names[si], 14.0, 17.0, " class=\"stage-name\"");
        // Long stages repeat their name, so it stays in view while scrolling,
        // and so does every print piece that starts inside the stage.
        let mut again_at: Vec<usize> = cuts.iter().map(|r| r.start).filter(|&c| c > a && c < b).collect();
        for c in (a + REPEAT_EVERY..b).step_by(REPEAT_EVERY) {
            if again_at.iter().all(|&d| d.abs_diff(c) >= 2) {
                again_at.push(c);
            }
        }
        again_at.sort_unstable();
        for k in again_at.into_iter().map(|c| c - stage_col[si]) {
            let rx = stage_x[si] + COL_W * k as f64 + 8.0;
            let again = format!("{} {} · {}", label(lang, "stage"), si + 1, s.name);
            let again = text::wrap(&again, 11.0, Weight::Regular, COL_W * 2.0, 1);
            text_lines(&mut out, rx, y + 10.0 + HEAD_LH + 4.0, &again, 11.0, 17.0, " class=\"jm-ag\"");
        }
        out.push_str("</g>");
    }

    let (mut y, mut rules) = (lanes_top, String::new());
    for h in &lane_h[..lane_h.len().saturating_sub(1)] {
        y += h;
        h_line(&mut rules, LEFT, content_right, y);
    }
    if !rules.is_empty() {
        let _ = write!(out, "<path class=\"jm-rule\" d=\"{rules}\"/>");
    }
    out.push_str("</g>");

    // Lane header column: drawn into the map and, for screens, into a
    // separate strip that stays in view while the map scrolls sideways.
    let mut heads = String::new();
    let _ = write!(
        heads,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{WASH2}\"/>",
        N(LEFT),
        N(lanes_top),
        N(HEAD_W - 4.0),
        N(lanes_h)
    );
    let _ = write!(
        heads,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#c9d1dc\"/>",
        N(LEFT),
        N(lanes_top),
        N(HEAD_W),
        N(lanes_h)
    );
    let (mut y, mut rules) = (lanes_top, String::new());
    for (li, &lane) in lanes.iter().enumerate() {
        if li > 0 {
            h_line(&mut rules, LEFT, LEFT + HEAD_W, y);
        }
        let name = text::wrap(label(lang, lane.key()), LANE_SIZE, Weight::Bold, HEAD_W - 9.0, 3);
        text_lines(&mut heads, LEFT + 6.0, y + 8.0, &name, LANE_SIZE, 14.0, " class=\"lane-name\"");
        if lane == Lane::Emotion {
            emotion_ticks(&mut heads, y, lane_h[li]);
        }
        y += lane_h[li];
    }
    if !rules.is_empty() {
        let _ = write!(heads, "<path class=\"jm-rule\" d=\"{rules}\"/>");
    }
    let _ = write!(out, "<g id=\"jmh-{}\">{heads}</g>", text::escape(id));
    // The steps of each print piece (all steps in one share without pieces).
    let column = |p: &Placed| stage_col[p.stage] + p.step;
    let shares: Vec<Range<usize>> = if cuts.is_empty() {
        std::iter::once(0..all.len()).collect()
    } else {
        cuts.iter()
            .map(|r| {
                let first = all.iter().position(|p| column(p) >= r.start).unwrap_or(all.len());
                let end = all.iter().position(|p| column(p) >= r.end).unwrap_or(all.len());
                first..end
            })
            .collect()
    };
    let mut y = lanes_top;
    for (li, &lane) in lanes.iter().enumerate() {
        let h = lane_h[li];
        let _ = write!(out, "<g class=\"lane lane-{k}\" data-lane=\"{k}\">", k = lane.key());
        if lane == Lane::Emotion {
            let _ = write!(out, "<g id=\"jme-{}\">", text::escape(id));
            emotion_curve(&mut out, &all, &col_x, y, h, content_right);
            out.push_str("</g>");
        }
        for (k, share) in shares.iter().enumerate() {
            if !cuts.is_empty() {
                let _ = write!(out, "<g id=\"jm-{}-{k}-{}\">", text::escape(id), lane.key());
            }
            let (steps, i) = (&all[share.clone()], share.start);
            match lane {
                Lane::Steps => {
                    draw_cards(&mut out, lang, id, steps, &cards[share.clone()], o.markers, &col_x, y, &j.stages)
                }
                Lane::Emotion => emotion_points(&mut out, steps, &col_x, y, h),
                _ => {
                    // The texts of a lane share their look: one group says it.
                    let look = match lane {
                        Lane::Doing => Some("jm-do"),
                        Lane::Thinking => Some("jm-th"),
                        _ => None,
                    };
                    if let Some(class) = look {
                        let _ = write!(out, "<g class=\"{class}\">");
                    }
                    for (p, c) in steps.iter().zip(&cells[li][i..]) {
                        draw_cell(&mut out, lane, c, p.data, col_x(p) + CELL_PAD, y + CELL_PAD);
                    }
                    if look.is_some() {
                        out.push_str("</g>");
                    }
                }
            }
            if !cuts.is_empty() {
                out.push_str("</g>");
            }
        }
        out.push_str("</g>");
        y += h;
    }
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"none\" stroke=\"#c9d1dc\"/>",
        N(LEFT),
        N(lanes_top),
        N(content_right - LEFT),
        N(lanes_h)
    );
    out.push_str("</g></svg>");
    let hw = LEFT + HEAD_W;
    let frame = super::map_print::MapFrame {
        id,
        title: &format!("{}: {}", label(lang, "journey_map"), j.title),
        heads_w: hw,
        x0,
        lanes_top,
        lane_h: &lane_h,
        lanes: &lanes.iter().map(|l| l.key()).collect::<Vec<_>>(),
    };
    let print = super::map_print::pieces(&frame, &cuts);
    // The strip shows the map's own lane labels (`<use>`): the map is on the same page.
    let strip = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-map-heads\" aria-hidden=\"true\" width=\"{w}\" height=\"{h}\" \
         viewBox=\"0 0 {w} {h}\"><rect width=\"{w}\" height=\"{h}\" fill=\"#fff\"/>\
         <use href=\"#jmh-{id}\"/></svg>",
        w = N(hw),
        h = N(lanes_top + lanes_h + 1.0),
        id = text::escape(id),
    );
    Drawn { map: out, heads: strip, print }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::charts::journey::common::Markers;

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
    fn print_pieces_are_balanced_and_show_only_their_share() {
        let stage = |id: &str, n: usize| {
            let steps: String = (0..n).map(|k| format!("\n  - name: s{k}")).collect();
            format!("- id: {id}\n  name: {id}\n  steps:{steps}\n")
        };
        let yaml = format!("title: T\nstages:\n{}{}{}{}", stage("a", 3), stage("b", 2), stage("c", 14), stage("d", 1));
        let j = journey(&yaml);
        let m = Markers::default();
        let d = draw("t", &j, &MapOptions { lang: Language::En, markers: &m }, 6);
        // 20 columns, at most 6 a piece: four pieces of five (not 6/6/6/2).
        assert_eq!(d.print.len(), 4);
        let cols: Vec<String> = d.print.iter().map(|p| attr(p, "data-columns")).collect();
        assert_eq!(cols, ["0-4", "5-9", "10-14", "15-19"]);
        for (k, p) in d.print.iter().enumerate() {
            assert!(p.contains("class=\"journey-map-print") && p.contains("<use href=\"#jmb-t\"/>"));
            assert!(p.contains("<use href=\"#jmh-t\"/>"), "every piece has the lane labels");
            assert!(p.contains(&format!("<use href=\"#jm-t-{k}-steps\"/>")));
            assert_eq!(p.matches("<use href=\"#jm-t-").count(), 1, "only its own share of the one lane");
            // The lane column first, at the same place in every piece, then the columns.
            assert!(p.contains("<svg x=\"0\" y=\"0\" width=\"88\""), "{p}");
            assert!(p.contains("<svg x=\"88\" y=\"0\" width=\"880\""), "{p}");
        }
        // Step 11 (stage c) sits in the third piece's share.
        let third = &d.map[d.map.find("<g id=\"jm-t-2-steps\">").expect("share")..];
        assert!(third[..third.find("</g></g>").expect("ends")].contains("data-step=\"11\""));
        // The third piece starts inside stage c: its name is repeated at column 10.
        let x = N(LEFT + HEAD_W + COL_W * 10.0 + 8.0).to_string();
        assert!(d.map.contains(&format!("<text x=\"{x}\"")) && d.map.contains(">Stage 3 · c</text>"));
        assert!(d.map.contains("<g id=\"jm-t\" font-family="));
    }

    fn attr(tag: &str, name: &str) -> String {
        let at = tag.find(&format!(" {name}=\"")).expect("attribute") + name.len() + 3;
        tag[at..at + tag[at..].find('"').expect("closed")].to_string()
    }

    #[test]
    fn same_input_same_bytes() {
        let j = journey(SMALL);
        let m = Markers::default();
        let o = MapOptions { lang: Language::Nl, markers: &m };
        assert_eq!(map("t", &j, &o), map("t", &j, &o));
    }
}
