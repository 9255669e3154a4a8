//! HTML as cxsite writes and rewrites it: escaping text for a page (every
//! value from YAML goes through [`escape_html`]), and a small tokenizer for
//! rewriting attribute values in place (used by `export` and `pdf`).
//!
//! The tokenizer follows the WHATWG tokenizer where that decides what is a tag: comments
//! (including the abrupt `<!-->` forms), doctypes and bogus comments, CDATA in
//! SVG/MathML, raw-text elements (`script`, `style`, `xmp`, `iframe`,
//! `noembed`, `noframes`, `plaintext`) and RCDATA (`title`, `textarea`),
//! unquoted, single- and double-quoted attribute values. There is no tree
//! construction: the export only needs to find tags and their attributes, and
//! everything it does not change is copied byte for byte.
//!
//! Known simplification: the "script data double escaped" state (`<!--`
//! followed by `<script>` inside a script) is not modelled; a `</script`
//! always ends a script.

use std::borrow::Cow;

/// One piece of an HTML document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Token<'a> {
    /// Text, comments, doctypes, CDATA and the contents of raw-text elements, verbatim.
    Text(&'a str),
    /// A start tag.
    Start(StartTag<'a>),
    /// An end tag.
    End(EndTag<'a>),
    /// The input ends inside a comment, CDATA section, bogus comment or
    /// raw-text element: this text closes it (it is not in the input), so
    /// that what follows the page in the export is not swallowed.
    Unclosed(&'static str),
}

/// A start tag with its attributes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartTag<'a> {
    /// The tag name in lower case.
    pub name: String,
    /// The tag name as written.
    pub raw_name: &'a str,
    /// The attributes in source order (duplicates included).
    pub attrs: Vec<Attr<'a>>,
    /// Written as `<x/>`.
    pub self_closing: bool,
    /// The whole tag as written, `<` to `>`.
    pub raw: &'a str,
}

/// An end tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EndTag<'a> {
    /// The tag name in lower case.
    pub name: String,
    /// The whole tag as written.
    pub raw: &'a str,
}

/// One attribute of a start tag.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attr<'a> {
    /// The name in lower case.
    pub name: String,
    /// The name as written (SVG names such as `viewBox` keep their case).
    pub raw_name: &'a str,
    /// The value as written, without quotes and not yet decoded; `None` for `<x attr>`.
    pub raw_value: Option<&'a str>,
    /// The attribute as written, with the whitespace before it.
    pub raw: &'a str,
}

impl Attr<'_> {
    /// The value with character references decoded (empty for a bare attribute).
    pub fn value(&self) -> Cow<'_, str> {
        decode(self.raw_value.unwrap_or(""))
    }
}

impl<'a> StartTag<'a> {
    /// The decoded value of the first attribute called `name` (lower case).
    pub fn attr(&self, name: &str) -> Option<Cow<'_, str>> {
        self.attrs.iter().find(|a| a.name == name).map(Attr::value)
    }
}

fn is_ws(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | 0x0c)
}

/// Elements whose content is text up to their own end tag (in HTML content).
fn is_raw_text(name: &str) -> bool {
    matches!(name, "script" | "style" | "xmp" | "iframe" | "noembed" | "noframes" | "title" | "textarea")
}

/// The end tag of a raw-text element, for [`Token::Unclosed`].
fn closing(name: &str) -> &'static str {
    match name {
        "script" => "</script>",
        "style" => "</style>",
        "xmp" => "</xmp>",
        "iframe" => "</iframe>",
        "noembed" => "</noembed>",
        "noframes" => "</noframes>",
        "title" => "</title>",
        _ => "</textarea>",
    }
}

/// Splits `src` into tokens. Never fails: whatever is not a tag is text. A
/// tag cut off by the end of the input is left out (browsers drop it too).
pub fn tokenize<'a>(src: &'a str) -> Vec<Token<'a>> {
    let b = src.as_bytes();
    let mut out = Vec::new();
    let mut text_start = 0;
    let mut i = 0;
    // Depth of <svg>/<math>: there CDATA exists and no element is raw text.
    let mut foreign = 0usize;
    let mut unclosed = None;
    let flush = |out: &mut Vec<Token<'a>>, from: usize, to: usize| {
        if to > from {
            out.push(Token::Text(&src[from..to]));
        }
    };
    while i < b.len() {
        let Some(lt) = src[i..].find('<').map(|k| i + k) else { break };
        i = lt;
        match b.get(i + 1).copied() {
            Some(b'!') => {
                let (end, open) = markup_declaration_end(src, i, foreign > 0);
                i = end;
                unclosed = open;
            }
            Some(b'?') => (i, unclosed) = after_gt(src, i + 2),
            Some(b'/') => match b.get(i + 2).copied() {
                Some(c) if c.is_ascii_alphabetic() => {
                    let Some((tag, end)) = parse_tag(src, i + 2) else {
                        flush(&mut out, text_start, i);
                        text_start = b.len();
                        break;
                    };
                    flush(&mut out, text_start, i);
                    if foreign > 0 && (tag.name == "svg" || tag.name == "math") {
                        foreign -= 1;
                    }
                    out.push(Token::End(EndTag { name: tag.name, raw: &src[i..end] }));
                    i = end;
                    text_start = i;
                }
                Some(b'>') => i += 3,
                _ => (i, unclosed) = after_gt(src, i + 2),
            },
            Some(c) if c.is_ascii_alphabetic() => {
                let Some((mut tag, end)) = parse_tag(src, i + 1) else {
                    flush(&mut out, text_start, i);
                    text_start = b.len();
                    break;
                };
                flush(&mut out, text_start, i);
                tag.raw = &src[i..end];
                let name = tag.name.clone();
                let self_closing = tag.self_closing;
                out.push(Token::Start(tag));
                i = end;
                text_start = i;
                if name == "svg" || name == "math" {
                    if !self_closing {
                        foreign += 1;
                    }
                } else if foreign == 0 && name == "plaintext" {
                    i = b.len();
                } else if foreign == 0 && is_raw_text(&name) {
                    let close = find_end_tag(src, i, &name);
                    flush(&mut out, text_start, close);
                    i = close;
                    text_start = i;
                    if close == b.len() {
                        unclosed = Some(closing(&name));
                    }
                }
            }
            _ => i += 1,
        }
    }
    flush(&mut out, text_start, b.len());
    if let Some(close) = unclosed {
        out.push(Token::Unclosed(close));
    }
    out
}

/// Index just past the `>` at or after `from`; at the end of the input, what closes it.
fn after_gt(src: &str, from: usize) -> (usize, Option<&'static str>) {
    match src[from.min(src.len())..].find('>') {
        Some(k) => (from + k + 1, None),
        None => (src.len(), Some(">")),
    }
}

/// Index just past a comment, doctype, CDATA section or bogus comment starting
/// at `lt` (`<!`); at the end of the input, what closes it.
fn markup_declaration_end(src: &str, lt: usize, foreign: bool) -> (usize, Option<&'static str>) {
    let rest = &src[lt..];
    if let Some(body) = rest.strip_prefix("<!--") {
        if body.starts_with('>') {
            return (lt + 5, None);
        }
        if body.starts_with("->") {
            return (lt + 6, None);
        }
        let a = body.find("-->").map(|k| k + 3);
        let b = body.find("--!>").map(|k| k + 4);
        return match (a, b) {
            (Some(x), Some(y)) => (lt + 4 + x.min(y), None),
            (Some(x), None) | (None, Some(x)) => (lt + 4 + x, None),
            (None, None) => (src.len(), Some("-->")),
        };
    }
    if foreign && rest.starts_with("<![CDATA[") {
        return rest.find("]]>").map_or((src.len(), Some("]]>")), |k| (lt + k + 3, None));
    }
    after_gt(src, lt + 2)
}

/// Where the end tag `</name` of a raw-text element starts (or the end of `src`).
fn find_end_tag(src: &str, from: usize, name: &str) -> usize {
    let b = src.as_bytes();
    let mut i = from;
    while let Some(k) = src[i..].find("</") {
        let at = i + k;
        let after = at + 2 + name.len();
        if after <= b.len()
            && src.as_bytes()[at + 2..after].eq_ignore_ascii_case(name.as_bytes())
            && b.get(after).is_none_or(|&c| is_ws(c) || c == b'/' || c == b'>')
        {
            return at;
        }
        i = at + 2;
    }
    src.len()
}

/// Parses a tag whose name starts at `start`; returns it and the index past `>`.
/// `None` when the document ends inside the tag.
fn parse_tag(src: &str, start: usize) -> Option<(StartTag<'_>, usize)> {
    let b = src.as_bytes();
    let mut j = start;
    while j < b.len() && !is_ws(b[j]) && b[j] != b'/' && b[j] != b'>' {
        j += 1;
    }
    let raw_name = &src[start..j];
    let mut tag =
        StartTag { name: raw_name.to_ascii_lowercase(), raw_name, attrs: Vec::new(), self_closing: false, raw: "" };
    loop {
        let attr_start = j;
        while j < b.len() && is_ws(b[j]) {
            j += 1;
        }
        match b.get(j).copied() {
            None => return None,
            Some(b'>') => return Some((tag, j + 1)),
            Some(b'/') => {
                if b.get(j + 1) == Some(&b'>') {
                    tag.self_closing = true;
                    return Some((tag, j + 2));
                }
                j += 1;
                continue;
            }
            Some(_) => {}
        }
        // An attribute name may begin with any character, even `=`.
        let name_start = j;
        j += src[j..].chars().next().map_or(1, char::len_utf8);
        while j < b.len() && !is_ws(b[j]) && !matches!(b[j], b'/' | b'>' | b'=') {
            j += 1;
        }
        let raw_name = &src[name_start..j];
        let mut k = j;
        while k < b.len() && is_ws(b[k]) {
            k += 1;
        }
        let mut raw_value = None;
        if b.get(k) == Some(&b'=') {
            k += 1;
            while k < b.len() && is_ws(b[k]) {
                k += 1;
            }
            match b.get(k).copied() {
                None => return None,
                Some(q @ (b'"' | b'\'')) => {
                    let close = src[k + 1..].find(q as char)? + k + 1;
                    raw_value = Some(&src[k + 1..close]);
                    j = close + 1;
                }
                Some(b'>') => {
                    raw_value = Some("");
                    j = k;
                }
                Some(_) => {
                    let mut e = k;
                    while e < b.len() && !is_ws(b[e]) && b[e] != b'>' {
                        e += 1;
                    }
                    raw_value = Some(&src[k..e]);
                    j = e;
                }
            }
        }
        tag.attrs.push(Attr { name: raw_name.to_ascii_lowercase(), raw_name, raw_value, raw: &src[attr_start..j] });
    }
}

/// Decodes the character references that matter in URLs and ids: numeric
/// ones and `&amp; &lt; &gt; &quot; &apos; &nbsp;`. Other named references are
/// left as written.
pub fn decode(raw: &str) -> Cow<'_, str> {
    if !raw.contains('&') {
        return Cow::Borrowed(raw);
    }
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let end = rest[1..].find(|c: char| !c.is_ascii_alphanumeric() && c != '#').map_or(rest.len(), |k| k + 1);
        let name = &rest[1..end];
        let has_semi = rest[end..].starts_with(';');
        let decoded = if let Some(num) = name.strip_prefix('#') {
            let n = match num.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok(),
                None => num.parse::<u32>().ok(),
            };
            n.map(|n| char::from_u32(n).filter(|&c| c != '\0').unwrap_or('\u{FFFD}'))
        } else if has_semi {
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                "nbsp" => Some('\u{a0}'),
                _ => None,
            }
        } else {
            None
        };
        match decoded {
            Some(c) if name.len() > 1 => {
                out.push(c);
                rest = &rest[end + usize::from(has_semi)..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    Cow::Owned(out)
}

/// Escapes a value for a double-quoted attribute.
pub fn escape_attr(s: &str) -> Cow<'_, str> {
    if !s.contains(['&', '"']) {
        return Cow::Borrowed(s);
    }
    Cow::Owned(s.replace('&', "&amp;").replace('"', "&quot;"))
}

/// What to do with one attribute when a tag is written out again.
pub enum Edit {
    /// Keep it as written.
    Keep,
    /// Write it with this (unescaped) value.
    Set(String),
    /// Leave it out.
    Drop,
}

/// Writes `tag` with `edits` applied (one per attribute, in order; missing
/// ones mean [`Edit::Keep`]) and `extra` attributes (name, unescaped value)
/// appended. Later duplicates of an attribute are dropped (browsers ignore
/// them). An unchanged tag is copied as written.
pub fn write_tag(out: &mut String, tag: &StartTag<'_>, edits: Vec<Edit>, extra: &[(&str, String)]) {
    let mut edits = edits.into_iter();
    let mut plan = Vec::with_capacity(tag.attrs.len());
    let mut changed = !extra.is_empty();
    for (n, a) in tag.attrs.iter().enumerate() {
        let e = edits.next().unwrap_or(Edit::Keep);
        let e = if tag.attrs[..n].iter().any(|p| p.name == a.name) { Edit::Drop } else { e };
        changed |= !matches!(e, Edit::Keep);
        plan.push(e);
    }
    if !changed {
        out.push_str(tag.raw);
        return;
    }
    out.push('<');
    out.push_str(tag.raw_name);
    for (a, e) in tag.attrs.iter().zip(plan) {
        match e {
            Edit::Keep => {
                if !a.raw.starts_with(|c: char| c.is_ascii_whitespace()) {
                    out.push(' ');
                }
                out.push_str(a.raw);
            }
            Edit::Set(v) => push_attr(out, a.raw_name, &v),
            Edit::Drop => {}
        }
    }
    for (name, value) in extra {
        push_attr(out, name, value);
    }
    out.push_str(if tag.self_closing { "/>" } else { ">" });
}

fn push_attr(out: &mut String, name: &str, value: &str) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    out.push_str(&escape_attr(value));
    out.push('"');
}

/// Escapes the five HTML-significant characters (Tera 1 also escapes `/`,
/// which would turn every relative link into `..&#x2F;`). Tera calls it for
/// every variable of every page, so it copies runs of plain text whole.
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    push_escaped(&mut out, s);
    out
}

/// Appends `s` to `out`, escaped as [`escape_html`] does.
pub fn push_escaped(out: &mut String, s: &str) {
    let mut plain = 0;
    for (at, b) in s.bytes().enumerate() {
        let entity = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            _ => continue,
        };
        // The five are ASCII, so `at` is a character boundary.
        out.push_str(&s[plain..at]);
        out.push_str(entity);
        plain = at + 1;
    }
    out.push_str(&s[plain..]);
}

#[cfg(test)]
mod tests {
    use super::*;

    type Attrs = Vec<(String, Option<String>)>;

    fn starts(src: &str) -> Vec<(String, Attrs)> {
        tokenize(src)
            .into_iter()
            .filter_map(|t| match t {
                Token::Start(s) => Some((
                    s.name.clone(),
                    s.attrs.iter().map(|a| (a.name.clone(), a.raw_value.map(|_| a.value().into_owned()))).collect(),
                )),
                _ => None,
            })
            .collect()
    }

    #[test]
    fn escape_html_escapes_the_five_and_keeps_everything_else() {
        assert_eq!(escape_html("a & b"), "a &amp; b");
        assert_eq!(escape_html("<i>'x' \"y\"</i>"), "&lt;i&gt;&#39;x&#39; &quot;y&quot;&lt;/i&gt;");
        // Multi-byte characters next to the five, and a run after the last one.
        assert_eq!(escape_html("€<é>ğ&€ tail"), "€&lt;é&gt;ğ&amp;€ tail");
        assert_eq!(escape_html("../insights/a.html"), "../insights/a.html");
        assert_eq!(escape_html(""), "");
        let mut out = String::from("x");
        push_escaped(&mut out, "&");
        assert_eq!(out, "x&amp;");
    }

    #[test]
    fn tokens_cover_the_input_exactly() {
        let src = "<!DOCTYPE html><p class=x>a &amp; b<!-- <a href=no> --><br/>\n<svg><![CDATA[<a href=no>]]><use href='#s'/></svg>< p</p>";
        assert_eq!(written(&tokenize(src)), src);
        let names: Vec<_> = starts(src).into_iter().map(|(n, _)| n).collect();
        assert_eq!(names, ["p", "br", "svg", "use"]);
    }

    #[test]
    fn attribute_forms() {
        let got = starts(r#"<a href=x.html data-q='it"s' hidden title = "a &amp; b &#x41;&#66; &copy;" =odd>"#);
        let attrs = &got[0].1;
        assert_eq!(attrs[0], ("href".into(), Some("x.html".into())));
        assert_eq!(attrs[1], ("data-q".into(), Some("it\"s".into())));
        assert_eq!(attrs[2], ("hidden".into(), None));
        assert_eq!(attrs[3], ("title".into(), Some("a & b AB &copy;".into())));
        assert_eq!(attrs[4].0, "=odd");
    }

    #[test]
    fn raw_text_and_comments_hide_tags() {
        let src = "<script>if (a<b) { x = '<a href=\"no\">' }</script ><style>a{}</style><title><a href=no></title>\
                   <textarea><img src=no></textarea><!--><img src=yes1><!---><img src=yes2><!-- x --!><img src=yes3>";
        let got = starts(src);
        let names: Vec<_> = got.iter().map(|(n, _)| n.as_str()).collect();
        assert_eq!(names, ["script", "style", "title", "textarea", "img", "img", "img"]);
        // Inside SVG, <style> and <title> hold markup.
        assert_eq!(starts("<svg><title><a href=y></a></title></svg>").len(), 3);
    }

    fn written(toks: &[Token<'_>]) -> String {
        toks.iter()
            .map(|t| match t {
                Token::Text(s) | Token::Unclosed(s) => *s,
                Token::Start(s) => s.raw,
                Token::End(e) => e.raw,
            })
            .collect()
    }

    #[test]
    fn unfinished_input_is_closed_or_dropped() {
        for (src, want) in [
            ("p<a href=\"x", "p"),
            ("p<a href", "p"),
            ("</a", ""),
            ("<!-- x", "<!-- x-->"),
            ("<!DOCTYPE", "<!DOCTYPE>"),
            ("<script>x", "<script>x</script>"),
            ("<textarea>x <b>", "<textarea>x <b></textarea>"),
            ("<svg><![CDATA[x", "<svg><![CDATA[x]]>"),
            ("a < b <", "a < b <"),
            ("<title></title><!-- done -->", "<title></title><!-- done -->"),
        ] {
            assert_eq!(written(&tokenize(src)), want, "{src}");
        }
    }

    #[test]
    fn writing_back() {
        let toks = tokenize(r#"<a href="x.html" class=c href="dup" title='t'>"#);
        let Token::Start(tag) = &toks[0] else { panic!() };
        let mut out = String::new();
        write_tag(&mut out, tag, vec![Edit::Set("#a&\"b".into())], &[]);
        assert_eq!(out, r##"<a href="#a&amp;&quot;b" class=c title='t'>"##);
        let mut same = String::new();
        write_tag(&mut same, tag, Vec::new(), &[]);
        assert_eq!(same, r#"<a href="x.html" class=c title='t'>"#, "duplicates dropped");
    }

    #[test]
    fn decoding() {
        assert_eq!(decode("a&amp;b&lt;&#60;&#x3c;&bogus;&"), "a&b<<<&bogus;&");
        assert_eq!(decode("&#0;"), "\u{FFFD}");
    }
}
