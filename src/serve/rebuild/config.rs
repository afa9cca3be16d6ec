//! The config fast path: growthsite.yaml changed in what the pages only
//! show (the title, description, author, menu, `extra`, or what only
//! `deploy` reads) -> the last good build's documents kept (nothing read,
//! parsed or assembled again), every page rendered again with the new
//! config, the open ones first, as the template fast path does. A change
//! to anything that decides what the documents are or where they go
//! (base_url, strategies, language, strings, theme, paginate_by,
//! feed_limit) is a full build's job.

use std::sync::Arc;

use super::{Rebuilder, Rebuilt, Served};
use crate::config::{Config, load_config};
use crate::diag::{Diagnostics, plural};
use crate::render::context::SharedValues;
use crate::render::{MemorySink, OutputSink, render_feed, render_progress_feed};

impl Rebuilder {
    /// Reads the config again and, when only what the pages show changed,
    /// renders the pages `first` (and the home page) with it, and the
    /// feeds; the other pages are left for [`Rebuilder::render_rest`]
    /// (with every social card when the title, which they show, changed).
    /// `None` when this path cannot be taken (no good build, the config
    /// unreadable or with errors, a change that moves documents): rebuild
    /// everything instead, which reports the errors.
    pub fn rebuild_config(&mut self, first: &[String]) -> Option<Rebuilt> {
        let mut options = self.options.clone();
        options.base_url = Some(format!("{}{}", self.origin, self.base_path()));
        let file = options.display_path(&options.config_path);
        let base_url = options.base_url.as_deref();
        let loaded = load_config(&options.root, &options.config_path, &file, base_url);
        let (config, _) = loaded.ok()?.ok()?;
        let good = self.last_good.as_mut()?;
        if !only_shown_fields_differ(&good.site.config, &config) {
            return None;
        }
        let title_changed = good.site.config.title != config.title;
        Arc::make_mut(&mut good.site).config = config;
        let site = &good.site;
        good.shared.globals = SharedValues::global_values(&good.shared, site);
        let (now, rest) = self.split_first(first)?;
        let good = self.last_good.as_ref()?;
        let site = &good.site;
        let sink = MemorySink::default();
        let tera = good.templates.tera.clone();
        let origins = &good.templates.origins;
        let problems =
            crate::render::render_pages_with(site, &good.shared, tera, origins, &now, &sink);
        if problems.iter().any(crate::diag::Diagnostic::is_error) {
            return Some(self.template_errors(problems, now.len()));
        }
        // The feeds show the title, description and author.
        for strategy in std::iter::once(None).chain((0..site.strategies.len()).map(Some)) {
            sink.accept(render_feed(site, strategy));
        }
        sink.accept(render_progress_feed(site));
        self.render_problems = problems;
        self.rest = rest;
        self.rest_cards = title_changed;
        self.pending = super::PageSet::default();
        let mut diagnostics = Diagnostics::new();
        diagnostics.extend(self.render_problems.iter().cloned());
        let pages = now.len();
        Some(Rebuilt {
            served: Served::Patch(sink.into_files()),
            diagnostics,
            errors: self.error_lines(),
            summary: format!("config, {pages} page{} first", plural(pages)),
        })
    }
}

/// Whether `old` and `new` differ only in what pages show or `deploy`
/// reads: the two compared whole with those fields set alike, so that a
/// field added to `Config` later takes the safe path (a full build).
fn only_shown_fields_differ(old: &Config, new: &Config) -> bool {
    let mut new = new.clone();
    new.title.clone_from(&old.title);
    new.description.clone_from(&old.description);
    new.author.clone_from(&old.author);
    new.menu.clone_from(&old.menu);
    new.extra.clone_from(&old.extra);
    new.cname.clone_from(&old.cname);
    new.deploy_branch.clone_from(&old.deploy_branch);
    match (serde_json::to_value(old), serde_json::to_value(&new)) {
        (Ok(old), Ok(new)) => old == new,
        _ => false,
    }
}
