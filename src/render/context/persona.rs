//! Personas: the card (lists, embeds), the avatar, and the page.

use serde::Serialize;

use super::super::{url, PageResolver};
use super::journey::{sparkline, Sparkline};
use super::links::{insight_links, with_summaries, InsightLink, Link};
use crate::link::Site;
use crate::model::{persona::fact_text, Item, Persona, RefKind};

/// `item` of partials/persona-card.html and embeds/persona.html; an entry of `personas`.
#[derive(Serialize)]
pub struct PersonaCard<'a> {
    /// The id (the file stem).
    pub id: &'a str,
    /// The name.
    pub name: &'a str,
    /// The name again, so a persona can be shown where any item's `title` is.
    pub title: &'a str,
    /// `new` or `changed` since the earlier delivery (with `since`), else null.
    pub change: Option<&'static str>,
    /// The tagline, or null.
    pub tagline: Option<&'a str>,
    /// The quote, or null.
    pub quote: Option<&'a str>,
    /// The temperament (`guardian`, `artisan`, `idealist`, `rational`), or null.
    pub temperament: Option<&'static str>,
    /// The persona's page, site-relative.
    pub url: String,
    /// The photo's site-relative path, or null.
    pub photo: Option<&'a str>,
    /// Initials for an avatar without a photo.
    pub initials: String,
    /// A stable colour slot (0–5) for that avatar.
    pub colour: u32,
    /// How many insights concern this persona.
    pub insight_count: usize,
    /// `internal: true` (only in an `--internal` build: a client build holds no internal item).
    pub internal: bool,
}

/// `persona` of persona.html: the card and the persona's own page data.
#[derive(Serialize)]
pub struct PersonaDetail<'a> {
    /// What the card shows.
    #[serde(flatten)]
    pub card: PersonaCard<'a>,
    /// `about` as HTML, or null.
    pub about_html: Option<String>,
    /// The facts as written, in their order.
    pub facts: Vec<Fact>,
    /// Goals, needs, pains, motivations, behaviours, channels, in that order.
    pub lists: [PersonaList<'a>; 6],
    /// The insights that concern this persona.
    pub insights: Vec<InsightLink<'a>>,
    /// Whether the list shows summaries (false: titles only, a long list; see [`with_summaries`]).
    pub insights_with_summaries: bool,
    /// The journeys of this persona, each with its emotion sparkline.
    pub journeys: Vec<JourneyWithSparkline<'a>>,
    /// The mindmap of this persona's insights; null when it has none.
    pub mindmap: Option<super::mindmap::Mindmap<'a>>,
}

/// One fact about a persona: `{ key, value }`, both as text.
#[derive(Serialize)]
pub struct Fact {
    /// What the fact is about.
    pub key: String,
    /// The fact.
    pub value: String,
}

/// One of a persona's lists: `{ key, items }`.
#[derive(Serialize)]
pub struct PersonaList<'a> {
    /// `goals`, `needs`, `pains`, `motivations`, `behaviours` or `channels`.
    pub key: &'static str,
    /// The entries (possibly none).
    pub items: &'a [String],
}

/// A link to a journey with its sparkline.
#[derive(Serialize)]
pub struct JourneyWithSparkline<'a> {
    /// The journey.
    #[serde(flatten)]
    pub link: Link<'a>,
    /// Its emotion sparkline.
    #[serde(flatten)]
    pub sparkline: Sparkline,
}

/// Initials for an avatar: first letters of the first and last word.
fn initials(name: &str) -> String {
    let words: Vec<&str> =
        name.split_whitespace().filter(|w| w.chars().next().is_some_and(char::is_alphabetic)).collect();
    let first = |w: &str| w.chars().next().map(|c| c.to_uppercase().to_string()).unwrap_or_default();
    match words.as_slice() {
        [] => "?".into(),
        [one] => first(one),
        [a, .., b] => format!("{}{}", first(a), first(b)),
    }
}

/// A stable colour slot (0–5) for an avatar.
fn colour_slot(id: &str) -> u32 {
    id.bytes().fold(7u32, |h, b| h.wrapping_mul(31).wrapping_add(u32::from(b))) % 6
}

/// The card of `p`.
pub fn card<'a>(site: &'a Site, p: &'a Item<Persona>) -> PersonaCard<'a> {
    let d = &p.data;
    PersonaCard {
        id: &p.id,
        name: &d.name,
        title: &d.name,
        change: site.changes.as_ref().and_then(|c| c.persona_status(&p.id)),
        tagline: d.tagline.as_deref(),
        quote: d.quote.as_deref(),
        temperament: d.temperament.map(|t| t.as_str()),
        url: url(RefKind::Persona, &p.id),
        photo: d.photo.as_deref().and_then(|ph| site.file_url(ph)),
        initials: initials(&d.name),
        colour: colour_slot(&p.id),
        insight_count: site.backlinks.persona_insights.get(&p.id).map_or(0, Vec::len),
        internal: d.internal,
    }
}

/// The page data of `p`.
pub fn detail<'a>(site: &'a Site, pr: &PageResolver, p: &'a Item<Persona>) -> PersonaDetail<'a> {
    let d = &p.data;
    let journeys = site
        .backlinks
        .persona_journeys
        .get(&p.id)
        .map(|ids| {
            ids.iter()
                .filter_map(|j| site.journey(j))
                .map(|j| JourneyWithSparkline {
                    link: Link::new(RefKind::Journey, &j.id, &j.data.title),
                    sparkline: sparkline(&j.id, &j.data, site.config.language),
                })
                .collect()
        })
        .unwrap_or_default();
    let list = |key, items| PersonaList { key, items };
    let insights = site.backlinks.persona_insights.get(&p.id).map(|ids| insight_links(site, ids)).unwrap_or_default();
    PersonaDetail {
        card: card(site, p),
        about_html: d.about.as_deref().map(|a| pr.markdown(a, "about", &p.file.rel)),
        facts: d.facts.iter().map(|(k, v)| Fact { key: fact_text(k), value: fact_text(v) }).collect(),
        lists: [
            list("goals", &d.goals),
            list("needs", &d.needs),
            list("pains", &d.pains),
            list("motivations", &d.motivations),
            list("behaviours", &d.behaviours),
            list("channels", &d.channels),
        ],
        insights_with_summaries: with_summaries(insights.len()),
        insights,
        journeys,
        mindmap: site
            .backlinks
            .persona_insights
            .get(&p.id)
            .is_some_and(|ids| !ids.is_empty())
            .then(|| super::mindmap::build(site, pr.root(), &format!("mindmap-{}", p.id), Some(&p.id))),
    }
}

/// The context of personas.html.
#[derive(Serialize)]
pub struct PersonasContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// Every persona's card.
    pub personas: Vec<PersonaCard<'a>>,
}

/// The context of persona.html.
#[derive(Serialize)]
pub struct PersonaContext<'a> {
    /// The persona's name.
    pub page_title: &'a str,
    /// The persona.
    pub persona: PersonaDetail<'a>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn avatar_initials_take_the_first_and_last_word() {
        assert_eq!(initials("Sanne the Starter"), "SS");
        assert_eq!(initials("Bert"), "B");
        assert_eq!(initials("  "), "?");
    }
}
