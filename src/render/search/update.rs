//! The index built whole ([`SearchIndex::build`]) and kept, so that
//! `serve` can update it for a few changed documents
//! ([`SearchIndex::update`]): only their words are counted again and only
//! the files they touch are rewritten, byte for byte what a full build of
//! the same site writes.

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde_json::json;

use super::files::{
    GROUP, IndexFile, bucket_count, bucket_of, buckets, digest, doc_groups, group_count, lengths,
    lexicon, meta,
};
use super::index::{Kind, Record, State, Tokens};
use super::reading::{Text, read};

/// Characters of a record's text kept to show under its title.
const EXCERPT: usize = 160;

/// Records counted at once: their text is made, counted and dropped
/// together, so memory holds this many texts, not the site's.
const CHUNK: usize = 256;

/// The index of a site, with what an update needs.
#[derive(Debug)]
pub struct SearchIndex {
    state: State,
    records: Vec<Record>,
    /// Each file's digest, by path under `search/`.
    digests: BTreeMap<String, [u8; 20]>,
    /// The first word of each lexicon shard.
    firsts: Vec<String>,
}

/// What an update changed under `search/`.
#[derive(Debug, Default)]
pub struct IndexUpdate {
    /// Files written anew (their paths under `search/`).
    pub files: Vec<IndexFile>,
    /// Files of the last index that the new one no longer has.
    pub removed: Vec<String>,
}

impl SearchIndex {
    /// The index of `records` (in their order) for a site in `language`;
    /// `text(n)` is record `n`'s text, made when it is counted and dropped
    /// after. `keep` keeps what [`SearchIndex::update`] needs (each
    /// record's distinct words); without it, update builds anew.
    pub fn build<F>(
        language: &str,
        records: Vec<Record>,
        text: F,
        keep: bool,
    ) -> (Self, Vec<IndexFile>)
    where
        F: Fn(usize) -> Text + Sync,
    {
        let mut files = Vec::new();
        let index = Self::make(language, records, text, keep, &mut |file| files.push(file));
        // `meta.json` first.
        files.rotate_right(1);
        (index, files)
    }

    /// The files of [`SearchIndex::build`] without the index, for `build`:
    /// each file goes to `emit` as soon as it is made, a `docs/N.json` as
    /// soon as its records are counted, and postings are kept encoded, so
    /// that the index never holds every file or every entry (it runs while
    /// the pages render, and adds to their memory).
    pub fn write<F>(language: &str, records: Vec<Record>, text: F, emit: &mut dyn FnMut(IndexFile))
    where
        F: Fn(usize) -> Text + Sync,
    {
        Self::make(language, records, text, false, emit);
    }

    fn make<F>(
        language: &str,
        records: Vec<Record>,
        text: F,
        keep: bool,
        emit: &mut dyn FnMut(IndexFile),
    ) -> Self
    where
        F: Fn(usize) -> Text + Sync,
    {
        let mut state = State::new(language, keep);
        let mut digests: BTreeMap<String, [u8; 20]> = BTreeMap::new();
        let mut out = |file: IndexFile| {
            digests.insert(file.0.clone(), digest(&file.1));
            emit(file);
        };
        // `docs/N.json` written so far (`keep` writes them at the end).
        let mut written = 0;
        for (c, chunk) in records.chunks(CHUNK).enumerate() {
            let made: Vec<(String, Tokens)> = chunk
                .par_iter()
                .enumerate()
                .map(|(i, record)| count(record, &text(c * CHUNK + i)))
                .collect();
            for (record, (json, tokens)) in chunk.iter().zip(made) {
                state.push(json, record.source.clone(), &tokens);
            }
            if !keep {
                let done = state.docs.len() / GROUP;
                doc_groups(&state, written..done)
                    .into_iter()
                    .for_each(&mut out);
                for doc in &mut state.docs[written * GROUP..done * GROUP] {
                    doc.json = String::new();
                }
                written = done;
            }
        }
        let bucket_n = bucket_count(&state);
        let (firsts, shards): (Vec<String>, Vec<IndexFile>) = lexicon(&state).into_iter().unzip();
        shards.into_iter().for_each(&mut out);
        buckets(&state, bucket_n, None)
            .into_iter()
            .for_each(&mut out);
        let groups = doc_groups(&state, written..group_count(&state));
        groups.into_iter().for_each(&mut out);
        out(lengths(&state));
        let meta = meta(&state, bucket_n, &firsts, &digests);
        digests.insert(meta.0.clone(), digest(&meta.1));
        emit(meta);
        SearchIndex {
            state,
            records,
            digests,
            firsts,
        }
    }

    /// Brings the index to `records` (the site's now), counting again the
    /// records `changed` says changed (and every record without a source
    /// file, and any whose shown fields changed); returns the files that
    /// differ from the last index's. When the records are not the same
    /// ones in the same order (one added, removed or moved), builds anew.
    pub fn update<F, C>(&mut self, records: Vec<Record>, text: F, changed: C) -> IndexUpdate
    where
        F: Fn(usize) -> Text + Sync,
        C: Fn(&Record) -> bool,
    {
        match self.dirty(&records, changed) {
            Some(dirty) => self.update_dirty(records, &dirty, text),
            None => self.rebuild(records, text),
        }
    }

    /// The records an update to `records` counts again (see
    /// [`SearchIndex::update`]), in order; `None` when it builds anew.
    pub fn dirty<C>(&self, records: &[Record], changed: C) -> Option<Vec<usize>>
    where
        C: Fn(&Record) -> bool,
    {
        let same = records.len() == self.records.len()
            && records
                .iter()
                .zip(&self.records)
                .all(|(a, b)| a.kind == b.kind && a.path == b.path);
        if !same || !self.state.keeps_words() {
            return None;
        }
        let dirty = (0..records.len())
            .filter(|&n| {
                let record = &records[n];
                changed(record) || record.source.is_none() || *record != self.records[n]
            })
            .collect();
        Some(dirty)
    }

    /// [`SearchIndex::update`] with the records to count again given
    /// (from [`SearchIndex::dirty`]): `text` is asked only for those.
    pub fn update_dirty<F>(&mut self, records: Vec<Record>, dirty: &[usize], text: F) -> IndexUpdate
    where
        F: Fn(usize) -> Text + Sync,
    {
        let made: Vec<(String, Tokens)> = dirty
            .par_iter()
            .map(|&n| count(&records[n], &text(n)))
            .collect();
        let old_buckets = bucket_count(&self.state);
        let mut touched = BTreeSet::new();
        let mut lexicon_changed = false;
        for (&n, (json, tokens)) in dirty.iter().zip(made) {
            let (stems, words) = self.state.replace(n, json, &tokens);
            touched.extend(stems);
            lexicon_changed |= words;
        }
        self.records = records;
        let state = &self.state;
        let bucket_n = bucket_count(state);
        let mut files = Vec::new();
        if bucket_n == old_buckets {
            let which: BTreeSet<usize> = touched
                .iter()
                .map(|&s| bucket_of(&state.stems[s as usize].key, bucket_n))
                .collect();
            files.extend(buckets(
                state,
                bucket_n,
                Some(&which.into_iter().collect::<Vec<_>>()),
            ));
        } else {
            files.extend(buckets(state, bucket_n, None));
        }
        if lexicon_changed {
            let (firsts, shards): (Vec<String>, Vec<IndexFile>) =
                lexicon(state).into_iter().unzip();
            self.firsts = firsts;
            files.extend(shards);
        }
        let groups: BTreeSet<usize> = dirty.iter().map(|n| n / GROUP).collect();
        files.extend(doc_groups(state, groups.into_iter()));
        files.push(lengths(state));
        let mut update = IndexUpdate::default();
        for (path, body) in files {
            let new = digest(&body);
            if self.digests.insert(path.clone(), new) != Some(new) {
                update.files.push((path, body));
            }
        }
        // A family that shrank leaves files behind.
        let words = self.firsts.len();
        let gone: Vec<String> = self
            .digests
            .keys()
            .filter(|path| {
                beyond(path, "stems/", ".bin", bucket_n) || beyond(path, "words/", ".json", words)
            })
            .cloned()
            .collect();
        for path in gone {
            self.digests.remove(&path);
            update.removed.push(path);
        }
        if !update.files.is_empty() || !update.removed.is_empty() {
            let meta = meta(&self.state, bucket_n, &self.firsts, &self.digests);
            self.digests.insert(meta.0.clone(), digest(&meta.1));
            update.files.insert(0, meta);
        }
        update
    }

    /// Every file of the index as it is now, and the state of a fresh build.
    pub fn rebuild<F>(&mut self, records: Vec<Record>, text: F) -> IndexUpdate
    where
        F: Fn(usize) -> Text + Sync,
    {
        let language = self.state.language.clone();
        let (fresh, files) = SearchIndex::build(&language, records, text, true);
        let removed = self
            .digests
            .keys()
            .filter(|path| !fresh.digests.contains_key(*path))
            .cloned()
            .collect();
        *self = fresh;
        IndexUpdate { files, removed }
    }
}

/// Whether `path` is `{dir}N{ext}` with `N >= count`.
fn beyond(path: &str, dir: &str, ext: &str, count: usize) -> bool {
    path.strip_prefix(dir)
        .and_then(|rest| rest.strip_suffix(ext))
        .and_then(|n| n.parse::<usize>().ok())
        .is_some_and(|n| n >= count)
}

/// A record's entry in `docs/N.json` and its counted words:
/// `[kind, title, path, lesson, meta, excerpt]`, where a question's
/// `lesson` is its write-up's record number (whose lesson and title the
/// page shows with it), so that neither is written twice.
fn count(record: &Record, text: &Text) -> (String, Tokens) {
    let (excerpt, tokens) = read(record, text, EXCERPT);
    let lesson = match record.parent {
        Some(parent) => json!(parent),
        None => json!(record.lesson),
    };
    let entry = json!([
        record.kind as u8,
        record.title,
        record.path,
        lesson,
        record.meta,
        excerpt,
    ]);
    debug_assert!(record.kind != Kind::Question || record.lesson.is_empty());
    (entry.to_string(), tokens)
}
