//! The social cards of saved write-ups, drawn off the reload path. A card
//! whose title, lesson or strategies changed is drawn (or found in the
//! card cache) on a thread of its own once the pages are served and the
//! browsers told; until it is in, requests for it wait
//! (`LiveSite::hold_card`), so no client that asks after the reload gets
//! the old card.
//!
//! A job owns what drawing needs (a site of that one write-up, the
//! templates), so the thread never shares the site serve patches.

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, PoisonError};

use super::server::LiveSite;
use crate::assemble::Site;
use crate::cards::render::render_cards;
use crate::diag::Diagnostic;
use crate::render::templates::TemplateOrigins;

/// One card to draw.
pub struct CardJob {
    /// The card's output path (`mistakes/x/card.png`).
    pub path: String,
    /// A site of the write-up alone (first), with what the whole site's
    /// cards depend on (its config, strategies, and a write-up needing the
    /// system's fonts when the whole site has one).
    pub site: Site,
    /// The templates the pages were rendered with.
    pub tera: Arc<tera::Tera>,
    /// Where each template came from, for errors.
    pub origins: TemplateOrigins,
    /// The card cache.
    pub cache: PathBuf,
    /// Where the site is published, which the card shows.
    pub published: Option<String>,
}

/// A job with its number, and the site version it belongs to.
struct Queued {
    job: u64,
    epoch: u64,
    card: CardJob,
}

/// The jobs not started (by path: a later save of the same write-up
/// replaces a job not started), and whether one is being drawn.
#[derive(Default)]
struct Queue {
    jobs: BTreeMap<String, Queued>,
    busy: bool,
}

type Shared = Arc<(Mutex<Queue>, Condvar)>;

/// The thread that draws cards, its queue and what it found wrong.
pub struct CardDrawer {
    queue: Shared,
    problems: Arc<Mutex<Vec<Diagnostic>>>,
    live: Arc<LiveSite>,
    jobs: u64,
}

impl CardDrawer {
    /// Starts the thread, which hands its cards to `live`.
    pub fn start(live: Arc<LiveSite>) -> CardDrawer {
        let queue: Shared = Arc::default();
        let problems: Arc<Mutex<Vec<Diagnostic>>> = Arc::default();
        let (jobs, found, to) = (queue.clone(), problems.clone(), live.clone());
        std::thread::spawn(move || {
            loop {
                let Queued { job, epoch, card } = next_job(&jobs);
                let (files, more, _) = render_cards(
                    &card.site,
                    &card.tera,
                    &card.origins,
                    &card.cache,
                    true,
                    Some(&[0]),
                    card.published.as_deref(),
                );
                if !more.is_empty() {
                    lock(&found).extend(more);
                }
                to.release_card(epoch, &card.path, job, files);
                lock(&jobs.0).busy = false;
                jobs.1.notify_all();
            }
        });
        CardDrawer {
            queue,
            problems,
            live,
            jobs: 0,
        }
    }

    /// Holds requests for each card of `cards` and queues it. Call before
    /// the pages that show it are served; the hold goes once it is drawn.
    pub fn hold(&mut self, cards: &[String]) -> Vec<u64> {
        cards
            .iter()
            .map(|path| {
                self.jobs += 1;
                self.live.hold_card(path, self.jobs);
                self.jobs
            })
            .collect()
    }

    /// Queues the cards held by [`CardDrawer::hold`] (its numbers).
    pub fn request(&mut self, cards: Vec<CardJob>, jobs: Vec<u64>) {
        let epoch = self.live.epoch();
        let (queue, wake) = &*self.queue;
        let mut queue = lock(queue);
        for (card, job) in cards.into_iter().zip(jobs) {
            let path = card.path.clone();
            queue.jobs.insert(path, Queued { job, epoch, card });
        }
        drop(queue);
        wake.notify_all();
    }

    /// Waits until every card queued is drawn: before a change that may
    /// draw every card again (the site's title), so that no card of before
    /// comes after it.
    pub fn wait_idle(&self) {
        let (queue, wake) = &*self.queue;
        let idle = |queue: &mut Queue| queue.busy || !queue.jobs.is_empty();
        let _queue = wake
            .wait_while(lock(queue), idle)
            .unwrap_or_else(PoisonError::into_inner);
    }

    /// What drawing found wrong since the last call (a card template that
    /// does not make valid SVG, a cache that cannot be written).
    pub fn problems(&self) -> Vec<Diagnostic> {
        std::mem::take(&mut *lock(&self.problems))
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(PoisonError::into_inner)
}

fn next_job(queue: &(Mutex<Queue>, Condvar)) -> Queued {
    let (slot, wake) = queue;
    let mut slot = wake
        .wait_while(lock(slot), |queue| queue.jobs.is_empty())
        .unwrap_or_else(PoisonError::into_inner);
    slot.busy = true;
    slot.jobs.pop_first().expect("woken with a job").1
}
