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

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, Unexpected, Visitor};

use super::positions::{Doc, Node, Pos};
use crate::diagnostics::did_you_mean;

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
        let result = T::deserialize(De { pass: &pass, node: Some(root), path: String::new(), depth: 0 });
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

/// What a node is, as far as reading it goes.
enum View<'d> {
    /// Not looked into: a stand-in, an alias, or too deep.
    Standin,
    Scalar(&'d str, bool),
    Seq(&'d [usize]),
    Map(&'d [(usize, usize)]),
}

/// Deserializes one node of the tree (or a stand-in when `node` is `None`).
struct De<'p, 'd> {
    pass: &'p Pass<'d>,
    node: Option<usize>,
    path: String,
    depth: usize,
}

impl<'p, 'd> De<'p, 'd> {
    fn child(&self, node: Option<usize>, path: String) -> De<'p, 'd> {
        De { pass: self.pass, node, path, depth: self.depth + 1 }
    }

    fn standin(&self) -> De<'p, 'd> {
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

/// How serde_yaml reads a plain (unquoted) scalar.
enum Plain {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str,
}

impl Plain {
    fn of(t: &str) -> Plain {
        if t.is_empty() || matches!(t, "~" | "null" | "Null" | "NULL") {
            Plain::Null
        } else if matches!(t, "true" | "True" | "TRUE") {
            Plain::Bool(true)
        } else if matches!(t, "false" | "False" | "FALSE") {
            Plain::Bool(false)
        } else if digits_but_not_number(t) {
            Plain::Str
        } else if let Some(i) = parse_int(t) {
            Plain::Int(i)
        } else if let Some(f) = parse_float(t) {
            Plain::Float(f)
        } else {
            Plain::Str
        }
    }
}

/// `12`, `-3`, `+7`, `0x1f`, `0o17`, `0b101`, as serde_yaml reads them.
fn parse_int(t: &str) -> Option<i128> {
    let (negative, body) = match t.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, t.strip_prefix('+').unwrap_or(t)),
    };
    let (radix, digits) = [("0x", 16), ("0o", 8), ("0b", 2)]
        .iter()
        .find_map(|(p, r)| body.strip_prefix(p).map(|d| (*r, d)))
        .unwrap_or((10, body));
    if digits.is_empty() || digits.starts_with(['+', '-']) {
        return None;
    }
    let value = i128::from_str_radix(digits, radix).ok()?;
    Some(if negative { -value } else { value })
}

/// A number with leading zeros (`012`) is a string in YAML 1.2.
fn digits_but_not_number(t: &str) -> bool {
    let t = t.strip_prefix(['-', '+']).unwrap_or(t);
    t.len() > 1 && t.starts_with('0') && t[1..].bytes().all(|b| b.is_ascii_digit())
}

/// serde_yaml's `parse_f64`: finite decimals and `.inf`/`.nan`.
fn parse_float(t: &str) -> Option<f64> {
    let unsigned = match t.strip_prefix('+') {
        Some(rest) if rest.starts_with(['+', '-']) => return None,
        Some(rest) => rest,
        None => t,
    };
    match unsigned {
        ".inf" | ".Inf" | ".INF" => return Some(f64::INFINITY),
        _ => {}
    }
    match t {
        "-.inf" | "-.Inf" | "-.INF" => return Some(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Some(f64::NAN),
        _ => {}
    }
    unsigned.parse::<f64>().ok().filter(|f| f.is_finite())
}

enum Entry {
    Real(usize, usize),
    /// A required key missing from the file, filled with a stand-in.
    Filled(&'static str),
}

struct SeqAcc<'p, 'd> {
    items: std::vec::IntoIter<De<'p, 'd>>,
}

impl<'de> de::SeqAccess<'de> for SeqAcc<'_, '_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let (node, path) = (item.node, item.path.clone());
        at(node, &path, seed.deserialize(item)).map(Some)
    }
}

struct MapAcc<'a, 'p, 'd> {
    de: &'a De<'p, 'd>,
    entries: std::vec::IntoIter<Entry>,
    value: Option<De<'p, 'd>>,
}

impl<'de> de::MapAccess<'de> for MapAcc<'_, '_, '_> {
    type Error = Error;

    fn next_key_seed<K: DeserializeSeed<'de>>(&mut self, seed: K) -> Result<Option<K::Value>, Error> {
        let Some(entry) = self.entries.next() else { return Ok(None) };
        let parent = &self.de.path;
        let path = |key: &str| if parent.is_empty() { key.to_string() } else { format!("{parent}.{key}") };
        match entry {
            Entry::Real(k, v) => {
                let key = seed.deserialize(self.de.child(Some(k), parent.clone()))?;
                self.value = Some(self.de.child(Some(v), path(self.de.pass.doc.scalar(k).unwrap_or("?"))));
                Ok(Some(key))
            }
            Entry::Filled(name) => {
                let key_de: de::value::StrDeserializer<'_, Error> = name.into_deserializer();
                let key = seed.deserialize(key_de)?;
                self.value = Some(self.de.child(None, path(name)));
                Ok(Some(key))
            }
        }
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Error> {
        let de = self.value.take().unwrap_or_else(|| self.de.child(None, self.de.path.clone()));
        let (node, path) = (de.node, de.path.clone());
        at(node, &path, seed.deserialize(de))
    }
}

/// Names `node` as where an error surfaced, unless a deeper node already is.
fn at<T>(node: Option<usize>, path: &str, r: Result<T, Error>) -> Result<T, Error> {
    r.map_err(|mut e| {
        if e.node.is_none() {
            e.node = node;
            e.path = path.to_string();
        }
        e
    })
}

/// An enum written as a plain value (`confidence: high`).
struct UnitVariant<'a>(&'a str);

impl<'de> de::EnumAccess<'de> for UnitVariant<'_> {
    type Error = Error;
    type Variant = Self;

    fn variant_seed<S: DeserializeSeed<'de>>(self, seed: S) -> Result<(S::Value, Self), Error> {
        let name: de::value::StrDeserializer<'_, Error> = self.0.into_deserializer();
        Ok((seed.deserialize(name)?, self))
    }
}

impl<'de> de::VariantAccess<'de> for UnitVariant<'_> {
    type Error = Error;

    fn unit_variant(self) -> Result<(), Error> {
        Ok(())
    }

    fn newtype_variant_seed<S: DeserializeSeed<'de>>(self, _: S) -> Result<S::Value, Error> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"a variant with a value"))
    }

    fn tuple_variant<V: Visitor<'de>>(self, _: usize, _: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"a tuple variant"))
    }

    fn struct_variant<V: Visitor<'de>>(self, _: &'static [&'static str], _: V) -> Result<V::Value, Error> {
        Err(de::Error::invalid_type(Unexpected::UnitVariant, &"a struct variant"))
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
                let inner = De { pass: self.pass, node: self.node, path: self.path.clone(), depth: self.depth };
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
        let inner = De { pass: self.pass, node: self.node, path: self.path.clone(), depth: self.depth };
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
