//! Test support: a site in a temporary folder, the real `growthsite` binary
//! run on it, and comparisons of output trees (after mdBook's `BookTest` and
//! just's `Test`). Input: fixture folders or files given as strings; output:
//! a [`Run`] (status, stdout, stderr) and assertions on it.
//!
//! A test reads as about three lines:
//!
//! ```ignore
//! let site = Site::with_config().file("content/mistakes/a.md", "no front matter");
//! site.run(&["build"]).assert_exit(1).stderr_contains("error: content/mistakes/a.md:1:1:");
//! ```
//!
//! Golden trees:
//!
//! ```ignore
//! let site = Site::fixture("minimal");
//! site.run(&["build", "-o", "../out"]).assert_success();
//! assert_tree_matches_expected(&site.scratch("out"), &fixture_dir("minimal").join("expected"));
//! ```
//!
//! Layout of the temporary folder: the site is `<tmp>/site/` (the current
//! folder of every run), and [`Site::scratch`] names paths beside it
//! (`<tmp>/<name>`) for output folders that must not sit in the site. In
//! stdout and stderr, `<tmp>/site` reads `[ROOT]`, `<tmp>` reads `[TMP]`,
//! the repository reads `[REPO]`, and every `<digits> ms` reads `[N] ms`, so
//! that expected text can be compared exactly.
//!
//! The parts:
//!
//! - sites: [`Site::new`] (empty), [`Site::with_config`] ([`CONFIG`]),
//!   [`Site::fixture`] (`tests/fixtures/<case>/`), [`Site::example`] (the
//!   repository's example blog); [`Site::file`] adds a file while building
//!   one, [`Site::write`] and [`Site::remove`] change it between runs;
//!   [`writeup`] is the text of a valid write-up;
//! - runs: [`Site::run`], [`Site::run_in`] (another current folder),
//!   [`Site::run_env`] (extra environment), and [`Site::command`] for a
//!   process to spawn and talk to (serve); a [`Run`] asserts with
//!   `assert_exit`, `assert_success`, `stdout_contains`, `stderr_contains`,
//!   `stdout_lacks`, `stderr_lacks`, `stdout_is`, `stderr_is`;
//! - trees: [`Tree::read`] a folder, [`Tree::assert_unchanged`] after a
//!   run that must not touch it, [`assert_same_tree`] for two folders,
//!   [`assert_tree_matches_expected`] for golden folders, [`tree_diff`] for
//!   a readable difference.
//!
//! `GROWTHSITE_BLESS=1 cargo test` rewrites the expected folders
//! ([`assert_tree_matches_expected`]) and the invalid cases'
//! `expected.stderr` (tests/invalid.rs) from what the binary produced;
//! review the diff like code.

mod run;
mod tree;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use tempfile::TempDir;

pub use run::Run;
pub use tree::{Tree, assert_same_tree, assert_tree_matches_expected, copy_tree, tree_diff};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_growthsite");

/// A growthsite.yaml for sites written from strings: base_url at the
/// domain root, three strategies.
pub const CONFIG: &str = "\
title: Test Site
description: A site for tests.
base_url: https://example.com/
author: Test Author
language: en
strategies:
  - slug: acknowledge
    name: Acknowledge
    description: Name the mistake.
  - slug: reflect
    name: Reflect
    description: Find the root cause.
  - slug: seek-feedback
    name: Seek feedback
    description: Ask the people who saw it.
";

/// The text of a valid write-up with the given title: dated 2026-01-15,
/// strategy `reflect`, a lesson, a one-paragraph body.
pub fn writeup(title: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2026-01-15\nstrategies: [reflect]\n\
         lesson: Check first.\n---\nWhat happened.\n"
    )
}

/// The repository's own folder (the example blog lives at its root).
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `tests/fixtures/<case>` in the repository.
pub fn fixture_dir(case: &str) -> PathBuf {
    repo_root().join("tests").join("fixtures").join(case)
}

/// Whether `GROWTHSITE_BLESS` asks to rewrite expected files.
pub fn bless() -> bool {
    std::env::var_os("GROWTHSITE_BLESS").is_some_and(|v| !v.is_empty() && v != "0")
}

/// A site in a fresh temporary folder, deleted when dropped.
pub struct Site {
    /// Held for its `Drop`, which deletes the folder.
    _tmp: TempDir,
    root: PathBuf,
}

impl Default for Site {
    fn default() -> Self {
        Self::new()
    }
}

impl Site {
    /// An empty site folder (no config).
    pub fn new() -> Self {
        let tmp = tempfile::Builder::new()
            .prefix("growthsite-test-")
            .tempdir()
            .expect("create temp dir");
        // Canonical, so that paths the binary prints match the ones we
        // replace (macOS /tmp is a symlink, for one).
        let tmp_path = tmp.path().canonicalize().expect("canonicalize temp dir");
        let root = tmp_path.join("site");
        fs::create_dir(&root).expect("create site dir");
        Site { _tmp: tmp, root }
    }

    /// A site with [`CONFIG`] as its growthsite.yaml and nothing else.
    pub fn with_config() -> Self {
        Self::new().file("growthsite.yaml", CONFIG)
    }

    /// A copy of `tests/fixtures/<case>/`, without what describes the
    /// expected outcome: its `expected/` folder, and the `expected.stderr`
    /// and `commands` files of an invalid case.
    pub fn fixture(case: &str) -> Self {
        const NOT_SITE: [&str; 3] = ["expected", "expected.stderr", "commands"];
        let dir = fixture_dir(case);
        assert!(dir.is_dir(), "no fixture {}", dir.display());
        let site = Self::new();
        copy_tree(&dir, &site.root, &|rel| {
            !NOT_SITE.iter().any(|name| rel == Path::new(name))
        });
        site
    }

    /// A copy of the repository's example blog: its growthsite.yaml and
    /// content/ (and static/ and templates/ when it has them).
    pub fn example() -> Self {
        const PARTS: [&str; 4] = ["growthsite.yaml", "content", "static", "templates"];
        Self::copy_of(&repo_root(), |rel| {
            let top = rel.components().next().map(|c| c.as_os_str());
            !top.is_some_and(|top| PARTS.iter().any(|part| top == *part))
        })
    }

    /// A copy of any folder (for instance [`repo_root`], skipping what
    /// `skip` returns true for; paths are relative to `dir`).
    pub fn copy_of(dir: &Path, skip: impl Fn(&Path) -> bool) -> Self {
        let site = Self::new();
        copy_tree(dir, &site.root, &|rel| !skip(rel));
        site
    }

    /// Adds (or replaces) a file, creating its folders. `path` is relative
    /// to the site root and `/`-separated.
    pub fn file(self, path: &str, contents: impl AsRef<[u8]>) -> Self {
        self.write(path, contents);
        self
    }

    /// Like [`Site::file`], for a site already in use (between two runs).
    pub fn write(&self, path: &str, contents: impl AsRef<[u8]>) {
        let full = self.path(path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent)
                .unwrap_or_else(|e| panic!("create {}: {e}", parent.display()));
        }
        fs::write(&full, contents).unwrap_or_else(|e| panic!("write {}: {e}", full.display()));
    }

    /// Removes a file or a folder of the site.
    pub fn remove(&self, path: &str) {
        let full = self.path(path);
        let result = if full.is_dir() {
            fs::remove_dir_all(&full)
        } else {
            fs::remove_file(&full)
        };
        result.unwrap_or_else(|e| panic!("remove {}: {e}", full.display()));
    }

    /// The site folder.
    pub fn root(&self) -> &Path {
        &self.root
    }

    /// A path inside the site (`/`-separated, relative to the root).
    pub fn path(&self, rel: &str) -> PathBuf {
        self.root.join(rel)
    }

    /// A path beside the site in the same temporary folder, not created:
    /// a place for `-o` output that is not inside the site.
    pub fn scratch(&self, name: &str) -> PathBuf {
        self.tmp_path().join(name)
    }

    /// The temporary folder holding the site and the scratch paths.
    pub fn tmp_path(&self) -> &Path {
        self.root.parent().expect("site has a parent")
    }

    /// The text of a site file; panics when missing or not UTF-8.
    pub fn read(&self, rel: &str) -> String {
        let full = self.path(rel);
        fs::read_to_string(&full).unwrap_or_else(|e| panic!("read {}: {e}", full.display()))
    }

    /// Whether a site file or folder exists.
    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Runs `growthsite <args>` in the site folder and waits for it.
    pub fn run(&self, args: &[&str]) -> Run {
        self.run_in("", args)
    }

    /// Runs `growthsite <args>` with `dir` (relative to the site root,
    /// `""` for the root itself) as the current folder.
    pub fn run_in(&self, dir: &str, args: &[&str]) -> Run {
        self.finish(self.command_in(dir, args), args)
    }

    /// Runs `growthsite <args>` in the site folder with extra environment
    /// variables (`RAYON_NUM_THREADS`, `TZ`, ...).
    pub fn run_env(&self, env: &[(&str, &str)], args: &[&str]) -> Run {
        let mut command = self.command_in("", args);
        command.envs(env.iter().copied());
        self.finish(command, args)
    }

    fn finish(&self, mut command: Command, args: &[&str]) -> Run {
        let output = command
            .stdin(Stdio::null())
            .output()
            .unwrap_or_else(|e| panic!("run {BIN}: {e}"));
        Run {
            args: args.iter().map(|a| a.to_string()).collect(),
            status: output.status,
            stdout: self.normalize(&String::from_utf8_lossy(&output.stdout)),
            stderr: self.normalize(&String::from_utf8_lossy(&output.stderr)),
        }
    }

    /// The command `growthsite <args>` in the site folder, not started:
    /// for tests that spawn it and talk to it (serve).
    pub fn command(&self, args: &[&str]) -> Command {
        self.command_in("", args)
    }

    fn command_in(&self, dir: &str, args: &[&str]) -> Command {
        let mut command = Command::new(BIN);
        command
            .args(args)
            .current_dir(self.root.join(dir))
            .env("NO_COLOR", "1")
            .env_remove("GROWTHSITE_BLESS");
        command
    }

    /// Replaces this site's temporary paths, the repository path and
    /// timings in `text` with stable placeholders.
    pub fn normalize(&self, text: &str) -> String {
        let repo = repo_root();
        let text = text
            .replace(&*self.root.to_string_lossy(), "[ROOT]")
            .replace(&*self.tmp_path().to_string_lossy(), "[TMP]")
            .replace(&*repo.to_string_lossy(), "[REPO]");
        normalize_millis(&text)
    }
}

/// `12 ms` -> `[N] ms`, `3.4 ms` -> `[N] ms`.
fn normalize_millis(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find(" ms") {
        let head = &rest[..at];
        let number_start = head
            .rfind(|c: char| !(c.is_ascii_digit() || c == '.'))
            .map_or(0, |i| i + 1);
        if number_start < head.len()
            && head[number_start..].starts_with(|c: char| c.is_ascii_digit())
        {
            out.push_str(&head[..number_start]);
            out.push_str("[N]");
        } else {
            out.push_str(head);
        }
        out.push_str(" ms");
        rest = &rest[at + 3..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn millis_are_normalized() {
        assert_eq!(
            normalize_millis("built 1 page in 12 ms"),
            "built 1 page in [N] ms"
        );
        assert_eq!(normalize_millis("load 3.4 ms, x ms"), "load [N] ms, x ms");
    }
}
