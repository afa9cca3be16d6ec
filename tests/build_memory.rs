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

/// `build` sets each write-up's HTML aside in a temporary file until its
/// page is rendered; where no temporary file can be made, the bodies stay
/// in memory. The same site either way.
#[test]
fn a_build_that_sets_bodies_aside_writes_what_a_build_without_a_temporary_folder_makes() {
    let site = Site::example();
    site.run(&["build", "--quiet"]).assert_success();
    let aside = Tree::read(&site.path("public"));
    let nowhere = site.scratch("no-such-folder");
    let nowhere = nowhere.to_str().expect("a UTF-8 path");
    site.run_env(&[("TMPDIR", nowhere)], &["build", "--quiet", "-o", "kept"])
        .assert_success();
    let kept = Tree::read(&site.path("kept"));
    assert_eq!(aside.paths(), kept.paths());
    for path in aside.paths() {
        assert!(aside.0[path] == kept.0[path], "{path} differs");
    }
    // The pages that show a body are among them.
    assert!(aside.text("atom.xml").contains("<content type=\"html\""));
    assert!(aside.paths().iter().any(|p| p.starts_with("mistakes/")));
}

/// What `build` runs: every write-up's body is set aside (none is left in
/// the site), and read back into its page.
#[test]
fn a_build_keeps_no_write_up_body_in_memory() {
    let site = Site::example();
    let mut options = Options::for_root(site.root());
    options.retain_sources = false;
    let sink = growthsite::render::MemorySink::default();
    let built = growthsite::pipeline::build_site_into(&options, &sink).expect("builds");
    assert!(built.succeeded(), "{:?}", built.diagnostics);
    let files = sink.into_files();
    let posts = &built.site.as_ref().expect("a site").posts;
    assert!(posts.len() >= 3);
    for post in posts {
        let doc = &post.writeup.doc;
        assert!(post.rendered.html.is_empty(), "{} kept", doc.source);
        let body = post.rendered.body();
        assert!(body.contains("<p>"), "{}: {body}", doc.source);
        let page_path = format!("{}index.html", doc.path);
        let page = files.iter().find(|f| f.path == page_path);
        let page = page.and_then(|f| f.body.bytes()).expect("its page");
        let page = std::str::from_utf8(page).expect("UTF-8");
        assert!(page.contains(&*body), "{page_path} lacks its body");
    }
}
