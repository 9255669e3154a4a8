//! Where a URL in a page leads inside the export: to a page section (an
//! anchor), to a file (inlined as a `data:` URI), outside (kept), or nowhere.
//!
//! The mapping of a site path to its anchor is the one `cxsiteExport.href`
//! implements in `export.js`; `tests/fixtures/export-href-cases.json` holds
//! the cases both are tested against.

use std::cell::RefCell;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::PathBuf;
use std::rc::Rc;

use crate::web::{mime, percent_decode_or_keep};

/// Separates a page's anchor from an id inside it: `page-insights-foo__evidence`.
/// Page anchors are made of `[a-z0-9-]` (SPEC §1 ids), so the split is unambiguous.
pub const ID_SEP: &str = "__";

/// The anchor (section id) of the page at `site_path`: `insights/foo.html` → `page-insights-foo`.
pub fn page_anchor(site_path: &str) -> String {
    let stem = site_path.strip_suffix(".html").unwrap_or(site_path);
    format!("page-{}", stem.replace('/', "-"))
}

/// Percent-encodes what may not stand in a URL fragment as written.
pub fn encode_fragment(id: &str) -> String {
    let mut out = String::with_capacity(id.len());
    for c in id.chars() {
        if c.is_ascii_control() || matches!(c, ' ' | '"' | '<' | '>' | '`' | '%') {
            out.push_str(&format!("%{:02X}", c as u32));
        } else {
            out.push(c);
        }
    }
    out
}

/// Joins a relative `path` to the folder `dir` (`""` or ending in `/`),
/// resolving `.` and `..`. `None` when it climbs out of the site.
pub fn join(dir: &str, path: &str) -> Option<String> {
    let trailing = path.ends_with('/') || path.ends_with("/.") || path.ends_with("/..") || path == "." || path == "..";
    let mut joined = crate::web::join_path(if path.starts_with('/') { "" } else { dir }, path)?;
    if trailing && !joined.is_empty() {
        joined.push('/');
    }
    Some(joined)
}

/// Does `url` start with a scheme (`mailto:`, `https:`, `data:` …)? Returns it in lower case.
fn scheme(url: &str) -> Option<String> {
    let colon = url.find(':')?;
    let s = &url[..colon];
    let mut chars = s.chars();
    let first = chars.next()?;
    (first.is_ascii_alphabetic() && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
        .then(|| s.to_ascii_lowercase())
}

/// Where a URL leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target {
    /// Leave the URL as written (`mailto:`, `tel:`, `data:` …).
    Keep,
    /// An `http(s):` or protocol-relative URL: kept, but loading it leaves the file.
    External,
    /// A page (or a place in one): the in-document anchor, `#page-…`.
    Anchor(String),
    /// A file of the site (not a page), by site path; the fragment, if any, is kept apart.
    File(String, Option<String>),
    /// A relative URL that leads to nothing in the site (the path it resolved to).
    Missing(String),
}

/// The pages and files of the site, as the export sees them.
pub struct SiteMap {
    /// Page site path → the ids that page keeps in the export.
    pages: HashMap<String, HashSet<String>>,
    /// Rendered files that are not pages (theme statics, generated scripts).
    rendered: BTreeMap<String, Vec<u8>>,
    /// Files read from disk when first used: site path → absolute path.
    on_disk: HashMap<String, PathBuf>,
    /// Files read from disk so far.
    cache: RefCell<HashMap<String, Rc<[u8]>>>,
}

impl SiteMap {
    /// A map of `pages` (with their ids), `rendered` files and files `on_disk`.
    pub fn new(
        pages: HashMap<String, HashSet<String>>,
        rendered: BTreeMap<String, Vec<u8>>,
        on_disk: HashMap<String, PathBuf>,
    ) -> SiteMap {
        SiteMap { pages, rendered, on_disk, cache: RefCell::default() }
    }

    /// Is `site_path` a page?
    pub fn is_page(&self, site_path: &str) -> bool {
        self.pages.contains_key(site_path)
    }

    /// The bytes of a file of the site; `Err` when it cannot be read.
    pub fn file(&self, site_path: &str) -> Result<Rc<[u8]>, String> {
        if let Some(b) = self.rendered.get(site_path) {
            return Ok(Rc::from(b.as_slice()));
        }
        if let Some(b) = self.cache.borrow().get(site_path) {
            return Ok(b.clone());
        }
        let abs = self.on_disk.get(site_path).ok_or_else(|| format!("{site_path} is not part of the site"))?;
        let bytes: Rc<[u8]> =
            crate::load::read_regular(abs).map_err(|e| format!("cannot read {}: {e}", abs.display()))?.into();
        self.cache.borrow_mut().insert(site_path.to_string(), bytes.clone());
        Ok(bytes)
    }

    /// The generated files whose site path starts with `folder`, in path order.
    pub fn rendered_under(&self, folder: &str) -> Vec<String> {
        self.rendered.keys().filter(|k| k.starts_with(folder)).cloned().collect()
    }

    fn has_file(&self, site_path: &str) -> bool {
        self.rendered.contains_key(site_path) || self.on_disk.contains_key(site_path)
    }

    /// The anchor for `fragment` (decoded) on `page`; the page itself when
    /// the fragment is empty or names no id there (so a stale fragment still
    /// shows the right page).
    pub fn anchor(&self, page: &str, fragment: &str) -> String {
        let base = page_anchor(page);
        match self.pages.get(page) {
            Some(ids) if !fragment.is_empty() && ids.contains(fragment) => {
                format!("#{base}{ID_SEP}{}", encode_fragment(fragment))
            }
            _ => format!("#{base}"),
        }
    }

    /// Where `url`, written in a document at site path `from`, leads.
    pub fn resolve(&self, from: &str, url: &str) -> Target {
        let url = url.trim_matches(|c: char| c.is_ascii_whitespace());
        if url.starts_with("//") {
            return Target::External;
        }
        if let Some(s) = scheme(url) {
            return if s == "http" || s == "https" { Target::External } else { Target::Keep };
        }
        let (rest, fragment) = match url.split_once('#') {
            Some((r, f)) => (r, Some(percent_decode_or_keep(f))),
            None => (url, None),
        };
        let path = rest.split('?').next().unwrap_or("");
        let dir = from.rfind('/').map_or("", |k| &from[..=k]);
        let target = if path.is_empty() {
            from.to_string()
        } else {
            match join(dir, &percent_decode_or_keep(path)) {
                Some(p) => p,
                None => return Target::Missing(path.to_string()),
            }
        };
        let target = if target.is_empty() { "index.html".to_string() } else { target };
        if self.is_page(&target) {
            return Target::Anchor(self.anchor(&target, fragment.as_deref().unwrap_or("")));
        }
        if self.has_file(&target) {
            return Target::File(target, fragment);
        }
        Target::Missing(target)
    }
}

/// A `data:` URI of `bytes` with the MIME type of `path`.
pub fn data_uri(path: &str, bytes: &[u8]) -> String {
    let mime = mime(path);
    let text = mime.starts_with("text/") || mime == "image/svg+xml" || mime == "application/json";
    let charset = if text && std::str::from_utf8(bytes).is_ok() { ";charset=utf-8" } else { "" };
    let mut out = String::with_capacity(bytes.len() * 4 / 3 + 40);
    out.push_str("data:");
    out.push_str(mime);
    out.push_str(charset);
    out.push_str(";base64,");
    base64(bytes, &mut out);
    out
}

/// Standard base64 with padding.
pub fn base64(bytes: &[u8], out: &mut String) {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for chunk in bytes.chunks(3) {
        let n = (u32::from(chunk[0]) << 16)
            | (u32::from(*chunk.get(1).unwrap_or(&0)) << 8)
            | u32::from(*chunk.get(2).unwrap_or(&0));
        out.push(A[(n >> 18) as usize & 63] as char);
        out.push(A[(n >> 12) as usize & 63] as char);
        out.push(if chunk.len() > 1 { A[(n >> 6) as usize & 63] as char } else { '=' });
        out.push(if chunk.len() > 2 { A[n as usize & 63] as char } else { '=' });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map() -> SiteMap {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/export-href-cases.json")).unwrap();
        let mut pages = HashMap::new();
        for (page, ids) in cases["pages"].as_object().unwrap() {
            let ids = ids.as_array().unwrap().iter().map(|v| v.as_str().unwrap().to_string()).collect();
            pages.insert(page.clone(), ids);
        }
        let rendered = BTreeMap::from([("static/cxsite.css".to_string(), b"a{}".to_vec())]);
        SiteMap::new(pages, rendered, HashMap::from([("assets/logo.svg".into(), PathBuf::from("/nonexistent"))]))
    }

    /// The same table `cxsiteExport.href` is tested against (site-root paths).
    #[test]
    fn shared_cases_from_the_root() {
        let cases: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/fixtures/export-href-cases.json")).unwrap();
        let m = map();
        for case in cases["cases"].as_array().unwrap() {
            let (input, want) = (case[0].as_str().unwrap(), case[1].as_str().unwrap());
            let got = match m.resolve("index.html", input) {
                Target::Anchor(a) => a,
                // cxsiteExport.href has no "drop the link": it answers "#" (the cover).
                _ => "#".to_string(),
            };
            assert_eq!(got, want, "{input}");
        }
    }

    #[test]
    fn relative_to_a_page() {
        let m = map();
        let from = "insights/first-invoice-worry.html";
        assert_eq!(m.resolve(from, "../insights.html"), Target::Anchor("#page-insights".into()));
        assert_eq!(m.resolve(from, "pro-rata-lines.html"), Target::Anchor("#page-insights-pro-rata-lines".into()));
        assert_eq!(m.resolve(from, "#layers"), Target::Anchor("#page-insights-first-invoice-worry__layers".into()));
        assert_eq!(m.resolve(from, "#gone"), Target::Anchor("#page-insights-first-invoice-worry".into()));
        assert_eq!(m.resolve(from, ""), Target::Anchor("#page-insights-first-invoice-worry".into()));
        assert_eq!(m.resolve(from, "../static/cxsite.css"), Target::File("static/cxsite.css".into(), None));
        assert_eq!(m.resolve(from, "../assets/logo.svg#x"), Target::File("assets/logo.svg".into(), Some("x".into())));
        assert_eq!(m.resolve(from, "../../etc/passwd"), Target::Missing("../../etc/passwd".into()));
        assert_eq!(m.resolve(from, "nope.pdf"), Target::Missing("insights/nope.pdf".into()));
        assert_eq!(m.resolve(from, " https://example.com/ "), Target::External);
        assert_eq!(m.resolve(from, "//cdn.example.com/x.js"), Target::External);
        assert_eq!(m.resolve(from, "mailto:a@b.c"), Target::Keep);
        assert_eq!(m.resolve(from, "data:,x"), Target::Keep);
    }

    #[test]
    fn helpers() {
        assert_eq!(page_anchor("insights/foo.html"), "page-insights-foo");
        assert_eq!(page_anchor("index.html"), "page-index");
        assert_eq!(join("a/b/", "../c.html").as_deref(), Some("a/c.html"));
        assert_eq!(join("a/", "../../c.html"), None);
        assert_eq!(join("a/", "/c.html").as_deref(), Some("c.html"));
        assert_eq!(encode_fragment("a b%\"c"), "a%20b%25%22c");
        let mut s = String::new();
        for (input, want) in [("", ""), ("f", "Zg=="), ("fo", "Zm8="), ("foo", "Zm9v"), ("foobar", "Zm9vYmFy")] {
            s.clear();
            base64(input.as_bytes(), &mut s);
            assert_eq!(s, want);
        }
        assert_eq!(data_uri("x.PNG", b"\x89P"), "data:image/png;base64,iVA=");
        assert_eq!(data_uri("a.svg", b"<svg/>"), "data:image/svg+xml;charset=utf-8;base64,PHN2Zy8+");
    }
}
