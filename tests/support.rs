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
//!   `stderr_lacks`, `stdout_is`, `stderr_is`, `stderr_matches_file`;
//! - trees: [`Tree::read`] a folder, [`Tree::assert_unchanged`] after a
//!   run that must not touch it, [`assert_same_tree`] for two folders,
//!   [`assert_tree_matches_expected`] for golden folders, [`tree_diff`] for
//!   a readable difference.
//!
//! `GROWTHSITE_BLESS=1 cargo test` rewrites the expected files and folders
//! ([`assert_tree_matches_expected`], [`Run::stderr_matches_file`]) from
//! what the binary produced; review the diff like code.

// Each test module uses a different part of this helper.
#![allow(dead_code)]

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitStatus, Stdio};

use tempfile::TempDir;

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
    tmp: TempDir,
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
        Site { tmp, root }
    }

    /// A site with [`CONFIG`] as its growthsite.yaml and nothing else.
    pub fn with_config() -> Self {
        Self::new().file("growthsite.yaml", CONFIG)
    }

    /// A copy of `tests/fixtures/<case>/`, without its `expected/` folder
    /// and `expected.stderr`.
    pub fn fixture(case: &str) -> Self {
        let dir = fixture_dir(case);
        assert!(dir.is_dir(), "no fixture {}", dir.display());
        let site = Self::new();
        copy_tree(&dir, &site.root, &|rel| {
            rel != Path::new("expected") && rel != Path::new("expected.stderr")
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

/// One finished run of the binary, with normalized output.
#[derive(Debug)]
pub struct Run {
    /// The arguments it ran with.
    pub args: Vec<String>,
    /// Its exit status.
    pub status: ExitStatus,
    /// Its standard output, normalized.
    pub stdout: String,
    /// Its standard error, normalized.
    pub stderr: String,
}

impl Run {
    fn describe(&self) -> String {
        format!(
            "growthsite {}\nexit: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.status.code(),
            self.stdout,
            self.stderr
        )
    }

    /// The exit code (panics when killed by a signal).
    pub fn code(&self) -> i32 {
        self.status
            .code()
            .unwrap_or_else(|| panic!("killed by a signal\n{}", self.describe()))
    }

    /// Asserts the exit code.
    #[track_caller]
    pub fn assert_exit(&self, code: i32) -> &Self {
        assert_eq!(
            self.status.code(),
            Some(code),
            "unexpected exit code\n{}",
            self.describe()
        );
        self
    }

    /// Asserts exit code 0.
    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        self.assert_exit(0)
    }

    /// Asserts that stdout contains `needle`.
    #[track_caller]
    pub fn stdout_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stdout.contains(needle),
            "stdout lacks {needle:?}\n{}",
            self.describe()
        );
        self
    }

    /// Asserts that stderr contains `needle`.
    #[track_caller]
    pub fn stderr_contains(&self, needle: &str) -> &Self {
        assert!(
            self.stderr.contains(needle),
            "stderr lacks {needle:?}\n{}",
            self.describe()
        );
        self
    }

    /// Asserts that stdout does not contain `needle`.
    #[track_caller]
    pub fn stdout_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stdout.contains(needle),
            "stdout has {needle:?}\n{}",
            self.describe()
        );
        self
    }

    /// Asserts that stderr does not contain `needle`.
    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        assert!(
            !self.stderr.contains(needle),
            "stderr has {needle:?}\n{}",
            self.describe()
        );
        self
    }

    /// Asserts the whole of stdout.
    #[track_caller]
    pub fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout, expected, "stdout differs\n{}", self.describe());
        self
    }

    /// Asserts the whole of stderr.
    #[track_caller]
    pub fn stderr_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr, expected, "stderr differs\n{}", self.describe());
        self
    }

    /// The stderr lines that start with `prefix` (`"error: "`, `"warning: "`).
    pub fn stderr_lines(&self, prefix: &str) -> Vec<&str> {
        self.stderr
            .lines()
            .filter(|l| l.starts_with(prefix))
            .collect()
    }

    /// Asserts that stderr equals the file at `path`; with
    /// `GROWTHSITE_BLESS=1`, writes stderr to it instead.
    #[track_caller]
    pub fn stderr_matches_file(&self, path: &Path) -> &Self {
        if bless() {
            fs::write(path, &self.stderr)
                .unwrap_or_else(|e| panic!("bless {}: {e}", path.display()));
            return self;
        }
        let expected = fs::read_to_string(path).unwrap_or_else(|e| {
            panic!(
                "read {}: {e} (GROWTHSITE_BLESS=1 writes it)",
                path.display()
            )
        });
        assert_eq!(
            self.stderr,
            expected,
            "stderr differs from {}\n{}",
            path.display(),
            self.describe()
        );
        self
    }
}

/// Every file under a folder: `/`-separated relative path -> bytes.
/// Symlinks are read through; folders themselves are not listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tree(pub BTreeMap<String, Vec<u8>>);

impl Tree {
    /// Reads every file under `dir` (panics when `dir` is missing).
    pub fn read(dir: &Path) -> Tree {
        assert!(dir.is_dir(), "{} is not a folder", dir.display());
        let mut files = BTreeMap::new();
        read_tree(dir, dir, &mut files);
        Tree(files)
    }

    /// The relative paths, sorted.
    pub fn paths(&self) -> Vec<&str> {
        self.0.keys().map(String::as_str).collect()
    }

    /// The text of one file (panics when missing or not UTF-8).
    pub fn text(&self, path: &str) -> &str {
        let bytes = self
            .0
            .get(path)
            .unwrap_or_else(|| panic!("no file {path} in tree"));
        std::str::from_utf8(bytes).unwrap_or_else(|e| panic!("{path} is not UTF-8: {e}"))
    }

    /// Whether a file exists in the tree.
    pub fn has(&self, path: &str) -> bool {
        self.0.contains_key(path)
    }

    /// Asserts that `dir` still holds exactly this tree, byte for byte
    /// (take the tree before a run, check it after).
    #[track_caller]
    pub fn assert_unchanged(&self, dir: &Path) {
        let diff = tree_diff(&Tree::read(dir), self);
        assert!(diff.is_empty(), "{} changed:\n{diff}", dir.display());
    }
}

fn read_tree(base: &Path, dir: &Path, files: &mut BTreeMap<String, Vec<u8>>) {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("dir entry").path())
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            read_tree(base, &path, files);
        } else {
            let rel = path.strip_prefix(base).expect("under base");
            let rel = rel
                .components()
                .map(|c| c.as_os_str().to_string_lossy())
                .collect::<Vec<_>>()
                .join("/");
            let bytes = fs::read(&path).unwrap_or_else(|e| panic!("read {}: {e}", path.display()));
            files.insert(rel, bytes);
        }
    }
}

/// The differences between two trees, empty when identical: files only in
/// one of them, and files whose bytes differ (with the first differing line
/// for text).
pub fn tree_diff(actual: &Tree, expected: &Tree) -> String {
    let mut report = String::new();
    for path in expected.0.keys().filter(|p| !actual.0.contains_key(*p)) {
        let _ = writeln!(report, "missing (expected but not produced): {path}");
    }
    for path in actual.0.keys().filter(|p| !expected.0.contains_key(*p)) {
        let _ = writeln!(report, "unexpected (produced but not expected): {path}");
    }
    for (path, bytes) in &actual.0 {
        let Some(want) = expected.0.get(path) else {
            continue;
        };
        if bytes != want {
            let _ = writeln!(report, "differs: {path}{}", first_difference(bytes, want));
        }
    }
    report
}

fn first_difference(actual: &[u8], expected: &[u8]) -> String {
    let (Ok(actual), Ok(expected)) = (std::str::from_utf8(actual), std::str::from_utf8(expected))
    else {
        return format!(" (binary, {} vs {} bytes)", actual.len(), expected.len());
    };
    let mut expected_lines = expected.lines();
    for (n, line) in actual.lines().enumerate() {
        match expected_lines.next() {
            Some(want) if want == line => {}
            want => {
                return format!(
                    "\n  line {}:\n    got:      {line:?}\n    expected: {want:?}",
                    n + 1
                );
            }
        }
    }
    match expected_lines.next() {
        Some(want) => format!("\n  expected more lines, next: {want:?}"),
        None => " (line endings or final newline)".to_string(),
    }
}

/// Asserts that two folders hold the same files with the same bytes.
#[track_caller]
pub fn assert_same_tree(actual: &Path, expected: &Path) {
    let diff = tree_diff(&Tree::read(actual), &Tree::read(expected));
    assert!(
        diff.is_empty(),
        "{} and {} differ:\n{diff}",
        actual.display(),
        expected.display()
    );
}

/// Asserts that `actual` (a built site) matches the golden folder
/// `expected`, file lists both ways and bytes; with `GROWTHSITE_BLESS=1`,
/// replaces `expected` with a copy of `actual` instead.
#[track_caller]
pub fn assert_tree_matches_expected(actual: &Path, expected: &Path) {
    if bless() {
        if expected.exists() {
            fs::remove_dir_all(expected)
                .unwrap_or_else(|e| panic!("remove {}: {e}", expected.display()));
        }
        copy_tree(actual, expected, &|_| true);
        return;
    }
    assert!(
        expected.is_dir(),
        "no golden folder {} (GROWTHSITE_BLESS=1 writes it)",
        expected.display()
    );
    let diff = tree_diff(&Tree::read(actual), &Tree::read(expected));
    assert!(
        diff.is_empty(),
        "built site differs from {} (GROWTHSITE_BLESS=1 rewrites it; review the diff):\n{diff}",
        expected.display()
    );
}

/// Copies the files under `from` into `to`, keeping those whose path
/// relative to `from` passes `keep` (a folder that fails is skipped whole).
pub fn copy_tree(from: &Path, to: &Path, keep: &dyn Fn(&Path) -> bool) {
    copy_tree_at(from, to, Path::new(""), keep);
}

fn copy_tree_at(from: &Path, to: &Path, rel: &Path, keep: &dyn Fn(&Path) -> bool) {
    let dir = from.join(rel);
    fs::create_dir_all(to.join(rel))
        .unwrap_or_else(|e| panic!("create {}: {e}", to.join(rel).display()));
    let mut entries: Vec<_> = fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("read {}: {e}", dir.display()))
        .map(|entry| entry.expect("dir entry").file_name())
        .collect();
    entries.sort();
    for name in entries {
        let child = rel.join(&name);
        if !keep(&child) {
            continue;
        }
        let source = from.join(&child);
        if source.is_dir() {
            copy_tree_at(from, to, &child, keep);
        } else {
            let target = to.join(&child);
            fs::copy(&source, &target).unwrap_or_else(|e| {
                panic!("copy {} to {}: {e}", source.display(), target.display())
            });
        }
    }
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
