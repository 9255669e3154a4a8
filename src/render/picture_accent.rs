//! The accent colours of the site's pictures: SVG files shown by `<img>`
//! (a journey stage's mini-map), which cannot see the page's CSS variables,
//! so the accent the pages show is written into them as colours.

use std::path::Path;

use crate::color;
use crate::link::Site;

/// An accent as CSS colour values: `fill` for an accent background, `on`
/// for text on it (the pages' `--accent` and `--accent-on`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PictureAccent {
    /// The accent.
    pub fill: String,
    /// Text on the accent.
    pub on: String,
}

/// The accent of `site`'s pages: its `accent_color`, else the `--accent` of
/// its theme's stylesheet (`static/cxsite.css`, the default theme's when the
/// theme has none of its own).
pub fn of_site(site: &Site) -> PictureAccent {
    let own_css = site
        .theme_static
        .iter()
        .find(|(rel, _)| rel == "static/cxsite.css")
        .and_then(|(_, path)| std::fs::read_to_string(Path::new(path)).ok());
    let default_css = super::theme::default_theme_css();
    resolve(site.config.accent_color.as_deref(), own_css.as_deref().unwrap_or(default_css), default_css)
}

/// The accent for a project's `accent_color` and its theme's stylesheet
/// `theme_css`; `default_css` (the default theme's) when neither declares
/// one cxsite can write. A colour cxsite cannot read is kept as written, as
/// the pages keep it.
pub fn resolve(accent_color: Option<&str>, theme_css: &str, default_css: &str) -> PictureAccent {
    let declared = |css: &str| {
        let accent = custom_property(css, "--accent").filter(|v| usable(v))?;
        Some((accent, custom_property(css, "--accent-on").filter(|v| usable(v))))
    };
    let (fill, on) = match accent_color.map(str::trim).filter(|v| usable(v)) {
        // The pages get the shades cxsite works out (base.html), or the colour as written.
        Some(a) => match color::accent(a) {
            Some(shades) => (shades.color, Some(shades.on)),
            None => (a.to_string(), declared(theme_css).and_then(|t| t.1)),
        },
        None => declared(theme_css).or_else(|| declared(default_css)).unwrap_or_else(|| ("#0b6e4f".into(), None)),
    };
    let on = on.or_else(|| color::parse(&fill).map(|c| color::text_on(c).hex())).unwrap_or_else(|| "#ffffff".into());
    PictureAccent { fill, on }
}

/// Whether a colour value can be written into a picture as it is: a safe
/// CSS colour that does not depend on the page (no `var()`).
fn usable(value: &str) -> bool {
    crate::config::is_safe_css_color(value) && !value.contains("var(")
}

/// The value of the custom property `name` in the first `:root { … }` rule
/// of `css`, comments left out.
fn custom_property(css: &str, name: &str) -> Option<String> {
    let root = &css[css.find(":root")?..];
    let body = &root[root.find('{')? + 1..];
    let mut plain = String::with_capacity(body.len());
    let mut rest = body;
    loop {
        let comment = rest.find("/*");
        let end = rest.find('}');
        match (comment, end) {
            (Some(c), Some(e)) if c < e => {
                plain.push_str(&rest[..c]);
                rest = rest[c..].find("*/").map_or("", |x| &rest[c + x + 2..]);
            }
            (_, Some(e)) => {
                plain.push_str(&rest[..e]);
                break;
            }
            _ => return None,
        }
    }
    plain.split(';').find_map(|decl| {
        let (key, value) = decl.split_once(':')?;
        (key.trim() == name).then(|| value.trim().to_string())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const THEME: &str = ":root {\n  --accent: #6a1b9a; /* purple; not green */\n  --accent-ink: var(--accent);\n  --accent-on: #fff;\n}\n.a { --accent: red; }";

    fn pair(a: &PictureAccent) -> (&str, &str) {
        (&a.fill, &a.on)
    }

    #[test]
    fn the_project_colour_comes_first_then_the_theme_then_the_default() {
        let default = super::super::theme::default_theme_css();
        // cxsite.yaml's colour, with the text colour cxsite works out for it (black on #e4572e: white is 3.7:1).
        assert_eq!(pair(&resolve(Some("#e4572e"), THEME, default)), ("#e4572e", "#000000"));
        // No colour in cxsite.yaml: the theme's own, comments and later rules left out.
        assert_eq!(pair(&resolve(None, THEME, default)), ("#6a1b9a", "#fff"));
        // A theme without one: the default theme's green and white.
        assert_eq!(pair(&resolve(None, "body { color: red }", default)), ("#0b6e4f", "#fff"));
        // A colour cxsite cannot read is kept as written (the pages keep it too), with the theme's text colour.
        assert_eq!(
            pair(&resolve(Some("color-mix(in srgb, red 50%, blue)"), THEME, default)),
            ("color-mix(in srgb, red 50%, blue)", "#fff")
        );
        // A value that needs the page (var()) or is unsafe is not written into a picture.
        let page_bound = ":root { --accent: var(--brand); }";
        assert_eq!(pair(&resolve(Some("red;fill:url(x)"), page_bound, default)), ("#0b6e4f", "#fff"));
    }
}
