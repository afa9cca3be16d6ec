//! Bad input, as files: every folder of `tests/fixtures/invalid/` is a site
//! the tool must refuse (see the README there). Each command of the case
//! runs on a fresh copy and must fail without a panic, leave the site and
//! the output of the previous good build byte for byte as they were, and
//! print what `expected.stderr` says, exit code included.
//! `GROWTHSITE_BLESS=1` rewrites the `expected.stderr` files.

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

use crate::support::{Site, Tree, bless, copy_tree, fixture_dir, tree_diff, writeup};

/// The commands a case runs when it has no `commands` file.
const DEFAULT_COMMANDS: &str = "build\ncheck\n";

#[test]
fn every_invalid_case_fails_as_expected() {
    let previous = previous_output();
    let cases_dir = fixture_dir("invalid");
    let mut cases: Vec<String> = fs::read_dir(&cases_dir)
        .expect("read tests/fixtures/invalid")
        .map(|entry| entry.expect("dir entry"))
        .filter(|entry| entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        .collect();
    cases.sort();
    assert!(cases.len() >= 30, "too few cases: {cases:?}");
    let failures: Vec<String> = cases
        .iter()
        .filter_map(|case| run_case(case, &previous).err())
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} invalid cases failed (GROWTHSITE_BLESS=1 rewrites expected.stderr; \
         review the diff):\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n")
    );
}

/// The output of a good build, to stand in each case's `public/` as the
/// previous output that a failed run must keep.
fn previous_output() -> Site {
    let good = Site::with_config().file("content/mistakes/good.md", writeup("Good"));
    good.run(&["build", "--quiet"]).assert_success();
    good
}

/// Runs one case; `Err` says what went wrong.
fn run_case(case: &str, previous: &Site) -> Result<(), String> {
    let dir = fixture_dir(&format!("invalid/{case}"));
    let site = Site::fixture(&format!("invalid/{case}"));
    if !site.exists("public") {
        copy_tree(&previous.path("public"), &site.path("public"), &|_| true);
    }
    let commands =
        fs::read_to_string(dir.join("commands")).unwrap_or_else(|_| DEFAULT_COMMANDS.to_string());
    let before = Tree::read(site.root());
    let mut transcript = String::new();
    for line in commands.lines().filter(|l| !l.trim().is_empty()) {
        let args: Vec<&str> = line.split_whitespace().collect();
        let run = site.run(&args);
        let code = run.status.code();
        if !matches!(code, Some(1 | 2)) {
            return Err(format!(
                "{case}: `growthsite {line}` exited with {code:?}; an invalid case \
                 must fail with 1 or 2\n{}",
                run.stderr
            ));
        }
        // The cache (`.growthsite/`, resized images and social cards) may
        // keep what a failed build made: nothing of the site is lost.
        let cache = site.path(".growthsite");
        let _ = fs::remove_dir_all(&cache);
        let changed = tree_diff(&Tree::read(site.root()), &before);
        if !changed.is_empty() {
            return Err(format!(
                "{case}: `growthsite {line}` changed the site or its previous output:\n{changed}"
            ));
        }
        let _ = write!(
            transcript,
            "$ growthsite {line}\n{}",
            without_check_counts(&run.stderr)
        );
        if !run.stderr.ends_with('\n') {
            transcript.push('\n');
        }
        let _ = writeln!(transcript, "[exit {}]\n", code.unwrap_or_default());
    }
    compare_or_bless(case, &dir.join("expected.stderr"), &transcript)
}

/// `check`'s summary ends with how many pages and links it checked
/// (`(8 pages and 111 internal links checked)`); those follow the theme, not
/// the case, so they read `[N]` here and a new link in the theme does not
/// rewrite every case.
fn without_check_counts(stderr: &str) -> String {
    let mut out = String::with_capacity(stderr.len());
    for line in stderr.split_inclusive('\n') {
        match line.split_once(" (") {
            Some((head, tail)) if line.starts_with("check ") && tail.contains(" checked)") => {
                out.push_str(head);
                out.push_str(" (");
                let mut in_number = false;
                for c in tail.chars() {
                    if c.is_ascii_digit() {
                        if !in_number {
                            out.push_str("[N]");
                        }
                        in_number = true;
                    } else {
                        in_number = false;
                        out.push(c);
                    }
                }
            }
            _ => out.push_str(line),
        }
    }
    out
}

fn compare_or_bless(case: &str, path: &Path, transcript: &str) -> Result<(), String> {
    if bless() {
        return fs::write(path, transcript).map_err(|e| format!("bless {}: {e}", path.display()));
    }
    let expected = fs::read_to_string(path)
        .map_err(|e| format!("{case}: read expected.stderr: {e} (GROWTHSITE_BLESS=1 writes it)"))?;
    if expected == transcript {
        return Ok(());
    }
    Err(format!(
        "{case}: stderr differs from expected.stderr\n--- expected ---\n{expected}--- got ---\n{transcript}"
    ))
}
