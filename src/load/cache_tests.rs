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

    // An atomic save: a temporary file, gone by now, renamed over a listed
    // one. The listing is kept (the walk was not repeated: `three` unseen).
    let three = root.join("insights/three.yaml");
    std::fs::write(&three, "title: Three\nsummary: s\n").unwrap();
    let temp = root.join("insights/one.yaml.tmp~");
    std::fs::write(&temp, "title: One again\nsummary: s\n").unwrap();
    std::fs::rename(&temp, &one).unwrap();
    cache.forget([temp.as_path(), one.as_path()]);
    assert_eq!(insights(root, &cache), 2, "a save through a temporary file keeps the listing");
    let titles = load_cached(root, &mut Diagnostics::default(), &cache).unwrap();
    assert!(titles.insights.iter().any(|i| i.data.title == "One again"), "the saved file is read again");
    // A folder that is gone, with listed files in it: walked again.
    cache.forget([root.join("insights").as_path(), three.as_path()]);
    assert_eq!(insights(root, &cache), 3, "named as it came: found");
    let sub = root.join("insights/sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::write(sub.join("four.yaml"), "title: Four\nsummary: s\n").unwrap();
    cache.forget([sub.as_path()]);
    assert_eq!(insights(root, &cache), 4);
    std::fs::remove_dir_all(&sub).unwrap();
    cache.forget([sub.as_path()]);
    assert_eq!(insights(root, &cache), 3, "a removed folder's files are gone");
    std::fs::remove_file(&three).unwrap();
    cache.forget([three.as_path()]);

    // A removed file: walked again.
    std::fs::remove_file(&one).unwrap();
    cache.forget([one.as_path()]);
    assert_eq!(insights(root, &cache), 1, "a removed file is gone");

    // Everything forgotten (events lost): walked again.
    std::fs::write(&one, "title: One\nsummary: s\n").unwrap();
    cache.clear();
    assert_eq!(insights(root, &cache), 2);
}
