//! The mindmap as a left-to-right tree: the study (or persona) at the left,
//! its branches in the middle, one row per leaf at the right.
//!
//! Why a tree and not a radial map: every leaf gets a row of its own at a
//! fixed height and its text at a fixed size (13 px, drawn 1:1: the SVG has
//! `width`/`height` in px and is never scaled below 1 on screen), so labels
//! cannot overlap and no count of insights makes them smaller; a wide map
//! scrolls in a labelled region instead. A title longer than a leaf is cut
//! with "…" and given whole in the leaf's `<title>` (and in the list under the
//! map). Printed at natural size (13 px = 9.75 pt), a map of at most
//! [`PRINT_ROWS`] rows fits one landscape A4 page; a taller one prints as
//! its list, in columns.
//!
//! Stable hooks: `svg.mindmap-svg`, `g.mm-branch[data-branch]`,
//! `a.mm-leaf.mm-impact-LEVEL.mm-confidence-LEVEL[data-insight]`, `a.mm-more`.

use std::fmt::Write as _;

use super::text::{self, Weight, FONT_FAMILY};
use crate::config::Language;
use crate::i18n;
use crate::render::context::mindmap::{level, Branch};

/// Leaf text: 13 px, 9.75 pt printed at natural size.
pub const SIZE: f64 = 13.0;
/// The height of one leaf row.
pub const ROW: f64 = 24.0;
/// The most rows a map may have to print as a drawing on one landscape A4
/// page (186 mm = 703 px tall inside the margins, less the page's heading and
/// legend: 20 rows of 24 px and the gaps between up to 8 branches).
pub const PRINT_ROWS: usize = 20;

const PAD: f64 = 12.0;
const CENTRE_W: f64 = 168.0;
const CENTRE_SIZE: f64 = 15.0;
const GAP1: f64 = 40.0;
const BRANCH_W: f64 = 184.0;
const GAP2: f64 = 36.0;
const LEAF_W: f64 = 372.0;
const LEAF_H: f64 = 20.0;
/// Where a leaf's text starts after its confidence dot.
const LEAF_TEXT: f64 = 22.0;
const BRANCH_GAP: f64 = 12.0;
const LH: f64 = 17.0;
const INK: &str = "#1d2430";
const LINE: &str = "#aab3bf";

/// What one drawing needs.
pub struct Input<'a> {
    /// Unique on the page; ids in the SVG start with it.
    pub id: &'a str,
    /// From the page to the site root.
    pub root: &'a str,
    /// The centre: the study's title or the persona's name.
    pub centre: &'a str,
    /// The branches with their leaves.
    pub branches: &'a [Branch<'a>],
    /// The site's language.
    pub lang: Language,
    /// Distinct insights on the map.
    pub count: usize,
    /// "Branches: journey stages", in the site's language.
    pub kind_label: &'a str,
}

/// The rows of a map: each shown leaf and each "+ N more".
pub fn rows(branches: &[Branch]) -> usize {
    branches.iter().map(|b| b.leaves.len() + usize::from(b.more > 0)).sum()
}

/// How an impact is drawn: (stroke, fill, dash). The outline's style (solid,
/// dashed, dotted) tells the levels apart without colour, as the legend shows.
fn impact_colours(impact: &str) -> (&'static str, &'static str, &'static str) {
    match impact {
        "high" => ("#d55e00", "#fde7d9", ""),
        "medium" => ("#b87f00", "#fdf1d6", " stroke-dasharray=\"5 2.5\""),
        _ => ("#6b7585", "#eef0f3", " stroke-dasharray=\"1.5 2\""),
    }
}

/// The confidence marker at (`x`, `y`): filled (high), half (medium), empty (low).
fn marker(out: &mut String, x: f64, y: f64, confidence: &str) {
    let r = 5.0;
    match confidence {
        "high" => {
            let _ = write!(out, "<circle class=\"mm-dot\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\" fill=\"{INK}\"/>");
        }
        "medium" => {
            let _ = write!(
                out,
                "<circle class=\"mm-dot\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\" fill=\"#fff\" stroke=\"{INK}\" stroke-width=\"1.5\"/>\
                 <path d=\"M{x} {} A{r} {r} 0 0 0 {x} {} Z\" fill=\"{INK}\"/>",
                y - r,
                y + r
            );
        }
        _ => {
            let _ = write!(
                out,
                "<circle class=\"mm-dot\" cx=\"{x}\" cy=\"{y}\" r=\"{r}\" fill=\"#fff\" stroke=\"{INK}\" stroke-width=\"1.5\"/>"
            );
        }
    }
}

/// A branch's label lines and the height of its block.
fn branch_block(b: &Branch) -> (Vec<String>, f64) {
    let lines = text::wrap(&b.label, SIZE, Weight::Bold, BRANCH_W - 16.0, 3);
    let rows = b.leaves.len() + usize::from(b.more > 0);
    let h = (rows as f64 * ROW).max(lines.len() as f64 * LH + 10.0);
    (lines, h)
}

/// Draws the map as an SVG string.
pub fn draw(input: &Input) -> String {
    let lang = input.lang;
    let label = |k: &'static str| i18n::label(lang, k);
    let blocks: Vec<(Vec<String>, f64)> = input.branches.iter().map(branch_block).collect();
    let centre_lines = text::wrap(input.centre, CENTRE_SIZE, Weight::Bold, CENTRE_W - 20.0, 6);
    let centre_h = centre_lines.len() as f64 * 19.0 + 16.0;
    let tree_h: f64 = blocks.iter().map(|b| b.1).sum::<f64>() + BRANCH_GAP * blocks.len().saturating_sub(1) as f64;
    let height = (tree_h.max(centre_h) + 2.0 * PAD).ceil();
    let width = PAD + CENTRE_W + GAP1 + BRANCH_W + GAP2 + LEAF_W + PAD;
    let (bx, lx) = (PAD + CENTRE_W + GAP1, PAD + CENTRE_W + GAP1 + BRANCH_W + GAP2);
    let esc = text::escape;
    let id = input.id;
    let mut out = String::with_capacity(512 + rows(input.branches) * 640);
    let summary = format!(
        "{}: {} — {}, {}",
        label("mindmap"),
        input.centre,
        i18n::count(lang, input.count, "insights"),
        input.kind_label,
    );
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"mindmap-svg\" id=\"{id}-svg\" width=\"{width}\" height=\"{height}\" \
         viewBox=\"0 0 {width} {height}\" role=\"group\" aria-labelledby=\"{id}-title\" font-family=\"{}\" font-size=\"{SIZE}\">\
         <title id=\"{id}-title\">{}</title>",
        esc(FONT_FAMILY),
        esc(&summary)
    );
    let mid = height / 2.0;
    let centre_right = PAD + CENTRE_W;
    // Connectors first, under the boxes.
    let mut links = String::from("<g class=\"mm-links\" fill=\"none\" stroke=\"");
    links.push_str(LINE);
    links.push_str("\" stroke-width=\"1.5\">");
    let mut y = PAD + (height - 2.0 * PAD - tree_h).max(0.0) / 2.0;
    let mut branch_svg = String::new();
    for (b, (lines, h)) in input.branches.iter().zip(&blocks) {
        let by = y + h / 2.0;
        let _ = write!(
            links,
            "<path d=\"M{centre_right} {mid} C{} {mid} {} {by} {bx} {by}\"/>",
            centre_right + 24.0,
            bx - 24.0
        );
        let box_h = lines.len() as f64 * LH + 10.0;
        let leaves = b.leaves.len();
        let _ = write!(
            branch_svg,
            "<g class=\"mm-branch\" data-branch=\"{}\"><title>{}{}: {}</title>\
             <rect x=\"{bx}\" y=\"{}\" width=\"{BRANCH_W}\" height=\"{box_h}\" rx=\"6\" fill=\"#f4f6f9\" stroke=\"{LINE}\"/>",
            esc(&b.label),
            esc(&b.label),
            b.journey.map(|j| format!(" ({})", esc(j))).unwrap_or_default(),
            i18n::count(lang, leaves + b.more, "insights"),
            by - box_h / 2.0
        );
        for (n, line) in lines.iter().enumerate() {
            let ty = by - box_h / 2.0 + 5.0 + LH * (n as f64 + 0.5);
            let _ = write!(
                branch_svg,
                "<text x=\"{}\" y=\"{ty}\" dominant-baseline=\"central\" font-weight=\"700\" fill=\"{INK}\">{}</text>",
                bx + 8.0,
                esc(line)
            );
        }
        branch_svg.push_str("</g>");
        let mut ry = y + (h - (leaves + usize::from(b.more > 0)) as f64 * ROW) / 2.0;
        for leaf in &b.leaves {
            let cy = ry + ROW / 2.0;
            let _ = write!(
                links,
                "<path d=\"M{} {by} C{} {by} {} {cy} {lx} {cy}\"/>",
                bx + BRANCH_W,
                bx + BRANCH_W + 18.0,
                lx - 18.0
            );
            let (stroke, fill, dash) = impact_colours(leaf.impact);
            let shown = text::wrap(leaf.title, SIZE, Weight::Regular, LEAF_W - LEAF_TEXT - 8.0, 1);
            let _ = write!(
                branch_svg,
                "<a class=\"mm-leaf mm-impact-{} mm-confidence-{}\" data-insight=\"{}\" href=\"{}{}\"><title>{} — {}: {} · {}: {}</title>\
                 <rect x=\"{lx}\" y=\"{}\" width=\"{LEAF_W}\" height=\"{LEAF_H}\" rx=\"4\" fill=\"{fill}\" stroke=\"{stroke}\" stroke-width=\"1.5\"{dash}/>",
                leaf.impact,
                leaf.confidence,
                esc(leaf.id),
                esc(input.root),
                esc(&leaf.url),
                esc(leaf.title),
                label("impact"),
                label(level(leaf.impact).as_str()),
                label("confidence"),
                label(level(leaf.confidence).as_str()),
                cy - LEAF_H / 2.0
            );
            marker(&mut branch_svg, lx + 11.0, cy, leaf.confidence);
            let _ = write!(
                branch_svg,
                "<text x=\"{}\" y=\"{cy}\" dominant-baseline=\"central\" fill=\"{INK}\">{}</text></a>",
                lx + LEAF_TEXT,
                esc(shown.first().map_or("", String::as_str))
            );
            ry += ROW;
        }
        if let (true, Some(url)) = (b.more > 0, &b.more_url) {
            let cy = ry + ROW / 2.0;
            let _ = write!(
                links,
                "<path d=\"M{} {by} C{} {by} {} {cy} {lx} {cy}\" stroke-dasharray=\"3 3\"/>",
                bx + BRANCH_W,
                bx + BRANCH_W + 18.0,
                lx - 18.0
            );
            let more = format!("+ {} {}", b.more, label("mindmap_more"));
            let _ = write!(
                branch_svg,
                "<a class=\"mm-more\" href=\"{}{}\"><title>{}: {}</title>\
                 <rect x=\"{lx}\" y=\"{}\" width=\"{LEAF_W}\" height=\"{LEAF_H}\" rx=\"4\" fill=\"#fff\" stroke=\"{LINE}\" stroke-dasharray=\"3 3\"/>\
                 <text x=\"{}\" y=\"{cy}\" dominant-baseline=\"central\" fill=\"#3b5b8c\" text-decoration=\"underline\">{}</text></a>",
                esc(input.root),
                esc(url),
                esc(&b.label),
                esc(&more),
                cy - LEAF_H / 2.0,
                lx + LEAF_TEXT,
                esc(&more)
            );
        }
        y += h + BRANCH_GAP;
    }
    links.push_str("</g>");
    out.push_str(&links);
    let _ = write!(
        out,
        "<g class=\"mm-centre\"><rect x=\"{PAD}\" y=\"{}\" width=\"{CENTRE_W}\" height=\"{centre_h}\" rx=\"8\" fill=\"{INK}\"/>",
        mid - centre_h / 2.0
    );
    for (n, line) in centre_lines.iter().enumerate() {
        let ty = mid - centre_h / 2.0 + 8.0 + 19.0 * (n as f64 + 0.5);
        let _ = write!(
            out,
            "<text x=\"{}\" y=\"{ty}\" dominant-baseline=\"central\" font-size=\"{CENTRE_SIZE}\" font-weight=\"700\" fill=\"#fff\">{}</text>",
            PAD + 10.0,
            esc(line)
        );
    }
    out.push_str("</g>");
    out.push_str(&branch_svg);
    out.push_str("</svg>");
    out
}
