//! `growthsite check`: nothing written; JSON lines for tools; warnings alone
//! pass; the example blog passes. What it prints for every kind of defect
//! is in tests/fixtures/invalid/.

use crate::support::{Site, Tree, writeup};

/// A site with one defect of each kind check knows, each in its own place;
/// what `build` and `check` print for it is in its `expected.stderr`.
fn defective_site() -> Site {
    Site::fixture("invalid/check-every-kind-of-defect")
}

#[test]
fn check_writes_nothing() {
    let site = defective_site();
    let before = Tree::read(site.root());
    site.run(&["check"]).assert_exit(1);
    before.assert_unchanged(site.root());
    let clean = Site::with_config().file("content/mistakes/a.md", writeup("A"));
    let before = Tree::read(clean.root());
    clean.run(&["check"]).assert_success();
    before.assert_unchanged(clean.root());
}

#[test]
fn check_json_prints_one_object_per_finding() {
    let site = defective_site();
    let run = site.run(&["check", "--format", "json"]);
    run.assert_exit(1);
    let findings: Vec<serde_json::Value> = run
        .stdout
        .lines()
        .map(|line| serde_json::from_str(line).unwrap_or_else(|e| panic!("not JSON ({e}): {line}")))
        .collect();
    assert_eq!(findings.len(), 8, "{}", run.stdout);
    let image = findings
        .iter()
        .find(|f| {
            f["message"]
                .as_str()
                .is_some_and(|m| m.starts_with("image `diagram.png`"))
        })
        .expect("the missing image is reported");
    assert_eq!(image["severity"], "error");
    assert_eq!(image["code"], "broken-link");
    assert_eq!(image["span"]["file"], "content/mistakes/links.md");
    assert_eq!(image["span"]["line"], 12);
    assert_eq!(image["span"]["col"], 1);
    assert!(image["hint"].is_string());
    let codes: Vec<&str> = findings.iter().filter_map(|f| f["code"].as_str()).collect();
    assert_eq!(codes.len(), findings.len(), "every finding has a code");
    for code in [
        "bad-date",
        "unknown-strategy",
        "unknown-page",
        "broken-anchor",
    ] {
        assert!(codes.contains(&code), "{code} missing from {codes:?}");
    }
    let warning = findings
        .iter()
        .find(|f| f["severity"] == "warning")
        .expect("the missing lesson stays a warning");
    assert_eq!(warning["code"], "missing-lesson");
}

#[test]
fn warnings_alone_pass() {
    let site = Site::with_config().file(
        "content/mistakes/a.md",
        "---\ntitle: A\ndate: 2026-01-10\n---\nBody.\n",
    );
    site.run(&["check"])
        .assert_success()
        .stderr_contains("warning: content/mistakes/a.md:")
        .stderr_contains("check passed: 0 errors, 1 warning");
}

#[test]
fn images_in_page_bundles_and_static_are_found() {
    let site = Site::with_config()
        .file("content/mistakes/b/index.md", "---\ntitle: B\ndate: 2026-01-10\nstrategies: [reflect]\nlesson: L.\n---\n![Chart](chart.svg) ![Logo](/logo.svg)\n")
        .file("content/mistakes/b/chart.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
        .file("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>");
    site.run(&["check"])
        .assert_success()
        .stderr_contains("check passed: 0 errors, 0 warnings");
}

#[test]
fn the_example_blog_passes() {
    let site = Site::example();
    site.run(&["check"])
        .assert_success()
        .stderr_contains("check passed: 0 errors");
}

/// The lines of stderr that report an error.
fn error_lines(stderr: &str) -> Vec<&str> {
    stderr.lines().filter(|l| l.starts_with("error:")).collect()
}

/// The findings of a run, without their severity: `file:line:col: what (hint)`.
fn findings(stderr: &str) -> Vec<String> {
    let mut found: Vec<String> = stderr
        .lines()
        .filter_map(|line| {
            line.strip_prefix("error: ")
                .or_else(|| line.strip_prefix("warning: "))
        })
        .map(String::from)
        .collect();
    found.sort();
    found
}

#[test]
fn build_build_strict_and_check_find_the_same_problems() {
    let site = defective_site();
    let check = site.run(&["check"]);
    check.assert_exit(1);
    let strict = site.run(&["build", "--strict"]);
    strict.assert_exit(1);
    let build = site.run(&["build"]);
    // The bad date is an error in every run; the broken links are warnings
    // that only check and --strict fail on.
    build.assert_exit(1);
    assert_eq!(findings(&check.stderr), findings(&strict.stderr));
    assert_eq!(findings(&check.stderr), findings(&build.stderr));
    assert_eq!(findings(&check.stderr).len(), 8, "{}", check.stderr);
}

#[test]
fn a_site_with_broken_links_builds_and_says_so() {
    let site = Site::with_config().file(
        "content/mistakes/a.md",
        "---\ntitle: A\ndate: 2026-01-10\nstrategies: [reflect]\nlesson: L.\n---\nSee [this](/nowhere/).\n",
    );
    site.run(&["build"])
        .assert_success()
        .stderr_contains("warning: content/mistakes/a.md:7:5: link to `/nowhere/` leads nowhere");
    site.run(&["build", "--strict"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/a.md:7:5: link to `/nowhere/` leads nowhere");
    site.run(&["check"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/a.md:7:5: link to `/nowhere/` leads nowhere");
}

#[test]
fn an_image_beside_a_plain_writeup_gets_a_true_hint_once() {
    // Not a page bundle: the image is published at /mistakes/cover.jpg,
    // and the relative path on /mistakes/a/ leads to /mistakes/a/cover.jpg.
    let site = Site::with_config()
        .file(
            "content/mistakes/a.md",
            "---\ntitle: A\ndate: 2026-01-10\nstrategies: [reflect]\nlesson: L.\n---\n![Cover](cover.jpg)\n\nMore.\n",
        )
        .file("content/mistakes/cover.jpg", "not really a jpeg");
    let run = site.run(&["check"]);
    run.assert_exit(1);
    let errors = error_lines(&run.stderr);
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: content/mistakes/a.md:7:1: image `cover.jpg` leads nowhere: nothing is published at /mistakes/a/cover.jpg"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("content/mistakes/cover.jpg is published at /mistakes/cover.jpg")
            && errors[0]
                .contains("page bundle (content/mistakes/a/index.md with cover.jpg beside it)"),
        "{}",
        errors[0]
    );
}

/// `site` with write-up B (dated 2026-01-10), a page bundle whose summary
/// shows its image in raw HTML by a relative path: right on B's own page,
/// wrong on the list pages that show the summary.
fn with_summary_image_in_raw_html(site: Site) -> Site {
    site.file(
        "content/mistakes/b/index.md",
        "---\ntitle: B\ndate: 2026-01-10\nstrategies: [reflect]\nlesson: L.\n---\nSee <img src=\"pic.png\" alt=\"pic\"> here.\n",
    )
    .file("content/mistakes/b/pic.png", "png")
}

#[test]
fn a_summary_link_that_breaks_on_list_pages_is_reported_once_at_its_line() {
    // Raw HTML keeps its relative path: right on the write-up's page,
    // wrong on the home and strategy pages that show the summary.
    let site = with_summary_image_in_raw_html(Site::with_config());
    let run = site.run(&["check"]);
    run.assert_exit(1);
    let errors = error_lines(&run.stderr);
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: content/mistakes/b/index.md:7:15: image `pic.png` leads nowhere: nothing is published at /pic.png (on 2 pages, such as /, which show it; on its own page it works)"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("write /mistakes/b/pic.png"),
        "{}",
        errors[0]
    );
}

#[test]
fn an_in_page_link_in_a_summary_works_on_list_pages_and_raw_html_ones_are_reported() {
    // Markdown's `#setup` is made absolute where the summary is shown;
    // raw HTML is kept as written, so it breaks there, and check says so.
    let site = Site::with_config().file(
        "content/mistakes/b/index.md",
        "---\ntitle: B\ndate: 2026-01-10\nstrategies: [reflect]\nlesson: L.\n---\nSee [the setup](#setup) and <a href=\"#steps\">the steps</a>.\n\n## Setup\n\n## Steps\n",
    );
    let run = site.run(&["check"]);
    run.assert_exit(1);
    let errors = error_lines(&run.stderr);
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: content/mistakes/b/index.md:7:38: link to `#steps` has no target: / has no element with id `steps` (on 2 pages, such as /, which show it; on its own page it works)"),
        "{}",
        errors[0]
    );
    assert!(
        errors[0].contains("write /mistakes/b/#steps, or write it in Markdown"),
        "{}",
        errors[0]
    );
    site.run(&["build", "--quiet"]);
    assert!(
        site.read("public/index.html")
            .contains("href=\"/mistakes/b/#setup\""),
        "{}",
        site.read("public/index.html")
    );
}

#[test]
fn findings_on_many_pages_are_counted_across_the_whole_site() {
    // The check reads pages in runs of a few hundred, in parallel: a site
    // of 700 write-ups takes several runs, and what each run found must
    // add up to what one pass over every page would find.
    let mut site = Site::with_config().file(
        "templates/partials/footer-extra.html",
        "<a href=\"/nowhere/\">gone</a>\n",
    );
    for i in 0..700 {
        let day = 1 + i % 28;
        let month = 1 + i / 28 % 12;
        site = site.file(
            &format!("content/mistakes/w{i:03}.md"),
            format!(
                "---\ntitle: W {i}\ndate: 2025-{month:02}-{day:02}\nstrategies: [reflect]\n\
                 lesson: Check first.\n---\nWhat happened.\n"
            ),
        );
    }
    // The newest write-up: its summary shows on list pages far apart in
    // the sorted page list (the home page and the strategy's page).
    let site = with_summary_image_in_raw_html(site);
    let run = site.run(&["check"]);
    run.assert_exit(1);
    let errors = error_lines(&run.stderr);
    assert_eq!(errors.len(), 2, "{}", run.stderr);
    // `/` is among the first pages read, `/strategies/reflect/` among the
    // last, in another run.
    assert!(
        errors[0].starts_with("error: content/mistakes/b/index.md:7:15: image `pic.png` leads nowhere: nothing is published at /pic.png (on 2 pages, such as /, which show it;"),
        "{}",
        errors[0]
    );
    // The footer is on every page: the count is the whole site's.
    let summary = run.stderr.lines().last().unwrap_or_default();
    let checked = summary
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(" pages and"))
        .map(|(pages, _)| pages)
        .unwrap_or_else(|| panic!("no page count in {summary:?}"));
    assert!(checked.parse::<usize>().is_ok_and(|n| n > 700), "{summary}");
    let on_every_page = format!("nothing is published at /nowhere/ (on {checked} pages of ");
    assert!(errors[1].contains(&on_every_page), "{}", errors[1]);
}
