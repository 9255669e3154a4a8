//! Headings of a Markdown text and their ids: what the `#anchor` of a link to
//! a chapter must name. Only explicit ids (`## The gap {#the-gap}`) count.

use pulldown_cmark::{Event, Parser, Tag, TagEnd};

use super::options;

pub use crate::model::narrative::Heading;

/// The headings of `text`, in order (none for a text over
/// [`MAX_TEXT_BYTES`](super::MAX_TEXT_BYTES): checking refuses it unparsed).
pub fn headings(text: &str) -> Vec<Heading> {
    let mut out = Vec::new();
    if text.len() > super::MAX_TEXT_BYTES {
        return out;
    }
    let mut current: Option<Heading> = None;
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Start(Tag::Heading { level, id, .. }) => {
                let id = id.map(|i| i.to_string());
                current = Some(Heading { level: level as usize, id, text: String::new(), offset: range.start })
            }
            Event::Text(t) | Event::Code(t) => {
                if let Some(h) = &mut current {
                    h.text.push_str(&t);
                }
            }
            Event::End(TagEnd::Heading(_)) => out.extend(current.take()),
            _ => {}
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn explicit_ids_only() {
        let h = super::headings("# One\n\ntext\n\n## The `gap` {#the-gap}\n");
        assert_eq!(h.len(), 2);
        assert_eq!((h[0].level, h[0].id.as_deref(), h[0].text.as_str(), h[0].offset), (1, None, "One", 0));
        assert_eq!(
            (h[1].level, h[1].id.as_deref(), h[1].text.as_str(), h[1].offset),
            (2, Some("the-gap"), "The gap", 13)
        );
    }
}
