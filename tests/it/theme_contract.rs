//! The theme contract (issue 12 point 4): docs/themes.md documents every
//! template and the variables it receives, and the worked custom-theme
//! example it shows builds as it says.
//!
//! The contract test builds projects with templates that dump their whole
//! context (`__tera_context`), and compares every variable path with the
//! tables of docs/themes.md both ways, with its type: renaming a field of a
//! context struct, or a key of a page, fails here.

use crate::common;

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::Path;

use common::{build_ok, copy_dir, decode_cards, page, repo};
use serde_json::Value;

/// The templates cxsite renders itself, each with its own context.
const RENDERED: &[&str] = &[
    "index.html",
    "report.html",
    "insights.html",
    "insight.html",
    "personas.html",
    "persona.html",
    "journeys.html",
    "journey.html",
    "kano-list.html",
    "kano.html",
    "nps-list.html",
    "nps.html",
    "biases.html",
    "narrative.html",
    "sources.html",
    "source.html",
    "coverage.html",
    "mindmap.html",
    "partials/insight-card.html",
    "embeds/insight.html",
    "embeds/persona.html",
    "embeds/journey.html",
    "embeds/kano.html",
    "embeds/nps.html",
    "embeds/mindmap.html",
    "embeds/metaphors.html",
];

/// Projects that between them give every documented variable a value.
const PROJECTS: &[&str] = &[
    "example-project",
    "docs/custom-theme-example",
    "tests/fixtures/valid/edge-cases",
    "tests/fixtures/valid/journey-basic",
    "tests/fixtures/valid/charts-kano",
    "tests/fixtures/valid/own-study",
    "tests/fixtures/valid/coverage",
    "tests/fixtures/valid/mindmap",
];

fn docs() -> String {
    fs::read_to_string(repo("docs/themes.md")).expect("docs/themes.md exists")
}

// ---------------------------------------------------------------- the docs

/// One documented variable: its path below the template (`insight.layers[].key`)
/// and the JSON types it may have.
type Documented = BTreeMap<String, BTreeSet<&'static str>>;

/// The rows `| `name` | type | … |` of each `### heading` of docs/themes.md.
fn tables(md: &str) -> BTreeMap<String, Vec<(String, String)>> {
    let mut out: BTreeMap<String, Vec<(String, String)>> = BTreeMap::new();
    let mut heading = None;
    for line in md.lines() {
        if let Some(h) = line.strip_prefix("### ") {
            let h = h.trim().trim_matches('`').to_string();
            out.entry(h.clone()).or_default();
            heading = Some(h);
        } else if line.starts_with("## ") {
            heading = None;
        } else if let (Some(h), true) = (&heading, line.starts_with('|')) {
            let cells: Vec<String> = line.replace("\\|", "¦").split('|').map(|c| c.trim().to_string()).collect();
            let (name, ty) = (&cells[1], &cells[2]);
            if name == "Variable" || name.starts_with("---") {
                continue;
            }
            out.get_mut(h).unwrap().push((name.trim_matches('`').to_string(), ty.clone()));
        }
    }
    out
}

/// `[Shape](#shape)` → `Shape`.
fn unlink(ty: &str) -> String {
    match (ty.find('['), ty.find("](")) {
        (Some(a), Some(b)) => {
            let end = ty[b..].find(')').map_or(ty.len(), |e| b + e + 1);
            format!("{}{}{}", &ty[..a], &ty[a + 1..b], &ty[end..])
        }
        _ => ty.to_string(),
    }
}

/// The fields of a shape, `all fields of X` taken in and replaced by later rows.
fn shape_fields(shapes: &BTreeMap<String, Vec<(String, String)>>, name: &str) -> Vec<(String, String)> {
    let rows = shapes.get(name).unwrap_or_else(|| panic!("docs/themes.md has no shape `{name}`"));
    let mut fields: Vec<(String, String)> = Vec::new();
    for (field, ty) in rows {
        if field == "all fields of" {
            fields.extend(shape_fields(shapes, &unlink(ty)));
        } else {
            fields.retain(|(f, _)| {
                f != field && !f.starts_with(&format!("{field}.")) && !f.starts_with(&format!("{field}[]"))
            });
            fields.push((field.clone(), ty.clone()));
        }
    }
    fields
}

/// Adds `path` of type `ty` (as written in the docs) and everything below it.
fn expand(shapes: &BTreeMap<String, Vec<(String, String)>>, path: &str, ty: &str, out: &mut Documented) {
    let ty = unlink(ty);
    let (ty, nullable) = match ty.strip_suffix(" or null") {
        Some(t) => (t.to_string(), true),
        None => (ty, false),
    };
    let mut types = BTreeSet::new();
    if nullable {
        types.insert("null");
    }
    if let Some(elem) = ty.strip_prefix("list of ") {
        types.insert("list");
        expand(shapes, &format!("{path}[]"), elem, out);
    } else if let Some(elem) = ty.strip_prefix("map of ") {
        types.insert("object");
        expand(shapes, &format!("{path}.*"), elem, out);
    } else if ["string", "number", "bool", "object"].contains(&ty.as_str()) {
        types.insert(match ty.as_str() {
            "string" => "string",
            "number" => "number",
            "bool" => "bool",
            _ => "object",
        });
    } else {
        types.insert("object");
        for (field, fty) in shape_fields(shapes, &ty) {
            expand(shapes, &format!("{path}.{field}"), &fty, out);
        }
    }
    out.entry(path.to_string()).or_default().extend(types);
}

/// Every documented variable of every template, with the variables all
/// pages or all partials get.
fn documented() -> BTreeMap<String, Documented> {
    let all = tables(&docs());
    let common_page = [
        ("t", "map of string"),
        ("site", "[Site](#site)"),
        ("root", "string"),
        ("page_path", "string"),
        ("page_title", "string"),
    ];
    let mut out = BTreeMap::new();
    for &template in RENDERED {
        let rows = all.get(template).unwrap_or_else(|| panic!("docs/themes.md has no section `{template}`"));
        let mut doc = Documented::new();
        let own = template.starts_with("partials/") || template.starts_with("embeds/");
        let every: &[(&str, &str)] = if own { &[("t", "map of string"), ("root", "string")] } else { &common_page };
        for (name, ty) in every {
            expand(&all, name, ty, &mut doc);
        }
        for (name, ty) in rows {
            expand(&all, name, ty, &mut doc);
        }
        out.insert(template.to_string(), doc);
    }
    out
}

#[test]
fn the_docs_name_their_common_variables_and_every_default_template() {
    let md = docs();
    // The variables every page gets are a table of the docs, as the test assumes.
    for row in
        ["| `t` | map of string |", "| `site` | [Site](#site) |", "| `root` | string |", "| `page_path` | string |"]
    {
        assert!(md.contains(row), "docs/themes.md lost the row {row}");
    }
    let headings = tables(&md);
    let mut missing = Vec::new();
    let dir = repo("themes/default/templates");
    for sub in ["", "partials", "embeds"] {
        for e in fs::read_dir(dir.join(sub)).unwrap().flatten() {
            if e.path().is_file() {
                let name = if sub.is_empty() {
                    e.file_name().to_string_lossy().into_owned()
                } else {
                    format!("{sub}/{}", e.file_name().to_string_lossy())
                };
                if !headings.contains_key(&name) && !md.contains(&format!("* `{name}`:")) {
                    missing.push(name);
                }
            }
        }
    }
    assert!(missing.is_empty(), "templates of the default theme that docs/themes.md does not describe: {missing:?}");
}

// ------------------------------------------------------------ the contexts

/// Templates that dump their context between markers naming the template.
fn dumping_templates(project: &Path) {
    for &name in RENDERED {
        let path = project.join("templates").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        // The renderer splices cards and chapter bodies in at its markers: hide them.
        let dump = format!(
            "@@CTX {name}@@{{{{ __tera_context | replace(from=\"<!--cxsite:\", to=\"<!--cx-site:\") | safe }}}}@@/CTX {name}@@"
        );
        fs::write(path, dump).unwrap();
    }
}

/// The dumped contexts found in `text` and in every string inside them.
fn contexts_in(text: &str, out: &mut Vec<(String, Value)>) {
    let mut rest = text;
    while let Some(at) = rest.find("@@CTX ") {
        let after = &rest[at + 6..];
        let Some(name_end) = after.find("@@") else { return };
        let name = &after[..name_end];
        let body = &after[name_end + 2..];
        let end_marker = format!("@@/CTX {name}@@");
        let end = body.find(&end_marker).unwrap_or_else(|| panic!("unterminated dump of {name}"));
        let value: Value = serde_json::from_str(&body[..end]).unwrap_or_else(|e| panic!("dump of {name}: {e}"));
        strings_in(&value, out);
        out.push((name.to_string(), value));
        rest = &body[end + end_marker.len()..];
    }
}

fn strings_in(v: &Value, out: &mut Vec<(String, Value)>) {
    match v {
        Value::String(s) if s.contains("@@CTX ") => contexts_in(s, out),
        Value::Array(a) => a.iter().for_each(|x| strings_in(x, out)),
        Value::Object(o) => o.values().for_each(|x| strings_in(x, out)),
        _ => {}
    }
}

fn json_type(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "bool",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "list",
        Value::Object(_) => "object",
    }
}

/// Every path below `v` with the types it has (`a.b`, `a[].c`).
fn paths(v: &Value, path: &str, out: &mut BTreeMap<String, BTreeSet<&'static str>>) {
    if !path.is_empty() {
        out.entry(path.to_string()).or_default().insert(json_type(v));
    }
    match v {
        Value::Object(o) => {
            for (k, x) in o {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                paths(x, &p, out);
            }
        }
        Value::Array(a) => a.iter().for_each(|x| paths(x, &format!("{path}[]"), out)),
        _ => {}
    }
}

/// The documented entry for `path`: itself, or a `map of` entry (`a.*`) above it.
fn lookup<'d>(doc: &'d Documented, path: &str) -> Option<(&'d str, &'d BTreeSet<&'static str>)> {
    if let Some((k, v)) = doc.get_key_value(path) {
        return Some((k, v));
    }
    let mut prefix = path;
    while let Some(dot) = prefix.rfind('.') {
        prefix = &prefix[..dot];
        let pattern = format!("{prefix}.*");
        if let Some((k, v)) = doc.get_key_value(&pattern) {
            // Only the key right below the map: a.* matches a.x, not a.x.y.
            return (!path[dot + 1..].contains('.')).then_some((k.as_str(), v));
        }
    }
    None
}

#[test]
fn every_variable_a_template_gets_is_documented_and_every_documented_one_is_given() {
    let documented = documented();
    let tmp = tempfile::tempdir().unwrap();
    let mut seen: BTreeMap<String, BTreeMap<String, BTreeSet<&'static str>>> = BTreeMap::new();
    for (n, project) in PROJECTS.iter().enumerate() {
        let dir = tmp.path().join(format!("p{n}"));
        copy_dir(&repo(project), &dir);
        dumping_templates(&dir);
        let out = tmp.path().join(format!("out{n}"));
        build_ok(&dir, &out, &["--drafts"]);
        let mut found = Vec::new();
        for file in walk(&out) {
            let text = fs::read_to_string(&file).unwrap_or_default();
            if file.extension().is_some_and(|e| e == "js") {
                // search/cards-N.js hold every card, in pieces.
                if let Some(json) = text
                    .strip_prefix("cxsiteShard(\"c")
                    .and_then(|t| t.split_once("\","))
                    .and_then(|(_, t)| t.trim_end().strip_suffix(");"))
                {
                    let v: Value = serde_json::from_str(json).unwrap();
                    decode_cards(&v).iter().for_each(|card| contexts_in(card, &mut found));
                }
            } else {
                contexts_in(&text, &mut found);
            }
        }
        for (template, ctx) in found {
            paths(&ctx, "", seen.entry(template).or_default());
        }
    }
    let mut problems = Vec::new();
    for &template in RENDERED {
        let doc = &documented[template];
        let Some(got) = seen.get(template) else {
            problems.push(format!("{template}: never rendered by the test projects"));
            continue;
        };
        for (path, types) in got {
            if path.starts_with("t.") {
                continue;
            }
            match lookup(doc, path) {
                None => problems.push(format!("{template}: `{path}` is given but not documented")),
                Some((_, allowed)) => {
                    for ty in types {
                        // A documented object may be given as an empty list by no one; types must match.
                        if !allowed.contains(ty) {
                            problems.push(format!("{template}: `{path}` is {ty}, documented as {allowed:?}"));
                        }
                    }
                }
            }
        }
        for path in doc.keys() {
            let given = if path.ends_with(".*") {
                let prefix = &path[..path.len() - 1];
                got.keys().any(|p| p.starts_with(prefix))
            } else {
                got.contains_key(path)
            };
            if !given {
                problems.push(format!("{template}: `{path}` is documented but never given"));
            }
        }
    }
    assert!(problems.is_empty(), "docs/themes.md and the template contexts differ:\n{}", problems.join("\n"));
}

fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk(&p));
        } else if p.extension().is_some_and(|x| x == "html" || x == "js") {
            out.push(p);
        }
    }
    out
}

// ------------------------------------------------------- the worked example

#[test]
fn the_worked_custom_theme_example_builds_as_the_docs_show() {
    let example = repo("docs/custom-theme-example");
    let md = docs();
    // The docs show the example's files as they are.
    for file in [
        "cxsite.yaml",
        "themes/brief/templates/base.html",
        "themes/brief/templates/index.html",
        "themes/brief/templates/insight.html",
        "templates/partials/insight-card.html",
    ] {
        let text = fs::read_to_string(example.join(file)).unwrap();
        assert!(md.contains(&text), "docs/themes.md does not show docs/custom-theme-example/{file} as it is");
    }
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    build_ok(&example, &out, &[]);

    // The theme's own index.html, with the project's card override.
    let index = page(&out, "index.html");
    let shown = md.lines().rev().find(|l| l.starts_with("<li><div class=\"brief-card\"")).unwrap();
    assert!(index.contains(shown), "index.html differs from what docs/themes.md shows:\n{index}");
    assert!(index.contains("(2/3)</div>"), "the second card counts its layers:\n{index}");
    assert!(index.contains("<link rel=\"stylesheet\" href=\"static/brief.css\">"), "{index}");
    assert!(index.contains("<footer>2 insights</footer>"), "plural filter and site.counts:\n{index}");

    // The theme's insight.html, one folder down.
    let insight = page(&out, "insights/first-bill-worry.html");
    assert!(insight.contains("<article class=\"brief-insight impact-high\">"), "{insight}");
    assert!(
        insight.contains("<h2>Breakthrough</h2>\n<p>Show the expected first bill before it arrives.</p>"),
        "{insight}"
    );
    assert!(insight.contains("<a href=\"../personas/sanne-starter.html\">Sanne the Starter</a>"), "{insight}");
    assert!(insight.contains("<link rel=\"stylesheet\" href=\"../static/brief.css\">"), "{insight}");

    // A page the theme does not have: the default template inside the theme's frame.
    let personas = page(&out, "personas.html");
    assert!(
        personas.contains("<header><a href=\"index.html\">Onboarding study</a> for Acme Energy</header>"),
        "{personas}"
    );
    assert!(personas.contains("personas/sanne-starter.html"), "{personas}");

    // The theme's static file beside the default ones it does not replace.
    assert!(out.join("static/brief.css").is_file());
    assert!(out.join("static/cxsite.css").is_file());
}
