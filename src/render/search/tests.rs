//! The index format: what `search.js` reads, file by file.

use serde_json::{Value, json};

use super::index::{FORMAT, IndexFile, Kind, Record, build_index};

fn record(title: &str, text: &str) -> Record {
    Record {
        kind: Kind::Writeup,
        title: title.into(),
        path: format!("mistakes/{}/", title.to_lowercase().replace(' ', "-")),
        lesson: "Ask early.".into(),
        tags: "Reflect".into(),
        meta: "1 May 2026 · Reflect".into(),
        text: text.into(),
    }
}

fn file(files: &[IndexFile], path: &str) -> Value {
    let (_, body) = files
        .iter()
        .find(|(p, _)| p == path)
        .unwrap_or_else(|| panic!("no {path}"));
    serde_json::from_str(body).unwrap()
}

#[test]
fn a_small_index_is_one_shard_of_each_and_a_file_per_record() {
    let records = [
        record(
            "Deployed on Friday",
            "We deployed late. Nobody was deploying after that.",
        ),
        record("Skipped the review", "Résumé of the review: none happened."),
    ];
    let files = build_index(&records, "en");
    let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
    assert_eq!(
        paths,
        [
            "meta.json",
            "words/0.json",
            "stems/0.json",
            "docs/0.json",
            "docs/1.json"
        ]
    );
    let meta = file(&files, "meta.json");
    assert_eq!(meta["format"], json!(FORMAT));
    assert_eq!(meta["docs"], json!(2));
    assert_eq!(meta["words"], json!(["after"]));
    assert_eq!(meta["stems"], json!(["after"]));
    assert_eq!(meta["version"].as_str().unwrap().len(), 10);
    // Words are folded; a word that is its own stem has "" for it.
    let words = file(&files, "words/0.json");
    let words = words.as_array().unwrap();
    assert!(words.contains(&json!(["deployed", "deploy"])));
    assert!(words.contains(&json!(["deploying", "deploy"])));
    assert!(words.contains(&json!(["resume", ""])));
    assert!(words.contains(&json!(["friday", ""])));
    let keys: Vec<&str> = words.iter().map(|w| w[0].as_str().unwrap()).collect();
    assert!(keys.is_sorted(), "{keys:?}");
    // Postings: [gap, weight, ...]; `review` is in both records, in the
    // second's title, so it weighs more there.
    let stems = file(&files, "stems/0.json");
    let review = stems
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s[0] == json!("review"))
        .unwrap();
    let list = review[1].as_array().unwrap();
    assert_eq!(list.len(), 2, "only the second record: {list:?}");
    assert_eq!(list[0], json!(1));
    let ask = stems
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s[0] == json!("ask"))
        .unwrap();
    assert_eq!(ask[1].as_array().unwrap().len(), 4, "both lessons");
    assert_eq!(
        ask[1][2],
        json!(1),
        "the second record is one after the first"
    );
    // A record's file: [kind, title, path, lesson, meta, text].
    assert_eq!(
        file(&files, "docs/1.json"),
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
        build_index(&records, "en"),
        files,
        "the same bytes every time"
    );
}

#[test]
fn a_large_index_is_split_into_shards_that_a_lookup_can_find() {
    // 3,000 distinct words: more than one lexicon shard.
    let records: Vec<Record> = (0..300)
        .map(|n| {
            let text: Vec<String> = (0..10).map(|k| format!("w{}x{k}", n * 10 + k)).collect();
            record(&format!("Record {n}"), &text.join(" "))
        })
        .collect();
    let files = build_index(&records, "xx");
    let meta = file(&files, "meta.json");
    let firsts: Vec<&str> = meta["words"]
        .as_array()
        .unwrap()
        .iter()
        .map(|w| w.as_str().unwrap())
        .collect();
    assert!(firsts.len() > 1 && firsts.is_sorted(), "{firsts:?}");
    for (n, first) in firsts.iter().enumerate() {
        let (_, body) = files
            .iter()
            .find(|(p, _)| *p == format!("words/{n}.json"))
            .unwrap();
        assert!(body.len() < 17 * 1024, "shard {n} is {} bytes", body.len());
        let shard: Value = serde_json::from_str(body).unwrap();
        let keys: Vec<&str> = shard
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e[0].as_str().unwrap())
            .collect();
        assert_eq!(keys[0], *first);
        let next = firsts.get(n + 1).copied().unwrap_or("\u{10ffff}");
        assert!(keys.iter().all(|k| k >= first && *k < next));
    }
    // No stemmer for an unknown language: every word is its own stem.
    assert!(!files.iter().any(|(p, body)| {
        p.starts_with("words/")
            && serde_json::from_str::<Value>(body)
                .unwrap()
                .as_array()
                .unwrap()
                .iter()
                .any(|e| e[1] != json!(""))
    }));
    assert!(files.iter().any(|(p, _)| p == "docs/299.json"));
}
