//! When a batch of file events is complete, pure: what happened to each
//! path, with the time it came -> the changes to rebuild for, once every
//! save among them has certainly ended.
//!
//! inotify says when a save ends: a file written is closed ([`Step::Closed`])
//! or a finished file is renamed into place ([`Step::RenamedTo`]). A batch
//! of saves that ended is ready [`GRACE`] after its last event, so that the
//! other files of a burst (many saved at once, `git checkout`) join it;
//! once it has more than one file, [`SETTLE`] after. A file still being
//! written is held out of the batches until it is closed (a write in two
//! parts is never built half-way), or for [`OPEN_LIMIT`] at most. Events
//! that do not say whether more follow (a removal, a rename away, a new
//! file closed, which may be a temporary about to be renamed, a metadata
//! change, anything on a system whose watcher reports no closes) make the
//! batch wait until [`SETTLE`] after them.

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::{Change, ChangeKind};

/// The wait after the last event of saves that ended, for the rest of a
/// burst: a program saving many files writes the next within microseconds.
pub const GRACE: Duration = Duration::from_millis(2);

/// The wait after an event that does not say a save ended (longer than the
/// steps of an editor's save, which come within a millisecond or two), and
/// after the last event of a batch of several files.
pub const SETTLE: Duration = Duration::from_millis(10);

/// The longest a file written and not closed is held out of the batches
/// (a program that keeps it open: a log, a slow download, `cat > file`).
pub const OPEN_LIMIT: Duration = Duration::from_secs(30);

/// The longest a batch may grow while events keep coming, so that a
/// steady stream of writes still gives rebuilds.
pub const LONGEST_BATCH: Duration = Duration::from_millis(500);

/// What an event did to a path.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// A file appeared (opened to be written, as a rule).
    Created,
    /// Its data changed.
    Written,
    /// Closed after being opened for writing.
    Closed,
    /// Renamed (or moved) to this path.
    RenamedTo,
    /// Renamed (or moved) away from this path.
    RenamedFrom,
    /// Deleted.
    Removed,
    /// Anything else: metadata, a folder made, events lost.
    Touched,
}

/// Where a path's save is, as far as its events tell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    /// Being written since then: held until closed.
    Writing(Instant),
    /// The save ended.
    Saved,
    /// More may follow.
    Settling,
}

#[derive(Debug, Clone)]
struct Entry {
    kind: ChangeKind,
    state: State,
    /// The time of its first event since it was last taken.
    first: Instant,
    /// The time of its last event.
    at: Instant,
    /// It did not exist before this batch: removed or renamed away, it was
    /// a temporary file and no change.
    new: bool,
}

/// The changes gathered since the last batch, and when they are due.
#[derive(Debug, Clone)]
pub struct Batch {
    entries: BTreeMap<String, Entry>,
    /// Whether the watcher reports closes (inotify does): without them
    /// every event settles.
    reports_closes: bool,
}

impl Batch {
    /// An empty batch.
    pub fn new(reports_closes: bool) -> Batch {
        Batch {
            entries: BTreeMap::new(),
            reports_closes,
        }
    }

    /// Notes `step` on `path` (site-relative, of `kind`), at time `at`.
    pub fn note(&mut self, path: &str, kind: ChangeKind, step: Step, at: Instant) {
        let known = self.entries.get(path).cloned();
        let new = known.as_ref().map_or(step == Step::Created, |e| e.new);
        let writing = |since: Option<Instant>| match self.reports_closes {
            true => State::Writing(since.unwrap_or(at)),
            false => State::Settling,
        };
        let since = known.as_ref().and_then(|e| match e.state {
            State::Writing(since) => Some(since),
            _ => None,
        });
        let state = match step {
            Step::Created | Step::Written => writing(since),
            Step::Closed if new => State::Settling,
            Step::Closed | Step::RenamedTo => State::Saved,
            Step::RenamedFrom | Step::Removed if new => {
                self.entries.remove(path);
                return;
            }
            Step::RenamedFrom | Step::Removed => State::Settling,
            Step::Touched => since.map_or(State::Settling, State::Writing),
        };
        let entry = Entry {
            kind,
            state,
            first: known.map_or(at, |e| e.first),
            at,
            new: new && step != Step::RenamedTo,
        };
        self.entries.insert(path.to_string(), entry);
    }

    /// Whether an entry goes into the batch taken at `now` (a file still
    /// being written is held, up to its limit).
    fn included(entry: &Entry, now: Instant) -> bool {
        match entry.state {
            State::Writing(since) => now >= since + OPEN_LIMIT,
            _ => true,
        }
    }

    /// When the batch is due if no more events come; `None` when there is
    /// nothing to wait for.
    pub fn due(&self) -> Option<Instant> {
        let quiet = match self.entries.len() {
            1 => GRACE,
            _ => SETTLE,
        };
        let (mut ready, mut longest, mut held) = (None, None, None);
        for entry in self.entries.values() {
            let after = match entry.state {
                State::Writing(since) => {
                    held = earliest(held, since + OPEN_LIMIT);
                    continue;
                }
                State::Saved => quiet,
                State::Settling => SETTLE,
            };
            ready = ready.max(Some(entry.at + after));
            longest = earliest(longest, entry.first + LONGEST_BATCH);
        }
        // A file held past its limit goes with the next batch.
        ready.zip(longest).map(|(r, l)| r.min(l)).or(held)
    }

    /// The changes due at `now`, taken out of the batch (the files still
    /// being written stay); `None` when it is not due yet.
    pub fn take_due(&mut self, now: Instant) -> Option<Vec<Change>> {
        if self.due()? > now {
            return None;
        }
        let (taken, held): (BTreeMap<_, _>, BTreeMap<_, _>) = std::mem::take(&mut self.entries)
            .into_iter()
            .partition(|(_, entry)| Batch::included(entry, now));
        self.entries = held;
        let changes: Vec<Change> = taken
            .into_iter()
            .map(|(path, entry)| Change {
                path,
                kind: entry.kind,
            })
            .collect();
        (!changes.is_empty()).then_some(changes)
    }
}

fn earliest(known: Option<Instant>, time: Instant) -> Option<Instant> {
    Some(known.map_or(time, |known| known.min(time)))
}

#[cfg(test)]
mod tests;
