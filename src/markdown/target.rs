//! What the target of a Markdown link or image is: a typed link, a place on
//! the same page, an outside URL, or a path into the project.

use crate::model::RefKind;

/// A link or image target, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Target<'a> {
    /// `persona:sanne` or `narrative:the-journey#the-gap`.
    Typed {
        /// What it points at.
        kind: RefKind,
        /// The id.
        id: &'a str,
        /// The `#anchor`, without `#`.
        anchor: Option<&'a str>,
    },
    /// `mindmap:` (mindmap.html), `mindmap:PERSONA` (the map on the persona's
    /// page) or `metaphors:` (metaphors.html): a page of the whole study.
    View {
        /// `mindmap` or `metaphors`.
        page: &'static str,
        /// The persona of `mindmap:PERSONA`.
        persona: Option<&'a str>,
    },
    /// `#section`: a place on the same page.
    Fragment,
    /// `http(s)://…` or `//host/…`: outside the site.
    Web,
    /// `mailto:`, `tel:`: safe, leaves nothing to load.
    Contact,
    /// A path without a scheme (`../assets/x.svg`, `the-journey.md#gap`).
    Path {
        /// The path, percent-decoded, without query and fragment.
        path: String,
        /// `?query#fragment` as written (may be empty).
        suffix: &'a str,
    },
    /// Any other scheme (`javascript:`, `data:` …): dropped.
    Unsafe,
}

/// Classifies a link or image target as written in Markdown.
pub fn classify(dest: &str) -> Target<'_> {
    if let Some((kind, id)) = super::typed_link(dest) {
        let (id, anchor) = match id.split_once('#') {
            Some((id, a)) => (id, Some(a).filter(|a| !a.is_empty())),
            None => (id, None),
        };
        return Target::Typed { kind, id, anchor };
    }
    let trimmed = dest.trim();
    if let Some(view) = view(trimmed) {
        return view;
    }
    if trimmed.starts_with('#') {
        return Target::Fragment;
    }
    if trimmed.starts_with("//") {
        return Target::Web;
    }
    if !super::is_safe_url(trimmed) {
        return Target::Unsafe;
    }
    let lower = trimmed.to_ascii_lowercase();
    if lower.starts_with("http:") || lower.starts_with("https:") {
        return Target::Web;
    }
    if lower.starts_with("mailto:") || lower.starts_with("tel:") {
        return Target::Contact;
    }
    let cut = trimmed.find(['?', '#']).unwrap_or(trimmed.len());
    Target::Path { path: crate::web::percent_decode_or_keep(&trimmed[..cut]), suffix: &trimmed[cut..] }
}

/// `mindmap:`, `mindmap:PERSONA` or `metaphors:` (not `metaphors:x`).
fn view(dest: &str) -> Option<Target<'_>> {
    let (scheme, rest) = dest.split_once(':')?;
    let page = super::embed::VIEWS.iter().map(|v| v.0).find(|v| *v == scheme)?;
    match rest {
        "" => Some(Target::View { page, persona: None }),
        p if page == "mindmap" && !p.contains(['/', '#', '?', ':']) => Some(Target::View { page, persona: Some(p) }),
        _ => None,
    }
}

/// A site path written as a URL path: characters outside the safe set are
/// percent-encoded, `/` is kept.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for b in path.bytes() {
        if b.is_ascii_alphanumeric() || b"/-._~!$&'()*+,;=:@".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Joins `path` onto the folder `dir` (both `/`-separated, relative to the
/// project root), resolving `.` and `..`. `None` when it climbs out of the
/// project or is absolute.
pub fn join_inside(dir: &str, path: &str) -> Option<String> {
    if path.starts_with('/') || path.contains('\\') || path.is_empty() {
        return None;
    }
    crate::web::join_path(dir, path)
}

/// The folder of a project-relative file (`narratives/a.md` → `narratives`).
pub fn folder_of(file: &str) -> &str {
    file.rsplit_once('/').map_or("", |(dir, _)| dir)
}

/// How to write `to` (project-relative) from a file in `dir`: `../assets/x.svg`.
pub fn relative_from(dir: &str, to: &str) -> String {
    let from: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    let to_parts: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to_parts).take_while(|(a, b)| a == b).count();
    let mut out: Vec<&str> = vec![".."; from.len() - common];
    out.extend(&to_parts[common..]);
    out.join("/")
}

/// Outside resources a piece of raw HTML would load: the values of `src`,
/// `srcset`, `poster` and `data` attributes and of CSS `url(…)` that start
/// with `http:`, `https:` or `//`, each with its byte offset in `html`.
/// (Links — `href` — load nothing by themselves and are not listed.)
pub fn outside_in_html(html: &str) -> Vec<(usize, &str)> {
    let lower = html.to_ascii_lowercase();
    let mut out = Vec::new();
    let outside = |v: &str| {
        let v = v.trim_start().to_ascii_lowercase();
        v.starts_with("http:") || v.starts_with("https:") || v.starts_with("//")
    };
    let mut at = 0;
    while let Some(i) = lower[at..].find(['=', '(']).map(|i| at + i) {
        at = i + 1;
        let before = lower[..i].trim_end();
        // The character before the name may take several bytes (`−x=`): step over all of them.
        let name_start = before
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || c == '-'))
            .map_or(0, |(j, c)| j + c.len_utf8());
        let name = &before[name_start..];
        let wanted = if lower.as_bytes()[i] == b'=' {
            matches!(name, "src" | "srcset" | "poster" | "data")
                && (name_start == 0 || lower[..name_start].ends_with(|c: char| c.is_whitespace() || c == '/'))
        } else {
            name == "url"
        };
        if !wanted {
            continue;
        }
        let rest = &html[i + 1..];
        let skip = rest.len() - rest.trim_start().len();
        let rest = &rest[skip..];
        let (quote, body) = match rest.chars().next() {
            Some(q @ ('"' | '\'')) => (Some(q), &rest[1..]),
            _ => (None, rest),
        };
        let end = match quote {
            Some(q) => body.find(q),
            None => body.find(|c: char| c.is_whitespace() || c == '>' || c == ')'),
        }
        .unwrap_or(body.len());
        let value = &body[..end];
        if outside(value) {
            out.push((html.len() - body.len(), value));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classifies_targets() {
        assert_eq!(
            classify("narrative:the-journey#the-gap"),
            Target::Typed { kind: RefKind::Narrative, id: "the-journey", anchor: Some("the-gap") }
        );
        assert_eq!(classify("#x"), Target::Fragment);
        assert_eq!(classify("mindmap:"), Target::View { page: "mindmap", persona: None });
        assert_eq!(classify("mindmap:bram"), Target::View { page: "mindmap", persona: Some("bram") });
        assert_eq!(classify("metaphors:"), Target::View { page: "metaphors", persona: None });
        assert_eq!(classify("metaphors:x"), Target::Unsafe, "metaphors: takes no id");
        assert_eq!(classify("HTTPS://x.org/a.png"), Target::Web);
        assert_eq!(classify("//x.org/a.png"), Target::Web);
        assert_eq!(classify("mailto:a@b.c"), Target::Contact);
        assert_eq!(classify("javascript:alert(1)"), Target::Unsafe);
        assert_eq!(
            classify("../assets/my%20file.pdf#page=2"),
            Target::Path { path: "../assets/my file.pdf".into(), suffix: "#page=2" }
        );
    }

    #[test]
    fn outside_resources_in_raw_html() {
        let html = r#"<img alt="x" src="https://a.org/x.png"><video poster='//b.org/p.jpg' SRC=/local.mp4>"#;
        let found: Vec<&str> = outside_in_html(html).into_iter().map(|(_, v)| v).collect();
        assert_eq!(found, ["https://a.org/x.png", "//b.org/p.jpg"]);
        let (at, v) = outside_in_html(html)[0];
        assert_eq!(&html[at..at + v.len()], v);
        assert_eq!(
            outside_in_html(r#"<div style="background: url( 'http://c.org/bg.png' )">"#)[0].1,
            "http://c.org/bg.png"
        );
        assert!(
            outside_in_html(r#"<a href="https://a.org">a</a><img data-src="https://x" src="assets/a.png">"#).is_empty()
        );
    }

    #[test]
    fn paths() {
        assert_eq!(join_inside("narratives", "../assets/a.svg").as_deref(), Some("assets/a.svg"));
        assert_eq!(join_inside("narratives", "../../a.svg"), None);
        assert_eq!(join_inside("", "/etc/passwd"), None);
        assert_eq!(relative_from("insights/renewal", "assets/img/a.svg"), "../../assets/img/a.svg");
        assert_eq!(relative_from("", "assets/a.svg"), "assets/a.svg");
        assert_eq!(encode_path("assets/my file.pdf"), "assets/my%20file.pdf");
    }

    #[test]
    fn a_name_after_a_multibyte_character_is_read_whole() {
        // Found by the markdown fuzz target: `−` is three bytes long.
        assert!(outside_in_html("−src=\"http://x/a.png\"").is_empty(), "not an attribute: no space before it");
        let found = outside_in_html("<img alt=\"−\" src=\"http://x/a.png\">");
        assert_eq!(found.iter().map(|f| f.1).collect::<Vec<_>>(), ["http://x/a.png"]);
        assert!(outside_in_html("a−b=(−c) ü=1").is_empty());
    }
}
