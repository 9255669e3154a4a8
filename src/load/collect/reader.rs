//! [`De`]: serde's `Deserializer` over one node of a positioned YAML tree,
//! reading as serde_yaml does, but noting a wrong value and going on with a
//! stand-in instead of stopping.

use std::collections::HashSet;

use serde::de::{self, Deserializer, Unexpected, Visitor};

use super::access::{at, Entry, MapAcc, SeqAcc, UnitVariant};
use super::plain::{parse_float, Plain};
use super::{wording, Error, Pass, Problem, Soft, MAX_DEPTH};
use crate::diagnostics::did_you_mean;
use crate::load::positions::{Node, Pos};

/// What a node is, as far as reading it goes.
enum View<'d> {
    /// Not looked into: a stand-in, an alias, or too deep.
    Standin,
    Scalar(&'d str, bool),
    Seq(&'d [usize]),
    Map(&'d [(usize, usize)]),
}

/// Deserializes one node of the tree (or a stand-in when `node` is `None`).
pub(super) struct De<'p, 'd> {
    pub(super) pass: &'p Pass<'d>,
    /// The node read, or `None` for a stand-in.
    pub(super) node: Option<usize>,
    /// serde_yaml's path of the node, for messages.
    pub(super) path: String,
    depth: usize,
}

impl<'p, 'd> De<'p, 'd> {
    /// The reader of the top node.
    pub(super) fn root(pass: &'p Pass<'d>, node: usize) -> De<'p, 'd> {
        De { pass, node: Some(node), path: String::new(), depth: 0 }
    }

    /// Another reader of the same node.
    fn again(&self) -> De<'p, 'd> {
        De { pass: self.pass, node: self.node, path: self.path.clone(), depth: self.depth }
    }

    /// The reader of a node one level down.
    pub(super) fn child(&self, node: Option<usize>, path: String) -> De<'p, 'd> {
        De { pass: self.pass, node, path, depth: self.depth + 1 }
    }

    pub(super) fn standin(&self) -> De<'p, 'd> {
        De { pass: self.pass, node: None, path: self.path.clone(), depth: self.depth }
    }

    fn view(&self) -> View<'d> {
        let doc = self.pass.doc;
        match self.node {
            Some(n) if self.depth <= MAX_DEPTH && !self.pass.fixes.contains(&(n, None)) => match &doc.nodes[n].1 {
                Node::Scalar { text, plain } => View::Scalar(text, *plain),
                Node::Seq(items) => View::Seq(items),
                Node::Map(entries) => View::Map(entries),
                Node::Alias => View::Standin,
            },
            _ => View::Standin,
        }
    }

    fn pos(&self, node: usize) -> Pos {
        self.pass.doc.nodes[node].0
    }

    /// Notes a problem at this node and goes on.
    fn note(&self, detail: String) {
        if let Some(n) = self.node {
            let problem = Problem { pos: self.pos(n), path: self.path.clone(), detail };
            self.pass.soft.borrow_mut().push(Soft { problem, map: None, suggests: None });
        }
    }

    /// Names this node as where an error surfaced, unless a deeper one already is.
    fn at<T>(&self, r: Result<T, Error>) -> Result<T, Error> {
        at(self.node, &self.path, r)
    }

    fn unexpected(&self) -> Unexpected<'d> {
        match self.view() {
            View::Standin => Unexpected::Other("an alias"),
            View::Seq(_) => Unexpected::Seq,
            View::Map(_) => Unexpected::Map,
            View::Scalar(t, false) => Unexpected::Str(t),
            View::Scalar(t, true) => match Plain::of(t) {
                Plain::Null => Unexpected::Unit,
                Plain::Bool(b) => Unexpected::Bool(b),
                Plain::Int(i) => match (u64::try_from(i), i64::try_from(i)) {
                    (Ok(u), _) => Unexpected::Unsigned(u),
                    (_, Ok(s)) => Unexpected::Signed(s),
                    _ => Unexpected::Str(t),
                },
                Plain::Float(f) => Unexpected::Float(f),
                Plain::Str => Unexpected::Str(t),
            },
        }
    }

    /// Notes "invalid type: …, expected …" (serde's words) for this node.
    fn wrong_type(&self, expected: &dyn de::Expected) {
        self.note(wording(de::Error::invalid_type(self.unexpected(), expected)));
    }

    fn is_empty_plain(&self) -> bool {
        matches!(self.view(), View::Scalar("", true))
    }

    fn is_null(&self) -> bool {
        matches!(self.view(), View::Scalar(t, true) if matches!(Plain::of(t), Plain::Null))
    }

    fn seq<'de, V: Visitor<'de>>(&self, items: &[usize], v: V) -> Result<V::Value, Error> {
        let items: Vec<_> =
            items.iter().enumerate().map(|(i, &n)| self.child(Some(n), format!("{}[{i}]", self.path))).collect();
        v.visit_seq(SeqAcc { items: items.into_iter() })
    }

    /// A mapping; for a struct (`fields` given) unknown and repeated keys are
    /// noted and skipped, and required keys found missing in an earlier pass are filled.
    fn map<'de, V: Visitor<'de>>(
        &self,
        entries: &[(usize, usize)],
        fields: Option<&'static [&'static str]>,
        v: V,
    ) -> Result<V::Value, Error> {
        let doc = self.pass.doc;
        let mut kept = Vec::new();
        let mut seen = HashSet::new();
        for &(k, val) in entries {
            let Some(fields) = fields else {
                kept.push(Entry::Real(k, val));
                continue;
            };
            let key = doc.scalar(k).unwrap_or("?");
            let (detail, suggests) = if !fields.contains(&key) {
                let suggests = did_you_mean(key, fields.iter().copied()).map(str::to_string);
                (wording(de::Error::unknown_field(key, fields)), suggests)
            } else if !seen.insert(key) {
                let name: &'static str = fields.iter().copied().find(|f| *f == key).unwrap_or("");
                (wording(de::Error::duplicate_field(name)), None)
            } else {
                kept.push(Entry::Real(k, val));
                continue;
            };
            let problem = Problem { pos: self.pos(k), path: self.path.clone(), detail };
            self.pass.soft.borrow_mut().push(Soft { problem, map: self.node, suggests });
        }
        if let (Some(fields), Some(n)) = (fields, self.node) {
            for f in fields {
                if self.pass.fixes.contains(&(n, Some(f.to_string()))) {
                    kept.push(Entry::Filled(f));
                }
            }
        }
        v.visit_map(MapAcc { de: self, entries: kept.into_iter(), value: None })
    }

    fn standin_struct<'de, V: Visitor<'de>>(&self, fields: &'static [&'static str], v: V) -> Result<V::Value, Error> {
        let entries: Vec<_> = fields.iter().map(|f| Entry::Filled(f)).collect();
        let standin = self.standin();
        v.visit_map(MapAcc { de: &standin, entries: entries.into_iter(), value: None })
    }
}

/// Integer requests all go through `i64`/`u64`, as in serde_yaml.
macro_rules! via {
    ($($method:ident => $target:ident),* $(,)?) => {
        $(fn $method<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
            self.$target(v)
        })*
    };
}

impl<'de> Deserializer<'de> for De<'_, '_> {
    type Error = Error;

    via! {
        deserialize_i8 => deserialize_i64, deserialize_i16 => deserialize_i64, deserialize_i32 => deserialize_i64,
        deserialize_i128 => deserialize_i64, deserialize_u8 => deserialize_u64, deserialize_u16 => deserialize_u64,
        deserialize_u32 => deserialize_u64, deserialize_u128 => deserialize_u64, deserialize_f32 => deserialize_f64,
        deserialize_char => deserialize_str, deserialize_string => deserialize_str,
        deserialize_identifier => deserialize_str, deserialize_bytes => deserialize_str,
        deserialize_byte_buf => deserialize_str,
    }

    fn deserialize_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.view() {
            View::Standin => v.visit_unit(),
            View::Scalar(t, false) => v.visit_str(t),
            View::Scalar(t, true) => match Plain::of(t) {
                Plain::Null => v.visit_unit(),
                Plain::Bool(b) => v.visit_bool(b),
                Plain::Int(i) => match (u64::try_from(i), i64::try_from(i)) {
                    (Ok(u), _) => v.visit_u64(u),
                    (_, Ok(s)) => v.visit_i64(s),
                    _ => v.visit_i128(i),
                },
                Plain::Float(f) => v.visit_f64(f),
                Plain::Str => v.visit_str(t),
            },
            View::Seq(items) => self.seq(items, v),
            View::Map(entries) => self.map(entries, None, v),
        };
        self.at(r)
    }

    fn deserialize_bool<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.view() {
            View::Scalar(t, true) if matches!(Plain::of(t), Plain::Bool(_)) => {
                v.visit_bool(matches!(Plain::of(t), Plain::Bool(true)))
            }
            View::Standin => v.visit_bool(false),
            _ => {
                self.wrong_type(&v);
                v.visit_bool(false)
            }
        };
        self.at(r)
    }

    fn deserialize_i64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let int = match self.view() {
            View::Scalar(t, true) => match Plain::of(t) {
                Plain::Int(i) => i64::try_from(i).ok(),
                _ => None,
            },
            _ => None,
        };
        let r = match (int, self.view()) {
            (Some(i), _) => v.visit_i64(i),
            (None, View::Standin) => v.visit_i64(0),
            (None, _) => {
                self.wrong_type(&v);
                v.visit_i64(0)
            }
        };
        self.at(r)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let int = match self.view() {
            View::Scalar(t, true) => match Plain::of(t) {
                Plain::Int(i) => u64::try_from(i).ok(),
                _ => None,
            },
            _ => None,
        };
        let r = match (int, self.view()) {
            (Some(u), _) => v.visit_u64(u),
            (None, View::Standin) => v.visit_u64(0),
            (None, _) => {
                self.wrong_type(&v);
                v.visit_u64(0)
            }
        };
        self.at(r)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let float = match self.view() {
            View::Scalar(t, true) => parse_float(t),
            _ => None,
        };
        let r = match (float, self.view()) {
            (Some(f), _) => v.visit_f64(f),
            (None, View::Standin) => v.visit_f64(0.0),
            (None, _) => {
                self.wrong_type(&v);
                v.visit_f64(0.0)
            }
        };
        self.at(r)
    }

    fn deserialize_str<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.view() {
            View::Scalar(t, _) => v.visit_str(t),
            View::Standin => v.visit_str(""),
            View::Seq(_) | View::Map(_) => {
                self.wrong_type(&v);
                v.visit_str("")
            }
        };
        self.at(r)
    }

    fn deserialize_option<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.view() {
            View::Standin => v.visit_none(),
            _ if self.is_null() => v.visit_none(),
            _ => {
                let inner = self.again();
                v.visit_some(inner)
            }
        };
        self.at(r)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        if !self.is_null() && !matches!(self.view(), View::Standin) {
            self.wrong_type(&v);
        }
        let r = v.visit_unit();
        self.at(r)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, Error> {
        self.deserialize_unit(v)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _: &'static str, v: V) -> Result<V::Value, Error> {
        let inner = self.again();
        let r = v.visit_newtype_struct(inner);
        self.at(r)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.view() {
            View::Seq(items) => self.seq(items, v),
            View::Standin => self.seq(&[], v),
            _ if self.is_empty_plain() => self.seq(&[], v),
            _ => {
                self.wrong_type(&v);
                self.seq(&[], v)
            }
        };
        self.at(r)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _: &'static str, _: usize, v: V) -> Result<V::Value, Error> {
        self.deserialize_seq(v)
    }

    fn deserialize_map<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        let r = match self.view() {
            View::Map(entries) => self.map(entries, None, v),
            View::Standin => self.map(&[], None, v),
            _ if self.is_empty_plain() => self.map(&[], None, v),
            _ => {
                self.wrong_type(&v);
                self.map(&[], None, v)
            }
        };
        self.at(r)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        fields: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let r = match self.view() {
            View::Map(entries) => self.map(entries, Some(fields), v),
            _ if self.is_empty_plain() => self.map(&[], Some(fields), v),
            View::Standin => self.standin_struct(fields, v),
            _ => {
                self.wrong_type(&v);
                self.standin_struct(fields, v)
            }
        };
        self.at(r)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        variants: &'static [&'static str],
        v: V,
    ) -> Result<V::Value, Error> {
        let standin = variants.first().copied().unwrap_or("");
        let r = match self.view() {
            View::Scalar(t, _) if variants.contains(&t) => v.visit_enum(UnitVariant(t)),
            View::Standin => v.visit_enum(UnitVariant(standin)),
            View::Scalar(t, _) => {
                self.note(wording(de::Error::unknown_variant(t, variants)));
                v.visit_enum(UnitVariant(standin))
            }
            View::Seq(_) | View::Map(_) => {
                let list: Vec<String> = variants.iter().map(|x| format!("`{x}`")).collect();
                self.wrong_type(&format!("one of {}", list.join(", ")).as_str());
                v.visit_enum(UnitVariant(standin))
            }
        };
        self.at(r)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, v: V) -> Result<V::Value, Error> {
        v.visit_unit()
    }
}
