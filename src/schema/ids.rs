//! The ids a project has, for reference fields in the schemas: what an
//! editor offers after `personas: [`.
//!
//! Read cheaply and forgivingly: ids come from file names (as the loader
//! makes them), stage ids and `biases.yaml` keys from a loose YAML read. A
//! file that does not parse adds nothing here; `cxsite check` reports it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use serde_yaml::Value;

use crate::config::Language;
use crate::load;
use crate::model::bias;

/// The ids of one project, per kind of reference, sorted.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ProjectIds {
    /// Insight ids (file names under `insights/`).
    pub insights: Vec<String>,
    /// Persona ids.
    pub personas: Vec<String>,
    /// Journey ids.
    pub journeys: Vec<String>,
    /// Stage ids of every journey together.
    pub stages: Vec<String>,
    /// Bias ids: the built-in catalogue and `biases.yaml`.
    pub biases: Vec<String>,
    /// Source ids of `sources.yaml`; `None` without one (then `source` is free text).
    pub sources: Option<Vec<String>>,
    /// The project's `language:` (English when it cannot be read).
    pub language: Language,
}

impl ProjectIds {
    /// Reads the ids of the project at `root`.
    pub fn read(root: &Path) -> ProjectIds {
        let journeys = load::file_ids(root, "journeys");
        let mut stages = BTreeSet::new();
        for id in &journeys {
            if let Some(doc) = read_yaml(&root.join("journeys"), id) {
                let listed = doc.get("stages").and_then(Value::as_sequence).into_iter().flatten();
                stages.extend(listed.filter_map(|s| s.get("id")?.as_str().map(str::to_string)));
            }
        }
        let mut biases: BTreeSet<String> = bias::builtin().into_keys().collect();
        if let Some(Value::Mapping(own)) = read_yaml(root, "biases") {
            biases.extend(own.keys().filter_map(|k| k.as_str().map(str::to_string)));
        }
        // Without a register that reads, `source` stays free text in the editor.
        let sources = match read_yaml(root, "sources") {
            Some(Value::Mapping(register)) => {
                Some(register.keys().filter_map(|k| k.as_str().map(str::to_string)).collect())
            }
            _ => None,
        };
        let config = read_yaml(root, "cxsite");
        let language = match config.as_ref().and_then(|c| c.get("language")).and_then(Value::as_str) {
            Some("nl") => Language::Nl,
            _ => Language::En,
        };
        ProjectIds {
            insights: load::file_ids(root, "insights"),
            personas: load::file_ids(root, "personas"),
            journeys,
            stages: stages.into_iter().collect(),
            biases: biases.into_iter().collect(),
            sources,
            language,
        }
    }

    /// The ids a reference field marked `x-cxsite-ref: KIND` may name
    /// (`insight`, `persona`, `journey`, `stage`, `bias`).
    pub fn of(&self, kind: &str) -> Option<&[String]> {
        match kind {
            "insight" => Some(&self.insights),
            "persona" => Some(&self.personas),
            "journey" => Some(&self.journeys),
            "stage" => Some(&self.stages),
            "bias" => Some(&self.biases),
            "source" => self.sources.as_deref(),
            _ => None,
        }
    }
}

/// `dir/NAME.yaml` (or `.yml`) as a loose YAML value, if it reads.
fn read_yaml(dir: &Path, name: &str) -> Option<Value> {
    ["yaml", "yml"].iter().find_map(|ext| {
        let text = fs::read_to_string(dir.join(format!("{name}.{ext}"))).ok()?;
        serde_yaml::from_str(&text).ok()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_come_from_file_names_stages_and_biases() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (path, text) in [
            ("cxsite.yaml", "title: T\nlanguage: nl\n"),
            ("personas/sanne-starter.yaml", "name: S\n"),
            ("insights/billing/late-invoice.yaml", "title: broken: yaml: here\n"),
            ("journeys/signup.yaml", "title: J\nstages:\n  - {id: orient, name: O}\n  - {id: buy, name: B}\n"),
            ("biases.yaml", "own-bias: {name: Own}\n"),
        ] {
            fs::create_dir_all(root.join(path).parent().unwrap()).unwrap();
            fs::write(root.join(path), text).unwrap();
        }
        let ids = ProjectIds::read(root);
        assert_eq!(ids.personas, ["sanne-starter"]);
        // A file that does not parse still has its id: the id is its name.
        assert_eq!(ids.insights, ["late-invoice"]);
        assert_eq!(ids.stages, ["buy", "orient"]);
        assert!(ids.biases.contains(&"own-bias".to_string()) && ids.biases.contains(&"anchoring".to_string()));
        assert_eq!(ids.language, Language::Nl);
    }
}
