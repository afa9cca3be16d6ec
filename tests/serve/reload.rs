//! The live reload: a save reloads open pages (or swaps stylesheets),
//! errors are shown and the last good page kept, one save is one rebuild.

use crate::serve_patience::PATIENCE;
use crate::support::writeup;

use super::{EventStream, Preview, append, build_number, raw_request, sub_path_site};

#[test]
fn a_saved_writeup_reloads_open_pages() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| {
        append(
            &site,
            "content/mistakes/a.md",
            "\nA sentence added later.\n",
        )
    });
    events.expect("reload");
    let page = preview.get("mistakes/a/");
    assert!(page.text().contains("A sentence added later."));
    let line = preview.wait_for_line("rebuilt content/mistakes/a.md");
    assert!(line.contains("(1 write-up, "), "{line}");
    assert!(line.ends_with(" ms"), "{line}");
}

#[test]
fn a_broken_writeup_shows_errors_and_keeps_the_last_good_page() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| {
        site.write(
            "content/mistakes/a.md",
            "---\ntitle: First mistake\ndate: not a date\n---\nBroken.\n",
        )
    });
    let data = events.expect("error");
    assert!(data.contains("content/mistakes/a.md:3:"), "{data}");
    let page = preview.get("mistakes/a/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("What happened."), "the last good page");
    // A page opened now learns about the errors on connecting.
    let mut late = EventStream::open(preview.addr, Some(preview.pid()));
    let (kind, data) = late.next_event(PATIENCE).unwrap();
    assert_eq!(kind, "hello");
    assert!(data.contains("content/mistakes/a.md:3:"), "{data}");
    preview.wait_for_stderr("error: content/mistakes/a.md:3:");

    preview.edit(|| {
        site.write(
            "content/mistakes/a.md",
            writeup("First mistake").replace("What happened.", "Fixed now."),
        )
    });
    events.expect("ok");
    late.expect("ok");
    assert!(preview.get("mistakes/a/").text().contains("Fixed now."));
    preview.wait_for_line("rebuilt content/mistakes/a.md");
}

#[test]
fn serve_starts_even_when_the_first_build_fails() {
    let site = sub_path_site().file(
        "content/mistakes/a.md",
        "---\ntitle: First mistake\ndate: 2026-01-15\nseverity: huge\n---\nx\n",
    );
    let preview = Preview::start(&site, &[]);
    let page = preview.get("");
    assert!([200, 500].contains(&page.status));
    let text = page.text();
    assert!(text.contains("content/mistakes/a.md:4:"), "{text}");
    assert!(text.contains("role=\"alert\""));
    assert!(text.contains("growthsite-live"));
    let mut events = preview.events();
    preview.edit(|| site.write("content/mistakes/a.md", writeup("First mistake")));
    events.expect("ok");
    let page = preview.get("mistakes/a/");
    assert_eq!(page.status, 200);
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = sub_path_site().file("static/extra.css", "body { color: red }\n");
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| site.write("static/extra.css", "body { color: blue }\n"));
    let swapped = build_number(&events.expect("css"));
    assert_eq!(preview.get("extra.css").text(), "body { color: blue }\n");
    // The rebuild that follows (for the new fingerprints) tells the pages
    // nothing: once it is done, the build is still the one the css event
    // named, and the next event is the next change's.
    preview.wait_for_line("rebuilt everything after a change to static/extra.css");
    assert_eq!(
        preview.current_build(),
        swapped,
        "the rebuild made a new build"
    );
    preview.edit(|| site.write("templates/404.html", "<html><body>Lost</body></html>"));
    let reloaded = events.expect("reload");
    assert_eq!(
        build_number(&reloaded),
        swapped + 1,
        "an event came between"
    );
    assert!(preview.get("nowhere/").text().contains("Lost"));
}

#[test]
fn an_editor_save_gives_one_rebuild() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // Vim's save: a probe file, a swap file, a backup by rename, the new
    // file, then the backup removed. Made while serve is paused, so the
    // watcher gets the steps at once, as from a quick editor: what is
    // tested is that the leftovers are ignored and the steps make one
    // batch, not that the test beats the debounce window.
    let dir = site.path("content/mistakes");
    preview.edit(|| {
        std::fs::write(dir.join("4913"), "").unwrap();
        std::fs::remove_file(dir.join("4913")).unwrap();
        std::fs::write(dir.join(".a.md.swp"), "swap").unwrap();
        std::fs::rename(dir.join("a.md"), dir.join("a.md~")).unwrap();
        let text = writeup("First mistake").replace("What happened.", "Saved by vim.");
        std::fs::write(dir.join("a.md"), text).unwrap();
        std::fs::remove_file(dir.join("a.md~")).unwrap();
        std::fs::remove_file(dir.join(".a.md.swp")).unwrap();
    });
    events.expect("reload");
    assert!(preview.get("mistakes/a/").text().contains("Saved by vim."));
    let rebuilds = preview.rebuilds_until("rebuilt content/mistakes/a.md");
    assert_eq!(rebuilds.len(), 1, "one rebuild per save: {rebuilds:?}");
    // Then an atomic save: a temporary file renamed over the original.
    preview.edit(|| {
        let text = writeup("First mistake").replace("What happened.", "Saved atomically.");
        std::fs::write(dir.join(".a.md.tmp"), text).unwrap();
        std::fs::rename(dir.join(".a.md.tmp"), dir.join("a.md")).unwrap();
    });
    let saved = build_number(&events.expect("reload"));
    assert!(
        preview
            .get("mistakes/a/")
            .text()
            .contains("Saved atomically.")
    );
    // A later edit elsewhere: its rebuild comes next, and its event is the
    // next one, so the save made no other.
    preview.edit(|| append(&site, "content/about.md", "\nMore.\n"));
    assert_eq!(build_number(&events.expect("reload")), saved + 1);
    let rebuilds = preview.rebuilds_until("rebuilt content/about.md");
    assert_eq!(rebuilds.len(), 2, "one rebuild per save: {rebuilds:?}");
    assert!(
        rebuilds[0].starts_with("rebuilt content/mistakes/a.md ("),
        "{rebuilds:?}"
    );
}

#[test]
fn open_event_streams_do_not_block_page_loads() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    let mut streams: Vec<EventStream> = (0..20).map(|_| preview.events()).collect();
    let loads: Vec<_> = (0..24)
        .map(|i| {
            let addr = preview.addr;
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/growth/"
                } else {
                    "/growth/style.css"
                };
                let request =
                    format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                raw_request(addr, request.as_bytes(), false).status
            })
        })
        .collect();
    for load in loads {
        assert_eq!(load.join().unwrap(), 200);
    }
    preview.edit(|| append(&site, "content/mistakes/a.md", "\nMore.\n"));
    for stream in &mut streams {
        stream.expect("reload");
    }
}

#[test]
fn new_and_deleted_writeups_rebuild_the_site() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| site.write("content/mistakes/b.md", writeup("Second mistake")));
    events.expect("reload");
    assert_eq!(preview.get("mistakes/b/").status, 200);
    assert!(preview.get("").text().contains("Second mistake"));
    preview.wait_for_line("rebuilt everything after a change to content/mistakes/b.md");
    preview.edit(|| site.remove("content/mistakes/b.md"));
    events.expect("reload");
    assert_eq!(preview.get("mistakes/b/").status, 404);
    assert!(!preview.get("").text().contains("Second mistake"));
}

#[test]
fn a_config_change_rebuilds_everything() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let config = site.read("growthsite.yaml");
    preview.edit(|| {
        site.write(
            "growthsite.yaml",
            config.replace("language: en", "language: fr"),
        )
    });
    events.expect("reload");
    assert!(preview.get("mistakes/a/").text().contains("lang=\"fr\""));
    preview.wait_for_line("rebuilt everything after a change to growthsite.yaml");
}

#[test]
fn editing_a_draft_changes_nothing_served() {
    let draft = writeup("A draft").replace("lesson:", "draft: true\nlesson:");
    let site = sub_path_site().file("content/mistakes/d.md", &draft);
    // serve shows drafts unless --no-drafts (tests/first_week/drafts.rs).
    let mut preview = Preview::start(&site, &["--no-drafts"]);
    let mut events = preview.events();
    let before = preview.current_build();
    preview.edit(|| append(&site, "content/mistakes/d.md", "\nStill a draft.\n"));
    let line = preview.wait_for_line("rebuilt content/mistakes/d.md");
    assert!(line.contains("(1 write-up, 0 pages)"), "{line}");
    // Once that rebuild is done: no new build, and the next event the
    // pages get is the next change's.
    assert_eq!(
        preview.current_build(),
        before,
        "the draft made a new build"
    );
    preview.edit(|| append(&site, "content/mistakes/a.md", "\nMore.\n"));
    assert_eq!(build_number(&events.expect("reload")), before + 1);
    assert_eq!(preview.get("mistakes/d/").status, 404);
}
