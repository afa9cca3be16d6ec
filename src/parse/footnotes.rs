//! Footnote numbers and ids of one document: a number per label in the
//! order labels are met, an id prefixed by the document's slug and unique
//! in it, and a count of citations, so a note cited twice gives two
//! distinct reference ids. Pure.

use std::collections::{HashMap, HashSet};

use crate::parse::slug::slugify;

/// The id of a footnote of a document: `fn-<document slug>-<label slug>`.
pub fn footnote_id(prefix: &str, label: &str) -> String {
    format!("fn-{prefix}-{}", slugify(label))
}

/// Footnote numbers, given in the order labels are first met (a
/// reference, or a definition written before any reference to it).
#[derive(Default)]
pub struct FootnoteNumbers {
    numbers: HashMap<String, usize>,
    /// Label -> its id, unique in the document even when two labels make
    /// the same slug (`[^a b]`, `[^a-b]`).
    ids: HashMap<String, String>,
    taken: HashSet<String>,
    /// Label -> how often it was cited so far.
    citations: HashMap<String, usize>,
}

impl FootnoteNumbers {
    /// The number of a label: the order it was first met in.
    pub fn number(&mut self, label: &str) -> usize {
        let next = self.numbers.len() + 1;
        *self.numbers.entry(label.to_string()).or_insert(next)
    }

    /// The label's id in this document: `fn-<prefix>-<label>`, made
    /// unique when two labels give the same slug.
    pub fn id(&mut self, prefix: &str, label: &str) -> String {
        if let Some(id) = self.ids.get(label) {
            return id.clone();
        }
        let wanted = footnote_id(prefix, label);
        let mut id = wanted.clone();
        let mut n = 2;
        while !self.taken.insert(id.clone()) {
            id = format!("{wanted}-{n}");
            n += 1;
        }
        self.ids.insert(label.to_string(), id.clone());
        id
    }

    /// Counts a citation of the label; returns which one this is (1, 2...).
    pub fn cite(&mut self, label: &str) -> usize {
        let count = self.citations.entry(label.to_string()).or_insert(0);
        *count += 1;
        *count
    }
}
