//! Symbolic links are followed only inside the site; hidden files of
//! static folders are not published, but for what GitHub Pages reads.

use std::os::unix::fs::symlink;
use std::path::Path;

use super::{built_site, link, outside_file, published, rebuild_fails};
use crate::support::{Tree, copy_tree, repo_root, writeup};

// ---------------------------------------------------------------------
// Symbolic links: followed only inside the site.
// ---------------------------------------------------------------------

#[test]
fn a_bundle_file_linked_to_etc_passwd_is_refused() {
    let site = built_site();
    site.write("content/mistakes/bundle/index.md", writeup("Bundle"));
    link(&site, "/etc/passwd", "content/mistakes/bundle/passwd.txt");
    rebuild_fails(&site)
        .stderr_contains("error: content/mistakes/bundle/passwd.txt: symbolic link to `/etc/passwd`, outside the site folder")
        .stderr_contains("(copy what belongs to the site into it, or remove the link)");
    // `check` and a fresh build refuse it the same way; nothing is copied.
    site.run(&["check"])
        .assert_exit(1)
        .stderr_contains("passwd.txt");
    site.run(&["build", "-o", "../fresh"]).assert_exit(1);
    assert!(!site.scratch("fresh").exists());
}

#[test]
fn a_static_folder_linked_to_a_private_folder_is_refused() {
    let site = built_site();
    let keys = outside_file(&site, "home/.ssh", "id_rsa", "PRIVATE KEY");
    link(&site, &keys, "static/keys");
    rebuild_fails(&site).stderr_contains(
        "error: static/keys: symbolic link to `[TMP]/home/.ssh`, outside the site folder",
    );
    assert!(!published(&site, "PRIVATE KEY"));
}

#[test]
fn a_writeup_folder_linked_from_outside_the_site_is_refused() {
    let site = built_site();
    let text = writeup("Someone else's").replace("What happened.", "SECRET DRAFT");
    let elsewhere = outside_file(&site, "elsewhere", "index.md", &text);
    link(&site, &elsewhere, "content/mistakes/elsewhere");
    rebuild_fails(&site).stderr_contains(
        "error: content/mistakes/elsewhere: symbolic link to `[TMP]/elsewhere`, outside the site folder",
    );
    assert!(!published(&site, "SECRET DRAFT"));
}

#[test]
fn source_folders_that_are_links_out_of_the_site_are_refused() {
    let site = built_site();
    let theme = site.path("themes/mine");
    copy_tree(&repo_root().join("themes/default"), &theme, &|_| true);
    site.write(
        "growthsite.yaml",
        crate::support::CONFIG.replace("language: en", "language: en\ntheme: mine"),
    );
    site.run(&["build"]).assert_success();
    let assets = outside_file(&site, "assets", "secret.txt", "SECRET ASSET");
    std::fs::remove_dir_all(theme.join("static")).expect("remove theme static");
    symlink(&assets, theme.join("static")).expect("symlink");
    link(&site, &assets, "static");
    link(&site, &assets, "templates");
    let run = rebuild_fails(&site);
    for dir in ["static", "templates", "themes/mine/static"] {
        run.stderr_contains(&format!(
            "error: {dir}: symbolic link to `[TMP]/assets`, outside the site folder"
        ));
    }
    assert!(!published(&site, "SECRET ASSET"));
}

#[test]
fn a_link_into_the_git_folder_is_refused() {
    let site = built_site().file(".git/config", "[remote] url = SECRET");
    link(&site, "../.git/config", "static/config.txt");
    rebuild_fails(&site).stderr_contains(
        "error: static/config.txt: symbolic link to `[ROOT]/.git/config`, a hidden part of the site",
    );
}

#[test]
fn links_that_stay_inside_the_site_are_followed() {
    let site = built_site()
        .file("shared/logo.svg", "<svg/>")
        .file("shared/docs/cv.txt", "CV")
        .file("notes/linked.md", writeup("Linked"));
    link(&site, "../shared/logo.svg", "static/logo.svg");
    link(&site, "../shared/docs", "static/docs");
    link(&site, "../../notes/linked.md", "content/mistakes/linked.md");
    // A link back up is a loop: reported, skipped, the rest still builds.
    link(&site, "..", "static/docs-loop");
    site.run(&["build"])
        .assert_success()
        .stderr_contains("warning: static/docs-loop: a symlink loop was skipped");
    let tree = Tree::read(&site.path("public"));
    assert_eq!(tree.text("logo.svg"), "<svg/>");
    assert_eq!(tree.text("docs/cv.txt"), "CV");
    assert!(tree.has("mistakes/linked/index.html"), "{:?}", tree.paths());
}

// ---------------------------------------------------------------------
// Hidden files in static folders.
// ---------------------------------------------------------------------

#[test]
fn hidden_files_in_static_folders_are_not_published_but_pages_files_are() {
    let site = built_site()
        .file("static/.env", "API_KEY=SECRET")
        .file("static/.ssh/id_ed25519", "PRIVATE KEY")
        .file("static/docs/.htpasswd", "admin:SECRET")
        .file("static/.nojekyll", "")
        .file(
            "static/.well-known/security.txt",
            "Contact: mailto:me@example.com\n",
        )
        .file("static/.well-known/.hidden", "SECRET");
    let theme = site.path("themes/mine");
    copy_tree(&repo_root().join("themes/default"), &theme, &|_| true);
    site.write("themes/mine/static/.env", "THEME SECRET");
    site.write(
        "growthsite.yaml",
        crate::support::CONFIG.replace("language: en", "language: en\ntheme: mine"),
    );
    site.run(&["build"]).assert_success();
    let tree = Tree::read(&site.path("public"));
    assert!(tree.has(".nojekyll"));
    assert!(tree.has(".well-known/security.txt"));
    assert!(!published(&site, "SECRET"), "{:?}", tree.paths());
    assert!(!published(&site, "PRIVATE KEY"), "{:?}", tree.paths());
    let hidden: Vec<&str> = tree
        .paths()
        .into_iter()
        .filter(|p| p.split('/').any(|part| part.starts_with('.')))
        .filter(|p| !p.starts_with(".well-known/") && *p != ".nojekyll" && *p != ".growthsite")
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
    assert!(Path::new(&site.path("public/index.html")).is_file());
}
