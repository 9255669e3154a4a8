//! The embeds and links of whole views in Markdown: `{{ mindmap() }}`,
//! `{{ mindmap(persona="…") }}`, `{{ metaphors() }}`, and the links
//! `mindmap:`, `mindmap:PERSONA` (the map on the persona's page) and
//! `metaphors:`.

use super::{context, url, PageResolver};
use crate::model::RefKind;

/// The HTML block of the view embed `name`, or `None` for an unknown persona.
pub(super) fn embed(pr: &PageResolver, name: &str, persona: Option<&str>) -> Option<String> {
    let site = pr.r.site;
    match name {
        "mindmap" => {
            let persona = match persona {
                Some(p) => Some(site.persona(p)?.id.as_str()),
                None => None,
            };
            // Ids unique on the page, the same wherever the text stands (like embedded charts).
            let id = {
                let mut scope = pr.scope.borrow_mut();
                scope.1 += 1;
                format!("mindmap-{}-e{}", scope.0, scope.1)
            };
            let map = context::mindmap::build(site, pr.root, &id, persona);
            Some(pr.r.embed("mindmap", pr.root, &map))
        }
        "metaphors" => {
            let title = crate::i18n::label(site.config.language, "metaphors");
            Some(pr.r.embed("metaphors", pr.root, &context::metaphors::page(site, title)))
        }
        _ => None,
    }
}

/// The href of a view link, or `None` (the text alone) when the page does not exist.
pub(super) fn href(pr: &PageResolver, page: &str, persona: Option<&str>) -> Option<String> {
    let site = pr.r.site;
    match (page, persona) {
        ("mindmap", None) if super::has_mindmap(site) => Some(format!("{}mindmap.html", pr.root)),
        ("mindmap", Some(p)) => {
            let p = site.persona(p)?;
            let has_map = site.backlinks.persona_insights.get(&p.id).is_some_and(|ids| !ids.is_empty());
            let anchor = if has_map { format!("#mindmap-{}", p.id) } else { String::new() };
            Some(format!("{}{}{anchor}", pr.root, url(RefKind::Persona, &p.id)))
        }
        ("metaphors", None) if super::has_metaphors(site) => Some(format!("{}metaphors.html", pr.root)),
        _ => None,
    }
}
