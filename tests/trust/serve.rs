//! While serve runs, a file of the site may become a link out of it or a
//! FIFO. serve re-reads changed files on its own (the write-up and
//! stylesheet fast paths) and reads page-bundle files on each request:
//! each of those reads follows the walk's rules, so the preview never
//! shows what a build would refuse to read, reports it as a build would,
//! and never waits on a FIFO.

use std::os::unix::fs::symlink;
use std::path::Path;

use super::{mkfifo, outside_file};
use crate::serve::{EventStream, PATIENCE, Preview};
use crate::support::{Site, writeup};

/// What the private files outside the site hold.
const SECRET: &str = "SECRET-7f3a-never-published";

/// Waits for the next event of `kind`, skipping the others (a `css` or
/// `reload` may come first); returns its data.
fn next(events: &mut EventStream, kind: &str) -> String {
    loop {
        match events.next_event(PATIENCE) {
            Some((found, data)) if found == kind => return data,
            Some(_) => {}
            None => panic!("no {kind} event within {PATIENCE:?}"),
        }
    }
}

/// Replaces the site's file `rel` in one step with what `make` makes at
/// the path it is given (a hidden name beside it, renamed over `rel`): the
/// file is never missing, however the watcher groups the events.
fn replace(site: &Site, rel: &str, make: impl FnOnce(&Path)) {
    let at = site.path(rel);
    let name = at.file_name().expect("a file name").to_string_lossy();
    let new = at.with_file_name(format!(".{name}.new"));
    make(&new);
    std::fs::rename(&new, &at).expect("rename over the file");
}

/// Replaces the site's file `rel` with a link to `target`.
fn relink(site: &Site, target: &Path, rel: &str) {
    replace(site, rel, |at| symlink(target, at).expect("symlink"));
}

#[test]
fn a_writeup_replaced_by_a_link_out_of_the_site_is_never_served() {
    let site = Site::with_config().file("content/mistakes/a.md", writeup("First mistake"));
    let private = outside_file(
        &site,
        "private",
        "diary.md",
        &writeup("First mistake").replace("What happened.", SECRET),
    );
    let preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| relink(&site, &private.join("diary.md"), "content/mistakes/a.md"));
    // The overlay says what a build says, and shows nothing of the file.
    let data = events.expect("error");
    assert!(
        data.contains("content/mistakes/a.md: symbolic link to"),
        "{data}"
    );
    assert!(data.contains("outside the site folder"), "{data}");
    assert!(!data.contains(SECRET), "{data}");
    let stderr = preview.wait_for_stderr("error: content/mistakes/a.md: symbolic link to");
    assert!(!stderr.contains(SECRET), "{stderr}");
    let page = preview.get("mistakes/a/");
    assert!(page.text().contains("What happened."), "the last good page");
    assert!(
        !page.text().contains(SECRET),
        "the preview showed the linked file"
    );
    site.run(&["build"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/a.md: symbolic link to")
        .stderr_contains("outside the site folder: not followed");
}

/// A site with a stylesheet and a page bundle holding a text file, and a
/// folder beside it holding private files of the same names.
fn site_with_files() -> (Site, std::path::PathBuf) {
    let site = Site::with_config()
        .file("content/mistakes/a.md", writeup("First mistake"))
        .file("content/mistakes/b/index.md", writeup("Bundled mistake"))
        .file("content/mistakes/b/notes.txt", "my notes\n")
        .file("static/extra.css", "body { color: red }\n");
    let private = outside_file(&site, "private", "extra.css", SECRET);
    std::fs::write(private.join("notes.txt"), SECRET).expect("write outside file");
    (site, private)
}

#[test]
fn a_stylesheet_replaced_by_a_link_out_of_the_site_is_never_served() {
    let (site, private) = site_with_files();
    let preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // The stylesheet fast path serves a changed stylesheet before the
    // rebuild: it must not serve one that became a link out of the site.
    preview.edit(|| relink(&site, &private.join("extra.css"), "static/extra.css"));
    let data = next(&mut events, "error");
    assert!(
        data.contains("static/extra.css: symbolic link to"),
        "{data}"
    );
    let css = preview.get("extra.css");
    assert!(!css.text().contains(SECRET), "served {:?}", css.text());
    assert_eq!(css.text(), "body { color: red }\n", "the last good one");
}

#[test]
fn a_bundle_file_replaced_by_a_link_out_of_the_site_is_never_served() {
    let (site, private) = site_with_files();
    let preview = Preview::start(&site, &[]);
    assert_eq!(preview.get("mistakes/b/notes.txt").text(), "my notes\n");
    let mut events = preview.events();
    // A page-bundle file is read when it is requested: the last good
    // build still lists it, but what it has become is not read.
    let rel = "content/mistakes/b/notes.txt";
    preview.edit(|| relink(&site, &private.join("notes.txt"), rel));
    let data = next(&mut events, "error");
    assert!(data.contains("b/notes.txt: symbolic link to"), "{data}");
    let notes = preview.get("mistakes/b/notes.txt");
    assert!(!notes.text().contains(SECRET), "served {:?}", notes.text());
    assert_eq!(notes.status, 404);
}

#[test]
fn a_fifo_replacing_a_writeup_does_not_hang_serve() {
    let site = Site::with_config().file("content/mistakes/a.md", writeup("First mistake"));
    let preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| replace(&site, "content/mistakes/a.md", mkfifo));
    let data = events.expect("error");
    assert!(
        data.contains("content/mistakes/a.md: a FIFO (named pipe), not a regular file"),
        "{data}"
    );
    preview.wait_for_stderr("error: content/mistakes/a.md: a FIFO (named pipe)");
    // Still answering, with the last good page.
    let page = preview.get("mistakes/a/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("What happened."));
    // And still rebuilding: the file put back is served again.
    let back = writeup("First mistake").replace("What happened.", "Back again.");
    preview.edit(|| {
        replace(&site, "content/mistakes/a.md", |at| {
            std::fs::write(at, back).unwrap()
        })
    });
    events.expect("ok");
    let page = preview.get("mistakes/a/");
    assert!(page.text().contains("Back again."), "{}", page.text());
}
