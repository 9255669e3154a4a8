//! Dates as readers write them: ISO `YYYY-MM-DD` in the project, "16 March
//! 2026" / "16 maart 2026" on the page.

use crate::config::Language;

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_NL: [&str; 12] = [
    "januari",
    "februari",
    "maart",
    "april",
    "mei",
    "juni",
    "juli",
    "augustus",
    "september",
    "oktober",
    "november",
    "december",
];

/// (year, month, day) of an ISO `YYYY-MM-DD` date that exists on the calendar.
pub fn parse_iso(s: &str) -> Option<(u32, u32, u32)> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let num = |r: std::ops::Range<usize>| {
        let part = &s[r];
        part.bytes().all(|c| c.is_ascii_digit()).then(|| part.parse::<u32>().ok()).flatten()
    };
    let (y, m, d) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let days = match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => return None,
    };
    (1..=days).contains(&d).then_some((y, m, d))
}

/// The date in words in `lang` ("16 March 2026", "16 maart 2026"); the text
/// as written when it is not an ISO date.
pub fn long(lang: Language, iso: &str) -> String {
    match parse_iso(iso.trim()) {
        Some((y, m, d)) => {
            let months = if lang == Language::Nl { &MONTHS_NL } else { &MONTHS_EN };
            format!("{d} {} {y}", months[(m - 1) as usize])
        }
        None => iso.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_in_words() {
        assert_eq!(long(Language::En, "2026-03-16"), "16 March 2026");
        assert_eq!(long(Language::Nl, "2026-03-16"), "16 maart 2026");
        assert_eq!(long(Language::En, "2026-11-02"), "2 November 2026");
        assert_eq!(long(Language::Nl, "2024-02-29"), "29 februari 2024");
        assert_eq!(long(Language::En, "spring 2026"), "spring 2026");
    }

    #[test]
    fn only_calendar_dates_parse() {
        assert_eq!(parse_iso("2026-03-16"), Some((2026, 3, 16)));
        assert_eq!(parse_iso("2025-02-29"), None);
        assert_eq!(parse_iso("2000-02-29"), Some((2000, 2, 29)));
        assert_eq!(parse_iso("1900-02-29"), None);
        assert_eq!(parse_iso("2026-04-31"), None);
        assert_eq!(parse_iso("2026-13-01"), None);
        assert_eq!(parse_iso("2026-1-01x"), None);
        assert_eq!(parse_iso("+026-01-01"), None);
    }
}
