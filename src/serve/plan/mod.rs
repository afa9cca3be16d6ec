//! What to rebuild, pure: a batch of changes -> a [`Plan`]; a changed
//! document -> the set of pages that show it ([`PageSet`]). The policy is
//! stated once, on [`plan_rebuild`].

use std::collections::BTreeSet;

use super::watch::{Change, ChangeKind};
use crate::assemble::{FaqItem, Post, Site};
use crate::render::jobs::{Job, jobs, shows_card};

/// What a batch of changes rebuilds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Plan {
    /// Re-read these Markdown files (site-relative paths) and re-render only
    /// the pages that show them. Falls back to `Everything` when one moves.
    Documents(Vec<String>),
    /// Parse the templates again and render every page with them, the
    /// pages open in the browser first; the documents stay as they are.
    Templates,
    /// Read the config again and, when only what pages show changed,
    /// render every page with it as `Templates` does; else `Everything`.
    Config,
    /// Build the whole site again.
    Everything {
        /// Only stylesheets changed: the browser swaps them, no reload.
        css_only: bool,
    },
}

/// Decides what a batch of changes rebuilds. This is serve's whole
/// rebuild policy:
///
/// - **Only Markdown files under `content/` changed, and the last build
///   succeeded: the fast path** ([`Plan::Documents`]). Each changed file is
///   read, parsed and its Markdown rendered again, alone, against the link
///   targets of the last build; no other document is parsed or rendered.
///   If the document keeps its place in the site (same URL, date,
///   published state and strategies, and it still has, or still lacks, a
///   lesson), it replaces its old self in the assembled site and only the
///   pages that show it are rendered again ([`pages_showing_writeup`]):
///   - its own page, always;
///   - when what lists show of it changed (its card: title, summary,
///     date, severity, lesson, strategies, word count): the home pager
///     and the strategy pagers it is on, and the write-ups that list it
///     as related;
///   - when its title changed: its neighbours' pages (previous/next links);
///   - when its lesson or title changed: `/lessons/`;
///   - when its questions changed, or its title while it has some: `/faq/`;
///   - when its severity, goals or revisits changed, or its title while it
///     has goals or revisits: `/progress/`; when its goals or revisits
///     changed, or its title or lesson while it has some: the progress feed;
///   - when its title changed: the pages of the same mistake made before
///     and again; when its latest revisit changed: `/lessons/`;
///   - the Atom feeds it is in (the newest `feed_limit` of the site or of
///     one of its strategies);
///   - when its `updated` date changed: `sitemap.xml`;
///   - the search index, after the pages are served and the browsers told
///     (see `serve::indexer`): it counts every document's words.
///
///   No other page is rendered. A plain page re-renders itself;
///   `content/faq.md` re-renders `/faq/`. A file that no longer parses
///   keeps its last good version in the served site and its errors are
///   shown; the pages the other changes touched are remembered and
///   rendered by the first rebuild without errors.
/// - **A document that moves** (new, deleted, renamed, re-dated, made a
///   draft or published, strategies changed, lesson added or removed)
///   shifts pagers, neighbours, related lists and the taxonomy's counts all
///   over the site: everything is rebuilt. So do changed `repeats`, which
///   link two write-ups' pages.
/// - **The build date** (overdue goals) is read by full rebuilds only: a
///   preview left running past midnight updates on the next one.
/// - **Only HTML templates changed, and the last build succeeded: the
///   template fast path** ([`Plan::Templates`]). The templates are read and
///   parsed again; the documents, the assembled site and what lists show
///   of each write-up are kept. The pages open in the browser (the HTML
///   pages served last) and the home page are rendered first and the
///   pages reload; the other pages are rendered right after, and a request
///   for one of them waits until they are. Feeds, the sitemap and the
///   search index are not made from templates and stay. A change to the
///   social card's `card.svg` redraws every card: everything is rebuilt.
///   A template error is shown as a full rebuild's, and the next change
///   rebuilds everything. Warnings of the link check come with full
///   rebuilds only.
/// - **Only the config changed, and the last build succeeded: the config
///   fast path** ([`Plan::Config`]). The config is read again; when it
///   differs only in what pages show (title, description, author, menu,
///   `extra`) or what `deploy` reads (cname, deploy_branch), the documents
///   are kept and every page is rendered again as on the template fast
///   path (open pages first), with the Atom feeds; when the title changed,
///   every social card is redrawn with the rest. Any other change
///   (base_url, strategies, language, strings, theme, paginate_by,
///   feed_limit), or a config with errors, rebuilds everything. Menu links
///   are checked by full rebuilds only.
/// - **The config otherwise, other theme files, static files, page-bundle assets**
///   reach every page (the config and base templates through every
///   template, static files through the fingerprints in `asset()` URLs):
///   everything is rebuilt. When only stylesheets changed (`css_only`),
///   the new files are served and open pages swap them at once, without a
///   reload; the rebuild that follows only renews the fingerprints.
/// - **After a failed full build** there is no good build to patch: every
///   change rebuilds everything until a build succeeds.
///
/// A full rebuild is `pipeline::build_site` itself, so what serve shows
/// after one is exactly what `build` writes (with the preview's base URL).
pub fn plan_rebuild(changes: &[Change], can_patch: bool) -> Plan {
    let only_markdown = changes.iter().all(|c| c.kind == ChangeKind::Content);
    if can_patch && only_markdown {
        return Plan::Documents(changes.iter().map(|c| c.path.clone()).collect());
    }
    let only_html_templates = changes
        .iter()
        .all(|c| c.kind == ChangeKind::Template && c.path.ends_with(".html"));
    if can_patch && only_html_templates {
        return Plan::Templates;
    }
    if can_patch && changes.iter().all(|c| c.kind == ChangeKind::Config) {
        return Plan::Config;
    }
    let css_only = changes.iter().all(|c| c.kind == ChangeKind::Style);
    Plan::Everything { css_only }
}

/// A set of pages of one assembled site, by what they show (indices stay
/// valid as long as no document moves).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PageSet {
    /// Write-up pages: indices into `Site::posts`.
    pub posts: BTreeSet<usize>,
    /// Home pagers: 1-based pager numbers.
    pub home: BTreeSet<usize>,
    /// Strategy pagers: (index into `Site::strategies`, 1-based pager number).
    pub strategy_pagers: BTreeSet<(usize, usize)>,
    /// Plain pages: indices into `Site::pages`.
    pub pages: BTreeSet<usize>,
    /// `/lessons/`.
    pub lessons: bool,
    /// `/progress/`.
    pub progress: bool,
    /// `/faq/`.
    pub faq: bool,
    /// Atom feeds: the site's (`None`) or a strategy's (index into `Site::strategies`).
    pub feeds: BTreeSet<Option<usize>>,
    /// `/progress/atom.xml`.
    pub progress_feed: bool,
    /// `sitemap.xml`.
    pub sitemap: bool,
}

impl PageSet {
    /// Whether `job` renders one of these pages.
    pub fn contains(&self, job: &Job) -> bool {
        match job {
            Job::Home(pager) => self.home.contains(&pager.index),
            Job::Post(i) => self.posts.contains(i),
            Job::Strategy(s, pager) => self.strategy_pagers.contains(&(*s, pager.index)),
            Job::Lessons => self.lessons,
            Job::Progress => self.progress,
            Job::Faq => self.faq,
            Job::Page(i) => self.pages.contains(i),
            Job::Strategies | Job::Search | Job::NotFound => false,
        }
    }

    /// Adds the page `job` renders.
    pub fn insert(&mut self, job: &Job) {
        match job {
            Job::Home(pager) => {
                self.home.insert(pager.index);
            }
            Job::Post(i) => {
                self.posts.insert(*i);
            }
            Job::Strategy(s, pager) => {
                self.strategy_pagers.insert((*s, pager.index));
            }
            Job::Lessons => self.lessons = true,
            Job::Progress => self.progress = true,
            Job::Faq => self.faq = true,
            Job::Page(i) => {
                self.pages.insert(*i);
            }
            Job::Strategies | Job::Search | Job::NotFound => {}
        }
    }

    /// Adds the pages of `other`.
    pub fn merge(&mut self, other: PageSet) {
        self.posts.extend(other.posts);
        self.home.extend(other.home);
        self.strategy_pagers.extend(other.strategy_pagers);
        self.pages.extend(other.pages);
        self.lessons |= other.lessons;
        self.progress |= other.progress;
        self.faq |= other.faq;
        self.feeds.extend(other.feeds);
        self.progress_feed |= other.progress_feed;
        self.sitemap |= other.sitemap;
    }
}

/// Whether a write-up that changed from `old` to `new` moved in the site
/// (see [`plan_rebuild`]): then every list around it changes.
pub fn writeup_moved(old: &Post, new: &Post) -> bool {
    let (a, b) = (&old.writeup, &new.writeup);
    a.doc.path != b.doc.path
        || a.doc.slug != b.doc.slug
        || a.date != b.date
        || old.strategy_ids != new.strategy_ids
        || a.lesson.is_some() != b.lesson.is_some()
        || a.doc.aliases != b.doc.aliases
        || a.growth
            .repeats
            .iter()
            .map(|r| &r.target)
            .ne(b.growth.repeats.iter().map(|r| &r.target))
}

/// The pages of `site` that show write-up `index`, which changed from
/// `old` to `new` without moving (see [`plan_rebuild`]); `card_changed`
/// says whether what lists show of it (its card, as `render::context`
/// builds it) differs.
pub fn pages_showing_writeup(
    site: &Site,
    index: usize,
    old: &Post,
    new: &Post,
    card_changed: bool,
) -> PageSet {
    let mut pages = PageSet::default();
    pages.posts.insert(index);
    let (a, b) = (&old.writeup, &new.writeup);
    let title_changed = a.doc.title != b.doc.title;
    if card_changed {
        for job in jobs(site).iter().filter(|job| shows_card(site, job, index)) {
            pages.insert(job);
        }
    }
    if title_changed {
        pages.posts.extend(old.previous);
        pages.posts.extend(old.next);
    }
    let feed_limit = site.config.feed_limit;
    if index < feed_limit {
        pages.feeds.insert(None);
    }
    for &strategy in &new.strategy_ids {
        let term = &site.strategies[strategy];
        if term.posts.iter().take(feed_limit).any(|&p| p == index) {
            pages.feeds.insert(Some(strategy));
        }
    }
    pages.sitemap = a.updated != b.updated;
    pages.lessons = title_changed || a.lesson != b.lesson;
    // The growth loop: `/progress/` counts severities and goals and lists
    // goals and revisits with their write-up's title; its feed shows the
    // title and the lesson; the pages of the same mistake made before and
    // again show the title; the lessons index shows the latest outcome.
    let growth_changed = a.growth != b.growth;
    let in_loop = !a.growth.goals.is_empty() || !a.growth.revisits.is_empty();
    pages.progress = a.severity != b.severity || growth_changed || (title_changed && in_loop);
    pages.progress_feed = growth_changed || ((title_changed || a.lesson != b.lesson) && in_loop);
    if title_changed {
        pages
            .posts
            .extend(old.made_before.iter().chain(&old.made_again));
    }
    if a.growth.latest_revisit() != b.growth.latest_revisit() {
        pages.lessons = true;
    }
    pages.faq = !same_faq(&old.faq, &new.faq) || (title_changed && !new.faq.is_empty());
    pages
}

fn same_faq(a: &[FaqItem], b: &[FaqItem]) -> bool {
    a.len() == b.len()
        && a.iter().zip(b).all(|(x, y)| {
            x.question == y.question && x.answer_html == y.answer_html && x.anchor == y.anchor
        })
}

#[cfg(test)]
mod tests;
