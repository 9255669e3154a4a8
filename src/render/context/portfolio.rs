//! The context of `portfolio.html`, the index page of `cxsite portfolio`
//! (see `crate::portfolio`): the portfolio's settings, one card per study
//! and the values of the filters. A study's card is also what the
//! portfolio's manifest keeps of it between builds.

use serde::{Deserialize, Serialize};

/// Everything `portfolio.html` gets besides `t` and `root`.
#[derive(Serialize)]
pub struct PortfolioPage<'a> {
    /// `title` of portfolio.yaml.
    pub title: &'a str,
    /// `organisation`, or null.
    pub organisation: Option<&'a str>,
    /// The language code of the labels (`en`, `nl`).
    pub lang: &'static str,
    /// The logo's path in the output, or null.
    pub logo: Option<String>,
    /// `accent_color` as written (checked to be a safe CSS colour), or null.
    pub accent_color: Option<&'a str>,
    /// The studies, newest first (by date; undated last).
    pub studies: Vec<PortfolioCard<'a>>,
    /// Every client of a study, sorted, once each.
    pub clients: Vec<&'a str>,
    /// Every year of a study's date, newest first.
    pub years: Vec<&'a str>,
    /// Every tag of any study's insights, sorted, once each.
    pub tags: Vec<&'a str>,
    /// The cross-study search index's first file, with its version
    /// (`portfolio-search/index.js?v=…`, loaded with a `<script>` tag).
    pub search_index: String,
}

/// One study's card.
#[derive(Serialize)]
pub struct PortfolioCard<'a> {
    /// What the study holds (id, title, subtitle, client, date, year,
    /// language, confidential, counts, nps, tags): see docs/themes.md.
    #[serde(flatten)]
    pub study: &'a StudyCard,
    /// The study's cover page, relative to the portfolio: `ID/index.html`.
    pub href: String,
    /// The date written out in the portfolio's language, or null.
    pub date_text: Option<String>,
    /// The counts as words: "12 insights", "3 personas", …
    pub count_texts: Vec<String>,
}

/// One study's card on the portfolio page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StudyCard {
    /// The project id (its folder name, and its folder in the output).
    pub id: String,
    /// `title` of cxsite.yaml.
    pub title: String,
    /// `subtitle`, if any.
    pub subtitle: Option<String>,
    /// `client`, if any.
    pub client: Option<String>,
    /// `date` (ISO), if any.
    pub date: Option<String>,
    /// The year of `date`, for the year filter.
    pub year: Option<String>,
    /// The study's language code (`en`, `nl`).
    pub language: String,
    /// `confidential: true`.
    pub confidential: bool,
    /// Insights in the site.
    pub insights: usize,
    /// Personas.
    pub personas: usize,
    /// Journeys.
    pub journeys: usize,
    /// Chapters (narratives).
    pub chapters: usize,
    /// Headline NPS: the latest period of the first NPS series, if any.
    pub nps: Option<Headline>,
    /// Every tag of the study's insights, sorted, once each.
    pub tags: Vec<String>,
}

/// The headline NPS of a study.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Headline {
    /// The score, −100…100.
    pub score: i64,
    /// The period it belongs to.
    pub period: String,
    /// The series' title.
    pub series: String,
}
