//! Narratives (SPEC §8): Markdown chapters with YAML front matter.

use serde::{Deserialize, Serialize};

use super::Status;

/// The front matter of a narrative.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// Chapter title.
    pub title: String,
    /// Position in the report (then by title).
    #[serde(default)]
    pub order: Option<i64>,
    /// One-line summary.
    #[serde(default)]
    pub summary: Option<String>,
    /// Draft chapters are left out unless `--drafts`.
    #[serde(default)]
    pub status: Status,
    /// For the team only: left out of a normal build, shown marked with `--internal`.
    #[serde(default)]
    pub internal: bool,
}

/// Splits a narrative into its front matter text and body.
///
/// Returns `(front matter, body, line of the body's first line)`, or `None`
/// when the file does not start with a `---` line or the block is not closed.
pub fn split_front_matter(text: &str) -> Option<(&str, &str, usize)> {
    let text_start = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text_start.find('\n')?;
    if text_start[..first_end].trim_end() != "---" {
        return None;
    }
    let rest = &text_start[first_end + 1..];
    let mut offset = 0;
    for (line, l) in (2..).zip(rest.split_inclusive('\n')) {
        if l.trim_end() == "---" || l.trim_end() == "..." {
            let fm = &rest[..offset];
            let body = &rest[offset + l.len()..];
            return Some((fm, body, line + 1));
        }
        offset += l.len();
    }
    None
}

/// A heading of a Markdown text, for checking `#anchor`s of links to it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Heading {
    /// 1 for `#`, 2 for `##` …
    pub level: usize,
    /// The explicit id (`## The gap {#the-gap}`); headings get no other id.
    pub id: Option<String>,
    /// The heading's text.
    pub text: String,
    /// Byte offset of the heading in the Markdown text.
    pub offset: usize,
}

/// A narrative: front matter plus Markdown body.
#[derive(Debug, Clone)]
pub struct Narrative {
    /// The parsed front matter.
    pub front: FrontMatter,
    /// The Markdown after the front matter.
    pub body: String,
    /// 1-based line of the body's first line in the file.
    pub body_line: usize,
    /// The body's headings as written (for `#anchor` checks), parsed with
    /// the file so an unchanged chapter is not parsed again by `serve`.
    pub headings: Vec<Heading>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_front_matter_and_counts_lines() {
        let (fm, body, line) = split_front_matter("---\ntitle: A\n---\nHello\n").unwrap();
        assert_eq!(fm, "title: A\n");
        assert_eq!(body, "Hello\n");
        assert_eq!(line, 4);
        assert!(split_front_matter("no front matter\n").is_none());
        assert!(split_front_matter("---\ntitle: A\n").is_none());
    }
}
