//! Personas (SPEC §4).

use serde::{Deserialize, Serialize};

use super::Choices;

/// A persona as written in `personas/*.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Persona {
    /// Display name.
    pub name: String,
    /// One line under the name.
    #[serde(default)]
    pub tagline: Option<String>,
    /// Project-relative image path; without it an initials avatar is drawn.
    #[serde(default)]
    pub photo: Option<String>,
    /// Something the persona would say.
    #[serde(default)]
    pub quote: Option<String>,
    /// Keirsey temperament.
    #[serde(default)]
    pub temperament: Option<Temperament>,
    /// Markdown description.
    #[serde(default)]
    pub about: Option<String>,
    /// Free key → value facts, shown as a table in the author's order.
    #[serde(default)]
    #[schemars(with = "serde_json::Map<String, serde_json::Value>")]
    pub facts: serde_yaml::Mapping,
    /// Goals.
    #[serde(default)]
    pub goals: Vec<String>,
    /// Needs.
    #[serde(default)]
    pub needs: Vec<String>,
    /// Pains.
    #[serde(default)]
    pub pains: Vec<String>,
    /// Motivations.
    #[serde(default)]
    pub motivations: Vec<String>,
    /// Behaviours.
    #[serde(default)]
    pub behaviours: Vec<String>,
    /// Channels used.
    #[serde(default)]
    pub channels: Vec<String>,
    /// For the team only: left out of a normal build, shown marked with `--internal`.
    #[serde(default)]
    pub internal: bool,
}

/// Keirsey temperament.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Temperament {
    /// Artisan (SP).
    Artisan,
    /// Guardian (SJ).
    Guardian,
    /// Idealist (NF).
    Idealist,
    /// Rational (NT).
    Rational,
}

impl Choices for Temperament {
    const CHOICES: &'static [&'static str] = &["artisan", "guardian", "idealist", "rational"];
}

impl Temperament {
    /// The YAML spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Temperament::Artisan => "artisan",
            Temperament::Guardian => "guardian",
            Temperament::Idealist => "idealist",
            Temperament::Rational => "rational",
        }
    }
}

/// Renders a fact value (string, number, bool, list) as one line of text.
pub fn fact_text(v: &serde_yaml::Value) -> String {
    match v {
        serde_yaml::Value::Null => String::new(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Sequence(items) => items.iter().map(fact_text).collect::<Vec<_>>().join(", "),
        serde_yaml::Value::Mapping(m) => {
            m.iter().map(|(k, v)| format!("{}: {}", fact_text(k), fact_text(v))).collect::<Vec<_>>().join("; ")
        }
        serde_yaml::Value::Tagged(t) => fact_text(&t.value),
    }
}
