//! biases.html: every bias with the insights that name it.

use serde::Serialize;

use super::links::{insight_links, InsightLink};
use crate::link::Site;

/// An entry of `biases` on biases.html.
#[derive(Serialize)]
pub struct BiasEntry<'a> {
    /// The id (its anchor on the page).
    pub id: &'a str,
    /// The name.
    pub name: &'a str,
    /// The one-line definition.
    pub description: &'a str,
    /// Where it comes from, or null.
    pub source: Option<&'a str>,
    /// Whether the project's biases.yaml adds or overrides it.
    pub from_project: bool,
    /// The insights that name it.
    pub insights: Vec<InsightLink<'a>>,
}

/// The context of biases.html.
#[derive(Serialize)]
pub struct BiasesContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// Every bias, built-in and the project's.
    pub biases: Vec<BiasEntry<'a>>,
}

/// The context of biases.html.
pub fn page<'a>(site: &'a Site, page_title: &'static str) -> BiasesContext<'a> {
    let biases = site
        .biases
        .iter()
        .map(|b| BiasEntry {
            id: &b.id,
            name: &b.name,
            description: &b.description,
            source: b.source.as_deref(),
            from_project: b.from_project,
            insights: site.backlinks.bias_insights.get(&b.id).map(|ids| insight_links(site, ids)).unwrap_or_default(),
        })
        .collect();
    BiasesContext { page_title, biases }
}
