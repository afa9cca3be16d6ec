//! HTML fragments -> plain text, and plain text -> the folded words the
//! index is keyed by. The search page's script folds a query the same way
//! (`fold` and `words` in search.js): decomposed, combining marks dropped,
//! lower case, split on anything that is neither a letter nor a digit.

use unicode_normalization::UnicodeNormalization;

/// Tags that end a run of words: a paragraph, an item, a cell, a line
/// break. An inline tag (a link, emphasis, a highlighted token) does not:
/// "a <a>link</a>, then" is "a link, then".
const BLOCKS: &[&str] = &[
    "p",
    "br",
    "li",
    "ul",
    "ol",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "td",
    "th",
    "table",
    "dd",
    "dt",
    "hr",
    "figure",
    "figcaption",
    "section",
];

/// The text of an HTML fragment: tags dropped, references decoded, white
/// space collapsed to single spaces. What is hidden from screen readers
/// (`aria-hidden="true"`: a heading's `#` link) is dropped too.
pub fn plain_text(html: &str) -> String {
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
        if BLOCKS.iter().any(|block| block.eq_ignore_ascii_case(name)) {
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

/// Appends `text.to_lowercase()` to `out`. The standard one takes ASCII
/// in blocks only up to the first other character (a typographic quote
/// early in a write-up), then goes character by character: this returns
/// to blocks after each one. The same result: only `Σ` is lowered by its
/// neighbours, and text holding one is left to the standard one.
pub fn push_lowercase(out: &mut String, text: &str) {
    if text.contains('Σ') {
        out.push_str(&text.to_lowercase());
        return;
    }
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = rest
            .bytes()
            .position(|b| !b.is_ascii())
            .unwrap_or(rest.len());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
}

/// `text` cut at a word boundary once it holds `limit` characters.
pub fn cut(text: &str, limit: usize) -> &str {
    match text.char_indices().nth(limit) {
        None => text,
        Some((at, _)) => text[..at]
            .rfind(' ')
            .map_or(&text[..at], |space| &text[..space]),
    }
}

/// A word as the index keys it: decomposed (NFD), combining marks
/// dropped, lower case. `Übermut` and `ubermut` are one word.
pub fn fold(word: &str) -> String {
    word.nfd()
        .filter(|c| !('\u{300}'..='\u{36f}').contains(c))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The words of `text` (write it in lower case first: the stemmer reads
/// accents, so words are folded later), split on every character that is
/// neither a letter nor a digit.
pub fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_tags_and_decodes() {
        assert_eq!(
            plain_text("<p>Ship <em>the</em> fix &amp; roll\nback.</p>"),
            "Ship the fix & roll back."
        );
        assert_eq!(
            plain_text("<p>see <a href=\"x\">the page</a>.</p><p>Next</p>"),
            "see the page. Next"
        );
        assert_eq!(
            plain_text(
                "<h2 id=\"x\">What happened<a href=\"#x\" aria-hidden=\"true\">#</a></h2><p>We"
            ),
            "What happened We"
        );
        assert_eq!(
            plain_text("<img aria-hidden=\"true\" alt=\"\">Still <b>here</b>"),
            "Still here"
        );
    }

    #[test]
    fn push_lowercase_is_to_lowercase() {
        for text in [
            "",
            "Plain ASCII, SHOUTED.",
            "It’s “QUOTED” — Über-STUNDEN, ÉTÉ, İstanbul",
            "ΟΔΟΣ ΣΟΦΟΣ: final sigma",
            "mixed ẞ ǅ ﬃ Ⅻ",
        ] {
            let mut out = String::from("kept ");
            push_lowercase(&mut out, text);
            assert_eq!(out, format!("kept {}", text.to_lowercase()), "{text}");
        }
    }

    #[test]
    fn plain_text_collapses_every_white_space() {
        assert_eq!(
            plain_text("  <P>one\u{a0}&#160;two</P>\t<LI>three&#32;&#10;four </li> "),
            "one two three four"
        );
        assert_eq!(
            plain_text("<H2>Title<A aria-hidden=\"true\">#</a></H2>after"),
            "Title after"
        );
    }

    #[test]
    fn cut_stops_at_a_word() {
        assert_eq!(cut("one two three", 100), "one two three");
        assert_eq!(cut("one two three", 9), "one two");
        assert_eq!(cut("überstunden", 4), "über");
    }

    #[test]
    fn words_are_split_and_folded_as_the_script_does() {
        let lower = "Über-stunden, v2.0 (CI)".to_lowercase();
        let all: Vec<&str> = words(&lower).collect();
        assert_eq!(all, ["über", "stunden", "v2", "0", "ci"]);
        assert_eq!(fold("Überstunden"), "uberstunden");
        assert_eq!(fold("déjà"), "deja");
    }
}
