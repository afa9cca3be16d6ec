//! Rendering pages from templates: a few pages a task, each task spawned
//! on a scope that may run other work too (a build's indexes).

use std::sync::Mutex;

use tera::Tera;

use super::bodies::Bodies;
use super::context::SharedValues;
use super::shared_parts::SharedParts;
use super::templates::{TemplateOrigins, template_diagnostic};
use super::{Job, OutputSink, render_job};
use crate::assemble::{FaqItem, Site};
use crate::diag::{Diagnostic, Kind};

/// Pages rendered at a time, by one task: small, so that a thread waiting
/// for the search index's counting (and taking other work meanwhile) soon
/// comes back to it.
const PAGES_PER_TASK: usize = 16;

/// What rendering a set of pages reads.
pub(super) struct Pages<'a> {
    site: &'a Site,
    shared: &'a SharedValues,
    tera: Tera,
    origins: &'a TemplateOrigins,
    jobs: &'a [Job],
    sink: &'a dyn OutputSink,
    bodies: &'a Bodies<'a>,
    site_faq: Vec<FaqItem>,
    parts: SharedParts,
    /// Indices into `jobs`, in the order they render.
    order: Vec<usize>,
}

impl<'a> Pages<'a> {
    /// The pages of `jobs`, with the globals set; `Err` with the problems
    /// when a template they need is missing.
    pub(super) fn new(
        site: &'a Site,
        shared: &'a SharedValues,
        mut tera: Tera,
        origins: &'a TemplateOrigins,
        jobs: &'a [Job],
        sink: &'a dyn OutputSink,
        bodies: &'a Bodies<'a>,
    ) -> Result<Self, Vec<Diagnostic>> {
        let problems = missing_templates(&tera, jobs);
        if !problems.is_empty() {
            return Err(problems);
        }
        for (key, value) in &shared.globals {
            tera.global_context().insert_value(*key, value.clone());
        }
        let parts = SharedParts::new(&mut tera, origins, site);
        Ok(Pages {
            site,
            shared,
            tera,
            origins,
            jobs,
            sink,
            bodies,
            site_faq: site_faq_items(site),
            parts,
            order: render_order(site, jobs),
        })
    }

    /// Renders every page on `scope`, a few pages a task, in
    /// [`render_order`] but for the pages that list the whole site; the
    /// problems go to `found` with their page's number.
    pub(super) fn spawn<'s>(&'s self, scope: &rayon::ScopeFifo<'s>, found: &'s Found)
    where
        'a: 's,
    {
        let render = move |n: usize| {
            let Pages { site, tera, .. } = self;
            let shared = (self.shared, &self.parts);
            let job = &self.jobs[n];
            match render_job(site, tera, shared, &self.site_faq, job, self.bodies) {
                Ok(file) => self.sink.accept(file),
                Err(e) => {
                    let problem = template_diagnostic(&e, self.origins);
                    lock(found).push((n, problem));
                }
            }
        };
        // Each takes as long as a thousand write-ups or more (megabytes of
        // HTML, one thread): last in the queue, they ran alone at the end;
        // first, they added to the memory the render starts with (every
        // body still held). A fifth of the pages after them keeps the
        // other cores busy meanwhile. One task renders them one after the
        // other: two at once (lessons and FAQ) put their contexts and HTML
        // in memory together, the 100,000-write-up peak.
        let whole_site =
            |&n: &usize| matches!(self.jobs[n], Job::Lessons | Job::Faq | Job::Progress);
        let (alone, rest): (Vec<usize>, Vec<usize>) =
            self.order.iter().copied().partition(whole_site);
        let chunks: Vec<&[usize]> = rest.chunks(PAGES_PER_TASK).collect();
        // (`serve` may render one of them alone: then `at` is 0)
        let at = chunks.len() * 4 / 5;
        for c in 0..=chunks.len() {
            if c == at && !alone.is_empty() {
                let alone = alone.clone();
                scope.spawn_fifo(move |_| alone.into_iter().for_each(render));
            }
            if let Some(chunk) = chunks.get(c) {
                let chunk = chunk.to_vec();
                scope.spawn_fifo(move |_| chunk.into_iter().for_each(render));
            }
        }
    }
}

/// Problems found by page number.
pub(super) type Found = Mutex<Vec<(usize, Diagnostic)>>;

/// The problems in page order, as a sequential render finds them.
pub(super) fn sorted(found: Found) -> Vec<Diagnostic> {
    let mut found = found.into_inner().unwrap_or_else(|p| p.into_inner());
    found.sort_by_key(|(n, _)| *n);
    found.into_iter().map(|(_, problem)| problem).collect()
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

/// The order pages render in: by the newest write-up each shows (its
/// own, or the first of its list), so that the pages showing a write-up's
/// card render close together, and a build frees the card soon after it
/// made it (`context::cards`); pages that show no card last, as listed.
fn render_order(site: &Site, jobs: &[Job]) -> Vec<usize> {
    let first = |job: &Job| match job {
        Job::Home(pager) => pager.items.start,
        Job::Post(i) => *i,
        Job::Strategy(s, pager) => site.strategies[*s]
            .posts
            .get(pager.items.start)
            .copied()
            .unwrap_or(usize::MAX),
        _ => usize::MAX,
    };
    let mut order: Vec<usize> = (0..jobs.len()).collect();
    // Stable: a list's pager before the write-up it starts with.
    order.sort_by_key(|&n| first(&jobs[n]));
    order
}

fn missing_templates(tera: &Tera, jobs: &[Job]) -> Vec<Diagnostic> {
    jobs.iter()
        .map(Job::template)
        .collect::<std::collections::BTreeSet<_>>()
        .into_iter()
        .filter(|name| !tera.contains_template(name))
        .map(|name| {
            Diagnostic::error(
                Kind::MissingTemplate,
                crate::diag::Span::file(format!("templates/{name}")),
                format!("template `{name}` is missing"),
            )
            .with_hint("add it to your theme or templates/ folder")
        })
        .collect()
}

fn site_faq_items(site: &Site) -> Vec<FaqItem> {
    site.faq_page
        .as_ref()
        .map(|page| page.faq.clone())
        .unwrap_or_default()
}
