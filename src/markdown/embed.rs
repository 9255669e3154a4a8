//! The embed syntax `{{ kind(id="…") }}`, parsed strictly: text that starts
//! like an embed but does not parse is a problem to report, never text that
//! ends up on a client page.
//!
//! Two embeds show a whole view rather than one item and take no `id`:
//! `{{ mindmap() }}` (or `{{ mindmap(persona="…") }}`) and `{{ metaphors() }}`.

/// The embeds of a whole view, with the arguments each may take (all optional).
pub(crate) const VIEWS: [(&str, &[&str]); 2] = [("mindmap", &["persona"]), ("metaphors", &[])];

/// The arguments `name` may take: a view's, or `id` alone.
fn allowed(name: &str) -> &'static [&'static str] {
    VIEWS.iter().find(|v| v.0 == name).map_or(&["id"], |v| v.1)
}

/// One `{{ … }}` found in a text run.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Found {
    /// A well-formed embed: byte range in the run, kind name and id (empty
    /// for a view), and a mindmap's `persona`.
    Call { start: usize, end: usize, name: String, id: String, persona: Option<String> },
    /// Something that starts like an embed but does not parse.
    Bad { start: usize, message: String, help: String },
}

/// Every embed (good or malformed) in `run`. A `{{` counts as the start of an
/// embed when a name and `(` follow it, or when `at_line_start(offset)` says
/// it begins its line; any other `{{` is ordinary text.
pub(crate) fn find(run: &str, at_line_start: impl Fn(usize) -> bool) -> Vec<Found> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = run[from..].find("{{").map(|i| i + from) {
        match parse(&run[open..]) {
            Ok((len, name, id, persona)) => {
                out.push(Found::Call { start: open, end: open + len, name, id, persona });
                from = open + len;
            }
            Err((looks_like_call, message, help)) => {
                if looks_like_call || at_line_start(open) {
                    out.push(Found::Bad { start: open, message, help });
                }
                from = open + 2;
            }
        }
    }
    out
}

/// An example of the right syntax for `name` (and `id` when known).
fn example(name: &str, id: Option<&str>) -> String {
    let name = if name.is_empty() { "insight" } else { name };
    match VIEWS.iter().find(|v| v.0 == name) {
        Some((_, [])) => format!("{{{{ {name}() }}}}"),
        Some((_, args)) => format!("{{{{ {name}() }}}} or {{{{ {name}({}=\"…\") }}}}", args[0]),
        None => format!("{{{{ {name}(id=\"{}\") }}}}", id.unwrap_or("…")),
    }
}

/// What [`parse`] finds: (length, name, id, persona).
type Parsed = (usize, String, String, Option<String>);

/// Parses `{{ name(id="x") }}` at the start of `s`: (length, name, id,
/// persona), or (does it look like a call?, message, help).
fn parse(s: &str) -> Result<Parsed, (bool, String, String)> {
    let mut p = Cursor { s, at: 2 };
    p.space();
    let name = p.word();
    p.space();
    let looks_like_call = !name.is_empty() && p.peek() == Some('(');
    let generic = |name: &str| {
        (
            looks_like_call,
            "this starts like an embed but does not parse".to_string(),
            format!("write {}", example(name, None)),
        )
    };
    if name.is_empty() || !p.eat('(') {
        return Err(generic(&name));
    }
    p.space();
    let mut id: Option<String> = None;
    let mut persona: Option<String> = None;
    while !p.eat(')') {
        let arg = p.word();
        if arg.is_empty() {
            return Err(generic(&name));
        }
        p.space();
        if !p.eat('=') {
            return Err(generic(&name));
        }
        p.space();
        let value = match p.peek() {
            Some(q @ ('"' | '\'')) => {
                p.at += 1;
                let rest = &p.s[p.at..];
                let Some(len) = rest.find(q) else {
                    return Err((
                        true,
                        format!("the {arg} of this embed has no closing quote"),
                        format!("write {}", example(&name, None)),
                    ));
                };
                p.at += len + 1;
                rest[..len].to_string()
            }
            _ => {
                let bare: String =
                    p.s[p.at..].chars().take_while(|c| !matches!(c, ')' | ',' | '}') && !c.is_whitespace()).collect();
                let help = format!("put the id in double quotes: {}", example(&name, Some(&bare)));
                return Err((true, format!("the {arg} `{bare}` of this embed is not quoted"), help));
            }
        };
        if !allowed(&name).contains(&arg.as_str()) {
            let help = match VIEWS.iter().any(|v| v.0 == name) {
                true => format!("write {}", example(&name, None)),
                false => format!("an embed takes only `id`: {}", example(&name, id.as_deref())),
            };
            return Err((true, format!("embed `{name}` has an unknown argument `{arg}`"), help));
        }
        let slot = if arg == "persona" { &mut persona } else { &mut id };
        if slot.replace(value).is_some() {
            return Err((
                true,
                format!("embed `{name}` names `{arg}` twice"),
                format!("write {}", example(&name, id.as_deref())),
            ));
        }
        p.space();
        if p.eat(',') {
            p.space();
        } else if p.peek() != Some(')') {
            return Err(generic(&name));
        }
    }
    p.space();
    if !p.s[p.at..].starts_with("}}") {
        return Err((
            true,
            "this embed is not closed with `}}`".to_string(),
            format!("write {}", example(&name, id.as_deref())),
        ));
    }
    if allowed(&name) != ["id"] {
        return Ok((p.at + 2, name, String::new(), persona));
    }
    let Some(id) = id else {
        return Err((true, format!("embed `{name}` needs an id"), format!("write {}", example(&name, None))));
    };
    Ok((p.at + 2, name, id, None))
}

/// A position in the text being parsed.
struct Cursor<'a> {
    s: &'a str,
    at: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        self.s[self.at..].chars().next()
    }

    fn eat(&mut self, c: char) -> bool {
        let hit = self.peek() == Some(c);
        if hit {
            self.at += c.len_utf8();
        }
        hit
    }

    fn space(&mut self) {
        while self.peek().is_some_and(|c| c == ' ' || c == '\t') {
            self.at += 1;
        }
    }

    fn word(&mut self) -> String {
        let w: String = self.s[self.at..].chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        self.at += w.len();
        w
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(s: &str) -> Found {
        let found = find(s, |at| at == 0);
        assert_eq!(found.len(), 1, "{s}: {found:?}");
        found.into_iter().next().expect("one")
    }

    fn bad(s: &str) -> (String, String) {
        match one(s) {
            Found::Bad { message, help, .. } => (message, help),
            other => panic!("{s} parsed: {other:?}"),
        }
    }

    #[test]
    fn good_embeds() {
        assert_eq!(
            one("{{ insight(id=\"a-b\") }}"),
            Found::Call { start: 0, end: 23, name: "insight".into(), id: "a-b".into(), persona: None }
        );
        assert!(matches!(one("{{kano( id = 'k' )}}"), Found::Call { ref id, .. } if id == "k"));
        assert!(matches!(one("{{ foo(id=\"a\") }}"), Found::Call { ref name, .. } if name == "foo"));
    }

    #[test]
    fn views_take_no_id() {
        assert!(
            matches!(one("{{ mindmap() }}"), Found::Call { ref name, ref id, persona: None, .. } if name == "mindmap" && id.is_empty())
        );
        assert!(
            matches!(one("{{ mindmap(persona=\"bram\") }}"), Found::Call { persona: Some(ref p), .. } if p == "bram")
        );
        assert!(matches!(one("{{metaphors()}}"), Found::Call { ref name, .. } if name == "metaphors"));
        let (m, h) = bad("{{ metaphors(id=\"x\") }}");
        assert!(m.contains("unknown argument `id`") && h.contains("{{ metaphors() }}"), "{m} {h}");
        let (m, h) = bad("{{ mindmap(journey=\"x\") }}");
        assert!(m.contains("unknown argument `journey`") && h.contains("{{ mindmap(persona=\"…\") }}"), "{m} {h}");
        assert!(bad("{{ mindmap(persona=bram) }}").0.contains("not quoted"));
        assert!(bad("{{ insight(persona=\"x\") }}").0.contains("unknown argument `persona`"), "only views take it");
    }

    #[test]
    fn malformed_embeds_are_problems() {
        assert!(bad("{{ kano(id=\"x\") }").0.contains("not closed"));
        let (m, h) = bad("{{ insight(id=doubt) }}");
        assert!(m.contains("`doubt`") && m.contains("not quoted"), "{m}");
        assert!(h.contains("{{ insight(id=\"doubt\") }}"), "{h}");
        assert!(bad("{{ insight(id=\"x\", size=\"big\") }}").0.contains("unknown argument `size`"));
        assert!(bad("{{ insight() }}").0.contains("needs an id"));
        assert!(bad("{{ insight(id=\"x) }}").0.contains("no closing quote"));
        assert!(bad("{{ insight id=x }}").0.contains("does not parse"));
    }

    #[test]
    fn other_braces_in_prose_are_text() {
        assert!(find("use {{ and }} in a template", |at| at == 0).is_empty());
        assert_eq!(find("x {{ insight(id=x) }}", |_| false).len(), 1);
    }
}
