//! Rewriting one page's markup for the export: ids made unique per page,
//! references to them and links between pages turned into in-document
//! anchors, files inlined as `data:` URIs, scripts taken out to run once at
//! the end of the document (see [`super::inline`]).

use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::rc::Rc;

use super::css;
use super::inline::Scripts;
use super::links::{encode_fragment, page_anchor, SiteMap, Target, ID_SEP};
use crate::html::{write_tag, Edit, StartTag, Token};
use crate::web::percent_decode_or_keep;

/// Attributes that hold one id or a space-separated list of ids.
const ID_REFS: &[&str] = &[
    "for",
    "form",
    "list",
    "headers",
    "itemref",
    "popovertarget",
    "commandfor",
    "anchor",
    "aria-labelledby",
    "aria-describedby",
    "aria-controls",
    "aria-owns",
    "aria-flowto",
    "aria-activedescendant",
    "aria-details",
    "aria-errormessage",
];

/// SVG presentation attributes that may hold `url(#id)`.
const URL_PRESENTATION: &[&str] =
    &["fill", "stroke", "filter", "clip-path", "mask", "marker-start", "marker-mid", "marker-end", "cursor"];

/// The page a piece of markup comes from: its site path and its id prefix.
pub struct Ctx<'a> {
    /// Site path, e.g. `insights/foo.html`.
    pub path: &'a str,
    prefix: String,
}

impl<'a> Ctx<'a> {
    /// The context of the page at `path`.
    pub fn new(path: &'a str) -> Ctx<'a> {
        Ctx { path, prefix: format!("{}{ID_SEP}", page_anchor(path)) }
    }

    /// The export's id for the page's id `id`.
    pub fn id(&self, id: &str) -> String {
        format!("{}{id}", self.prefix)
    }

    pub(super) fn fragment(&self, id: &str) -> String {
        format!("#{}", encode_fragment(&self.id(id)))
    }
}

/// Which part of a page is being written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// The `<head>` of the page whose head the export keeps.
    Head,
    /// The `<head>` of any other page: only its styles and scripts count.
    HeadExtras,
    /// The header and footer around `<main>` (kept once): every script goes to the end,
    /// `aria-current` goes (it names one page).
    Chrome,
    /// A page's `<main>`: scripts with `src` go to the end, inline ones stay.
    Content,
}

/// Rewrites pages against one [`SiteMap`], remembering what it inlined.
pub struct Rewriter<'m> {
    pub(super) map: &'m SiteMap,
    pub(super) data_uris: RefCell<HashMap<String, Rc<str>>>,
    pub(super) stylesheets: RefCell<HashMap<String, Rc<str>>>,
    /// Stylesheets being inlined (to stop `@import` cycles).
    pub(super) inlining: RefCell<Vec<String>>,
    /// Stylesheets and head `<style>` texts already in the document.
    pub(super) styles_seen: RefCell<HashSet<String>>,
    notes: RefCell<BTreeSet<Note>>,
}

/// Something the export could not keep as it was: (site path of the page or
/// file, what happened, what would fix it).
pub type Note = (String, String, &'static str);

pub(super) const HELP_MISSING: &str =
    "it points at nothing in the site (so it is broken on the web site too): fix it, or put the file under assets/";
pub(super) const HELP_NETWORK: &str = "save the file under assets/ and refer to it there, so the export works offline";
const HELP_EMBED: &str = "link to the page instead of embedding it";
pub(super) const HELP_NONE: &str = "";

impl<'m> Rewriter<'m> {
    /// A rewriter for the site described by `map`.
    pub fn new(map: &'m SiteMap) -> Rewriter<'m> {
        Rewriter {
            map,
            data_uris: RefCell::default(),
            stylesheets: RefCell::default(),
            inlining: RefCell::default(),
            styles_seen: RefCell::default(),
            notes: RefCell::default(),
        }
    }

    /// What the export could not keep as it was, sorted, each once.
    pub fn notes(&self) -> Vec<Note> {
        self.notes.borrow().iter().cloned().collect()
    }

    pub(super) fn note(&self, at: &str, msg: String, help: &'static str) {
        self.notes.borrow_mut().insert((at.to_string(), msg, help));
    }

    /// CSS inside a page (a `style` attribute or element): `url(#id)` follows the page's ids.
    fn page_css<'c>(&self, ctx: &Ctx<'_>, css: &'c str) -> std::borrow::Cow<'c, str> {
        css::rewrite_urls(css, &mut |u| match u.strip_prefix('#') {
            Some(id) => Some(ctx.fragment(&percent_decode_or_keep(id))),
            None => self.css_reference(ctx.path, u),
        })
    }

    /// A link the reader follows (`a`, `area`, a form's action): the new value and,
    /// for a file, its name for a `download` attribute.
    fn navigation(&self, ctx: &Ctx<'_>, url: &str, downloadable: bool) -> (Edit, Option<String>) {
        match self.map.resolve(ctx.path, url) {
            Target::Anchor(a) => (Edit::Set(a), None),
            Target::Keep | Target::External => (Edit::Keep, None),
            Target::File(path, _) if downloadable => match self.data_uri(ctx.path, &path) {
                Some(uri) => {
                    let name = path.rsplit('/').next().unwrap_or(&path).to_string();
                    (Edit::Set(uri.to_string()), Some(name))
                }
                None => (Edit::Drop, None),
            },
            Target::File(path, _) | Target::Missing(path) => {
                self.note(
                    ctx.path,
                    format!("links to {path}, which is not in the export; the link became plain text"),
                    HELP_MISSING,
                );
                (Edit::Drop, None)
            }
        }
    }

    /// A URL that loads or points at something (`src`, SVG `href`, `poster` …).
    fn reference(&self, ctx: &Ctx<'_>, url: &str) -> Edit {
        if let Some(id) = url.trim().strip_prefix('#') {
            return Edit::Set(ctx.fragment(&percent_decode_or_keep(id)));
        }
        match self.map.resolve(ctx.path, url) {
            Target::Keep => Edit::Keep,
            Target::External => {
                self.note(
                    ctx.path,
                    format!("loads {url} from the network: the export is not self-contained"),
                    HELP_NETWORK,
                );
                Edit::Keep
            }
            Target::File(path, fragment) => match self.data_uri(ctx.path, &path) {
                Some(uri) => Edit::Set(match fragment {
                    Some(f) => format!("{uri}#{}", encode_fragment(&f)),
                    None => uri.to_string(),
                }),
                None => Edit::Drop,
            },
            Target::Anchor(_) => {
                self.note(
                    ctx.path,
                    format!("embeds the page {url}, which cannot be embedded in the export; left out"),
                    HELP_EMBED,
                );
                Edit::Drop
            }
            Target::Missing(path) => {
                self.note(ctx.path, format!("refers to {path}, which is not in the site; left out"), HELP_MISSING);
                Edit::Drop
            }
        }
    }

    /// `srcset`: every candidate URL inlined.
    fn srcset(&self, ctx: &Ctx<'_>, value: &str) -> Edit {
        let mut out = Vec::new();
        let mut rest = value;
        loop {
            rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == ',');
            if rest.is_empty() {
                break;
            }
            let end = rest.find(|c: char| c.is_ascii_whitespace()).unwrap_or(rest.len());
            let mut url = &rest[..end];
            rest = &rest[end..];
            let mut descriptor = "";
            if url.ends_with(',') {
                url = url.trim_end_matches(',');
            } else {
                let d_end = rest.find(',').unwrap_or(rest.len());
                descriptor = rest[..d_end].trim();
                rest = &rest[d_end..];
            }
            match self.reference(ctx, url) {
                Edit::Set(u) => out.push(format!("{u} {descriptor}").trim_end().to_string()),
                Edit::Keep => out.push(format!("{url} {descriptor}").trim_end().to_string()),
                Edit::Drop => {}
            }
        }
        if out.is_empty() {
            Edit::Drop
        } else {
            Edit::Set(out.join(", "))
        }
    }

    /// Writes a start tag with its ids and URLs rewritten.
    pub(super) fn tag(&self, ctx: &Ctx<'_>, tag: &StartTag<'_>, mode: Mode, out: &mut String) {
        let mut extra: Vec<(&str, String)> = Vec::new();
        let el = tag.name.as_str();
        let edits = tag
            .attrs
            .iter()
            .map(|a| {
                let n = a.name.as_str();
                match n {
                    "id" => Edit::Set(ctx.id(&a.value())),
                    "name" if el == "a" || el == "map" => Edit::Set(ctx.id(&a.value())),
                    "usemap" => match a.value().strip_prefix('#') {
                        Some(id) => Edit::Set(format!("#{}", ctx.id(id))),
                        None => Edit::Keep,
                    },
                    "aria-current" if mode == Mode::Chrome => Edit::Drop,
                    _ if ID_REFS.contains(&n) => {
                        let v = a.value();
                        if v.trim().is_empty() {
                            Edit::Keep
                        } else {
                            Edit::Set(v.split_ascii_whitespace().map(|id| ctx.id(id)).collect::<Vec<_>>().join(" "))
                        }
                    }
                    "href" | "xlink:href" if el == "a" || el == "area" => {
                        if let Some(state) = filter_state(&a.value()).filter(|_| tag.attr(FILTER_STATE).is_none()) {
                            extra.push((FILTER_STATE, state.to_string()));
                        }
                        let (edit, download) = self.navigation(ctx, &a.value(), true);
                        if let Some(name) = download.filter(|_| tag.attr("download").is_none()) {
                            extra.push(("download", name));
                        }
                        edit
                    }
                    "action" if el == "form" => self.navigation(ctx, &a.value(), false).0,
                    "formaction" => self.navigation(ctx, &a.value(), false).0,
                    "href" | "xlink:href" | "src" | "poster" | "background" => self.reference(ctx, &a.value()),
                    "data" if el == "object" => self.reference(ctx, &a.value()),
                    "srcset" | "imagesrcset" => self.srcset(ctx, &a.value()),
                    "ping" => Edit::Drop,
                    "style" => keep_unless_changed(&a.value(), |v| self.page_css(ctx, v)),
                    _ if URL_PRESENTATION.contains(&n) && a.value().contains("url(") => {
                        keep_unless_changed(&a.value(), |v| self.page_css(ctx, v))
                    }
                    _ => Edit::Keep,
                }
            })
            .collect();
        write_tag(out, tag, edits, &extra);
    }

    /// Writes `tokens` (one part of the page `ctx`) rewritten, sending scripts to `scripts`.
    pub fn rewrite(&self, ctx: &Ctx<'_>, tokens: &[Token<'_>], mode: Mode, out: &mut String, scripts: &mut Scripts) {
        let head = matches!(mode, Mode::Head | Mode::HeadExtras);
        let mut i = 0;
        while i < tokens.len() {
            match &tokens[i] {
                Token::Text(t) => {
                    if mode != Mode::HeadExtras {
                        out.push_str(t);
                    }
                }
                Token::End(e) => {
                    if mode != Mode::HeadExtras {
                        out.push_str(e.raw);
                    }
                }
                Token::Unclosed(close) => {
                    if mode != Mode::HeadExtras {
                        out.push_str(close);
                    }
                }
                Token::Start(tag) => match tag.name.as_str() {
                    "script" => {
                        let (body, end) = element_text(tokens, i, "script");
                        i = end;
                        if tag.attrs.iter().any(|a| a.name == "src") || mode != Mode::Content {
                            self.script(ctx, tag, &body, scripts);
                        } else {
                            self.tag(ctx, tag, mode, out);
                            out.push_str(&body);
                            out.push_str("</script>");
                        }
                    }
                    "style" => {
                        let (body, end) = element_text(tokens, i, "style");
                        i = end;
                        let css = self.page_css(ctx, &body).into_owned();
                        if head && !self.styles_seen.borrow_mut().insert(format!("text:{css}")) {
                            // The same style is in every page's head: once is enough.
                        } else {
                            self.tag(ctx, tag, mode, out);
                            out.push_str(&css);
                            out.push_str("</style>");
                        }
                    }
                    "noscript" if head => {
                        // What a page shows without JavaScript: the export runs its scripts.
                        i = element_text(tokens, i, "noscript").1;
                    }
                    "plaintext" => {
                        // Nothing can end <plaintext>: in one file it would swallow every later page.
                        let (body, end) = element_text(tokens, i, "plaintext");
                        i = end;
                        if mode != Mode::HeadExtras {
                            out.push_str("<pre>");
                            out.push_str(&body.replace('&', "&amp;").replace('<', "&lt;"));
                            out.push_str("</pre>");
                        }
                    }
                    "link" => self.link(ctx, tag, mode, out),
                    // A script the page loads itself after its first paint (insights.html's
                    // search index): here it is inlined with the others, and so is every
                    // file of its folder, which the page would load on demand.
                    _ if mode == Mode::Content && tag.attr("data-cxsite-script").is_some() => {
                        let src = tag.attr("data-cxsite-script").unwrap_or_default();
                        self.script_file(ctx, &src, "<script>", "<script>", scripts);
                        self.folder_scripts(ctx, &src, scripts);
                        self.tag(ctx, tag, mode, out);
                    }
                    "base" => {}
                    "meta" if tag.attr("http-equiv").is_some_and(|v| v.eq_ignore_ascii_case("refresh")) => {}
                    _ if mode == Mode::HeadExtras => {}
                    _ => self.tag(ctx, tag, mode, out),
                },
            }
            i += 1;
        }
    }
}

/// `Set` the rewritten value only when rewriting changed it.
fn keep_unless_changed<'v>(value: &'v str, f: impl FnOnce(&'v str) -> std::borrow::Cow<'v, str>) -> Edit {
    match f(value) {
        std::borrow::Cow::Borrowed(_) => Edit::Keep,
        std::borrow::Cow::Owned(s) => Edit::Set(s),
    }
}

/// The text of the element whose start tag is `tokens[start]`, up to its end
/// tag `</name>`, and the index of that end tag (of the start tag itself when
/// it is self-closing and has no text).
fn element_text(tokens: &[Token<'_>], start: usize, name: &str) -> (String, usize) {
    let mut text = String::new();
    let mut i = start + 1;
    while i < tokens.len() {
        match &tokens[i] {
            Token::End(e) if e.name == name => return (text, i),
            Token::Text(t) => text.push_str(t),
            Token::Unclosed(_) => {}
            Token::Start(_) | Token::End(_) => {
                if let Token::Start(s) = &tokens[start] {
                    if s.self_closing && text.is_empty() {
                        return (text, start);
                    }
                }
                // Markup inside (only possible in SVG): keep going, as text is what counts.
            }
        }
        i += 1;
    }
    (text, tokens.len().saturating_sub(1).max(start))
}

/// The attribute that carries a link's filters of the insights list in the
/// export, where the link itself becomes the list's page anchor (insights.js reads it).
const FILTER_STATE: &str = "data-cxsite-filter-state";

/// The filters a link to the insights list carries in its hash
/// (`insights.html#persona=anna&stage=move/orient`, coverage.html's cells).
fn filter_state(href: &str) -> Option<&str> {
    let (path, hash) = href.split_once('#')?;
    let list = path == "insights.html" || path.ends_with("/insights.html");
    (list && hash.contains('=')).then_some(hash)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::html::tokenize;
    use std::collections::BTreeMap;
    use std::path::PathBuf;

    fn map() -> SiteMap {
        let mut pages = HashMap::new();
        pages.insert("index.html".to_string(), HashSet::from(["main".to_string()]));
        pages.insert("insights.html".to_string(), HashSet::from(["main".to_string()]));
        pages.insert(
            "insights/a.html".to_string(),
            HashSet::from(["main".to_string(), "ev".to_string(), "fn-1".to_string()]),
        );
        let rendered = BTreeMap::from([
            (
                "static/site.css".to_string(),
                b"@font-face{src:url(fonts/f.woff2)} .x{background:url(../assets/p.png)}".to_vec(),
            ),
            ("static/fonts/f.woff2".to_string(), b"wOF2".to_vec()),
            ("static/app.js".to_string(), b"if (a</script>b) {}".to_vec()),
            ("assets/p.png".to_string(), b"\x89PNG".to_vec()),
            ("assets/r.pdf".to_string(), b"%PDF".to_vec()),
        ]);
        SiteMap::new(pages, rendered, HashMap::<String, PathBuf>::new())
    }

    fn run(path: &str, html: &str, mode: Mode) -> (String, Scripts, Vec<Note>) {
        let m = map();
        let r = Rewriter::new(&m);
        let mut out = String::new();
        let mut scripts = Scripts::default();
        r.rewrite(&Ctx::new(path), &tokenize(html), mode, &mut out, &mut scripts);
        (out, scripts, r.notes())
    }

    #[test]
    fn ids_and_references_follow_the_page() {
        let (out, _, notes) = run(
            "insights/a.html",
            r##"<h2 id="ev">E</h2><a href="#ev">e</a><a href="#fn-1">1</a><label for="q">Q</label><input id=q>
<svg aria-labelledby="t d"><title id="t">T</title><use href="#sym"/><use xlink:href="#sym"/><rect fill="url(#hatch)" style="fill:url('#hatch')"/></svg>"##,
            Mode::Content,
        );
        assert!(notes.is_empty(), "{notes:?}");
        for want in [
            r##"<h2 id="page-insights-a__ev">"##,
            r##"<a href="#page-insights-a__ev">"##,
            r##"<a href="#page-insights-a__fn-1">"##,
            r##"<label for="page-insights-a__q">"##,
            r##"<input id="page-insights-a__q">"##,
            r##"aria-labelledby="page-insights-a__t page-insights-a__d""##,
            r##"<use href="#page-insights-a__sym"/>"##,
            r##"<use xlink:href="#page-insights-a__sym"/>"##,
            r##"fill="url(&quot;#page-insights-a__hatch&quot;)""##,
            r##"style="fill:url(&quot;#page-insights-a__hatch&quot;)""##,
        ] {
            assert!(out.contains(want), "{want} in\n{out}");
        }
    }

    #[test]
    fn a_link_to_the_filtered_insights_list_keeps_its_filters_in_an_attribute() {
        let (out, _, notes) = run(
            "coverage.html",
            r#"<a href="insights.html#persona=anna&amp;stage=move/orient">2</a><a href="insights.html#main">m</a><a href="index.html#x=1">i</a>"#,
            Mode::Content,
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert!(
            out.contains(
                r##"<a href="#page-insights" data-cxsite-filter-state="persona=anna&amp;stage=move/orient">2</a>"##
            ),
            "{out}"
        );
        assert_eq!(out.matches("data-cxsite-filter-state").count(), 1, "only filters of the insights list: {out}");
    }

    #[test]
    fn links_between_pages_and_files() {
        let (out, _, notes) = run(
            "insights/a.html",
            r#"<a href="../index.html">i</a><a href="a.html#ev">s</a><a href="../assets/r.pdf">r</a><img src="../assets/p.png" srcset="../assets/p.png 2x, ../assets/p.png 3x"><a href="https://x.org/">x</a><a href="nope.html">n</a><img src="nope.png">"#,
            Mode::Content,
        );
        assert!(out.contains(r##"<a href="#page-index">i</a>"##), "{out}");
        assert!(out.contains(r##"<a href="#page-insights-a__ev">s</a>"##), "{out}");
        assert!(out.contains(r#"<a href="data:application/pdf;base64,JVBERg==" download="r.pdf">r</a>"#), "{out}");
        assert!(out.contains(r#"<img src="data:image/png;base64,iVBORw==" srcset="data:image/png;base64,iVBORw== 2x, data:image/png;base64,iVBORw== 3x">"#), "{out}");
        assert!(out.contains(r#"<a href="https://x.org/">x</a>"#));
        assert!(out.contains("<a>n</a>") && out.contains("<img>"), "{out}");
        assert_eq!(notes.len(), 2, "{notes:?}");
    }

    #[test]
    fn stylesheets_and_scripts_are_inlined_once() {
        let (out, scripts, notes) = run(
            "index.html",
            r#"<link rel="stylesheet" href="static/site.css"><link rel="stylesheet" href="static/site.css"><link rel="canonical" href="https://x.org/"><style>:root{--a:red}</style><script src="static/app.js" defer></script><script src="static/app.js"></script><title>T</title>"#,
            Mode::Head,
        );
        assert!(notes.is_empty(), "{notes:?}");
        assert_eq!(out.matches("<style>").count(), 2, "{out}");
        assert!(out.contains("src:url(\"data:font/woff2;base64,d09GMg==\")"), "{out}");
        assert!(out.contains("background:url(\"data:image/png;base64,iVBORw==\")"), "{out}");
        assert!(!out.contains("canonical") && !out.contains("<script"), "{out}");
        assert_eq!(scripts.html, ["<script>if (a\\x3C/script>b) {}</script>"]);
    }

    #[test]
    fn inline_scripts_stay_in_content_and_move_out_of_chrome() {
        let html = r#"<script>var a = 1;</script><a href="index.html" aria-current="page">h</a>"#;
        let (out, scripts, _) = run("index.html", html, Mode::Content);
        assert!(out.contains("<script>var a = 1;</script>") && scripts.html.is_empty());
        assert!(out.contains("aria-current"));
        let (out, scripts, _) = run("index.html", html, Mode::Chrome);
        assert_eq!(out, r##"<a href="#page-index">h</a>"##);
        assert_eq!(scripts.html, ["<script>var a = 1;</script>"]);
    }

    #[test]
    fn a_page_cannot_swallow_the_next() {
        for (html, want) in [
            ("<p>a<!-- oops", "<p>a<!-- oops-->"),
            ("<textarea>a", "<textarea>a</textarea>"),
            ("<p>a<a href=\"x", "<p>a"),
            ("<plaintext>a <b> & c", "<pre>a &lt;b> &amp; c</pre>"),
            ("<style>p{}", "<style>p{}</style>"),
        ] {
            assert_eq!(run("index.html", html, Mode::Content).0, want);
        }
    }
}
