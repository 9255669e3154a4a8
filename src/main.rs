//! The `cxsite` command line: parse arguments, call the library, map
//! results to messages and exit codes (0 ok, 1 content errors, 2 usage/I-O).

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use cxsite::diagnostics::Diagnostic;
use cxsite::{Failure, Options};

/// Turns YAML customer insights and Markdown narratives into a static website.
#[derive(Parser)]
#[command(name = "cxsite", version, about, propagate_version = true)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Create a new project in DIR, copied from the bundled example study.
    Init {
        /// Folder for the new project (must be new or empty).
        dir: PathBuf,
    },
    /// Build the site (into DIR/public unless -o says otherwise).
    Build {
        /// The project folder (the one with cxsite.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder. It is replaced only if it is empty or was made by cxsite.
        #[arg(short, long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        shared: Shared,
    },
    /// Build in memory and serve on 127.0.0.1, rebuilding and reloading the browser on every save.
    Serve {
        /// The project folder (the one with cxsite.yaml), or a portfolio folder (with portfolio.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Port to listen on (0 picks a free one).
        #[arg(short, long, default_value_t = 3030)]
        port: u16,
        /// Address to bind; anything but 127.0.0.1/::1 makes the preview reachable from other machines.
        #[arg(long, default_value = "127.0.0.1")]
        bind: std::net::IpAddr,
        /// Open the site in the default browser.
        #[arg(long)]
        open: bool,
        #[command(flatten)]
        shared: Shared,
    },
    /// Check the project and report every problem, without writing anything.
    Check {
        /// The project folder (the one with cxsite.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// How to print diagnostics: `human` (stderr), `json` (one object per line on stdout) or `github`
        /// (GitHub Actions annotations on stdout). Summary and usage errors go to stderr.
        #[arg(long, value_enum, default_value = "human")]
        format: Format,
        #[command(flatten)]
        shared: Shared,
    },
    /// Write the whole site as one self-contained HTML file, e.g. to attach to an e-mail.
    Export {
        /// The project folder (the one with cxsite.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The HTML file to write (replaced if it exists).
        #[arg(short, long, value_name = "FILE.html")]
        out: PathBuf,
        #[command(flatten)]
        shared: Shared,
    },
    /// Print the report (report.html) to a PDF file through an installed Chromium or Google Chrome.
    Pdf {
        /// The project folder (the one with cxsite.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// The PDF file to write (replaced only when printing succeeded).
        #[arg(short, long, value_name = "FILE.pdf")]
        out: PathBuf,
        /// The browser to print with: a path or a command name. Default: $CXSITE_BROWSER, else chromium,
        /// google-chrome, … on PATH.
        #[arg(long, value_name = "PATH")]
        browser: Option<PathBuf>,
        /// Start the browser without its sandbox (automatic when running as root; some containers need it).
        #[arg(long)]
        no_sandbox: bool,
        /// Stop the browser when one print takes longer than this.
        #[arg(long, value_name = "SECONDS", default_value_t = 120)]
        timeout: u64,
        #[command(flatten)]
        shared: Shared,
    },
    /// Build many studies under one index with a search across them (DIR holds portfolio.yaml).
    ///
    /// Each project is checked and built as `build` would, into OUT/<folder name>/, in parallel; a study whose
    /// inputs did not change since the last portfolio build is skipped; a broken study keeps its last good copy.
    Portfolio {
        /// The portfolio folder (the one with portfolio.yaml).
        #[arg(default_value = ".")]
        dir: PathBuf,
        /// Output folder (default DIR/public). It is written into only if it is empty or was made by cxsite.
        #[arg(short, long)]
        out: Option<PathBuf>,
        #[command(flatten)]
        shared: Shared,
    },
    /// Print what changed between two deliveries: two cxsite-data.json files or project folders.
    ///
    /// Insights added, removed and changed (with a word diff of changed texts), Kano features that moved
    /// category, NPS periods added, journey steps added, removed, moved or with another emotion, personas
    /// changed. Exit 0 whether or not anything changed.
    Diff {
        /// The earlier delivery: its cxsite-data.json (a copy kept in e.g. deliveries/) or its project folder.
        old: PathBuf,
        /// The newer delivery, the same way.
        new: PathBuf,
    },
    /// Write a JSON Schema of every file kind, for editors (re-run after adding a persona, journey or insight).
    ///
    /// In a project (DIR, or the current folder when it has cxsite.yaml) the schemas list the project's ids,
    /// go to DIR/.cxsite/schema unless -o says otherwise, and .vscode/settings.json is pointed at them.
    Schema {
        /// The project folder. Without it and outside a project: generic schemas that know no ids.
        dir: Option<PathBuf>,
        /// Folder to write the schemas into (default DIR/.cxsite/schema, or ./cxsite-schema outside a project).
        #[arg(short, long, value_name = "FOLDER")]
        out: Option<PathBuf>,
        /// Print nothing but errors.
        #[arg(short, long)]
        quiet: bool,
    },
}

/// The output of `check --format`.
#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    /// `file:line:col: error: message` and `help:` lines on stderr.
    Human,
    /// One JSON object per diagnostic and line on stdout.
    Json,
    /// GitHub Actions workflow commands (`::error file=…::…`) on stdout.
    Github,
}

#[derive(Args)]
struct Shared {
    /// Include insights and chapters with `status: draft`.
    #[arg(long)]
    drafts: bool,
    /// Treat warnings as errors.
    #[arg(long)]
    strict: bool,
    /// Include material marked `internal: true`, visibly marked (a build for the team, not the client).
    #[arg(long)]
    internal: bool,
    /// Compare with an earlier delivery: a cxsite-data.json or a project folder (overrides `since:` in
    /// cxsite.yaml); the site gains changes.html.
    #[arg(long, value_name = "PATH")]
    since: Option<PathBuf>,
    /// Print errors only: no warnings, no summary.
    #[arg(short, long)]
    quiet: bool,
}

impl Shared {
    fn options(&self) -> Options {
        Options { drafts: self.drafts, strict: self.strict, internal: self.internal, since: self.since.clone() }
    }
}

/// Stack for each rendering thread. Theme cycles are refused and nesting is
/// bounded before rendering (`render::MAX_NESTING`); this is a second guard,
/// roomy enough for the deepest chain a theme may build even in debug builds.
const RENDER_STACK: usize = 64 << 20;

fn main() -> ExitCode {
    let cli = Cli::parse();
    // Ignored if the pool already exists (it cannot, this early).
    let _ = rayon::ThreadPoolBuilder::new().stack_size(RENDER_STACK).build_global();
    let code = match cli.command {
        Command::Init { dir } => match cxsite::init::init(&dir) {
            Ok(n) => {
                println!("Created a new cxsite project in {} ({n} files).", dir.display());
                println!("Next: cxsite build {}   (the site goes to {})", dir.display(), dir.join("public").display());
                0
            }
            Err(f) => report_failure(&f, "no project was created"),
        },
        Command::Build { dir, out, shared } => {
            let out = out.unwrap_or_else(|| dir.join("public"));
            match cxsite::build(&dir, &out, &shared.options()) {
                Ok(built) => {
                    if !shared.quiet {
                        print_diagnostics(&built.warnings);
                        let w = built.warnings.len();
                        println!(
                            "Built {} pages ({}) into {} in {:.2} s, {w} warning{}.",
                            built.pages,
                            built.contents,
                            display_dir(&built.out),
                            built.elapsed.as_secs_f64(),
                            if w == 1 { "" } else { "s" }
                        );
                    }
                    0
                }
                Err(f) => report_failure(&f, "the site was not built; the previous site, if any, is untouched"),
            }
        }
        Command::Serve { dir, port, bind, open, shared } => {
            let opts = cxsite::serve::ServeOptions { bind, port, open, build: shared.options(), quiet: shared.quiet };
            match cxsite::serve::serve(&dir, &opts) {
                Ok(()) => 0,
                Err(f) => report_failure(&f, "the preview could not start"),
            }
        }
        Command::Export { dir, out, shared } => match cxsite::export::export(&dir, &out, &shared.options()) {
            Ok(exported) => {
                if !shared.quiet {
                    print_diagnostics(&exported.warnings);
                    println!("{}", exported.summary());
                }
                0
            }
            Err(f) => report_failure(&f, "nothing was exported"),
        },
        Command::Check { dir, format, shared } => match cxsite::check_rendered(&dir, &shared.options()) {
            Ok(checked) => {
                if !shared.quiet {
                    let w = checked.warnings.len();
                    let line = format!(
                        "Checked {}: no errors, {w} warning{}.",
                        cxsite::contents_line(&checked.site),
                        if w == 1 { "" } else { "s" }
                    );
                    if format == Format::Human {
                        print_diagnostics(&checked.warnings);
                        println!("{line}");
                    } else {
                        print_for_machines(checked.warnings, &dir, format);
                        eprintln!("{line}");
                    }
                }
                0
            }
            Err(Failure::Content(diags)) if format != Format::Human => {
                let summary = cxsite::diagnostics::summary(&diags);
                print_for_machines(diags, &dir, format);
                eprintln!("error: {summary}: the project has errors.");
                1
            }
            Err(f) => report_failure(&f, "the project has errors"),
        },
        Command::Portfolio { dir, out, shared } => portfolio(&dir, out, &shared),
        Command::Diff { old, new } => match cxsite::delivery::diff(&old, &new) {
            Ok(text) => {
                print!("{text}");
                0
            }
            Err(f) => report_failure(&f, "nothing to compare"),
        },
        Command::Schema { dir, out, quiet } => match cxsite::schema::run(dir.as_deref(), out.as_deref()) {
            Ok(report) => {
                if !quiet {
                    for line in report {
                        println!("{line}");
                    }
                }
                0
            }
            Err(f) => report_failure(&f, "no schema was written"),
        },
        Command::Pdf { dir, out, browser, no_sandbox, timeout, shared } => {
            let opts = cxsite::pdf::PdfOptions {
                build: shared.options(),
                browser,
                no_sandbox,
                timeout: std::time::Duration::from_secs(timeout.max(1)),
            };
            let quiet = shared.quiet;
            match cxsite::pdf::pdf(&dir, &out, &opts, &mut |line| {
                if !quiet {
                    println!("{line}")
                }
            }) {
                Ok(printed) => {
                    if !quiet {
                        print_diagnostics(&printed.warnings);
                        let pages = printed.pages.map(|n| format!("{n} page{}, ", if n == 1 { "" } else { "s" }));
                        println!(
                            "Wrote {} ({}{} KB) in {:.1} s.",
                            out.display(),
                            pages.unwrap_or_default(),
                            printed.bytes.div_ceil(1024),
                            printed.elapsed.as_secs_f64()
                        );
                    }
                    0
                }
                Err(f) => report_failure(&f, "no PDF was written"),
            }
        }
    };
    ExitCode::from(code as u8)
}

/// `cxsite portfolio`: a progress line per study as it finishes, its
/// problems with paths from where cxsite runs, then a summary; exit 1 when
/// a study failed.
fn portfolio(dir: &Path, out: Option<PathBuf>, shared: &Shared) -> i32 {
    use cxsite::portfolio::progress;
    let out = out.unwrap_or_else(|| dir.join("public"));
    let quiet = shared.quiet;
    let terminal = std::io::IsTerminal::is_terminal(&std::io::stderr());
    let on_study = |s: &cxsite::portfolio::StudyReport, n: usize, total: usize| {
        let line = progress::line(s, n, total, quiet, &out);
        // One write per study, so the lines of studies built in parallel do not mix. On a
        // terminal a bar follows the last line, redrawn in place (the next write clears it).
        if terminal {
            eprint!("\r\x1b[K{line}{}", progress::bar(n, total));
        } else {
            eprint!("{line}");
        }
    };
    match cxsite::portfolio::build(dir, &out, &shared.options(), &on_study) {
        Ok(report) => {
            let failed = report.failed();
            if !quiet || failed > 0 {
                println!("{}", progress::summary_line(&report, &display_dir(&report.out)));
            }
            if failed > 0 {
                eprintln!(
                    "error: {failed} stud{} failed; the others are published.",
                    if failed == 1 { "y" } else { "ies" }
                );
                1
            } else {
                0
            }
        }
        Err(Failure::Content(mut diags)) => {
            let prefix = cxsite::diagnostics::report::dir_prefix(dir);
            for d in &mut diags {
                d.file = format!("{prefix}{}", d.file);
            }
            report_failure(&Failure::Content(diags), "no study was built")
        }
        Err(f) => report_failure(&f, "no study was built"),
    }
}

fn display_dir(p: &Path) -> String {
    let s = p.display().to_string();
    if s.ends_with('/') {
        s
    } else {
        format!("{s}/")
    }
}

fn print_diagnostics(diags: &[Diagnostic]) {
    for d in diags {
        eprintln!("{d}");
    }
}

/// `check --format json|github`: one line per diagnostic on stdout, files
/// prefixed with DIR as given (see `cxsite::diagnostics::report`).
fn print_for_machines(mut diags: Vec<Diagnostic>, dir: &Path, format: Format) {
    use cxsite::diagnostics::report;
    report::fill_ends(&mut diags, dir);
    let prefix = report::dir_prefix(dir);
    for d in &diags {
        match format {
            Format::Json => println!("{}", report::json_line(d, &prefix)),
            Format::Github => println!("{}", report::github_line(d, &prefix)),
            Format::Human => eprintln!("{d}"),
        }
    }
}

fn report_failure(f: &Failure, what: &str) -> i32 {
    match f {
        Failure::Content(diags) => {
            print_diagnostics(diags);
            eprintln!("error: {}: {what}.", cxsite::diagnostics::summary(diags));
        }
        Failure::Usage { .. } | Failure::Io { .. } => eprintln!("error: {f}"),
    }
    f.exit_code()
}

/// mimalloc: rendering allocates many small strings; this cuts build time noticeably.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;
