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
    const HIDDEN: &[u8] = b"aria-hidden=\"true\"";
    let bytes = html.as_bytes();
    let mut text = String::with_capacity(html.len());
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|o| at + o) {
        text.push_str(&html[at..open]);
        let Some(close) = memchr::memchr(b'>', &bytes[open..]).map(|c| open + c) else {
            at = html.len();
            break;
        };
        let tag = &html[open..close];
        let name = tag[1..]
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default();
        if is_block(name) {
            text.push(' ');
        }
        at = close + 1;
        // (an element with no closing tag hides nothing after it)
        if tag.len() >= HIDDEN.len() && memchr::memmem::find(tag.as_bytes(), HIDDEN).is_some() {
            let end = format!("</{}>", name.to_ascii_lowercase());
            if let Some(found) = memchr::memmem::find(&bytes[at..], end.as_bytes()) {
                at += found + end.len();
            }
        }
    }
    text.push_str(&html[at..]);
    collapse(&text)
}

/// Whether `name` (any case) is one of [`BLOCKS`].
fn is_block(name: &str) -> bool {
    let mut lower = [0u8; 10];
    let Some(lower) = lower.get_mut(..name.len()) else {
        return false;
    };
    lower.copy_from_slice(name.as_bytes());
    lower.make_ascii_lowercase();
    BLOCKS.iter().any(|block| block.as_bytes() == lower)
}

/// `text` with references decoded and white space (any, as
/// `char::is_whitespace` sees it) collapsed to single spaces, none at
/// either end: in one pass, without a copy between the two.
fn collapse(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut plain = String::with_capacity(text.len());
    let mut space = false;
    let push = |plain: &mut String, piece: &str, space: &mut bool| {
        if *space && !plain.is_empty() {
            plain.push(' ');
        }
        *space = false;
        plain.push_str(piece);
    };
    let mut at = 0;
    while at < bytes.len() {
        let run = bytes[at..]
            .iter()
            .position(|&b| b == b'&' || b >= 0x80 || matches!(b, b' ' | b'\t'..=b'\r'))
            .map_or(bytes.len(), |n| at + n);
        if run > at {
            push(&mut plain, &text[at..run], &mut space);
        }
        at = run;
        let Some(c) = text[at..].chars().next() else {
            break;
        };
        let (c, len) = match c {
            '&' => crate::html::reference(&text[at..]).unwrap_or(('&', 1)),
            c => (c, c.len_utf8()),
        };
        at += len;
        if c.is_whitespace() {
            space = true;
        } else {
            push(&mut plain, c.encode_utf8(&mut [0; 4]), &mut space);
        }
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
pub fn words(text: &str) -> Words<'_> {
    Words { text, at: 0 }
}

/// The iterator of [`words`]: ASCII is read a byte at a time, without
/// decoding characters (most of the text of most sites).
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut start = None;
        while self.at < bytes.len() {
            let b = bytes[self.at];
            let (word, len) = match b {
                0..0x80 => (b.is_ascii_alphanumeric(), 1),
                _ => {
                    let c = self.text[self.at..].chars().next()?;
                    (c.is_alphanumeric(), c.len_utf8())
                }
            };
            match (word, start) {
                (true, None) => start = Some(self.at),
                (false, Some(from)) => return Some(&self.text[from..self.at]),
                _ => {}
            }
            self.at += len;
        }
        start.map(|from| &self.text[from..])
    }
}

#[cfg(test)]
#[path = "text_reference.rs"]
mod reference;

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
