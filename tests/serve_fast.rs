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
    // Social cards show where the site is published, never the preview's
    // address: serve's are those of a build at the config's base_url.
    let published = site.scratch("published");
    let _ = std::fs::remove_dir_all(&published);
    let published_arg = published.to_string_lossy().into_owned();
    site.run(&[
        "build",
        "--quiet",
        "--drafts",
        "--future",
        "-o",
        &published_arg,
    ])
    .assert_success();
    let mut built_paths = Vec::new();
    collect_files(&out, &out, &mut built_paths);
    let chosen: Vec<&String> = built_paths.iter().filter(|p| keep(p)).collect();
    assert!(!chosen.is_empty(), "no file chosen among {built_paths:?}");
    for rel in chosen {
        let reply = preview.get(rel);
        assert_eq!(reply.status, 200, "{rel}");
        let from = if rel.ends_with("/card.png") {
            &published
        } else {
            &out
        };
        let built = std::fs::read(from.join(rel)).unwrap();
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

#[test]
fn a_config_edit_renders_every_page_without_reading_the_content_again() {
    let site = site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // An open page: rendered first after the change.
    assert!(preview.get("mistakes/a/").text().contains("Test Site"));
    let config = site.read("growthsite.yaml");
    preview.edit(|| {
        let edited = config
            .replace("title: Test Site", "title: Renamed Site")
            .replace("name: Elsewhere", "name: Another place");
        site.write("growthsite.yaml", edited)
    });
    events.expect("reload");
    let page = preview.get("mistakes/a/").text();
    assert!(page.contains("Renamed Site"), "{page}");
    assert!(page.contains("Another place"), "{page}");
    // A page that was not open waits for the rest of the site.
    assert!(preview.get("mistakes/b/").text().contains("Renamed Site"));
    let first = preview.wait_for_line("rebuilt ");
    assert!(
        first.starts_with("rebuilt growthsite.yaml (config, "),
        "{first}"
    );
    preview.wait_for_line("more pages)");
    // Every file, the feeds and the social cards (which show the title) too.
    assert_served_as_built(&site, &preview, |p| !p.starts_with('.'));
}

#[test]
fn a_config_edit_that_moves_documents_rebuilds_everything() {
    let site = site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let config = site.read("growthsite.yaml");
    preview.edit(|| site.write("growthsite.yaml", format!("{config}paginate_by: 2\n")));
    events.expect("reload");
    preview.wait_for_line("rebuilt everything after a change to growthsite.yaml");
    assert_eq!(preview.get("page/2/").status, 200);
    assert_served_as_built(&site, &preview, |p| !p.starts_with('.'));
}
