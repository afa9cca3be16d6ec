//! The sample content `init` writes can be deleted file by file: every
//! combination of the sample files deleted still checks and builds clean
//! (faq.md used to link to the sample write-up, so deleting it, as its own
//! comment says to, broke the build).

use crate::support::Site;

/// The sample content of a new site, each deletable on its own.
pub const SAMPLE_FILES: [&str; 3] = [
    "content/mistakes/approved-a-change-i-had-skimmed.md",
    "content/faq.md",
    "content/about.md",
];

#[test]
fn every_combination_of_deleted_samples_checks_and_builds_clean() {
    for mask in 0..(1u32 << SAMPLE_FILES.len()) {
        let site = Site::new();
        site.run(&["init", "blog"]).assert_success();
        let deleted: Vec<&str> = SAMPLE_FILES
            .iter()
            .enumerate()
            .filter(|(i, _)| mask & (1 << i) != 0)
            .map(|(_, file)| *file)
            .collect();
        for file in &deleted {
            site.remove(&format!("blog/{file}"));
        }
        let check = site.run_in("blog", &["check"]);
        assert!(
            check.status.success() && check.stderr.contains("0 errors, 0 warnings"),
            "with {deleted:?} deleted, check is not clean:\n{}",
            check.stderr
        );
        let build = site.run_in("blog", &["build"]);
        assert!(
            build.status.success() && !build.stderr.contains("warning"),
            "with {deleted:?} deleted, build is not clean:\n{}",
            build.stderr
        );
    }
}
