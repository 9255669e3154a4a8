//! Paths written in Markdown (`![x](../assets/x.svg)`, `[guide](assets/g.pdf)`,
//! `[gap](the-journey.md#the-gap)`): resolved relative to the file that holds
//! them, then to the project root, onto a published file or a page. The same
//! resolution serves the checks (with `file:line:col` errors) and the pages.

use std::collections::BTreeMap;

use super::Known;
use crate::diagnostics::{did_you_mean, Code, Diagnostic, Diagnostics};
use crate::markdown::target::{classify, folder_of, join_inside, relative_from, Target};
use crate::markdown::LinkTarget;
use crate::model::RefKind;

/// Where a path in Markdown leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Local {
    /// A published file, by its path in the site (`assets/img/x.svg`).
    File(String),
    /// The page of a content file (`the-journey.md` → the chapter).
    Page(RefKind, String),
}

/// The outcome of resolving a path.
enum Found {
    Hit(Local),
    /// Not published; the project-relative paths looked at, in order.
    Miss(Vec<String>),
    /// Absolute, or climbing out of the project.
    Escapes,
}

/// Content files with a page: project-relative source path → kind and id.
pub(crate) type PagesByFile = BTreeMap<String, (RefKind, String)>;

/// Resolves `path` (percent-decoded, no query or fragment) written in `file`:
/// first relative to the file's folder, then to the project root.
fn find(files: &BTreeMap<String, String>, pages: &PagesByFile, file: &str, path: &str) -> Found {
    let mut tried: Vec<String> = Vec::new();
    for cand in [join_inside(folder_of(file), path), join_inside("", path)].into_iter().flatten() {
        if let Some(site_path) = files.get(&cand) {
            return Found::Hit(Local::File(site_path.clone()));
        }
        if let Some((kind, id)) = pages.get(&cand) {
            return Found::Hit(Local::Page(*kind, id.clone()));
        }
        if !tried.contains(&cand) {
            tried.push(cand);
        }
    }
    if tried.is_empty() {
        Found::Escapes
    } else {
        Found::Miss(tried)
    }
}

/// Resolves a path of the Markdown in `file` for rendering; `None` when it
/// leads to nothing the site carries (the checks have reported it).
pub(crate) fn resolve(files: &BTreeMap<String, String>, pages: &PagesByFile, file: &str, path: &str) -> Option<Local> {
    match find(files, pages, file, path) {
        Found::Hit(local) => Some(local),
        Found::Miss(_) | Found::Escapes => None,
    }
}

/// The content files of the project that have a page.
pub(crate) fn pages_by_file(sources: &crate::load::Sources) -> PagesByFile {
    let mut m = PagesByFile::new();
    let mut add = |rel: &str, kind: RefKind, id: &str| {
        m.insert(rel.to_string(), (kind, id.to_string()));
    };
    sources.insights.iter().for_each(|i| add(&i.file.rel, RefKind::Insight, &i.id));
    sources.personas.iter().for_each(|i| add(&i.file.rel, RefKind::Persona, &i.id));
    sources.journeys.iter().for_each(|i| add(&i.file.rel, RefKind::Journey, &i.id));
    sources.kano.iter().for_each(|i| add(&i.file.rel, RefKind::Kano, &i.id));
    sources.nps.iter().for_each(|i| add(&i.file.rel, RefKind::Nps, &i.id));
    sources.narratives.iter().for_each(|i| add(&i.file.rel, RefKind::Narrative, &i.id));
    m
}

/// Checks the `#anchor` of a link to a page: a chapter must have a heading
/// with that id; other pages take no anchor.
pub(crate) fn check_anchor(
    known: &Known,
    kind: RefKind,
    id: &str,
    anchor: &str,
    file: &str,
    at: impl FnOnce() -> (usize, usize),
    diags: &mut Diagnostics,
) {
    if anchor.is_empty() {
        return;
    }
    if kind != RefKind::Narrative {
        let (l, c) = at();
        diags.push(
            Diagnostic::error(
                Code::BadLink,
                file,
                l,
                c,
                format!("only links to chapters take an anchor, not {} `{id}`", kind.as_str()),
            )
            .with_help(format!("remove `#{anchor}`")),
        );
        return;
    }
    let Some(headings) = known.headings.get(id) else { return };
    if headings.iter().any(|h| h.id.as_deref() == Some(anchor)) {
        return;
    }
    let (l, c) = at();
    let untagged = headings.iter().find(|h| h.id.is_none() && crate::markdown::slug(&h.text) == anchor);
    let help = match untagged {
        Some(h) => format!("give the heading an id: `{} {} {{#{anchor}}}`", "#".repeat(h.level), h.text),
        None => {
            let ids: Vec<&str> = headings.iter().filter_map(|h| h.id.as_deref()).collect();
            match did_you_mean(anchor, ids.iter().copied()) {
                Some(close) => format!("did you mean `#{close}`?"),
                None if ids.is_empty() => {
                    format!("chapter `{id}` has no heading ids; add one to a heading: `## Title {{#{anchor}}}`")
                }
                None => format!(
                    "heading ids in `{id}`: {}",
                    ids.iter().map(|i| format!("`#{i}`")).collect::<Vec<_>>().join(", ")
                ),
            }
        }
    };
    diags.push(
        Diagnostic::error(Code::UnknownRef, file, l, c, format!("chapter `{id}` has no heading `#{anchor}`"))
            .with_help(help),
    );
}

/// Checks the paths and outside URLs of links and images in a Markdown text
/// of `file`; `pos` turns an offset in the text into `line:col` of the file.
pub(crate) fn check_targets(
    known: &Known,
    file: &str,
    targets: &[LinkTarget],
    pos: &dyn Fn(usize) -> (usize, usize),
    diags: &mut Diagnostics,
) {
    for t in targets {
        let what = if t.image { "image" } else { "link" };
        let dest = t.dest.as_str();
        match classify(dest) {
            Target::Web if t.image => {
                let (l, c) = pos(t.offset);
                diags.push(
                    Diagnostic::warning(
                        Code::ExternalResource,
                        file,
                        l,
                        c,
                        format!("image `{dest}` is outside the site; it is shown as a link, not loaded"),
                    )
                    .with_help(
                        "the site requests nothing from outside: save the image under assets/ and point to it there",
                    ),
                );
            }
            Target::Path { path, suffix } => match find(known.files, known.pages, file, &path) {
                Found::Hit(Local::File(_)) => {}
                Found::Hit(Local::Page(..)) if t.image => {
                    let (l, c) = pos(t.offset);
                    diags.push(
                        Diagnostic::error(Code::BadPath, file, l, c, format!("image `{dest}` is not an image file"))
                            .with_help("an image must be a file under assets/, e.g. `assets/img/chart.svg`"),
                    );
                }
                Found::Hit(Local::Page(kind, id)) => {
                    if known.check(kind, &id, file, || pos(t.offset), diags) {
                        if let Some((_, anchor)) = suffix.split_once('#') {
                            check_anchor(known, kind, &id, anchor, file, || pos(t.offset), diags);
                        }
                    }
                }
                Found::Escapes if path.starts_with('/') || path.contains('\\') => {
                    let (l, c) = pos(t.offset);
                    let fixed = path.replace('\\', "/");
                    let fixed = fixed.trim_start_matches('/');
                    diags.push(
                        Diagnostic::error(
                            Code::BadLink,
                            file,
                            l,
                            c,
                            format!("{what} `{dest}` is not a relative path with `/`"),
                        )
                        .with_help(format!(
                            "paths are relative to this file or to the project folder, with `/`: `{fixed}`"
                        )),
                    );
                }
                Found::Escapes => {
                    let (l, c) = pos(t.offset);
                    diags.push(
                        Diagnostic::error(
                            Code::PathOutsideProject,
                            file,
                            l,
                            c,
                            format!("{what} `{dest}` points outside the project"),
                        )
                        .with_help("copy the file into the project's assets/ folder and point to it there"),
                    );
                }
                // A content file that could not be read reports its own errors.
                Found::Miss(tried) if tried.iter().any(|p| known.unreadable.files.contains_key(p)) => {}
                Found::Miss(tried) => {
                    let (l, c) = pos(t.offset);
                    diags.push(missing(known, file, what, dest, &path, &tried, t.image, l, c));
                }
            },
            Target::Unsafe => {
                let (l, c) = pos(t.offset);
                diags.push(not_followed(file, what, dest, l, c));
            }
            _ => {}
        }
    }
}

/// The kinds of link a target may name before its `:` (SPEC §8).
const SCHEMES: [&str; 14] = [
    "insight",
    "persona",
    "journey",
    "kano",
    "nps",
    "narrative",
    "bias",
    "source",
    "mindmap",
    "metaphors",
    "http",
    "https",
    "mailto",
    "tel",
];

/// A link or image with a scheme cxsite does not follow: the page shows its
/// text only. A Windows path, a `file:` URL or a misspelt kind of link is an
/// error (the author meant something that is now lost); any other scheme
/// (`javascript:`, `data:`, `ftp:` …) is a warning.
fn not_followed(file: &str, what: &str, dest: &str, l: usize, c: usize) -> Diagnostic {
    let scheme = dest.trim().split(':').next().unwrap_or_default().to_ascii_lowercase();
    let copy_help = "copy the file into the project's assets/ folder and point to it there, with `/`: `assets/…`";
    let error = |message: String| Diagnostic::error(Code::BadLink, file, l, c, message);
    if scheme.len() == 1 && scheme.chars().all(|ch| ch.is_ascii_alphabetic()) {
        return error(format!("{what} `{dest}` is a path on this computer, not in the project")).with_help(copy_help);
    }
    if scheme == "file" {
        return error(format!("{what} `{dest}` is a file on this computer, not in the project")).with_help(copy_help);
    }
    if scheme == "metaphors" {
        return error(format!("{what} `{dest}`: `metaphors:` takes no id")).with_help("write `metaphors:`");
    }
    let kinds = SCHEMES.join(":`, `");
    if let Some(close) = did_you_mean(&scheme, SCHEMES).filter(|_| scheme.len() >= 4) {
        return error(format!("{what} `{dest}`: `{scheme}:` is not a kind of link"))
            .with_help(format!("did you mean `{close}:`?"));
    }
    Diagnostic::warning(
        Code::BadLink,
        file,
        l,
        c,
        format!("{what} `{dest}` is not followed (`{scheme}:`); the page shows its text only"),
    )
    .with_help(format!("a link names a page (`{kinds}:`), or a file in the project"))
}

/// Warns about what raw HTML would load from outside the site. Raw HTML is
/// kept only with `allow_html: true`, and then as written: the author chose
/// it, so this is a warning (an error with `--strict`), not a rewrite.
pub(crate) fn check_raw_html(
    known: &Known,
    file: &str,
    found: &[LinkTarget],
    pos: &dyn Fn(usize) -> (usize, usize),
    diags: &mut Diagnostics,
) {
    if !known.raw_html {
        return; // dropped from the page: it loads nothing
    }
    for t in found {
        let (l, c) = pos(t.offset);
        diags.push(
            Diagnostic::warning(
                Code::ExternalResource,
                file,
                l,
                c,
                format!("raw HTML loads `{}` from outside the site; the page will request it", t.dest),
            )
            .with_help("save the file under assets/ and point to it there, or use Markdown: `![text](assets/…)`"),
        );
    }
}

/// The error for a path that leads to no published file.
#[allow(clippy::too_many_arguments)]
fn missing(
    known: &Known,
    file: &str,
    what: &str,
    dest: &str,
    path: &str,
    tried: &[String],
    image: bool,
    l: usize,
    c: usize,
) -> Diagnostic {
    // Written the way the author wrote it: relative to the file when it climbs with `..`.
    let dir = folder_of(file);
    let style = |rel: &str| {
        if path.starts_with("..") || path.starts_with("./") {
            relative_from(dir, rel)
        } else {
            rel.to_string()
        }
    };
    if let Some(there) = tried.iter().find(|t| known.root.join(t).is_file()) {
        let name = there.rsplit('/').next().unwrap_or(there);
        return Diagnostic::error(
            Code::BadPath,
            file,
            l,
            c,
            format!("{what} `{dest}` is not published: `{there}` is not under assets/"),
        )
        .with_help(format!(
            "only files under assets/ are copied to the site; move it to assets/ and point to `{}`",
            style(&format!("assets/{name}"))
        ));
    }
    let mut candidates: Vec<&str> = known.files.keys().map(String::as_str).collect();
    if !image {
        candidates.extend(known.pages.keys().map(String::as_str));
    }
    let looked = tried.iter().map(|t| format!("`{t}`")).collect::<Vec<_>>().join(" and ");
    let close = tried.iter().filter_map(|t| closest_file(t, &candidates)).max_by(|a, b| a.0.total_cmp(&b.0));
    let help = match close {
        Some((_, close)) => format!("did you mean `{}`?", style(close)),
        None if !image && path.ends_with(".html") => {
            "a page of the site is linked by what it shows: `[text](insight:ID)`, `narrative:ID`, `persona:ID` …"
                .to_string()
        }
        None if known.files.is_empty() => "there are no files under assets/ yet; copy the file there".to_string(),
        None => "put the file under assets/ and point to it relative to this file or to the project folder".to_string(),
    };
    Diagnostic::error(Code::MissingAsset, file, l, c, format!("{what} `{dest}` not found (looked for {looked})"))
        .with_help(help)
}

/// The published file most like `wrong`, with its score: its file name must
/// be close to the one written (a shared `assets/img/` alone is no match).
fn closest_file<'c>(wrong: &str, candidates: &[&'c str]) -> Option<(f64, &'c str)> {
    let name = |p: &str| p.rsplit('/').next().unwrap_or(p).to_string();
    let wrong_name = name(wrong);
    candidates
        .iter()
        .filter(|c| did_you_mean(&wrong_name, [name(c).as_str()]).is_some())
        .map(|c| (strsim::jaro_winkler(wrong, c), *c))
        .max_by(|a, b| a.0.total_cmp(&b.0))
}

/// Warns about a heading id used twice among the chapters in the site (or a
/// chapter's own id): on report.html, where every chapter is, a link to it
/// would lead to the first one only.
pub(crate) fn duplicate_heading_ids(
    narratives: &[&crate::model::Item<crate::model::Narrative>],
    known: &Known,
    diags: &mut Diagnostics,
) {
    let mut seen: BTreeMap<&str, &str> = narratives.iter().map(|n| (n.id.as_str(), n.id.as_str())).collect();
    for n in narratives {
        for h in known.headings.get(n.id.as_str()).copied().unwrap_or_default() {
            let Some(id) = h.id.as_deref() else { continue };
            if let Some(first) = seen.insert(id, n.id.as_str()) {
                let text = &n.data.body;
                let line = n.data.body_line + text[..h.offset.min(text.len())].matches('\n').count();
                let owner = if first == id {
                    format!("the id of chapter `{first}`")
                } else {
                    format!("also a heading in chapter `{first}`")
                };
                diags.push(
                    Diagnostic::warning(
                        Code::DuplicateId,
                        &n.file.rel,
                        line,
                        1,
                        format!("heading id `#{id}` is {owner}"),
                    )
                    .with_help("report.html holds every chapter: give this heading an id of its own"),
                );
            }
        }
    }
}
