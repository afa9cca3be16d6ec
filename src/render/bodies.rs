//! The write-up bodies (their HTML) while a build renders. The pages and
//! the search index each read every body, and run at once; a build
//! takes the bodies out of the site and frees each when its last reader is
//! done, so that it never holds every body and every page's links at once
//! (the 100,000-write-up peak). Each reader but the last gets its own copy
//! (unpacked, when a large site's bodies are packed). `serve` keeps the
//! bodies in the site.

use std::borrow::Cow;
use std::sync::{Arc, Mutex};

use crate::assemble::Site;
use crate::parse::markdown::BodyHtml;

/// Where each write-up's body is read from during a render.
pub struct Bodies<'a> {
    site: &'a Site,
    /// Taken out of the site (a build), else read there (`serve`).
    taken: Option<Vec<Slot>>,
}

/// A taken body (packed, in a build): one handle for each read still to
/// come. The body is freed with the last handle, as its `Arc` counts.
pub struct Slot(Mutex<Vec<Arc<BodyHtml>>>);

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
    /// freed once the last of its readers (counted by [`take`]) has read
    /// it.
    pub fn get(&self, i: usize) -> Cow<'_, str> {
        match &self.taken {
            None => self.site.posts[i].rendered.html.text(),
            Some(slots) => {
                let handle = lock(&slots[i].0).pop();
                debug_assert!(handle.is_some(), "write-up {i}'s body was read too often");
                // The last reader takes the body itself; an earlier one
                // gets its own copy (the body is freed with the last
                // handle).
                let body = handle.map(|body| match Arc::try_unwrap(body) {
                    Ok(body) => body.into_string(),
                    Err(shared) => shared.text().into_owned(),
                });
                Cow::Owned(body.unwrap_or_default())
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
        .map(|post| {
            let body = Arc::new(std::mem::take(&mut post.rendered.html));
            Slot(Mutex::new(vec![body; READERS]))
        })
        .collect();
    Taken(slots)
}

/// The reads of a taken body: its page's and the search index's.
const READERS: usize = 2;

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}
