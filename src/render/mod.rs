//! Step 4 of the pipeline: pages. Each page is a pure function of the site
//! model, the analysis results and the theme, so pages render in parallel.

mod card_pieces;
pub mod charts;
pub(crate) mod context;
mod context_pool;
mod picture_accent;
mod report_repeats;
pub mod search;
pub mod search_files;
pub mod shards;
mod theme;
mod theme_graph;
mod views;

use std::collections::HashMap;
use std::sync::Arc;

use rayon::prelude::*;
use serde_json::Value;
use tera::{Context, Tera};

use crate::analysis::Results;
use crate::diagnostics::Diagnostic;
use crate::i18n;
use crate::link::Site;
use crate::markdown::{self, Resolver};
use crate::model::RefKind;

pub use theme::{default_static_files, default_theme_css, template_error, THEME_DIR};
pub use theme_graph::MAX_NESTING;

/// One page of the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Page {
    /// index.html: cover and overview.
    Index,
    /// report.html: every narrative, for print.
    Report,
    /// insights.html.
    Insights,
    /// insights/ID.html (index into `site.insights`).
    Insight(usize),
    /// personas.html.
    Personas,
    /// personas/ID.html.
    Persona(usize),
    /// journeys.html.
    Journeys,
    /// journeys/ID.html.
    Journey(usize),
    /// journeys/ID.minimap.svg: the plain stage strip and emotion curve under every insight's mini-map.
    JourneyMinimap(usize),
    /// journeys/ID.minimap.STAGE.svg: the mini-map with one stage highlighted
    /// (journey index, stage index), shown by insight pages in that stage.
    JourneyStageMinimap(usize, usize),
    /// kano.html.
    KanoList,
    /// kano/ID.html.
    Kano(usize),
    /// nps.html.
    NpsList,
    /// nps/ID.html.
    Nps(usize),
    /// biases.html.
    Biases,
    /// narratives/ID.html.
    Narrative(usize),
    /// search/index.js: what insights.html filters with and where the rest of its index is.
    SearchIndex,
    /// search/words-N.js: the words of the index with these first two letters.
    SearchWords(usize),
    /// search/cards-N.js: cards for insights.html's results.
    SearchCards(usize),
    /// sources.html (only with `sources.yaml`).
    Sources,
    /// sources/ID.html (index in `sources.yaml`'s id order, as `Site::position`).
    Source(usize),
    /// coverage.html: personas × stages per journey, and the gaps (only with a journey).
    Coverage,
    /// changes.html: what changed since the earlier delivery (only with `since`).
    Changes,
    /// metaphors.html: quotes and insights by deep metaphor (only when evidence names one).
    Metaphors,
    /// mindmap.html: the study as a mindmap of its insights (only when there are insights).
    Mindmap,
    /// cxsite-data.json: the published model as data (not a page).
    Data,
}

/// Whether some evidence names a deep metaphor: metaphors.html exists (and is in the navigation).
pub fn has_metaphors(site: &Site) -> bool {
    context::metaphors::has_any(site)
}

/// Whether the site has insights: mindmap.html exists (and is in the navigation).
pub fn has_mindmap(site: &Site) -> bool {
    context::mindmap::has_any(site)
}

/// Every page of `site`, in a fixed order.
pub fn pages(site: &Site) -> Vec<Page> {
    let mut v = vec![
        Page::Index,
        Page::Report,
        Page::Insights,
        Page::Personas,
        Page::Journeys,
        Page::KanoList,
        Page::NpsList,
        Page::Biases,
    ];
    v.extend(search_pages(site));
    v.extend((0..site.insights.len()).map(Page::Insight));
    v.extend((0..site.personas.len()).map(Page::Persona));
    v.extend((0..site.journeys.len()).map(Page::Journey));
    v.extend((0..site.journeys.len()).map(Page::JourneyMinimap));
    v.extend(stage_minimaps(site, 0..site.journeys.len()));
    v.extend((0..site.kano.len()).map(Page::Kano));
    v.extend((0..site.nps.len()).map(Page::Nps));
    v.extend((0..site.narratives.len()).map(Page::Narrative));
    if let Some(register) = site.sources.as_ref().filter(|r| !r.data.is_empty()) {
        v.push(Page::Sources);
        v.extend((0..register.data.len()).map(Page::Source));
    }
    if !site.journeys.is_empty() {
        v.push(Page::Coverage);
    }
    if site.changes.is_some() {
        v.push(Page::Changes);
    }
    if has_metaphors(site) {
        v.push(Page::Metaphors);
    }
    if has_mindmap(site) {
        v.push(Page::Mindmap);
    }
    v.push(Page::Data);
    v
}

/// The files of insights.html's search index (`search/…`), base first.
pub fn search_pages(site: &Site) -> Vec<Page> {
    let n = site.insights.len();
    let mut v = vec![Page::SearchIndex];
    v.extend((0..search_files::word_files(n)).map(Page::SearchWords));
    v.extend((0..search_files::card_files(n)).map(Page::SearchCards));
    v
}

/// The site-relative path of journey `id`'s mini-map background (see [`Page::JourneyMinimap`]).
pub fn minimap_path(id: &str) -> String {
    format!("journeys/{id}.minimap.svg")
}

/// The site-relative path of the mini-map of journey `id` with its stage `stage` highlighted.
pub fn minimap_stage_path(id: &str, stage: &str) -> String {
    format!("journeys/{id}.minimap.{stage}.svg")
}

/// The stage mini-map files ([`Page::JourneyStageMinimap`]) of the journeys `journeys` (indices).
pub fn stage_minimaps(site: &Site, journeys: std::ops::Range<usize>) -> impl Iterator<Item = Page> + '_ {
    journeys.flat_map(move |i| {
        let n = site.journeys.get(i).map_or(0, |j| j.data.stages.len());
        (0..n).map(move |si| Page::JourneyStageMinimap(i, si))
    })
}

/// The site-relative path of an item's page (`bias` pages are anchors).
pub fn url(kind: RefKind, id: &str) -> String {
    match kind {
        RefKind::Insight => format!("insights/{id}.html"),
        RefKind::Persona => format!("personas/{id}.html"),
        RefKind::Journey => format!("journeys/{id}.html"),
        RefKind::Kano => format!("kano/{id}.html"),
        RefKind::Nps => format!("nps/{id}.html"),
        RefKind::Narrative => format!("narratives/{id}.html"),
        RefKind::Bias => format!("biases.html#{id}"),
        RefKind::Source => format!("sources/{id}.html"),
    }
}

impl Page {
    /// The site-relative output path.
    pub fn path(&self, site: &Site) -> String {
        match *self {
            Page::Index => "index.html".into(),
            Page::Report => "report.html".into(),
            Page::Insights => "insights.html".into(),
            Page::Personas => "personas.html".into(),
            Page::Journeys => "journeys.html".into(),
            Page::KanoList => "kano.html".into(),
            Page::NpsList => "nps.html".into(),
            Page::Biases => "biases.html".into(),
            Page::SearchIndex => search_files::BASE_PATH.into(),
            Page::SearchWords(n) => search_files::words_path(n),
            Page::SearchCards(n) => search_files::cards_path(n),
            Page::Coverage => "coverage.html".into(),
            Page::Changes => "changes.html".into(),
            Page::Metaphors => "metaphors.html".into(),
            Page::Mindmap => "mindmap.html".into(),
            Page::Data => crate::delivery::snapshot::FILE_NAME.into(),
            Page::Insight(i) => url(RefKind::Insight, &site.insights[i].id),
            Page::Persona(i) => url(RefKind::Persona, &site.personas[i].id),
            Page::Journey(i) => url(RefKind::Journey, &site.journeys[i].id),
            Page::JourneyMinimap(i) => minimap_path(&site.journeys[i].id),
            Page::JourneyStageMinimap(i, si) => {
                let j = &site.journeys[i];
                minimap_stage_path(&j.id, j.data.stages.get(si).map_or("", |s| s.id.as_str()))
            }
            Page::Kano(i) => url(RefKind::Kano, &site.kano[i].id),
            Page::Nps(i) => url(RefKind::Nps, &site.nps[i].id),
            Page::Narrative(i) => url(RefKind::Narrative, &site.narratives[i].id),
            Page::Sources => "sources.html".into(),
            Page::Source(i) => url(RefKind::Source, context::source::id_at(site, i).unwrap_or_default()),
        }
    }

    /// Whether this is an HTML page of the site (the search index files are
    /// scripts rendered with the pages, not pages to count or to show).
    pub fn is_html(&self) -> bool {
        self.template().is_some()
    }

    /// The theme template of an HTML page; `None` for the search index files and the data.
    fn template(&self) -> Option<&'static str> {
        Some(match self {
            Page::Index => "index.html",
            Page::Report => "report.html",
            Page::Insights => "insights.html",
            Page::Insight(_) => "insight.html",
            Page::Personas => "personas.html",
            Page::Persona(_) => "persona.html",
            Page::Journeys => "journeys.html",
            Page::Journey(_) => "journey.html",
            Page::KanoList => "kano-list.html",
            Page::Kano(_) => "kano.html",
            Page::NpsList => "nps-list.html",
            Page::Nps(_) => "nps.html",
            Page::Biases => "biases.html",
            Page::Narrative(_) => "narrative.html",
            Page::Sources => "sources.html",
            Page::Source(_) => "source.html",
            Page::Coverage => "coverage.html",
            Page::Changes => "changes.html",
            Page::Metaphors => "metaphors.html",
            Page::Mindmap => "mindmap.html",
            Page::SearchIndex
            | Page::SearchWords(_)
            | Page::SearchCards(_)
            | Page::JourneyMinimap(_)
            | Page::JourneyStageMinimap(..)
            | Page::Data => return None,
        })
    }
}

/// The theme and the data, ready to render any page.
pub struct Renderer<'a> {
    tera: Arc<Tera>,
    /// Every insight's card, rendered once (in parallel) for root-level list pages.
    insight_cards: Vec<Arc<str>>,
    /// Every insight's entry in the search index, in `site.insights` order.
    search_entries: Vec<Arc<search_files::Entry>>,
    /// The search index files, made when first asked for.
    search_files: std::sync::OnceLock<search_files::Files>,
    site: &'a Site,
    results: &'a Results,
    /// The context every page starts from (`t`, `site`), built once and
    /// lent to one render at a time.
    page_contexts: context_pool::ContextPool,
    /// The context every partial starts from (`t`).
    partial_contexts: context_pool::ContextPool,
    /// Every Kano study's charts, drawn once (in parallel), in `site.kano` order.
    kano_charts: Vec<charts::KanoCharts>,
    /// Every NPS series' charts, drawn once (in parallel), in `site.nps` order.
    nps_charts: Vec<charts::NpsCharts>,
    /// report.html's chapter bodies by narrative id, rendered once per build (or reused).
    report_chapters: std::sync::Mutex<HashMap<String, Arc<str>>>,
    /// Mini-maps that many insight pages share, drawn once per build.
    svgs: DiagramCache<String>,
    /// Every journey's diagrams, drawn once per build for its page and its embeds.
    journey_diagrams: DiagramCache<context::journey_diagrams::JourneyDiagrams>,
    /// insights.html's filter choices with their counts.
    facets: Value,
    /// The accent as colours for pictures shown by `<img>`, worked out once.
    picture_accent: std::sync::OnceLock<picture_accent::PictureAccent>,
}

/// Drawn diagrams by key, shared between the pages of one build.
struct DiagramCache<T>(std::sync::Mutex<HashMap<String, T>>);

impl<T: Clone> DiagramCache<T> {
    fn new() -> DiagramCache<T> {
        DiagramCache(std::sync::Mutex::new(HashMap::new()))
    }

    /// The diagram stored under `key`, drawn by `draw` the first time it is asked for.
    fn get_or_draw(&self, key: String, draw: impl FnOnce() -> T) -> T {
        if let Some(drawn) = self.0.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return drawn;
        }
        // Drawn outside the lock; two threads may both draw it, with the same result.
        let drawn = draw();
        if let Ok(mut m) = self.0.lock() {
            m.insert(key, drawn.clone());
        }
        drawn
    }
}

/// `"../"` repeated once per folder in `path`.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

impl<'a> Renderer<'a> {
    /// Loads the theme (built-in, custom, overrides) for `site`.
    pub fn new(site: &'a Site, results: &'a Results) -> Result<Renderer<'a>, Vec<Diagnostic>> {
        let reuse = Reuse { card: &|_| None, charts: None, chapters: HashMap::new(), tera: None, facets: None };
        Renderer::reusing(site, results, reuse)
    }

    /// Like [`Renderer::new`], taking from `reuse` what is known not to have
    /// changed since an earlier build (by `serve`).
    pub fn reusing(site: &'a Site, results: &'a Results, reuse: Reuse) -> Result<Renderer<'a>, Vec<Diagnostic>> {
        let tera = match reuse.tera {
            Some(tera) => tera,
            None => theme::load(site)?,
        };
        let labels = serde_json::to_value(i18n::labels(site.config.language)).unwrap_or(Value::Null);
        let site_info = context::site::site_info(site);
        let facets = reuse.facets.unwrap_or_else(|| search::facets(site, &labels));
        let (kano_charts, nps_charts) = match reuse.charts {
            Some(charts) => charts,
            None => chart_sets(site, results),
        };
        let mut partial_base = Context::new();
        partial_base.insert("t", &labels);
        let mut page_base = partial_base.clone();
        page_base.insert("site", &site_info);
        let mut r = Renderer {
            tera,
            site,
            results,
            page_contexts: context_pool::ContextPool::new(page_base),
            partial_contexts: context_pool::ContextPool::new(partial_base),
            insight_cards: Vec::new(),
            search_entries: Vec::new(),
            search_files: std::sync::OnceLock::new(),
            kano_charts,
            nps_charts,
            report_chapters: std::sync::Mutex::new(reuse.chapters),
            svgs: DiagramCache::new(),
            journey_diagrams: DiagramCache::new(),
            facets,
            picture_accent: std::sync::OnceLock::new(),
        };
        let card = reuse.card;
        let parts: Vec<InsightParts> = site
            .insights
            .par_iter()
            .map(|i| match card(&i.id) {
                Some(parts) => Ok(parts),
                None => {
                    let card: Arc<str> =
                        r.partial("partials/insight-card.html", "", &context::insight::card(site, i))?.into();
                    let entry = Arc::new(search_files::entry(site, i));
                    Ok((card, entry))
                }
            })
            .collect::<Result<_, _>>()
            .map_err(|d| vec![d])?;
        (r.insight_cards, r.search_entries) = parts.into_iter().unzip();
        Ok(r)
    }

    /// Renders one page to HTML (a search index file to its script).
    pub fn render(&self, page: &Page) -> Result<String, Diagnostic> {
        let Some(template) = page.template() else {
            let missing = String::new;
            return Ok(match page {
                Page::SearchIndex => self.search_files().base.clone(),
                Page::SearchWords(n) => self.search_files().words.get(*n).cloned().unwrap_or_else(missing),
                Page::SearchCards(n) => self.search_files().cards.get(*n).cloned().unwrap_or_else(missing),
                Page::JourneyMinimap(i) => match self.site.journeys.get(*i) {
                    Some(j) => charts::journey::sparkline::minimap_file(&j.data, &self.minimap_base(j)),
                    None => missing(),
                },
                Page::JourneyStageMinimap(i, si) => match self.site.journeys.get(*i) {
                    Some(j) => {
                        let accent = self.picture_accent.get_or_init(|| picture_accent::of_site(self.site));
                        charts::journey::sparkline::minimap_stage_file(
                            &j.data,
                            self.site.config.language,
                            &self.minimap_base(j),
                            *si,
                            &accent.fill,
                            &accent.on,
                        )
                    }
                    None => missing(),
                },
                _ => crate::delivery::Snapshot::of(self.site, self.results).to_json(),
            });
        };
        let path = page.path(self.site);
        let root = root_prefix(&path);
        let mut ctx = self.page_contexts.lend();
        ctx.insert("root", &root);
        ctx.insert("page_path", &path);
        let pr = PageResolver {
            r: self,
            root: &root,
            in_report: *page == Page::Report,
            scope: Default::default(),
            embeds: Default::default(),
        };
        if let Some(data) = context::page(self.site, self.results, &pr, page) {
            let data =
                serde_json::to_value(data).map_err(|e| template_error(self.site, template, &tera::Error::json(e)))?;
            ctx.extend(data).map_err(|e| template_error(self.site, template, &e))?;
        }
        let html = self.tera.render(template, &ctx.ctx).map_err(|e| template_error(self.site, template, &e))?;
        self.page_contexts.give_back(ctx);
        if *page == Page::Insights {
            if let Some(at) = html.find(CARDS_MARKER) {
                let first = &self.insight_cards[..self.insight_cards.len().min(search::FIRST_CARDS)];
                let total: usize = first.iter().map(|c| c.len()).sum();
                let mut out = String::with_capacity(html.len() + total);
                out.push_str(&html[..at]);
                for card in first {
                    out.push_str(card);
                }
                out.push_str(&html[at + CARDS_MARKER.len()..]);
                return Ok(out);
            }
        }
        if *page == Page::Report {
            return Ok(self.splice_chapters(html));
        }
        Ok(html)
    }

    /// Journey `j`'s plain mini-map drawing, drawn once per build for its
    /// file and the files of its stages.
    fn minimap_base(&self, j: &crate::model::Item<crate::model::journey::Journey>) -> String {
        self.svgs.get_or_draw(format!("minibase\0{}", j.id), || charts::journey::sparkline::minimap_base(&j.data))
    }

    /// Puts each chapter body where report.html has its marker (the bodies,
    /// megabytes with embedded diagrams, are not passed through Tera).
    fn splice_chapters(&self, html: String) -> String {
        let Ok(chapters) = self.report_chapters.lock() else { return html };
        let again = i18n::label(self.site.config.language, "drawn_earlier");
        let mut repeats = report_repeats::Repeats::default();
        let mut out = String::with_capacity(html.len() + chapters.values().map(|c| c.len()).sum::<usize>());
        let mut rest = html.as_str();
        while let Some(at) = rest.find(CHAPTER_MARKER) {
            out.push_str(&rest[..at]);
            let after = &rest[at + CHAPTER_MARKER.len()..];
            let Some(end) = after.find("-->") else { break };
            match chapters.get(&after[..end]) {
                Some(body) => {
                    let id = &after[..end];
                    let title = self.site.narrative(id).map_or(id, |n| n.data.front.title.as_str());
                    out.push_str(&repeats.fold(body, title, again));
                }
                None => out.push_str(&rest[at..at + CHAPTER_MARKER.len() + end + 3]),
            }
            rest = &after[end + 3..];
        }
        out.push_str(rest);
        out
    }

    /// Renders a partial template with `item`, `root` and the labels.
    fn partial(&self, name: &str, root: &str, item: &impl serde::Serialize) -> Result<String, Diagnostic> {
        let mut ctx = self.partial_contexts.lend();
        ctx.insert("root", root);
        ctx.insert("item", item);
        let html = self.tera.render(name, &ctx.ctx).map_err(|e| template_error(self.site, name, &e))?;
        self.partial_contexts.give_back(ctx);
        Ok(html)
    }

    /// Renders an embed template (`embeds/KIND.html`) with `item`.
    fn embed(&self, kind: &str, root: &str, item: &impl serde::Serialize) -> String {
        self.partial(&format!("embeds/{kind}.html"), root, item)
            .unwrap_or_else(|d| format!("<div class=\"embed-error\">{}</div>", crate::html::escape_html(&d.message)))
    }

    /// The search index files (made once per build, by the first page that asks).
    pub(crate) fn search_files(&self) -> &search_files::Files {
        self.search_files.get_or_init(|| search_files::Files::build(&self.search_entries, &self.insight_cards))
    }

    /// The charts, for reuse by a later build.
    pub fn charts(&self) -> (Vec<charts::KanoCharts>, Vec<charts::NpsCharts>) {
        (self.kano_charts.clone(), self.nps_charts.clone())
    }

    /// insights.html's filter choices, for reuse by a later build.
    pub fn facets(&self) -> &Value {
        &self.facets
    }

    /// The parsed templates, for reuse by a later build.
    pub fn into_templates(self) -> Arc<Tera> {
        self.tera
    }

    /// report.html's chapter bodies known so far, for reuse by a later build.
    pub fn report_chapters(&self) -> HashMap<String, Arc<str>> {
        self.report_chapters.lock().map(|m| m.clone()).unwrap_or_default()
    }

    /// Each insight's pre-rendered card and search entry, in `site.insights` order.
    pub fn insight_parts(&self) -> impl Iterator<Item = InsightParts> + '_ {
        self.insight_cards.iter().cloned().zip(self.search_entries.iter().cloned())
    }
}

/// An insight's pre-rendered card and its entry in the search index.
pub type InsightParts = (Arc<str>, Arc<search_files::Entry>);

/// What a renderer may take over from an earlier build instead of drawing it again.
pub struct Reuse<'x> {
    /// An insight's card and search entry by id, when unchanged.
    pub card: &'x (dyn Fn(&str) -> Option<InsightParts> + Sync),
    /// Every chart, when no study or series changed.
    pub charts: Option<(Vec<charts::KanoCharts>, Vec<charts::NpsCharts>)>,
    /// report.html chapter bodies of unchanged narratives, by id.
    pub chapters: HashMap<String, Arc<str>>,
    /// The parsed templates, when no template or theme changed.
    pub tera: Option<Arc<Tera>>,
    /// insights.html's filter choices, when no insight's facets and no name changed.
    pub facets: Option<Value>,
}

/// Starts the marker that stands for a chapter body in report.html: `<!--cxsite:chapter:ID-->`.
pub(crate) const CHAPTER_MARKER: &str = "<!--cxsite:chapter:";

/// Stands where insights.html wants its cards (`{{ cards_html | safe }}`).
const CARDS_MARKER: &str = "<!--cxsite:insight-cards-->";

/// Resolves typed links and embeds for one page (hrefs relative to it).
pub struct PageResolver<'r, 'a> {
    r: &'r Renderer<'a>,
    root: &'r str,
    /// On report.html, chapters link to their section on the same page.
    in_report: bool,
    /// The Markdown text being rendered: its prefix, its embeds so far (their
    /// chart ids get a suffix each) and the project file it comes from.
    scope: std::cell::RefCell<(String, usize, String)>,
    /// Insight, persona and journey embeds rendered on this page so far: an
    /// item embedded again reuses its HTML (it depends only on the page).
    embeds: std::cell::RefCell<HashMap<(RefKind, String), String>>,
}

impl PageResolver<'_, '_> {
    /// Renders Markdown for this page; `prefix` keeps footnote ids unique and
    /// `file` (project-relative) is where the text was written: paths in it
    /// are relative to that file.
    pub fn markdown(&self, text: &str, prefix: &str, file: &str) -> String {
        // Embedded charts get ids from this text's prefix, so a text renders
        // the same wherever it stands on the page (report chapters are reused).
        let outer = self.scope.replace((prefix.to_string(), 0, file.to_string()));
        let lang = self.r.site.config.language;
        let opts = markdown::RenderOptions {
            allow_html: self.r.site.config.allow_html,
            footnote_prefix: prefix,
            task_labels: (i18n::label(lang, "task_done"), i18n::label(lang, "task_open")),
            table_label: i18n::label(lang, "scrollable_table"),
            internal: self.r.site.internal.then(|| i18n::label(lang, "internal")),
        };
        let html = markdown::render(text, self, &opts);
        self.scope.replace(outer);
        html
    }

    /// Makes sure a chapter's body, as report.html shows it, is rendered (or
    /// reused when unchanged), and returns the marker that stands for it.
    pub fn report_chapter(&self, id: &str, body: &str, file: &str) -> String {
        let known = self.r.report_chapters.lock().map(|m| m.contains_key(id)).unwrap_or(false);
        if !known {
            let html: Arc<str> = Arc::from(self.markdown(body, id, file));
            if let Ok(mut m) = self.r.report_chapters.lock() {
                m.insert(id.to_string(), html);
            }
        }
        format!("{CHAPTER_MARKER}{id}-->")
    }

    /// The prefix that leads from this page to the site root.
    pub fn root(&self) -> &str {
        self.root
    }

    /// The drawing stored under `key`, drawn by `draw` the first time it is
    /// asked for in this build. `key` must name everything the drawing depends on.
    pub fn svg(&self, key: String, draw: impl FnOnce() -> String) -> String {
        self.r.svgs.get_or_draw(key, draw)
    }

    /// The diagrams of the journey `id`, drawn by `draw` the first time they
    /// are asked for in this build (their links site-relative).
    pub fn journey_diagrams(
        &self,
        id: &str,
        draw: impl FnOnce() -> context::journey_diagrams::JourneyDiagrams,
    ) -> context::journey_diagrams::JourneyDiagrams {
        self.r.journey_diagrams.get_or_draw(id.to_string(), draw)
    }
}

impl PageResolver<'_, '_> {
    /// A pre-drawn chart for an embed, its ids made unique on this page.
    fn embedded_chart(&self, svg: Option<&str>, chart_id: &str) -> String {
        let (prefix, n) = {
            let mut scope = self.scope.borrow_mut();
            scope.1 += 1;
            (scope.0.clone(), scope.1)
        };
        svg.map(|s| charts::svg::with_id_suffix(s, chart_id, &format!("{prefix}-e{n}"))).unwrap_or_default()
    }
}

impl Resolver for PageResolver<'_, '_> {
    fn href(&self, kind: RefKind, id: &str, anchor: Option<&str>) -> Option<String> {
        if !self.r.site.has(kind, id) {
            return None;
        }
        // On report.html every chapter, with its headings, is on the page.
        if self.in_report && kind == RefKind::Narrative {
            return Some(format!("#{}", anchor.unwrap_or(id)));
        }
        let hash = anchor.map(|a| format!("#{a}")).unwrap_or_default();
        Some(format!("{}{}{hash}", self.root, url(kind, id)))
    }

    fn local(&self, path: &str, suffix: &str, image: bool) -> Option<String> {
        let file = self.scope.borrow().2.clone();
        match self.r.site.local(&file, path)? {
            crate::link::Local::File(site_path) => {
                Some(format!("{}{}{suffix}", self.root, markdown::target::encode_path(&site_path)))
            }
            crate::link::Local::Page(..) if image => None,
            crate::link::Local::Page(kind, id) => {
                let anchor = suffix.split_once('#').map(|(_, a)| a).filter(|a| !a.is_empty());
                self.href(kind, &id, anchor)
            }
        }
    }

    fn embed(&self, kind: RefKind, id: &str) -> Option<String> {
        let reusable = matches!(kind, RefKind::Insight | RefKind::Persona | RefKind::Journey);
        if reusable {
            if let Some(html) = self.embeds.borrow().get(&(kind, id.to_string())) {
                return Some(html.clone());
            }
        }
        let (site, results, name) = (self.r.site, self.r.results, kind.as_str());
        let html = match kind {
            RefKind::Insight => self.r.embed(name, self.root, &context::insight::card(site, site.insight(id)?)),
            RefKind::Persona => self.r.embed(name, self.root, &context::persona::card(site, site.persona(id)?)),
            RefKind::Journey => self.r.embed(name, self.root, &context::journey::embed(site, self, site.journey(id)?)),
            RefKind::Kano => {
                let i = site.position(kind, id)?;
                let chart = self.r.kano_charts.get(i).map(|c| c.diagram.as_str());
                let item = context::kano::KanoWithChart {
                    card: context::kano::card(site, results, i),
                    chart: Some(self.embedded_chart(chart, &format!("kano-{id}-diagram"))),
                };
                self.r.embed(name, self.root, &item)
            }
            RefKind::Nps => {
                let i = site.position(kind, id)?;
                let chart = self.r.nps_charts.get(i).map(|c| c.trend.as_str());
                let item = context::nps::NpsWithChart {
                    card: context::nps::card(site, results, i),
                    chart: Some(self.embedded_chart(chart, &format!("nps-{id}-trend"))),
                };
                self.r.embed(name, self.root, &item)
            }
            RefKind::Narrative | RefKind::Bias | RefKind::Source => return None,
        };
        if reusable {
            self.embeds.borrow_mut().insert((kind, id.to_string()), html.clone());
        }
        Some(html)
    }

    fn view(&self, name: &str, persona: Option<&str>) -> Option<String> {
        views::embed(self, name, persona)
    }

    fn view_href(&self, page: &str, persona: Option<&str>) -> Option<String> {
        views::href(self, page, persona)
    }
}

/// Draws the charts of every Kano study and NPS series, in parallel.
fn chart_sets(site: &Site, results: &Results) -> (Vec<charts::KanoCharts>, Vec<charts::NpsCharts>) {
    let t = std::time::Instant::now();
    let lang = site.config.language;
    let sets = rayon::join(
        || {
            site.kano
                .par_iter()
                .map(|k| charts::kano_charts(&k.id, results.kano.get(&k.id).map_or(&[][..], Vec::as_slice), lang))
                .collect()
        },
        || {
            site.nps
                .par_iter()
                .map(|n| charts::nps_charts(&n.id, results.nps.get(&n.id).map_or(&[][..], Vec::as_slice), lang))
                .collect()
        },
    );
    crate::timing("charts", t);
    sets
}
