//! `cxsite check --format json|github` (issue 13, point 4), driving the real
//! binary: diagnostics for machines on stdout, the summary on stderr, exit
//! codes as in human mode. Every project is copied to a temporary folder
//! and checked from there, so the paths given on the command line are known.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Output;
use std::time::Duration;

use common::{copy_dir, repo, run_limited_in};

const TIMEOUT: Duration = Duration::from_secs(60);

/// Runs `cxsite ARGS` in `cwd`; returns (exit code, stdout, stderr).
fn run(args: &[&str], cwd: &Path) -> (Option<i32>, String, String) {
    let o: Output = run_limited_in(args, cwd, TIMEOUT);
    let text = |b: &[u8]| String::from_utf8_lossy(b).into_owned();
    (o.status.code(), text(&o.stdout), text(&o.stderr))
}

/// A temporary folder holding a copy of the fixture `from` at `at` (a relative path).
fn copy_fixture(from: &str, at: &str) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().expect("temp dir");
    copy_dir(&repo(from), &tmp.path().join(at));
    tmp
}

/// The keys of one JSON line, in the order they appear in the text.
fn keys_in_order(line: &str) -> Vec<&'static str> {
    const KEYS: [&str; 9] = ["file", "line", "column", "end_line", "end_column", "severity", "code", "message", "help"];
    let mut found: Vec<(usize, &str)> =
        KEYS.iter().filter_map(|k| line.find(&format!("\"{k}\":")).map(|i| (i, *k))).collect();
    found.sort();
    found.into_iter().map(|(_, k)| k).collect()
}

/// One insight with two unknown keys, a bad enum value and a wrong type
/// (tests/fixtures/broken/several-schema-errors/insights/a.yaml):
///
/// ```text
///  6  confidense: high          unknown key, `confidense` is columns 1–10
///  7  impact: hihg              unknown value, `hihg` is columns 9–12
///  9  owner: Team Billing       unknown key, `owner` is columns 1–5
/// 10  date: [2026, 3, 1]        wrong type, the list is columns 7–18
/// ```
///
/// The project is checked as `docs/study/` from the folder above it, so
/// every file is named from there.
#[test]
fn json_gives_every_problem_with_code_and_range() {
    let tmp = copy_fixture("tests/fixtures/broken/several-schema-errors", "docs/study");
    let (code, stdout, stderr) = run(&["check", "./docs/study/", "--format", "json"], tmp.path());
    assert_eq!(code, Some(1), "content errors exit 1\n{stderr}");
    let expected = [
        (6, 1, 6, 11, "unknown-key", "unknown key `confidense`", Some("did you mean `confidence`?")),
        (7, 9, 7, 13, "unknown-value", "`hihg` is not an allowed value in `impact`", Some("did you mean `high`?")),
        (9, 1, 9, 6, "unknown-key", "unknown key `owner`", Some("allowed keys:")),
        (10, 7, 10, 19, "wrong-type", "`date` must be text, not a list", Some("write plain text")),
    ];
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), expected.len(), "one line per problem, nothing else on stdout:\n{stdout}");
    for (line, (l, c, el, ec, want_code, message, help)) in lines.iter().zip(expected) {
        assert_eq!(
            keys_in_order(line),
            ["file", "line", "column", "end_line", "end_column", "severity", "code", "message", "help"],
            "{line}"
        );
        let v: serde_json::Value = serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}"));
        assert_eq!(v["file"], "docs/study/insights/a.yaml", "the file as reached from the cwd: {line}");
        let pos = [&v["line"], &v["column"], &v["end_line"], &v["end_column"]].map(|n| n.as_u64());
        assert_eq!(pos, [l, c, el, ec].map(Some), "{line}");
        assert_eq!((v["severity"].as_str(), v["code"].as_str()), (Some("error"), Some(want_code)), "{line}");
        assert!(v["message"].as_str().is_some_and(|m| m.starts_with(message)), "{line}");
        if let Some(h) = help {
            assert!(v["help"].as_str().is_some_and(|t| t.contains(h)), "{line}");
        }
    }
    assert_eq!(
        stderr.trim_end(),
        "error: 4 errors in 1 file (1 file could not be read), 0 warnings: the project has errors.",
        "only the summary goes to stderr"
    );
}

/// A quoted key holding `%`, `,` and a line break, in an insight under a
/// folder whose name holds `%` and `,`: the message escapes `%` and the line
/// break; the file property also escapes `,` (and would `:`). The key
/// `"a%,\nb"` is 8 characters from column 1, so the range ends at column 9.
#[test]
fn github_annotations_escape_messages_and_properties() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let project = tmp.path().join("proj");
    fs::create_dir_all(project.join("insights/q%,r")).unwrap();
    fs::write(project.join("cxsite.yaml"), "title: Escapes\n").unwrap();
    fs::write(
        project.join("insights/q%,r/x.yaml"),
        "title: T\nsummary: S\nemotional: E\nfunctional: F\nbreakthrough: B\n\"a%,\\nb\": 1\n",
    )
    .unwrap();
    let (code, stdout, stderr) = run(&["check", "proj", "--format", "github"], tmp.path());
    assert_eq!(code, Some(1), "{stdout}\n{stderr}");
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 1, "one annotation, its line break escaped:\n{stdout}");
    let want = "::error file=proj/insights/q%25%2Cr/x.yaml,line=6,col=1,endLine=6,endColumn=9,title=unknown-key::\
                unknown key `a%25,%0Ab` (help: allowed keys: title, summary,";
    assert!(lines[0].starts_with(want), "got  {}\nwant {want}…", lines[0]);
    assert!(stderr.contains("1 error in 1 file"), "the summary stays on stderr: {stderr}");
}

/// Warnings are `::warning` annotations and do not fail the check. The
/// review status of gerucht-prijsstijging (line 11, `status: review`) is
/// reported at its key, columns 1–6.
#[test]
fn github_reports_warnings_as_warnings() {
    let tmp = copy_fixture("tests/fixtures/valid/eigen-onderzoek", "study");
    let (code, stdout, stderr) = run(&["check", "study", "--format", "github"], tmp.path());
    assert_eq!(code, Some(0), "{stderr}");
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        ["::warning file=study/insights/gerucht-prijsstijging.yaml,line=11,col=1,endLine=11,endColumn=7,\
          title=unfinished::insight `gerucht-prijsstijging` is in review: it goes to the client unreviewed \
          (help: set `status: final` when it is reviewed, or `draft` to leave it out of the site)"]
    );
    assert!(stderr.contains("no errors, 1 warning."), "the summary goes to stderr: {stderr}");
}

/// A valid project without warnings: nothing on stdout, exit 0, in both
/// machine formats; the summary line is on stderr.
#[test]
fn a_valid_project_prints_nothing_on_stdout() {
    let tmp = copy_fixture("tests/fixtures/valid/journey-large", "ok");
    for format in ["json", "github"] {
        let (code, stdout, stderr) = run(&["check", "ok", "--format", format], tmp.path());
        assert_eq!(code, Some(0), "{format}: {stderr}");
        assert_eq!(stdout, "", "{format}: stdout must be empty");
        assert!(stderr.contains("no errors, 0 warnings."), "{format}: {stderr}");
    }
}

/// `--format` with an unknown value, and a folder without cxsite.yaml, are
/// usage errors: exit 2, human text on stderr, nothing on stdout.
#[test]
fn usage_errors_stay_human_and_exit_2() {
    let tmp = tempfile::tempdir().expect("temp dir");
    let (code, stdout, stderr) = run(&["check", ".", "--format", "xml"], tmp.path());
    assert_eq!((code, stdout.as_str()), (Some(2), ""), "{stderr}");
    assert!(stderr.contains("--format") && stderr.contains("xml"), "{stderr}");
    let (code, stdout, stderr) = run(&["check", ".", "--format", "json"], tmp.path());
    assert_eq!((code, stdout.as_str()), (Some(2), ""), "{stderr}");
    assert!(stderr.starts_with("error: ") && stderr.contains("cxsite.yaml"), "{stderr}");
}

/// `--format human` is the default: the same bytes as without the option.
#[test]
fn human_is_the_default() {
    let tmp = copy_fixture("tests/fixtures/broken/biases-unreadable-no-cascade", "p");
    let plain = run(&["check", "p"], tmp.path());
    let human = run(&["check", "p", "--format", "human"], tmp.path());
    assert_eq!(plain, human);
    assert!(plain.1.is_empty() && plain.2.contains("biases.yaml:3:3: error: unknown key"), "{}", plain.2);
}
