//! Step 1 of the pipeline: walk the project, read each file once and parse
//! it into typed structs, keeping path and text for error positions.

mod collect;
mod files;
mod paths;
pub mod positions;
mod quotes;
pub mod yaml;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use serde::de::DeserializeOwned;

pub use files::{is_ignored_name, is_valid_id, suggest_id};
pub use paths::{
    ensure_regular, normalise_rel as normalise_project_rel, read_regular, resolve_project_path, PathProblem,
};

use crate::config::Config;
use crate::diagnostics::{rel_path, Code, Diagnostic, Diagnostics};
use crate::error::Failure;
use crate::model::{
    bias::BiasEntry, narrative::split_front_matter, FrontMatter, Insight, Item, Journey, KanoStudy, Narrative,
    NpsSeries, Persona, RefKind, Register, SourceFile,
};
use positions::Seg;

/// The name of the configuration file that marks a project root.
pub const CONFIG_FILE: &str = "cxsite.yaml";

/// Everything read from a project, before any cross-checking.
#[derive(Debug, Clone)]
pub struct Sources {
    /// The project folder.
    pub root: PathBuf,
    /// The parsed `cxsite.yaml` (a placeholder when it is broken).
    pub config: Config,
    /// The text of `cxsite.yaml`, for error positions.
    pub config_file: Arc<SourceFile>,
    /// Insights from `insights/**`.
    pub insights: Vec<Item<Insight>>,
    /// Personas.
    pub personas: Vec<Item<Persona>>,
    /// Journeys.
    pub journeys: Vec<Item<Journey>>,
    /// Kano studies.
    pub kano: Vec<Item<KanoStudy>>,
    /// NPS series.
    pub nps: Vec<Item<NpsSeries>>,
    /// Narratives.
    pub narratives: Vec<Item<Narrative>>,
    /// `biases.yaml`, when present.
    pub biases: Option<Item<BTreeMap<String, BiasEntry>>>,
    /// `sources.yaml` (the sources register), when present.
    pub sources: Option<Item<Register>>,
    /// CSV files named by Kano studies and NPS series, by project-relative path.
    pub tables: BTreeMap<String, Arc<SourceFile>>,
    /// Files under `assets/`, project-relative.
    pub assets: Vec<String>,
    /// Template overrides from `templates/` and the custom theme, by name.
    pub templates: BTreeMap<String, String>,
    /// Static files of a custom theme: site-relative path under `static/` → absolute path.
    pub theme_static: Vec<(String, PathBuf)>,
    /// Content files that exist but could not be read or parsed.
    pub unreadable: Unreadable,
}

/// Content files that exist but could not be read or parsed. Their ids stay
/// known, so that references to them are not reported as unknown: the
/// file's own errors are the cause, and they are reported once.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Unreadable {
    /// The ids (file stems) of such files, per kind.
    pub ids: BTreeMap<RefKind, BTreeSet<String>>,
    /// Kinds whose one file (`biases.yaml`, `sources.yaml`) could not be read
    /// as YAML, so any id of the kind may have been defined there (when only
    /// its schema is wrong, its keys are in `ids`).
    pub whole: BTreeSet<RefKind>,
    /// Their project-relative paths → kind and id, so a relative link to
    /// such a file (`the-journey.md`) is not reported as missing either.
    pub files: BTreeMap<String, (RefKind, String)>,
}

impl Unreadable {
    /// Takes in what the walk of `dir` left out, from what it said: a
    /// misnamed file (`Sanne Starter.yaml`, a bad id) still stands for the
    /// id it was surely meant to have (`sanne-starter`), a file linked from
    /// outside for its own, and a folder linked from outside for any id of
    /// `kind`. Their references are then not "unknown" as well.
    fn left_out(&mut self, kind: RefKind, dir: &str, said: &[Diagnostic]) {
        for d in said.iter().filter(|d| d.is_error()) {
            let stem = || Path::new(&d.file).file_stem().map(|s| s.to_string_lossy().into_owned());
            match d.code {
                Code::BadId => self.ids.entry(kind).or_default().extend(stem().map(|s| files::suggest_id(&s))),
                Code::PathOutsideProject if d.file == dir || Path::new(&d.file).extension().is_none() => {
                    self.whole.insert(kind);
                }
                Code::PathOutsideProject => self.ids.entry(kind).or_default().extend(stem()),
                _ => {}
            }
        }
    }

    /// Is `kind:id` possibly defined in a file that could not be read?
    pub fn covers(&self, kind: RefKind, id: &str) -> bool {
        self.whole.contains(&kind) || self.ids.get(&kind).is_some_and(|ids| ids.contains(id))
    }
}

/// A content file that could not be loaded: its id and every problem found.
#[derive(Debug, Clone)]
struct Failed {
    id: String,
    /// Project-relative path of the file.
    rel: String,
    diags: Vec<Diagnostic>,
}

impl Failed {
    fn new(found: &files::Found, diags: Vec<Diagnostic>) -> Failed {
        Failed {
            id: found.id.clone(),
            rel: rel_path(&found.root, &found.path),
            diags: diags.into_iter().map(Diagnostic::file_unreadable).collect(),
        }
    }
}

/// Parsed files kept between loads (by `serve`): a file whose modification
/// time and size are unchanged is not read or parsed again.
///
/// `serve` switches it to trusting its file watcher instead: entries stay
/// good until [`ParseCache::forget`] names their path (no `stat` per file).
#[derive(Default)]
pub struct ParseCache {
    entries: std::sync::RwLock<HashMap<PathBuf, CacheEntry>>,
    trust_events: std::sync::atomic::AtomicBool,
    /// When trusting events: each content folder's files and the walk's
    /// warnings, kept while every change is an edit of a listed file.
    listings: std::sync::Mutex<HashMap<String, Listing>>,
}

/// The files the walk of one content folder found, and what it reported.
type Listing = (Arc<Vec<files::Found>>, Vec<Diagnostic>);

type Stamp = (std::time::SystemTime, u64);
type CacheEntry = (Stamp, Arc<dyn std::any::Any + Send + Sync>);

/// The stamp of every file when the cache trusts file events.
const EVENT_STAMP: Stamp = (std::time::UNIX_EPOCH, 0);

impl ParseCache {
    /// A cache that keeps entries until `forget` names them (for `serve`,
    /// whose watcher reports every change).
    pub fn trusting_events() -> ParseCache {
        let cache = ParseCache::default();
        cache.trust_events.store(true, std::sync::atomic::Ordering::Relaxed);
        cache
    }

    /// Drops the entries of these files, and of everything under these folders.
    /// A path that is not a file already listed (a new, removed or renamed
    /// file, a folder) makes the folders be walked again, unless it is gone
    /// and nothing listed was at or under it: the temporary file of an
    /// editor's atomic save (written, then renamed over the listed file).
    pub fn forget<'p>(&self, paths: impl IntoIterator<Item = &'p Path>) {
        let paths: Vec<&Path> = paths.into_iter().collect();
        if let Ok(mut map) = self.entries.write() {
            for p in &paths {
                map.retain(|k, _| !k.starts_with(p));
            }
        }
        if let Ok(mut listings) = self.listings.lock() {
            let listed = |p: &Path| listings.values().any(|(found, _)| found.iter().any(|f| f.path == p));
            let listed_under =
                |p: &Path| listings.values().any(|(found, _)| found.iter().any(|f| f.path.starts_with(p)));
            let came_and_went = |p: &Path| !p.exists() && !listed_under(p);
            if !paths.iter().all(|p| (listed(p) && p.is_file()) || came_and_went(p)) {
                listings.clear();
            }
        }
    }

    /// Drops every entry (after the watcher lost events).
    pub fn clear(&self) {
        if let Ok(mut map) = self.entries.write() {
            map.clear();
        }
        if let Ok(mut listings) = self.listings.lock() {
            listings.clear();
        }
    }

    /// The files of content folder `dir`: walked, or as listed last time
    /// when the cache trusts events and no file came or went since.
    fn content_files(
        &self,
        kinds: &mut Kinds,
        kind: RefKind,
        dir: &str,
        recursive: bool,
        exts: &[&str],
    ) -> Arc<Vec<files::Found>> {
        let trusting = self.trust_events.load(std::sync::atomic::Ordering::Relaxed);
        if trusting {
            if let Some((found, said)) = self.listings.lock().ok().and_then(|l| l.get(dir).cloned()) {
                kinds.unreadable.left_out(kind, dir, &said);
                kinds.diags.extend(said);
                return found;
            }
        }
        let mut said = Diagnostics::default();
        let found = Arc::new(kinds.walk.content_files(&mut said, dir, recursive, exts));
        let said = said.sorted();
        kinds.unreadable.left_out(kind, dir, &said);
        kinds.diags.extend(said.iter().cloned());
        if trusting {
            if let Ok(mut listings) = self.listings.lock() {
                listings.insert(dir.to_string(), (Arc::clone(&found), said));
            }
        }
        found
    }

    fn stamp(&self, f: &files::Found) -> Option<Stamp> {
        if self.trust_events.load(std::sync::atomic::Ordering::Relaxed) && !f.via_link {
            Some(EVENT_STAMP)
        } else {
            f.stamp()
        }
    }

    fn get<T: Clone + 'static>(&self, f: &files::Found, stamp: Option<Stamp>) -> Option<T> {
        let stamp = stamp?;
        let map = self.entries.read().ok()?;
        let (s, value) = map.get(&f.path)?;
        if *s != stamp {
            return None;
        }
        value.downcast_ref::<T>().cloned()
    }

    /// Keeps `value` for `f` as it was at `stamp` (taken before reading, so a
    /// save during the parse is seen next time).
    fn put<T: Send + Sync + 'static>(&self, f: &files::Found, stamp: Option<Stamp>, value: T) {
        if let (Some(stamp), Ok(mut map)) = (stamp, self.entries.write()) {
            map.insert(f.path.clone(), (stamp, Arc::new(value)));
        }
    }
}

/// Reads the whole project at `root`. Content problems go to `diags`; only a
/// missing project is an `Err`.
pub fn load(root: &Path, diags: &mut Diagnostics) -> Result<Sources, Failure> {
    load_cached(root, diags, &ParseCache::default())
}

/// Like [`load`], reusing the parses in `cache` for files that did not change.
pub fn load_cached(root: &Path, diags: &mut Diagnostics, cache: &ParseCache) -> Result<Sources, Failure> {
    let config_path = root.join(CONFIG_FILE);
    // Not `is_file`: a cxsite.yaml that is a pipe or folder is reported when read.
    if !config_path.exists() {
        let shown = root.display();
        // The most likely slips first: a path that is not there, or the config file itself.
        return Err(if !root.exists() {
            Failure::usage(format!("{shown}: no such folder"), "name the project folder (the one with cxsite.yaml)")
        } else if root.is_file() {
            let folder = root.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
            Failure::usage(
                format!("{shown} is a file; cxsite wants the project folder"),
                format!("name the folder that holds cxsite.yaml: {}", folder.display()),
            )
        } else {
            Failure::usage(
                format!("no {CONFIG_FILE} in {shown}: this is not a cxsite project"),
                format!("run `cxsite init {shown}` to start one, or name the project folder"),
            )
        });
    }
    let (config, config_file) = load_config(root, diags);
    let mut walk = files::Walk::new(root);
    let mut unreadable = Unreadable::default();
    let mut kinds = Kinds { walk: &mut walk, cache, diags, unreadable: &mut unreadable };

    let (yaml, with_csv) = (["yaml", "yml"].as_slice(), ["yaml", "yml", "csv"].as_slice());
    let t = std::time::Instant::now();
    let insights = kinds.load::<Insight>("insights", true, yaml, RefKind::Insight);
    crate::timing("load: insights", t);
    let t = std::time::Instant::now();
    let personas = kinds.load::<Persona>("personas", false, yaml, RefKind::Persona);
    let journeys = kinds.load::<Journey>("journeys", false, yaml, RefKind::Journey);
    let kano = kinds.load::<KanoStudy>("kano", false, with_csv, RefKind::Kano);
    let nps = kinds.load::<NpsSeries>("nps", false, with_csv, RefKind::Nps);
    let narratives = kinds.narratives();
    let biases = load_register(root, "biases", RefKind::Bias, diags, &mut unreadable);
    let research = load_register(root, "sources", RefKind::Source, diags, &mut unreadable);
    let assets = walk.assets(diags);
    let theme_at =
        if config.theme == "default" { (1, 1) } else { positions::locate(&config_file.text, &[Seg::Key("theme")]) };
    let (templates, theme_static) = walk.theme(&config.theme, theme_at, diags);

    let mut sources = Sources {
        root: root.to_path_buf(),
        config,
        config_file,
        insights,
        personas,
        journeys,
        kano,
        nps,
        narratives,
        biases,
        sources: research,
        tables: BTreeMap::new(),
        assets,
        templates,
        theme_static,
        unreadable,
    };
    load_tables(&mut sources, diags);
    crate::timing("load: rest", t);
    Ok(sources)
}

/// The ids of the content files in `dir` (`insights`, `personas`, …) as the
/// loader would find them, without reading the files: what `cxsite schema`
/// needs, fast even for 10,000 insights. Problems of the walk are left to `check`.
pub fn file_ids(root: &Path, dir: &str) -> Vec<String> {
    let mut ignored = Diagnostics::default();
    let mut ids: Vec<String> = files::Walk::new(root)
        .content_files(&mut ignored, dir, dir == "insights", &["yaml", "yml"])
        .into_iter()
        .map(|f| f.id)
        .collect();
    ids.sort();
    ids.dedup();
    ids
}

fn load_config(root: &Path, diags: &mut Diagnostics) -> (Config, Arc<SourceFile>) {
    let placeholder = || serde_yaml::from_str::<Config>("title: Untitled").expect("a title is all a config needs");
    let file = match files::read_text(root, &root.join(CONFIG_FILE)) {
        Ok(f) => Arc::new(f),
        Err(d) => {
            diags.push(d.file_unreadable());
            return (placeholder(), Arc::new(SourceFile { rel: CONFIG_FILE.into(), text: String::new() }));
        }
    };
    match yaml::parse::<Config>(&file, &file.text, 1, CONFIG_FILE) {
        Ok(c) => {
            check_config(&file, &c, diags);
            (c, file)
        }
        Err(ds) => {
            diags.extend(ds.into_iter().map(Diagnostic::file_unreadable));
            (placeholder(), file)
        }
    }
}

/// The checks of a parsed `cxsite.yaml` that serde cannot make (colour, base_url, date).
pub(crate) fn check_config(file: &SourceFile, c: &Config, diags: &mut Diagnostics) {
    if let Some(color) = &c.accent_color {
        if !crate::config::is_safe_css_color(color) {
            let (l, col) = positions::locate(&file.text, &[Seg::Key("accent_color")]);
            diags.push(
                Diagnostic::error(Code::BadValue, &file.rel, l, col, format!("`{color}` is not a CSS colour"))
                    .with_help("write a hex colour such as \"#0b6e4f\" (quoted), or a colour name"),
            );
        } else if crate::color::parse(color).is_none() {
            let (l, col) = positions::locate(&file.text, &[Seg::Key("accent_color")]);
            diags.push(
                Diagnostic::warning(
                    Code::BadValue,
                    &file.rel,
                    l,
                    col,
                    format!("`{color}` is not a colour cxsite can read, so the contrast of text in it is not checked"),
                )
                .with_help("write a hex colour such as \"#0b6e4f\" (quoted), rgb(…), hsl(…) or a CSS colour name"),
            );
        }
    }
    if !c.base_url.trim().is_empty() && !crate::config::is_web_url(&c.base_url) {
        let (l, col) = positions::locate(&file.text, &[Seg::Key("base_url")]);
        diags.push(
            Diagnostic::error(Code::BadValue, &file.rel, l, col, format!("base_url `{}` is not an http(s):// address", c.base_url))
                .with_help("write the address the site will be published at, e.g. https://insights.example.com/acme/, or leave base_url out"),
        );
    }
    if let Some(date) = &c.date {
        if crate::dates::parse_iso(date).is_none() {
            let (l, col) = positions::locate(&file.text, &[Seg::Key("date")]);
            diags.push(
                Diagnostic::error(
                    Code::BadValue,
                    &file.rel,
                    l,
                    col,
                    format!("`{date}` is not a date (YYYY-MM-DD, on the calendar)"),
                )
                .with_help("write dates as YYYY-MM-DD, e.g. 2026-11-20"),
            );
        }
    }
}

/// What loading the content kinds shares: the cache, the diagnostics, and
/// the ids of files that could not be loaded.
struct Kinds<'a> {
    walk: &'a mut files::Walk,
    cache: &'a ParseCache,
    diags: &'a mut Diagnostics,
    unreadable: &'a mut Unreadable,
}

impl Kinds<'_> {
    /// Reads and parses files of one kind in parallel; duplicates are errors.
    fn load<T: DeserializeOwned + Send + Sync + 'static>(
        &mut self,
        dir: &str,
        recursive: bool,
        exts: &[&str],
        kind: RefKind,
    ) -> Vec<Item<T>> {
        let t = std::time::Instant::now();
        let cache = self.cache;
        let paths = cache.content_files(self, kind, dir, recursive, exts);
        crate::timing("load: walk", t);
        let t = std::time::Instant::now();
        let what = kind_name(kind);
        let results: Vec<Result<Item<T>, Failed>> = paths
            .par_iter()
            .filter(|f| f.ext != "csv")
            .map(|f| {
                let stamp = cache.stamp(f);
                if let Some(hit) = cache.get::<Result<Item<T>, Failed>>(f, stamp) {
                    return hit;
                }
                let parse = || {
                    let file = Arc::new(f.read().map_err(|d| Failed::new(f, vec![d]))?);
                    let data = yaml::parse::<T>(&file, &file.text, 1, what).map_err(|ds| Failed::new(f, ds))?;
                    Ok(Item { id: f.id.clone(), file, data: Arc::new(data) })
                };
                let result = parse();
                cache.put(f, stamp, result.clone());
                result
            })
            .collect();
        crate::timing("load: parse", t);
        collect_unique(results, kind, self)
    }

    fn narratives(&mut self) -> Vec<Item<Narrative>> {
        let cache = self.cache;
        let paths = cache.content_files(self, RefKind::Narrative, "narratives", false, &["md"]);
        let results: Vec<Result<Item<Narrative>, Failed>> = paths
            .par_iter()
            .map(|f| {
                let stamp = cache.stamp(f);
                if let Some(hit) = cache.get::<Result<Item<Narrative>, Failed>>(f, stamp) {
                    return hit;
                }
                let result = parse_narrative(f).map_err(|ds| Failed::new(f, ds));
                cache.put(f, stamp, result.clone());
                result
            })
            .collect();
        collect_unique(results, RefKind::Narrative, self)
    }
}

/// How messages name a content kind.
fn kind_name(kind: RefKind) -> &'static str {
    match kind {
        RefKind::Kano => "Kano study",
        RefKind::Nps => "NPS series",
        other => other.as_str(),
    }
}

fn parse_narrative(f: &files::Found) -> Result<Item<Narrative>, Vec<Diagnostic>> {
    let file = Arc::new(f.read().map_err(|d| vec![d])?);
    let Some((fm, body, body_line)) = split_front_matter(&file.text) else {
        // It opens the front matter but never closes it: say that, not that there is none.
        let first = file.text.trim_start_matches('\u{feff}').lines().next().unwrap_or_default();
        let (message, help) = if first.trim_end() == "---" {
            (
                "the front matter opened by `---` on line 1 is never closed",
                "add a line `---` after the front matter's last key (e.g. after `title: …`)",
            )
        } else {
            ("a narrative must start with YAML front matter", "begin the file with `---`, a line `title: …`, and `---`")
        };
        return Err(vec![Diagnostic::error(Code::MissingContent, &file.rel, 1, 1, message).with_help(help)]);
    };
    let front = yaml::parse::<FrontMatter>(&file, fm, 2, "front matter")?;
    let headings = crate::markdown::headings(body);
    let narrative = Narrative { front, body: body.to_string(), body_line, headings };
    Ok(Item { id: f.id.clone(), file, data: Arc::new(narrative) })
}

/// Keeps the good items, reports the bad ones and duplicate ids.
fn collect_unique<T>(results: Vec<Result<Item<T>, Failed>>, kind: RefKind, kinds: &mut Kinds) -> Vec<Item<T>> {
    let what = kind_name(kind);
    let diags = &mut *kinds.diags;
    let mut items: Vec<Item<T>> = Vec::with_capacity(results.len());
    for r in results {
        match r {
            Ok(item) => items.push(item),
            Err(failed) => {
                diags.extend(failed.diags);
                kinds.unreadable.files.insert(failed.rel, (kind, failed.id.clone()));
                kinds.unreadable.ids.entry(kind).or_default().insert(failed.id);
            }
        }
    }
    // Sorted by id (stable: files with the same id stay in walk order), so
    // a repeated id follows the first file that has it.
    items.sort_by(|a, b| a.id.cmp(&b.id));
    let mut unique: Vec<Item<T>> = Vec::with_capacity(items.len());
    for item in items {
        match unique.last() {
            Some(first) if first.id == item.id => diags.push(
                Diagnostic::error(
                    Code::DuplicateId,
                    &item.file.rel,
                    1,
                    1,
                    format!("duplicate {what} id `{}`: also defined in {}", item.id, first.file.rel),
                )
                .with_help("ids are file stems and must be unique; rename one of the two files"),
            ),
            _ => unique.push(item),
        }
    }
    unique
}

/// A file at the project root that maps ids to entries (`biases.yaml`,
/// `sources.yaml`, or `.yml`): `NAME` is its stem, `kind` the kind of its ids.
fn load_register<T: DeserializeOwned>(
    root: &Path,
    name: &str,
    kind: RefKind,
    diags: &mut Diagnostics,
    unreadable: &mut Unreadable,
) -> Option<Item<BTreeMap<String, T>>> {
    let path = ["yaml", "yml"].iter().map(|ext| root.join(format!("{name}.{ext}"))).find(|p| p.exists())?;
    let file = match files::read_text(root, &path) {
        Ok(f) => Arc::new(f),
        Err(d) => {
            diags.push(d.file_unreadable());
            unreadable.whole.insert(kind);
            return None;
        }
    };
    if file.text.trim().is_empty() {
        return Some(Item { id: name.into(), file, data: Arc::new(BTreeMap::new()) });
    }
    let what = format!("{name}.yaml");
    match yaml::parse(&file, &file.text, 1, &what) {
        Ok(data) => Some(Item { id: name.into(), file, data: Arc::new(data) }),
        Err(ds) => {
            diags.extend(ds.into_iter().map(Diagnostic::file_unreadable));
            // The ids are the top-level keys; after a syntax error some may be missing, so any id might be one.
            let doc = positions::Doc::parse(&file.text);
            match doc.root.map(|r| &doc.nodes[r].1) {
                Some(positions::Node::Map(entries)) if doc.complete => {
                    let ids = entries.iter().filter_map(|(k, _)| doc.scalar(*k)).map(str::to_string);
                    unreadable.ids.entry(kind).or_default().extend(ids);
                }
                _ => {
                    unreadable.whole.insert(kind);
                }
            }
            None
        }
    }
}

/// Reads the CSV files that Kano studies and NPS series name.
fn load_tables(sources: &mut Sources, diags: &mut Diagnostics) {
    let mut wanted: Vec<(Arc<SourceFile>, Vec<Seg<'static>>, String)> = Vec::new();
    for k in &sources.kano {
        if let Some(p) = &k.data.responses {
            wanted.push((k.file.clone(), vec![Seg::Key("responses")], p.clone()));
        }
    }
    for n in &sources.nps {
        for (i, m) in n.data.measurements.iter().enumerate() {
            if let Some(p) = &m.scores {
                wanted.push((
                    n.file.clone(),
                    vec![Seg::Key("measurements"), Seg::Index(i), Seg::Key("scores")],
                    p.clone(),
                ));
            }
        }
    }
    // One position index per file, kept while its entries follow each other.
    let mut index: Option<(String, positions::Index)> = None;
    for (file, path, rel) in wanted {
        if sources.tables.contains_key(&rel) {
            continue;
        }
        match resolve_project_path(&sources.root, &rel) {
            Ok(abs) => match files::read_text(&sources.root, &abs) {
                Ok(table) => {
                    sources.tables.insert(rel, Arc::new(table));
                }
                Err(d) => diags.push(d.file_unreadable()),
            },
            Err(problem) => {
                if index.as_ref().is_none_or(|(f, _)| *f != file.rel) {
                    index = Some((file.rel.clone(), positions::Index::new(&file.text)));
                }
                let (l, c) = index.as_ref().map_or((1, 1), |(_, i)| i.locate(&path));
                diags.push(problem.diagnostic(&file.rel, l, c, &rel));
            }
        }
    }
}

#[cfg(test)]
mod cache_tests;
