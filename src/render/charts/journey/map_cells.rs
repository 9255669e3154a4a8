//! Step cards and lane cells of the journey map (see [`super::map`]):
//! which lanes exist, how each cell is laid out (wrapped with the shared
//! text metric), and how cards and cells are drawn.

use std::fmt::Write;

use super::common::{
    label, marker, marker_width, text_lines, type_label, Markers, Placed, EXPERIENCE, EXPERIENCE_TEXT, INK_SOFT,
    MARKER_H, MUTED, N, NEG, POS, TOUCH, TOUCH_TEXT, WASH2,
};
use super::map::{
    BODY_LH, BODY_SIZE, CARD_INSET, CARD_PAD, CELL_W, CHANNEL_SIZE, COL_W, HEAD_LH, HEAD_SIZE, LIST_LH, LIST_SIZE,
    NAME_LH, NAME_LINES, NAME_SIZE, NAME_W,
};
use crate::config::Language;
use crate::model::journey::{Stage, Step, StepType};
use crate::render::charts::text::{self, Weight};

/// Size of the owner chips' text.
const OWNER_SIZE: f64 = 11.0;

/// Size of a step's backing line ("2 insights · 3 sources").
const BACKING_SIZE: f64 = 11.0;

/// A swimlane of the map.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Lane {
    Steps,
    Doing,
    Thinking,
    Emotion,
    Pains,
    Opportunities,
    Owners,
}

impl Lane {
    /// The i18n key (and class suffix) of the lane.
    pub(super) fn key(self) -> &'static str {
        match self {
            Lane::Steps => "steps",
            Lane::Doing => "doing",
            Lane::Thinking => "thinking",
            Lane::Emotion => "emotion",
            Lane::Pains => "pains",
            Lane::Opportunities => "opportunities",
            Lane::Owners => "owners",
        }
    }

    /// Does step `s` have something for this lane?
    pub(super) fn has_data(self, s: &Step) -> bool {
        let some = |t: &Option<String>| t.as_deref().is_some_and(|t| !t.trim().is_empty());
        match self {
            Lane::Steps => true,
            Lane::Doing => some(&s.doing),
            Lane::Thinking => some(&s.thinking),
            Lane::Emotion => s.emotion.is_some(),
            Lane::Pains => !s.pains.is_empty(),
            Lane::Opportunities => !s.opportunities.is_empty(),
            Lane::Owners => !s.owners.is_empty(),
        }
    }
}

/// A step card, laid out.
pub(super) struct Card {
    head: Vec<String>,
    channel: Vec<String>,
    day: Option<(String, f64)>,
    name: Vec<String>,
    /// Marker rows: (number index into the step's markers, x offset).
    rows: Vec<Vec<(usize, f64)>>,
    /// "2 insights · 3 sources": how well the step is backed, when it names insights.
    backing: Option<String>,
    /// Height of the card.
    pub(super) height: f64,
}

/// The content of one cell of a text or list lane, laid out.
pub(super) enum Cell {
    Empty,
    Lines(Vec<String>, bool),
    List(Vec<Vec<String>>),
    Chips(Vec<(String, f64, f64, f64)>),
}

impl Cell {
    /// Height of the laid-out content.
    pub(super) fn height(&self) -> f64 {
        match self {
            Cell::Empty => 0.0,
            Cell::Lines(l, _) => l.len() as f64 * BODY_LH,
            Cell::List(items) => items.iter().map(|i| i.len() as f64 * LIST_LH + 5.0).sum::<f64>() - 5.0,
            Cell::Chips(c) => c.last().map_or(0.0, |(_, _, y, _)| y + 19.0),
        }
    }
}

/// Lays out the card of step `p`.
pub(super) fn card(lang: Language, p: &Placed, markers: &Markers) -> Card {
    let s = p.data;
    let day = s.day.map(|d| {
        let t = format!("{} {}", label(lang, "day"), super::common::day_text(d));
        let w = text::width(&t, HEAD_SIZE, Weight::Bold) + 10.0;
        (t, w)
    });
    let head_w = NAME_W - day.as_ref().map_or(0.0, |(_, w)| w + 6.0);
    let head = text::wrap(&type_label(lang, s.kind).to_uppercase(), HEAD_SIZE, Weight::Bold, head_w, 2);
    let channel =
        s.channel.as_deref().map(|c| text::wrap(c, CHANNEL_SIZE, Weight::Regular, NAME_W, 2)).unwrap_or_default();
    let name = text::wrap(&s.name, NAME_SIZE, Weight::Bold, NAME_W, NAME_LINES);
    let mut rows: Vec<Vec<(usize, f64)>> = Vec::new();
    let mut x = 0.0;
    for (i, m) in markers.at(p.stage, p.step).enumerate() {
        let w = marker_width(m.number);
        if rows.is_empty() || x + w > NAME_W {
            rows.push(Vec::new());
            x = 0.0;
        }
        if let Some(r) = rows.last_mut() {
            r.push((i, x));
        }
        x += w + 4.0;
    }
    let markers_h = if rows.is_empty() { 0.0 } else { 8.0 + rows.len() as f64 * (MARKER_H + 4.0) - 4.0 };
    let backing = markers.backing(p.stage, p.step).map(|(n, s)| {
        let noun = |n: usize, one, many| format!("{n} {}", label(lang, if n == 1 { one } else { many }));
        let t = format!(
            "{} · {}",
            noun(n, "coverage_insight", "coverage_insights"),
            noun(s, "coverage_source", "coverage_sources")
        );
        text::wrap(&t, BACKING_SIZE, Weight::Regular, NAME_W, 1).pop().unwrap_or_default()
    });
    let height = 2.0 * CARD_PAD
        + head.len() as f64 * HEAD_LH
        + channel.len() as f64 * HEAD_LH
        + 5.0
        + name.len() as f64 * NAME_LH
        + markers_h
        + if backing.is_some() { HEAD_LH + 4.0 } else { 0.0 };
    Card { head, channel, day, name, rows, backing, height }
}

/// Lays out the cell of step `s` in `lane`.
pub(super) fn cell(lane: Lane, s: &Step) -> Cell {
    let lines = |t: &str, italic: bool| Cell::Lines(text::wrap(t, BODY_SIZE, Weight::Regular, CELL_W, 12), italic);
    let list = |items: &[String]| {
        if items.is_empty() {
            return Cell::Empty;
        }
        Cell::List(items.iter().map(|i| text::wrap(i, LIST_SIZE, Weight::Regular, CELL_W - 10.0, 8)).collect())
    };
    match lane {
        Lane::Steps | Lane::Emotion => Cell::Empty,
        Lane::Doing => s.doing.as_deref().map_or(Cell::Empty, |t| lines(t, false)),
        Lane::Thinking => s.thinking.as_deref().map_or(Cell::Empty, |t| lines(&format!("\u{201c}{t}\u{201d}"), true)),
        Lane::Pains => list(&s.pains),
        Lane::Opportunities => list(&s.opportunities),
        Lane::Owners => {
            let mut chips = Vec::new();
            let (mut x, mut y) = (0.0, 0.0);
            for o in &s.owners {
                let t = text::wrap(o, OWNER_SIZE, Weight::Regular, CELL_W - 14.0, 1).pop().unwrap_or_default();
                let w = text::width(&t, OWNER_SIZE, Weight::Regular) + 14.0;
                if x > 0.0 && x + w > CELL_W {
                    x = 0.0;
                    y += 23.0;
                }
                chips.push((t, x, y, w));
                x += w + 4.0;
            }
            Cell::Chips(chips)
        }
    }
}

/// Draws the step cards of the steps lane at `y` (height `h`).
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_cards(
    out: &mut String,
    lang: Language,
    all: &[Placed],
    cards: &[Card],
    markers: &Markers,
    col_x: &dyn Fn(&Placed) -> f64,
    y: f64,
    h: f64,
    stages: &[Stage],
) {
    for (p, c) in all.iter().zip(cards) {
        let s = p.data;
        let x = col_x(p) + CARD_INSET;
        let (top, w, ch) = (y + CARD_INSET, COL_W - 2.0 * CARD_INSET, h - 2.0 * CARD_INSET);
        let experience = s.kind == StepType::Experience;
        let _ = write!(
            out,
            "<g class=\"step step-{}\" data-step=\"{}\" data-stage=\"{}\"{}><title>{}</title>",
            s.kind.as_str(),
            p.index + 1,
            text::escape(&stages[p.stage].id),
            s.day.map(|d| format!(" data-day=\"{}\"", super::common::day_text(d))).unwrap_or_default(),
            text::escape(&format!("{}: {}", type_label(lang, s.kind), s.name)),
        );
        if experience {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"10\" fill=\"#fbf3f8\" stroke=\"{EXPERIENCE}\" stroke-width=\"1.5\" stroke-dasharray=\"5 3\"/>",
                N(x),
                N(top),
                N(w),
                N(ch)
            );
        } else {
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"3\" fill=\"#fff\" stroke=\"{TOUCH}\" stroke-width=\"1.5\"/>\
                 <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"4\" fill=\"{TOUCH}\"/>",
                N(x),
                N(top),
                N(w),
                N(ch),
                N(x),
                N(top),
                N(w)
            );
        }
        let tx = x + CARD_PAD;
        let mut ty = top + CARD_PAD;
        let colour = if experience { EXPERIENCE_TEXT } else { TOUCH_TEXT };
        text_lines(
            out,
            tx,
            ty,
            &c.head,
            HEAD_SIZE,
            HEAD_LH,
            &format!(" class=\"step-kind\" font-weight=\"bold\" fill=\"{colour}\""),
        );
        if let Some((t, dw)) = &c.day {
            let dx = x + w - CARD_PAD - dw;
            let _ = write!(
                out,
                "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" rx=\"8\" fill=\"{WASH2}\"/>\
                 <text class=\"step-day\" x=\"{}\" y=\"{}\" font-size=\"{HEAD_SIZE}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"{INK_SOFT}\">{}</text>",
                N(dx),
                N(ty - 1.0),
                N(*dw),
                N(dx + dw / 2.0),
                N(ty + 10.9),
                text::escape(t)
            );
        }
        ty += c.head.len() as f64 * HEAD_LH;
        if !c.channel.is_empty() {
            text_lines(
                out,
                tx,
                ty,
                &c.channel,
                CHANNEL_SIZE,
                HEAD_LH,
                &format!(" class=\"step-channel\" fill=\"{MUTED}\""),
            );
            ty += c.channel.len() as f64 * HEAD_LH;
        }
        ty += 5.0;
        let style = if experience { " font-style=\"italic\"" } else { "" };
        text_lines(
            out,
            tx,
            ty,
            &c.name,
            NAME_SIZE,
            NAME_LH,
            &format!(" class=\"step-name\" data-wrap=\"{}\" font-weight=\"bold\"{style}", N(NAME_W)),
        );
        ty += c.name.len() as f64 * NAME_LH + 8.0;
        let ms: Vec<_> = markers.at(p.stage, p.step).collect();
        for row in &c.rows {
            for &(i, dx) in row {
                if let Some(m) = ms.get(i) {
                    marker(out, m, tx + dx, ty);
                }
            }
            ty += MARKER_H + 4.0;
        }
        if let Some(t) = &c.backing {
            let attrs = format!(" class=\"step-backing\" fill=\"{INK_SOFT}\"");
            text_lines(out, tx, ty, std::slice::from_ref(t), BACKING_SIZE, HEAD_LH, &attrs);
        }
        out.push_str("</g>");
    }
}

/// Draws one laid-out cell with its top left content corner at (`x`, `y`).
pub(super) fn draw_cell(out: &mut String, lane: Lane, c: &Cell, s: &Step, x: f64, y: f64) {
    match c {
        Cell::Empty => {}
        Cell::Lines(lines, italic) => {
            let full = if lane == Lane::Doing { s.doing.as_deref() } else { s.thinking.as_deref() };
            let style = if *italic { format!(" font-style=\"italic\" fill=\"{INK_SOFT}\"") } else { String::new() };
            if lines.last().is_some_and(|l| l.ends_with('…')) {
                let _ = write!(out, "<g><title>{}</title>", text::escape(full.unwrap_or_default()));
                text_lines(out, x, y, lines, BODY_SIZE, BODY_LH, &style);
                out.push_str("</g>");
            } else {
                text_lines(out, x, y, lines, BODY_SIZE, BODY_LH, &style);
            }
        }
        Cell::List(items) => {
            let colour = if lane == Lane::Pains { NEG } else { POS };
            let mut iy = y;
            for item in items {
                let cy = iy + LIST_LH / 2.0;
                if lane == Lane::Pains {
                    // A small square for pains, a circle for opportunities: not colour alone.
                    let _ = write!(
                        out,
                        "<rect x=\"{}\" y=\"{}\" width=\"5\" height=\"5\" fill=\"{colour}\"/>",
                        N(x + 0.5),
                        N(cy - 2.5)
                    );
                } else {
                    let _ = write!(out, "<circle cx=\"{}\" cy=\"{}\" r=\"3\" fill=\"{colour}\"/>", N(x + 3.0), N(cy));
                }
                text_lines(out, x + 10.0, iy, item, LIST_SIZE, LIST_LH, "");
                iy += item.len() as f64 * LIST_LH + 5.0;
            }
        }
        Cell::Chips(chips) => {
            for (t, dx, dy, w) in chips {
                let _ = write!(
                    out,
                    "<g class=\"owner\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"19\" rx=\"9.5\" fill=\"#fff\" stroke=\"#b8c2cf\"/>\
                     <text x=\"{}\" y=\"{}\" font-size=\"{OWNER_SIZE}\" fill=\"{INK_SOFT}\">{}</text></g>",
                    N(x + dx),
                    N(y + dy),
                    N(*w),
                    N(x + dx + 7.0),
                    N(y + dy + 13.3),
                    text::escape(t)
                );
            }
        }
    }
}
