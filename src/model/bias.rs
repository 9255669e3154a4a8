//! Heuristics and biases (SPEC §9): a built-in catalogue plus `biases.yaml`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

/// One entry of `biases.yaml` or the built-in catalogue. In `biases.yaml`
/// every field may be left out when it overrides a built-in entry.
#[derive(Debug, Clone, Default, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct BiasEntry {
    /// Name of the bias.
    #[serde(default)]
    pub name: Option<String>,
    /// One-line definition.
    #[serde(default)]
    pub description: Option<String>,
    /// Where it comes from, e.g. "Kahneman & Tversky 1979".
    #[serde(default)]
    pub source: Option<String>,
}

/// A resolved bias, as shown in the site.
#[derive(Debug, Clone, Serialize)]
pub struct Bias {
    /// Id (the key in the catalogue).
    pub id: String,
    /// Name.
    pub name: String,
    /// One-line definition.
    pub description: String,
    /// Origin.
    pub source: Option<String>,
    /// True when it comes from (or was changed by) the project's `biases.yaml`.
    pub from_project: bool,
}

/// The built-in catalogue, as YAML text compiled into the binary.
pub const CATALOGUE_YAML: &str = include_str!("bias_catalogue.yaml");

/// The same catalogue in Dutch (same ids and sources), for `language: nl`.
pub const CATALOGUE_NL_YAML: &str = include_str!("bias_catalogue.nl.yaml");

/// The built-in catalogue, parsed (in English).
pub fn builtin() -> BTreeMap<String, Bias> {
    catalogue(CATALOGUE_YAML)
}

/// A built-in catalogue, parsed: [`CATALOGUE_YAML`] or [`CATALOGUE_NL_YAML`].
pub fn catalogue(text: &str) -> BTreeMap<String, Bias> {
    let raw: BTreeMap<String, BiasEntry> =
        serde_yaml::from_str(text).expect("the built-in bias catalogues are valid YAML (tested)");
    raw.into_iter()
        .map(|(id, e)| {
            let bias = Bias {
                id: id.clone(),
                name: e.name.unwrap_or_else(|| id.clone()),
                description: e.description.unwrap_or_default(),
                source: e.source,
                from_project: false,
            };
            (id, bias)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn catalogue_has_at_least_15_complete_entries() {
        let all = super::builtin();
        assert!(all.len() >= 15, "{} entries", all.len());
        for b in all.values() {
            assert!(!b.name.is_empty() && !b.description.is_empty() && b.source.is_some(), "{}", b.id);
        }
        for id in [
            "loss-aversion",
            "peak-end-rule",
            "post-purchase-dissonance",
            "choice-overload",
            "anchoring",
            "status-quo-bias",
            "social-proof",
        ] {
            assert!(all.contains_key(id), "{id}");
        }
    }

    #[test]
    fn the_dutch_catalogue_has_the_same_ids_and_sources_in_dutch_words() {
        let (en, nl) = (super::builtin(), super::catalogue(super::CATALOGUE_NL_YAML));
        assert_eq!(en.keys().collect::<Vec<_>>(), nl.keys().collect::<Vec<_>>());
        for (id, b) in &nl {
            assert!(!b.name.is_empty() && !b.description.is_empty(), "{id}");
            assert_eq!(b.source, en[id].source, "{id}: the origin is the same");
            assert_ne!(b.description, en[id].description, "{id}: not translated");
        }
        assert_eq!(nl["loss-aversion"].name, "Verliesaversie");
    }
}
