//! `portfolio.yaml`: what a portfolio is called and which project folders
//! it gathers (SPEC §9c), read and resolved like every other YAML file:
//! unknown keys and paths that name no project are errors at file:line:col.

use std::path::{Path, PathBuf};

use serde::Deserialize;

use crate::config::Language;
use crate::diagnostics::{Code, Diagnostic, Diagnostics};
use crate::error::Failure;
use crate::load::positions::{locate, Seg};
use crate::load::{is_valid_id, yaml};
use crate::model::SourceFile;

/// The portfolio's file, in the portfolio folder.
pub const FILE: &str = "portfolio.yaml";

/// What a logo may be.
const IMAGE_EXTENSIONS: &[&str] = &["png", "jpg", "jpeg", "gif", "svg", "webp"];

/// Project ids the portfolio's own output uses.
const RESERVED: &[&str] = &["static"];

/// `portfolio.yaml` as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PortfolioConfig {
    /// Title of the portfolio page.
    pub title: String,
    /// The organisation that publishes the studies.
    #[serde(default)]
    pub organisation: Option<String>,
    /// Language of the portfolio page's labels.
    #[serde(default)]
    pub language: Language,
    /// Path of a logo image, relative to the portfolio folder.
    #[serde(default)]
    pub logo: Option<String>,
    /// A CSS colour used as the accent of the portfolio page.
    #[serde(default)]
    pub accent_color: Option<String>,
    /// Project folders: paths or globs (`*`, `?` within one path segment), relative to the portfolio folder.
    pub projects: Vec<String>,
}

/// One project of the portfolio.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// The folder name, which names the study's folder in the output.
    pub id: String,
    /// The project folder, the portfolio folder joined with the pattern's match.
    pub dir: PathBuf,
}

/// A read portfolio: its settings and its projects, sorted by id.
#[derive(Debug, Clone)]
pub struct Portfolio {
    /// The settings.
    pub config: PortfolioConfig,
    /// The projects, sorted by id.
    pub projects: Vec<Project>,
}

/// Reads `dir/portfolio.yaml` and resolves its projects. `out` (the output
/// folder) is never taken for a project, even when a glob matches it.
pub fn read(dir: &Path, out: &Path) -> Result<Portfolio, Failure> {
    let path = dir.join(FILE);
    if !path.is_file() {
        return Err(Failure::usage(
            format!("{} has no {FILE}", dir.display()),
            "a portfolio folder needs a portfolio.yaml with `title:` and `projects:` (see README, \"Portfolio\")",
        ));
    }
    let text = std::fs::read_to_string(&path).map_err(Failure::io_at("read", &path))?;
    let file = SourceFile { rel: FILE.to_string(), text };
    let config: PortfolioConfig = yaml::parse(&file, &file.text, 1, FILE).map_err(Failure::Content)?;
    let mut diags = Diagnostics::default();
    if let Some(color) = &config.accent_color {
        if !crate::config::is_safe_css_color(color) {
            let (l, c) = locate(&file.text, &[Seg::Key("accent_color")]);
            diags.push(
                Diagnostic::error(Code::BadValue, FILE, l, c, format!("`{color}` is not a CSS colour"))
                    .with_help("write a hex colour such as \"#0b6e4f\" (quoted), or a colour name"),
            );
        }
    }
    if let Some(logo) = &config.logo {
        let (l, c) = locate(&file.text, &[Seg::Key("logo")]);
        let path = Path::new(logo);
        let ext = path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase()).unwrap_or_default();
        if path.is_absolute() || path.components().any(|p| !matches!(p, std::path::Component::Normal(_))) {
            diags.push(
                Diagnostic::error(
                    Code::PathOutsideProject,
                    FILE,
                    l,
                    c,
                    format!("the logo `{logo}` is not inside the portfolio folder"),
                )
                .with_help("put the logo next to portfolio.yaml (or below it) and give its relative path"),
            );
        } else if !IMAGE_EXTENSIONS.contains(&ext.as_str()) {
            diags.push(
                Diagnostic::error(Code::BadPath, FILE, l, c, format!("the logo `{logo}` is not an image"))
                    .with_help("use a .png, .jpg, .gif, .svg or .webp file"),
            );
        } else if !dir.join(logo).is_file() {
            diags.push(
                Diagnostic::error(Code::MissingAsset, FILE, l, c, format!("the logo `{logo}` does not exist"))
                    .with_help("give the path of an image, relative to the folder of portfolio.yaml"),
            );
        }
    }
    let projects = resolve(dir, out, &config.projects, &file, &mut diags);
    if diags.has_errors() {
        return Err(Failure::Content(diags.sorted()));
    }
    Ok(Portfolio { config, projects })
}

/// Every project folder the patterns name, with a diagnostic for a pattern
/// that names none, a folder without cxsite.yaml, a bad id or an id twice.
fn resolve(dir: &Path, out: &Path, patterns: &[String], file: &SourceFile, diags: &mut Diagnostics) -> Vec<Project> {
    let out = out.canonicalize().ok();
    let mut projects: Vec<(Project, usize)> = Vec::new();
    for (i, pattern) in patterns.iter().enumerate() {
        let (l, c) = locate(&file.text, &[Seg::Key("projects"), Seg::Index(i)]);
        let is_glob = pattern.contains(['*', '?']);
        let mut found = expand(dir, pattern);
        found.retain(|p| out.is_none() || p.canonicalize().ok() != out);
        if is_glob {
            // A glob takes the folders that are projects, and passes over the rest.
            found.retain(|p| p.join("cxsite.yaml").is_file());
        }
        if found.is_empty() {
            let what = if is_glob { "matches no project folder" } else { "is not a project folder" };
            diags.push(
                Diagnostic::error(Code::MissingAsset, FILE, l, c, format!("`{pattern}` {what}"))
                    .with_help("name folders that hold a cxsite.yaml, relative to the folder of portfolio.yaml"),
            );
            continue;
        }
        for path in found {
            if !path.join("cxsite.yaml").is_file() {
                diags.push(
                    Diagnostic::error(Code::MissingAsset, FILE, l, c, format!("`{pattern}` has no cxsite.yaml"))
                        .with_help("a project folder holds a cxsite.yaml; run `cxsite init` to make one"),
                );
                continue;
            }
            let id = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
            if !is_valid_id(&id) || RESERVED.contains(&id.as_str()) {
                diags.push(
                    Diagnostic::error(Code::BadId, FILE, l, c, format!("the project folder name `{id}` cannot be an id"))
                        .with_help("the folder name names the study in the output: lower-case letters, digits and `-`, not `static`"),
                );
                continue;
            }
            match projects.iter().find(|(p, _)| p.id == id) {
                Some((p, _)) if same_dir(&p.dir, &path) => {} // named twice: one project
                Some((p, _)) => diags.push(
                    Diagnostic::error(
                        Code::DuplicateId,
                        FILE,
                        l,
                        c,
                        format!("two project folders are named `{id}`: {} and {}", p.dir.display(), path.display()),
                    )
                    .with_help("each study is published under its folder name: rename one of the folders"),
                ),
                None => projects.push((Project { id, dir: path }, i)),
            }
        }
    }
    let mut projects: Vec<Project> = projects.into_iter().map(|(p, _)| p).collect();
    projects.sort_by(|a, b| a.id.cmp(&b.id));
    projects
}

fn same_dir(a: &Path, b: &Path) -> bool {
    match (a.canonicalize(), b.canonicalize()) {
        (Ok(a), Ok(b)) => a == b,
        _ => a == b,
    }
}

/// The folders `pattern` names under `dir`: each `/`-separated segment is a
/// literal name or a glob with `*` and `?`, matched against folder entries
/// (hidden ones only when the segment starts with `.`). Sorted.
pub fn expand(dir: &Path, pattern: &str) -> Vec<PathBuf> {
    let mut current = vec![dir.to_path_buf()];
    for seg in pattern.split('/').filter(|s| !s.is_empty() && *s != ".") {
        let mut next = Vec::new();
        for base in &current {
            if !seg.contains(['*', '?']) {
                let p = base.join(seg);
                if p.is_dir() {
                    next.push(p);
                }
                continue;
            }
            let Ok(entries) = std::fs::read_dir(base) else { continue };
            let mut names: Vec<String> = entries
                .flatten()
                .filter(|e| e.path().is_dir())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| (!n.starts_with('.') || seg.starts_with('.')) && glob_match(seg, n))
                .collect();
            names.sort();
            next.extend(names.into_iter().map(|n| base.join(n)));
        }
        current = next;
    }
    current
}

/// Does `name` match the glob `pattern` (`*` any run of characters, `?` one)?
pub fn glob_match(pattern: &str, name: &str) -> bool {
    let (p, n): (Vec<char>, Vec<char>) = (pattern.chars().collect(), name.chars().collect());
    let (mut pi, mut ni, mut star, mut mark) = (0, 0, None, 0);
    while ni < n.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == n[ni]) {
            pi += 1;
            ni += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = ni;
            pi += 1;
        } else if let Some(s) = star {
            pi = s + 1;
            mark += 1;
            ni = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs_match_within_a_segment() {
        assert!(glob_match("*", "acme-2026"));
        assert!(glob_match("acme-*", "acme-2026"));
        assert!(glob_match("a?me*6", "acme-2026"));
        assert!(!glob_match("acme-*", "bank-2026"));
        assert!(!glob_match("a?me", "acme-2026"));
    }

    #[test]
    fn expand_takes_folders_in_order_and_skips_hidden_ones() {
        let tmp = tempfile::tempdir().unwrap();
        for d in ["studies/b", "studies/a", "studies/.hidden", "other"] {
            std::fs::create_dir_all(tmp.path().join(d)).unwrap();
        }
        std::fs::write(tmp.path().join("studies/file"), "").unwrap();
        let got = expand(tmp.path(), "studies/*");
        assert_eq!(got, vec![tmp.path().join("studies/a"), tmp.path().join("studies/b")]);
        assert_eq!(expand(tmp.path(), "other"), vec![tmp.path().join("other")]);
        assert!(expand(tmp.path(), "missing").is_empty());
    }
}
