//! Sources (SPEC §9a): the register page `sources.html`, one page per source
//! with every quote and metric taken from it, the sources appendix of
//! report.html, and the evidence-strength line of an insight page.

use std::collections::BTreeMap;

use serde::Serialize;

use super::super::{url, PageResolver};
use super::links::{with_summaries, Link};
use crate::config::Language;
use crate::html::{escape_html, push_escaped};
use crate::i18n;
use crate::link::Site;
use crate::model::research::{evidence_type, ResearchSource, Strength};
use crate::model::{insight::EvidenceType, Choices, Insight, Item, RefKind};

/// A source in a list: `sources.html`, the report's appendix, the top of its page.
#[derive(Serialize)]
pub struct SourceCard<'a> {
    /// The id (its key in `sources.yaml`).
    pub id: &'a str,
    /// The title.
    pub title: &'a str,
    /// Its page, site-relative.
    pub url: String,
    /// The kind of research (`interview`, `survey`, …), or null.
    #[serde(rename = "type")]
    pub kind: Option<&'static str>,
    /// The date as written, or null.
    pub date: Option<&'a str>,
    /// The date written out in the site's language, or null.
    pub date_text: Option<String>,
    /// How many people took part, or null.
    pub participants: Option<u64>,
    /// The persona the participants stand for (when it exists), or null.
    pub persona: Option<Link<'a>>,
    /// The customer segment, or null.
    pub segment: Option<&'a str>,
    /// Evidence items with a quote taken from it.
    pub quotes: usize,
    /// Evidence items with a metric taken from it.
    pub metrics: usize,
    /// Insights whose evidence is taken from it.
    pub insights: usize,
}

/// The sources of one type on `sources.html`: `{ type, sources }`.
#[derive(Serialize)]
pub struct SourceGroup<'a> {
    /// The type (`interview`, …), or null for sources without one (last).
    #[serde(rename = "type")]
    pub kind: Option<&'static str>,
    /// Its sources, by date, then title.
    pub sources: Vec<SourceCard<'a>>,
}

/// The context of sources.html.
#[derive(Serialize)]
pub struct SourcesContext<'a> {
    /// The page's label.
    pub page_title: &'static str,
    /// How many sources the register holds.
    pub count: usize,
    /// The sources grouped by type, in the order of the evidence types, untyped last.
    pub groups: Vec<SourceGroup<'a>>,
}

/// `source` of source.html.
#[derive(Serialize)]
pub struct SourceDetail<'a> {
    /// What the list shows.
    #[serde(flatten)]
    pub card: SourceCard<'a>,
    /// The description as HTML, or null.
    pub description_html: Option<String>,
    /// The published file's site-relative path, or null.
    pub file: Option<&'a str>,
    /// The file's name (the last part of its path), or null.
    pub file_name: Option<&'a str>,
    /// Every quote and metric taken from it, in the order of the insights:
    /// one `<li>` each, made here rather than in the template (one source of
    /// a large study backs thousands of items). Links are relative to the
    /// page; text is escaped. Empty when nothing is taken from it.
    pub items_html: String,
    /// The insights that use it: one `<li>` each, as `items_html`.
    pub insights_html: String,
    /// Whether that list shows summaries (false: titles only, a long list).
    pub insights_with_summaries: bool,
}

/// The context of sources/ID.html.
#[derive(Serialize)]
pub struct SourceContext<'a> {
    /// The source's title.
    pub page_title: &'a str,
    /// The source.
    pub source: SourceDetail<'a>,
}

/// An insight's evidence strength: the counts and the sentence that says them.
#[derive(Serialize)]
pub struct StrengthLine {
    /// The counts.
    #[serde(flatten)]
    pub counts: Strength,
    /// "4 quotes from 3 sources, 2 methods", in the site's language.
    pub text: String,
}

/// The YAML spelling of an evidence type (also its label key, `method_` + it).
pub fn type_name(kind: EvidenceType) -> &'static str {
    EvidenceType::CHOICES[kind as usize]
}

/// How many quotes, metrics and insights each source id has (insights in the site).
fn uses(site: &Site) -> BTreeMap<&str, (usize, usize, usize)> {
    let mut out: BTreeMap<&str, (usize, usize, usize)> = BTreeMap::new();
    for it in &site.insights {
        let mut seen: Vec<&str> = Vec::new();
        for e in &it.data.evidence {
            let Some(id) = e.source.as_deref() else { continue };
            let n = out.entry(id).or_default();
            n.0 += usize::from(e.quote.is_some());
            n.1 += usize::from(e.metric.is_some());
            if !seen.contains(&id) {
                seen.push(id);
                n.2 += 1;
            }
        }
    }
    out
}

fn card<'a>(site: &'a Site, id: &'a str, s: &'a ResearchSource, n: (usize, usize, usize)) -> SourceCard<'a> {
    SourceCard {
        id,
        title: &s.title,
        url: url(RefKind::Source, id),
        kind: s.kind.map(type_name),
        date: s.date.as_deref(),
        date_text: s.date.as_deref().map(|d| crate::dates::long(site.config.language, d)),
        participants: s.participants,
        persona: s
            .persona
            .as_deref()
            .and_then(|p| site.persona(p))
            .map(|p| Link::new(RefKind::Persona, &p.id, &p.data.name)),
        segment: s.segment.as_deref(),
        quotes: n.0,
        metrics: n.1,
        insights: n.2,
    }
}

/// Every source of the register, grouped by type (untyped last), each group by date, then title.
pub fn groups(site: &Site) -> Vec<SourceGroup<'_>> {
    let Some(register) = &site.sources else { return Vec::new() };
    let uses = uses(site);
    let mut by_kind: BTreeMap<usize, Vec<SourceCard>> = BTreeMap::new();
    for (id, s) in register.data.iter() {
        let slot = s.kind.map_or(usize::MAX, |k| k as usize);
        let n = uses.get(id.as_str()).copied().unwrap_or_default();
        by_kind.entry(slot).or_default().push(card(site, id, s, n));
    }
    by_kind
        .into_values()
        .map(|mut sources| {
            sources.sort_by(|a, b| (a.date, a.title).cmp(&(b.date, b.title)));
            SourceGroup { kind: sources.first().and_then(|c| c.kind), sources }
        })
        .collect()
}

/// The context of sources.html.
pub fn list<'a>(site: &'a Site, page_title: &'static str) -> SourcesContext<'a> {
    SourcesContext { page_title, count: site.sources.as_ref().map_or(0, |r| r.data.len()), groups: groups(site) }
}

/// The id of the `i`th source (register order, as `Site::position`).
pub fn id_at(site: &Site, i: usize) -> Option<&str> {
    site.sources.as_ref()?.data.keys().nth(i).map(String::as_str)
}

/// The context of the `i`th source's page.
pub fn page<'a>(site: &'a Site, pr: &PageResolver, i: usize) -> Option<SourceContext<'a>> {
    let register = site.sources.as_ref()?;
    let (id, s) = register.data.iter().nth(i)?;
    // Only the insights that name this source (back-links, in list order), not every insight per page.
    let ids: &[String] = site.backlinks.source_insights.get(id).map(Vec::as_slice).unwrap_or_default();
    let insights: Vec<&Item<Insight>> = ids.iter().filter_map(|iid| site.insight(iid)).collect();
    let (items_html, quotes, metrics) = taken_items(site, pr.root(), id, &insights);
    let file = s.file.as_deref().and_then(|f| site.file_url(f));
    let description_html = s
        .description
        .as_deref()
        .filter(|d| !d.trim().is_empty())
        .map(|d| pr.markdown(d, &format!("source-{id}"), &register.file.rel));
    Some(SourceContext {
        page_title: &s.title,
        source: SourceDetail {
            card: card(site, id, s, (quotes, metrics, insights.len())),
            description_html,
            file,
            file_name: file.map(|f| f.rsplit('/').next().unwrap_or(f)),
            items_html,
            insights_html: insights_html(pr.root(), &insights, with_summaries(insights.len())),
            insights_with_summaries: with_summaries(insights.len()),
        },
    })
}

/// The `<li>` of every quote and metric that `insights` take from the source
/// `id` (a quote shown when an item has both), each linking to its insight
/// and labelled with its method when that is not the source's own; and how
/// many have a quote and how many only a metric.
fn taken_items(site: &Site, root: &str, id: &str, insights: &[&Item<Insight>]) -> (String, usize, usize) {
    let lang = site.config.language;
    let register = site.sources.as_ref().map(|r| &*r.data);
    // The badge of each method, escaped once per page.
    let badges: Vec<String> = EvidenceType::CHOICES
        .iter()
        .map(|m| format!(" <span class=\"badge\">{}</span>", escape_html(i18n::label(lang, &format!("method_{m}")))))
        .collect();
    let own = register.and_then(|r| r.get(id)).and_then(|s| s.kind);
    let (mut out, mut quotes, mut metrics) = (String::new(), 0, 0);
    for it in insights {
        let link = format!(
            "<p class=\"evidence-source\"><a href=\"{root}{}\">{}</a>",
            escape_html(&url(RefKind::Insight, &it.id)),
            escape_html(&it.data.title)
        );
        for e in it.data.evidence.iter().filter(|e| e.source.as_deref() == Some(id)) {
            if e.quote.is_some() {
                quotes += 1;
            } else {
                metrics += 1;
            }
            match e.quote.as_deref().filter(|q| !q.is_empty()) {
                Some(q) => {
                    out.push_str("<li class=\"evidence-item evidence-quote\"><blockquote>");
                    push_escaped(&mut out, q);
                    out.push_str("</blockquote>");
                }
                None => {
                    out.push_str("<li class=\"evidence-item evidence-metric\"><p class=\"metric\">");
                    push_escaped(&mut out, e.metric.as_deref().unwrap_or_default());
                    out.push_str("</p>");
                }
            }
            out.push_str(&link);
            // The source's own method is the page's (its heading says it): only another is labelled.
            if let Some(kind) = evidence_type(e, register).filter(|&k| Some(k) != own) {
                out.push_str(&badges[kind as usize]);
            }
            out.push_str("</p></li>\n");
        }
    }
    (out, quotes, metrics)
}

/// The `<li>` of each of `insights`: its title linking to its page, then
/// (with `summaries`) its summary.
fn insights_html(root: &str, insights: &[&Item<Insight>], summaries: bool) -> String {
    let mut out = String::new();
    for it in insights {
        out.push_str("<li><a href=\"");
        out.push_str(root);
        push_escaped(&mut out, &url(RefKind::Insight, &it.id));
        out.push_str("\">");
        push_escaped(&mut out, &it.data.title);
        out.push_str("</a>");
        if summaries {
            out.push_str("<span class=\"muted\"> — ");
            push_escaped(&mut out, &it.data.summary);
            out.push_str("</span>");
        }
        out.push_str("</li>");
    }
    out
}

/// The strength line of an insight with `strength`; null without evidence.
pub fn strength_line(lang: Language, s: Strength) -> Option<StrengthLine> {
    if s.quotes + s.metrics == 0 {
        return None;
    }
    let mut what: Vec<String> = Vec::new();
    if s.quotes > 0 {
        what.push(i18n::count(lang, s.quotes, "quotes"));
    }
    if s.metrics > 0 {
        what.push(i18n::count(lang, s.metrics, "metrics"));
    }
    let mut text = what.join(&format!(" {} ", i18n::label(lang, "and")));
    if s.sources > 0 {
        text.push_str(&format!(" {} {}", i18n::label(lang, "strength_from"), i18n::count(lang, s.sources, "sources")));
    }
    if s.methods > 0 {
        text.push_str(&format!(", {}", i18n::count(lang, s.methods, "methods")));
    }
    Some(StrengthLine { counts: s, text })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strength_line_is_singular_for_one_in_both_languages() {
        let s = Strength { quotes: 4, metrics: 0, sources: 3, methods: 2 };
        assert_eq!(strength_line(Language::En, s).unwrap().text, "4 quotes from 3 sources, 2 methods");
        let one = Strength { quotes: 1, metrics: 1, sources: 1, methods: 1 };
        assert_eq!(strength_line(Language::En, one).unwrap().text, "1 quote and 1 metric from 1 source, 1 method");
        assert_eq!(strength_line(Language::Nl, s).unwrap().text, "4 citaten uit 3 bronnen, 2 methoden");
        assert_eq!(strength_line(Language::Nl, one).unwrap().text, "1 citaat en 1 cijfer uit 1 bron, 1 methode");
        assert!(strength_line(Language::En, Strength::default()).is_none());
    }
}
