//! The format reference (`docs/format.md`) as Markdown tables, made from
//! the same schemas editors get, so the two cannot disagree
//! (`tests/format_doc.rs` keeps the document in step).

use std::fmt::Write;

use serde_json::Value;

use super::{schema, FileKind};
use crate::config::Language;

/// The key tables of `kind`: one for the file itself, then one for each
/// nested kind of object (evidence items, stages, steps, …) in the order
/// they are first met.
pub fn format_reference(kind: FileKind) -> String {
    let root = schema(kind, None, Language::En);
    let mut out = String::new();
    let mut todo: Vec<(String, String)> = vec![(String::new(), String::new())];
    let mut done: Vec<String> = Vec::new();
    while let Some((def, heading)) = todo.pop() {
        let node = if def.is_empty() { &root } else { &root["$defs"][def.as_str()] };
        let (table, nested) = table(node, &root);
        if !heading.is_empty() {
            let _ = writeln!(out, "\n{heading}\n");
        }
        out.push_str(&table);
        done.push(def);
        for (name, heading) in nested.into_iter().rev() {
            if !done.contains(&name) && !todo.iter().any(|(d, _)| *d == name) {
                todo.push((name, heading));
            }
        }
    }
    out
}

/// The table of one object schema, and the `$defs` objects its keys hold
/// (with the line that introduces each one's table).
fn table(node: &Value, root: &Value) -> (String, Vec<(String, String)>) {
    let mut out = String::from("| key | type | default | meaning |\n|---|---|---|---|\n");
    let mut nested = Vec::new();
    let Some(props) = node.get("properties").and_then(Value::as_object) else {
        // `biases.yaml`: a map from id to entry.
        if let Some(entry) = node.get("additionalProperties") {
            let (ty, def) = type_text(entry, root);
            let _ = writeln!(out, "| *id* | {ty} | | one entry per id ([a-z0-9-]) |");
            nested.extend(def.map(|d| (d, "Each entry (`ID: {…}`):".to_string())));
        }
        return (out, nested);
    };
    let required: Vec<&str> = node
        .get("required")
        .and_then(Value::as_array)
        .map(|r| r.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    let mut keys: Vec<&String> = props.keys().collect();
    // Required keys first, then the rest alphabetically.
    keys.sort_by_key(|k| (!required.contains(&k.as_str()), k.as_str()));
    for key in keys {
        let prop = &props[key];
        let (ty, def) = type_text(prop, root);
        let list = prop.get("type").and_then(Value::as_str) == Some("array");
        let heading = if list { format!("Each item of `{key}`:") } else { format!("The keys of `{key}`:") };
        nested.extend(def.map(|d| (d, heading)));
        let default = if required.contains(&key.as_str()) {
            "**required**".to_string()
        } else {
            match prop.get("default") {
                None | Some(Value::Null) => String::new(),
                Some(Value::Array(a)) if a.is_empty() => String::new(),
                Some(Value::Object(o)) if o.is_empty() => String::new(),
                Some(Value::String(s)) if s.is_empty() => "empty".to_string(),
                Some(v) => format!("`{}`", v.as_str().map(str::to_string).unwrap_or_else(|| v.to_string())),
            }
        };
        let meaning =
            prop.get("description").and_then(Value::as_str).unwrap_or_default().replace('|', "\\|").replace('\n', " ");
        let _ = writeln!(out, "| `{key}` | {ty} | {default} | {meaning} |");
    }
    (out, nested)
}

/// A reader's name for the type of `node`, and the `$defs` object it holds, if any.
fn type_text(node: &Value, root: &Value) -> (String, Option<String>) {
    if node.get(super::shape::REF_KEYWORD).and_then(Value::as_str) == Some("source") {
        return ("source id (with `sources.yaml`), else text".into(), None);
    }
    if let Some(kind) = node.get(super::shape::REF_KEYWORD).and_then(Value::as_str) {
        let many = node.get("anyOf").is_some() || node.get("type").and_then(Value::as_str) == Some("array");
        let text = if many { format!("{kind} id, or a list of them") } else { format!("{kind} id") };
        return (text, None);
    }
    if let Some(r) = node.get("$ref").and_then(Value::as_str) {
        let name = r.trim_start_matches("#/$defs/");
        let def = &root["$defs"][name];
        if def.get("enum").is_some() {
            return (enum_text(def), None);
        }
        return ("object (below)".into(), Some(name.to_string()));
    }
    if let Some(Value::Array(branches)) = node.get("anyOf") {
        let real: Vec<&Value> =
            branches.iter().filter(|b| b.get("type").and_then(Value::as_str) != Some("null")).collect();
        if let [one] = real.as_slice() {
            return type_text(one, root);
        }
        if real.iter().any(|b| b.get("type").and_then(Value::as_str) == Some("array")) {
            return ("text, or a list of texts".into(), None);
        }
    }
    if node.get("enum").is_some() {
        return (enum_text(node), None);
    }
    let types: Vec<&str> = match node.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).filter(|t| *t != "null").collect(),
        _ => Vec::new(),
    };
    let range = |n: &Value| match (n.get("minimum"), n.get("maximum")) {
        (Some(lo), Some(hi)) => format!(" {lo} … {hi}"),
        (Some(lo), None) => format!(" ≥ {lo}"),
        (None, Some(hi)) => format!(" ≤ {hi}"),
        _ => String::new(),
    };
    match types.first().copied() {
        Some("string") if node.get("pattern").is_some() => ("date (YYYY-MM-DD)".into(), None),
        Some("string") => ("text".into(), None),
        Some("integer") => (format!("whole number{}", range(node)), None),
        Some("number") => (format!("number{}", range(node)), None),
        Some("boolean") => ("true / false".into(), None),
        Some("array") => {
            let (item, def) = type_text(node.get("items").unwrap_or(&Value::Null), root);
            (format!("list of {item}"), def)
        }
        Some("object") => {
            let by_number = node.get("patternProperties").and_then(Value::as_object).and_then(|p| p.values().next());
            match (node.get("additionalProperties"), by_number) {
                (_, Some(v)) => {
                    let (item, def) = type_text(v, root);
                    (format!("map from whole numbers (e.g. years) to {item}"), def)
                }
                (Some(v), None) if v.is_object() => {
                    let (item, def) = type_text(v, root);
                    (format!("map of {item}"), def)
                }
                _ => ("map (any keys)".into(), None),
            }
        }
        _ => ("any".into(), None),
    }
}

fn enum_text(node: &Value) -> String {
    let values: Vec<String> = node
        .get("enum")
        .and_then(Value::as_array)
        .map(|v| v.iter().filter_map(Value::as_str).map(|s| format!("`{s}`")).collect())
        .unwrap_or_default();
    values.join(" \\| ")
}
