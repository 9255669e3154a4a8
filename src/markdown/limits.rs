//! Limits on one Markdown text (a chapter, a Markdown field): what would make
//! a page too large to build is refused when checking, with the place where
//! the limit is crossed, instead of running out of memory.

use super::EmbedProblem;

/// The most embeds one Markdown text may hold.
pub const MAX_EMBEDS: usize = 200;

/// The most table cells (header cells included) one Markdown text may hold.
pub const MAX_TABLE_CELLS: usize = 100_000;

/// The largest Markdown text, in bytes (2 MiB: about 300 000 words). A larger
/// one is refused before it is parsed: the parser holds a whole text at once.
pub const MAX_TEXT_BYTES: usize = 2 * 1024 * 1024;

/// A problem when `text` is larger than [`MAX_TEXT_BYTES`], placed where the limit is crossed.
pub(super) fn too_long(text: &str) -> Option<EmbedProblem> {
    if text.len() <= MAX_TEXT_BYTES {
        return None;
    }
    let mut offset = MAX_TEXT_BYTES;
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    Some(EmbedProblem {
        offset,
        too_large: true,
        message: format!("this text is {} bytes long; the limit ({MAX_TEXT_BYTES} bytes) is crossed here", text.len()),
        help: "split it into several chapters, or put large data in a file under assets/ and link to it".into(),
    })
}

/// Counts embeds and table cells while a text is scanned.
#[derive(Debug, Default)]
pub(super) struct Counter {
    embeds: usize,
    cells: usize,
}

impl Counter {
    /// One more embed at `offset`: a problem when it is the first beyond the limit.
    pub(super) fn embed(&mut self, offset: usize) -> Option<EmbedProblem> {
        self.embeds += 1;
        (self.embeds == MAX_EMBEDS + 1).then(|| EmbedProblem {
            offset,
            too_large: true,
            message: format!("more than {MAX_EMBEDS} embeds in one text; this is embed {}", self.embeds),
            help: "split the chapter, or link to the rest with [text](journey:ID) instead of embedding it".into(),
        })
    }

    /// One more table cell at `offset`: a problem when it is the first beyond the limit.
    pub(super) fn table_cell(&mut self, offset: usize) -> Option<EmbedProblem> {
        self.cells += 1;
        (self.cells == MAX_TABLE_CELLS + 1).then(|| EmbedProblem {
            offset,
            too_large: true,
            message: format!("more than {MAX_TABLE_CELLS} table cells in one text; the limit is crossed here"),
            help: "put large tables in a CSV under assets/ and link to it, or split the chapter".into(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_first_one_beyond_the_limit_is_reported_once() {
        let mut c = Counter::default();
        assert!((0..MAX_EMBEDS).all(|i| c.embed(i).is_none()));
        assert_eq!(c.embed(7).map(|p| p.offset), Some(7));
        assert!(c.embed(8).is_none());
        assert!((0..MAX_TABLE_CELLS).all(|i| c.table_cell(i).is_none()));
        assert!(c.table_cell(9).is_some_and(|p| p.message.contains("100000 table cells")));
        assert!(too_long(&"é".repeat(MAX_TEXT_BYTES / 2)).is_none());
        let long = format!("a{}", "é".repeat(MAX_TEXT_BYTES / 2));
        assert_eq!(too_long(&long).map(|p| p.offset), Some(MAX_TEXT_BYTES - 1));
    }
}
