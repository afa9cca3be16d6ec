//! Markdown rendering, on strings.

use super::*;
use crate::test_support::assert_has;

fn render(text: &str) -> (Rendered, Vec<Diagnostic>) {
    let mut targets = LinkTargets::default();
    targets
        .urls
        .insert("mistakes/b.md".into(), "/growth/mistakes/b/".into());
    let input = MarkdownInput {
        text,
        file: "content/mistakes/a.md",
        first_line: 5,
        id_prefix: "a",
        page_url: None,
    };
    render_markdown(input, &targets)
}

/// Renders `text` as the body of the page at `page_url`, with no link
/// targets: for what depends on the page's own address.
fn render_on_page(text: &str, file: &str, id_prefix: &str, page_url: &str) -> Rendered {
    let input = MarkdownInput {
        text,
        file,
        first_line: 1,
        id_prefix,
        page_url: Some(page_url),
    };
    render_markdown(input, &LinkTargets::default()).0
}

#[test]
fn headings_get_unique_ids_and_a_toc() {
    let (r, _) = render("## What happened\n\n## What happened\n\n### Detail {#custom}\n");
    assert_has(
        &r.html.text(),
        &[
            "<h2 id=\"what-happened\">",
            "<h2 id=\"what-happened-1\">",
            "<h3 id=\"custom\">",
        ],
    );
    assert_eq!(r.toc.len(), 3);
    assert_eq!(r.toc.iter().nth(2).unwrap().title, "Detail");
}

#[test]
fn internal_links_resolve_and_missing_ones_are_errors() {
    let (r, problems) = render("See [b](@/mistakes/b.md#fix) and\n[c](@/mistakes/c.md).");
    assert_has(&r.html.text(), &["href=\"/growth/mistakes/b/#fix\""]);
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].span.as_ref().unwrap().line, 6);
    assert!(problems[0].message.contains("mistakes/c.md"));
}

#[test]
fn heading_ids_are_githubs() {
    let (r, _) = render("## What's a homelab?\n\n## What’s a homelab\n");
    assert_has(
        &r.html.text(),
        &[
            "<h2 id=\"whats-a-homelab\">",
            "<h2 id=\"whats-a-homelab-1\">",
        ],
    );
}

#[test]
fn a_note_cited_twice_gets_one_id_per_citation() {
    let (r, _) = render(
        "One[^n] and two[^n].\n\n[^n]: The note.\n\n[^a b] [^a-b]\n\n[^a b]: A.\n[^a-b]: B.\n",
    );
    assert_has(
        &r.html.text(),
        &[
            "id=\"ref-fn-a-n\"",
            "id=\"ref-fn-a-n-2\"",
            "id=\"fn-a-a-b\"",
            "id=\"fn-a-a-b-2\"",
        ],
    );
    assert_eq!(r.html.text().matches("id=\"fn-a-n\"").count(), 1);
}

#[test]
fn a_note_in_the_summary_stays_on_its_page() {
    let (r, _) = render("Text.[^n]\n\n[^n]: The *note*.\n\n<!-- more -->\n\nMore.\n");
    assert_eq!(r.summary, "<p>Text.</p>\n");
    assert_has(&r.html.text(), &["<em>note</em>"]);
}

#[test]
fn relative_links_resolve_against_the_page() {
    let r = render_on_page(
        "[up](../other/) ![i](img.png)",
        "content/mistakes/a.md",
        "a",
        "/growth/mistakes/a/",
    );
    assert_has(
        &r.summary,
        &[
            "href=\"/growth/mistakes/other/\"",
            "src=\"/growth/mistakes/a/img.png\"",
        ],
    );
}

#[test]
fn footnotes_are_prefixed_per_document() {
    let (r, _) = render("Text.[^note]\n\n[^note]: The note.\n");
    assert_has(
        &r.html.text(),
        &["id=\"ref-fn-a-note\"", "id=\"fn-a-note\""],
    );
}

#[test]
fn summary_is_the_text_before_more_without_ids() {
    let (r, _) = render("## Intro\n\nFirst.\n\n<!-- more -->\n\nSecond.\n");
    assert_has(&r.summary, &["First."]);
    assert!(!r.summary.contains("Second."));
    assert!(!r.summary.contains("id="));
    assert_has(&r.html.text(), &["Second."]);
}

#[test]
fn summary_defaults_to_the_first_paragraph() {
    let (r, _) = render("# Title\n\nOne two three.\n\nFour.\n");
    assert_eq!(r.summary, "<p>One two three.</p>\n");
    assert_eq!(r.word_count, 5);
}

#[test]
fn smart_punctuation_tables_tasks_and_code_languages() {
    let (r, _) = render(
        "\"Quote\" -- x\n\n| a |\n|---|\n| b |\n\n- [x] done\n\n```sql\nSELECT 1;\n```\n~~no~~\n",
    );
    assert_has(
        &r.html.text(),
        &[
            "“Quote” – x",
            "<table>",
            "type=\"checkbox\"",
            "class=\"language-sql\"",
            "<del>no</del>",
        ],
    );
}

#[test]
fn bundle_relative_links_become_absolute() {
    let r = render_on_page(
        "![Timeline](timeline.svg) [x](https://a.b/) [y](#top)",
        "content/mistakes/b/index.md",
        "b",
        "/growth/mistakes/b/",
    );
    assert_has(
        &r.html.text(),
        &[
            "src=\"/growth/mistakes/b/timeline.svg\"",
            "href=\"https://a.b/\"",
            "href=\"#top\"",
        ],
    );
}

#[test]
fn an_in_page_link_in_the_summary_leads_to_its_own_page() {
    let r = render_on_page(
        "See [the setup](#setup).\n\n## Setup\n",
        "content/mistakes/a.md",
        "a",
        "/growth/mistakes/a/",
    );
    assert_has(&r.summary, &["href=\"/growth/mistakes/a/#setup\""]);
    assert_has(&r.html.text(), &["href=\"#setup\""]);
}

#[test]
fn words_are_counted_as_runs_between_ascii_spaces() {
    for text in [
        "",
        " ",
        "one",
        "  one two\tthree\nfour\r\u{c}five  ",
        "über-stunden, déjà vu",
        "a\u{b}b",
        "\u{a0}nbsp\u{a0}stays",
    ] {
        assert_eq!(
            super::count_words(text),
            text.split_ascii_whitespace().count(),
            "{text:?}"
        );
    }
}
