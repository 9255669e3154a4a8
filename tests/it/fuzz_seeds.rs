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

/// Found by `config`: a lone CR ends a line for YAML (and for the parser's
/// positions), so the error sits on line 3 of the YAML reading — a line the
/// LF reading does not have that wide. Both readings count as inside.
#[test]
fn a_lone_carriage_return_ends_a_yaml_line() {
    let text = "title:6:6Edge cases &\r\t\t\t\t\t\t\t\t\t\t\t\t\t\tieldipt:aler,(1);;;;;;;n\n\
                thee::ateliBrokeitle:lg: B*oken  Brokenn mem 2./.en\n";
    cxsite::fuzzing::config(text);
    cxsite::fuzzing::yaml_kinds(text);
}

/// Found by `markdown`: `src="javascript:` in plain text is text, not an attribute.
#[test]
fn an_attribute_lookalike_in_text_is_text() {
    cxsite::fuzzing::markdown("-src=\"javascript:--\nt :itBe*t\n");
}

/// Found by `markdown`: a three-byte `−` right before an attribute-like name
/// in a raw HTML block; reading the name sliced inside the character.
#[test]
fn a_multibyte_character_before_an_attribute_name() {
    for text in ["<div>\na−b=1 −src=\"http://x/a.png\"\n</div>\n", "<div title=\"−\" data=−>\n−(x)\n</div>\n"]
    {
        cxsite::fuzzing::markdown(text);
    }
}

/// Found by `markdown`: heading attributes (`## T {ontp}`) wrote any
/// attribute, an event handler too, with raw HTML off.
#[test]
fn heading_attributes_other_than_id_and_class_are_raw_html() {
    cxsite::fuzzing::markdown("---\x07\x07\x07\x07\x07\x07-\0\0\0\x07\x07\x07\x07\x07-!\n## Th\0-ga\0\0\0\0\0\0p {e [chapter ontp\x03}\n\nText.\n");
    cxsite::fuzzing::markdown("## Title {#t .c onclick=alert(1) style=x}\n");
}
