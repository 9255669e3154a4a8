//! The fuzz targets' entry points (`cxsite::fuzzing`, see fuzz/README.md) on
//! every file of the example project and the fixtures, and on the inputs
//! the fuzzers found: no panic, every invariant holds.

use std::fs;
use std::path::Path;

fn files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
    for e in fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if e.file_type().unwrap().is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

#[test]
fn every_fixture_file_goes_through_every_target() {
    let mut all = Vec::new();
    for dir in ["example-project", "tests/fixtures/valid", "tests/fixtures/broken"] {
        files(&Path::new(env!("CARGO_MANIFEST_DIR")).join(dir), &mut all);
    }
    let mut seen = 0;
    for p in &all {
        let Ok(text) = fs::read_to_string(p) else { continue };
        match p.extension().and_then(|e| e.to_str()) {
            Some("yaml" | "yml") if p.ends_with("cxsite.yaml") => cxsite::fuzzing::config(&text),
            Some("yaml" | "yml") => cxsite::fuzzing::yaml_kinds(&text),
            Some("csv") => cxsite::fuzzing::tables(&text),
            Some("md") => {
                cxsite::fuzzing::yaml_kinds(&text);
                cxsite::fuzzing::markdown(&text);
            }
            _ => continue,
        }
        seen += 1;
    }
    assert!(seen > 100, "only {seen} fixture files were read");
}
