//! The pages of a site, pure: which HTML pages there are ([`Job`]s, in a
//! fixed order), the template that renders each, where each is written,
//! and which pages show a write-up's card. The one place these are known:
//! the link check and `serve` ask here.

use super::paginate::{Pager, paginate};
use crate::assemble::Site;

/// An HTML page to render: one template, one context.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Job {
    /// A pager of the home list.
    Home(Pager),
    /// A write-up's page: index into `Site::posts`.
    Post(usize),
    /// `/strategies/`.
    Strategies,
    /// A pager of one strategy's list: index into `Site::strategies`.
    Strategy(usize, Pager),
    /// `/lessons/`.
    Lessons,
    /// `/progress/`.
    Progress,
    /// `/faq/`.
    Faq,
    /// A plain page: index into `Site::pages`.
    Page(usize),
    /// `/search/`.
    Search,
    /// `404.html`.
    NotFound,
}

impl Job {
    /// The template that renders this page.
    pub fn template(&self) -> &'static str {
        match self {
            Job::Home(_) => "index.html",
            Job::Post(_) => "mistake.html",
            Job::Strategies => "strategies.html",
            Job::Strategy(..) => "strategy.html",
            Job::Lessons => "lessons.html",
            Job::Progress => "progress.html",
            Job::Faq => "faq.html",
            Job::Page(_) => "page.html",
            Job::Search => "search.html",
            Job::NotFound => "404.html",
        }
    }
}

/// Paths of the pages growthsite generates itself, which content may not take.
pub const RESERVED_PATHS: &[&str] = &[
    "page/",
    "mistakes/",
    "strategies/",
    "lessons/",
    "progress/",
    "faq/",
    "search/",
];

/// Every page of the site, in a fixed order.
pub fn jobs(site: &Site) -> Vec<Job> {
    let per_page = site.config.paginate_by;
    let mut jobs: Vec<Job> = paginate(site.posts.len(), per_page, "")
        .into_iter()
        .map(Job::Home)
        .collect();
    jobs.extend((0..site.posts.len()).map(Job::Post));
    jobs.push(Job::Strategies);
    for (i, term) in site.strategies.iter().enumerate() {
        let prefix = format!("strategies/{}/", term.slug);
        jobs.extend(
            paginate(term.posts.len(), per_page, &prefix)
                .into_iter()
                .map(|p| Job::Strategy(i, p)),
        );
    }
    jobs.push(Job::Lessons);
    jobs.push(Job::Progress);
    jobs.push(Job::Faq);
    jobs.extend((0..site.pages.len()).map(Job::Page));
    jobs.push(Job::Search);
    jobs.push(Job::NotFound);
    jobs
}

/// The output path of a page (relative to the base path, `""` for home).
pub fn job_path(site: &Site, job: &Job) -> String {
    match job {
        Job::Home(pager) | Job::Strategy(_, pager) => pager.path.clone(),
        Job::Post(i) => site.posts[*i].writeup.doc.path.clone(),
        Job::Strategies => "strategies/".into(),
        Job::Lessons => "lessons/".into(),
        Job::Progress => "progress/".into(),
        Job::Faq => "faq/".into(),
        Job::Search => "search/".into(),
        Job::Page(i) => site.pages[*i].page.doc.path.clone(),
        Job::NotFound => "404.html".into(),
    }
}

/// The output file of a page: `mistakes/x/index.html`, `404.html`.
pub fn job_file(site: &Site, job: &Job) -> String {
    file_of_path(job_path(site, job))
}

pub(crate) fn file_of_path(path: String) -> String {
    if path.ends_with(".html") {
        path
    } else {
        format!("{path}index.html")
    }
}

/// Whether the page of `job` shows write-up `index` by its card: a list
/// page it is on, or a write-up that lists it as related (as
/// `render_job` builds their contexts).
pub fn shows_card(site: &Site, job: &Job, index: usize) -> bool {
    match job {
        Job::Home(pager) => pager.items.contains(&index),
        Job::Strategy(s, pager) => site.strategies[*s].posts[pager.items.clone()].contains(&index),
        Job::Post(i) => site.posts[*i].related.contains(&index),
        _ => false,
    }
}
