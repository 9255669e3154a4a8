//! docs/data.md describes cxsite-data.json field by field: every key of the
//! example project's file is listed there, and every listed key occurs in it.

use crate::common;

use std::collections::BTreeSet;
use std::fs;

use common::{build_ok, repo};

/// Documented key paths, e.g. `insights[].evidence[].quote`.
fn documented() -> BTreeSet<String> {
    let doc = fs::read_to_string(repo("docs/data.md")).unwrap();
    let keys = doc.split("<!-- keys -->").nth(1).and_then(|s| s.split("<!-- /keys -->").next()).unwrap();
    let mut out = BTreeSet::new();
    let mut prefix = String::new();
    for line in keys.lines() {
        if let Some(head) = line.strip_prefix("## ") {
            prefix = if head == "The file" { String::new() } else { format!("{}.", head.trim_matches('`')) };
        } else if let Some(rest) = line.strip_prefix("| `") {
            let key = rest.split('`').next().unwrap();
            out.insert(format!("{prefix}{key}"));
        }
    }
    out
}

/// Every key path of `v` below `path`; lists of objects add `[]`.
fn keys(v: &serde_json::Value, path: &str, out: &mut BTreeSet<String>) {
    match v {
        serde_json::Value::Object(map) => {
            for (k, child) in map {
                let p = if path.is_empty() { k.clone() } else { format!("{path}.{k}") };
                out.insert(p.clone());
                keys(child, &p, out);
            }
        }
        serde_json::Value::Array(items) => {
            for item in items.iter().filter(|i| i.is_object()) {
                keys(item, &format!("{path}[]"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_key_of_cxsite_data_json_is_documented_and_every_documented_key_occurs() {
    let out = tempfile::tempdir().unwrap();
    build_ok(&repo("example-project"), out.path(), &[]);
    let data: serde_json::Value =
        serde_json::from_slice(&fs::read(out.path().join("cxsite-data.json")).unwrap()).unwrap();
    let mut found = BTreeSet::new();
    keys(&data, "", &mut found);
    let documented = documented();
    let undocumented: Vec<_> = found.difference(&documented).collect();
    let missing: Vec<_> = documented.difference(&found).collect();
    assert!(undocumented.is_empty(), "keys of cxsite-data.json that docs/data.md does not list: {undocumented:?}");
    assert!(missing.is_empty(), "keys docs/data.md lists that the example's file lacks: {missing:?}");
    assert!(documented.len() > 60, "the parser found the tables: {}", documented.len());
}
