//! Markdown rendering, on strings.

use super::*;

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
    assert!(r.html.contains("<h2 id=\"what-happened\">"), "{}", r.html);
    assert!(r.html.contains("<h2 id=\"what-happened-1\">"));
    assert!(r.html.contains("<h3 id=\"custom\">"));
    assert_eq!(r.toc.len(), 3);
    assert_eq!(r.toc[2].title, "Detail");
}

#[test]
fn internal_links_resolve_and_missing_ones_are_errors() {
    let (r, problems) = render("See [b](@/mistakes/b.md#fix) and\n[c](@/mistakes/c.md).");
    assert!(r.html.contains("href=\"/growth/mistakes/b/#fix\""));
    assert_eq!(problems.len(), 1);
    assert_eq!(problems[0].span.as_ref().unwrap().line, 6);
    assert!(problems[0].message.contains("mistakes/c.md"));
}

#[test]
fn heading_ids_are_githubs() {
    let (r, _) = render("## What's a homelab?\n\n## What’s a homelab\n");
    assert!(r.html.contains("<h2 id=\"whats-a-homelab\">"), "{}", r.html);
    assert!(
        r.html.contains("<h2 id=\"whats-a-homelab-1\">"),
        "{}",
        r.html
    );
}

#[test]
fn a_note_cited_twice_gets_one_id_per_citation() {
    let (r, _) = render(
        "One[^n] and two[^n].\n\n[^n]: The note.\n\n[^a b] [^a-b]\n\n[^a b]: A.\n[^a-b]: B.\n",
    );
    assert!(r.html.contains("id=\"ref-fn-a-n\""), "{}", r.html);
    assert!(r.html.contains("id=\"ref-fn-a-n-2\""), "{}", r.html);
    assert_eq!(r.html.matches("id=\"fn-a-n\"").count(), 1);
    assert!(
        r.html.contains("id=\"fn-a-a-b\"") && r.html.contains("id=\"fn-a-a-b-2\""),
        "{}",
        r.html
    );
}

#[test]
fn a_note_in_the_summary_stays_on_its_page() {
    let (r, _) = render("Text.[^n]\n\n[^n]: The *note*.\n\n<!-- more -->\n\nMore.\n");
    assert_eq!(r.summary, "<p>Text.</p>\n");
    assert!(r.html.contains("<em>note</em>"));
}

#[test]
fn relative_links_resolve_against_the_page() {
    let r = render_on_page(
        "[up](../other/) ![i](img.png)",
        "content/mistakes/a.md",
        "a",
        "/growth/mistakes/a/",
    );
    assert!(
        r.summary.contains("href=\"/growth/mistakes/other/\""),
        "{}",
        r.summary
    );
    assert!(
        r.summary.contains("src=\"/growth/mistakes/a/img.png\""),
        "{}",
        r.summary
    );
}

#[test]
fn footnotes_are_prefixed_per_document() {
    let (r, _) = render("Text.[^note]\n\n[^note]: The note.\n");
    assert!(r.html.contains("id=\"ref-fn-a-note\""), "{}", r.html);
    assert!(r.html.contains("id=\"fn-a-note\""));
}

#[test]
fn summary_is_the_text_before_more_without_ids() {
    let (r, _) = render("## Intro\n\nFirst.\n\n<!-- more -->\n\nSecond.\n");
    assert!(r.summary.contains("First."));
    assert!(!r.summary.contains("Second."));
    assert!(!r.summary.contains("id="));
    assert!(r.html.contains("Second."));
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
    assert!(r.html.contains("“Quote” – x"), "{}", r.html);
    assert!(r.html.contains("<table>"));
    assert!(r.html.contains("type=\"checkbox\""));
    assert!(r.html.contains("class=\"language-sql\""));
    assert!(r.html.contains("<del>no</del>"));
}

#[test]
fn bundle_relative_links_become_absolute() {
    let r = render_on_page(
        "![Timeline](timeline.svg) [x](https://a.b/) [y](#top)",
        "content/mistakes/b/index.md",
        "b",
        "/growth/mistakes/b/",
    );
    assert!(
        r.html.contains("src=\"/growth/mistakes/b/timeline.svg\""),
        "{}",
        r.html
    );
    assert!(r.html.contains("href=\"https://a.b/\""));
    assert!(r.html.contains("href=\"#top\""));
}

#[test]
fn an_in_page_link_in_the_summary_leads_to_its_own_page() {
    let r = render_on_page(
        "See [the setup](#setup).\n\n## Setup\n",
        "content/mistakes/a.md",
        "a",
        "/growth/mistakes/a/",
    );
    assert!(
        r.summary.contains("href=\"/growth/mistakes/a/#setup\""),
        "{}",
        r.summary
    );
    assert!(r.html.contains("href=\"#setup\""), "{}", r.html);
}
