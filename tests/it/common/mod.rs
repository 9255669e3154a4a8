//! Helpers shared by the integration tests: run the real binary, read the
//! site it wrote, and follow its links.

use std::collections::BTreeMap;
use std::fs;
use std::io::{Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_cxsite");

/// A path inside the repository.
pub fn repo(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

/// Runs `cxsite ARGS` and returns its output.
pub fn run(args: &[&str]) -> Output {
    Command::new(BIN).args(args).env("NO_COLOR", "1").output().expect("the cxsite binary runs")
}

/// stderr as text.
pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Copies a folder recursively (fixtures are copied before building).
pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for e in fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let target = to.join(e.file_name());
        if e.file_type().unwrap().is_dir() {
            if e.file_name() != "public" {
                copy_dir(&e.path(), &target);
            }
        } else {
            fs::copy(e.path(), target).unwrap();
        }
    }
}

/// Builds `project` into `out` and asserts success; returns stdout.
pub fn build_ok(project: &Path, out: &Path, extra: &[&str]) -> String {
    let mut args = vec!["build", project.to_str().unwrap(), "-o", out.to_str().unwrap()];
    args.extend_from_slice(extra);
    let o = run(&args);
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// Every file of a folder, site-relative path → bytes, sorted.
pub fn read_tree(root: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    fn walk(root: &Path, dir: &Path, out: &mut BTreeMap<String, Vec<u8>>) {
        for e in fs::read_dir(dir).unwrap() {
            let e = e.unwrap();
            let p = e.path();
            if p.is_dir() {
                walk(root, &p, out);
            } else {
                let rel = p.strip_prefix(root).unwrap().to_string_lossy().replace('\\', "/");
                out.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    walk(root, root, &mut out);
    out
}

/// A page of the site as text.
pub fn page(site: &Path, rel: &str) -> String {
    fs::read_to_string(site.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// Values of `attr="…"` in `html` (no entity decoding: the site writes plain URLs).
pub fn attr_values(html: &str, attr: &str) -> Vec<String> {
    let needle = format!(" {attr}=\"");
    let mut out = Vec::new();
    let mut rest = html;
    while let Some(i) = rest.find(&needle) {
        rest = &rest[i + needle.len()..];
        if let Some(end) = rest.find('"') {
            out.push(rest[..end].to_string());
            rest = &rest[end..];
        }
    }
    out
}

/// Checks that every relative href/src of every page resolves to a file of
/// the site (and every `#fragment` to an id on the target page), and that no
/// page loads anything from outside the site. Returns the number of links checked.
pub fn check_links(site: &Path) -> usize {
    let tree = read_tree(site);
    let mut problems = Vec::new();
    let mut checked = 0;
    for (rel, bytes) in &tree {
        if !rel.ends_with(".html") {
            continue;
        }
        let html = String::from_utf8_lossy(bytes);
        let dir = Path::new(rel).parent().unwrap_or(Path::new(""));
        for (attr, url) in attr_values(&html, "href")
            .into_iter()
            .map(|u| ("href", u))
            .chain(attr_values(&html, "src").into_iter().map(|u| ("src", u)))
        {
            if url.starts_with("http://") || url.starts_with("https://") || url.starts_with("//") {
                if attr == "src" || html.contains(&format!("<link rel=\"stylesheet\" href=\"{url}\"")) {
                    problems.push(format!("{rel}: loads {url} from outside the site"));
                }
                continue;
            }
            if url.starts_with("mailto:") || url.starts_with("tel:") || url.starts_with("data:") {
                continue;
            }
            checked += 1;
            let (path, fragment) = match url.split_once('#') {
                Some((p, f)) => (p.to_string(), Some(f.to_string())),
                None => (url.clone(), None),
            };
            let path = path.split('?').next().unwrap_or("").to_string();
            let target = if path.is_empty() { rel.clone() } else { normalise(&dir.join(&path)) };
            if !path.is_empty() && !path.ends_with(".html") && !tree.contains_key(&target) {
                problems.push(format!("{rel}: {attr}=\"{url}\" does not resolve"));
                continue;
            }
            match tree.get(&target) {
                None => problems.push(format!("{rel}: {attr}=\"{url}\" → {target} does not exist")),
                Some(bytes) => {
                    if let Some(f) = fragment.filter(|f| !f.is_empty()) {
                        let text = String::from_utf8_lossy(bytes);
                        let insights_list = target == "insights.html" || target.ends_with("/insights.html");
                        if insights_list && f.contains('=') {
                            // A filter state (coverage.html's cells, a persona's or source's list, also in a
                            // portfolio's study folder): every key one insights.js reads.
                            let keys = insights_js_keys();
                            for pair in unescape(&f).split('&') {
                                let key = pair.split('=').next().unwrap_or_default();
                                if !keys.iter().any(|k| k == key) {
                                    problems.push(format!("{rel}: {attr}=\"{url}\": insights.js reads no `{key}`"));
                                }
                            }
                        } else if !text.contains(&format!("id=\"{f}\"")) {
                            problems.push(format!("{rel}: {attr}=\"{url}\": no id \"{f}\" in {target}"));
                        }
                    }
                }
            }
        }
    }
    assert!(problems.is_empty(), "{} broken links:\n{}", problems.len(), problems.join("\n"));
    checked
}

/// The filter keys insights.js reads from the hash (its `KEYS` list).
fn insights_js_keys() -> Vec<String> {
    let js = fs::read_to_string(repo("themes/default/static/insights.js")).unwrap();
    let list = js.split("var KEYS = [").nth(1).and_then(|r| r.split(']').next()).expect("insights.js has KEYS");
    list.split(',').map(|k| k.trim().trim_matches('"').to_string()).collect()
}

fn normalise(p: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for c in p.components() {
        match c {
            std::path::Component::ParentDir => {
                assert!(parts.pop().is_some(), "a link climbs out of the site: {}", p.display());
            }
            std::path::Component::Normal(s) => parts.push(s.to_string_lossy().into_owned()),
            _ => {}
        }
    }
    parts.join("/")
}

/// Appends the standard base64 of `bytes` to `out` (to find a file inlined as a `data:` URI).
pub fn base64(bytes: &[u8], out: &mut String) {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    for c in bytes.chunks(3) {
        let n =
            (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for k in 0..4 {
            out.push(if k <= c.len() { A[(n >> (18 - 6 * k)) as usize & 63] as char } else { '=' });
        }
    }
}

/// Is the browser-test toolchain here? Without it: SKIPPED, except in CI.
pub fn browser_tools() -> bool {
    let chromium = Path::new("/usr/bin/chromium").exists() || std::env::var_os("CHROMIUM").is_some();
    let modules = repo("tests/browser/node_modules/playwright-core").is_dir();
    let node = Command::new("node").arg("--version").output().is_ok();
    if chromium && modules && node {
        return true;
    }
    let why = format!(
        "chromium: {chromium}, node: {node}, tests/browser/node_modules: {modules} (run `npm ci` in tests/browser)"
    );
    skip_unless_ci(&format!("browser test needs headless Chromium and playwright-core; {why}"));
    false
}

/// Runs `node tests/browser/SCRIPT ARGS` and returns its stdout; fails the
/// test with everything the script printed unless it exits 0 with `"ok":true`.
pub fn node_script(script: &str, args: &[&str]) -> String {
    let out = Command::new("node").arg(repo(&format!("tests/browser/{script}"))).args(args).output().unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success() && stdout.contains("\"ok\":true"), "{script} failed:\n{stdout}\n{stderr}");
    stdout
}

/// `file:///…/` for a folder, with a trailing slash.
pub fn file_url(dir: &Path) -> String {
    let abs = dir.canonicalize().unwrap();
    format!("file://{}/", abs.display())
}

/// Where tests write screenshots for review (gitignored).
pub fn output_dir() -> PathBuf {
    let dir = repo("tests/output");
    fs::create_dir_all(&dir).unwrap();
    dir
}

/// One raw HTTP/1.1 request to `addr` (host:port); returns (status, body).
pub fn request(addr: &str, method: &str, target: &str) -> (u16, Vec<u8>) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    write!(s, "{method} {target} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let split = raw.windows(4).position(|w| w == b"\r\n\r\n").expect("headers end");
    let head = String::from_utf8_lossy(&raw[..split]).to_string();
    let status = head.split(' ').nth(1).unwrap().parse().unwrap();
    (status, raw[split + 4..].to_vec())
}

/// Runs `cxsite ARGS` like [`run`], but kills it after `limit` and fails the
/// test then: for inputs that once made the tool hang (named pipes …).
pub fn run_limited(args: &[&str], limit: Duration) -> Output {
    run_limited_in(args, Path::new("."), limit)
}

/// [`run_limited`] in the folder `cwd` (a temporary one, so a broken
/// project can never make the binary write into the repository).
pub fn run_limited_in(args: &[&str], cwd: &Path, limit: Duration) -> Output {
    use std::process::Stdio;
    let mut child = Command::new(BIN)
        .args(args)
        .current_dir(cwd)
        .env("NO_COLOR", "1")
        .env_remove("CLICOLOR_FORCE")
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the cxsite binary starts");
    let drain = |mut r: Box<dyn Read + Send>| {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            let _ = r.read_to_end(&mut buf);
            buf
        })
    };
    let out = drain(Box::new(child.stdout.take().expect("stdout is piped")));
    let err = drain(Box::new(child.stderr.take().expect("stderr is piped")));
    let start = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("waiting for cxsite") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let _ = child.wait();
            let err = String::from_utf8_lossy(&err.join().unwrap_or_default()).into_owned();
            panic!("`cxsite {}` did not finish within {limit:?} (it hangs)\n{err}", args.join(" "));
        }
        std::thread::sleep(Duration::from_millis(20));
    };
    Output { status, stdout: out.join().unwrap_or_default(), stderr: err.join().unwrap_or_default() }
}

/// Gives up a test whose tool (a browser, nginx, poppler, node) is missing:
/// prints a SKIPPED line, except under `CI=true` (set by `.ci/run`), where
/// the test fails instead.
pub fn skip_unless_ci(why: &str) {
    assert!(std::env::var("CI").as_deref() != Ok("true"), "cannot skip under CI=true: {why}");
    println!("SKIPPED: {why}");
}

/// Headless Chromium, or `None` (see [`skip_unless_ci`]) when none is installed.
pub fn chromium() -> Option<PathBuf> {
    let found = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"]
        .iter()
        .map(PathBuf::from)
        .find(|p| p.is_file());
    if found.is_none() {
        skip_unless_ci("chromium not found (Debian: apt install chromium)");
    }
    found
}

/// Takes a screenshot of `page` (a file) with `browser` at `size`
/// ("WIDTH,HEIGHT") into `png`, and checks that it is a real picture.
pub fn screenshot(browser: &Path, page: &Path, png: &Path, size: &str) {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run"])
        .args(["--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--window-size={size}"))
        .arg(format!("--screenshot={}", png.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(o.status.success(), "chromium failed: {}", String::from_utf8_lossy(&o.stderr));
    let bytes = fs::read(png).unwrap_or_default();
    assert!(bytes.starts_with(b"\x89PNG") && bytes.len() > 20_000, "{} looks empty", png.display());
}

/// Prints `page` (a file) to `pdf` with `browser`'s headless print, as a
/// reader's print dialog would (no header or footer line), and checks it ran.
pub fn print_to_pdf(browser: &Path, page: &Path, pdf: &Path) {
    let profile = tempfile::tempdir().unwrap();
    let o = Command::new(browser)
        .args(["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-pdf-header-footer"])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg(format!("--print-to-pdf={}", pdf.display()))
        .arg(format!("file://{}", page.display()))
        .output()
        .expect("chromium runs");
    assert!(o.status.success(), "chromium failed: {}", String::from_utf8_lossy(&o.stderr));
}

/// The text of some HTML: tags dropped (each counts as a space), white space collapsed.
pub fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Undoes the escaping of text in the site's HTML and SVG.
pub fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// YAML as the JSON an editor's language server validates: map keys as
/// strings (`2016: delight` → `"2016"`), tags dropped.
#[allow(dead_code)]
pub fn yaml_to_json(v: serde_yaml::Value) -> serde_json::Value {
    use serde_json::Value;
    match v {
        serde_yaml::Value::Null => Value::Null,
        serde_yaml::Value::Bool(b) => Value::Bool(b),
        serde_yaml::Value::Number(n) => serde_json::to_value(n).unwrap(),
        serde_yaml::Value::String(s) => Value::String(s),
        serde_yaml::Value::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        serde_yaml::Value::Mapping(m) => Value::Object(
            m.into_iter()
                .map(|(k, v)| {
                    let key = match k {
                        serde_yaml::Value::String(s) => s,
                        other => serde_yaml::to_string(&other).unwrap().trim().to_string(),
                    };
                    (key, yaml_to_json(v))
                })
                .collect(),
        ),
        serde_yaml::Value::Tagged(t) => yaml_to_json(t.value),
    }
}

/// The data a file of the search index (`search/FILE`) hands the page:
/// `window.cxsiteSearch={…};` of index.js, `cxsiteShard("key",…);` of the others.
pub fn search_data(site: &Path, file: &str) -> serde_json::Value {
    let js = fs::read_to_string(site.join("search").join(file)).unwrap();
    let last = js.trim().lines().last().unwrap().to_string();
    let json = match last.strip_prefix("window.cxsiteSearch=") {
        Some(rest) => rest.strip_suffix(';').unwrap().to_string(),
        None => {
            let rest = last.strip_prefix("cxsiteShard(\"").unwrap().strip_suffix(");").unwrap();
            rest.split_once("\",").unwrap().1.to_string()
        }
    };
    serde_json::from_str(&json).unwrap()
}

/// Every card of the search index (`search/cards-N.js`), in the index's order.
pub fn search_cards(site: &Path) -> Vec<String> {
    let index = search_data(site, "index.js");
    let count = index["insights"].as_array().unwrap().len();
    let per = index["per"].as_u64().unwrap() as usize;
    (0..count.div_ceil(per)).flat_map(|n| decode_cards(&search_data(site, &format!("cards-{n}.js")))).collect()
}

/// The cards of one cards file, `{"t": [piece…], "c": [[part…]…]}`, joined
/// as insights.js does: a number stands for that piece of the table.
pub fn decode_cards(file: &serde_json::Value) -> Vec<String> {
    let table = file["t"].as_array().expect("a table of pieces");
    let part = |p: &serde_json::Value| match p.as_u64() {
        Some(n) => table[n as usize].as_str().unwrap().to_string(),
        None => p.as_str().expect("a number or a string").to_string(),
    };
    file["c"].as_array().expect("cards").iter().map(|c| c.as_array().unwrap().iter().map(part).collect()).collect()
}

/// The values of facet `field` (a column of search/index.js's rows) of insight row `row`.
pub fn search_facet(index: &serde_json::Value, row: usize, field: usize) -> serde_json::Value {
    let table = &index["tables"][field];
    match &index["insights"][row][field] {
        serde_json::Value::Array(ns) => ns.iter().map(|n| table[n.as_u64().unwrap() as usize].clone()).collect(),
        serde_json::Value::Number(n) => n.as_u64().map_or(serde_json::Value::Null, |n| table[n as usize].clone()),
        other => other.clone(),
    }
}
