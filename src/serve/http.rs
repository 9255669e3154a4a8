//! The preview server: GET and HEAD only, files looked up in the in-memory
//! site (never a path on disk built from the URL), a live-reload script
//! injected into pages, and Server-Sent Events that tell browsers to reload
//! or to show the current errors.

use std::collections::BTreeSet;
use std::io::Write;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, StatusCode};

use super::live::Snapshot;

/// The URL prefix of the server's own files; no site path starts with it.
pub const PREFIX: &str = "/__cxsite/";
const CLIENT_JS: &str = include_str!("livereload.js");
/// The longest a request waits for a page still being rendered.
const PENDING_WAIT: Duration = Duration::from_secs(30);

/// What the HTTP threads share with the rebuild loop.
pub struct Shared {
    /// The site being served.
    pub snapshot: RwLock<Snapshot>,
    /// Open event streams, each with the site path of the page it is on.
    clients: Mutex<Vec<(Sender<String>, String)>>,
    /// Signalled when a snapshot is stored: requests for pending pages wait on it.
    stored: (Mutex<()>, Condvar),
    /// Differs between server runs, so a browser reloads after a restart.
    pub run_id: String,
}

impl Shared {
    /// Shared state around a first snapshot.
    pub fn new(snapshot: Snapshot) -> Arc<Shared> {
        let nanos =
            std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.as_nanos()).unwrap_or(0);
        let run_id = format!("{:x}-{:x}", std::process::id(), nanos & 0xffff_ffff);
        Arc::new(Shared {
            snapshot: RwLock::new(snapshot),
            clients: Mutex::new(Vec::new()),
            stored: (Mutex::new(()), Condvar::new()),
            run_id,
        })
    }

    /// The version string browsers compare: run id and build number.
    pub fn version(&self) -> String {
        let v = self.snapshot.read().map(|s| s.version).unwrap_or(0);
        format!("{}.{v}", self.run_id)
    }

    /// Serves `snapshot` from now on, and wakes the requests waiting for a pending page.
    pub fn store(&self, snapshot: Snapshot) {
        if let Ok(mut s) = self.snapshot.write() {
            *s = snapshot;
        }
        let _guard = self.stored.0.lock();
        self.stored.1.notify_all();
    }

    /// Tells every open page about the latest state (reload or errors).
    pub fn notify(&self) {
        let message = self.state_event("update");
        if let Ok(mut clients) = self.clients.lock() {
            clients.retain(|(c, _)| c.send(message.clone()).is_ok());
        }
    }

    /// The site paths of the pages open in a browser (as their event streams said).
    pub fn open_pages(&self) -> BTreeSet<String> {
        match self.clients.lock() {
            Ok(clients) => clients.iter().map(|(_, page)| page.clone()).collect(),
            Err(_) => BTreeSet::new(),
        }
    }

    /// The page or file at `path`: waits while the page is still being
    /// rendered (at most [`PENDING_WAIT`]).
    fn lookup(&self, path: &str) -> (Option<Arc<Vec<u8>>>, Option<std::path::PathBuf>) {
        let deadline = std::time::Instant::now() + PENDING_WAIT;
        loop {
            let guard = self.stored.0.lock();
            match self.snapshot.read() {
                Ok(s) if s.pending.contains(path) && std::time::Instant::now() < deadline => {}
                Ok(s) => return (s.pages.get(path).cloned(), s.files.get(path).cloned()),
                Err(_) => return (None, None),
            }
            match guard {
                // Woken by `store`, or a poll in case a wake-up came before the wait.
                Ok(g) => drop(self.stored.1.wait_timeout(g, Duration::from_millis(50))),
                Err(_) => return (None, None),
            }
        }
    }

    fn state_event(&self, name: &str) -> String {
        let (errors, version, pending) = match self.snapshot.read() {
            Ok(s) => (s.errors.clone(), s.version, s.pending.len()),
            Err(_) => (Vec::new(), 0, 0),
        };
        // `pending`: pages of this version still being rendered (a request for one waits).
        let data = serde_json::json!({
            "version": format!("{}.{version}", self.run_id),
            "errors": errors,
            "pending": pending,
        });
        format!("event: {name}\ndata: {data}\n\n")
    }
}

/// Why a URL path was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum PathError {
    /// Not decodable, or climbs out with `..`.
    Bad,
}

/// Turns a request URL into a site path: decoded, without query or
/// fragment, `..` refused, a folder mapped to its `index.html`.
pub fn site_path(url: &str) -> Result<String, PathError> {
    let raw = url.split(['?', '#']).next().unwrap_or("");
    let decoded = crate::web::percent_decode(raw).ok_or(PathError::Bad)?;
    if decoded.contains('\0') || decoded.contains('\\') {
        return Err(PathError::Bad);
    }
    let mut parts: Vec<&str> = Vec::new();
    for part in decoded.split('/') {
        match part {
            "" | "." => {}
            ".." => return Err(PathError::Bad),
            p => parts.push(p),
        }
    }
    let mut path = parts.join("/");
    if path.is_empty() || decoded.ends_with('/') {
        if !path.is_empty() {
            path.push('/');
        }
        path.push_str("index.html");
    }
    Ok(path)
}

/// The `Content-Type` for a site file: its MIME type, UTF-8 for text.
fn content_type(path: &str) -> String {
    let mime = crate::web::mime(path);
    if mime.starts_with("text/") {
        format!("{mime}; charset=utf-8")
    } else {
        mime.to_string()
    }
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes()).expect("static header names and ASCII values are valid")
}

fn respond(req: Request, status: u16, ctype: &str, body: Vec<u8>) {
    let head = req.method() == &Method::Head;
    let len = body.len();
    let mut resp = Response::new(
        StatusCode(status),
        vec![header("Content-Type", ctype), header("Cache-Control", "no-store")],
        std::io::Cursor::new(if head { Vec::new() } else { body }),
        Some(len),
        None,
    )
    // The length is known: always send Content-Length, never chunks.
    .with_chunked_threshold(usize::MAX);
    if head {
        resp = resp.with_header(header("Content-Length", &len.to_string()));
    }
    // The browser may have gone away; nothing to do about it.
    let _ = req.respond(resp);
}

/// Adds the live-reload script before `</body>`, inline: a browser holds at
/// most six connections to a server, and a page that already asks for six
/// files (styles, scripts, images) would wait for a seventh request.
pub fn inject(html: &[u8], version: &str) -> Vec<u8> {
    let tag = format!(
        "<script data-cxsite=\"livereload\" data-version=\"{version}\">{}</script>\n",
        crate::export::inline::script_safe(CLIENT_JS)
    );
    let text = String::from_utf8_lossy(html);
    match text.rfind("</body>") {
        Some(i) => format!("{}{tag}{}", &text[..i], &text[i..]).into_bytes(),
        None => format!("{text}{tag}").into_bytes(),
    }
}

/// Answers one request.
pub fn handle(shared: &Arc<Shared>, req: Request) {
    if !matches!(req.method(), Method::Get | Method::Head) {
        let resp = Response::from_string("only GET and HEAD\n")
            .with_status_code(405)
            .with_header(header("Allow", "GET, HEAD"));
        let _ = req.respond(resp);
        return;
    }
    let url = req.url().to_string();
    if let Some(own) = url.strip_prefix(PREFIX) {
        match own.split('?').next().unwrap_or("") {
            "livereload.js" => respond(req, 200, "text/javascript; charset=utf-8", CLIENT_JS.as_bytes().to_vec()),
            "events" => {
                // `?page=` names the page the stream belongs to (rendered first after a change).
                let page = own.split_once("?page=").and_then(|(_, p)| site_path(p).ok()).unwrap_or_default();
                events(shared, req, page)
            }
            "pages" => {
                let mut paths: Vec<String> = match shared.snapshot.read() {
                    Ok(s) => s.pages.keys().chain(s.files.keys()).cloned().collect(),
                    Err(_) => Vec::new(),
                };
                paths.sort();
                respond(req, 200, "text/plain; charset=utf-8", (paths.join("\n") + "\n").into_bytes())
            }
            "status" => {
                let body = shared.state_event("status").into_bytes();
                respond(req, 200, "text/plain; charset=utf-8", body)
            }
            _ => respond(req, 404, "text/plain; charset=utf-8", b"not found\n".to_vec()),
        }
        return;
    }
    let path = match site_path(&url) {
        Ok(p) => p,
        Err(PathError::Bad) => return respond(req, 400, "text/plain; charset=utf-8", b"bad path\n".to_vec()),
    };
    let (page, file) = shared.lookup(&path);
    if let Some(bytes) = page {
        let body = if path.ends_with(".html") { inject(&bytes, &shared.version()) } else { bytes.to_vec() };
        respond(req, 200, &content_type(&path), body);
    } else if let Some(file) = file.filter(|f| f.exists()) {
        // Looks before opening: a named pipe in the file's place must not block the server.
        if let Ok(body) = crate::load::read_regular(&file) {
            // A portfolio's pages are files of its preview folder: they get the script too.
            let body = if path.ends_with(".html") { inject(&body, &shared.version()) } else { body };
            respond(req, 200, &content_type(&path), body);
        } else {
            respond(req, 500, "text/plain; charset=utf-8", b"cannot read the file\n".to_vec());
        }
    } else {
        let body = inject(b"<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>Not found</title></head><body><h1>Not found</h1><p><a href=\"/index.html\">Back to the overview</a></p></body></html>", &shared.version());
        respond(req, 404, "text/html; charset=utf-8", body);
    }
}

/// A Server-Sent Events stream: the current state at once, then every
/// change, with a comment every 15 s to notice closed connections.
fn events(shared: &Arc<Shared>, req: Request, page: String) {
    let (tx, rx): (Sender<String>, Receiver<String>) = mpsc::channel();
    if let Ok(mut clients) = shared.clients.lock() {
        clients.push((tx, page));
    }
    let hello = shared.state_event("hello");
    let mut w = req.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\nX-Accel-Buffering: no\r\n\r\nretry: 500\n\n";
    if w.write_all(head.as_bytes()).and_then(|_| w.write_all(hello.as_bytes())).and_then(|_| w.flush()).is_err() {
        return;
    }
    loop {
        let message = match rx.recv_timeout(Duration::from_secs(15)) {
            Ok(m) => m,
            Err(RecvTimeoutError::Timeout) => ": keep-alive\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if w.write_all(message.as_bytes()).and_then(|_| w.flush()).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_are_normalised_and_traversal_refused() {
        assert_eq!(site_path("/"), Ok("index.html".into()));
        assert_eq!(site_path("/insights/a.html?x=1#top"), Ok("insights/a.html".into()));
        assert_eq!(site_path("/insights/"), Ok("insights/index.html".into()));
        assert_eq!(site_path("/a%20b.html"), Ok("a b.html".into()));
        for bad in [
            "/../etc/passwd",
            "/%2e%2e/etc/passwd",
            "/a/%2E%2E/%2e%2e/x",
            "/..%2fx",
            "/a%00.html",
            "/a%5c..%5cb",
            "/%FF.html",
        ] {
            assert_eq!(site_path(bad), Err(PathError::Bad), "{bad}");
        }
        // A broken escape is a name like any other (then a 404), as browsers read it.
        assert_eq!(site_path("/%zz"), Ok("%zz".into()));
    }

    #[test]
    fn text_is_utf8_and_fonts_are_fonts() {
        assert_eq!(content_type("a/b.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/fonts/x.woff"), "font/woff");
        assert_eq!(content_type("logo.svg"), "image/svg+xml");
    }

    #[test]
    fn injects_before_body_end() {
        let out = String::from_utf8(inject(b"<html><body><p>x</p></body></html>", "v1")).unwrap();
        assert!(
            out.starts_with("<html><body><p>x</p><script data-cxsite=\"livereload\" data-version=\"v1\">"),
            "{out}"
        );
        assert!(out.ends_with("})();\n</script>\n</body></html>"), "{out}");
        // The client is inline and cannot end its own script element early.
        assert_eq!(out.matches("</script>").count(), 1, "{out}");
    }
}
