//! Writing features through the real binary: highlighted code, sized and
//! resized images with their cache, and missing or broken images reported
//! at their line.

use std::io::Cursor;

use crate::support::Site;

fn encoded(image: image::DynamicImage, format: image::ImageFormat) -> Vec<u8> {
    let mut bytes = Vec::new();
    image
        .write_to(&mut Cursor::new(&mut bytes), format)
        .expect("encode test image");
    bytes
}

/// A photo-like gradient, so that encoders have real work.
fn photo(width: u32, height: u32) -> image::DynamicImage {
    image::DynamicImage::ImageRgb8(image::RgbImage::from_fn(width, height, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, ((x + y) % 256) as u8])
    }))
}

fn bundle(body: &str) -> String {
    format!(
        "---\ntitle: Images\ndate: 2026-01-15\nstrategies: [reflect]\nlesson: Look.\n---\n{body}"
    )
}

#[test]
fn code_blocks_are_highlighted_at_build_time() {
    let body = "```rust\nfn main() { let x = \"a<b\"; } // why\n```\n\n\
                ```console\n$ cargo build\n   Compiling x\n```\n\n\
                ```klingon\nnuqneH <b>\n```\n\n    indented\n";
    let site = Site::with_config().file("content/mistakes/code.md", bundle(body));
    site.run(&["build", "--quiet"]).assert_success();
    let html = site.read("public/mistakes/code/index.html");
    assert!(
        html.contains("<pre><code class=\"language-rust\"><span class=\"k\">fn</span>"),
        "{html}"
    );
    assert!(html.contains("<span class=\"c\">// why</span>"), "{html}");
    assert!(
        html.contains("<span class=\"s\">\"a&lt;b\"</span>"),
        "{html}"
    );
    assert!(
        html.contains("<code class=\"language-console\"><span class=\"p\">$ </span>"),
        "{html}"
    );
    assert!(html.contains("   Compiling x\n"), "{html}");
    assert!(
        html.contains("<code class=\"language-klingon\">nuqneH &lt;b&gt;\n</code>"),
        "unknown languages stay plain text: {html}"
    );
    assert!(
        html.contains("<pre><code>indented\n</code></pre>"),
        "{html}"
    );
    assert!(
        !html.contains("<script>") && !html.contains("<script src"),
        "no JavaScript: {html}"
    );
    let css = site.read("public/style.css");
    assert!(css.contains("pre .k {") && css.contains("--hl-keyword"));
}

#[test]
fn local_images_get_sizes_variants_and_lazy_loading() {
    let site = Site::with_config()
        .file(
            "content/mistakes/pics/index.md",
            bundle(
                "![The hall](photo.jpg)\n\n![Errors per minute](chart.png)\n\n\
                 ![Icon](icon.webp)\n\n![Spinner](spin.gif)\n\n![Timeline](timeline.svg)\n\n\
                 ![](/logo.svg)\n",
            ),
        )
        .file(
            "content/mistakes/pics/photo.jpg",
            encoded(photo(6000, 4000), image::ImageFormat::Jpeg),
        )
        .file(
            "content/mistakes/pics/chart.png",
            encoded(photo(1000, 500), image::ImageFormat::Png),
        )
        .file(
            "content/mistakes/pics/icon.webp",
            encoded(photo(300, 200), image::ImageFormat::WebP),
        )
        .file(
            "content/mistakes/pics/spin.gif",
            encoded(photo(800, 400), image::ImageFormat::Gif),
        )
        .file(
            "content/mistakes/pics/timeline.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 720 240\"/>",
        )
        .file(
            "static/logo.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"32\"/>",
        );
    let out = site.scratch("elsewhere");
    let out = out.to_str().unwrap();
    site.run(&["build", "--timings", "-o", out])
        .assert_success()
        .stderr_contains(
            "warning: content/mistakes/pics/index.md:17:1: image `/logo.svg` has no alt text",
        )
        .stderr_contains("images: 2 resized, 0 from the cache");
    let html = std::fs::read_to_string(format!("{out}/mistakes/pics/index.html")).unwrap();
    let m = "/mistakes/pics/";
    // The 6000x4000 photo is sent as its 1600-pixel variant; it is the
    // page's first image, so it is not lazy.
    assert!(html.contains(&format!(
        "<picture><source type=\"image/webp\" srcset=\"{m}photo-480w.webp 480w, {m}photo-800w.webp 800w, {m}photo-1200w.webp 1200w, {m}photo-1600w.webp 1600w\""
    )), "{html}");
    assert!(html.contains(&format!(
        "<img src=\"{m}photo-1600w.jpg\" srcset=\"{m}photo-480w.jpg 480w, {m}photo-800w.jpg 800w, {m}photo-1200w.jpg 1200w, {m}photo-1600w.jpg 1600w\" sizes=\""
    )), "{html}");
    assert!(
        html.contains("alt=\"The hall\" width=\"1600\" height=\"1067\"></picture>"),
        "{html}"
    );
    assert!(html.contains(&format!("<img src=\"{m}chart.png\" srcset=\"{m}chart-480w.png 480w, {m}chart-800w.png 800w, {m}chart.png 1000w\"")), "{html}");
    assert!(html.contains("alt=\"Errors per minute\" width=\"1000\" height=\"500\" loading=\"lazy\" decoding=\"async\">"), "{html}");
    assert!(html.contains(&format!("<img src=\"{m}icon.webp\" alt=\"Icon\" width=\"300\" height=\"200\" loading=\"lazy\" decoding=\"async\">")), "{html}");
    assert!(
        html.contains(&format!(
            "<img src=\"{m}spin.gif\" alt=\"Spinner\" width=\"800\" height=\"400\" loading=\"lazy\""
        )),
        "{html}"
    );
    assert!(html.contains(&format!("<img src=\"{m}timeline.svg\" alt=\"Timeline\" width=\"720\" height=\"240\" loading=\"lazy\"")), "{html}");
    assert!(
        html.contains("<img src=\"/logo.svg\" alt=\"\" width=\"64\" height=\"32\""),
        "{html}"
    );
    for (file, width) in [
        ("photo-480w.jpg", 480),
        ("photo-1600w.webp", 1600),
        ("chart-800w.png", 800),
        ("chart-1000w.webp", 1000),
    ] {
        let bytes = std::fs::read(format!("{out}{m}{file}")).unwrap();
        let decoded = image::load_from_memory(&bytes).expect(file);
        assert_eq!(decoded.width(), width, "{file}");
    }
    assert!(!std::path::Path::new(&format!("{out}{m}spin-480w.gif")).exists());
    // The cache is inside the site folder, whatever the output folder.
    let cache = site.path(".growthsite/cache/images");
    let cached = std::fs::read_dir(&cache).expect("cache folder").count();
    assert_eq!(
        cached,
        4 + 4 + 2 + 3,
        "photo: 4 jpg + 4 webp; chart: 2 png + 3 webp"
    );
    // A second build decodes nothing.
    site.run(&["build", "--timings", "-o", out])
        .assert_success()
        .stderr_contains("social cards: 0 drawn, 1 from the cache")
        .stderr_contains("images: 0 resized, 2 from the cache");
    assert!(std::fs::read(format!("{out}{m}photo-800w.webp")).is_ok());
}

#[test]
fn a_corrupt_image_is_an_error_at_its_line_and_the_output_is_kept() {
    let site = Site::with_config()
        .file(
            "content/mistakes/pics/index.md",
            bundle("Before.\n\n![Chart](chart.png)\n"),
        )
        .file(
            "content/mistakes/pics/chart.png",
            encoded(photo(40, 20), image::ImageFormat::Png),
        );
    site.run(&["build", "--quiet"]).assert_success();
    let before = site.read("public/mistakes/pics/index.html");
    let mut damaged = encoded(photo(40, 20), image::ImageFormat::Png);
    damaged.truncate(30);
    site.write("content/mistakes/pics/chart.png", damaged);
    site.run(&["build"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/pics/index.md:9:1: image `mistakes/pics/chart.png` cannot be used: ")
        .stderr_contains("(re-export the image, or replace the file)");
    assert_eq!(site.read("public/mistakes/pics/index.html"), before);
}

fn card_writeup(title: &str, lesson: Option<&str>) -> String {
    let lesson = lesson.map_or(String::new(), |l| format!("lesson: {l}\n"));
    format!(
        "---\ntitle: {title}\ndate: 2026-01-15\nstrategies: [acknowledge, reflect]\n{lesson}---\nBody.\n"
    )
}

#[test]
fn each_writeup_gets_a_social_card_named_by_og_image_under_a_sub_path() {
    let long = "Shipped a schema migration with no rollback on a Friday afternoon before the long holiday weekend began";
    let site = Site::with_config()
        .file(
            "content/mistakes/short.md",
            card_writeup("Snoozed an alert", Some("Fix or delete noisy alerts.")),
        )
        .file(
            "content/mistakes/long.md",
            card_writeup(long, Some("Write the rollback first.")),
        )
        .file(
            "content/mistakes/greek.md",
            card_writeup("Ξέχασα το αντίγραφο ασφαλείας", None),
        );
    site.run(&[
        "build",
        "--timings",
        "--base-url",
        "https://alice.github.io/growth/",
    ])
    .assert_success()
    .stderr_contains("social cards: 3 drawn, 0 from the cache");
    for slug in ["short", "long", "greek"] {
        let png = std::fs::read(site.path(&format!("public/mistakes/{slug}/card.png"))).unwrap();
        let card = image::load_from_memory_with_format(&png, image::ImageFormat::Png)
            .expect("card.png is a PNG");
        assert_eq!((card.width(), card.height()), (1200, 630), "{slug}");
        let html = site.read(&format!("public/mistakes/{slug}/index.html"));
        for meta in [
            format!(
                "<meta property=\"og:image\" content=\"https://alice.github.io/growth/mistakes/{slug}/card.png\">"
            ),
            "<meta property=\"og:image:width\" content=\"1200\">".to_string(),
            "<meta property=\"og:image:height\" content=\"630\">".to_string(),
            "<meta name=\"twitter:card\" content=\"summary_large_image\">".to_string(),
        ] {
            assert!(html.contains(&meta), "{slug}: {meta} in {html}");
        }
        // Twitter reads the image, title and description from og:, so
        // they are written once.
        for twice in ["twitter:image", "twitter:title", "twitter:description"] {
            assert!(!html.contains(twice), "{slug}: {twice} in {html}");
        }
    }
    // Pages that are not write-ups have no card.
    let home = site.read("public/index.html");
    assert!(home.contains("<meta name=\"twitter:card\" content=\"summary\">"));
    assert!(!home.contains("og:image"));
    // Only the changed write-up's card is drawn again.
    site.write(
        "content/mistakes/short.md",
        card_writeup(
            "Snoozed the alert twice",
            Some("Fix or delete noisy alerts."),
        ),
    );
    site.run(&[
        "build",
        "--timings",
        "--base-url",
        "https://alice.github.io/growth/",
    ])
    .assert_success()
    .stderr_contains("social cards: 1 drawn, 2 from the cache");
}

#[test]
fn a_second_build_takes_highlighted_code_from_the_cache() {
    let body = "```rust\nfn main() {}\n```\n\n```sql\nselect 1;\n```\n\n```klingon\nx\n```\n";
    let site = Site::with_config().file("content/mistakes/code.md", bundle(body));
    site.run(&["build", "--timings"])
        .assert_success()
        .stderr_contains("code blocks: 2 highlighted, 0 from the cache");
    let first = site.read("public/mistakes/code/index.html");
    assert!(site.exists(".growthsite/cache/code/highlighted.bin"));
    site.run(&["build", "--timings"])
        .assert_success()
        .stderr_contains("code blocks: 0 highlighted, 2 from the cache");
    assert_eq!(site.read("public/mistakes/code/index.html"), first);
    // A changed block is highlighted again; the unchanged one is not.
    site.write(
        "content/mistakes/code.md",
        bundle(&body.replace("select 1;", "select 2;")),
    );
    site.run(&["build", "--timings"])
        .assert_success()
        .stderr_contains("code blocks: 1 highlighted, 1 from the cache");
    // `check` reads the cache but writes nothing.
    std::fs::remove_dir_all(site.path(".growthsite")).unwrap();
    site.run(&["check"]).assert_success();
    assert!(!site.exists(".growthsite/cache/code"));
}

#[test]
fn a_jpeg_named_png_and_an_svg_with_a_doctype_show_as_in_a_browser() {
    // Both are common in real blogs (flux's *-featured.png, draw.io's
    // exports); browsers show them, so the build does too.
    let drawn = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"/>\n";
    let site = Site::with_config()
        .file(
            "content/mistakes/pics/index.md",
            bundle("![Meme](meme.png)\n\n![Chart](chart.svg)\n"),
        )
        .file(
            "content/mistakes/pics/meme.png",
            encoded(photo(40, 20), image::ImageFormat::Jpeg),
        )
        .file("content/mistakes/pics/chart.svg", drawn);
    site.run(&["build"])
        .assert_success()
        .stderr_lacks("cannot be used");
    let html = site.read("public/mistakes/pics/index.html");
    assert_eq!(
        html.matches("width=\"40\" height=\"20\"").count(),
        2,
        "{html}"
    );
}
