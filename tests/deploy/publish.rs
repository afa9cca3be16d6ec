//! Publishing: what deploy puts on the branch, what it leaves alone, and
//! the flags that change where and how.

use std::fs;

use super::{
    branch_files, example_repo, expected_files, git, git_ok, growthsite, initialised_repo,
    make_executable, make_repo, user_state,
};
use crate::support::Site;

#[test]
fn deploy_publishes_the_build_and_leaves_the_user_state_alone() {
    let (site, origin) = example_repo();
    let before = user_state(&site);
    let run = growthsite(&site, &["deploy"]);
    run.assert_success()
        .stdout_contains("committed the site to gh-pages")
        .stdout_contains("pushed gh-pages to origin");
    assert_eq!(
        user_state(&site),
        before,
        "deploy changed the user's repository"
    );

    let published = branch_files(&site, &origin, "gh-pages");
    let expected = expected_files(&site, Some("blog.example.org"));
    assert_eq!(
        published.keys().collect::<Vec<_>>(),
        expected.keys().collect::<Vec<_>>(),
        "file lists differ"
    );
    for (path, bytes) in &expected {
        assert!(published[path] == *bytes, "{path} differs from the build");
    }
    assert!(published.contains_key("mistakes/missed-deadline-silent-risk/timeline.svg"));

    let short = git(&site, site.root(), &["rev-parse", "--short", "HEAD"]);
    let subject = git(&site, &origin, &["log", "-1", "--format=%s", "gh-pages"]);
    assert_eq!(subject, format!("Publish site from {short}"));

    // The same output again: no new commit, locally or on origin.
    let tip = git(&site, &origin, &["rev-parse", "gh-pages"]);
    growthsite(&site, &["deploy"])
        .assert_success()
        .stdout_contains("gh-pages already holds this site")
        .stdout_contains("no new commit");
    assert_eq!(git(&site, &origin, &["rev-parse", "gh-pages"]), tip);
    assert_eq!(git(&site, site.root(), &["rev-parse", "gh-pages"]), tip);
    assert_eq!(
        git(&site, &origin, &["rev-list", "--count", "gh-pages"]),
        "1"
    );
    assert_eq!(
        user_state(&site),
        before,
        "the second deploy changed the user's repository"
    );
}

#[test]
fn a_new_build_becomes_a_child_commit() {
    let (site, origin) = example_repo();
    growthsite(&site, &["deploy"]).assert_success();
    let first = git(&site, &origin, &["rev-parse", "gh-pages"]);
    let about = site.read("content/about.md");
    site.write(
        "content/about.md",
        about.replace("I'm Ines Halvorsen.", "I am Ines Halvorsen."),
    );
    git(
        &site,
        site.root(),
        &["commit", "--quiet", "-am", "Edit the about page"],
    );
    growthsite(&site, &["deploy"])
        .assert_success()
        .stdout_contains("committed the site");
    assert_eq!(git(&site, &origin, &["rev-parse", "gh-pages^"]), first);
    let published = branch_files(&site, &origin, "gh-pages");
    assert!(
        String::from_utf8_lossy(&published["about/index.html"]).contains("I am Ines Halvorsen.")
    );
}

#[test]
fn a_dirty_working_tree_is_a_warning_and_is_named_in_the_message() {
    let (site, origin) = example_repo();
    let about = site.read("content/about.md");
    site.write(
        "content/about.md",
        format!("{about}\nAn unsaved thought.\n"),
    );
    site.write("notes.txt", "untracked");
    let before = user_state(&site);
    growthsite(&site, &["deploy"])
        .assert_success()
        .stderr_contains("warning: the working tree has uncommitted changes");
    assert_eq!(user_state(&site), before);
    let subject = git(&site, &origin, &["log", "-1", "--format=%s", "gh-pages"]);
    assert!(subject.ends_with("(with uncommitted changes)"), "{subject}");
    let published = branch_files(&site, &origin, "gh-pages");
    assert!(
        String::from_utf8_lossy(&published["about/index.html"]).contains("An unsaved thought.")
    );
}

#[test]
fn no_push_commits_locally_and_a_later_deploy_pushes_it() {
    let (site, origin) = example_repo();
    growthsite(&site, &["deploy", "--no-push"])
        .assert_success()
        .stdout_contains("not pushed (--no-push)");
    assert!(!git_ok(
        &site,
        &origin,
        &["rev-parse", "--verify", "--quiet", "gh-pages"]
    ));
    let local = git(&site, site.root(), &["rev-parse", "gh-pages"]);
    growthsite(&site, &["deploy"])
        .assert_success()
        .stdout_contains("no new commit");
    assert_eq!(git(&site, &origin, &["rev-parse", "gh-pages"]), local);
}

#[test]
fn branch_and_message_flags() {
    let (site, origin) = example_repo();
    growthsite(
        &site,
        &["deploy", "--branch", "site", "--message", "Publish by hand"],
    )
    .assert_success();
    // Deploy's trailer follows the message, in a paragraph of its own.
    assert_eq!(
        git(&site, &origin, &["log", "-1", "--format=%B", "site"]),
        format!(
            "Publish by hand\n\nPublished-by: growthsite {}",
            env!("CARGO_PKG_VERSION")
        )
    );
    assert!(!git_ok(
        &site,
        &origin,
        &["rev-parse", "--verify", "--quiet", "gh-pages"]
    ));
}

#[test]
fn a_failed_push_shows_what_git_said() {
    let (site, origin) = example_repo();
    let hook = origin.join("hooks/pre-receive");
    fs::write(
        &hook,
        "#!/bin/sh\necho 'rejected by the test hook' >&2\nexit 1\n",
    )
    .expect("write hook");
    make_executable(&hook);
    growthsite(&site, &["deploy"])
        .assert_exit(1)
        .stderr_contains("rejected by the test hook");
    assert!(!git_ok(
        &site,
        &origin,
        &["rev-parse", "--verify", "--quiet", "gh-pages"]
    ));
}

#[test]
fn deploy_refuses_a_local_or_placeholder_base_url() {
    let (site, _) = example_repo();
    growthsite(&site, &["deploy", "--base-url", "http://localhost:1111/"])
        .assert_exit(1)
        .stderr_contains("base_url `http://localhost:1111/` points at this computer");
    assert!(!git_ok(
        &site,
        site.root(),
        &["rev-parse", "--verify", "--quiet", "gh-pages"]
    ));

    // A site just made by init keeps its placeholder until its owner edits it.
    let fresh = Site::new();
    fresh.run(&["init", "."]).assert_success();
    make_repo(&fresh);
    growthsite(&fresh, &["deploy"])
        .assert_exit(1)
        .stderr_contains("base_url `https://example.com/` is a placeholder")
        .stderr_contains("set base_url in growthsite.yaml");
    assert!(!git_ok(
        &fresh,
        fresh.root(),
        &["rev-parse", "--verify", "--quiet", "gh-pages"]
    ));
}

#[test]
fn deploy_warns_when_a_pages_workflow_also_publishes() {
    let site = initialised_repo();
    growthsite(&site, &["deploy", "--no-push"])
        .assert_success()
        .stderr_contains(
            "warning: .github/workflows/pages.yml also publishes this site to GitHub Pages",
        );
}

#[test]
fn deploy_outside_a_repository_says_so() {
    let site = Site::example();
    growthsite(&site, &["deploy"])
        .assert_exit(1)
        .stderr_contains("not inside a git repository");
}

#[test]
fn a_cname_that_is_not_a_host_name_is_refused_at_its_line() {
    let (site, origin) = example_repo();
    let config = site.read("growthsite.yaml");
    let line = config
        .lines()
        .position(|l| l.starts_with("cname:"))
        .expect("cname")
        + 1;
    let with = |value: &str| config.replace("cname: blog.example.org", &format!("cname: {value}"));

    // deploy would have written it verbatim as the CNAME file.
    site.write(
        "growthsite.yaml",
        with("\"blog.example.org\\nevil.example.com\""),
    );
    growthsite(&site, &["deploy"])
        .assert_exit(1)
        .stderr_contains(&format!(
            "error: growthsite.yaml:{line}:1: cname `blog.example.org\\nevil.example.com` contains a space or a line break"
        ));
    assert!(!git_ok(
        &site,
        &origin,
        &["rev-parse", "--verify", "--quiet", "gh-pages"]
    ));
    assert!(!git_ok(
        &site,
        site.root(),
        &["rev-parse", "--verify", "--quiet", "gh-pages"]
    ));

    for (value, what) in [
        (
            "https://blog.example.org/",
            "has a scheme; CNAME holds a host name only (write `cname: blog.example.org`)",
        ),
        (
            "blog.example.org/about",
            "has a path; CNAME holds a host name only (write `cname: blog.example.org`)",
        ),
        ("blog.example.org:8080", "has a port"),
        ("'blog example.org'", "contains a space"),
        ("blog_1.example.org", "has `_`"),
        ("localhost", "is not a domain name"),
    ] {
        site.write("growthsite.yaml", with(value));
        site.run(&["build"])
            .assert_exit(1)
            .stderr_contains(&format!("error: growthsite.yaml:{line}:1: cname `"))
            .stderr_contains(what);
    }
}
