//! `growthsite serve` after a template change: the pages open in the
//! browser first, then every other page, with the documents kept; what it
//! serves is what `build` writes; a broken template is shown until fixed.

use crate::serve::{Preview, collect_files, strip_live_script};
use crate::support::{CONFIG, Site, writeup};

/// A site under a sub-path with two write-ups and a footer template.
fn site_with_footer(footer: &str) -> Site {
    let config = CONFIG.replace(
        "base_url: https://example.com/",
        "base_url: https://example.com/growth/",
    );
    Site::new()
        .file("growthsite.yaml", config)
        .file("content/mistakes/a.md", writeup("First mistake"))
        .file("content/mistakes/b.md", writeup("Second mistake"))
        .file("content/about.md", "---\ntitle: About\n---\nAbout me.\n")
        .file(FOOTER, footer)
}

const FOOTER: &str = "templates/partials/footer-extra.html";
#[test]
fn a_template_edit_renders_every_page_without_reading_the_content_again() {
    let footer = FOOTER;
    let site = site_with_footer("<p>Footer one</p>\n");
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // An open page: rendered first after the change.
    assert!(preview.get("mistakes/a/").text().contains("Footer one"));
    preview.edit(|| site.write(footer, "<p>Footer two</p>\n"));
    events.expect("reload");
    assert!(preview.get("mistakes/a/").text().contains("Footer two"));
    // A page that was not open waits for the rest of the site, never
    // shown with the old footer.
    assert!(preview.get("mistakes/b/").text().contains("Footer two"));
    let first = preview.wait_for_line("rebuilt ");
    assert!(
        first.starts_with(&format!("rebuilt {footer} (templates, ")),
        "{first}"
    );
    preview.wait_for_line("more pages)");

    let out = site.scratch("built");
    let out_arg = out.to_string_lossy().into_owned();
    let base_url = format!("--base-url={}", preview.url);
    site.run(&[
        "build", "--quiet", "--drafts", "--future", "-o", &out_arg, &base_url,
    ])
    .assert_success();
    let mut built_paths = Vec::new();
    collect_files(&out, &out, &mut built_paths);
    for rel in built_paths.iter().filter(|rel| rel.ends_with(".html")) {
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
fn a_broken_template_shows_errors_until_it_is_fixed() {
    let footer = FOOTER;
    let site = site_with_footer("<p>Footer one</p>\n");
    let preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| site.write(footer, "<p>{{ nothing_here }}</p>\n"));
    let errors = events.expect("error");
    assert!(errors.contains("nothing_here"), "{errors}");
    assert!(preview.get("mistakes/a/").text().contains("Footer one"));
    preview.edit(|| site.write(footer, "<p>Footer two</p>\n"));
    events.expect("ok");
    assert!(preview.get("mistakes/a/").text().contains("Footer two"));
}
