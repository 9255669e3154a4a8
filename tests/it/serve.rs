//! `cxsite serve` driven for real: a server on a free port, files saved
//! atomically, the new content and the reload event observed over HTTP.

use crate::common;

use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use common::*;

/// A running `cxsite serve`, stopped when dropped.
struct Server {
    child: Child,
    addr: String,
    stdout: mpsc::Receiver<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start(project: &Path) -> Server {
    start_on(project, 0)
}

fn start_on(project: &Path, port: u16) -> Server {
    let mut child = Command::new(BIN)
        .args(["serve", project.to_str().unwrap(), "--port", &port.to_string()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("serve starts");
    let stdout = child.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().expect("serve prints its URL").unwrap();
    let addr = first
        .split("http://")
        .nth(1)
        .expect("a URL")
        .trim_end_matches(|c| c != '/')
        .trim_end_matches('/')
        .split(' ')
        .next()
        .unwrap()
        .to_string();
    // Keep draining stdout so the server never blocks on a full pipe.
    let (tx, stdout) = mpsc::channel();
    std::thread::spawn(move || {
        for line in lines.map_while(Result::ok) {
            let _ = tx.send(line);
        }
    });
    Server { child, addr, stdout }
}

fn get(addr: &str, target: &str) -> (u16, String) {
    let (s, b) = request(addr, "GET", target);
    (s, String::from_utf8_lossy(&b).into_owned())
}

/// Reads the event stream in the background; events arrive on the channel.
fn events(addr: &str) -> mpsc::Receiver<String> {
    events_on(addr, "")
}

/// The event stream of a browser showing `page` (as livereload.js opens it).
fn events_on(addr: &str, page: &str) -> mpsc::Receiver<String> {
    let (tx, rx) = mpsc::channel();
    let mut s = TcpStream::connect(addr).unwrap();
    let query = if page.is_empty() { String::new() } else { format!("?page={page}") };
    write!(s, "GET /__cxsite/events{query} HTTP/1.1\r\nHost: {addr}\r\n\r\n").unwrap();
    std::thread::spawn(move || {
        let mut buf = String::new();
        let mut reader = BufReader::new(s);
        let mut line = String::new();
        while reader.read_line(&mut line).map(|n| n > 0).unwrap_or(false) {
            if line == "\n" || line == "\r\n" {
                if tx.send(std::mem::take(&mut buf)).is_err() {
                    return;
                }
            } else {
                buf.push_str(&line);
            }
            line.clear();
        }
    });
    rx
}

/// Waits for an event whose text contains `needle`.
fn wait_event(rx: &mpsc::Receiver<String>, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match rx.recv_timeout(left) {
            Ok(ev) if ev.contains(needle) => return ev,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("no event containing {needle:?}");
}

/// Saves like an editor does: write a temporary file, rename it over.
fn save_atomically(path: &Path, text: &str) {
    let tmp = path.with_extension("tmp~");
    fs::write(&tmp, text).unwrap();
    fs::rename(&tmp, path).unwrap();
}

fn project() -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("example-project"), &project);
    (tmp, project)
}

const INSIGHT: &str = "insights/billing/first-invoice-worry.yaml";

#[test]
fn a_save_shows_up_with_a_reload_event() {
    let (_tmp, project) = project();
    let server = start(&project);
    let (status, html) = get(&server.addr, "/insights/first-invoice-worry.html");
    assert_eq!(status, 200);
    assert!(
        html.contains("<script data-cxsite=\"livereload\" data-version=\""),
        "the live-reload client is injected (inline: no seventh request)"
    );
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    let file = project.join(INSIGHT);
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("title: Customers worry about the first invoice before it arrives", "title: Worry grows from day 4");
    save_atomically(&file, &text);
    wait_event(&rx, "event: update");
    let (_, html) = get(&server.addr, "/insights/first-invoice-worry.html");
    assert!(html.contains("<h1>Worry grows from day 4</h1>"), "new title served");
    let (_, list) = get(&server.addr, "/insights.html");
    assert!(list.contains("Worry grows from day 4"), "list page re-rendered");
    assert!(get(&server.addr, "/mindmap.html").1.contains(">Worry grows from day 4</a>"), "the mindmap re-rendered");
    // One line per rebuild: what changed, how many pages, how long; not the whole site.
    let line = server.stdout.recv_timeout(Duration::from_secs(5)).unwrap();
    let line =
        if line.starts_with("Built") { server.stdout.recv_timeout(Duration::from_secs(5)).unwrap() } else { line };
    assert!(line.starts_with("insights/billing/first-invoice-worry.yaml changed: re-rendered "), "{line}");
    let nums: Vec<usize> = line.split(' ').filter_map(|w| w.parse().ok()).collect();
    assert!(nums[0] < nums[1], "only some pages re-rendered: {line}");
}

/// After a save the page open in a browser is rendered first and the browsers
/// are told at once; the other pages follow, and a request for one of them
/// waits until it is fresh instead of getting the old version.
#[test]
fn the_open_page_is_rendered_first_and_the_others_wait_until_fresh() {
    let (_tmp, project) = project();
    let server = start(&project);
    let rx = events_on(&server.addr, "%2Finsights%2Ffirst-invoice-worry.html");
    let hello = wait_event(&rx, "event: hello");
    assert!(hello.contains("\"pending\":0"), "nothing pending after the first build: {hello}");
    let file = project.join(INSIGHT);
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("title: Customers worry about the first invoice before it arrives", "title: Worry grows from day 4");
    save_atomically(&file, &text);
    // The first update comes while other pages (the list, the mindmap, …) are still pending.
    let first = wait_event(&rx, "event: update");
    let pending: usize = first
        .split("\"pending\":")
        .nth(1)
        .and_then(|r| r.split(|c: char| !c.is_ascii_digit()).next())
        .and_then(|n| n.parse().ok())
        .unwrap_or_else(|| panic!("no pending count in {first}"));
    assert!(pending > 0, "the open page went out before the rest: {first}");
    // The open page is fresh, and a pending page is served fresh too (it waits).
    assert!(get(&server.addr, "/insights/first-invoice-worry.html").1.contains("<h1>Worry grows from day 4</h1>"));
    assert!(get(&server.addr, "/insights.html").1.contains("Worry grows from day 4"), "the list page waited");
    assert!(get(&server.addr, "/mindmap.html").1.contains(">Worry grows from day 4</a>"), "the mindmap waited");
    // Then the rebuild is done: an update with nothing pending, the same version.
    let done = wait_event(&rx, "\"pending\":0");
    let version = |ev: &str| ev.split("\"version\":\"").nth(1).and_then(|r| r.split('"').next()).map(String::from);
    assert_eq!(version(&done), version(&first), "one rebuild, one version");
}

#[test]
fn a_broken_save_keeps_the_last_good_site_and_reports_errors() {
    let (_tmp, project) = project();
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    let file = project.join(INSIGHT);
    let good = fs::read_to_string(&file).unwrap();
    save_atomically(&file, &good.replace("title:", "titel:"));
    let ev = wait_event(&rx, "unknown key");
    assert!(ev.contains(INSIGHT) && ev.contains("did you mean `title`"), "{ev}");
    let (status, html) = get(&server.addr, "/insights/first-invoice-worry.html");
    assert_eq!(status, 200, "the last good page is still served");
    assert!(html.contains("Customers worry about the first invoice before it arrives"));
    save_atomically(&file, &good);
    let ev = wait_event(&rx, "event: update");
    assert!(ev.contains("\"errors\":[]"), "errors cleared: {ev}");

    // Deleting a persona that insights name is an error; restoring it recovers.
    let persona = project.join("personas/sanne-starter.yaml");
    let kept = fs::read_to_string(&persona).unwrap();
    fs::remove_file(&persona).unwrap();
    let ev = wait_event(&rx, "unknown persona `sanne-starter`");
    assert!(ev.contains("insights/"), "{ev}");
    assert_eq!(get(&server.addr, "/personas/sanne-starter.html").0, 200, "still serving the last good site");
    save_atomically(&persona, &kept);
    let ev = wait_event(&rx, "event: update");
    assert!(ev.contains("\"errors\":[]"), "{ev}");
}

#[test]
fn never_serves_outside_the_site() {
    let (tmp, project) = project();
    fs::write(tmp.path().join("secret.txt"), "secret").unwrap();
    std::os::unix::fs::symlink(tmp.path().join("secret.txt"), project.join("assets/link.txt")).unwrap();
    let server = start(&project);
    for target in [
        "/../secret.txt",
        "/%2e%2e/secret.txt",
        "/assets/%2E%2E/%2E%2E/secret.txt",
        "/..%2fsecret.txt",
        "/assets/link.txt",
        "/cxsite.yaml",
        "/insights/billing/first-invoice-worry.yaml",
    ] {
        let (status, body) = request(&server.addr, "GET", target);
        assert!(status == 400 || status == 404, "{target}: {status}");
        assert!(
            !String::from_utf8_lossy(&body).contains("secret")
                || status == 404 && !String::from_utf8_lossy(&body).contains("\nsecret"),
            "{target}"
        );
    }
    let (status, body) = request(&server.addr, "GET", &format!("http://{}/{}", "127.0.0.1", "/etc/passwd"));
    assert!(status == 400 || status == 404, "absolute URL: {status}");
    assert!(!String::from_utf8_lossy(&body).contains("root:"));
    assert_eq!(request(&server.addr, "POST", "/index.html").0, 405);
    assert_eq!(request(&server.addr, "DELETE", "/index.html").0, 405);
    let (status, body) = request(&server.addr, "HEAD", "/index.html");
    assert_eq!((status, body.len()), (200, 0));
    assert_eq!(get(&server.addr, "/assets/logo.svg").0, 200, "project assets are served");
}

/// Every page the server holds equals a cold build byte for byte (the
/// injected live-reload tag aside), after a series of edits.
#[test]
fn incremental_result_equals_a_cold_build() {
    let (tmp, project) = project();
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    type Edit = Box<dyn Fn(&Path)>;
    let edits: Vec<Edit> = vec![
        // A source renamed in sources.yaml, first: it re-renders everything, so the edits after it
        // show what an incremental rebuild touches (the last one, a quote's source, too).
        Box::new(|p| {
            let f = p.join("sources.yaml");
            let t = fs::read_to_string(&f).unwrap().replacen(
                "title: Interview R09",
                "title: Interview R09 (home visit)",
                1,
            );
            save_atomically(&f, &t);
        }),
        Box::new(|p| {
            let f = p.join(INSIGHT);
            let t = fs::read_to_string(&f).unwrap().replace("impact: high", "impact: low");
            save_atomically(&f, &t);
        }),
        Box::new(|p| {
            let f = p.join("personas/sanne-starter.yaml");
            let t =
                fs::read_to_string(&f).unwrap().replace("name: Sanne the Starter", "name: Sanne the Careful Starter");
            save_atomically(&f, &t);
        }),
        Box::new(|p| {
            fs::write(p.join("insights/new-one.yaml"), "title: A new insight\nsummary: Added while serving.\nemotional: e\nfunctional: f\nbreakthrough: b\npersonas: [thomas-analyst]\njourney: new-subscription\nstage: first-invoice\n").unwrap();
        }),
        Box::new(|p| {
            let f = p.join("journeys/new-subscription.yaml");
            let t = fs::read_to_string(&f).unwrap().replacen("name: Orientation", "name: Looking around", 1);
            save_atomically(&f, &t);
        }),
        Box::new(|p| {
            let f = p.join("narratives/recommendations.md");
            let t = fs::read_to_string(&f).unwrap().replacen("order: 4", "order: 0", 1);
            save_atomically(&f, &t);
        }),
        Box::new(|p| fs::remove_file(p.join("insights/new-one.yaml")).unwrap()),
        // An extra embedded chart early in the report: later chapters keep their chart ids.
        Box::new(|p| {
            let f = p.join("narratives/executive-summary.md");
            let t = fs::read_to_string(&f).unwrap() + "\n{{ kano(id=\"subscription-features-2026\") }}\n";
            save_atomically(&f, &t);
        }),
        // A changed answer in a responses CSV redraws that study's charts.
        Box::new(|p| {
            let f = p.join("kano/subscription-features-2026.csv");
            let t = fs::read_to_string(&f).unwrap().replacen(",like,dislike", ",like,neutral", 3);
            save_atomically(&f, &t);
        }),
        // Text only: insights.html's filter choices are reused; then a new tag: counted again.
        Box::new(|p| {
            let f = p.join(INSIGHT);
            let t = fs::read_to_string(&f).unwrap().replacen("title: ", "title: Still ", 1);
            save_atomically(&f, &t);
        }),
        Box::new(|p| {
            let f = p.join(INSIGHT);
            let t = fs::read_to_string(&f)
                .unwrap()
                .replace("tags: [billing, onboarding]", "tags: [billing, brand-new-tag]");
            save_atomically(&f, &t);
        }),
        // A quote moves to another source: both source pages, the list's counts and the filter change.
        Box::new(|p| {
            let f = p.join(INSIGHT);
            let t = fs::read_to_string(&f).unwrap().replacen("source: interview-r15", "source: interview-r09", 1);
            save_atomically(&f, &t);
        }),
    ];
    for edit in &edits {
        edit(&project);
        wait_event(&rx, "event: update");
    }
    let cold = tmp.path().join("cold");
    build_ok(&project, &cold, &[]);
    let cold_tree = read_tree(&cold);
    let (_, listing) = get(&server.addr, "/__cxsite/pages");
    let served: Vec<&str> = listing.lines().filter(|l| !l.is_empty()).collect();
    let cold_paths: Vec<&String> = cold_tree.keys().filter(|k| !k.starts_with('.')).collect();
    assert_eq!(served, cold_paths, "same set of files");
    let tag = regex_free_tag();
    for path in served {
        let (status, body) = request(&server.addr, "GET", &format!("/{path}"));
        assert_eq!(status, 200, "{path}");
        let body = if path.ends_with(".html") { strip_tag(&body, tag) } else { body };
        assert!(body == cold_tree[path], "{path} differs from the cold build");
    }
}

/// A stage's mini-map file follows the stage: added with it, gone when the stage is renamed.
#[test]
fn a_renamed_stage_leaves_no_mini_map_file_behind() {
    let (_tmp, project) = project();
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    let f = project.join("journeys/new-subscription.yaml");
    let stage = "  - id: looking-back\n    name: Looking back\n    steps:\n      - name: Thinks back\n        type: experience\n        day: 14\n        emotion: 1\n";
    save_atomically(&f, &(fs::read_to_string(&f).unwrap() + stage));
    wait_event(&rx, "event: update");
    let old = "/journeys/new-subscription.minimap.looking-back.svg";
    let (status, body) = request(&server.addr, "GET", old);
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("data-stage=\"looking-back\""));
    save_atomically(&f, &fs::read_to_string(&f).unwrap().replacen("id: looking-back", "id: years-later", 1));
    wait_event(&rx, "event: update");
    assert_eq!(request(&server.addr, "GET", "/journeys/new-subscription.minimap.years-later.svg").0, 200);
    assert_eq!(request(&server.addr, "GET", old).0, 404, "the renamed stage's old file is gone");
}

fn regex_free_tag() -> &'static str {
    "<script data-cxsite=\"livereload\" data-version=\""
}

/// Removes the injected `<script data-cxsite="livereload" …>…</script>\n`.
fn strip_tag(body: &[u8], tag: &str) -> Vec<u8> {
    let text = String::from_utf8_lossy(body).into_owned();
    match text.find(tag) {
        Some(i) => {
            let end = text[i..].find("</script>\n").map(|e| i + e + "</script>\n".len()).unwrap();
            format!("{}{}", &text[..i], &text[end..]).into_bytes()
        }
        None => body.to_vec(),
    }
}

#[test]
fn a_page_in_the_browser_reloads_itself_and_shows_the_overlay() {
    if !browser_tools() {
        return;
    }
    let (_tmp, project) = project();
    let server = start(&project);
    let url = format!("http://{}/insights/first-invoice-worry.html", server.addr);
    let out = Command::new("node")
        .arg(repo("tests/browser/live_reload.mjs"))
        .args([&url, project.join(INSIGHT).to_str().unwrap()])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&out.stderr));
    assert!(stdout.contains("\"ok\":true"), "{stdout}");
}

/// Editor leftovers change nothing; a burst of files in a new sub-folder (as
/// a `git checkout` makes) is one rebuild.
#[test]
fn temp_files_are_ignored_and_a_burst_is_one_rebuild() {
    let (_tmp, project) = project();
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    while server.stdout.recv_timeout(Duration::from_millis(300)).is_ok() {}
    for name in [".first-invoice-worry.yaml.swp", "first-invoice-worry.yaml~", "4913", "#notes.md#"] {
        fs::write(project.join("insights/billing").join(name), "titel: half-saved").unwrap();
    }
    assert!(
        rx.recv_timeout(Duration::from_millis(1500)).map(|e| !e.contains("event: update")).unwrap_or(true),
        "no rebuild for temp files"
    );
    let folder = project.join("insights/burst");
    fs::create_dir(&folder).unwrap();
    for i in 0..50 {
        let text = format!("title: Burst {i}\nsummary: One of many.\nemotional: e\nfunctional: f\nbreakthrough: b\n");
        fs::write(folder.join(format!("burst-{i:02}.yaml")), text).unwrap();
    }
    let ev = wait_event(&rx, "event: update");
    assert!(ev.contains("\"errors\":[]"), "{ev}");
    assert!(rx.recv_timeout(Duration::from_millis(1500)).is_err(), "one rebuild for the burst");
    let line = server.stdout.recv_timeout(Duration::from_secs(5)).unwrap();
    assert!(line.starts_with("insights/burst") && line.contains("changed: re-rendered"), "{line}");
    assert_eq!(get(&server.addr, "/insights/burst-49.html").0, 200);
}

#[test]
fn an_open_page_reconnects_and_reloads_after_a_server_restart() {
    if !browser_tools() {
        return;
    }
    let (_tmp, project) = project();
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let server = start_on(&project, port);
    let mut node = Command::new("node")
        .arg(repo("tests/browser/reconnect.mjs"))
        .arg(format!("http://{}/index.html", server.addr))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(node.stdout.take().unwrap()).lines();
    assert_eq!(lines.next().unwrap().unwrap(), "READY");
    std::thread::sleep(Duration::from_millis(500));
    drop(server);
    std::thread::sleep(Duration::from_millis(700));
    let _again = start_on(&project, port);
    let status = node.wait().unwrap();
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    let mut err = String::new();
    let _ = node.stderr.take().unwrap().read_to_string(&mut err);
    assert!(status.success(), "{rest:?} {err}");
    assert!(rest.iter().any(|l| l.contains("\"ok\":true")), "{rest:?}");
}

/// A named pipe that appears while serving is skipped, not opened: the
/// rebuild finishes and the server keeps answering (issue 11.4).
#[cfg(unix)]
#[test]
fn a_named_pipe_saved_while_serving_is_skipped() {
    let (_tmp, project) = project();
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    for p in ["insights/billing/pipe.yaml", "assets/pipe.svg"] {
        let o = Command::new("mkfifo").arg(project.join(p)).output().expect("mkfifo runs");
        assert!(o.status.success());
    }
    let file = project.join(INSIGHT);
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("title: Customers worry about the first invoice before it arrives", "title: Worry grows from day 4");
    save_atomically(&file, &text);
    wait_event(&rx, "event: update");
    let (status, html) = get(&server.addr, "/insights/first-invoice-worry.html");
    assert_eq!(status, 200);
    assert!(html.contains("<h1>Worry grows from day 4</h1>"), "the rebuild finished");
    assert_eq!(get(&server.addr, "/assets/pipe.svg").0, 404, "the pipe is not part of the site");
}

/// A project folder that loses its cxsite.yaml is a usage failure, not a
/// content error: the overlay gets it without an invented `cxsite.yaml:1:1`
/// position, the last good site stays, and restoring the file recovers.
#[test]
fn a_removed_cxsite_yaml_is_reported_without_a_position() {
    let (_tmp, project) = project();
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    let config = project.join("cxsite.yaml");
    let kept = fs::read_to_string(&config).unwrap();
    fs::remove_file(&config).unwrap();
    let ev = wait_event(&rx, "this is not a cxsite project");
    assert!(ev.contains("\"file\":\"\"") && ev.contains("\"help\":\"run `cxsite init"), "{ev}");
    assert_eq!(get(&server.addr, "/index.html").0, 200, "still serving the last good site");
    save_atomically(&config, &kept);
    let ev = wait_event(&rx, "event: update");
    assert!(ev.contains("\"errors\":[]"), "{ev}");
}

/// `serve` publishes exactly the files `build` writes, byte for byte: the
/// pages, the default theme's files, a custom theme's files (one replacing a
/// default one) and the project's files (photos, the logo, assets).
#[test]
fn serve_publishes_what_build_writes() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    copy_dir(&repo("tests/fixtures/valid/own-study"), &project);
    let theme = project.join("themes/plain/static");
    fs::create_dir_all(&theme).unwrap();
    fs::write(theme.join("cxsite.js"), "// replaced\n").unwrap();
    fs::write(theme.join("extra.txt"), "only in this theme\n").unwrap();
    let config = fs::read_to_string(project.join("cxsite.yaml")).unwrap();
    fs::write(project.join("cxsite.yaml"), format!("{config}theme: plain\n")).unwrap();

    let out = tmp.path().join("site");
    build_ok(&project, &out, &[]);
    let mut built = read_tree(&out);
    // The marker that claims the output folder for cxsite is not part of the site.
    built.remove(cxsite::output::MARKER).expect("build marks its output folder");

    let mut live = cxsite::serve::live::Live::new(&project, cxsite::Options::default());
    live.rebuild().expect("serve builds the project");
    let mut served = std::collections::BTreeMap::new();
    for (path, bytes) in &live.snapshot.pages {
        served.insert(path.clone(), bytes.to_vec());
    }
    for (path, file) in &live.snapshot.files {
        served.insert(path.clone(), fs::read(file).unwrap());
    }
    let (built_paths, served_paths): (Vec<_>, Vec<_>) = (built.keys().collect(), served.keys().collect());
    assert_eq!(served_paths, built_paths);
    for (path, bytes) in &built {
        assert!(served[path] == *bytes, "{path} differs between serve and build");
    }
    assert_eq!(served["static/cxsite.js"], b"// replaced\n");
    assert!(served.contains_key("static/extra.txt") && served.contains_key("assets/personas/maya.svg"));
}

#[test]
fn the_editor_schemas_follow_a_new_persona_while_serving() {
    let tmp = tempfile::tempdir().unwrap();
    let project = tmp.path().join("p");
    assert!(common::run(&["init", project.to_str().unwrap()]).status.success());
    let schema = project.join(".cxsite/schema/insight.schema.json");
    let offers = |id: &str| fs::read_to_string(&schema).unwrap().contains(&format!("\"{id}\""));
    assert!(!offers("new-persona"));
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    save_atomically(&project.join("personas/new-persona.yaml"), "name: New persona\n");
    wait_event(&rx, "event: update");
    let deadline = Instant::now() + Duration::from_secs(20);
    while !offers("new-persona") {
        assert!(Instant::now() < deadline, "the schema never listed the new persona");
        std::thread::sleep(Duration::from_millis(50));
    }
    // And the id goes again when the file does.
    fs::remove_file(project.join("personas/new-persona.yaml")).unwrap();
    let deadline = Instant::now() + Duration::from_secs(20);
    while offers("new-persona") {
        assert!(Instant::now() < deadline, "the schema kept the removed persona");
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// An edited entry of sources.yaml re-renders what shows it (its page, the
/// register, the report's appendix, the insights that quote it), not the whole
/// site; the result equals a cold build. R22 backs no insight, so nothing but
/// the source's own rules brings report.html's appendix up to date.
#[test]
fn an_edited_source_re_renders_only_what_shows_it() {
    let (tmp, project) = project();
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    let f = project.join("sources.yaml");
    let t = fs::read_to_string(&f).unwrap().replacen("title: Interview R22", "title: Interview R22 (by phone)", 1);
    save_atomically(&f, &t);
    wait_event(&rx, "event: update");
    let line = server.stdout.recv_timeout(Duration::from_secs(5)).unwrap();
    let line =
        if line.starts_with("Built") { server.stdout.recv_timeout(Duration::from_secs(5)).unwrap() } else { line };
    assert!(line.starts_with("sources.yaml changed: re-rendered ") && !line.contains("everything"), "{line}");
    let nums: Vec<usize> = line.split(' ').filter_map(|w| w.parse().ok()).collect();
    assert!(nums[0] < nums[1], "only some pages re-rendered: {line}");
    let (_, html) = get(&server.addr, "/sources/interview-r22.html");
    assert!(html.contains("<h1>Interview R22 (by phone)</h1>"), "the source's page");
    let cold = tmp.path().join("cold");
    build_ok(&project, &cold, &[]);
    let cold_tree = read_tree(&cold);
    let tag = regex_free_tag();
    for (path, bytes) in cold_tree.iter().filter(|(p, _)| p.ends_with(".html")) {
        let (status, body) = request(&server.addr, "GET", &format!("/{path}"));
        assert_eq!(status, 200, "{path}");
        assert!(strip_tag(&body, tag) == *bytes, "{path} differs from the cold build");
    }
}

/// coverage.html counts insights per persona and stage: renaming a persona
/// or a stage re-renders it (issue 14).
#[test]
fn coverage_follows_persona_and_stage_edits() {
    let (_tmp, project) = project();
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    let f = project.join("personas/sanne-starter.yaml");
    let t = fs::read_to_string(&f).unwrap().replace("name: Sanne the Starter", "name: Sanne Renamed");
    save_atomically(&f, &t);
    wait_event(&rx, "event: update");
    assert!(get(&server.addr, "/coverage.html").1.contains("Sanne Renamed"), "a persona's new name");
    let f = project.join("journeys/new-subscription.yaml");
    let t = fs::read_to_string(&f).unwrap().replacen("name: Orientation", "name: Looking around", 1);
    save_atomically(&f, &t);
    wait_event(&rx, "event: update");
    assert!(get(&server.addr, "/coverage.html").1.contains(">Looking around</th>"), "a stage's new name");
}

#[test]
fn changes_and_the_published_data_follow_edits_while_serving() {
    // example-project compares with its interim snapshot (since: deliveries/…).
    let (_tmp, project) = project();
    let server = start(&project);
    let rx = events(&server.addr);
    wait_event(&rx, "event: hello");
    let (status, before) = get(&server.addr, "/changes.html");
    assert_eq!(status, 200);
    assert!(!before.contains("id=\"changed-first-invoice-worry\""), "unchanged since the interim report");
    let file = project.join(INSIGHT);
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("title: Customers worry about the first invoice before it arrives", "title: Worry grows from day 4");
    save_atomically(&file, &text);
    wait_event(&rx, "event: update");
    let (_, after) = get(&server.addr, "/changes.html");
    assert!(after.contains("id=\"changed-first-invoice-worry\""), "now listed as changed");
    assert!(after.contains("<del>Customers worry about the first invoice before it arrives</del>"), "with its diff");
    let (_, page) = get(&server.addr, "/insights/first-invoice-worry.html");
    assert!(page.contains("badge-changed"), "and badged on its page");
    let (status, data) = get(&server.addr, "/cxsite-data.json");
    assert_eq!(status, 200);
    assert!(data.contains("\"title\":\"Worry grows from day 4\""), "the published data follows too");
}

/// The next line `serve` prints that contains `needle`.
fn wait_line(server: &Server, needle: &str) -> String {
    let deadline = Instant::now() + Duration::from_secs(20);
    while let Some(left) = deadline.checked_duration_since(Instant::now()) {
        match server.stdout.recv_timeout(left) {
            Ok(line) if line.contains(needle) => return line,
            Ok(_) => continue,
            Err(_) => break,
        }
    }
    panic!("serve printed no line containing {needle:?}");
}

#[test]
fn a_portfolio_folder_is_previewed_and_a_save_rebuilds_only_its_study() {
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pf");
    copy_dir(&repo("tests/fixtures/portfolio"), &dir);
    let server = start(&dir);
    let (status, index) = get(&server.addr, "/");
    assert_eq!(status, 200);
    assert!(index.contains("<script data-cxsite=\"livereload\""), "the portfolio page gets the live-reload client");
    for id in ["acme-2026", "tidewater-nl"] {
        assert!(index.contains(&format!("data-study=\"{id}\"")), "no card for {id}");
    }
    const PAGE: &str = "/acme-2026/insights/invoice-worry.html";
    let (status, study) = get(&server.addr, PAGE);
    assert_eq!(status, 200);
    assert!(study.contains("<h1>Customers worry about the first invoice</h1>"), "a study's page is served");
    assert!(study.contains("<script data-cxsite=\"livereload\""), "a study's pages get the live-reload client");
    // The broken study of the fixture: its problem is in the browser's overlay, at its line.
    let rx = events(&server.addr);
    let hello = wait_event(&rx, "event: hello");
    assert!(hello.contains("studies/harbour-2024/insights/slow-signup.yaml"), "{hello}");
    assert_eq!(get(&server.addr, "/harbour-2024/index.html").0, 404, "a study that never built is not served");

    // Fixing it publishes it and clears the overlay; only it is rebuilt.
    let fixed =
        "title: Sign-up is slow\nsummary: Customers give up at the identity check.\nconfidence: high\nimpact: high\n";
    save_atomically(&dir.join("studies/harbour-2024/insights/slow-signup.yaml"), fixed);
    let update = wait_event(&rx, "event: update");
    assert!(update.contains("\"errors\":[]"), "{update}");
    let line = wait_line(&server, "changed:");
    assert!(
        line.starts_with(
            "studies/harbour-2024/insights/slow-signup.yaml changed: 3 studies: 1 rebuilt, 2 unchanged, 0 failed"
        ),
        "{line}"
    );
    assert_eq!(get(&server.addr, "/harbour-2024/index.html").0, 200);

    // A save in another study shows up on its page.
    let file = dir.join("studies/acme-2026/insights/invoice-worry.yaml");
    let text = fs::read_to_string(&file)
        .unwrap()
        .replace("title: Customers worry about the first invoice\n", "title: Worry peaks on day three\n");
    save_atomically(&file, &text);
    wait_event(&rx, "event: update");
    let line = wait_line(&server, "changed:");
    assert!(line.contains("changed: 3 studies: 1 rebuilt, 2 unchanged, 0 failed"), "{line}");
    let (_, study) = get(&server.addr, PAGE);
    assert!(study.contains("<h1>Worry peaks on day three</h1>"), "the edit is served");
    // Served from the preview folder, never from the sources around it.
    assert_eq!(get(&server.addr, "/portfolio.yaml").0, 404);
    assert_eq!(get(&server.addr, "/../portfolio.yaml").0, 400);
    assert!(dir.join(".cxsite/preview/index.html").is_file(), "the preview is built in .cxsite/preview");
}
