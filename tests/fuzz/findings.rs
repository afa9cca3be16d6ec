//! What the fuzz targets found, kept as tests through the binary so that
//! each stays fixed whatever seed the fuzz run uses.

use crate::support::{Site, Tree, writeup};

/// `content/-/a.md`: the folder slugified to nothing, the page was linked
/// as `//a/` (a browser reads that as the host `a`) and was not written.
#[test]
fn a_folder_with_no_letter_or_digit_is_an_error_not_a_link_to_another_host() {
    let site = Site::with_config().file("content/mistakes/good.md", writeup("Good"));
    site.run(&["build"]).assert_success();
    let before = Tree::read(&site.path("public"));
    for folder in ["-", "???", "mistakes/__"] {
        site.write(
            &format!("content/{folder}/a.md"),
            "---\ntitle: A\n---\nBody.\n",
        );
        let shown = folder.rsplit('/').next().unwrap_or(folder);
        site.run(&["build"])
            .assert_exit(1)
            .stderr_contains(&format!(
                "error: content/{folder}/a.md:1:1: the folder `{shown}` has no letter or digit to put in the page's URL (rename the folder"
            ));
        before.assert_unchanged(&site.path("public"));
        site.remove(&format!("content/{folder}"));
    }
}
