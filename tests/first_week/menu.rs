//! `menu:` in growthsite.yaml (SPEC §3): an entry with an absolute URL
//! links to it as it is (it used to become `/blog/https://github.com/...`),
//! an entry with a site path is put under the base path, and `check`
//! reports a site path that leads nowhere on growthsite.yaml, not on the
//! theme (tests/fixtures/invalid/menu-link-to-a-missing-page).

use crate::support::{CONFIG, Site, writeup};

#[test]
fn menu_entries_link_out_and_in_under_a_sub_path() {
    let config = CONFIG.replace("https://example.com/", "https://alice.github.io/blog/")
        + "menu:\n  - name: GitHub\n    url: https://github.com/alice\n  \
           - name: Talks\n    url: /talks/\n";
    let site = Site::new()
        .file("growthsite.yaml", config)
        .file("content/mistakes/a.md", writeup("A"))
        .file("content/talks.md", "---\ntitle: Talks\n---\nSome talks.\n");
    site.run(&["check"])
        .assert_success()
        .stderr_contains("0 errors, 0 warnings");
    site.run(&["build"]).assert_success();
    let home = site.read("public/index.html");
    assert!(
        home.contains("<li><a href=\"https://github.com/alice\">GitHub</a></li>"),
        "{home}"
    );
    assert!(
        home.contains("<li><a href=\"/blog/talks/\">Talks</a></li>"),
        "{home}"
    );
    let talks = site.read("public/talks/index.html");
    assert!(
        talks.contains("<li><a href=\"/blog/talks/\" aria-current=\"page\">Talks</a></li>"),
        "{talks}"
    );
}
