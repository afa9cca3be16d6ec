//! What the server holds back while it is being made: the rest of the
//! pages after a template change, the search index and the social cards
//! after a save. A request for such a file waits until it is in.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::{Arc, PoisonError};

use super::LiveSite;
use crate::render::OutputFile;
use crate::render::search::{IndexFiles, SEARCH_DIR};

/// Files the server has but does not serve yet, as they are being made.
#[derive(Debug, Default)]
pub(super) struct Held {
    /// While the rest of the site is rendered after a template change: the
    /// pages already rendered. A request for any other page waits, so that
    /// no page is served with the old templates.
    pages: Option<BTreeSet<String>>,
    /// While the search index is brought up to date after a save (its
    /// job's number): a request for an index file waits, so that a search
    /// never mixes the index of the pages served with an older one.
    index: Option<u64>,
    /// Social cards being drawn after a save (path -> job number): a
    /// request for one waits, so it never gets the card of before.
    cards: BTreeMap<String, u64>,
    /// Counts whole new builds: what was made for an earlier one is dropped.
    epoch: u64,
}

impl Held {
    fn holds(&self, path: &str) -> bool {
        let page = path.ends_with(".html");
        let pages = self.pages.as_ref();
        pages.is_some_and(|ready| page && !ready.contains(path))
            || (self.index.is_some() && !page && path.starts_with(SEARCH_DIR))
            || self.cards.contains_key(path)
    }
}

impl LiveSite {
    /// A whole new build is served: what was held for the last one goes.
    pub(super) fn new_epoch(&self) {
        let mut held = self.held();
        held.index = None;
        held.cards.clear();
        held.epoch += 1;
        drop(held);
        self.released.notify_all();
    }

    /// From now on, requests for HTML pages other than `ready` wait until
    /// [`LiveSite::release`]: the rest of the site is being rendered.
    pub fn hold_pages(&self, ready: BTreeSet<String>) {
        self.held().pages = Some(ready);
    }

    /// From now on, requests for the search index's files wait until
    /// [`LiveSite::release_index`] brings index job `job`.
    pub fn hold_index(&self, job: u64) {
        self.held().index = Some(job);
    }

    /// The number of whole builds served: what a job made for an earlier
    /// one is dropped.
    pub fn epoch(&self) -> u64 {
        self.held().epoch
    }

    /// Serves the index files of `update` (made for epoch `epoch`) from
    /// now on, and lets the requests for the index go when they waited for
    /// job `job`. An index made before the last whole build is dropped.
    pub fn release_index(&self, epoch: u64, job: u64, update: IndexFiles) {
        let mut held = self.held();
        if held.epoch != epoch {
            return;
        }
        // The files go in before the hold is let go (lock order: held, then
        // the snapshot; no other path takes both).
        let mut snapshot = self.write();
        if update.whole {
            let new: BTreeSet<&str> = update.files.iter().map(|f| f.path.as_str()).collect();
            let index_file = |path: &str| path.starts_with(SEARCH_DIR) && !path.ends_with(".html");
            snapshot
                .files
                .retain(|path, _| !index_file(path) || new.contains(path.as_str()));
        }
        for path in update.removed {
            snapshot.files.remove(&path);
        }
        for file in update.files {
            snapshot.files.insert(file.path, Arc::new(file.body));
        }
        drop(snapshot);
        if held.index == Some(job) {
            held.index = None;
            drop(held);
            self.released.notify_all();
        }
    }

    /// Lets the requests held for the index go, with the index as it is.
    pub fn let_index_go(&self) {
        self.held().index = None;
        self.released.notify_all();
    }

    /// From now on, requests for the card at `path` wait until
    /// [`LiveSite::release_card`] brings card job `job`.
    pub fn hold_card(&self, path: &str, job: u64) {
        self.held().cards.insert(path.to_string(), job);
    }

    /// Serves the card at `path` as `files` (none: the site has no card
    /// template) from now on, and lets the requests for it go when they
    /// waited for job `job`. A card made before the last whole build is
    /// dropped.
    pub fn release_card(&self, epoch: u64, path: &str, job: u64, files: Vec<OutputFile>) {
        let mut held = self.held();
        if held.epoch != epoch {
            return;
        }
        let mut snapshot = self.write();
        if files.is_empty() {
            snapshot.files.remove(path);
        }
        for file in files {
            snapshot.files.insert(file.path, Arc::new(file.body));
        }
        drop(snapshot);
        if held.cards.get(path) == Some(&job) {
            held.cards.remove(path);
            drop(held);
            self.released.notify_all();
        }
    }

    pub(super) fn held(&self) -> std::sync::MutexGuard<'_, Held> {
        self.held.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Serves `files` from now on, as part of the build being served (no
    /// new build id: the pages were told to reload already), and lets the
    /// held requests go.
    pub fn release(&self, files: Vec<OutputFile>) {
        {
            let mut snapshot = self.write();
            for file in files {
                snapshot.files.insert(file.path, Arc::new(file.body));
            }
        }
        self.held().pages = None;
        self.released.notify_all();
    }

    /// Waits while `path` is a file still being made (see [`Held`]).
    pub(super) fn wait_until_ready(&self, path: &str) {
        let held = self.held();
        let _released = self
            .released
            .wait_while(held, |held| held.holds(path))
            .unwrap_or_else(PoisonError::into_inner);
    }
}
