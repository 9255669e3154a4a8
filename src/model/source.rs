//! A file of the project as read from disk, and an item parsed from one.

use std::sync::Arc;

/// One file of the project, as read from disk.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the project root, with forward slashes.
    pub rel: String,
    /// The whole text.
    pub text: String,
}

/// A parsed file of one content kind, with its id and source.
#[derive(Debug)]
pub struct Item<T> {
    /// The file stem.
    pub id: String,
    /// Where it came from.
    pub file: Arc<SourceFile>,
    /// The parsed content (shared: the site model and serve's cache hold the same data).
    pub data: Arc<T>,
}

impl<T> Clone for Item<T> {
    fn clone(&self) -> Self {
        Item { id: self.id.clone(), file: self.file.clone(), data: self.data.clone() }
    }
}
