//! The index format (what `search.js` reads, file by file) and updates
//! that write what a full build writes.

use std::collections::BTreeMap;

use serde_json::{Value, json};

use super::files::{FORMAT, IndexFile, bucket_of};
use super::index::{Kind, Record};
use super::reading::Text;
use super::update::SearchIndex;

fn record(title: &str) -> Record {
    Record {
        kind: Kind::Writeup,
        title: title.into(),
        path: format!("mistakes/{}/", title.to_lowercase().replace(' ', "-")),
        lesson: "Ask early.".into(),
        parent: None,
        tags: "Reflect".into(),
        meta: "1 May 2026 · Reflect".into(),
        source: Some(format!("content/mistakes/{}.md", title.len())),
    }
}

fn build(records: &[Record], texts: &[String], language: &str) -> (SearchIndex, Vec<IndexFile>) {
    SearchIndex::build(
        language,
        records.to_vec(),
        |n| Text::Plain(texts[n].clone()),
        true,
    )
}

fn json_file(files: &[IndexFile], path: &str) -> Value {
    let (_, body) = files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path}"));
    serde_json::from_slice(body).unwrap()
}

fn varint(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut value, mut shift) = (0, 0);
    loop {
        let b = bytes[*at];
        *at += 1;
        value |= u32::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            return value;
        }
    }
}

/// The postings of `stem` as (record, count), read as the script reads them.
fn postings(files: &[IndexFile], stem: &str) -> Vec<(u32, u32)> {
    let buckets = json_file(files, "meta.json")["buckets"].as_u64().unwrap() as usize;
    let path = format!("stems/{}.bin", bucket_of(stem, buckets));
    let (_, bytes) = files.iter().find(|(p, _)| *p == path).unwrap();
    let mut at = 0;
    while at < bytes.len() {
        let length = varint(bytes, &mut at) as usize;
        let key = std::str::from_utf8(&bytes[at..at + length])
            .unwrap()
            .to_string();
        at += length;
        let count = varint(bytes, &mut at);
        let size = varint(bytes, &mut at) as usize;
        let end = at + size;
        if key != stem {
            at = end;
            continue;
        }
        let (mut list, mut record) = (Vec::new(), 0);
        while at < end {
            let value = varint(bytes, &mut at);
            record += value / 4;
            let c = value % 4;
            let tf = if c == 3 {
                at += 1;
                u32::from(bytes[at - 1])
            } else {
                c + 1
            };
            list.push((record, tf));
        }
        assert_eq!(list.len(), count as usize);
        return list;
    }
    Vec::new()
}

#[test]
fn a_small_index_holds_words_postings_and_what_results_show() {
    let mut question = record("How did the team hear");
    question.kind = Kind::Question;
    question.path = "faq/#how".into();
    question.lesson = String::new();
    question.parent = Some(1);
    question.meta = String::new();
    let records = [
        record("Deployed on Friday"),
        record("Skipped the review"),
        question,
    ];
    let texts = [
        "We deployed late. Nobody was deploying after that.".to_string(),
        "Résumé of the review: none happened.".to_string(),
        "In the incident channel.".to_string(),
    ];
    let (_, files) = build(&records, &texts, "en");
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "meta.json",
            "words/0.json",
            "stems/0.bin",
            "docs/0.json",
            "lengths.bin"
        ]
    );
    let meta = json_file(&files, "meta.json");
    assert_eq!(meta["format"], json!(FORMAT));
    assert_eq!(meta["docs"], json!(3));
    assert_eq!(meta["group"], json!(16));
    assert_eq!(meta["buckets"], json!(1));
    assert_eq!(meta["words"], json!(["after"]));
    assert_eq!(meta["version"].as_str().unwrap().len(), 10);
    // Words are folded; a word that is its own stem has "" for it.
    let words = json_file(&files, "words/0.json");
    let words = words.as_array().unwrap();
    assert!(words.contains(&json!(["deployed", "deploy"])));
    assert!(words.contains(&json!(["deploying", "deploy"])));
    assert!(words.contains(&json!(["resume", ""])));
    assert!(words.contains(&json!(["friday", ""])));
    let keys: Vec<&str> = words.iter().map(|w| w[0].as_str().unwrap()).collect();
    assert!(keys.is_sorted(), "{keys:?}");
    // `review` is in the second record only, in its title (10) and its
    // text (1); `deploy` twice in the first one's text and once in its title.
    assert_eq!(postings(&files, "review"), [(1, 11)]);
    assert_eq!(postings(&files, "deploy"), [(0, 12)]);
    // The lesson finds both write-ups, not the question that shows it.
    assert_eq!(postings(&files, "ask"), [(0, 6), (1, 6)]);
    assert_eq!(postings(&files, "channel"), [(2, 1)]);
    // What a result shows; a question names its write-up's record.
    let docs = json_file(&files, "docs/0.json");
    assert_eq!(
        docs[1],
        json!([
            0,
            "Skipped the review",
            "mistakes/skipped-the-review/",
            "Ask early.",
            "1 May 2026 · Reflect",
            "Résumé of the review: none happened."
        ])
    );
    assert_eq!(
        docs[2],
        json!([
            1,
            "How did the team hear",
            "faq/#how",
            1,
            "",
            "In the incident channel."
        ])
    );
    // Lengths: 3 + 2 + 1 + 8 words in the first record -> 8 log2(15).
    let (_, lengths) = files.iter().find(|(p, _)| p == "lengths.bin").unwrap();
    assert_eq!(lengths[0], 31);
    assert_eq!(
        build(&records, &texts, "en").1,
        files,
        "the same bytes every time"
    );
}

/// `count` write-ups of ten words each, `n * 10 + k` numbered.
fn many(count: usize) -> (Vec<Record>, Vec<String>) {
    let records = (0..count).map(|n| record(&format!("Record {n}"))).collect();
    let texts = (0..count)
        .map(|n| {
            let words: Vec<String> = (0..10).map(|k| format!("w{}x{k}", n * 10 + k)).collect();
            words.join(" ")
        })
        .collect();
    (records, texts)
}

#[test]
fn a_large_index_is_split_into_shards_that_a_lookup_can_find() {
    let (records, texts) = many(3000);
    let (_, files) = build(&records, &texts, "xx");
    let meta = json_file(&files, "meta.json");
    let firsts: Vec<&str> = meta["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(firsts.len() > 10 && firsts.is_sorted(), "{firsts:?}");
    for (n, first) in firsts.iter().enumerate() {
        let shard = json_file(&files, &format!("words/{n}.json"));
        let keys: Vec<&str> = shard
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e[0].as_str().unwrap())
            .collect();
        assert_eq!(keys[0], *first);
        let next = firsts.get(n + 1).copied().unwrap_or("\u{10ffff}");
        assert!(keys.iter().all(|k| k >= first && *k < next));
        // No stemmer for an unknown language: every word is its own stem.
        assert!(shard.as_array().unwrap().iter().all(|e| e[1] == json!("")));
    }
    let buckets = meta["buckets"].as_u64().unwrap();
    assert!(buckets > 1 && buckets.is_power_of_two(), "{buckets}");
    assert_eq!(postings(&files, "w12345x5"), [(1234, 1)]);
    assert_eq!(postings(&files, "record").len(), 3000);
    assert!(files.iter().any(|(p, _)| p == "docs/187.json"));
    assert!(!files.iter().any(|(p, _)| p == "docs/188.json"));
}

#[test]
fn a_build_writes_as_it_counts_the_same_files_as_an_index_kept() {
    // Counts above 3 take a byte of their own; a partial last group.
    let (records, mut texts) = many(1000);
    for (n, text) in texts.iter_mut().enumerate() {
        text.push_str(&" deploy review".repeat(n % 7));
    }
    let (_, kept) = build(&records, &texts, "en");
    let mut written = Vec::new();
    SearchIndex::write(
        "en",
        records,
        |n| Text::Plain(texts[n].clone()),
        &mut |file| written.push(file),
    );
    assert_eq!(written.last().map(|f| f.0.as_str()), Some("meta.json"));
    let kept: BTreeMap<String, Vec<u8>> = kept.into_iter().collect();
    let written: BTreeMap<String, Vec<u8>> = written.into_iter().collect();
    assert_eq!(
        kept.keys().collect::<Vec<_>>(),
        written.keys().collect::<Vec<_>>()
    );
    assert!(kept == written, "the same bytes");
}

/// The files of `before` with `update`'s applied.
fn apply(before: &[IndexFile], update: super::update::IndexUpdate) -> BTreeMap<String, Vec<u8>> {
    let mut all: BTreeMap<String, Vec<u8>> = before.iter().cloned().collect();
    for path in update.removed {
        assert!(all.remove(&path).is_some(), "{path} was not there");
    }
    all.extend(update.files);
    all
}

#[test]
fn an_update_rewrites_only_what_changed_and_matches_a_full_build() {
    let (records, mut texts) = many(3000);
    let (mut index, before) = build(&records, &texts, "en");
    // One write-up's text loses its words for new ones and another's
    // title changes.
    texts[17] = "Rolled back the database twice".into();
    let mut changed = records.clone();
    changed[40].title = "Record forty, renamed".into();
    let update = index.update(
        changed.clone(),
        |n| Text::Plain(texts[n].clone()),
        |r| r.path == changed[17].path,
    );
    let written: Vec<&str> = update.files.iter().map(|(p, _)| p.as_str()).collect();
    assert!(written.len() < 20, "{written:?}");
    assert!(written.contains(&"docs/1.json") && written.contains(&"docs/2.json"));
    assert!(written.contains(&"meta.json") && written.contains(&"lengths.bin"));
    assert!(!written.contains(&"docs/0.json"));
    let (_, fresh) = build(&changed, &texts, "en");
    let fresh: BTreeMap<String, Vec<u8>> = fresh.into_iter().collect();
    assert_eq!(apply(&before, update), fresh);
    // Nothing changed: nothing written.
    let again = index.update(
        changed.clone(),
        |n| Text::Plain(texts[n].clone()),
        |_| false,
    );
    assert!(again.files.is_empty() && again.removed.is_empty());
    // A record added: a full build, and the files it no longer has.
    let (mut fewer, mut texts) = many(40);
    texts[3] = "only".into();
    let (mut small, small_files) = build(&fewer, &texts, "en");
    fewer.insert(0, record("A new one"));
    texts.insert(0, "fresh words".into());
    let update = small.update(fewer.clone(), |n| Text::Plain(texts[n].clone()), |_| false);
    let (_, fresh) = build(&fewer, &texts, "en");
    assert_eq!(apply(&small_files, update), fresh.into_iter().collect());
}

#[test]
fn an_update_that_shrinks_the_index_drops_the_files_it_no_longer_has() {
    let (records, texts) = many(3000);
    let (mut index, before) = build(&records, &texts, "xx");
    let short = vec![String::new(); texts.len()];
    let update = index.update(records.clone(), |n| Text::Plain(short[n].clone()), |_| true);
    assert!(update.removed.iter().any(|p| p.starts_with("stems/")));
    assert!(update.removed.iter().any(|p| p.starts_with("words/")));
    let (_, fresh) = build(&records, &short, "xx");
    assert_eq!(apply(&before, update), fresh.into_iter().collect());
}
