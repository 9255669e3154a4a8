//! The accent colour: parsing CSS colours and the WCAG 2 contrast rules that
//! decide which shade of it text may use.

/// An opaque sRGB colour.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rgb {
    /// Red, 0–255.
    pub r: u8,
    /// Green, 0–255.
    pub g: u8,
    /// Blue, 0–255.
    pub b: u8,
}

/// White, the theme's page background.
pub const WHITE: Rgb = Rgb { r: 255, g: 255, b: 255 };
/// Black.
pub const BLACK: Rgb = Rgb { r: 0, g: 0, b: 0 };
/// The theme's dark text colour (`--ink`).
pub const INK: Rgb = Rgb { r: 0x1d, g: 0x24, b: 0x30 };
/// The theme's page background (`--wash`), behind most text.
pub const WASH: Rgb = Rgb { r: 0xf5, g: 0xf7, b: 0xfa };
/// The dark blue the cover's gradient runs into behind white text.
const NIGHT: Rgb = Rgb { r: 0x0b, g: 0x1f, b: 0x33 };

/// WCAG 2 AA: the least contrast for normal-size text.
pub const AA: f64 = 4.5;

impl Rgb {
    /// `#rrggbb`, lower case.
    pub fn hex(self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.r, self.g, self.b)
    }

    /// WCAG 2 relative luminance (0 black … 1 white).
    pub fn luminance(self) -> f64 {
        let lin = |c: u8| {
            let s = f64::from(c) / 255.0;
            if s <= 0.04045 {
                s / 12.92
            } else {
                ((s + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * lin(self.r) + 0.7152 * lin(self.g) + 0.0722 * lin(self.b)
    }

    /// `self` mixed with `other`, `share` (0–1) of `other`, in sRGB as CSS `color-mix(in srgb)` does.
    pub fn mix(self, other: Rgb, share: f64) -> Rgb {
        let m = |a: u8, b: u8| (f64::from(a) * (1.0 - share) + f64::from(b) * share).round().clamp(0.0, 255.0) as u8;
        Rgb { r: m(self.r, other.r), g: m(self.g, other.g), b: m(self.b, other.b) }
    }
}

/// The WCAG 2 contrast ratio of two colours (1 … 21).
pub fn contrast(a: Rgb, b: Rgb) -> f64 {
    let (la, lb) = (a.luminance(), b.luminance());
    (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
}

/// The shades of an accent colour the theme uses (all `#rrggbb`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Accent {
    /// The colour itself: borders, bars, backgrounds (`--accent`).
    pub color: String,
    /// Text and links in the accent: the colour, darkened in steps until it
    /// reaches 4.5:1 on white, on the page's wash and on a 10 % tint of
    /// itself (the current page in the menu) (`--accent-ink`).
    pub ink: String,
    /// Text on an accent background: white when it reaches 4.5:1, else the
    /// theme's ink, else black (`--accent-on`).
    pub on: String,
    /// The far end of the cover's gradient: darker behind white text,
    /// lighter behind dark text, so the text keeps its contrast (`--accent-2`).
    pub deep: String,
}

/// The accent's shades, or `None` when `css` is not a colour cxsite can read.
pub fn accent(css: &str) -> Option<Accent> {
    let c = parse(css)?;
    Some(Accent { color: c.hex(), ink: ink(c).hex(), on: text_on(c).hex(), deep: deep(c).hex() })
}

/// `c` darkened (mixed with black) in steps of 2 % until text in it reaches
/// AA on every light background the theme puts accent text on.
pub fn ink(c: Rgb) -> Rgb {
    let backgrounds = [WHITE, WASH, WHITE.mix(c, 0.1)];
    (0..=50)
        .map(|step| c.mix(BLACK, f64::from(step) * 0.02))
        .find(|s| backgrounds.iter().all(|bg| contrast(*s, *bg) >= AA))
        .unwrap_or(BLACK)
}

/// The text colour for a background of `c`: white, the ink or black, the first that reaches AA.
/// One of white and black always does: their contrasts with any colour multiply to 21 ≥ 4.5².
pub fn text_on(c: Rgb) -> Rgb {
    [WHITE, INK, BLACK].into_iter().find(|t| contrast(*t, c) >= AA).unwrap_or(BLACK)
}

fn deep(c: Rgb) -> Rgb {
    if text_on(c) == WHITE {
        c.mix(NIGHT, 0.45)
    } else {
        c.mix(WHITE, 0.4)
    }
}

/// Reads a CSS colour (with the csscolorparser crate): hex, `rgb()`, `hsl()`,
/// `hwb()`, the CSS colour names and the other CSS Color 4 forms. Alpha is
/// ignored: the accent is used as an opaque colour.
pub fn parse(css: &str) -> Option<Rgb> {
    let [r, g, b, _alpha] = csscolorparser::parse(css.trim()).ok()?.to_rgba8();
    Some(Rgb { r, g, b })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ratio(a: &str, b: &str) -> f64 {
        let (Some(a), Some(b)) = (parse(a), parse(b)) else { panic!("not colours: {a} {b}") };
        (contrast(a, b) * 100.0).round() / 100.0
    }

    #[test]
    fn contrast_matches_published_values() {
        // WCAG's extremes and the best-known threshold case: #777 on white is 4.48:1 (fails AA).
        assert_eq!(ratio("#000", "#fff"), 21.0);
        assert_eq!(ratio("#fff", "#fff"), 1.0);
        assert_eq!(ratio("#777777", "#ffffff"), 4.48);
        // #767676 is the lightest grey that passes AA on white: 4.54:1.
        assert_eq!(ratio("#767676", "white"), 4.54);
        // #0b6e4f by hand: linear channels 0.003339, 0.155926, 0.078200;
        // L = 0.2126·0.003339 + 0.7152·0.155926 + 0.0722·0.078200 = 0.117877;
        // (1 + 0.05) / (0.117875 + 0.05) = 6.25.
        assert_eq!(ratio("#0b6e4f", "#fff"), 6.25);
        // #e4572e by hand: L = 0.2126·0.77582 + 0.7152·0.09530 + 0.0722·0.02732 = 0.23507:
        // 1.05 / 0.28507 = 3.68 against white, 0.28507 / 0.05 = 5.70 against black.
        assert_eq!(ratio("#e4572e", "#fff"), 3.68);
        assert_eq!(ratio("#e4572e", "#000"), 5.70);
    }

    #[test]
    fn ink_darkens_only_when_needed() {
        let green = parse("#0b6e4f").unwrap_or(BLACK);
        assert_eq!(ink(green), green, "a colour that passes is kept");
        let orange = parse("#e4572e").unwrap_or(WHITE);
        let dark = ink(orange);
        assert_ne!(dark, orange);
        let tint = WHITE.mix(orange, 0.1);
        for bg in [WHITE, WASH, tint] {
            assert!(contrast(dark, bg) >= AA, "{} on {}", dark.hex(), bg.hex());
        }
        // The step before the chosen one still fails somewhere: the darkening stops as soon as it passes.
        let steps: Vec<Rgb> = (0..=50).map(|s| orange.mix(BLACK, f64::from(s) * 0.02)).collect();
        let at = steps.iter().position(|s| *s == dark).unwrap_or(0);
        assert!(at > 0 && [WHITE, WASH, tint].iter().any(|bg| contrast(steps[at - 1], *bg) < AA));
        let ink = dark;
        // Darkening keeps the hue: channels shrink in proportion (red stays the largest).
        assert!(ink.r > ink.g && ink.g > ink.b);
    }

    #[test]
    fn text_on_accent_is_white_or_dark() {
        assert_eq!(text_on(parse("#0b6e4f").unwrap_or(WHITE)), WHITE);
        // White on #e4572e is 3.68:1; the ink #1d2430 on it: L(ink) = 0.01736, (0.23507 + 0.05) / 0.06736 = 4.23,
        // also short; black is 5.70:1.
        assert_eq!(text_on(parse("#e4572e").unwrap_or(WHITE)), BLACK);
        // A pale yellow takes the ink.
        assert_eq!(text_on(parse("#ffe680").unwrap_or(BLACK)), INK);
        let a = accent("#e4572e");
        assert_eq!(a.as_ref().map(|a| a.color.as_str()), Some("#e4572e"));
        assert_eq!(a.as_ref().map(|a| a.on.as_str()), Some("#000000"));
    }

    #[test]
    fn parses_css_colour_forms() {
        let c = |s: &str| parse(s).map(Rgb::hex);
        assert_eq!(c("#E4572E").as_deref(), Some("#e4572e"));
        assert_eq!(c("#abc").as_deref(), Some("#aabbcc"));
        assert_eq!(c("#e4572e80").as_deref(), Some("#e4572e"));
        assert_eq!(c("rgb(228, 87, 46)").as_deref(), Some("#e4572e"));
        assert_eq!(c("rgb(228 87 46 / 50%)").as_deref(), Some("#e4572e"));
        assert_eq!(c("rgba(100%, 0%, 0%, 0.5)").as_deref(), Some("#ff0000"));
        assert_eq!(c("hsl(120, 100%, 25%)").as_deref(), Some("#008000"));
        assert_eq!(c("hsl(0deg 100% 50%)").as_deref(), Some("#ff0000"));
        assert_eq!(c("RebeccaPurple").as_deref(), Some("#663399"));
        assert_eq!(c("seagreen").as_deref(), Some("#2e8b57"));
        assert_eq!(c("#ggg"), None);
        assert_eq!(c("#12345"), None);
        assert_eq!(c("greeen"), None);
        assert_eq!(c("rgb(1, 2)"), None);
    }
}
