//! The build pipeline, stages 1 to 4: load -> parse -> assemble -> render.
//! `build` writes the result (stage 5); `check` and `serve` use it in memory.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use tera::Tera;

use crate::assemble::{PlainPage, RenderedWriteup, Site, assemble_site, faq_site_items};
use crate::config::{Config, parse_config};
use crate::diag::{Diagnostic, Diagnostics, Span};
use crate::error::Result;
use crate::load::{Sources, load_config_text, load_sources};
use crate::options::Options;
use crate::parse::markdown::{
    LinkTargets, MarkdownInput, Rendered, render_fragment, render_markdown,
};
use crate::parse::{Doc, Page, Parsed, Writeup, parse_source};
use crate::render::assets::{StaticFiles, bundle_outputs, collect_static};
use crate::render::templates::{TemplateOrigins, UrlContext, build_templates};
use crate::render::{MemorySink, OutputFile, OutputSink, RESERVED_PATHS, render_site};

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
}

/// A site's parsed templates and where each came from.
#[derive(Debug, Clone)]
pub struct SiteTemplates {
    /// The template set, without the per-build globals.
    pub tera: Tera,
    /// Template name -> file, for error messages.
    pub origins: TemplateOrigins,
}

/// Counts and stage timings of a build.
#[derive(Debug, Default, Clone)]
pub struct BuildStats {
    /// Published write-ups.
    pub writeups: usize,
    /// Strategies in the taxonomy.
    pub strategies: usize,
    /// HTML pages written.
    pub pages: usize,
    /// How long each stage took, in order.
    pub timings: Vec<(&'static str, Duration)>,
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

/// Runs stages 1 to 4, handing each file to `sink` as soon as it is made
/// (`Built::outputs` stays empty). Static files go first, so a rendered page
/// with the same path replaces a static file.
pub fn build_site_into(options: &Options, sink: &dyn OutputSink) -> Result<Built> {
    let mut built = Built::default();
    let mut clock = Instant::now();
    let config_text = load_config_text(&options.config_path, &options.root)?;
    let config_file = options.display_path(&options.config_path);
    let mut config = match parse_config(&config_file, &config_text) {
        Ok(config) => config,
        Err(problems) => {
            built.diagnostics.extend(problems);
            return Ok(built);
        }
    };
    if let Some(base_url) = &options.base_url {
        config.set_base_url(base_url);
        if let Err(message) = crate::config::check_base_url(&config.base_url) {
            built.diagnostics.push(
                Diagnostic::general(format!("--base-url {message}"))
                    .with_hint("write it as https://you.github.io/blog/"),
            );
            return Ok(built);
        }
    }
    if config.theme != "default" && !options.root.join("themes").join(&config.theme).is_dir() {
        built.diagnostics.push(
            Diagnostic::error(
                Span::new(
                    &config_file,
                    crate::config::key_line(&config_text, "theme").unwrap_or(1),
                    1,
                ),
                format!("theme `{}` not found in themes/", config.theme),
            )
            .with_hint("use `theme: default` or add the theme folder"),
        );
        return Ok(built);
    }
    let sources = load_sources(&options.root, config_text, &config.theme);
    lap(&mut built.stats, "load", &mut clock);

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
    let parsed: Vec<(Option<Parsed>, Vec<Diagnostic>)> =
        markdown.into_par_iter().map(parse_source).collect();
    let mut writeups = Vec::new();
    let mut pages = Vec::new();
    let mut faq_page = None;
    let mut skipped_drafts = Vec::new();
    for (doc, problems) in parsed {
        built.diagnostics.extend(problems);
        match doc {
            Some(Parsed::Writeup(w)) if w.doc.draft && !options.drafts => {
                skipped_drafts.extend(w.doc.bundle_dir.clone());
            }
            Some(Parsed::Writeup(w)) => writeups.push(*w),
            Some(Parsed::Page(p)) if p.doc.draft && !options.drafts => {
                skipped_drafts.extend(p.doc.bundle_dir.clone());
            }
            Some(Parsed::Page(p)) => pages.push(p),
            Some(Parsed::Faq(p)) => faq_page = Some(p),
            None => {}
        }
    }
    built.diagnostics.extend(check_paths(&writeups, &pages));
    let targets = link_targets(&config, &writeups, &pages, faq_page.as_ref());
    let (rendered_writeups, rendered_pages, rendered_faq, problems) =
        render_documents_with(writeups, pages, faq_page, &targets, options.retain_sources);
    built.diagnostics.extend(problems);
    lap(&mut built.stats, "parse", &mut clock);

    let (site, problems) = assemble_site(config, rendered_writeups, rendered_pages, rendered_faq);
    built.diagnostics.extend(problems);
    lap(&mut built.stats, "assemble", &mut clock);

    let (static_files, problems) = collect_static(&site.config.theme, &theme_static, &site_static);
    built.diagnostics.extend(problems);
    let StaticFiles {
        files: mut copied,
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
    // One map of every copied file, so that a page-bundle file with the
    // path of a static file replaces it the same way in every build.
    for file in bundle_outputs(&site, &content_assets, &skipped_drafts) {
        if copied.contains_key(&file.path) {
            built.diagnostics.push(
                Diagnostic::warning(
                    Span::file(format!("static/{}", file.path)),
                    format!(
                        "a page bundle also publishes /{}; the bundle's file is used",
                        file.path
                    ),
                )
                .with_hint("rename one of the two files"),
            );
        }
        copied.insert(file.path, file.body);
    }
    copied
        .into_iter()
        .map(|(path, body)| OutputFile { path, body })
        .collect::<Vec<_>>()
        .into_par_iter()
        .for_each(|file| sink.accept(file));
    built.templates = Some(SiteTemplates {
        tera: tera.clone(),
        origins: origins.clone(),
    });
    let (problems, pages_written) = render_site(&site, tera, &origins, sink);
    built.diagnostics.extend(problems);
    built.stats.writeups = site.posts.len();
    built.stats.strategies = site.strategies.len();
    built.stats.pages = pages_written;
    built.site = Some(site);
    lap(&mut built.stats, "render", &mut clock);
    Ok(built)
}

fn lap(stats: &mut BuildStats, stage: &'static str, clock: &mut Instant) {
    stats.timings.push((stage, clock.elapsed()));
    *clock = Instant::now();
}

/// Two documents may not publish to one URL, and plain pages may not take
/// the URLs growthsite generates.
fn check_paths(writeups: &[Writeup], pages: &[Page]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut taken: HashMap<&str, &str> = HashMap::new();
    let docs = writeups
        .iter()
        .map(|w| &w.doc)
        .chain(pages.iter().map(|p| &p.doc));
    let mut docs: Vec<&Doc> = docs.collect();
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    for doc in docs {
        if let Some(first) = taken.insert(&doc.path, &doc.source) {
            problems.push(
                Diagnostic::error(
                    Span::new(&doc.source, 1, 1),
                    format!("`{first}` already publishes to /{}", doc.path),
                )
                .with_hint("give one of them another file name or `slug:`"),
            );
        }
    }
    for page in pages {
        let path = page.doc.path.as_str();
        if path.is_empty()
            || RESERVED_PATHS
                .iter()
                .any(|reserved| path.starts_with(reserved))
        {
            problems.push(
                Diagnostic::error(
                    Span::new(&page.doc.source, 1, 1),
                    format!("/{path} is a page growthsite generates"),
                )
                .with_hint("rename the file or set another `slug:`"),
            );
        }
    }
    problems
}

fn link_targets(
    config: &Config,
    writeups: &[Writeup],
    pages: &[Page],
    faq: Option<&Page>,
) -> LinkTargets {
    let docs = writeups
        .iter()
        .map(|w| &w.doc)
        .chain(pages.iter().map(|p| &p.doc));
    link_targets_of(config, docs, faq.map(|p| &p.doc))
}

/// Where each document of an assembled site is published, for `@/` links:
/// the map its build rendered Markdown with (`serve` re-renders one
/// changed document against it).
pub fn site_link_targets(site: &Site) -> LinkTargets {
    let docs = site
        .posts
        .iter()
        .map(|p| &p.writeup.doc)
        .chain(site.pages.iter().map(|p| &p.page.doc));
    let faq = site.faq_page.as_ref().map(|p| &p.page.doc);
    link_targets_of(&site.config, docs, faq)
}

fn link_targets_of<'a>(
    config: &Config,
    docs: impl Iterator<Item = &'a Doc>,
    faq: Option<&Doc>,
) -> LinkTargets {
    let base = config.base_path();
    let mut targets = LinkTargets::default();
    for doc in docs {
        targets
            .urls
            .insert(doc.content_path.clone(), format!("{base}{}", doc.path));
    }
    if let Some(faq) = faq {
        targets
            .urls
            .insert(faq.content_path.clone(), format!("{base}faq/"));
    }
    targets
}

/// Rendered write-ups, plain pages, the FAQ page, and the problems found.
pub type RenderedDocuments = (
    Vec<RenderedWriteup>,
    Vec<PlainPage>,
    Option<PlainPage>,
    Vec<Diagnostic>,
);

/// Renders every document's Markdown in parallel (`serve` passes only the
/// documents that changed).
pub fn render_documents(
    writeups: Vec<Writeup>,
    pages: Vec<Page>,
    faq: Option<Page>,
    targets: &LinkTargets,
) -> RenderedDocuments {
    render_documents_with(writeups, pages, faq, targets, true)
}

/// `render_documents`; without `retain_sources` each write-up's Markdown is
/// dropped as soon as its HTML exists, so a large site never holds both.
fn render_documents_with(
    writeups: Vec<Writeup>,
    pages: Vec<Page>,
    faq: Option<Page>,
    targets: &LinkTargets,
    retain_sources: bool,
) -> RenderedDocuments {
    let results: Vec<(RenderedWriteup, Vec<Diagnostic>)> = writeups
        .into_par_iter()
        .map(|mut writeup| {
            let bundle_url = writeup
                .doc
                .bundle_dir
                .as_ref()
                .map(|_| targets.urls[&writeup.doc.content_path].clone());
            let (rendered, mut problems) =
                render_body(&writeup.doc, bundle_url.as_deref(), targets);
            let summary_html = match &writeup.summary {
                Some(summary) => {
                    let input = fragment_input(
                        &writeup.doc,
                        summary,
                        writeup.summary_line,
                        bundle_url.as_deref(),
                    );
                    let (html, more) = render_fragment(input, targets);
                    problems.extend(more);
                    html
                }
                None => rendered.summary.clone(),
            };
            let faq = render_faq(&writeup.doc, bundle_url.as_deref(), targets, &mut problems);
            if !retain_sources {
                writeup.doc.body = String::new();
            }
            (
                RenderedWriteup {
                    writeup,
                    rendered,
                    summary_html,
                    faq,
                },
                problems,
            )
        })
        .collect();
    let mut problems = Vec::new();
    let writeups = results
        .into_iter()
        .map(|(w, p)| {
            problems.extend(p);
            w
        })
        .collect();
    let mut render_page = |page: Page| {
        let bundle_url = page
            .doc
            .bundle_dir
            .as_ref()
            .map(|_| targets.urls[&page.doc.content_path].clone());
        let (rendered, more) = render_body(&page.doc, bundle_url.as_deref(), targets);
        problems.extend(more);
        let pairs = render_faq(&page.doc, bundle_url.as_deref(), targets, &mut problems);
        PlainPage {
            faq: faq_site_items(pairs),
            page,
            rendered,
        }
    };
    let pages = pages.into_iter().map(&mut render_page).collect();
    let faq = faq.map(render_page);
    (writeups, pages, faq, problems)
}

fn render_body(
    doc: &Doc,
    bundle_url: Option<&str>,
    targets: &LinkTargets,
) -> (Rendered, Vec<Diagnostic>) {
    let input = MarkdownInput {
        text: &doc.body,
        file: &doc.source,
        first_line: doc.body_line,
        id_prefix: &doc.slug,
        bundle_url,
    };
    render_markdown(input, targets)
}

/// A Markdown text from front matter (`summary:`, a FAQ answer); `line` is
/// the line of its key, so positions in it are close to where it is written.
fn fragment_input<'a>(
    doc: &'a Doc,
    text: &'a str,
    line: usize,
    bundle_url: Option<&'a str>,
) -> MarkdownInput<'a> {
    MarkdownInput {
        text,
        file: &doc.source,
        first_line: line,
        id_prefix: &doc.slug,
        bundle_url,
    }
}

fn render_faq(
    doc: &Doc,
    bundle_url: Option<&str>,
    targets: &LinkTargets,
    problems: &mut Vec<Diagnostic>,
) -> Vec<(String, String)> {
    doc.faq
        .iter()
        .map(|pair| {
            let (answer, more) = render_fragment(
                fragment_input(doc, &pair.answer, pair.line, bundle_url),
                targets,
            );
            problems.extend(more);
            (pair.question.clone(), answer)
        })
        .collect()
}
