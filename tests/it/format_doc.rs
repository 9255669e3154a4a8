//! `docs/format.md` (issue 13, point 6) cannot drift from the program: its
//! key tables are the ones `cxsite::schema::format_reference` makes from the
//! loader's types, and every example in it passes both the JSON Schema and
//! the loader's own types. Run with `CXSITE_BLESS=1` to rewrite the tables.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;

use cxsite::config::Language;
use cxsite::schema::{format_reference, schema, FileKind};

use common::yaml_to_json;

fn doc_path() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("docs/format.md")
}

/// The text between `<!-- keys: NAME -->` and the next `<!-- /keys -->`.
fn keys_block(doc: &str, kind: FileKind) -> Option<(usize, usize, &str)> {
    let open = format!("<!-- keys: {} -->\n", kind.name());
    let start = doc.find(&open)? + open.len();
    let end = start + doc[start..].find("<!-- /keys -->")?;
    Some((start, end, &doc[start..end]))
}

#[test]
fn the_key_tables_are_the_ones_the_program_makes() {
    let mut doc = fs::read_to_string(doc_path()).unwrap();
    let bless = std::env::var_os("CXSITE_BLESS").is_some();
    let mut stale = Vec::new();
    for kind in FileKind::ALL {
        let Some((start, end, block)) = keys_block(&doc, kind) else {
            panic!("docs/format.md has no `<!-- keys: {} -->` … `<!-- /keys -->` block", kind.name())
        };
        let made = format_reference(kind);
        if block != made {
            stale.push(kind.name());
            if bless {
                doc.replace_range(start..end, &made);
            }
        }
    }
    if bless {
        fs::write(doc_path(), &doc).unwrap();
    } else {
        assert!(
            stale.is_empty(),
            "docs/format.md is out of date for {stale:?}: run `CXSITE_BLESS=1 cargo test --test it format_doc`"
        );
    }
}

/// Every ```yaml block right after `<!-- example: NAME -->`, by kind.
fn examples(doc: &str) -> Vec<(FileKind, String)> {
    let mut out = Vec::new();
    let mut rest = doc;
    while let Some(at) = rest.find("<!-- example: ") {
        rest = &rest[at + "<!-- example: ".len()..];
        let name = &rest[..rest.find(" -->").unwrap()];
        let kind = FileKind::ALL.into_iter().find(|k| k.name() == name).unwrap_or_else(|| panic!("no kind {name}"));
        let body = rest.split_once("```yaml\n").unwrap().1;
        out.push((kind, body[..body.find("```").unwrap()].to_string()));
    }
    out
}

/// Can the loader's own type read `text`? (The loader is `serde` on these types.)
fn loader_reads(kind: FileKind, text: &str) -> Result<(), String> {
    use cxsite::model;
    let e = |e: serde_yaml::Error| e.to_string();
    match kind {
        FileKind::Config => serde_yaml::from_str::<cxsite::config::Config>(text).map(drop).map_err(e),
        FileKind::Insight => serde_yaml::from_str::<model::Insight>(text).map(drop).map_err(e),
        FileKind::Persona => serde_yaml::from_str::<model::Persona>(text).map(drop).map_err(e),
        FileKind::Journey => serde_yaml::from_str::<model::Journey>(text).map(drop).map_err(e),
        FileKind::Kano => serde_yaml::from_str::<model::KanoStudy>(text).map(drop).map_err(e),
        FileKind::Nps => serde_yaml::from_str::<model::NpsSeries>(text).map(drop).map_err(e),
        FileKind::Biases => serde_yaml::from_str::<BTreeMap<String, model::bias::BiasEntry>>(text).map(drop).map_err(e),
        FileKind::Sources => serde_yaml::from_str::<model::Register>(text).map(drop).map_err(e),
        FileKind::FrontMatter => serde_yaml::from_str::<model::FrontMatter>(text).map(drop).map_err(e),
    }
}

#[test]
fn every_example_passes_the_schema_and_the_loader() {
    let doc = fs::read_to_string(doc_path()).unwrap();
    let found = examples(&doc);
    for kind in FileKind::ALL {
        assert!(found.iter().any(|(k, _)| *k == kind), "docs/format.md has no example of {}", kind.name());
    }
    for (kind, text) in found {
        let instance = yaml_to_json(serde_yaml::from_str(&text).unwrap());
        let validator = jsonschema::draft202012::new(&schema(kind, None, Language::En)).unwrap();
        let problems: Vec<String> = validator.iter_errors(&instance).map(|e| e.to_string()).collect();
        assert!(problems.is_empty(), "the {} example fails its schema: {problems:?}\n{text}", kind.name());
        if let Err(e) = loader_reads(kind, &text) {
            panic!("the {} example is refused by the loader: {e}\n{text}", kind.name());
        }
    }
}

#[test]
fn every_key_of_every_kind_is_in_the_reference() {
    // The tables list each property of each schema: no key is left undocumented.
    let doc = fs::read_to_string(doc_path()).unwrap();
    for kind in FileKind::ALL {
        let v = schema(kind, None, Language::En);
        let (_, _, block) = keys_block(&doc, kind).unwrap();
        let mut objects = vec![&v];
        if let Some(defs) = v.get("$defs").and_then(|d| d.as_object()) {
            objects.extend(defs.values());
        }
        for object in objects {
            for key in object.get("properties").and_then(|p| p.as_object()).into_iter().flat_map(|p| p.keys()) {
                assert!(
                    block.contains(&format!("| `{key}` |")),
                    "{}: key `{key}` is not in docs/format.md",
                    kind.name()
                );
            }
        }
    }
}
