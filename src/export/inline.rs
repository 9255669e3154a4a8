//! Inlining files into the export: a file as a `data:` URI, a stylesheet
//! (with what it references) as a `<style>`, a script as a `<script>` at the
//! end of the document, each made safe for the element it goes into.

use std::collections::HashSet;
use std::rc::Rc;

use super::css;
use super::links::{data_uri, encode_fragment, Target};
use super::rewrite::{Ctx, Mode, Rewriter, HELP_MISSING, HELP_NETWORK, HELP_NONE};
use crate::html::{escape_attr, write_tag, Edit, StartTag};

/// The scripts of the export, in order, each once.
#[derive(Default)]
pub struct Scripts {
    seen: HashSet<String>,
    /// `<script>` elements with their code inlined.
    pub html: Vec<String>,
}

impl Scripts {
    pub(super) fn push(&mut self, key: String, html: String) {
        if self.seen.insert(key) {
            self.html.push(html);
        }
    }
}

/// Makes script text safe inside `<script>…</script>`: the `<` of every
/// `</script` and `<!--` becomes `\x3C`, the same character in strings,
/// template literals and regular expressions.
pub fn script_safe(js: &str) -> String {
    escape_lt(js, &["</script", "<!--"], "\\x3C")
}

/// Makes CSS text safe inside `<style>…</style>` (`</style` only occurs in strings or comments).
pub fn style_safe(css: &str) -> String {
    escape_lt(css, &["</style"], "<\\")
}

/// Replaces the first character of each (ASCII case-insensitive) occurrence of
/// `needles` by `with`, keeping the rest as written.
fn escape_lt(s: &str, needles: &[&str], with: &str) -> String {
    let lower = s.to_ascii_lowercase();
    let mut hits: Vec<usize> = needles.iter().flat_map(|n| lower.match_indices(n).map(|(i, _)| i)).collect();
    hits.sort_unstable();
    let mut out = String::with_capacity(s.len() + hits.len() * 4);
    let mut last = 0;
    for i in hits {
        out.push_str(&s[last..i]);
        out.push_str(with);
        last = i + 1;
    }
    out.push_str(&s[last..]);
    out
}

impl Rewriter<'_> {
    /// A file of the site as a `data:` URI (made once per file).
    pub(super) fn data_uri(&self, at: &str, path: &str) -> Option<Rc<str>> {
        if let Some(u) = self.data_uris.borrow().get(path) {
            return Some(u.clone());
        }
        let uri: Rc<str> = if path.ends_with(".css") {
            let css = self.stylesheet(path)?;
            data_uri(path, css.as_bytes()).into()
        } else {
            match self.map.file(path) {
                Ok(bytes) => data_uri(path, &bytes).into(),
                Err(e) => {
                    self.note(at, e, HELP_NONE);
                    return None;
                }
            }
        };
        self.data_uris.borrow_mut().insert(path.to_string(), uri.clone());
        Some(uri)
    }

    /// A stylesheet of the site with everything it references inlined.
    pub fn stylesheet(&self, path: &str) -> Option<Rc<str>> {
        if let Some(s) = self.stylesheets.borrow().get(path) {
            return Some(s.clone());
        }
        if self.inlining.borrow().iter().any(|p| p == path) {
            self.note(path, "imports itself (through @import); the import is left out".into(), HELP_NONE);
            return None;
        }
        let bytes = match self.map.file(path) {
            Ok(b) => b,
            Err(e) => {
                self.note(path, e, HELP_NONE);
                return None;
            }
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        self.inlining.borrow_mut().push(path.to_string());
        let css: Rc<str> = css::rewrite_urls(&text, &mut |u| {
            if u.starts_with('#') {
                None
            } else {
                self.css_reference(path, u)
            }
        })
        .into();
        self.inlining.borrow_mut().pop();
        self.stylesheets.borrow_mut().insert(path.to_string(), css.clone());
        Some(css)
    }

    /// A `url()` in CSS written at `from`: the new URL, or `None` to keep it.
    pub(super) fn css_reference(&self, from: &str, url: &str) -> Option<String> {
        match self.map.resolve(from, url) {
            Target::Keep => None,
            Target::External => {
                self.note(
                    from,
                    format!("loads {url} from the network: the export is not self-contained"),
                    HELP_NETWORK,
                );
                None
            }
            Target::File(path, fragment) => {
                let uri = self.data_uri(from, &path).map_or_else(|| "data:,".to_string(), |u| u.to_string());
                Some(match fragment {
                    Some(f) => format!("{uri}#{}", encode_fragment(&f)),
                    None => uri,
                })
            }
            Target::Anchor(_) | Target::Missing(_) => {
                self.note(
                    from,
                    format!("refers to {url}, which is not a file of the site; it is left out"),
                    HELP_MISSING,
                );
                Some("data:,".into())
            }
        }
    }

    /// `<link>`: a stylesheet becomes a `<style>` (once per document), an icon a
    /// `data:` URI; other links (canonical, preload …) mean nothing in one file.
    pub(super) fn link(&self, ctx: &Ctx<'_>, tag: &StartTag<'_>, mode: Mode, out: &mut String) {
        let rel = tag.attr("rel").map(|r| r.to_ascii_lowercase()).unwrap_or_default();
        let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
        let href = tag.attr("href").map(|h| h.into_owned()).unwrap_or_default();
        if rels.contains(&"stylesheet") && !rels.contains(&"alternate") {
            match self.map.resolve(ctx.path, &href) {
                Target::File(path, _) => {
                    if !self.styles_seen.borrow_mut().insert(format!("file:{path}")) {
                        return;
                    }
                    if let Some(css) = self.stylesheet(&path) {
                        out.push_str("<style");
                        if let Some(media) = tag.attr("media") {
                            out.push_str(&format!(" media=\"{}\"", escape_attr(&media)));
                        }
                        out.push('>');
                        out.push_str(&style_safe(&css));
                        out.push_str("</style>");
                    }
                }
                Target::External | Target::Keep => {
                    self.note(
                        ctx.path,
                        format!("loads the stylesheet {href} from the network: the export is not self-contained"),
                        HELP_NETWORK,
                    );
                    out.push_str(tag.raw);
                }
                Target::Anchor(_) | Target::Missing(_) => self.note(
                    ctx.path,
                    format!("loads the stylesheet {href}, which is not in the site; left out"),
                    HELP_MISSING,
                ),
            }
        } else if rels.iter().any(|r| r.ends_with("icon")) && mode == Mode::Head {
            self.tag(ctx, tag, mode, out);
        }
    }

    /// A `<script>`: its code (inline, or the file its `src` names) for the end of the document.
    pub(super) fn script(&self, ctx: &Ctx<'_>, tag: &StartTag<'_>, body: &str, scripts: &mut Scripts) {
        let dropped = ["src", "defer", "async", "integrity", "crossorigin", "charset"];
        let mut open = String::new();
        let edits = tag
            .attrs
            .iter()
            .map(|a| if dropped.contains(&a.name.as_str()) { Edit::Drop } else { Edit::Keep })
            .collect();
        write_tag(&mut open, tag, edits, &[]);
        let Some(src) = tag.attr("src") else {
            scripts.push(format!("inline:{open}{body}"), format!("{open}{body}</script>"));
            return;
        };
        self.script_file(ctx, &src, &open, tag.raw, scripts);
    }

    /// Inlines the script file `src` (as a page names it) once, opened by `open`;
    /// `raw` is kept as written when the file is outside the site.
    pub(super) fn script_file(&self, ctx: &Ctx<'_>, src: &str, open: &str, raw: &str, scripts: &mut Scripts) {
        match self.map.resolve(ctx.path, src) {
            Target::File(path, _) => match self.map.file(&path) {
                Ok(bytes) => {
                    let js = script_safe(&String::from_utf8_lossy(&bytes));
                    scripts.push(format!("file:{path}"), format!("{open}{js}</script>"));
                }
                Err(e) => self.note(ctx.path, e, HELP_NONE),
            },
            Target::Keep | Target::External => {
                self.note(ctx.path, format!("loads the script {src} from outside the export"), HELP_NETWORK);
                scripts.push(format!("url:{src}"), format!("{raw}</script>"));
            }
            Target::Anchor(_) | Target::Missing(_) => {
                self.note(ctx.path, format!("loads the script {src}, which is not in the site; left out"), HELP_MISSING)
            }
        }
    }

    /// Every generated file in the folder of the script `src` (not the site
    /// root), inlined after it: the parts of the search index it loads on demand.
    pub(super) fn folder_scripts(&self, ctx: &Ctx<'_>, src: &str, scripts: &mut Scripts) {
        let Target::File(path, _) = self.map.resolve(ctx.path, src) else { return };
        let Some(slash) = path.rfind('/') else { return };
        for file in self.map.rendered_under(&path[..=slash]) {
            if file.ends_with(".js") {
                self.script_file(
                    ctx,
                    &format!("{}{file}", crate::render::root_prefix(ctx.path)),
                    "<script>",
                    "<script>",
                    scripts,
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn safe_text() {
        assert_eq!(script_safe("a</SCRIPT><!--"), "a\\x3C/SCRIPT>\\x3C!--");
        assert_eq!(style_safe("a</style"), "a<\\/style");
    }
}
