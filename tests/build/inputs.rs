//! Input that must build: empty bodies, byte-order marks, CRLF, odd front
//! matter, large and non-ASCII write-ups, symlink loops, static files.

use std::path::Path;

use crate::support::{Site, Tree, writeup};

/// Builds `site` and returns its public/ tree.
#[track_caller]
fn builds(site: &Site) -> Tree {
    site.run(&["build"]).assert_success();
    Tree::read(&site.path("public"))
}

#[test]
fn an_empty_body() {
    let site = Site::with_config().file(
        "content/mistakes/empty.md",
        "---\ntitle: Nothing to say\ndate: 2026-01-01\nlesson: L.\n---\n",
    );
    let tree = builds(&site);
    assert!(
        tree.text("mistakes/empty/index.html")
            .contains("Nothing to say")
    );
}

#[test]
fn front_matter_only_without_a_final_newline() {
    let site = Site::with_config().file(
        "content/mistakes/bare.md",
        "---\ntitle: Bare\ndate: 2026-01-01\nlesson: L.\n---",
    );
    let tree = builds(&site);
    assert!(tree.text("mistakes/bare/index.html").contains("Bare"));
}

#[test]
fn a_utf8_byte_order_mark() {
    let site = Site::with_config().file(
        "content/mistakes/bom.md",
        format!("\u{feff}{}", writeup("Marked")),
    );
    let tree = builds(&site);
    assert!(
        tree.text("mistakes/bom/index.html")
            .contains("<h1>Marked</h1>")
    );
}

#[test]
fn crlf_line_endings() {
    let text = "---\r\ntitle: Windows\r\ndate: 2026-01-01\r\nstrategies: [reflect]\r\n\
                lesson: Check first.\r\n---\r\nFirst line.\r\n\r\n## A heading\r\n\r\nLast.\r\n";
    let site = Site::with_config().file("content/mistakes/crlf.md", text);
    let tree = builds(&site);
    let html = tree.text("mistakes/crlf/index.html");
    assert!(html.contains("<h1>Windows</h1>"), "{html}");
    assert!(html.contains("<h2 id=\"a-heading\">"), "{html}");
    assert!(html.contains("Check first."));
    assert!(
        tree.text("strategies/reflect/index.html")
            .contains("Windows")
    );
}

#[test]
fn dashes_lines_inside_the_body() {
    let text = format!(
        "{}\nBefore the rule.\n\n---\n\nAfter the rule.\n\n---\n",
        writeup("Rules")
    );
    let site = Site::with_config().file("content/mistakes/rules.md", text);
    let tree = builds(&site);
    let html = tree.text("mistakes/rules/index.html");
    assert!(html.contains("Before the rule."), "{html}");
    assert!(html.contains("<hr />"), "{html}");
    assert!(html.contains("After the rule."), "{html}");
}

#[test]
fn a_single_strategy_as_a_plain_string() {
    let site = Site::with_config().file(
        "content/mistakes/single.md",
        "---\ntitle: Single\ndate: 2026-01-01\nstrategies: seek-feedback\nlesson: L.\n---\n",
    );
    let tree = builds(&site);
    assert!(
        tree.text("strategies/seek-feedback/index.html")
            .contains("Single")
    );
    assert!(
        !tree
            .text("strategies/reflect/index.html")
            .contains("Single")
    );
}

#[test]
fn unknown_front_matter_keys_are_page_extra() {
    let site = Site::with_config()
        .file(
            "content/mistakes/moody.md",
            "---\ntitle: Moody\ndate: 2026-01-01\nlesson: L.\nmood: rueful\n\
             weather:\n  sky: grey\n---\n",
        )
        .file(
            "templates/mistake.html",
            "{{ page.title }}: {{ page.extra.mood }}, {{ page.extra.weather.sky }}\n",
        );
    let tree = builds(&site);
    assert_eq!(
        tree.text("mistakes/moody/index.html"),
        "Moody: rueful, grey\n"
    );
}

#[test]
fn non_ascii_title_and_file_name() {
    let site = Site::with_config().file(
        "content/mistakes/Überstunden.md",
        "---\ntitle: Überstunden im März\ndate: 2026-01-01\nlesson: Zähle die Stunden.\n---\n",
    );
    let tree = builds(&site);
    let html = tree.text("mistakes/uberstunden/index.html");
    assert!(html.contains("Überstunden im März"), "{html}");
    assert!(tree.text("index.html").contains("/mistakes/uberstunden/"));
}

#[test]
fn a_ten_megabyte_writeup() {
    let mut text = writeup("Long");
    let mut n = 0;
    while text.len() < 10 * 1024 * 1024 {
        n += 1;
        text.push_str(&format!(
            "\nParagraph {n}: the same mistake, described at great length.\n"
        ));
    }
    let last = format!("Paragraph {n}:");
    let site = Site::with_config().file("content/mistakes/long.md", text);
    let tree = builds(&site);
    let html = tree.text("mistakes/long/index.html");
    assert!(html.len() > 10 * 1024 * 1024);
    assert!(html.contains(&last));
}

#[test]
fn a_symlink_loop_under_content() {
    let site = Site::with_config().file("content/mistakes/one.md", writeup("One"));
    std::os::unix::fs::symlink("..", site.path("content/mistakes/loop")).expect("symlink");
    site.run(&["build"])
        .assert_success()
        .stderr_contains("warning: content/mistakes/loop")
        .stderr_contains("symlink loop")
        .stderr_contains("built 1 write-up,");
    assert!(site.exists("public/mistakes/one/index.html"));
}

#[test]
fn the_example_blog_builds_without_warnings() {
    let site = Site::example();
    let run = site.run(&["build"]);
    run.assert_success().stderr_lacks("warning:");
    assert!(Path::new(&site.path("public/index.html")).is_file());
}

#[test]
fn static_files_are_copied_as_they_are_with_hidden_ones() {
    let site = Site::with_config()
        .file("content/mistakes/one.md", writeup("One"))
        .file(
            "static/.well-known/security.txt",
            "Contact: mailto:me@example.com\n",
        )
        .file("static/.nojekyll", "")
        .file("static/docs/cv.pdf", b"%PDF-1.4 \x00\xff".as_slice())
        .file("static/notes.txt~", "editor backup\n")
        .file("content/.obsidian/workspace.json", "{}\n")
        .file("content/mistakes/.one.md.swp", "swap\n");
    let tree = builds(&site);
    assert_eq!(
        tree.text(".well-known/security.txt"),
        "Contact: mailto:me@example.com\n"
    );
    assert!(tree.has(".nojekyll"));
    assert_eq!(tree.0["docs/cv.pdf"], b"%PDF-1.4 \x00\xff");
    // Editor leftovers and hidden files in content/ are not published.
    assert!(!tree.has("notes.txt~"), "{:?}", tree.paths());
    assert!(
        !tree
            .paths()
            .iter()
            .any(|p| p.contains("obsidian") || p.contains("swp"))
    );
}

#[test]
fn a_byte_order_mark_in_the_config_and_in_a_template() {
    let site = Site::new()
        .file(
            "growthsite.yaml",
            format!("\u{feff}{}", crate::support::CONFIG),
        )
        .file("content/mistakes/one.md", writeup("One"))
        .file(
            "templates/mistake.html",
            "\u{feff}{% extends \"base.html\" %}\n\
             {% block main %}<h1 class=\"mine\">{{ page.title }}</h1>{% endblock main %}\n",
        );
    let tree = builds(&site);
    let html = tree.text("mistakes/one/index.html");
    assert!(html.contains("<h1 class=\"mine\">One</h1>"), "{html}");
    assert!(!html.contains('\u{feff}'));
}

#[test]
fn a_site_with_no_writeups_yet() {
    let site = Site::with_config();
    site.run(&["build"])
        .assert_success()
        .stderr_is("built 0 write-ups, 3 strategies, 10 pages in [N] ms\n");
    let tree = Tree::read(&site.path("public"));
    assert!(tree.has("index.html") && tree.has("strategies/reflect/index.html"));
    assert!(tree.text("atom.xml").contains("</feed>"));
}

#[test]
fn markup_in_front_matter_is_escaped() {
    let site = Site::with_config().file(
        "content/mistakes/markup.md",
        "---\ntitle: \"Q&A <b>bold</b>\"\ndate: 2026-01-01\nstrategies: [reflect]\n\
         lesson: \"Fish & chips <i>x</i>\"\n---\nBody.\n",
    );
    let tree = builds(&site);
    for page in [
        "mistakes/markup/index.html",
        "index.html",
        "lessons/index.html",
    ] {
        let html = tree.text(page);
        assert!(
            !html.contains("<b>bold</b>") && !html.contains("<i>x</i>"),
            "{page}: {html}"
        );
    }
    assert!(
        tree.text("mistakes/markup/index.html")
            .contains("Q&amp;A &lt;b&gt;bold&lt;/b&gt;")
    );
    let feed = tree.text("atom.xml");
    assert!(
        feed.contains("<title>Q&amp;A &lt;b&gt;bold&lt;/b&gt;</title>"),
        "{feed}"
    );
}
