//! A journey's diagrams (map, timeline, their print pieces and legends),
//! drawn once per build and shared by the journey's page and its embeds.

use serde::Serialize;

use super::super::charts::journey::common::Markers;
use super::super::{charts, url, PageResolver};
use super::numbers::day_text;
use crate::link::Site;
use crate::model::{Item, Journey, RefKind};

/// The diagrams of a journey, flattened into `journey` of journey.html and
/// `item` of embeds/journey.html.
#[derive(Serialize, Clone)]
pub struct JourneyDiagrams {
    /// The journey map (SVG), its links relative to the page.
    pub map_svg: String,
    /// The map's lane labels, kept in view on screen (SVG): they show the
    /// map's own through `<use>`, so `map_svg` must be on the same page.
    pub map_heads_svg: String,
    /// The map cut into pieces that print legibly (SVGs): windows onto
    /// `map_svg` (`<use>`), which must be on the same page.
    pub map_print_svgs: Vec<String>,
    /// Always true (templates test flags, not strings).
    pub has_diagrams: bool,
    /// Whether `timeline_svg` is drawn (some step has a day).
    pub has_timeline: bool,
    /// The timeline's print pieces (SVGs; none without a timeline).
    pub timeline_print_svgs: Vec<String>,
    /// The timeline (SVG), or null when no step has a day.
    pub timeline_svg: Option<String>,
    /// The numbered insights as a key beside the map.
    pub insight_key: Vec<KeyEntry>,
    /// What the HTML legend beside the map explains.
    pub map_legend: MapLegend,
    /// What the HTML legend beside the timeline explains.
    pub timeline_legend: TimelineLegend,
    /// The longest stretch without contact, or null.
    pub unattended: Option<Unattended>,
}

/// One numbered insight of the map's key.
#[derive(Serialize, Clone)]
pub struct KeyEntry {
    /// Its number on the map.
    pub number: usize,
    /// The insight's id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Its page, site-relative.
    pub url: String,
    /// The steps that list it, as `stage → step`.
    pub steps: Vec<String>,
}

/// What the map's legend explains.
#[derive(Serialize, Clone)]
pub struct MapLegend {
    /// The moments of truth on the map (`zmot`, `fmot`, …), in order.
    pub mots: Vec<&'static str>,
    /// Whether the map shows numbered insight markers.
    pub markers: bool,
}

/// What the timeline's legend explains.
#[derive(Serialize, Clone)]
pub struct TimelineLegend {
    /// Whether the timeline marks a stretch without contact.
    pub gap: bool,
    /// How many steps have no day.
    pub untimed: usize,
}

/// The longest stretch without contact on a journey.
#[derive(Serialize, Clone)]
pub struct Unattended {
    /// Its first day, as text.
    pub from: String,
    /// Its last day, as text.
    pub to: String,
    /// How many days it lasts, as text.
    pub days: String,
    /// A sentence about it in the site's language.
    pub text: String,
}

/// Step columns per printed piece of a journey map: 88 + 5 × 176 + 4 = 972 px,
/// which prints at natural size (11 px text = 8.25 pt) on A4 landscape and at
/// 98 % (8.1 pt) on US Letter landscape.
const PRINT_COLUMNS: usize = 5;

/// The numbered insight markers of a journey, linked relative to `root`.
pub fn insight_markers(site: &Site, root: &str, j: &Journey) -> Markers {
    Markers::new(j, |id| {
        site.insight(id).map(|i| (i.data.title.clone(), format!("{root}{}", url(RefKind::Insight, id))))
    })
    .with_sources(|id| {
        let evidence = site.insight(id).map(|i| i.data.evidence.as_slice()).unwrap_or_default();
        evidence
            .iter()
            .filter_map(|e| e.source.as_deref().map(str::trim).filter(|s| !s.is_empty()))
            .map(String::from)
            .collect()
    })
}

/// The numbered insights as a key beside the map.
fn insight_key(markers: &Markers, j: &Journey) -> Vec<KeyEntry> {
    markers
        .list
        .iter()
        .map(|m| {
            let steps: Vec<String> = j
                .stages
                .iter()
                .flat_map(|s| s.steps.iter().map(move |st| (s, st)))
                .filter(|(_, st)| st.insights.contains(&m.id))
                .map(|(s, st)| format!("{} → {}", s.name, st.name))
                .collect();
            KeyEntry {
                number: m.number,
                id: m.id.clone(),
                title: m.title.clone(),
                url: url(RefKind::Insight, &m.id),
                steps,
            }
        })
        .collect()
}

/// The diagrams of `j` for a page whose root prefix is `pr.root()`, drawn
/// once per build.
pub fn diagrams(site: &Site, pr: &PageResolver, j: &Item<Journey>) -> JourneyDiagrams {
    let mut drawn = pr.journey_diagrams(&j.id, || draw(site, j));
    // One drawing serves pages at every depth: every link in it is
    // site-relative, and ` href="` cannot come from content (all text is
    // escaped, `"` included), so only its links change.
    if !pr.root().is_empty() {
        drawn.map_svg = relative_to_page(&drawn.map_svg, pr.root());
    }
    drawn
}

fn draw(site: &Site, j: &Item<Journey>) -> JourneyDiagrams {
    let lang = site.config.language;
    // Links are drawn site-relative and made page-relative by `diagrams`.
    let markers = insight_markers(site, "", &j.data);
    let opts = charts::journey::map::MapOptions { lang, markers: &markers };
    let timeline =
        charts::journey::timeline::draw(&j.id, &j.data, lang, Some(charts::journey::timeline_print::PRINT_W));
    let moments: Vec<_> =
        j.data.stages.iter().flat_map(|s| &s.steps).filter_map(|st| st.day.map(|d| (d, st.kind, st.emotion))).collect();
    let map = charts::journey::map::draw(&j.id, &j.data, &opts, PRINT_COLUMNS);
    let gap = charts::journey::timeline::unattended(&moments);
    JourneyDiagrams {
        map_svg: map.map,
        map_heads_svg: map.heads,
        map_print_svgs: map.print,
        has_diagrams: true,
        has_timeline: timeline.is_some(),
        timeline_print_svgs: timeline.as_ref().map(|t| t.print.clone()).unwrap_or_default(),
        timeline_svg: timeline.map(|t| t.svg),
        insight_key: insight_key(&markers, &j.data),
        map_legend: MapLegend {
            mots: charts::journey::map::moments_of_truth(&j.data).iter().map(|m| m.as_str()).collect(),
            markers: !markers.list.is_empty(),
        },
        timeline_legend: TimelineLegend {
            gap: gap.is_some(),
            untimed: j
                .data
                .stages
                .iter()
                .flat_map(|s| &s.steps)
                .filter(|st| !st.day.is_some_and(f64::is_finite))
                .count(),
        },
        unattended: gap.map(|g| Unattended {
            from: day_text(g.from),
            to: day_text(g.to),
            days: day_text(g.days()),
            text: charts::journey::timeline::gap_text(lang, g),
        }),
    }
}

/// A drawing's site-relative links made relative to a page at `root`
/// (links within the page, `href="#…"`, stay as they are).
fn relative_to_page(svg: &str, root: &str) -> String {
    let mut out = String::with_capacity(svg.len() + 512);
    let mut rest = svg;
    while let Some(i) = rest.find(" href=\"") {
        let (head, tail) = rest.split_at(i + " href=\"".len());
        out.push_str(head);
        if !tail.starts_with('#') {
            out.push_str(root);
        }
        rest = tail;
    }
    out.push_str(rest);
    out
}
