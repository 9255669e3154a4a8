//! The sequence, mapping and enum accessors that [`De`] hands to visitors.

use serde::de::{self, DeserializeSeed, IntoDeserializer, Unexpected, Visitor};

use super::reader::De;
use super::Error;

pub(super) enum Entry {
    Real(usize, usize),
    /// A required key missing from the file, filled with a stand-in.
    Filled(&'static str),
}

pub(super) struct SeqAcc<'p, 'd> {
    pub(super) items: std::vec::IntoIter<De<'p, 'd>>,
}

impl<'de> de::SeqAccess<'de> for SeqAcc<'_, '_> {
    type Error = Error;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, Error> {
        let Some(item) = self.items.next() else { return Ok(None) };
        let (node, path) = (item.node, item.path.clone());
        at(node, &path, seed.deserialize(item)).map(Some)
    }
}

pub(super) struct MapAcc<'a, 'p, 'd> {
    pub(super) de: &'a De<'p, 'd>,
    pub(super) entries: std::vec::IntoIter<Entry>,
    pub(super) value: Option<De<'p, 'd>>,
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
pub(super) fn at<T>(node: Option<usize>, path: &str, r: Result<T, Error>) -> Result<T, Error> {
    r.map_err(|mut e| {
        if e.node.is_none() {
            e.node = node;
            e.path = path.to_string();
        }
        e
    })
}

/// An enum written as a plain value (`confidence: high`).
pub(super) struct UnitVariant<'a>(pub(super) &'a str);

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
