//! `growthsite build` end to end: determinism, the sub-path property, the
//! summary line, and input that must build.

use crate::support::{Site, writeup};

#[test]
fn builds_a_one_writeup_site() {
    let site = Site::with_config().file("content/mistakes/first.md", writeup("First"));
    site.run(&["build"])
        .assert_success()
        .stderr_contains("built 1 write-up");
    assert!(site.exists("public/mistakes/first/index.html"));
}
