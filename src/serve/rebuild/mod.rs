//! Rebuilding in memory for serve: a [`Plan`](super::plan::Plan) -> a
//! [`Rebuilt`] (the files to serve from now on, the findings, and what was
//! done). A full rebuild is `pipeline::build_site`; the fast path patches
//! the last good build for changed Markdown files and renders only the
//! pages that show them (`patch.rs`). Nothing is written to disk.

mod cards;
mod config;
mod patch;
mod templates;

pub use patch::assemble_alone;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

use super::plan::PageSet;
use crate::assemble::Site;
use crate::assemble::paths::site_link_targets;
use crate::config::{base_path_of, normalize_base_url, parse_config};
use crate::diag::{Diagnostic, Diagnostics, plural};
use crate::load::walk::SiteFolder;
use crate::load::{SourceFile, load_config_text};
use crate::options::Options;
use crate::parse::markdown::LinkTargets;
use crate::parse::parse_source;
use crate::pipeline::{SiteTemplates, build_site};
use crate::render::context::SharedValues;
use crate::render::{
    Job, MemorySink, OutputBody, OutputFile, OutputSink, jobs, render_feed, render_pages_with,
    render_progress_feed, render_sitemap,
};

/// What a rebuild gives the server.
#[derive(Debug)]
pub enum Served {
    /// A whole new site, under this base path.
    All(Vec<OutputFile>, String),
    /// Changed files; the others stay as they are.
    Patch(Vec<OutputFile>),
    /// Nothing new: the rebuild failed, keep the last good site.
    Nothing,
}

/// The outcome of one rebuild.
#[derive(Debug)]
pub struct Rebuilt {
    /// What to serve from now on.
    pub served: Served,
    /// What this rebuild found, to print.
    pub diagnostics: Diagnostics,
    /// The errors of the site as it is now on disk, as the overlay shows
    /// them; empty when the rebuild succeeded.
    pub errors: Vec<String>,
    /// What was rebuilt: `1 write-up, 14 pages`.
    pub summary: String,
}

/// The last build that succeeded, kept to be patched.
struct LastGood {
    /// Shared with the search index's thread while it reads the site.
    site: Arc<Site>,
    templates: SiteTemplates,
    targets: LinkTargets,
    /// The values every page shares (cards, globals), kept so that a patch
    /// rebuilds one card rather than all of them.
    shared: SharedValues,
    /// The write-ups whose cards need the system's fonts (see `cards.rs`).
    uncovered: BTreeSet<usize>,
}

/// serve's build state: the last good build and the findings of the
/// sources as they are now, by file.
pub struct Rebuilder {
    options: Options,
    origin: String,
    last_good: Option<LastGood>,
    problems: BTreeMap<String, Vec<Diagnostic>>,
    render_problems: Vec<Diagnostic>,
    pending: PageSet,
    /// Pages the template fast path left to render, with the new templates.
    rest: Vec<Job>,
    /// Whether the rest also redraws every social card (the title changed).
    rest_cards: bool,
    /// Whether the search index is behind the pages served (see
    /// [`Rebuilder::index_job`]), and the source files changed since.
    index_due: bool,
    index_changed: BTreeSet<String>,
    /// Write-ups patched in what their social cards show, and those whose
    /// pages are served with the cards still to draw (`cards.rs`).
    cards_due: BTreeSet<usize>,
    cards_ready: BTreeSet<usize>,
}

impl Rebuilder {
    /// A rebuilder for the site of `options`, served at `origin`
    /// (`http://127.0.0.1:1111`): every absolute URL of the site is moved there.
    pub fn new(options: Options, origin: String) -> Self {
        Rebuilder {
            options,
            origin,
            last_good: None,
            problems: BTreeMap::new(),
            render_problems: Vec::new(),
            pending: PageSet::default(),
            rest: Vec::new(),
            rest_cards: false,
            index_due: false,
            index_changed: BTreeSet::new(),
            cards_due: BTreeSet::new(),
            cards_ready: BTreeSet::new(),
        }
    }

    /// The site's file at `path` (relative to the root), read by the walk's
    /// rules: one the watcher found is read as strictly as the walk's.
    fn read(&self, path: &str) -> Option<Vec<u8>> {
        let site = SiteFolder::new(&self.options.root).ok()?;
        site.read(std::path::Path::new(path)).ok()
    }

    /// Whether there is a good build to patch (the fast path is open).
    pub fn can_patch(&self) -> bool {
        self.last_good.is_some()
    }

    /// The changed stylesheets (site-relative paths under `static/` or the
    /// theme's `static/`) as output files, read from disk, so that open
    /// pages can swap them before the rebuild that follows (which only
    /// renews their `asset()` fingerprints) is done. `None` when one cannot
    /// be read, or there is no good build to know the theme from.
    pub fn stylesheets(&self, paths: &[String]) -> Option<Vec<OutputFile>> {
        let theme = &self.last_good.as_ref()?.site.config.theme;
        let theme_static = format!("themes/{theme}/static/");
        let mut files = Vec::new();
        for path in paths {
            let output = if let Some(rel) = path.strip_prefix("static/") {
                rel
            } else if let Some(rel) = path.strip_prefix(&theme_static) {
                // The site's own static/ file of that name wins.
                if self.options.root.join("static").join(rel).exists() {
                    continue;
                }
                rel
            } else {
                continue; // another theme's: not part of the site
            };
            let bytes = self.read(path)?;
            files.push(OutputFile {
                path: output.to_string(),
                body: OutputBody::Bytes(bytes),
            });
        }
        Some(files)
    }

    /// Where the site is served: the base URL's path, from `--base-url`
    /// or the config (`/` when the config cannot be read).
    pub fn base_path(&self) -> String {
        self.published_url()
            .map_or_else(|| "/".to_string(), |url| normalized_base_path(&url))
    }

    /// Where the site is published: `--base-url` or the config's (`None`
    /// when the config cannot be read). Social cards show it rather than
    /// the preview's address, so serve draws the cards `build` drew.
    fn published_url(&self) -> Option<String> {
        if let Some(url) = &self.options.base_url {
            return Some(url.clone());
        }
        let config_file = self.options.display_path(&self.options.config_path);
        load_config_text(&self.options.config_path, &self.options.root)
            .ok()
            .and_then(|text| parse_config(&config_file, &text).ok())
            .map(|config| config.base_url)
    }

    /// Builds the whole site again. `Err` only when the build cannot start
    /// at all (no config file).
    pub fn rebuild_everything(&mut self) -> crate::error::Result<Rebuilt> {
        let mut options = self.options.clone();
        options.base_url = Some(format!("{}{}", self.origin, self.base_path()));
        options.published_url = self.published_url();
        let built = build_site(&options);
        self.last_good = None;
        self.problems.clear();
        self.render_problems.clear();
        self.pending = PageSet::default();
        self.rest.clear();
        self.rest_cards = false;
        self.index_due = false;
        self.index_changed.clear();
        self.cards_due.clear();
        self.cards_ready.clear();
        let built = built?;
        for diagnostic in built.diagnostics.sorted() {
            let file = diagnostic.span.as_ref().map(|s| s.file.clone());
            let entry = self.problems.entry(file.unwrap_or_default()).or_default();
            entry.push(diagnostic.clone());
        }
        let summary = format!(
            "{} write-up{}, {} page{}",
            built.stats.writeups,
            plural(built.stats.writeups),
            built.stats.pages,
            plural(built.stats.pages)
        );
        let (site, templates) = match (built.succeeded(), built.site, built.templates) {
            (true, Some(site), Some(templates)) => (site, templates),
            _ => {
                return Ok(Rebuilt {
                    served: Served::Nothing,
                    errors: self.error_lines(),
                    diagnostics: built.diagnostics,
                    summary,
                });
            }
        };
        let base_path = site.config.base_path().to_string();
        let targets = built.targets.unwrap_or_else(|| site_link_targets(&site));
        let shared = SharedValues::new(&site);
        let uncovered = cards::uncovered(&site);
        self.last_good = Some(LastGood {
            site: Arc::new(site),
            templates,
            targets,
            shared,
            uncovered,
        });
        Ok(Rebuilt {
            served: Served::All(built.outputs, base_path),
            diagnostics: built.diagnostics,
            errors: Vec::new(),
            summary,
        })
    }

    /// The fast path: re-reads the Markdown files at `paths` (relative to
    /// the root), patches them into the last good build and renders the
    /// pages that show them. `None` when that is not possible (no good
    /// build, a document moved, or a file the walk's rules refuse):
    /// rebuild everything instead.
    pub fn rebuild_documents(&mut self, paths: &[String]) -> Option<Rebuilt> {
        let mut diagnostics = Diagnostics::new();
        let mut pages = PageSet::default();
        let (mut writeups, mut plain) = (0, 0);
        for path in paths {
            // Deleted, or unreadable by the walk's rules (now a link out of
            // the site, a FIFO): the full rebuild's walk reports it.
            let bytes = self.read(path)?;
            let file = SourceFile {
                rel_path: path.clone(),
                bytes,
            };
            let (parsed, problems) = parse_source(file);
            // A document with errors is kept out of the site being served
            // (its errors are shown instead), as before it had any.
            let parsed = parsed.filter(|_| !problems.iter().any(Diagnostic::is_error));
            let (changed, problems) = match parsed {
                None => (PageSet::default(), problems),
                Some(parsed) => self.patch(path, parsed, problems)?,
            };
            self.index_changed.insert(path.clone());
            if path.starts_with("content/mistakes/") {
                writeups += 1;
            } else {
                plain += 1;
            }
            pages.merge(changed);
            diagnostics.extend(problems.iter().cloned());
            self.problems.insert(path.clone(), problems);
        }
        let mut summary = Vec::new();
        if writeups > 0 {
            summary.push(format!("{writeups} write-up{}", plural(writeups)));
        }
        if plain > 0 {
            summary.push(format!("{plain} page{}", plural(plain)));
        }
        self.pending.merge(pages);
        if self.has_errors() {
            return Some(Rebuilt {
                served: Served::Nothing,
                diagnostics,
                errors: self.error_lines(),
                summary: summary.join(", "),
            });
        }
        let (files, rendered) = self.render_pending();
        diagnostics.extend(self.render_problems.iter().cloned());
        summary.push(format!("{rendered} page{}", plural(rendered)));
        let served = match files {
            Some(files) => Served::Patch(files),
            None => Served::Nothing,
        };
        Some(Rebuilt {
            served,
            diagnostics,
            errors: self.error_lines(),
            summary: summary.join(", "),
        })
    }

    /// Renders the pages changed since the last served build, and the feeds
    /// and sitemap that show them; `None` when a template failed (the pages
    /// stay pending). Returns the files and the number of pages rendered.
    fn render_pending(&mut self) -> (Option<Vec<OutputFile>>, usize) {
        let Some(good) = &self.last_good else {
            return (None, 0);
        };
        let all = jobs(&good.site);
        let chosen: Vec<_> = all
            .iter()
            .filter(|job| self.pending.contains(job))
            .cloned()
            .collect();
        let sink = MemorySink::default();
        let (site, tera) = (&good.site, good.templates.tera.clone());
        let origins = &good.templates.origins;
        self.render_problems = render_pages_with(site, &good.shared, tera, origins, &chosen, &sink);
        if self.render_problems.iter().any(Diagnostic::is_error) {
            return (None, chosen.len());
        }
        // A changed write-up's social card changes with it: drawn after
        // the reload (`card_jobs`).
        self.cards_ready.append(&mut self.cards_due);
        for &feed in &self.pending.feeds {
            sink.accept(render_feed(site, feed));
        }
        if self.pending.progress_feed {
            sink.accept(render_progress_feed(site));
        }
        if self.pending.sitemap {
            sink.accept(render_sitemap(site, &all));
        }
        // The index shows every write-up, question and strategy: any page
        // that changed may have changed it. It counts every document's
        // words, so it is made after the reload (`index_job`).
        self.index_due |= !chosen.is_empty();
        self.pending = PageSet::default();
        (Some(sink.into_files()), chosen.len())
    }
    /// The site whose search index is to be made now, once: the pages a
    /// patch rendered are served, and the index of the site they show is
    /// behind them.
    /// With it, the source files changed since the last such job.
    pub fn index_job(&mut self) -> Option<(Arc<Site>, Vec<String>)> {
        let good = self.last_good.as_ref().filter(|_| self.index_due)?;
        self.index_due = false;
        let changed = std::mem::take(&mut self.index_changed);
        Some((good.site.clone(), changed.into_iter().collect()))
    }

    /// The site being served, when a build succeeded.
    pub fn site(&self) -> Option<Arc<Site>> {
        self.last_good.as_ref().map(|good| good.site.clone())
    }

    fn has_errors(&self) -> bool {
        let mut all = self
            .problems
            .values()
            .flatten()
            .chain(&self.render_problems);
        all.any(Diagnostic::is_error)
    }

    fn error_lines(&self) -> Vec<String> {
        let all = self
            .problems
            .values()
            .flatten()
            .chain(&self.render_problems);
        super::reload::error_lines(all)
    }
}

/// The path of a base URL given on the command line, as the config would
/// normalise it: `/growth/`.
fn normalized_base_path(url: &str) -> String {
    base_path_of(&normalize_base_url(url)).to_string()
}
