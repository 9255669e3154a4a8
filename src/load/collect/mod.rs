//! Every schema problem of a YAML file in one run.
//!
//! serde stops at the first problem. When it fails, the file is read again
//! into a positioned [`Doc`] and the *same* serde types are deserialized from
//! that tree by [`De`], a deserializer that keeps going: an unknown key is
//! noted and skipped, a value of the wrong type or an unknown enum value is
//! noted and replaced by a neutral stand-in, and so on to the end of the file.
//! The shape of each kind (keys, enums, types) is therefore stated once, by
//! the serde structs in `src/model/`, and never copied into a second table.
//!
//! Problems that only the type's own visitor can see (a missing required key,
//! an integer out of range, `data did not match any variant`) end a pass;
//! they are noted, the node is replaced by a stand-in (or the missing key is
//! filled with one) and the pass is run again, until the file goes through.
//! The values built here are thrown away: only the problems are kept. This
//! runs only for files that failed, so the valid path costs nothing extra.
//!
//! Assumes what every content struct declares: `deny_unknown_fields`.

use std::cell::RefCell;
use std::collections::{BTreeSet, HashSet};
use std::fmt;

use serde::de::{self, DeserializeOwned};

use super::positions::{Doc, Pos};
use reader::De;

mod access;
mod plain;
mod reader;

/// One schema problem: where, the path inside the document, and serde's
/// wording of it (turned into a message and help by `yaml::describe`).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Problem {
    /// 1-based position in the parsed text.
    pub pos: Pos,
    /// Like serde_yaml's: `stages[0].steps[1].emotion`, empty at the top.
    pub path: String,
    /// serde's text, e.g. "unknown field `titel`, expected one of `title`, …".
    pub detail: String,
}

/// At most this many passes per file (each one gets past one problem that ends a pass).
const MAX_PASSES: usize = 48;
/// Deeper than this, values are not looked into (`facts` may nest freely).
const MAX_DEPTH: usize = 64;

/// All schema problems of `doc` read as `T`, sorted by position. Empty when
/// the tree deserializes cleanly (then serde's own error is the one to show).
pub(crate) fn problems<T: DeserializeOwned>(doc: &Doc) -> Vec<Problem> {
    let Some(root) = doc.root else { return Vec::new() };
    let mut fixes: HashSet<(usize, Option<String>)> = HashSet::new();
    let mut found: BTreeSet<Problem> = BTreeSet::new();
    for _ in 0..MAX_PASSES {
        let pass = Pass { doc, fixes: &fixes, soft: RefCell::new(Vec::new()) };
        let result = T::deserialize(De::root(&pass, root));
        let soft = pass.soft.into_inner();
        let Err(e) = result else {
            found.extend(soft.into_iter().map(|s| s.problem));
            break;
        };
        let Some(node) = e.node else {
            found.extend(soft.into_iter().map(|s| s.problem));
            break;
        };
        let missing = missing_key(&e.detail);
        // `titel` already said "did you mean `title`?": the missing `title` is the same mistake.
        let explained = missing
            .as_ref()
            .is_some_and(|m| soft.iter().any(|s| s.map == Some(node) && s.suggests.as_ref() == Some(m)));
        found.extend(soft.into_iter().map(|s| s.problem));
        if !explained {
            found.insert(Problem { pos: doc.nodes[node].0, path: e.path, detail: e.detail });
        }
        if !fixes.insert((node, missing)) {
            break;
        }
    }
    found.into_iter().collect()
}

fn missing_key(detail: &str) -> Option<String> {
    detail.strip_prefix("missing field `").map(|rest| rest.split('`').next().unwrap_or(rest).to_string())
}

/// A problem noted without ending the pass.
struct Soft {
    problem: Problem,
    /// For an unknown key: the mapping it is in and the known key it resembles.
    map: Option<usize>,
    suggests: Option<String>,
}

/// One deserialization pass over the tree.
struct Pass<'d> {
    doc: &'d Doc,
    /// Nodes read as stand-ins `(node, None)`, and required keys filled in `(map, Some(key))`.
    fixes: &'d HashSet<(usize, Option<String>)>,
    soft: RefCell<Vec<Soft>>,
}

/// A problem that ends a pass, with the node it surfaced at.
#[derive(Debug)]
struct Error {
    detail: String,
    node: Option<usize>,
    path: String,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.detail)
    }
}

impl std::error::Error for Error {}

impl de::Error for Error {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        Error { detail: msg.to_string(), node: None, path: String::new() }
    }
}

/// serde's own wording of an error (its default `de::Error` texts).
fn wording(e: Error) -> String {
    e.detail
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Journey, Persona};

    fn details<T: DeserializeOwned>(text: &str) -> Vec<(Pos, String)> {
        problems::<T>(&Doc::parse(text)).into_iter().map(|p| (p.pos, p.detail)).collect()
    }

    #[test]
    fn wrong_shapes_are_replaced_and_the_rest_is_still_read() {
        // a scalar where a list of stages is wanted, then a stage that is a scalar, then a typo after it
        let found = details::<Journey>("title: J\nstages: none\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].0, (2, 9));
        let found = details::<Journey>("title: J\nstages:\n  - first\n  - id: b\n    nam: B\n");
        let at: Vec<Pos> = found.iter().map(|f| f.0).collect();
        assert_eq!(at, [(3, 5), (5, 5)], "{found:?}");
    }

    #[test]
    fn aliases_are_not_followed_and_clean_files_have_no_problems() {
        let found = details::<Persona>("name: &n P\ntagline: *n\nquote: *n\nmood: happy\n");
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(found[0].1.starts_with("unknown field `mood`"), "{found:?}");
        assert!(details::<Persona>("name: P\ngoals: [a, b]\nfacts: {age: 3, tags: [x]}\n").is_empty());
    }
}
