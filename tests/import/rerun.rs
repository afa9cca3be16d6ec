//! A second import, and what import refuses: a folder it cannot redo, a
//! mapping to a strategy the table does not list, links out of the old
//! blog, a folder without posts.

use super::imported;
use crate::support::{Site, Tree, assert_same_tree};

#[test]
fn a_second_import_redoes_the_first_and_follows_the_edited_mapping() {
    let site = imported("jekyll");
    let new = site.scratch("new");
    let first = Tree::read(&new);
    site.run(&["import", "jekyll", "src", new.to_str().unwrap()])
        .assert_success()
        .stderr_contains("re-imported 4 posts");
    first.assert_unchanged(&new);

    // `postgres` becomes `databases`, `communication` is dropped.
    let mapping = std::fs::read_to_string(new.join("import-mapping.yaml")).unwrap();
    let edited = mapping
        .replace(
            "  - slug: postgres\n    name: postgres\n",
            "  - slug: databases\n    name: Databases\n",
        )
        .replace("  postgres: postgres", "  postgres: databases")
        .replace("  communication: communication", "  communication: ~");
    assert_ne!(edited, mapping);
    std::fs::write(new.join("import-mapping.yaml"), &edited).unwrap();
    site.run(&["import", "jekyll", "src", new.to_str().unwrap()])
        .assert_success();
    let writeup = std::fs::read_to_string(new.join("content/mistakes/pager-at-night.md")).unwrap();
    assert!(
        writeup.contains("strategies: [other, databases]"),
        "{writeup}"
    );
    let config = std::fs::read_to_string(new.join("growthsite.yaml")).unwrap();
    assert!(
        config.contains("slug: databases") && !config.contains("slug: postgres"),
        "{config}"
    );

    // The same blog and the same table give the same site, in a new folder too.
    let table = site.scratch("table.yaml");
    std::fs::copy(new.join("import-mapping.yaml"), &table).unwrap();
    let other = site.scratch("other");
    site.run(&[
        "import",
        "jekyll",
        "src",
        other.to_str().unwrap(),
        "--mapping",
        table.to_str().unwrap(),
    ])
    .assert_success();
    assert_same_tree(&other, &new);
}

#[test]
fn import_refuses_a_folder_it_cannot_redo_and_changes_nothing() {
    let site = imported("hugo");
    let new = site.scratch("new");
    let new_arg = new.to_str().unwrap();

    std::fs::write(new.join("content/mistakes/ttl-follow-up.md"), "edited\n").unwrap();
    let edited = Tree::read(&new);
    site.run(&["import", "hugo", "src", new_arg])
        .assert_exit(1)
        .stderr_contains("1 file(s) changed since the import (content/mistakes/ttl-follow-up.md)");
    edited.assert_unchanged(&new);

    let foreign = site.scratch("foreign");
    std::fs::create_dir(&foreign).unwrap();
    std::fs::write(foreign.join("notes.txt"), "mine\n").unwrap();
    site.run(&["import", "hugo", "src", foreign.to_str().unwrap()])
        .assert_exit(1)
        .stderr_contains("the folder is not empty and holds no previous import");
    assert_eq!(Tree::read(&foreign).paths(), vec!["notes.txt"]);

    let before = Tree::read(&site.path("src"));
    site.run(&["import", "hugo", "src", "src/new-site"])
        .assert_exit(1)
        .stderr_contains("inside the old blog's folder");
    before.assert_unchanged(&site.path("src"));
}

#[test]
fn a_mapping_to_an_unknown_strategy_is_an_error_at_its_line() {
    let site = imported("hugo");
    let new = site.scratch("new");
    let mapping = std::fs::read_to_string(new.join("import-mapping.yaml")).unwrap();
    std::fs::write(
        new.join("import-mapping.yaml"),
        mapping.replace("  dns: dns", "  dns: dsn"),
    )
    .unwrap();
    let before = Tree::read(&new);
    let line = mapping
        .lines()
        .position(|l| l.starts_with("  dns: dns"))
        .unwrap()
        + 1;
    site.run(&["import", "hugo", "src", new.to_str().unwrap()])
        .assert_exit(1)
        .stderr_contains(&format!(
            "error: import-mapping.yaml:{line}:1: the term `dns` goes to strategy `dsn`, which the table does not list (did you mean 'dns'?"
        ));
    before.assert_unchanged(&new);
}

#[cfg(unix)]
#[test]
fn symbolic_links_out_of_the_old_blog_are_not_followed() {
    let site = Site::fixture("import/jekyll").file("secret.txt", "not for the blog\n");
    std::os::unix::fs::symlink(site.path("secret.txt"), site.path("src/assets/secret.txt"))
        .unwrap();
    std::os::unix::fs::symlink(
        site.path("src/robots.txt"),
        site.path("src/assets/robots.txt"),
    )
    .unwrap();
    let new = site.scratch("new");
    site.run(&["import", "jekyll", "src", new.to_str().unwrap()])
        .assert_success();
    assert!(!new.join("static/assets/secret.txt").exists());
    assert!(
        new.join("static/assets/robots.txt").is_file(),
        "a link inside the blog is read as its file"
    );
    let report = std::fs::read_to_string(new.join("import-report.md")).unwrap();
    assert!(report.contains("`assets/secret.txt`: is a symbolic link to a file outside the blog's folder; not followed"), "{report}");
}

#[test]
fn a_folder_without_posts_is_refused() {
    let site = Site::new().file("src/README.md", "nothing here\n");
    let new = site.scratch("new");
    site.run(&["import", "jekyll", "src", new.to_str().unwrap()])
        .assert_exit(1)
        .stderr_contains(
            "no posts found, so nothing was written (a Jekyll blog keeps them in _posts/",
        );
    assert!(!new.exists());
}
