//! Paths and URLs from configuration (issue 11.2 and 11.10): a theme is a
//! folder under `themes/`; `logo`, `photo`, `responses` and `scores` stay
//! inside the project and name no hidden file; no folder the site is made
//! from may be a link out of the project; `base_url` is `http(s)://` only.
//! Nothing from outside the project may reach the site. (The simplest cases
//! are broken fixtures: theme-absolute-path, theme-climbs-out, base-url-*.)

use crate::common;

use std::fs;
use std::path::{Path, PathBuf};

use common::*;

/// A copy of own-study (in `p/`) with a would-be theme and a secret next to
/// it, outside the project.
fn setup() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/own-study"), &project);
    let evil = tmp.path().join("evil");
    fs::create_dir_all(evil.join("templates")).unwrap();
    fs::create_dir_all(evil.join("static")).unwrap();
    fs::write(evil.join("templates/base.html"), "OUTSIDE-TEMPLATE").unwrap();
    fs::write(evil.join("static/outside.css"), "/* OUTSIDE-CSS */").unwrap();
    fs::write(tmp.path().join("secret.svg"), "<svg>OUTSIDE-SECRET</svg>").unwrap();
    (tmp, project)
}

/// Appends `line` to cxsite.yaml; returns its line number.
fn add_config_line(project: &Path, line: &str) -> usize {
    let path = project.join("cxsite.yaml");
    let mut text = fs::read_to_string(&path).unwrap();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    let n = text.lines().count() + 1;
    text.push_str(line);
    text.push('\n');
    fs::write(path, text).unwrap();
    n
}

/// `check` fails with `want` in stderr, and `build` fails without writing.
fn refused(tmp: &Path, project: &Path, want: &str) {
    let o = run(&["check", project.to_str().unwrap()]);
    let err = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{err}");
    assert!(err.contains(want), "missing {want:?}\n{err}");
    let site = tmp.join("site");
    let o = run(&["build", project.to_str().unwrap(), "-o", site.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!site.exists(), "a failed build writes nothing");
}

#[test]
fn a_theme_outside_themes_is_an_error_at_its_position() {
    for value in ["../evil", "themes/../../evil", "/ABS/evil", "."] {
        let (tmp, project) = setup();
        let value = value.replace("/ABS", &tmp.path().to_string_lossy());
        let line = add_config_line(&project, &format!("theme: {value}"));
        refused(
            tmp.path(),
            &project,
            &format!("cxsite.yaml:{line}:8: error: theme `{value}` is not the name of a folder under themes/"),
        );
    }
}

#[cfg(unix)]
#[test]
fn a_theme_folder_that_links_outside_is_an_error() {
    let (tmp, project) = setup();
    fs::create_dir_all(project.join("themes")).unwrap();
    std::os::unix::fs::symlink(tmp.path().join("evil"), project.join("themes/evil")).unwrap();
    let line = add_config_line(&project, "theme: evil");
    refused(
        tmp.path(),
        &project,
        &format!("cxsite.yaml:{line}:8: error: path `themes/evil` points outside the project"),
    );
}

#[cfg(unix)]
#[test]
fn folders_of_the_site_that_link_outside_are_errors() {
    // assets/, templates/, a theme's static/ and a content folder, each a link out.
    let cases: [(&str, &str); 4] = [
        ("assets", "evil/static"),
        ("templates", "evil/templates"),
        ("narratives", "evil"),
        ("themes/mine/static", "evil/static"),
    ];
    for (folder, target) in cases {
        let (tmp, project) = setup();
        let link = project.join(folder);
        if link.exists() {
            fs::remove_dir_all(&link).unwrap();
        }
        fs::create_dir_all(link.parent().unwrap()).unwrap();
        std::os::unix::fs::symlink(tmp.path().join(target), &link).unwrap();
        if folder.starts_with("themes/") {
            add_config_line(&project, "theme: mine");
        }
        if folder == "assets" {
            // The fixture's own images are gone with assets/: drop the paths to them.
            for f in [
                "cxsite.yaml",
                "personas/maya-commuter.yaml",
                "personas/ruth-occasional.yaml",
                "personas/tom-flexworker.yaml",
            ] {
                let path = project.join(f);
                let text: String = fs::read_to_string(&path)
                    .unwrap()
                    .lines()
                    .filter(|l| !l.starts_with("logo:") && !l.starts_with("photo:"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                fs::write(path, text).unwrap();
            }
            for n in ["summary.md", "the-journey.md", "what-customers-value.md"] {
                let path = project.join("narratives").join(n);
                let text: String = fs::read_to_string(&path)
                    .unwrap()
                    .lines()
                    .filter(|l| !l.contains("assets/"))
                    .map(|l| format!("{l}\n"))
                    .collect();
                fs::write(path, text).unwrap();
            }
        }
        refused(
            tmp.path(),
            &project,
            &format!("{folder}:1:1: error: this folder is a symbolic link that points outside the project"),
        );
    }
}

#[test]
fn a_hidden_or_outside_logo_is_an_error_at_its_position() {
    let (tmp, project) = setup();
    fs::create_dir_all(project.join(".private")).unwrap();
    fs::write(project.join(".private/logo.svg"), "<svg/>").unwrap();
    let config = project.join("cxsite.yaml");
    let text = fs::read_to_string(&config).unwrap();
    // The logo is on line 7 of the fixture: `logo: ` puts the value at column 7.
    assert_eq!(text.lines().nth(6), Some("logo: assets/img/tidewater-logo.svg"));
    for (value, message) in [
        (".private/logo.svg", "path `.private/logo.svg` names a hidden file or folder, or an editor backup"),
        ("assets/../../secret.svg", "path `assets/../../secret.svg` points outside the project"),
    ] {
        fs::write(&config, text.replace("assets/img/tidewater-logo.svg", value)).unwrap();
        refused(tmp.path(), &project, &format!("cxsite.yaml:7:7: error: {message}"));
    }
}

#[test]
fn a_theme_under_themes_still_works() {
    let (tmp, project) = setup();
    fs::create_dir_all(project.join("themes/mine/static")).unwrap();
    fs::write(project.join("themes/mine/static/extra.css"), "/* MINE */").unwrap();
    add_config_line(&project, "theme: mine");
    let site = tmp.path().join("site");
    build_ok(&project, &site, &[]);
    assert_eq!(fs::read_to_string(site.join("static/extra.css")).unwrap(), "/* MINE */");
    for (path, bytes) in read_tree(&site) {
        let text = String::from_utf8_lossy(&bytes);
        assert!(!text.contains("OUTSIDE-"), "{path} carries something from outside the project");
    }
}

#[test]
fn base_url_must_be_http_or_https() {
    for value in ["file:///etc", "javascript:alert(1)", "//cdn.example.com", "data:text/html,x", "https://"] {
        let (tmp, project) = setup();
        let line = add_config_line(&project, &format!("base_url: \"{value}\""));
        refused(
            tmp.path(),
            &project,
            &format!("cxsite.yaml:{line}:11: error: base_url `{value}` is not an http(s):// address"),
        );
    }
    let (tmp, project) = setup();
    add_config_line(&project, "base_url: https://insights.example.com/tidewater/");
    let site = tmp.path().join("site");
    build_ok(&project, &site, &[]);
    let index = page(&site, "index.html");
    assert!(
        index.contains("<link rel=\"canonical\" href=\"https://insights.example.com/tidewater/index.html\">"),
        "{index}"
    );
}
