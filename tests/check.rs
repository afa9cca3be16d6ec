//! `growthsite check`: every kind of defect reported with its position,
//! sorted, exit 1 on any error; nothing written; JSON lines for tools; the
//! example blog passes.

use crate::support::{CONFIG, Site, Tree, writeup};

/// A site with one defect of each kind check knows, each in its own place.
fn defective_site() -> Site {
    Site::with_config()
        .file("content/mistakes/good.md", "---\ntitle: Good\ndate: 2026-01-10\nstrategies: [reflect]\nlesson: L.\n---\n## Fix it\n\nText.\n")
        .file(
            "content/mistakes/links.md",
            "---\ntitle: Links\ndate: 2026-01-11\nstrategies: [reflect, reflct]\nlesson: L.\n---\n\
             Intro.\n\
             \n\
             See [gone](@/mistakes/gone.md) and [a page](/nowhere/).\n\
             Also [the fix](@/mistakes/good.md#fix-that) and [here](#intro-part).\n\
             \n\
             ![Diagram](diagram.png)\n",
        )
        .file("content/mistakes/no-lesson.md", "---\ntitle: No lesson\ndate: 2026-01-12\nstrategies: [reflect]\n---\nBody.\n")
        .file("content/mistakes/bad-date.md", "---\ntitle: Bad date\ndate: 2026-02-30\nlesson: L.\n---\nBody.\n")
}

#[test]
fn check_reports_each_defect_at_its_position_sorted_and_exits_1() {
    let site = defective_site();
    let run = site.run(&["check"]);
    run.assert_exit(1);
    let errors = run.stderr_lines("error:");
    let warnings = run.stderr_lines("warning:");
    let expected_errors = [
        ("error: content/mistakes/bad-date.md:3:1:", "`date`"),
        (
            "error: content/mistakes/links.md:4:1:",
            "unknown strategy `reflct`",
        ),
        (
            "error: content/mistakes/links.md:9:5:",
            "@/mistakes/gone.md",
        ),
        (
            "error: content/mistakes/links.md:9:36:",
            "link to `/nowhere/` leads nowhere",
        ),
        (
            "error: content/mistakes/links.md:10:6:",
            "link to `@/mistakes/good.md#fix-that` has no target: /mistakes/good/ has no element with id `fix-that`",
        ),
        (
            "error: content/mistakes/links.md:10:49:",
            "link to `#intro-part` has no target",
        ),
        (
            "error: content/mistakes/links.md:12:1:",
            "image `diagram.png` leads nowhere: nothing is published at /mistakes/links/diagram.png",
        ),
    ];
    assert_eq!(errors.len(), expected_errors.len(), "{}", run.stderr);
    for (line, (position, what)) in errors.iter().zip(expected_errors) {
        assert!(
            line.starts_with(position) && line.contains(what),
            "expected {position} ... {what}\ngot {line}"
        );
    }
    assert!(run.stderr.contains("did you mean 'reflect'?"));
    assert!(
        run.stderr.contains("did you mean '#fix-it'?"),
        "{}",
        run.stderr
    );
    assert_eq!(warnings.len(), 1, "{}", run.stderr);
    assert!(
        warnings[0].starts_with("warning: content/mistakes/no-lesson.md:")
            && warnings[0].contains("`lesson`")
    );
    run.stderr_contains("check failed: 7 errors, 1 warning");
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
fn links_must_stay_under_a_sub_path() {
    let config = CONFIG.replace("https://example.com/", "https://alice.github.io/growth/");
    let site = Site::new().file("growthsite.yaml", config).file(
        "content/about.md",
        "---\ntitle: About\n---\nRead [the lessons](/lessons/) or [these](/growth/lessons/).\n",
    );
    let run = site.run(&["check"]);
    run.assert_exit(1);
    let errors = run.stderr_lines("error:");
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(errors[0].starts_with("error: content/about.md:4:6: link to `/lessons/` leads to /lessons/, outside the site's base path /growth/"), "{}", errors[0]);
}

#[test]
fn a_broken_link_in_a_template_names_the_template() {
    let site = Site::with_config()
        .file("content/mistakes/a.md", writeup("A"))
        .file(
            "templates/page.html",
            "{% extends \"base.html\" %}{% block main %}<a href=\"{{ url_for(path='abuot/') }}\">About</a>{{ page.content | safe }}{% endblock main %}",
        )
        .file("content/about.md", "---\ntitle: About\n---\nHi.\n")
        .file("content/now.md", "---\ntitle: Now\n---\nNow.\n");
    let run = site.run(&["check"]);
    run.assert_exit(1);
    let errors = run.stderr_lines("error:");
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: templates/page.html: link to `/abuot/` leads nowhere")
            && errors[0].contains("on 2 pages, such as /about/"),
        "{}",
        errors[0]
    );
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
    site.remove("content/mistakes/b/chart.svg");
    site.run(&["check"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/b/index.md:7:1: image `chart.svg` leads nowhere: nothing is published at /mistakes/b/chart.svg");
}

#[test]
fn the_example_blog_passes() {
    let site = Site::example();
    site.run(&["check"])
        .assert_success()
        .stderr_contains("check passed: 0 errors");
}
