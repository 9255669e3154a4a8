//! The portfolio's own files: `index.html` (from the theme's
//! `portfolio.html`), the cross-study search index `portfolio-search.js`,
//! the default theme's static files under `static/` and the logo.

use std::path::Path;

use serde::Serialize;
use tera::Tera;

use super::config::PortfolioConfig;
use super::manifest::Manifest;
use super::summary::Entry;
use crate::error::Failure;
use crate::i18n;
use crate::output::write_file_atomically;
use crate::render::context::portfolio::{PortfolioCard, PortfolioPage};
use crate::render::{default_static_files, THEME_DIR};

/// The search index's path in the output.
pub const SEARCH_INDEX: &str = "portfolio-search.js";
/// The page script's path in the output.
const SCRIPT: &str = "static/portfolio.js";

/// One study in the search index.
#[derive(Serialize)]
struct IndexStudy<'a> {
    /// Project id (its folder).
    id: &'a str,
    /// Title.
    title: &'a str,
    /// Client.
    client: Option<&'a str>,
    /// Entries.
    items: &'a [Entry],
}

/// Writes index.html, the search index, the static files and the logo into
/// `out`, from the cards in `manifest`; returns the number of cards.
pub fn write(dir: &Path, out: &Path, config: &PortfolioConfig, manifest: &Manifest) -> Result<usize, Failure> {
    let put = |rel: &str, bytes: &[u8]| {
        write_file_atomically(&out.join(rel), bytes).map_err(Failure::io_at("write", out.join(rel)))
    };
    for (path, bytes) in default_static_files() {
        put(&path, bytes)?;
    }
    let script = THEME_DIR.get_file("portfolio/portfolio.js").map(|f| f.contents()).unwrap_or_default();
    put(SCRIPT, script)?;
    let logo = match &config.logo {
        Some(l) => {
            let ext = Path::new(l).extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
            let name = format!("static/portfolio-logo.{ext}");
            let bytes = std::fs::read(dir.join(l)).map_err(Failure::io_at("read", dir.join(l)))?;
            put(&name, &bytes)?;
            Some(name)
        }
        None => None,
    };
    let mut records: Vec<_> = manifest.projects.values().collect();
    // Newest first; undated studies last; then by title and id.
    records.sort_by(|a, b| {
        (b.card.date.is_some(), &b.card.date)
            .cmp(&(a.card.date.is_some(), &a.card.date))
            .then_with(|| a.card.title.cmp(&b.card.title))
            .then_with(|| a.card.id.cmp(&b.card.id))
    });
    let index: Vec<IndexStudy> = records
        .iter()
        .map(|r| IndexStudy {
            id: &r.card.id,
            title: &r.card.title,
            client: r.card.client.as_deref(),
            items: &r.search,
        })
        .collect();
    let json = serde_json::to_string(&index).unwrap_or_else(|_| "[]".into()).replace('<', "\\u003c");
    put(SEARCH_INDEX, format!("window.cxsitePortfolio = {{\"studies\":{json}}};\n").as_bytes())?;
    let lang = config.language;
    let mut clients: Vec<&str> = records.iter().filter_map(|r| r.card.client.as_deref()).collect();
    clients.sort();
    clients.dedup();
    let mut years: Vec<&str> = records.iter().filter_map(|r| r.card.year.as_deref()).collect();
    years.sort_by(|a, b| b.cmp(a));
    years.dedup();
    let mut tags: Vec<&str> = records.iter().flat_map(|r| r.card.tags.iter().map(String::as_str)).collect();
    tags.sort();
    tags.dedup();
    let studies = records
        .iter()
        .map(|r| {
            let c = &r.card;
            let counts = [
                (c.insights, "insights"),
                (c.personas, "personas"),
                (c.journeys, "journeys"),
                (c.chapters, "chapters"),
            ];
            PortfolioCard {
                study: c,
                href: format!("{}/index.html", c.id),
                date_text: c.date.as_deref().map(|d| crate::dates::long(lang, d)),
                count_texts: counts
                    .iter()
                    .filter(|(n, _)| *n > 0)
                    .map(|&(n, noun)| i18n::count(lang, n, noun))
                    .collect(),
            }
        })
        .collect::<Vec<_>>();
    let cards = studies.len();
    let page = PortfolioPage {
        title: &config.title,
        organisation: config.organisation.as_deref(),
        lang: lang.code(),
        logo,
        accent_color: config.accent_color.as_deref(),
        studies,
        clients,
        years,
        tags,
        search_index: SEARCH_INDEX,
    };
    put("index.html", render(&page, lang)?.as_bytes())?;
    Ok(cards)
}

/// Renders the default theme's `portfolio.html` with `page`.
fn render(page: &PortfolioPage, lang: crate::config::Language) -> Result<String, Failure> {
    let name = "portfolio.html";
    let source = THEME_DIR
        .get_file("templates/portfolio.html")
        .and_then(|f| f.contents_utf8())
        .ok_or_else(|| Failure::usage_without_help("the default theme has no portfolio.html"))?;
    let mut tera = Tera::default();
    tera.autoescape_on(vec![".html"]);
    tera.set_escape_fn(crate::html::escape_html);
    tera.add_raw_template(name, source).map_err(|e| template_failure(name, &e))?;
    let mut ctx = tera::Context::new();
    ctx.insert("t", &i18n::labels(lang));
    ctx.insert("root", "");
    ctx.insert("portfolio", page);
    tera.render(name, &ctx).map_err(|e| template_failure(name, &e))
}

fn template_failure(name: &str, e: &tera::Error) -> Failure {
    let mut text = e.to_string();
    let mut source = std::error::Error::source(e);
    while let Some(s) = source {
        text.push_str(&format!(": {s}"));
        source = s.source();
    }
    Failure::usage(
        format!("the theme's {name} failed: {text}"),
        "this is a bug in cxsite's default theme; please report it",
    )
}
