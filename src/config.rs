//! `cxsite.yaml`: the site configuration (SPEC §2).

use serde::Deserialize;

/// The site configuration, as written in `cxsite.yaml`.
#[derive(Debug, Clone, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Title on the cover and in every page's header.
    pub title: String,
    /// Optional line under the title.
    #[serde(default)]
    pub subtitle: Option<String>,
    /// The client the study is for, shown on the cover.
    #[serde(default)]
    pub client: Option<String>,
    /// Who wrote the study.
    #[serde(default)]
    pub author: Option<String>,
    /// Date shown on the cover (ISO `YYYY-MM-DD`).
    #[serde(default)]
    #[schemars(regex(pattern = crate::model::ISO_DATE_PATTERN))]
    pub date: Option<String>,
    /// Language of the interface labels.
    #[serde(default)]
    pub language: Language,
    /// `default` or the name of a folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Project-relative path of a logo image.
    #[serde(default)]
    pub logo: Option<String>,
    /// A CSS colour used as the theme's accent.
    #[serde(default)]
    pub accent_color: Option<String>,
    /// Shows a "Confidential" banner and asks search engines not to index.
    #[serde(default)]
    pub confidential: bool,
    /// Keeps raw HTML in Markdown (dropped by default).
    #[serde(default)]
    pub allow_html: bool,
    /// Absolute URL used for canonical links and the sitemap only.
    #[serde(default)]
    pub base_url: String,
    /// Shows "Made with cxsite" in the footer (`credit: false` hides it).
    #[serde(default = "yes")]
    pub credit: bool,
    /// Names or words replaced by "[…]" (case-insensitive, whole words) in
    /// every output of a client build; `check` warns where they occur.
    #[serde(default)]
    pub redact: Vec<String>,
    /// An earlier delivery to compare with: a copy of its `cxsite-data.json`
    /// or an earlier project folder, relative to the project root. The site
    /// then gains `changes.html`.
    #[serde(default)]
    pub since: Option<String>,
    /// How mindmap.html groups the insights: `branches: stages` (the
    /// default), `tags`, `personas` or `biases`.
    #[serde(default)]
    pub mindmap: MindmapConfig,
}

/// The `mindmap:` settings of `cxsite.yaml`.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MindmapConfig {
    /// What the branches between the study and its insights are.
    #[serde(default)]
    pub branches: Branches,
}

/// The branches of the mindmap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Branches {
    /// The journey stages (an insight without a stage goes on "Other").
    #[default]
    Stages,
    /// The tags (an insight with several tags is a leaf of each).
    Tags,
    /// The personas (an insight about several personas is a leaf of each).
    Personas,
    /// The heuristics and biases (an insight naming several is a leaf of each).
    Biases,
}

impl Branches {
    /// As written in `cxsite.yaml`.
    pub fn as_str(self) -> &'static str {
        match self {
            Branches::Stages => "stages",
            Branches::Tags => "tags",
            Branches::Personas => "personas",
            Branches::Biases => "biases",
        }
    }
}

fn yes() -> bool {
    true
}

fn default_theme() -> String {
    "default".to_string()
}

/// Interface language.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize, schemars::JsonSchema)]
#[serde(rename_all = "lowercase")]
pub enum Language {
    /// English.
    #[default]
    En,
    /// Dutch.
    Nl,
}

impl Language {
    /// The ISO code, for `<html lang>`.
    pub fn code(self) -> &'static str {
        match self {
            Language::En => "en",
            Language::Nl => "nl",
        }
    }
}

/// Is `s` a CSS colour we can put in a style attribute safely?
pub fn is_safe_css_color(s: &str) -> bool {
    let s = s.trim();
    if let Some(hex) = s.strip_prefix('#') {
        return matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit());
    }
    // rgb(...), hsl(...) or a named colour: letters, digits, spaces, commas, dots, %, parentheses.
    !s.is_empty() && s.len() < 64 && s.chars().all(|c| c.is_ascii_alphanumeric() || " ,.%()/-".contains(c))
}

/// Is `s` an absolute `http://` or `https://` address with a host (the only
/// kind `base_url` accepts)? Whitespace, quotes and angle brackets are refused.
pub fn is_web_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    let rest = match (lower.strip_prefix("https://"), lower.strip_prefix("http://")) {
        (Some(r), _) | (None, Some(r)) => r,
        _ => return false,
    };
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    !host.is_empty() && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "\"'<>\\`".contains(c))
}

#[cfg(test)]
mod tests {
    #[test]
    fn base_url_schemes() {
        assert!(super::is_web_url("https://insights.example.com/acme/"));
        assert!(super::is_web_url("HTTP://intranet:8080"));
        for bad in
            ["file:///etc", "javascript:alert(1)", "https://", "//example.com", "ftp://x", "https://a b", "/site"]
        {
            assert!(!super::is_web_url(bad), "{bad}");
        }
    }
}
