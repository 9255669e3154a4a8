//! Tera contexts lent out one render at a time. Every page starts from the
//! same labels and site data, and every card or embed from the same labels:
//! some 260 strings that a fresh copy per render (10,000 insight pages, as
//! many cards) would clone and free again. A context given back loses what
//! the render added and is lent to the next one.

use std::sync::Mutex;

use serde::Serialize;
use serde_json::Value;
use tera::Context;

/// A base context and the copies of it that are not lent out.
pub(super) struct ContextPool {
    base: Context,
    /// The keys of `base`.
    keys: Vec<String>,
    free: Mutex<Vec<Context>>,
}

/// A context lent by a [`ContextPool`], and the keys added to it since.
pub(super) struct Lent {
    /// The context: the base and what was added.
    pub ctx: Context,
    added: Vec<String>,
}

impl Lent {
    /// Adds `key` with `value` (serialized into the context).
    pub fn insert(&mut self, key: &str, value: &(impl Serialize + ?Sized)) {
        self.ctx.insert(key, value);
        self.added.push(key.to_string());
    }

    /// Adds every field of `data`, a JSON object, moving them in.
    pub fn extend(&mut self, data: Value) -> tera::Result<()> {
        if let Value::Object(fields) = &data {
            self.added.extend(fields.keys().cloned());
        }
        self.ctx.extend(Context::from_value(data)?);
        Ok(())
    }
}

impl ContextPool {
    /// A pool of copies of `base`.
    pub fn new(base: Context) -> ContextPool {
        let keys = match base.clone().into_json() {
            Value::Object(fields) => fields.keys().cloned().collect(),
            _ => Vec::new(),
        };
        ContextPool { base, keys, free: Mutex::new(Vec::new()) }
    }

    /// A context holding the base and nothing else: one given back, or a new copy.
    pub fn lend(&self) -> Lent {
        let ctx = self.free.lock().ok().and_then(|mut free| free.pop()).unwrap_or_else(|| self.base.clone());
        Lent { ctx, added: Vec::new() }
    }

    /// Takes `lent` back for the next render, without the keys added to it.
    /// One whose additions replaced a key of the base is dropped instead.
    pub fn give_back(&self, mut lent: Lent) {
        for key in &lent.added {
            lent.ctx.remove(key);
        }
        if self.keys.iter().all(|k| lent.ctx.contains_key(k)) {
            if let Ok(mut free) = self.free.lock() {
                free.push(lent.ctx);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pool() -> ContextPool {
        let mut base = Context::new();
        base.insert("t", &serde_json::json!({ "home": "Overview" }));
        ContextPool::new(base)
    }

    #[test]
    fn a_context_given_back_holds_only_the_base_again() {
        let pool = pool();
        let mut lent = pool.lend();
        lent.insert("root", "../");
        lent.extend(serde_json::json!({ "insight": { "title": "A" }, "page_title": "A" })).unwrap();
        assert_eq!(lent.ctx.get("page_title"), Some(&Value::from("A")));
        pool.give_back(lent);
        let again = pool.lend();
        assert_eq!(again.ctx.into_json(), serde_json::json!({ "t": { "home": "Overview" } }));
    }

    #[test]
    fn a_context_whose_base_was_replaced_is_not_lent_again() {
        let pool = pool();
        let mut lent = pool.lend();
        lent.extend(serde_json::json!({ "t": "replaced" })).unwrap();
        pool.give_back(lent);
        assert_eq!(pool.lend().ctx.get("t"), Some(&serde_json::json!({ "home": "Overview" })));
    }
}
