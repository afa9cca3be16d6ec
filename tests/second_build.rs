//! A second `build` of unchanged sources reuses the files of the first
//! (hard links, nothing rendered) and gives the very same output; any
//! change, to the sources, to the output or to the system's fonts that
//! social cards are drawn with, makes it build again.

use std::collections::BTreeMap;
use std::os::unix::fs::MetadataExt;
use std::path::Path;

use crate::support::{Site, Tree, repo_root, tree_diff, writeup};

/// Every file of an output folder -> its inode: the same inode after a
/// second build means the file was reused, not written again.
fn inodes(dir: &Path) -> BTreeMap<String, u64> {
    let tree = Tree::read(dir);
    tree.paths()
        .into_iter()
        .filter(|path| *path != ".growthsite")
        .map(|path| {
            let meta = std::fs::metadata(dir.join(path)).expect("stat output file");
            (path.to_string(), meta.ino())
        })
        .collect()
}

#[track_caller]
fn assert_same(actual: &Tree, expected: &Tree) {
    let diff = tree_diff(actual, expected);
    assert!(diff.is_empty(), "outputs differ:\n{diff}");
}

#[test]
fn a_second_build_of_unchanged_sources_reuses_every_file() {
    let site = Site::fixture("full");
    let first = site.run(&["build"]);
    first.assert_success();
    let public = site.path("public");
    let (tree, before) = (Tree::read(&public), inodes(&public));
    assert!(before.len() > 20, "{before:?}");

    let second = site.run(&["build"]);
    second.assert_success();
    assert_eq!(second.stderr, first.stderr, "the same summary");
    assert_same(&Tree::read(&public), &tree);
    assert_eq!(inodes(&public), before, "every file reused");

    // And byte for byte what a build into a fresh folder writes.
    let fresh = site.scratch("fresh");
    let fresh_arg = fresh.to_string_lossy().to_string();
    site.run(&["build", "-o", &fresh_arg]).assert_success();
    assert_same(&Tree::read(&fresh), &tree);
}

#[test]
fn a_changed_writeup_builds_again() {
    let site = Site::with_config()
        .file("content/mistakes/one.md", writeup("One"))
        .file("content/mistakes/two.md", writeup("Two"));
    site.run(&["build"]).assert_success();
    let public = site.path("public");
    let before = inodes(&public);

    site.write("content/mistakes/two.md", writeup("Two, renamed"));
    site.run(&["build"]).assert_success();
    assert!(
        site.read("public/mistakes/two/index.html")
            .contains("Two, renamed")
    );
    // Every page written again (social cards are links into the card
    // cache in any build).
    let after = inodes(&public);
    let pages: Vec<_> = after
        .iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .collect();
    assert!(pages.len() > 5, "{after:?}");
    assert!(
        pages
            .iter()
            .all(|(path, ino)| before.get(*path) != Some(*ino)),
        "no page reused after a change"
    );
    let fresh = site.scratch("fresh");
    let fresh_arg = fresh.to_string_lossy().to_string();
    site.run(&["build", "-o", &fresh_arg]).assert_success();
    assert_same(&Tree::read(&public), &Tree::read(&fresh));
}

#[test]
fn an_output_file_edited_by_hand_is_written_again() {
    let site = Site::with_config().file("content/mistakes/one.md", writeup("One"));
    site.run(&["build"]).assert_success();
    let public = site.path("public");
    let tree = Tree::read(&public);
    let page = public.join("mistakes/one/index.html");
    let original = std::fs::read(&page).unwrap();
    // Same length, other bytes: only its modification time tells.
    let mut edited = original.clone();
    edited[0] = if edited[0] == b'x' { b'y' } else { b'x' };
    std::fs::write(&page, &edited).unwrap();

    site.run(&["build"]).assert_success();
    assert_same(&Tree::read(&public), &tree);
}

#[test]
fn a_build_with_warnings_reports_them_again() {
    let text = writeup("One").replace("strategies: [", "strategies: [reflct, ");
    let site = Site::with_config().file("content/mistakes/one.md", text);
    let first = site.run(&["build"]);
    first.assert_success().stderr_contains("unknown strategy");
    let second = site.run(&["build"]);
    assert_eq!(second.stderr, first.stderr);
}

#[test]
fn another_build_date_builds_again() {
    // A goal due in between: overdue on the later day only.
    let text = writeup("One").replace(
        "lesson: Check first.\n",
        "lesson: Check first.\ngoals:\n  - goal: Write the rollback first\n    by: 2026-03-01\n",
    );
    let site = Site::with_config().file("content/mistakes/one.md", text);
    let early = [("SOURCE_DATE_EPOCH", "1769904000")]; // 2026-02-01
    let late = [("SOURCE_DATE_EPOCH", "1780272000")]; // 2026-06-01
    site.run_env(&early, &["build"]).assert_success();
    let public = site.path("public");
    let before = Tree::read(&public);
    site.run_env(&late, &["build"]).assert_success();
    let fresh = site.scratch("fresh");
    let fresh_arg = fresh.to_string_lossy().to_string();
    site.run_env(&late, &["build", "-o", &fresh_arg])
        .assert_success();
    assert_same(&Tree::read(&public), &Tree::read(&fresh));
    assert_ne!(Tree::read(&public), before, "the goal is overdue now");
}

#[test]
fn new_system_fonts_draw_the_cards_that_use_them_again() {
    // A title the shipped fonts do not cover: its card is drawn with the
    // system's fonts, here only those of a folder of the test's own.
    let site = Site::with_config()
        .file("content/mistakes/one.md", writeup("忘记备份数据库"))
        .file("content/mistakes/two.md", writeup("Two"));
    let fonts = site.scratch("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    let conf = site.scratch("fonts.conf");
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
        fonts.display()
    );
    std::fs::write(&conf, xml).unwrap();
    let conf = conf.to_string_lossy().into_owned();
    let env = [("FONTCONFIG_FILE", conf.as_str())];
    let build = || site.run_env(&env, &["build", "--timings"]);
    build()
        .assert_success()
        .stderr_contains("social cards: 2 drawn");
    let public = site.path("public");
    let before = inodes(&public);
    build()
        .assert_success()
        .stderr_contains("social cards: 0 drawn, 2 from the cache");
    assert_eq!(inodes(&public), before, "every file reused");

    std::fs::copy(
        repo_root().join("src/cards/fonts/Inter-Regular.otf"),
        fonts.join("Extra-Regular.otf"),
    )
    .unwrap();
    build()
        .assert_success()
        .stderr_contains("social cards: 2 drawn");
    let after = inodes(&public);
    assert_ne!(after, before, "built again with the new font");
    // And the build after that, with the fonts unchanged, reuses it.
    build()
        .assert_success()
        .stderr_contains("social cards: 0 drawn, 2 from the cache");
    assert_eq!(inodes(&public), after, "every file reused");
}
