//! The plumbing every chart shares: plotters' SVG backend with an embedded
//! font for measuring, marker-based grouping of plotters' output into
//! classed `<g>` elements, and the accessible, scalable root element.
//!
//! plotters writes one element per line and knows nothing of classes, data
//! attributes, `<title>` or `<desc>`. A chart therefore draws a *marker* (a
//! one-pixel rectangle in a colour no chart uses) wherever it wants to open
//! or close a group or insert markup of its own; [`finish`] swaps each marker
//! line for the markup queued for it, in order.

use std::fmt::Write as _;
use std::sync::Once;

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use super::text::{self, FONT_FAMILY};

/// Liberation Sans Regular 2.1.5 (SIL OFL 1.1, see `assets/fonts/`), used by
/// plotters to measure text. It is never written into a site.
static FONT_BYTES: &[u8] = include_bytes!("../../../assets/fonts/LiberationSans-Regular.ttf");

/// plotters writes `font-size = size / 1.24` into the SVG: multiply a pixel
/// size by this to get the size plotters wants.
const PLOTTERS_EM: f64 = 1.24;

/// The marker colour: no chart draws in it.
const MARK: RGBColor = RGBColor(1, 2, 3);
/// A marker as plotters writes it (a pixel at the origin), once the
/// `opacity="1"` every element repeats is gone.
const MARK_LINE: &str = "<rect x=\"0\" y=\"0\" width=\"1\" height=\"1\" stroke=\"none\" fill=\"#010203\"/>\n";

static FONT: Once = Once::new();

/// Registers the embedded font under [`FONT_FAMILY`] (once per process).
pub fn ensure_font() {
    FONT.call_once(|| {
        // A font that fails to parse makes plotters report errors when it
        // measures, and every chart falls back to a short note.
        let _ = plotters::style::register_font(FONT_FAMILY, FontStyle::Normal, FONT_BYTES);
    });
}

/// A text style of `px` pixels in `colour`, anchored at `h`/`v`.
pub fn font(px: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), px * PLOTTERS_EM, FontStyle::Normal).color(&colour).pos(Pos::new(h, v))
}

/// A bold text style (measured with the regular face; the metric of
/// [`text::width`] with `Weight::Bold` is used for layout).
pub fn bold(px: f64, colour: RGBColor, h: HPos, v: VPos) -> TextStyle<'static> {
    FontDesc::new(FontFamily::Name(FONT_FAMILY), px * PLOTTERS_EM, FontStyle::Bold).color(&colour).pos(Pos::new(h, v))
}

/// The drawing area of a chart.
pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

/// Why plotters could not draw a chart (its SVG backend fails with an I/O error).
pub type DrawError = plotters::drawing::DrawingAreaErrorKind<std::io::Error>;

/// What a chart drawing returns; on failure the chart falls back to a note.
pub type DrawResult = Result<(), DrawError>;

/// Markup queued for the marker lines of one chart, in drawing order.
#[derive(Debug, Default)]
pub struct Marks {
    queue: Vec<String>,
}

impl Marks {
    /// Inserts `markup` at this point of the drawing.
    pub fn raw(&mut self, area: &Area, markup: String) -> DrawResult {
        self.queue.push(markup);
        area.draw_pixel((0, 0), &MARK)
    }

    /// Opens a group: `attrs` is everything after `<g`, already escaped.
    pub fn open(&mut self, area: &Area, attrs: &str) -> DrawResult {
        self.raw(area, format!("<g {attrs}>"))
    }

    /// Closes the innermost group.
    pub fn close(&mut self, area: &Area) -> DrawResult {
        self.raw(area, "</g>".into())
    }
}

/// What the root element and its text alternative say.
#[derive(Debug, Clone)]
pub struct Meta<'a> {
    /// Unique on the page; `-title` and `-desc` are appended for their ids.
    pub id: &'a str,
    /// Extra classes of the root (`chart` is always there).
    pub class: &'a str,
    /// The chart's name (`<title>`).
    pub title: &'a str,
    /// The chart's text alternative (`<desc>`).
    pub desc: &'a str,
}

/// A fresh drawing area of `w`×`h` pixels into `buf`, white background.
pub fn canvas(buf: &mut String, w: u32, h: u32) -> Result<Area<'_>, DrawError> {
    ensure_font();
    let area = SVGBackend::with_string(buf, (w, h)).into_drawing_area();
    area.fill(&WHITE)?;
    Ok(area)
}

/// Rewrites plotters' output: the root element becomes scalable and
/// accessible, marker lines become the queued markup, attributes every
/// element repeats move to the root, font sizes are rounded. Whole-buffer
/// passes rather than per line: a chart has hundreds of lines.
pub fn finish(raw: &str, marks: Marks, meta: &Meta) -> String {
    let (first, body) = raw.split_once('\n').unwrap_or((raw, ""));
    let (w, h) = root_size(first);
    let family_attr = format!(" font-family=\"{}\"", FONT_FAMILY.replace('\'', "&apos;"));
    let body = round_font_sizes(&body.replace(" opacity=\"1\"", "").replace(&family_attr, ""));
    let mut out = String::with_capacity(body.len() + 1024);
    let id = text::escape(meta.id);
    let _ = write!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {w} {h}\" width=\"100%\" class=\"chart {}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{}\" data-width=\"{w}\">\n\
         <title id=\"{id}-title\">{}</title>\n<desc id=\"{id}-desc\">{}</desc>\n",
        text::escape(meta.class),
        text::escape(FONT_FAMILY),
        text::escape(meta.title),
        text::escape(meta.desc),
    );
    let mut queue = marks.queue.into_iter();
    let mut pieces = body.split(MARK_LINE);
    if let Some(p) = pieces.next() {
        out.push_str(p);
    }
    for p in pieces {
        if let Some(m) = queue.next() {
            out.push_str(&m);
            out.push('\n');
        }
        out.push_str(p);
    }
    out
}

/// `(width, height)` from plotters' `<svg width="W" height="H" …>` line.
fn root_size(line: &str) -> (u32, u32) {
    let attr = |name: &str| -> u32 {
        let key = format!(" {name}=\"");
        line.find(&key).and_then(|i| line[i + key.len()..].split('"').next()).and_then(|v| v.parse().ok()).unwrap_or(0)
    };
    (attr("width"), attr("height"))
}

/// `font-size="11.999999999999998"` → `font-size="12"`, everywhere in `svg`.
fn round_font_sizes(svg: &str) -> String {
    const KEY: &str = "font-size=\"";
    let mut out = String::with_capacity(svg.len());
    let mut rest = svg;
    while let Some(i) = rest.find(KEY) {
        let start = i + KEY.len();
        out.push_str(&rest[..start]);
        rest = &rest[start..];
        let len = rest.find('"').unwrap_or(0);
        match rest[..len].parse::<f64>() {
            Ok(v) => out.push_str(&num(v)),
            Err(_) => out.push_str(&rest[..len]),
        }
        rest = &rest[len..];
    }
    out.push_str(rest);
    out
}

/// A number with at most one decimal and no trailing `.0` (for attributes).
pub fn num(v: f64) -> String {
    let r = (v * 10.0).round() / 10.0;
    if r.fract() == 0.0 {
        format!("{}", r as i64)
    } else {
        format!("{r:.1}")
    }
}

/// A minimal chart that says why the real one could not be drawn.
pub fn fallback(meta: &Meta, problem: &str) -> String {
    let id = text::escape(meta.id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 600 40\" width=\"100%\" class=\"chart chart-error {}\" \
         role=\"img\" aria-labelledby=\"{id}-title {id}-desc\" font-family=\"{}\">\n<title id=\"{id}-title\">{}</title>\n\
         <desc id=\"{id}-desc\">{}</desc>\n<text x=\"8\" y=\"24\" font-size=\"13\">{}</text>\n</svg>\n",
        text::escape(meta.class),
        text::escape(FONT_FAMILY),
        text::escape(meta.title),
        text::escape(meta.desc),
        text::escape(&format!("The chart could not be drawn: {problem}")),
    )
}

/// Draws a chart with `draw` on a `w`×`h` canvas and finishes it; falls
/// back to a note when plotters reports an error.
pub fn render(w: u32, h: u32, meta: &Meta, draw: impl FnOnce(&Area, &mut Marks) -> DrawResult) -> String {
    let mut buf = String::new();
    let mut marks = Marks::default();
    let result = canvas(&mut buf, w, h).and_then(|area| {
        draw(&area, &mut marks)?;
        area.present()
    });
    match result {
        Ok(()) => finish(&buf, marks, meta),
        Err(e) => fallback(meta, &format!("{e:?}")),
    }
}

/// Replaces every `id="ID-…"` and reference to it in a finished chart with a
/// suffixed id, so one chart can appear twice on a page.
pub fn with_id_suffix(svg: &str, id: &str, suffix: &str) -> String {
    let new = format!("{id}-{suffix}");
    svg.replacen(&format!("\"{id}-title {id}-desc\""), &format!("\"{new}-title {new}-desc\""), 1)
        .replacen(&format!("id=\"{id}-title\""), &format!("id=\"{new}-title\""), 1)
        .replacen(&format!("id=\"{id}-desc\""), &format!("id=\"{new}-desc\""), 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> Meta<'static> {
        Meta { id: "t-chart", class: "chart-test", title: "A <title>", desc: "Says & describes" }
    }

    #[test]
    fn root_is_scalable_accessible_and_names_the_font() {
        let svg = render(300, 200, &meta(), |area, marks| {
            marks.open(area, "class=\"thing\" data-feature=\"x\"")?;
            area.draw(&Circle::new((50, 50), 5, BLACK.filled()))?;
            marks.close(area)?;
            area.draw(&Text::new("<b>x</b>", (10, 10), font(12.0, BLACK, HPos::Left, VPos::Center)))
        });
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 300 200\" width=\"100%\""));
        assert!(svg.contains("role=\"img\" aria-labelledby=\"t-chart-title t-chart-desc\""));
        assert!(svg.contains("<title id=\"t-chart-title\">A &lt;title&gt;</title>"));
        assert!(svg.contains("<desc id=\"t-chart-desc\">Says &amp; describes</desc>"));
        assert!(svg.contains(&format!("font-family=\"{}\"", text::escape(FONT_FAMILY))));
        assert!(svg.contains("<g class=\"thing\" data-feature=\"x\">\n<circle"), "{svg}");
        assert!(svg.contains("</circle>") || svg.contains("/>\n</g>"), "{svg}");
        assert!(!svg.contains("#010203"), "markers are gone");
        // plotters escapes text content itself.
        assert!(svg.contains("&lt;b&gt;x&lt;/b&gt;") && !svg.contains("<b>"), "{svg}");
        assert!(svg.contains("font-size=\"12\""), "{svg}");
        assert!(svg.trim_end().ends_with("</svg>"));
    }

    #[test]
    fn rendering_is_deterministic() {
        let draw = |area: &Area, _: &mut Marks| {
            area.draw(&Text::new("Hello", (10, 10), font(13.0, BLACK, HPos::Left, VPos::Top)))
        };
        assert_eq!(render(200, 100, &meta(), draw), render(200, 100, &meta(), draw));
    }

    #[test]
    fn ids_can_be_suffixed() {
        let svg = render(100, 50, &meta(), |_, _| Ok(()));
        let two = with_id_suffix(&svg, "t-chart", "e2");
        assert!(two.contains("aria-labelledby=\"t-chart-e2-title t-chart-e2-desc\""));
        assert!(two.contains("<title id=\"t-chart-e2-title\">") && two.contains("<desc id=\"t-chart-e2-desc\">"));
    }

    #[test]
    fn numbers_for_attributes() {
        assert_eq!(num(12.0), "12");
        assert_eq!(num(11.999999999999998), "12");
        assert_eq!(num(4.26), "4.3");
        assert_eq!(
            round_font_sizes("<text font-size=\"9.67741935483871\">a</text><text font-size=\"12\">"),
            "<text font-size=\"9.7\">a</text><text font-size=\"12\">"
        );
    }

    #[test]
    fn the_embedded_font_has_the_metric_of_the_text_module() {
        use ab_glyph::{Font, FontRef};
        let f = FontRef::try_from_slice(FONT_BYTES).expect("the embedded font parses");
        let upem = f.units_per_em().expect("units per em");
        for c in ' '..='~' {
            let adv = f.h_advance_unscaled(f.glyph_id(c));
            let ours = text::width(&c.to_string(), 1000.0, text::Weight::Regular);
            assert!((adv * 1000.0 / upem - ours as f32).abs() < 1.0, "{c:?}: font {adv} vs metric {ours}");
        }
    }
}
