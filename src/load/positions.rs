//! Where a value sits in a YAML file.
//!
//! serde gives typed data without positions; when a check needs to point at
//! a value (`personas[1]` of an insight, the `emotion` of a step), this
//! module re-reads the text with yaml-rust2's event parser and walks a path
//! of keys and indexes to a `line:col`. It is only used on the error path.
//!
//! A file with many problems asks for many positions: [`Index`] parses the
//! text once and answers each path in time proportional to its length, and
//! [`Lazy`] builds that index only when the first position is asked for.

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

/// One step of a path into a YAML document.
#[derive(Debug, Clone, Copy)]
pub enum Seg<'a> {
    /// The value under a mapping key.
    Key(&'a str),
    /// The n-th item (0-based) of a sequence.
    Index(usize),
}

#[derive(Debug)]
enum Node {
    Scalar,
    Seq(Vec<usize>),
    Map(Vec<(String, (usize, usize), usize)>),
}

/// Mappings with more keys than this get a hash lookup (built once).
const MAP_SCAN_MAX: usize = 16;

#[derive(Default)]
struct Tree {
    nodes: Vec<((usize, usize), Node)>,
    stack: Vec<usize>,
    pending_key: Vec<Option<(String, (usize, usize))>>,
    root: Option<usize>,
}

impl Tree {
    fn add(&mut self, pos: (usize, usize), node: Node, scalar_text: Option<String>) -> Option<usize> {
        // A scalar in key position of a mapping is a key, not a node.
        if let Some(&parent) = self.stack.last() {
            if matches!(self.nodes[parent].1, Node::Map(_)) {
                let slot = self.pending_key.last_mut().expect("one pending slot per open mapping");
                if slot.is_none() {
                    *slot = Some((scalar_text.unwrap_or_default(), pos));
                    return None;
                }
            }
        }
        let id = self.nodes.len();
        self.nodes.push((pos, node));
        match self.stack.last().copied() {
            Some(parent) => match &mut self.nodes[parent].1 {
                Node::Seq(items) => items.push(id),
                Node::Map(entries) => {
                    let slot = self.pending_key.last_mut().and_then(Option::take);
                    let (key, kpos) = slot.unwrap_or_default();
                    entries.push((key, kpos, id));
                }
                Node::Scalar => {}
            },
            None => {
                if self.root.is_none() {
                    self.root = Some(id);
                }
            }
        }
        Some(id)
    }
}

impl MarkedEventReceiver for Tree {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        let pos = (mark.line(), mark.col() + 1);
        match ev {
            Event::Scalar(text, ..) => {
                self.add(pos, Node::Scalar, Some(text));
            }
            Event::Alias(_) => {
                self.add(pos, Node::Scalar, Some(String::new()));
            }
            Event::SequenceStart(..) | Event::MappingStart(..) => {
                let is_map = matches!(ev, Event::MappingStart(..));
                let node = if is_map { Node::Map(Vec::new()) } else { Node::Seq(Vec::new()) };
                // A collection used as a mapping key: record an empty key so the walk stays aligned.
                let id = match self.add(pos, node, None) {
                    Some(id) => id,
                    None => {
                        let id = self.nodes.len();
                        self.nodes.push((pos, if is_map { Node::Map(Vec::new()) } else { Node::Seq(Vec::new()) }));
                        id
                    }
                };
                self.stack.push(id);
                if is_map {
                    self.pending_key.push(None);
                }
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
/// part that does is returned, and `(1, 1)` when nothing matches. This
/// parses `text`; to ask for several positions in one file, use [`Index`].
pub fn locate(text: &str, path: &[Seg]) -> (usize, usize) {
    Index::new(text).locate(path)
}

/// Like [`locate`], but when the last step is a key, the key's own position.
pub fn locate_key(text: &str, path: &[Seg]) -> (usize, usize) {
    Index::new(text).locate_key(path)
}

/// The positions of every value of one YAML text, parsed once.
pub struct Index {
    tree: Tree,
    /// Node id of a large mapping → its keys' entry numbers (first one wins).
    keys: std::collections::HashMap<usize, std::collections::HashMap<String, usize>>,
}

impl Index {
    /// Parses `text` (a syntax error leaves a partial index, still useful).
    pub fn new(text: &str) -> Index {
        let mut tree = Tree::default();
        let mut parser = Parser::new_from_str(text);
        let _ = parser.load(&mut tree, false);
        let mut keys = std::collections::HashMap::new();
        for (id, (_, node)) in tree.nodes.iter().enumerate() {
            if let Node::Map(entries) = node {
                if entries.len() > MAP_SCAN_MAX {
                    let mut by_key = std::collections::HashMap::with_capacity(entries.len());
                    for (n, (key, ..)) in entries.iter().enumerate() {
                        by_key.entry(key.clone()).or_insert(n);
                    }
                    keys.insert(id, by_key);
                }
            }
        }
        Index { tree, keys }
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
        let tree = &self.tree;
        let Some(mut current) = tree.root else {
            return (1, 1);
        };
        let mut best = tree.nodes[current].0;
        for (i, seg) in path.iter().enumerate() {
            let last = i + 1 == path.len();
            let next = match (&tree.nodes[current].1, seg) {
                (Node::Map(entries), Seg::Key(k)) => {
                    let found = match self.keys.get(&current) {
                        Some(by_key) => by_key.get(*k).and_then(|&n| entries.get(n)),
                        None => entries.iter().find(|(key, ..)| key == k),
                    };
                    found.map(|(_, kpos, v)| {
                        if last && want_key {
                            best = *kpos;
                        }
                        *v
                    })
                }
                (Node::Seq(items), Seg::Index(n)) => items.get(*n).copied(),
                _ => None,
            };
            match next {
                Some(n) => {
                    current = n;
                    if !(last && want_key && matches!(seg, Seg::Key(_))) {
                        best = tree.nodes[n].0;
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
