//! Text measuring for SVG layout without system fonts.
//!
//! Widths are the advance widths of Liberation Sans (metric-compatible with
//! Arial and Helvetica), in thousandths of an em, so text laid out here fits
//! when the browser draws it with `FONT_FAMILY`. Deterministic everywhere.

/// The font stack every chart names; its first fonts share these metrics.
pub const FONT_FAMILY: &str = "'Liberation Sans', Arial, Helvetica, sans-serif";

/// Advance widths of ASCII 32–126, regular weight (per 1000 em).
const REGULAR: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556,
    556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334,
    260, 334, 584,
];

/// Advance widths of ASCII 32–126, bold weight (per 1000 em).
const BOLD: [u16; 95] = [
    278, 333, 474, 556, 556, 889, 722, 238, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556,
    556, 556, 556, 333, 333, 584, 584, 584, 611, 975, 722, 722, 722, 722, 667, 611, 778, 722, 278, 556, 722, 611, 833,
    722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 333, 278, 333, 584, 556, 333, 556, 611, 556, 611,
    556, 333, 611, 611, 278, 278, 556, 278, 889, 611, 611, 611, 611, 389, 556, 333, 611, 556, 778, 556, 556, 500, 389,
    280, 389, 584,
];

/// Font weight for measuring.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Weight {
    /// Normal text.
    Regular,
    /// Bold text.
    Bold,
}

fn char_width(c: char, weight: Weight) -> u16 {
    let table = if weight == Weight::Bold { &BOLD } else { &REGULAR };
    match c {
        ' '..='~' => table[c as usize - 32],
        '\u{2013}' | '\u{20ac}' => 556,                            // en dash, euro
        '\u{2014}' | '\u{2026}' | '\u{2192}' | '\u{2190}' => 1000, // em dash, ellipsis, arrows
        '\u{2018}' | '\u{2019}' => 250,
        '\u{201c}' | '\u{201d}' => 420,
        '\u{2022}' => 350,
        '\u{2212}' | '\u{00b1}' | '\u{2248}' => 584,
        c if (c as u32) < 0x250 => 600,    // Latin-1 and Latin Extended: accented letters
        c if (c as u32) >= 0x2e80 => 1000, // CJK and wider
        _ => 650,
    }
}

/// Width of `s` in pixels at font `size` (px).
pub fn width(s: &str, size: f64, weight: Weight) -> f64 {
    s.chars().map(|c| f64::from(char_width(c, weight))).sum::<f64>() * size / 1000.0
}

/// Wraps `s` into lines no wider than `max` px (a word longer than a line is
/// broken). At most `max_lines` lines; a cut-off last line ends with `…`.
pub fn wrap(s: &str, size: f64, weight: Weight, max: f64, max_lines: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in s.split_whitespace() {
        let candidate = if current.is_empty() { word.to_string() } else { format!("{current} {word}") };
        if width(&candidate, size, weight) <= max {
            current = candidate;
            continue;
        }
        if !current.is_empty() {
            lines.push(std::mem::take(&mut current));
        }
        // Break a word that is wider than a whole line.
        let mut piece = String::new();
        for c in word.chars() {
            piece.push(c);
            if width(&piece, size, weight) > max && piece.chars().count() > 1 {
                piece.pop();
                lines.push(std::mem::take(&mut piece));
                piece.push(c);
            }
        }
        current = piece;
    }
    if !current.is_empty() {
        lines.push(current);
    }
    if max_lines > 0 && lines.len() > max_lines {
        lines.truncate(max_lines);
        let last = lines.last_mut().expect("max_lines > 0");
        while !last.is_empty() && width(&format!("{last}…"), size, weight) > max {
            last.pop();
        }
        last.push('…');
    }
    lines
}

/// Escapes text for SVG content and attribute values.
pub fn escape(s: &str) -> String {
    crate::html::escape_html(s)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_follow_the_metric() {
        assert_eq!(width("i", 10.0, Weight::Regular), 2.22);
        assert!(width("W", 10.0, Weight::Regular) > width("i", 10.0, Weight::Regular) * 4.0);
        assert!(width("Day", 12.0, Weight::Bold) > width("Day", 12.0, Weight::Regular));
    }

    #[test]
    fn wraps_long_text_and_breaks_long_words() {
        let long = "word ".repeat(60);
        let lines = wrap(&long, 12.0, Weight::Regular, 100.0, 0);
        assert!(lines.len() > 5);
        assert!(lines.iter().all(|l| width(l, 12.0, Weight::Regular) <= 100.0));
        let cut = wrap(&long, 12.0, Weight::Regular, 100.0, 3);
        assert_eq!(cut.len(), 3);
        assert!(cut[2].ends_with('…'));
        let huge = wrap(&"x".repeat(300), 12.0, Weight::Regular, 50.0, 0);
        assert!(huge.len() > 10 && huge.iter().all(|l| width(l, 12.0, Weight::Regular) <= 50.0));
    }
}
