//! `growthsite deploy` in real git repositories, with a local bare
//! repository as `origin`: the pushed gh-pages tree is the build output
//! file for file (plus `.nojekyll` and `CNAME`), the user's working tree,
//! index, HEAD and stash are untouched, and a second deploy makes no commit.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{Run, Site, Tree};

/// git with no global or system configuration, so the machine's settings
/// (signing, hooks, default branch) cannot change what the tests see.
fn git_command(site: &Site, dir: &Path, args: &[&str]) -> Command {
    let config = site.scratch("gitconfig");
    if !config.exists() {
        fs::write(&config, "").expect("write empty git config");
    }
    let mut command = Command::new("git");
    command
        .arg("-C")
        .arg(dir)
        .args(args)
        .env("GIT_CONFIG_GLOBAL", &config)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::null());
    command
}

/// Runs git and returns its stdout (bytes); panics when it fails.
fn git_bytes(site: &Site, dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = git_command(site, dir, args).output().expect("run git");
    assert!(
        output.status.success(),
        "git {} failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

fn git(site: &Site, dir: &Path, args: &[&str]) -> String {
    String::from_utf8_lossy(&git_bytes(site, dir, args))
        .trim()
        .to_string()
}

fn git_ok(site: &Site, dir: &Path, args: &[&str]) -> bool {
    git_command(site, dir, args)
        .output()
        .expect("run git")
        .status
        .success()
}

/// Runs `growthsite <args>` in the site with the same git isolation.
fn growthsite(site: &Site, args: &[&str]) -> Run {
    let config = site.scratch("gitconfig");
    let output = site
        .command(args)
        .env("GIT_CONFIG_GLOBAL", &config)
        .env("GIT_CONFIG_NOSYSTEM", "1")
        .stdin(Stdio::null())
        .output()
        .expect("run growthsite");
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        status: output.status,
        stdout: site.normalize(&String::from_utf8_lossy(&output.stdout)),
        stderr: site.normalize(&String::from_utf8_lossy(&output.stderr)),
    }
}

/// Makes the site a git repository with one commit and a bare `origin`
/// beside it; returns the origin's path.
fn make_repo(site: &Site) -> PathBuf {
    let origin = site.scratch("origin.git");
    git(
        site,
        site.tmp_path(),
        &["init", "--quiet", "--bare", &origin.to_string_lossy()],
    );
    let root = site.root();
    git(site, root, &["init", "--quiet", "-b", "main"]);
    git(site, root, &["config", "user.name", "Test Author"]);
    git(site, root, &["config", "user.email", "author@example.org"]);
    git(
        site,
        root,
        &["remote", "add", "origin", &origin.to_string_lossy()],
    );
    git(site, root, &["add", "-A"]);
    git(
        site,
        root,
        &["commit", "--quiet", "-m", "The site's sources"],
    );
    origin
}

/// The example blog with a custom domain, in a repository.
fn example_repo() -> (Site, PathBuf) {
    let site = Site::example();
    let config = site.read("growthsite.yaml");
    site.write(
        "growthsite.yaml",
        format!("{config}cname: blog.example.org\n"),
    );
    let origin = make_repo(&site);
    (site, origin)
}

/// What deploy must leave exactly as it was.
#[derive(Debug, PartialEq, Eq)]
struct UserState {
    status: String,
    head: String,
    head_ref: String,
    index: Vec<u8>,
    stash: String,
    files: BTreeMap<String, Vec<u8>>,
}

fn user_state(site: &Site) -> UserState {
    let root = site.root();
    let Tree(all) = Tree::read(root);
    UserState {
        // --no-optional-locks: the check itself must not refresh the index.
        status: git(
            site,
            root,
            &[
                "--no-optional-locks",
                "status",
                "--porcelain",
                "--untracked-files=all",
            ],
        ),
        head: git(site, root, &["rev-parse", "HEAD"]),
        head_ref: git(site, root, &["symbolic-ref", "HEAD"]),
        index: fs::read(root.join(".git/index")).expect("read the index"),
        stash: git(site, root, &["stash", "list"]),
        files: all
            .into_iter()
            .filter(|(path, _)| !path.starts_with(".git/"))
            .collect(),
    }
}

/// Every file of a branch of a (bare) repository: path -> bytes.
fn branch_files(site: &Site, repo: &Path, branch: &str) -> BTreeMap<String, Vec<u8>> {
    let listing = git_bytes(site, repo, &["ls-tree", "-r", "-z", "--full-tree", branch]);
    let mut files = BTreeMap::new();
    for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
        let entry = String::from_utf8_lossy(entry);
        let (meta, path) = entry.split_once('\t').expect("ls-tree entry");
        let fields: Vec<&str> = meta.split(' ').collect();
        assert_eq!(fields[..2], ["100644", "blob"], "{entry}");
        files.insert(
            path.to_string(),
            git_bytes(site, repo, &["cat-file", "blob", fields[2]]),
        );
    }
    files
}

/// What the branch must hold: `growthsite build` output, without the
/// ownership marker, plus the files Pages needs.
fn expected_files(site: &Site, cname: Option<&str>) -> BTreeMap<String, Vec<u8>> {
    let out = site.scratch("built");
    site.run(&["build", "--quiet", "-o", &out.to_string_lossy()])
        .assert_success();
    let Tree(mut files) = Tree::read(&out);
    fs::remove_dir_all(&out).expect("remove the comparison build");
    assert!(
        files.remove(".growthsite").is_some(),
        "build writes its marker"
    );
    files.insert(".nojekyll".into(), Vec::new());
    if let Some(cname) = cname {
        files.insert("CNAME".into(), format!("{cname}\n").into_bytes());
    }
    files
}

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
    assert_eq!(
        git(&site, &origin, &["log", "-1", "--format=%B", "site"]),
        "Publish by hand"
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

#[cfg(unix)]
fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("chmod hook");
}

#[cfg(not(unix))]
fn make_executable(_: &Path) {}

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
    let site = Site::new();
    site.run(&["init", "."]).assert_success();
    let config = site.read("growthsite.yaml");
    site.write(
        "growthsite.yaml",
        config.replace("https://example.com/", "https://alice.github.io/growth/"),
    );
    make_repo(&site);
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
