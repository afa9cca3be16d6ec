//! The fast path's patch: one changed document, parsed -> its place in the
//! last good build, and the pages that show it. A document that moved
//! (see `plan_rebuild`) cannot be patched: then everything is rebuilt.

use std::sync::Arc;

use super::Rebuilder;
use crate::assemble::progress::progress;
use crate::assemble::{PlainPage, Post, assemble_site, plain_page};
use crate::config::Config;
use crate::diag::Diagnostic;
use crate::parse::date::Date;
use crate::parse::documents::{RenderedDocuments, RenderedWriteup, render_writeup};
use crate::parse::markdown::LinkTargets;
use crate::parse::{Page, Parsed};
use crate::serve::plan::{PageSet, pages_showing_writeup, writeup_moved};

impl Rebuilder {
    /// Puts a parsed document in place of its last good version. `None`
    /// when it moved (see `plan_rebuild`).
    pub(super) fn patch(
        &mut self,
        path: &str,
        parsed: Parsed,
        mut problems: Vec<Diagnostic>,
    ) -> Option<(PageSet, Vec<Diagnostic>)> {
        let selection = self.options.selection();
        let good = self.last_good.as_mut()?;
        // A copy only when the index's thread still reads the site.
        let site = Arc::make_mut(&mut good.site);
        let mut pages = PageSet::default();
        match parsed {
            Parsed::Writeup(mut writeup) => {
                let old = site.posts.iter().position(|p| p.writeup.doc.source == path);
                let published = selection.select_writeup(&mut writeup).is_ok();
                let index = match (old, published) {
                    (Some(index), true) => index,
                    // Still a draft, and not a page bundle (whose assets
                    // would be copied once published): nothing to show.
                    (None, false) if writeup.doc.bundle_dir.is_none() => {
                        return Some((pages, problems));
                    }
                    _ => return None,
                };
                let (rendered, more) = render_writeup(*writeup, &good.targets, true);
                problems.extend(more);
                let (mut post, more) = assemble_alone(&site.config, rendered, site.build_date)?;
                problems.extend(more);
                let old = &site.posts[index];
                if writeup_moved(old, &post) {
                    return None;
                }
                // What lists show of it is its card: compared whole, so no
                // field of it can be forgotten here.
                let card = good.shared.card(&post);
                let card_changed = card != good.shared.cards[index];
                // Every card is drawn with the system's fonts when one
                // write-up needs them: a save that changes that redraws all.
                let mut uncovered = good.uncovered.clone();
                if super::cards::covered(&post) {
                    uncovered.remove(&index);
                } else {
                    uncovered.insert(index);
                }
                if uncovered.is_empty() != good.uncovered.is_empty() {
                    return None;
                }
                if super::cards::card_changed(old, &post) {
                    self.cards_due.insert(index);
                }
                good.uncovered = uncovered;
                pages = pages_showing_writeup(site, index, old, &post, card_changed);
                post.previous = old.previous;
                post.next = old.next;
                post.related = old.related.clone();
                post.made_before = old.made_before.clone();
                post.made_again = old.made_again.clone();
                good.shared.cards[index] = card;
                site.posts[index] = post;
                // Counted over every write-up, and cheap to count again.
                let strategies = site.strategies.len();
                site.progress = progress(&site.posts, strategies, site.build_date);
            }
            Parsed::Page(page) => {
                let index = site.pages.iter().position(|p| p.page.doc.source == path)?;
                let old = &site.pages[index].page.doc;
                if selection.select_page(&page).is_err()
                    || page.doc.path != old.path
                    || page.doc.aliases != old.aliases
                {
                    return None;
                }
                let (rendered, more) = render_page(page, &good.targets);
                problems.extend(more);
                site.pages[index] = rendered;
                pages.pages.insert(index);
            }
            Parsed::Faq(page) => {
                if site.faq_page.as_ref()?.page.doc.aliases != page.doc.aliases {
                    return None;
                }
                let (rendered, more) = render_page(page, &good.targets);
                problems.extend(more);
                site.faq_page = Some(rendered);
                pages.faq = true;
            }
        }
        Some((pages, problems))
    }
}

/// Derives what assembly gives one write-up on its own (its strategies
/// resolved, its questions' anchors, the warnings about unknown
/// strategies) by assembling a site of that write-up alone: the same code
/// as a full build, so the patched post cannot differ from a rebuilt one.
/// Its neighbours and related write-ups are left empty.
pub fn assemble_alone(
    config: &Config,
    writeup: RenderedWriteup,
    build_date: Date,
) -> Option<(Post, Vec<Diagnostic>)> {
    let documents = RenderedDocuments {
        writeups: vec![writeup],
        ..RenderedDocuments::default()
    };
    let (site, problems) = assemble_site(config.clone(), documents, build_date);
    Some((site.posts.into_iter().next()?, problems))
}

fn render_page(page: Page, targets: &LinkTargets) -> (PlainPage, Vec<Diagnostic>) {
    let (rendered, problems) = crate::parse::documents::render_page(page, targets);
    (plain_page(rendered), problems)
}
