//! How numbers are written for templates: as text, so every theme shows the
//! same digits and the same minus sign.

/// Two decimals with an ASCII minus (for data attributes).
pub fn fixed2(x: f64) -> String {
    let s = format!("{x:.2}");
    if s == "-0.00" {
        "0.00".into()
    } else {
        s
    }
}

/// A number for display: Unicode minus sign.
pub fn display_minus(s: &str) -> String {
    s.replacen('-', "\u{2212}", 1)
}

/// A day number without a needless `.0`.
pub fn day_text(d: f64) -> String {
    if d.fract() == 0.0 {
        format!("{}", d as i64)
    } else {
        format!("{d}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_for_display() {
        assert_eq!(fixed2(-0.8333), "-0.83");
        assert_eq!(fixed2(-0.0001), "0.00");
        assert_eq!(display_minus("-0.83"), "\u{2212}0.83");
        assert_eq!(day_text(3.0), "3");
        assert_eq!(day_text(2.5), "2.5");
    }
}
