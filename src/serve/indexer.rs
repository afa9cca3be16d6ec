//! The search index of a patched site, made off the reload path. After a
//! save, the pages that show the write-up are served and the browsers told
//! at once; the index, which counts the words of every document of the
//! site, follows on a thread of its own. Until it is in, requests for its
//! files wait (`LiveSite::hold_index`), so a search never mixes the new
//! pages' index with the old one.
//!
//! Only the newest request is worked on: saves that come while an index is
//! made replace the one waiting, and an index made for a site that has
//! changed since is dropped by the server.

use std::sync::{Arc, Condvar, Mutex, PoisonError};

use super::server::LiveSite;
use crate::assemble::Site;
use crate::render::OutputFile;
use crate::render::search::search_index;

/// A request: the index of `site`, as job `job`.
struct Job {
    job: u64,
    site: Arc<Site>,
}

/// The thread that makes the index, and its one-slot queue.
pub struct Indexer {
    slot: Arc<(Mutex<Option<Job>>, Condvar)>,
    jobs: u64,
}

impl Indexer {
    /// Starts the thread, which hands its indexes to `live`.
    pub fn start(live: Arc<LiveSite>) -> Indexer {
        let slot: Arc<(Mutex<Option<Job>>, Condvar)> = Arc::default();
        let queue = slot.clone();
        // One thread of its own: the pages of the next save are rendered on
        // rayon's pool meanwhile, and do not wait behind the index's work.
        let pool = rayon::ThreadPoolBuilder::new().num_threads(1).build().ok();
        std::thread::spawn(move || {
            loop {
                let Job { job, site } = next_job(&queue);
                let make = || index_files(site);
                let files = match &pool {
                    Some(pool) => pool.install(make),
                    None => make(),
                };
                live.release_index(job, files);
            }
        });
        Indexer { slot, jobs: 0 }
    }

    /// The number the next request will have: held by the server before
    /// the pages are swapped, so no request sees the new pages and the old
    /// index.
    pub fn next_job(&self) -> u64 {
        self.jobs + 1
    }

    /// Asks for the index of `site` (replacing a request not started yet).
    pub fn request(&mut self, site: Arc<Site>) {
        self.jobs += 1;
        let (slot, wake) = &*self.slot;
        let job = Job {
            job: self.jobs,
            site,
        };
        *slot.lock().unwrap_or_else(PoisonError::into_inner) = Some(job);
        wake.notify_one();
    }
}

fn next_job(queue: &(Mutex<Option<Job>>, Condvar)) -> Job {
    let (slot, wake) = queue;
    let slot = slot.lock().unwrap_or_else(PoisonError::into_inner);
    let mut slot = wake
        .wait_while(slot, |job| job.is_none())
        .unwrap_or_else(PoisonError::into_inner);
    slot.take().expect("woken with a job")
}

/// The index files of `site`, as `build` writes them.
fn index_files(site: Arc<Site>) -> Vec<OutputFile> {
    search_index(&site)
}
