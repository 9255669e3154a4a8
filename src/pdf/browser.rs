//! Finding an installed Chromium or Google Chrome, and printing a page with
//! it in headless mode, with a time limit.

use std::ffi::OsString;
use std::fs::{self, File};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::error::Failure;

/// The environment variable that names the browser when `--browser` is not given.
pub const BROWSER_ENV: &str = "CXSITE_BROWSER";

/// Command names tried on `PATH`, in order.
pub const NAMES: &[&str] = &[
    "chromium",
    "chromium-browser",
    "google-chrome",
    "google-chrome-stable",
    "chrome",
    "microsoft-edge",
    "microsoft-edge-stable",
    "msedge",
];

/// Fixed install locations tried after `PATH` (macOS and Windows).
const APP_PATHS: &[&str] = &[
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Microsoft Edge.app/Contents/MacOS/Microsoft Edge",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Google\Chrome\Application\chrome.exe",
    r"C:\Program Files (x86)\Microsoft\Edge\Application\msedge.exe",
];

/// Finds the browser to print with: `explicit` (from `--browser`) if given,
/// else the `CXSITE_BROWSER` variable, else the first of [`NAMES`] on `path`
/// (the value of `PATH`), else a standard install location. `explicit` and
/// the variable may be a path or a command name. The error says what was
/// searched and what to install.
pub fn find(explicit: Option<&Path>, env_value: Option<OsString>, path: Option<OsString>) -> Result<PathBuf, Failure> {
    let resolve = |given: &Path, what: &str| -> Result<PathBuf, Failure> {
        let is_name = given.components().count() == 1 && !given.is_absolute();
        if is_name && !given.exists() {
            return on_path(given.as_os_str(), path.as_deref()).ok_or_else(|| {
                Failure::usage(
                    format!("{what} `{}`: no such command on PATH", given.display()),
                    "give the full path of a Chromium or Chrome executable",
                )
            });
        }
        if !given.exists() {
            return Err(Failure::usage(
                format!("{what} `{}`: no such file", given.display()),
                "give the full path of a Chromium or Chrome executable, e.g. --browser /usr/bin/chromium",
            ));
        }
        if !is_executable(given) {
            return Err(Failure::usage(
                format!("{what} `{}` is not an executable program", given.display()),
                "give the path of the browser's executable, e.g. --browser /usr/bin/chromium",
            ));
        }
        Ok(given.to_path_buf())
    };
    if let Some(given) = explicit {
        return resolve(given, "--browser");
    }
    if let Some(value) = env_value.filter(|v| !v.is_empty()) {
        return resolve(Path::new(&value), BROWSER_ENV);
    }
    for name in NAMES {
        if let Some(found) = on_path(name.as_ref(), path.as_deref()) {
            return Ok(found);
        }
    }
    if let Some(found) = APP_PATHS.iter().map(Path::new).find(|p| is_executable(p)) {
        return Ok(found.to_path_buf());
    }
    Err(Failure::usage(
        format!(
            "no Chromium or Google Chrome found to print the PDF with\n  \
             searched: {} on PATH, {BROWSER_ENV}, and the usual app folders",
            NAMES.join(", ")
        ),
        format!(
            "install one — Debian/Ubuntu: `sudo apt install chromium`; Fedora: `sudo dnf install chromium`; \
             macOS: `brew install --cask chromium` or Google Chrome from google.com/chrome — \
             or pass `--browser PATH` (or set {BROWSER_ENV}) to use one that is installed elsewhere"
        ),
    ))
}

fn on_path(name: &std::ffi::OsStr, path: Option<&std::ffi::OsStr>) -> Option<PathBuf> {
    let path = path?;
    for dir in std::env::split_paths(path) {
        if dir.as_os_str().is_empty() {
            continue;
        }
        let candidate = dir.join(name);
        if is_executable(&candidate) {
            return Some(candidate);
        }
        if cfg!(windows) {
            let exe = candidate.with_extension("exe");
            if is_executable(&exe) {
                return Some(exe);
            }
        }
    }
    None
}

fn is_executable(p: &Path) -> bool {
    let Ok(meta) = fs::metadata(p) else { return false };
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        meta.is_file() && meta.permissions().mode() & 0o111 != 0
    }
    #[cfg(not(unix))]
    {
        meta.is_file()
    }
}

/// Set when the user interrupts `cxsite pdf` (Ctrl-C, SIGTERM, SIGHUP).
static INTERRUPTED: AtomicBool = AtomicBool::new(false);

#[cfg(unix)]
extern "C" fn on_interrupt(_: libc::c_int) {
    INTERRUPTED.store(true, Ordering::SeqCst);
}

/// From now on an interrupt stops the print cleanly instead of killing the
/// process: the browser (in its own process group, which the terminal's
/// Ctrl-C does not reach) is stopped and the private build is removed.
pub fn catch_interrupts() {
    #[cfg(unix)]
    for sig in [libc::SIGINT, libc::SIGTERM, libc::SIGHUP] {
        // SAFETY: the handler only stores to an atomic, which is async-signal-safe.
        unsafe {
            libc::signal(sig, on_interrupt as extern "C" fn(libc::c_int) as libc::sighandler_t);
        }
    }
}

/// Whether the user asked to stop (see [`catch_interrupts`]).
pub fn interrupted() -> bool {
    INTERRUPTED.load(Ordering::SeqCst)
}

/// Whether this process runs as root (Linux: the effective uid in
/// `/proc/self/status`). Chromium refuses to start as root with its sandbox.
pub fn running_as_root() -> bool {
    fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            let line = s.lines().find(|l| l.starts_with("Uid:"))?;
            line.split_whitespace().nth(2).map(|euid| euid == "0")
        })
        .unwrap_or(false)
}

/// One headless print: `url` to the PDF file `pdf`, with a fresh profile in
/// `profile` and the browser's messages in `log`.
pub struct Print<'a> {
    /// The browser executable.
    pub browser: &'a Path,
    /// The page, as a `file://` URL.
    pub url: &'a str,
    /// Where the PDF goes.
    pub pdf: &'a Path,
    /// A new, empty folder for the browser profile.
    pub profile: &'a Path,
    /// Where the browser's output goes.
    pub log: &'a Path,
    /// Start without the sandbox (as root, or when asked).
    pub no_sandbox: bool,
    /// Kill the browser after this long.
    pub timeout: Duration,
}

impl Print<'_> {
    /// Runs the browser and waits for it; the error explains what went wrong.
    pub fn run(&self) -> Result<(), Failure> {
        let log = File::create(self.log).map_err(Failure::io_at("create", self.log))?;
        let log2 = log.try_clone().map_err(Failure::io_at("create", self.log))?;
        let mut cmd = Command::new(self.browser);
        cmd.args([
            "--headless",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--no-default-browser-check",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--disable-extensions",
            "--disable-dev-shm-usage",
            "--mute-audio",
            "--hide-scrollbars",
            "--no-pdf-header-footer",
            "--print-to-pdf-no-header",
            "--generate-pdf-document-outline",
        ]);
        if self.no_sandbox {
            cmd.arg("--no-sandbox");
        }
        cmd.arg(format!("--user-data-dir={}", self.profile.display()))
            .arg(format!("--print-to-pdf={}", self.pdf.display()))
            .arg(self.url)
            .stdin(Stdio::null())
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(log2));
        // Its own process group: a wrapper script and every helper process the
        // browser starts are stopped together on a timeout.
        #[cfg(unix)]
        std::os::unix::process::CommandExt::process_group(&mut cmd, 0);
        let mut child = cmd.spawn().map_err(Failure::io_at("start", self.browser))?;
        let start = Instant::now();
        loop {
            match child.try_wait() {
                Ok(Some(status)) if status.success() => return Ok(()),
                Ok(Some(status)) => {
                    return Err(Failure::usage_without_help(format!(
                        "{} stopped with {status}{}",
                        self.browser.display(),
                        self.log_tail()
                    )));
                }
                Ok(None) if interrupted() => {
                    stop(&mut child);
                    return Err(Failure::usage_without_help("interrupted"));
                }
                Ok(None) if start.elapsed() >= self.timeout => {
                    stop(&mut child);
                    return Err(Failure::usage(
                        format!(
                            "{} did not finish printing within {} s and was stopped{}",
                            self.browser.display(),
                            self.timeout.as_secs(),
                            self.log_tail()
                        ),
                        "a very large report may need more time: --timeout SECONDS",
                    ));
                }
                Ok(None) => std::thread::sleep(Duration::from_millis(25)),
                Err(e) => {
                    stop(&mut child);
                    return Err(Failure::io("wait for", self.browser, e));
                }
            }
        }
    }

    /// The last meaningful lines the browser printed, for an error message.
    pub fn log_tail(&self) -> String {
        let text = fs::read_to_string(self.log).unwrap_or_default();
        let lines: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty() && !l.contains("dbus") && !l.contains("bytes written to file"))
            .collect();
        if lines.is_empty() {
            return String::new();
        }
        let tail = &lines[lines.len().saturating_sub(6)..];
        format!("; the browser said:\n    {}", tail.join("\n    "))
    }
}

/// Stops the browser and everything in its process group, and reaps it.
fn stop(child: &mut std::process::Child) {
    #[cfg(unix)]
    if let Ok(pid) = i32::try_from(child.id()) {
        // SAFETY: kill(2) with a negative pid signals the group the browser leads (made at spawn).
        unsafe {
            libc::kill(-pid, libc::SIGKILL);
        }
    }
    let _ = child.kill();
    let _ = child.wait();
}

/// `path` (absolute) as a `file://` URL, with unsafe bytes percent-encoded.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy().replace('\\', "/");
    let mut url = String::from(if text.starts_with('/') { "file://" } else { "file:///" });
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || b"/-_.~:".contains(&b) {
            url.push(b as char);
        } else {
            url.push_str(&format!("%{b:02X}"));
        }
    }
    url
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_encoded() {
        assert_eq!(file_url(Path::new("/tmp/a b/report.html")), "file:///tmp/a%20b/report.html");
        assert_eq!(file_url(Path::new("/tmp/x#y%/é.html")), "file:///tmp/x%23y%25/%C3%A9.html");
    }

    #[test]
    fn finds_on_path_and_explains_when_missing() {
        let tmp = tempfile::tempdir().unwrap();
        let empty = tmp.path().join("empty");
        fs::create_dir(&empty).unwrap();
        let err = find(None, None, Some(empty.clone().into_os_string())).unwrap_err().to_string();
        assert!(err.contains("sudo apt install chromium") && err.contains("--browser PATH"), "{err}");
        let err = find(Some(Path::new("/nonexistent/chrome")), None, None).unwrap_err().to_string();
        assert!(err.contains("/nonexistent/chrome") && err.contains("no such file"), "{err}");
        let err = find(None, Some("/nope/chromium".into()), None).unwrap_err().to_string();
        assert!(err.contains(BROWSER_ENV), "{err}");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let bin = tmp.path().join("bin");
            fs::create_dir(&bin).unwrap();
            let exe = bin.join("google-chrome");
            fs::write(&exe, "#!/bin/sh\n").unwrap();
            fs::set_permissions(&exe, fs::Permissions::from_mode(0o755)).unwrap();
            let path = Some(std::env::join_paths([&empty, &bin]).unwrap());
            assert!(find(None, None, path.clone()).is_ok_and(|p| p == exe), "found on PATH");
            assert!(find(Some(Path::new("google-chrome")), None, path.clone()).is_ok_and(|p| p == exe), "by name");
            fs::set_permissions(&exe, fs::Permissions::from_mode(0o644)).unwrap();
            assert!(find(Some(&exe), None, None).unwrap_err().to_string().contains("not an executable"));
        }
    }
}
