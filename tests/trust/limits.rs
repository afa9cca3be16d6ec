//! Nothing that hangs (FIFOs), nothing left behind (copies of the site a
//! killed build leaves), nothing quadratic (heading ids).

use std::process::Command;
use std::time::Duration;

use super::{built_site, mkfifo, run_within};
use crate::support::{Site, Tree, repo_root, writeup};

// ---------------------------------------------------------------------
// Nothing that hangs: FIFOs and other special files.
// ---------------------------------------------------------------------

#[test]
fn a_fifo_named_growthsite_yaml_is_an_error_not_a_hang() {
    let site = built_site();
    site.remove("growthsite.yaml");
    mkfifo(&site.path("growthsite.yaml"));
    let before = Tree::read(&site.path("public"));
    run_within(&site, &["build"], Duration::from_secs(30))
        .assert_exit(1)
        .stderr_contains("error: [ROOT]/growthsite.yaml: this is a FIFO (named pipe), not a regular file, so it was not read");
    before.assert_unchanged(&site.path("public"));
}

#[test]
fn a_fifo_under_content_or_static_is_an_error_not_a_hang() {
    let site = built_site();
    mkfifo(&site.path("content/mistakes/pipe.md"));
    std::fs::create_dir_all(site.path("static")).expect("create static");
    mkfifo(&site.path("static/pipe.txt"));
    let before = Tree::read(&site.path("public"));
    run_within(&site, &["build"], Duration::from_secs(30))
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/pipe.md: a FIFO (named pipe), not a regular file: not read (remove it from the site folder)")
        .stderr_contains("error: static/pipe.txt: a FIFO (named pipe), not a regular file");
    before.assert_unchanged(&site.path("public"));
}

// ---------------------------------------------------------------------
// Nothing left behind.
// ---------------------------------------------------------------------

/// The id of a process that has exited (and been reaped).
fn a_finished_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("run true");
    child.wait().expect("wait for true");
    child.id()
}

#[test]
fn copies_left_by_killed_builds_are_removed_but_a_running_builds_are_kept() {
    let site = built_site();
    let dead = a_finished_pid();
    let alive = std::process::id();
    for name in [
        format!(".public.growthsite-new-{dead}"),
        format!(".public.growthsite-old-{dead}"),
        format!(".public.growthsite-new-{alive}"),
    ] {
        site.write(&format!("{name}/index.html"), "a copy of the site");
    }
    site.write(".public.growthsite-old-notapid/index.html", "not ours");
    site.run(&["build"]).assert_success();
    assert!(!site.exists(&format!(".public.growthsite-new-{dead}")));
    assert!(!site.exists(&format!(".public.growthsite-old-{dead}")));
    assert!(site.exists(&format!(".public.growthsite-new-{alive}/index.html")));
    assert!(site.exists(".public.growthsite-old-notapid/index.html"));
    assert!(site.exists("public/mistakes/good/index.html"));
}

#[test]
fn gitignore_covers_what_a_killed_build_leaves() {
    let site = Site::new();
    site.run(&["init", "blog"]).assert_success();
    // This repository's own .gitignore too, in a folder of its own.
    let repo_ignore = std::fs::read_to_string(repo_root().join(".gitignore")).expect("read");
    site.write("repo/.gitignore", repo_ignore);
    for dir in ["blog", "repo"] {
        let git = |args: &[&str]| {
            Command::new("git")
                .args(args)
                .current_dir(site.path(dir))
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .status()
                .expect("run git")
        };
        assert!(git(&["init", "--quiet"]).success());
        for leftover in [
            ".public.growthsite-new-4242/index.html",
            ".public.growthsite-old-4242/index.html",
            "site/.out.growthsite-new-7/index.html",
        ] {
            assert!(
                git(&["check-ignore", "--quiet", leftover]).success(),
                "{dir}/.gitignore does not cover {leftover}"
            );
        }
    }
}

// ---------------------------------------------------------------------
// Linear time.
// ---------------------------------------------------------------------

#[test]
fn sixteen_thousand_equal_headings_build_in_linear_time() {
    // 16,000 `## Same` (128 KB) took 22 s in a release build when each
    // heading searched `same-1`, `same-2`... from the start.
    let mut text = writeup("Same");
    text.push_str(&"## Same\n\n".repeat(16_000));
    let site = built_site().file("content/mistakes/same.md", text);
    run_within(&site, &["build"], Duration::from_secs(30)).assert_success();
    let html = site.read("public/mistakes/same/index.html");
    assert!(html.contains("<h2 id=\"same\">"));
    assert!(html.contains("<h2 id=\"same-1\">"));
    assert!(html.contains("<h2 id=\"same-15999\">"));
}
