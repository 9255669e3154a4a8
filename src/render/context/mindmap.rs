//! mindmap.html, the persona page's map and the `{{ mindmap() }}` embed: the
//! study at the centre, its branches (journey stages by default; `mindmap:
//! {branches: tags | personas | biases}` in cxsite.yaml) and the insights as
//! leaves, coloured by impact and marked by confidence.
//!
//! An insight goes on the branch of its own `journey` + `stage` (as the stage
//! filter of insights.html does), of each of its tags, personas or biases;
//! one with none of them on "Other".
//!
//! A map has a budget ([`STUDY`]; a persona's map the smaller [`PERSONA`]) so
//! that a study of 10 000 insights still makes a small, fast page while every
//! leaf keeps its own row and its full-size text: beyond the budget's number
//! of branches the smallest are folded into one "N more branches"; each
//! branch shows its strongest insights (the order of insights.html), at most
//! [`MAX_LEAVES`] and fewer when there are many branches, and then "+ N
//! more", a link to insights.html filtered to the branch.

use serde::Serialize;

use super::coverage::enc;
use crate::config::Branches;
use crate::i18n;
use crate::link::Site;
use crate::model::{Insight, Item, Level, RefKind};
use crate::render::charts::mindmap as chart;

/// Leaves shown per branch, at most; the rest are "+ N more".
pub const MAX_LEAVES: usize = 12;
/// Leaves shown per branch when the rows run short, at least.
pub const MIN_LEAVES: usize = 3;

/// How much one map may show.
pub struct Budget {
    /// Branches, "Other" not counted; the smallest beyond are folded into one.
    pub branches: usize,
    /// Leaf rows to share among the branches ([`MIN_LEAVES`]..=[`MAX_LEAVES`] each).
    pub rows: usize,
}

/// The budget of the study's map (mindmap.html, `{{ mindmap() }}`).
pub const STUDY: Budget = Budget { branches: 20, rows: 96 };
/// The budget of a persona's map (its page, `{{ mindmap(persona="…") }}`).
pub const PERSONA: Budget = Budget { branches: 8, rows: 32 };

/// The context of mindmap.html.
#[derive(Serialize)]
pub struct MindmapContext<'a> {
    /// "Mindmap".
    pub page_title: &'static str,
    /// The map of the whole study.
    pub map: Mindmap<'a>,
}

/// One map: its drawing and the same structure as a list.
#[derive(Serialize)]
pub struct Mindmap<'a> {
    /// A page-unique id (`mindmap`, `mindmap-PERSONA`, `mindmap-e2` in a chapter).
    pub id: String,
    /// What the centre says: the study's title, or the persona's name.
    pub centre: &'a str,
    /// `stages`, `tags`, `personas` or `biases`.
    pub kind: &'static str,
    /// "Branches: journey stages", in the site's language.
    pub kind_label: &'static str,
    /// The branches, in a fixed order ("Other" last).
    pub branches: Vec<Branch<'a>>,
    /// Distinct insights on the map (shown or behind "more").
    pub insights: usize,
    /// The drawing: an SVG at 1:1, leaves and "more" rows linking like the list.
    pub svg: String,
    /// Rows of the drawing; above [`chart::PRINT_ROWS`] it prints as the list, in columns.
    pub rows: usize,
    /// The drawing is too tall for one printed page: print the list instead.
    pub print_as_list: bool,
}

/// One branch of a map.
#[derive(Serialize)]
pub struct Branch<'a> {
    /// Its name (a stage, tag, persona or bias; "Other").
    pub label: String,
    /// The journey of a stage branch when the study has several journeys, else null.
    pub journey: Option<&'a str>,
    /// The leaves shown, strongest first.
    pub leaves: Vec<Leaf<'a>>,
    /// Insights of the branch not shown (0 when all are).
    pub more: usize,
    /// insights.html filtered to this branch (site-relative), when `more` is not 0.
    pub more_url: Option<String>,
}

/// One insight on a branch.
#[derive(Serialize)]
pub struct Leaf<'a> {
    /// The insight's id.
    pub id: &'a str,
    /// Its full title.
    pub title: &'a str,
    /// Its page, site-relative.
    pub url: String,
    /// `high`, `medium` or `low`.
    pub impact: &'static str,
    /// `high`, `medium` or `low`.
    pub confidence: &'static str,
}

/// Whether the site has a mindmap: mindmap.html exists (and is in the navigation) when some insight does.
pub fn has_any(site: &Site) -> bool {
    !site.insights.is_empty()
}

/// The context of mindmap.html; `root` leads from the page to the site root.
pub fn page<'a>(site: &'a Site, root: &str, page_title: &'static str) -> MindmapContext<'a> {
    MindmapContext { page_title, map: build(site, root, "mindmap", None) }
}

/// The map of `site`, or of the insights of `persona` only; `id` is unique on
/// the page, `root` leads from the page to the site root.
pub fn build<'a>(site: &'a Site, root: &str, id: &str, persona: Option<&'a str>) -> Mindmap<'a> {
    let kind = site.config.mindmap.branches;
    let lang = site.config.language;
    let centre: &str = match persona.and_then(|p| site.persona(p)) {
        Some(p) => &p.data.name,
        None => &site.config.title,
    };
    // A persona's insights from the backlinks (in list order), not a walk over every insight per persona.
    let insights: Vec<&Item<Insight>> = match persona {
        Some(p) => site
            .backlinks
            .persona_insights
            .get(p)
            .map(|ids| ids.iter().filter_map(|id| site.insight(id)).collect())
            .unwrap_or_default(),
        None => site.insights.iter().collect(),
    };
    let mut branches = group(site, kind, &insights);
    let other_key = Key { order: (usize::MAX, usize::MAX), label: i18n::label(lang, "mindmap_other").to_string() };
    let mut filed: Vec<Branch> = Vec::new();
    branches.sort_by_cached_key(|b| (b.0.order, b.0.label.to_lowercase()));
    let budget = if persona.is_some() { &PERSONA } else { &STUDY };
    let branches = fold(branches, budget.branches, lang);
    let other = other(&insights, site, kind, other_key);
    let cap = (budget.rows / (branches.len() + usize::from(other.is_some())).max(1)).clamp(MIN_LEAVES, MAX_LEAVES);
    for (key, filter, journey, members) in branches.into_iter().chain(other) {
        let more = members.len().saturating_sub(cap);
        let mut hash = persona.map(|p| format!("persona={}", enc(p))).into_iter().chain(filter).collect::<Vec<_>>();
        hash.dedup();
        filed.push(Branch {
            label: key.label,
            journey,
            leaves: members.iter().take(cap).map(|i| leaf(i)).collect(),
            more,
            more_url: (more > 0).then(|| match hash.is_empty() {
                true => "insights.html".to_string(),
                false => format!("insights.html#{}", hash.join("&")),
            }),
        });
    }
    let rows = chart::rows(&filed);
    let kind_label = i18n::label(lang, by_key(kind));
    let svg =
        chart::draw(&chart::Input { id, root, centre, branches: &filed, lang, count: insights.len(), kind_label });
    Mindmap {
        id: id.to_string(),
        centre,
        kind: kind.as_str(),
        kind_label,
        insights: insights.len(),
        branches: filed,
        svg,
        rows,
        print_as_list: rows > chart::PRINT_ROWS,
    }
}

/// Keeps the `max - 1` largest of `branches` (in their order) and folds the
/// rest into one last branch, "N more branches", when there are more than `max`.
fn fold<'a>(branches: Vec<Group<'a>>, max: usize, lang: crate::config::Language) -> Vec<Group<'a>> {
    if branches.len() <= max {
        return branches;
    }
    let mut by_size: Vec<usize> = (0..branches.len()).collect();
    by_size.sort_by_key(|&i| std::cmp::Reverse(branches[i].3.len()));
    let kept: std::collections::BTreeSet<usize> = by_size[..max - 1].iter().copied().collect();
    let (mut out, mut rest, mut folded) = (Vec::with_capacity(max), Vec::new(), 0usize);
    for (i, b) in branches.into_iter().enumerate() {
        if kept.contains(&i) {
            out.push(b);
        } else {
            folded += 1;
            rest.extend(b.3);
        }
    }
    rest.sort_by_cached_key(|i| crate::link::insight_order(i));
    rest.dedup_by(|a, b| a.id == b.id);
    let label = i18n::label(lang, "mindmap_more_branches").replace("{n}", &folded.to_string());
    out.push((Key { order: (usize::MAX - 1, 0), label }, None, None, rest));
    out
}

/// The label key of a branch kind.
fn by_key(kind: Branches) -> &'static str {
    match kind {
        Branches::Stages => "mindmap_by_stages",
        Branches::Tags => "mindmap_by_tags",
        Branches::Personas => "mindmap_by_personas",
        Branches::Biases => "mindmap_by_biases",
    }
}

/// How branches sort: a position (journey, stage; persona; bias) and the label.
struct Key {
    order: (usize, usize),
    label: String,
}

/// A branch before it is laid out: its key, the insights.html filter
/// (`stage=j/s`), the journey of a stage, and its insights in list order.
type Group<'a> = (Key, Option<String>, Option<&'a str>, Vec<&'a Item<Insight>>);

/// The named branches of `kind` over `insights` (unsorted).
fn group<'a>(site: &'a Site, kind: Branches, insights: &[&'a Item<Insight>]) -> Vec<Group<'a>> {
    let mut out: Vec<Group<'a>> = Vec::new();
    // Branch by filter: a lookup, not a scan of the branches for every insight.
    let mut index: std::collections::HashMap<Option<String>, usize> = std::collections::HashMap::new();
    let several_journeys = site.journeys.len() > 1;
    for it in insights {
        for (key, filter, journey) in names(site, kind, it, several_journeys) {
            match index.get(&filter) {
                Some(&g) => out[g].3.push(it),
                None => {
                    index.insert(filter.clone(), out.len());
                    out.push((key, filter, journey, vec![it]));
                }
            }
        }
    }
    out
}

/// The branches `it` belongs to: key, filter and journey of each.
fn names<'a>(
    site: &'a Site,
    kind: Branches,
    it: &'a Item<Insight>,
    several_journeys: bool,
) -> Vec<(Key, Option<String>, Option<&'a str>)> {
    let d = &it.data;
    match kind {
        Branches::Stages => {
            let placed = d.journey.as_deref().zip(d.stage.as_deref()).and_then(|(j, s)| {
                let ji = site.position(RefKind::Journey, j)?;
                let journey = &site.journeys[ji];
                let si = journey.data.stages.iter().position(|st| st.id == s)?;
                Some((ji, si, journey))
            });
            placed
                .map(|(ji, si, j)| {
                    let stage = &j.data.stages[si];
                    let key = Key { order: (ji, si), label: stage.name.clone() };
                    (
                        key,
                        Some(format!("stage={}/{}", enc(&j.id), enc(&stage.id))),
                        several_journeys.then_some(&*j.data.title),
                    )
                })
                .into_iter()
                .collect()
        }
        Branches::Tags => {
            let mut tags: Vec<&String> = d.tags.iter().collect();
            tags.dedup();
            tags.into_iter()
                .map(|t| (Key { order: (0, 0), label: t.clone() }, Some(format!("tag={}", enc(t))), None))
                .collect()
        }
        Branches::Personas => d
            .personas
            .iter()
            .filter_map(|p| Some((site.position(RefKind::Persona, p)?, site.persona(p)?)))
            .map(|(n, p)| {
                (Key { order: (n, 0), label: p.data.name.clone() }, Some(format!("persona={}", enc(&p.id))), None)
            })
            .collect(),
        Branches::Biases => d
            .biases
            .iter()
            .filter_map(|b| Some((site.position(RefKind::Bias, b)?, site.bias(b)?)))
            .map(|(n, b)| (Key { order: (n, 0), label: b.name.clone() }, Some(format!("bias={}", enc(&b.id))), None))
            .collect(),
    }
}

/// The "Other" branch: insights on no named branch (none when every insight has one).
fn other<'a>(insights: &[&'a Item<Insight>], site: &'a Site, kind: Branches, key: Key) -> Option<Group<'a>> {
    let several = site.journeys.len() > 1;
    let rest: Vec<&Item<Insight>> =
        insights.iter().copied().filter(|i| names(site, kind, i, several).is_empty()).collect();
    (!rest.is_empty()).then_some((key, None, None, rest))
}

/// The leaf of an insight.
fn leaf<'a>(i: &'a Item<Insight>) -> Leaf<'a> {
    Leaf {
        id: &i.id,
        title: &i.data.title,
        url: crate::render::url(RefKind::Insight, &i.id),
        impact: i.data.impact.as_str(),
        confidence: i.data.confidence.as_str(),
    }
}

/// A level from its name (`high` when unknown).
pub fn level(s: &str) -> Level {
    Level::ALL.into_iter().find(|l| l.as_str() == s).unwrap_or(Level::High)
}
