//! The stable code of every diagnostic (`unknown-key`, `unknown-ref`, …):
//! what CI filters on and what the README's table documents.

use std::fmt;

macro_rules! codes {
    ($($(#[doc = $doc:literal])* $variant:ident => $text:literal,)*) => {
        /// What kind of problem a diagnostic reports. The kebab-case text
        /// ([`Code::as_str`]) is stable: renaming one breaks users' CI filters.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Code {
            $($(#[doc = $doc])* $variant,)*
        }

        impl Code {
            /// Every code, in declaration order.
            pub const ALL: &'static [Code] = &[$(Code::$variant,)*];

            /// The code as written in output and in the README, e.g. `unknown-key`.
            pub fn as_str(self) -> &'static str {
                match self {
                    $(Code::$variant => $text,)*
                }
            }
        }
    };
}

codes! {
    /// The YAML itself is broken (indentation, quotes, a key given twice, aliases that expand too much).
    YamlSyntax => "yaml-syntax",
    /// A file cannot be read: no permission, not UTF-8, not a regular file, a symbolic link loop.
    UnreadableFile => "unreadable-file",
    /// A YAML file or front matter is empty.
    EmptyFile => "empty-file",
    /// A file or folder is skipped (wrong extension, a sub-folder that is not read, a special file).
    IgnoredFile => "ignored-file",
    /// A text is too large (bytes, embeds or table cells beyond cxsite's limits).
    TooLarge => "too-large",
    /// A key the file kind does not have (often a typo).
    UnknownKey => "unknown-key",
    /// A required key is missing.
    MissingKey => "missing-key",
    /// A value has the wrong type (a list where text belongs, text where a number belongs).
    WrongType => "wrong-type",
    /// A value outside a fixed list (e.g. `confidence: hgh`).
    UnknownValue => "unknown-value",
    /// A number outside its range (emotion −2…2, importance 1…5, counts).
    OutOfRange => "out-of-range",
    /// A value that must parse as something and does not: a date, a colour, a URL, a day.
    BadValue => "bad-value",
    /// An id (a file name or a stage or bias id) that is not lower-case letters, digits and `-`.
    BadId => "bad-id",
    /// The same id twice (insights, stages of a journey, features of a study, heading ids).
    DuplicateId => "duplicate-id",
    /// A reference to an id that does not exist (persona, journey, stage, insight, bias, feature, heading).
    UnknownRef => "unknown-ref",
    /// A link written in a way cxsite cannot follow (an anchor on a non-chapter, backslashes).
    BadLink => "bad-link",
    /// A malformed `{{ … }}` embed: not closed, unquoted id, unknown kind, not a paragraph of its own.
    BadEmbed => "bad-embed",
    /// A file named by a path (image, photo, CSV, link) does not exist.
    MissingAsset => "missing-asset",
    /// A path or symbolic link leads outside the project folder.
    PathOutsideProject => "path-outside-project",
    /// A path that names the wrong kind of thing: a hidden file, a special file, a non-image, an unpublished file.
    BadPath => "bad-path",
    /// A page will load something from outside the site (an outside image, raw HTML).
    ExternalResource => "external-resource",
    /// Something needed is absent in a way the schema cannot state: a journey without stages,
    /// a stage without a journey, a new bias without its texts, a chapter without front matter.
    MissingContent => "missing-content",
    /// An evidence item without exactly one of `quote` or `metric`.
    BadEvidence => "bad-evidence",
    /// Not ready for the client: a missing layer, `status: review`, a reference to a draft.
    Unfinished => "unfinished",
    /// An insight whose evidence does not carry it: none at all, or `confidence: high` on fewer than two sources or one method.
    ThinEvidence => "thin-evidence",
    /// A quote longer than three sentences.
    LongQuote => "long-quote",
    /// Kano data that cannot be classified, or that contradicts itself.
    KanoData => "kano-data",
    /// NPS data that cannot be counted: no measurements, both counts and scores, a score outside 0…10.
    NpsData => "nps-data",
    /// A CSV file that cannot be read as a table with the needed columns.
    BadCsv => "bad-csv",
    /// The `theme:` of cxsite.yaml names no usable theme folder.
    BadTheme => "bad-theme",
    /// A template fails: syntax, an unknown include, a cycle, recursion, an error while rendering.
    Template => "template",
    /// Something the single-file export cannot include as it is.
    Export => "export",
    /// `since:` or `--since` names nothing usable: no such path, not a snapshot, an earlier project with errors.
    BadSince => "bad-since",
    /// A snapshot (`cxsite-data.json`) of a schema version this cxsite does not read.
    SnapshotVersion => "snapshot-version",
    /// Client material refers to material marked `internal: true`, which a client build leaves out.
    InternalRef => "internal-ref",
    /// A term listed under `redact:` occurs in a project file (it is replaced by "[…]"), or in an id or published path, which cannot be redacted.
    RedactedTerm => "redacted-term",
    /// The project as a whole cannot be used: no cxsite.yaml, an input/output failure.
    Project => "project",
}

impl fmt::Display for Code {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl serde::Serialize for Code {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_kebab_case() {
        let mut seen = std::collections::BTreeSet::new();
        for c in Code::ALL {
            let s = c.as_str();
            assert!(s.chars().all(|ch| ch.is_ascii_lowercase() || ch == '-'), "{s}");
            assert!(seen.insert(s), "{s} twice");
        }
        assert_eq!(serde_json::to_string(&Code::UnknownValue).ok().as_deref(), Some("\"unknown-value\""));
    }

    /// The README's table under "Diagnostics for CI" lists exactly the codes
    /// of the enum, each once: a new code must be documented.
    #[test]
    fn the_readme_lists_every_code() {
        let readme = include_str!("../../README.md");
        let section = readme.split("### Diagnostics for CI").nth(1).expect("README has a \"Diagnostics for CI\" part");
        let section = section.split("\n### ").next().unwrap_or(section);
        let table = section.split("| code | meaning |").nth(1).expect("the part has a `| code | meaning |` table");
        let mut listed: Vec<&str> = table
            .lines()
            .skip(2) // the rest of the header line and |---|---|
            .map_while(|l| l.strip_prefix("| `"))
            .filter_map(|l| l.split('`').next())
            .collect();
        let rows = listed.len();
        listed.sort_unstable();
        listed.dedup();
        assert_eq!(rows, listed.len(), "a code is listed twice");
        let mut codes: Vec<&str> = Code::ALL.iter().map(|c| c.as_str()).collect();
        codes.sort_unstable();
        assert_eq!(listed, codes, "README table vs. enum Code");
    }
}
