//! What the portfolio page knows of one study: its card (client, title,
//! date, counts, headline NPS) and its entries in the cross-study search.
//! Both come from the checked site, so a client build's redactions and
//! left-out internal material hold here too, and both are kept in the
//! manifest so a study that is skipped or failed keeps its card.

use serde::{Deserialize, Serialize};

pub use crate::render::context::portfolio::{Headline, StudyCard};

use crate::link::Site;
use crate::model::RefKind;
use crate::render::url;

/// One thing the cross-study search finds (kept in the manifest, so a
/// skipped study's words need not be made again).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    /// Kind: `i` insight, `q` quote, `p` persona, `c` chapter.
    pub k: String,
    /// What the result shows as its title.
    pub t: String,
    /// The distinct words (folded, two letters or more) of the title and the
    /// rest of the searchable text, sorted, one per line (a document of
    /// [`crate::render::shards::word_shards`]).
    pub w: String,
    /// The page, relative to the study's folder.
    pub h: String,
}

impl Entry {
    /// The entry of kind `k` titled `t`, with the further text `x`, on page `h`.
    pub fn new(k: &str, t: String, x: &str, h: String) -> Entry {
        let w = crate::render::shards::document(&crate::render::search::fold(&format!("{t} {x}")));
        Entry { k: k.to_string(), t, w, h }
    }
}

/// The card of the checked `site` published as `id`.
pub fn card(id: &str, site: &Site) -> StudyCard {
    let c = &site.config;
    let mut tags: Vec<String> = site.insights.iter().flat_map(|i| i.data.tags.iter().cloned()).collect();
    tags.sort();
    tags.dedup();
    StudyCard {
        id: id.to_string(),
        title: c.title.clone(),
        subtitle: c.subtitle.clone(),
        client: c.client.clone(),
        date: c.date.clone(),
        year: c.date.as_deref().and_then(|d| d.get(..4)).map(str::to_string),
        language: c.language.code().to_string(),
        confidential: c.confidential,
        insights: site.insights.len(),
        personas: site.personas.len(),
        journeys: site.journeys.len(),
        chapters: site.narratives.len(),
        nps: headline(site),
        tags,
    }
}

/// The latest (last listed) period of the first NPS series, when it has a score.
fn headline(site: &Site) -> Option<Headline> {
    let series = site.nps.first()?;
    let results = crate::analysis::analyse(site);
    let last = results.nps.get(&series.id)?.last()?;
    Some(Headline { score: last.nps?, period: last.period.clone(), series: series.data.title.clone() })
}

/// How much of a chapter's text the search index holds (bytes, at most).
const CHAPTER_TEXT: usize = 2000;

/// The words of Markdown `body` (no markup, no `{{ … }}` embeds), cut at
/// about `limit` bytes.
fn plain_text(body: &str, limit: usize) -> String {
    use pulldown_cmark::{Event, Parser, TagEnd};
    let mut out = String::new();
    for event in Parser::new(body) {
        let text = match event {
            Event::Text(t) | Event::Code(t) => t,
            Event::End(TagEnd::Link | TagEnd::Emphasis | TagEnd::Strong | TagEnd::Strikethrough | TagEnd::Image) => {
                continue
            }
            Event::SoftBreak | Event::HardBreak | Event::End(_) => " ".into(),
            _ => continue,
        };
        if text.trim_start().starts_with("{{") {
            continue;
        }
        out.push_str(&text);
        if out.len() >= limit {
            let mut end = limit;
            while !out.is_char_boundary(end) {
                end -= 1;
            }
            out.truncate(end);
            break;
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Every search entry of `site`: insights (title; summary and layers),
/// their quotes, personas and chapters (title; summary and text), in the
/// site's order.
pub fn entries(site: &Site) -> Vec<Entry> {
    let mut out = Vec::new();
    for it in &site.insights {
        let d = &it.data;
        let h = url(RefKind::Insight, &it.id);
        let layers = [Some(&d.summary), d.emotional.as_ref(), d.functional.as_ref(), d.breakthrough.as_ref()];
        let x = layers.into_iter().flatten().map(String::as_str).collect::<Vec<_>>().join(" ");
        out.push(Entry::new("i", d.title.clone(), &x, h.clone()));
        for quote in d.evidence.iter().filter_map(|e| e.quote.as_ref()) {
            out.push(Entry::new("q", quote.clone(), &d.title, h.clone()));
        }
    }
    for p in &site.personas {
        let d = &p.data;
        let x = [d.tagline.as_ref(), d.quote.as_ref(), d.about.as_ref()]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .join(" ");
        out.push(Entry::new("p", d.name.clone(), &x, url(RefKind::Persona, &p.id)));
    }
    for n in &site.narratives {
        let d = &n.data;
        let x = format!("{} {}", d.front.summary.as_deref().unwrap_or_default(), plain_text(&d.body, CHAPTER_TEXT));
        out.push(Entry::new("c", d.front.title.clone(), &x, url(RefKind::Narrative, &n.id)));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::plain_text;

    #[test]
    fn chapter_text_is_words_without_markup_or_embeds() {
        let md = "# Heading\n\nSome **bold** and [a link](x.html).\n\n{{ journey(id=\"j\") }}\n\n- één `code`\n";
        assert_eq!(plain_text(md, 2000), "Heading Some bold and a link. één code");
        assert_eq!(plain_text("ééééé", 3), "é", "cut at a character boundary");
    }
}
