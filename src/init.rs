//! `cxsite init DIR`: a new project, copied from the bundled example.

use std::fs;
use std::path::Path;

use include_dir::{include_dir, Dir, DirEntry};

use crate::error::Failure;

/// The example project, embedded at compile time.
pub static EXAMPLE: Dir<'static> = include_dir!("$CARGO_MANIFEST_DIR/example-project");

/// Copies the example project into `dir`, which must be new or empty.
/// Returns the number of files written.
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
    Ok(count)
}

fn copy(from: &Dir<'static>, to: &Path, count: &mut usize) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in from.entries() {
        let name = entry.path().file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        // A site built inside the example while developing is not part of it.
        if name == "public" || name.starts_with('.') {
            continue;
        }
        match entry {
            DirEntry::Dir(d) => copy(d, &to.join(&name), count)?,
            DirEntry::File(f) => {
                fs::write(to.join(&name), f.contents())?;
                *count += 1;
            }
        }
    }
    Ok(())
}
