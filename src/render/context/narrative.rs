//! Narratives: the chapter card (home page, previous/next), the chapter
//! page, and report.html with every chapter.

use serde::Serialize;

use super::super::{url, PageResolver};
use crate::link::Site;
use crate::model::{Item, Narrative, RefKind};

/// A chapter in short: an entry of `chapters` on index.html, `previous` and `next`.
#[derive(Serialize)]
pub struct NarrativeCard<'a> {
    /// The id (the file stem).
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// The summary, or null.
    pub summary: Option<&'a str>,
    /// `order` of the front matter, or null.
    pub order: Option<i64>,
    /// `draft`, `review` or `final`.
    pub status: &'static str,
    /// `internal: true` (only in an `--internal` build: a client build holds no internal item).
    pub internal: bool,
    /// The chapter's page, site-relative.
    pub url: String,
}

/// A chapter with its body: `narrative` of narrative.html and an entry of
/// `chapters` on report.html.
#[derive(Serialize)]
pub struct NarrativeWithBody<'a> {
    /// The chapter in short.
    #[serde(flatten)]
    pub card: NarrativeCard<'a>,
    /// The body as HTML. On report.html a marker that cxsite replaces with
    /// the body after rendering: write it as `{{ chapter.html | safe }}`.
    pub html: String,
}

/// The card of `n`.
pub fn card(n: &Item<Narrative>) -> NarrativeCard<'_> {
    let f = &n.data.front;
    NarrativeCard {
        id: &n.id,
        title: &f.title,
        summary: f.summary.as_deref(),
        order: f.order,
        status: f.status.as_str(),
        internal: f.internal,
        url: url(RefKind::Narrative, &n.id),
    }
}

/// The context of narrative.html.
#[derive(Serialize)]
pub struct NarrativeContext<'a> {
    /// The chapter's title.
    pub page_title: &'a str,
    /// The chapter.
    pub narrative: NarrativeWithBody<'a>,
    /// The chapter before it, or null.
    pub previous: Option<NarrativeCard<'a>>,
    /// The chapter after it, or null.
    pub next: Option<NarrativeCard<'a>>,
}

/// The context of the `i`-th narrative's page.
pub fn page<'a>(site: &'a Site, pr: &PageResolver, i: usize) -> NarrativeContext<'a> {
    let n = &site.narratives[i];
    NarrativeContext {
        page_title: &n.data.front.title,
        narrative: NarrativeWithBody { card: card(n), html: pr.markdown(&n.data.body, &n.id, &n.file.rel) },
        previous: i.checked_sub(1).map(|p| card(&site.narratives[p])),
        next: site.narratives.get(i + 1).map(card),
    }
}

/// How many cells the coverage matrices have: personas × stages, per journey.
fn coverage_cells(site: &Site) -> usize {
    site.journeys.iter().map(|j| j.data.stages.len()).sum::<usize>().saturating_mul(site.personas.len())
}

/// The context of report.html.
#[derive(Serialize)]
pub struct ReportContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// Every chapter, in order.
    pub chapters: Vec<NarrativeWithBody<'a>>,
    /// The sources appendix: `sources.yaml` grouped by type (empty without it).
    pub sources: Vec<super::source::SourceGroup<'a>>,
    /// The coverage matrix of every journey, shown after the chapters when
    /// they fit on paper (at most [`REPORT_COVERAGE_CELLS`] cells in all);
    /// empty otherwise, and coverage.html has them.
    pub coverage: Vec<super::coverage::Matrix<'a>>,
    /// What changed since the earlier delivery (with `since`), as a chapter; else null.
    pub changes: Option<super::changes::ChangesView<'a>>,
}

/// The most coverage cells (personas × stages, over every journey) the
/// report prints. A study with 200 personas and 50 journeys would add tens of
/// pages of tables to the PDF (and megabytes to report.html); it is read on
/// coverage.html instead.
pub const REPORT_COVERAGE_CELLS: usize = 400;

/// The context of report.html.
pub fn report<'a>(site: &'a Site, pr: &PageResolver, page_title: &'static str) -> ReportContext<'a> {
    let chapters = site
        .narratives
        .iter()
        .map(|n| NarrativeWithBody { card: card(n), html: pr.report_chapter(&n.id, &n.data.body, &n.file.rel) })
        .collect();
    ReportContext {
        page_title,
        chapters,
        sources: super::source::groups(site),
        coverage: if coverage_cells(site) <= REPORT_COVERAGE_CELLS {
            super::coverage::matrices(site)
        } else {
            Vec::new()
        },
        changes: site.changes.as_deref().map(|c| super::changes::view(site, c)),
    }
}
