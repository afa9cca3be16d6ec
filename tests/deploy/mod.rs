//! `growthsite deploy` in real git repositories, with a local bare
//! repository as `origin`. `publish`: the pushed gh-pages tree is the build
//! output file for file (plus `.nojekyll` and `CNAME`), the user's working
//! tree, index, HEAD and stash are untouched, and a second deploy makes no
//! commit. `branches`: no branch that holds history of its own is published
//! onto unless it is the publishing branch, and no commit is ever dropped.
//! This file holds the helpers both use.

mod branches;
mod publish;

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::support::{Run, Site, Tree};

/// git with no global or system configuration, so the machine's settings
/// (signing, hooks, default branch) cannot change what the tests see.
pub fn git_command(site: &Site, dir: &Path, args: &[&str]) -> Command {
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
pub fn git_bytes(site: &Site, dir: &Path, args: &[&str]) -> Vec<u8> {
    let output = git_command(site, dir, args).output().expect("run git");
    assert!(
        output.status.success(),
        "git {} failed:\n{}",
        args.join(" "),
        String::from_utf8_lossy(&output.stderr)
    );
    output.stdout
}

pub fn git(site: &Site, dir: &Path, args: &[&str]) -> String {
    String::from_utf8_lossy(&git_bytes(site, dir, args))
        .trim()
        .to_string()
}

pub fn git_ok(site: &Site, dir: &Path, args: &[&str]) -> bool {
    git_command(site, dir, args)
        .output()
        .expect("run git")
        .status
        .success()
}

/// Runs `growthsite <args>` in the site with the same git isolation.
pub fn growthsite(site: &Site, args: &[&str]) -> Run {
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
pub fn make_repo(site: &Site) -> PathBuf {
    let origin = site.scratch("origin.git");
    git(
        site,
        site.tmp_path(),
        &["init", "--quiet", "--bare", &origin.to_string_lossy()],
    );
    let root = site.root();
    // As `init` writes it: the build's cache is not the user's to commit.
    site.write(".gitignore", "/public/\n/.growthsite/\n");
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

/// `init`'s site, its base_url set for a project page, in a repository.
pub fn initialised_repo() -> Site {
    let site = Site::new();
    site.run(&["init", "."]).assert_success();
    let config = site.read("growthsite.yaml");
    site.write(
        "growthsite.yaml",
        config.replace("https://example.com/", "https://alice.github.io/growth/"),
    );
    make_repo(&site);
    site
}

/// The example blog with a custom domain, in a repository.
pub fn example_repo() -> (Site, PathBuf) {
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
pub struct UserState {
    status: String,
    head: String,
    head_ref: String,
    index: Vec<u8>,
    stash: String,
    files: BTreeMap<String, Vec<u8>>,
}

pub fn user_state(site: &Site) -> UserState {
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
            // The cache is growthsite's own (`.growthsite/`, ignored by git).
            .filter(|(path, _)| !path.starts_with(".git/") && !path.starts_with(".growthsite/"))
            .collect(),
    }
}

/// Every file of a branch of a (bare) repository: path -> bytes.
pub fn branch_files(site: &Site, repo: &Path, branch: &str) -> BTreeMap<String, Vec<u8>> {
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
pub fn expected_files(site: &Site, cname: Option<&str>) -> BTreeMap<String, Vec<u8>> {
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

/// Makes a hook script runnable.
#[cfg(unix)]
pub fn make_executable(path: &Path) {
    use std::os::unix::fs::PermissionsExt;
    fs::set_permissions(path, fs::Permissions::from_mode(0o755)).expect("chmod hook");
}

#[cfg(not(unix))]
pub fn make_executable(_: &Path) {}
