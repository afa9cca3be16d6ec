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

use rayon::prelude::*;

use super::server::LiveSite;
use crate::assemble::Site;
use crate::render::search::{SiteIndex, SiteReading, records};

/// Texts read at once by a new index's read, between which it looks
/// whether serve wants the site back: a few milliseconds of work.
const CHUNK: usize = 256;

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
    /// Whether the thread holds a site, and whether serve wants it back.
    reading: bool,
    wanted: bool,
    /// Whether the thread let go of a site in the middle of a new index's
    /// read, and waits for it back; the texts that read has so far.
    paused: bool,
    texts_read: usize,
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
                let (mut taken, site) = next_job(&shared);
                let current = if taken.fresh { None } else { index.take() };
                let (reading, site) = match &current {
                    Some(current) => {
                        let changed: Vec<String> = taken.changed.iter().cloned().collect();
                        (SiteIndex::read(Some(current), &site, &changed), site)
                    }
                    None => read_all(&shared, &mut taken, site),
                };
                // Let go before the counting: the next patch need not copy.
                drop(site);
                let Taken { job, epoch, .. } = taken;
                let_go(&shared);
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
    /// started, and waits for the thread to let go of the one it reads
    /// (at most a chunk of texts away), so that the patch does not copy
    /// the site. A job left without a site gets one from
    /// [`Indexer::resume`].
    pub fn let_go(&self) {
        let mut queue = self.queue();
        queue.site = None;
        queue.wanted = true;
        let mut queue = self
            .queue
            .1
            .wait_while(queue, |queue| queue.reading)
            .unwrap_or_else(PoisonError::into_inner);
        queue.wanted = false;
    }

    /// After a rebuild: gives a job left waiting by [`Indexer::let_go`]
    /// the site as it is now; `false` when there is none (then the index
    /// stays as it was: the caller lets its requests go).
    pub fn resume(&self, site: Option<Arc<Site>>) -> bool {
        let mut queue = self.queue();
        let held = queue.job != queue.taken;
        if queue.site.is_some() || !(held || queue.paused) {
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
                !held
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

/// A job the thread took (its site apart, to be let go of).
struct Taken {
    job: u64,
    epoch: u64,
    changed: BTreeSet<String>,
    fresh: bool,
}

/// Waits for a job with a site, and takes it.
fn next_job(queue: &(Mutex<Queue>, Condvar)) -> (Taken, Arc<Site>) {
    let (slot, wake) = queue;
    let idle = |queue: &mut Queue| queue.job == queue.taken || queue.site.is_none();
    let queue = wake
        .wait_while(lock(slot), idle)
        .unwrap_or_else(PoisonError::into_inner);
    take(queue)
}

/// Takes the job in the queue, which has a site.
fn take(mut queue: MutexGuard<'_, Queue>) -> (Taken, Arc<Site>) {
    let site = queue.site.take().expect("a site to index");
    queue.taken = queue.job;
    queue.reading = true;
    queue.paused = false;
    let taken = Taken {
        job: queue.job,
        epoch: queue.epoch,
        changed: std::mem::take(&mut queue.changed),
        fresh: std::mem::take(&mut queue.fresh),
    };
    (taken, site)
}

/// The thread lets go of the site it read.
fn let_go(queue: &(Mutex<Queue>, Condvar)) {
    lock(&queue.0).reading = false;
    queue.1.notify_all();
}

/// Tells how far a new index's read is; returns whether serve wants the
/// site back.
fn read_so_far(shared: &(Mutex<Queue>, Condvar), texts: usize) -> bool {
    let mut queue = lock(&shared.0);
    queue.texts_read = texts;
    shared.1.notify_all();
    queue.wanted
}

/// Reads every text of the site of `taken`, for a new index: a long read,
/// so it lets go of the site whenever serve wants it (to patch a save in),
/// and goes on with the site it gets back, reading again the texts of the
/// documents changed meanwhile (all of them when records came or went).
/// `taken` becomes the newest job; the site returned, its site, is the one
/// the reading is of.
fn read_all(
    shared: &(Mutex<Queue>, Condvar),
    taken: &mut Taken,
    mut site: Arc<Site>,
) -> (SiteReading, Arc<Site>) {
    let mut texts: Vec<String> = Vec::new();
    let mut first: Option<Vec<String>> = None;
    loop {
        let (records, bodies) = records(&site);
        let paths: Vec<String> = records.iter().map(|r| r.path.clone()).collect();
        if taken.fresh || first.as_ref().is_some_and(|first| *first != paths) {
            texts.clear();
        }
        first = Some(paths);
        for (n, record) in records.iter().enumerate().take(texts.len()) {
            if record
                .source
                .as_ref()
                .is_some_and(|s| taken.changed.contains(s))
            {
                texts[n] = bodies[n].text();
            }
        }
        while texts.len() < bodies.len() && !read_so_far(shared, texts.len()) {
            let end = bodies.len().min(texts.len() + CHUNK);
            let chunk = &bodies[texts.len()..end];
            texts.par_extend(chunk.par_iter().map(|body| body.text()));
        }
        if texts.len() == bodies.len() {
            let reading = SiteReading::whole(&site.config.language, records, texts);
            return (reading, site);
        }
        drop((records, bodies));
        drop(site);
        let mut changed = std::mem::take(&mut taken.changed);
        lock(&shared.0).paused = true;
        let_go(shared);
        let (slot, wake) = shared;
        let queue = wake
            .wait_while(lock(slot), |queue| queue.site.is_none())
            .unwrap_or_else(PoisonError::into_inner);
        let (next, again) = take(queue);
        (*taken, site) = (next, again);
        // The texts read before are read again if their files changed since.
        changed.append(&mut taken.changed);
        taken.changed = changed;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::options::Options;
    use crate::pipeline::build_site;

    /// A site of `count` write-ups, built (with blank cards: not the point).
    fn site(root: &std::path::Path, count: usize) -> Site {
        let write = |path: &str, text: &str| {
            let path = root.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        };
        write(
            "growthsite.yaml",
            "title: T\nbase_url: https://example.com/\nlanguage: en\nstrategies:\n  - slug: reflect\n    name: Reflect\n    description: Why.\n",
        );
        let blank = r#"<svg xmlns="http://www.w3.org/2000/svg" width="1200" height="630"></svg>"#;
        write("templates/card.svg", blank);
        for n in 0..count {
            let text = format!(
                "---\ntitle: Mistake {n}\ndate: 2026-01-15\nstrategies: [reflect]\nlesson: Check.\n---\nWhat happened, number {n}.\n"
            );
            write(&format!("content/mistakes/m{n:04}.md"), &text);
        }
        let built = build_site(&Options::for_root(root)).unwrap();
        built.site.expect("the site builds")
    }

    #[test]
    fn a_read_let_go_for_a_patch_goes_on_from_the_patched_site() {
        let dir = tempfile::tempdir().unwrap();
        let mut site = Arc::new(site(dir.path(), 3 * CHUNK));
        let shared: Shared = Arc::default();
        {
            let mut queue = lock(&shared.0);
            (queue.job, queue.fresh) = (1, true);
            queue.site = Some(site.clone());
        }
        let reader = {
            let shared = shared.clone();
            std::thread::spawn(move || {
                let (mut taken, site) = next_job(&shared);
                let (reading, site) = read_all(&shared, &mut taken, site);
                drop(site);
                let_go(&shared);
                (taken.job, reading)
            })
        };
        // serve's `let_go` once some texts are read: the site is back,
        // with no other owner.
        {
            let read = |queue: &mut Queue| queue.texts_read == 0;
            let mut queue = shared.1.wait_while(lock(&shared.0), read).unwrap();
            (queue.site, queue.wanted) = (None, true);
            let mut queue = shared.1.wait_while(queue, |q| q.reading).unwrap();
            queue.wanted = false;
        }
        let patched = Arc::get_mut(&mut site).expect("the reader let go of the site");
        patched.posts[0].rendered.html.push_str("<p>A wombat.</p>");
        let source = patched.posts[0].writeup.doc.source.clone();
        {
            let mut queue = lock(&shared.0);
            queue.job = 2;
            queue.site = Some(site.clone());
            queue.changed.insert(source);
        }
        shared.1.notify_all();
        let (job, reading) = reader.join().unwrap();
        assert_eq!(job, 2, "the reading is of the newest site");
        let (_, made) = SiteIndex::apply(None, reading);
        let (_, expected) = SiteIndex::build(&site);
        let bytes = |files: &[crate::render::OutputFile]| -> Vec<(String, Vec<u8>)> {
            let bytes = |f: &crate::render::OutputFile| f.body.bytes().unwrap_or_default().to_vec();
            files.iter().map(|f| (f.path.clone(), bytes(f))).collect()
        };
        assert!(made.whole);
        assert!(
            bytes(&made.files) == bytes(&expected),
            "not the patched site's index"
        );
    }
}
