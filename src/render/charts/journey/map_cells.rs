//! Step cards and lane cells of the journey map (see [`super::map`]):
//! which lanes exist, how each cell is laid out (wrapped with the shared
//! text metric), and how cards and cells are drawn.

use std::fmt::Write;

use super::common::{label, marker, marker_width, type_label, Markers, Placed, BULB_PATH, MARKER_H, N, NEG, POS};
use super::map::{
    BODY_LH, BODY_SIZE, CARD_INSET, CARD_PAD, CELL_W, CHANNEL_SIZE, COL_W, HEAD_LH, HEAD_SIZE, LIST_LH, LIST_SIZE,
    NAME_LH, NAME_LINES, NAME_SIZE, NAME_W,
};
use super::style::text_lines;
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
    Lines(Vec<String>),
    List(Vec<Vec<String>>),
    Chips(Vec<(String, f64, f64, f64)>),
}

impl Cell {
    /// Height of the laid-out content.
    pub(super) fn height(&self) -> f64 {
        match self {
            Cell::Empty => 0.0,
            Cell::Lines(l) => l.len() as f64 * BODY_LH,
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
    let lines = |t: &str| Cell::Lines(text::wrap(t, BODY_SIZE, Weight::Regular, CELL_W, 12));
    let list = |items: &[String]| {
        if items.is_empty() {
            return Cell::Empty;
        }
        Cell::List(items.iter().map(|i| text::wrap(i, LIST_SIZE, Weight::Regular, CELL_W - 10.0, 8)).collect())
    };
    match lane {
        Lane::Steps | Lane::Emotion => Cell::Empty,
        Lane::Doing => s.doing.as_deref().map_or(Cell::Empty, lines),
        Lane::Thinking => s.thinking.as_deref().map_or(Cell::Empty, |t| lines(&format!("\u{201c}{t}\u{201d}"))),
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

/// The shapes every step card of a map (id `id`) repeats, drawn once and
/// shown with `<use>`: a card of each kind (its top left at x = 0) for the
/// steps lane at `y` (height `h`), and the insight marker's bulb. Their
/// colours, and the dashes of an experience, are the rules of `rect.jm-ct`
/// and `rect.jm-ce` (see `super::style`).
pub(super) fn card_defs(out: &mut String, id: &str, y: f64, h: f64) {
    let (top, w, ch) = (N(y + CARD_INSET), N(COL_W - 2.0 * CARD_INSET), N(h - 2.0 * CARD_INSET));
    let id = text::escape(id);
    let _ = write!(
        out,
        "<defs><g id=\"jmct-{id}\"><rect class=\"jm-ct\" y=\"{top}\" width=\"{w}\" height=\"{ch}\" rx=\"3\"/>\
         <rect class=\"jm-cb\" y=\"{top}\" width=\"{w}\" height=\"4\"/></g>\
         <rect id=\"jmce-{id}\" class=\"jm-ce\" y=\"{top}\" width=\"{w}\" height=\"{ch}\" rx=\"10\"/>\
         <path id=\"jmk-{id}\" d=\"{BULB_PATH}\"/></defs>"
    );
}

/// Draws the step cards of the steps lane (at `y`) of the map `id` (its
/// card shapes from [`card_defs`]).
#[allow(clippy::too_many_arguments)]
pub(super) fn draw_cards(
    out: &mut String,
    lang: Language,
    id: &str,
    all: &[Placed],
    cards: &[Card],
    markers: &Markers,
    col_x: &dyn Fn(&Placed) -> f64,
    y: f64,
    stages: &[Stage],
) {
    let id = text::escape(id);
    let bulb = format!("jmk-{id}");
    for (p, c) in all.iter().zip(cards) {
        let s = p.data;
        let x = col_x(p) + CARD_INSET;
        let (top, w) = (y + CARD_INSET, COL_W - 2.0 * CARD_INSET);
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
        let _ = write!(out, "<use href=\"#jmc{}-{id}\" x=\"{}\"/>", if experience { 'e' } else { 't' }, N(x));
        let tx = x + CARD_PAD;
        let mut ty = top + CARD_PAD;
        text_lines(out, tx, ty, &c.head, HEAD_SIZE, HEAD_LH, " class=\"step-kind\"");
        if let Some((t, dw)) = &c.day {
            let dx = x + w - CARD_PAD - dw;
            let _ = write!(
                out,
                "<rect class=\"jm-d\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"16\" rx=\"8\"/>\
                 <text class=\"step-day\" x=\"{}\" y=\"{}\">{}</text>",
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
            text_lines(out, tx, ty, &c.channel, CHANNEL_SIZE, HEAD_LH, " class=\"step-channel\"");
            ty += c.channel.len() as f64 * HEAD_LH;
        }
        ty += 5.0;
        let wrap = format!(" class=\"step-name\" data-wrap=\"{}\"", N(NAME_W));
        text_lines(out, tx, ty, &c.name, NAME_SIZE, NAME_LH, &wrap);
        ty += c.name.len() as f64 * NAME_LH + 8.0;
        let ms: Vec<_> = markers.at(p.stage, p.step).collect();
        for row in &c.rows {
            for &(i, dx) in row {
                if let Some(m) = ms.get(i) {
                    marker(out, m, tx + dx, ty, &bulb);
                }
            }
            ty += MARKER_H + 4.0;
        }
        if let Some(t) = &c.backing {
            text_lines(out, tx, ty, std::slice::from_ref(t), BACKING_SIZE, HEAD_LH, " class=\"step-backing\"");
        }
        out.push_str("</g>");
    }
}

/// Draws one laid-out cell with its top left content corner at (`x`, `y`).
pub(super) fn draw_cell(out: &mut String, lane: Lane, c: &Cell, s: &Step, x: f64, y: f64) {
    match c {
        Cell::Empty => {}
        Cell::Lines(lines) => {
            // Size and italics come from the lane's group (`g.jm-do`, `g.jm-th`).
            let full = if lane == Lane::Doing { s.doing.as_deref() } else { s.thinking.as_deref() };
            if lines.last().is_some_and(|l| l.ends_with('…')) {
                let _ = write!(out, "<g><title>{}</title>", text::escape(full.unwrap_or_default()));
                text_lines(out, x, y, lines, BODY_SIZE, BODY_LH, "");
                out.push_str("</g>");
            } else {
                text_lines(out, x, y, lines, BODY_SIZE, BODY_LH, "");
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
                    "<g class=\"owner\"><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"19\" rx=\"9.5\"/>\
                     <text x=\"{}\" y=\"{}\">{}</text></g>",
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
