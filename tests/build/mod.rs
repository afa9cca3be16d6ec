//! `growthsite build` end to end: determinism, the sub-path property, the
//! summary line, warnings and `--strict`; `inputs`: input that must build.

use std::collections::HashSet;

use growthsite::config::base_path_of;
use growthsite::urls::{Resolved, published_file, resolve_url};

use crate::support::{Site, Tree, assert_same_tree, repo_root, tree_diff, writeup};

mod inputs;

/// `-o` argument for a scratch folder beside the site.
fn out_arg(site: &Site, name: &str) -> String {
    site.scratch(name)
        .to_str()
        .expect("temp path is UTF-8")
        .to_string()
}

// ---------------------------------------------------------------------
// Determinism and the sub-path property, on the repository's example blog.
// ---------------------------------------------------------------------

#[test]
fn the_same_input_gives_byte_identical_output() {
    let site = Site::new();
    let repo = repo_root();
    let repo = repo.to_str().expect("repository path is UTF-8");
    // One build on one thread, one on eight: the output may not depend on
    // which thread finished first.
    for (out, threads) in [("one", "1"), ("two", "8")] {
        let args = [
            "build",
            "--quiet",
            "--root",
            repo,
            "-o",
            &out_arg(&site, out),
        ];
        site.run_env(&[("RAYON_NUM_THREADS", threads)], &args)
            .assert_success();
    }
    let one = Tree::read(&site.scratch("one"));
    assert!(
        one.has("index.html") && one.has("atom.xml"),
        "{:?}",
        one.paths()
    );
    assert_same_tree(&site.scratch("one"), &site.scratch("two"));
}

#[test]
fn the_output_does_not_depend_on_where_the_site_is() {
    // The example blog copied elsewhere, built from inside itself with the
    // default output folder, gives what a build of the repository gives.
    let copy = Site::example();
    copy.run(&["build", "--quiet"]).assert_success();
    let (_site, from_repo) = build_example("https://example.github.io/growth/");
    let diff = tree_diff(&Tree::read(&copy.path("public")), &from_repo);
    assert!(diff.is_empty(), "{diff}");
}

#[test]
fn a_base_url_without_its_final_slash_gives_the_same_site() {
    let (_a, with_slash) = build_example("https://example.github.io/growth/");
    let (_b, without) = build_example("https://example.github.io/growth");
    let diff = tree_diff(&without, &with_slash);
    assert!(diff.is_empty(), "{diff}");
}

/// The repository's example blog built for `base_url` into a temporary
/// folder: (the temporary site that owns the folder, the output tree).
fn build_example(base_url: &str) -> (Site, Tree) {
    let site = Site::new();
    let repo = repo_root();
    let repo = repo.to_str().expect("repository path is UTF-8");
    let out = out_arg(&site, "out");
    site.run(&[
        "build",
        "--quiet",
        "--root",
        repo,
        "--base-url",
        base_url,
        "-o",
        &out,
    ])
    .assert_success();
    let tree = Tree::read(&site.scratch("out"));
    (site, tree)
}

#[test]
fn every_internal_link_resolves_under_a_sub_path() {
    let (site, tree) = build_example("https://example.github.io/growth/");
    let repo = repo_root();
    let root = repo.to_str().expect("repository path is UTF-8");
    assert_links_resolve(&site, &[root], &tree, "https://example.github.io/growth/");
}

#[test]
fn every_internal_link_resolves_at_the_domain_root() {
    let (site, tree) = build_example("https://example.com/");
    let repo = repo_root();
    let root = repo.to_str().expect("repository path is UTF-8");
    assert_links_resolve(&site, &[root], &tree, "https://example.com/");
}

#[test]
fn the_fixtures_links_resolve_too() {
    for case in ["minimal", "full"] {
        let site = Site::fixture(case);
        site.run(&["build", "--quiet", "--drafts"]).assert_success();
        let tree = Tree::read(&site.path("public"));
        let root = site
            .root()
            .to_str()
            .expect("temp path is UTF-8")
            .to_string();
        let base_url = "https://example.github.io/growth/";
        assert_links_resolve(&site, &[&root, "--drafts"], &tree, base_url);
    }
}

/// The link checker that `build` and `check` run finds nothing on the site
/// (`--root` and flags in `site_args`) published at `base_url`, after
/// following over 100 internal links; and every absolute URL under
/// `base_url` in the built HTML and XML (feeds, sitemap) names a file of
/// the output `tree`.
#[track_caller]
fn assert_links_resolve(site: &Site, site_args: &[&str], tree: &Tree, base_url: &str) {
    let mut args = vec!["check", "--base-url", base_url, "--root"];
    args.extend(site_args);
    let run = site.run(&args);
    run.assert_success();
    let followed: usize = run
        .stderr
        .split(" internal link")
        .next()
        .and_then(|before| before.rsplit(' ').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(0);
    assert!(
        followed > 100,
        "only {followed} internal links checked: {}",
        run.stderr
    );
    let files: HashSet<String> = tree.paths().into_iter().map(String::from).collect();
    let base_path = base_path_of(base_url);
    let mut problems = Vec::new();
    for page in tree.paths() {
        if !(page.ends_with(".html") || page.ends_with(".xml")) {
            continue;
        }
        for url in absolute_urls(tree.text(page), base_url) {
            let found = match resolve_url(&url, base_path, base_url, base_path) {
                Resolved::Internal { path, .. } => published_file(&path, &files).is_some(),
                _ => false,
            };
            if !found {
                problems.push(format!("{page}: {url} names no file of the site"));
            }
        }
    }
    assert!(
        problems.is_empty(),
        "broken absolute URLs:\n{}",
        problems.join("\n")
    );
}

/// Every URL that starts with `base_url`, up to a character that cannot
/// be part of a URL in HTML, XML or JSON text.
fn absolute_urls(text: &str, base_url: &str) -> Vec<String> {
    let mut urls = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find(base_url) {
        rest = &rest[at..];
        let end = rest
            .find(|c: char| c.is_whitespace() || "\"'<>\\&)".contains(c))
            .unwrap_or(rest.len());
        urls.push(rest[..end].to_string());
        rest = &rest[end..];
    }
    urls
}

#[test]
fn absolute_urls_are_found_in_any_text() {
    assert_eq!(
        absolute_urls(
            r#"{"url":"https://e.com/g/a/"} <loc>https://e.com/g/</loc>"#,
            "https://e.com/g/"
        ),
        ["https://e.com/g/a/", "https://e.com/g/"]
    );
}

/// The values of ` id="..."` (or single-quoted) attributes, as written.
fn id_values(html: &str) -> Vec<&str> {
    let mut values = Vec::new();
    for quote in ['"', '\''] {
        let needle = format!(" id={quote}");
        let mut rest = html;
        while let Some(at) = rest.find(&needle) {
            rest = &rest[at + needle.len()..];
            let end = rest.find(quote).unwrap_or(rest.len());
            values.push(&rest[..end]);
            rest = &rest[end..];
        }
    }
    values
}

#[test]
fn ids_are_unique_within_every_page() {
    let (_site, example) = build_example("https://example.github.io/growth/");
    let full = Site::fixture("full");
    full.run(&["build", "--quiet", "--drafts"]).assert_success();
    let full = Tree::read(&full.path("public"));
    let mut problems = Vec::new();
    for tree in [&example, &full] {
        for page in tree.paths().into_iter().filter(|p| p.ends_with(".html")) {
            let mut ids = id_values(tree.text(page));
            ids.sort();
            for pair in ids.windows(2).filter(|pair| pair[0] == pair[1]) {
                problems.push(format!("{page}: id {:?} appears twice", pair[0]));
            }
        }
    }
    problems.dedup();
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

// ---------------------------------------------------------------------
// The summary line, --quiet, warnings and --strict.
// ---------------------------------------------------------------------

#[test]
fn the_summary_line_counts_writeups_strategies_and_pages() {
    let site = Site::with_config()
        .file("content/mistakes/one.md", writeup("One"))
        .file("content/mistakes/two.md", writeup("Two"));
    // Home, two write-ups, strategies, three strategy pages, lessons,
    // progress, FAQ, search, 404.
    site.run(&["build"])
        .assert_success()
        .stdout_is("")
        .stderr_is("built 2 write-ups, 3 strategies, 12 pages in [N] ms\n");
}

#[test]
fn the_summary_line_uses_the_singular_for_one() {
    let config = "title: T\nbase_url: https://example.com/\n\
                  strategies:\n  - slug: reflect\n    name: Reflect\n";
    let site = Site::new()
        .file("growthsite.yaml", config)
        .file("content/mistakes/one.md", writeup("One"));
    site.run(&["build"])
        .assert_success()
        .stderr_is("built 1 write-up, 1 strategy, 9 pages in [N] ms\n");
}

#[test]
fn quiet_prints_nothing_on_success() {
    let site = Site::with_config().file("content/mistakes/one.md", writeup("One"));
    site.run(&["build", "--quiet"])
        .assert_success()
        .stdout_is("")
        .stderr_is("");
    assert!(site.exists("public/mistakes/one/index.html"));
}

#[test]
fn warnings_do_not_fail_the_build() {
    // `build --strict` and `check` on it: tests/fixtures/invalid/.
    let site = Site::fixture("invalid/warnings-under-strict");
    site.run(&["build"])
        .assert_success()
        .stderr_contains("warning: content/mistakes/no-lesson.md:1:1: the write-up has no `lesson`")
        .stderr_contains(
            "warning: content/mistakes/typo.md:5:1: unknown strategy `reflct` \
             (did you mean 'reflect'?)",
        )
        .stderr_contains("built 2 write-ups");
    // The page with the unknown strategy is still built.
    assert!(site.exists("public/mistakes/typo/index.html"));
}

// ---------------------------------------------------------------------
// Output folder behaviour.
// ---------------------------------------------------------------------

#[test]
fn a_rebuild_replaces_its_own_output() {
    let site = Site::with_config()
        .file("content/mistakes/one.md", writeup("One"))
        .file("content/mistakes/two.md", writeup("Two"));
    site.run(&["build"]).assert_success();
    assert!(site.exists("public/mistakes/two/index.html"));
    site.remove("content/mistakes/two.md");
    site.run(&["build"]).assert_success();
    assert!(!site.exists("public/mistakes/two"), "a stale page was kept");
    assert!(site.exists("public/mistakes/one/index.html"));
}

#[test]
fn an_empty_output_folder_is_used() {
    let site = Site::with_config().file("content/mistakes/one.md", writeup("One"));
    std::fs::create_dir(site.scratch("empty")).expect("create empty folder");
    site.run(&["build", "-o", "../empty"]).assert_success();
    assert!(site.scratch("empty/mistakes/one/index.html").is_file());
}

#[test]
fn drafts_are_built_only_with_the_drafts_flag() {
    let site = Site::fixture("full");
    site.run(&["build", "--drafts"]).assert_success();
    let tree = Tree::read(&site.path("public"));
    assert!(
        tree.text("mistakes/a-draft/index.html")
            .contains("DRAFT-ONLY body.")
    );
    assert!(tree.has("mistakes/draft-bundle/notes.svg"));
    assert!(
        tree.text("lessons/index.html")
            .contains("DRAFT-ONLY lesson.")
    );
}
