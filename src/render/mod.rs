//! Step 4 of the pipeline: pages. Each page is a pure function of the site
//! model, the analysis results and the theme, so pages render in parallel.

pub mod charts;
mod context;
mod theme;

use rayon::prelude::*;
use serde_json::{json, Value};
use tera::{Context, Tera};

use crate::analysis::Results;
use crate::diagnostics::Diagnostic;
use crate::i18n;
use crate::link::Site;
use crate::markdown::{self, RefKind, Resolver};

pub use theme::{default_static_files, escape_html, THEME_DIR};

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
    v.extend((0..site.insights.len()).map(Page::Insight));
    v.extend((0..site.personas.len()).map(Page::Persona));
    v.extend((0..site.journeys.len()).map(Page::Journey));
    v.extend((0..site.kano.len()).map(Page::Kano));
    v.extend((0..site.nps.len()).map(Page::Nps));
    v.extend((0..site.narratives.len()).map(Page::Narrative));
    v
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
            Page::Insight(i) => url(RefKind::Insight, &site.insights[i].id),
            Page::Persona(i) => url(RefKind::Persona, &site.personas[i].id),
            Page::Journey(i) => url(RefKind::Journey, &site.journeys[i].id),
            Page::Kano(i) => url(RefKind::Kano, &site.kano[i].id),
            Page::Nps(i) => url(RefKind::Nps, &site.nps[i].id),
            Page::Narrative(i) => url(RefKind::Narrative, &site.narratives[i].id),
        }
    }

    fn template(&self) -> &'static str {
        match self {
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
        }
    }
}

/// The theme and the data, ready to render any page.
pub struct Renderer<'a> {
    tera: Tera,
    /// Every insight's card, rendered once (in parallel) for root-level list pages.
    insight_cards: Vec<String>,
    site: &'a Site,
    results: &'a Results,
    labels: Value,
    site_info: Value,
    /// Journey diagrams that many pages share (mini-maps, embeds), drawn once per build.
    diagrams: DiagramCache,
}

/// Drawn diagrams by key, shared between the pages of one build.
#[derive(Default)]
struct DiagramCache(std::sync::Mutex<std::collections::HashMap<String, Value>>);

/// `"../"` repeated once per folder in `path`.
pub fn root_prefix(path: &str) -> String {
    "../".repeat(path.matches('/').count())
}

impl<'a> Renderer<'a> {
    /// Loads the theme (built-in, custom, overrides) for `site`.
    pub fn new(site: &'a Site, results: &'a Results) -> Result<Renderer<'a>, Vec<Diagnostic>> {
        let tera = theme::load(site)?;
        let labels = serde_json::to_value(i18n::labels(site.config.language)).unwrap_or(Value::Null);
        let site_info = context::site_info(site);
        let mut r = Renderer {
            tera,
            site,
            results,
            labels,
            site_info,
            insight_cards: Vec::new(),
            diagrams: Default::default(),
        };
        r.insight_cards = site
            .insights
            .par_iter()
            .map(|i| r.partial("partials/insight-card.html", "", context::insight_card(site, i)))
            .collect::<Result<_, _>>()
            .map_err(|d| vec![d])?;
        Ok(r)
    }

    /// Renders one page to HTML.
    pub fn render(&self, page: &Page) -> Result<String, Diagnostic> {
        let path = page.path(self.site);
        let root = root_prefix(&path);
        let mut ctx = Context::new();
        ctx.insert("root", &root);
        ctx.insert("t", &self.labels);
        ctx.insert("site", &self.site_info);
        ctx.insert("page_path", &path);
        let pr = PageResolver { r: self, root: &root, in_report: *page == Page::Report };
        if *page == Page::Insights {
            ctx.insert("cards", &self.insight_cards);
        }
        context::page(self.site, self.results, &pr, page, &mut ctx);
        self.tera.render(page.template(), &ctx).map_err(|e| template_error(page.template(), &e))
    }

    /// Renders a partial template with `item`, `root` and the labels.
    fn partial(&self, name: &str, root: &str, item: Value) -> Result<String, Diagnostic> {
        let mut ctx = Context::new();
        ctx.insert("root", root);
        ctx.insert("t", &self.labels);
        ctx.insert("item", &item);
        self.tera.render(name, &ctx).map_err(|e| template_error(name, &e))
    }

    /// Renders an embed template (`embeds/KIND.html`) with `item`.
    fn embed(&self, kind: &str, root: &str, item: Value) -> String {
        self.partial(&format!("embeds/{kind}.html"), root, item)
            .unwrap_or_else(|d| format!("<div class=\"embed-error\">{}</div>", theme::escape_html(&d.message)))
    }

    /// The pre-rendered insight cards, in `site.insights` order.
    pub fn insight_cards(&self) -> &[String] {
        &self.insight_cards
    }
}

/// Turns a Tera error (with its causes) into a diagnostic on the template.
pub fn template_error(name: &str, e: &tera::Error) -> Diagnostic {
    let mut msg = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        msg.push_str(": ");
        msg.push_str(&s.to_string());
        source = s.source();
    }
    Diagnostic::error(format!("templates/{name}"), 1, 1, msg)
        .with_help("fix the template, or delete the override to use the default theme's")
}

/// Resolves typed links and embeds for one page (hrefs relative to it).
pub struct PageResolver<'r, 'a> {
    r: &'r Renderer<'a>,
    root: &'r str,
    /// On report.html, chapters link to their section on the same page.
    in_report: bool,
}

impl PageResolver<'_, '_> {
    /// Renders Markdown for this page; `prefix` keeps footnote ids unique.
    pub fn markdown(&self, text: &str, prefix: &str) -> String {
        let opts = markdown::RenderOptions { allow_html: self.r.site.config.allow_html, footnote_prefix: prefix };
        markdown::render(text, self, &opts)
    }

    /// The prefix that leads from this page to the site root.
    pub fn root(&self) -> &str {
        self.root
    }

    /// The diagram stored under `key`, drawn by `draw` the first time it is
    /// asked for in this build. `key` must name everything the drawing depends on.
    pub fn diagram(&self, key: String, draw: impl FnOnce() -> Value) -> Value {
        let cache = &self.r.diagrams.0;
        if let Some(svg) = cache.lock().ok().and_then(|m| m.get(&key).cloned()) {
            return svg;
        }
        // Drawn outside the lock; two threads may both draw it, with the same result.
        let svg = draw();
        if let Ok(mut m) = cache.lock() {
            m.insert(key, svg.clone());
        }
        svg
    }
}

impl Resolver for PageResolver<'_, '_> {
    fn href(&self, kind: RefKind, id: &str) -> Option<String> {
        if !self.r.site.has(kind, id) {
            return None;
        }
        if self.in_report && kind == RefKind::Narrative {
            return Some(format!("#{id}"));
        }
        Some(format!("{}{}", self.root, url(kind, id)))
    }

    fn embed(&self, kind: RefKind, id: &str) -> Option<String> {
        let site = self.r.site;
        let item = match kind {
            RefKind::Insight => site.insight(id).map(|i| context::insight_card(site, i)),
            RefKind::Persona => site.persona(id).map(|p| context::persona_card(site, p)),
            RefKind::Journey => site.journey(id).map(|j| context::journey_embed(site, self, j)),
            RefKind::Kano => site.position(kind, id).map(|i| context::kano_card(site, self.r.results, i)),
            RefKind::Nps => site.position(kind, id).map(|i| context::nps_card(site, self.r.results, i)),
            RefKind::Narrative | RefKind::Bias => None,
        }?;
        Some(self.r.embed(kind.as_str(), self.root, item))
    }
}

/// A small JSON helper for templates: `{ "id", "title", "url" }`.
pub fn link_value(kind: RefKind, id: &str, title: &str) -> Value {
    json!({ "id": id, "title": title, "url": url(kind, id) })
}
