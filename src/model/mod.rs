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
pub mod source;

pub use bias::Bias;
pub use insight::{Evidence, EvidenceType, Insight, Level, Status};
pub use journey::{Journey, MomentOfTruth, Stage, Step, StepType};
pub use kano::{KanoCategory, KanoFeature, KanoStudy};
pub use narrative::{FrontMatter, Narrative};
pub use nps::{NpsMeasurement, NpsSeries};
pub use persona::{Persona, Temperament};
pub use refs::RefKind;
pub use source::{Item, SourceFile};

/// The largest count cxsite accepts (an NPS count, a Kano tally): larger ones
/// are refused when checking, so no sum of counts can overflow.
pub const MAX_COUNT: u64 = 1_000_000_000;

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
