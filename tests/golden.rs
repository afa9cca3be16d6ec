//! Golden output: each `tests/fixtures/<case>/` site is built into a
//! temporary folder and compared, file lists both ways and bytes, with its
//! `expected/` folder. `GROWTHSITE_BLESS=1` rewrites `expected/`; read the
//! diff before committing it.

use crate::support::{Site, assert_tree_matches_expected, fixture_dir};

/// Builds a fixture (with extra flags) and compares it with `expected/`.
fn golden(case: &str, flags: &[&str]) {
    golden_env(case, flags, &[]);
}

/// [`golden`] with extra environment variables.
fn golden_env(case: &str, flags: &[&str], env: &[(&str, &str)]) {
    let site = Site::fixture(case);
    let out = site.scratch("out");
    let out_arg = out.to_str().expect("temp path is UTF-8");
    let args: Vec<&str> = ["build", "--quiet", "-o", out_arg]
        .iter()
        .copied()
        .chain(flags.iter().copied())
        .collect();
    site.run_env(env, &args)
        .assert_success()
        .stderr_is("")
        .stdout_is("");
    assert_tree_matches_expected(&out, &fixture_dir(case).join("expected"));
}

/// One write-up under the sub-path /growth/.
#[test]
fn minimal() {
    golden("minimal", &[]);
}

/// Drafts left out, a page bundle and its image, FAQ pairs and faq.md,
/// about.md, four strategies, two write-ups a page, the site's own
/// page.html and a static file.
#[test]
fn full() {
    golden("full", &[]);
}

/// The growth loop (SPEC §9): goals in every state, revisits of every
/// outcome, repeats one way, both ways and in a chain, a draft with
/// goals; the build date fixed by SOURCE_DATE_EPOCH (2026-06-15 12:00 UTC).
#[test]
fn growth() {
    golden_env("growth", &[], &[("SOURCE_DATE_EPOCH", "1781524800")]);
}
