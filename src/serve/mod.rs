//! `cxsite serve`: the build pipeline in a loop. Watch the project, rebuild
//! in memory (only the pages a change touches), serve over HTTP on
//! 127.0.0.1, and tell open browsers to reload or show the errors.

pub mod deps;
pub mod http;
pub mod live;
pub mod portfolio;
pub mod schemas;

use std::collections::BTreeSet;
use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::sync::Arc;
use std::time::Duration;

use notify::event::{EventKind, MetadataKind, ModifyKind};
use notify::{RecursiveMode, Watcher};

use crate::load::is_ignored_name;
use crate::{Failure, Options};
use http::Shared;
use live::Live;
use schemas::SchemaRefresh;

/// How `serve` was asked to run.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// Address to bind (127.0.0.1 unless told otherwise).
    pub bind: IpAddr,
    /// Port; 0 picks a free one.
    pub port: u16,
    /// Open the site in the default browser.
    pub open: bool,
    /// Build options (drafts, strict).
    pub build: Options,
    /// Print nothing but errors.
    pub quiet: bool,
}

/// Debounce for file events: a rebuild starts after this much quiet, so an
/// editor's write-and-rename (or a `git checkout`) is taken as one change.
const DEBOUNCE: Duration = Duration::from_millis(20);
/// The quiet wanted after an event that ends a save (a file renamed into
/// place): only what belongs to the same moment.
const SAVED_DEBOUNCE: Duration = Duration::from_millis(3);
/// A steady stream of events (a long copy) still rebuilds this often.
const MAX_WAIT: Duration = Duration::from_millis(500);

/// Runs the preview server until the process is stopped: of the project at
/// `root`, or of the portfolio when `root` holds `portfolio.yaml` instead.
pub fn serve(root: &Path, opts: &ServeOptions) -> Result<(), Failure> {
    if portfolio::is_portfolio(root) {
        return portfolio::serve(root, opts);
    }
    if !root.join(crate::load::CONFIG_FILE).is_file() {
        return Err(Failure::usage(
            format!("no {} in {}: this is not a cxsite project", crate::load::CONFIG_FILE, root.display()),
            format!(
                "run `cxsite init {}` to start one (or add a {} to preview a portfolio)",
                root.display(),
                crate::portfolio::config::FILE
            ),
        ));
    }
    // Watch before the first build and before answering anyone, so no save is missed.
    let (tx, rx) = mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx)
        .map_err(|e| Failure::io("watch the files of", root, std::io::Error::other(e)))?;
    let resolved = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
    watcher
        .watch(&resolved, RecursiveMode::Recursive)
        .map_err(|e| Failure::io("watch", root, std::io::Error::other(e)))?;
    // The resolved path, so the parse cache's paths are the watcher's paths.
    let mut live = Live::new(&resolved, opts.build.clone());
    let first = live.rebuild();
    let shared = Shared::new(live.snapshot.clone());
    let url = listen(&shared, opts)?;
    println!("Serving {} at {url}  (Ctrl-C to stop)", root.display());
    match &first {
        Ok(r) => {
            if !opts.quiet {
                println!("Built {} pages in {} ms.", r.total, r.elapsed.as_millis());
            }
        }
        Err(errors) => report_errors(errors),
    }
    let schemas = SchemaRefresh::new(&resolved);
    if let Some(s) = &schemas {
        s.after_rebuild(opts.quiet);
    }
    rebuild_on_changes(&resolved, &rx, &mut live, &shared, opts, schemas.as_ref());
    drop(watcher);
    Ok(())
}

/// Binds the address of `opts`, answers requests from `shared` on a thread
/// of their own and opens a browser if asked; returns the site's URL.
fn listen(shared: &Arc<Shared>, opts: &ServeOptions) -> Result<String, Failure> {
    let addr = SocketAddr::new(opts.bind, opts.port);
    let server = tiny_http::Server::http(addr)
        .map_err(|e| Failure::usage(format!("cannot listen on {addr}: {e}"), "choose another port with --port"))?;
    let bound = server.server_addr().to_ip().unwrap_or(addr);
    let url = format!("http://{bound}/");
    if !opts.bind.is_loopback() {
        eprintln!("warning: serving on {bound}, reachable from other machines; the preview is meant for 127.0.0.1");
    }
    let http_shared = Arc::clone(shared);
    std::thread::spawn(move || {
        for req in server.incoming_requests() {
            let s = Arc::clone(&http_shared);
            std::thread::spawn(move || http::handle(&s, req));
        }
    });
    if opts.open {
        open_browser(&url);
    }
    Ok(url)
}

/// Waits for the next batch of file events that matter, debounced: the
/// changed paths and whether events were lost (then everything is re-read).
/// `None` when the watcher is gone.
fn next_change(
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    relevant: &dyn Fn(&Path) -> bool,
) -> Option<(BTreeSet<PathBuf>, bool)> {
    loop {
        let first = rx.recv().ok()?;
        let mut changed: BTreeSet<PathBuf> = BTreeSet::new();
        let mut saved = ends_a_save(relevant, &first);
        let mut lost = collect(relevant, first, &mut changed);
        // Debounce: take every event until DEBOUNCE passes quietly (at most
        // MAX_WAIT); right after an event that ends a save, a short quiet will do.
        let started = std::time::Instant::now();
        while started.elapsed() < MAX_WAIT {
            match rx.recv_timeout(if saved { SAVED_DEBOUNCE } else { DEBOUNCE }) {
                Ok(ev) => {
                    saved = ends_a_save(relevant, &ev);
                    lost |= collect(relevant, ev, &mut changed);
                }
                Err(_) => break,
            }
        }
        if lost || !changed.is_empty() {
            return Some((changed, lost));
        }
    }
}

/// The rebuild loop: wait for file events, debounce, rebuild, tell the browsers.
fn rebuild_on_changes(
    root: &Path,
    rx: &mpsc::Receiver<notify::Result<notify::Event>>,
    live: &mut Live,
    shared: &Arc<Shared>,
    opts: &ServeOptions,
    schemas: Option<&SchemaRefresh>,
) {
    while let Some((changed, lost)) = next_change(rx, &|p| relevant(root, p)) {
        if lost {
            live.forget_all();
        }
        live.forget(&changed);
        let what = if changed.is_empty() {
            "file events were lost; re-read everything".to_string()
        } else {
            describe(root, &changed)
        };
        let open = shared.open_pages();
        let rebuilt = live.rebuild_open_first(&open, &mut |early| {
            shared.store(early.clone());
            shared.notify();
        });
        match rebuilt {
            Ok(r) => {
                shared.store(live.snapshot.clone());
                shared.notify();
                if !opts.quiet {
                    println!(
                        "{what}: re-rendered {} of {} pages{} in {} ms",
                        r.rendered,
                        r.total,
                        if r.full { " (everything)" } else { "" },
                        r.elapsed.as_millis()
                    );
                }
            }
            Err(errors) => {
                // The last good pages, nothing pending, and the errors.
                shared.store(live.snapshot.clone());
                shared.notify();
                eprintln!("{what}: the site was not rebuilt; still serving the last good version");
                report_errors(&errors);
            }
        }
        if let Some(s) = schemas {
            s.after_rebuild(opts.quiet);
        }
    }
}

fn report_errors(errors: &[crate::diagnostics::Diagnostic]) {
    for d in errors {
        eprintln!("{d}");
    }
    eprintln!("error: {} (also shown in the browser)", crate::diagnostics::summary(errors));
}

/// Does `event` end the save of a project file: the file renamed into place
/// (an editor's write-to-temp-and-rename)?
fn ends_a_save(relevant: &dyn Fn(&Path) -> bool, event: &notify::Result<notify::Event>) -> bool {
    use notify::event::RenameMode;
    let Ok(ev) = event else { return false };
    // Not a file closed after writing: a `git checkout` writes many in a row.
    let done = matches!(ev.kind, EventKind::Modify(ModifyKind::Name(RenameMode::To | RenameMode::Both)));
    // For a rename of both names, the last path is where the file went.
    done && ev.paths.last().is_some_and(|p| relevant(p))
}

/// Adds the paths of an event that matter: not hidden, not editor leftovers,
/// not inside a built site.
/// Returns true when the watcher says events were lost (then everything is re-read).
fn collect(
    relevant: &dyn Fn(&Path) -> bool,
    event: notify::Result<notify::Event>,
    into: &mut BTreeSet<PathBuf>,
) -> bool {
    let Ok(ev) = event else { return true };
    if ev.need_rescan() {
        return true;
    }
    // Reading files (our own rebuild does) is not a change.
    if ev.kind.is_access() || matches!(ev.kind, EventKind::Modify(ModifyKind::Metadata(MetadataKind::AccessTime))) {
        return false;
    }
    for path in &ev.paths {
        if relevant(path) {
            into.insert(path.clone());
        }
    }
    false
}

/// Is a changed path part of the project's sources?
pub fn relevant(root: &Path, path: &Path) -> bool {
    let Ok(rel) = path.strip_prefix(root) else { return false };
    let mut components = rel.components().peekable();
    if let Some(first) = components.peek() {
        let first = first.as_os_str().to_string_lossy();
        if first == "public" || first == "target" {
            return false;
        }
    }
    rel.components().all(|c| !is_ignored_name(&c.as_os_str().to_string_lossy()))
        && !rel.ancestors().any(|a| !a.as_os_str().is_empty() && root.join(a).join(crate::output::MARKER).is_file())
}

fn describe(root: &Path, changed: &BTreeSet<PathBuf>) -> String {
    let first = changed.iter().next().map(|p| crate::diagnostics::rel_path(root, p)).unwrap_or_default();
    match changed.len() {
        1 => format!("{first} changed"),
        n => format!("{first} and {} more changed", n - 1),
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("note: could not open a browser ({opener}); open {url} yourself");
    }
}
