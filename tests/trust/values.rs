//! Values that used to pass: base_url, --base-url, theme, slug, and an
//! output folder that is a link.

use super::{built_site, error_count, link, rebuild_fails};
use crate::support::{Site, Tree, writeup};

// ---------------------------------------------------------------------
// Values that used to pass.
// ---------------------------------------------------------------------

/// A built site whose growthsite.yaml then gets `from` replaced by `to`.
fn with_config_change(from: &str, to: &str) -> Site {
    let site = built_site();
    assert!(crate::support::CONFIG.contains(from));
    site.write("growthsite.yaml", crate::support::CONFIG.replace(from, to));
    site
}

#[test]
fn a_base_url_with_markup_is_an_error_at_its_line() {
    let site = with_config_change(
        "base_url: https://example.com/",
        "base_url: 'https://example.com/\"><script>/'",
    );
    rebuild_fails(&site).stderr_contains(
        "error: growthsite.yaml:3:1: base_url `https://example.com/\\\"><script>/` has `\\\"` in it, which a URL cannot carry as it is (write it as https://you.github.io/blog/)",
    );
}

#[test]
fn a_base_url_with_a_space_in_its_host_is_an_error_at_its_line() {
    let site = with_config_change(
        "base_url: https://example.com/",
        "base_url: https://exa mple.com/",
    );
    rebuild_fails(&site).stderr_contains(
        "error: growthsite.yaml:3:1: base_url `https://exa mple.com/` is not a valid URL: invalid international domain name (write it as https://you.github.io/blog/)",
    );
}

#[test]
fn the_base_url_flag_is_checked_the_same_way() {
    let site = built_site();
    let before = Tree::read(&site.path("public"));
    for bad in ["https://example.com/\"><script>/", "https://exa mple.com/"] {
        site.run(&["build", "--base-url", bad])
            .assert_exit(1)
            .stderr_contains("error: --base-url `https://exa")
            .stderr_lacks("built ");
    }
    before.assert_unchanged(&site.path("public"));
    site.run(&["build", "--base-url", "https://alice.github.io/growth"])
        .assert_success();
}

#[test]
fn a_theme_given_as_a_path_is_one_error_at_its_line() {
    for theme in ["/etc", "../themes/x", "."] {
        let site = with_config_change("language: en", &format!("language: en\ntheme: {theme}"));
        let run = rebuild_fails(&site);
        run.stderr_contains(&format!(
            "error: growthsite.yaml:6:1: theme `{theme}` is a path, not the name of a folder in themes/ (write the name of a folder in themes/, such as `theme: my-theme`, or `theme: default` for the built-in one)"
        ));
        assert_eq!(error_count(&run), 1, "{}", run.stderr);
    }
}

#[test]
fn a_theme_folder_without_templates_is_one_error_at_the_theme_line() {
    let site = with_config_change("language: en", "language: en\ntheme: mine")
        .file("themes/mine/static/style.css", "body {}");
    let run = rebuild_fails(&site);
    run.stderr_contains(
        "error: growthsite.yaml:6:1: theme `mine` has no templates: themes/mine/templates/ is missing",
    );
    assert_eq!(error_count(&run), 1, "{}", run.stderr);
}

#[test]
fn a_slug_that_is_a_path_is_a_warning_at_its_line() {
    let site = built_site().file(
        "content/mistakes/evil.md",
        writeup("Evil").replace("lesson:", "slug: ../../evil\nlesson:"),
    );
    site.run(&["build"])
        .assert_success()
        .stderr_contains("warning: content/mistakes/evil.md:5:1: `slug` `../../evil` is not a URL slug: the page is published as `evil` (write `slug: evil`: lower-case letters, digits and `-`)");
    assert!(site.exists("public/mistakes/evil/index.html"));
    assert!(!site.exists("evil") && !site.scratch("evil").exists());
    site.run(&["build", "--strict"]).assert_exit(1);
}

#[test]
fn an_output_folder_that_is_a_link_is_refused_for_what_it_is() {
    let site = built_site();
    site.run(&["build", "-o", "../out"]).assert_success();
    site.remove("public");
    link(&site, "../out", "public");
    let before = Tree::read(&site.scratch("out"));
    site.run(&["build"])
        .assert_exit(1)
        .stderr_contains("error: [ROOT]/public: refusing to write the site here: it is a symbolic link (to ../out)")
        .stderr_contains("pass --output-dir with the folder the link points to, or remove the link")
        .stderr_lacks("not written by growthsite");
    before.assert_unchanged(&site.scratch("out"));
    assert!(std::fs::symlink_metadata(site.path("public")).is_ok_and(|m| m.is_symlink()));
}
