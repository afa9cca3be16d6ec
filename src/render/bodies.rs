//! The write-up bodies (their HTML) while a build renders. The pages and
//! the search index each read every body, and run at once; a build
//! takes the bodies out of the site and frees each when its last reader is
//! done, so that it never holds every body and every page's links at once
//! (the 100,000-write-up peak). A build's bodies are packed: each reader
//! unpacks its own copy. `serve` keeps the bodies in the site.

use std::borrow::Cow;
use std::ops::Deref;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::assemble::Site;
use crate::parse::markdown::BodyHtml;

/// Where each write-up's body is read from during a render.
pub struct Bodies<'a> {
    site: &'a Site,
    /// Taken out of the site (a build), else read there (`serve`).
    taken: Option<Vec<Slot>>,
}

/// A taken body (packed, in a build) and how many reads of it are still
/// to come.
pub struct Slot {
    body: Mutex<Option<BodyHtml>>,
    readers: AtomicUsize,
}

impl<'a> Bodies<'a> {
    /// Bodies read in `site`, where they stay.
    pub fn kept(site: &'a Site) -> Self {
        Bodies { site, taken: None }
    }

    /// Bodies taken by [`take`].
    pub fn taken(site: &'a Site, taken: Taken) -> Self {
        Bodies {
            site,
            taken: Some(taken.0),
        }
    }

    /// Write-up `i`'s body, unpacked for this reader. A taken one is
    /// freed when the last of its readers (counted by [`take`]) drops what
    /// this returns.
    pub fn get(&self, i: usize) -> Body<'_> {
        match &self.taken {
            None => Body::Kept(self.site.posts[i].rendered.html.text()),
            Some(slots) => {
                let slot = &slots[i];
                let body = lock(&slot.body).as_ref().map(|b| b.text().into_owned());
                debug_assert!(body.is_some(), "write-up {i}'s body was read too often");
                Body::Taken(body.unwrap_or_default(), slot)
            }
        }
    }
}

/// Bodies taken out of a site, not yet borrowed with it.
pub struct Taken(Vec<Slot>);

/// Takes every write-up's body out of `site`, each to be read twice: by
/// its page and by the search index (the feeds are made before).
pub fn take(site: &mut Site) -> Taken {
    let slots = site
        .posts
        .iter_mut()
        .map(|post| Slot {
            body: Mutex::new(Some(std::mem::take(&mut post.rendered.html))),
            readers: AtomicUsize::new(READERS),
        })
        .collect();
    Taken(slots)
}

/// The reads of a taken body: its page's and the search index's.
const READERS: usize = 2;

/// A body being read.
pub enum Body<'a> {
    /// Read in the site.
    Kept(Cow<'a, str>),
    /// Taken: one of its reads.
    Taken(String, &'a Slot),
}

impl Deref for Body<'_> {
    type Target = str;

    fn deref(&self) -> &str {
        match self {
            Body::Kept(body) => body,
            Body::Taken(body, _) => body,
        }
    }
}

impl Drop for Body<'_> {
    fn drop(&mut self) {
        if let Body::Taken(_, slot) = self {
            if slot.readers.fetch_sub(1, Ordering::AcqRel) == 1 {
                lock(&slot.body).take();
            }
        }
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
