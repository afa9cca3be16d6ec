//! The build pipeline, stages 1 to 4: load -> parse -> assemble -> render.
//! `build` writes the result (stage 5); `check` and `serve` use it in memory.

use std::sync::Arc;
use std::time::Instant;

use rayon::prelude::*;
use tera::Tera;

use crate::assemble::paths::{check_paths, link_targets};
use crate::assemble::{Site, assemble_site};
use crate::cache::cache_dir;
use crate::cards::render::render_cards;
use crate::check::check_links;
use crate::check::scan::{NoSink, ScanSink};
use crate::config::load_config;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Result;
use crate::images::{make_variants, probe_catalog, variant_jobs};
use crate::load::{Sources, load_sources};
use crate::options::Options;
use crate::parse::code_cache::{load_code_cache, save_code_cache};
use crate::parse::documents::{parse_documents, render_documents};
use crate::parse::embeds::Embeds;
use crate::parse::highlight::Highlighter;
use crate::parse::markdown::LinkTargets;
use crate::render::assets::{StaticFiles, collect_static, copied_files, site_image_files};
use crate::render::redirect::redirect_pages;
use crate::render::templates::{TemplateOrigins, UrlContext, build_templates};
use crate::render::{MemorySink, OutputFile, OutputSink, RESERVED_PATHS, render_site};
use crate::reuse::inputs_digest;
use crate::stats::BuildStats;

/// What a build produced.
#[derive(Debug, Default)]
pub struct Built {
    /// Every file of the site, sorted by path; empty when there were errors.
    pub outputs: Vec<OutputFile>,
    /// Every problem found.
    pub diagnostics: Diagnostics,
    /// Counts and timings for the summary line.
    pub stats: BuildStats,
    /// The assembled site (absent when config or templates failed).
    pub site: Option<Site>,
    /// The templates the site was rendered with (absent when they failed),
    /// so that `serve` can re-render single pages after a change.
    pub templates: Option<SiteTemplates>,
    /// What the Markdown was rendered against (page URLs, images, the
    /// highlighter), so that `serve` can re-render one document alike.
    pub targets: Option<LinkTargets>,
    /// The digest of the build's inputs, when `build` asked for it.
    pub inputs: Option<String>,
    /// Whether the files of an earlier build of the same inputs were
    /// reused, and nothing rendered.
    pub reused: bool,
}

/// A site's parsed templates and where each came from.
#[derive(Debug, Clone)]
pub struct SiteTemplates {
    /// The template set, without the per-build globals.
    pub tera: Tera,
    /// Template name -> file, for error messages.
    pub origins: TemplateOrigins,
    /// What `url_for` and `asset` were given (base path, fingerprints), so
    /// that `serve` can parse changed templates against the same files.
    pub urls: UrlContext,
}

impl Built {
    /// Whether the build may be written out: no error (warnings promoted
    /// first when `strict`).
    pub fn succeeded(&self) -> bool {
        !self.diagnostics.has_errors()
    }
}

/// Runs stages 1 to 4 and keeps the files in `Built::outputs`. `Err` only
/// when the run cannot start (no config); content problems are in
/// `Built::diagnostics`.
pub fn build_site(options: &Options) -> Result<Built> {
    let sink = MemorySink::default();
    let mut built = build_site_into(options, &sink)?;
    built.outputs = sink.into_files();
    Ok(built)
}

/// `check`: stages 1 to 4 and the link check, with nothing written or
/// kept; the warnings `check` fails on (an unknown strategy, a broken
/// link) become errors.
pub fn check_site(options: &Options) -> Result<Built> {
    let mut built = build_site_into(options, &NoSink)?;
    built.diagnostics.promote_for_check();
    Ok(built)
}

/// Runs stages 1 to 4 and the link check, handing each file to `sink` as
/// soon as it is made (`Built::outputs` stays empty). Static files go first,
/// so a rendered page with the same path replaces a static file.
pub fn build_site_into(options: &Options, sink: &dyn OutputSink) -> Result<Built> {
    build_site_reusing(options, sink, None)
}

/// Offered the digest of a build's inputs (`reuse::inputs_digest`), puts
/// the files of an earlier build of the very same inputs in place and
/// returns that build's stats; `None` to build.
pub type Reuse<'a> = &'a dyn Fn(&str) -> Option<BuildStats>;

/// [`build_site_into`] for `build`, which may reuse the files of its last
/// build: once the sources are loaded, and when they loaded without a
/// problem, their digest is offered to `reuse`, and when it took it, nothing
/// is parsed or rendered (`Built::reused`). The digest is kept in
/// `Built::inputs` either way.
pub fn build_site_reusing(
    options: &Options,
    sink: &dyn OutputSink,
    reuse: Option<Reuse>,
) -> Result<Built> {
    let mut built = Built::default();
    let mut clock = Instant::now();
    let config_file = options.display_path(&options.config_path);
    let base_url = options.base_url.as_deref();
    let loaded = load_config(&options.root, &options.config_path, &config_file, base_url)?;
    let (config, config_text) = match loaded {
        Ok(loaded) => loaded,
        Err(problems) => {
            built.diagnostics.extend(problems);
            return Ok(built);
        }
    };
    let sources = load_sources(&options.root, config_text, &config.theme);
    lap(&mut built.stats, "load", &mut clock);
    if let Some(reuse) = reuse.filter(|_| sources.problems.is_empty()) {
        built.inputs = inputs_digest(options, &sources);
        let reused = built.inputs.as_deref().and_then(reuse);
        lap(&mut built.stats, "reuse", &mut clock);
        if let Some(stats) = reused {
            built.stats = BuildStats {
                timings: std::mem::take(&mut built.stats.timings),
                ..stats
            };
            built.reused = true;
            return Ok(built);
        }
    }

    let Sources {
        markdown,
        content_assets,
        theme_static,
        site_static,
        theme_templates,
        site_templates,
        problems,
        ..
    } = sources;
    built.diagnostics.extend(problems);
    let (mut documents, problems) = parse_documents(markdown, &options.selection());
    built.diagnostics.extend(problems);
    built.stats.drafts_left_out = documents.drafts_left_out;
    built.stats.future_left_out = documents.future_left_out;
    built
        .diagnostics
        .extend(check_paths(&documents, RESERVED_PATHS));
    let images = probe_catalog(site_image_files(
        documents.docs(),
        &content_assets,
        &theme_static,
        &site_static,
        &documents.skipped_drafts,
    ));
    let mut targets = link_targets(&config, &documents);
    targets.embeds = Embeds {
        base_path: config.base_path().to_string(),
        images: Arc::new(images),
        highlighter: Some(Arc::new(Highlighter::with_cache(load_code_cache(
            &cache_dir(&options.root, "code"),
        )))),
    };
    let skipped_drafts = std::mem::take(&mut documents.skipped_drafts);
    let (rendered, problems) = render_documents(documents, &targets, options.retain_sources);
    built.diagnostics.extend(problems);
    if !options.retain_sources {
        // Only `serve` renders Markdown again: the URL of every page is
        // not needed past here (about 17 MB at 100,000 write-ups).
        targets.urls = Default::default();
    }
    lap(&mut built.stats, "parse", &mut clock);

    let (mut site, problems) = assemble_site(config, rendered, options.today);
    built.diagnostics.extend(problems);
    lap(&mut built.stats, "assemble", &mut clock);

    let (static_files, problems) = collect_static(&site.config.theme, &theme_static, &site_static);
    built.diagnostics.extend(problems);
    let StaticFiles {
        files: static_files,
        fingerprints,
    } = static_files;
    let urls = UrlContext {
        base_path: site.config.base_path().to_string(),
        base_url: site.config.base_url.clone(),
        fingerprints: Arc::new(fingerprints),
    };
    let (tera, origins) =
        match build_templates(&theme_templates, &site_templates, &site.config.theme, &urls) {
            Ok(built_templates) => built_templates,
            Err(problems) => {
                built.diagnostics.extend(problems);
                built.site = Some(site);
                return Ok(built);
            }
        };
    let (copied, problems) = copied_files(&site, static_files, &content_assets, &skipped_drafts);
    built.diagnostics.extend(problems);
    let sink = ScanSink::new(sink, &site.config.base_url);
    copied.into_par_iter().for_each(|file| sink.accept(file));
    let uses = site.rendered().flat_map(|rendered| &rendered.images);
    let jobs = variant_jobs(uses, &targets.embeds.images);
    let images_cache = cache_dir(&options.root, "images");
    // A build that fails leaves the site folder as it was: no cache files.
    let make = options.make_images && !built.diagnostics.has_errors();
    let (variants, problems, work) = make_variants(jobs, &images_cache, make);
    built.diagnostics.extend(problems);
    variants.into_par_iter().for_each(|file| sink.accept(file));
    built.stats.images = work;
    lap(&mut built.stats, "images", &mut clock);
    let make = make && !built.diagnostics.has_errors();
    if let Some(highlighter) = targets.embeds.highlighter.as_ref().filter(|_| make) {
        save_code_cache(&cache_dir(&options.root, "code"), highlighter.cache());
    }
    let cards_cache = cache_dir(&options.root, "cards");
    let published = options.published_url.as_deref();
    let (cards, problems, work) =
        render_cards(&site, &tera, &origins, &cards_cache, make, None, published);
    built.diagnostics.extend(problems);
    cards.into_par_iter().for_each(|file| sink.accept(file));
    built.stats.cards = work;
    lap(&mut built.stats, "cards", &mut clock);
    built.templates = Some(SiteTemplates {
        tera: tera.clone(),
        origins: origins.clone(),
        urls: urls.clone(),
    });
    let keep_bodies = options.retain_sources;
    // The cards are copied before the render, not alongside it: at
    // 100,000 write-ups their list, held into the render's start, raised
    // the build's peak, and the copies slowed the render more than they
    // filled idle time.
    let (problems, pages_written) = render_site(&mut site, tera, &origins, &sink, keep_bodies);
    // Pages a template failed to render are missing: links to them would
    // only repeat that error.
    let pages_missing = problems.iter().any(Diagnostic::is_error);
    built.diagnostics.extend(problems);
    // Aliases: a redirect page at each old URL where the build wrote nothing.
    let redirects = redirect_pages(&site, &sink.published());
    built.diagnostics.extend(redirects.problems);
    redirects
        .pages
        .into_iter()
        .for_each(|file| sink.accept(file));
    built.stats.writeups = site.posts.len();
    built.stats.strategies = site.strategies.len();
    built.stats.pages = pages_written;
    lap(&mut built.stats, "render", &mut clock);

    if !pages_missing {
        let mut index = sink.into_index();
        index.redirects = redirects.targets;
        let links = check_links(&site, &index, &origins);
        built.diagnostics.extend(links.findings);
        built.stats.pages_checked = links.pages;
        built.stats.links_checked = links.links;
        lap(&mut built.stats, "check", &mut clock);
    }
    built.site = Some(site);
    built.targets = Some(targets);
    Ok(built)
}

fn lap(stats: &mut BuildStats, stage: &'static str, clock: &mut Instant) {
    stats.timings.push((stage, clock.elapsed()));
    *clock = Instant::now();
}
