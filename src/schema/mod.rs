//! `cxsite schema`: one JSON Schema (draft 2020-12) per file kind, for
//! editors (SPEC §11).
//!
//! The schemas are generated from the serde types the loader reads with
//! (`schemars` reads the same `#[serde]` attributes and doc comments), so an
//! editor and `cxsite check` cannot disagree about keys, types and enums.
//! `shape.rs` then makes them editor-friendly: enums as plain `enum` lists,
//! reference fields as enums of the project's ids, and descriptions in the
//! project's language.

mod editors;
mod ids;
mod reference;
mod shape;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::config::Language;
use crate::error::Failure;
use crate::model;

pub use editors::{modeline, write_vscode_settings, SettingsOutcome};
pub use ids::ProjectIds;
pub use reference::format_reference;

/// Where `cxsite schema DIR` writes, relative to the project.
pub const DEFAULT_FOLDER: &str = ".cxsite/schema";

/// The kinds of file a project holds, one schema each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FileKind {
    /// `cxsite.yaml`.
    Config,
    /// `insights/**/*.yaml`.
    Insight,
    /// `personas/*.yaml`.
    Persona,
    /// `journeys/*.yaml`.
    Journey,
    /// `kano/*.yaml`.
    Kano,
    /// `nps/*.yaml`.
    Nps,
    /// `biases.yaml`.
    Biases,
    /// `sources.yaml`, the register of research sources.
    Sources,
    /// The front matter of `narratives/*.md`.
    FrontMatter,
}

impl FileKind {
    /// Every kind, in the order of SPEC.
    pub const ALL: [FileKind; 9] = [
        FileKind::Config,
        FileKind::Insight,
        FileKind::Persona,
        FileKind::Journey,
        FileKind::Kano,
        FileKind::Nps,
        FileKind::Biases,
        FileKind::Sources,
        FileKind::FrontMatter,
    ];

    /// A short name: `config`, `insight`, …, `front-matter`.
    pub fn name(self) -> &'static str {
        match self {
            FileKind::Config => "config",
            FileKind::Insight => "insight",
            FileKind::Persona => "persona",
            FileKind::Journey => "journey",
            FileKind::Kano => "kano",
            FileKind::Nps => "nps",
            FileKind::Biases => "biases",
            FileKind::Sources => "sources",
            FileKind::FrontMatter => "front-matter",
        }
    }

    /// The schema's file name, e.g. `insight.schema.json`.
    pub fn file_name(self) -> String {
        format!("{}.schema.json", self.name())
    }

    /// The project files the schema is for, as globs relative to the project
    /// (the form of VS Code's `yaml.schemas`). Front matter has none: it sits
    /// inside Markdown, where the YAML extension does not look.
    pub fn globs(self) -> &'static [&'static str] {
        match self {
            FileKind::Config => &["cxsite.yaml", "cxsite.yml"],
            FileKind::Insight => &["insights/**/*.yaml", "insights/**/*.yml"],
            FileKind::Persona => &["personas/*.yaml", "personas/*.yml"],
            FileKind::Journey => &["journeys/*.yaml", "journeys/*.yml"],
            FileKind::Kano => &["kano/*.yaml", "kano/*.yml"],
            FileKind::Nps => &["nps/*.yaml", "nps/*.yml"],
            FileKind::Biases => &["biases.yaml", "biases.yml"],
            FileKind::Sources => &["sources.yaml", "sources.yml"],
            FileKind::FrontMatter => &[],
        }
    }

    /// The kind of a project-relative path (forward slashes), if it is a
    /// YAML file of one.
    pub fn of_path(rel: &str) -> Option<FileKind> {
        let yaml = rel.ends_with(".yaml") || rel.ends_with(".yml");
        let folder = rel.split('/').next().unwrap_or("");
        let depth = rel.matches('/').count();
        match (yaml, folder, depth) {
            (false, "narratives", 1) if rel.ends_with(".md") => Some(FileKind::FrontMatter),
            (false, ..) => None,
            (true, "cxsite.yaml" | "cxsite.yml", 0) => Some(FileKind::Config),
            (true, "biases.yaml" | "biases.yml", 0) => Some(FileKind::Biases),
            (true, "sources.yaml" | "sources.yml", 0) => Some(FileKind::Sources),
            (true, "insights", d) if d >= 1 => Some(FileKind::Insight),
            (true, "personas", 1) => Some(FileKind::Persona),
            (true, "journeys", 1) => Some(FileKind::Journey),
            (true, "kano", 1) => Some(FileKind::Kano),
            (true, "nps", 1) => Some(FileKind::Nps),
            _ => None,
        }
    }

    /// What a file that maps ids to entries holds (its keys are ids).
    fn map_description(self, language: Language) -> Option<&'static str> {
        Some(match (self, language) {
            (FileKind::Biases, Language::En) => {
                "Heuristics and biases: each key is an id, added to or overriding the built-in catalogue."
            }
            (FileKind::Biases, Language::Nl) => {
                "Heuristieken en biases: elke sleutel is een id, die de ingebouwde catalogus aanvult of overschrijft."
            }
            (FileKind::Sources, Language::En) => {
                "The research sources: each key is a source id, for the `source` of evidence items."
            }
            (FileKind::Sources, Language::Nl) => {
                "De onderzoeksbronnen: elke sleutel is een bron-id, voor de `source` van bewijsstukken."
            }
            _ => return None,
        })
    }

    /// The title shown by editors.
    fn title(self) -> &'static str {
        match self {
            FileKind::Config => "cxsite.yaml",
            FileKind::Insight => "cxsite insight",
            FileKind::Persona => "cxsite persona",
            FileKind::Journey => "cxsite journey",
            FileKind::Kano => "cxsite Kano study",
            FileKind::Nps => "cxsite NPS series",
            FileKind::Biases => "cxsite biases.yaml",
            FileKind::Sources => "cxsite sources.yaml",
            FileKind::FrontMatter => "cxsite narrative front matter",
        }
    }

    /// The schema as schemars derives it from the loader's types.
    fn derived(self) -> Value {
        let generator = schemars::generate::SchemaSettings::draft2020_12().into_generator();
        let schema = match self {
            FileKind::Config => generator.into_root_schema_for::<crate::config::Config>(),
            FileKind::Insight => generator.into_root_schema_for::<model::Insight>(),
            FileKind::Persona => generator.into_root_schema_for::<model::Persona>(),
            FileKind::Journey => generator.into_root_schema_for::<model::Journey>(),
            FileKind::Kano => generator.into_root_schema_for::<model::KanoStudy>(),
            FileKind::Nps => generator.into_root_schema_for::<model::NpsSeries>(),
            FileKind::Biases => generator.into_root_schema_for::<BTreeMap<String, model::bias::BiasEntry>>(),
            FileKind::Sources => generator.into_root_schema_for::<model::Register>(),
            FileKind::FrontMatter => generator.into_root_schema_for::<model::FrontMatter>(),
        };
        schema.to_value()
    }
}

/// The schema of one kind. With `ids`, reference fields list the project's
/// ids; descriptions are in `language` where a translation exists.
pub fn schema(kind: FileKind, ids: Option<&ProjectIds>, language: Language) -> Value {
    let mut value = kind.derived();
    shape::finish(&mut value, kind.title(), kind.map_description(language), ids, language);
    value
}

/// What `cxsite schema` wrote.
#[derive(Debug)]
pub struct Written {
    /// The folder the schemas are in.
    pub folder: PathBuf,
    /// One file per kind.
    pub files: Vec<PathBuf>,
    /// Whether the project's ids went into the schemas.
    pub with_ids: bool,
}

/// Writes every kind's schema into `folder` (created if needed). A file
/// whose content would not change is left alone, so editors watching it
/// reload only what changed.
pub fn write_schemas(folder: &Path, ids: Option<&ProjectIds>, language: Language) -> Result<Written, Failure> {
    fs::create_dir_all(folder).map_err(Failure::io_at("create the schema folder", folder))?;
    let mut files = Vec::new();
    for kind in FileKind::ALL {
        let path = folder.join(kind.file_name());
        let mut text = serde_json::to_string_pretty(&schema(kind, ids, language)).unwrap_or_default();
        text.push('\n');
        if fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
            crate::output::write_file_atomically(&path, text.as_bytes()).map_err(Failure::io_at("write", &path))?;
        }
        files.push(path);
    }
    Ok(Written { folder: folder.to_path_buf(), files, with_ids: ids.is_some() })
}

/// `cxsite schema [DIR] [-o FOLDER]`: writes the schemas and, in a project,
/// points `.vscode/settings.json` at them. Returns the lines to print.
pub fn run(dir: Option<&Path>, out: Option<&Path>) -> Result<Vec<String>, Failure> {
    let root = match dir {
        Some(d) if d.join(crate::load::CONFIG_FILE).exists() => Some(d.to_path_buf()),
        Some(d) => {
            return Err(Failure::usage(
                format!("no {} in {}: this is not a cxsite project", crate::load::CONFIG_FILE, d.display()),
                "name a project folder, or leave DIR out for schemas that know no ids",
            ))
        }
        None if Path::new(crate::load::CONFIG_FILE).exists() => Some(PathBuf::from(".")),
        None => None,
    };
    let Some(root) = root else {
        let folder = out.map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("cxsite-schema"));
        let written = write_schemas(&folder, None, Language::En)?;
        return Ok(vec![format!(
            "Wrote {} schemas to {} (no project here, so they know no ids).",
            written.files.len(),
            folder.display()
        )]);
    };
    let ids = ProjectIds::read(&root);
    let folder = out.map(Path::to_path_buf).unwrap_or_else(|| root.join(DEFAULT_FOLDER));
    let written = write_schemas(&folder, Some(&ids), ids.language)?;
    let count = |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
    let mut lines = vec![format!(
        "Wrote {} schemas to {}, with the project's ids: {}, {}, {} ({}), {}.",
        written.files.len(),
        folder.display(),
        count(ids.insights.len(), "insight", "insights"),
        count(ids.personas.len(), "persona", "personas"),
        count(ids.journeys.len(), "journey", "journeys"),
        count(ids.stages.len(), "stage", "stages"),
        count(ids.biases.len(), "bias", "biases")
    )];
    match project_relative(&root, &folder) {
        Some(rel) => lines.push(match write_vscode_settings(&root, &rel)? {
            SettingsOutcome::Created => "Created .vscode/settings.json: VS Code's YAML extension now uses them.".into(),
            SettingsOutcome::Updated => "Updated `yaml.schemas` in .vscode/settings.json.".into(),
            SettingsOutcome::Unchanged => ".vscode/settings.json already points at them.".into(),
            SettingsOutcome::LeftAlone(why) => why,
        }),
        None => lines.push("The folder is outside the project: .vscode/settings.json was not changed.".into()),
    }
    Ok(lines)
}

/// `folder` relative to `root`, with forward slashes, when it is inside it.
fn project_relative(root: &Path, folder: &Path) -> Option<String> {
    let (root, folder) = (root.canonicalize().ok()?, folder.canonicalize().ok()?);
    let rel = folder.strip_prefix(&root).ok()?;
    let parts: Vec<String> = rel.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_map_to_their_kind() {
        assert_eq!(FileKind::of_path("cxsite.yaml"), Some(FileKind::Config));
        assert_eq!(FileKind::of_path("insights/billing/late.yaml"), Some(FileKind::Insight));
        assert_eq!(FileKind::of_path("personas/sanne.yml"), Some(FileKind::Persona));
        assert_eq!(FileKind::of_path("narratives/01-summary.md"), Some(FileKind::FrontMatter));
        assert_eq!(FileKind::of_path("personas/old/sanne.yaml"), None);
        assert_eq!(FileKind::of_path("assets/data.yaml"), None);
        assert_eq!(FileKind::of_path("kano/answers.csv"), None);
    }
}

#[cfg(test)]
mod dutch_tests {
    use super::*;

    /// Every description key of every kind, with its English text.
    fn english() -> BTreeMap<String, String> {
        let mut all = BTreeMap::new();
        for kind in FileKind::ALL {
            let mut v = kind.derived();
            let root_type = v.get("title").and_then(Value::as_str).unwrap_or_default().to_string();
            shape::finish(&mut v, "", None, None, Language::En);
            shape::for_each_description(&mut v, &root_type, &mut |key, text| {
                all.insert(key.to_string(), text.as_str().unwrap_or_default().to_string());
            });
        }
        all
    }

    #[test]
    fn every_description_has_a_dutch_translation_and_none_is_stale() {
        let dutch: BTreeMap<String, String> = serde_yaml::from_str(include_str!("nl.yaml")).unwrap();
        // The descriptions of the id maps (`biases.yaml`, `sources.yaml`) are in `map_description`.
        let english: Vec<String> = english().into_keys().filter(|k| !k.starts_with("Map_of_")).collect();
        let translated: Vec<String> = dutch.keys().cloned().collect();
        assert_eq!(english, translated, "src/schema/nl.yaml and the doc comments differ");
    }

    #[test]
    fn a_dutch_project_gets_dutch_descriptions() {
        let ids = ProjectIds { language: Language::Nl, ..ProjectIds::default() };
        let v = schema(FileKind::Journey, Some(&ids), Language::Nl);
        let emotion = &v["$defs"]["Step"]["properties"]["emotion"]["description"];
        assert_eq!(emotion, "Hoe de klant zich voelt: −2 (zeer negatief) … +2 (zeer positief).");
        let moments = &v["$defs"]["MomentOfTruth"]["enumDescriptions"][0];
        assert_eq!(moments, "Nulde moment: oriënteren vóór het eerste contact met het product.");
        let english = schema(FileKind::Journey, None, Language::En);
        assert_eq!(english["$defs"]["Step"]["properties"]["name"]["description"], "What happens.");
    }
}
