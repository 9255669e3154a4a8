//! Insights (SPEC §3): one finding, worked out in three layers.

use serde::{Deserialize, Serialize};

use super::Choices;

/// An insight as written in `insights/**/*.yaml`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(extend("dependentRequired" = {"stage": ["journey"]}))]
#[serde(deny_unknown_fields)]
pub struct Insight {
    /// Headline of the insight.
    pub title: String,
    /// One or two plain-text sentences.
    pub summary: String,
    /// Layer 1 (Markdown): deep drivers, needs and feelings.
    #[serde(default)]
    pub emotional: Option<String>,
    /// Layer 2 (Markdown): behaviour that can be seen and measured.
    #[serde(default)]
    pub functional: Option<String>,
    /// Layer 3 (Markdown): what would change the experience.
    #[serde(default)]
    pub breakthrough: Option<String>,
    /// Ids of the personas this insight is about (one id or a list).
    #[serde(default, deserialize_with = "super::one_or_many")]
    #[schemars(schema_with = "super::one_or_many_schema", extend("x-cxsite-ref" = "persona"))]
    pub personas: Vec<String>,
    /// Id of the journey this insight belongs to.
    #[serde(default)]
    #[schemars(extend("x-cxsite-ref" = "journey"))]
    pub journey: Option<String>,
    /// Id of a stage inside `journey` (needs `journey`).
    #[serde(default)]
    #[schemars(extend("x-cxsite-ref" = "stage"))]
    pub stage: Option<String>,
    /// Ids of heuristics and biases (built-in catalogue or `biases.yaml`).
    #[serde(default, deserialize_with = "super::one_or_many")]
    #[schemars(schema_with = "super::one_or_many_schema", extend("x-cxsite-ref" = "bias"))]
    pub biases: Vec<String>,
    /// Quotes and metrics behind the insight.
    #[serde(default)]
    pub evidence: Vec<Evidence>,
    /// How sure the team is.
    #[serde(default)]
    pub confidence: Level,
    /// How much it matters.
    #[serde(default)]
    pub impact: Level,
    /// Free tags, for filtering (one tag or a list).
    #[serde(default, deserialize_with = "super::one_or_many")]
    #[schemars(schema_with = "super::one_or_many_schema")]
    pub tags: Vec<String>,
    /// Draft insights are left out unless `--drafts`.
    #[serde(default)]
    pub status: Status,
    /// Date of the insight, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(regex(pattern = super::ISO_DATE_PATTERN))]
    pub date: Option<String>,
    /// For the team only: left out of a normal build, shown marked with `--internal`.
    #[serde(default)]
    pub internal: bool,
}

/// One piece of evidence: exactly one of `quote` or `metric`.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[schemars(extend("oneOf" = [{"required": ["quote"]}, {"required": ["metric"]}]))]
#[serde(deny_unknown_fields)]
pub struct Evidence {
    /// What a customer said.
    #[serde(default)]
    pub quote: Option<String>,
    /// A measured fact.
    #[serde(default)]
    pub metric: Option<String>,
    /// Where it comes from: a source id from `sources.yaml` when the project has one, free text otherwise.
    #[serde(default)]
    #[schemars(extend("x-cxsite-ref" = "source"))]
    pub source: Option<String>,
    /// Kind of research.
    #[serde(default, rename = "type")]
    pub kind: Option<EvidenceType>,
    /// The deep metaphor the quote voices (Zaltman): balance, transformation, journey, container, connection,
    /// resource or control.
    #[serde(default)]
    pub metaphor: Option<Metaphor>,
    /// For the team only: left out of a normal build, shown marked with `--internal`.
    #[serde(default)]
    pub internal: bool,
}

/// The seven deep metaphors of Zaltman's metaphor elicitation research: the
/// frames customers reach for when they talk about an experience.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Metaphor {
    /// Balance: equilibrium, fairness, things evening out.
    Balance,
    /// Transformation: becoming someone or something else.
    Transformation,
    /// Journey: a path with a start, obstacles and a destination.
    Journey,
    /// Container: being kept in or out, safe inside, trapped.
    Container,
    /// Connection: belonging, being related to others or to oneself.
    Connection,
    /// Resource: something that gives energy, means or help.
    Resource,
    /// Control: mastery, being in charge, or at someone's mercy.
    Control,
}

impl Choices for Metaphor {
    const CHOICES: &'static [&'static str] =
        &["balance", "transformation", "journey", "container", "connection", "resource", "control"];
}

impl Metaphor {
    /// Every metaphor, in the order of the metaphors page.
    pub const ALL: [Metaphor; 7] = [
        Metaphor::Balance,
        Metaphor::Transformation,
        Metaphor::Journey,
        Metaphor::Container,
        Metaphor::Connection,
        Metaphor::Resource,
        Metaphor::Control,
    ];

    /// The YAML spelling.
    pub fn as_str(self) -> &'static str {
        Self::CHOICES[self as usize]
    }
}

/// Kind of research behind a piece of evidence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum EvidenceType {
    /// An interview.
    Interview,
    /// A survey.
    Survey,
    /// Observation.
    Observation,
    /// Analytics data.
    Analytics,
    /// Social media.
    Social,
    /// NPS comments.
    Nps,
    /// Desk research.
    Desk,
}

impl Choices for EvidenceType {
    const CHOICES: &'static [&'static str] =
        &["interview", "survey", "observation", "analytics", "social", "nps", "desk"];
}

/// high | medium | low.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    /// High.
    High,
    /// Medium (the default).
    #[default]
    Medium,
    /// Low.
    Low,
}

impl Choices for Level {
    const CHOICES: &'static [&'static str] = &["high", "medium", "low"];
}

impl Level {
    /// Every level, from high to low (`as usize` indexes this order).
    pub const ALL: [Level; 3] = [Level::High, Level::Medium, Level::Low];

    /// The YAML spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Level::High => "high",
            Level::Medium => "medium",
            Level::Low => "low",
        }
    }
}

/// draft | review | final.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Left out of the site unless `--drafts`.
    Draft,
    /// Under review.
    Review,
    /// Done (the default).
    #[default]
    Final,
}

impl Choices for Status {
    const CHOICES: &'static [&'static str] = &["draft", "review", "final"];
}

impl Status {
    /// Every status, in the order of work (`as usize` indexes this order).
    pub const ALL: [Status; 3] = [Status::Draft, Status::Review, Status::Final];

    /// The YAML spelling.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Review => "review",
            Status::Final => "final",
        }
    }
}
