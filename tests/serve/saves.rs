//! When a save has ended: serve rebuilds once a file written is closed or
//! renamed into place, keeps a burst of saves one rebuild, and never
//! builds a file that is still being written.

use std::io::Write;

use crate::support::{Site, writeup};

use super::{Preview, build_number, sub_path_site};

/// `content/mistakes/a.md` with its body replaced.
fn saved(body: &str) -> String {
    writeup("First mistake").replace("What happened.", body)
}

/// Opens a write-up to be written again from its start, as an editor
/// saving in place does.
fn open_truncated(site: &Site, path: &str) -> std::fs::File {
    std::fs::File::create(site.path(path)).expect("open the write-up")
}

#[test]
fn an_in_place_save_in_two_writes_is_one_rebuild_of_the_whole_file() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // Not paused: the save's end is its close, whatever the time between.
    let text = saved("Saved in place, in full.");
    let (start, end) = text.split_at(text.len() / 2);
    let mut file = open_truncated(&site, "content/mistakes/a.md");
    file.write_all(start.as_bytes()).unwrap();
    file.flush().unwrap();
    file.write_all(end.as_bytes()).unwrap();
    drop(file);
    events.expect("reload");
    let page = preview.get("mistakes/a/").text();
    assert!(page.contains("Saved in place, in full."), "{page}");
    let rebuilds = preview.rebuilds_until("rebuilt content/mistakes/a.md");
    assert_eq!(rebuilds.len(), 1, "one rebuild per save: {rebuilds:?}");
}

#[test]
fn a_file_written_with_a_pause_is_not_built_half_written() {
    let site = sub_path_site().file("content/mistakes/b.md", writeup("Second mistake"));
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let mut file = open_truncated(&site, "content/mistakes/a.md");
    file.write_all(saved("First half.").as_bytes()).unwrap();
    file.flush().unwrap();
    // The pause: another write-up saved meanwhile, and its rebuild served.
    preview.edit(|| {
        site.write(
            "content/mistakes/b.md",
            writeup("Second mistake").replace("What happened.", "Saved meanwhile."),
        )
    });
    events.expect("reload");
    assert!(
        preview
            .get("mistakes/b/")
            .text()
            .contains("Saved meanwhile.")
    );
    let page = preview.get("mistakes/a/").text();
    assert!(!page.contains("First half."), "built half-written: {page}");
    assert!(page.contains("What happened."), "the last version: {page}");
    let rebuilds = preview.rebuilds_until("rebuilt content/mistakes/b.md");
    assert_eq!(rebuilds.len(), 1, "{rebuilds:?}");
    assert!(rebuilds[0].starts_with("rebuilt content/mistakes/b.md ("));

    file.write_all(b"Second half.\n").unwrap();
    drop(file);
    events.expect("reload");
    let page = preview.get("mistakes/a/").text();
    assert!(page.contains("First half.") && page.contains("Second half."));
    let rebuilds = preview.rebuilds_until("rebuilt content/mistakes/a.md");
    assert_eq!(rebuilds.len(), 1, "{rebuilds:?}");
}

#[test]
fn a_save_renamed_into_place_rebuilds_only_the_writeup() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // A temporary that is not a hidden file (as Qt's and some sync tools'
    // are) and would be a page-bundle file, rebuilding everything.
    let dir = site.path("content/mistakes");
    preview.edit(|| {
        let text = saved("Saved by a rename.");
        std::fs::write(dir.join("a.md.Xq3zT9"), text).unwrap();
        std::fs::rename(dir.join("a.md.Xq3zT9"), dir.join("a.md")).unwrap();
    });
    events.expect("reload");
    assert!(
        preview
            .get("mistakes/a/")
            .text()
            .contains("Saved by a rename.")
    );
    let rebuilds = preview.rebuilds_until("rebuilt content/mistakes/a.md");
    assert_eq!(rebuilds.len(), 1, "{rebuilds:?}");
    assert!(
        rebuilds[0].starts_with("rebuilt content/mistakes/a.md ("),
        "the write-up alone, not everything: {rebuilds:?}"
    );
}

#[test]
fn a_burst_of_fifty_saves_is_one_rebuild() {
    let mut site = sub_path_site();
    let names: Vec<String> = (0..50).map(|i| format!("burst-{i:02}")).collect();
    for name in &names {
        site = site.file(&format!("content/mistakes/{name}.md"), writeup(name));
    }
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let before = preview.current_build();
    // Saved at once (as by `git checkout` or a search-and-replace), while
    // serve is paused: the watcher gets every event together.
    preview.edit(|| {
        for name in &names {
            let text = writeup(name).replace("What happened.", "Saved in a burst.");
            site.write(&format!("content/mistakes/{name}.md"), text);
        }
    });
    assert_eq!(build_number(&events.expect("reload")), before + 1);
    let rebuilds = preview.rebuilds_until("rebuilt content/mistakes/burst-00.md and 49 more");
    assert_eq!(rebuilds.len(), 1, "one rebuild for the burst: {rebuilds:?}");
    for name in [&names[0], &names[49]] {
        let page = preview.get(&format!("mistakes/{name}/")).text();
        assert!(page.contains("Saved in a burst."), "{name}");
    }
}
