//! `build` frees each write-up's body once its page is written (the feeds
//! and the search index read the bodies first); `check` and `serve` keep
//! them. Both must make the very same files.

use growthsite::options::Options;
use growthsite::pipeline::build_site;

use crate::support::{Site, Tree};

#[test]
fn a_build_that_frees_bodies_writes_what_a_build_that_keeps_them_makes() {
    let site = Site::example();
    site.run(&["build", "--quiet"]).assert_success();
    let written = Tree::read(&site.path("public"));
    // In memory, as `serve` builds: every body kept to the end.
    let kept = build_site(&Options::for_root(site.root())).expect("the example builds");
    assert!(kept.succeeded(), "{:?}", kept.diagnostics);
    let mut compared = 0;
    for file in &kept.outputs {
        assert!(written.has(&file.path), "build did not write {}", file.path);
        if let Some(bytes) = file.body.bytes() {
            let same = written.0.get(&file.path).map(Vec::as_slice) == Some(bytes);
            assert!(same, "{} differs from the in-memory build", file.path);
            compared += 1;
        }
    }
    assert_eq!(
        written.paths().len(),
        kept.outputs.len() + 1,
        "+ the marker"
    );
    // The pages that show a body: write-ups, feeds, the search index.
    for path in ["atom.xml", "index.html"] {
        assert!(kept.outputs.iter().any(|f| f.path == path), "{path}");
    }
    let pages = kept
        .outputs
        .iter()
        .filter(|f| f.path.starts_with("mistakes/"));
    assert!(
        pages.count() >= 3 && compared > 10,
        "{compared} files compared"
    );
}
