//! Where a value sits in a YAML file.
//!
//! serde gives typed data without positions; when a check needs to point at
//! a value (`personas[1]` of an insight, the `emotion` of a step), this
//! module re-reads the text with yaml-rust2's event parser into a `Doc`
//! (every node with its `line:col`) and walks a path of keys and indexes.
//! It is only used on the error path: for positions, and by the schema
//! collector that lists every problem of a file that failed to load.
//!
//! A file with many problems asks for many positions: [`Index`] parses the
//! text once and answers each path in time proportional to its length, and
//! [`Lazy`] builds that index only when the first position is asked for.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::{Marker, TScalarStyle};

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    /// The value under a mapping key.
    Key(&'a str),
    /// The n-th item (0-based) of a sequence.
    Index(usize),
}

/// A 1-based `(line, column)`.
pub type Pos = (usize, usize);

/// One node of a parsed YAML document.
#[derive(Debug)]
pub(crate) enum Node {
    /// A scalar: its text, and whether it was written plain (unquoted, not a block).
    Scalar { text: String, plain: bool },
    /// An `*alias` (not followed: its target is checked where it is defined).
    Alias,
    /// A sequence: node ids of the items.
    Seq(Vec<usize>),
    /// A mapping: node ids of each key and its value, in document order.
    Map(Vec<(usize, usize)>),
}

/// A YAML document as a tree of positioned nodes.
#[derive(Debug, Default)]
pub(crate) struct Doc {
    /// Every node with its position; children refer to each other by index.
    pub nodes: Vec<(Pos, Node)>,
    /// The top node, if the document has one.
    pub root: Option<usize>,
    /// False when the parser stopped at a syntax error (the tree is partial).
    pub complete: bool,
    stack: Vec<usize>,
    pending_key: Vec<Option<usize>>,
}

impl Doc {
    /// Parses the first document of `text`; a syntax error leaves a partial tree.
    pub fn parse(text: &str) -> Doc {
        let mut doc = Doc::default();
        let mut parser = Parser::new_from_str(text);
        doc.complete = parser.load(&mut doc, false).is_ok();
        doc
    }

    /// The text of a scalar node (`None` for collections and aliases).
    pub fn scalar(&self, id: usize) -> Option<&str> {
        match &self.nodes[id].1 {
            Node::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    fn add(&mut self, pos: Pos, node: Node) -> usize {
        let id = self.nodes.len();
        self.nodes.push((pos, node));
        match self.stack.last().copied() {
            Some(parent) => {
                // A block collection is reported where its first key or `-` is.
                let start = &mut self.nodes[parent].0;
                *start = (*start).min(pos);
                self.attach(parent, id);
            }
            None => {
                if self.root.is_none() {
                    self.root = Some(id);
                }
            }
        }
        id
    }

    fn attach(&mut self, parent: usize, id: usize) {
        match &mut self.nodes[parent].1 {
            Node::Seq(items) => items.push(id),
            Node::Map(entries) => {
                let slot = self.pending_key.last_mut().expect("one pending slot per open mapping");
                match slot.take() {
                    Some(key) => entries.push((key, id)),
                    None => *slot = Some(id),
                }
            }
            Node::Scalar { .. } | Node::Alias => {}
        }
    }
}

impl MarkedEventReceiver for Doc {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = (mark.line(), mark.col() + 1);
        match ev {
            Event::Scalar(text, style, ..) => {
                self.add(pos, Node::Scalar { text, plain: style == TScalarStyle::Plain });
            }
            Event::Alias(_) => {
                self.add(pos, Node::Alias);
            }
            Event::SequenceStart(..) => {
                let id = self.add(pos, Node::Seq(Vec::new()));
                self.stack.push(id);
            }
            Event::MappingStart(..) => {
                let id = self.add(pos, Node::Map(Vec::new()));
                self.stack.push(id);
                self.pending_key.push(None);
            }
            Event::SequenceEnd => {
                self.stack.pop();
            }
            Event::MappingEnd => {
                self.stack.pop();
                self.pending_key.pop();
            }
            _ => {}
        }
    }
}

/// The `(line, col)` of the value at `path` in `text` (1-based).
///
/// When the path does not exist all the way, the position of the deepest
/// part that does is returned, and `(1, 1)` when nothing matches.
pub fn locate(text: &str, path: &[Seg]) -> (usize, usize) {
    Index::new(text).locate(path)
}

/// Like [`locate`], but when the last step is a key, the key's own position.
pub fn locate_key(text: &str, path: &[Seg]) -> (usize, usize) {
    Index::new(text).locate_key(path)
}

/// Mappings with more keys than this get a hash lookup (built once).
const MAP_SCAN_MAX: usize = 16;

/// The positions of every value of one YAML text, parsed once.
pub struct Index {
    doc: Doc,
    /// Node id of a large mapping → its keys' entry numbers (first one wins).
    keys: HashMap<usize, HashMap<String, usize>>,
}

impl Index {
    /// Parses `text` (a syntax error leaves a partial index, still useful).
    pub fn new(text: &str) -> Index {
        let doc = Doc::parse(text);
        let mut keys = HashMap::new();
        for (id, (_, node)) in doc.nodes.iter().enumerate() {
            if let Node::Map(entries) = node {
                if entries.len() > MAP_SCAN_MAX {
                    let mut by_key = HashMap::with_capacity(entries.len());
                    for (n, &(key, _)) in entries.iter().enumerate() {
                        if let Some(k) = doc.scalar(key) {
                            by_key.entry(k.to_string()).or_insert(n);
                        }
                    }
                    keys.insert(id, by_key);
                }
            }
        }
        Index { doc, keys }
    }

    /// Like the free function [`locate`].
    pub fn locate(&self, path: &[Seg]) -> (usize, usize) {
        self.walk(path, false)
    }

    /// Like the free function [`locate_key`].
    pub fn locate_key(&self, path: &[Seg]) -> (usize, usize) {
        self.walk(path, true)
    }

    fn walk(&self, path: &[Seg], want_key: bool) -> (usize, usize) {
        let doc = &self.doc;
        let Some(mut current) = doc.root else {
            return (1, 1);
        };
        let mut best = doc.nodes[current].0;
        for (i, seg) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            let next = match (&doc.nodes[current].1, seg) {
                (Node::Map(entries), Seg::Key(k)) => {
                    let found = match self.keys.get(&current) {
                        Some(by_key) => by_key.get(*k).and_then(|&n| entries.get(n)),
                        None => entries.iter().find(|(key, _)| doc.scalar(*key) == Some(*k)),
                    };
                    found.map(|&(key, value)| {
                        if last && want_key {
                            best = doc.nodes[key].0;
                        }
                        value
                    })
                }
                (Node::Seq(items), Seg::Index(n)) => items.get(*n).copied(),
                _ => None,
            };
            match next {
                Some(n) => {
                    current = n;
                    if !(last && want_key && matches!(seg, Seg::Key(_))) {
                        best = doc.nodes[n].0;
                    }
                }
                None => break,
            }
        }
        best
    }
}

/// An [`Index`] of a text built on first use: checks that find nothing wrong
/// never parse the text a second time.
pub struct Lazy<'t> {
    text: &'t str,
    index: std::cell::OnceCell<Index>,
}

impl<'t> Lazy<'t> {
    /// An index of `text`, not built yet.
    pub fn new(text: &'t str) -> Lazy<'t> {
        Lazy { text, index: std::cell::OnceCell::new() }
    }

    fn get(&self) -> &Index {
        self.index.get_or_init(|| Index::new(self.text))
    }

    /// Like the free function [`locate`].
    pub fn locate(&self, path: &[Seg]) -> (usize, usize) {
        self.get().locate(path)
    }

    /// Like the free function [`locate_key`].
    pub fn locate_key(&self, path: &[Seg]) -> (usize, usize) {
        self.get().locate_key(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const DOC: &str =
        "title: A\npersonas: [anna, bert]\nstages:\n  - id: one\n    steps:\n      - name: x\n        emotion: 5\n";

    #[test]
    fn finds_values_by_path() {
        assert_eq!(locate(DOC, &[Seg::Key("title")]), (1, 8));
        assert_eq!(locate(DOC, &[Seg::Key("personas"), Seg::Index(1)]), (2, 18));
        let p = [Seg::Key("stages"), Seg::Index(0), Seg::Key("steps"), Seg::Index(0), Seg::Key("emotion")];
        assert_eq!(locate(DOC, &p), (7, 18));
        assert_eq!(locate_key(DOC, &p), (7, 9));
    }

    #[test]
    fn a_large_mapping_is_found_by_key() {
        let doc: String = (0..40).map(|i| format!("k{i}: v{i}\n")).collect();
        let index = Index::new(&doc);
        assert_eq!(index.locate(&[Seg::Key("k0")]), (1, 5));
        assert_eq!(index.locate(&[Seg::Key("k39")]), (40, 6));
        assert_eq!(index.locate_key(&[Seg::Key("k20")]), (21, 1));
        assert_eq!(index.locate(&[Seg::Key("nope")]), index.locate(&[]), "the deepest known part: the root");
    }

    #[test]
    fn falls_back_to_the_deepest_known_part() {
        assert_eq!(locate(DOC, &[Seg::Key("stages"), Seg::Index(3)]).0, 4);
        assert_eq!(locate("", &[Seg::Key("x")]), (1, 1));
    }
}
