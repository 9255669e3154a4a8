//! The kinds of item a typed link (`persona:ID`) or an embed can name.

/// Kinds a typed link or an embed can point at.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RefKind {
    /// `insight:ID`
    Insight,
    /// `persona:ID`
    Persona,
    /// `journey:ID`
    Journey,
    /// `kano:ID`
    Kano,
    /// `nps:ID`
    Nps,
    /// `narrative:ID`
    Narrative,
    /// `bias:ID`
    Bias,
    /// An entry of `sources.yaml`, named by an evidence item's `source`.
    Source,
}

impl RefKind {
    /// Parses the scheme of a typed link or the name of an embed.
    pub fn parse(s: &str) -> Option<RefKind> {
        Some(match s {
            "insight" => RefKind::Insight,
            "persona" => RefKind::Persona,
            "journey" => RefKind::Journey,
            "kano" => RefKind::Kano,
            "nps" => RefKind::Nps,
            "narrative" => RefKind::Narrative,
            "bias" => RefKind::Bias,
            "source" => RefKind::Source,
            _ => return None,
        })
    }

    /// The word used in links and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            RefKind::Insight => "insight",
            RefKind::Persona => "persona",
            RefKind::Journey => "journey",
            RefKind::Kano => "kano",
            RefKind::Nps => "nps",
            RefKind::Narrative => "narrative",
            RefKind::Bias => "bias",
            RefKind::Source => "source",
        }
    }

    /// Can this kind be embedded with `{{ kind(id="…") }}`?
    pub fn embeddable(self) -> bool {
        !matches!(self, RefKind::Narrative | RefKind::Bias | RefKind::Source)
    }
}
