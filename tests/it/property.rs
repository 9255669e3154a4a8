//! A bounded, deterministic property test of the promise of SPEC §11 and
//! issue 11: whatever the input, `check` and `build` exit 0, 1 or 2; an
//! error names a file of the project; nothing from outside the project
//! reaches the site; the site loads nothing from outside; a failed build
//! leaves the previous site byte-identical.
//!
//! Projects are valid fixtures with mutations (truncations, byte flips,
//! inserted lines such as `logo: ../secret.txt` or `{{ insight(id="…") }}`,
//! swapped ids, added files and links out of the project) or small generated
//! projects. The seed is fixed, so every run tries the same cases; the
//! number of cases keeps the test under a minute in a debug build.
//! `CXSITE_PROPTEST_CASES=N` runs more (or fewer) of them.

use crate::common;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Output;
use std::time::Instant;

use common::{copy_dir, read_tree, repo, run, stderr};
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::{Config, RngAlgorithm, TestCaseError, TestRng, TestRunner};

/// Cases per run: about 35 s of a debug build on a busy 2-core machine.
const CASES: u32 = 48;
/// Cases not yet started by then are skipped (and counted as skipped), so
/// the test stays within a minute on a slow machine.
const DEADLINE_SECS: u64 = 55;
/// In every file planted next to the project; must never reach the site.
const TOKEN: &str = "CXSITE-OUTSIDE-TOKEN-5d1e9a";

/// Valid projects that cases start from.
const FIXTURES: &[&str] = &[
    "example-project",
    "tests/fixtures/valid/own-study",
    "tests/fixtures/valid/eigen-onderzoek",
    "tests/fixtures/valid/edge-cases",
    "tests/fixtures/valid/journey-basic",
];

/// Lines inserted into a file: paths out of the project, outside URLs,
/// embeds and template fragments, YAML traps.
const SNIPPETS: &[&str] = &[
    "logo: ../secret.txt\n",
    "logo: /etc/passwd\n",
    "photo: ../secret.png\n",
    "photo: ../../secret.png\n",
    "responses: ../secret.txt\n",
    "scores: ../../secret.txt\n",
    "theme: ../..\n",
    "theme: /etc\n",
    "base_url: javascript:alert(1)\n",
    "base_url: http://x.example/\n",
    "allow_html: true\n",
    "![leak](../secret.png)\n",
    "![leak](../../secret.png)\n",
    "[leak](../../secret.txt)\n",
    "![far](http://x.example/a.png)\n",
    "![root](/etc/passwd)\n",
    "{{ insight(id=\"../secret\") }}\n",
    "{{ persona(id=\"nobody\") }}\n",
    "{{ journey(id=\"x\" }}\n",
    "{{ kano(id=\"{{ }}\") }}\n",
    "<script src=\"http://x.example/a.js\"></script>\n",
    "<img src=\"https://x.example/t.png\">\n",
    "<link rel=\"stylesheet\" href=\"//x.example/s.css\">\n",
    "  - ../secret.txt\n",
    "title: \"{{ config.title }}{% include \\\"../../secret.txt\\\" %}\"\n",
    "&a [*a, *a, *a]\n",
    "- [x] done\n",
    "\t\n",
    "---\n",
    "key: [unclosed\n",
    "\"\n",
    "é\u{0}\u{202e}\n",
    "[p](persona:nobody#nowhere)\n",
    "summary: |\n  ![x](../secret.png)\n",
];

/// Files a case may add (relative path, content).
const NEW_FILES: &[(&str, &str)] = &[
    ("templates/base.html", "{% include \"../secret.txt\" %}"),
    ("templates/insight.html", "{% extends \"insight.html\" %}"),
    ("insights/leak.yaml", "title: Leak\nsummary: \"![x](../../secret.png) [y](../../secret.txt)\"\n"),
    ("narratives/leak.md", "---\ntitle: Leak\n---\n![x](../../secret.png)\n\n[y](../../secret.txt)\n"),
    ("biases.yaml", "anchoring:\n  name: Anchoring\n  description: \"![x](../secret.png)\"\n"),
    ("cxsite.yaml", "title: Replaced\nlogo: ../secret.png\n"),
    ("kano/raw.csv", "respondent,feature,functional,dysfunctional\n1,nope,like,\"\n"),
];

/// Where a case starts.
#[derive(Debug, Clone)]
enum Base {
    /// A copy of a valid fixture.
    Fixture(&'static str),
    /// A generated project: `cxsite.yaml` text and insight files (id, text).
    Generated(String, Vec<(String, String)>),
}

/// One change to the project.
#[derive(Debug, Clone)]
enum Mutation {
    Truncate {
        file: Index,
        keep: Index,
    },
    Flip {
        file: Index,
        at: Index,
        xor: u8,
    },
    Insert {
        file: Index,
        line: Index,
        snippet: Index,
    },
    SwapIds {
        file: Index,
        a: Index,
        b: Index,
    },
    AddFile(Index),
    /// A symbolic link inside the project to a file outside it.
    LinkOut(Index),
}

#[derive(Debug, Clone)]
struct Case {
    base: Base,
    mutations: Vec<Mutation>,
}

fn text_piece() -> impl Strategy<Value = String> {
    let pieces = vec![
        "a", "Zoë", " ", "\"", "'", ":", ": ", "#", "-", "\n", "  ", "{{", "}}", "[", "]", "*", "&", "../", "<b>", "%",
        "http://x", "1", "é", "\\",
    ];
    prop::collection::vec(prop::sample::select(pieces), 0..8).prop_map(|v| v.concat())
}

fn generated() -> impl Strategy<Value = Base> {
    let id = prop::sample::select(vec!["a", "b-2", "x", "long-id-here", "A", "é", "..", "a b"]);
    let insight = (id, text_piece(), text_piece()).prop_map(|(id, title, summary)| {
        (id.to_string(), format!("title: {title}\nsummary: {summary}\npersonas: [{id}]\n"))
    });
    (text_piece(), prop::collection::vec(insight, 0..4))
        .prop_map(|(title, insights)| Base::Generated(format!("title: {title}\n"), insights))
}

fn mutation() -> impl Strategy<Value = Mutation> {
    prop_oneof![
        1 => (any::<Index>(), any::<Index>()).prop_map(|(file, keep)| Mutation::Truncate { file, keep }),
        1 => (any::<Index>(), any::<Index>(), 1u8..=255).prop_map(|(file, at, xor)| Mutation::Flip { file, at, xor }),
        3 => (any::<Index>(), any::<Index>(), any::<Index>())
            .prop_map(|(file, line, snippet)| Mutation::Insert { file, line, snippet }),
        1 => (any::<Index>(), any::<Index>(), any::<Index>()).prop_map(|(file, a, b)| Mutation::SwapIds { file, a, b }),
        1 => any::<Index>().prop_map(Mutation::AddFile),
        1 => any::<Index>().prop_map(Mutation::LinkOut),
    ]
}

fn case() -> impl Strategy<Value = Case> {
    let base = prop_oneof![3 => prop::sample::select(FIXTURES).prop_map(Base::Fixture), 1 => generated()];
    (base, prop::collection::vec(mutation(), 0..4)).prop_map(|(base, mutations)| Case { base, mutations })
}

/// Every file under `dir`, project-relative, sorted (links not followed).
fn files(root: &Path) -> Vec<String> {
    let mut out = Vec::new();
    let mut todo = vec![root.to_path_buf()];
    while let Some(dir) = todo.pop() {
        for e in fs::read_dir(&dir).into_iter().flatten().flatten() {
            let p = e.path();
            match e.file_type() {
                Ok(t) if t.is_dir() => todo.push(p),
                Ok(_) => out.push(p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/")),
                Err(_) => {}
            }
        }
    }
    out.sort();
    out
}

/// The text files a mutation may change.
fn text_files(root: &Path) -> Vec<String> {
    files(root)
        .into_iter()
        .filter(|f| [".yaml", ".yml", ".md", ".csv"].iter().any(|e| f.ends_with(e)))
        .filter(|f| fs::symlink_metadata(root.join(f)).is_ok_and(|m| m.is_file()))
        .collect()
}

fn stem(f: &str) -> &str {
    let name = f.rsplit('/').next().unwrap_or(f);
    name.split('.').next().unwrap_or(name)
}

fn apply(root: &Path, outside: &Path, m: &Mutation) {
    let texts = text_files(root);
    let pick = |i: &Index| (!texts.is_empty()).then(|| root.join(&texts[i.index(texts.len())]));
    match m {
        Mutation::Truncate { file, keep } => {
            if let Some(p) = pick(file) {
                let mut bytes = fs::read(&p).unwrap();
                bytes.truncate(keep.index(bytes.len() + 1));
                fs::write(p, bytes).unwrap();
            }
        }
        Mutation::Flip { file, at, xor } => {
            if let Some(p) = pick(file) {
                let mut bytes = fs::read(&p).unwrap();
                if !bytes.is_empty() {
                    let i = at.index(bytes.len());
                    bytes[i] ^= xor;
                }
                fs::write(p, bytes).unwrap();
            }
        }
        Mutation::Insert { file, line, snippet } => {
            if let Some(p) = pick(file) {
                let bytes = fs::read(&p).unwrap();
                let starts: Vec<usize> = std::iter::once(0)
                    .chain(bytes.iter().enumerate().filter(|(_, &b)| b == b'\n').map(|(i, _)| i + 1))
                    .collect();
                let at = starts[line.index(starts.len())];
                let mut out = bytes[..at].to_vec();
                out.extend_from_slice(SNIPPETS[snippet.index(SNIPPETS.len())].as_bytes());
                out.extend_from_slice(&bytes[at..]);
                fs::write(p, out).unwrap();
            }
        }
        Mutation::SwapIds { file, a, b } => {
            let ids: Vec<&str> = texts.iter().map(|f| stem(f)).filter(|s| s.len() > 2).collect();
            if let (Some(p), false) = (pick(file), ids.is_empty()) {
                let (a, b) = (ids[a.index(ids.len())], ids[b.index(ids.len())]);
                if let Ok(text) = fs::read_to_string(&p) {
                    let swapped = text.replace(a, "\u{1}").replace(b, a).replace('\u{1}', b);
                    fs::write(p, swapped).unwrap();
                }
            }
        }
        Mutation::AddFile(i) => {
            let (rel, text) = NEW_FILES[i.index(NEW_FILES.len())];
            let p = root.join(rel);
            fs::create_dir_all(p.parent().unwrap()).unwrap();
            fs::write(p, text).unwrap();
        }
        Mutation::LinkOut(i) => {
            #[cfg(unix)]
            {
                let links = [
                    ("assets/leak.png", outside.join("secret.png")),
                    ("insights/leak.yaml", outside.join("secret.yaml")),
                    ("narratives/leak.md", outside.join("secret.md")),
                    ("templates", outside.to_path_buf()),
                    ("assets/outside", outside.to_path_buf()),
                    ("biases.yaml", outside.join("secret.yaml")),
                ];
                let (rel, target) = &links[i.index(links.len())];
                let p = root.join(rel);
                fs::create_dir_all(p.parent().unwrap()).unwrap();
                if fs::symlink_metadata(&p).is_err() {
                    std::os::unix::fs::symlink(target, p).unwrap();
                }
            }
            #[cfg(not(unix))]
            let _ = (i, outside);
        }
    }
}

/// Plants files holding [`TOKEN`] next to the project.
fn plant_outside(dir: &Path) {
    fs::create_dir_all(dir).unwrap();
    fs::write(dir.join("secret.txt"), format!("{TOKEN}\n")).unwrap();
    fs::write(dir.join("secret.png"), format!("\u{89}PNG {TOKEN}")).unwrap();
    fs::write(dir.join("secret.yaml"), format!("title: {TOKEN}\nsummary: {TOKEN}\n")).unwrap();
    fs::write(dir.join("secret.md"), format!("---\ntitle: {TOKEN}\n---\n{TOKEN}\n")).unwrap();
    fs::write(dir.join("base.html"), TOKEN).unwrap();
}

fn write_base(base: &Base, root: &Path) {
    match base {
        Base::Fixture(rel) => copy_dir(&repo(rel), root),
        Base::Generated(config, insights) => {
            fs::create_dir_all(root.join("insights")).unwrap();
            fs::write(root.join("cxsite.yaml"), config).unwrap();
            for (id, text) in insights {
                fs::write(root.join("insights").join(format!("{id}.yaml")), text).unwrap();
            }
        }
    }
}

fn code(what: &str, o: &Output) -> Result<i32, TestCaseError> {
    let c = o.status.code();
    prop_assert!(matches!(c, Some(0..=2)), "{what}: exit {:?} (a crash or signal)\n{}", o.status, stderr(o));
    Ok(c.unwrap_or(-1))
}

/// On failure stderr names a file: exit 1 gives `path:line:col` of a file
/// of the project for each error; exit 2 names the project, its
/// cxsite.yaml or the output folder.
fn names_a_file(what: &str, o: &Output, root: &Path, out: &Path) -> Result<(), TestCaseError> {
    let err = stderr(o);
    match o.status.code() {
        Some(1) => {
            let located: Vec<&str> =
                err.lines().filter(|l| l.contains(": error: ") && !l.starts_with("error")).collect();
            prop_assert!(!located.is_empty(), "{what}: exit 1 with no `file:line:col: error:` line:\n{err}");
            for l in located {
                let head = l.split(": error: ").next().unwrap_or("");
                let mut parts = head.rsplitn(3, ':');
                let (col, line, file) = (parts.next(), parts.next(), parts.next());
                let numbers = [line, col].iter().all(|n| n.is_some_and(|n| n.parse::<usize>().is_ok_and(|n| n >= 1)));
                prop_assert!(numbers, "{what}: no line:col in `{l}`\n{err}");
                let file = file.unwrap_or("");
                let exists = fs::symlink_metadata(root.join(file)).is_ok();
                prop_assert!(exists, "{what}: `{l}` names `{file}`, not a file of the project\n{err}");
            }
        }
        Some(2) => {
            let named = [root.display().to_string(), out.display().to_string(), "cxsite.yaml".to_string()]
                .iter()
                .any(|n| err.contains(n.as_str()));
            prop_assert!(named, "{what}: exit 2 names neither the project nor its output:\n{err}");
        }
        _ => {}
    }
    Ok(())
}

/// `<tag … attr="http(s)://…">` or `//…` in a page: a request outside the site.
fn outside_loads(html: &str) -> Vec<String> {
    let lower = html.to_ascii_lowercase();
    let mut found = Vec::new();
    for tag in ["<link", "<script", "<img", "<source", "<iframe", "<video", "<audio", "<embed", "<object"] {
        let mut rest = lower.as_str();
        while let Some(i) = rest.find(tag) {
            rest = &rest[i + tag.len()..];
            let end = rest.find('>').unwrap_or(rest.len());
            let attrs = &rest[..end];
            if tag == "<link" && (attrs.contains("rel=\"canonical\"") || attrs.contains("rel=\"alternate\"")) {
                continue;
            }
            for attr in ["src=\"", "href=\"", "srcset=\"", "poster=\"", "data=\""] {
                for (j, _) in attrs.match_indices(attr) {
                    let v = &attrs[j + attr.len()..];
                    if v.starts_with("http://") || v.starts_with("https://") || v.starts_with("//") {
                        found.push(format!("{tag} {}", &attrs[..attrs.len().min(160)]));
                    }
                }
            }
        }
    }
    found
}

fn check_case(case: &Case, previous: &Path) -> Result<i32, TestCaseError> {
    let tmp = tempfile::tempdir().unwrap();
    let (root, outside, out) = (tmp.path().join("project"), tmp.path().to_path_buf(), tmp.path().join("site"));
    plant_outside(&outside);
    write_base(&case.base, &root);
    for m in &case.mutations {
        apply(&root, &outside, m);
    }
    copy_dir(previous, &out);
    let before = read_tree(&out);
    let (r, o) = (root.to_str().unwrap(), out.to_str().unwrap());

    let check = run(&["check", r]);
    let checked = code("check", &check)?;
    names_a_file("check", &check, &root, &out)?;
    let build = run(&["build", r, "-o", o]);
    let built = code("build", &build)?;
    names_a_file("build", &build, &root, &out)?;
    prop_assert_eq!(checked, built, "check and build disagree:\n{}\n---\n{}", stderr(&check), stderr(&build));

    let after = read_tree(&out);
    if built != 0 {
        let changed: Vec<&String> = before
            .keys()
            .chain(after.keys())
            .filter(|k| before.get(*k) != after.get(*k))
            .collect::<std::collections::BTreeSet<_>>()
            .into_iter()
            .collect();
        prop_assert!(changed.is_empty(), "a failed build changed the previous site: {changed:?}");
        return Ok(built);
    }
    let config = fs::read_to_string(root.join("cxsite.yaml")).unwrap_or_default();
    let warned = stderr(&build).contains("warning");
    for (rel, bytes) in &after {
        let text = String::from_utf8_lossy(bytes);
        prop_assert!(!text.contains(TOKEN), "{rel} holds a file from outside the project");
        if rel.ends_with(".html") {
            let loads = outside_loads(&text);
            // Raw HTML kept with `allow_html: true` may load from outside, and is then a warning.
            let allowed = config.contains("allow_html: true") && warned;
            prop_assert!(loads.is_empty() || allowed, "{rel} loads from outside: {loads:?}");
        }
    }
    Ok(0)
}

#[test]
fn every_input_exits_0_1_or_2_names_its_file_and_keeps_the_site_inside() {
    let start = Instant::now();
    let cases = std::env::var("CXSITE_PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(CASES);
    // The previous site every case builds over: cxsite's own, with its marker.
    let tmp = tempfile::tempdir().unwrap();
    let previous: PathBuf = tmp.path().join("previous");
    let prev =
        run(&["build", repo("tests/fixtures/valid/journey-basic").to_str().unwrap(), "-o", previous.to_str().unwrap()]);
    assert!(prev.status.success(), "{}", stderr(&prev));

    let config = Config {
        cases,
        failure_persistence: None,
        max_shrink_iters: 200,
        rng_algorithm: RngAlgorithm::ChaCha,
        ..Config::default()
    };
    let mut runner = TestRunner::new_with_rng(config, TestRng::deterministic_rng(RngAlgorithm::ChaCha));
    let outcomes: std::cell::RefCell<BTreeMap<&str, usize>> = Default::default();
    let result = runner.run(&case(), |c| {
        if start.elapsed().as_secs() >= DEADLINE_SECS {
            *outcomes.borrow_mut().entry("skipped (time)").or_default() += 1;
            return Ok(());
        }
        let r = check_case(&c, &previous);
        let key = match r {
            Ok(0) => "exit 0",
            Ok(1) => "exit 1",
            Ok(_) => "exit 2",
            Err(_) => "failed",
        };
        *outcomes.borrow_mut().entry(key).or_default() += 1;
        r.map(|_| ())
    });
    let outcomes = outcomes.into_inner();
    let secs = start.elapsed().as_secs_f64();
    println!("property: {cases} cases in {secs:.1} s (budget 60 s): {outcomes:?}");
    if let Err(e) = result {
        panic!("{e}");
    }
    assert!(secs < 120.0, "the property test took {secs:.0} s; lower CASES");
}
