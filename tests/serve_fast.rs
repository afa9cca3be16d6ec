//! `growthsite serve`'s fast paths against `build`: the search index after
//! a save (made after the reload, its files held until then) and a config
//! edit rendered without reading the content again. Each compares what
//! serve shows with what `build` writes for the same sources.

use crate::serve::{Preview, assert_served_as_built};
use crate::support::{CONFIG, Site, writeup};

/// A site under a sub-path with three write-ups, a plain page and a menu.
fn site() -> Site {
    let config = CONFIG.replace(
        "base_url: https://example.com/",
        "base_url: https://example.com/growth/",
    );
    let config = format!("{config}menu:\n  - name: Elsewhere\n    url: https://example.org/\n");
    Site::new()
        .file("growthsite.yaml", config)
        .file("content/mistakes/a.md", writeup("First mistake"))
        .file("content/mistakes/b.md", writeup("Second mistake"))
        .file("content/mistakes/c.md", writeup("Third mistake"))
        .file("content/about.md", "---\ntitle: About\n---\nAbout me.\n")
}

#[test]
fn the_search_index_follows_a_saved_writeup() {
    let site = site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let text = site.read("content/mistakes/b.md");
    preview.edit(|| {
        site.write(
            "content/mistakes/b.md",
            format!("{text}\nA quokka-shaped paragraph, added later.\n"),
        )
    });
    events.expect("reload");
    // Asked at once: the index may still be in the making, and its files
    // are then held until it is in, never served from the old one.
    let meta = preview.get("search/meta.json");
    assert_eq!(meta.status, 200);
    assert_served_as_built(&site, &preview, |p| p.starts_with("search/"));
    let line = preview.wait_for_line("rebuilt content/mistakes/b.md");
    assert!(line.contains("(1 write-up, "), "{line}");
}

#[test]
fn a_config_edit_renders_every_page_without_reading_the_content_again() {
    let site = site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // An open page: rendered first after the change.
    assert!(preview.get("mistakes/a/").text().contains("Test Site"));
    let config = site.read("growthsite.yaml");
    preview.edit(|| {
        let edited = config
            .replace("title: Test Site", "title: Renamed Site")
            .replace("name: Elsewhere", "name: Another place");
        site.write("growthsite.yaml", edited)
    });
    events.expect("reload");
    let page = preview.get("mistakes/a/").text();
    assert!(page.contains("Renamed Site"), "{page}");
    assert!(page.contains("Another place"), "{page}");
    // A page that was not open waits for the rest of the site.
    assert!(preview.get("mistakes/b/").text().contains("Renamed Site"));
    let first = preview.wait_for_line("rebuilt ");
    assert!(
        first.starts_with("rebuilt growthsite.yaml (config, "),
        "{first}"
    );
    preview.wait_for_line("more pages)");
    // Every file, the feeds and the social cards (which show the title) too.
    assert_served_as_built(&site, &preview, |p| !p.starts_with('.'));
}

#[test]
fn a_config_edit_that_moves_documents_rebuilds_everything() {
    let site = site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let config = site.read("growthsite.yaml");
    preview.edit(|| site.write("growthsite.yaml", format!("{config}paginate_by: 2\n")));
    events.expect("reload");
    preview.wait_for_line("rebuilt everything after a change to growthsite.yaml");
    assert_eq!(preview.get("page/2/").status, 200);
    assert_served_as_built(&site, &preview, |p| !p.starts_with('.'));
}

#[test]
fn the_card_and_index_asked_right_after_a_retitled_save_are_the_new_ones() {
    let site = site();
    let preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let before = preview.get("mistakes/b/card.png");
    assert_eq!(before.status, 200);
    let text = site.read("content/mistakes/b.md");
    let retitled = text.replace("title: Second mistake", "title: A quokka retitled it");
    preview.edit(|| site.write("content/mistakes/b.md", retitled));
    events.expect("reload");
    // Asked at once: the card is drawn and the index made after the
    // reload, and until they are in, requests for them wait.
    let card = preview.get("mistakes/b/card.png");
    let meta = preview.get("search/meta.json");
    assert_eq!((card.status, meta.status), (200, 200));
    assert!(card.body != before.body, "the card of before was served");
    let keep = |p: &str| p == "mistakes/b/card.png" || p.starts_with("search/");
    assert_served_as_built(&site, &preview, keep);
    // What was served at once is what a build makes.
    assert!(preview.get("mistakes/b/card.png").body == card.body);
    assert!(preview.get("search/meta.json").body == meta.body);
}

#[test]
fn a_title_that_needs_the_systems_fonts_draws_every_card_as_build_does() {
    let site = site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // The first title the shipped fonts lack: every card of the site is
    // then drawn with the system's fonts (and cached apart), as in build.
    let text = site.read("content/mistakes/b.md");
    let cjk = text.replace("title: Second mistake", "title: 二度目の失敗");
    preview.edit(|| site.write("content/mistakes/b.md", cjk));
    events.expect("reload");
    let line = preview.wait_for_line("rebuilt ");
    assert!(line.starts_with("rebuilt everything"), "{line}");
    // Then a card of the fast path, drawn alone, with the site's fonts.
    let text = site.read("content/mistakes/c.md");
    let retitled = text.replace("title: Third mistake", "title: Third, retitled");
    preview.edit(|| site.write("content/mistakes/c.md", retitled));
    events.expect("reload");
    let line = preview.wait_for_line("rebuilt ");
    assert!(line.starts_with("rebuilt content/mistakes/c.md"), "{line}");
    assert_served_as_built(&site, &preview, |p| p.ends_with("/card.png"));
}

#[test]
fn a_save_while_the_first_index_is_read_is_indexed_as_build_does() {
    // Enough documents that reading their texts for the first index takes
    // several chunks: a save that comes meanwhile takes the site back in
    // between (so it is not copied), and the read goes on from the new one.
    // A blank card, the same for every write-up: drawing hundreds of real
    // ones is not the point. A build of the first three draws it into the
    // site's card cache, where serve finds it for all: else serve's first
    // build drew it 256 times (a card chunk's cards are drawn at once),
    // two thirds of this test's CPU, which made its start the wait that
    // ran out under load.
    let blank = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"1200\" height=\"630\"></svg>\n";
    let site = site().file("templates/card.svg", blank);
    let out = site.scratch("warm").to_string_lossy().into_owned();
    site.run(&["build", "--quiet", "-o", &out]).assert_success();
    for n in 0..400 {
        let title = format!("Mistake number {n}");
        site.write(&format!("content/mistakes/m{n:03}.md"), writeup(&title));
    }
    let preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let path = "content/mistakes/m200.md";
    let text = site.read(path);
    preview.edit(|| site.write(path, format!("{text}\nA wombat-shaped paragraph.\n")));
    events.expect("reload");
    let meta = preview.get("search/meta.json");
    assert_eq!(meta.status, 200);
    assert_served_as_built(&site, &preview, |p| p.starts_with("search/"));
    assert!(preview.get("search/meta.json").body == meta.body);
}
