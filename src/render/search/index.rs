//! The search index as data: every record's words, counted by field
//! ([`tokenize`], pure, run in parallel), folded into compact postings
//! (stem -> the records that hold it, with the term's count) that keep no
//! document text. `files.rs` writes them out; `update.rs` swaps one
//! record's words for new ones, so that `serve` rewrites only what changed.
//!
//! Why not Pagefind, the usual static search: measured on the benchmark
//! corpus (docs/search.md), a query fetches several times the bytes, it
//! takes minutes and gigabytes to index what this does within the build,
//! needs WebAssembly in the browser and forgives no typo; this index stems
//! (Snowball, as Pagefind does), matches the beginning of a word as it is
//! typed, and ranks with BM25 as it does.

use hashbrown::HashTable;
use rust_stemmers::{Algorithm, Stemmer};

use super::files::encode_posting;
use super::text::fold;
pub use super::tokens::{Tokens, tokenize};
use crate::fx::FxMap;

/// What a record is, shown by the page and kept in its file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// A write-up.
    Writeup = 0,
    /// A question of the FAQ page.
    Question = 1,
    /// A strategy.
    Strategy = 2,
    /// A plain page.
    Page = 3,
}

/// One thing a search can find (its text comes separately: it is read
/// once, to count its words and cut its excerpt, and not kept).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// What it is.
    pub kind: Kind,
    /// Its title (or question).
    pub title: String,
    /// Its URL relative to the base path (`mistakes/x/`, `faq/#q`).
    pub path: String,
    /// Its lesson (a write-up's): shown, and finds it.
    pub lesson: String,
    /// A question's write-up (a record number): the page shows that
    /// record's lesson and title with the question, which they do not find.
    pub parent: Option<usize>,
    /// Words that find it as strongly as its lesson's do not count (its
    /// strategies' names).
    pub tags: String,
    /// The line shown under the title (date, strategies).
    pub meta: String,
    /// The file it comes from (`content/mistakes/x.md`), for updates.
    pub source: Option<String>,
}

/// A word of the site, lower case.
#[derive(Debug)]
pub struct Word {
    pub text: Box<str>,
    /// As the lexicon keys it (accents dropped).
    pub folded: Box<str>,
    /// Its stem (an index into [`State::stems`]).
    pub stem: u32,
    /// How many records hold it: none, and it leaves the lexicon.
    pub records: u32,
    /// Its [`super::tokens::word_hash`], the key of [`State`]'s table.
    hash: u64,
}

/// A stem (folded) and the records that hold it, each as
/// `record << 8 | count` (the count weighted by field, at most 255),
/// sorted by record.
#[derive(Debug)]
pub struct Stem {
    pub key: Box<str>,
    /// Kept by an index that updates (`serve`).
    pub postings: Vec<u32>,
    /// A build's postings instead, encoded as `stems/N.bin` holds them as
    /// they come: a byte or so each, not four.
    pub packed: Packed,
}

impl Stem {
    /// How many records hold it.
    pub fn records(&self) -> usize {
        self.postings.len() + self.packed.len as usize
    }
}

/// Postings encoded as they are added, in record order (see
/// `files::encode_posting`).
#[derive(Debug, Default)]
pub struct Packed {
    pub bytes: Vec<u8>,
    len: u32,
    last: u32,
}

/// One record as the index keeps it.
#[derive(Debug, Default)]
pub struct Doc {
    /// Its entry in `docs/N.json`.
    pub json: String,
    /// Its length in words.
    pub length: u32,
    /// Its file, for updates.
    pub source: Option<String>,
    /// Its distinct words, kept only for updates.
    pub words: Vec<u32>,
}

/// The index's state: the site's words and stems, the postings, and each
/// record's shown entry. Holds no document text.
pub struct State {
    pub(super) language: String,
    stemmer: Option<Stemmer>,
    /// Whether each record's words are kept, which [`State::replace`]
    /// needs (`serve`); `build` has no use for them.
    keep_words: bool,
    /// Ids in [`State::words`], keyed by each word's hash.
    word_ids: HashTable<u32>,
    pub(super) words: Vec<Word>,
    stem_ids: FxMap<Box<str>, u32>,
    pub(super) stems: Vec<Stem>,
    /// Per stem: the last [`State::count`] (its round) that put it, and
    /// where in its list.
    seen: Vec<(u32, u32)>,
    round: u32,
    pub(super) docs: Vec<Doc>,
}

impl std::fmt::Debug for State {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("State")
            .field("language", &self.language)
            .field("words", &self.words.len())
            .field("stems", &self.stems.len())
            .field("docs", &self.docs.len())
            .finish()
    }
}

impl State {
    /// An empty index for a site in `language`.
    pub fn new(language: &str, keep_words: bool) -> Self {
        State {
            language: language.to_string(),
            stemmer: stemmer_for(language),
            keep_words,
            word_ids: HashTable::new(),
            words: Vec::new(),
            stem_ids: FxMap::default(),
            stems: Vec::new(),
            seen: Vec::new(),
            round: 0,
            docs: Vec::new(),
        }
    }

    /// Adds the next record (its entry and its words): records come in
    /// their order, so every postings list stays sorted.
    pub fn push(&mut self, json: String, source: Option<String>, tokens: &Tokens) {
        let record = self.docs.len() as u32;
        let (stems, words) = self.count(tokens);
        for (stem, count) in stems {
            let stem = &mut self.stems[stem as usize];
            if self.keep_words {
                stem.postings.push(record << 8 | count);
            } else {
                let packed = &mut stem.packed;
                encode_posting(&mut packed.bytes, record - packed.last, count);
                packed.last = record;
                packed.len += 1;
            }
        }
        self.docs.push(Doc {
            json,
            length: tokens.length,
            source,
            words: if self.keep_words { words } else { Vec::new() },
        });
    }

    /// Replaces record `n`'s entry and words; returns the stems whose
    /// postings changed (a count that differs, a stem gained or lost) and
    /// whether a word entered or left the site (the lexicon changed).
    pub fn replace(&mut self, n: usize, json: String, tokens: &Tokens) -> (Vec<u32>, bool) {
        let record = n as u32;
        // New words are counted before old ones are dropped, so that a word
        // in both never looks gone.
        let (mut new, words) = self.count(tokens);
        new.sort_unstable();
        let mut lexicon = words.iter().any(|&w| self.words[w as usize].records == 1);
        let old_words = std::mem::replace(&mut self.docs[n].words, words);
        let mut old: Vec<(u32, u32)> = Vec::with_capacity(old_words.len());
        for &word in &old_words {
            let word = &mut self.words[word as usize];
            word.records -= 1;
            lexicon |= word.records == 0;
            old.push((word.stem, 0));
        }
        old.sort_unstable();
        old.dedup();
        for (stem, posting) in &mut old {
            let list = &mut self.stems[*stem as usize].postings;
            if let Ok(at) = list.binary_search_by_key(&record, |p| p >> 8) {
                *posting = list.remove(at);
            }
        }
        let mut touched: Vec<u32> = Vec::new();
        for &(stem, count) in &new {
            let posting = record << 8 | count;
            let list = &mut self.stems[stem as usize].postings;
            list.insert(list.partition_point(|p| p >> 8 < record), posting);
            match old.binary_search_by_key(&stem, |o| o.0) {
                Ok(at) if old[at].1 == posting => {}
                _ => touched.push(stem),
            }
        }
        for &(stem, _) in &old {
            if new.binary_search_by_key(&stem, |o| o.0).is_err() {
                touched.push(stem);
            }
        }
        touched.sort_unstable();
        let doc = &mut self.docs[n];
        doc.json = json;
        doc.length = tokens.length;
        (touched, lexicon)
    }

    /// Whether a record's words are kept (an index [`State::replace`]
    /// can update).
    pub fn keeps_words(&self) -> bool {
        self.keep_words
    }

    /// `tokens` -> (stem, count), each stem once, in the order of first
    /// use, and the distinct words, each counted as held by one more
    /// record. A stem's words are summed where the stem was first put,
    /// which [`State::seen`] remembers: no sort of every word.
    fn count(&mut self, tokens: &Tokens) -> (Vec<(u32, u32)>, Vec<u32>) {
        let mut stems: Vec<(u32, u32)> = Vec::with_capacity(tokens.distinct());
        let mut words = Vec::with_capacity(tokens.distinct());
        self.round += 1;
        for (word, count, hash) in tokens.words() {
            let word = self.word_id(word, hash);
            let known = &mut self.words[word as usize];
            known.records += 1;
            words.push(word);
            let stem = known.stem;
            let seen = &mut self.seen[stem as usize];
            if seen.0 == self.round {
                stems[seen.1 as usize].1 += count;
            } else {
                *seen = (self.round, stems.len() as u32);
                stems.push((stem, count));
            }
        }
        for entry in &mut stems {
            entry.1 = entry.1.min(255);
        }
        (stems, words)
    }

    /// The id of `word` (whose hash is `hash`), stemmed the first time
    /// the site uses it.
    fn word_id(&mut self, word: &str, hash: u64) -> u32 {
        let words = &self.words;
        let same = |&id: &u32| {
            let known = &words[id as usize];
            known.hash == hash && &*known.text == word
        };
        if let Some(&id) = self.word_ids.find(hash, same) {
            return id;
        }
        let stem = self.stemmer.as_ref().map_or(word.into(), |s| s.stem(word));
        let stem = fold(&stem);
        let stem = match self.stem_ids.get(stem.as_str()) {
            Some(&id) => id,
            None => {
                let id = self.stems.len() as u32;
                self.stem_ids.insert(stem.clone().into(), id);
                self.stems.push(Stem {
                    key: stem.into(),
                    postings: Vec::new(),
                    packed: Packed::default(),
                });
                self.seen.push((0, 0));
                id
            }
        };
        let id = self.words.len() as u32;
        let words = &self.words;
        self.word_ids
            .insert_unique(hash, id, |&id| words[id as usize].hash);
        self.words.push(Word {
            text: word.into(),
            folded: fold(word).into(),
            stem,
            records: 0,
            hash,
        });
        id
    }
}

/// Snowball's stemmer for the site's language (`en`, `de-CH` ...), none
/// for a language Snowball does not know: words are then matched as
/// written, and by their beginnings.
fn stemmer_for(language: &str) -> Option<Stemmer> {
    let code = language.split(['-', '_']).next().unwrap_or_default();
    let algorithm = match code.to_ascii_lowercase().as_str() {
        "ar" => Algorithm::Arabic,
        "da" => Algorithm::Danish,
        "nl" => Algorithm::Dutch,
        "en" => Algorithm::English,
        "fi" => Algorithm::Finnish,
        "fr" => Algorithm::French,
        "de" => Algorithm::German,
        "el" => Algorithm::Greek,
        "hu" => Algorithm::Hungarian,
        "it" => Algorithm::Italian,
        "no" | "nb" | "nn" => Algorithm::Norwegian,
        "pt" => Algorithm::Portuguese,
        "ro" => Algorithm::Romanian,
        "ru" => Algorithm::Russian,
        "es" => Algorithm::Spanish,
        "sv" => Algorithm::Swedish,
        "ta" => Algorithm::Tamil,
        "tr" => Algorithm::Turkish,
        _ => return None,
    };
    Some(Stemmer::create(algorithm))
}
