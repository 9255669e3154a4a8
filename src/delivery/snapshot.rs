//! `cxsite-data.json`: the checked model as published, with a schema
//! version (SPEC §10, documented field by field in `docs/data.md`).
//!
//! It is made from the linked [`Site`] and the analysis [`Results`], so it
//! holds exactly what the site shows: drafts only with `--drafts`, internal
//! material only with `--internal`, redacted terms already replaced. The
//! same types read an earlier delivery back for `changes.html` and
//! `cxsite diff`.

use serde::{Deserialize, Serialize};

use crate::analysis::Results;
use crate::link::Site;
use crate::model::{EvidenceType, KanoCategory, Level, Metaphor, MomentOfTruth, Status, StepType, Temperament};

/// The version of the snapshot format this cxsite writes and reads.
pub const SCHEMA_VERSION: u32 = 1;

/// The file name of the snapshot in every site.
pub const FILE_NAME: &str = "cxsite-data.json";

/// One delivery of a study, as data.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct Snapshot {
    /// The format's version ([`SCHEMA_VERSION`]).
    pub schema_version: u32,
    /// The cxsite that wrote it, e.g. `cxsite 0.1.0`.
    #[serde(default)]
    pub generator: String,
    /// The study's title (`cxsite.yaml`).
    pub title: String,
    /// Its subtitle.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The client.
    #[serde(default)]
    pub client: Option<String>,
    /// The date on the cover (`cxsite.yaml`'s `date`).
    #[serde(default)]
    pub date: Option<String>,
    /// The day of the build (`YYYY-MM-DD`, UTC; from `SOURCE_DATE_EPOCH` when set).
    pub built: String,
    /// `en` or `nl`.
    #[serde(default)]
    pub language: String,
    /// The insights in the site's order.
    #[serde(default)]
    pub insights: Vec<InsightData>,
    /// The personas.
    #[serde(default)]
    pub personas: Vec<PersonaData>,
    /// The journeys.
    #[serde(default)]
    pub journeys: Vec<JourneyData>,
    /// The Kano studies with their results.
    #[serde(default)]
    pub kano: Vec<KanoData>,
    /// The NPS series with their results.
    #[serde(default)]
    pub nps: Vec<NpsData>,
    /// The chapters, in reading order.
    #[serde(default)]
    pub chapters: Vec<ChapterData>,
    /// The sources register (`sources.yaml`), when there is one.
    #[serde(default)]
    pub sources: Vec<SourceData>,
}

/// An insight with its three layers and its evidence.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct InsightData {
    /// Its id (the file name).
    pub id: String,
    /// Title.
    pub title: String,
    /// One-sentence summary.
    pub summary: String,
    /// The emotional layer (Markdown).
    #[serde(default)]
    pub emotional: Option<String>,
    /// The functional layer (Markdown).
    #[serde(default)]
    pub functional: Option<String>,
    /// The breakthrough layer (Markdown).
    #[serde(default)]
    pub breakthrough: Option<String>,
    /// Persona ids.
    #[serde(default)]
    pub personas: Vec<String>,
    /// Journey id.
    #[serde(default)]
    pub journey: Option<String>,
    /// Stage id within the journey.
    #[serde(default)]
    pub stage: Option<String>,
    /// Bias ids.
    #[serde(default)]
    pub biases: Vec<String>,
    /// Tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// `low`, `medium` or `high`.
    pub confidence: Level,
    /// `low`, `medium` or `high`.
    pub impact: Level,
    /// `draft`, `review` or `final`.
    pub status: Status,
    /// The insight's date.
    #[serde(default)]
    pub date: Option<String>,
    /// Quotes and metrics.
    #[serde(default)]
    pub evidence: Vec<EvidenceData>,
}

/// A quote or a metric.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct EvidenceData {
    /// A quote (exactly one of quote and metric is set).
    #[serde(default)]
    pub quote: Option<String>,
    /// A metric.
    #[serde(default)]
    pub metric: Option<String>,
    /// The source: a `sources.yaml` id, or free text without a register.
    #[serde(default)]
    pub source: Option<String>,
    /// The method, own or inherited from the source.
    #[serde(default, rename = "type")]
    pub kind: Option<EvidenceType>,
    /// The deep metaphor it voices (Zaltman), if any.
    #[serde(default)]
    pub metaphor: Option<Metaphor>,
}

/// A persona.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PersonaData {
    /// Its id.
    pub id: String,
    /// Name.
    pub name: String,
    /// One line under the name.
    #[serde(default)]
    pub tagline: Option<String>,
    /// Their quote.
    #[serde(default)]
    pub quote: Option<String>,
    /// Keirsey temperament.
    #[serde(default)]
    pub temperament: Option<Temperament>,
    /// About them (Markdown).
    #[serde(default)]
    pub about: Option<String>,
    /// Facts as label and value, in the file's order.
    #[serde(default)]
    pub facts: Vec<(String, String)>,
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
    /// Channels.
    #[serde(default)]
    pub channels: Vec<String>,
}

/// A journey with its stages and steps.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct JourneyData {
    /// Its id.
    pub id: String,
    /// Title.
    pub title: String,
    /// The persona whose journey it is.
    #[serde(default)]
    pub persona: Option<String>,
    /// Stages in order.
    #[serde(default)]
    pub stages: Vec<StageData>,
}

/// A stage of a journey.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StageData {
    /// Its id within the journey.
    pub id: String,
    /// Name.
    pub name: String,
    /// `zmot`, `fmot`, `smot` or `umot`.
    #[serde(default)]
    pub moment_of_truth: Option<MomentOfTruth>,
    /// Steps in order.
    #[serde(default)]
    pub steps: Vec<StepData>,
}

/// A step of a stage.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct StepData {
    /// Name (steps are matched by name within their journey).
    pub name: String,
    /// `touchpoint` (the organisation's) or `experience` (the customer's).
    #[serde(rename = "type")]
    pub kind: StepType,
    /// Days since the journey's start.
    #[serde(default)]
    pub day: Option<f64>,
    /// Channel.
    #[serde(default)]
    pub channel: Option<String>,
    /// Emotion from −2 to +2.
    #[serde(default)]
    pub emotion: Option<i64>,
    /// Ids of the insights behind the step.
    #[serde(default)]
    pub insights: Vec<String>,
}

/// A Kano study with each feature's result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct KanoData {
    /// Its id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Features in the file's order.
    #[serde(default)]
    pub features: Vec<FeatureData>,
}

/// A Kano feature's result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct FeatureData {
    /// Its id within the study.
    pub id: String,
    /// Name.
    pub name: String,
    /// The category shown: computed from answers, else as stated.
    pub category: KanoCategory,
    /// Respondents.
    #[serde(default)]
    pub n: u64,
    /// Better coefficient (0…1), from answers.
    #[serde(default)]
    pub better: Option<f64>,
    /// Worse coefficient (−1…0), from answers.
    #[serde(default)]
    pub worse: Option<f64>,
    /// Stated importance.
    #[serde(default)]
    pub importance: Option<f64>,
}

/// An NPS series with each period's result.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct NpsData {
    /// Its id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Periods in order.
    #[serde(default)]
    pub periods: Vec<PeriodData>,
}

/// One NPS measurement.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct PeriodData {
    /// The period's label.
    pub period: String,
    /// Promoters (9–10).
    pub promoters: u64,
    /// Passives (7–8).
    pub passives: u64,
    /// Detractors (0–6).
    pub detractors: u64,
    /// NPS, rounded, −100…100 (null without respondents).
    #[serde(default)]
    pub nps: Option<i64>,
    /// 95 % margin of error in NPS points.
    #[serde(default)]
    pub margin: Option<f64>,
}

/// A chapter of the narrative report.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct ChapterData {
    /// Its id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Summary (front matter).
    #[serde(default)]
    pub summary: Option<String>,
}

/// A research source of `sources.yaml`.
#[derive(Debug, Clone, Serialize, Deserialize, PartialEq)]
pub struct SourceData {
    /// Its id.
    pub id: String,
    /// Title.
    pub title: String,
    /// Method.
    #[serde(default, rename = "type")]
    pub kind: Option<EvidenceType>,
    /// Date.
    #[serde(default)]
    pub date: Option<String>,
    /// Participants.
    #[serde(default)]
    pub participants: Option<u64>,
    /// Persona id.
    #[serde(default)]
    pub persona: Option<String>,
    /// Segment.
    #[serde(default)]
    pub segment: Option<String>,
}

impl Snapshot {
    /// The snapshot of a checked and analysed site.
    pub fn of(site: &Site, results: &Results) -> Snapshot {
        let register = site.sources.as_ref().map(|r| &*r.data);
        let insights = site.insights.iter().map(|i| insight_data(i, register)).collect();
        Snapshot { insights, ..Snapshot::without_insights(site, results) }
    }

    /// [`Snapshot::of`] with an empty list of insights (see [`super::stream`]).
    pub(super) fn without_insights(site: &Site, results: &Results) -> Snapshot {
        let c = &site.config;
        let register = site.sources.as_ref().map(|r| &*r.data);
        Snapshot {
            schema_version: SCHEMA_VERSION,
            generator: format!("cxsite {}", env!("CARGO_PKG_VERSION")),
            title: c.title.clone(),
            subtitle: c.subtitle.clone(),
            client: c.client.clone(),
            date: c.date.clone(),
            built: build_day(),
            language: c.language.code().to_string(),
            insights: Vec::new(),
            personas: site.personas.iter().map(|p| persona(&p.id, &p.data)).collect(),
            journeys: site
                .journeys
                .iter()
                .map(|j| JourneyData {
                    id: j.id.clone(),
                    title: j.data.title.clone(),
                    persona: j.data.persona.clone(),
                    stages: j
                        .data
                        .stages
                        .iter()
                        .map(|s| StageData {
                            id: s.id.clone(),
                            name: s.name.clone(),
                            moment_of_truth: s.moment_of_truth,
                            steps: s
                                .steps
                                .iter()
                                .map(|st| StepData {
                                    name: st.name.clone(),
                                    kind: st.kind,
                                    day: st.day,
                                    channel: st.channel.clone(),
                                    emotion: st.emotion,
                                    insights: st.insights.clone(),
                                })
                                .collect(),
                        })
                        .collect(),
                })
                .collect(),
            kano: site
                .kano
                .iter()
                .map(|k| KanoData {
                    id: k.id.clone(),
                    title: k.data.title.clone(),
                    features: results
                        .kano
                        .get(&k.id)
                        .into_iter()
                        .flatten()
                        .map(|f| FeatureData {
                            id: f.id.clone(),
                            name: f.name.clone(),
                            category: f.category,
                            n: f.n,
                            better: f.better.map(round4),
                            worse: f.worse.map(round4),
                            importance: f.importance,
                        })
                        .collect(),
                })
                .collect(),
            nps: site
                .nps
                .iter()
                .map(|n| NpsData {
                    id: n.id.clone(),
                    title: n.data.title.clone(),
                    periods: results
                        .nps
                        .get(&n.id)
                        .into_iter()
                        .flatten()
                        .map(|p| PeriodData {
                            period: p.period.clone(),
                            promoters: p.counts.promoters,
                            passives: p.counts.passives,
                            detractors: p.counts.detractors,
                            nps: p.nps,
                            margin: p.margin.map(|m| (m * 10.0).round() / 10.0),
                        })
                        .collect(),
                })
                .collect(),
            chapters: site
                .narratives
                .iter()
                .map(|n| ChapterData {
                    id: n.id.clone(),
                    title: n.data.front.title.clone(),
                    summary: n.data.front.summary.clone(),
                })
                .collect(),
            sources: register
                .into_iter()
                .flatten()
                .map(|(id, s)| SourceData {
                    id: id.clone(),
                    title: s.title.clone(),
                    kind: s.kind,
                    date: s.date.clone(),
                    participants: s.participants,
                    persona: s.persona.clone(),
                    segment: s.segment.clone(),
                })
                .collect(),
        }
    }

    /// The snapshot as the bytes of `cxsite-data.json`: one item per line
    /// ([`super::lines`]), keys in a fixed order, a final newline.
    pub fn to_json(&self) -> String {
        let mut out = Vec::new();
        let _ = self.write_json(&mut out);
        String::from_utf8(out).unwrap_or_default()
    }

    /// Writes the bytes of [`Snapshot::to_json`] to `w` as they are made
    /// (`build` streams the file: at 10,000 insights the text is 17 MB).
    pub fn write_json(&self, mut w: impl std::io::Write) -> std::io::Result<()> {
        super::lines::write(&mut w, self)?;
        w.write_all(b"\n")
    }
}

/// One insight as data (`register` gives evidence its source's method).
pub(super) fn insight_data(
    i: &crate::model::Item<crate::model::Insight>,
    register: Option<&crate::model::research::Register>,
) -> InsightData {
    let d = &i.data;
    InsightData {
        id: i.id.clone(),
        title: d.title.clone(),
        summary: d.summary.clone(),
        emotional: d.emotional.clone(),
        functional: d.functional.clone(),
        breakthrough: d.breakthrough.clone(),
        personas: d.personas.clone(),
        journey: d.journey.clone(),
        stage: d.stage.clone(),
        biases: d.biases.clone(),
        tags: d.tags.clone(),
        confidence: d.confidence,
        impact: d.impact,
        status: d.status,
        date: d.date.clone(),
        evidence: d
            .evidence
            .iter()
            .map(|e| EvidenceData {
                quote: e.quote.clone(),
                metric: e.metric.clone(),
                source: e.source.clone(),
                kind: crate::model::research::evidence_type(e, register),
                metaphor: e.metaphor,
            })
            .collect(),
    }
}

fn persona(id: &str, p: &crate::model::Persona) -> PersonaData {
    let text = |v: &serde_yaml::Value| match v {
        serde_yaml::Value::String(s) => s.clone(),
        serde_yaml::Value::Number(n) => n.to_string(),
        serde_yaml::Value::Bool(b) => b.to_string(),
        other => serde_yaml::to_string(other).unwrap_or_default().trim().to_string(),
    };
    PersonaData {
        id: id.to_string(),
        name: p.name.clone(),
        tagline: p.tagline.clone(),
        quote: p.quote.clone(),
        temperament: p.temperament,
        about: p.about.clone(),
        facts: p.facts.iter().map(|(k, v)| (text(k), text(v))).collect(),
        goals: p.goals.clone(),
        needs: p.needs.clone(),
        pains: p.pains.clone(),
        motivations: p.motivations.clone(),
        behaviours: p.behaviours.clone(),
        channels: p.channels.clone(),
    }
}

/// Coefficients to four decimals: enough for any report, and stable across platforms.
fn round4(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

/// Today (UTC) as `YYYY-MM-DD`, or the day of `SOURCE_DATE_EPOCH` when it is
/// set (reproducible builds).
pub fn build_day() -> String {
    let secs =
        std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).unwrap_or_else(|| {
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_secs() as i64).unwrap_or(0)
        });
    let (y, m, d) = civil_from_days(secs.div_euclid(86_400));
    format!("{y:04}-{m:02}-{d:02}")
}

/// The calendar date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(m <= 2), m, d)
}

#[cfg(test)]
mod tests {
    #[test]
    fn days_become_calendar_dates() {
        assert_eq!(super::civil_from_days(0), (1970, 1, 1));
        // 2000-03-01 is day 11017 (30 years incl. 7 leap days = 10957, + Jan 31 + Feb 29).
        assert_eq!(super::civil_from_days(10_957 + 31 + 29), (2000, 3, 1));
        assert_eq!(super::civil_from_days(-1), (1969, 12, 31));
    }
}
