//! Runs the real `cxsite` binary on the broken fixture projects in
//! `tests/fixtures/broken/` and checks that every one of them is rejected the
//! way its `NAME.expect` file says.
//!
//! Each fixture is a tiny, otherwise valid project `tests/fixtures/broken/NAME/`
//! with exactly one problem, and next to it `tests/fixtures/broken/NAME.expect`:
//!
//! ```text
//! # a comment saying what the fixture tests
//! exit: 1
//! stderr: insights/a.yaml:3:
//! stderr: title
//! not-stderr: unknown persona
//! code: unknown-ref
//! outside-file: secret.jpg
//! ```
//!
//! * `exit: N` — the expected exit status of `cxsite check` and `cxsite build`.
//! * `stderr: TEXT` — a substring that must occur in stderr of `cxsite check`
//!   (everything after `stderr: ` up to the end of the line, trailing
//!   whitespace trimmed).
//! * `not-stderr: TEXT` — a substring that must not occur in that stderr (a
//!   follow-on error that the real cause must not be buried under).
//! * `code: CODE` — the code of a diagnostic, one line per diagnostic in
//!   the order `cxsite check --format json` prints them (warnings too).
//!   Required when `exit` is 1; with exit 2 (a usage error) there must be
//!   none, and the JSON output must be empty. This keeps codes stable.
//! * `outside-file: NAME` — an empty file created next to the project folder
//!   (outside it), so that a path escaping the project points at something
//!   that exists.
//! * Blank lines and lines starting with `#` are ignored.
//!
//! Every fixture is copied to a fresh temporary directory first, so the
//! binary can never touch the repository. `build` must fail with the same
//! status, must not panic, and must not create the output folder.
//!
//! `check_and_build_agree_on_every_broken_fixture` runs both commands on
//! every fixture and wants the same status and the same diagnostics.
//!
//! The symlink-loop case is built at run time (committing a looping symlink is
//! fragile), see `symlink_loop_is_reported`.

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Duration;

use common::{copy_dir, repo, run_limited_in};

/// A broken project must be rejected quickly; the alias bomb and the symlink
/// loop in particular must not hang. Generous, because debug builds are slow
/// and CI machines are busy.
const TIMEOUT: Duration = Duration::from_secs(60);

/// An emptied or lost fixture folder must fail the test, not pass it.
const MIN_FIXTURES: usize = 18;

fn fixtures_dir() -> PathBuf {
    repo("tests/fixtures/broken")
}

#[derive(Debug)]
struct Expect {
    exit: i32,
    stderr: Vec<String>,
    not_stderr: Vec<String>,
    codes: Vec<String>,
    outside_files: Vec<String>,
}

fn parse_expect(path: &Path) -> Expect {
    let text = fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    let mut exit = None;
    let mut stderr = Vec::new();
    let mut not_stderr = Vec::new();
    let mut codes = Vec::new();
    let mut outside_files = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(v) = line.strip_prefix("exit:") {
            let v = v.trim();
            assert!(exit.is_none(), "{}:{}: `exit:` given twice", path.display(), i + 1);
            exit = Some(
                v.parse::<i32>()
                    .unwrap_or_else(|_| panic!("{}:{}: `exit:` wants an integer, got {v:?}", path.display(), i + 1)),
            );
        } else if let Some(v) = line.strip_prefix("stderr:") {
            let v = v.strip_prefix(' ').unwrap_or(v);
            assert!(!v.is_empty(), "{}:{}: empty `stderr:` substring", path.display(), i + 1);
            stderr.push(v.to_string());
        } else if let Some(v) = line.strip_prefix("not-stderr:") {
            let v = v.strip_prefix(' ').unwrap_or(v);
            assert!(!v.is_empty(), "{}:{}: empty `not-stderr:` substring", path.display(), i + 1);
            not_stderr.push(v.to_string());
        } else if let Some(v) = line.strip_prefix("code:") {
            let v = v.trim();
            assert!(
                !v.is_empty() && v.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}:{}: `code:` wants one kebab-case code, got {v:?}",
                path.display(),
                i + 1
            );
            codes.push(v.to_string());
        } else if let Some(v) = line.strip_prefix("outside-file:") {
            let v = v.trim();
            assert!(
                !v.is_empty() && !v.contains('/') && !v.contains('\\') && v != ".." && v != ".",
                "{}:{}: `outside-file:` wants a plain file name",
                path.display(),
                i + 1
            );
            outside_files.push(v.to_string());
        } else {
            panic!("{}:{}: unknown line {line:?}", path.display(), i + 1);
        }
    }
    let exit = exit.unwrap_or_else(|| panic!("{}: no `exit:` line", path.display()));
    assert!(!stderr.is_empty(), "{}: no `stderr:` line", path.display());
    match exit {
        1 => assert!(!codes.is_empty(), "{}: no `code:` line", path.display()),
        _ => assert!(codes.is_empty(), "{}: `code:` with exit {exit} (usage errors have no code)", path.display()),
    }
    Expect { exit, stderr, not_stderr, codes, outside_files }
}

/// What one run of the binary said.
struct Run {
    /// `None` when killed by a signal.
    code: Option<i32>,
    stdout: String,
    stderr: String,
}

impl Run {
    fn describe(&self) -> String {
        format!(
            "exit: {}\n--- stderr ---\n{}\n--- stdout ---\n{}\n--------------",
            self.code.map_or("none (signal)".to_string(), |c| c.to_string()),
            self.stderr.trim_end(),
            self.stdout.trim_end()
        )
    }
}

/// Runs the binary in `cwd`; a run that takes longer than [`TIMEOUT`] fails the test.
fn run(args: &[String], cwd: &Path) -> Run {
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let o: Output = run_limited_in(&args, cwd, TIMEOUT);
    let text = |bytes: &[u8]| String::from_utf8_lossy(bytes).into_owned();
    Run { code: o.status.code(), stdout: text(&o.stdout), stderr: text(&o.stderr) }
}

fn check_args(project: &Path) -> Vec<String> {
    vec!["check".into(), project.display().to_string()]
}

fn build_args(project: &Path, out: &Path) -> Vec<String> {
    vec!["build".into(), project.display().to_string(), "-o".into(), out.display().to_string()]
}

/// Problems common to every broken run: a panic, the wrong status.
fn common_problems(what: &str, r: &Run, exit: i32) -> Vec<String> {
    let mut problems = Vec::new();
    if r.code != Some(exit) {
        problems.push(format!("{what}: expected exit {exit}, got {:?}", r.code));
    }
    if r.stderr.contains("panicked") || r.stdout.contains("panicked") {
        problems.push(format!("{what}: the binary panicked"));
    }
    problems
}

/// Runs one fixture; returns a description of everything that went wrong.
fn run_fixture(name: &str, expect: &Expect) -> Vec<String> {
    let tmp = tempfile::tempdir().expect("temp dir");
    let project = tmp.path().join(name);
    copy_dir(&fixtures_dir().join(name), &project);
    for f in &expect.outside_files {
        fs::write(tmp.path().join(f), b"").unwrap();
    }
    let mut problems = Vec::new();

    // cxsite check DIR
    let r = run(&check_args(&project), tmp.path());
    let mut p = common_problems("check", &r, expect.exit);
    for s in &expect.stderr {
        if !r.stderr.contains(s.as_str()) {
            p.push(format!("check: stderr lacks {s:?}"));
        }
    }
    for s in &expect.not_stderr {
        if r.stderr.contains(s.as_str()) {
            p.push(format!("check: stderr has {s:?}, which it must not"));
        }
    }
    if !p.is_empty() {
        p.push(r.describe());
    }
    problems.extend(p);

    // cxsite check DIR --format json: the codes, in order
    let mut args = check_args(&project);
    args.extend(["--format".to_string(), "json".to_string()]);
    let r = run(&args, tmp.path());
    let mut p = common_problems("check --format json", &r, expect.exit);
    let codes: Vec<String> = r
        .stdout
        .lines()
        .map(|l| match serde_json::from_str::<serde_json::Value>(l) {
            Ok(v) => v["code"].as_str().map_or_else(|| format!("<no code in {l}>"), str::to_string),
            Err(e) => format!("<not JSON ({e}): {l}>"),
        })
        .collect();
    if codes != expect.codes {
        p.push(format!("check --format json: codes {codes:?}, expected {:?}", expect.codes));
    }
    if !p.is_empty() {
        p.push(r.describe());
    }
    problems.extend(p);

    // cxsite build DIR -o DIR/public
    let out = project.join("public");
    let r = run(&build_args(&project, &out), tmp.path());
    let mut p = common_problems("build", &r, expect.exit);
    if out.exists() {
        p.push(format!("build: created the output folder {} although it failed", out.display()));
    }
    if !p.is_empty() {
        p.push(r.describe());
    }
    problems.extend(p);
    problems
}

/// All `NAME.expect` files, sorted; checks each has its `NAME/` project and
/// each project folder its `.expect` (a forgotten one would silently not run).
fn list_fixtures() -> Vec<(String, PathBuf)> {
    let dir = fixtures_dir();
    let mut expects = Vec::new();
    let mut folders = Vec::new();
    for entry in fs::read_dir(&dir).unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display())) {
        let path = entry.unwrap().path();
        let file_name = path.file_name().unwrap().to_string_lossy().into_owned();
        if path.is_dir() {
            folders.push(file_name);
        } else if let Some(stem) = file_name.strip_suffix(".expect") {
            expects.push((stem.to_string(), path.clone()));
        }
    }
    expects.sort();
    folders.sort();
    for (name, _) in &expects {
        assert!(folders.contains(name), "{name}.expect has no project folder {}", dir.join(name).display());
    }
    for folder in &folders {
        assert!(expects.iter().any(|(n, _)| n == folder), "fixture folder {folder}/ has no {folder}.expect next to it");
    }
    expects
}

#[test]
fn broken_projects_are_rejected() {
    let fixtures = list_fixtures();
    assert!(
        fixtures.len() >= MIN_FIXTURES,
        "found only {} fixtures in {} (want at least {MIN_FIXTURES})",
        fixtures.len(),
        fixtures_dir().display()
    );
    let mut failed = Vec::new();
    for (name, expect_path) in &fixtures {
        let expect = parse_expect(expect_path);
        let problems = run_fixture(name, &expect);
        if problems.is_empty() {
            eprintln!("ok      {name}");
        } else {
            eprintln!("FAILED  {name}");
            for p in &problems {
                eprintln!("    {}", p.replace('\n', "\n    "));
            }
            failed.push(name.clone());
        }
    }
    assert!(
        failed.is_empty(),
        "{} of {} broken fixtures misbehaved: {}",
        failed.len(),
        fixtures.len(),
        failed.join(", ")
    );
}

/// The summary line's tail, which names the command; the rest of stderr must match.
const SUMMARY_TAILS: [&str; 2] =
    [": the project has errors.", ": the site was not built; the previous site, if any, is untouched."];

/// stderr with the command-specific tail of its summary line removed.
fn diagnostics_of(stderr: &str) -> String {
    let mut lines: Vec<&str> = stderr.lines().collect();
    if let Some(last) = lines.last_mut() {
        for tail in SUMMARY_TAILS {
            if let Some(head) = last.strip_suffix(tail) {
                *last = head;
            }
        }
    }
    lines.join("\n")
}

/// `check` finds everything `build` would refuse (SPEC §11, issue 11 point 9):
/// on every broken fixture both exit with the same status and print the same
/// diagnostics, in the same order.
#[test]
fn check_and_build_agree_on_every_broken_fixture() {
    let fixtures = list_fixtures();
    assert!(fixtures.len() >= MIN_FIXTURES, "found only {} fixtures", fixtures.len());
    let mut failed = Vec::new();
    for (name, expect_path) in &fixtures {
        let expect = parse_expect(expect_path);
        let tmp = tempfile::tempdir().expect("temp dir");
        let project = tmp.path().join(name);
        copy_dir(&fixtures_dir().join(name), &project);
        for f in &expect.outside_files {
            fs::write(tmp.path().join(f), b"").unwrap();
        }
        let check = run(&check_args(&project), tmp.path());
        let build = run(&build_args(&project, &tmp.path().join("out")), tmp.path());
        let (c, b) = (diagnostics_of(&check.stderr), diagnostics_of(&build.stderr));
        if check.code != build.code || c != b || c.trim().is_empty() {
            eprintln!("FAILED  {name}\n--- check ---\n{}\n--- build ---\n{}", check.describe(), build.describe());
            failed.push(name.clone());
        }
    }
    assert!(failed.is_empty(), "check and build disagree on: {}", failed.join(", "));
}

#[cfg(unix)]
#[test]
fn a_content_folder_linked_from_outside_is_one_error_not_a_cascade() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let project = tmp.path().join("linked-folder");
    fs::create_dir_all(project.join("narratives")).unwrap();
    fs::write(project.join("cxsite.yaml"), "title: Broken fixture\n").unwrap();
    let outside = tmp.path().join("elsewhere");
    fs::create_dir_all(&outside).unwrap();
    fs::write(outside.join("a.yaml"), "title: A\nsummary: S\nemotional: E\nfunctional: F\nbreakthrough: B\n").unwrap();
    let chapter = "---\ntitle: N\n---\nSee [a](insight:a).\n\n{{ insight(id=\"a\") }}\n";
    fs::write(project.join("narratives/n.md"), chapter).unwrap();
    std::os::unix::fs::symlink(&outside, project.join("insights")).unwrap();

    let r = run(&check_args(&project), tmp.path());
    let mut problems = common_problems("check", &r, 1);
    if !r.stderr.contains("insights:1:1: error: this folder is a symbolic link that points outside the project") {
        problems.push("check: stderr does not name the linked folder".to_string());
    }
    if r.stderr.contains("unknown insight") || !r.stderr.contains("1 error in 1 file") {
        problems.push("check: the folder's error is followed by errors about its insights".to_string());
    }
    assert!(problems.is_empty(), "{}\n{}", problems.join("\n"), r.describe());
}

#[test]
fn symlink_loop_is_reported() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let project = tmp.path().join("symlink-loop");
    fs::create_dir_all(project.join("insights")).unwrap();
    fs::write(project.join("cxsite.yaml"), "title: Broken fixture\n").unwrap();
    fs::write(project.join("insights/a.yaml"), "title: A\nsummary: S\nemotional: E\nfunctional: F\nbreakthrough: B\n")
        .unwrap();

    // Control: without the link the project is fine, so the failure below is
    // the loop's doing.
    let r = run(&check_args(&project), tmp.path());
    assert_eq!(r.code, Some(0), "the project without the link should pass\n{}", r.describe());

    std::os::unix::fs::symlink("..", project.join("insights/loop")).unwrap();

    let r = run(&check_args(&project), tmp.path());
    let mut problems = common_problems("check", &r, 1);
    if !r.stderr.contains("insights/loop") {
        problems.push("check: stderr does not name the link insights/loop".to_string());
    }
    assert!(problems.is_empty(), "{}\n{}", problems.join("\n"), r.describe());

    let out = project.join("public");
    let r = run(&build_args(&project, &out), tmp.path());
    let mut problems = common_problems("build", &r, 1);
    if out.exists() {
        problems.push("build: created the output folder although it failed".to_string());
    }
    assert!(problems.is_empty(), "{}\n{}", problems.join("\n"), r.describe());
}
