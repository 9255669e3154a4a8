//! The theme: the built-in default (compiled into the binary), a custom
//! theme from `themes/NAME/`, and single-template overrides from `templates/`.

use include_dir::{include_dir, Dir};
use std::collections::BTreeMap;
use std::sync::Arc;

use tera::{Template, Tera};

use crate::diagnostics::{Code, Diagnostic};
use crate::link::Site;

use super::theme_graph;

/// The default theme, embedded at compile time.
pub static THEME_DIR: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/themes/default");

/// The default theme's static files: (site path under `static/`, bytes), sorted.
pub fn default_static_files() -> Vec<(String, &'static [u8])> {
    let mut out = Vec::new();
    if let Some(dir) = THEME_DIR.get_dir("static") {
        collect(dir, &mut out);
    }
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// The default theme's stylesheet (`static/cxsite.css`).
pub fn default_theme_css() -> &'static str {
    THEME_DIR.get_file("static/cxsite.css").and_then(|f| f.contents_utf8()).unwrap_or_default()
}

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for f in dir.files() {
        out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

/// Builds the Tera instance: default templates, then the project's overrides.
///
/// Every template is parsed and the graph of `extends`, `include`, `import`
/// and macro calls is checked (see [`super::theme_graph`]) before Tera links
/// them, so a syntax error, a missing template or a cycle is a diagnostic on
/// the template's file, never a crash.
///
/// A site without templates of its own shares the default theme parsed and
/// checked once per process: `cxsite portfolio` builds many sites in one
/// process, and parsing the theme was a fixed cost of each.
pub fn load(site: &Site) -> Result<Arc<Tera>, Vec<Diagnostic>> {
    static DEFAULT: std::sync::OnceLock<Option<Arc<Tera>>> = std::sync::OnceLock::new();
    if site.templates.is_empty() {
        // The default theme alone does not depend on the site (only a
        // diagnostic's file would, and the built-in theme has none: then the
        // site's own load below reports it).
        if let Some(tera) = DEFAULT.get_or_init(|| load_uncached(site).ok().map(Arc::new)) {
            return Ok(Arc::clone(tera));
        }
    }
    load_uncached(site).map(Arc::new)
}

/// [`load`], parsing every template.
fn load_uncached(site: &Site) -> Result<Tera, Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, String> = BTreeMap::new();
    if let Some(dir) = THEME_DIR.get_dir("templates") {
        let mut files = Vec::new();
        collect(dir, &mut files);
        for (path, bytes) in files {
            let name = path.trim_start_matches("templates/").to_string();
            sources.insert(name, String::from_utf8_lossy(bytes).into_owned());
        }
    }
    for (name, text) in &site.templates {
        sources.insert(name.clone(), text.clone());
    }
    let file = |name: &str| template_file(site, name);
    let mut parsed = BTreeMap::new();
    let mut diags = Vec::new();
    for (name, text) in &sources {
        // Tera's parser and renderer recurse once per level: refuse deep nesting first.
        if let Some((at, what)) = too_nested(text) {
            let (line, col) = theme_graph::line_col(text, at);
            diags.push(
                Diagnostic::error(Code::Template, file(name), line, col, what)
                    .with_help("simplify the template: move inner parts into a partial, or work in the data"),
            );
            continue;
        }
        match Template::new(name, None, text) {
            Ok(t) => {
                parsed.insert(name.clone(), t);
            }
            Err(e) => diags.push(parse_error(&file(name), &e)),
        }
    }
    if diags.is_empty() {
        let is_own = |name: &str| site.templates.contains_key(name);
        diags = theme_graph::check(&theme_graph::Theme {
            templates: &parsed,
            sources: &sources,
            file: &file,
            is_own: &is_own,
        });
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    tera.set_escape_fn(crate::html::escape_html);
    tera.register_filter("plural", plural);
    // Tera's own add_raw_templates, on templates already parsed and checked.
    tera.templates.extend(parsed);
    tera.build_inheritance_chains()
        .and_then(|()| tera.check_macro_files())
        .map_err(|e| vec![template_error(site, "(theme)", &e)])?;
    Ok(tera)
}

/// How deep `{% if %}`, `{% for %}`, `{% block %}`, `{% macro %}` and
/// `{% filter %}` tags, and brackets inside one tag, may nest in a template.
pub const MAX_TAG_NESTING: usize = 64;

/// The longest `{{ … }}` or `{% … %}` tag, in bytes: Tera parses and
/// evaluates a chain of operators (`a + b + …`) one stack frame per term.
pub const MAX_TAG_LENGTH: usize = 10_000;

/// The byte offset where `source` first nests deeper than
/// [`MAX_TAG_NESTING`] or holds a tag longer than [`MAX_TAG_LENGTH`], and what is wrong there.
fn too_nested(source: &str) -> Option<(usize, String)> {
    let mut blocks = 0usize;
    let mut i = 0;
    while let Some(k) = source.get(i..).and_then(|s| s.find('{')) {
        let at = i + k;
        let close = match source.as_bytes().get(at + 1) {
            Some(b'%') => "%}",
            Some(b'{') => "}}",
            Some(b'#') => "#}",
            _ => {
                i = at + 1;
                continue;
            }
        };
        let end = source[at + 2..].find(close).map_or(source.len(), |e| at + 2 + e);
        let body = &source[at + 2..end];
        i = (end + 2).min(source.len());
        if close == "#}" {
            continue;
        }
        if body.len() > MAX_TAG_LENGTH {
            return Some((at, format!("this tag is {} bytes long; the limit is {MAX_TAG_LENGTH}", body.len())));
        }
        let word = body.trim_start_matches('-').trim_start();
        let word = &word[..word.find(|c: char| !(c.is_alphanumeric() || c == '_')).unwrap_or(word.len())];
        if close == "%}" {
            match word {
                "if" | "for" | "block" | "macro" | "filter" => {
                    blocks += 1;
                    if blocks > MAX_TAG_NESTING {
                        return Some((
                            at,
                            format!(
                                "`{{% if %}}`, `{{% for %}}`, `{{% block %}}` and other block tags nest more than \
                                 {MAX_TAG_NESTING} levels deep"
                            ),
                        ));
                    }
                }
                "endif" | "endfor" | "endblock" | "endmacro" | "endfilter" => blocks = blocks.saturating_sub(1),
                "raw" => {
                    // Text up to `{% endraw %}` is not parsed.
                    let skip = source[i..].find("endraw").map_or(source.len(), |e| i + e);
                    i = skip;
                    continue;
                }
                _ => {}
            }
        }
        let mut depth = 0usize;
        let mut quote = None;
        for (j, c) in body.char_indices() {
            match (quote, c) {
                (Some(q), c) if c == q => quote = None,
                (Some(_), _) => {}
                (None, '"' | '\'' | '`') => quote = Some(c),
                (None, '(' | '[') => {
                    depth += 1;
                    if depth > MAX_TAG_NESTING {
                        return Some((at + 2 + j, format!("brackets nest more than {MAX_TAG_NESTING} levels deep")));
                    }
                }
                (None, ')' | ']') => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

/// The project-relative file a template comes from: `templates/NAME` (an
/// override, or the default theme's, which an override would replace) or
/// `themes/THEME/templates/NAME`.
pub fn template_file(site: &Site, name: &str) -> String {
    let own = format!("templates/{name}");
    let theme = &site.config.theme;
    if theme != "default" && !site.root.join(&own).is_file() {
        let in_theme = format!("themes/{theme}/templates/{name}");
        if site.root.join(&in_theme).is_file() {
            return in_theme;
        }
    }
    own
}

/// A syntax error, at the line and column Tera's parser names.
fn parse_error(file: &str, e: &tera::Error) -> Diagnostic {
    let text = std::error::Error::source(e).map_or_else(|| e.to_string(), |s| s.to_string());
    // The parser's message reads " --> 3:22 … = expected …".
    let at = text.split_once("--> ").and_then(|(_, rest)| {
        let pos = rest.split_whitespace().next()?;
        let (l, c) = pos.split_once(':')?;
        Some((l.parse().ok()?, c.parse().ok()?))
    });
    let expected = text.lines().find_map(|l| l.trim_start().strip_prefix("= ")).unwrap_or(text.trim());
    let (line, col) = at.unwrap_or((1, 1));
    Diagnostic::error(Code::Template, file, line, col, format!("template syntax error: {expected}"))
        .with_help("fix the tag at this position (Tera syntax: {{ value }}, {% tag %}, {# comment #})")
}

/// Turns a Tera error (with its causes) into a diagnostic on the template `name`.
pub fn template_error(site: &Site, name: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    let (line, col) =
        failed_filter(&msg).and_then(|f| locate_filter(&template_source(site, name)?, f)).unwrap_or((1, 1));
    Diagnostic::error(Code::Template, template_file(site, name), line, col, msg)
        .with_help("fix the template, or delete the override to use the default theme's")
}

/// The filter a render error blames: `Filter call 'round' failed` → `round`.
fn failed_filter(msg: &str) -> Option<&str> {
    let rest = msg.split_once("Filter call '")?.1;
    Some(rest.split_once('\'')?.0)
}

/// A template's source: the project's (override or custom theme) or the default theme's.
fn template_source(site: &Site, name: &str) -> Option<String> {
    if let Some(text) = site.templates.get(name) {
        return Some(text.clone());
    }
    let file = THEME_DIR.get_file(format!("templates/{name}"))?;
    Some(String::from_utf8_lossy(file.contents()).into_owned())
}

/// Where `| filter` first stands in `source` (line and column of the name).
fn locate_filter(source: &str, filter: &str) -> Option<(usize, usize)> {
    source.match_indices('|').find_map(|(at, _)| {
        let after = &source[at + 1..];
        let name_at = at + 1 + (after.len() - after.trim_start().len());
        let rest = source[name_at..].strip_prefix(filter)?;
        let ends = rest.chars().next().is_none_or(|c| !(c.is_alphanumeric() || c == '_'));
        ends.then(|| theme_graph::line_col(source, name_at))
    })
}

/// `{{ n | plural(one=t.count_journey, other=t.count_journeys) }}`: the word
/// for a count of `n` (English and Dutch use the singular for exactly one).
fn plural(n: &tera::Value, args: &std::collections::HashMap<String, tera::Value>) -> tera::Result<tera::Value> {
    let count = match n {
        tera::Value::Number(x) => x.as_f64(),
        tera::Value::Array(a) => Some(a.len() as f64),
        _ => None,
    }
    .ok_or_else(|| tera::Error::msg(format!("plural: {n} is not a number")))?;
    let key = if count == 1.0 { "one" } else { "other" };
    args.get(key).cloned().ok_or_else(|| tera::Error::msg(format!("plural needs `{key}=`")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_theme_is_parsed_once_and_a_sites_own_templates_are_not_shared() {
        let fixture = |p: &str| {
            let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(p);
            crate::check(&dir, &crate::Options::default()).map(|c| c.site)
        };
        let a = fixture("portfolio/studies/acme-2026").unwrap_or_else(|_| panic!("acme checks"));
        let b = fixture("portfolio/studies/tidewater-nl").unwrap_or_else(|_| panic!("tidewater checks"));
        let (ta, tb) = (load(&a).unwrap(), load(&b).unwrap());
        assert!(Arc::ptr_eq(&ta, &tb), "two sites on the default theme share one parse");
        // A site with a template of its own gets its own (here: its error).
        let mut own = b.clone();
        own.templates.insert("partials/x.html".into(), "{% if %}".into());
        assert!(load(&own).is_err(), "its own template is parsed");
        own.templates.insert("partials/x.html".into(), "ok".into());
        assert!(!Arc::ptr_eq(&load(&own).unwrap(), &ta));
    }

    #[test]
    fn nesting_counts_block_tags_and_brackets_but_not_raw_text_or_strings() {
        let deep = |n: usize| format!("{}x{}", "{% if a %}".repeat(n), "{% endif %}".repeat(n));
        assert_eq!(too_nested(&deep(MAX_TAG_NESTING)), None);
        // The 65th tag starts after 64 tags of 10 bytes.
        assert_eq!(too_nested(&deep(MAX_TAG_NESTING + 1)).map(|(at, _)| at), Some(640));
        // Siblings do not nest.
        assert_eq!(too_nested(&"{% if a %}x{% endif %}".repeat(1000)), None);
        // Raw text and strings are not parsed.
        let raw = format!("{{% raw %}}{}{{% endraw %}}", "{% if a %}((".repeat(100));
        assert_eq!(too_nested(&raw), None);
        let string = format!("{{{{ \"{}\" }}}}", "(".repeat(100));
        assert_eq!(too_nested(&string), None);
        let brackets = format!("{{{{ {}1{} }}}}", "[".repeat(65), "]".repeat(65));
        assert_eq!(too_nested(&brackets).map(|(at, _)| at), Some(3 + 64));
    }
}
