//! From the schema schemars derives to the one editors get: enums written
//! as `enum` lists (with a description per value), reference fields limited
//! to the project's ids, ids as keys checked by pattern, and descriptions in
//! the project's language.

use std::collections::BTreeMap;
use std::sync::OnceLock;

use serde_json::{json, Map, Value};

use super::ProjectIds;
use crate::config::Language;

/// Where a reference field is marked, by `#[schemars(extend(...))]` on the
/// model's fields: the kind of id it names.
pub const REF_KEYWORD: &str = "x-cxsite-ref";

/// An id as SPEC §1 writes it (`[a-z0-9][a-z0-9-]*`).
const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";

/// Dutch descriptions, keyed like [`description_slots`] names them.
const NL: &str = include_str!("nl.yaml");

/// Makes the derived schema `value` the one `cxsite schema` writes.
pub fn finish(
    value: &mut Value,
    title: &str,
    map_description: Option<&str>,
    ids: Option<&ProjectIds>,
    language: Language,
) {
    let root_type = value.get("title").and_then(Value::as_str).unwrap_or_default().to_string();
    plain_enums(value);
    drop_null_defaults(value);
    if let Some(ids) = ids {
        limit_references(value, ids);
    }
    if language == Language::Nl {
        let table = dutch();
        for_each_description(value, &root_type, &mut |key, slot| {
            if let Some(text) = table.get(key) {
                *slot = Value::String(text.clone());
            }
        });
    }
    if let Some(root) = value.as_object_mut() {
        // `biases.yaml` and `sources.yaml` map ids to entries: their keys are ids.
        if let Some(what) = map_description {
            root.insert("propertyNames".into(), json!({ "pattern": ID_PATTERN }));
            root.insert("description".into(), Value::String(what.into()));
        }
        root.insert("title".into(), Value::String(title.into()));
    }
}

/// The Dutch descriptions, parsed once.
fn dutch() -> &'static BTreeMap<String, String> {
    static TABLE: OnceLock<BTreeMap<String, String>> = OnceLock::new();
    TABLE.get_or_init(|| serde_yaml::from_str(NL).expect("src/schema/nl.yaml is a map of strings (tested)"))
}

/// Every description of a schema, by key: `Type` for a type, `Type.key` for
/// a property, `Type.value` for an enum value (the Rust type names schemars
/// uses as titles and `$defs` names). `f` may rewrite the text.
pub fn for_each_description(value: &mut Value, root_type: &str, f: &mut dyn FnMut(&str, &mut Value)) {
    describe_type(value, root_type, f);
    if let Some(Value::Object(defs)) = value.get_mut("$defs") {
        for (name, def) in defs.iter_mut() {
            describe_type(def, name, f);
        }
    }
}

fn describe_type(node: &mut Value, type_name: &str, f: &mut dyn FnMut(&str, &mut Value)) {
    let Some(obj) = node.as_object_mut() else { return };
    if let Some(d) = obj.get_mut("description") {
        f(type_name, d);
    }
    if let Some(Value::Object(props)) = obj.get_mut("properties") {
        for (key, prop) in props.iter_mut() {
            if let Some(d) = prop.get_mut("description") {
                f(&format!("{type_name}.{key}"), d);
            }
        }
    }
    let values: Vec<String> = match obj.get("enum") {
        Some(Value::Array(v)) => v.iter().filter_map(|x| x.as_str().map(str::to_string)).collect(),
        _ => Vec::new(),
    };
    if let Some(Value::Array(descriptions)) = obj.get_mut("enumDescriptions") {
        for (value, d) in values.iter().zip(descriptions.iter_mut()) {
            f(&format!("{type_name}.{value}"), d);
        }
    }
}

/// `oneOf: [{const: "high", description}, …]` (schemars' form for an enum
/// whose values have doc comments) becomes `enum: ["high", …]` with
/// `enumDescriptions`: the form editors complete from and explain.
fn plain_enums(value: &mut Value) {
    match value {
        Value::Object(obj) => {
            if let Some(Value::Array(branches)) = obj.get("oneOf") {
                let consts: Option<Vec<(Value, Value)>> = branches
                    .iter()
                    .map(|b| {
                        let c = b.get("const")?.clone();
                        Some((c, b.get("description").cloned().unwrap_or(Value::String(String::new()))))
                    })
                    .collect();
                if let Some(consts) = consts.filter(|c| !c.is_empty()) {
                    obj.remove("oneOf");
                    obj.insert("type".into(), "string".into());
                    let (values, descriptions): (Vec<Value>, Vec<Value>) = consts.into_iter().unzip();
                    obj.insert("enum".into(), Value::Array(values));
                    obj.insert("enumDescriptions".into(), Value::Array(descriptions));
                }
            }
            obj.values_mut().for_each(plain_enums);
        }
        Value::Array(items) => items.iter_mut().for_each(plain_enums),
        _ => {}
    }
}

/// `default: null` says nothing a reader needs, and editors offer it as a
/// completion ("Default value") above the real choices.
fn drop_null_defaults(value: &mut Value) {
    match value {
        Value::Object(obj) => {
            if obj.get("default") == Some(&Value::Null) {
                obj.remove("default");
            }
            obj.values_mut().for_each(drop_null_defaults);
        }
        Value::Array(items) => items.iter_mut().for_each(drop_null_defaults),
        _ => {}
    }
}

/// Every field marked with [`REF_KEYWORD`] may only hold ids the project has.
fn limit_references(value: &mut Value, ids: &ProjectIds) {
    match value {
        Value::Object(obj) => {
            let kind = obj.get(REF_KEYWORD).and_then(Value::as_str).map(str::to_string);
            if let Some(known) = kind.as_deref().and_then(|k| ids.of(k)) {
                limit_strings(obj, known);
            }
            obj.values_mut().for_each(|v| limit_references(v, ids));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| limit_references(v, ids)),
        _ => {}
    }
}

/// Adds `enum: known` to every string in `schema` (itself, its list items,
/// each branch of an `anyOf`), keeping `null` where null was allowed.
fn limit_strings(schema: &mut Map<String, Value>, known: &[String]) {
    let types: Vec<&str> = match schema.get("type") {
        Some(Value::String(t)) => vec![t.as_str()],
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).collect(),
        _ => Vec::new(),
    };
    if types.contains(&"string") {
        let mut values: Vec<Value> = known.iter().map(|id| Value::String(id.clone())).collect();
        if types.contains(&"null") {
            values.push(Value::Null);
        }
        schema.insert("enum".into(), Value::Array(values));
    }
    if let Some(Value::Object(items)) = schema.get_mut("items") {
        limit_strings(items, known);
    }
    if let Some(Value::Array(branches)) = schema.get_mut("anyOf") {
        for b in branches.iter_mut().filter_map(Value::as_object_mut) {
            limit_strings(b, known);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_of_constants_become_an_enum_list() {
        let mut v = json!({"oneOf": [{"const": "a", "description": "A."}, {"const": "b"}]});
        plain_enums(&mut v);
        assert_eq!(v, json!({"type": "string", "enum": ["a", "b"], "enumDescriptions": ["A.", ""]}));
        // A oneOf of anything else is left as it is.
        let mut v = json!({"oneOf": [{"required": ["quote"]}, {"required": ["metric"]}]});
        let before = v.clone();
        plain_enums(&mut v);
        assert_eq!(v, before);
    }

    #[test]
    fn references_list_the_known_ids_and_keep_null() {
        let ids = ProjectIds { personas: vec!["anna".into(), "bert".into()], ..ProjectIds::default() };
        let mut v = json!({"properties": {
            "persona": {"type": ["string", "null"], "x-cxsite-ref": "persona"},
            "personas": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string"}}], "x-cxsite-ref": "persona"},
            "tags": {"type": "string"}
        }});
        limit_references(&mut v, &ids);
        assert_eq!(v["properties"]["persona"]["enum"], json!(["anna", "bert", null]));
        assert_eq!(v["properties"]["personas"]["anyOf"][0]["enum"], json!(["anna", "bert"]));
        assert_eq!(v["properties"]["personas"]["anyOf"][1]["items"]["enum"], json!(["anna", "bert"]));
        assert!(v["properties"]["tags"].get("enum").is_none());
    }
}
