//! The journey timeline: one day axis, the organisation's touchpoints above
//! it and the customer's experience moments below, emotion as colour, and
//! the longest *unattended* stretch marked (see [`unattended`]).
//!
//! Stable hooks: `svg.journey-timeline[data-journey]`, `g.tl-item.tl-touchpoint|
//! tl-experience[data-day][data-step][data-emotion]`, `g.unattended[data-from][data-to]`.

use std::fmt::Write;

use super::timeline_print as print;

use super::common::{
    day_text, emotion_class, emotion_text, emotion_tint, label, steps, type_label, wrap_around_badge, Placed,
    EXPERIENCE_TEXT, INK, MUTED, N, NEG, TOUCH_TEXT, WASH2,
};
use super::style::{emotion_text_class, open_svg, text_lines, v_line, TIMELINE_CSS};
use crate::config::Language;
use crate::model::journey::{Journey, StepType};
use crate::render::charts::text::{self, Weight};

const PAD: f64 = 16.0;
const HEAD_W: f64 = 124.0;
/// The right edge of the side labels: where the days begin.
const HX: f64 = PAD + HEAD_W;
const BOX_TEXT_W: f64 = 132.0;
/// Lines of a step's name in its box, at most.
const MAX_LINES: usize = 3;
/// The widest stretch of days: a month fits a laptop screen beside the labels.
const PLOT_MAX: f64 = 790.0;
/// Height of the row that carries the unattended stretch.
const GAP_ROW: f64 = 30.0;
/// The smallest text: 11 px on screen, 8.25 pt in print at natural size.
const SIZE: f64 = 11.0;
const LH: f64 = 14.0;
const BAR: f64 = 9.0;

pub use super::unattended::{gap_text, unattended, Span};

/// One step on the timeline, laid out.
struct Item<'a> {
    p: Placed<'a>,
    day: f64,
    lines: Vec<String>,
    w: f64,
    h: f64,
}

/// A column of same-day items on one side, placed.
struct Group {
    items: Vec<usize>,
    x: f64,
    w: f64,
    h: f64,
    /// Distance of the group's near edge from the axis.
    offset: f64,
}

fn nice_step(px_per_day: f64) -> f64 {
    let mut candidates = vec![1.0, 2.0, 5.0, 7.0, 14.0, 30.0, 60.0, 90.0, 180.0];
    candidates.extend((1..=300).map(|k| 365.0 * f64::from(k)));
    candidates.into_iter().find(|s| s * px_per_day >= 34.0).unwrap_or(365.0 * 300.0)
}

/// Stacks groups outwards from the axis so that no two overlap.
fn pack(groups: &mut [Group], base: f64) -> f64 {
    let mut placed: Vec<(f64, f64, f64)> = Vec::new();
    let mut far = base;
    for g in groups.iter_mut() {
        let (l, r) = (g.x - 8.0, g.x + g.w + 8.0);
        let offset = placed.iter().filter(|p| p.0 < r && p.1 > l).map(|p| p.2 + 8.0).fold(base, f64::max);
        g.offset = offset;
        placed.push((g.x, g.x + g.w, offset + g.h));
        far = far.max(offset + g.h);
    }
    far
}

/// The timeline of `j`, or `None` when no step carries a day.
pub fn timeline(id: &str, j: &Journey, lang: Language) -> Option<String> {
    draw(id, j, lang, None).map(|d| d.svg)
}

/// A timeline with its print pieces.
#[derive(Debug, Clone)]
pub struct Drawn {
    /// The whole timeline; its content is a group `#tl-ID` that the print pieces show.
    pub svg: String,
    /// For print: windows onto the timeline (`<use href="#tl-ID">`), each with
    /// the side labels at the left and a stretch of days no wider than the
    /// width asked for, cut where no label is; then the legend. Empty
    /// unless print pieces were asked for.
    pub print: Vec<String>,
}

/// Draws the timeline of `j` (`None` when no step carries a day); with
/// `print_width`, also the print pieces no wider than that (px).
pub fn draw(id: &str, j: &Journey, lang: Language, print_width: Option<f64>) -> Option<Drawn> {
    let all = steps(j);
    let mut items: Vec<Item> = all
        .iter()
        .filter_map(|p| {
            p.data.day.filter(|d| d.is_finite()).map(|day| Item { p: *p, day, lines: Vec::new(), w: 0.0, h: 0.0 })
        })
        .collect();
    if items.is_empty() {
        return None;
    }
    items.sort_by(|a, b| a.day.total_cmp(&b.day));
    let dmin = items.iter().map(|i| i.day).fold(f64::INFINITY, f64::min);
    let dmax = items.iter().map(|i| i.day).fold(f64::NEG_INFINITY, f64::max);
    let span = (dmax - dmin).max(1.0);

    // Same-day items of one side form a group.
    let side = |k: StepType| -> Vec<Group> {
        let mut gs: Vec<Group> = Vec::new();
        for (i, it) in items.iter().enumerate().filter(|(_, it)| it.p.data.kind == k) {
            match gs.last_mut() {
                Some(g) if items[g.items[0]].day == it.day => g.items.push(i),
                _ => gs.push(Group { items: vec![i], x: 0.0, w: 0.0, h: 0.0, offset: 0.0 }),
            }
        }
        gs
    };
    let (mut above, mut below) = (side(StepType::Touchpoint), side(StepType::Experience));
    let busiest = above.len().max(below.len()) as f64;
    // A month fits a laptop screen; busy journeys get room for their labels.
    let plot_w = (span * 112.0).min(PLOT_MAX).max(busiest * 110.0).clamp(560.0, 16000.0);
    let x0 = HX + 14.0;
    let xd = |d: f64| x0 + (d - dmin) / span * plot_w;
    for groups in [&mut above, &mut below] {
        // Every box gets the same width and at most three lines; boxes that
        // would touch stack outwards from the axis (see `pack`).
        let xs: Vec<f64> = groups.iter().map(|g| xd(items[g.items[0]].day)).collect();
        for (gi, g) in groups.iter_mut().enumerate() {
            for &i in &g.items {
                let it = &mut items[i];
                let badge = if it.p.data.emotion.is_some() { 22.0 } else { 0.0 };
                it.lines = wrap_around_badge(&it.p.data.name, SIZE, BOX_TEXT_W, badge, MAX_LINES);
                let tw = it
                    .lines
                    .iter()
                    .enumerate()
                    .map(|(k, l)| text::width(l, SIZE, Weight::Regular) + if k == 0 { badge } else { 0.0 })
                    .fold(0.0, f64::max);
                it.w = (tw + 16.0).max(44.0);
                it.h = it.lines.len() as f64 * LH + 10.0;
                g.w = g.w.max(it.w);
            }
            g.h = g.items.iter().map(|&i| items[i].h + 4.0).sum::<f64>() - 4.0;
            g.x = xs[gi] - 7.0;
            if g.x + g.w > x0 + plot_w + 24.0 {
                // Near the right end the box hangs to the left of its day.
                g.x = xs[gi] + 7.0 - g.w;
            }
        }
    }
    let up = pack(&mut above, 22.0);
    let down = pack(&mut below, 22.0);

    let moments: Vec<(f64, StepType, Option<i64>)> =
        items.iter().map(|i| (i.day, i.p.data.kind, i.p.data.emotion)).collect();
    let gap = unattended(&moments);
    // The unattended stretch has a row of its own above the chart, so no box covers it.
    let top = PAD + if gap.is_some() { GAP_ROW } else { 0.0 };
    let axis = top + up + 10.0;
    let bottom = axis + down + 10.0;
    let right = above.iter().chain(&below).map(|g| g.x + g.w).fold(x0 + plot_w, f64::max);
    let width = right + PAD;
    // The legend is HTML beside the timeline.
    let height = bottom + PAD;
    let step = nice_step(plot_w / span);
    let mut ticks = Vec::new();
    let mut d = (dmin / step).ceil() * step;
    while d <= dmax + 1e-9 {
        ticks.push(d);
        d += step;
    }
    // The unattended stretch's label: text, centre, width.
    let gap_label = gap.map(|g| {
        let t = gap_text(lang, g);
        let tw = text::width(&t, SIZE, Weight::Bold);
        let tx = ((xd(g.from) + xd(g.to)) / 2.0).clamp(HX + 4.0 + tw / 2.0, width - PAD - tw / 2.0);
        (t, tx, tw)
    });
    // Print pieces: where a cut may not fall (boxes, their marks on the day
    // bar, day numbers, the gap's label), then the cuts.
    let cuts = match print_width {
        None => Vec::new(),
        Some(max_w) => {
            let mut busy: Vec<(f64, f64)> = above.iter().chain(&below).map(|g| (g.x - 3.0, g.x + g.w + 3.0)).collect();
            busy.extend(ticks.iter().map(|&d| (xd(d) - 10.0, xd(d) + 10.0)));
            busy.extend(items.iter().map(|i| (xd(i.day) - 6.0, xd(i.day) + 6.0)));
            busy.extend(gap_label.as_ref().map(|(_, tx, tw)| (tx - tw / 2.0 - 3.0, tx + tw / 2.0 + 3.0)));
            let room = max_w - HX - print::PRINT_PAD;
            // Where a cut must run through a box, the piece of the box's day
            // widens to show all of it: leave room for the widest box.
            let widest = above.iter().chain(&below).map(|g| g.w + 6.0).fold(0.0, f64::max);
            let room = if width - HX <= room { room } else { room - widest };
            print::cuts(HX, width, room, &busy)
        }
    };
    // The print piece that shows day position `x`.
    let share = |x: f64| cuts.iter().position(|&(_, b)| x < b).unwrap_or(cuts.len().saturating_sub(1));

    let mut out = String::with_capacity(4096 + items.len() * 1024);
    let mut desc = format!("{}: ", label(lang, "touchpoints"));
    let days = |k: StepType| {
        let mut v: Vec<String> = items.iter().filter(|i| i.p.data.kind == k).map(|i| day_text(i.day)).collect();
        v.dedup();
        v.join(", ")
    };
    let _ = write!(
        desc,
        "{} {}. {}: {} {}.",
        label(lang, "days").to_lowercase(),
        days(StepType::Touchpoint),
        label(lang, "experience_moments"),
        label(lang, "days").to_lowercase(),
        days(StepType::Experience)
    );
    if let Some(g) = gap {
        let _ = write!(desc, " {}", gap_text(lang, g));
    }
    open_svg(
        &mut out,
        "journey-timeline",
        &format!(" data-journey=\"{}\"", text::escape(id)),
        width,
        height,
        &format!("{}: {}", label(lang, "timeline"), j.title),
        &desc,
        TIMELINE_CSS,
    );
    let group_id = format!("tl-{}", text::escape(id));
    let hatch = format!("tl-hatch-{}", text::escape(id));
    // The frame (bands, the unattended stretch, the day bar) and the side
    // labels are groups of their own, and so is each print piece's share of
    // the days: a print piece shows only what it needs through <use>.
    let _ = write!(
        out,
        "<defs><pattern id=\"{hatch}\" width=\"7\" height=\"7\" patternUnits=\"userSpaceOnUse\" patternTransform=\"rotate(45)\">\
         <line x1=\"0\" y1=\"0\" x2=\"0\" y2=\"7\" stroke=\"{NEG}\" stroke-width=\"2.5\" stroke-opacity=\"0.55\"/></pattern></defs>\
         <g id=\"{group_id}\" font-family=\"{}\" fill=\"{INK}\"><rect width=\"{}\" height=\"{}\" fill=\"#fff\"/><g id=\"tlb-{}\">",
        text::escape(text::FONT_FAMILY),
        N(width),
        N(height),
        text::escape(id)
    );
    // Side bands.
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#f2f7fb\"/><rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fbf6f9\"/>",
        N(PAD),
        N(top),
        N(right - PAD),
        N(axis - top),
        N(PAD),
        N(axis),
        N(right - PAD),
        N(bottom - axis)
    );
    // The unattended stretch: a hatched bar and its label in their own row,
    // a light wash with dashed edges behind the boxes.
    if let (Some(g), Some((t, tx, _))) = (gap, &gap_label) {
        let (a, b) = (xd(g.from), xd(g.to));
        let bar = PAD + GAP_ROW - 12.0;
        let _ = write!(
            out,
            "<g class=\"unattended\" data-from=\"{}\" data-to=\"{}\"><title>{}</title>\
             <rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"#fdf1e9\"/>\
             <rect class=\"unattended-bar\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"9\" fill=\"url(#{hatch})\" stroke=\"{NEG}\"/>\
             <path d=\"M{} {}V{}M{} {}V{}\" stroke=\"{NEG}\" stroke-dasharray=\"3 3\"/>\
             <text x=\"{}\" y=\"{}\" font-weight=\"bold\" text-anchor=\"middle\" fill=\"#a84a00\">{}</text></g>",
            day_text(g.from),
            day_text(g.to),
            text::escape(label(lang, "unattended_hint")),
            N(a),
            N(top),
            N(b - a),
            N(bottom - top),
            N(a),
            N(bar),
            N(b - a),
            N(a),
            N(bar + 9.0),
            N(bottom),
            N(b),
            N(bar + 9.0),
            N(bottom),
            N(*tx),
            N(bar - 5.0),
            text::escape(t)
        );
    }

    // The day bar: the customer's emotion over time as colour, day numbers on it.
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{WASH2}\"/>",
        N(x0),
        N(axis - BAR),
        N(plot_w),
        N(2.0 * BAR)
    );
    for w in items.windows(2) {
        let (a, b) = (&w[0], &w[1]);
        if let (Some(e), true) = (a.p.data.emotion, b.day > a.day) {
            let (xa, xb) = (xd(a.day), xd(b.day));
            let _ = write!(
                out,
                "<rect class=\"emotion-band emotion-{}\" x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" fill=\"{}\"/>",
                emotion_class(Some(e)),
                N(xa),
                N(axis - BAR),
                N(xb - xa),
                N(2.0 * BAR),
                emotion_tint(Some(e))
            );
        }
    }
    out.push_str("</g>");
    let _ = write!(out, "<g id=\"tlh-{}\">", text::escape(id));
    let head = |out: &mut String, t1: &str, t2: &str, mid: f64, colour: &str| {
        let l1 = text::wrap(t1, 12.0, Weight::Bold, HEAD_W - 16.0, 2);
        let l2 = text::wrap(t2, SIZE, Weight::Regular, HEAD_W - 16.0, 2);
        let h = l1.len() as f64 * 15.0 + l2.len() as f64 * 14.0;
        text_lines(
            out,
            PAD + 10.0,
            mid - h / 2.0,
            &l1,
            12.0,
            15.0,
            &format!(" font-size=\"12\" font-weight=\"bold\" fill=\"{colour}\""),
        );
        text_lines(
            out,
            PAD + 10.0,
            mid - h / 2.0 + l1.len() as f64 * 15.0,
            &l2,
            SIZE,
            14.0,
            &format!(" fill=\"{colour}\""),
        );
    };
    head(&mut out, label(lang, "organisation"), label(lang, "touchpoints"), (top + axis) / 2.0, TOUCH_TEXT);
    head(&mut out, label(lang, "customer"), label(lang, "experience_moments"), (axis + bottom) / 2.0, EXPERIENCE_TEXT);

    let _ = write!(
        out,
        "<text x=\"{}\" y=\"{}\" font-weight=\"bold\" text-anchor=\"end\" fill=\"{MUTED}\">{}</text></g>",
        N(HX - 4.0),
        N(axis + 4.0),
        text::escape(label(lang, "day"))
    );

    // Each print piece's share: day numbers, leaders and marks, then boxes.
    for k in 0..cuts.len().max(1) {
        if !cuts.is_empty() {
            let _ = write!(out, "<g id=\"tl-{}-{k}\">", text::escape(id));
        }
        for &d in ticks.iter().filter(|&&d| share(xd(d)) == k) {
            let _ =
                write!(out, "<text class=\"tl-tk\" x=\"{}\" y=\"{}\">{}</text>", N(xd(d)), N(axis + 4.0), day_text(d));
        }
        let mine = |g: &&Group| share(xd(items[g.items[0]].day)) == k;
        // Leaders first, so that where one must pass a box it runs behind it.
        for (groups, touch) in [(&above, true), (&below, false)] {
            for g in groups.iter().filter(mine) {
                let x = xd(items[g.items[0]].day);
                let (y1, y2) = if touch { (axis - BAR, axis - g.offset) } else { (axis + BAR, axis + g.offset) };
                let mut d = String::new();
                v_line(&mut d, x, y1, y2);
                let _ = write!(out, "<path class=\"{}\" d=\"{d}\"/>", if touch { "tl-lt" } else { "tl-le" });
                // A square (touchpoint) or a circle (experience) on the day bar.
                if touch {
                    let _ = write!(
                        out,
                        "<rect class=\"tl-mt\" x=\"{}\" y=\"{}\" width=\"8\" height=\"8\"/>",
                        N(x - 4.0),
                        N(axis - BAR - 8.0)
                    );
                } else {
                    let _ = write!(
                        out,
                        "<circle class=\"tl-me\" cx=\"{}\" cy=\"{}\" r=\"4.5\"/>",
                        N(x),
                        N(axis + BAR + 4.5)
                    );
                }
            }
        }
        for (groups, up) in [(&above, true), (&below, false)] {
            for g in groups.iter().filter(mine) {
                // Top to bottom in journey order on both sides.
                let order: Vec<usize> = if up { g.items.iter().rev().copied().collect() } else { g.items.clone() };
                let mut dist = g.offset;
                for &i in &order {
                    let it = &items[i];
                    let y = if up { axis - dist - it.h } else { axis + dist };
                    draw_item(&mut out, lang, it, g.x, y);
                    dist += it.h + 4.0;
                }
            }
        }
        if !cuts.is_empty() {
            out.push_str("</g>");
        }
    }
    out.push_str("</g></svg>");

    let title = format!("{}: {}", label(lang, "timeline"), j.title);
    let frame = print::TimelineFrame { id, title: &title, heads: HX, bottom: bottom + 4.0 };
    // Each piece shows its stretch, widened to the whole of its boxes.
    let windows: Vec<(f64, f64)> = cuts
        .iter()
        .enumerate()
        .map(|(k, &(a, b))| {
            let mine = above.iter().chain(&below).filter(|g| share(xd(items[g.items[0]].day)) == k);
            mine.fold((a, b), |(lo, hi), g| (lo.min(g.x - 3.0).max(HX), hi.max(g.x + g.w + 3.0).min(width)))
        })
        .collect();
    let print = print::pieces(&frame, &windows);
    Some(Drawn { svg: out, print })
}

fn draw_item(out: &mut String, lang: Language, it: &Item, x: f64, y: f64) {
    let s = it.p.data;
    let touch = s.kind == StepType::Touchpoint;
    let _ = write!(
        out,
        "<g class=\"tl-item tl-{}\" data-day=\"{}\" data-step=\"{}\"{}><title>{} {} · {}: {}{}</title>",
        s.kind.as_str(),
        day_text(it.day),
        it.p.index + 1,
        s.emotion.map(|e| format!(" data-emotion=\"{e}\"")).unwrap_or_default(),
        label(lang, "day"),
        day_text(it.day),
        type_label(lang, s.kind),
        text::escape(&s.name),
        s.emotion.map(|e| format!(" ({})", emotion_text(e))).unwrap_or_default()
    );
    let _ = write!(
        out,
        "<rect x=\"{}\" y=\"{}\" width=\"{}\" height=\"{}\" rx=\"{}\" fill=\"{}\"/>",
        N(x),
        N(y),
        N(it.w),
        N(it.h),
        if touch { 2 } else { 7 },
        emotion_tint(s.emotion),
    );
    // The box's stroke (dashed for experiences) and the name's italics are
    // the rules of the item's kind (see `super::style`).
    text_lines(out, x + 8.0, y + 5.0, &it.lines, SIZE, LH, " class=\"tl-name\"");
    if let Some(e) = s.emotion {
        let _ = write!(
            out,
            "<text class=\"tl-ev {}\" x=\"{}\" y=\"{}\">{}</text>",
            emotion_text_class(e),
            N(x + it.w - 6.0),
            N(y + 16.0),
            emotion_text(e)
        );
    }
    out.push_str("</g>");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timeline_splits_sides_and_marks_the_gap() {
        let j: Journey = serde_yaml::from_str(
            "title: T\nstages:\n- id: a\n  name: A\n  steps:\n  - {name: Buy, day: 0, emotion: 1}\n  - {name: Worry, type: experience, day: 4, emotion: -1}\n  - {name: Invoice, day: 6}\n  - {name: No day}\n",
        )
        .expect("valid");
        let svg = timeline("t", &j, Language::En).expect("has days");
        assert_eq!(svg.matches("class=\"tl-item tl-touchpoint\"").count(), 2);
        assert_eq!(svg.matches("class=\"tl-item tl-experience\"").count(), 1);
        assert!(svg.contains("class=\"unattended\" data-from=\"4\" data-to=\"6\""));
        // A step without a day is left out (the legend beside the timeline counts it).
        assert!(!svg.contains("No day"));
        let none: Journey =
            serde_yaml::from_str("title: T\nstages:\n- id: a\n  name: A\n  steps:\n  - {name: x}\n").unwrap();
        assert!(timeline("t", &none, Language::En).is_none());
    }
}
