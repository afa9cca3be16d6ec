//! `check`, in memory: `Options` -> every finding of the site as
//! `Diagnostics`, and no file written. It runs the build's stages 1-4 and
//! keeps their findings (an unknown strategy becomes an error here), then
//! checks what only the whole built site can show: every internal link,
//! `#fragment` and image of every page must lead to a published file (and
//! to an element with that id). A broken link is reported where it was
//! written: the Markdown line and column when it comes from content, else
//! the template that rendered the page.

pub mod html;
mod sources;

use std::collections::{BTreeMap, HashMap, HashSet};

use rayon::prelude::*;

use crate::assemble::Site;
use crate::diag::{Diagnostic, Diagnostics, Severity, Span, did_you_mean};
use crate::error::Result;
use crate::options::Options;
use crate::pipeline::build_site;
use crate::render::OutputFile;
use html::{HtmlLink, ScannedPage, scan_html};
use sources::{SourceDoc, source_docs};

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
    let mut findings: Vec<Diagnostic> =
        promote_unknown_strategies(built.diagnostics, built.site.as_ref());
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
    Ok(report)
}

/// `check` treats an unknown strategy as an error (SPEC: "check and build
/// --strict treat it as an error"); other warnings, such as a missing
/// lesson, stay warnings. The assemble stage reports an unknown slug at the
/// write-up's `strategies:` line, naming the slug in backticks.
fn promote_unknown_strategies(diagnostics: Diagnostics, site: Option<&Site>) -> Vec<Diagnostic> {
    let unknown: Vec<(&Span, String)> = site.map_or_else(Vec::new, |site| {
        site.posts
            .iter()
            .flat_map(|post| {
                let w = &post.writeup;
                w.strategies
                    .iter()
                    .filter(|slug| site.config.strategy(slug).is_none())
                    .map(move |slug| (&w.strategies_span, format!("`{slug}`")))
            })
            .collect()
    });
    diagnostics
        .into_iter()
        .map(|mut d| {
            let is_unknown_strategy = d.severity == Severity::Warning
                && unknown.iter().any(|(span, slug)| {
                    d.span.as_ref() == Some(*span) && d.message.contains(slug.as_str())
                });
            if is_unknown_strategy {
                d.severity = Severity::Error;
            }
            d
        })
        .collect()
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

/// Where a URL found in a page leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Another site, or a scheme such as `mailto:`; not checked.
    External,
    /// An `@/` link the build could not resolve (it already reported it).
    Unresolved,
    /// A path on this host outside the site's base path.
    Outside(String),
    /// A path of this site: relative to the output root, percent-decoded,
    /// without query; and the decoded fragment, if any.
    Internal {
        /// `mistakes/x/`, `style.css`, `` for the home page.
        path: String,
        /// `what-happened` for `#what-happened`.
        fragment: Option<String>,
    },
}

/// Resolves `url` as a browser would on the page at `page_dir` (the URL
/// path of its folder, `/growth/mistakes/x/`), for a site published at
/// `base_url` (ending in `/`), whose path is `base_path`.
pub fn resolve_url(url: &str, page_dir: &str, base_url: &str, base_path: &str) -> Resolved {
    let url = url.trim();
    if url.starts_with("@/") {
        return Resolved::Unresolved;
    }
    let (url, fragment) = match url.split_once('#') {
        Some((url, fragment)) => (url, Some(percent_decode(fragment))),
        None => (url, None),
    };
    let url = url.split_once('?').map_or(url, |(path, _)| path);
    let site_url = base_url.trim_end_matches('/');
    let path = if let Some(rest) = url
        .strip_prefix(site_url)
        .filter(|rest| rest.is_empty() || rest.starts_with('/'))
    {
        format!(
            "{}{}",
            base_path.trim_end_matches('/'),
            if rest.is_empty() { "/" } else { rest }
        )
    } else if url.starts_with("//") || has_scheme(url) {
        return Resolved::External;
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        format!("{page_dir}{url}")
    };
    let path = remove_dot_segments(&path);
    let base_dir = base_path.trim_end_matches('/');
    match path.strip_prefix(base_path) {
        Some(rest) => Resolved::Internal {
            path: percent_decode(rest),
            fragment,
        },
        None if path == base_dir => Resolved::Internal {
            path: String::new(),
            fragment,
        },
        None => Resolved::Outside(path),
    }
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// `/a/b/../c/./d` -> `/a/c/d`, keeping a trailing `/`; `..` never climbs
/// above the root.
fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let ends_in_folder = matches!(segments.last(), Some(&"" | &"." | &".."));
    for segment in segments {
        match segment {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    let mut joined = format!("/{}", out.join("/"));
    if ends_in_folder && !joined.ends_with('/') {
        joined.push('/');
    }
    joined
}

/// `%20` -> ` `; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    if !text.contains('%') {
        return text.to_string();
    }
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok());
        match (bytes[i], hex.and_then(|h| u8::from_str_radix(h, 16).ok())) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The published file a site path names: `x/` and `` name `x/index.html`
/// and `index.html`; `x` names the file `x`, or the folder `x/` (GitHub
/// Pages redirects it).
fn published_file(path: &str, files: &HashSet<&str>) -> Option<String> {
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return files.contains(index.as_str()).then_some(index);
    }
    if files.contains(path) {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    files.contains(index.as_str()).then_some(index)
}

/// A broken link as found on one page, before it is placed in a source.
struct Broken<'a> {
    page: &'a str,
    link: &'a HtmlLink,
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
            if let Some((problem, hint)) =
                link_problem(page, link, &resolved, &files, &scanned, base_path)
            {
                broken.push(Broken {
                    page,
                    link,
                    problem,
                    hint,
                });
            }
        }
    }
    result.findings = place_findings(broken, docs, templates, base_path);
    result
}

/// What is wrong with one link, as (problem, hint), or `None` when it works.
fn link_problem(
    page: &str,
    link: &HtmlLink,
    resolved: &Resolved,
    files: &HashSet<&str>,
    scanned: &HashMap<&str, ScannedPage>,
    base_path: &str,
) -> Option<(String, String)> {
    let relative = crate::parse::markdown::is_relative(link.url.trim());
    if page == "404.html" && relative {
        return Some((
            "is relative, but 404.html is served at every missing URL, where it leads elsewhere"
                .into(),
            format!("start it with the base path {base_path}, as url_for() does"),
        ));
    }
    let (path, fragment) = match resolved {
        Resolved::External | Resolved::Unresolved => return None,
        Resolved::Outside(path) => {
            return Some((
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
        format!("has no target: {base_path}{shown} has no element with id `{fragment}`"),
        hint,
    ))
}

/// (URL, problem, is an image) -> the (template, page) pairs it was found on.
type TemplateFindings<'a> = BTreeMap<(&'a str, &'a str, bool), Vec<(&'static str, &'a str)>>;

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
                Diagnostic::error(written.span.clone(), message).with_hint(item.hint.clone()),
            );
        } else if let Some(span) = order().find_map(|i| docs[i].find_attribute(&item.link.url)) {
            // Raw HTML in the Markdown keeps the URL as written.
            let message = format!("{what} `{}` {}", item.link.url, item.problem);
            findings.push(Diagnostic::error(span, message).with_hint(item.hint.clone()));
        } else {
            from_templates
                .entry((
                    item.link.url.as_str(),
                    item.problem.as_str(),
                    item.link.is_image(),
                ))
                .or_default()
                .push((template_of(item.page), item.page));
        }
    }
    for ((url, problem, image), found) in from_templates {
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
            Diagnostic::error(Span::file(file), format!("{what} `{url}` {problem} ({on})"))
                .with_hint(hint),
        );
    }
    findings
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://alice.github.io/growth/";

    fn internal(path: &str, fragment: Option<&str>) -> Resolved {
        Resolved::Internal {
            path: path.into(),
            fragment: fragment.map(Into::into),
        }
    }

    #[test]
    fn resolves_urls_like_a_browser_under_a_sub_path() {
        let dir = "/growth/mistakes/x/";
        let r = |url| resolve_url(url, dir, BASE, "/growth/");
        assert_eq!(r("/growth/lessons/#a-b"), internal("lessons/", Some("a-b")));
        assert_eq!(
            r("https://alice.github.io/growth/atom.xml"),
            internal("atom.xml", None)
        );
        assert_eq!(r("https://alice.github.io/growth"), internal("", None));
        assert_eq!(r("timeline.svg"), internal("mistakes/x/timeline.svg", None));
        assert_eq!(r("../../faq/?q=1"), internal("faq/", None));
        assert_eq!(r("/growth/style.css?v=1a2b"), internal("style.css", None));
        assert_eq!(r("/growth/my%20file.pdf"), internal("my file.pdf", None));
        assert_eq!(r("/about/"), Resolved::Outside("/about/".into()));
        assert_eq!(r("../../../x/"), Resolved::Outside("/x/".into()));
        assert_eq!(r("https://alice.github.io/growthy/"), Resolved::External);
        assert_eq!(r("mailto:a@b.c"), Resolved::External);
        assert_eq!(r("//cdn.example.org/x.js"), Resolved::External);
        assert_eq!(r("@/mistakes/gone.md"), Resolved::Unresolved);
    }

    #[test]
    fn finds_published_files_as_github_pages_serves_them() {
        let files: HashSet<&str> = ["index.html", "about/index.html", "style.css"]
            .into_iter()
            .collect();
        assert_eq!(published_file("", &files).as_deref(), Some("index.html"));
        assert_eq!(
            published_file("about/", &files).as_deref(),
            Some("about/index.html")
        );
        assert_eq!(
            published_file("about", &files).as_deref(),
            Some("about/index.html")
        );
        assert_eq!(
            published_file("style.css", &files).as_deref(),
            Some("style.css")
        );
        assert_eq!(published_file("nope/", &files), None);
    }

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

    #[test]
    fn percent_decoding_keeps_invalid_escapes() {
        assert_eq!(percent_decode("a%20b%C3%A9%zz%"), "a bé%zz%");
    }
}
