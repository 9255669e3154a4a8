//! The parse cache of `serve`: content folders are walked again only when a
//! file came or went.

use std::path::Path;

use super::{load_cached, ParseCache};
use crate::diagnostics::Diagnostics;

fn insights(root: &Path, cache: &ParseCache) -> usize {
    load_cached(root, &mut Diagnostics::default(), cache).unwrap().insights.len()
}

#[test]
fn a_trusting_cache_walks_again_only_when_a_file_comes_or_goes() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path();
    std::fs::create_dir_all(root.join("insights")).unwrap();
    std::fs::write(root.join("cxsite.yaml"), "title: T\n").unwrap();
    let one = root.join("insights/one.yaml");
    std::fs::write(&one, "title: One\nsummary: s\n").unwrap();
    let cache = ParseCache::trusting_events();
    assert_eq!(insights(root, &cache), 1);

    // A new file, but the watcher only names an edit of a listed file: the
    // listing is kept (so the new file is not seen: the walk was not repeated).
    let two = root.join("insights/two.yaml");
    std::fs::write(&two, "title: Two\nsummary: s\n").unwrap();
    cache.forget([one.as_path()]);
    assert_eq!(insights(root, &cache), 1, "an edit of a listed file keeps the listing");

    // Named as it comes: walked again.
    cache.forget([two.as_path()]);
    assert_eq!(insights(root, &cache), 2, "a new file is found");

    // A removed file: walked again.
    std::fs::remove_file(&one).unwrap();
    cache.forget([one.as_path()]);
    assert_eq!(insights(root, &cache), 1, "a removed file is gone");

    // Everything forgotten (events lost): walked again.
    std::fs::write(&one, "title: One\nsummary: s\n").unwrap();
    cache.clear();
    assert_eq!(insights(root, &cache), 2);
}
