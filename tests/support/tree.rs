//! Folders as data: read a tree of files, compare two, copy one; and the
//! golden-folder comparison with `GROWTHSITE_BLESS=1`.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};

use super::bless;

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
