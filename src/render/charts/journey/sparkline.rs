//! Small journey drawings: the emotion curve as a sparkline (persona pages,
//! journey lists) and the mini-map that shows where an insight sits in a
//! journey (insight pages).
//!
//! Stable hooks: `svg.journey-sparkline[data-journey]`, `svg.journey-minimap
//! [data-journey]`, `g.mini-stage[data-stage]` (with `current` on the
//! insight's stage), `g.mini-step.marked[data-step]`; in the files of a
//! journey's stages, `svg.journey-minimap-stage[data-stage]`.

use std::fmt::Write;

use super::common::{
    chevron_points, day_text, emotion_class, emotion_colour, emotion_text, label, line, open_svg, steps, text_lines,
    Placed, ACCENT_FILL, ACCENT_STROKE, ACCENT_TEXT, ACCENT_TINT, INK, INK_SOFT, LINE, N, NEUTRAL, ON_ACCENT, WASH2,
};
use crate::config::Language;
use crate::i18n::count;
use crate::model::journey::Journey;
use crate::render::charts::text::{self, Weight};

/// Emotion points of `j` as (x, y, step) given the x of each step and a y per level.
fn points<'a>(
    all: &'a [Placed<'a>],
    x: &dyn Fn(&Placed) -> f64,
    y: &dyn Fn(i64) -> f64,
) -> Vec<(f64, f64, &'a Placed<'a>)> {
    all.iter().filter_map(|p| p.data.emotion.map(|e| (x(p), y(e.clamp(-2, 2)), p))).collect()
}

fn polyline(out: &mut String, pts: &[(f64, f64, &Placed)], width: f64) {
    if pts.len() < 2 {
        return;
    }
    out.push_str("<polyline points=\"");
    for (i, (x, y, _)) in pts.iter().enumerate() {
        let _ = write!(out, "{}{},{}", if i > 0 { " " } else { "" }, N(*x), N(*y));
    }
    let _ = write!(
        out,
        "\" fill=\"none\" stroke=\"{INK_SOFT}\" stroke-width=\"{}\" stroke-linejoin=\"round\" stroke-linecap=\"round\"/>",
        N(width)
    );
}

/// The emotion curve of `j` as a small sparkline (240 × 56), or `None` when
/// no step has an emotion. Stage boundaries are faint vertical rules.
pub fn sparkline(id: &str, j: &Journey, lang: Language) -> Option<String> {
    let all = steps(j);
    let emotions: Vec<i64> = all.iter().filter_map(|p| p.data.emotion).collect();
    let (lo, hi) = (emotions.iter().min()?, emotions.iter().max()?);
    let (w, h) = (240.0, 56.0);
    let n = all.len().max(1) as f64;
    let x = |p: &Placed| 8.0 + (p.index as f64 + 0.5) * (w - 16.0) / n;
    let y = |e: i64| 8.0 + (2 - e) as f64 * (h - 16.0) / 4.0;
    let desc = format!(
        "{} {}, {} {} {}.",
        label(lang, "emotion_curve"),
        count(lang, all.len(), "steps"),
        count(lang, j.stages.len(), "stages"),
        emotion_text(*lo),
        emotion_text(*hi).replacen('+', "… +", 1)
    );
    let mut out = String::with_capacity(1024 + all.len() * 96);
    open_svg(
        &mut out,
        "journey-sparkline",
        &format!(" data-journey=\"{}\" role=\"img\"", text::escape(id)),
        w,
        h,
        &format!("{}: {}", label(lang, "emotion_curve"), j.title),
        &desc,
    );
    let mut k = 0usize;
    for s in j.stages.iter().take(j.stages.len().saturating_sub(1)) {
        k += s.steps.len();
        let sx = 8.0 + k as f64 * (w - 16.0) / n;
        line(&mut out, (sx, 4.0), (sx, h - 4.0), &format!("stroke=\"{LINE}\""));
    }
    line(&mut out, (4.0, y(0)), (w - 4.0, y(0)), &zero_line());
    let pts = points(&all, &x, &y);
    polyline(&mut out, &pts, 1.6);
    for (px, py, p) in &pts {
        let e = p.data.emotion.unwrap_or(0);
        let _ = write!(
            out,
            "<circle class=\"emotion-point emotion-{}\" data-emotion=\"{e}\" cx=\"{}\" cy=\"{}\" r=\"2.8\" fill=\"{}\"/>",
            emotion_class(Some(e)),
            N(*px),
            N(*py),
            emotion_colour(e)
        );
    }
    out.push_str("</svg>");
    Some(out)
}

/// Width of a mini-map: it prints at its natural size on A4 portrait, so its
/// 11 px text stays above 8 pt.
const MINI_W: f64 = 660.0;
/// Text size of stage names and badges on a mini-map (the smallest legible size).
const MINI_TEXT: f64 = 11.0;
const MINI_PAD: f64 = 8.0;
const STRIP_H: f64 = 36.0;
const LEVEL: f64 = 13.0;

/// Where the stages and steps of a journey sit on a mini-map.
struct MiniGeometry {
    stage_x: Vec<f64>,
    unit: f64,
}

impl MiniGeometry {
    fn new(j: &Journey) -> MiniGeometry {
        let units: f64 = j.stages.iter().map(|s| s.steps.len().max(1) as f64).sum::<f64>().max(1.0);
        let unit = (MINI_W - 2.0 * MINI_PAD) / units;
        let mut stage_x = Vec::with_capacity(j.stages.len());
        let mut acc = MINI_PAD;
        for s in &j.stages {
            stage_x.push(acc);
            acc += unit * s.steps.len().max(1) as f64;
        }
        MiniGeometry { stage_x, unit }
    }

    /// Whole pixels: a mini-map sits on every insight page, so its bytes count.
    fn x(&self, p: &Placed) -> f64 {
        (self.stage_x[p.stage] + self.unit * (p.step as f64 + 0.5)).round()
    }

    fn y(e: i64) -> f64 {
        MINI_PAD + STRIP_H + 12.0 + (2 - e.clamp(-2, 2)) as f64 * LEVEL
    }

    /// One stage of the strip: a chevron with the stage's name. `fill` and
    /// `colour` are attributes (with a leading space) for the chevron and its
    /// text; an empty `colour` inherits.
    fn stage(&self, out: &mut String, j: &Journey, si: usize, current: bool, fill: &str, colour: &str) {
        let s = &j.stages[si];
        let (sx, pad) = (self.stage_x[si].round(), MINI_PAD);
        let sw = (self.unit * s.steps.len().max(1) as f64 - 2.0).round();
        let notch = if si == 0 { 0.0 } else { 7.0 };
        let name = text::wrap(&s.name, MINI_TEXT, Weight::Bold, (sw - notch - 12.0).max(8.0), 2);
        let cut = name.last().is_some_and(|l| l.ends_with('…'));
        let _ = write!(
            out,
            "<g class=\"mini-stage{}\" data-stage=\"{}\">{}<polygon points=\"{}\"{fill}/>",
            if current { " current" } else { "" },
            text::escape(&s.id),
            if cut { format!("<title>{}</title>", text::escape(&s.name)) } else { String::new() },
            chevron_points(sx, pad, sw, STRIP_H, 7.0, notch)
        );
        let top = pad + (STRIP_H - name.len() as f64 * 13.0) / 2.0;
        text_lines(out, sx + notch + 5.0, top, &name, MINI_TEXT, 13.0, colour);
        out.push_str("</g>");
    }
}

/// The part of a mini-map that is the same for every insight on journey
/// `j`: the stage strip without highlights and the emotion curve. It is
/// published once per journey as [`minimap_file`], which every insight's
/// [`minimap`] shows under its highlights.
pub fn minimap_base(j: &Journey) -> String {
    let all = steps(j);
    let g = MiniGeometry::new(j);
    let mut out = String::with_capacity(1024 + all.len() * 64);
    let _ = write!(out, "<g font-weight=\"bold\" fill=\"{INK_SOFT}\">");
    for si in 0..j.stages.len() {
        g.stage(&mut out, j, si, false, &format!(" fill=\"{WASH2}\""), "");
    }
    out.push_str("</g>");
    line(&mut out, (MINI_PAD, MiniGeometry::y(0)), (MINI_W - MINI_PAD, MiniGeometry::y(0)), &zero_line());
    let pts = points(&all, &|p| g.x(p), &MiniGeometry::y);
    polyline(&mut out, &pts, 1.8);
    // Points as round dots, one path per sign (compact: this sits on every insight page).
    for sign in [-1i64, 0, 1] {
        let mut d = String::new();
        for (px, py, _) in pts.iter().filter(|(_, _, p)| p.data.emotion.map(i64::signum) == Some(sign)) {
            let _ = write!(d, "M{} {}h0", N(*px), N(*py));
        }
        if !d.is_empty() {
            let _ = write!(
                out,
                "<path class=\"emotion-points\" d=\"{d}\" stroke=\"{}\" stroke-width=\"6.5\" stroke-linecap=\"round\"/>",
                emotion_colour(sign)
            );
        }
    }
    out
}

/// Height of the drawing in a journey's mini-map file: the stage strip and the emotion curve.
fn base_height() -> f64 {
    MiniGeometry::y(-2) + MINI_PAD
}

/// Width and height, in pixels, of a journey's mini-map files (plain and per stage).
pub fn minimap_file_size() -> (u32, u32) {
    (MINI_W as u32, base_height() as u32)
}

/// A journey's mini-map background ([`minimap_base`]) as an SVG file of its
/// own (`journeys/ID.minimap.svg`). Insight pages show it with `<image>`, so
/// its bytes are written once per journey, not once per insight.
pub fn minimap_file(j: &Journey, base: &str) -> String {
    let mut out = String::with_capacity(base.len() + 512);
    open_svg(&mut out, "journey-minimap-base", "", MINI_W, base_height(), &j.title, "");
    out.push_str(base);
    out.push_str("</svg>\n");
    out
}

/// A journey's mini-map with stage `si` highlighted (chevron in `fill`, its
/// name in `on`), as a file of its own (`journeys/ID.minimap.STAGE.svg`).
/// An insight page whose insight sits in that stage and is named by no step
/// shows it with `<img>`, so the highlight is written once per stage, not
/// once per insight. The colours are the pages' accent as CSS colour values
/// (see `render::picture_accent`), not variables: a picture shown by `<img>`
/// does not see the page's CSS.
pub fn minimap_stage_file(j: &Journey, lang: Language, base: &str, si: usize, fill: &str, on: &str) -> String {
    let g = MiniGeometry::new(j);
    let mut out = String::with_capacity(base.len() + 1024);
    let Some(stage) = j.stages.get(si) else { return out };
    open_svg(
        &mut out,
        "journey-minimap-stage",
        &format!(" data-stage=\"{}\"", text::escape(&stage.id)),
        MINI_W,
        base_height(),
        &format!("{}: {}", label(lang, "where_in_journey"), j.title),
        &format!("{}: {}.", label(lang, "stage"), stage.name),
    );
    out.push_str(base);
    out.push_str("<g font-weight=\"bold\">");
    g.stage(
        &mut out,
        j,
        si,
        true,
        // As style, not attributes: a colour the pages use as written (`color-mix(…)`) is CSS, not an SVG paint.
        &format!(" style=\"fill:{}\"", text::escape(fill)),
        &format!(" style=\"fill:{}\"", text::escape(on)),
    );
    out.push_str("</g></svg>\n");
    out
}

/// Where an insight sits in journey `j`: the stages as a strip (the
/// insight's `stage` highlighted), the emotion curve under it, and the steps
/// that name the insight (`marked`: (stage, step) indices) ringed and
/// labelled. The plain strip and curve are the journey's [`minimap_file`],
/// shown from `base_href` (relative to the page).
pub fn minimap(
    id: &str,
    j: &Journey,
    lang: Language,
    stage: Option<&str>,
    marked: &[(usize, usize)],
    base_href: &str,
) -> String {
    let all = steps(j);
    let g = MiniGeometry::new(j);
    let (w, pad) = (MINI_W, MINI_PAD);
    let curve_bottom = MiniGeometry::y(-2);

    // Labels of the marked steps. One step: a label under it. Several:
    // numbered rings on the curve and a numbered key below (no crossings).
    let marked_steps: Vec<&Placed> = all.iter().filter(|p| marked.contains(&(p.stage, p.step))).collect();
    let numbered = marked_steps.len() > 1;
    let mut labels: Vec<(f64, f64, String)> = Vec::new();
    let (mut lx, mut ly) = (pad, 0.0);
    for (k, p) in marked_steps.iter().enumerate() {
        let mut t = p.data.name.clone();
        if let Some(d) = p.data.day {
            t = format!("{t} · {} {}", label(lang, "day").to_lowercase(), day_text(d));
        }
        let t = text::wrap(&t, 11.0, Weight::Bold, 320.0, 1).pop().unwrap_or_default();
        let tw = text::width(&t, 11.0, Weight::Bold);
        if numbered {
            let iw = 22.0 + tw;
            if lx > pad && lx + iw > w - pad {
                lx = pad;
                ly += 20.0;
            }
            labels.push((lx, ly, format!("{}", k + 1)));
            labels.push((lx + 22.0, ly, t));
            lx += iw + 16.0;
        } else {
            labels.push(((g.x(p) - 6.0).clamp(pad, w - pad - tw), 0.0, t));
        }
    }
    let labels_top = curve_bottom + 22.0;
    let h = labels_top + if marked_steps.is_empty() { 0.0 } else { ly + 17.0 } + pad;

    let current: Vec<usize> = j
        .stages
        .iter()
        .enumerate()
        .filter(|(si, s)| Some(s.id.as_str()) == stage || marked.iter().any(|m| m.0 == *si))
        .map(|(si, _)| si)
        .collect();
    let mut desc = String::new();
    for &si in &current {
        let _ = write!(desc, "{}: {}. ", label(lang, "stage"), j.stages[si].name);
    }
    for p in &marked_steps {
        let _ = write!(desc, "{}: {}. ", label(lang, "step"), p.data.name);
    }
    let mut out = String::with_capacity(1024);
    open_svg(
        &mut out,
        "journey-minimap",
        &format!(" data-journey=\"{}\"", text::escape(id)),
        w,
        h,
        &format!("{}: {}", label(lang, "where_in_journey"), j.title),
        desc.trim_end(),
    );
    let _ =
        write!(out, "<image href=\"{}\" width=\"{}\" height=\"{}\"/>", text::escape(base_href), N(w), N(base_height()));
    // The insight's stage, drawn over the plain strip.
    if !current.is_empty() {
        let _ = write!(out, "<g font-weight=\"bold\">");
        for &si in &current {
            let exact = stage.is_none() || Some(j.stages[si].id.as_str()) == stage;
            let ink = format!(" fill=\"{INK}\"");
            let (fill, colour) = if exact { (ACCENT_FILL, ON_ACCENT) } else { (ACCENT_TINT, ink.as_str()) };
            g.stage(&mut out, j, si, true, fill, colour);
        }
        out.push_str("</g>");
    }
    for (k, p) in marked_steps.iter().enumerate() {
        let px = g.x(p);
        let py = MiniGeometry::y(p.data.emotion.unwrap_or(0));
        let _ = write!(
            out,
            "<g class=\"mini-step marked\" data-step=\"{}\"><title>{}</title>",
            p.index + 1,
            text::escape(&p.data.name)
        );
        let guide_end = if numbered { py - 7.0 } else { labels_top };
        let _ = write!(
            out,
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke-dasharray=\"2 2\"{ACCENT_STROKE}/>\
             <circle cx=\"{x}\" cy=\"{}\" r=\"7\" fill=\"none\" stroke-width=\"2.5\"{ACCENT_STROKE}/>",
            N(pad + STRIP_H),
            N(guide_end),
            N(py),
            x = N(px)
        );
        if numbered {
            number_badge(&mut out, px + 10.0, py + 10.0, k + 1);
        }
        out.push_str("</g>");
    }
    for (i, (lx, ly, t)) in labels.iter().enumerate() {
        let top = labels_top + ly;
        if numbered && i % 2 == 0 {
            number_badge(&mut out, lx + 9.0, top + 7.5, i / 2 + 1);
            continue;
        }
        text_lines(
            &mut out,
            *lx,
            top,
            std::slice::from_ref(t),
            11.0,
            15.0,
            &format!(" font-weight=\"bold\"{ACCENT_TEXT}"),
        );
    }
    out.push_str("</svg>");
    out
}

/// A small numbered circle centred on (`cx`, `cy`).
fn number_badge(out: &mut String, cx: f64, cy: f64, n: usize) {
    let _ = write!(
        out,
        "<circle cx=\"{}\" cy=\"{}\" r=\"8.5\" fill=\"#fff\" stroke-width=\"1.5\"{ACCENT_STROKE}/>\
         <text x=\"{}\" y=\"{}\" font-size=\"{MINI_TEXT}\" font-weight=\"bold\" text-anchor=\"middle\"{ACCENT_TEXT}>{n}</text>",
        N(cx),
        N(cy),
        N(cx),
        N(cy + 3.9)
    );
}

/// The dashed line at emotion 0.
fn zero_line() -> String {
    format!("stroke=\"{NEUTRAL}\" stroke-dasharray=\"3 3\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn journey() -> Journey {
        serde_yaml::from_str(
            "title: T\nstages:\n- id: a\n  name: Alpha\n  steps:\n  - {name: One, emotion: 1}\n  - {name: Two, emotion: -2, day: 3}\n- id: b\n  name: Beta\n  steps:\n  - {name: Three, emotion: 0}\n",
        )
        .expect("valid")
    }

    #[test]
    fn sparkline_has_a_point_per_emotion() {
        let svg = sparkline("t", &journey(), Language::En).expect("has emotions");
        assert_eq!(svg.matches("class=\"emotion-point").count(), 3);
        assert!(svg.contains("role=\"img\"") && svg.contains("<title>Emotion curve: T</title>"));
        let flat: Journey = serde_yaml::from_str("title: T\nstages:\n- {id: a, name: A}\n").unwrap();
        assert!(sparkline("t", &flat, Language::En).is_none());
    }

    #[test]
    fn minimap_highlights_stage_and_steps() {
        let svg = minimap("t", &journey(), Language::En, Some("a"), &[(0, 1)], "../journeys/t.minimap.svg");
        assert!(svg.contains("class=\"mini-stage current\" data-stage=\"a\""));
        // The plain strip and curve come from the journey's file, drawn to the same scale.
        assert!(svg.contains("<image href=\"../journeys/t.minimap.svg\" width=\"660\" height=\"116\"/>"));
        assert!(!svg.contains("data-stage=\"b\"") && !svg.contains("emotion-points"));
        let file = minimap_file(&journey(), &minimap_base(&journey()));
        assert!(file.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"journey-minimap-base\" width=\"660\" height=\"116\" viewBox=\"0 0 660 116\""));
        assert!(
            file.contains("class=\"mini-stage\" data-stage=\"a\"")
                && file.contains("class=\"mini-stage\" data-stage=\"b\"")
        );
        assert!(file.contains("class=\"emotion-points\""));
        assert!(svg.contains("class=\"mini-step marked\" data-step=\"2\""));
        assert!(svg.contains("Two · day 3"));
    }
}
