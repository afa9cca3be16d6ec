//! The social cards of patched write-ups, as jobs for the card thread
//! ([`crate::serve::cards`]): drawn after the reload, not before it.
//!
//! A card depends on its write-up's title, lesson and strategies, on the
//! site's config, and on one fact about the whole site: whether any
//! write-up needs the system's fonts (then every card is drawn with them,
//! and cached under another key). serve keeps the write-ups that do
//! ([`uncovered`]), so that a save reads one write-up, not all of them.

use std::collections::BTreeSet;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use super::Rebuilder;
use crate::assemble::{Post, Site};
use crate::cards::{CARD_FILE, CARD_TEMPLATE, CardMetrics};
use crate::serve::cards::CardJob;

/// The shipped fonts' metrics, read once.
fn metrics() -> &'static CardMetrics {
    static METRICS: OnceLock<CardMetrics> = OnceLock::new();
    METRICS.get_or_init(CardMetrics::default)
}

/// Whether the shipped fonts draw `post`'s card (as `render_cards` asks).
pub(super) fn covered(post: &Post) -> bool {
    let metrics = metrics();
    metrics.covers(&post.writeup.doc.title)
        && metrics.covers(post.writeup.lesson.as_deref().unwrap_or_default())
}

/// The write-ups whose cards need the system's fonts (indices).
pub(super) fn uncovered(site: &Site) -> BTreeSet<usize> {
    let posts = site.posts.par_iter().enumerate();
    posts.filter(|(_, p)| !covered(p)).map(|(i, _)| i).collect()
}

/// Whether what `old`'s card shows differs in `new`.
pub(super) fn card_changed(old: &Post, new: &Post) -> bool {
    old.writeup.doc.title != new.writeup.doc.title
        || old.writeup.lesson != new.writeup.lesson
        || old.strategy_ids != new.strategy_ids
}

impl Rebuilder {
    /// The output paths of the cards a patch made due: held from before
    /// its pages are served until [`Rebuilder::card_jobs`]'s are drawn.
    pub fn due_cards(&self) -> Vec<String> {
        let Some(good) = &self.last_good else {
            return Vec::new();
        };
        if !good.templates.tera.contains_template(CARD_TEMPLATE) {
            return Vec::new();
        }
        let posts = self
            .cards_ready
            .iter()
            .filter_map(|&i| good.site.posts.get(i));
        posts
            .map(|post| format!("{}{CARD_FILE}", post.writeup.doc.path))
            .collect()
    }

    /// The cards of [`Rebuilder::due_cards`], as jobs (in its order): each
    /// with a site of its write-up alone, plus one that needs the system's
    /// fonts when the whole site has one, so that the card is drawn and
    /// cached as a full build draws it.
    pub fn card_jobs(&mut self) -> Vec<CardJob> {
        let paths = self.due_cards();
        let due = std::mem::take(&mut self.cards_ready);
        let Some(good) = self.last_good.as_ref().filter(|_| !paths.is_empty()) else {
            return Vec::new();
        };
        let site = &good.site;
        let tera = Arc::new(good.templates.tera.clone());
        let cache = crate::cache::cache_dir(&self.options.root, "cards");
        let published = self.published_url();
        let witness = good.uncovered.first().copied();
        due.into_iter()
            .filter(|&i| i < site.posts.len())
            .zip(paths)
            .map(|(i, path)| {
                let mut posts = vec![site.posts[i].clone()];
                if let Some(w) = witness.filter(|&w| w != i) {
                    posts.push(site.posts[w].clone());
                }
                let alone = Site {
                    config: site.config.clone(),
                    posts,
                    pages: Vec::new(),
                    faq_page: None,
                    strategies: site.strategies.clone(),
                    lessons: Vec::new(),
                    build_date: site.build_date,
                    progress: Default::default(),
                };
                CardJob {
                    path,
                    site: alone,
                    tera: tera.clone(),
                    origins: good.templates.origins.clone(),
                    cache: cache.clone(),
                    published: published.clone(),
                }
            })
            .collect()
    }
}
