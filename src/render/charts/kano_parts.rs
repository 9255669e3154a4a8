//! The pieces every Kano chart shares: category markers, feature labels
//! with leader lines, point groups with tooltips, and text alternatives.

use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, VPos};

use super::label;
use super::layout::{self, Placed, Side, Want};
use super::palette::{self, INK, LINE};
use super::svg::{font, Area, DrawResult, Marks};
use super::text;
use crate::analysis::FeatureResult;
use crate::config::Language;
use crate::model::kano::KanoCategory;

/// Widest label in a label column.
pub(super) const LABEL_W: f64 = 140.0;

/// Draws the marker of `category` at pixel `(x, y)`: square for basic,
/// circle for performance, triangle for delight, ring for indifferent,
/// cross for reverse and questionable. `hollow` draws an outline only.
pub fn marker(area: &Area, category: KanoCategory, (x, y): (i32, i32), r: i32, hollow: bool) -> DrawResult {
    let c = palette::category(category);
    let white = WHITE.filled();
    let fill = if hollow { c.stroke_width(2) } else { c.filled() };
    match category {
        KanoCategory::Basic => {
            let s = r - 1;
            area.draw(&Rectangle::new([(x - s - 2, y - s - 2), (x + s + 2, y + s + 2)], white))?;
            if hollow {
                area.draw(&Rectangle::new([(x - s + 1, y - s + 1), (x + s - 1, y + s - 1)], c.stroke_width(2)))
            } else {
                area.draw(&Rectangle::new([(x - s, y - s), (x + s, y + s)], fill))
            }
        }
        KanoCategory::Delight => {
            let (top, left, right) = ((x, y - r - 2), (x - r - 1, y + r - 1), (x + r + 1, y + r - 1));
            let halo = vec![(top.0, top.1 - 3), (left.0 - 3, left.1 + 2), (right.0 + 3, right.1 + 2)];
            area.draw(&Polygon::new(halo, white))?;
            if hollow {
                area.draw(&PathElement::new(vec![top, left, right, top], c.stroke_width(2)))
            } else {
                area.draw(&Polygon::new(vec![top, left, right], fill))
            }
        }
        KanoCategory::Reverse | KanoCategory::Questionable => {
            area.draw(&Circle::new((x, y), r + 2, white))?;
            let s = r - 1;
            area.draw(&PathElement::new(vec![(x - s, y - s), (x + s, y + s)], c.stroke_width(3)))?;
            area.draw(&PathElement::new(vec![(x - s, y + s), (x + s, y - s)], c.stroke_width(3)))
        }
        KanoCategory::Indifferent => {
            area.draw(&Circle::new((x, y), r + 2, white))?;
            area.draw(&Circle::new((x, y), r - 1, c.stroke_width(2)))
        }
        KanoCategory::Performance => {
            area.draw(&Circle::new((x, y), r + 2, white))?;
            area.draw(&Circle::new((x, y), r, fill))
        }
    }
}

/// A feature's label text: its name, with `≈` when the Fong test says the
/// category is uncertain.
pub fn label_text(f: &FeatureResult) -> String {
    if f.significant == Some(false) {
        format!("{} \u{2248}", f.name)
    } else {
        f.name.clone()
    }
}

/// Draws placed labels with leader lines (bent at `elbow_x`) to their points.
pub fn draw_labels(
    area: &Area,
    marks: &mut Marks,
    placed: &[Placed],
    features: &[FeatureResult],
    elbow_x: f64,
) -> DrawResult {
    for p in placed {
        let f = &features[p.key];
        let (bx, by, bw, bh) = p.bbox();
        marks.open(area, &layout::label_attrs(&f.id, (bx, by, bw, bh)))?;
        area.draw(&PathElement::new(p.leader(elbow_x), LINE.stroke_width(1)))?;
        let h = if p.side == Side::Left { HPos::Right } else { HPos::Left };
        for (i, line) in p.lines.iter().enumerate() {
            let style = font(layout::LABEL_PX, INK, h, VPos::Center);
            area.draw(&Text::new(line.clone(), (p.x as i32, p.line_y(i) as i32), style))?;
        }
        marks.close(area)?;
    }
    Ok(())
}

/// Opens a point's group: classes, data attributes and a tooltip.
pub(super) fn open_point(
    area: &Area,
    marks: &mut Marks,
    class: &str,
    f: &FeatureResult,
    lang: Language,
    extra: &str,
) -> DrawResult {
    marks.open(
        area,
        &format!(
            "class=\"{class} {class}-{cat}\" data-feature=\"{}\" data-category=\"{cat}\"{extra}",
            text::escape(&f.id),
            cat = f.category.as_str()
        ),
    )?;
    marks.raw(
        area,
        format!("<title>{}: {}</title>", text::escape(&f.name), text::escape(label(lang, f.category.as_str()))),
    )
}

/// Fits the label of every placed feature, on the side of its point.
pub(super) fn wants(features: &[FeatureResult], side_of: impl Fn(usize) -> Option<Side>) -> (Vec<Want>, Vec<Want>) {
    let (mut left, mut right) = (Vec::new(), Vec::new());
    for (i, f) in features.iter().enumerate() {
        let want = Want { key: i, anchor: (0.0, 0.0), lines: layout::fit(&label_text(f), LABEL_W, 2) };
        match side_of(i) {
            Some(Side::Left) => left.push(want),
            Some(Side::Right) => right.push(want),
            None => {}
        }
    }
    (left, right)
}

/// A short list "name (category), …" for text alternatives.
pub(super) fn listing(features: &[FeatureResult], lang: Language, detail: impl Fn(&FeatureResult) -> String) -> String {
    features
        .iter()
        .map(|f| format!("{} ({}{})", f.name, label(lang, f.category.as_str()).to_lowercase(), detail(f)))
        .collect::<Vec<_>>()
        .join("; ")
}
