//! Named pipes, sockets and other special files in a project (issue 11.4):
//! they are never opened (opening a FIFO for reading blocks for ever). In a
//! walked folder they are skipped with a warning naming them; where YAML
//! names one (`logo`, `photo`, `responses`, `scores`) it is an error at the
//! value's position. Every run has a time limit, so a hang fails the test.
//! The files are made at run time: they cannot be committed.
#![cfg(unix)]

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::*;

/// Far above what a check of the fixture takes, far below "for ever".
const LIMIT: Duration = Duration::from_secs(60);

fn mkfifo(path: &Path) {
    let o = Command::new("mkfifo").arg(path).output().expect("mkfifo runs");
    assert!(o.status.success(), "mkfifo {} failed", path.display());
}

/// A copy of own-study in a temporary folder (project in `p/`).
fn own_study() -> (tempfile::TempDir, std::path::PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/own-study"), &project);
    (tmp, project)
}

fn warned(err: &str, rel: &str, kind: &str) -> bool {
    err.contains(&format!("{rel}:1:1: warning: this is {kind}, not a regular file; skipped"))
}

#[test]
fn fifos_among_the_content_are_skipped_with_a_warning() {
    let (tmp, project) = own_study();
    let pipes = ["insights/pipe.yaml", "insights/travel/pipe.yaml", "narratives/pipe.md", "assets/img/pipe.svg"];
    for p in pipes {
        mkfifo(&project.join(p));
    }
    // A link (inside the project) to a pipe is no better than the pipe.
    std::os::unix::fs::symlink("../assets/img/pipe.svg", project.join("personas/linked.yaml")).unwrap();

    let o = run_limited(&["check", project.to_str().unwrap()], LIMIT);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "warnings only\n{err}");
    for p in pipes.iter().chain(&["personas/linked.yaml"]) {
        assert!(warned(&err, p, "a named pipe (FIFO)"), "no warning naming {p}\n{err}");
    }

    let site = tmp.path().join("site");
    let o = run_limited(&["build", project.to_str().unwrap(), "-o", site.to_str().unwrap()], LIMIT);
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(site.join("assets/img/tidewater-logo.svg").is_file(), "the real assets are published");
    assert!(!site.join("assets/img/pipe.svg").exists(), "the pipe is not copied");

    let o = run_limited(&["check", project.to_str().unwrap(), "--strict"], LIMIT);
    assert_eq!(o.status.code(), Some(1), "--strict makes the warnings errors\n{}", stderr(&o));
}

#[test]
fn sockets_among_the_content_are_skipped_with_a_warning() {
    let (_tmp, project) = own_study();
    let _a = std::os::unix::net::UnixListener::bind(project.join("personas/sock.yaml")).unwrap();
    let _b = std::os::unix::net::UnixListener::bind(project.join("assets/sock")).unwrap();
    let o = run_limited(&["check", project.to_str().unwrap()], LIMIT);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(0), "{err}");
    assert!(warned(&err, "personas/sock.yaml", "a socket"), "{err}");
    assert!(warned(&err, "assets/sock", "a socket"), "{err}");
}

#[test]
fn a_fifo_as_cxsite_yaml_or_biases_yaml_is_an_error() {
    let (_tmp, project) = own_study();
    mkfifo(&project.join("biases.yaml"));
    let o = run_limited(&["check", project.to_str().unwrap()], LIMIT);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("biases.yaml:1:1: error: this is a named pipe (FIFO), not a regular file"), "{err}");

    fs::remove_file(project.join("biases.yaml")).unwrap();
    fs::remove_file(project.join("cxsite.yaml")).unwrap();
    mkfifo(&project.join("cxsite.yaml"));
    let o = run_limited(&["check", project.to_str().unwrap()], LIMIT);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains("cxsite.yaml:1:1: error: this is a named pipe (FIFO), not a regular file"), "{err}");
}

/// Line and column (1-based) of the first `needle` in `text`, at its value.
fn value_at(text: &str, needle: &str) -> (usize, usize) {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle:?} not in the file"));
    let line = text[..at].matches('\n').count() + 1;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    (line, at - line_start + needle.find(": ").map_or(0, |i| i + 2) + 1)
}

#[test]
fn paths_in_yaml_naming_a_fifo_or_a_folder_are_errors_at_their_position() {
    let (_tmp, project) = own_study();
    mkfifo(&project.join("assets/img/pipe.svg"));
    mkfifo(&project.join("kano/pipe.csv"));

    // logo: a pipe (line 7 of cxsite.yaml, value at column 7).
    let config = project.join("cxsite.yaml");
    let text = fs::read_to_string(&config).unwrap().replace("assets/img/tidewater-logo.svg", "assets/img/pipe.svg");
    fs::write(&config, &text).unwrap();
    // photo: a folder.
    let persona = project.join("personas/maya-commuter.yaml");
    let text = fs::read_to_string(&persona).unwrap().replace("assets/personas/maya.svg", "assets/personas");
    fs::write(&persona, text).unwrap();
    // responses: a pipe, on the line after the title.
    let kano = project.join("kano/pass-features-2026.yaml");
    let text = fs::read_to_string(&kano).unwrap();
    let text = text.replacen('\n', "\nresponses: kano/pipe.csv\n", 1);
    fs::write(&kano, &text).unwrap();
    // scores: a folder, in a period added at the end.
    let nps = project.join("nps/commuter-nps.yaml");
    let mut text = fs::read_to_string(&nps).unwrap();
    text.push_str("  - period: 2026-H2\n    scores: assets/img\n");
    fs::write(&nps, &text).unwrap();

    let o = run_limited(&["check", project.to_str().unwrap()], LIMIT);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    let expect = [
        (
            "cxsite.yaml",
            "logo: assets/img/pipe.svg",
            "`assets/img/pipe.svg` is a named pipe (FIFO), not a regular file",
        ),
        ("personas/maya-commuter.yaml", "photo: assets/personas", "`assets/personas` is a folder, not a regular file"),
        ("kano/pass-features-2026.yaml", "responses: kano/pipe.csv", "`kano/pipe.csv` is a named pipe (FIFO)"),
        ("nps/commuter-nps.yaml", "scores: assets/img", "`assets/img` is a folder, not a regular file"),
    ];
    for (file, needle, message) in expect {
        let (l, c) = value_at(&fs::read_to_string(project.join(file)).unwrap(), needle);
        let want = format!("{file}:{l}:{c}: error: {message}");
        assert!(err.contains(&want), "missing {want:?}\n{err}");
    }
}
