//! `init --theme-files` on a site made earlier: it adds the theme files
//! the site lacks, keeps every file it has, needs no `--force`, and does
//! not print the new-site guide again. `init` on a site without it says
//! how (tests/fixtures/invalid/init-into-an-existing-site).

use crate::support::{Site, Tree};

#[test]
fn theme_files_are_added_to_an_existing_site() {
    let site = Site::new();
    site.run(&["init", "blog"]).assert_success();
    site.write(
        "blog/growthsite.yaml",
        site.read("blog/growthsite.yaml").replace("Your Name", "Me"),
    );
    let before = Tree::read(&site.path("blog"));
    let theme = Tree::read(&crate::support::repo_root().join("themes/default"));
    let count = theme.paths().len();
    let run = site.run(&["init", "blog", "--theme-files"]);
    run.assert_success()
        .stdout_contains(&format!(
            "Added {count} files of the default theme to blog/themes/default/."
        ))
        .stdout_lacks("Next steps")
        .stdout_lacks("Created a growthsite site");
    let after = Tree::read(&site.path("blog"));
    for path in before.paths() {
        assert_eq!(after.text(path), before.text(path), "{path} changed");
    }
    assert_eq!(Tree::read(&site.path("blog/themes/default")), theme);

    // Run again after editing one file and deleting another: only the
    // deleted one comes back.
    let footer = "blog/themes/default/templates/partials/footer.html";
    site.write(footer, "<footer>mine</footer>");
    site.remove("blog/themes/default/static/style.css");
    site.run(&["init", "blog", "--theme-files"])
        .assert_success()
        .stdout_contains("Added 1 file of the default theme")
        .stdout_contains(&format!("kept {} that already existed", count - 1));
    assert_eq!(site.read(footer), "<footer>mine</footer>");
    assert!(site.exists("blog/themes/default/static/style.css"));
    site.run(&["init", "blog", "--theme-files"])
        .assert_success()
        .stdout_contains("already has every file of the default theme");
    site.run_in("blog", &["build"]).assert_success();
    assert!(
        site.read("blog/public/index.html")
            .contains("<footer>mine</footer>")
    );
}
