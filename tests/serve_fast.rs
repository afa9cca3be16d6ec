//! `growthsite serve`'s fast paths against `build`: the search index after
//! a save (made after the reload, its files held until then) and a config
//! edit rendered without reading the content again. Each compares what
//! serve shows with what `build` writes for the same sources.

use crate::serve::{Preview, collect_files, strip_live_script};
use crate::support::{CONFIG, Site, writeup};

/// A site under a sub-path with three write-ups, a plain page and a menu.
fn site() -> Site {
    let config = CONFIG.replace(
        "base_url: https://example.com/",
        "base_url: https://example.com/growth/",
    );
    let config = format!("{config}menu:\n  - name: Elsewhere\n    url: https://example.org/\n");
    Site::new()
        .file("growthsite.yaml", config)
        .file("content/mistakes/a.md", writeup("First mistake"))
        .file("content/mistakes/b.md", writeup("Second mistake"))
        .file("content/mistakes/c.md", writeup("Third mistake"))
        .file("content/about.md", "---\ntitle: About\n---\nAbout me.\n")
}

/// Builds the site for the preview's base URL (with drafts and future
/// write-ups, as serve shows them) and asserts that every file `keep`
/// selects is served, byte for byte (the live script removed).
fn assert_served_as_built(site: &Site, preview: &Preview, keep: impl Fn(&str) -> bool) {
    let out = site.scratch("built");
    let _ = std::fs::remove_dir_all(&out);
    let out_arg = out.to_string_lossy().into_owned();
    let base_url = format!("--base-url={}", preview.url);
    site.run(&[
        "build", "--quiet", "--drafts", "--future", "-o", &out_arg, &base_url,
    ])
    .assert_success();
    let mut built_paths = Vec::new();
    collect_files(&out, &out, &mut built_paths);
    let chosen: Vec<&String> = built_paths.iter().filter(|p| keep(p)).collect();
    assert!(!chosen.is_empty(), "no file chosen among {built_paths:?}");
    for rel in chosen {
        let reply = preview.get(rel);
        assert_eq!(reply.status, 200, "{rel}");
        let built = std::fs::read(out.join(rel)).unwrap();
        assert!(
            strip_live_script(&reply.body) == built,
            "{rel} differs from the build"
        );
    }
}

#[test]
fn the_search_index_follows_a_saved_writeup() {
    let site = site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let text = site.read("content/mistakes/b.md");
    preview.edit(|| {
        site.write(
            "content/mistakes/b.md",
            format!("{text}\nA quokka-shaped paragraph, added later.\n"),
        )
    });
    events.expect("reload");
    // Asked at once: the index may still be in the making, and its files
    // are then held until it is in, never served from the old one.
    let meta = preview.get("search/meta.json");
    assert_eq!(meta.status, 200);
    assert_served_as_built(&site, &preview, |p| p.starts_with("search/"));
    let line = preview.wait_for_line("rebuilt content/mistakes/b.md");
    assert!(line.contains("(1 write-up, "), "{line}");
}
