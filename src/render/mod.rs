//! Stage 4, pure given the templates: `Site` -> output files. HTML pages are
//! rendered in parallel from one parsed template set; feeds, the sitemap
//! and robots.txt are written directly.

pub mod assets;
pub mod bodies;
pub mod charts;
pub mod context;
pub mod feed;
mod feed_html;
pub mod jobs;
pub mod origins;
pub mod output;
mod pages;
pub mod paginate;
pub mod progress;
pub mod progress_charts;
pub mod progress_feed;
pub mod redirect;
pub mod search;
pub mod shared_parts;
pub mod sitemap;
pub mod template_errors;
pub mod templates;
pub mod theme;

use std::sync::Mutex;

use rayon::prelude::*;
use tera::{Context, Tera, Value};

use crate::assemble::{FaqItem, Site};
use crate::diag::Diagnostic;
use bodies::Bodies;
use context::{SharedValues, object};
use jobs::file_of_path;
pub use jobs::{Job, RESERVED_PATHS, job_file, job_path, jobs};
use output::bytes_file;
pub use output::{MemorySink, OutputBody, OutputFile, OutputSink};
use pages::{Pages, sorted};
use paginate::paginator_value;
use sitemap::SitemapEntry;
use templates::TemplateOrigins;

/// Renders every page, feed and index of the site into `sink`; returns the
/// problems found and the number of HTML pages. The feeds go first, before
/// the bodies are taken; then the indexes (the search index, the sitemap)
/// render while the pages do, so that the index's serial parts leave no
/// core idle. Unless `keep_bodies`, each body is taken out of `site` and
/// freed once its page and the search index have read it, so a build never
/// holds every body and every page's links at once (the 100,000-write-up
/// peak).
pub fn render_site(
    site: &mut Site,
    tera: Tera,
    origins: &TemplateOrigins,
    sink: &dyn OutputSink,
    keep_bodies: bool,
) -> (Vec<Diagnostic>, usize) {
    let jobs = jobs(site);
    feeds(site)
        .into_par_iter()
        .for_each(|file| sink.accept(file));
    let taken = (!keep_bodies).then(|| bodies::take(site));
    let site = &*site;
    let bodies = match taken {
        Some(taken) => Bodies::taken(site, taken),
        None => Bodies::kept(site),
    };
    let shared = SharedValues::for_render(site);
    let pages = Pages::new(site, &shared, tera, origins, &jobs, sink, &bodies);
    let found = Mutex::new(Vec::new());
    rayon::scope_fifo(|scope| {
        scope.spawn_fifo(|_| render_indexes(site, &jobs, sink, &bodies));
        if let Ok(pages) = &pages {
            pages.spawn(scope, &found);
        }
    });
    let problems = match pages {
        Ok(_) => sorted(found),
        // Missing templates are reported once.
        Err(missing) => missing,
    };
    (problems, jobs.len())
}

/// Renders the given pages only, into `sink` (`serve` re-renders the pages
/// a change affects); returns the problems found, missing templates first.
pub fn render_pages(
    site: &Site,
    tera: Tera,
    origins: &TemplateOrigins,
    jobs: &[Job],
    sink: &dyn OutputSink,
) -> Vec<Diagnostic> {
    let shared = SharedValues::new(site);
    render_pages_with(site, &shared, tera, origins, jobs, sink)
}

/// [`render_pages`] with the shared values (cards, globals) already built:
/// `serve` keeps them from one rebuild to the next and rebuilds only the
/// cards of the write-ups that changed.
pub fn render_pages_with(
    site: &Site,
    shared: &SharedValues,
    tera: Tera,
    origins: &TemplateOrigins,
    jobs: &[Job],
    sink: &dyn OutputSink,
) -> Vec<Diagnostic> {
    let bodies = Bodies::kept(site);
    match Pages::new(site, shared, tera, origins, jobs, sink, &bodies) {
        Ok(pages) => {
            let found = Mutex::new(Vec::new());
            rayon::scope_fifo(|scope| pages.spawn(scope, &found));
            sorted(found)
        }
        Err(missing) => missing,
    }
}

/// The files that index the whole site but for the feeds: the progress
/// feed, `sitemap.xml` (of `jobs`, every page of the site), the search
/// index and `robots.txt`.
pub fn render_indexes(site: &Site, jobs: &[Job], sink: &dyn OutputSink, bodies: &Bodies) {
    sink.accept(render_progress_feed(site));
    sink.accept(render_sitemap(site, jobs));
    search::search_index(site, bodies, sink);
    sink.accept(bytes_file(
        "robots.txt",
        sitemap::robots_txt(&site.config.base_url),
    ));
}

fn render_job(
    site: &Site,
    tera: &Tera,
    (shared, parts): (&SharedValues, &shared_parts::SharedParts),
    site_faq: &[FaqItem],
    job: &Job,
    bodies: &Bodies,
) -> tera::TeraResult<OutputFile> {
    let path = job_path(site, job);
    let mut body_len = 0;
    let mut context = Context::new();
    let current_path = format!("{}{path}", shared.base_path);
    parts.fill(&mut context, &current_path)?;
    context.insert_value("current_path", current_path.into());
    context.insert_value("current_url", format!("{}{path}", shared.base_url).into());
    match job {
        Job::Home(pager) => {
            let cards = pager
                .items
                .clone()
                .map(|i| shared.card_at(site, i))
                .collect();
            let count = site.posts.len();
            let pagers = count.div_ceil(site.config.paginate_by).max(1);
            context.insert_value(
                "paginator",
                paginator_value(pager, pagers, count, "", &shared.base_path, cards),
            );
        }
        Job::Post(i) => {
            // The context holds a copy: this read ends here.
            let body = bodies.get(*i);
            body_len = body.len();
            context.insert_value("page", shared.full_post_with(site, *i, &body));
        }
        Job::Strategies => {}
        Job::Strategy(i, pager) => {
            let term = &site.strategies[*i];
            let cards: Vec<Value> = term.posts[pager.items.clone()]
                .iter()
                .map(|&p| shared.card_at(site, p))
                .collect();
            let prefix = format!("strategies/{}/", term.slug);
            let pagers = term.posts.len().div_ceil(site.config.paginate_by).max(1);
            context.insert_value(
                "paginator",
                paginator_value(
                    pager,
                    pagers,
                    term.posts.len(),
                    &prefix,
                    &shared.base_path,
                    cards,
                ),
            );
            context.insert_value("strategy", shared.strategy(term));
        }
        Job::Lessons => context.insert_value("lessons", shared.lessons(site)),
        Job::Progress => context.insert_value("progress", progress::progress_value(site, shared)),
        Job::Faq => {
            let page = match &site.faq_page {
                Some(page) => shared.plain_page(page),
                None => default_faq_page(shared),
            };
            context.insert_value("page", page);
            context.insert_value("faqs", shared.faqs(site, site_faq));
        }
        Job::Page(i) => context.insert_value("page", shared.plain_page(&site.pages[*i])),
        Job::Search | Job::NotFound => {}
    }
    // Room for the theme around the body, so the buffer rarely grows.
    let mut html = Vec::with_capacity(body_len + 24 * 1024);
    tera.render_to(job.template(), &context, &mut html)?;
    Ok(OutputFile {
        path: file_of_path(path),
        body: OutputBody::Bytes(html),
    })
}

/// `/faq/` exists even when the site has no content/faq.md: it still
/// gathers the write-ups' questions.
fn default_faq_page(shared: &SharedValues) -> Value {
    object([
        ("title", shared.strings.get("faq_title").into()),
        ("slug", "faq".into()),
        ("url", format!("{}faq/", shared.base_path).into()),
        ("permalink", format!("{}faq/", shared.base_url).into()),
        ("content", Value::safe_string("")),
        ("summary", Value::safe_string("")),
        ("toc", Value::from(Vec::<Value>::new())),
        ("extra", Value::from(tera::Map::new())),
        ("source", "content/faq.md".into()),
        ("description", Value::none()),
    ])
}

fn feeds(site: &Site) -> Vec<OutputFile> {
    // 0 is the whole site's, then one per strategy.
    (0..=site.strategies.len())
        .into_par_iter()
        .map(|n| render_feed(site, n.checked_sub(1)))
        .collect()
}

/// The Atom feed of the whole site (`None`) or of one strategy (an index
/// into `Site::strategies`).
pub fn render_feed(site: &Site, strategy: Option<usize>) -> OutputFile {
    match strategy {
        None => {
            let all: Vec<usize> = (0..site.posts.len()).collect();
            bytes_file(
                "atom.xml",
                feed::atom_feed(site, &all, &site.config.title, "atom.xml", ""),
            )
        }
        Some(i) => {
            let term = &site.strategies[i];
            let page_path = format!("strategies/{}/", term.slug);
            let path = format!("{page_path}atom.xml");
            let title = format!("{}: {}", site.config.title, term.name);
            let xml = feed::atom_feed(site, &term.posts, &title, &path, &page_path);
            bytes_file(path, xml)
        }
    }
}

/// `/progress/atom.xml`: goals met and revisits.
pub fn render_progress_feed(site: &Site) -> OutputFile {
    bytes_file(
        progress_feed::PROGRESS_FEED,
        progress_feed::progress_feed(site),
    )
}

/// `sitemap.xml`, listing the pages `jobs` (every page of the site).
pub fn render_sitemap(site: &Site, jobs: &[Job]) -> OutputFile {
    bytes_file(
        "sitemap.xml",
        sitemap::sitemap(&site.config.base_url, &sitemap_entries(site, jobs)),
    )
}

fn sitemap_entries(site: &Site, jobs: &[Job]) -> Vec<SitemapEntry> {
    let newest = site.posts.first().map(|p| {
        p.writeup
            .updated
            .unwrap_or(p.writeup.date)
            .max(p.writeup.date)
            .ymd()
    });
    jobs.iter()
        .filter(|job| !matches!(job, Job::NotFound))
        .map(|job| SitemapEntry {
            path: job_path(site, job),
            lastmod: match job {
                Job::Post(i) => {
                    let w = &site.posts[*i].writeup;
                    Some(w.updated.unwrap_or(w.date).max(w.date).ymd())
                }
                Job::Page(_) => None,
                _ => newest.clone(),
            },
        })
        .collect()
}
