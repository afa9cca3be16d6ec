//! `growthsite build` end to end: determinism, the sub-path property, the
//! summary line, warnings and `--strict`, and input that must build.

use std::collections::HashSet;
use std::path::Path;

use growthsite::config::base_path_of;
use growthsite::urls::{Resolved, published_file, resolve_url};

use crate::support::{Site, Tree, assert_same_tree, repo_root, tree_diff, writeup};

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

// ---------------------------------------------------------------------
// Input that must build.
// ---------------------------------------------------------------------

/// Builds `site` and returns its public/ tree.
#[track_caller]
fn builds(site: &Site) -> Tree {
    site.run(&["build"]).assert_success();
    Tree::read(&site.path("public"))
}

#[test]
fn an_empty_body() {
    let site = Site::with_config().file(
        "content/mistakes/empty.md",
        "---\ntitle: Nothing to say\ndate: 2026-01-01\nlesson: L.\n---\n",
    );
    let tree = builds(&site);
    assert!(
        tree.text("mistakes/empty/index.html")
            .contains("Nothing to say")
    );
}

#[test]
fn front_matter_only_without_a_final_newline() {
    let site = Site::with_config().file(
        "content/mistakes/bare.md",
        "---\ntitle: Bare\ndate: 2026-01-01\nlesson: L.\n---",
    );
    let tree = builds(&site);
    assert!(tree.text("mistakes/bare/index.html").contains("Bare"));
}

#[test]
fn a_utf8_byte_order_mark() {
    let site = Site::with_config().file(
        "content/mistakes/bom.md",
        format!("\u{feff}{}", writeup("Marked")),
    );
    let tree = builds(&site);
    assert!(
        tree.text("mistakes/bom/index.html")
            .contains("<h1>Marked</h1>")
    );
}

#[test]
fn crlf_line_endings() {
    let text = "---\r\ntitle: Windows\r\ndate: 2026-01-01\r\nstrategies: [reflect]\r\n\
                lesson: Check first.\r\n---\r\nFirst line.\r\n\r\n## A heading\r\n\r\nLast.\r\n";
    let site = Site::with_config().file("content/mistakes/crlf.md", text);
    let tree = builds(&site);
    let html = tree.text("mistakes/crlf/index.html");
    assert!(html.contains("<h1>Windows</h1>"), "{html}");
    assert!(html.contains("<h2 id=\"a-heading\">"), "{html}");
    assert!(html.contains("Check first."));
    assert!(
        tree.text("strategies/reflect/index.html")
            .contains("Windows")
    );
}

#[test]
fn dashes_lines_inside_the_body() {
    let text = format!(
        "{}\nBefore the rule.\n\n---\n\nAfter the rule.\n\n---\n",
        writeup("Rules")
    );
    let site = Site::with_config().file("content/mistakes/rules.md", text);
    let tree = builds(&site);
    let html = tree.text("mistakes/rules/index.html");
    assert!(html.contains("Before the rule."), "{html}");
    assert!(html.contains("<hr />"), "{html}");
    assert!(html.contains("After the rule."), "{html}");
}

#[test]
fn a_single_strategy_as_a_plain_string() {
    let site = Site::with_config().file(
        "content/mistakes/single.md",
        "---\ntitle: Single\ndate: 2026-01-01\nstrategies: seek-feedback\nlesson: L.\n---\n",
    );
    let tree = builds(&site);
    assert!(
        tree.text("strategies/seek-feedback/index.html")
            .contains("Single")
    );
    assert!(
        !tree
            .text("strategies/reflect/index.html")
            .contains("Single")
    );
}

#[test]
fn unknown_front_matter_keys_are_page_extra() {
    let site = Site::with_config()
        .file(
            "content/mistakes/moody.md",
            "---\ntitle: Moody\ndate: 2026-01-01\nlesson: L.\nmood: rueful\n\
             weather:\n  sky: grey\n---\n",
        )
        .file(
            "templates/mistake.html",
            "{{ page.title }}: {{ page.extra.mood }}, {{ page.extra.weather.sky }}\n",
        );
    let tree = builds(&site);
    assert_eq!(
        tree.text("mistakes/moody/index.html"),
        "Moody: rueful, grey\n"
    );
}

#[test]
fn non_ascii_title_and_file_name() {
    let site = Site::with_config().file(
        "content/mistakes/Überstunden.md",
        "---\ntitle: Überstunden im März\ndate: 2026-01-01\nlesson: Zähle die Stunden.\n---\n",
    );
    let tree = builds(&site);
    let html = tree.text("mistakes/uberstunden/index.html");
    assert!(html.contains("Überstunden im März"), "{html}");
    assert!(tree.text("index.html").contains("/mistakes/uberstunden/"));
}

#[test]
fn a_ten_megabyte_writeup() {
    let mut text = writeup("Long");
    let mut n = 0;
    while text.len() < 10 * 1024 * 1024 {
        n += 1;
        text.push_str(&format!(
            "\nParagraph {n}: the same mistake, described at great length.\n"
        ));
    }
    let last = format!("Paragraph {n}:");
    let site = Site::with_config().file("content/mistakes/long.md", text);
    let tree = builds(&site);
    let html = tree.text("mistakes/long/index.html");
    assert!(html.len() > 10 * 1024 * 1024);
    assert!(html.contains(&last));
}

#[test]
fn a_symlink_loop_under_content() {
    let site = Site::with_config().file("content/mistakes/one.md", writeup("One"));
    std::os::unix::fs::symlink("..", site.path("content/mistakes/loop")).expect("symlink");
    site.run(&["build"])
        .assert_success()
        .stderr_contains("warning: content/mistakes/loop")
        .stderr_contains("symlink loop")
        .stderr_contains("built 1 write-up,");
    assert!(site.exists("public/mistakes/one/index.html"));
}

#[test]
fn the_example_blog_builds_without_warnings() {
    let site = Site::example();
    let run = site.run(&["build"]);
    run.assert_success().stderr_lacks("warning:");
    assert!(Path::new(&site.path("public/index.html")).is_file());
}

#[test]
fn static_files_are_copied_as_they_are_with_hidden_ones() {
    let site = Site::with_config()
        .file("content/mistakes/one.md", writeup("One"))
        .file(
            "static/.well-known/security.txt",
            "Contact: mailto:me@example.com\n",
        )
        .file("static/.nojekyll", "")
        .file("static/docs/cv.pdf", b"%PDF-1.4 \x00\xff".as_slice())
        .file("static/notes.txt~", "editor backup\n")
        .file("content/.obsidian/workspace.json", "{}\n")
        .file("content/mistakes/.one.md.swp", "swap\n");
    let tree = builds(&site);
    assert_eq!(
        tree.text(".well-known/security.txt"),
        "Contact: mailto:me@example.com\n"
    );
    assert!(tree.has(".nojekyll"));
    assert_eq!(tree.0["docs/cv.pdf"], b"%PDF-1.4 \x00\xff");
    // Editor leftovers and hidden files in content/ are not published.
    assert!(!tree.has("notes.txt~"), "{:?}", tree.paths());
    assert!(
        !tree
            .paths()
            .iter()
            .any(|p| p.contains("obsidian") || p.contains("swp"))
    );
}

#[test]
fn a_byte_order_mark_in_the_config_and_in_a_template() {
    let site = Site::new()
        .file(
            "growthsite.yaml",
            format!("\u{feff}{}", crate::support::CONFIG),
        )
        .file("content/mistakes/one.md", writeup("One"))
        .file(
            "templates/mistake.html",
            "\u{feff}{% extends \"base.html\" %}\n\
             {% block main %}<h1 class=\"mine\">{{ page.title }}</h1>{% endblock main %}\n",
        );
    let tree = builds(&site);
    let html = tree.text("mistakes/one/index.html");
    assert!(html.contains("<h1 class=\"mine\">One</h1>"), "{html}");
    assert!(!html.contains('\u{feff}'));
}

#[test]
fn a_site_with_no_writeups_yet() {
    let site = Site::with_config();
    site.run(&["build"])
        .assert_success()
        .stderr_is("built 0 write-ups, 3 strategies, 10 pages in [N] ms\n");
    let tree = Tree::read(&site.path("public"));
    assert!(tree.has("index.html") && tree.has("strategies/reflect/index.html"));
    assert!(tree.text("atom.xml").contains("</feed>"));
}

#[test]
fn markup_in_front_matter_is_escaped() {
    let site = Site::with_config().file(
        "content/mistakes/markup.md",
        "---\ntitle: \"Q&A <b>bold</b>\"\ndate: 2026-01-01\nstrategies: [reflect]\n\
         lesson: \"Fish & chips <i>x</i>\"\n---\nBody.\n",
    );
    let tree = builds(&site);
    for page in [
        "mistakes/markup/index.html",
        "index.html",
        "lessons/index.html",
    ] {
        let html = tree.text(page);
        assert!(
            !html.contains("<b>bold</b>") && !html.contains("<i>x</i>"),
            "{page}: {html}"
        );
    }
    assert!(
        tree.text("mistakes/markup/index.html")
            .contains("Q&amp;A &lt;b&gt;bold&lt;/b&gt;")
    );
    let feed = tree.text("atom.xml");
    assert!(
        feed.contains("<title>Q&amp;A &lt;b&gt;bold&lt;/b&gt;</title>"),
        "{feed}"
    );
}
