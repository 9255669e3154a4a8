//! The output folder: never clear a folder cxsite did not create, never the
//! project, and a failed build leaves the previous site byte-identical.

use crate::common;

use std::fs;

use common::*;

#[test]
fn a_foreign_non_empty_folder_is_refused_and_untouched() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("mine");
    fs::create_dir_all(out.join("sub")).unwrap();
    fs::write(out.join("notes.txt"), "my own notes").unwrap();
    fs::write(out.join("sub/a.txt"), "more").unwrap();
    let before = read_tree(&out);
    let o = run(&["build", repo("example-project").to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("not made by cxsite"), "{}", stderr(&o));
    assert_eq!(read_tree(&out), before);
    assert_eq!(fs::read_dir(tmp.path()).unwrap().count(), 1, "nothing else was written beside it");
}

#[test]
fn the_project_folder_and_its_parents_are_refused() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/edge-cases"), &project);
    // Each target carries cxsite's marker, so the rule for foreign non-empty
    // folders would let it be replaced: only the project rules refuse it.
    let targets = [
        (project.clone(), "it is the project folder or contains it"),
        (tmp.path().to_path_buf(), "it is the project folder or contains it"),
        (project.join("insights"), "it is inside the project's insights/ folder"),
    ];
    for (target, _) in &targets {
        fs::write(target.join(".cxsite-output"), "").unwrap();
    }
    let before = read_tree(tmp.path());
    for (target, why) in &targets {
        let o = run(&["build", project.to_str().unwrap(), "-o", target.to_str().unwrap()]);
        assert_eq!(o.status.code(), Some(2), "{}: {}", target.display(), stderr(&o));
        assert!(stderr(&o).contains(why), "{}: {}", target.display(), stderr(&o));
    }
    assert_eq!(read_tree(tmp.path()), before);
}

#[test]
fn a_page_that_cannot_be_written_is_an_io_failure() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("example-project"), &project);
    // insights/ID.yml gives the page insights/ID.html, one byte longer: a
    // file name the file system refuses (255 bytes at most), even for root.
    let id = "a".repeat(251);
    fs::copy(project.join("insights/billing/pro-rata-lines.yaml"), project.join(format!("insights/{id}.yml"))).unwrap();
    let out = tmp.path().join("site");
    let o = run(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2), "an I/O failure exits 2 (SPEC): {}", stderr(&o));
    let expected = format!("error: cannot write insights/{id}.html: ");
    assert!(stderr(&o).starts_with(&expected), "{}", stderr(&o));
    assert!(!out.exists(), "nothing is left behind");
}

#[test]
fn an_empty_folder_or_an_earlier_site_is_replaced() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    fs::create_dir(&out).unwrap();
    build_ok(&repo("tests/fixtures/valid/edge-cases"), &out, &[]);
    fs::write(out.join("stale.html"), "old").unwrap();
    build_ok(&repo("tests/fixtures/valid/edge-cases"), &out, &[]);
    assert!(!out.join("stale.html").exists(), "a rebuild replaces the whole site");
    assert!(out.join(".cxsite-output").is_file());
    // A copy of an earlier site that a build could not remove (it warned) goes
    // with the next build; a folder of that name without cxsite's marker stays.
    let left = tmp.path().join(".site.cxsite-old-4242");
    fs::create_dir(&left).unwrap();
    fs::write(left.join(".cxsite-output"), "made by cxsite").unwrap();
    let foreign = tmp.path().join(".site.cxsite-old-mine");
    fs::create_dir(&foreign).unwrap();
    fs::write(foreign.join("notes.txt"), "mine").unwrap();
    build_ok(&repo("tests/fixtures/valid/edge-cases"), &out, &[]);
    assert!(!left.exists(), "the left copy of an earlier site is removed");
    assert_eq!(fs::read_to_string(foreign.join("notes.txt")).unwrap(), "mine", "not cxsite's: kept");
}

#[test]
fn a_failed_build_leaves_the_previous_site_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/edge-cases"), &project);
    let out = tmp.path().join("site");
    build_ok(&project, &out, &[]);
    let before = read_tree(&out);
    fs::write(project.join("insights/broken.yaml"), "title: Broken\nsummary: x\npersonas: [nobody]\n").unwrap();
    let o = run(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("insights/broken.yaml:3:"), "{}", stderr(&o));
    assert_eq!(read_tree(&out), before);
    // A broken template override fails the build too, leaving the site as it was.
    fs::remove_file(project.join("insights/broken.yaml")).unwrap();
    fs::create_dir_all(project.join("templates")).unwrap();
    fs::write(
        project.join("templates/insight.html"),
        "{% extends \"base.html\" %}{% block content %}{{ insight.title | nosuchfilter }}{% endblock %}",
    )
    .unwrap();
    let o = run(&["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(stderr(&o).contains("templates/insight.html"), "{}", stderr(&o));
    assert_eq!(read_tree(&out), before);
    let leftovers: Vec<_> = fs::read_dir(tmp.path()).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(leftovers.len(), 2, "no staging folder left behind: {leftovers:?}");
}

#[test]
fn template_overrides_replace_single_templates() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/edge-cases"), &project);
    fs::create_dir_all(project.join("templates")).unwrap();
    fs::write(project.join("templates/biases.html"), "{% extends \"base.html\" %}{% block content %}<p class=\"mine\">{{ biases | length }} biases</p>{% endblock %}").unwrap();
    let out = tmp.path().join("site");
    build_ok(&project, &out, &[]);
    assert!(page(&out, "biases.html").contains("<p class=\"mine\">"));
}
