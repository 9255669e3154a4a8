//! The chart colours: the Okabe–Ito palette (colour-blind safe), the single
//! source for the charts and for the `--c-…` variables of the theme's CSS
//! (a test checks that `cxsite.css` defines the same values).
//!
//! In greyscale the Kano categories are told apart by marker shape and line
//! pattern as well as by lightness; the NPS groups by lightness alone
//! (dark promoters, light passives, mid-grey detractors).

use plotters::style::RGBColor;

use crate::model::kano::KanoCategory;

/// Basic (must-be): blue.
pub const BASIC: RGBColor = RGBColor(0x00, 0x72, 0xb2);
/// Performance (one-dimensional): bluish green.
pub const PERFORMANCE: RGBColor = RGBColor(0x00, 0x9e, 0x73);
/// Delight (attractive): orange.
pub const DELIGHT: RGBColor = RGBColor(0xe6, 0x9f, 0x00);
/// Indifferent: grey.
pub const INDIFFERENT: RGBColor = RGBColor(0x99, 0x99, 0x99);
/// Reverse: vermillion.
pub const REVERSE: RGBColor = RGBColor(0xd5, 0x5e, 0x00);
/// Questionable: reddish purple.
pub const QUESTIONABLE: RGBColor = RGBColor(0xcc, 0x79, 0xa7);
/// NPS promoters (9–10): bluish green, dark in greyscale.
pub const PROMOTERS: RGBColor = RGBColor(0x00, 0x9e, 0x73);
/// NPS passives (7–8): light grey.
pub const PASSIVES: RGBColor = RGBColor(0xcc, 0xcc, 0xcc);
/// NPS detractors (0–6): orange, mid-grey in greyscale.
pub const DETRACTORS: RGBColor = RGBColor(0xe6, 0x9f, 0x00);

/// Text and axes.
pub const INK: RGBColor = RGBColor(0x1d, 0x24, 0x30);
/// Softer text (quadrant names).
pub const INK_SOFT: RGBColor = RGBColor(0x4a, 0x55, 0x67);
/// Secondary text.
pub const MUTED: RGBColor = RGBColor(0x6b, 0x75, 0x85);
/// Grid lines and leader lines.
pub const LINE: RGBColor = RGBColor(0xc9, 0xcf, 0xd8);
/// Light fills (quadrants, bands, lanes).
pub const WASH: RGBColor = RGBColor(0xf2, 0xf4, 0xf7);

/// Every colour the CSS shares, by variable name.
pub const CSS_VARIABLES: [(&str, RGBColor); 9] = [
    ("--c-basic", BASIC),
    ("--c-performance", PERFORMANCE),
    ("--c-delight", DELIGHT),
    ("--c-indifferent", INDIFFERENT),
    ("--c-reverse", REVERSE),
    ("--c-questionable", QUESTIONABLE),
    ("--c-promoters", PROMOTERS),
    ("--c-passives", PASSIVES),
    ("--c-detractors", DETRACTORS),
];

/// The colour of a Kano category.
pub fn category(c: KanoCategory) -> RGBColor {
    match c {
        KanoCategory::Basic => BASIC,
        KanoCategory::Performance => PERFORMANCE,
        KanoCategory::Delight => DELIGHT,
        KanoCategory::Indifferent => INDIFFERENT,
        KanoCategory::Reverse => REVERSE,
        KanoCategory::Questionable => QUESTIONABLE,
    }
}

/// `#rrggbb` (lower case).
pub fn hex(c: RGBColor) -> String {
    format!("#{:02x}{:02x}{:02x}", c.0, c.1, c.2)
}

/// Text that stays readable on a fill of `c`: white on dark, ink on light.
pub fn text_on(c: RGBColor) -> RGBColor {
    // Luma as greyscale printing sees it (Rec. 601).
    let luma = 0.299 * f64::from(c.0) + 0.587 * f64::from(c.1) + 0.114 * f64::from(c.2);
    if luma < 140.0 {
        RGBColor(0xff, 0xff, 0xff)
    } else {
        INK
    }
}

/// A light tint of `c` (mixed with white), for backgrounds.
pub fn tint(c: RGBColor, amount: f64) -> RGBColor {
    let mix = |v: u8| (255.0 - (255.0 - f64::from(v)) * amount).round().clamp(0.0, 255.0) as u8;
    RGBColor(mix(c.0), mix(c.1), mix(c.2))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The value of `--name:` in a CSS text, lower-cased.
    fn css_value(css: &str, name: &str) -> Option<String> {
        let key = format!("{name}:");
        let i = css.find(&key)?;
        let rest = &css[i + key.len()..];
        Some(rest[..rest.find(';')?].trim().to_ascii_lowercase())
    }

    #[test]
    fn the_theme_css_defines_the_same_colours() {
        let css = include_str!("../../../themes/default/static/cxsite.css");
        for (name, colour) in CSS_VARIABLES {
            assert_eq!(css_value(css, name).as_deref(), Some(hex(colour).as_str()), "{name} in cxsite.css");
        }
    }

    #[test]
    fn categories_have_distinct_colours_and_readable_text() {
        let mut seen: Vec<String> = KanoCategory::ALL.iter().map(|&c| hex(category(c))).collect();
        seen.sort();
        seen.dedup();
        assert_eq!(seen.len(), 6);
        assert_eq!(text_on(BASIC), RGBColor(0xff, 0xff, 0xff));
        assert_eq!(text_on(DELIGHT), INK);
        assert_eq!(text_on(PASSIVES), INK);
        assert_eq!(hex(tint(BASIC, 0.0)), "#ffffff");
        assert_eq!(hex(tint(BASIC, 1.0)), "#0072b2");
    }
}
