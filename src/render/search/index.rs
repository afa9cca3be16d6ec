//! [`Record`]s -> the search index's files: a lexicon (folded word ->
//! stem), postings (stem -> the records that hold it, with a weight) and
//! one small file per record, each split so that a query downloads a
//! bounded number of bytes however large the site (see `docs/templates.md`,
//! "The search index").
//!
//! Why not Pagefind, the usual static search: measured on the benchmark
//! corpus (docs/search.md), at 10,000 write-ups a query fetches 2.7-3.8
//! times the bytes (10-13 times once this index is gzipped), it takes minutes and gigabytes to index what this does
//! within the build, needs WebAssembly in the browser and forgives no
//! typo; this index stems (Snowball, as Pagefind does), matches the
//! beginning of a word as it is typed, and ranks with BM25 as it does.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use rust_stemmers::{Algorithm, Stemmer};
use serde_json::json;
use sha1::{Digest, Sha1};

use super::text::{fold, words};

/// The format's version, in `meta.json`: the script refuses another.
pub const FORMAT: u32 = 1;

/// A shard (of the lexicon or of the postings) is closed once it holds
/// this many bytes of JSON: small enough that a query's download stays
/// small, large enough that a site of ten write-ups has one of each.
const SHARD_BYTES: usize = 16 * 1024;

/// How much the words of each field count, against 1 for the body: a word
/// of the title says more about a write-up than one of its paragraphs.
const TITLE_WEIGHT: u32 = 10;
const LESSON_WEIGHT: u32 = 6;
const TAGS_WEIGHT: u32 = 3;

/// BM25's parameters, the usual ones (Lucene's, Pagefind's).
const K1: f64 = 1.2;
const B: f64 = 0.75;

/// The most characters of a record's text kept for snippets.
const TEXT_LIMIT: usize = 16_000;

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

/// One thing a search can find, in plain text.
#[derive(Debug, Clone)]
pub struct Record {
    /// What it is.
    pub kind: Kind,
    /// Its title (or question).
    pub title: String,
    /// Its URL relative to the base path (`mistakes/x/`, `faq/#q`).
    pub path: String,
    /// The lesson shown with it (a write-up's, or a question's write-up's,
    /// which does not find the question).
    pub lesson: String,
    /// Words that find it as strongly as its lesson's do not count (its
    /// strategies' names), and a line shown under the title.
    pub tags: String,
    /// The line shown under the title (date, strategies, write-up).
    pub meta: String,
    /// Its whole text (body, answer, description).
    pub text: String,
}

/// A file of the index: its path under `search/` and its JSON.
pub type IndexFile = (String, String);

/// The index of `records` for a site in `language`, as files under
/// `search/`: `meta.json`, `words/N.json`, `stems/N.json`, `docs/N.json`.
pub fn build_index(records: &[Record], language: &str) -> Vec<IndexFile> {
    let counts: Vec<(HashMap<String, u32>, u32)> = records.par_iter().map(count_words).collect();
    let vocabulary: BTreeSet<&str> = counts
        .iter()
        .flat_map(|(words, _)| words.keys().map(String::as_str))
        .collect();
    let stemmer = stemmer_for(language);
    // Each word of the site, lower case -> (folded, stem): stemmed once,
    // however many records use it.
    let stems: HashMap<&str, (String, String)> = vocabulary
        .par_iter()
        .map(|&word| {
            let stem = stemmer.as_ref().map_or(word.into(), |s| s.stem(word));
            (word, (fold(word), fold(&stem)))
        })
        .collect();
    // Two spellings that fold alike (`résumé`, `resume`) share a line:
    // the later in sorted order wins, the same one every build.
    let lexicon: BTreeMap<&str, &str> = vocabulary
        .iter()
        .map(|word| {
            let (folded, stem) = &stems[word];
            (folded.as_str(), stem.as_str())
        })
        .collect();
    let postings = postings(&counts, &stems);
    let mut files = Vec::new();
    let word_shards = shards(lexicon.iter().map(|(word, stem)| {
        let stem = if word == stem { "" } else { stem };
        (word.to_string(), json!([word, stem]).to_string())
    }));
    let stem_shards = shards(
        postings
            .iter()
            .map(|(stem, list)| (stem.to_string(), json!([stem, list]).to_string())),
    );
    let mut hasher = Sha1::new();
    for (dir, set) in [("words", &word_shards), ("stems", &stem_shards)] {
        for (n, (_, body)) in set.iter().enumerate() {
            hasher.update(body.as_bytes());
            files.push((format!("{dir}/{n}.json"), body.clone()));
        }
    }
    for (n, record) in records.iter().enumerate() {
        let body = json!([
            record.kind as u8,
            record.title,
            record.path,
            record.lesson,
            record.meta,
            super::text::cut(&record.text, TEXT_LIMIT),
        ])
        .to_string();
        hasher.update(body.as_bytes());
        files.push((format!("docs/{n}.json"), body));
    }
    let hash: String = hasher.finalize()[..5]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let firsts = |set: &[(String, String)]| set.iter().map(|(k, _)| k.clone()).collect::<Vec<_>>();
    let meta = json!({
        "format": FORMAT,
        "version": hash,
        "docs": records.len(),
        "words": firsts(&word_shards),
        "stems": firsts(&stem_shards),
    });
    files.insert(0, ("meta.json".into(), meta.to_string()));
    files
}

/// The words of one record, lower case, each with its count weighted by
/// the field it is in, and the record's length in words.
fn count_words(record: &Record) -> (HashMap<String, u32>, u32) {
    let mut counts: HashMap<String, u32> = HashMap::new();
    let mut length = 0;
    // A question shows its write-up's lesson but is not found by it: the
    // write-up is (else its questions, shorter, would rank above it).
    let lesson = match record.kind {
        Kind::Question => "",
        _ => record.lesson.as_str(),
    };
    for (text, weight) in [
        (record.title.as_str(), TITLE_WEIGHT),
        (lesson, LESSON_WEIGHT),
        (record.tags.as_str(), TAGS_WEIGHT),
        (record.text.as_str(), 1),
    ] {
        // One allocation per distinct word, not per word.
        let lower = text.to_lowercase();
        for word in words(&lower) {
            match counts.get_mut(word) {
                Some(count) => *count += weight,
                None => {
                    counts.insert(word.to_string(), weight);
                }
            }
            length += 1;
        }
    }
    (counts, length)
}

/// Stem -> `[record, weight, record, weight ...]`, records as the gap from
/// the one before (smaller numbers, smaller files), weights BM25's term
/// part scaled to 1-255. The script multiplies by the stem's rarity (IDF),
/// which it can tell from the list's length.
fn postings(
    counts: &[(HashMap<String, u32>, u32)],
    stems: &HashMap<&str, (String, String)>,
) -> BTreeMap<String, Vec<u32>> {
    let average =
        counts.iter().map(|(_, n)| f64::from(*n)).sum::<f64>() / counts.len().max(1) as f64;
    let mut postings: BTreeMap<String, Vec<u32>> = BTreeMap::new();
    let mut last: HashMap<String, u32> = HashMap::new();
    for (record, (words, length)) in counts.iter().enumerate() {
        let mut by_stem: BTreeMap<&str, u32> = BTreeMap::new();
        for (word, count) in words {
            *by_stem.entry(stems[word.as_str()].1.as_str()).or_default() += count;
        }
        let norm = K1 * (1.0 - B + B * f64::from(*length) / average.max(1.0));
        for (stem, tf) in by_stem {
            let tf = f64::from(tf);
            let score = tf * (K1 + 1.0) / (tf + norm) / (K1 + 1.0);
            let weight = (score * 255.0).round().clamp(1.0, 255.0) as u32;
            let record = record as u32;
            let gap = match last.insert(stem.to_string(), record) {
                Some(before) => record - before,
                None => record,
            };
            let list = postings.entry(stem.to_string()).or_default();
            list.extend([gap, weight]);
        }
    }
    postings
}

/// Sorted `(key, JSON entry)` pairs -> shards `(first key, JSON array)`,
/// each closed once it holds [`SHARD_BYTES`].
fn shards(entries: impl Iterator<Item = (String, String)>) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    let mut open: Option<(String, String)> = None;
    for (key, entry) in entries {
        match &mut open {
            Some((_, body)) => {
                body.push(',');
                body.push_str(&entry);
            }
            None => open = Some((key, format!("[{entry}"))),
        }
        if open
            .as_ref()
            .is_some_and(|(_, body)| body.len() >= SHARD_BYTES)
        {
            out.extend(open.take().map(|(k, body)| (k, body + "]")));
        }
    }
    out.extend(open.map(|(k, body)| (k, body + "]")));
    out
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
