//! `check`, in memory: `Options` -> every finding of the site as
//! `Diagnostics`, and no file written. It runs the build's stages 1-4 and
//! keeps their findings (an unknown strategy becomes an error here), then
//! checks what only the whole built site can show: every internal link,
//! `#fragment` and image of every page must lead to a published file (and
//! to an element with that id). A broken link is reported where it was
//! written: the Markdown line and column when it comes from content, else
//! the template that rendered the page.

pub mod html;
pub mod links;
pub mod sources;
pub mod url;

use std::collections::HashMap;

use crate::assemble::Site;
use crate::diag::{Diagnostic, Diagnostics};
use crate::error::Result;
use crate::options::Options;
use crate::pipeline::build_site;
use links::check_links;
use sources::source_docs;

/// What a check found.
#[derive(Debug, Default)]
pub struct CheckReport {
    /// Every finding, each once.
    pub diagnostics: Diagnostics,
    /// HTML pages whose links were checked.
    pub pages: usize,
    /// Internal links (and image sources) checked on those pages.
    pub links: usize,
}

/// Builds the site in memory and checks it; writes nothing. `Err` only when
/// the run cannot start (no config).
pub fn check_site(options: &Options) -> Result<CheckReport> {
    let built = build_site(options)?;
    let mut findings: Vec<Diagnostic> = built.diagnostics.into_iter().collect();
    let mut report = CheckReport::default();
    if let Some(site) = &built.site {
        let texts = read_sources(options, site);
        let templates = template_files(options, &site.config.theme);
        let docs = source_docs(site, &texts);
        let links = check_links(site, &built.outputs, &docs, &templates);
        findings.extend(links.findings);
        report.pages = links.pages;
        report.links = links.links;
    }
    // A summary shown on several list pages yields the same finding on each.
    findings.sort_by(|a, b| (&a.span, &a.message).cmp(&(&b.span, &b.message)));
    findings.dedup();
    report.diagnostics.extend(findings);
    report.diagnostics.promote_for_check();
    Ok(report)
}

/// Reads each content file's text, to place findings in front matter and
/// raw HTML. A file that cannot be read is only placed less precisely.
fn read_sources(options: &Options, site: &Site) -> HashMap<String, String> {
    let posts = site.posts.iter().map(|p| &p.writeup.doc);
    let pages = site.pages.iter().chain(&site.faq_page).map(|p| &p.page.doc);
    posts
        .chain(pages)
        .filter_map(|doc| {
            let text = std::fs::read_to_string(options.root.join(&doc.source)).ok()?;
            Some((doc.source.clone(), text))
        })
        .collect()
}

/// The file each page template comes from, as the user would open it: the
/// site's `templates/` override, else the theme's file.
fn template_files(options: &Options, theme: &str) -> HashMap<&'static str, String> {
    TEMPLATES
        .iter()
        .map(|&name| {
            let own = format!("templates/{name}");
            let file = if options.root.join(&own).is_file() {
                own
            } else {
                format!("themes/{theme}/templates/{name}")
            };
            (name, file)
        })
        .collect()
}

/// The templates of a theme that render pages (see `render::Job`), and their layout.
const TEMPLATES: &[&str] = &[
    "base.html",
    "index.html",
    "mistake.html",
    "strategies.html",
    "strategy.html",
    "lessons.html",
    "faq.html",
    "page.html",
    "404.html",
];
