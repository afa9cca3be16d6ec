//! A record's words, counted ([`tokenize`], pure, run in parallel): the
//! index's most frequent work (every word of every page), so each word is
//! hashed once, here, and the index's own table of words reuses that hash.

use std::hash::Hasher;

use hashbrown::HashTable;

use super::index::Record;
use super::text::{push_lowercase, words};
use crate::fx::Fx;

/// How much the words of each field count, against 1 for the body: a word
/// of the title says more about a write-up than one of its paragraphs.
const TITLE_WEIGHT: u32 = 10;
const LESSON_WEIGHT: u32 = 6;
const TAGS_WEIGHT: u32 = 3;

/// A record's words: one lower-case copy of its fields, each distinct word
/// as a span of it with its count weighted by field, and its length.
#[derive(Debug, Default)]
pub struct Tokens {
    lower: String,
    /// In the order of their first use.
    spans: Vec<Span>,
    /// Words in all its fields (BM25's document length).
    pub length: u32,
}

/// A distinct word of a record: where it is in [`Tokens`]' text, its
/// weighted count and its [`word_hash`].
#[derive(Debug, Clone, Copy)]
struct Span {
    from: u32,
    to: u32,
    count: u32,
    hash: u64,
}

impl Tokens {
    /// Each distinct word with its weighted count and its [`word_hash`],
    /// in the order of first use.
    pub fn words(&self) -> impl Iterator<Item = (&str, u32, u64)> {
        self.spans.iter().map(|s| {
            let word = &self.lower[s.from as usize..s.to as usize];
            (word, s.count, s.hash)
        })
    }

    /// How many distinct words.
    pub fn distinct(&self) -> usize {
        self.spans.len()
    }
}

/// Counts the words of `record` and its `text` (body, answer,
/// description). A question is not found by its write-up's lesson: the
/// write-up is (else its questions, shorter, would rank above it).
pub fn tokenize(record: &Record, text: &str) -> Tokens {
    let (mut lower, ends) = fields(record, text.len());
    push_lowercase(&mut lower, text);
    lower.push('\n');
    count(lower, ends)
}

/// A record's title, lesson and tags in lower case, each followed by a
/// line break, in a string with room for `more` bytes of text, and where
/// each ends: what [`count`] takes once the text is added.
pub fn fields(record: &Record, more: usize) -> (String, [usize; 3]) {
    let fields = [&record.title, &record.lesson, &record.tags];
    let size: usize = fields.iter().map(|f| f.len() + 1).sum();
    let mut lower = String::with_capacity(size + more + 1);
    let mut ends = [0; 3];
    for (field, end) in fields.into_iter().zip(&mut ends) {
        push_lowercase(&mut lower, field);
        lower.push('\n');
        *end = lower.len();
    }
    (lower, ends)
}

/// Counts the words of a record's fields and text in lower case, as
/// [`fields`] starts them, each word weighted by its field.
pub fn count(lower: String, ends: [usize; 3]) -> Tokens {
    let weights = [TITLE_WEIGHT, LESSON_WEIGHT, TAGS_WEIGHT, 1];
    // Sized for the distinct words of a write-up (about one in eight
    // bytes starts one), so that it seldom grows.
    let capacity = lower.len() / 8 + 16;
    let mut table: HashTable<u32> = HashTable::with_capacity(capacity);
    let mut spans: Vec<Span> = Vec::with_capacity(capacity);
    let bytes = lower.as_bytes();
    let base = bytes.as_ptr() as usize;
    let mut length = 0;
    let mut from = 0;
    for (n, weight) in weights.into_iter().enumerate() {
        let to = ends.get(n).copied().unwrap_or(lower.len());
        for word in words(&lower[from..to]) {
            length += 1;
            let at = word.as_ptr() as usize - base;
            let len = word.len();
            // Most words fit in eight bytes: hashed and compared as one
            // number, without a call to compare memory.
            let short = (len <= 8).then(|| head(bytes, at, len));
            let hash = match short {
                Some(head) => short_hash(len, head),
                None => word_hash(word),
            };
            let same = |&i: &u32| {
                let span = &spans[i as usize];
                let (start, end) = (span.from as usize, span.to as usize);
                span.hash == hash
                    && end - start == len
                    && match short {
                        Some(short) => head(bytes, start, len) == short,
                        None => &bytes[start..end] == word.as_bytes(),
                    }
            };
            if let Some(&i) = table.find(hash, same) {
                spans[i as usize].count += weight;
                continue;
            }
            table.insert_unique(hash, spans.len() as u32, |&i| spans[i as usize].hash);
            spans.push(Span {
                from: at as u32,
                to: (at + len) as u32,
                count: weight,
                hash,
            });
        }
        from = to;
    }
    Tokens {
        lower,
        spans,
        length,
    }
}

/// The `len` (at most 8) bytes of `bytes` from `at` as a number, zeros
/// after them: one load where eight bytes follow.
fn head(bytes: &[u8], at: usize, len: usize) -> u64 {
    match bytes.get(at..at + 8) {
        Some(eight) => {
            let word = u64::from_le_bytes(eight.try_into().unwrap_or_default());
            word & u64::MAX.checked_shr(64 - 8 * len as u32).unwrap_or(0)
        }
        None => {
            let mut word = [0u8; 8];
            word[..len].copy_from_slice(&bytes[at..at + len]);
            u64::from_le_bytes(word)
        }
    }
}

/// [`word_hash`] of a word of `len` bytes, 1 to 8, given as [`head`].
fn short_hash(len: usize, head: u64) -> u64 {
    let mut hasher = Fx::starting_from(len as u64);
    hasher.mix(head);
    hasher.finish()
}

/// The hash the index keys its words by: [`Fx`], the index's own hash,
/// started from the word's length so that a trailing NUL byte still
/// counts. A build hashes every word of the site.
pub fn word_hash(word: &str) -> u64 {
    let mut hasher = Fx::starting_from(word.len() as u64);
    hasher.write(word.as_bytes());
    hasher.finish()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::search::index::Kind;

    fn record(title: &str, lesson: &str, tags: &str) -> Record {
        Record {
            kind: Kind::Writeup,
            title: title.into(),
            path: "mistakes/x/".into(),
            lesson: lesson.into(),
            parent: None,
            tags: tags.into(),
            meta: String::new(),
            source: None,
        }
    }

    #[test]
    fn words_are_counted_by_field_in_the_order_of_first_use() {
        let tokens = tokenize(
            &record("Ship it", "Ship less", "Scope"),
            "We shipped it. SHIP, ship; über Über",
        );
        let words: Vec<(&str, u32)> = tokens.words().map(|(w, c, _)| (w, c)).collect();
        assert_eq!(
            words,
            [
                ("ship", 10 + 6 + 2),
                ("it", 10 + 1),
                ("less", 6),
                ("scope", 3),
                ("we", 1),
                ("shipped", 1),
                ("über", 2),
            ]
        );
        assert_eq!(tokens.length, 2 + 2 + 1 + 7);
        assert_eq!(tokens.distinct(), 7);
        for (word, _, hash) in tokens.words() {
            assert_eq!(hash, word_hash(word));
        }
    }

    #[test]
    fn words_of_any_length_anywhere_are_told_apart() {
        // Eight bytes and more, near the end (fewer than eight bytes
        // follow) and not: each is hashed as `word_hash` does and counted
        // once per use.
        let text = "deadline deadlines deadlinf retrospective retrospectivf a ab deadline a";
        let tokens = tokenize(&record("Deadline", "", ""), text);
        let words: Vec<(&str, u32)> = tokens.words().map(|(w, c, _)| (w, c)).collect();
        assert_eq!(
            words,
            [
                ("deadline", 10 + 2),
                ("deadlines", 1),
                ("deadlinf", 1),
                ("retrospective", 1),
                ("retrospectivf", 1),
                ("a", 2),
                ("ab", 1),
            ]
        );
        for (word, _, hash) in tokens.words() {
            assert_eq!(hash, word_hash(word));
        }
    }

    #[test]
    fn the_hash_reads_every_byte() {
        let words = [
            "",
            "a",
            "b",
            "ab",
            "ba",
            "abcdefgh",
            "abcdefgi",
            "abcdefghi",
        ];
        let mut hashes: Vec<u64> = words.iter().map(|w| word_hash(w)).collect();
        hashes.sort_unstable();
        hashes.dedup();
        assert_eq!(hashes.len(), words.len());
        assert_ne!(word_hash("\0"), word_hash(""));
    }
}
