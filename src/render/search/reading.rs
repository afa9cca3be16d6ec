//! A record's text read for the index: its words counted and the start of
//! its plain text kept for the excerpt. HTML (a build's bodies) is read in
//! one pass, each piece between tags decoded and lowered straight into the
//! copy the words are counted in, rather than made plain whole, collapsed
//! and lowered again (three copies of every body, a fifth of the index's
//! work). The words and the excerpt are those of [`plain_text`]: where one
//! pass cannot tell (a `Σ`, lowered by its neighbours; a reference that
//! may run on past a tag), the text is made plain first.

use super::index::Record;
use super::text::{Piece, collapse, cut, pieces, plain_text, push_lowercase_alone};
use super::tokens::{Tokens, count, fields, tokenize};
use crate::html::reference;

/// A record's text, as the index is given it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// Plain text.
    Plain(String),
    /// HTML, read as [`plain_text`] makes it plain.
    Html(String),
}

/// The longest reference [`reference`] reads, `&` and `;` included.
const REFERENCE: usize = 11;

/// `text`'s words counted for `record`, and its first `chars` characters
/// (as [`cut`] cuts them).
pub fn read(record: &Record, text: &Text, chars: usize) -> (String, Tokens) {
    let made;
    let plain = match text {
        Text::Plain(plain) => plain,
        Text::Html(html) => match read_html(record, html, chars) {
            Some(read) => return read,
            None => {
                made = plain_text(html);
                &made
            }
        },
    };
    (cut(plain, chars).to_string(), tokenize(record, plain))
}

/// [`read`] of HTML in one pass; `None` when that pass cannot be sure.
fn read_html(record: &Record, html: &str, chars: usize) -> Option<(String, Tokens)> {
    let (mut lower, ends) = fields(record, html.len());
    // The text's first pieces joined, until their plain text is long
    // enough for the excerpt, even if a reference at their end is cut.
    let mut head = String::new();
    let mut head_plain: Option<String> = None;
    let mut check_at = chars;
    let mut alone = true;
    pieces(html, |piece| {
        if !alone {
            return;
        }
        if head_plain.is_none() {
            match piece {
                Piece::Text(run) => head.push_str(run),
                Piece::Break => head.push(' '),
            }
            if head.len() >= check_at {
                let plain = collapse(&head);
                if plain.chars().count() > chars + REFERENCE {
                    head_plain = Some(plain);
                }
                check_at = head.len() * 2;
            }
        }
        alone = match piece {
            Piece::Text(run) => push_decoded(&mut lower, run),
            // Any character that is not a letter or a digit parts words.
            Piece::Break => {
                lower.push(' ');
                true
            }
        };
    });
    if !alone {
        return None;
    }
    lower.push('\n');
    let plain = head_plain.unwrap_or_else(|| collapse(&head));
    Some((cut(&plain, chars).to_string(), count(lower, ends)))
}

/// Appends `run` with its references decoded, in lower case, as
/// [`plain_text`] and `to_lowercase` make it; false when `run` alone
/// cannot tell (a `Σ`; a `&` near its end that the next piece may make a
/// reference of).
fn push_decoded(out: &mut String, run: &str) -> bool {
    let bytes = run.as_bytes();
    let mut at = 0;
    while let Some(amp) = memchr::memchr(b'&', &bytes[at..]).map(|a| at + a) {
        if !push_lowercase_alone(out, &run[at..amp]) {
            return false;
        }
        let rest = &run[amp..];
        match reference(rest) {
            Some(('Σ', _)) => return false,
            Some((c, len)) => {
                out.extend(c.to_lowercase());
                at = amp + len;
            }
            None if rest.len() < REFERENCE && !rest.contains(';') => return false,
            None => {
                out.push('&');
                at = amp + 1;
            }
        }
    }
    push_lowercase_alone(out, &run[at..])
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::render::search::index::Kind;

    fn record() -> Record {
        Record {
            kind: Kind::Writeup,
            title: "Shipped ΣΟΦΟΣ".into(),
            path: "mistakes/x/".into(),
            lesson: "Ask early".into(),
            parent: None,
            tags: "Scope".into(),
            meta: String::new(),
            source: None,
        }
    }

    /// What the index read from `html` before: its plain text, cut and
    /// counted.
    fn before(html: &str, chars: usize) -> (String, Vec<(String, u32, u64)>, u32) {
        let plain = plain_text(html);
        let tokens = tokenize(&record(), &plain);
        let words = tokens.words().map(|(w, c, h)| (w.to_string(), c, h));
        let excerpt = cut(&plain, chars).to_string();
        (excerpt, words.collect(), tokens.length)
    }

    fn now(html: &str, chars: usize) -> (String, Vec<(String, u32, u64)>, u32) {
        let (excerpt, tokens) = read(&record(), &Text::Html(html.to_string()), chars);
        let words = tokens.words().map(|(w, c, h)| (w.to_string(), c, h));
        (excerpt, words.collect(), tokens.length)
    }

    #[test]
    fn html_is_read_in_one_pass_as_its_plain_text() {
        let html = "<p>Ship <em>th</em>e fix &amp; ROLL\nback.</p><h2 id=\"x\">Why<a \
                    aria-hidden=\"true\">#</a></h2><p>We’d ÜBER&#233;t&#x20;it</p>";
        assert!(read_html(&record(), html, 10).is_some());
        assert_eq!(now(html, 10), before(html, 10));
        assert_eq!(now(html, 10).0, "Ship the");
        // Cut mid-reference, a `Σ`: read from the plain text.
        for html in ["a &am<b>p; b", "<p>ΟΔΟΣ ΣΟΦΟΣ</p>", "x &#931; y"] {
            assert!(read_html(&record(), html, 10).is_none(), "{html}");
            assert_eq!(now(html, 10), before(html, 10));
        }
    }

    fn piece() -> impl Strategy<Value = String> {
        prop_oneof![
            3 => prop::sample::select(vec![
                "<p>", "</p>", "<LI class=x>", "<br/>", "<em>", "</em>", "<span>", "</span>",
                "<a href=\"#x\" aria-hidden=\"true\">", "</a>", "<", ">", "</",
                "&amp;", "&lt;p&gt;", "&#160;", "&#32;", "&#931;", "&#x41;", "&nbsp;", "&",
                ";", "&am", "p;", "Σ", "ς", "İ", "ẞ", " ", "\n", "\u{a0}", "’", "-", "é",
            ])
            .prop_map(str::to_string),
            3 => "[a-zA-Z0-9]{1,8}",
        ]
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

        #[test]
        fn reads_the_words_and_excerpt_of_the_plain_text(
            pieces in prop::collection::vec(piece(), 0..120),
            chars in 0usize..40,
        ) {
            let html = pieces.concat();
            prop_assert_eq!(now(&html, chars), before(&html, chars), "{:?}", html);
        }
    }
}
