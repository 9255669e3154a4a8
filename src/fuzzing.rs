//! Entry points for the fuzz targets under `fuzz/` (see `fuzz/README.md`).
//!
//! Each function feeds one input through the real code path of one input
//! kind and panics when an invariant breaks: a diagnostic that names no file
//! or a position outside the text, an offset that is not a character
//! boundary, a page that would run script. Not part of the API: hidden from
//! the docs and free to change.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Arc;

use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::diagnostics::{Diagnostic, Diagnostics};
use crate::load::{yaml, Sources, Unreadable};
use crate::markdown::{self, RenderOptions, Resolver};
use crate::model::{
    bias::BiasEntry, narrative::split_front_matter, FrontMatter, Insight, Item, Journey, KanoStudy, NpsSeries, Persona,
    RefKind, SourceFile,
};

/// Panics unless `d` names `file` and a line and column inside `text`
/// (which starts at line `first_line` of the file). A position just past
/// the end (the end of the input) is allowed. Lines end at LF, or — as YAML
/// and most editors read them — also at a lone CR: a position is inside
/// when it is inside under either reading.
fn assert_inside(d: &Diagnostic, file: &str, text: &str, first_line: usize) {
    assert_eq!(d.file, file, "a diagnostic names another file: {d}");
    assert!(!d.message.trim().is_empty(), "a diagnostic without a message: {d:?}");
    assert!(d.col >= 1 && d.line >= first_line, "line or column 0: {d}");
    let lf: Vec<&str> = text.split('\n').collect();
    let yaml_breaks = text.replace("\r\n", "\n").replace('\r', "\n");
    let any: Vec<&str> = yaml_breaks.split('\n').collect();
    let inside = |lines: &[&str]| {
        let i = d.line - first_line;
        i <= lines.len() && lines.get(i).is_none_or(|l| d.col <= l.chars().count() + 2)
    };
    assert!(inside(&lf) || inside(&any), "{}:{} is outside the text: {d}", d.line, d.col);
}

/// Parses `text` as `T` through the loader's entry, checking every diagnostic.
fn parse_kind<T: DeserializeOwned>(rel: &str, text: &str, what: &str) -> Option<T> {
    let file = SourceFile { rel: rel.into(), text: text.into() };
    match yaml::parse::<T>(&file, text, 1, what) {
        Ok(v) => Some(v),
        Err(ds) => {
            assert!(!ds.is_empty(), "{rel}: a failure with no diagnostic");
            for d in &ds {
                assert_inside(d, rel, text, 1);
            }
            None
        }
    }
}

/// One YAML text through every content kind's loader (the errors path
/// included: a file that fails its schema is re-read for every problem),
/// and as a narrative with front matter.
pub fn yaml_kinds(text: &str) {
    parse_kind::<Insight>("insights/x.yaml", text, "insight");
    parse_kind::<Persona>("personas/x.yaml", text, "persona");
    parse_kind::<Journey>("journeys/x.yaml", text, "journey");
    parse_kind::<KanoStudy>("kano/x.yaml", text, "Kano study");
    parse_kind::<NpsSeries>("nps/x.yaml", text, "NPS series");
    if !text.trim().is_empty() {
        parse_kind::<BTreeMap<String, BiasEntry>>("biases.yaml", text, "biases.yaml");
    }
    if let Some((fm, _body, body_line)) = split_front_matter(text) {
        assert!(body_line >= 2, "the body cannot start on line {body_line}");
        let file = SourceFile { rel: "narratives/x.md".into(), text: text.into() };
        if let Err(ds) = yaml::parse::<FrontMatter>(&file, fm, 2, "front matter") {
            for d in &ds {
                assert_inside(d, "narratives/x.md", text, 1);
            }
        }
    }
}

/// `cxsite.yaml`: parsed and checked as the loader does.
pub fn config(text: &str) {
    if let Some(c) = parse_kind::<Config>(crate::load::CONFIG_FILE, text, crate::load::CONFIG_FILE) {
        let file = SourceFile { rel: crate::load::CONFIG_FILE.into(), text: text.into() };
        let mut diags = Diagnostics::default();
        crate::load::check_config(&file, &c, &mut diags);
        for d in diags.sorted() {
            assert_inside(&d, crate::load::CONFIG_FILE, text, 1);
        }
    }
}

const KANO: &str =
    "title: K\nresponses: kano/r.csv\nfeatures:\n  - id: fast\n    name: Fast\n  - id: cheap\n    name: Cheap\n";
const NPS: &str = "title: N\nmeasurements:\n  - period: 2026-Q4\n    scores: nps/s.csv\n";

fn item<T: DeserializeOwned>(id: &str, rel: &str, text: &str) -> Item<T> {
    let file = Arc::new(SourceFile { rel: rel.into(), text: text.into() });
    let data = serde_yaml::from_str::<T>(text).expect("the fixed YAML of the CSV target parses");
    Item { id: id.into(), file, data: Arc::new(data) }
}

/// One CSV text as a Kano responses table and as an NPS scores table,
/// through the checker that reads them row by row.
pub fn tables(text: &str) {
    let config = serde_yaml::from_str::<Config>("title: T").expect("a title is all a config needs");
    let mut tables = BTreeMap::new();
    for rel in ["kano/r.csv", "nps/s.csv"] {
        tables.insert(rel.to_string(), Arc::new(SourceFile { rel: rel.into(), text: text.into() }));
    }
    let sources = Sources {
        root: PathBuf::from("."),
        config,
        config_file: Arc::new(SourceFile { rel: crate::load::CONFIG_FILE.into(), text: "title: T".into() }),
        insights: Vec::new(),
        personas: Vec::new(),
        journeys: Vec::new(),
        kano: vec![item("k", "kano/k.yaml", KANO)],
        nps: vec![item("n", "nps/n.yaml", NPS)],
        narratives: Vec::new(),
        biases: None,
        sources: None,
        tables,
        assets: Vec::new(),
        templates: BTreeMap::new(),
        theme_static: Vec::new(),
        unreadable: Unreadable::default(),
    };
    let mut diags = Diagnostics::default();
    let tallies = crate::link::tables::kano_responses(&sources, &mut diags);
    let scores = crate::link::tables::nps_scores(&sources, &mut diags);
    for d in diags.sorted() {
        assert!(d.file == "kano/r.csv" || d.file == "nps/s.csv", "a CSV problem names another file: {d}");
        assert_inside(&d, &d.file, text, 1);
    }
    let rows = text.lines().count();
    for tally in tallies.values() {
        let total: u64 = [tally.A, tally.O, tally.M, tally.I, tally.R, tally.Q].iter().sum();
        assert!(total <= rows as u64, "more Kano answers ({total}) than lines ({rows})");
    }
    for s in scores.values() {
        assert!(s.iter().all(|&x| x <= 10), "an NPS score above 10 was kept: {s:?}");
        assert!(s.len() <= rows, "more scores than lines");
    }
}

/// A resolver that knows every id, so every link and embed is rendered.
struct Everything;

impl Resolver for Everything {
    fn href(&self, kind: RefKind, id: &str, anchor: Option<&str>) -> Option<String> {
        Some(format!("{}/{id}.html{}", kind.as_str(), anchor.map(|a| format!("#{a}")).unwrap_or_default()))
    }
    fn embed(&self, kind: RefKind, _id: &str) -> Option<String> {
        Some(format!("<div class=\"card\">{}</div>", kind.as_str()))
    }
    fn local(&self, path: &str, suffix: &str, image: bool) -> Option<String> {
        let folder = if image { "img" } else { "files" };
        Some(format!("../{folder}/{}{suffix}", markdown::target::encode_path(path)))
    }
}

/// The Markdown scanner (typed links, embeds, paths, raw HTML) and the
/// renderer, with and without raw HTML.
pub fn markdown(text: &str) {
    let scanned = markdown::scan_all(text);
    let offsets = scanned
        .refs
        .iter()
        .map(|r| r.offset)
        .chain(scanned.problems.iter().map(|p| p.offset))
        .chain(scanned.targets.iter().chain(&scanned.raw_outside).map(|t| t.offset));
    for at in offsets {
        assert!(text.is_char_boundary(at), "offset {at} is not a character boundary of the text");
    }
    for r in &scanned.refs {
        assert!(!r.embed || r.kind.embeddable(), "an embed of a kind that cannot be embedded: {r:?}");
    }
    let opts = |allow_html| RenderOptions {
        allow_html,
        footnote_prefix: "n",
        task_labels: ("done", "to do"),
        table_label: "Table: {columns}",
        internal: None,
    };
    let html = markdown::render(text, &Everything, &opts(false)).to_ascii_lowercase();
    // Text is escaped, so every `<` left in the page opens a tag the renderer wrote.
    for tag in html.split('<').skip(1).map(|t| t.split('>').next().unwrap_or(t)) {
        let name = tag.split(|c: char| c.is_whitespace() || c == '/').find(|n| !n.is_empty()).unwrap_or("");
        let banned = ["script", "iframe", "object", "embed", "style", "form", "base", "meta", "link"];
        assert!(!banned.contains(&name), "raw HTML is off, yet the page holds <{tag}>:\n{html}");
        let script_url = tag.contains("=\"javascript:") || tag.contains("=\"vbscript:") || tag.contains("=\"data:text");
        assert!(!script_url, "raw HTML is off, yet <{tag}> holds a script URL:\n{html}");
        let handler = tag.split_whitespace().any(|a| a.starts_with("on") && a.contains("=\""));
        assert!(!handler, "raw HTML is off, yet <{tag}> holds an event handler:\n{html}");
    }
    markdown::render(text, &Everything, &opts(true));
}
