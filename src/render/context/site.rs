//! `site`: what every page shows of the project (header, cover, footer).

use serde::Serialize;

use crate::link::Site;
use crate::{color, dates};

/// `site`, given to every page template (not to partials and embeds).
#[derive(Serialize)]
pub struct SiteInfo<'a> {
    /// `title` of cxsite.yaml.
    pub title: &'a str,
    /// `subtitle`, or null.
    pub subtitle: Option<&'a str>,
    /// `client`, or null.
    pub client: Option<&'a str>,
    /// `author`, or null.
    pub author: Option<&'a str>,
    /// `date` as written (`YYYY-MM-DD`), or null.
    pub date: Option<&'a str>,
    /// `date` written out in the site's language, or null.
    pub date_text: Option<String>,
    /// The language code (`en`, `nl`).
    pub lang: &'static str,
    /// `confidential`.
    pub confidential: bool,
    /// `credit`.
    pub credit: bool,
    /// An `--internal` build (for the team): every page carries a banner.
    pub internal: bool,
    /// `accent_color` as written, or null.
    pub accent_color: Option<&'a str>,
    /// The accent colour worked out for the theme, or null without `accent_color`.
    pub accent: Option<AccentColors>,
    /// The logo's site-relative path, or null.
    pub logo: Option<&'a str>,
    /// `base_url` without a trailing `/` (empty when not set).
    pub base_url: &'a str,
    /// How many items of each kind the site holds.
    pub counts: Counts,
    /// "Changes since the delivery of …" when the site compares with an
    /// earlier delivery (`since`), for the cover's link to changes.html; else null.
    pub changes: Option<String>,
}

/// The accent colour and the colours derived from it. A colour cxsite cannot
/// read has only `color` (the other keys are missing, not null).
#[derive(Serialize)]
pub struct AccentColors {
    /// The colour itself: borders, bars, backgrounds (`#rrggbb`, or as written).
    pub color: String,
    /// Text and links in the accent, readable on white.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ink: Option<String>,
    /// Text on an accent background.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub on: Option<String>,
    /// The far end of the cover's gradient.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deep: Option<String>,
}

/// How many items of each kind the site holds.
#[derive(Serialize)]
pub struct Counts {
    /// Insights.
    pub insights: usize,
    /// Personas.
    pub personas: usize,
    /// Journeys.
    pub journeys: usize,
    /// Kano studies.
    pub kano: usize,
    /// NPS series.
    pub nps: usize,
    /// Narratives.
    pub narratives: usize,
    /// Biases (built-in and the project's).
    pub biases: usize,
    /// Entries of `sources.yaml` (0 without it); sources.html exists when this is not 0.
    pub sources: usize,
    /// Evidence items that name a deep metaphor (metaphors.html exists when this is not 0).
    pub metaphors: usize,
}

/// `site` for `site`'s pages.
pub fn site_info(site: &Site) -> SiteInfo<'_> {
    let c = &site.config;
    SiteInfo {
        title: &c.title,
        subtitle: c.subtitle.as_deref(),
        client: c.client.as_deref(),
        author: c.author.as_deref(),
        date: c.date.as_deref(),
        date_text: c.date.as_deref().map(|d| dates::long(c.language, d)),
        lang: c.language.code(),
        confidential: c.confidential,
        credit: c.credit,
        internal: site.internal,
        accent_color: c.accent_color.as_deref(),
        accent: c.accent_color.as_deref().map(|a| match color::accent(a) {
            Some(x) => AccentColors { color: x.color, ink: Some(x.ink), on: Some(x.on), deep: Some(x.deep) },
            None => AccentColors { color: a.to_string(), ink: None, on: None, deep: None },
        }),
        logo: c.logo.as_deref().and_then(|l| site.file_url(l)),
        base_url: c.base_url.trim_end_matches('/'),
        changes: site.changes.as_ref().map(|ch| super::changes::heading(c.language, ch.since())),
        counts: Counts {
            insights: site.insights.len(),
            personas: site.personas.len(),
            journeys: site.journeys.len(),
            kano: site.kano.len(),
            nps: site.nps.len(),
            narratives: site.narratives.len(),
            biases: site.biases.len(),
            sources: site.sources.as_ref().map_or(0, |r| r.data.len()),
            metaphors: site
                .insights
                .iter()
                .map(|i| i.data.evidence.iter().filter(|e| e.metaphor.is_some()).count())
                .sum(),
        },
    }
}
