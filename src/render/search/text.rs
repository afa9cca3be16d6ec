//! HTML fragments -> plain text, and plain text -> the folded words the
//! index is keyed by. The search page's script folds a query the same way
//! (`fold` and `words` in search.js): decomposed, combining marks dropped,
//! lower case, split on anything that is neither a letter nor a digit.

use std::sync::LazyLock;

use memchr::memmem::Finder;
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
    pieces(html, |piece| match piece {
        Piece::Text(run) => text.push_str(run),
        Piece::Break => text.push(' '),
    });
    collapse(&text)
}

/// A piece of an HTML fragment's text, as [`pieces`] hands them out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Piece<'a> {
    /// Text between two tags, its references not decoded yet (one may
    /// run on into the next piece: `&am<b>p;`).
    Text(&'a str),
    /// A block tag (a paragraph, an item): the text breaks there.
    Break,
}

/// The text of `html` in order, piece by piece, hidden elements left out:
/// [`plain_text`] joins the pieces, the index reads them in one pass.
pub fn pieces<'a>(html: &'a str, mut each: impl FnMut(Piece<'a>)) {
    const HIDDEN: &[u8] = b"aria-hidden=\"true\"";
    // Made once: a finder costs more to make than a search of one tag.
    static HIDDEN_FINDER: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new(HIDDEN));
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(open) = memchr::memchr(b'<', &bytes[at..]).map(|o| at + o) {
        if open > at {
            each(Piece::Text(&html[at..open]));
        }
        let Some(close) = memchr::memchr(b'>', &bytes[open..]).map(|c| open + c) else {
            return;
        };
        let tag = &html[open..close];
        let name = tag_name(tag);
        if is_block(name) {
            each(Piece::Break);
        }
        at = close + 1;
        // (an element with no closing tag hides nothing after it)
        if tag.len() >= HIDDEN.len() && HIDDEN_FINDER.find(tag.as_bytes()).is_some() {
            let end = format!("</{}>", name.to_ascii_lowercase());
            if let Some(found) = memchr::memmem::find(&bytes[at..], end.as_bytes()) {
                at += found + end.len();
            }
        }
    }
    if at < html.len() {
        each(Piece::Text(&html[at..]));
    }
}

/// The name of `tag` (`<p class=x` or `</p`, without its `>`): after the
/// `<` and any `/`, up to white space or a `/`.
fn tag_name(tag: &str) -> &str {
    let name = tag[1..].trim_start_matches('/');
    let end = name
        .bytes()
        .position(|b| b >= 0x80 || b == b'/' || b.is_ascii_whitespace() || b == 0x0b)
        .unwrap_or(name.len());
    match name.as_bytes().get(end) {
        // Other white space ends it too (`char::is_whitespace`).
        Some(&b) if b >= 0x80 => name
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default(),
        _ => &name[..end],
    }
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

/// The bytes [`collapse`] stops at: a reference, white space, or the start
/// of a character that may be white space.
const STOPS: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = 0;
    while b < 256 {
        table[b] = b == b'&' as usize || b >= 0x80 || b == b' ' as usize || (b >= 9 && b <= 13);
        b += 1;
    }
    table
};

/// `text` with references decoded and white space (any, as
/// `char::is_whitespace` sees it) collapsed to single spaces, none at
/// either end: in one pass, without a copy between the two.
pub fn collapse(text: &str) -> String {
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
            .position(|&b| STOPS[b as usize])
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
    let start = out.len();
    if !push_lowercase_alone(out, text) {
        out.truncate(start);
        out.push_str(&text.to_lowercase());
    }
}

/// [`push_lowercase`] for text that holds no `Σ` (each character is then
/// lowered alone): false, with part of `text` appended, when it holds one.
pub fn push_lowercase_alone(out: &mut String, text: &str) -> bool {
    let mut rest = text;
    while !rest.is_empty() {
        let ascii = ascii_len(rest.as_bytes());
        let start = out.len();
        out.push_str(&rest[..ascii]);
        out[start..].make_ascii_lowercase();
        rest = &rest[ascii..];
        if let Some(c) = rest.chars().next() {
            if c == 'Σ' {
                return false;
            }
            out.extend(c.to_lowercase());
            rest = &rest[c.len_utf8()..];
        }
    }
    true
}

/// How many bytes `bytes` starts with that are ASCII: eight at a time (a
/// byte-by-byte search was a tenth of reading a body for the index).
fn ascii_len(bytes: &[u8]) -> usize {
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let mut chunks = bytes.chunks_exact(8);
    let mut len = 0;
    for chunk in &mut chunks {
        let high = u64::from_le_bytes(chunk.try_into().unwrap_or_default()) & HIGH;
        if high != 0 {
            return len + high.trailing_zeros() as usize / 8;
        }
        len += 8;
    }
    let rest = chunks.remainder();
    len + rest
        .iter()
        .position(|b| !b.is_ascii())
        .unwrap_or(rest.len())
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

/// The iterator of [`words`]: ASCII is read a byte at a time through a
/// table, without decoding characters (most of the text of most sites).
pub struct Words<'a> {
    text: &'a str,
    at: usize,
}

/// What each byte is to [`Words`]: `SEP`arates words (ASCII), is a
/// letter or digit (`ALNUM`, ASCII), or starts or continues a character
/// beyond ASCII (`WIDE`, decoded).
const SEP: u8 = 0;
const ALNUM: u8 = 1;
const WIDE: u8 = 2;
const CLASS: [u8; 256] = {
    let mut table = [WIDE; 256];
    let mut b = 0;
    while b < 128 {
        table[b] = if (b as u8).is_ascii_alphanumeric() {
            ALNUM
        } else {
            SEP
        };
        b += 1;
    }
    table
};

impl Words<'_> {
    /// Whether the character at `at` (beyond ASCII) is a letter or digit,
    /// and its length.
    fn wide(&self, at: usize) -> (bool, usize) {
        match self.text[at..].chars().next() {
            Some(c) => (c.is_alphanumeric(), c.len_utf8()),
            None => (false, 1),
        }
    }
}

impl<'a> Iterator for Words<'a> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        let bytes = self.text.as_bytes();
        let mut at = self.at;
        // To the next word's start: ASCII in a tight loop.
        loop {
            while at < bytes.len() && CLASS[bytes[at] as usize] == SEP {
                at += 1;
            }
            if at >= bytes.len() {
                self.at = at;
                return None;
            }
            if CLASS[bytes[at] as usize] == ALNUM {
                break;
            }
            match self.wide(at) {
                (true, _) => break,
                (false, len) => at += len,
            }
        }
        let start = at;
        // To its end.
        loop {
            while at < bytes.len() && CLASS[bytes[at] as usize] == ALNUM {
                at += 1;
            }
            if at >= bytes.len() || CLASS[bytes[at] as usize] == SEP {
                break;
            }
            match self.wide(at) {
                (true, len) => at += len,
                (false, _) => break,
            }
        }
        self.at = at;
        Some(&self.text[start..at])
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
    fn ascii_len_stops_at_the_first_other_byte() {
        for text in [
            "",
            "abc",
            "abcdefgh",
            "abcdefghij",
            "é",
            "abcdefgé",
            "abcdefghé",
            "a’b",
        ] {
            let expected = text.bytes().position(|b| !b.is_ascii());
            assert_eq!(
                ascii_len(text.as_bytes()),
                expected.unwrap_or(text.len()),
                "{text}"
            );
        }
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
