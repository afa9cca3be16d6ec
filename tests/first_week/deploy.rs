//! `deploy` for someone who has not published yet: with no remote it
//! says how to add one (the GitHub address read from base_url) or to use
//! `--no-push`, instead of git's raw `fatal:`, before it builds or commits
//! anything; and it warns when the sample author or the untouched sample
//! write-up are about to be published.

use crate::deploy::{git, git_ok, growthsite, initialised_repo};

#[test]
fn deploy_without_a_remote_says_how_to_add_one() {
    let site = initialised_repo();
    git(&site, site.root(), &["remote", "remove", "origin"]);
    growthsite(&site, &["deploy"])
        .assert_exit(1)
        .stderr_contains(
            "error: this repository has no remote `origin` to push the site to, so nothing was \
             built or committed (add it with `git remote add origin \
             https://github.com/alice/growth.git`, or run `growthsite deploy --no-push`",
        )
        .stderr_lacks("fatal:");
    assert!(
        !git_ok(&site, site.root(), &["rev-parse", "--verify", "gh-pages"]),
        "nothing was committed"
    );
    growthsite(&site, &["deploy", "--no-push"])
        .assert_success()
        .stdout_contains("committed the site to gh-pages");
}

#[test]
fn deploy_warns_about_the_sample_author_and_write_up() {
    let site = initialised_repo();
    let sample = "content/mistakes/approved-a-change-i-had-skimmed.md";
    let run = growthsite(&site, &["deploy"]);
    run.assert_success()
        .stderr_contains(
            "warning: growthsite.yaml still names the sample author \"Your Name\": set `author:`",
        )
        .stderr_contains(&format!(
            "warning: {sample} is the sample write-up `growthsite init` wrote, unchanged"
        ));
    // Made theirs: no warning.
    let config = site
        .read("growthsite.yaml")
        .replace("Your Name", "Alice Example");
    site.write("growthsite.yaml", config);
    site.write(
        sample,
        site.read(sample).replace("forty-line", "thirty-line"),
    );
    growthsite(&site, &["deploy"])
        .assert_success()
        .stderr_lacks("sample");
}
