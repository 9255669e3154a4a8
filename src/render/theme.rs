//! The theme: the built-in default (compiled into the binary), a custom
//! theme from `themes/NAME/`, and single-template overrides from `templates/`.

use include_dir::{include_dir, Dir};
use tera::Tera;

use crate::diagnostics::Diagnostic;
use crate::link::Site;

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

fn collect(dir: &'static Dir<'static>, out: &mut Vec<(String, &'static [u8])>) {
    for f in dir.files() {
        out.push((f.path().to_string_lossy().replace('\\', "/"), f.contents()));
    }
    for d in dir.dirs() {
        collect(d, out);
    }
}

/// Builds the Tera instance: default templates, then the project's overrides.
pub fn load(site: &Site) -> Result<Tera, Vec<Diagnostic>> {
    let mut templates: Vec<(String, String)> = Vec::new();
    if let Some(dir) = THEME_DIR.get_dir("templates") {
        let mut files = Vec::new();
        collect(dir, &mut files);
        for (path, bytes) in files {
            let name = path.trim_start_matches("templates/").to_string();
            templates.push((name, String::from_utf8_lossy(bytes).into_owned()));
        }
    }
    for (name, text) in &site.templates {
        match templates.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = text.clone(),
            None => templates.push((name.clone(), text.clone())),
        }
    }
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    tera.set_escape_fn(escape_html);
    tera.register_filter("plural", plural);
    tera.add_raw_templates(templates).map_err(|e| {
        // Name the override that broke, when the message names one.
        let text = e.to_string();
        let name = site.templates.keys().find(|n| text.contains(n.as_str())).map_or("(theme)", String::as_str);
        vec![super::template_error(name, &e)]
    })?;
    Ok(tera)
}

/// Escapes the five HTML-significant characters (Tera 1 also escapes `/`,
/// which would turn every relative link into `..&#x2F;`).
pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + s.len() / 8);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
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
