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
