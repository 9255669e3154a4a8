//! Hostile sizes and numbers (issue 11, points 5–7): counts that would
//! overflow are refused at `file:line:col`, ten thousand list items check
//! without quadratic work, and texts that would blow the memory (thousands
//! of embeds, millions of table cells) are refused with a clear error while
//! those at the limit build. The big inputs are generated here at run time.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::{Duration, Instant};

use common::{run_limited, stderr};

/// A fresh project folder with `cxsite.yaml` and one persona, removed when dropped.
fn project(name: &str) -> tempfile::TempDir {
    let dir = tempfile::Builder::new().prefix(&format!("cxsite-bounds-{name}-")).tempdir().expect("temp dir");
    write(dir.path(), "cxsite.yaml", "title: Hostile sizes\n");
    write(dir.path(), "personas/anna.yaml", "name: Anna\n");
    dir
}

fn write(root: &Path, rel: &str, text: &str) {
    let path = root.join(rel);
    fs::create_dir_all(path.parent().unwrap()).unwrap();
    fs::write(path, text).unwrap();
}

/// Runs `cxsite ARGS`, stopping it after `limit` (an old, quadratic build would
/// otherwise keep the test waiting for minutes). Returns the output and the time.
fn run_within(args: &[&str], limit: Duration) -> (Output, Duration) {
    let start = Instant::now();
    let out = run_limited(args, limit);
    (out, start.elapsed())
}

/// Debug builds are several times slower than release ones: what takes well
/// under a second in release (see bench/hostile.sh) gets this much here.
const GENEROUS: Duration = Duration::from_secs(10);

fn check(dir: &Path) -> (Output, Duration) {
    run_within(&["check", dir.to_str().unwrap()], GENEROUS)
}

fn build(dir: &Path) -> Output {
    let out = dir.join("public");
    run_within(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"], GENEROUS * 3).0
}

fn errors(o: &Output) -> Vec<String> {
    stderr(o).lines().filter(|l| l.contains(": error: ")).map(str::to_string).collect()
}

#[test]
fn ten_thousand_measurements_check_without_quadratic_work() {
    let tmp = project("nps");
    let dir = tmp.path().to_path_buf();
    let mut yaml = String::from("title: Every week\nmeasurements:\n");
    for i in 0..10_000 {
        yaml += &format!("  - period: w{i}\n    promoters: {}\n    passives: 3\n    detractors: 2\n", i % 50);
    }
    write(&dir, "nps/weekly.yaml", &yaml);
    let (o, took) = check(&dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    eprintln!("10 000 measurements: check in {took:?}");
}

#[test]
fn ten_thousand_journey_steps_with_a_problem_each_check_quickly() {
    // Every step's emotion is out of range: 10 000 positions to find in one file.
    let tmp = project("steps");
    let dir = tmp.path().to_path_buf();
    let mut yaml = String::from("title: Long\nstages:\n  - id: one\n    name: One\n    steps:\n");
    for i in 0..10_000 {
        yaml += &format!("      - name: step {i}\n        emotion: 3\n        day: {i}\n");
    }
    write(&dir, "journeys/long.yaml", &yaml);
    let (o, took) = check(&dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errs = errors(&o);
    assert_eq!(errs.len(), 10_000, "one error per step");
    // Step i starts on line 6 + 3i; its emotion is the next line, value at column 18.
    assert!(errs.iter().any(|e| e.starts_with("journeys/long.yaml:7:18: error: emotion 3")), "{}", errs[0]);
    let last = 6 + 3 * 9_999 + 1;
    assert!(errs.iter().any(|e| e.starts_with(&format!("journeys/long.yaml:{last}:18: "))), "no error at line {last}");
    eprintln!("10 000 journey steps with errors: check in {took:?}");
}

#[test]
fn ten_thousand_evidence_items_with_a_problem_each_check_quickly() {
    let tmp = project("evidence");
    let dir = tmp.path().to_path_buf();
    let mut yaml = String::from("title: T\nsummary: S\nemotional: e\nfunctional: f\nbreakthrough: b\nevidence:\n");
    for i in 0..10_000 {
        yaml += &format!("  - quote: said {i}\n    metric: m{i}\n");
    }
    write(&dir, "insights/many.yaml", &yaml);
    let (o, took) = check(&dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let errs = errors(&o);
    assert_eq!(errs.len(), 10_000, "one error per evidence item");
    // Item i starts on line 7 + 2i.
    let last = 7 + 2 * 9_999;
    let want = format!("insights/many.yaml:{last}:");
    let found = errs.iter().any(|e| e.starts_with(&want) && e.ends_with("evidence item has both `quote` and `metric`"));
    assert!(found, "no error on line {last}");
    eprintln!("10 000 evidence items with errors: check in {took:?}");
}

#[test]
fn counts_that_would_overflow_are_refused_where_they_are_written() {
    let tmp = project("overflow");
    let dir = tmp.path().to_path_buf();
    // u64::MAX + 1 + 1 wraps to 1: unchecked, the NPS would be shown as a huge number.
    write(
        &dir,
        "nps/huge.yaml",
        "title: Huge\nmeasurements:\n  - period: q1\n    promoters: 18446744073709551615\n    passives: 1\n    detractors: 1\n",
    );
    write(
        &dir,
        "kano/huge.yaml",
        "title: Huge\nfeatures:\n  - id: f\n    name: F\n    answers: {A: 18446744073709551615, O: 1, M: 0, I: 0}\n    category: basic\n",
    );
    let (o, _) = check(&dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("nps/huge.yaml:4:16: error: `promoters: 18446744073709551615` is more than cxsite counts"),
        "{err}"
    );
    assert!(err.contains("kano/huge.yaml:5:18: error: `A: 18446744073709551615` is more than cxsite counts"), "{err}");
    assert!(err.contains("1000000000 at most"), "{err}");
    assert_eq!(errors(&o).len(), 2, "{err}");
}

#[test]
fn counts_at_the_limit_build_with_the_right_numbers() {
    let tmp = project("at-limit");
    let dir = tmp.path().to_path_buf();
    // 1e9 promoters, 0 passives, 1e9 detractors: NPS 0; 3e9 summed in Kano stays exact.
    write(
        &dir,
        "nps/big.yaml",
        "title: Big\nmeasurements:\n  - period: q1\n    promoters: 1000000000\n    passives: 0\n    detractors: 1000000000\n",
    );
    write(
        &dir,
        "kano/big.yaml",
        "title: Big\nfeatures:\n  - id: f\n    name: F\n    answers: {A: 1000000000, O: 1000000000, M: 1000000000, I: 0}\n",
    );
    let (o, _) = check(&dir);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let o = build(&dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let site = dir.join("public");
    let nps = fs::read_to_string(site.join("nps/big.html")).unwrap();
    // 1e9 promoters and 1e9 detractors of 2e9: NPS 0; the margin 1.96·√(1/2e9)·100 rounds to 0.0.
    assert!(nps.contains("q1: NPS 0 ±0.0"), "NPS 0 missing");
    assert!(nps.contains("2000000000"), "respondents missing");
    // A = O = M = 1e9 (a tie, broken towards basic): Better = 2/3, Worse = −2/3.
    let kano = fs::read_to_string(site.join("kano/big.html")).unwrap();
    assert!(kano.contains("F (basic, Better 0.67, Worse −0.67)"), "Better/Worse missing");
    for page in [&nps, &kano] {
        assert!(!page.contains("18446744"), "a wrapped number reached the page");
    }
}

/// A narrative with `n` embeds of one journey, each a paragraph of its own.
fn embeds(name: &str, n: usize) -> tempfile::TempDir {
    let tmp = project(name);
    let dir = tmp.path();
    let mut steps = String::new();
    for i in 0..30 {
        steps += &format!("      - name: step {i}\n        emotion: 1\n");
    }
    write(dir, "journeys/j.yaml", &format!("title: J\nstages:\n  - id: one\n    name: One\n    steps:\n{steps}"));
    let body: String = (0..n).map(|_| "{{ journey(id=\"j\") }}\n\n").collect();
    write(dir, "narratives/c.md", &format!("---\ntitle: C\n---\n\n{body}"));
    tmp
}

#[test]
fn a_chapter_with_too_many_embeds_is_refused_at_the_first_beyond_the_limit() {
    let tmp = embeds("embeds-over", 5_000);
    let dir = tmp.path();
    let (o, _) = check(dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // Embed k (1-based) is on line 5 + 2(k − 1): the 201st on line 405.
    let err = stderr(&o);
    assert!(err.contains("narratives/c.md:405:1: error: more than 200 embeds in one text"), "{err}");
    assert_eq!(errors(&o).len(), 1, "{err}");
}

#[test]
fn a_chapter_at_the_embed_limit_builds_every_embed() {
    let tmp = embeds("embeds-at", 200);
    let dir = tmp.path();
    let o = build(dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = fs::read_to_string(dir.join("public").join("narratives/c.html")).unwrap();
    assert!(!page.contains("{{"), "an embed was left as text");
    assert_eq!(page.matches("class=\"embed embed-journey").count(), 200, "every embed is on the page");
}

/// A narrative with one table of `cols` columns and `rows` rows (header included).
fn table(name: &str, cols: usize, rows: usize) -> tempfile::TempDir {
    let tmp = project(name);
    let dir = tmp.path();
    let head: String = (0..cols).map(|c| format!("| h{c} ")).collect::<String>() + "|\n";
    let rule = "|---".repeat(cols) + "|\n";
    let row = "| x ".repeat(cols) + "|\n";
    write(dir, "narratives/t.md", &format!("---\ntitle: T\n---\n\n{head}{rule}{}", row.repeat(rows - 1)));
    tmp
}

#[test]
fn a_table_beyond_the_cell_limit_is_refused_where_it_crosses_it() {
    // 101 columns × 1 000 rows = 101 000 cells. Rows 1–990 (the header is row 1)
    // hold 990 × 101 = 99 990 cells, so cell 100 001 is the 11th of row 991.
    let tmp = table("table-over", 101, 1_000);
    let dir = tmp.path();
    let (o, _) = check(dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    // The header is on line 5 and the rule on line 6, so row t ≥ 2 is on line 5 + t: 996.
    let err = stderr(&o);
    assert!(err.contains("narratives/t.md:996:"), "{err}");
    assert!(err.contains("error: more than 100000 table cells in one text"), "{err}");
}

#[test]
fn a_table_at_the_cell_limit_builds() {
    let tmp = table("table-at", 100, 1_000);
    let dir = tmp.path();
    let o = build(dir);
    assert!(o.status.success(), "{}", stderr(&o));
    let page = fs::read_to_string(dir.join("public").join("narratives/t.html")).unwrap();
    assert_eq!(page.matches("<td").count(), 99_900, "every body cell is on the page");
}

#[test]
fn a_text_beyond_the_size_limit_is_refused_before_it_is_parsed() {
    // A 600 × 6 000 table is 14 MB: refused at the byte where 2 MiB is crossed, in well under the limit.
    let tmp = table("table-huge", 600, 6_000);
    let dir = tmp.path();
    let (o, took) = check(dir);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.contains("the limit (2097152 bytes) is crossed here"), "{err}");
    assert!(err.contains("narratives/t.md:"), "{err}");
    eprintln!("14 MB table refused in {took:?}");
}
