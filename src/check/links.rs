//! Built pages -> the links among them that lead nowhere, each placed
//! where it was written: a Markdown line and column, a raw HTML attribute,
//! or the template that rendered the page.

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use super::html::{HtmlLink, ScannedPage, scan_html};
use super::sources::SourceDoc;
use super::url::{Resolved, percent_decode, published_file, resolve_url};
use crate::assemble::Site;
use crate::diag::{Diagnostic, Kind, Span, did_you_mean};
use crate::render::OutputFile;

/// The findings of the link check and how much it covered.
#[derive(Debug, Default)]
pub struct LinkFindings {
    /// Broken links, fragments and images.
    pub findings: Vec<Diagnostic>,
    /// HTML pages read.
    pub pages: usize,
    /// Internal links followed.
    pub links: usize,
}

/// The template that renders the page at an output path (see `render::jobs`).
fn template_of(path: &str) -> &'static str {
    let first = path.split('/').next().unwrap_or("");
    match (first, path) {
        (_, "404.html") => "404.html",
        (_, "index.html") | ("page", _) => "index.html",
        (_, "strategies/index.html") => "strategies.html",
        ("strategies", _) => "strategy.html",
        ("lessons", _) => "lessons.html",
        ("faq", _) => "faq.html",
        ("mistakes", _) => "mistake.html",
        _ => "page.html",
    }
}

/// A broken link as found on one page, before it is placed in a source.
struct Broken<'a> {
    page: &'a str,
    link: &'a HtmlLink,
    kind: Kind,
    problem: String,
    hint: String,
}

/// Checks every internal link of every HTML page of the build.
pub fn check_links(
    site: &Site,
    outputs: &[OutputFile],
    docs: &[SourceDoc],
    templates: &HashMap<&'static str, String>,
) -> LinkFindings {
    let base_url = site.config.base_url.as_str();
    let base_path = site.config.base_path();
    let files: HashSet<&str> = outputs.iter().map(|f| f.path.as_str()).collect();
    let scanned: HashMap<&str, ScannedPage> = outputs
        .par_iter()
        .filter(|f| f.path.ends_with(".html"))
        .filter_map(|f| {
            Some((
                f.path.as_str(),
                scan_html(std::str::from_utf8(f.body.bytes()?).ok()?),
            ))
        })
        .collect();
    let mut pages: Vec<&str> = scanned.keys().copied().collect();
    pages.sort_unstable();
    let mut result = LinkFindings {
        pages: pages.len(),
        ..LinkFindings::default()
    };
    let mut broken = Vec::new();
    for page in pages {
        let page_dir = match page.rsplit_once('/') {
            Some((dir, _)) => format!("{base_path}{dir}/"),
            None => base_path.to_string(),
        };
        for link in &scanned[page].links {
            let resolved = if link.url.trim_start().starts_with('#') {
                let fragment = percent_decode(link.url.trim_start().trim_start_matches('#'));
                Resolved::Internal {
                    path: page.to_string(),
                    fragment: Some(fragment),
                }
            } else {
                resolve_url(&link.url, &page_dir, base_url, base_path)
            };
            if !matches!(resolved, Resolved::External | Resolved::Unresolved) {
                result.links += 1;
            }
            if let Some((kind, problem, hint)) =
                link_problem(page, link, &resolved, &files, &scanned, base_path)
            {
                broken.push(Broken {
                    page,
                    link,
                    kind,
                    problem,
                    hint,
                });
            }
        }
    }
    result.findings = place_findings(broken, docs, templates, base_path);
    result
}

/// What is wrong with one link, as (kind, problem, hint), or `None` when it works.
fn link_problem(
    page: &str,
    link: &HtmlLink,
    resolved: &Resolved,
    files: &HashSet<&str>,
    scanned: &HashMap<&str, ScannedPage>,
    base_path: &str,
) -> Option<(Kind, String, String)> {
    let relative = crate::parse::markdown::is_relative(link.url.trim());
    if page == "404.html" && relative {
        return Some((
            Kind::RelativeLinkOn404,
            "is relative, but 404.html is served at every missing URL, where it leads elsewhere"
                .into(),
            format!("start it with the base path {base_path}, as url_for() does"),
        ));
    }
    let (path, fragment) = match resolved {
        Resolved::External | Resolved::Unresolved => return None,
        Resolved::Outside(path) => {
            return Some((
                Kind::LinkOutsideBase,
                format!("leads to {path}, outside the site's base path {base_path}"),
                format!("write it as {base_path}... or link by source path, such as @/about.md"),
            ));
        }
        Resolved::Internal { path, fragment } => (path, fragment),
    };
    let Some(file) = published_file(path, files) else {
        let hint = if link.is_image() {
            "put the image beside its write-up (content/mistakes/<slug>/index.md) or in static/"
        } else {
            "fix the path, or link to content by its source path, such as @/mistakes/<file>.md"
        };
        return Some((
            Kind::BrokenLink,
            format!("leads nowhere: nothing is published at {base_path}{path}"),
            hint.into(),
        ));
    };
    let fragment = fragment
        .as_deref()
        .filter(|f| !f.is_empty() && !f.eq_ignore_ascii_case("top"))?;
    let ids = &scanned.get(file.as_str())?.ids;
    if ids.contains(fragment) {
        return None;
    }
    let shown = if file.ends_with("index.html") {
        &file[..file.len() - "index.html".len()]
    } else {
        file.as_str()
    };
    let hint = match did_you_mean(fragment, ids.iter().map(String::as_str)) {
        Some(close) => format!("did you mean '#{close}'?"),
        None => "a heading's id is its text as a slug: `## What happened` is #what-happened".into(),
    };
    Some((
        Kind::BrokenAnchor,
        format!("has no target: {base_path}{shown} has no element with id `{fragment}`"),
        hint,
    ))
}

/// (URL, kind, problem, is an image) -> the (template, page) pairs it was found on.
type TemplateFindings<'a> = BTreeMap<(&'a str, Kind, &'a str, bool), Vec<(&'static str, &'a str)>>;

/// Places each broken link where it was written: the Markdown link that
/// produced it (on the page's own source first), else a raw HTML attribute
/// in a source, else the template of the page, once per template and URL.
fn place_findings(
    broken: Vec<Broken>,
    docs: &[SourceDoc],
    templates: &HashMap<&'static str, String>,
    base_path: &str,
) -> Vec<Diagnostic> {
    let owner: HashMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.page_file.as_str(), i))
        .collect();
    let mut findings = Vec::new();
    let mut from_templates: TemplateFindings = BTreeMap::new();
    for item in &broken {
        let what = if item.link.is_image() {
            "image"
        } else {
            "link to"
        };
        let own = owner.get(item.page).copied();
        let order = || {
            own.into_iter()
                .chain((0..docs.len()).filter(move |&i| Some(i) != own))
        };
        if let Some(written) = order().find_map(|i| docs[i].find_link(&item.link.url)) {
            let message = format!("{what} `{}` {}", written.written, item.problem);
            findings.push(
                Diagnostic::warning(item.kind, written.span.clone(), message)
                    .with_hint(item.hint.clone()),
            );
        } else if let Some(span) = order().find_map(|i| docs[i].find_attribute(&item.link.url)) {
            // Raw HTML in the Markdown keeps the URL as written.
            let message = format!("{what} `{}` {}", item.link.url, item.problem);
            findings
                .push(Diagnostic::warning(item.kind, span, message).with_hint(item.hint.clone()));
        } else {
            from_templates
                .entry((
                    item.link.url.as_str(),
                    item.kind,
                    item.problem.as_str(),
                    item.link.is_image(),
                ))
                .or_default()
                .push((template_of(item.page), item.page));
        }
    }
    for ((url, kind, problem, image), found) in from_templates {
        let mut names: Vec<&str> = found.iter().map(|(template, _)| *template).collect();
        names.sort_unstable();
        names.dedup();
        let page = found[0].1.strip_suffix("index.html").unwrap_or(found[0].1);
        let (name, on) = match (names.as_slice(), found.len()) {
            ([name], 1) => (*name, format!("on {base_path}{page}")),
            ([name], n) => (*name, format!("on {n} pages, such as {base_path}{page}")),
            // Pages of several templates share it: their layout, or a
            // template they all include.
            (_, n) => (
                "base.html",
                format!(
                    "on {n} pages of {} templates, such as {base_path}{page}",
                    names.len()
                ),
            ),
        };
        let file = templates
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"));
        let what = if image { "image" } else { "link to" };
        let hint = "build site URLs with url_for(path=\"...\") or asset(path=\"...\"), which follow base_url";
        findings.push(
            Diagnostic::warning(
                kind,
                Span::file(file),
                format!("{what} `{url}` {problem} ({on})"),
            )
            .with_hint(hint),
        );
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_map_to_their_templates() {
        assert_eq!(template_of("index.html"), "index.html");
        assert_eq!(template_of("page/2/index.html"), "index.html");
        assert_eq!(template_of("strategies/index.html"), "strategies.html");
        assert_eq!(
            template_of("strategies/reflect/page/2/index.html"),
            "strategy.html"
        );
        assert_eq!(template_of("mistakes/x/index.html"), "mistake.html");
        assert_eq!(template_of("about/index.html"), "page.html");
        assert_eq!(template_of("404.html"), "404.html");
    }
}
