//! Keeps the editor schemas of a project current while `serve` runs: when
//! the project has `.cxsite/schema/` (made by `init` or `cxsite schema`) and
//! a save adds, removes or renames an id, the schemas are rewritten, so the
//! editor offers the new persona without a re-run of `cxsite schema`.

use std::path::{Path, PathBuf};
use std::sync::{Arc, Mutex};

use crate::schema::{self, ProjectIds};

/// The schema folder of a served project and the ids last written to it.
pub struct SchemaRefresh {
    root: PathBuf,
    folder: PathBuf,
    last: Arc<Mutex<Option<ProjectIds>>>,
}

impl SchemaRefresh {
    /// `None` when the project has no schema folder (the author did not ask for one).
    pub fn new(root: &Path) -> Option<SchemaRefresh> {
        let folder = root.join(schema::DEFAULT_FOLDER);
        folder.is_dir().then(|| SchemaRefresh { root: root.to_path_buf(), folder, last: Arc::default() })
    }

    /// After a rebuild: reads the ids in the background (off the reload's
    /// path) and rewrites the schemas when they changed since the last look.
    pub fn after_rebuild(&self, quiet: bool) {
        let (root, folder, last) = (self.root.clone(), self.folder.clone(), Arc::clone(&self.last));
        std::thread::spawn(move || {
            let Ok(mut last) = last.lock() else { return };
            let ids = ProjectIds::read(&root);
            let first_look = last.is_none();
            if last.as_ref() == Some(&ids) {
                return;
            }
            match schema::write_schemas(&folder, Some(&ids), ids.language) {
                Ok(_) if !quiet && !first_look => println!("Updated the editor schemas in {}.", schema::DEFAULT_FOLDER),
                Ok(_) => {}
                Err(e) => eprintln!("warning: the editor schemas were not updated: {e}"),
            }
            *last = Some(ids);
        });
    }
}
