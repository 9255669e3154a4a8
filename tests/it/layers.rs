//! The pipeline's layers import only downwards (issue 12): `model` knows
//! nothing else of the crate, `markdown` knows only the model and the HTML
//! and URL helpers, and each step of load → link → analysis → render imports
//! no later step nor a command built on them (export, pdf, serve).

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

/// Every `.rs` file of a module: `src/NAME.rs` and everything under `src/NAME/`.
fn module_files(name: &str) -> Vec<PathBuf> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut out = Vec::new();
    let single = src.join(format!("{name}.rs"));
    if single.is_file() {
        out.push(single);
    }
    let mut dirs = vec![src.join(name)];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                dirs.push(p);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }
    assert!(!out.is_empty(), "no source files for module {name}");
    out
}

/// The crate's top-level modules a module names (`crate::x`, `use crate::{x, y::z}`).
fn imports(name: &str) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for file in module_files(name) {
        let text = fs::read_to_string(&file).unwrap();
        let mut rest = text.as_str();
        while let Some(at) = rest.find("crate::") {
            rest = &rest[at + "crate::".len()..];
            if let Some(group) = rest.strip_prefix('{') {
                // `use crate::{a, b::c, d::{e, f}}`: the first name of each path at depth 0.
                let (mut depth, mut word, mut in_path) = (0, String::new(), false);
                for c in group.chars() {
                    match c {
                        '{' => depth += 1,
                        '}' if depth == 0 => break,
                        '}' => depth -= 1,
                        ',' if depth == 0 => in_path = false,
                        c if depth == 0 && !in_path && (c.is_alphanumeric() || c == '_') => word.push(c),
                        _ if depth == 0 && !word.is_empty() => {
                            found.insert(std::mem::take(&mut word));
                            in_path = true;
                        }
                        _ => {}
                    }
                }
                if !word.is_empty() {
                    found.insert(word);
                }
            } else {
                let word: String = rest.chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect();
                found.insert(word);
            }
        }
    }
    found.remove(name);
    found
}

fn assert_no(name: &str, banned: &[&str]) {
    let found = imports(name);
    let bad: Vec<&&str> = banned.iter().filter(|b| found.contains(**b)).collect();
    assert!(bad.is_empty(), "`{name}` imports {bad:?}, a later layer (it imports {found:?})");
}

#[test]
fn the_model_imports_nothing_of_the_crate() {
    let found = imports("model");
    assert!(found.is_empty(), "model imports {found:?}");
}

#[test]
fn markdown_knows_only_the_model_and_the_html_and_url_helpers() {
    let found = imports("markdown");
    let allowed: BTreeSet<String> = ["model", "html", "web"].map(String::from).into();
    assert!(found.is_subset(&allowed), "markdown imports {:?}", found.difference(&allowed).collect::<Vec<_>>());
}

#[test]
fn each_pipeline_step_imports_no_later_one() {
    let commands = ["export", "pdf", "serve", "output"];
    let steps = ["load", "link", "analysis", "render"];
    for (i, step) in steps.iter().enumerate() {
        let later: Vec<&str> = steps[i + 1..].iter().chain(&commands).copied().collect();
        assert_no(step, &later);
    }
}

#[test]
fn the_import_reader_sees_grouped_and_plain_paths() {
    // The rules above are only as good as this reader.
    assert!(imports("serve").contains("analysis"), "use crate::{{analysis, …}} in serve/live.rs");
    assert!(imports("render").contains("analysis"), "render uses crate::analysis");
    assert!(imports("markdown").contains("html"));
    assert!(!imports("serve").contains("SiteFile"), "only the first name of a path is a module");
}
