//! A word-level diff of two texts (by the `similar` crate), and its two
//! renderings: HTML with `<ins>`/`<del>` for changes.html and plain text with
//! `[-…-]{+…+}` for `cxsite diff`, as `git diff --word-diff` writes it.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

use crate::html::escape_html;

/// A run of words that were kept, inserted or deleted.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Segment {
    /// `same`, `ins` or `del`.
    pub kind: &'static str,
    /// The words, with the spaces between them.
    pub text: String,
}

/// The words of `new` against those of `old`, with runs of the same kind merged.
pub fn word_diff(old: &str, new: &str) -> Vec<Segment> {
    let diff = TextDiff::from_words(old, new);
    let mut out: Vec<Segment> = Vec::new();
    for change in diff.iter_all_changes() {
        let kind = match change.tag() {
            ChangeTag::Equal => "same",
            ChangeTag::Insert => "ins",
            ChangeTag::Delete => "del",
        };
        let text = change.value();
        // Spaces between two changed words belong to the change, so a rewritten phrase reads as one.
        match out.last_mut() {
            Some(last) if last.kind == kind => last.text.push_str(text),
            _ => out.push(Segment { kind, text: text.to_string() }),
        }
    }
    merge_spaces(out)
}

/// Folds a kept run of only spaces between two changes into them, so that
/// "[-a b-]{+c d+}" is not split into four pieces around each space.
fn merge_spaces(segments: Vec<Segment>) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::with_capacity(segments.len());
    let mut i = 0;
    while i < segments.len() {
        let s = &segments[i];
        let between_changes = s.kind == "same"
            && s.text.trim().is_empty()
            && i > 0
            && i + 1 < segments.len()
            && segments[i - 1].kind != "same"
            && segments[i + 1].kind != "same";
        if between_changes {
            // The space goes to both sides: the deleted and the inserted text each read whole.
            for seg in out.iter_mut().rev().take_while(|x| x.kind != "same") {
                seg.text.push_str(&s.text);
            }
            i += 1;
            // Merge the following changes into the runs before.
            while i < segments.len() && segments[i].kind != "same" {
                let next = &segments[i];
                match out.iter_mut().rev().take_while(|x| x.kind != "same").find(|x| x.kind == next.kind) {
                    Some(run) => run.text.push_str(&next.text),
                    None => out.push(next.clone()),
                }
                i += 1;
            }
            continue;
        }
        out.push(s.clone());
        i += 1;
    }
    // Deletions before insertions within one change, as readers expect.
    let mut i = 0;
    while i + 1 < out.len() {
        if out[i].kind == "ins" && out[i + 1].kind == "del" {
            out.swap(i, i + 1);
        }
        i += 1;
    }
    out
}

/// The diff as HTML: kept words as text, `<del>` and `<ins>` around changes (escaped).
pub fn to_html(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        let text = escape_html(&s.text);
        match s.kind {
            "ins" => out.push_str(&format!("<ins>{text}</ins>")),
            "del" => out.push_str(&format!("<del>{text}</del>")),
            _ => out.push_str(&text),
        }
    }
    out
}

/// The diff as plain text: `[-deleted-]{+inserted+}`.
pub fn to_plain(segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s.kind {
            "ins" => out.push_str(&format!("{{+{}+}}", s.text.trim_end())),
            "del" => out.push_str(&format!("[-{}-]", s.text.trim_end())),
            _ => out.push_str(&s.text),
        }
        if s.kind != "same" && s.text.ends_with(' ') && !out.ends_with(' ') {
            // Keep the space that followed the change, outside the markers.
            out.push(' ');
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plain(a: &str, b: &str) -> String {
        to_plain(&word_diff(a, b))
    }

    #[test]
    fn one_word_replaced() {
        assert_eq!(
            plain("Customers doubt on day 3.", "Customers worry on day 3."),
            "Customers [-doubt-]{+worry+} on day 3."
        );
    }

    #[test]
    fn a_phrase_rewritten_reads_as_one_change() {
        assert_eq!(
            plain("the invoice comes late", "the bill arrives early"),
            "the [-invoice comes late-]{+bill arrives early+}"
        );
    }

    #[test]
    fn words_added_at_the_end() {
        assert_eq!(plain("Doubt on day 3", "Doubt on day 3 and 4"), "Doubt on day 3{+ and 4+}");
    }

    #[test]
    fn html_is_escaped_and_marked() {
        let html = to_html(&word_diff("a <b> c", "a <i> c"));
        assert_eq!(html, "a <del>&lt;b&gt;</del><ins>&lt;i&gt;</ins> c");
    }

    #[test]
    fn equal_texts_have_no_changes() {
        assert!(word_diff("same text", "same text").iter().all(|s| s.kind == "same"));
    }
}
