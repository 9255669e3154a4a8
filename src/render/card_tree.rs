//! The cards of a `search/cards-N.js` written small (docs/search.md): each
//! card, rendered by the theme's `partials/insight-card.html`, is read back
//! into its elements and text, and written as nested arrays that
//! insights.js builds with `createElement`, `setAttribute` and text nodes
//! (no HTML parsing of the data on the page). What the cards of one file
//! repeat (start tags, classes, labels, whitespace) is written once, in the
//! file's table, and referred to by number.
//!
//! The data of a file is `[table, cards]`:
//!
//! - a card is a list of nodes; a node is a string (text), an element
//!   `[open, node…]`, or a number: the table's text at that place;
//! - an open is `[tag, name, value, …]`; or a number: the table's template
//!   at that place, used as it is; or `[-1 - number, fill…]`: that template
//!   with its holes filled in order;
//! - the table holds strings, then templates: the opens of one kind (the
//!   same tag and attribute names) that occur more than once in the file, as
//!   `[tag, name, value, …]` where a value that differs between them is a
//!   hole `[prefix, suffix]` (what all its values start and end with);
//! - inside an open or a template, a number is the table's string there.
//!
//! A card this cannot write as elements and text exactly as a browser would
//! read it (a comment, a script, SVG, a character reference it does not
//! decode, tags that do not nest, markup that does not write back to the
//! same HTML) stays the theme's HTML, a string in place of the list: the
//! page reads that as HTML, as before.

use std::borrow::Cow;
use std::collections::HashMap;

use super::shards::json;
use crate::html::{decode, tokenize, Token};

/// One piece of a card.
enum Node<'a> {
    /// Text, decoded.
    Text(Cow<'a, str>),
    /// An element: its open (tag, then attribute names and decoded values) and its children.
    El(Vec<Cow<'a, str>>, Vec<Node<'a>>),
}

/// Elements without an end tag.
const VOID: [&str; 13] =
    ["area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source", "track", "wbr"];

/// Elements whose content is not plain elements and text, or that mean more than their markup.
const NOT_PLAIN: [&str; 12] = [
    "script",
    "style",
    "svg",
    "math",
    "template",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "plaintext",
];

/// A name `setAttribute` takes and the HTML tokenizer reads back the same.
fn plain_name(name: &str) -> bool {
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ':'))
}

/// `raw` decoded, when [`decode`] decodes every character reference in it.
fn decoded(raw: &str) -> Option<Cow<'_, str>> {
    let mut rest = raw;
    while let Some(at) = rest.find('&') {
        rest = &rest[at + 1..];
        let name_end = rest.find(|c: char| !c.is_ascii_alphanumeric()).unwrap_or(rest.len());
        let name = &rest[..name_end];
        let known = ["amp", "lt", "gt", "quot", "apos", "nbsp"].contains(&name) && rest[name_end..].starts_with(';');
        if !name.is_empty() && !known {
            return None;
        }
    }
    Some(decode(raw))
}

/// The nodes of `html`, or `None` when they are not plain elements and text.
fn parse(html: &str) -> Option<Vec<Node<'_>>> {
    let mut open: Vec<(Vec<Cow<str>>, Vec<Node>)> = Vec::new();
    let mut top: Vec<Node> = Vec::new();
    fn push<'a>(open: &mut [(Vec<Cow<'a, str>>, Vec<Node<'a>>)], top: &mut Vec<Node<'a>>, node: Node<'a>) {
        match open.last_mut() {
            Some((_, children)) => children.push(node),
            None => top.push(node),
        }
    }
    for token in tokenize(html) {
        match token {
            Token::Text(t) if t.contains('<') => return None,
            Token::Text(t) => push(&mut open, &mut top, Node::Text(decoded(t)?)),
            Token::Start(tag) => {
                let name = tag.name.as_str();
                if NOT_PLAIN.contains(&name) || !plain_name(name) || tag.raw_name.contains(':') {
                    return None;
                }
                let mut parts = vec![Cow::Owned(tag.name.clone())];
                for a in &tag.attrs {
                    // A repeated attribute (the browser keeps the first): left as HTML.
                    if !plain_name(&a.name)
                        || tag.attrs.iter().take_while(|b| !std::ptr::eq(*b, a)).any(|b| b.name == a.name)
                    {
                        return None;
                    }
                    parts.push(Cow::Owned(a.name.clone()));
                    parts.push(decoded(a.raw_value.unwrap_or(""))?);
                }
                if VOID.contains(&name) {
                    push(&mut open, &mut top, Node::El(parts, Vec::new()));
                } else if tag.self_closing {
                    return None;
                } else {
                    open.push((parts, Vec::new()));
                }
            }
            Token::End(end) if VOID.contains(&end.name.as_str()) => return None,
            Token::End(end) => {
                let (parts, children) = open.pop()?;
                if parts[0] != end.name.as_str() {
                    return None;
                }
                push(&mut open, &mut top, Node::El(parts, children));
            }
            Token::Unclosed(_) => return None,
        }
    }
    open.is_empty().then_some(top)
}

/// `nodes` written as HTML, as a browser writes them out (text escaped, values double-quoted).
fn html_of(nodes: &[Node], out: &mut String) {
    for n in nodes {
        match n {
            Node::Text(t) => out.push_str(&t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")),
            Node::El(parts, children) => {
                out.push('<');
                out.push_str(&parts[0]);
                for a in parts[1..].chunks(2) {
                    out.push_str(&format!(" {}=\"{}\"", a[0], crate::html::escape_attr(&a[1])));
                }
                out.push('>');
                html_of(children, out);
                if !VOID.contains(&&*parts[0]) {
                    out.push_str(&format!("</{}>", parts[0]));
                }
            }
        }
    }
}

/// Whether `nodes` read from `html` are all it says: written out again, they
/// are `html` but for how characters are referred to. (A text that holds
/// markup written raw, or an attribute in single quotes, keeps its card HTML.)
fn same(html: &str, nodes: &[Node]) -> bool {
    let mut again = String::with_capacity(html.len());
    html_of(nodes, &mut again);
    decode(html) == decode(&again)
}

/// What the opens of one kind (the same tag and attribute names) share in a file.
struct Template {
    /// Its place in the table.
    at: usize,
    /// The tag, then per attribute its name and its value.
    parts: Vec<Part>,
}

/// A part of a [`Template`].
enum Part {
    /// The same in every open of the kind.
    Same(String),
    /// A value that differs: what every value starts and ends with.
    Hole(String, String),
}

/// The tag and the attribute names of an open (its kind), as JSON.
fn kind(parts: &[Cow<str>]) -> String {
    json(&parts.iter().enumerate().filter(|(k, _)| k % 2 == 1).map(|(_, p)| &**p).collect::<Vec<_>>())
        + &json(&parts[0])
}

/// The opens of `nodes` and their children by kind.
fn opens<'t, 'a>(nodes: &'t [Node<'a>], out: &mut HashMap<String, Vec<&'t [Cow<'a, str>]>>) {
    for n in nodes {
        if let Node::El(parts, children) = n {
            out.entry(kind(parts)).or_default().push(parts);
            opens(children, out);
        }
    }
}

/// The longest start all of `values` share (whole characters).
fn common_prefix<'v>(values: &[&'v str]) -> &'v str {
    let first = values[0];
    let mut end = first.len();
    for v in &values[1..] {
        end = first[..end]
            .char_indices()
            .zip(v.chars())
            .find(|((_, a), b)| a != b)
            .map_or(end.min(v.len()), |((k, _), _)| k);
        while !first.is_char_boundary(end) {
            end -= 1;
        }
    }
    &first[..end]
}

/// The template of the opens of one kind: values that differ become holes.
fn template(at: usize, list: &[&[Cow<str>]]) -> Template {
    let first = list[0];
    let parts = (0..first.len())
        .map(|k| {
            let values: Vec<&str> = list.iter().map(|p| &*p[k]).collect();
            if k % 2 == 1 || values.iter().all(|v| *v == values[0]) {
                return Part::Same(values[0].to_string());
            }
            let prefix = common_prefix(&values);
            let rests: Vec<String> = values.iter().map(|v| v[prefix.len()..].chars().rev().collect()).collect();
            let rests: Vec<&str> = rests.iter().map(String::as_str).collect();
            let suffix: String = common_prefix(&rests).chars().rev().collect();
            Part::Hole(prefix.to_string(), suffix)
        })
        .collect();
    Template { at, parts }
}

/// The strings of a file by occurrences, the templates of its opens by kind,
/// and the table's place of each string in it.
#[derive(Default)]
struct Table {
    /// Strings (as JSON) by occurrences.
    strings: HashMap<String, usize>,
    /// The template of each kind of open that occurs more than once.
    templates: HashMap<String, Template>,
    /// The table's place of each chosen string (as JSON).
    string_at: HashMap<String, usize>,
}

/// Whether a value written `len` bytes long that occurs `n` times is worth a table entry.
fn worth(len: usize, n: usize) -> bool {
    // Inline: n × len. In the table: len, a comma and n references of some three bytes.
    n > 1 && (n - 1) * len > 3 * n + 1
}

/// The fills of an open's holes: each value without what the template has around it.
fn fills<'p>(t: &Template, parts: &'p [Cow<str>]) -> Vec<&'p str> {
    t.parts
        .iter()
        .zip(parts)
        .filter_map(|(part, value)| match part {
            Part::Hole(pre, suf) => Some(&value[pre.len()..value.len() - suf.len()]),
            Part::Same(_) => None,
        })
        .collect()
}

impl Table {
    fn count(&mut self, s: &str) {
        *self.strings.entry(json(&s)).or_default() += 1;
    }

    /// Counts texts, the fills of templated opens and the parts of the others.
    fn count_strings(&mut self, nodes: &[Node]) {
        for n in nodes {
            match n {
                Node::Text(t) => self.count(t),
                Node::El(parts, children) => {
                    let values: Vec<String> = match self.templates.get(&kind(parts)) {
                        Some(t) => fills(t, parts).into_iter().map(str::to_string).collect(),
                        None => parts.iter().map(|p| p.to_string()).collect(),
                    };
                    values.iter().for_each(|v| self.count(v));
                    self.count_strings(children);
                }
            }
        }
    }

    /// A string: its table number, or itself.
    fn string(&self, s: &str, out: &mut String) {
        let j = json(&s);
        match self.string_at.get(&j) {
            Some(n) => out.push_str(&n.to_string()),
            None => out.push_str(&j),
        }
    }

    /// Strings in a list, each a table number or itself.
    fn list<'s>(&self, items: impl IntoIterator<Item = &'s str>, out: &mut String) {
        for (k, p) in items.into_iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            self.string(p, out);
        }
    }

    /// An open: its template's number; `[-1 - number, fill…]` when the
    /// template has holes; or `[tag, name, value…]`.
    fn open(&self, parts: &[Cow<str>], out: &mut String) {
        match self.templates.get(&kind(parts)) {
            Some(t) if t.parts.iter().all(|p| matches!(p, Part::Same(_))) => out.push_str(&t.at.to_string()),
            Some(t) => {
                out.push_str(&format!("[-{},", t.at + 1));
                self.list(fills(t, parts), out);
                out.push(']');
            }
            None => {
                out.push('[');
                self.list(parts.iter().map(|p| &**p), out);
                out.push(']');
            }
        }
    }

    /// A template: `[tag, name, value or [prefix, suffix], …]`.
    fn template(&self, t: &Template, out: &mut String) {
        out.push('[');
        for (k, p) in t.parts.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            match p {
                Part::Same(s) => self.string(s, out),
                Part::Hole(pre, suf) => out.push_str(&format!("[{},{}]", json(pre), json(suf))),
            }
        }
        out.push(']');
    }

    fn nodes(&self, nodes: &[Node], out: &mut String) {
        for (k, n) in nodes.iter().enumerate() {
            if k > 0 {
                out.push(',');
            }
            match n {
                Node::Text(t) => self.string(t, out),
                Node::El(parts, children) => {
                    out.push('[');
                    self.open(parts, out);
                    if !children.is_empty() {
                        out.push(',');
                        self.nodes(children, out);
                    }
                    out.push(']');
                }
            }
        }
    }
}

/// The data of one cards file (`[table, cards]`, JSON safe inside a
/// `<script>`) for the rendered `cards`.
pub fn file(cards: &[&str]) -> String {
    let trees: Vec<Option<Vec<Node>>> = cards.iter().map(|c| parse(c).filter(|t| same(c, t))).collect();
    let mut kinds = HashMap::new();
    for t in trees.iter().flatten() {
        opens(t, &mut kinds);
    }
    // Kinds of open that occur more than once get a template, most used first.
    let mut kinds: Vec<(String, Vec<&[Cow<str>]>)> = kinds.into_iter().filter(|(_, l)| l.len() > 1).collect();
    kinds.sort_unstable_by(|a, b| b.1.len().cmp(&a.1.len()).then_with(|| a.0.cmp(&b.0)));
    let mut table = Table::default();
    let templates: Vec<Template> = kinds.iter().enumerate().map(|(n, (_, list))| template(n, list)).collect();
    table.templates = kinds.iter().map(|(k, _)| k.clone()).zip(templates).collect();
    for t in trees.iter().flatten() {
        table.count_strings(t);
    }
    // What a template keeps counts once.
    let mut kept = Vec::new();
    for t in table.templates.values() {
        for p in &t.parts {
            if let Part::Same(s) = p {
                kept.push(s.clone());
            }
        }
    }
    kept.iter().for_each(|s| table.count(s));
    let mut strings: Vec<(&String, usize)> =
        table.strings.iter().filter(|&(k, &n)| worth(k.len(), n)).map(|(k, &n)| (k, n)).collect();
    // The strings most used get the short numbers; ties by text, so the same cards give the same file.
    strings.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    let strings: Vec<String> = strings.into_iter().map(|(k, _)| k.clone()).collect();
    table.string_at = strings.iter().enumerate().map(|(n, k)| (k.clone(), n)).collect();
    // The templates come after the strings.
    for t in table.templates.values_mut() {
        t.at += strings.len();
    }
    let mut out = String::from("[[");
    out.push_str(&strings.join(","));
    let mut ordered: Vec<&Template> = table.templates.values().collect();
    ordered.sort_unstable_by_key(|t| t.at);
    for t in ordered {
        if out.len() > 2 {
            out.push(',');
        }
        table.template(t, &mut out);
    }
    out.push_str("],[");
    for (k, (tree, html)) in trees.iter().zip(cards).enumerate() {
        if k > 0 {
            out.push(',');
        }
        match tree {
            Some(nodes) => {
                out.push('[');
                table.nodes(nodes, &mut out);
                out.push(']');
            }
            None => out.push_str(&json(html)),
        }
    }
    out.push_str("]]");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    /// The HTML a browser makes of a file's card `n` (as insights.js builds it).
    fn html(file: &str, n: usize) -> String {
        let data: Value = serde_json::from_str(file).unwrap();
        let table = data[0].as_array().unwrap();
        let s = |x: &Value| {
            x.as_u64()
                .map_or_else(|| x.as_str().unwrap().to_string(), |n| table[n as usize].as_str().unwrap().to_string())
        };
        fn nodes(table: &[Value], list: &[Value], s: &dyn Fn(&Value) -> String, out: &mut String) {
            for node in list {
                let node = node.as_u64().map_or(node, |n| &table[n as usize]);
                match node {
                    Value::String(t) => {
                        out.push_str(&t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;"))
                    }
                    Value::Array(el) => {
                        let (open, fills) = match &el[0] {
                            Value::Number(n) => (&table[n.as_u64().unwrap() as usize], &[][..]),
                            Value::Array(o) if o[0].as_i64().is_some_and(|n| n < 0) => {
                                (&table[(-1 - o[0].as_i64().unwrap()) as usize], &o[1..])
                            }
                            open => (open, &[][..]),
                        };
                        let open = open.as_array().unwrap();
                        let mut fills = fills.iter();
                        let tag = s(&open[0]);
                        out.push_str(&format!("<{tag}"));
                        for a in open[1..].chunks(2) {
                            let value = match &a[1] {
                                Value::Array(hole) => {
                                    format!(
                                        "{}{}{}",
                                        hole[0].as_str().unwrap(),
                                        s(fills.next().unwrap()),
                                        hole[1].as_str().unwrap()
                                    )
                                }
                                v => s(v),
                            };
                            out.push_str(&format!(
                                " {}=\"{}\"",
                                s(&a[0]),
                                value.replace('&', "&amp;").replace('"', "&quot;")
                            ));
                        }
                        out.push('>');
                        nodes(table, &el[1..], s, out);
                        if !VOID.contains(&tag.as_str()) {
                            out.push_str(&format!("</{tag}>"));
                        }
                    }
                    _ => panic!("not a node: {node}"),
                }
            }
        }
        match &data[1][n] {
            Value::String(h) => h.clone(),
            Value::Array(list) => {
                let mut out = String::new();
                nodes(table, list, &s, &mut out);
                out
            }
            other => panic!("not a card: {other}"),
        }
    }

    const A: &str = "<article class=\"card\" data-id=\"a\">\n  <h3><a href=\"insights/a.html\">Fish &amp; chips &lt;3</a></h3>\n  <p class=\"meta\"><span class=\"badge\">High</span> <br><img src=\"x.png\" alt=\"\"></p>\n</article>\n";
    const B: &str = "<article class=\"card\" data-id=\"b\">\n  <h3><a href=\"insights/b.html\">Doğan&#x27;s &quot;meter&quot;</a></h3>\n  <p class=\"meta\"><span class=\"badge\">High</span> </p>\n</article>\n";

    #[test]
    fn a_card_is_built_back_to_the_same_markup() {
        let f = file(&[A, B]);
        assert_eq!(html(&f, 0), A);
        assert_eq!(
            html(&f, 1),
            B.replace("&#x27;", "'").replace("&quot;", "\""),
            "references decoded once, text escaped"
        );
        assert!(!f.contains('<'), "safe in a script: {f}");
    }

    #[test]
    fn what_the_cards_repeat_is_in_the_table_once() {
        let f = file(&[A, B]);
        let data: Value = serde_json::from_str(&f).unwrap();
        let table = data[0].as_array().unwrap();
        assert_eq!(f.matches("\\n  ").count(), 1, "the indent once: {f}");
        assert_eq!(f.matches("\"badge\"").count(), 1, "{f}");
        assert!(table.iter().any(Value::is_array), "an open in the table: {f}");
        // A value that differs is a hole in the template: what all its values share, once.
        assert!(f.contains("[\"insights/\",\".html\"]"), "{f}");
        assert_eq!(f.matches("insights/").count(), 1, "{f}");
        // What occurs once stays in its card.
        assert!(f.contains("\"Fish & chips \\u003c3\""), "{f}");
    }

    #[test]
    fn a_card_that_is_not_plain_elements_and_text_stays_html() {
        for odd in [
            "<article><!-- note --></article>",
            "<article><script>x()</script></article>",
            "<article><svg viewBox=\"0 0 1 1\"></svg></article>",
            "<article>caf&eacute;</article>",
            "<article><p>open</article>",
            "<article><b x=\"1\" x=\"2\"></b></article>",
            "<article><div/></article>",
            "<article title='single'>quoted</article>",
            "<p>{\"a\": \"<b class=\\\"x\\\">\"}</p>",
        ] {
            let f = file(&[odd]);
            let data: Value = serde_json::from_str(&f).unwrap();
            assert_eq!(data[1][0], Value::from(odd), "{odd}");
        }
    }
}
