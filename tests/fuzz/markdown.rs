//! Markdown bodies, fuzzed in process: built from the constructs growthsite
//! extends (headings and their ids, `@/` links, footnotes, bundle-relative
//! links, `<!-- more -->`) mixed with odd text.

use std::collections::BTreeSet;

use growthsite::parse::markdown::{LinkTargets, MarkdownInput, render_fragment, render_markdown};
use proptest::prelude::*;

use super::{config, odd_text};

fn block() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => odd_text(8),
        2 => (prop::sample::select(vec!["# ", "## ", "### ", "#### ", "##"]), odd_text(4),
              prop::sample::select(vec!["", " {#same}", " {#}", " {#a b}", " {.c}", " {#x #y}", " {", "#"]))
            .prop_map(|(h, t, id)| format!("{h}{t}{id}")),
        1 => Just("## Same".to_string()),
        1 => Just("## Same-1".to_string()),
        2 => (odd_text(3), prop::sample::select(vec![
                "@/mistakes/a.md", "@/mistakes/a.md#top", "@/missing.md", "@/", "@/../x.md",
                "image.png", "./image.png", "../up.png", "/abs", "https://example.org/",
                "#anchor", "", "mailto:x@y", "javascript:alert(1)", "<a b>", "a b",
            ]))
            .prop_map(|(t, url)| format!("[{t}]({url})")),
        1 => prop::sample::select(vec!["![alt](pic.png)", "![](@/mistakes/a.md)"]).prop_map(str::to_string),
        1 => (odd_text(3), odd_text(3)).prop_map(|(r, t)| format!("x[^{r}]\n\n[^{r}]: {t}")),
        1 => Just("<!-- more -->".to_string()),
        1 => odd_text(4).prop_map(|t| format!("```rust\n{t}\n```")),
        1 => odd_text(4).prop_map(|t| format!("| a | b |\n|---|:-:|\n| {t} | c |")),
        1 => odd_text(4).prop_map(|t| format!("- [ ] {t}\n- [x] done\n  - nested")),
        1 => odd_text(4).prop_map(|t| format!("> {t}\n>> deeper")),
        1 => prop::sample::select(vec![
            "<div>", "</div>", "<script>x</script>", "<h2 id=\"same\">raw</h2>", "&#0;", "~~s~~",
            "***", "    indented", "\u{0}",
        ]).prop_map(str::to_string),
    ]
}

pub(super) fn document() -> impl Strategy<Value = String> {
    let separator = prop::sample::select(vec!["\n\n", "\n", " ", "\r\n\r\n"]);
    prop::collection::vec((block(), separator), 0..24)
        .prop_map(|parts| parts.into_iter().map(|(b, s)| b + s).collect())
}

proptest! {
    #![proptest_config(config(2))]

    #[test]
    fn markdown_never_panics_and_heading_ids_are_unique(
        text in document(),
        first_line in 1usize..40,
        page_url in prop::option::of(prop::sample::select(vec!["/mistakes/a/", "/growth/mistakes/é/", ""])),
    ) {
        let mut targets = LinkTargets::default();
        targets.urls.insert("mistakes/a.md".into(), "/mistakes/a/".into());
        let input = MarkdownInput {
            text: &text,
            file: "content/mistakes/a.md",
            first_line,
            id_prefix: "a-",
            page_url,
        };
        let (rendered, problems) = render_markdown(input, &targets);
        let mut ids = BTreeSet::new();
        for entry in rendered.toc.iter() {
            prop_assert!(matches!(entry.level, 2 | 3), "{entry:?}");
            prop_assert!(ids.insert(entry.id.to_string()), "heading id {:?} twice", entry.id);
        }
        for problem in &problems {
            let span = problem.span.as_ref();
            prop_assert!(
                span.is_some_and(|s| s.file == "content/mistakes/a.md" && s.line >= first_line),
                "{problem}"
            );
        }
        prop_assert!(rendered.html.text().len() + 1 >= rendered.summary.len() / 2);
        let (fragment, _) = render_fragment(input, &targets);
        let html = fragment.html;
        prop_assert!(!html.contains(" id=\"a-"), "a fragment holds an id: {html}");
    }
}
