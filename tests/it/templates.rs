//! Theme templates that would recurse (issue 11 point 1), built at run time:
//! every shape of cycle is a content error naming the template (exit 1, from
//! `check` and `build` alike), nesting is bounded, and a deep but finite
//! theme still builds.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Output;

use common::{run, stderr};

/// A one-insight project with `templates/NAME` overrides.
fn project(dir: &Path, overrides: &[(&str, String)]) {
    fs::create_dir_all(dir.join("insights")).unwrap();
    fs::write(dir.join("cxsite.yaml"), "title: Template study\n").unwrap();
    fs::write(
        dir.join("insights/first-choice-doubt.yaml"),
        "title: Doubt at the first choice\nsummary: S\nemotional: E\nfunctional: F\nbreakthrough: B\n",
    )
    .unwrap();
    for (name, text) in overrides {
        let path = dir.join("templates").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

/// Runs `check` and `build`; both must fail with status 1 (not a signal)
/// and print the same stderr up to the summary; returns check's stderr.
fn both_refuse(dir: &Path) -> String {
    let check = run(&["check", dir.to_str().unwrap()]);
    let out = dir.join("public");
    let build = run(&["build", dir.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    for (what, o) in [("check", &check), ("build", &build)] {
        assert_eq!(o.status.code(), Some(1), "{what} should exit 1:\n{}", stderr(o));
    }
    assert!(!out.exists(), "a failed build must not create the output folder");
    let head =
        |o: &Output| stderr(o).lines().filter(|l| !l.starts_with("error: 1 error")).collect::<Vec<_>>().join("\n");
    assert_eq!(head(&check), head(&build), "check and build report differently");
    stderr(&check)
}

#[test]
fn a_partial_that_includes_itself_is_refused_at_its_tag() {
    let tmp = tempfile::tempdir().unwrap();
    // Every insight's card is rendered: before, this aborted the build with a stack overflow.
    let card = "<article>\n  {% if item %}{% include \"partials/insight-card.html\" %}{% endif %}\n</article>\n";
    project(tmp.path(), &[("partials/insight-card.html", card.to_string())]);
    let err = both_refuse(tmp.path());
    assert!(
        err.contains("templates/partials/insight-card.html:2:16: error: `partials/insight-card.html` includes itself"),
        "{err}"
    );
}

#[test]
fn an_extends_cycle_behind_the_page_is_refused() {
    // index.html extends base.html, base.html extends frame.html, frame.html
    // extends base.html: Tera's own check only looks for the page itself.
    let tmp = tempfile::tempdir().unwrap();
    project(
        tmp.path(),
        &[
            ("base.html", "{% extends \"frame.html\" %}\n".to_string()),
            ("frame.html", "{% extends \"base.html\" %}\n".to_string()),
        ],
    );
    let err = both_refuse(tmp.path());
    assert!(err.contains("templates form a cycle"), "{err}");
    assert!(err.contains("`base.html` extends `frame.html`, which extends `base.html`"), "{err}");
}

#[test]
fn macro_files_that_import_each_other_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    project(
        tmp.path(),
        &[
            ("macros.html", "{% import \"more.html\" as more %}\n{% macro hi() %}hi{% endmacro %}\n".to_string()),
            ("more.html", "{% import \"macros.html\" as m %}\n{% macro ho() %}ho{% endmacro %}\n".to_string()),
            ("index.html", "{% import \"macros.html\" as m %}\n<p>{{ m::hi() }}</p>\n".to_string()),
        ],
    );
    let err = both_refuse(tmp.path());
    assert!(err.contains("imports `more.html`, which imports `macros.html`"), "{err}");
}

#[test]
fn macros_that_call_each_other_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let macros = "{% macro ping(n) %}\n{{ self::pong(n=n) }}{% endmacro %}\n{% macro pong(n) %}{{ self::ping(n=n) }}{% endmacro %}\n";
    project(
        tmp.path(),
        &[
            ("macros.html", macros.to_string()),
            ("index.html", "{% import \"macros.html\" as m %}\n<p>{{ m::ping(n=1) }}</p>\n".to_string()),
        ],
    );
    let err = both_refuse(tmp.path());
    assert!(err.contains("templates/macros.html:2:4: error: templates form a cycle"), "{err}");
    assert!(err.contains("macro `ping` (in `macros.html`) calls macro `pong`"), "{err}");
    assert!(err.contains("refuses macros that call each other"), "{err}");
}

/// `index.html` including `chain/0.html`, each `chain/K.html` including the next, `links` tags in all.
fn chain(links: usize) -> Vec<(String, String)> {
    let mut files = vec![("index.html".to_string(), "<main>{% include \"chain/0.html\" %}</main>\n".to_string())];
    for k in 0..links {
        let next = if k + 1 < links { format!("{{% include \"chain/{}.html\" %}}", k + 1) } else { String::new() };
        files.push((format!("chain/{k}.html"), format!("<div class=\"level-{k}\">{next}</div>")));
    }
    files
}

#[test]
fn nesting_is_bounded_and_a_deep_theme_within_the_bound_builds() {
    // 32 links (index → chain/0 → … → chain/31) is the limit: builds.
    let tmp = tempfile::tempdir().unwrap();
    let files = chain(32);
    project(tmp.path(), &files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect::<Vec<_>>());
    let out = tmp.path().join("public");
    common::build_ok(tmp.path(), &out, &[]);
    let index = common::page(&out, "index.html");
    assert!(index.contains("<div class=\"level-31\"></div>"), "the deepest partial is on the page");

    // 33 links is one too many: refused before rendering.
    let tmp = tempfile::tempdir().unwrap();
    let files = chain(33);
    project(tmp.path(), &files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect::<Vec<_>>());
    let err = both_refuse(tmp.path());
    assert!(err.contains("templates/index.html:1:1: error: templates nest 33 levels deep from `index.html`"), "{err}");
    assert!(err.contains("the limit is 32"), "{err}");
}

#[test]
fn deeply_nested_tags_and_brackets_are_refused_before_parsing() {
    // Tera's parser recursed once per level: thousands of levels overflowed the stack.
    let tmp = tempfile::tempdir().unwrap();
    let ifs = format!("<main>\n{}x{}</main>\n", "{% if site %}".repeat(3000), "{% endif %}".repeat(3000));
    project(tmp.path(), &[("index.html", ifs)]);
    let err = both_refuse(tmp.path());
    // The 65th `{% if %}` on line 2 starts after 64 tags of 13 characters.
    assert!(err.contains("templates/index.html:2:833: error: `{% if %}`"), "{err}");
    assert!(err.contains("nest more than 64 levels deep"), "{err}");

    let tmp = tempfile::tempdir().unwrap();
    let parens = format!("<p>{{{{ {}1{} }}}}</p>\n", "(".repeat(2_000), ")".repeat(2_000));
    project(tmp.path(), &[("index.html", parens)]);
    let err = both_refuse(tmp.path());
    // `<p>{{ ` is 6 characters; the 65th bracket is the 71st character.
    assert!(err.contains("templates/index.html:1:71: error: brackets nest more than 64 levels deep"), "{err}");
}

#[test]
fn the_deepest_allowed_theme_renders_within_the_stack() {
    // 32 nested includes, each holding 64 nested `{% if %}` tags: the most a theme may nest.
    let tmp = tempfile::tempdir().unwrap();
    let mut files = chain(32);
    for (name, text) in files.iter_mut().skip(1) {
        let _ = name;
        *text = format!("{}{text}{}", "{% if root is defined %}".repeat(64), "{% endif %}".repeat(64));
    }
    project(tmp.path(), &files.iter().map(|(n, t)| (n.as_str(), t.clone())).collect::<Vec<_>>());
    let out = tmp.path().join("public");
    common::build_ok(tmp.path(), &out, &[]);
    assert!(common::page(&out, "index.html").contains("<div class=\"level-31\"></div>"));
}

#[test]
fn a_tag_with_thousands_of_operators_is_refused() {
    // `{{ 1 + 1 + … }}` with 50 000 terms: Tera parsed and evaluated it one stack frame per term.
    let tmp = tempfile::tempdir().unwrap();
    let sum = format!("<p>\n{{{{ {} }}}}</p>\n", vec!["1"; 50_000].join(" + "));
    project(tmp.path(), &[("index.html", sum)]);
    let err = both_refuse(tmp.path());
    // The tag's inside is " 1 + 1 … 1 ": 50 000 ones, 49 999 " + ", two spaces: 199 999 bytes.
    assert!(
        err.contains("templates/index.html:2:1: error: this tag is 199999 bytes long; the limit is 10000"),
        "{err}"
    );
}
