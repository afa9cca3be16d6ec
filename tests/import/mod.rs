//! `growthsite import`: the mini Jekyll and Hugo blogs of
//! `tests/fixtures/import/<generator>/src/` (one of each pattern that real
//! blogs have: Liquid and shortcodes, permalink styles, dates in other
//! forms, page bundles, old URLs) imported through the real binary,
//! compared with `expected/`, built, checked, re-imported and refused.

use std::collections::BTreeSet;
use std::path::Path;

use crate::support::{Site, Tree, assert_tree_matches_expected, fixture_dir};

mod rerun;

/// The fixture's old blog in a temporary folder, imported into `new`.
fn imported(generator: &str) -> Site {
    let site = Site::fixture(&format!("import/{generator}"));
    let new = site.scratch("new");
    site.run(&["import", generator, "src", new.to_str().unwrap()])
        .assert_success()
        .stderr_contains(&format!(
            "imported {}",
            if generator == "jekyll" {
                "4 posts"
            } else {
                "3 posts"
            }
        ));
    site
}

/// Every URL of the old blog's posts and pages, as Jekyll and Hugo
/// published them (relative to the base path; drafts were never published).
const OLD_URLS: &[(&str, &[&str])] = &[
    (
        "jekyll",
        &[
            "databases/2019/12/03/migration-without-rollback.html",
            "old/migration/",
            "ops/2016/03/21/pager-at-night.html",
            "standup/",
            "about/",
        ],
    ),
    (
        "hugo",
        &[
            "2021/03/the-first-outage-dns-of-course/",
            "posts/first-outage/",
            "posts/dns-outage/",
            "2021/04/ttl-follow-up/",
            "about/",
        ],
    ),
];

#[test]
fn a_jekyll_blog_imports_as_expected() {
    let site = imported("jekyll");
    assert_tree_matches_expected(
        &site.scratch("new"),
        &fixture_dir("import/jekyll").join("expected"),
    );
}

#[test]
fn a_hugo_blog_imports_as_expected() {
    let site = imported("hugo");
    assert_tree_matches_expected(
        &site.scratch("new"),
        &fixture_dir("import/hugo").join("expected"),
    );
}

#[test]
fn the_old_blog_is_never_changed() {
    for generator in ["jekyll", "hugo"] {
        let site = Site::fixture(&format!("import/{generator}"));
        let before = Tree::read(&site.path("src"));
        let new = site.scratch("new");
        site.run(&["import", generator, "src", new.to_str().unwrap()])
            .assert_success();
        site.run(&["import", generator, "src", new.to_str().unwrap()])
            .assert_success();
        before.assert_unchanged(&site.path("src"));
    }
}

/// The output file for a URL path: `a/` is `a/index.html`.
fn output_file(url: &str) -> String {
    if url.ends_with('/') {
        format!("{url}index.html")
    } else {
        url.to_string()
    }
}

#[test]
fn every_old_url_of_every_imported_post_answers() {
    for (generator, urls) in OLD_URLS {
        let site = imported(generator);
        let new = site.scratch("new");
        let out = site.scratch("out");
        site.run(&[
            "build",
            "--root",
            new.to_str().unwrap(),
            "-o",
            out.to_str().unwrap(),
        ])
        .assert_success();
        let base = if *generator == "jekyll" {
            "/blog/"
        } else {
            "/"
        };
        for url in *urls {
            let file = out.join(output_file(url));
            let html = std::fs::read_to_string(&file)
                .unwrap_or_else(|e| panic!("{generator}: {url} does not answer: {e}"));
            // A redirect page leads to a page that exists; else it is the page.
            let refresh = "http-equiv=\"refresh\" content=\"0; url=";
            if let Some(at) = html.find(refresh) {
                let rest = &html[at + refresh.len()..];
                let target = &rest[..rest.find('"').unwrap()];
                let target = target
                    .strip_prefix(base)
                    .unwrap_or_else(|| panic!("{target} not under {base}"));
                assert!(
                    out.join(output_file(target)).is_file(),
                    "{generator}: {url} redirects to {target}, which is missing"
                );
                assert!(
                    html.contains("<link rel=\"canonical\" href=\"http"),
                    "{html}"
                );
            }
        }
    }
}

/// The findings of `check --format json` and of `build --strict`, as
/// (file:line:col, message), ignoring severity (check and --strict promote
/// different warnings).
fn findings(site: &Site, root: &Path) -> (BTreeSet<String>, BTreeSet<String>) {
    let root = root.to_str().unwrap();
    let check = site.run(&["check", "--format", "json", "--root", root]);
    let from_check: BTreeSet<String> = check
        .stdout
        .lines()
        .filter_map(|line| {
            let value: serde_json::Value = serde_json::from_str(line).ok()?;
            let span = &value["span"];
            let hint = match value["hint"].as_str() {
                Some(hint) => format!(" ({hint})"),
                None => String::new(),
            };
            Some(format!(
                "{}:{}:{}: {}{hint}",
                span["file"].as_str()?,
                span["line"],
                span["col"],
                value["message"].as_str()?
            ))
        })
        .collect();
    let out = site.scratch("strict");
    let strict = site.run(&[
        "build",
        "--strict",
        "--root",
        root,
        "-o",
        out.to_str().unwrap(),
    ]);
    let from_strict: BTreeSet<String> = strict
        .stderr
        .lines()
        .filter_map(|line| line.strip_prefix("error: "))
        .map(str::to_string)
        .collect();
    (from_check, from_strict)
}

#[test]
fn check_finds_what_build_strict_finds_on_imported_sites() {
    for generator in ["jekyll", "hugo"] {
        let site = imported(generator);
        let (check, strict) = findings(&site, &site.scratch("new"));
        assert!(!check.is_empty(), "{generator}: the fixture has findings");
        assert_eq!(check, strict, "{generator}");
    }
}

#[test]
fn every_leftover_warning_is_in_the_report_at_its_line() {
    for generator in ["jekyll", "hugo"] {
        let site = imported(generator);
        let new = site.scratch("new");
        let report = std::fs::read_to_string(new.join("import-report.md")).unwrap();
        let check = site.run(&["check", "--root", new.to_str().unwrap()]);
        let warnings: Vec<&str> = check
            .stderr
            .lines()
            .filter(|l| l.contains("which growthsite does not run"))
            .collect();
        assert!(
            !warnings.is_empty(),
            "{generator}: the fixture has leftovers"
        );
        for warning in warnings {
            let position = warning.split(": ").nth(1).unwrap();
            let file_line = position.rsplit_once(':').unwrap().0;
            assert!(
                report.contains(&format!("`{file_line}`")),
                "{generator}: {warning} is not in the report:\n{report}"
            );
        }
    }
}

#[test]
fn docsy_images_emoji_headings_and_numbered_notes_keep_their_links() {
    let site = imported("hugo");
    let new = site.scratch("new");
    // docsy's `imgproc graph` is the bundle's graph.png; Hugo's
    // `enableEmoji` made `## :lock: Lock the TTL` the id `-lock-the-ttl`;
    // Hugo's `#fn:1` is the first note cited, here `[^dns]`.
    site.run(&["check", "--format", "json", "--root", new.to_str().unwrap()])
        .assert_success()
        .stdout_lacks("\"broken-");
    let outage =
        std::fs::read_to_string(new.join("content/mistakes/first-outage/index.md")).unwrap();
    for written in [
        "## 🔒 Lock the TTL",
        "![The error rate.](graph.png)",
        "It was DNS.[^dns] 🔥 `:fire:`",
    ] {
        assert!(outage.contains(written), "{written}:\n{outage}");
    }
    let followup = std::fs::read_to_string(new.join("content/mistakes/ttl-follow-up.md")).unwrap();
    for written in [
        "(@/mistakes/first-outage/index.md#fn-first-outage-dns)",
        "(@/mistakes/first-outage/index.md#-lock-the-ttl)",
    ] {
        assert!(followup.contains(written), "{written}:\n{followup}");
    }
}

#[test]
fn every_broken_link_check_finds_is_in_the_report_at_its_line() {
    for generator in ["jekyll", "hugo"] {
        let site = imported(generator);
        let new = site.scratch("new");
        let report = std::fs::read_to_string(new.join("import-report.md")).unwrap();
        let check = site.run(&["check", "--format", "json", "--root", new.to_str().unwrap()]);
        for line in check.stdout.lines() {
            let finding: serde_json::Value = serde_json::from_str(line).unwrap();
            if !finding["code"].as_str().unwrap().starts_with("broken-") {
                continue;
            }
            let span = &finding["span"];
            let at = format!("`{}:{}`", span["file"].as_str().unwrap(), span["line"]);
            assert!(
                report.contains(&at),
                "{generator}: {line} is not in the report:\n{report}"
            );
        }
    }
}

#[test]
fn jekyll_link_tags_to_files_and_files_with_front_matter_are_published_as_jekyll_did() {
    let site = imported("jekyll");
    let new = site.scratch("new");
    // Jekyll published assets/playbook.yml (front matter never closed) whole.
    assert_eq!(
        std::fs::read_to_string(new.join("static/assets/playbook.yml")).unwrap(),
        std::fs::read_to_string(site.path("src/assets/playbook.yml")).unwrap()
    );
    let pager = std::fs::read_to_string(new.join("content/mistakes/pager-at-night.md")).unwrap();
    assert!(
        pager.contains("[playbook](/blog/assets/playbook.yml)"),
        "{pager}"
    );
    let report = std::fs::read_to_string(new.join("import-report.md")).unwrap();
    assert!(
        report.contains("`/blog/#rota` leads to a part of the old home page; the new home page lists the write-ups and has no `#rota` — link to the page that holds it now, or drop the `#` part"),
        "{report}"
    );
    // A link to a heading that was not there in the old blog either.
    assert!(
        report.contains("`#bootstrap.sh` names no heading or element of this page (nor did it in the old blog, whose ids were made the same way) — point it at `#bootstrapsh`, or remove the link"),
        "{report}"
    );
    site.run(&["check", "--format", "json", "--root", new.to_str().unwrap()])
        .stdout_lacks("playbook");
}
