//! Markdown as cxsite reads it: typed links (`persona:ID`), embeds
//! (`{{ insight(id="…") }}`), raw HTML dropped unless allowed, unsafe link
//! schemes neutralised, footnote ids prefixed so chapters can share a page.

use std::fmt::Write as _;

use pulldown_cmark::{html, CowStr, Event, Options, Parser, Tag, TagEnd};

/// Kinds a typed link or an embed can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    /// `insight:ID`
    Insight,
    /// `persona:ID`
    Persona,
    /// `journey:ID`
    Journey,
    /// `kano:ID`
    Kano,
    /// `nps:ID`
    Nps,
    /// `narrative:ID`
    Narrative,
    /// `bias:ID`
    Bias,
}

impl RefKind {
    /// Parses the scheme of a typed link or the name of an embed.
    pub fn parse(s: &str) -> Option<RefKind> {
        Some(match s {
            "insight" => RefKind::Insight,
            "persona" => RefKind::Persona,
            "journey" => RefKind::Journey,
            "kano" => RefKind::Kano,
            "nps" => RefKind::Nps,
            "narrative" => RefKind::Narrative,
            "bias" => RefKind::Bias,
            _ => return None,
        })
    }

    /// The word used in links and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Insight => "insight",
            RefKind::Persona => "persona",
            RefKind::Journey => "journey",
            RefKind::Kano => "kano",
            RefKind::Nps => "nps",
            RefKind::Narrative => "narrative",
            RefKind::Bias => "bias",
        }
    }

    /// Can this kind be embedded with `{{ kind(id="…") }}`?
    pub fn embeddable(self) -> bool {
        !matches!(self, RefKind::Narrative | RefKind::Bias)
    }
}

/// A typed link or embed found in Markdown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Reference {
    /// What it points at.
    pub kind: RefKind,
    /// The id.
    pub id: String,
    /// Byte offset in the Markdown text.
    pub offset: usize,
    /// True for `{{ … }}` embeds, false for links.
    pub embed: bool,
}

/// A problem with an embed's syntax (e.g. an unknown kind).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedProblem {
    /// Byte offset in the Markdown text.
    pub offset: usize,
    /// What is wrong.
    pub message: String,
}

/// The Markdown extensions of SPEC §8.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// One `{{ kind(id="x") }}` found in text: (start, end, kind name, id).
fn find_embeds(text: &str) -> Vec<(usize, usize, String, Option<String>)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(open) = text[from..].find("{{").map(|i| i + from) {
        let Some(close) = text[open..].find("}}").map(|i| i + open) else {
            break;
        };
        let inner = text[open + 2..close].trim();
        let name: String = inner.chars().take_while(|c| c.is_ascii_alphanumeric() || *c == '_').collect();
        let rest = inner[name.len()..].trim();
        let id = rest
            .strip_prefix('(')
            .and_then(|r| r.strip_suffix(')'))
            .map(str::trim)
            .and_then(|r| r.strip_prefix("id"))
            .map(str::trim_start)
            .and_then(|r| r.strip_prefix('='))
            .map(str::trim)
            .and_then(|r| {
                r.strip_prefix('"')
                    .and_then(|r| r.strip_suffix('"'))
                    .or_else(|| r.strip_prefix('\'').and_then(|r| r.strip_suffix('\'')))
            })
            .map(str::to_string);
        if !name.is_empty() {
            out.push((open, close + 2, name, id));
        }
        from = close + 2;
    }
    out
}

/// Paragraph text events merged, so an embed split by the parser is seen whole.
struct Merged {
    text: String,
    offset: usize,
}

/// Every typed link and embed in `text`, plus embed syntax problems.
/// Code spans and code blocks are skipped: embeds there are literal.
pub fn scan(text: &str) -> (Vec<Reference>, Vec<EmbedProblem>) {
    let mut refs = Vec::new();
    let mut problems = Vec::new();
    let mut in_code_block = false;
    let mut pending: Option<Merged> = None;
    let flush = |pending: &mut Option<Merged>, refs: &mut Vec<Reference>, problems: &mut Vec<EmbedProblem>| {
        if let Some(m) = pending.take() {
            for (start, _, name, id) in find_embeds(&m.text) {
                let offset = m.offset + start;
                match (RefKind::parse(&name), id) {
                    (Some(kind), Some(id)) if kind.embeddable() => {
                        refs.push(Reference { kind, id, offset, embed: true })
                    }
                    (Some(kind), _) if !kind.embeddable() => problems.push(EmbedProblem {
                        offset,
                        message: format!("`{name}` cannot be embedded; link to it with [text]({name}:ID)"),
                    }),
                    (Some(_), _) => problems.push(EmbedProblem {
                        offset,
                        message: format!("embed `{name}` needs an id: {{{{ {name}(id=\"…\") }}}}"),
                    }),
                    (None, _) => problems.push(EmbedProblem { offset, message: format!("unknown embed `{name}`") }),
                }
            }
        }
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Text(t) if !in_code_block => {
                let m = pending.get_or_insert_with(|| Merged { text: String::new(), offset: range.start });
                m.text.push_str(t);
                continue;
            }
            Event::Start(Tag::Link { dest_url, .. }) => {
                if let Some((kind, id)) = typed_link(dest_url) {
                    refs.push(Reference { kind, id: id.to_string(), offset: range.start, embed: false });
                }
            }
            _ => {}
        }
        flush(&mut pending, &mut refs, &mut problems);
    }
    flush(&mut pending, &mut refs, &mut problems);
    (refs, problems)
}

/// Splits `persona:sanne` into its kind and id, for the seven typed schemes.
pub fn typed_link(dest: &str) -> Option<(RefKind, &str)> {
    let (scheme, id) = dest.split_once(':')?;
    let kind = RefKind::parse(scheme)?;
    Some((kind, id))
}

/// How the renderer turns references into HTML for one page.
pub trait Resolver {
    /// The href of a typed link, or `None` to render the link text only.
    fn href(&self, kind: RefKind, id: &str) -> Option<String>;
    /// The HTML block of an embed, or `None` to leave nothing.
    fn embed(&self, kind: RefKind, id: &str) -> Option<String>;
}

/// Rendering options for one Markdown text.
pub struct RenderOptions<'a> {
    /// Keep raw HTML (cxsite.yaml `allow_html`).
    pub allow_html: bool,
    /// Prefix for footnote ids, unique on the page (e.g. the narrative id).
    pub footnote_prefix: &'a str,
    /// What a task list's check box says to a screen reader: (done, to do).
    pub task_labels: (&'a str, &'a str),
}

/// Renders Markdown to HTML with typed links, embeds and the safety rules.
pub fn render(text: &str, resolver: &dyn Resolver, opts: &RenderOptions) -> String {
    let mut events: Vec<Event> = Vec::new();
    let mut in_code_block = false;
    let mut link_stack: Vec<bool> = Vec::new(); // true: the link was dropped (plain text)
    let mut footnote_numbers: Vec<String> = Vec::new();
    let mut para_start: Option<usize> = None;
    let mut text_run: Option<(usize, String)> = None;

    let parser = Parser::new_ext(text, options());
    for event in parser {
        if !matches!(event, Event::Text(_)) || in_code_block {
            if let Some((at, run)) = text_run.take() {
                push_text_with_embeds(&mut events, at, run, para_start, resolver);
            }
        }
        match event {
            Event::Start(Tag::CodeBlock(_)) => {
                in_code_block = true;
                events.push(event);
            }
            Event::End(TagEnd::CodeBlock) => {
                in_code_block = false;
                events.push(event);
            }
            Event::Start(Tag::Paragraph) => {
                para_start = Some(events.len());
                events.push(event);
            }
            Event::End(TagEnd::Paragraph) => {
                para_start = None;
                events.push(event);
            }
            Event::Text(t) if !in_code_block => match &mut text_run {
                Some((_, run)) => run.push_str(&t),
                None => text_run = Some((events.len(), t.into_string())),
            },
            Event::Html(_) | Event::InlineHtml(_) if !opts.allow_html => {}
            Event::Start(Tag::Link { link_type, dest_url, title, id }) => {
                let resolved = match typed_link(&dest_url) {
                    Some((kind, target)) => resolver.href(kind, target).map(CowStr::from),
                    None if is_safe_url(&dest_url) => Some(dest_url),
                    None => None,
                };
                match resolved {
                    Some(url) => {
                        link_stack.push(false);
                        events.push(Event::Start(Tag::Link { link_type, dest_url: url, title, id }));
                    }
                    None => link_stack.push(true),
                }
            }
            Event::End(TagEnd::Link) => {
                if link_stack.pop() == Some(false) {
                    events.push(Event::End(TagEnd::Link));
                }
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => {
                let url = if is_safe_url(&dest_url) { dest_url } else { CowStr::from("") };
                events.push(Event::Start(Tag::Image { link_type, dest_url: url, title, id }));
            }
            Event::FootnoteReference(label) => {
                let n = footnote_number(&mut footnote_numbers, &label);
                let slug = slug(&label);
                let p = opts.footnote_prefix;
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<sup class=\"footnote-reference\" id=\"fnref-{p}-{slug}\"><a href=\"#fn-{p}-{slug}\">{n}</a></sup>"
                ))));
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = footnote_number(&mut footnote_numbers, &label);
                let slug = slug(&label);
                let p = opts.footnote_prefix;
                events.push(Event::Html(CowStr::from(format!(
                    "<div class=\"footnote-definition\" id=\"fn-{p}-{slug}\"><sup class=\"footnote-definition-label\"><a href=\"#fnref-{p}-{slug}\">{n}</a></sup>"
                ))));
            }
            Event::End(TagEnd::FootnoteDefinition) => events.push(Event::Html(CowStr::from("</div>\n"))),
            // A check box needs a name for screen readers (pulldown-cmark writes none).
            Event::TaskListMarker(done) => {
                let (yes, no) = opts.task_labels;
                let (checked, label) = if done { (" checked=\"\"", yes) } else { ("", no) };
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{}\"/>\n",
                    crate::render::escape_html(label)
                ))));
            }
            other => events.push(other),
        }
    }
    if let Some((at, run)) = text_run.take() {
        push_text_with_embeds(&mut events, at, run, para_start, resolver);
    }
    let mut out = String::with_capacity(text.len() * 3 / 2);
    html::push_html(&mut out, events.into_iter());
    out.replace("<p></p>\n", "")
}

/// Pushes a run of paragraph text, turning embeds into blocks that close and
/// reopen the paragraph around them.
fn push_text_with_embeds<'a>(
    events: &mut Vec<Event<'a>>,
    _at: usize,
    run: String,
    para: Option<usize>,
    resolver: &dyn Resolver,
) {
    let embeds = if para.is_some() { find_embeds(&run) } else { Vec::new() };
    let mut last = 0;
    for (start, end, name, id) in embeds {
        let (Some(kind), Some(id)) = (RefKind::parse(&name), id) else {
            continue;
        };
        if !kind.embeddable() {
            continue;
        }
        let before = &run[last..start];
        if !before.trim().is_empty() {
            events.push(Event::Text(CowStr::from(before.to_string())));
        }
        let block = resolver.embed(kind, &id).unwrap_or_default();
        events.push(Event::Html(CowStr::from(format!("</p>\n{block}\n<p>"))));
        last = end;
    }
    let rest = &run[last..];
    let only_space_after_embed = last > 0 && rest.trim().is_empty();
    if !rest.is_empty() && !only_space_after_embed {
        events.push(Event::Text(CowStr::from(rest.to_string())));
    }
}

fn footnote_number(seen: &mut Vec<String>, label: &str) -> usize {
    match seen.iter().position(|l| l == label) {
        Some(i) => i + 1,
        None => {
            seen.push(label.to_string());
            seen.len()
        }
    }
}

/// A lower-case id-safe version of `s` (letters, digits, `-`).
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        if c.is_alphanumeric() {
            out.extend(c.to_lowercase());
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    let t = out.trim_end_matches('-');
    if t.is_empty() {
        let mut h = String::from("x");
        for b in s.bytes() {
            let _ = write!(h, "{b:02x}");
        }
        h
    } else {
        t.to_string()
    }
}

/// Relative links, fragments, http(s), mailto and tel are safe; `javascript:`,
/// `data:`, `vbscript:` and other schemes are not.
pub fn is_safe_url(url: &str) -> bool {
    let lower: String =
        url.trim().chars().filter(|c| !c.is_whitespace() && !c.is_control()).collect::<String>().to_ascii_lowercase();
    match lower.split_once(':') {
        None => true,
        Some((scheme, _)) => {
            // A colon after a slash, ? or # is part of a path, not a scheme.
            scheme.contains(['/', '?', '#']) || matches!(scheme, "http" | "https" | "mailto" | "tel")
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct R;
    impl Resolver for R {
        fn href(&self, kind: RefKind, id: &str) -> Option<String> {
            (id != "gone").then(|| format!("{}s/{id}.html", kind.as_str()))
        }
        fn embed(&self, kind: RefKind, id: &str) -> Option<String> {
            Some(format!("<div class=\"card\">{}:{id}</div>", kind.as_str()))
        }
    }

    fn md(text: &str) -> String {
        render(text, &R, &RenderOptions { allow_html: false, footnote_prefix: "n", task_labels: ("done", "to do") })
    }

    #[test]
    fn typed_links_and_embeds() {
        let html = md("See [Sanne](persona:sanne).\n\n{{ insight(id=\"doubt\") }}\n");
        assert!(html.contains("<a href=\"personas/sanne.html\">Sanne</a>"), "{html}");
        assert!(html.contains("<div class=\"card\">insight:doubt</div>"), "{html}");
        assert!(!html.contains("{{"), "{html}");
        let (refs, problems) = scan("See [Sanne](persona:sanne).\n\n{{ insight(id=\"doubt\") }}\n");
        assert_eq!(refs.len(), 2);
        assert!(refs[1].embed && refs[1].id == "doubt" && refs[1].offset == 29);
        assert!(problems.is_empty());
    }

    #[test]
    fn embeds_in_code_stay_literal() {
        let text = "`{{ insight(id=\"a\") }}`\n\n```\n{{ insight(id=\"b\") }}\n```\n";
        let html = md(text);
        assert!(html.contains("<code>{{ insight(id=\"a\") }}</code>"), "{html}");
        assert!(html.contains("<code>{{ insight(id=\"b\") }}\n</code>"), "{html}");
        assert!(!html.contains("card"));
        assert!(scan(text).0.is_empty());
    }

    #[test]
    fn raw_html_and_unsafe_links_are_dropped() {
        let html = md("Hi <script>alert(1)</script> there\n\n<div onclick=x>block</div>\n\n[x](javascript:alert(1)) [y](gone) [ok](persona:gone)");
        assert!(!html.contains("<script") && !html.contains("onclick"), "{html}");
        assert!(!html.contains("javascript:"), "{html}");
        assert!(html.contains("ok") && !html.contains("personas/gone"), "{html}");
        let kept = render(
            "<b>x</b>",
            &R,
            &RenderOptions { allow_html: true, footnote_prefix: "n", task_labels: ("done", "to do") },
        );
        assert!(kept.contains("<b>x</b>"));
    }

    #[test]
    fn footnotes_are_prefixed_and_tables_work() {
        let html = md("A[^1].\n\n[^1]: Source.\n\n| a | b |\n|---|---|\n| 1 | 2 |\n");
        assert!(html.contains("id=\"fn-n-1\"") && html.contains("href=\"#fn-n-1\""), "{html}");
        assert!(html.contains("<table>"), "{html}");
    }

    #[test]
    fn embed_in_the_middle_of_a_paragraph() {
        let html = md("Customers decide with feelings first. {{ insight(id=\"a\") }}\n");
        assert!(html.contains("<p>Customers decide with feelings first. </p>"), "{html}");
        assert!(html.contains("card\">insight:a"), "{html}");
        let (_, problems) = scan("{{ foo(id=\"a\") }}\n\n{{ bias(id=\"x\") }}");
        assert_eq!(problems.len(), 2);
    }
}
