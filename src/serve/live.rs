//! The site in memory, rebuilt on every change through the same pipeline
//! as `build` (load → link → analyse → render), re-rendering only the pages
//! a change can touch.

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::deps::{candidate_cards, candidate_pages, Key, Refs};
use crate::diagnostics::Diagnostic;
use crate::link::{LinkCache, Site};
use crate::load::{ParseCache, Sources};
use crate::model::RefKind;
use crate::render::{self, Page, Renderer};
use crate::{analysis, render_pages, site_files, Caches, Checked, Failure, Options, SiteFile};

/// One served version of the site.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Rendered pages and theme files: site path → bytes.
    pub pages: HashMap<String, Arc<Vec<u8>>>,
    /// Project files (assets, photos): site path → file on disk.
    pub files: HashMap<String, PathBuf>,
    /// The problems of the latest attempt; empty when it built.
    pub errors: Vec<Diagnostic>,
    /// Warnings of the last good build.
    pub warnings: Vec<Diagnostic>,
    /// Counts up with every successful rebuild.
    pub version: u64,
    /// Pages of this version still being rendered: a request for one waits
    /// (the pages open in a browser are rendered first, the rest after).
    pub pending: std::collections::HashSet<String>,
}

/// What one rebuild did, for the terminal line.
#[derive(Debug, Clone)]
pub struct Rebuilt {
    /// Pages rendered this time.
    pub rendered: usize,
    /// Pages in the site.
    pub total: usize,
    /// Whether everything was re-rendered (theme, config or first build).
    pub full: bool,
    /// Wall time.
    pub elapsed: Duration,
}

/// Everything that makes every page change when it changes.
#[derive(Debug, Clone, PartialEq)]
struct Globals {
    config: String,
    templates: Vec<(String, String)>,
    theme_static: Vec<(String, PathBuf)>,
    biases: Option<String>,
    /// How many entries `sources.yaml` has (every page's navigation and `site.counts`
    /// show it); an edited entry is an item change instead (see `changed_items`).
    sources: Option<usize>,
    /// Whether some evidence names a metaphor (metaphors.html and its navigation link exist).
    metaphors: bool,
    files: Vec<(String, String)>,
}

impl Globals {
    fn of(sources: &Sources, site: &Site) -> Globals {
        Globals {
            config: sources.config_file.text.clone(),
            templates: sources.templates.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
            theme_static: sources.theme_static.clone(),
            biases: sources.biases.as_ref().map(|b| b.file.text.clone()),
            sources: sources.sources.as_ref().map(|s| s.data.len()),
            metaphors: render::has_metaphors(site),
            files: site.files.iter().map(|(k, v)| (k.clone(), v.clone())).collect(),
        }
    }
}

/// The last good build: what the next rebuild can reuse.
struct Good {
    site: Site,
    refs: Refs,
    cards: HashMap<String, render::InsightParts>,
    charts: Charts,
    chapters: HashMap<String, Arc<str>>,
    tera: Arc<tera::Tera>,
    /// insights.html's filter choices.
    facets: serde_json::Value,
    globals: Globals,
}

/// The serve-side builder: keeps parsed files and the last good site.
pub struct Live {
    root: PathBuf,
    opts: Options,
    caches: Caches,
    good: Option<Good>,
    /// What is being served.
    pub snapshot: Snapshot,
}

impl Live {
    /// A builder for the project at `root`; nothing is built yet.
    pub fn new(root: &Path, opts: Options) -> Live {
        Live {
            root: root.to_path_buf(),
            opts,
            caches: Caches { parse: ParseCache::trusting_events(), checks: LinkCache::default() },
            good: None,
            snapshot: Snapshot::default(),
        }
    }

    /// Forgets what was parsed from these paths (files or folders that changed).
    pub fn forget(&self, paths: &BTreeSet<PathBuf>) {
        self.caches.parse.forget(paths.iter().map(PathBuf::as_path));
    }

    /// Forgets everything parsed (the watcher may have missed changes).
    pub fn forget_all(&self) {
        self.caches.parse.clear();
    }

    /// Rebuilds after a change. On content errors the previous site stays in
    /// the snapshot and the errors are recorded next to it.
    pub fn rebuild(&mut self) -> Result<Rebuilt, Vec<Diagnostic>> {
        self.rebuild_open_first(&BTreeSet::new(), &mut |_| {})
    }

    /// Rebuilds after a change like [`Live::rebuild`], rendering the pages in
    /// `open` (site paths shown in a browser) first: when some pages are left
    /// after those, `publish` gets the snapshot with the open pages fresh
    /// and the others [`Snapshot::pending`], so browsers can reload at once.
    pub fn rebuild_open_first(
        &mut self,
        open: &BTreeSet<String>,
        publish: &mut dyn FnMut(&Snapshot),
    ) -> Result<Rebuilt, Vec<Diagnostic>> {
        let start = Instant::now();
        match self.try_rebuild(start, open, publish) {
            Ok(r) => {
                self.snapshot.errors.clear();
                if !r.early {
                    self.snapshot.version += 1;
                }
                Ok(r.rebuilt)
            }
            Err(errors) => {
                self.snapshot.errors = errors.clone();
                self.snapshot.pending.clear();
                Err(errors)
            }
        }
    }

    fn try_rebuild(
        &mut self,
        start: Instant,
        open: &BTreeSet<String>,
        publish: &mut dyn FnMut(&Snapshot),
    ) -> Result<Finished, Vec<Diagnostic>> {
        // The same check as `build`, with what the last one parsed and found.
        let previous = self.good.as_ref().map(|g| &g.site);
        let checked =
            crate::check_with(&self.root, &self.opts, &self.caches, previous).map_err(Failure::into_diagnostics)?;
        let Checked { site, warnings, sources } = checked;
        let t = Instant::now();
        let results = analysis::analyse(&site);
        crate::timing("analyse", t);
        let globals = Globals::of(&sources, &site);
        let all_pages = render::pages(&site);

        // Decide what to render: everything, or the pages a change can touch.
        let t = Instant::now();
        // The last good state is taken apart here; a failed render below
        // only means the next rebuild renders everything again.
        let plan = match self.good.take().filter(|good| good.globals == globals) {
            Some(good) => Plan::after_change(good, &site),
            None => Plan::everything(&site, &all_pages),
        };
        crate::timing("what changed", t);
        let t = Instant::now();
        let card = |id: &str| match &plan.cards {
            Some((cards, dirty)) if !dirty.contains(id) => cards.get(id).cloned(),
            _ => None,
        };
        let reuse = render::Reuse {
            card: &card,
            charts: plan.charts,
            chapters: plan.chapters,
            tera: plan.tera,
            facets: plan.facets,
        };
        let renderer = Renderer::reusing(&site, &results, reuse).map_err(|d| d.to_vec())?;
        crate::timing("renderer", t);
        let full = plan.full;
        let mut pages_map = if full { HashMap::new() } else { std::mem::take(&mut self.snapshot.pages) };
        if plan.pages_may_be_gone {
            let live: BTreeSet<String> = all_pages.iter().map(|p| p.path(&site)).collect();
            pages_map.retain(|path, _| live.contains(path) || path.starts_with("static/"));
        }
        let render_into = |pages: &[Page], map: &mut HashMap<String, Arc<Vec<u8>>>| {
            render_pages(&renderer, &site, pages, &mut |path, html| {
                map.insert(path.to_string(), Arc::new(html.into_bytes()));
                Ok(())
            })
            .map_err(Failure::into_diagnostics)
        };
        // The pages open in a browser first (after an edit, not a full build):
        // the browsers reload while the rest is rendered.
        let (first, later): (Vec<Page>, Vec<Page>) =
            plan.pages.iter().cloned().partition(|p| full || open.contains(&p.path(&site)));
        let early = !full && !first.is_empty() && !later.is_empty();
        let rendered = render_into(if early { &first } else { &plan.pages }, &mut pages_map);
        let rendered = rendered.and_then(|()| {
            if early {
                let t = Instant::now();
                self.snapshot.pages = std::mem::take(&mut pages_map);
                self.snapshot.pending = later.iter().map(|p| p.path(&site)).collect();
                self.snapshot.errors.clear();
                self.snapshot.version += 1;
                publish(&self.snapshot);
                crate::timing("open pages out", t);
                pages_map = std::mem::take(&mut self.snapshot.pages);
                render_into(&later, &mut pages_map)?;
            }
            Ok(())
        });
        self.snapshot.pending.clear();
        if let Err(errors) = rendered {
            // Keep serving what there is (a failed page keeps its last version).
            if !full {
                self.snapshot.pages = pages_map;
            }
            return Err(errors);
        }

        let t = Instant::now();
        let count = plan.pages.len();
        // The files `build` writes besides the pages: theme files kept in
        // memory (read again on a full rebuild), project files read on request.
        let mut files = HashMap::new();
        for (path, source) in site_files(&site) {
            match source {
                SiteFile::Builtin(bytes) if full => {
                    pages_map.insert(path, Arc::new(bytes.to_vec()));
                }
                SiteFile::Theme(abs) if full => {
                    if let Ok(bytes) = crate::load::read_regular(&abs) {
                        pages_map.insert(path, Arc::new(bytes));
                    }
                }
                SiteFile::Builtin(_) | SiteFile::Theme(_) => {}
                SiteFile::Project(project) => {
                    files.insert(path, site.root.join(project));
                }
            }
        }
        self.snapshot.pages = pages_map;
        self.snapshot.files = files;
        self.snapshot.warnings = warnings;
        let cards = site.insights.iter().map(|i| i.id.clone()).zip(renderer.insight_parts()).collect();
        let charts = renderer.charts();
        let chapters = renderer.report_chapters();
        let facets = renderer.facets().clone();
        let tera = renderer.into_templates();
        self.good = Some(Good { site, refs: plan.refs, cards, charts, chapters, tera, facets, globals });
        crate::timing("keep", t);
        let rebuilt = Rebuilt { rendered: count, total: all_pages.len(), full, elapsed: start.elapsed() };
        Ok(Finished { rebuilt, early })
    }
}

/// A finished rebuild, and whether its version went out early (with pages pending).
struct Finished {
    rebuilt: Rebuilt,
    early: bool,
}

/// What a rebuild renders, and what it takes over from the last good build.
struct Plan {
    /// The outgoing references of every item, up to date.
    refs: Refs,
    /// The pages to render.
    pages: Vec<Page>,
    /// Insight cards of the last build, and the ids whose card must be rendered again.
    cards: Option<(HashMap<String, render::InsightParts>, BTreeSet<String>)>,
    /// Every chart, when no study or series changed.
    charts: Option<Charts>,
    /// report.html chapter bodies of the narratives not rendered again.
    chapters: HashMap<String, Arc<str>>,
    /// The parsed templates.
    tera: Option<Arc<tera::Tera>>,
    /// insights.html's filter choices, when no insight's facets changed.
    facets: Option<serde_json::Value>,
    /// Everything is rendered: the first build, or the theme, config or files changed.
    full: bool,
    /// An item was added or removed, or a journey's stages changed their ids
    /// (each stage has a mini-map file), so pages may have gone.
    pages_may_be_gone: bool,
}

type Charts = (Vec<render::charts::KanoCharts>, Vec<render::charts::NpsCharts>);

impl Plan {
    /// Render every page, reusing nothing.
    fn everything(site: &Site, all_pages: &[Page]) -> Plan {
        Plan {
            refs: Refs::of(site),
            pages: all_pages.to_vec(),
            cards: None,
            charts: None,
            chapters: HashMap::new(),
            tera: None,
            facets: None,
            full: true,
            pages_may_be_gone: false,
        }
    }

    /// Render the pages the items changed since `good` can touch, reusing the rest of `good`.
    fn after_change(good: Good, site: &Site) -> Plan {
        let t = Instant::now();
        let changed = changed_items(&good.site, site);
        crate::timing("changed items", t);
        let stage_ids =
            |s: &Site, id: &str| s.journey(id).map(|j| j.data.stages.iter().map(|x| x.id.clone()).collect::<Vec<_>>());
        let pages_may_be_gone = changed.iter().any(|k| {
            !good.site.has(k.0, &k.1)
                || !site.has(k.0, &k.1)
                || (k.0 == RefKind::Journey && stage_ids(&good.site, &k.1) != stage_ids(site, &k.1))
        });
        let mut refs = good.refs;
        let before = refs.update(site, &changed);
        let dirty = candidate_cards(&refs, &changed);
        let t = Instant::now();
        let pages = candidate_pages(site, &refs, &before, &changed, !dirty.is_empty());
        crate::timing("pages to render", t);
        let kano_or_nps = changed.iter().any(|k| matches!(k.0, RefKind::Kano | RefKind::Nps));
        let charts = (!kano_or_nps).then_some(good.charts);
        let redo: BTreeSet<&str> = pages
            .iter()
            .filter_map(|p| match p {
                Page::Narrative(i) => Some(site.narratives[*i].id.as_str()),
                _ => None,
            })
            .collect();
        let mut chapters = good.chapters;
        chapters.retain(|id, _| !redo.contains(id.as_str()));
        // Counting the filter choices takes ~15 ms with 10k insights: only when they can differ
        // (with `since`, any edit may make an insight "changed" or not).
        let facets = site.changes.is_none()
            && changed.iter().all(|k| {
                k.0 == RefKind::Insight
                    && match (good.site.insight(&k.1), site.insight(&k.1)) {
                        (Some(old), Some(new)) => render::search::same_facets(&old.data, &new.data),
                        _ => false,
                    }
            });
        let facets = facets.then_some(good.facets);
        Plan {
            refs,
            pages,
            cards: Some((good.cards, dirty)),
            charts,
            chapters,
            tera: Some(good.tera),
            facets,
            full: false,
            pages_may_be_gone,
        }
    }
}

/// Items added, removed or edited between two builds. An item counts as
/// unchanged when it still shares its source text with the earlier build
/// (the parse cache hands out the same text for an untouched file).
fn changed_items(old: &Site, new: &Site) -> BTreeSet<Key> {
    let mut changed = BTreeSet::new();
    // Lookups through the sites' indexes: no maps built per rebuild.
    macro_rules! diff_kind {
        ($kind:expr, $field:ident) => {{
            for it in &new.$field {
                match old.position($kind, &it.id).and_then(|i| old.$field.get(i)) {
                    // Same text: a `touch` or an identical save changes nothing.
                    Some(o) if Arc::ptr_eq(&o.file, &it.file) || o.file.text == it.file.text => {}
                    _ => {
                        changed.insert(($kind, it.id.clone()));
                    }
                }
            }
            for it in old.$field.iter().filter(|it| !new.has($kind, &it.id)) {
                changed.insert(($kind, it.id.clone()));
            }
        }};
    }
    diff_kind!(RefKind::Insight, insights);
    diff_kind!(RefKind::Persona, personas);
    diff_kind!(RefKind::Journey, journeys);
    diff_kind!(RefKind::Kano, kano);
    diff_kind!(RefKind::Nps, nps);
    diff_kind!(RefKind::Narrative, narratives);
    // Entries of sources.yaml, compared as data (the file is one item).
    let entry = |s: &Site, id: &str| s.research_source(id).and_then(|e| serde_json::to_string(e).ok());
    let ids = |s: &Site| s.sources.iter().flat_map(|r| r.data.keys().cloned()).collect::<BTreeSet<String>>();
    for id in ids(old).union(&ids(new)) {
        if entry(old, id) != entry(new, id) {
            changed.insert((RefKind::Source, id.clone()));
        }
    }
    // CSV files are not items: compare what was read from them.
    for k in &new.kano {
        let of = |s: &Site| {
            s.kano_csv.iter().filter(|((study, _), _)| *study == k.id).map(|(f, t)| (f.clone(), *t)).collect::<Vec<_>>()
        };
        if of(old) != of(new) {
            changed.insert((RefKind::Kano, k.id.clone()));
        }
    }
    for n in &new.nps {
        let of = |s: &Site| {
            s.nps_scores
                .iter()
                .filter(|((series, _), _)| *series == n.id)
                .map(|(k, v)| (k.1, v.clone()))
                .collect::<Vec<_>>()
        };
        if of(old) != of(new) {
            changed.insert((RefKind::Nps, n.id.clone()));
        }
    }
    changed
}

/// The page list of a site by path, for tests and tools.
pub fn page_paths(site: &Site) -> Vec<String> {
    render::pages(site).iter().map(|p: &Page| p.path(site)).collect()
}
