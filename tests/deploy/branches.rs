//! What deploy does to branches: it publishes onto a branch with history of
//! its own only when that is the publishing branch, it builds on the newest
//! tip, and it never drops a commit, locally or on the remote.

use std::fs;
use std::path::Path;

use super::{example_repo, git, git_ok, growthsite, make_executable};
use crate::support::Site;

/// The commit a branch names, or `None`.
fn tip(site: &Site, repo: &Path, branch: &str) -> Option<String> {
    let rev = format!("refs/heads/{branch}");
    git_ok(site, repo, &["rev-parse", "--verify", "--quiet", &rev])
        .then(|| git(site, repo, &["rev-parse", &rev]))
}

/// Whether `commit` is in the history of `branch`.
fn holds(site: &Site, repo: &Path, branch: &str, commit: &str) -> bool {
    git_ok(site, repo, &["merge-base", "--is-ancestor", commit, branch])
}

/// A small content edit, committed, so the next deploy has a new tree.
fn edit_and_commit(site: &Site, words: &str) {
    let about = site.read("content/about.md");
    site.write("content/about.md", format!("{about}\n{words}\n"));
    git(site, site.root(), &["commit", "--quiet", "-am", words]);
}

/// Another machine's deploy: a commit on top of `published` (the same
/// site), pushed to origin's gh-pages. Returns its id.
fn publish_elsewhere(site: &Site, root: &Path, published: &str) -> String {
    let tree = format!("{published}^{{tree}}");
    let message = format!(
        "Published elsewhere\n\nPublished-by: growthsite {}",
        env!("CARGO_PKG_VERSION")
    );
    let elsewhere = git(
        site,
        root,
        &["commit-tree", &tree, "-p", published, "-m", &message],
    );
    let refspec = format!("{elsewhere}:refs/heads/gh-pages");
    git(site, root, &["push", "--quiet", "origin", &refspec]);
    elsewhere
}

#[test]
fn a_branch_with_history_of_its_own_is_refused() {
    let (site, origin) = example_repo();
    let root = site.root();
    git(
        &site,
        root,
        &["push", "--quiet", "origin", "main", "main:docs"],
    );
    git(&site, root, &["checkout", "--quiet", "-b", "drafts"]);
    let sources = tip(&site, root, "main").expect("main");

    // The user's source branch, local and on origin.
    growthsite(&site, &["deploy", "--branch", "main"])
        .assert_exit(1)
        .stderr_contains("error: the local branch `main` holds commits that growthsite deploy did not make (the newest: ")
        .stderr_contains("\"The site's sources\"), and deploy publishes only to the publishing branch (`gh-pages`)")
        .stderr_contains("set `deploy_branch: main` in growthsite.yaml");
    assert_eq!(tip(&site, root, "main").as_deref(), Some(sources.as_str()));
    assert_eq!(
        tip(&site, &origin, "main").as_deref(),
        Some(sources.as_str())
    );

    // A branch that exists only on the remote.
    growthsite(&site, &["deploy", "--branch", "docs"])
        .assert_exit(1)
        .stderr_contains(
            "error: `docs` on origin holds commits that growthsite deploy did not make",
        );
    assert_eq!(
        tip(&site, &origin, "docs").as_deref(),
        Some(sources.as_str())
    );
    assert_eq!(tip(&site, root, "docs"), None);

    // Not even locally.
    growthsite(&site, &["deploy", "--no-push", "--branch", "main"]).assert_exit(1);
    assert_eq!(tip(&site, root, "main").as_deref(), Some(sources.as_str()));
}

#[test]
fn a_branch_only_deploy_wrote_and_the_publishing_branch_are_built_on() {
    let (site, origin) = example_repo();
    let root = site.root();
    // A new branch is site history from its first commit on.
    growthsite(&site, &["deploy", "--branch", "site"]).assert_success();
    let first = tip(&site, &origin, "site").expect("site");
    assert_eq!(
        git(
            &site,
            &origin,
            &[
                "log",
                "-1",
                "--format=%(trailers:key=Published-by,valueonly)",
                "site"
            ]
        ),
        format!("growthsite {}", env!("CARGO_PKG_VERSION"))
    );
    edit_and_commit(&site, "A second thought.");
    growthsite(&site, &["deploy", "--branch", "site"]).assert_success();
    assert_eq!(git(&site, &origin, &["rev-parse", "site^"]), first);

    // A user site served from `master`, whose history is not deploy's:
    // named as the publishing branch, it is built on, and keeps its history.
    git(&site, root, &["push", "--quiet", "origin", "main:master"]);
    let sources = tip(&site, root, "main").expect("main");
    let config = site.read("growthsite.yaml");
    site.write(
        "growthsite.yaml",
        format!("{config}deploy_branch: master\n"),
    );
    growthsite(&site, &["deploy"])
        .assert_success()
        .stdout_contains("committed the site to master")
        .stdout_contains("pushed master to origin");
    assert_eq!(git(&site, &origin, &["rev-parse", "master^"]), sources);
    assert!(git_ok(
        &site,
        &origin,
        &["cat-file", "-e", "master:index.html"]
    ));
    assert_eq!(tip(&site, &origin, "gh-pages"), None);
}

#[test]
fn a_local_branch_that_diverged_from_the_remote_stops_the_deploy() {
    let (site, origin) = example_repo();
    let root = site.root();
    growthsite(&site, &["deploy"]).assert_success();
    let published = tip(&site, root, "gh-pages").expect("gh-pages");
    // A commit kept locally...
    edit_and_commit(&site, "Kept locally.");
    growthsite(&site, &["deploy", "--no-push"]).assert_success();
    let local = tip(&site, root, "gh-pages").expect("gh-pages");
    // ...while another machine published on origin.
    let elsewhere = publish_elsewhere(&site, root, &published);

    edit_and_commit(&site, "Another edit.");
    growthsite(&site, &["deploy"])
        .assert_exit(1)
        .stderr_contains("error: the local branch `gh-pages` and `gh-pages` on origin have diverged: 1 local commit is not on origin, and 1 on origin not in the local branch")
        .stderr_contains("git branch -m gh-pages gh-pages-local");
    assert_eq!(
        tip(&site, root, "gh-pages").as_deref(),
        Some(local.as_str())
    );
    assert_eq!(
        tip(&site, &origin, "gh-pages").as_deref(),
        Some(elsewhere.as_str())
    );

    // The hint works, and nothing is lost on the way.
    git(&site, root, &["branch", "-m", "gh-pages", "gh-pages-local"]);
    growthsite(&site, &["deploy"]).assert_success();
    assert_eq!(git(&site, &origin, &["rev-parse", "gh-pages^"]), elsewhere);
    assert!(holds(&site, root, "gh-pages-local", &local));
}

#[test]
fn a_remote_ahead_of_the_local_branch_is_built_on() {
    let (site, origin) = example_repo();
    let root = site.root();
    growthsite(&site, &["deploy"]).assert_success();
    let published = tip(&site, root, "gh-pages").expect("gh-pages");
    // Someone else deployed a newer site; the local branch is behind.
    let elsewhere = publish_elsewhere(&site, root, &published);

    edit_and_commit(&site, "A newer edit.");
    growthsite(&site, &["deploy"]).assert_success();
    assert_eq!(git(&site, &origin, &["rev-parse", "gh-pages^"]), elsewhere);
    assert_eq!(
        tip(&site, root, "gh-pages"),
        tip(&site, &origin, "gh-pages")
    );
}

#[test]
fn a_push_that_races_another_deploy_overwrites_nothing() {
    let (site, origin) = example_repo();
    let root = site.root();
    growthsite(&site, &["deploy"]).assert_success();
    let published = tip(&site, root, "gh-pages").expect("gh-pages");
    let tree = format!("{published}^{{tree}}");
    let elsewhere = git(
        &site,
        root,
        &["commit-tree", &tree, "-p", &published, "-m", "Elsewhere"],
    );
    // The other deploy lands between deploy's look at origin and its push:
    // the pre-push hook runs after the plan, just before the refs go out.
    let hook = root.join(".git/hooks/pre-push");
    fs::write(
        &hook,
        format!(
            "#!/bin/sh\n[ -n \"$RACED\" ] && exit 0\nRACED=1 git push --quiet origin {elsewhere}:refs/heads/gh-pages >&2\n"
        ),
    )
    .expect("write hook");
    make_executable(&hook);

    edit_and_commit(&site, "Raced.");
    growthsite(&site, &["deploy"])
        .assert_exit(1)
        .stderr_contains("[remote rejected] gh-pages -> gh-pages")
        .stderr_contains("nothing on origin was overwritten");
    assert_eq!(
        tip(&site, &origin, "gh-pages").as_deref(),
        Some(elsewhere.as_str())
    );
    // Deploy's own commit is kept locally, on top of what it had seen.
    let local = tip(&site, root, "gh-pages").expect("gh-pages");
    assert_eq!(git(&site, root, &["rev-parse", "gh-pages^"]), published);
    assert_ne!(local, elsewhere);
}
