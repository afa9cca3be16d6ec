//! The search index of a patched site, made off the reload path. After a
//! save, the pages that show the write-up are served and the browsers told
//! at once; the index follows on a thread of its own, which keeps a
//! [`SiteIndex`] and counts again only the documents that changed. Until
//! it is in, requests for its files wait (`LiveSite::hold_index`), so a
//! search never mixes the new pages' index with the old one.
//!
//! Saves that come while the thread works are coalesced: their documents
//! are indexed together, once, from the newest site. The thread holds the
//! site only while it reads it (the records, and the texts to count
//! again); the next patch takes back a site the thread has not started on
//! and waits for such a read ([`Indexer::let_go`]), so the site is never
//! copied on the save path.

use std::collections::BTreeSet;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};

use super::server::LiveSite;
use crate::assemble::Site;
use crate::render::search::SiteIndex;

/// What the thread is asked for.
#[derive(Default)]
struct Queue {
    /// The newest request's number; `taken` is the newest the thread took.
    job: u64,
    taken: u64,
    epoch: u64,
    /// The site to index (taken back while serve patches it).
    site: Option<Arc<Site>>,
    /// Source files changed since the last job taken.
    changed: BTreeSet<String>,
    /// Whether the site was built anew: the index is made anew too.
    fresh: bool,
    /// Whether the thread is reading a site, and only the documents that
    /// changed (a short read, worth waiting for).
    reading: Option<bool>,
}

type Shared = Arc<(Mutex<Queue>, Condvar)>;

/// The thread that makes the index, and its queue.
pub struct Indexer {
    queue: Shared,
}

impl Indexer {
    /// Starts the thread, which hands its indexes to `live`.
    pub fn start(live: Arc<LiveSite>) -> Indexer {
        let queue: Shared = Arc::default();
        let shared = queue.clone();
        // One thread for the counting: the pages of the next save are
        // rendered on rayon's pool meanwhile, and do not wait behind it.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
        std::thread::spawn(move || {
            let mut index: Option<SiteIndex> = None;
            loop {
                let (job, epoch, site, changed, fresh) = next_job(&shared, index.is_some());
                let current = if fresh { None } else { index.take() };
                let changed: Vec<String> = changed.into_iter().collect();
                let reading = SiteIndex::read(current.as_ref(), &site, &changed);
                drop(site);
                lock(&shared.0).reading = None;
                shared.1.notify_all();
                let apply = || SiteIndex::apply(current, reading);
                let (made, files) = match &pool {
                    Some(pool) => pool.install(apply),
                    None => apply(),
                };
                index = Some(made);
                live.release_index(epoch, job, files);
            }
        });
        Indexer { queue }
    }

    fn queue(&self) -> MutexGuard<'_, Queue> {
        lock(&self.queue.0)
    }

    /// The number the next request will have: held by the server before
    /// the pages are swapped, so no request sees the new pages and the old
    /// index.
    pub fn next_job(&self) -> u64 {
        self.queue().job + 1
    }

    /// Before the site is patched: takes back the site from a job not
    /// started, and waits for a short read to end, so that the patch does
    /// not copy the site. A job left without a site gets one from
    /// [`Indexer::resume`].
    pub fn let_go(&self) {
        let mut queue = self.queue();
        queue.site = None;
        let wait = |queue: &mut Queue| queue.reading == Some(true);
        let _queue = self
            .queue
            .1
            .wait_while(queue, wait)
            .unwrap_or_else(PoisonError::into_inner);
    }

    /// After a rebuild: gives a job left waiting by [`Indexer::let_go`]
    /// the site as it is now; `false` when there is none (then the index
    /// stays as it was: the caller lets its requests go).
    pub fn resume(&self, site: Option<Arc<Site>>) -> bool {
        let mut queue = self.queue();
        if queue.job == queue.taken || queue.site.is_some() {
            return true;
        }
        match site {
            Some(site) => {
                queue.site = Some(site);
                drop(queue);
                self.queue.1.notify_all();
                true
            }
            None => {
                queue.taken = queue.job;
                queue.changed.clear();
                false
            }
        }
    }

    /// Asks for the index of `site` as of epoch `epoch`, with the
    /// documents of the source files `changed` counted again.
    pub fn request(&self, site: Arc<Site>, changed: Vec<String>, epoch: u64) {
        let mut queue = self.queue();
        queue.job += 1;
        queue.epoch = epoch;
        queue.site = Some(site);
        queue.changed.extend(changed);
        drop(queue);
        self.queue.1.notify_all();
    }

    /// After a whole new build (epoch `epoch`): the index is made anew
    /// from `site`, nothing held for it (the build's own is served).
    pub fn renew(&self, site: Arc<Site>, epoch: u64) {
        let mut queue = self.queue();
        queue.job += 1;
        queue.epoch = epoch;
        queue.site = Some(site);
        queue.changed.clear();
        queue.fresh = true;
        drop(queue);
        self.queue.1.notify_all();
    }
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

type Taken = (u64, u64, Arc<Site>, BTreeSet<String>, bool);

/// Waits for a job with a site, and takes it; `indexed`: whether the
/// thread has an index to update (else the read is of every text).
fn next_job(queue: &(Mutex<Queue>, Condvar), indexed: bool) -> Taken {
    let (slot, wake) = queue;
    let ready = |queue: &mut Queue| queue.job == queue.taken || queue.site.is_none();
    let mut queue = wake
        .wait_while(lock(slot), ready)
        .unwrap_or_else(PoisonError::into_inner);
    let site = queue.site.take().expect("woken with a site");
    queue.taken = queue.job;
    let fresh = std::mem::take(&mut queue.fresh);
    queue.reading = Some(indexed && !fresh);
    let changed = std::mem::take(&mut queue.changed);
    (queue.job, queue.epoch, site, changed, fresh)
}
