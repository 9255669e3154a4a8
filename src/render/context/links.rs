//! The small shapes many pages share: a link to an item, an insight with its summary.

use serde::Serialize;

use super::super::url;
use crate::link::Site;
use crate::model::RefKind;

/// A link to an item's page: `{ id, title, url }`.
#[derive(Serialize, Clone)]
pub struct Link<'a> {
    /// The item's id.
    pub id: &'a str,
    /// Its title (a persona's name).
    pub title: &'a str,
    /// Its page, site-relative (prefix it with `root`).
    pub url: String,
}

impl<'a> Link<'a> {
    /// The link to the item `id` of `kind`, shown as `title`.
    pub fn new(kind: RefKind, id: &'a str, title: &'a str) -> Link<'a> {
        Link { id, title, url: url(kind, id) }
    }
}

/// A list of related insights longer than this shows titles only (in
/// columns): the summaries of hundreds of insights are a wall of text that
/// the insights list, filtered to the same insights, shows better as cards.
pub const SUMMARIES_UP_TO: usize = 40;

/// Whether a list of `n` related insights shows each insight's summary.
pub fn with_summaries(n: usize) -> bool {
    n <= SUMMARIES_UP_TO
}

/// An insight in a list of related insights: `{ id, title, summary, url }`.
#[derive(Serialize)]
pub struct InsightLink<'a> {
    /// The insight's id.
    pub id: &'a str,
    /// Its title.
    pub title: &'a str,
    /// Its summary.
    pub summary: &'a str,
    /// Its page, site-relative.
    pub url: String,
}

/// The insights of `ids` that exist, in that order.
pub fn insight_links<'a>(site: &'a Site, ids: &[String]) -> Vec<InsightLink<'a>> {
    ids.iter()
        .filter_map(|id| site.insight(id))
        .map(|i| InsightLink {
            id: &i.id,
            title: &i.data.title,
            summary: &i.data.summary,
            url: url(RefKind::Insight, &i.id),
        })
        .collect()
}
