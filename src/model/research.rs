//! The sources register (SPEC §9a): `sources.yaml`, the raw material that
//! insights are built on: interviews, surveys, observations, logs.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use super::{Evidence, EvidenceType};

/// One entry of `sources.yaml`: a piece of research evidence is taken from.
#[derive(Debug, Clone, Deserialize, Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ResearchSource {
    /// Name of the source, e.g. "Interview R07".
    pub title: String,
    /// Kind of research; evidence taken from it has this type unless it states its own.
    #[serde(default, rename = "type")]
    pub kind: Option<EvidenceType>,
    /// When it took place, `YYYY-MM-DD`.
    #[serde(default)]
    #[schemars(regex(pattern = super::ISO_DATE_PATTERN))]
    pub date: Option<String>,
    /// How many people took part.
    #[serde(default)]
    #[schemars(range(max = super::MAX_COUNT))]
    pub participants: Option<u64>,
    /// Id of the persona the participants stand for.
    #[serde(default)]
    #[schemars(extend("x-cxsite-ref" = "persona"))]
    pub persona: Option<String>,
    /// The customer segment, in words.
    #[serde(default)]
    pub segment: Option<String>,
    /// Markdown description: how, where, how long.
    #[serde(default)]
    pub description: Option<String>,
    /// Project-relative path of a file published with the site, e.g. a transcript PDF.
    #[serde(default)]
    pub file: Option<String>,
}

/// `sources.yaml` as written: source id → source.
pub type Register = BTreeMap<String, ResearchSource>;

/// How much evidence backs an insight: what its page says ("4 quotes from 3
/// sources, 2 methods") and what `thin-evidence` checks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct Strength {
    /// Evidence items with a `quote`.
    pub quotes: usize,
    /// Evidence items with a `metric`.
    pub metrics: usize,
    /// Distinct `source`s named (ids with a register, free text without).
    pub sources: usize,
    /// Distinct evidence types, each item's own or else its source's.
    pub methods: usize,
}

impl Strength {
    /// The strength of `evidence`, with types inherited from `register`.
    pub fn of(evidence: &[Evidence], register: Option<&Register>) -> Strength {
        // Per insight, on every insight page: a few items, so a list and a bit set, not sets.
        let mut sources: Vec<&str> = Vec::new();
        let mut methods = 0u32;
        let mut s = Strength::default();
        for e in evidence {
            s.quotes += usize::from(e.quote.is_some());
            s.metrics += usize::from(e.metric.is_some());
            if let Some(source) = e.source.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
                if !sources.contains(&source) {
                    sources.push(source);
                }
            }
            if let Some(kind) = evidence_type(e, register) {
                methods |= 1 << (kind as u32);
            }
        }
        Strength { sources: sources.len(), methods: methods.count_ones() as usize, ..s }
    }
}

/// The type of an evidence item: its own, or else its source's in `register`.
pub fn evidence_type(e: &Evidence, register: Option<&Register>) -> Option<EvidenceType> {
    e.kind.or_else(|| register?.get(e.source.as_deref()?)?.kind)
}

/// How many sentences `text` has: runs ending in `.`, `!` or `?` followed by
/// a space or the end, plus a last run without one. "43% of calls." is one.
pub fn sentences(text: &str) -> usize {
    let mut count = 0;
    let mut in_sentence = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if matches!(c, '.' | '!' | '?' | '…') {
            let ends = chars.peek().is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '\'' | '”' | '’' | ')'));
            if ends && in_sentence {
                count += 1;
                in_sentence = false;
            }
        } else if c.is_alphanumeric() {
            in_sentence = true;
        }
    }
    count + usize::from(in_sentence)
}

#[cfg(test)]
mod tests {
    #[test]
    fn sentences_are_counted_by_their_ends() {
        assert_eq!(super::sentences("I kept wondering if I'd picked the right one."), 1);
        assert_eq!(super::sentences("Is it right? I think so. Maybe"), 3);
        assert_eq!(super::sentences("It cost 12.50 euro, i.e. too much!"), 2);
        assert_eq!(super::sentences("Wait... what?"), 2);
        assert_eq!(super::sentences(""), 0);
    }

    #[test]
    fn strength_counts_distinct_sources_and_inherited_methods() {
        use super::*;
        let register: Register =
            serde_yaml::from_str("r07: {title: Interview R07, type: interview}\nlog: {title: Call log}\n").unwrap();
        let evidence: Vec<Evidence> = serde_yaml::from_str(
            "- {quote: a, source: r07}\n- {quote: b, source: r07}\n- {metric: c, source: log, type: analytics}\n- {quote: d}\n",
        )
        .unwrap();
        let s = Strength::of(&evidence, Some(&register));
        assert_eq!(s, Strength { quotes: 3, metrics: 1, sources: 2, methods: 2 });
        // Without the register nothing is inherited: only the analytics item has a type.
        assert_eq!(Strength::of(&evidence, None).methods, 1);
        assert_eq!(evidence_type(&evidence[0], Some(&register)), Some(EvidenceType::Interview));
    }
}
