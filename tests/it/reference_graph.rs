//! One reference graph (`link::graph::mentions`) feeds three consumers: the
//! reference checks, the back-links and serve's page dependencies. A project
//! where every reference field of every kind is filled shows that each
//! consumer sees each reference; `every_role_is_in_the_fixture` makes a new
//! kind of reference fail here until the fixture fills it.

use std::collections::BTreeSet;
use std::fs;
use std::path::Path;

use cxsite::diagnostics::Diagnostics;
use cxsite::link::graph::{markdown_targets, mentions, AnyItem, Mention, Role};
use cxsite::link::{self, LinkOptions, Site, StepRef};
use cxsite::model::RefKind;
use cxsite::serve::deps::{candidate_pages, Refs};

/// The name of a role, written out without a wildcard: a new role does not
/// compile here until it is named (and then the fixture must fill it).
fn role_name(role: Role) -> &'static str {
    match role {
        Role::InsightPersona => "insight personas",
        Role::InsightBias => "insight biases",
        Role::InsightJourney { .. } => "insight journey",
        Role::JourneyPersona => "journey persona",
        Role::StepInsight { .. } => "step insights",
        Role::EvidenceSource { .. } => "evidence source",
        Role::SourcePersona { .. } => "source persona",
    }
}

const ROLES: [&str; 7] = [
    "insight personas",
    "insight biases",
    "insight journey",
    "journey persona",
    "step insights",
    "evidence source",
    "source persona",
];

/// Writes the fixture; `to` spells each referenced id (`p1` → `gone-p1` breaks it).
/// No two items name each other, so each reference is the only link between its two items.
fn write_project(root: &Path, to: impl Fn(&str) -> String) {
    let files = [
        ("cxsite.yaml", "title: Every reference\n".to_string()),
        (
            "insights/a.yaml",
            format!(
                "title: A\nsummary: s\npersonas: [{p1}]\nbiases: [{bias}]\njourney: {j1}\nstage: s1\n\
                 emotional: See [her](persona:{p2}).\nfunctional: See [the study](kano:{k1}).\n\
                 breakthrough: See [the chapter](narrative:{c1}).\nevidence:\n  - quote: q\n    source: {s1}\n",
                p1 = to("p1"),
                bias = to("anchoring"),
                j1 = to("j1"),
                p2 = to("p2"),
                k1 = to("k1"),
                c1 = to("c1"),
                s1 = to("s1"),
            ),
        ),
        (
            "sources.yaml",
            format!(
                "s1:\n  title: S1\n  persona: {}\n  description: Heard by [her](persona:{}).\n",
                to("p1"),
                to("p2")
            ),
        ),
        ("insights/b.yaml", "title: B\nsummary: s\nemotional: e\nfunctional: f\nbreakthrough: b\n".to_string()),
        ("insights/t.yaml", "title: T\nsummary: s\nemotional: e\nfunctional: f\nbreakthrough: b\n".to_string()),
        ("personas/p1.yaml", format!("name: P1\nabout: Knows [this](insight:{}).\n", to("t"))),
        ("personas/p2.yaml", "name: P2\n".to_string()),
        (
            "journeys/j1.yaml",
            format!(
                "title: J1\npersona: {}\ndescription: Measured in [the series](nps:{}).\nstages:\n  - id: s1\n    \
                 name: S1\n    steps:\n      - name: Step\n        insights: [{}]\n",
                to("p2"),
                to("n1"),
                to("b")
            ),
        ),
        (
            "kano/k1.yaml",
            format!(
                "title: K1\ndescription: Along [the journey](journey:{}).\nfeatures:\n  - id: f\n    name: F\n    \
                 category: basic\n",
                to("j1")
            ),
        ),
        (
            "nps/n1.yaml",
            format!(
                "title: N1\ndescription: Asked of [her](persona:{}).\nmeasurements:\n  - period: 2026-H1\n    \
                 promoters: 1\n    passives: 1\n    detractors: 1\n",
                to("p1")
            ),
        ),
        (
            "narratives/c1.md",
            format!(
                "---\ntitle: C1\n---\nOn [this](insight:{}) and [that](../insights/{}.yaml).\n\n\
                 {{{{ persona(id=\"{}\") }}}}\n",
                to("t"),
                to("b"),
                to("p2")
            ),
        ),
    ];
    for (rel, text) in files {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
}

fn linked(to: impl Fn(&str) -> String) -> (tempfile::TempDir, Site, Diagnostics) {
    let dir = tempfile::tempdir().unwrap();
    write_project(dir.path(), to);
    let mut diags = Diagnostics::default();
    let sources = cxsite::load::load(dir.path(), &mut diags).unwrap();
    let site = link::link(&sources, LinkOptions::default(), &mut diags);
    (dir, site, diags)
}

/// An item: its kind and id.
type Key = (RefKind, String);

/// Every reference of the site: (from, to, role name or "markdown").
fn edges(site: &Site) -> Vec<(Key, Key, &'static str)> {
    let mut out = Vec::new();
    for item in AnyItem::all(site) {
        let from = (item.kind(), item.id().to_string());
        for mention in mentions(item) {
            match mention {
                Mention::Id { kind, id, role, .. } => out.push((from.clone(), (kind, id.to_string()), role_name(role))),
                Mention::Markdown { text, .. } => {
                    for to in markdown_targets(site, &item.file().rel, text) {
                        out.push((from.clone(), to, "markdown"));
                    }
                }
            }
        }
    }
    out
}

#[test]
fn every_role_is_in_the_fixture() {
    let (_dir, site, diags) = linked(str::to_string);
    assert!(!diags.has_errors(), "{:?}", diags.sorted());
    let seen: BTreeSet<&str> = edges(&site).into_iter().map(|e| e.2).collect();
    let mut want: BTreeSet<&str> = ROLES.into_iter().collect();
    want.insert("markdown");
    assert_eq!(seen, want);
    // Markdown in every field that holds it: three layers, about, three descriptions, a body (3 refs),
    // a source's description.
    assert_eq!(edges(&site).iter().filter(|e| e.2 == "markdown").count(), 3 + 1 + 3 + 3 + 1);
}

#[test]
fn every_reference_is_checked() {
    let (_dir, _site, diags) = linked(|id| format!("gone-{id}"));
    // Errors only: the fixture's insights carry little evidence, which is a warning.
    let found: Vec<String> = diags
        .sorted()
        .iter()
        .filter(|d| d.is_error())
        .map(|d| format!("{}:{}:{} {}", d.file, d.line, d.col, d.message))
        .collect();
    let expected = [
        "insights/a.yaml:3:12 unknown persona `gone-p1`",
        "insights/a.yaml:4:10 unknown bias `gone-anchoring`",
        "insights/a.yaml:5:10 unknown journey `gone-j1`",
        "insights/a.yaml:7:16 unknown persona `gone-p2`",
        "insights/a.yaml:8:17 unknown kano `gone-k1`",
        "insights/a.yaml:9:19 unknown narrative `gone-c1`",
        "insights/a.yaml:12:13 unknown source `gone-s1`",
        "journeys/j1.yaml:2:10 unknown persona `gone-p2`",
        "journeys/j1.yaml:3:26 unknown nps `gone-n1`",
        "journeys/j1.yaml:9:20 unknown insight `gone-b`",
        "kano/k1.yaml:2:20 unknown journey `gone-j1`",
        "narratives/c1.md:4:4 unknown insight `gone-t`",
        "narratives/c1.md:4:38 link `../insights/gone-b.yaml` not found (looked for `insights/gone-b.yaml`)",
        "narratives/c1.md:6:1 unknown persona `gone-p2`",
        "nps/n1.yaml:2:23 unknown persona `gone-p1`",
        "personas/p1.yaml:2:14 unknown insight `gone-t`",
        "sources.yaml:3:12 unknown persona `gone-p1`",
        "sources.yaml:4:25 unknown persona `gone-p2`",
    ];
    assert_eq!(found, expected);
}

#[test]
fn every_reference_is_a_page_dependency() {
    let (_dir, site, _diags) = linked(str::to_string);
    let refs = Refs::of(&site);
    let edges = edges(&site);
    assert_eq!(edges.len(), 6 + 1 + 3 + 1 + 1 + 3 + 1 + 2, "{edges:#?}");
    for (from, to, role) in edges {
        // When `to` changes, the page of `from` (which shows it) is re-rendered.
        let changed = BTreeSet::from([to.clone()]);
        let pages: Vec<String> =
            candidate_pages(&site, &refs, &BTreeSet::new(), &changed, false).iter().map(|p| p.path(&site)).collect();
        let page = match from.0 {
            RefKind::Insight => format!("insights/{}.html", from.1),
            RefKind::Persona => format!("personas/{}.html", from.1),
            RefKind::Journey => format!("journeys/{}.html", from.1),
            RefKind::Kano => format!("kano/{}.html", from.1),
            RefKind::Nps => format!("nps/{}.html", from.1),
            RefKind::Narrative => format!("narratives/{}.html", from.1),
            RefKind::Bias => unreachable!("biases name nothing"),
            // `sources.yaml` has no page of its own yet: nothing to re-render.
            RefKind::Source => continue,
        };
        assert!(pages.contains(&page), "{from:?} → {to:?} ({role}): {page} not in {pages:?}");
    }
}

#[test]
fn every_id_reference_and_every_chapter_link_to_an_insight_is_back_linked() {
    let (_dir, site, _diags) = linked(str::to_string);
    let b = &site.backlinks;
    let ids = |v: Option<&Vec<String>>| v.cloned().unwrap_or_default();
    for (from, to, role) in edges(&site) {
        let (from, to) = (from.1, to.1);
        let linked = match role {
            "insight personas" => ids(b.persona_insights.get(&to)).contains(&from),
            "insight biases" => ids(b.bias_insights.get(&to)).contains(&from),
            "insight journey" => ids(b.stage_insights.get(&(to.clone(), "s1".into()))).contains(&from),
            "journey persona" => ids(b.persona_journeys.get(&to)).contains(&from),
            "step insights" => {
                let at = StepRef { journey: from.clone(), stage: 0, step: 0 };
                b.insight_steps.get(&to).is_some_and(|v| v.contains(&at))
                    && ids(b.stage_insights.get(&(from.clone(), "s1".into()))).contains(&to)
            }
            // Only chapters list what they mention, and only insights show it.
            "markdown" if from == "c1" && site.has(RefKind::Insight, &to) => {
                ids(b.insight_narratives.get(&to)).contains(&from)
            }
            "markdown" => true,
            "evidence source" => ids(b.source_insights.get(&to)).contains(&from),
            // The register is one item; the back-link names the source in it.
            "source persona" => ids(b.persona_sources.get(&to)) == ["s1"],
            other => panic!("unknown role {other}"),
        };
        assert!(linked, "{from} → {to} ({role}) has no back-link: {b:#?}");
    }
    assert_eq!(ids(b.insight_narratives.get("t")), ["c1"]);
    assert_eq!(ids(b.insight_narratives.get("b")), ["c1"]);
}
