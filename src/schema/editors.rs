//! Telling editors where the schemas are: a `# yaml-language-server:
//! $schema=…` first line in a YAML file, and `yaml.schemas` in
//! `.vscode/settings.json` (both read by the Red Hat YAML extension and by
//! every editor that runs `yaml-language-server`).

use std::fs;
use std::path::Path;

use serde_json::{Map, Value};

use super::FileKind;
use crate::error::Failure;

/// The first line that ties the YAML file at `rel` (project-relative, forward
/// slashes) to its schema in `folder` (project-relative), e.g.
/// `# yaml-language-server: $schema=../.cxsite/schema/persona.schema.json`.
pub fn modeline(kind: FileKind, rel: &str, folder: &str) -> String {
    let up = "../".repeat(rel.matches('/').count());
    format!("# yaml-language-server: $schema={up}{folder}/{}", kind.file_name())
}

/// What happened to `.vscode/settings.json`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SettingsOutcome {
    /// It did not exist and was written.
    Created,
    /// It existed; its `yaml.schemas` now maps cxsite's schemas (other settings kept).
    Updated,
    /// It already said the same.
    Unchanged,
    /// It is not plain JSON (VS Code allows comments): left alone; the
    /// message says what to add by hand.
    LeftAlone(String),
}

/// Writes or updates `ROOT/.vscode/settings.json` so that `yaml.schemas`
/// maps each schema in `folder` (project-relative) to its files. Only the
/// entries for cxsite's schemas are touched.
pub fn write_vscode_settings(root: &Path, folder: &str) -> Result<SettingsOutcome, Failure> {
    let path = root.join(".vscode").join("settings.json");
    let existing = match fs::read_to_string(&path) {
        Ok(text) => Some(text),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => None,
        Err(e) => return Err(Failure::io("read", &path, e)),
    };
    let mut settings: Map<String, Value> = match &existing {
        None => Map::new(),
        Some(text) => match serde_json::from_str(text) {
            Ok(Value::Object(m)) => m,
            _ => {
                return Ok(SettingsOutcome::LeftAlone(format!(
                    "{} is not plain JSON, so it was left alone; add this to it:\n\"yaml.schemas\": {}",
                    path.display(),
                    serde_json::to_string_pretty(&schema_map(folder)).unwrap_or_default()
                )))
            }
        },
    };
    let schemas = settings.entry("yaml.schemas").or_insert_with(|| Value::Object(Map::new()));
    let Value::Object(schemas) = schemas else {
        return Ok(SettingsOutcome::LeftAlone(format!("`yaml.schemas` in {} is not an object", path.display())));
    };
    // A schema folder named before (another -o) is replaced, not kept beside.
    schemas.retain(|key, _| !FileKind::ALL.iter().any(|k| key.ends_with(&format!("/{}", k.file_name()))));
    schemas.extend(schema_map(folder));
    let mut text = serde_json::to_string_pretty(&Value::Object(settings)).unwrap_or_default();
    text.push('\n');
    if existing.as_deref() == Some(text.as_str()) {
        return Ok(SettingsOutcome::Unchanged);
    }
    let dir = root.join(".vscode");
    fs::create_dir_all(&dir).map_err(Failure::io_at("create", &dir))?;
    crate::output::write_file_atomically(&path, text.as_bytes()).map_err(Failure::io_at("write", &path))?;
    Ok(if existing.is_some() { SettingsOutcome::Updated } else { SettingsOutcome::Created })
}

/// `{"./.cxsite/schema/insight.schema.json": ["insights/**/*.yaml", …], …}`.
fn schema_map(folder: &str) -> Map<String, Value> {
    FileKind::ALL
        .iter()
        .filter(|k| !k.globs().is_empty())
        .map(|k| {
            let globs = k.globs().iter().map(|g| Value::String((*g).to_string())).collect();
            (format!("./{folder}/{}", k.file_name()), Value::Array(globs))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn modelines_climb_out_of_sub_folders() {
        let folder = ".cxsite/schema";
        assert_eq!(
            modeline(FileKind::Config, "cxsite.yaml", folder),
            "# yaml-language-server: $schema=.cxsite/schema/config.schema.json"
        );
        assert_eq!(
            modeline(FileKind::Insight, "insights/billing/late.yaml", folder),
            "# yaml-language-server: $schema=../../.cxsite/schema/insight.schema.json"
        );
    }

    #[test]
    fn settings_are_merged_and_comments_are_respected() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        assert_eq!(write_vscode_settings(root, ".cxsite/schema").unwrap(), SettingsOutcome::Created);
        assert_eq!(write_vscode_settings(root, ".cxsite/schema").unwrap(), SettingsOutcome::Unchanged);
        let path = root.join(".vscode/settings.json");
        fs::write(&path, r#"{"editor.tabSize": 2, "yaml.schemas": {"./other.json": ["x.yaml"]}}"#).unwrap();
        assert_eq!(write_vscode_settings(root, "schemas").unwrap(), SettingsOutcome::Updated);
        let v: Value = serde_json::from_str(&fs::read_to_string(&path).unwrap()).unwrap();
        assert_eq!(v["editor.tabSize"], 2);
        assert_eq!(v["yaml.schemas"]["./other.json"][0], "x.yaml");
        assert_eq!(v["yaml.schemas"]["./schemas/insight.schema.json"][0], "insights/**/*.yaml");
        let commented = "{\n  // mine\n  \"editor.tabSize\": 2\n}\n";
        fs::write(&path, commented).unwrap();
        assert!(matches!(write_vscode_settings(root, "schemas").unwrap(), SettingsOutcome::LeftAlone(_)));
        assert_eq!(fs::read_to_string(&path).unwrap(), commented);
    }
}
