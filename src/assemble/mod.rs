//! Stage 3, pure: parsed and rendered documents + config -> `Site`, the
//! whole blog as data: write-ups newest first with their neighbours and
//! related write-ups and repeats, the strategies taxonomy, the lessons
//! index, the FAQ and the progress of the growth loop (judged on the build
//! date). Nothing here knows about templates or files.

mod faq;
pub mod paths;
pub mod progress;
mod related;
mod repeats;
mod taxonomy;

use crate::config::Config;
use crate::diag::Diagnostic;
use crate::parse::date::Date;
use crate::parse::documents::{RenderedDocuments, RenderedPage};
use crate::parse::markdown::Rendered;
use crate::parse::{Page, Writeup};

/// A question and its answer, ready to show.
#[derive(Debug, Clone)]
pub struct FaqItem {
    /// Plain-text question.
    pub question: String,
    /// Answer as HTML.
    pub answer_html: String,
    /// Id on the FAQ page (and on the write-up), unique across the FAQ page.
    pub anchor: String,
}

/// A write-up with its rendered body.
#[derive(Debug, Clone)]
pub struct Post {
    /// The parsed front matter and body.
    pub writeup: Writeup,
    /// The body as HTML, its TOC and word count.
    pub rendered: Rendered,
    /// The summary shown in lists (front matter `summary`, `<!-- more -->` or first paragraph).
    pub summary_html: String,
    /// Its questions.
    pub faq: Vec<FaqItem>,
    /// Indices into `Site::strategies` of the strategies it used (known ones only).
    pub strategy_ids: Vec<usize>,
    /// The slugs it names that growthsite.yaml does not list (a warning;
    /// the page shows them unlinked).
    pub unknown_strategies: Vec<String>,
    /// Index of the write-up published just before it.
    pub previous: Option<usize>,
    /// Index of the write-up published just after it.
    pub next: Option<usize>,
    /// Indices of up to three write-ups that share the most strategies.
    pub related: Vec<usize>,
    /// Each revisit's note as HTML, in the order written.
    pub revisit_notes: Vec<String>,
    /// Indices of earlier write-ups of the same mistake (`repeats`, either way).
    pub made_before: Vec<usize>,
    /// Indices of later write-ups of the same mistake.
    pub made_again: Vec<usize>,
}

/// A plain page or the FAQ page, rendered.
#[derive(Debug, Clone)]
pub struct PlainPage {
    /// The parsed front matter and body.
    pub page: Page,
    /// The body as HTML.
    pub rendered: Rendered,
    /// Its questions (the FAQ page's site-wide questions).
    pub faq: Vec<FaqItem>,
}

/// One strategy of the taxonomy with the write-ups that used it.
#[derive(Debug, Clone)]
pub struct Term {
    /// From growthsite.yaml.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// One sentence.
    pub description: String,
    /// Indices into `Site::posts`, newest first.
    pub posts: Vec<usize>,
}

/// The lessons of one strategy.
#[derive(Debug, Clone)]
pub struct LessonGroup {
    /// Index into `Site::strategies`.
    pub strategy: usize,
    /// (index into `Site::posts`, stable anchor) for each write-up with a lesson, newest first.
    pub entries: Vec<(usize, String)>,
}

/// The whole blog as data.
#[derive(Debug, Clone)]
pub struct Site {
    /// The configuration, with overrides applied.
    pub config: Config,
    /// Every published write-up, newest first (ties broken by slug).
    pub posts: Vec<Post>,
    /// Plain pages, by path.
    pub pages: Vec<PlainPage>,
    /// content/faq.md, when present.
    pub faq_page: Option<PlainPage>,
    /// The taxonomy in config order.
    pub strategies: Vec<Term>,
    /// Lessons grouped by strategy, in config order; strategies without lessons are left out.
    pub lessons: Vec<LessonGroup>,
    /// The date goals are judged against (`SOURCE_DATE_EPOCH` or today).
    pub build_date: Date,
    /// What `/progress/` shows.
    pub progress: progress::Progress,
}

impl Site {
    /// The rendered body of every published document: write-ups, plain
    /// pages, then the FAQ page.
    pub fn rendered(&self) -> impl Iterator<Item = &Rendered> {
        let pages = self.pages.iter().chain(&self.faq_page);
        let posts = self.posts.iter().map(|p| &p.rendered);
        posts.chain(pages.map(|p| &p.rendered))
    }
}

/// Puts the site together; goals are judged on `build_date`. Unknown
/// strategies are reported as warnings with the closest known slug.
pub fn assemble_site(
    config: Config,
    documents: RenderedDocuments,
    build_date: Date,
) -> (Site, Vec<Diagnostic>) {
    let RenderedDocuments {
        mut writeups,
        pages,
        faq,
    } = documents;
    writeups.sort_by(|a, b| Writeup::newest_first(&a.writeup, &b.writeup));
    let (strategy_ids, problems) = taxonomy::resolve_strategies(&config, &writeups);
    let count = writeups.len();
    let mut posts: Vec<Post> = writeups
        .into_iter()
        .zip(strategy_ids)
        .enumerate()
        .map(|(i, (w, resolved))| Post {
            faq: faq::writeup_items(&w.writeup.doc.slug, w.faq),
            writeup: w.writeup,
            rendered: w.rendered,
            summary_html: w.summary_html,
            strategy_ids: resolved.ids,
            unknown_strategies: resolved.unknown,
            // Newest first: the write-up before this one in time is the next index.
            previous: (i + 1 < count).then_some(i + 1),
            next: i.checked_sub(1),
            related: Vec::new(),
            revisit_notes: w.revisit_notes,
            made_before: Vec::new(),
            made_again: Vec::new(),
        })
        .collect();
    repeats::link_repeats(&mut posts);
    let related = related::related_posts(&posts, 3);
    for (post, related) in posts.iter_mut().zip(related) {
        post.related = related;
    }
    let strategies = taxonomy::terms(&config, &posts);
    let lessons = taxonomy::lesson_groups(&strategies, &posts);
    let progress = progress::progress(&posts, strategies.len(), build_date);
    let site = Site {
        config,
        posts,
        pages: pages.into_iter().map(plain_page).collect(),
        faq_page: faq.map(plain_page),
        strategies,
        lessons,
        build_date,
        progress,
    };
    (site, problems)
}

/// A rendered plain page (or the FAQ page) as the site shows it: its
/// questions get the FAQ page's anchors.
pub fn plain_page(rendered: RenderedPage) -> PlainPage {
    PlainPage {
        faq: faq::site_items(rendered.faq),
        page: rendered.page,
        rendered: rendered.rendered,
    }
}
