//! The built site where it is hosted: at a web server's root and under a
//! sub-path behind nginx (Debian's package, started by the test on a loopback
//! port), where every link of every page answers 200; and, in headless
//! Chromium, its pages make no request outside the site, log no error and
//! pass axe-core without serious or critical violations.

use crate::common;

use std::collections::{BTreeSet, VecDeque};
use std::fs;
use std::net::{TcpListener, TcpStream};
use std::os::unix::fs::MetadataExt;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::*;

const SUB_PATH: &str = "/clients/acme/";

/// nginx serving `sites` (URL prefix → folder) on a free loopback port; stopped on drop.
struct Nginx {
    child: Child,
    addr: String,
    _tmp: tempfile::TempDir,
}

impl Drop for Nginx {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Debian's nginx, or None (SKIPPED) — under CI=true a missing nginx fails.
fn nginx_binary() -> Option<PathBuf> {
    let found = ["/usr/sbin/nginx", "/usr/bin/nginx"].iter().map(PathBuf::from).find(|p| p.exists());
    if found.is_none() {
        skip_unless_ci("hosting test needs nginx (Debian: apt install nginx)");
    }
    found
}

fn start_nginx(bin: &Path, sites: &[(&str, &Path)]) -> Nginx {
    let tmp = tempfile::tempdir().unwrap();
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let t = tmp.path().display();
    // As root, nginx would hand the work to `nobody`, who cannot read a private temp folder.
    let user = if fs::metadata("/proc/self").map(|m| m.uid() == 0).unwrap_or(false) { "user root;" } else { "" };
    let mut locations = String::new();
    for (prefix, dir) in sites {
        let dir = dir.canonicalize().unwrap();
        if *prefix == "/" {
            locations.push_str(&format!("    location / {{ root {}; }}\n", dir.display()));
        } else {
            locations.push_str(&format!("    location {prefix} {{ alias {}/; }}\n", dir.display()));
        }
    }
    let conf = format!(
        // One process (no master/worker pair), so stopping it leaves nothing behind.
        "{user}\nmaster_process off;\ndaemon off;\npid {t}/nginx.pid;\nerror_log {t}/error.log warn;\n\
         events {{ worker_connections 64; }}\n\
         http {{\n  include /etc/nginx/mime.types;\n  default_type application/octet-stream;\n  access_log off;\n\
         client_body_temp_path {t}/body;\n  proxy_temp_path {t}/proxy;\n  fastcgi_temp_path {t}/fastcgi;\n\
         uwsgi_temp_path {t}/uwsgi;\n  scgi_temp_path {t}/scgi;\n\
         server {{\n    listen 127.0.0.1:{port};\n{locations}  }}\n}}\n"
    );
    let conf_path = tmp.path().join("nginx.conf");
    fs::write(&conf_path, conf).unwrap();
    let mut child = Command::new(bin)
        .args(["-e", &format!("{t}/error.log"), "-p", &t.to_string(), "-c", conf_path.to_str().unwrap()])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("nginx starts");
    let addr = format!("127.0.0.1:{port}");
    let start = Instant::now();
    while TcpStream::connect(&addr).is_err() {
        if let Ok(Some(status)) = child.try_wait() {
            let log = fs::read_to_string(tmp.path().join("error.log")).unwrap_or_default();
            panic!("nginx exited with {status}: {log}");
        }
        assert!(start.elapsed() < Duration::from_secs(10), "nginx did not start listening on {addr}");
        std::thread::sleep(Duration::from_millis(20));
    }
    Nginx { child, addr, _tmp: tmp }
}

/// `rel` resolved against the folder URL path `dir` ("/a/b/"), `..` and `.` applied.
fn resolve(dir: &str, rel: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|s| !s.is_empty()).collect();
    for seg in rel.split('/') {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            s => parts.push(s),
        }
    }
    format!("/{}", parts.join("/"))
}

/// Follows every href and src from `base`index.html over HTTP; returns the
/// pages reached and the problems (a link that is not 200, or that leaves `base`).
fn crawl(addr: &str, base: &str) -> (BTreeSet<String>, Vec<String>) {
    let mut queue = VecDeque::from([format!("{base}index.html")]);
    let mut seen: BTreeSet<String> = queue.iter().cloned().collect();
    let mut pages = BTreeSet::new();
    let mut problems = Vec::new();
    while let Some(path) = queue.pop_front() {
        let (status, body) = request(addr, "GET", &path);
        if status != 200 {
            problems.push(format!("GET {path} → {status}"));
            continue;
        }
        if !path.ends_with(".html") {
            continue;
        }
        pages.insert(path.clone());
        let html = String::from_utf8_lossy(&body);
        let dir = &path[..path.rfind('/').unwrap() + 1];
        for url in attr_values(&html, "href").into_iter().chain(attr_values(&html, "src")) {
            let external = ["http:", "https:", "mailto:", "tel:", "data:", "//"].iter().any(|p| url.starts_with(p));
            let target = url.split(['#', '?']).next().unwrap_or("");
            if external || target.is_empty() {
                continue;
            }
            if target.starts_with('/') {
                problems.push(format!("{path}: {url} is not relative"));
                continue;
            }
            let abs = resolve(dir, target);
            if !abs.starts_with(base) {
                problems.push(format!("{path}: {url} leaves {base}"));
            } else if seen.insert(abs.clone()) {
                queue.push_back(abs);
            }
        }
    }
    (pages, problems)
}

fn html_files(site: &Path) -> usize {
    read_tree(site).keys().filter(|k| k.ends_with(".html")).count()
}

#[test]
fn every_link_of_every_page_answers_200_under_a_sub_path_and_at_the_root() {
    let Some(bin) = nginx_binary() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&repo("example-project"), &site, &[]);
    let nginx = start_nginx(&bin, &[(SUB_PATH, &site), ("/", &site)]);
    for base in [SUB_PATH, "/"] {
        let (pages, problems) = crawl(&nginx.addr, base);
        assert!(problems.is_empty(), "under {base}:\n{}", problems.join("\n"));
        assert_eq!(pages.len(), html_files(&site), "under {base}: every page is reachable from index.html");
    }
    // nginx serves the index with a type the browser runs.
    let (status, body) = request(&nginx.addr, "GET", &format!("{SUB_PATH}search/index.js"));
    assert_eq!(status, 200);
    assert!(String::from_utf8_lossy(&body).contains("\nwindow.cxsiteSearch={"));
}

#[test]
fn pages_under_a_sub_path_stay_inside_it_log_no_errors_and_pass_axe() {
    let Some(bin) = nginx_binary() else { return };
    if !browser_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&repo("example-project"), &site, &[]);
    let search = tmp.path().join("search");
    build_ok(&repo("tests/fixtures/valid/search"), &search, &["--drafts"]);
    let nginx = start_nginx(&bin, &[(SUB_PATH, &site), ("/clients/search/", &search)]);
    let base = format!("http://{}{SUB_PATH}", nginx.addr);
    let pages = serde_json::json!([
        ["index", "index.html"],
        ["insights", "insights.html"],
        ["insight", "insights/first-invoice-worry.html"],
        ["persona", "personas/sanne-starter.html"],
        ["journey", "journeys/new-subscription.html"],
        ["kano", "kano/subscription-features-2026.html"],
        ["nps", "nps/relationship-nps.html"],
        ["report", "report.html"],
        ["narrative", "narratives/the-first-ten-days.html"],
        ["biases", "biases.html"],
        ["personas", "personas.html"],
        ["journeys", "journeys.html"],
        ["kano-list", "kano.html"],
        ["nps-list", "nps.html"],
        ["coverage", "coverage.html"],
        ["mindmap", "mindmap.html"],
        ["changes", "changes.html"],
        ["sources", "sources.html"],
        ["metaphors", "metaphors.html"],
    ]);
    let shots = output_dir().join("pages");
    let out = node_script("audit.mjs", &[&base, &pages.to_string(), shots.to_str().unwrap()]);
    assert!(out.contains("\"seriousOrCritical\":0"), "{out}");
    assert!(shots.join("journey.png").exists() && shots.join("index-phone.png").exists());

    // Search and filters over HTTP under a sub-path, too.
    let cases = serde_json::json!([
        { "set": { "q": "invoice" }, "expect": ["invoice-doubt"] },
        { "set": { "persona": "bob", "tag": "billing" }, "expect": ["meter-mixup"] },
    ]);
    let search_base = format!("http://{}/clients/search/", nginx.addr);
    let shot = output_dir().join("insights-search-http.png");
    node_script("find.mjs", &[&search_base, &cases.to_string(), shot.to_str().unwrap()]);
}

#[test]
fn the_site_works_from_file_urls_without_errors_or_outside_requests() {
    if !browser_tools() {
        return;
    }
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_ok(&repo("example-project"), &site, &[]);
    let pages = serde_json::json!([
        ["index", "index.html"],
        ["insights", "insights.html"],
        ["insight", "insights/first-invoice-worry.html"],
        ["journey", "journeys/new-subscription.html"],
        ["report", "report.html"],
        ["coverage", "coverage.html"],
    ]);
    let shots = output_dir().join("file");
    node_script("audit.mjs", &[&file_url(&site), &pages.to_string(), shots.to_str().unwrap()]);
}

/// `cxsite portfolio` under a sub-path (tests/fixtures/portfolio, see
/// tests/it/portfolio.rs): every link of the index and of every study answers
/// 200 and stays inside the sub-path; in Chromium the search across studies
/// leads into a study there too, and the index page passes axe.
#[test]
fn a_portfolio_works_under_a_sub_path() {
    let Some(bin) = nginx_binary() else { return };
    let tmp = tempfile::tempdir().unwrap();
    let dir = tmp.path().join("pf");
    copy_dir(&repo("tests/fixtures/portfolio"), &dir);
    let out = dir.join("public");
    let o = run(&["portfolio", dir.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "the fixture has one broken study:\n{}", stderr(&o));
    let base = "/intranet/insights/";
    let nginx = start_nginx(&bin, &[(base, &out)]);
    let (pages, problems) = crawl(&nginx.addr, base);
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert_eq!(pages.len(), html_files(&out), "every page of both studies is reachable from the portfolio's index");
    if !browser_tools() {
        return;
    }
    let url = format!("http://{}{base}", nginx.addr);
    let cases = serde_json::json!([{ "q": "prijs", "expect": { "tidewater-nl": [
        "tidewater-nl/insights/prijs-niet-te-vinden.html", "tidewater-nl/insights/prijs-niet-te-vinden.html"] } }]);
    let shot = output_dir().join("portfolio-sub-path.png");
    node_script("portfolio.mjs", &[&url, &cases.to_string(), shot.to_str().unwrap()]);
    let shots = output_dir().join("portfolio-pages");
    let audit = node_script("audit.mjs", &[&url, r#"[["portfolio", "index.html"]]"#, shots.to_str().unwrap()]);
    assert!(audit.contains("\"seriousOrCritical\":0"), "{audit}");
}
