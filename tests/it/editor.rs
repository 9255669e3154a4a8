//! Editors (issue 13, point 5): the real `yaml-language-server` (what VS
//! Code's YAML extension, IntelliJ and Neovim run), pointed at a project made
//! by `cxsite init` exactly as an editor would be, reports a typo'd key and an
//! unknown persona id on the lines `cxsite check` names, and completes
//! temperaments and persona ids. Needs node and `npm ci` in tests/browser;
//! skipped without them, failing under `CI=true`.

use crate::common;

use std::fs;
use std::path::Path;
use std::process::Command;

use serde_json::{json, Value};

use common::{node_script, repo, run, skip_unless_ci, stderr};

fn language_server_here() -> bool {
    let node = Command::new("node").arg("--version").output().is_ok();
    let server = repo("tests/browser/node_modules/yaml-language-server").is_dir();
    if node && server {
        return true;
    }
    skip_unless_ci(&format!(
        "editor test needs node ({node}) and yaml-language-server in tests/browser/node_modules ({server}); run `npm ci` there"
    ));
    false
}

/// The YAML settings VS Code would send: the project's `.vscode/settings.json`.
fn editor_settings(project: &Path) -> Value {
    let vscode: Value =
        serde_json::from_str(&fs::read_to_string(project.join(".vscode/settings.json")).unwrap()).unwrap();
    json!({
        "validate": true, "completion": true, "hover": true,
        "schemaStore": {"enable": false},
        "schemas": vscode["yaml.schemas"],
    })
}

const MODELINE: &str = "# yaml-language-server: $schema=../.cxsite/schema/insight.schema.json\n";

#[test]
fn a_language_server_reports_what_check_reports_and_completes_ids() {
    if !language_server_here() {
        return;
    }
    // Not `tempdir()`: its `.tmpXXXX` folder would hide the project from the server's `**/insights/**`
    // globs (picomatch skips dot-folders), as it would for a user's project under a dot-folder.
    let tmp = tempfile::Builder::new().prefix("cxsite-editor-").tempdir().unwrap();
    let project = tmp.path().join("study");
    assert!(run(&["init", project.to_str().unwrap()]).status.success());
    // After the modeline, line 4: a typo'd key in one file, a persona that does not exist (it is
    // `sanne-starter`) in another. (A file with an unknown key is not read further, so `check`
    // would say nothing of its ids: two files.)
    let head = "title: Doubt after signing\nsummary: Customers doubt their choice.\n";
    fs::write(project.join("insights/typo.yaml"), format!("{MODELINE}{head}confidense: high\n")).unwrap();
    fs::write(project.join("insights/unknown-persona.yaml"), format!("{MODELINE}{head}personas: [sanne-startr]\n"))
        .unwrap();
    // The typo in a file without a modeline (line 3): only `.vscode/settings.json` ties it to its schema.
    fs::write(project.join("insights/no-modeline.yaml"), format!("{head}confidense: high\n")).unwrap();
    fs::write(
        project.join("personas/new-persona.yaml"),
        "# yaml-language-server: $schema=../.cxsite/schema/persona.schema.json\nname: New\ntemperament: \n",
    )
    .unwrap();
    fs::write(project.join("insights/completing.yaml"), format!("{MODELINE}title: T\nsummary: S\npersonas: []\n"))
        .unwrap();

    // A persona added after `init`: re-running `cxsite schema` makes editors offer it.
    assert!(run(&["schema", project.to_str().unwrap()]).status.success());

    // What `cxsite check` says, as JSON lines: the lines the editor must agree with.
    let o = run(&["check", project.to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    let check: Vec<Value> =
        String::from_utf8_lossy(&o.stdout).lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let check_line = |file: &str, code: &str| {
        check
            .iter()
            .find(|d| d["file"].as_str().unwrap().ends_with(file) && d["code"] == code)
            .unwrap_or_else(|| panic!("check has no {code} in {file}: {check:?}"))["line"]
            .as_u64()
            .unwrap()
    };
    let cases = [
        ("insights/typo.yaml", check_line("insights/typo.yaml", "unknown-key"), "confidense"),
        ("insights/unknown-persona.yaml", check_line("insights/unknown-persona.yaml", "unknown-ref"), "sanne-starter"),
        ("insights/no-modeline.yaml", check_line("insights/no-modeline.yaml", "unknown-key"), "confidense"),
    ];
    assert_eq!(cases.map(|c| c.1), [4, 4, 3], "check's lines");

    let plan = json!({
        "root": project,
        "settings": editor_settings(&project),
        "open": cases.map(|c| c.0),
        "complete": [
            {"file": "personas/new-persona.yaml", "line": 2, "character": 13},
            {"file": "insights/completing.yaml", "line": 3, "character": 11},
        ],
    });
    let out: Value = serde_json::from_str(&node_script("lsp.mjs", &[&plan.to_string()])).unwrap();

    for (file, line, word) in cases {
        let diags = out["diagnostics"][file].as_array().unwrap();
        assert_eq!(diags.len(), 1, "{file}: one diagnostic for the one mistake: {diags:?}");
        // LSP counts lines from 0, check from 1.
        assert_eq!(diags[0]["line"], line - 1, "{file}: {diags:?}");
        let message = diags[0]["message"].as_str().unwrap();
        assert!(
            message.contains(word) || (word == "confidense" && message.contains("not allowed")),
            "{file}: {message}"
        );
    }

    let temperaments: Vec<&str> = out["completions"][0].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    for t in ["artisan", "guardian", "idealist", "rational"] {
        assert!(temperaments.contains(&t), "completion after `temperament: ` offers {temperaments:?}");
    }
    // Nothing else, but the empty value YAML allows for an optional key.
    assert!(temperaments.iter().all(|t| t.len() > 4 || *t == "null"), "{temperaments:?}");
    assert_eq!(temperaments.len(), 5, "{temperaments:?}");
    let personas: Vec<&str> = out["completions"][1].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    assert!(personas.contains(&"sanne-starter") && personas.contains(&"new-persona"), "{personas:?}");
}
