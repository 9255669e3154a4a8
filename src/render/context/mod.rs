//! What each template sees: the theme contract. Every page kind, card and
//! embed is a `Serialize` struct (as Zola's `SerializingPage`), so renaming a
//! field is a change here that `docs/themes.md` and its test follow, never a
//! silent break of a theme. Text stays text here (Tera escapes it); only
//! Markdown becomes HTML, and numbers that need a format are text.
//!
//! Every page also gets `t` (the labels), `site` ([`site::SiteInfo`]),
//! `root` and `page_path` from the renderer; partials and embeds get `t`,
//! `root` and `item`.

pub mod biases;
pub mod changes;
pub mod coverage;
pub mod insight;
pub mod journey;
pub mod journey_diagrams;
pub mod kano;
pub mod links;
pub mod metaphors;
pub mod mindmap;
pub mod narrative;
pub mod nps;
pub mod numbers;
pub mod persona;
pub mod portfolio;
pub mod site;
pub mod source;

use serde::Serialize;

use super::{search, Page, PageResolver};
use crate::analysis::Results;
use crate::i18n;
use crate::link::Site;

/// The context of index.html.
#[derive(Serialize)]
pub struct IndexContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// The first insights of the list (in impact, confidence, title order), at most six.
    pub featured: Vec<insight::InsightCard<'a>>,
    /// Every chapter in short.
    pub chapters: Vec<narrative::NarrativeCard<'a>>,
}

/// The variables of one page besides `t`, `site`, `root` and `page_path`:
/// one struct per template.
#[derive(Serialize)]
#[serde(untagged)]
pub enum PageContext<'a> {
    /// index.html.
    Index(IndexContext<'a>),
    /// report.html.
    Report(narrative::ReportContext<'a>),
    /// insights.html.
    Insights(insight::InsightsContext<'a>),
    /// insight.html.
    Insight(insight::InsightContext<'a>),
    /// personas.html.
    Personas(persona::PersonasContext<'a>),
    /// persona.html.
    Persona(persona::PersonaContext<'a>),
    /// journeys.html.
    Journeys(journey::JourneysContext<'a>),
    /// journey.html.
    Journey(journey::JourneyContext<'a>),
    /// kano-list.html.
    KanoList(kano::KanoListContext<'a>),
    /// kano.html.
    Kano(kano::KanoContext<'a>),
    /// nps-list.html.
    NpsList(nps::NpsListContext<'a>),
    /// nps.html.
    Nps(nps::NpsContext<'a>),
    /// biases.html.
    Biases(biases::BiasesContext<'a>),
    /// narratives/ID.html.
    Narrative(narrative::NarrativeContext<'a>),
    /// sources.html.
    Sources(source::SourcesContext<'a>),
    /// sources/ID.html.
    Source(source::SourceContext<'a>),
    /// coverage.html.
    Coverage(coverage::CoverageContext<'a>),
    /// changes.html.
    Changes(changes::ChangesContext<'a>),
    /// metaphors.html.
    Metaphors(metaphors::MetaphorsContext<'a>),
    /// mindmap.html.
    Mindmap(mindmap::MindmapContext<'a>),
}

/// The data of `page`; `None` for the search index files and the data, which are no template pages.
pub fn page<'a>(
    site: &'a Site,
    results: &'a Results,
    pr: &PageResolver<'a, '_>,
    page: &Page,
) -> Option<PageContext<'a>> {
    let lang = site.config.language;
    let label = |key: &'static str| i18n::label(lang, key);
    Some(match *page {
        Page::Index => PageContext::Index(IndexContext {
            page_title: label("home"),
            featured: site.insights.iter().take(6).map(|i| insight::card(site, i)).collect(),
            chapters: site.narratives.iter().map(narrative::card).collect(),
        }),
        Page::Report => PageContext::Report(narrative::report(site, pr, label("report"))),
        Page::Insights => {
            let cards = pr.r.insight_cards.len();
            PageContext::Insights(insight::InsightsContext {
                page_title: label("insights"),
                card_count: cards,
                cards_shown: cards.min(search::FIRST_CARDS),
                cards_html: super::CARDS_MARKER,
                search_script: pr.r.search_files().base_src(),
                facets: &pr.r.facets,
            })
        }
        Page::Insight(i) => {
            let it = &site.insights[i];
            PageContext::Insight(insight::InsightContext {
                page_title: &it.data.title,
                insight: insight::detail(site, pr, it),
            })
        }
        Page::Personas => PageContext::Personas(persona::PersonasContext {
            page_title: label("personas"),
            personas: site.personas.iter().map(|p| persona::card(site, p)).collect(),
        }),
        Page::Persona(i) => {
            let p = &site.personas[i];
            PageContext::Persona(persona::PersonaContext {
                page_title: &p.data.name,
                persona: persona::detail(site, pr, p),
            })
        }
        Page::Journeys => PageContext::Journeys(journey::JourneysContext {
            page_title: label("journeys"),
            journeys: site.journeys.iter().map(|j| journey::card(site, j)).collect(),
        }),
        Page::Journey(i) => {
            let j = &site.journeys[i];
            PageContext::Journey(journey::JourneyContext {
                page_title: &j.data.title,
                journey: journey::detail(site, pr, j),
            })
        }
        Page::KanoList => PageContext::KanoList(kano::KanoListContext {
            page_title: label("kano"),
            studies: (0..site.kano.len())
                .map(|i| kano::KanoWithChart {
                    card: kano::card(site, results, i),
                    chart: pr.r.kano_charts.get(i).map(|c| c.diagram.clone()),
                })
                .collect(),
        }),
        Page::Kano(i) => PageContext::Kano(kano::KanoContext {
            page_title: &site.kano[i].data.title,
            study: kano::detail(site, results, pr, i),
        }),
        Page::NpsList => PageContext::NpsList(nps::NpsListContext {
            page_title: label("nps"),
            series: (0..site.nps.len())
                .map(|i| nps::NpsWithChart {
                    card: nps::card(site, results, i),
                    chart: pr.r.nps_charts.get(i).map(|c| c.trend.clone()),
                })
                .collect(),
        }),
        Page::Nps(i) => PageContext::Nps(nps::NpsContext {
            page_title: &site.nps[i].data.title,
            series: nps::detail(site, results, pr, i),
        }),
        Page::Biases => PageContext::Biases(biases::page(site, label("biases"))),
        Page::Narrative(i) => PageContext::Narrative(narrative::page(site, pr, i)),
        Page::Sources => PageContext::Sources(source::list(site, label("sources"))),
        Page::Source(i) => PageContext::Source(source::page(site, pr, i)?),
        Page::Coverage => PageContext::Coverage(coverage::page(site, label("coverage"))),
        Page::Metaphors => PageContext::Metaphors(metaphors::page(site, label("metaphors"))),
        Page::Mindmap => PageContext::Mindmap(mindmap::page(site, pr.root(), label("mindmap"))),
        Page::Changes => PageContext::Changes(changes::ChangesContext {
            page_title: label("changes"),
            changes: changes::view(site, site.changes.as_deref()?),
        }),
        // Not template pages: made by `search_files::Files`, the mini-map file and `Snapshot::to_json`.
        Page::SearchIndex
        | Page::SearchWords(_)
        | Page::SearchCards(_)
        | Page::JourneyMinimap(_)
        | Page::JourneyStageMinimap(..)
        | Page::Data => return None,
    })
}
