//! The portfolio's own files: `index.html` (from the theme's
//! `portfolio.html`), the cross-study search index in `portfolio-search/`
//! ([`super::search`]),
//! the default theme's static files under `static/` and the logo.

use std::path::Path;

use tera::Tera;

use super::config::PortfolioConfig;
use super::manifest::Manifest;
use super::search;
use crate::error::Failure;
use crate::i18n;
use crate::output::write_file_atomically;
use crate::render::context::portfolio::{PortfolioCard, PortfolioPage};
use crate::render::{default_static_files, THEME_DIR};

/// The page script's path in the output.
const SCRIPT: &str = "static/portfolio.js";

/// Writes index.html, the search index, the static files and the logo into
/// `out`, from the cards in `manifest`; returns the number of cards.
pub fn write(dir: &Path, out: &Path, config: &PortfolioConfig, manifest: &Manifest) -> Result<usize, Failure> {
    // A file already there with these bytes is left alone: after one study
    // changed, most search files and every static file are the same again
    // (each written file is synced to disk, which is what costs).
    let put = |rel: &str, bytes: &[u8]| {
        let path = out.join(rel);
        if std::fs::read(&path).is_ok_and(|old| old == bytes) {
            return Ok(());
        }
        write_file_atomically(&path, bytes).map_err(Failure::io_at("write", path))
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
    let t = std::time::Instant::now();
    let index = search::Files::build(&records);
    crate::timing("portfolio search", t);
    let t = std::time::Instant::now();
    for (path, text) in index.paths() {
        put(&path, text.as_bytes())?;
    }
    crate::timing("portfolio search written", t);
    search::remove_stale(out, &index).map_err(Failure::io_at("clean", out.join(search::DIR)))?;
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
        search_index: index.base_src(),
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

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use super::*;
    use crate::portfolio::summary::{Headline, StudyCard};

    /// The variable names of the table under `### heading` in docs/themes.md.
    fn documented(heading: &str) -> BTreeSet<String> {
        let md = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/docs/themes.md")).unwrap();
        let start = md.find(&format!("### {heading}\n")).unwrap_or_else(|| panic!("no section {heading}"));
        md[start..]
            .lines()
            .skip(1)
            .take_while(|l| !l.starts_with("#"))
            .filter_map(|l| l.strip_prefix("| `"))
            .map(|l| l.split('`').next().unwrap_or_default().to_string())
            .collect()
    }

    fn keys(v: &serde_json::Value) -> BTreeSet<String> {
        v.as_object().unwrap().keys().cloned().collect()
    }

    #[test]
    fn the_portfolio_context_is_what_docs_themes_md_documents() {
        let card = StudyCard {
            id: "a".into(),
            title: "A".into(),
            subtitle: None,
            client: None,
            date: Some("2026-01-02".into()),
            year: Some("2026".into()),
            language: "en".into(),
            confidential: false,
            insights: 1,
            personas: 0,
            journeys: 0,
            chapters: 0,
            nps: Some(Headline { score: 5, period: "Q1".into(), series: "S".into() }),
            tags: vec![],
        };
        let page = PortfolioPage {
            title: "P",
            organisation: None,
            lang: "en",
            logo: None,
            accent_color: None,
            studies: vec![PortfolioCard {
                study: &card,
                href: "a/index.html".into(),
                date_text: None,
                count_texts: vec![],
            }],
            clients: vec![],
            years: vec![],
            tags: vec![],
            search_index: search::BASE_PATH.into(),
        };
        let v = serde_json::to_value(&page).unwrap();
        assert_eq!(keys(&v), documented("PortfolioPage"));
        assert_eq!(keys(&v["studies"][0]), documented("PortfolioCard"));
        let nps: BTreeSet<String> = ["score", "period", "series"].map(String::from).into();
        assert_eq!(keys(&v["studies"][0]["nps"]), nps, "the nps object as the PortfolioCard table says");
        assert_eq!(documented("`portfolio.html`"), ["portfolio".to_string()].into());
    }

    #[test]
    fn the_page_escapes_what_comes_from_yaml() {
        let card = StudyCard {
            id: "a".into(),
            title: "<script>x</script>".into(),
            subtitle: Some("<i>sub</i>".into()),
            client: Some("A \"&\" B".into()),
            date: None,
            year: None,
            language: "en".into(),
            confidential: true,
            insights: 0,
            personas: 0,
            journeys: 0,
            chapters: 0,
            nps: None,
            tags: vec!["<t>".into()],
        };
        let page = PortfolioPage {
            title: "<b>P</b>",
            organisation: Some("O & <o>"),
            lang: "nl",
            logo: None,
            accent_color: None,
            studies: vec![PortfolioCard {
                study: &card,
                href: "a/index.html".into(),
                date_text: None,
                count_texts: vec![],
            }],
            clients: vec!["A \"&\" B"],
            years: vec![],
            tags: vec!["<t>"],
            search_index: search::BASE_PATH.into(),
        };
        let html = render(&page, crate::config::Language::Nl).unwrap();
        for raw in ["<b>P", "<script>x", "<i>sub", "<o>", "<t>", "\"&\""] {
            assert!(!html.contains(raw), "{raw} is not escaped");
        }
        assert!(html.contains("&lt;b&gt;P&lt;/b&gt;") && html.contains("Vertrouwelijk"));
    }
}
