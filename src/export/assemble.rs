//! Putting the pages together: one `<head>`, the site's header and footer
//! once, every page's `<main>` in a `<section class="export-page">`, and the
//! scripts at the end.

use std::collections::HashSet;

use super::inline::{script_safe, style_safe, Scripts};
use super::links::page_anchor;
use super::rewrite::{Ctx, Mode, Rewriter};
use crate::html::{escape_attr, tokenize, Token};

/// Shows one section at a time (CSS only) and keeps sections apart.
pub const EXPORT_CSS: &str = include_str!("export.css");
/// `window.cxsiteExport` and small conveniences (title, current nav item, skip link).
pub const EXPORT_JS: &str = include_str!("export.js");

/// One rendered page, split into the parts the export uses.
pub struct Page<'a> {
    /// Site path, e.g. `insights/foo.html`.
    pub path: String,
    tokens: Vec<Token<'a>>,
    html_tag: Option<usize>,
    head: (usize, usize),
    body_tag: Option<usize>,
    body: (usize, usize),
    /// The `<main>` start tag and its end tag, when the page has them.
    main: Option<(usize, usize)>,
    title: String,
    /// Length of the page's markup (a first guess at its section's size).
    html_len: usize,
}

impl<'a> Page<'a> {
    /// Splits the page at `path` with markup `html`.
    pub fn parse(path: &str, html: &'a str) -> Page<'a> {
        let tokens = tokenize(html);
        let (mut html_tag, mut head_start, mut head_end, mut body_tag, mut body_end) = (None, None, None, None, None);
        let (mut main_start, mut main_end, mut main_depth) = (None, None, 0usize);
        let mut title = String::new();
        for (i, t) in tokens.iter().enumerate() {
            match t {
                Token::Start(s) => match s.name.as_str() {
                    "html" if html_tag.is_none() => html_tag = Some(i),
                    "head" if head_start.is_none() => head_start = Some(i + 1),
                    "body" if body_tag.is_none() => body_tag = Some(i),
                    "title" if title.is_empty() && body_tag.is_none() => {
                        if let Some(Token::Text(text)) = tokens.get(i + 1) {
                            title = text.trim().to_string();
                        }
                    }
                    "main" => {
                        if main_start.is_none() {
                            main_start = Some(i);
                        }
                        if main_end.is_none() {
                            main_depth += 1;
                        }
                    }
                    _ => {}
                },
                Token::End(e) => match e.name.as_str() {
                    "head" if head_end.is_none() => head_end = Some(i),
                    "body" => body_end = Some(i),
                    "main" if main_start.is_some() && main_end.is_none() => {
                        main_depth = main_depth.saturating_sub(1);
                        if main_depth == 0 {
                            main_end = Some(i);
                        }
                    }
                    _ => {}
                },
                Token::Text(_) | Token::Unclosed(_) => {}
            }
        }
        let head_start = head_start.unwrap_or_else(|| html_tag.map_or(0, |h| h + 1));
        let head_close = head_end;
        let head_end = head_close.or(body_tag).unwrap_or(head_start).max(head_start);
        let body_start = match (body_tag, head_close) {
            (Some(b), _) => b + 1,
            (None, Some(h)) => h + 1,
            (None, None) => head_start,
        };
        let body_end = body_end.unwrap_or(tokens.len()).max(body_start);
        let main = match (main_start, main_end) {
            (Some(s), Some(e)) if s >= body_start && e <= body_end => Some((s, e)),
            (Some(s), None) if s >= body_start => Some((s, body_end.max(s + 1) - 1)),
            _ => None,
        };
        Page {
            path: path.to_string(),
            tokens,
            html_tag,
            head: (head_start, head_end),
            body_tag,
            body: (body_start, body_end),
            main,
            title,
            html_len: html.len(),
        }
    }

    /// The tokens the export keeps of this page: all of the body for the page
    /// whose header and footer are kept, else `<main>` (or the body without one).
    fn kept(&self, chrome: bool) -> &[Token<'a>] {
        match self.main {
            Some((s, e)) if !chrome => &self.tokens[s..=e.min(self.tokens.len() - 1)],
            _ => &self.tokens[self.body.0..self.body.1],
        }
    }

    /// The ids (and `<a name>`s) the export keeps of this page, as written.
    pub fn ids(&self, chrome: bool) -> HashSet<String> {
        let mut ids = HashSet::new();
        for t in self.kept(chrome) {
            if let Token::Start(s) = t {
                for a in &s.attrs {
                    if a.name == "id" || (a.name == "name" && s.name == "a") {
                        ids.insert(a.value().into_owned());
                    }
                }
            }
        }
        ids
    }

    fn body_class(&self) -> String {
        match self.body_tag.map(|b| &self.tokens[b]) {
            Some(Token::Start(s)) => s.attr("class").map(|c| c.into_owned()).unwrap_or_default(),
            _ => String::new(),
        }
    }
}

/// Buffers of the document being assembled.
#[derive(Default)]
struct Doc {
    head: String,
    head_extras: String,
    before: String,
    /// One part per page: no single buffer that grows (and copies itself) to the document's size.
    sections: Vec<String>,
    after: String,
    scripts: Scripts,
}

/// The export document as the parts it is written in, in order (never
/// joined into one string: with 10,000 insights that copy alone is as big
/// as the site).
pub struct Document {
    parts: Vec<String>,
}

impl Document {
    /// Its size in bytes.
    pub fn len(&self) -> usize {
        self.parts.iter().map(String::len).sum()
    }

    /// Whether it is empty (never, for a rendered site).
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// Its parts, to write one after the other.
    pub fn parts(&self) -> Vec<&[u8]> {
        self.parts.iter().map(|p| p.as_bytes()).collect()
    }
}

/// Assembles the export document of `pages` (site path, markup):
/// `pages[chrome]` gives the `<head>`, header and footer; every page becomes
/// a section, in the order given. Each page is parsed when its turn comes and
/// its markup dropped after, so only one page's tokens live at a time.
pub fn assemble(pages: Vec<(String, String)>, chrome: usize, rw: &Rewriter<'_>) -> Document {
    let mut doc = Doc::default();
    let mut order: Vec<usize> = vec![chrome];
    order.extend((0..pages.len()).filter(|&i| i != chrome));
    let mut pages: Vec<Option<(String, String)>> = pages.into_iter().map(Some).collect();
    let mut html_tag = "<html>".to_string();
    for &i in &order {
        let Some((path, html)) = pages.get_mut(i).and_then(Option::take) else { continue };
        let page = Page::parse(&path, &html);
        let ctx = Ctx::new(&page.path);
        let t = &page.tokens;
        if i == chrome {
            if let Some(Token::Start(s)) = page.html_tag.map(|h| &t[h]) {
                html_tag = s.raw.to_string();
            }
            rw.rewrite(&ctx, &t[page.head.0..page.head.1], Mode::Head, &mut doc.head, &mut doc.scripts);
        } else {
            rw.rewrite(&ctx, &t[page.head.0..page.head.1], Mode::HeadExtras, &mut doc.head_extras, &mut doc.scripts);
        }
        let (before, after) = match page.main {
            Some((s, e)) => ((page.body.0, s), (e + 1, page.body.1)),
            None => ((page.body.0, page.body.0), (page.body.1, page.body.1)),
        };
        let (mode, out_before) =
            if i == chrome { (Mode::Chrome, &mut doc.before) } else { (Mode::HeadExtras, &mut doc.head_extras) };
        rw.rewrite(&ctx, &t[before.0..before.1], mode, out_before, &mut doc.scripts);
        section(&page, rw, &ctx, &mut doc);
        let out_after = if i == chrome { &mut doc.after } else { &mut doc.head_extras };
        rw.rewrite(&ctx, &t[after.0..after.1.max(after.0)], mode, out_after, &mut doc.scripts);
    }
    let mut head = String::with_capacity(doc.head.len() + doc.head_extras.len() + EXPORT_CSS.len() + 256);
    head.push_str("<!DOCTYPE html>\n");
    head.push_str(&html_tag);
    head.push_str("\n<head>");
    head.push_str(&doc.head);
    head.push_str(&doc.head_extras);
    head.push_str("<style>\n");
    head.push_str(&style_safe(EXPORT_CSS));
    head.push_str("</style>\n</head>\n<body class=\"export\">");
    head.push_str(&doc.before);
    head.push_str("<div class=\"export-pages\">\n");
    let mut tail = String::from("</div>");
    tail.push_str(&doc.after);
    tail.push_str("<script>\n");
    tail.push_str(&script_safe(EXPORT_JS));
    tail.push_str("</script>\n");
    for s in &doc.scripts.html {
        tail.push_str(s);
        tail.push('\n');
    }
    tail.push_str("</body>\n</html>\n");
    let mut parts = Vec::with_capacity(doc.sections.len() + 2);
    parts.push(head);
    parts.append(&mut doc.sections);
    parts.push(tail);
    Document { parts }
}

/// `<section class="export-page …" id="page-…" data-title="…">` around the page's `<main>`.
fn section(page: &Page<'_>, rw: &Rewriter<'_>, ctx: &Ctx<'_>, doc: &mut Doc) {
    let class = format!("export-page {}", page.body_class());
    let mut out = String::with_capacity(page.html_len + 256);
    out.push_str(&format!(
        "<section class=\"{}\" id=\"{}\" data-title=\"{}\">\n",
        escape_attr(class.trim()),
        page_anchor(&page.path),
        page.title.replace('"', "&quot;"),
    ));
    let content = match page.main {
        Some((s, e)) => &page.tokens[s..=e.min(page.tokens.len() - 1)],
        None => &page.tokens[page.body.0..page.body.1],
    };
    rw.rewrite(ctx, content, Mode::Content, &mut out, &mut doc.scripts);
    out.push_str("\n</section>\n");
    out.shrink_to_fit();
    doc.sections.push(out);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_parts() {
        let html = "<!DOCTYPE html><html lang=en><head><title>T &amp; U</title></head><body class=\"page x\">\
                    <header>h</header><main id=main><main>inner</main>c</main><footer>f</footer></body></html>";
        let p = Page::parse("index.html", html);
        assert_eq!(p.title, "T &amp; U");
        assert_eq!(p.body_class(), "page x");
        let (s, e) = p.main.unwrap();
        assert!(matches!(&p.tokens[s], Token::Start(t) if t.raw == "<main id=main>"));
        assert!(matches!(&p.tokens[e], Token::End(t) if t.name == "main"));
        assert!(matches!(&p.tokens[e + 1], Token::Start(t) if t.name == "footer"));
        assert_eq!(p.ids(false), HashSet::from(["main".to_string()]));
    }

    #[test]
    fn copes_without_main_or_body() {
        let p = Page::parse("a.html", "<p id=x>just text</p>");
        assert!(p.main.is_none());
        assert_eq!(p.ids(false), HashSet::from(["x".to_string()]));
        let p = Page::parse("a.html", "");
        assert!(p.ids(true).is_empty());
    }
}
