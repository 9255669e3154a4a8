//! Chart text a reader can read: on a 390 px phone no chart text is smaller
//! than 11 CSS px, in print none is smaller than 8 pt, no text (legends
//! included) lies outside its chart, no chart runs off the printed page, and
//! a chart wider than the phone sits in a labelled, horizontally scrollable
//! region. Headless Chromium measures the rendered size of every `<text>`
//! (tests/browser/chart_text.mjs); screenshots at 390 px of every chart page
//! are kept in tests/output/phone/ for review.

use crate::common;

use std::fs;
use std::path::Path;

use common::{browser_tools, build_ok, copy_dir, file_url, node_script, output_dir, repo};

/// The projects the check builds (the Dutch eigen-onderzoek joins once it builds).
const PROJECTS: [(&str, &str); 2] = [("own-study", "tests/fixtures/valid/own-study"), ("example", "example-project")];

/// Every page of `site` that shows a chart: the Kano and NPS list pages,
/// Kano, NPS and journey pages, the report, and insight, persona and
/// narrative pages with an inline SVG (mini-map, sparklines, embeds).
fn chart_pages(site: &Path) -> Vec<String> {
    let mut pages = vec!["report.html".to_string(), "kano.html".to_string(), "nps.html".to_string()];
    // The mindmap (issue 17): a page of its own, and one per persona page (found below).
    if site.join("mindmap.html").is_file() {
        pages.push("mindmap.html".to_string());
    }
    for dir in ["kano", "nps", "journeys", "insights", "personas", "narratives"] {
        let Ok(entries) = fs::read_dir(site.join(dir)) else { continue };
        let mut names: Vec<String> = entries
            .filter_map(|e| e.ok())
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".html"))
            .collect();
        names.sort();
        for name in names {
            let rel = format!("{dir}/{name}");
            let always = matches!(dir, "kano" | "nps" | "journeys");
            if always || fs::read_to_string(site.join(&rel)).is_ok_and(|html| html.contains("<svg")) {
                pages.push(rel);
            }
        }
    }
    pages
}

/// Builds the projects and runs the measurement on their chart pages, for
/// the SVGs `selector` picks.
fn measure(selector: &str) {
    if !browser_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let mut pages = Vec::new();
    for (name, path) in PROJECTS {
        let project = tmp.path().join(name);
        copy_dir(&repo(path), &project);
        let site = tmp.path().join(format!("{name}-site"));
        build_ok(&project, &site, &[]);
        let found = chart_pages(&site);
        for kind in ["kano/", "nps/", "journeys/", "narratives/"] {
            assert!(found.iter().any(|p| p.starts_with(kind)), "{name}: no {kind} chart page in {found:?}");
        }
        let url = file_url(&site);
        pages.extend(found.into_iter().map(|p| format!("{{\"site\":\"{name}\",\"url\":\"{url}{p}\"}}")));
    }
    let json = format!("[{}]", pages.join(","));
    let shots = output_dir();
    let out = node_script("chart_text.mjs", &[&json, selector, shots.to_str().unwrap()]);
    println!("{out}");
}

#[test]
fn kano_and_nps_chart_text_is_legible_on_a_phone_and_in_print() {
    measure("svg.chart-kano, svg.chart-nps");
}

/// Every chart, the journey diagrams included (fixed on their own branch).
#[test]
fn all_chart_text_is_legible_on_a_phone_and_in_print() {
    measure("main svg");
}
