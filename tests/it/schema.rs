//! `cxsite schema` (issue 13): the JSON Schemas editors get agree with what
//! `cxsite check` accepts. Every YAML file (and narrative front matter) of
//! every valid project passes its schema; every broken fixture whose problem
//! is of a schema kind (`code:` in its `.expect` is `unknown-key`,
//! `missing-key`, `wrong-type`, `unknown-value` or `out-of-range`) fails it,
//! in the file the error names. With a project folder, references are enums
//! of the ids that exist.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use common::{repo, run, stderr, yaml_to_json};

/// The codes of problems a JSON Schema can see.
const SCHEMA_CODES: [&str; 5] = ["unknown-key", "missing-key", "wrong-type", "unknown-value", "out-of-range"];

/// Runs `cxsite schema PROJECT -o OUT` and returns the schemas by file name.
fn schemas_for(project: &Path, out: &Path) -> BTreeMap<String, Value> {
    let o = run(&["schema", project.to_str().unwrap(), "-o", out.to_str().unwrap(), "--quiet"]);
    assert!(o.status.success(), "cxsite schema {}: {}", project.display(), stderr(&o));
    let mut found = BTreeMap::new();
    for e in fs::read_dir(out).unwrap() {
        let p = e.unwrap().path();
        let name = p.file_name().unwrap().to_string_lossy().into_owned();
        found.insert(name, serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap());
    }
    found
}

/// The schema file for a project-relative path, as `cxsite schema` names it.
fn schema_name(rel: &str) -> Option<&'static str> {
    let yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
    let depth = rel.matches('/').count();
    let folder = rel.split('/').next().unwrap();
    Some(match (yaml, folder, depth) {
        (false, "narratives", 1) if rel.ends_with(".md") => "front-matter.schema.json",
        (true, "cxsite.yaml" | "cxsite.yml", 0) => "config.schema.json",
        (true, "biases.yaml" | "biases.yml", 0) => "biases.schema.json",
        (true, "sources.yaml" | "sources.yml", 0) => "sources.schema.json",
        (true, "insights", d) if d >= 1 => "insight.schema.json",
        (true, "personas", 1) => "persona.schema.json",
        (true, "journeys", 1) => "journey.schema.json",
        (true, "kano", 1) => "kano.schema.json",
        (true, "nps", 1) => "nps.schema.json",
        _ => return None,
    })
}

/// The YAML of a content file (the front matter of a narrative), if it parses.
fn content_of(path: &Path, rel: &str) -> Option<Value> {
    let text = fs::read_to_string(path).ok()?;
    let yaml = if rel.ends_with(".md") {
        let rest = text.strip_prefix("---\n")?;
        let end = rest.find("\n---")?;
        rest[..end + 1].to_string()
    } else {
        text
    };
    serde_yaml::from_str::<serde_yaml::Value>(&yaml).ok().map(yaml_to_json)
}

/// Every file of `project` that has a schema, with the schema's verdict:
/// `(path, schema, problems)`.
fn validate_project(project: &Path, schemas: &BTreeMap<String, Value>) -> Vec<(String, &'static str, Vec<String>)> {
    let mut out = Vec::new();
    for entry in walkdir::WalkDir::new(project).into_iter().filter_map(Result::ok) {
        if !entry.file_type().is_file() {
            continue;
        }
        let rel = entry.path().strip_prefix(project).unwrap().to_string_lossy().replace('\\', "/");
        let Some(name) = schema_name(&rel) else { continue };
        let Some(instance) = content_of(entry.path(), &rel) else { continue };
        let validator = jsonschema::draft202012::new(&schemas[name]).expect("a valid JSON Schema");
        let problems: Vec<String> =
            validator.iter_errors(&instance).map(|e| format!("{} at {}", e, e.instance_path())).collect();
        out.push((rel, name, problems));
    }
    out
}

fn valid_projects() -> Vec<PathBuf> {
    let mut all = vec![repo("example-project")];
    for e in fs::read_dir(repo("tests/fixtures/valid")).unwrap() {
        let p = e.unwrap().path();
        if p.join("cxsite.yaml").is_file() {
            all.push(p);
        }
    }
    all.sort();
    all
}

#[test]
fn every_file_of_every_valid_project_passes_its_schema() {
    let mut checked_kinds = std::collections::BTreeSet::new();
    let mut files = 0;
    for project in valid_projects() {
        let tmp = tempfile::tempdir().unwrap();
        let schemas = schemas_for(&project, tmp.path());
        for (rel, name, problems) in validate_project(&project, &schemas) {
            assert!(problems.is_empty(), "{}/{rel} fails {name}:\n{}", project.display(), problems.join("\n"));
            checked_kinds.insert(name);
            files += 1;
        }
    }
    // Every schema was used on real files (the example has every kind).
    assert_eq!(checked_kinds.len(), 9, "{checked_kinds:?}");
    assert!(files > 50, "only {files} files checked");
}

/// A broken fixture as its `.expect` describes it.
struct Broken {
    project: PathBuf,
    /// One `code:` per diagnostic.
    codes: Vec<String>,
    /// The files its `stderr:` lines name (`FILE:LINE:`).
    files: Vec<String>,
    /// A `stderr:` line names a CSV file (a data table no schema covers).
    csv: bool,
}

fn broken_fixtures() -> Vec<Broken> {
    let dir = repo("tests/fixtures/broken");
    let mut out = Vec::new();
    for e in fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        let Some(name) = p.file_name().unwrap().to_str().unwrap().strip_suffix(".expect") else { continue };
        let text = fs::read_to_string(&p).unwrap();
        let codes = text.lines().filter_map(|l| l.strip_prefix("code: ")).map(|c| c.trim().to_string()).collect();
        let mut files: Vec<String> = text
            .lines()
            .filter_map(|l| l.strip_prefix("stderr: "))
            .filter_map(|l| l.split_once(':').map(|(f, _)| f.to_string()).filter(|f| schema_name(f).is_some()))
            .collect();
        files.dedup();
        let csv = text
            .lines()
            .filter_map(|l| l.strip_prefix("stderr: "))
            .any(|l| l.split(':').next().is_some_and(|f| f.ends_with(".csv")));
        out.push(Broken { project: dir.join(name), codes, files, csv });
    }
    out.sort_by(|a, b| a.project.cmp(&b.project));
    out
}

/// The alias bomb is refused by every YAML parser that expands aliases (so
/// by serde_yaml here and by the language server) before a schema is asked.
const NOT_FOR_A_SCHEMA: [&str; 2] = ["alias-bomb", "alias-bomb-in-value"];

#[test]
fn every_schema_kind_broken_fixture_fails_its_schema_in_the_files_check_names() {
    let mut seen = BTreeMap::new();
    for fixture in broken_fixtures() {
        let name = fixture.project.file_name().unwrap().to_string_lossy().into_owned();
        let schema_kind = !fixture.codes.is_empty()
            && fixture.codes.iter().all(|c| SCHEMA_CODES.contains(&c.as_str()) || c == "unknown-ref")
            && fixture.files.iter().all(|f| !f.ends_with(".md"))
            && !fixture.csv
            && !NOT_FOR_A_SCHEMA.contains(&name.as_str());
        if !schema_kind {
            continue;
        }
        assert!(!fixture.files.is_empty(), "{name}: no `stderr: FILE:` line names a YAML file");
        let tmp = tempfile::tempdir().unwrap();
        let schemas = schemas_for(&fixture.project, tmp.path());
        let verdicts = validate_project(&fixture.project, &schemas);
        for file in &fixture.files {
            let (_, schema, problems) = verdicts
                .iter()
                .find(|(rel, ..)| rel == file)
                .unwrap_or_else(|| panic!("{name}: {file} was not validated"));
            assert!(
                !problems.is_empty(),
                "{name}: {file} passes {schema}, but `cxsite check` rejects it ({:?})",
                fixture.codes
            );
        }
        // The other files of the fixture are fine: the schema blames the files check blames. One
        // difference is by design: while a file cannot be read, check holds back unknown-id errors
        // about it (they may be follow-ons); the schema, which reads ids from file names, does not.
        let unreadable =
            fs::read_to_string(fixture.project.with_extension("expect")).unwrap().contains("could not be read");
        for (rel, schema, problems) in &verdicts {
            let held_back = unreadable && problems.iter().all(|p| p.contains(" is not one of "));
            assert!(
                fixture.files.contains(rel) || problems.is_empty() || held_back,
                "{name}: {rel} fails {schema}: {problems:?}"
            );
        }
        for code in fixture.codes {
            *seen.entry(code).or_insert(0) += 1;
        }
    }
    // Each schema code, and an unknown id, is shown by at least one fixture.
    for code in SCHEMA_CODES.iter().chain(&["unknown-ref"]) {
        assert!(seen.contains_key(*code), "no broken fixture with code {code}: {seen:?}");
    }
}

#[test]
fn references_list_the_projects_ids_and_generic_schemas_list_none() {
    let project = repo("example-project");
    let tmp = tempfile::tempdir().unwrap();
    let schemas = schemas_for(&project, tmp.path());
    let mut personas: Vec<String> = fs::read_dir(project.join("personas"))
        .unwrap()
        .map(|e| e.unwrap().path().file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    personas.sort();
    assert!(personas.contains(&"sanne-starter".to_string()), "{personas:?}");
    let insight = &schemas["insight.schema.json"];
    let listed = &insight["properties"]["personas"]["anyOf"][1]["items"]["enum"];
    assert_eq!(listed, &serde_json::json!(personas), "completion after `personas: [` offers every persona");
    let temperament = &schemas["persona.schema.json"]["$defs"]["Temperament"]["enum"];
    assert_eq!(temperament, &serde_json::json!(["artisan", "guardian", "idealist", "rational"]));

    // Outside a project, without DIR: the same shapes, no ids.
    let cwd = tempfile::tempdir().unwrap();
    let o = common::run_limited_in(&["schema", "-o", "s"], cwd.path(), std::time::Duration::from_secs(60));
    assert!(o.status.success(), "{}", stderr(&o));
    let generic: Value =
        serde_json::from_str(&fs::read_to_string(cwd.path().join("s/insight.schema.json")).unwrap()).unwrap();
    assert!(generic["properties"]["personas"]["anyOf"][1]["items"].get("enum").is_none());
    assert_eq!(generic["properties"]["personas"]["x-cxsite-ref"], "persona");
    assert!(!cwd.path().join(".vscode").exists(), "no settings are written outside a project");
}

#[test]
fn init_sets_a_project_up_for_editors_and_schema_keeps_it_current() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("study");
    let o = run(&["init", project.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));

    // Each YAML file starts with a modeline naming its own kind's schema, at a path that exists.
    let mut yaml_files = 0;
    for entry in walkdir::WalkDir::new(&project).into_iter().filter_map(Result::ok) {
        let rel = entry.path().strip_prefix(&project).unwrap().to_string_lossy().replace('\\', "/");
        let Some(name) = schema_name(&rel).filter(|n| *n != "front-matter.schema.json") else { continue };
        let text = fs::read_to_string(entry.path()).unwrap();
        let first = text.lines().next().unwrap();
        let target = first
            .strip_prefix("# yaml-language-server: $schema=")
            .unwrap_or_else(|| panic!("{rel} starts with {first:?}"));
        assert!(target.ends_with(&format!("/{name}")), "{rel}: {target}");
        let resolved = entry.path().parent().unwrap().join(target);
        assert!(resolved.is_file(), "{rel}: {} does not exist", resolved.display());
        yaml_files += 1;
    }
    assert!(yaml_files >= 20, "{yaml_files}");

    // VS Code's YAML extension maps folders to the same schemas.
    let settings: Value =
        serde_json::from_str(&fs::read_to_string(project.join(".vscode/settings.json")).unwrap()).unwrap();
    let map = settings["yaml.schemas"].as_object().unwrap();
    assert_eq!(map["./.cxsite/schema/insight.schema.json"][0], "insights/**/*.yaml");
    assert_eq!(map["./.cxsite/schema/persona.schema.json"][0], "personas/*.yaml");
    for key in map.keys() {
        assert!(project.join(key).is_file(), "{key}");
    }
    // The new project still checks clean with the modelines in it.
    assert!(run(&["check", project.to_str().unwrap()]).status.success());

    // A new persona: after `cxsite schema`, completion offers it.
    let persona_ids = |p: &Path| {
        let v: Value =
            serde_json::from_str(&fs::read_to_string(p.join(".cxsite/schema/insight.schema.json")).unwrap()).unwrap();
        v["properties"]["personas"]["anyOf"][1]["items"]["enum"].clone()
    };
    assert!(!persona_ids(&project).as_array().unwrap().contains(&Value::from("new-persona")));
    fs::write(project.join("personas/new-persona.yaml"), "name: New\n").unwrap();
    let o = run(&["schema", project.to_str().unwrap()]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(persona_ids(&project).as_array().unwrap().contains(&Value::from("new-persona")));
    let out = String::from_utf8_lossy(&o.stdout);
    assert!(out.contains("5 personas") && out.contains("already points at them"), "{out}");
}
