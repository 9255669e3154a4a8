//! metaphors.html: the seven deep metaphors (Zaltman) as a map, each with the
//! quotes that voice it, the insights they support and how many personas
//! speak in it. Metaphors without evidence are shown faded, not hidden.

use std::collections::BTreeSet;

use serde::Serialize;

use super::links::Link;
use crate::i18n;
use crate::link::Site;
use crate::model::{Metaphor, RefKind};

/// The context of metaphors.html.
#[derive(Serialize)]
pub struct MetaphorsContext<'a> {
    /// "Metaphors".
    pub page_title: &'static str,
    /// The seven metaphors, in a fixed order.
    pub metaphors: Vec<MetaphorEntry<'a>>,
    /// Quotes and metrics with a metaphor, in all.
    pub total: usize,
}

/// One metaphor with what voices it.
#[derive(Serialize)]
pub struct MetaphorEntry<'a> {
    /// As written in YAML (`journey`).
    pub id: &'static str,
    /// Its name in the site's language.
    pub label: &'static str,
    /// What it is about, one line.
    pub hint: &'static str,
    /// The quotes and metrics that carry it, in insight order.
    pub quotes: Vec<MetaphorQuote<'a>>,
    /// The distinct insights they support.
    pub insights: Vec<Link<'a>>,
    /// How many distinct personas speak in its quotes: a registered source's
    /// persona, or for a source written as free text the insight's personas.
    pub personas: usize,
    /// No evidence carries it (shown faded).
    pub empty: bool,
}

/// A quote (or metric) under its metaphor.
#[derive(Serialize)]
pub struct MetaphorQuote<'a> {
    /// The words.
    pub text: &'a str,
    /// Whether it is a quote (else a metric).
    pub quote: bool,
    /// The source's title (or text as written), if any.
    pub source: Option<&'a str>,
    /// The source's page when `sources.yaml` names it.
    pub source_url: Option<String>,
    /// The insight it backs.
    pub insight: Link<'a>,
}

/// Whether any evidence of the site names a metaphor (the page and its nav link exist only then;
/// the nav reads `site.counts.metaphors`).
pub fn has_any(site: &Site) -> bool {
    site.insights.iter().any(|i| i.data.evidence.iter().any(|e| e.metaphor.is_some()))
}

/// The seven metaphors of `site`.
pub fn entries(site: &Site) -> Vec<MetaphorEntry<'_>> {
    let labels = i18n::labels(site.config.language);
    let label = |key: String| labels.get(key.as_str()).copied().unwrap_or_default();
    Metaphor::ALL
        .iter()
        .map(|&m| {
            let mut quotes = Vec::new();
            let mut insights: Vec<Link> = Vec::new();
            let mut personas: BTreeSet<&str> = BTreeSet::new();
            for it in &site.insights {
                let mut here = false;
                for e in it.data.evidence.iter().filter(|e| e.metaphor == Some(m)) {
                    let text = e.quote.as_deref().or(e.metric.as_deref()).unwrap_or_default();
                    let known = e.source.as_deref().filter(|id| site.research_source(id).is_some());
                    // Who speaks: the persona of a registered source (none if it names none);
                    // for a source written as free text, the personas the insight concerns.
                    match known.and_then(|id| site.research_source(id)) {
                        Some(s) => personas.extend(s.persona.as_deref().filter(|p| site.persona(p).is_some())),
                        None => personas
                            .extend(it.data.personas.iter().map(String::as_str).filter(|p| site.persona(p).is_some())),
                    }
                    quotes.push(MetaphorQuote {
                        text,
                        quote: e.quote.is_some(),
                        source: e.source.as_deref().map(|s| site.source_label(s)),
                        source_url: known.map(|id| crate::render::url(RefKind::Source, id)),
                        insight: Link::new(RefKind::Insight, &it.id, &it.data.title),
                    });
                    here = true;
                }
                if here {
                    insights.push(Link::new(RefKind::Insight, &it.id, &it.data.title));
                }
            }
            MetaphorEntry {
                id: m.as_str(),
                label: label(format!("metaphor_{}", m.as_str())),
                hint: label(format!("metaphor_{}_hint", m.as_str())),
                empty: quotes.is_empty(),
                quotes,
                insights,
                personas: personas.len(),
            }
        })
        .collect()
}

/// The context of metaphors.html.
pub fn page<'a>(site: &'a Site, page_title: &'static str) -> MetaphorsContext<'a> {
    let metaphors = entries(site);
    MetaphorsContext { page_title, total: metaphors.iter().map(|m| m.quotes.len()).sum(), metaphors }
}
