//! `cxsite init DIR`: a new project, copied from the bundled example.

use std::fs;
use std::path::Path;

use include_dir::{include_dir, Dir, DirEntry};

use crate::error::Failure;
use crate::schema::{self, FileKind, ProjectIds};

/// The example project, embedded at compile time.
pub static EXAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/example-project");

/// Copies the example project into `dir`, which must be new or empty, and
/// sets it up for editors: the JSON Schemas in `.cxsite/schema/`,
/// `.vscode/settings.json`, and a `# yaml-language-server: $schema=…` first
/// line in every YAML file. Returns the number of files written.
pub fn init(dir: &Path) -> Result<usize, Failure> {
    if dir.exists() {
        let empty = dir.is_dir() && fs::read_dir(dir).map(|mut d| d.next().is_none()).unwrap_or(false);
        if !empty {
            return Err(Failure::usage(
                format!("{} already exists and is not empty; cxsite init never overwrites files", dir.display()),
                "name a new folder, e.g. `cxsite init my-study`",
            ));
        }
    }
    let mut count = 0;
    copy(&EXAMPLE, dir, &mut count).map_err(Failure::io_at("write the new project into", dir))?;
    let ids = ProjectIds::read(dir);
    let written = schema::write_schemas(&dir.join(schema::DEFAULT_FOLDER), Some(&ids), ids.language)?;
    schema::write_vscode_settings(dir, schema::DEFAULT_FOLDER)?;
    Ok(count + written.files.len() + 1)
}

/// `cxsite.yaml` without its `since:` line and the comment just above it: a
/// new study has no earlier delivery yet.
fn without_since(config: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(config);
    let mut lines: Vec<&str> = Vec::new();
    for line in text.lines() {
        if line.starts_with("since:") {
            while lines.last().is_some_and(|l| l.starts_with('#') && !l.starts_with("# yaml-language-server")) {
                lines.pop();
            }
            continue;
        }
        lines.push(line);
    }
    let mut out = lines.join("\n");
    out.push('\n');
    out.into_bytes()
}

fn copy(from: &Dir<'static>, to: &Path, count: &mut usize) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in from.entries() {
        let name = entry.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // A site built inside the example while developing is not part of it, and
        // the example's own earlier delivery is not the new study's.
        if name == "public" || name.starts_with('.') || (name == "deliveries" && from.path().as_os_str().is_empty()) {
            continue;
        }
        match entry {
            DirEntry::Dir(d) => copy(d, &to.join(&name), count)?,
            DirEntry::File(f) => {
                let rel = f.path().to_string_lossy().replace('\\', "/");
                let contents = match FileKind::of_path(&rel).filter(|k| *k != FileKind::FrontMatter) {
                    Some(kind) => {
                        let line = schema::modeline(kind, &rel, schema::DEFAULT_FOLDER);
                        [line.as_bytes(), b"\n", f.contents()].concat()
                    }
                    None => f.contents().to_vec(),
                };
                let contents = if rel == "cxsite.yaml" { without_since(&contents) } else { contents };
                fs::write(to.join(&name), contents)?;
                *count += 1;
            }
        }
    }
    Ok(())
}
