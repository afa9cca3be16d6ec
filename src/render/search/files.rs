//! [`State`] -> the files under `search/` (see `docs/templates.md`,
//! "The search index"), each a pure function of the index's state, so that
//! an update that rewrites a few of them writes the bytes a full build
//! would. Split so that a query downloads a bounded number of bytes
//! however large the site:
//!
//! - `meta.json`: the format, a version, the counts, the lexicon's shards;
//! - `words/N.json`: the lexicon, sorted, cut where a word's hash says
//!   (so one new word changes one shard, not every shard after it);
//! - `stems/N.bin`: postings, a stem in the bucket its hash names;
//! - `docs/N.json`: what a result shows, [`GROUP`] records a file;
//! - `lengths.bin`: each record's length, for BM25.

use std::collections::BTreeMap;

use serde_json::json;
use sha1::{Digest, Sha1};

use super::index::{State, Stem};

/// The format's version, in `meta.json`: the script refuses another.
pub const FORMAT: u32 = 2;

/// Records a `docs/N.json` holds: ten results fetch at most ten of them.
pub const GROUP: usize = 16;

/// About how many postings a bucket holds (most take one byte, so about
/// that many bytes): the bucket count is the power of two that keeps them
/// at most this large on average.
const BUCKET_POSTINGS: usize = 12_000;

/// One lexicon word in this many ends a shard (about 10 KB of JSON).
const WORDS_PER_SHARD: u32 = 512;

/// A shard is closed at this size anyway.
const MAX_SHARD_BYTES: usize = 48 * 1024;

/// A file of the index: its path under `search/` and its bytes.
pub type IndexFile = (String, Vec<u8>);

/// FNV-1a of `text`'s UTF-8 bytes: the script computes it too, to find a
/// stem's bucket.
pub fn fnv(text: &str) -> u32 {
    text.bytes().fold(0x811c_9dc5, |hash, byte| {
        (hash ^ u32::from(byte)).wrapping_mul(0x0100_0193)
    })
}

/// How many buckets hold `total` postings: a power of two.
pub fn bucket_count(index: &State) -> usize {
    let total: usize = index.stems.iter().map(Stem::records).sum();
    total.div_ceil(BUCKET_POSTINGS).next_power_of_two()
}

/// The bucket of `stem` among `buckets`.
pub fn bucket_of(stem: &str, buckets: usize) -> usize {
    fnv(stem) as usize & (buckets - 1)
}

/// `stems/N.bin` for each bucket in `which` (all when `None`): for each
/// stem of the bucket, sorted, `varint(key length) key varint(postings)
/// varint(bytes) postings`, each posting `varint(gap * 4 + c)` where `gap`
/// is its record's distance from the one before (the first from 0) and
/// `c` is its count less one, or 3 with the count (4-255) in the next byte.
pub fn buckets(index: &State, buckets: usize, which: Option<&[usize]>) -> Vec<IndexFile> {
    let mut members: BTreeMap<usize, Vec<&Stem>> = BTreeMap::new();
    if let Some(which) = which {
        for &n in which {
            members.insert(n, Vec::new());
        }
    }
    for stem in index.stems.iter().filter(|s| s.records() > 0) {
        let n = bucket_of(&stem.key, buckets);
        match members.get_mut(&n) {
            Some(list) => list.push(stem),
            None if which.is_none() => members.entry(n).or_default().push(stem),
            None => {}
        }
    }
    if which.is_none() {
        for n in 0..buckets {
            members.entry(n).or_default();
        }
    }
    members
        .into_iter()
        .map(|(n, mut stems)| {
            stems.sort_unstable_by(|a, b| a.key.cmp(&b.key));
            let mut body = Vec::new();
            let mut list = Vec::new();
            for stem in stems {
                list.clear();
                encode_postings(&stem.postings, &mut list);
                let list = match stem.postings.is_empty() {
                    true => &stem.packed.bytes,
                    false => &list,
                };
                varint(&mut body, stem.key.len() as u32);
                body.extend_from_slice(stem.key.as_bytes());
                varint(&mut body, stem.records() as u32);
                varint(&mut body, list.len() as u32);
                body.extend_from_slice(list);
            }
            (format!("stems/{n}.bin"), body)
        })
        .collect()
}

fn encode_postings(postings: &[u32], out: &mut Vec<u8>) {
    let mut last = 0;
    for &posting in postings {
        let (record, count) = (posting >> 8, posting & 0xff);
        encode_posting(out, record - last, count);
        last = record;
    }
}

/// One posting: its record's distance from the one before (`gap`) and
/// its count (1-255).
pub fn encode_posting(out: &mut Vec<u8>, gap: u32, count: u32) {
    if count <= 3 {
        varint(out, gap * 4 + count - 1);
    } else {
        varint(out, gap * 4 + 3);
        out.push(count as u8);
    }
}

fn varint(out: &mut Vec<u8>, mut value: u32) {
    while value >= 0x80 {
        out.push((value as u8 & 0x7f) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// The lexicon's shards `(first word, words/N.json)`: every word a record
/// holds, folded, with its stem (`""` when it is its own). Two spellings
/// that fold alike (`résumé`, `resume`) share a line: the later in sorted
/// order wins, the same one every build.
pub fn lexicon(index: &State) -> Vec<(String, IndexFile)> {
    let mut live: Vec<(&str, &str, &str)> = index
        .words
        .iter()
        .filter(|w| w.records > 0)
        .map(|w| {
            let stem = &index.stems[w.stem as usize].key;
            (&*w.folded, &*w.text, &**stem)
        })
        .collect();
    live.sort_unstable();
    let mut shards = Vec::new();
    let mut body = String::new();
    let mut first = "";
    for (n, &(folded, _, stem)) in live.iter().enumerate() {
        if live.get(n + 1).is_some_and(|next| next.0 == folded) {
            continue;
        }
        if body.is_empty() {
            body.push('[');
            first = folded;
        } else {
            body.push(',');
        }
        let stem = if stem == folded { "" } else { stem };
        body.push_str(&json!([folded, stem]).to_string());
        if fnv(folded) % WORDS_PER_SHARD == 0 || body.len() >= MAX_SHARD_BYTES {
            body.push(']');
            let path = format!("words/{}.json", shards.len());
            shards.push((first.to_string(), (path, std::mem::take(&mut body).into())));
        }
    }
    if !body.is_empty() || shards.is_empty() {
        if body.is_empty() {
            body.push('[');
        }
        body.push(']');
        let path = format!("words/{}.json", shards.len());
        shards.push((first.to_string(), (path, body.into())));
    }
    shards
}

/// `docs/N.json` for each group in `which`: its records' entries.
pub fn doc_groups(index: &State, which: impl Iterator<Item = usize>) -> Vec<IndexFile> {
    which
        .map(|n| {
            let docs = index.docs.iter().skip(n * GROUP).take(GROUP);
            let entries: Vec<&str> = docs.map(|d| d.json.as_str()).collect();
            (
                format!("docs/{n}.json"),
                format!("[{}]", entries.join(",")).into(),
            )
        })
        .collect()
}

/// How many `docs/N.json` there are.
pub fn group_count(index: &State) -> usize {
    index.docs.len().div_ceil(GROUP)
}

/// `lengths.bin`: a byte per record, its length in words as
/// `round(8 * log2(1 + length))` (within 5%, enough for BM25).
pub fn lengths(index: &State) -> IndexFile {
    let body = index
        .docs
        .iter()
        .map(|d| (8.0 * f64::from(d.length).ln_1p() / std::f64::consts::LN_2).round() as u8)
        .collect();
    ("lengths.bin".into(), body)
}

/// `meta.json`, whose version is a hash of every other file's digest
/// (`digests`, by path): the script asks for each file with `?v=`, so a
/// browser never mixes two builds' files.
pub fn meta(
    index: &State,
    buckets: usize,
    words: &[String],
    digests: &BTreeMap<String, [u8; 20]>,
) -> IndexFile {
    let mut hasher = Sha1::new();
    for (path, digest) in digests.iter().filter(|(p, _)| *p != "meta.json") {
        hasher.update(path.as_bytes());
        hasher.update(digest);
    }
    let version: String = hasher.finalize()[..5]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let meta = json!({
        "format": FORMAT,
        "version": version,
        "docs": index.docs.len(),
        "group": GROUP,
        "buckets": buckets,
        "words": words,
    });
    ("meta.json".into(), meta.to_string().into())
}

/// The SHA-1 of a file's bytes.
pub fn digest(body: &[u8]) -> [u8; 20] {
    Sha1::digest(body).into()
}
