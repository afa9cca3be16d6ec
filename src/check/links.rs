//! One link -> what is wrong with it, and a finding placed where it is
//! written, with a hint that fits the case: a document's link at its line,
//! a document's relative link that breaks only where its text is shown on
//! other pages, a template's link on the template file (once per URL).

use std::collections::{BTreeMap, HashMap};

use super::scan::LinkIndex;
use crate::assemble::Site;
use crate::diag::{Diagnostic, Kind, Span, did_you_mean};
use crate::parse::Doc;
use crate::parse::links::{SourceLink, is_relative};
use crate::render::templates::TemplateOrigins;
use crate::render::{job_file, jobs};
use crate::urls::{Resolved, percent_decode, published_file, resolve_url};

/// What one check needs to know of the site.
pub struct LinkContext<'a> {
    /// `https://alice.github.io/growth/`.
    pub base_url: &'a str,
    /// `/growth/`.
    pub base_path: &'a str,
    index: &'a LinkIndex,
}

/// What is wrong with a link, before it is placed.
#[derive(Debug, Clone)]
pub struct Broken {
    kind: Kind,
    /// `leads nowhere: nothing is published at /x/`.
    problem: String,
    hint: String,
}

impl<'a> LinkContext<'a> {
    /// The context of a site and the files it published.
    pub fn new(site: &'a Site, index: &'a LinkIndex) -> Self {
        LinkContext {
            base_url: &site.config.base_url,
            base_path: site.config.base_path(),
            index,
        }
    }

    /// Where `url` leads from the page `page_file`.
    pub fn resolve(&self, url: &str, page_file: &str) -> Resolved {
        let url = url.trim_start();
        if let Some(fragment) = url.strip_prefix('#') {
            return Resolved::Internal {
                path: page_file.to_string(),
                fragment: Some(percent_decode(fragment)),
            };
        }
        resolve_url(
            url,
            &self.page_dir(page_file),
            self.base_url,
            self.base_path,
        )
    }

    /// The URL path of the folder of an output file: `/growth/mistakes/x/`.
    fn page_dir(&self, file: &str) -> String {
        match file.rsplit_once('/') {
            Some((dir, _)) => format!("{}{dir}/", self.base_path),
            None => self.base_path.to_string(),
        }
    }

    /// What is wrong with `url` on the page `page_file`, or `None` when
    /// it works (or is not ours to check).
    pub fn problem(&self, page_file: &str, url: &str, image: bool) -> Option<Broken> {
        self.problem_of(page_file, url, image, self.resolve(url, page_file))
    }

    /// [`LinkContext::problem`], with `url` already resolved.
    pub fn problem_of(
        &self,
        page_file: &str,
        url: &str,
        image: bool,
        resolved: Resolved,
    ) -> Option<Broken> {
        let base_path = self.base_path;
        if page_file == "404.html" && is_relative(url.trim()) {
            return Some(Broken {
                kind: Kind::RelativeLinkOn404,
                problem: "is relative, but 404.html is served at every missing URL, where it leads elsewhere".into(),
                hint: format!("start it with the base path {base_path}, as url_for() does"),
            });
        }
        let (path, fragment) = match resolved {
            Resolved::External | Resolved::Unresolved => return None,
            Resolved::Outside(path) => {
                return Some(Broken {
                    kind: Kind::LinkOutsideBase,
                    problem: format!("leads to {path}, outside the site's base path {base_path}"),
                    hint: format!(
                        "write it as {base_path}... or link by source path, such as @/about.md"
                    ),
                });
            }
            Resolved::Internal { path, fragment } => (path, fragment),
        };
        let Some(file) = published_file(&path, &self.index.files) else {
            let hint = if image {
                "put the image in static/, or in a page bundle beside its write-up's index.md"
            } else {
                "fix the path, or link to content by its source path, such as @/mistakes/<file>.md"
            };
            return Some(Broken {
                kind: Kind::BrokenLink,
                problem: format!("leads nowhere: nothing is published at {base_path}{path}"),
                hint: hint.into(),
            });
        };
        let fragment = fragment.filter(|f| !f.is_empty() && !f.eq_ignore_ascii_case("top"))?;
        // A redirect page passes the fragment on to the page it leads to.
        let (file, via) = match self.index.redirects.get(&file) {
            Some(target) => (target.clone(), Some(file)),
            None => (file, None),
        };
        let ids = &self.index.pages.get(&file)?.ids;
        if ids.contains(&fragment) {
            return None;
        }
        let shown = file.strip_suffix("index.html").unwrap_or(&file);
        let shown = match via {
            Some(via) => format!(
                "{shown} (where {base_path}{} leads)",
                via.strip_suffix("index.html").unwrap_or(&via)
            ),
            None => shown.to_string(),
        };
        let hint = match did_you_mean(&fragment, ids.iter().map(String::as_str)) {
            Some(close) => format!("did you mean '#{close}'?"),
            None => {
                "a heading's id is its text as a slug: `## What happened` is #what-happened".into()
            }
        };
        Some(Broken {
            kind: Kind::BrokenAnchor,
            problem: format!(
                "has no target: {base_path}{shown} has no element with id `{fragment}`"
            ),
            hint,
        })
    }
}

/// A broken link of a `menu:` entry, at its line of growthsite.yaml.
pub fn at_menu(entry: &crate::config::MenuEntry, broken: Broken) -> Diagnostic {
    let span = entry
        .span
        .clone()
        .unwrap_or_else(|| Span::file(crate::config::CONFIG_FILE));
    let message = format!(
        "menu entry `{}`: link to `{}` {}",
        entry.name, entry.url, broken.problem
    );
    Diagnostic::warning(broken.kind, span, message).with_hint(
        "a site path in `url:` is under the base path: /about/ is the page of content/about.md",
    )
}

fn what(image: bool) -> &'static str {
    if image { "image" } else { "link to" }
}

/// A document's link that is broken on the document's own page, at the
/// line that wrote it.
pub fn at_source(cx: &LinkContext, doc: &Doc, link: &SourceLink, broken: Broken) -> Diagnostic {
    let hint = source_hint(cx, doc, link).unwrap_or(broken.hint);
    let message = format!("{} `{}` {}", what(link.image), link.written, broken.problem);
    Diagnostic::warning(broken.kind, link.span(&doc.source), message).with_hint(hint)
}

/// The true hint for a relative path that leads nowhere when the file it
/// names is there, beside the Markdown file: relative paths start at the
/// page's URL, and only a page bundle's files are published beside it.
fn source_hint(cx: &LinkContext, doc: &Doc, link: &SourceLink) -> Option<String> {
    let written = link.written.trim();
    if !is_relative(written) || doc.bundle_dir.is_some() {
        return None;
    }
    let folder = doc.content_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let beside = match resolve_url(written, &format!("/{folder}/"), "", "/") {
        Resolved::Internal { path, .. } => path,
        _ => return None,
    };
    let published = published_file(&beside, &cx.index.files)?;
    let base_path = cx.base_path;
    let name = written.rsplit('/').next().unwrap_or(written);
    Some(format!(
        "content/{beside} is published at {base_path}{published}, but a relative path starts at the page's URL, {base_path}{}: write {base_path}{published}, or make the write-up a page bundle (content/{}/index.md with {name} beside it)",
        doc.path,
        doc.content_path.trim_end_matches(".md"),
    ))
}

/// A document's relative link that works on its own page and breaks on
/// other pages that show its text (a summary on a list page).
#[derive(Debug)]
pub struct Elsewhere {
    broken: Broken,
    /// Where it leads from its own page.
    own: Resolved,
    /// The pages where it breaks.
    pub pages: Vec<String>,
}

impl Elsewhere {
    /// A first sighting.
    pub fn new(broken: Broken, own: Resolved) -> Self {
        Elsewhere {
            broken,
            own,
            pages: Vec::new(),
        }
    }
}

/// One finding for a link that breaks only where its text is shown on
/// other pages, at the line that wrote it.
pub fn shown_elsewhere(
    cx: &LinkContext,
    doc: &Doc,
    link: &SourceLink,
    found: Elsewhere,
) -> Diagnostic {
    let base_path = cx.base_path;
    let first = found.pages[0]
        .strip_suffix("index.html")
        .unwrap_or(&found.pages[0]);
    let on = match found.pages.len() {
        1 => format!("on {base_path}{first}"),
        n => format!("on {n} pages, such as {base_path}{first}"),
    };
    let message = format!(
        "{} `{}` {} ({on}, which show{} it; on its own page it works)",
        what(link.image),
        link.written,
        found.broken.problem,
        if found.pages.len() == 1 { "s" } else { "" },
    );
    let absolute = match &found.own {
        Resolved::Internal { path, fragment } => {
            let path = path.strip_suffix("index.html").unwrap_or(path);
            match fragment.as_deref().filter(|f| !f.is_empty()) {
                Some(fragment) => format!("{base_path}{path}#{fragment}"),
                None => format!("{base_path}{path}"),
            }
        }
        _ => link.written.to_string(),
    };
    let hint = if link.written.trim_start().starts_with('#') {
        format!(
            "an in-page link in raw HTML leads elsewhere on other pages: write {absolute}, or write it in Markdown ([text]({})), which growthsite resolves",
            link.written.trim()
        )
    } else if doc.bundle_dir.is_some() {
        format!(
            "a relative path in raw HTML changes meaning on other pages: write {absolute}, or use Markdown, whose paths growthsite makes absolute in a page bundle"
        )
    } else {
        format!(
            "a relative path changes meaning on other pages: write {absolute}, or make the write-up a page bundle, whose paths growthsite makes absolute"
        )
    };
    Diagnostic::warning(found.broken.kind, link.span(&doc.source), message).with_hint(hint)
}

/// The template that renders each page, by output file (render owns which
/// template a page uses).
pub fn templates_by_page(site: &Site) -> HashMap<String, &'static str> {
    jobs(site)
        .iter()
        .map(|job| (job_file(site, job), job.template()))
        .collect()
}

/// Broken links that templates wrote: (URL, is an image, kind, problem)
/// -> the (template, page) pairs they were found on, so each is reported
/// once, on its template.
#[derive(Debug, Default)]
pub struct TemplateFindings {
    found: BTreeMap<TemplateLink, Vec<(&'static str, String)>>,
}

/// A broken link a template wrote: (URL, is an image, kind, problem).
type TemplateLink = (String, bool, Kind, String);

impl TemplateFindings {
    /// A broken link met on `page`, rendered by `template`.
    pub fn add(
        &mut self,
        url: &str,
        image: bool,
        broken: Broken,
        template: &'static str,
        page: &str,
    ) {
        let key = (url.to_string(), image, broken.kind, broken.problem);
        let pages = self.found.entry(key).or_default();
        pages.push((template, page.to_string()));
    }

    /// Adds what was met on the pages after these.
    pub fn merge(&mut self, later: TemplateFindings) {
        for (key, pages) in later.found {
            self.found.entry(key).or_default().extend(pages);
        }
    }

    /// One finding per URL and problem, on the template that wrote it:
    /// the page's template, or the layout when pages of several templates
    /// share it.
    pub fn into_findings(self, base_path: &str, origins: &TemplateOrigins) -> Vec<Diagnostic> {
        let mut findings = Vec::new();
        for ((url, image, kind, problem), found) in self.found {
            let mut names: Vec<&str> = found.iter().map(|(template, _)| *template).collect();
            names.sort_unstable();
            names.dedup();
            let page = found[0].1.strip_suffix("index.html").unwrap_or(&found[0].1);
            let (name, on) = match (names.as_slice(), found.len()) {
                ([name], 1) => (*name, format!("on {base_path}{page}")),
                ([name], n) => (*name, format!("on {n} pages, such as {base_path}{page}")),
                (_, n) => (
                    "base.html",
                    format!(
                        "on {n} pages of {} templates, such as {base_path}{page}",
                        names.len()
                    ),
                ),
            };
            let hint = "build site URLs with url_for(path=\"...\") or asset(path=\"...\"), which follow base_url";
            let message = format!("{} `{url}` {problem} ({on})", what(image));
            findings.push(
                Diagnostic::warning(kind, Span::file(origins.file_of(name)), message)
                    .with_hint(hint),
            );
        }
        findings
    }
}
