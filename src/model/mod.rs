//! The content kinds of a project, as typed structs read from YAML
//! (SPEC §3–§9). Nothing here knows about HTML.

pub mod bias;
pub mod insight;
pub mod journey;
pub mod kano;
pub mod narrative;
pub mod nps;
pub mod persona;
pub mod refs;
pub mod research;
pub mod source;

pub use bias::Bias;
pub use insight::{Evidence, EvidenceType, Insight, Level, Metaphor, Status};
pub use journey::{Journey, MomentOfTruth, Stage, Step, StepType};
pub use kano::{KanoCategory, KanoFeature, KanoStudy};
pub use narrative::{FrontMatter, Narrative};
pub use nps::{NpsMeasurement, NpsSeries};
pub use persona::{Persona, Temperament};
pub use refs::RefKind;
pub use research::{Register, ResearchSource};
pub use source::{Item, SourceFile};

/// The largest count cxsite accepts (an NPS count, a Kano tally): larger ones
/// are refused when checking, so no sum of counts can overflow.
pub const MAX_COUNT: u64 = 1_000_000_000;

/// The shape of an ISO `YYYY-MM-DD` date, for the JSON Schema (the loader
/// also checks that the day exists on the calendar).
pub const ISO_DATE_PATTERN: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";

/// The JSON Schema of a [`one_or_many`] field: a string, a list of strings, or nothing.
pub fn one_or_many_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
    schemars::json_schema!({
        "anyOf": [
            {"type": "string"},
            {"type": "array", "items": {"type": "string"}},
            {"type": "null"}
        ]
    })
}

/// Allowed values of an enum field, for `help:` lines.
pub trait Choices {
    /// The spelling of every allowed value, as written in YAML.
    const CHOICES: &'static [&'static str];
}

/// A list field that may also be written as a single value.
pub fn one_or_many<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    #[derive(serde::Deserialize)]
    #[serde(untagged)]
    enum OneOrMany {
        One(String),
        Many(Vec<String>),
    }
    use serde::Deserialize;
    Ok(match Option::<OneOrMany>::deserialize(d)? {
        None => Vec::new(),
        Some(OneOrMany::One(s)) => vec![s],
        Some(OneOrMany::Many(v)) => v,
    })
}
