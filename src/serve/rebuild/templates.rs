//! The template fast path: changed HTML templates -> the pages of the last
//! good build rendered again with them, the documents kept as they are
//! (nothing is read, parsed or assembled again). The pages open in the
//! browser are rendered first, so that their reload comes at once; the rest
//! of the site follows ([`Rebuilder::render_rest`]) while the server holds
//! requests for pages not rendered yet.

use std::collections::BTreeSet;

use super::{Rebuilder, Rebuilt, Served};
use crate::cards::CARD_TEMPLATE;
use crate::cards::render::render_cards;
use crate::diag::{Diagnostic, Diagnostics, plural};
use crate::load::load_templates;
use crate::render::templates::build_templates;
use crate::render::{Job, MemorySink, OutputFile, OutputSink, job_file, jobs, render_pages_with};

/// The page rendered first even when no page was asked for yet: the one a
/// preview opens on.
const HOME: &str = "index.html";

impl Rebuilder {
    /// Parses the templates again and renders the pages `first` (output
    /// paths, `mistakes/a/index.html`: those open in the browser) and the
    /// home page with them; every other page is left for
    /// [`Rebuilder::render_rest`]. `None` when this path cannot be taken (no
    /// good build, a template unreadable, the social card's template
    /// changed or built from others, which only a full build redraws):
    /// rebuild everything instead.
    pub fn rebuild_templates(&mut self, first: &[String]) -> Option<Rebuilt> {
        let good = self.last_good.as_ref()?;
        let theme = &good.site.config.theme;
        let loaded = load_templates(&self.options.root, theme);
        if !loaded.problems.is_empty() {
            return None;
        }
        let urls = &good.templates.urls;
        let built = build_templates(&loaded.theme_templates, &loaded.site_templates, theme, urls);
        let (tera, origins) = match built {
            Ok(built) => built,
            Err(problems) => return Some(self.template_errors(problems, 0)),
        };
        let old_card = good.templates.origins.text_of(CARD_TEMPLATE);
        let new_card = origins.text_of(CARD_TEMPLATE);
        // The card is drawn from card.svg: when it changed, or may take
        // parts of other templates, its 10,000 images are a full build's job.
        let card_alone = new_card.is_none_or(|text| {
            !["include", "extends", "import"]
                .iter()
                .any(|w| text.contains(w))
        });
        if old_card != new_card || !card_alone {
            return None;
        }
        let (now, rest) = self.split_first(first)?;
        let good = self.last_good.as_ref()?;
        let sink = MemorySink::default();
        let problems = render_pages_with(
            &good.site,
            &good.shared,
            tera.clone(),
            &origins,
            &now,
            &sink,
        );
        if problems.iter().any(Diagnostic::is_error) {
            return Some(self.template_errors(problems, now.len()));
        }
        let good = self.last_good.as_mut()?;
        good.templates.tera = tera;
        good.templates.origins = origins;
        self.render_problems = problems;
        self.rest = rest;
        // Every page is rendered again: none is pending any more.
        self.pending = super::PageSet::default();
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(self.render_problems.iter().cloned());
        Some(Rebuilt {
            served: Served::Patch(sink.into_files()),
            diagnostics,
            errors: self.error_lines(),
            summary: format!("templates, {} page{} first", now.len(), plural(now.len())),
        })
    }

    /// Every page of the last good build, split into those to render first
    /// (`first`, output paths, and the home page) and the rest.
    pub(super) fn split_first(&self, first: &[String]) -> Option<(Vec<Job>, Vec<Job>)> {
        let site = &self.last_good.as_ref()?.site;
        let wanted: BTreeSet<&str> = first.iter().map(String::as_str).chain([HOME]).collect();
        Some(
            jobs(site)
                .into_iter()
                .partition(|job| wanted.contains(job_file(site, job).as_str())),
        )
    }

    /// Whether pages are left for [`Rebuilder::render_rest`].
    pub fn has_rest(&self) -> bool {
        !self.rest.is_empty() || self.rest_cards
    }

    /// Renders the pages [`Rebuilder::rebuild_templates`] left, with the new
    /// templates. A template error in one of them is shown as any rebuild's
    /// (the pages already served stay), and the next change rebuilds
    /// everything.
    pub fn render_rest(&mut self) -> Rebuilt {
        let rest = std::mem::take(&mut self.rest);
        let cards = std::mem::take(&mut self.rest_cards);
        let sink = MemorySink::default();
        let mut problems = match &self.last_good {
            Some(good) => render_pages_with(
                &good.site,
                &good.shared,
                good.templates.tera.clone(),
                &good.templates.origins,
                &rest,
                &sink,
            ),
            None => Vec::new(),
        };
        if let Some(good) = self.last_good.as_ref().filter(|_| cards) {
            let cache = crate::cache::cache_dir(&self.options.root, "cards");
            let (tera, origins) = (&good.templates.tera, &good.templates.origins);
            let published = self.published_url();
            let (site, published) = (&good.site, published.as_deref());
            let (files, more, _) = render_cards(site, tera, origins, &cache, true, None, published);
            problems.extend(more);
            files.into_iter().for_each(|file| sink.accept(file));
        }
        let files: Vec<OutputFile> = sink.into_files();
        if problems.iter().any(Diagnostic::is_error) {
            let mut rebuilt = self.template_errors(problems, rest.len());
            rebuilt.served = Served::Patch(files);
            return rebuilt;
        }
        self.render_problems.extend(problems);
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(self.render_problems.iter().cloned());
        Rebuilt {
            served: Served::Patch(files),
            diagnostics,
            errors: self.error_lines(),
            summary: format!("{} more page{}", rest.len(), plural(rest.len())),
        }
    }

    /// A template change that failed: its errors are shown, the pages
    /// served stay as they were, and the next change rebuilds everything
    /// (which reports the errors as a build does, until they are fixed).
    pub(super) fn template_errors(&mut self, problems: Vec<Diagnostic>, pages: usize) -> Rebuilt {
        self.render_problems = problems;
        self.rest.clear();
        self.rest_cards = false;
        self.last_good = None;
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(self.render_problems.iter().cloned());
        Rebuilt {
            served: Served::Nothing,
            diagnostics,
            errors: self.error_lines(),
            summary: format!("templates, {pages} page{}", plural(pages)),
        }
    }
}
