//! How serde_yaml reads plain (unquoted) scalars: null, booleans, numbers.

/// How serde_yaml reads a plain (unquoted) scalar.
pub(super) enum Plain {
    /// Empty, `~` or `null`.
    Null,
    /// `true` / `false` (also capitalised or upper case).
    Bool(bool),
    /// An integer, in any of YAML's bases.
    Int(i128),
    /// A finite decimal, `.inf` or `.nan`.
    Float(f64),
    /// Anything else: text.
    Str,
}

impl Plain {
    /// Reads the text of a plain scalar.
    pub(super) fn of(t: &str) -> Plain {
        if t.is_empty() || matches!(t, "~" | "null" | "Null" | "NULL") {
            Plain::Null
        } else if matches!(t, "true" | "True" | "TRUE") {
            Plain::Bool(true)
        } else if matches!(t, "false" | "False" | "FALSE") {
            Plain::Bool(false)
        } else if digits_but_not_number(t) {
            Plain::Str
        } else if let Some(i) = parse_int(t) {
            Plain::Int(i)
        } else if let Some(f) = parse_float(t) {
            Plain::Float(f)
        } else {
            Plain::Str
        }
    }
}

/// `12`, `-3`, `+7`, `0x1f`, `0o17`, `0b101`, as serde_yaml reads them.
fn parse_int(t: &str) -> Option<i128> {
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, digits) = [("0x", 16), ("0o", 8), ("0b", 2)]
        .iter()
        .find_map(|(p, r)| body.strip_prefix(p).map(|d| (*r, d)))
        .unwrap_or((10, body));
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    let value = i128::from_str_radix(digits, radix).ok()?;
    Some(if negative { -value } else { value })
}

/// A number with leading zeros (`012`) is a string in YAML 1.2.
fn digits_but_not_number(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    t.len() > 1 && t.starts_with('0') && t[1..].bytes().all(|b| b.is_ascii_digit())
}

/// serde_yaml's `parse_f64`: finite decimals and `.inf`/`.nan`.
pub(super) fn parse_float(t: &str) -> Option<f64> {
    let unsigned = match t.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => t,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match t {
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kind(t: &str) -> &'static str {
        match Plain::of(t) {
            Plain::Null => "null",
            Plain::Bool(_) => "bool",
            Plain::Int(_) => "int",
            Plain::Float(_) => "float",
            Plain::Str => "str",
        }
    }

    #[test]
    fn reads_scalars_as_serde_yaml_does() {
        let cases = [
            ("", "null"),
            ("~", "null"),
            ("True", "bool"),
            ("yes", "str"),
            ("-3", "int"),
            ("+7", "int"),
            ("0x1f", "int"),
            ("012", "str"),
            ("1.5", "float"),
            ("1e3", "float"),
            (".inf", "float"),
            ("inf", "str"),
            ("very negative", "str"),
        ];
        for (text, want) in cases {
            assert_eq!(kind(text), want, "{text:?}");
        }
        assert!(matches!(Plain::of("-0x10"), Plain::Int(-16)));
    }
}
