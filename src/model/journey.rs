//! Customer journeys (SPEC §5).

use serde::{Deserialize, Serialize};

use super::Choices;

/// A journey as written in `journeys/*.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Journey {
    /// Title of the journey.
    pub title: String,
    /// Id of the persona whose journey this is.
    #[serde(default)]
    #[schemars(extend("x-cxsite-ref" = "persona"))]
    pub persona: Option<String>,
    /// Markdown description.
    #[serde(default)]
    pub description: Option<String>,
    /// Stages, in order.
    pub stages: Vec<Stage>,
}

/// One stage (a column of the map).
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Stage {
    /// Unique inside the journey.
    pub id: String,
    /// Display name.
    pub name: String,
    /// ZMOT, FMOT, SMOT or UMOT.
    #[serde(default)]
    pub moment_of_truth: Option<MomentOfTruth>,
    /// Steps, in order.
    #[serde(default)]
    pub steps: Vec<Step>,
}

/// One step of a stage.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// What happens.
    pub name: String,
    /// Touchpoint (designed by the organisation) or experience (the customer's own moment).
    #[serde(default, rename = "type")]
    pub kind: StepType,
    /// Days since the journey's start.
    #[serde(default)]
    pub day: Option<f64>,
    /// Channel, e.g. web or phone.
    #[serde(default)]
    pub channel: Option<String>,
    /// What the customer does.
    #[serde(default)]
    pub doing: Option<String>,
    /// What the customer thinks.
    #[serde(default)]
    pub thinking: Option<String>,
    /// How the customer feels: −2 (very negative) … +2 (very positive).
    #[serde(default)]
    #[schemars(range(min = -2, max = 2))]
    pub emotion: Option<i64>,
    /// Pains.
    #[serde(default)]
    pub pains: Vec<String>,
    /// Opportunities.
    #[serde(default)]
    pub opportunities: Vec<String>,
    /// Departments behind the step.
    #[serde(default)]
    pub owners: Vec<String>,
    /// Ids of the insights shown on the step.
    #[serde(default)]
    #[schemars(extend("x-cxsite-ref" = "insight"))]
    pub insights: Vec<String>,
}

/// touchpoint | experience.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum StepType {
    /// A contact moment the organisation designed.
    #[default]
    Touchpoint,
    /// A moment in the customer's head or life.
    Experience,
}

impl Choices for StepType {
    const CHOICES: &'static [&'static str] = &["touchpoint", "experience"];
}

impl StepType {
    /// The YAML spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            StepType::Touchpoint => "touchpoint",
            StepType::Experience => "experience",
        }
    }
}

/// The moments of truth.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum MomentOfTruth {
    /// Zero moment: research before meeting the product.
    Zmot,
    /// First moment: choosing and buying.
    Fmot,
    /// Second moment: using it.
    Smot,
    /// Ultimate moment: sharing the experience.
    Umot,
}

impl Choices for MomentOfTruth {
    const CHOICES: &'static [&'static str] = &["zmot", "fmot", "smot", "umot"];
}

impl MomentOfTruth {
    /// The YAML spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            MomentOfTruth::Zmot => "zmot",
            MomentOfTruth::Fmot => "fmot",
            MomentOfTruth::Smot => "smot",
            MomentOfTruth::Umot => "umot",
        }
    }
}
