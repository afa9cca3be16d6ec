//! Counts and stage timings of a build: what the summary line prints, and
//! what a reused build carries over from the last one.

use std::time::Duration;

use crate::cards::render::CardWork;
use crate::images::VariantWork;
use crate::parse::code_cache::CodeWork;

/// Counts and stage timings of a build.
#[derive(Debug, Default, Clone)]
pub struct BuildStats {
    /// Published write-ups.
    pub writeups: usize,
    /// Strategies in the taxonomy.
    pub strategies: usize,
    /// HTML pages written.
    pub pages: usize,
    /// Drafts left out (no `--drafts`).
    pub drafts_left_out: usize,
    /// Write-ups dated after today left out (no `--future`).
    pub future_left_out: usize,
    /// HTML pages whose links were checked.
    pub pages_checked: usize,
    /// Internal links (and image sources) checked on those pages.
    pub links_checked: usize,
    /// Images resized, and images whose variants came from the cache.
    pub images: VariantWork,
    /// Social cards drawn, and cards that came from the cache.
    pub cards: CardWork,
    /// Code blocks highlighted, and blocks that came from the cache.
    pub code: CodeWork,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
}
