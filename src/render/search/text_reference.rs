//! The text functions as they were before they were made faster (tests
//! only): the search index must get the same text and words from any
//! input, however broken its markup.

use proptest::prelude::*;

/// The plain text as it was first made: tags dropped into one copy,
/// references decoded into another, then white space collapsed.
fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        let tag = &rest[open..open + close];
        let name = tag[1..]
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        // Compared without a lower-case copy: this runs for every tag of
        // every page.
        if super::BLOCKS
            .iter()
            .any(|block| block.eq_ignore_ascii_case(name))
        {
            text.push(' ');
        }
        let hidden = tag.contains("aria-hidden=\"true\"");
        rest = &rest[open + close + 1..];
        // (an element with no closing tag hides nothing after it)
        if hidden {
            let end = format!("</{}>", name.to_ascii_lowercase());
            if let Some(at) = rest.find(&end) {
                rest = &rest[at + end.len()..];
            }
        }
    }
    text.push_str(rest);
    let text = crate::html::decode_references(&text);
    let mut plain = String::with_capacity(text.len());
    for word in text.split_whitespace() {
        if !plain.is_empty() {
            plain.push(' ');
        }
        plain.push_str(word);
    }
    plain
}

/// The words as they were first split.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "<p>", "</p>", "<P class=x>", "<br/>", "<li>", "<figcaption>", "<span>", "</span>",
            "<a href=\"#x\" aria-hidden=\"true\">", "</a>", "<H2 aria-hidden=\"true\">", "</h2>",
            "<img aria-hidden=\"true\" alt=\"\">", "<", ">", "</", "/", "<pé>", "<p\u{a0}x>",
            "&amp;", "&lt;p&gt;", "&#160;", "&#32;", "&#x2003;", "&nbsp;", "&", ";", "&amp;lt;",
        ])
        .prop_map(str::to_string),
        2 => prop::sample::select(vec![
            " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{1c}", "\u{85}", "\u{a0}",
            "\u{2003}", "\u{3000}", "é", "Ü", "ß", "😀", "\u{301}", "-", ",", "'", "’",
        ])
        .prop_map(str::to_string),
        3 => "[a-zA-Z0-9]{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn makes_the_text_and_words_it_made_before(pieces in prop::collection::vec(piece(), 0..40)) {
        let html = pieces.concat();
        let text = plain_text(&html);
        prop_assert_eq!(super::plain_text(&html), text.clone(), "{:?}", html);
        let lower = text.to_lowercase();
        let now: Vec<&str> = super::words(&lower).collect();
        let before: Vec<&str> = words(&lower).collect();
        prop_assert_eq!(now, before, "{:?}", lower);
    }
}
