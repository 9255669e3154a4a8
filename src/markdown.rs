//! Markdown as cxsite reads it: typed links (`persona:ID`), embeds
//! (`{{ insight(id="…") }}`), raw HTML dropped unless allowed, unsafe link
//! schemes neutralised, footnote ids prefixed so chapters can share a page,
//! and paths to project files (images, downloads, other chapters) handed to
//! the [`Resolver`] to be checked and rewritten for the page.

mod embed;
mod headings;
mod limits;
pub mod target;

pub use headings::{headings, Heading};
pub use limits::{MAX_EMBEDS, MAX_TABLE_CELLS, MAX_TEXT_BYTES};

use std::fmt::Write as _;

use pulldown_cmark::{html, CodeBlockKind, CowStr, Event, Options, Parser, Tag, TagEnd};
use target::Target;

use crate::model::RefKind;

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
    /// The `#anchor` of a link (`narrative:the-journey#the-gap`), without `#`.
    pub anchor: Option<String>,
}

/// A problem with an embed's syntax (e.g. an unknown kind, an unquoted id).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EmbedProblem {
    /// Byte offset in the Markdown text.
    pub offset: usize,
    /// True when a size limit is crossed (the text, its embeds or table
    /// cells); false for a malformed embed.
    pub too_large: bool,
    /// What is wrong.
    pub message: String,
    /// What would fix it.
    pub help: String,
}

/// A link or image whose target is not a typed link: a path into the project
/// or an outside URL. Fragments, `mailto:` and `tel:` are left out.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkTarget {
    /// The target as written.
    pub dest: String,
    /// Byte offset of the target (or, when it is not found in the text, of
    /// the link) in the Markdown text.
    pub offset: usize,
    /// True for an image, false for a link.
    pub image: bool,
}

/// Everything [`scan_all`] finds in a Markdown text.
#[derive(Debug, Clone, Default)]
pub struct Scanned {
    /// Typed links and embeds.
    pub refs: Vec<Reference>,
    /// Malformed or impossible embeds.
    pub problems: Vec<EmbedProblem>,
    /// Paths and outside URLs of links and images.
    pub targets: Vec<LinkTarget>,
    /// Outside resources that raw HTML would load (kept with `allow_html`).
    pub raw_outside: Vec<LinkTarget>,
    /// Links to a whole view (`mindmap:`, `metaphors:`): the page and the byte offset.
    pub views: Vec<(&'static str, usize)>,
}

/// The Markdown extensions of SPEC §8.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
}

/// Paragraph text events merged, so an embed split by the parser is seen whole.
struct Merged {
    text: String,
    /// Each text event: (start in `text`, start in the source, same length in both).
    pieces: Vec<(usize, usize, bool)>,
    /// In a paragraph (where an embed becomes a block), not in a heading,
    /// a table cell or a tight list item (where it would stay text).
    in_paragraph: bool,
}

impl Merged {
    /// The source offset of byte `at` of the merged text (an entity or an
    /// escape maps to its start).
    fn source(&self, at: usize) -> usize {
        // Pieces are in merged-text order: the last one starting at or before `at`.
        let i = self.pieces.partition_point(|p| p.0 <= at);
        match i.checked_sub(1).map(|i| self.pieces[i]) {
            Some((merged, source, true)) => source + (at - merged),
            Some((_, source, false)) => source,
            None => 0,
        }
    }
}

/// Every typed link and embed in `text`, plus embed syntax problems.
/// Code spans and code blocks are skipped: embeds there are literal.
pub fn scan(text: &str) -> (Vec<Reference>, Vec<EmbedProblem>) {
    let s = scan_all(text);
    (s.refs, s.problems)
}

/// Does the line holding `offset` have only list or quote markers before it?
fn starts_line(text: &str, offset: usize) -> bool {
    let before = text.get(..offset).unwrap_or("");
    let line = before.rsplit('\n').next().unwrap_or("");
    line.chars().all(|c| c.is_whitespace() || matches!(c, '>' | '-' | '*' | '+' | '.' | ')') || c.is_ascii_digit())
}

/// Every typed link, embed (good or malformed), path and outside URL in `text`.
/// Code spans and code blocks are skipped: embeds there are literal.
pub fn scan_all(text: &str) -> Scanned {
    let mut out = Scanned::default();
    if let Some(problem) = limits::too_long(text) {
        out.problems.push(problem);
        return out;
    }
    let mut in_code_block = false;
    let mut paragraphs = 0usize;
    let mut pending: Option<Merged> = None;
    let limits = std::cell::RefCell::new(limits::Counter::default());
    let flush = |pending: &mut Option<Merged>, out: &mut Scanned| {
        let Some(m) = pending.take() else { return };
        for found in embed::find(&m.text, |at| starts_line(text, m.source(at))) {
            let (start, name, id, persona) = match found {
                embed::Found::Call { start, name, id, persona, .. } => (start, name, id, persona),
                embed::Found::Bad { start, message, help } => {
                    out.problems.push(EmbedProblem { offset: m.source(start), too_large: false, message, help });
                    continue;
                }
            };
            let offset = m.source(start);
            if !m.in_paragraph {
                out.problems.push(EmbedProblem {
                    offset,
                    too_large: false,
                    message: "an embed must be a paragraph of its own, not part of a list, table or heading".into(),
                    help: "put the embed on a line of its own, with a blank line before and after it".into(),
                });
                continue;
            }
            let help = "embeds are insight, persona, journey, kano and nps: {{ insight(id=\"…\") }}; \
                        and {{ mindmap() }}, {{ mindmap(persona=\"…\") }}, {{ metaphors() }}"
                .to_string();
            if embed::VIEWS.iter().any(|v| v.0 == name) {
                out.problems.extend(limits.borrow_mut().embed(offset));
                // The persona of a mindmap must exist: checked like a link to it.
                out.refs.extend(persona.map(|id| Reference {
                    kind: RefKind::Persona,
                    id,
                    offset,
                    embed: false,
                    anchor: None,
                }));
                continue;
            }
            match RefKind::parse(&name) {
                Some(kind) if kind.embeddable() => {
                    out.problems.extend(limits.borrow_mut().embed(offset));
                    out.refs.push(Reference { kind, id, offset, embed: true, anchor: None })
                }
                Some(_) => out.problems.push(EmbedProblem {
                    offset,
                    too_large: false,
                    message: format!("`{name}` cannot be embedded; link to it with [text]({name}:ID)"),
                    help,
                }),
                None => out.problems.push(EmbedProblem {
                    offset,
                    too_large: false,
                    message: format!("unknown embed `{name}`"),
                    help,
                }),
            }
        }
    };
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code_block = true,
            Event::End(TagEnd::CodeBlock) => in_code_block = false,
            Event::Start(Tag::Paragraph) => paragraphs += 1,
            Event::End(TagEnd::Paragraph) => paragraphs = paragraphs.saturating_sub(1),
            Event::Start(Tag::TableCell) => out.problems.extend(limits.borrow_mut().table_cell(range.start)),
            Event::Text(t) if !in_code_block => {
                let in_paragraph = paragraphs > 0;
                let m = pending.get_or_insert_with(|| Merged { text: String::new(), pieces: Vec::new(), in_paragraph });
                m.pieces.push((m.text.len(), range.start, range.len() == t.len()));
                m.text.push_str(t);
                continue;
            }
            Event::Html(h) | Event::InlineHtml(h) => {
                for (at, dest) in target::outside_in_html(h) {
                    let offset = match text.get(range.clone()) {
                        Some(src) if src == h.as_ref() => range.start + at,
                        Some(src) => src.find(dest).map_or(range.start, |i| range.start + i),
                        None => range.start,
                    };
                    out.raw_outside.push(LinkTarget { dest: dest.to_string(), offset, image: true });
                }
            }
            Event::Start(Tag::Link { dest_url, .. }) | Event::Start(Tag::Image { dest_url, .. }) => {
                let image = matches!(event, Event::Start(Tag::Image { .. }));
                let at = text
                    .get(range.clone())
                    .and_then(|src| src.rfind(dest_url.as_ref()).filter(|_| !dest_url.is_empty()))
                    .map_or(range.start, |i| range.start + i);
                match target::classify(dest_url) {
                    Target::Typed { kind, id, anchor } if !image => out.refs.push(Reference {
                        kind,
                        id: id.to_string(),
                        offset: range.start,
                        embed: false,
                        anchor: anchor.map(str::to_string),
                    }),
                    // An unsafe target too: it is dropped from the page, and the check says why.
                    Target::Path { .. } | Target::Web | Target::Unsafe => {
                        out.targets.push(LinkTarget { dest: dest_url.to_string(), offset: at, image })
                    }
                    Target::View { page, persona: None } if !image => out.views.push((page, range.start)),
                    Target::View { persona: Some(id), .. } if !image => out.refs.push(Reference {
                        kind: RefKind::Persona,
                        id: id.to_string(),
                        offset: range.start,
                        embed: false,
                        anchor: None,
                    }),
                    _ => {}
                }
            }
            _ => {}
        }
        flush(&mut pending, &mut out);
    }
    flush(&mut pending, &mut out);
    out
}

/// Splits `persona:sanne` into its kind and id, for the eight typed schemes.
pub fn typed_link(dest: &str) -> Option<(RefKind, &str)> {
    let (scheme, id) = dest.split_once(':')?;
    let kind = RefKind::parse(scheme)?;
    Some((kind, id))
}

/// How the renderer turns references into HTML for one page.
pub trait Resolver {
    /// The href of a typed link (with its `#anchor`, if any), or `None` to
    /// render the link text only.
    fn href(&self, kind: RefKind, id: &str, anchor: Option<&str>) -> Option<String>;
    /// The HTML block of an embed, or `None` to leave nothing.
    fn embed(&self, kind: RefKind, id: &str) -> Option<String>;
    /// The HTML block of a view embed (`mindmap`, `metaphors`), or `None` to leave nothing.
    fn view(&self, _name: &str, _persona: Option<&str>) -> Option<String> {
        None
    }
    /// The href of a `mindmap:`, `mindmap:PERSONA` or `metaphors:` link, or
    /// `None` to render the link text only.
    fn view_href(&self, _page: &str, _persona: Option<&str>) -> Option<String> {
        None
    }
    /// The URL, relative to the page, of a path written in the Markdown
    /// (percent-decoded, without its `?query#fragment` `suffix`), or `None`
    /// to render a link's text only and to leave an image out.
    fn local(&self, path: &str, suffix: &str, image: bool) -> Option<String>;
}

/// The info string of a fenced Markdown block for the team only (SPEC §9b).
pub const INTERNAL_INFO: &str = "internal";

/// Is a fenced block's info string the `internal` marker?
pub fn is_internal_info(info: &str) -> bool {
    info.split_whitespace().next() == Some(INTERNAL_INFO)
}

/// Rendering options for one Markdown text.
pub struct RenderOptions<'a> {
    /// Keep raw HTML (cxsite.yaml `allow_html`).
    pub allow_html: bool,
    /// Prefix for footnote ids, unique on the page (e.g. the narrative id).
    pub footnote_prefix: &'a str,
    /// What a task list's check box says to a screen reader: (done, to do).
    pub task_labels: (&'a str, &'a str),
    /// The name of the region a table scrolls sideways in on a narrow
    /// screen (each table is wrapped in one, so the page never is), with
    /// `{columns}` for the table's column headings.
    pub table_label: &'a str,
    /// Fenced blocks with the info string `internal`: `None` (a client
    /// build) drops them; `Some(label)` (`--internal`) renders their text as
    /// Markdown in an `<aside class="internal">` headed by `label`.
    pub internal: Option<&'a str>,
}

/// Renders Markdown to HTML with typed links, embeds and the safety rules.
pub fn render(text: &str, resolver: &dyn Resolver, opts: &RenderOptions) -> String {
    let mut events: Vec<Event> = Vec::new();
    let mut in_code_block = false;
    let mut link_stack: Vec<bool> = Vec::new(); // true: the link was dropped (plain text)
    let mut image_stack: Vec<Option<TagEnd>> = Vec::new(); // how the image ends: as itself, as a link, dropped
    let mut footnote_numbers: std::collections::HashMap<String, usize> = Default::default();
    let mut para_start: Option<usize> = None;
    let mut text_run: Option<(usize, String)> = None;
    let mut internal_block: Option<String> = None;
    let mut table: Option<TableRegion> = None;

    let parser = Parser::new_ext(text, options());
    for event in parser {
        if !matches!(event, Event::Text(_)) || in_code_block {
            if let Some((at, run)) = text_run.take() {
                push_text_with_embeds(&mut events, at, run, para_start, resolver);
            }
        }
        if let Some(block) = &mut internal_block {
            match event {
                Event::Text(t) => block.push_str(&t),
                Event::End(TagEnd::CodeBlock) => {
                    let inner = internal_block.take().unwrap_or_default();
                    if let Some(label) = opts.internal {
                        let html = render(&inner, resolver, opts);
                        let label = crate::html::escape_html(label);
                        events.push(Event::Html(CowStr::from(format!(
                            "<aside class=\"internal\"><p class=\"internal-label\">{label}</p>\n{html}</aside>\n"
                        ))));
                    }
                }
                _ => {}
            }
            continue;
        }
        if let Some(t) = &mut table {
            t.see(&event);
        }
        match event {
            Event::Start(Tag::CodeBlock(CodeBlockKind::Fenced(ref info))) if is_internal_info(info) => {
                internal_block = Some(String::new());
            }
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
                let resolved = match target::classify(&dest_url) {
                    Target::Typed { kind, id, anchor } => resolver.href(kind, id, anchor).map(CowStr::from),
                    Target::View { page, persona } => resolver.view_href(page, persona).map(CowStr::from),
                    Target::Path { path, suffix } => resolver.local(&path, suffix, false).map(CowStr::from),
                    Target::Fragment | Target::Web | Target::Contact => Some(dest_url),
                    Target::Unsafe => None,
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
            // `{#id .class}` on a heading is ours; any other attribute (`onclick=…`) is raw HTML.
            Event::Start(Tag::Heading { level, id, classes, attrs }) => {
                let attrs = if opts.allow_html { attrs } else { Vec::new() };
                events.push(Event::Start(Tag::Heading { level, id, classes, attrs }));
            }
            Event::Start(Tag::Image { link_type, dest_url, title, id }) => match target::classify(&dest_url) {
                Target::Path { path, suffix } => match resolver.local(&path, suffix, true) {
                    Some(url) => {
                        image_stack.push(Some(TagEnd::Image));
                        events.push(Event::Start(Tag::Image { link_type, dest_url: url.into(), title, id }));
                    }
                    None => image_stack.push(None),
                },
                // The site requests nothing from outside: an outside image is shown as a link to it.
                Target::Web => {
                    image_stack.push(Some(TagEnd::Link));
                    events.push(Event::Start(Tag::Link { link_type, dest_url, title, id }));
                }
                _ => image_stack.push(None),
            },
            Event::End(TagEnd::Image) => {
                if let Some(Some(end)) = image_stack.pop() {
                    events.push(Event::End(end));
                }
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
            // A table wider than a phone scrolls in a region of its own,
            // which a keyboard can reach and a screen reader names by its
            // column headings (known once the head is read).
            Event::Start(Tag::Table(_)) => {
                table = Some(TableRegion { at: events.len(), in_head: false, columns: Vec::new() });
                events.push(event);
            }
            Event::End(TagEnd::Table) => {
                events.push(event);
                if let Some(t) = table.take() {
                    let label = opts.table_label.replace("{columns}", &t.columns.join(", "));
                    let label = crate::html::escape_html(label.trim_end_matches([':', ' ']));
                    let open =
                        format!("<div class=\"table-scroll\" role=\"region\" tabindex=\"0\" aria-label=\"{label}\">\n");
                    events.insert(t.at, Event::Html(CowStr::from(open)));
                    events.push(Event::Html(CowStr::from("</div>\n")));
                }
            }
            // A check box needs a name for screen readers (pulldown-cmark writes none).
            Event::TaskListMarker(done) => {
                let (yes, no) = opts.task_labels;
                let (checked, label) = if done { (" checked=\"\"", yes) } else { ("", no) };
                events.push(Event::InlineHtml(CowStr::from(format!(
                    "<input disabled=\"\" type=\"checkbox\"{checked} aria-label=\"{}\"/>\n",
                    crate::html::escape_html(label)
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

/// A Markdown table being rendered: where its scroll region opens and the
/// text of its column headings, which name the region.
struct TableRegion {
    /// Index in the event list of the table's start.
    at: usize,
    /// Reading the header row.
    in_head: bool,
    /// The text of each column heading read so far.
    columns: Vec<String>,
}

impl TableRegion {
    /// Takes in the text of the header row's cells.
    fn see(&mut self, event: &Event) {
        match event {
            Event::Start(Tag::TableHead) => self.in_head = true,
            Event::End(TagEnd::TableHead) => self.in_head = false,
            Event::Start(Tag::TableCell) if self.in_head => self.columns.push(String::new()),
            Event::Text(t) | Event::Code(t) if self.in_head => {
                if let Some(c) = self.columns.last_mut() {
                    c.push_str(t);
                }
            }
            _ => {}
        }
    }
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
    let embeds = if para.is_some() { embed::find(&run, |_| false) } else { Vec::new() };
    let mut last = 0;
    for found in embeds {
        let embed::Found::Call { start, end, name, id, persona } = found else { continue };
        let view = embed::VIEWS.iter().any(|v| v.0 == name);
        let kind = RefKind::parse(&name).filter(|k| k.embeddable());
        if kind.is_none() && !view {
            continue;
        }
        let before = &run[last..start];
        if !before.trim().is_empty() {
            events.push(Event::Text(CowStr::from(before.to_string())));
        }
        let block = match kind {
            Some(kind) => resolver.embed(kind, &id),
            None => resolver.view(&name, persona.as_deref()),
        }
        .unwrap_or_default();
        events.push(Event::Html(CowStr::from(format!("</p>\n{block}\n<p>"))));
        last = end;
    }
    let rest = &run[last..];
    let only_space_after_embed = last > 0 && rest.trim().is_empty();
    if !rest.is_empty() && !only_space_after_embed {
        events.push(Event::Text(CowStr::from(rest.to_string())));
    }
}

/// The number of a footnote label: 1, 2, … in order of first use.
fn footnote_number(seen: &mut std::collections::HashMap<String, usize>, label: &str) -> usize {
    let next = seen.len() + 1;
    *seen.entry(label.to_string()).or_insert(next)
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
mod tests;
