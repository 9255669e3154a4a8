//! Step 2 of the pipeline: check every reference and build the immutable
//! [`Site`] model with its back-links. All problems go to `Diagnostics`.

mod backlinks;
mod biases;
mod checks;
pub mod client;
pub mod graph;
mod local;
pub(crate) mod tables;

use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::path::{Path, PathBuf};

use crate::config::Config;
use crate::diagnostics::{unknown_id_help, Code, Diagnostic, Diagnostics};
use crate::load::{Sources, Unreadable};
use crate::model::bias::Bias;
use crate::model::{
    kano::Tally, Insight, Item, Journey, KanoStudy, Narrative, NpsSeries, Persona, RefKind, Register, Status,
};

pub use backlinks::Backlinks;
use client::Presence;
pub use local::Local;

/// Options of a build that change what the site contains.
#[derive(Debug, Clone, Copy, Default)]
pub struct LinkOptions {
    /// Include `status: draft` insights and narratives.
    pub drafts: bool,
    /// Include material marked `internal: true` (a team build). Without it,
    /// internal insights, personas, chapters and evidence items are left out
    /// of the [`Site`] here, once, so that no later stage can show them.
    pub internal: bool,
}

/// Where an insight sits on a journey map.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct StepRef {
    /// Journey id.
    pub journey: String,
    /// Stage index in the journey.
    pub stage: usize,
    /// Step index in the stage.
    pub step: usize,
}

/// The checked, linked project: everything rendering needs.
#[derive(Debug, Clone)]
pub struct Site {
    /// The project folder.
    pub root: PathBuf,
    /// `cxsite.yaml`.
    pub config: Config,
    /// Whether drafts are included.
    pub drafts: bool,
    /// Whether internal material is included (`--internal`): pages then
    /// carry a banner and internal items a marker. Without it the site holds
    /// no internal item and the texts are redacted (`redact:`).
    pub internal: bool,
    /// Insights in the site, in list order (see [`insight_order`]).
    pub insights: Vec<Item<Insight>>,
    /// Personas, sorted by id.
    pub personas: Vec<Item<Persona>>,
    /// Journeys, sorted by id.
    pub journeys: Vec<Item<Journey>>,
    /// Kano studies, sorted by id.
    pub kano: Vec<Item<KanoStudy>>,
    /// NPS series, sorted by id.
    pub nps: Vec<Item<NpsSeries>>,
    /// Narratives in the site, in report order (order, then title).
    pub narratives: Vec<Item<Narrative>>,
    /// Biases (built-in and project), sorted by id.
    pub biases: Vec<Bias>,
    /// `sources.yaml`, the register of research sources, when the project has one
    /// (then every evidence `source` is one of its ids).
    pub sources: Option<Item<Register>>,
    /// Reverse references.
    pub backlinks: std::sync::Arc<Backlinks>,
    /// Answer tallies from responses CSVs: (study id, feature id) → tally.
    pub kano_csv: BTreeMap<(String, String), Tally>,
    /// Raw scores from scores CSVs: (series id, measurement index) → scores.
    pub nps_scores: BTreeMap<(String, usize), Vec<u8>>,
    /// Project files to copy into the site: project-relative path → site path.
    pub files: BTreeMap<String, String>,
    /// Template overrides by name.
    pub templates: BTreeMap<String, String>,
    /// Static files of a custom theme.
    pub theme_static: Vec<(String, PathBuf)>,
    index: HashMap<RefKind, HashMap<String, usize>>,
    /// Content files with a page (`narratives/a.md`), for relative links.
    pages_by_file: local::PagesByFile,
    /// What changed since the earlier delivery (`since:` / `--since`), found by [`crate::check`].
    pub changes: Option<std::sync::Arc<crate::delivery::Changes>>,
}

impl Site {
    /// Position of an item of `kind` with `id` in its list, if it is in the site.
    pub fn position(&self, kind: RefKind, id: &str) -> Option<usize> {
        self.index.get(&kind).and_then(|ids| ids.get(id)).copied()
    }

    /// Is there a page (or anchor) for `kind:id`?
    pub fn has(&self, kind: RefKind, id: &str) -> bool {
        self.position(kind, id).is_some()
    }

    /// An insight by id.
    pub fn insight(&self, id: &str) -> Option<&Item<Insight>> {
        self.position(RefKind::Insight, id).map(|i| &self.insights[i])
    }

    /// A persona by id.
    pub fn persona(&self, id: &str) -> Option<&Item<Persona>> {
        self.position(RefKind::Persona, id).map(|i| &self.personas[i])
    }

    /// A journey by id.
    pub fn journey(&self, id: &str) -> Option<&Item<Journey>> {
        self.position(RefKind::Journey, id).map(|i| &self.journeys[i])
    }

    /// A bias by id.
    pub fn bias(&self, id: &str) -> Option<&Bias> {
        self.position(RefKind::Bias, id).map(|i| &self.biases[i])
    }

    /// A narrative by id.
    pub fn narrative(&self, id: &str) -> Option<&Item<Narrative>> {
        self.position(RefKind::Narrative, id).map(|i| &self.narratives[i])
    }

    /// Where a path written in the Markdown of `file` (project-relative)
    /// leads: a published file or a page; `None` when nowhere.
    pub fn local(&self, file: &str, path: &str) -> Option<Local> {
        local::resolve(&self.files, &self.pages_by_file, file, path)
    }

    /// What an evidence item's `source` shows: the source's title when
    /// `sources.yaml` has that id, the text as written otherwise.
    pub fn source_label<'a>(&'a self, source: &'a str) -> &'a str {
        self.research_source(source).map_or(source, |s| s.title.as_str())
    }

    /// The entry of `sources.yaml` with this id, if the project has the file and the id.
    pub fn research_source(&self, id: &str) -> Option<&crate::model::ResearchSource> {
        self.sources.as_ref()?.data.get(id)
    }

    /// Site path (from the site root) of a project file such as a photo.
    pub fn file_url(&self, project_rel: &str) -> Option<&str> {
        self.files.get(&crate::load::normalise_project_rel(project_rel)).map(String::as_str)
    }
}

/// What exists in the project (drafts included), for reference checks.
pub(crate) struct Known<'a> {
    /// kind → id → included in the site, or why not?
    ids: BTreeMap<RefKind, BTreeMap<&'a str, Presence<'a>>>,
    journeys: BTreeMap<&'a str, &'a Journey>,
    /// The project folder, to tell a missing file from an unpublished one.
    root: &'a Path,
    /// Published files: project-relative path → site path.
    files: &'a BTreeMap<String, String>,
    /// Content files with a page.
    pages: &'a local::PagesByFile,
    /// Each chapter's headings, for `#anchor`s.
    headings: BTreeMap<&'a str, &'a [crate::markdown::Heading]>,
    /// Files that exist but could not be read: references to them are not
    /// checked (their own errors are reported instead).
    pub(crate) unreadable: &'a Unreadable,
    /// Raw HTML is kept (`allow_html`): what it loads from outside is reported.
    raw_html: bool,
    /// `sources.yaml`: evidence inherits its sources' types.
    pub(crate) register: Option<&'a Register>,
    /// Whether the site has a mindmap (insights) and a metaphor map (evidence naming a metaphor).
    views: (bool, bool),
}

impl<'a> Known<'a> {
    /// Whether the view page `page` (`mindmap`, `metaphors`) is in the site.
    pub(crate) fn has_view(&self, page: &str) -> bool {
        match page {
            "mindmap" => self.views.0,
            "metaphors" => self.views.1,
            _ => true,
        }
    }

    fn ids(&self, kind: RefKind) -> impl Iterator<Item = &'a str> + Clone + '_ {
        self.ids.get(&kind).into_iter().flat_map(|m| m.keys().copied())
    }

    /// Checks one reference; `at` computes the position only when needed.
    /// Returns true when the target is in the site.
    pub(crate) fn check(
        &self,
        kind: RefKind,
        id: &str,
        file: &str,
        at: impl FnOnce() -> (usize, usize),
        diags: &mut Diagnostics,
    ) -> bool {
        if kind == RefKind::Source && !self.ids.contains_key(&kind) {
            return false; // without sources.yaml, `source` is free text
        }
        match self.ids.get(&kind).and_then(|m| m.get(id)) {
            Some(Presence::InSite) => true,
            Some(Presence::Internal(target)) => {
                let (l, c) = at();
                diags.push(client::internal_ref(kind, id, target, file, l, c));
                false
            }
            Some(Presence::Draft) => {
                let (l, c) = at();
                diags.push(
                    Diagnostic::warning(
                        Code::Unfinished,
                        file,
                        l,
                        c,
                        format!(
                            "{} `{id}` is a draft and left out of the site; the reference shows as plain text",
                            kind.as_str()
                        ),
                    )
                    .with_help("build with --drafts to include drafts, or remove the reference"),
                );
                false
            }
            None if self.unreadable.covers(kind, id) => false,
            None => {
                let (l, c) = at();
                diags.push(
                    Diagnostic::error(Code::UnknownRef, file, l, c, format!("unknown {} `{id}`", kind.as_str()))
                        .with_help(unknown_id_help(kind.as_str(), id, self.ids(kind))),
                );
                false
            }
        }
    }

    /// A hash of every known id (with its in-the-site flag) and every
    /// journey's stage ids: what an insight's or a chapter's checks depend on besides its own text.
    pub(crate) fn fingerprint(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        for (kind, ids) in &self.ids {
            kind.hash(&mut h);
            for (id, inc) in ids {
                id.hash(&mut h);
                inc.hash(&mut h);
            }
        }
        for (id, j) in &self.journeys {
            id.hash(&mut h);
            for s in &j.stages {
                s.id.hash(&mut h);
            }
        }
        // Markdown in an insight may point at files and at chapter headings.
        self.files.hash(&mut h);
        self.pages.hash(&mut h);
        self.raw_html.hash(&mut h);
        self.views.hash(&mut h);
        for (id, hs) in &self.headings {
            id.hash(&mut h);
            // An anchor may also match a heading without an id by its text.
            hs.iter().for_each(|x| (&x.id, &x.text).hash(&mut h));
        }
        self.unreadable.hash(&mut h);
        // Evidence inherits the type of its source.
        for (id, s) in self.register.into_iter().flatten() {
            (id, s.kind.map(|k| k as u8)).hash(&mut h);
        }
        h.finish()
    }

    /// The journey with this id, drafts aside (journeys have no drafts).
    pub(crate) fn journey(&self, id: &str) -> Option<&'a Journey> {
        self.journeys.get(id).copied()
    }
}

/// Checks every reference of `sources` and builds the site model.
pub fn link(sources: &Sources, opts: LinkOptions, diags: &mut Diagnostics) -> Site {
    link_cached(sources, opts, None, None, diags)
}

/// Problems of single insights kept between links (by `serve`): an insight
/// whose source and whose world of known ids are unchanged is not checked again.
#[derive(Default)]
pub struct LinkCache {
    entries: std::sync::RwLock<HashMap<String, CachedChecks>>,
    /// The Kano answers and NPS scores read from the project's CSV files, with the files they were read from.
    tables: tables::TableCache,
}

type CachedChecks = (std::sync::Arc<crate::model::SourceFile>, u64, Vec<Diagnostic>);

impl LinkCache {
    fn get(&self, file: &std::sync::Arc<crate::model::SourceFile>, universe: u64) -> Option<Vec<Diagnostic>> {
        let map = self.entries.read().ok()?;
        let (f, u, found) = map.get(&file.rel)?;
        (std::sync::Arc::ptr_eq(f, file) && *u == universe).then(|| found.clone())
    }

    fn put(&self, file: &std::sync::Arc<crate::model::SourceFile>, universe: u64, found: Vec<Diagnostic>) {
        if let Ok(mut map) = self.entries.write() {
            map.insert(file.rel.clone(), (file.clone(), universe, found));
        }
    }
}

/// Like [`link`], reusing the checks of unchanged insights from `cache`.
pub fn link_cached<'s>(
    sources: &'s Sources,
    opts: LinkOptions,
    cache: Option<&LinkCache>,
    previous: Option<&Site>,
    diags: &mut Diagnostics,
) -> Site {
    let t = std::time::Instant::now();
    let biases = biases::merge(sources, diags);
    let included = |s: Status| opts.drafts || s != Status::Draft;
    let hidden = |internal: bool| internal && !opts.internal;
    let presence = |status: Status, internal: bool, file: &'s str| match () {
        _ if hidden(internal) => Presence::Internal(file),
        _ if included(status) => Presence::InSite,
        _ => Presence::Draft,
    };

    let mut ids: BTreeMap<RefKind, BTreeMap<&str, Presence>> = BTreeMap::new();
    let insight_ids =
        sources.insights.iter().map(|i| (i.id.as_str(), presence(i.data.status, i.data.internal, &i.file.rel)));
    ids.insert(RefKind::Insight, insight_ids.collect());
    let narrative_ids = sources.narratives.iter().map(|n| {
        let front = &n.data.front;
        (n.id.as_str(), presence(front.status, front.internal, &n.file.rel))
    });
    ids.insert(RefKind::Narrative, narrative_ids.collect());
    let persona_ids =
        sources.personas.iter().map(|p| (p.id.as_str(), presence(Status::Final, p.data.internal, &p.file.rel)));
    ids.insert(RefKind::Persona, persona_ids.collect());
    let in_site = Presence::InSite;
    ids.insert(RefKind::Journey, sources.journeys.iter().map(|j| (j.id.as_str(), in_site)).collect());
    ids.insert(RefKind::Kano, sources.kano.iter().map(|k| (k.id.as_str(), in_site)).collect());
    ids.insert(RefKind::Nps, sources.nps.iter().map(|n| (n.id.as_str(), in_site)).collect());
    ids.insert(RefKind::Bias, biases.iter().map(|b| (b.id.as_str(), in_site)).collect());
    if let Some(register) = &sources.sources {
        ids.insert(RefKind::Source, register.data.keys().map(|id| (id.as_str(), in_site)).collect());
    }
    crate::timing("link: ids", t);
    let files = checks::project_files(sources, diags);
    let pages_by_file = local::pages_by_file(sources);
    // The mindmap needs an insight in the site, the metaphor map evidence that names a metaphor.
    let mut insights_in_site =
        sources.insights.iter().filter(|i| included(i.data.status) && !hidden(i.data.internal)).peekable();
    let views = (
        insights_in_site.peek().is_some(),
        insights_in_site.any(|i| i.data.evidence.iter().any(|e| e.metaphor.is_some())),
    );
    let known = Known {
        ids,
        journeys: sources.journeys.iter().map(|j| (j.id.as_str(), &*j.data)).collect(),
        root: &sources.root,
        files: &files,
        pages: &pages_by_file,
        headings: sources.narratives.iter().map(|n| (n.id.as_str(), n.data.headings.as_slice())).collect(),
        unreadable: &sources.unreadable,
        raw_html: sources.config.allow_html,
        register: sources.sources.as_ref().map(|r| &*r.data),
        views,
    };

    crate::timing("link: known", t);
    let t = std::time::Instant::now();
    checks::insights(&sources.insights, &known, cache, diags);
    crate::timing("link: insights", t);
    let t = std::time::Instant::now();
    checks::personas(&sources.personas, &known, diags);
    crate::timing("link: personas", t);
    checks::journeys(&sources.journeys, &known, diags);
    checks::narratives(&sources.narratives, &known, cache, diags);
    if let Some(register) = &sources.sources {
        checks::register(register, &known, diags);
    }
    let chapter_in = |n: &Item<Narrative>| included(n.data.front.status) && !hidden(n.data.front.internal);
    let in_site: Vec<_> = sources.narratives.iter().filter(|n| chapter_in(n)).collect();
    local::duplicate_heading_ids(&in_site, &known, diags);
    checks::kano_features(&sources.kano, &known, diags);
    crate::timing("link: chapters", t);
    let (kano_csv, nps_scores) = tables::read_cached(sources, cache.map(|c| &c.tables), diags);
    checks::kano_answers(&sources.kano, &kano_csv, diags);
    checks::nps_measurements(&sources.nps, &known, &nps_scores, diags);

    crate::timing("link: others", t);
    let t = std::time::Instant::now();
    // In parallel: at 10k insights the order's keys and the sort are some 10 ms of every save in `serve`.
    let mut insights: Vec<_> = sources
        .insights
        .par_iter()
        .filter(|i| included(i.data.status) && !hidden(i.data.internal))
        .map(|i| if opts.internal { i.clone() } else { client::without_internal_evidence(i) })
        .collect();
    insights.par_sort_by_cached_key(insight_order);
    let mut narratives: Vec<_> = sources.narratives.iter().filter(|n| chapter_in(n)).cloned().collect();
    let personas: Vec<_> = sources.personas.iter().filter(|p| !hidden(p.data.internal)).cloned().collect();
    let (journeys, kano, nps) = (sources.journeys.clone(), sources.kano.clone(), sources.nps.clone());
    client::check_terms(sources, &files, !opts.internal, diags);
    narratives.sort_by(|a, b| {
        let key =
            |n: &Item<Narrative>| (n.data.front.order.unwrap_or(i64::MAX), n.data.front.title.clone(), n.id.clone());
        key(a).cmp(&key(b))
    });

    crate::timing("link: copy", t);
    let t = std::time::Instant::now();
    let mut index = HashMap::new();
    let mut add = |kind: RefKind, ids: Vec<&String>| {
        for (i, id) in ids.into_iter().enumerate() {
            index.entry(kind).or_insert_with(HashMap::new).insert(id.clone(), i);
        }
    };
    add(RefKind::Insight, insights.iter().map(|x| &x.id).collect());
    add(RefKind::Persona, personas.iter().map(|x| &x.id).collect());
    add(RefKind::Journey, journeys.iter().map(|x| &x.id).collect());
    add(RefKind::Kano, kano.iter().map(|x| &x.id).collect());
    add(RefKind::Nps, nps.iter().map(|x| &x.id).collect());
    add(RefKind::Narrative, narratives.iter().map(|x| &x.id).collect());
    add(RefKind::Bias, biases.iter().map(|x| &x.id).collect());
    if let Some(register) = &sources.sources {
        add(RefKind::Source, register.data.keys().collect());
    }

    let mut site = Site {
        root: sources.root.clone(),
        config: sources.config.clone(),
        drafts: opts.drafts,
        internal: opts.internal,
        insights,
        personas,
        journeys,
        kano,
        nps,
        narratives,
        biases,
        sources: sources.sources.clone(),
        backlinks: Default::default(),
        kano_csv,
        nps_scores,
        files,
        templates: sources.templates.clone(),
        theme_static: sources.theme_static.clone(),
        index,
        pages_by_file,
        changes: None,
    };
    crate::timing("link: index", t);
    let t = std::time::Instant::now();
    if !opts.internal {
        client::clean(&mut site, diags);
    }
    crate::timing("link: clean", t);
    let t = std::time::Instant::now();
    site.backlinks = match previous.and_then(|old| backlinks::reused(old, &site)) {
        Some(same) => same,
        None => std::sync::Arc::new(backlinks::of(&site)),
    };
    crate::timing("link: backlinks", t);
    site
}

/// The order of insight lists: impact (high first), then confidence (high
/// first), then title (ignoring case), then id.
pub fn insight_order(i: &Item<Insight>) -> (crate::model::Level, crate::model::Level, String, String) {
    (i.data.impact, i.data.confidence, i.data.title.to_lowercase(), i.id.clone())
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::*;
    use crate::model::SourceFile;

    fn insight(id: &str, yaml: &str) -> Item<Insight> {
        let text = format!("summary: s\n{yaml}");
        let data: Insight = serde_yaml::from_str(&text).unwrap_or_else(|e| panic!("{id}: {e}"));
        Item {
            id: id.into(),
            file: Arc::new(SourceFile { rel: format!("insights/{id}.yaml"), text }),
            data: Arc::new(data),
        }
    }

    #[test]
    fn insights_order_by_impact_then_confidence_then_title() {
        let mut v = [
            insight("a-low", "title: Alpha\nimpact: low\nconfidence: high"),
            insight("b-default", "title: Beta"), // medium, medium
            insight("c-zulu", "title: zulu\nimpact: high\nconfidence: low"),
            insight("d-apple", "title: Apple\nimpact: high\nconfidence: low"),
            insight("e-banana", "title: banana\nimpact: high\nconfidence: low"),
            insight("f-sure", "title: Sure\nimpact: high\nconfidence: high"),
            insight("g-mid", "title: Mid\nimpact: medium\nconfidence: high"),
        ];
        v.sort_by_cached_key(insight_order);
        let ids: Vec<&str> = v.iter().map(|i| i.id.as_str()).collect();
        // High impact first (sure before the three unsure ones, those by title
        // ignoring case: Apple, banana, zulu), then medium (g before the default), then low.
        assert_eq!(ids, ["f-sure", "d-apple", "e-banana", "c-zulu", "g-mid", "b-default", "a-low"]);
    }
}
