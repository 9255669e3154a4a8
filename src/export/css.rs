//! `url(…)` and `@import "…"` in CSS: found and replaced, with comments and
//! strings skipped, so a stylesheet or a `style` attribute can have its
//! references inlined or pointed at renamed ids.

use std::borrow::Cow;

fn is_ident(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'\\' || b >= 0x80
}

/// Index just past the string starting at `start` (a quote), honouring `\` escapes.
fn string_end(b: &[u8], start: usize) -> usize {
    let q = b[start];
    let mut i = start + 1;
    while i < b.len() {
        match b[i] {
            b'\\' => i += 2,
            c if c == q => return i + 1,
            b'\n' => return i,
            _ => i += 1,
        }
    }
    b.len()
}

/// Undoes CSS escapes of the simple kind (`\"`, `\\`, `\)`); hex escapes stay.
fn unescape(s: &str) -> Cow<'_, str> {
    if !s.contains('\\') {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut chars = s.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some(n) if !n.is_ascii_hexdigit() && n != '\n' => out.push(n),
                Some(n) => {
                    out.push('\\');
                    out.push(n);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// `url("…")` with the value escaped for a double-quoted CSS string.
pub fn url_token(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 7);
    out.push_str("url(\"");
    for c in value.chars() {
        match c {
            '"' | '\\' => {
                out.push('\\');
                out.push(c);
            }
            '\n' => out.push_str("\\a "),
            c => out.push(c),
        }
    }
    out.push_str("\")");
    out
}

/// Calls `map` with each URL referenced by `css` (unescaped); where it returns
/// `Some(new)`, the reference becomes `url("new")`. Malformed references are left alone.
pub fn rewrite_urls<'a>(css: &'a str, map: &mut dyn FnMut(&str) -> Option<String>) -> Cow<'a, str> {
    if !css.contains("url(") && !css.contains("URL(") && !css.contains("@import") {
        return Cow::Borrowed(css);
    }
    let b = css.as_bytes();
    let mut out = String::with_capacity(css.len());
    let mut copied = 0;
    let mut i = 0;
    while i < b.len() {
        match b[i] {
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = css[i + 2..].find("*/").map_or(b.len(), |k| i + 2 + k + 2);
            }
            b'"' | b'\'' => i = string_end(b, i),
            b'@' if css[i..].starts_with("@import") => {
                let mut j = i + 7;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let end = string_end(b, j);
                    if end > j + 1 && b[end - 1] == b[j] {
                        if let Some(new) = map(&unescape(&css[j + 1..end - 1])) {
                            out.push_str(&css[copied..j]);
                            out.push_str(&url_token(&new));
                            copied = end;
                        }
                    }
                    i = end;
                } else {
                    i = j;
                }
            }
            b'u' | b'U'
                if css.get(i..i + 4).is_some_and(|s| s.eq_ignore_ascii_case("url("))
                    && (i == 0 || !is_ident(b[i - 1])) =>
            {
                let mut j = i + 4;
                while j < b.len() && b[j].is_ascii_whitespace() {
                    j += 1;
                }
                let (value, after) = if j < b.len() && (b[j] == b'"' || b[j] == b'\'') {
                    let end = string_end(b, j);
                    if end <= j + 1 || b[end - 1] != b[j] {
                        i = end;
                        continue;
                    }
                    (unescape(&css[j + 1..end - 1]), end)
                } else {
                    let end = css[j..].find(')').map_or(b.len(), |k| j + k);
                    (unescape(css[j..end].trim_end()), end)
                };
                let mut k = after;
                while k < b.len() && b[k].is_ascii_whitespace() {
                    k += 1;
                }
                if b.get(k) != Some(&b')') {
                    i = k.max(i + 4);
                    continue;
                }
                if let Some(new) = map(&value) {
                    out.push_str(&css[copied..i]);
                    out.push_str(&url_token(&new));
                    copied = k + 1;
                }
                i = k + 1;
            }
            _ => i += 1,
        }
    }
    if copied == 0 {
        return Cow::Borrowed(css);
    }
    out.push_str(&css[copied..]);
    Cow::Owned(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn upper(css: &str) -> String {
        rewrite_urls(css, &mut |u| Some(u.to_uppercase())).into_owned()
    }

    #[test]
    fn finds_every_form() {
        assert_eq!(upper("a{background:url(x.png)}"), "a{background:url(\"X.PNG\")}");
        assert_eq!(upper("a{b:URL( 'a b.png' ) c}"), "a{b:url(\"A B.PNG\") c}");
        assert_eq!(
            upper("@font-face{src:url(\"f.woff2\") format('woff2')}"),
            "@font-face{src:url(\"F.WOFF2\") format('woff2')}"
        );
        assert_eq!(upper("@import \"base.css\";"), "@import url(\"BASE.CSS\");");
        assert_eq!(upper("fill:url(#hatch)"), "fill:url(\"#HATCH\")");
    }

    #[test]
    fn skips_comments_strings_and_lookalikes() {
        for css in ["/* url(x) */", "a::after{content:\"url(x)\"}", "a{--myurl(x)}", "a{b:url(x"] {
            assert_eq!(upper(css), css);
        }
    }

    #[test]
    fn unchanged_when_the_map_says_none() {
        assert!(matches!(rewrite_urls("a{b:url(x)}", &mut |_| None), Cow::Borrowed(_)));
    }
}
