//! Social cards through the real binary: small indexed PNGs in the theme's
//! exact colours, the same bytes on every build, and one cache shared by
//! `build` and `serve` on any port.

use std::os::unix::fs::MetadataExt;

use crate::serve::Preview;
use crate::support::{CONFIG, Site};

fn writeup(title: &str, lesson: Option<&str>) -> String {
    let lesson = lesson.map_or(String::new(), |l| format!("lesson: {l}\n"));
    format!(
        "---\ntitle: {title}\ndate: 2026-01-15\nstrategies: [acknowledge, reflect, seek-feedback]\n{lesson}---\nBody.\n"
    )
}

/// A site whose cards show the hard cases: a long title and lesson, a
/// Greek title, no lesson.
fn card_site() -> Site {
    let config = CONFIG.replace(
        "base_url: https://example.com/",
        "base_url: https://alice.github.io/growth/",
    );
    let long = "Shipped a schema migration with no rollback on a Friday afternoon before the long holiday weekend began";
    Site::new()
        .file("growthsite.yaml", config)
        .file(
            "content/mistakes/long.md",
            writeup(
                long,
                Some(&"Write and test the rollback before the migration. ".repeat(5)),
            ),
        )
        .file(
            "content/mistakes/greek.md",
            writeup(
                "Ξέχασα το αντίγραφο ασφαλείας",
                Some("Δοκίμασε την επαναφορά."),
            ),
        )
        .file(
            "content/mistakes/bare.md",
            writeup("Snoozed an alert", None),
        )
}

/// The cached cards (not the index): each PNG's name (its content's hash), inode and
/// modification time.
fn cache_listing(site: &Site) -> Vec<(String, u64, i64, i64)> {
    let mut files: Vec<_> = std::fs::read_dir(site.path(".growthsite/cache/cards"))
        .expect("the card cache")
        .map(|entry| entry.unwrap())
        .filter(|entry| entry.file_name().to_string_lossy().ends_with(".png"))
        .map(|entry| {
            let meta = entry.metadata().unwrap();
            let name = entry.file_name().to_string_lossy().into_owned();
            (name, meta.ino(), meta.mtime(), meta.mtime_nsec())
        })
        .collect();
    files.sort();
    files
}

#[test]
fn cards_are_small_indexed_pngs_in_the_theme_colours() {
    let site = card_site();
    site.run(&["build"]).assert_success();
    let mut sizes = Vec::new();
    for slug in ["long", "greek", "bare"] {
        let bytes = std::fs::read(site.path(&format!("public/mistakes/{slug}/card.png"))).unwrap();
        // About 140 KB each in full colour.
        assert!(bytes.len() <= 32_000, "{slug}: {} bytes", bytes.len());
        sizes.push(bytes.len());
        let decoder = png::Decoder::new(std::io::Cursor::new(&bytes));
        let mut reader = decoder.read_info().unwrap();
        let info = reader.info();
        assert_eq!((info.width, info.height), (1200, 630), "{slug}");
        assert_eq!(info.color_type, png::ColorType::Indexed, "{slug}");
        let palette = info.palette.as_ref().expect("a palette").to_vec();
        let mut indices = vec![0; reader.output_buffer_size().unwrap()];
        reader.next_frame(&mut indices).unwrap();
        let rgb = |x: usize, y: usize| {
            let i = usize::from(indices[y * 1200 + x]) * 3;
            [palette[i], palette[i + 1], palette[i + 2]]
        };
        // Flat areas keep the theme's colours exactly: the page, the top
        // bar, the first chip.
        assert_eq!(rgb(600, 620), [0xfb, 0xf7, 0xf1], "{slug}: paper");
        assert_eq!(rgb(600, 4), [0x6f, 0x94, 0x63], "{slug}: top bar");
        assert_eq!(rgb(76, 553), [0xef, 0xe4, 0xd6], "{slug}: chip");
    }
    sizes.sort_unstable();
    assert!(sizes[1] <= 25_000, "median of {sizes:?}");
    // The same input gives the same bytes, drawn again from nothing.
    let first = std::fs::read(site.path("public/mistakes/long/card.png")).unwrap();
    std::fs::remove_dir_all(site.path(".growthsite")).unwrap();
    site.run(&["build", "--timings"])
        .assert_success()
        .stderr_contains("social cards: 3 drawn, 0 from the cache");
    assert_eq!(
        std::fs::read(site.path("public/mistakes/long/card.png")).unwrap(),
        first
    );
}

#[test]
fn serve_on_any_port_reuses_the_cards_build_drew() {
    let site = card_site();
    site.run(&["build", "--timings"])
        .assert_success()
        .stderr_contains("social cards: 3 drawn, 0 from the cache");
    let cached = cache_listing(&site);
    assert_eq!(cached.len(), 3);
    let built = std::fs::read(site.path("public/mistakes/long/card.png")).unwrap();
    let preview = Preview::start(&site, &[]);
    // serve's first build is done once it prints its address: no card was
    // drawn again (a card drawn for another address would be a new file;
    // a redrawn one, a new inode or time).
    assert_eq!(cache_listing(&site), cached);
    let served = preview.get("mistakes/long/card.png");
    assert_eq!(served.status, 200);
    assert!(served.body == built, "serve's card differs from build's");
    // The page points at the preview's copy.
    let page = preview.get("mistakes/long/").text();
    let og = format!(
        "<meta property=\"og:image\" content=\"{}mistakes/long/card.png\">",
        preview.url
    );
    assert!(page.contains(&og), "{og} in {page}");
}

#[test]
fn writing_over_a_built_card_in_place_leaves_the_cache_alone() {
    let site = card_site();
    site.run(&["build"]).assert_success();
    let card = site.path("public/mistakes/bare/card.png");
    let drawn = std::fs::read(&card).unwrap();
    let cached = cache_listing(&site);
    // What `cp other.png public/.../card.png` or an in-place optimizer
    // does: the same file, truncated and written.
    std::fs::OpenOptions::new()
        .write(true)
        .truncate(true)
        .open(&card)
        .and_then(|mut file| std::io::Write::write_all(&mut file, b"not a card"))
        .unwrap();
    for entry in std::fs::read_dir(site.path(".growthsite/cache/cards")).unwrap() {
        let path = entry.unwrap().path();
        assert_ne!(std::fs::read(&path).unwrap(), b"not a card", "{path:?}");
    }
    // The next build writes the card again from the intact cache.
    site.run(&["build", "--timings"])
        .assert_success()
        .stderr_contains("social cards: 0 drawn, 3 from the cache");
    assert!(
        std::fs::read(&card).unwrap() == drawn,
        "the card was not restored"
    );
    assert_eq!(cache_listing(&site), cached);
}
