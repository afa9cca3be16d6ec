//! The link check, pure: the assembled site, the links its documents wrote
//! (recorded while their Markdown rendered) and what the built pages hold
//! ([`scan::LinkIndex`]) -> every internal link, `#fragment` and image that
//! leads nowhere. `build`, `build --strict` and `check` all run it (SPEC
//! §4), from the pipeline. Each problem is reported once, where it is
//! written: a document's link at its Markdown line and column (checked
//! from the document's own page), a template's link on the template file.

mod links;
pub mod scan;

use std::collections::hash_map::Entry;
use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use crate::assemble::Site;
use crate::diag::Diagnostic;
use crate::fx::FxMap;
use crate::parse::Doc;
use crate::parse::links::{SourceLinks, is_relative};
use crate::render::templates::TemplateOrigins;
use crate::render::{Job, job_file};
use crate::urls::{Resolved, percent_decode};
use links::{Broken, Elsewhere, LinkContext, TemplateFindings};
use scan::{LinkIndex, PageLink};

/// What the link check found and how much it covered.
#[derive(Debug, Default)]
pub struct LinkReport {
    /// Broken links, fragments and images, each once.
    pub findings: Vec<Diagnostic>,
    /// HTML pages read.
    pub pages: usize,
    /// Internal links followed on them.
    pub links: usize,
}

/// A document of the site with the links it wrote.
struct Written<'a> {
    doc: &'a Doc,
    /// Its own page's output file: `mistakes/x/index.html`.
    page_file: String,
    links: &'a SourceLinks,
}

/// Checks every link of the built site.
pub fn check_links(site: &Site, index: &LinkIndex, origins: &TemplateOrigins) -> LinkReport {
    let cx = LinkContext::new(site, index);
    let docs = written_documents(site);
    // Where each URL documents wrote leads in the HTML, to tell the links
    // documents wrote from those of templates.
    let mut by_href: FxMap<String, Vec<(usize, usize)>> = FxMap::default();
    for (d, written) in docs.iter().enumerate() {
        for (l, link) in written.links.iter().enumerate() {
            by_href
                .entry(percent_decode(link.href))
                .or_default()
                .push((d, l));
        }
    }
    // Each document link once, from its own page.
    let mut findings: Vec<Diagnostic> = docs
        .par_iter()
        .flat_map_iter(|written| {
            written.links.iter().filter_map(|link| {
                // `{{ post.url }}` is a leftover warning at this line
                // already: one problem, reported once.
                if crate::parse::leftovers::holds_leftover(&percent_decode(link.href)) {
                    return None;
                }
                let broken = cx.problem(&written.page_file, link.href, link.image)?;
                Some(links::at_source(&cx, written.doc, &link, broken))
            })
        })
        .collect();
    let mut report = LinkReport {
        pages: index.pages.len(),
        ..LinkReport::default()
    };
    let mut pages: Vec<&str> = index.pages.keys().map(String::as_str).collect();
    pages.sort_unstable();
    let templates = links::templates_by_page(site);
    // `menu:` links are in every page's navigation, but written in
    // growthsite.yaml: a broken one is reported there, once.
    let menu_hrefs: Vec<String> = site
        .config
        .menu
        .iter()
        .map(|entry| entry.href(cx.base_path))
        .collect();
    let run = PageRun {
        cx: &cx,
        index,
        docs: &docs,
        by_href: &by_href,
        templates: &templates,
        menu_hrefs: &menu_hrefs,
    };
    // Runs of pages in parallel, their findings merged in page order: the
    // same as one run over every page.
    let runs: Vec<PageFindings> = pages
        .par_chunks(PAGES_PER_RUN)
        .map(|pages| run.check(pages))
        .collect();
    let mut found = PageFindings::default();
    for later in runs {
        found.merge(later);
    }
    let PageFindings {
        links: followed,
        from_menu,
        from_templates,
        elsewhere,
    } = found;
    report.links = followed;
    let mut elsewhere: Vec<_> = elsewhere.into_iter().collect();
    elsewhere.sort_by_key(|(key, _)| *key);
    for ((d, l), found) in elsewhere {
        let written = &docs[d];
        let link = written.links.get(l);
        findings.push(links::shown_elsewhere(&cx, written.doc, &link, found));
    }
    findings.extend(from_templates.into_findings(cx.base_path, origins));
    for (entry, broken) in from_menu {
        findings.push(links::at_menu(&site.config.menu[entry], broken));
    }
    report.findings = findings;
    report
}

impl PageRun<'_> {
    /// Checks the links of `pages` (in order).
    fn check(&self, pages: &[&str]) -> PageFindings {
        let PageRun {
            cx,
            index,
            docs,
            by_href,
            templates,
            menu_hrefs,
        } = self;
        let mut found = PageFindings::default();
        // Where a URL that does not depend on its page leads, worked out
        // once: the same navigation links are on every page. Keyed by the
        // link, which numbers each distinct URL.
        let mut seen: FxMap<PageLink, Seen> = FxMap::default();
        for &page in pages {
            for &link in &index.pages[page].links {
                let (url, image) = (index.url(link), link.image());
                if same_everywhere(url) {
                    let seen = seen.entry(link).or_insert_with(|| {
                        let resolved = cx.resolve(url, page);
                        Seen {
                            counted: !matches!(resolved, Resolved::External | Resolved::Unresolved),
                            // A URL a document wrote was checked from its page.
                            broken: match by_href.contains_key(&percent_decode(url)) {
                                true => None,
                                false => cx.problem_of(page, url, image, resolved),
                            },
                        }
                    });
                    found.links += usize::from(seen.counted);
                    if let Some(broken) = &seen.broken {
                        if let Some(entry) = menu_hrefs.iter().position(|href| href == url) {
                            found
                                .from_menu
                                .entry(entry)
                                .or_insert_with(|| broken.clone());
                            continue;
                        }
                        let template = templates.get(page).copied().unwrap_or("base.html");
                        found
                            .from_templates
                            .add(url, image, broken.clone(), template, page);
                    }
                    continue;
                }
                let resolved = cx.resolve(url, page);
                if !matches!(resolved, Resolved::External | Resolved::Unresolved) {
                    found.links += 1;
                }
                let Some(sources) = by_href.get(&percent_decode(url)) else {
                    if let Some(broken) = cx.problem_of(page, url, image, resolved) {
                        if let Some(entry) = menu_hrefs.iter().position(|href| href == url) {
                            found.from_menu.entry(entry).or_insert(broken);
                            continue;
                        }
                        let template = templates.get(page).copied().unwrap_or("base.html");
                        found.from_templates.add(url, image, broken, template, page);
                    }
                    continue;
                };
                // A document wrote it, and it was checked from the
                // document's page; but a relative path (or an in-page
                // `#part`) changes meaning where the text is shown on
                // another page (a summary on a list page).
                if !is_relative(url.trim()) && !url.trim_start().starts_with('#') {
                    continue;
                }
                for &(d, l) in sources {
                    let own_page = docs[d].page_file.as_str();
                    if own_page == page || cx.problem(own_page, url, image).is_some() {
                        continue;
                    }
                    if let Some(broken) = cx.problem_of(page, url, image, resolved.clone()) {
                        let own = cx.resolve(url, own_page);
                        let elsewhere = found
                            .elsewhere
                            .entry((d, l))
                            .or_insert_with(|| Elsewhere::new(broken, own));
                        elsewhere.pages.push(page.to_string());
                    }
                }
            }
        }
        found
    }
}

/// What a URL that leads to the same place from every page comes to.
struct Seen {
    /// Whether it is a link the check follows.
    counted: bool,
    /// What is wrong with it, unless a document wrote it.
    broken: Option<Broken>,
}

/// Pages a parallel run of the check reads.
const PAGES_PER_RUN: usize = 512;

/// What checking the links of pages reads.
struct PageRun<'a> {
    cx: &'a LinkContext<'a>,
    index: &'a LinkIndex,
    docs: &'a [Written<'a>],
    /// Each URL documents wrote, and where: (document, link).
    by_href: &'a FxMap<String, Vec<(usize, usize)>>,
    /// Page -> the template that rendered it.
    templates: &'a HashMap<String, &'static str>,
    menu_hrefs: &'a [String],
}

/// What a run over some pages found.
#[derive(Default)]
struct PageFindings {
    /// Internal links followed.
    links: usize,
    /// A `menu:` entry's broken link, at the first page it was met.
    from_menu: BTreeMap<usize, Broken>,
    from_templates: TemplateFindings,
    /// A document's link that breaks where its text is shown elsewhere.
    elsewhere: HashMap<(usize, usize), Elsewhere>,
}

impl PageFindings {
    /// Adds what a run over the pages after these found.
    fn merge(&mut self, later: PageFindings) {
        self.links += later.links;
        for (entry, broken) in later.from_menu {
            self.from_menu.entry(entry).or_insert(broken);
        }
        self.from_templates.merge(later.from_templates);
        for (key, found) in later.elsewhere {
            match self.elsewhere.entry(key) {
                Entry::Occupied(mut kept) => kept.get_mut().pages.extend(found.pages),
                Entry::Vacant(slot) => {
                    slot.insert(found);
                }
            }
        }
    }
}

/// Whether `url` leads to the same place from every page: a path from
/// the root, or a full URL (a relative path, an in-page `#part` and an
/// empty URL start at their page).
fn same_everywhere(url: &str) -> bool {
    let url = url.trim();
    url.starts_with('/') || url.starts_with("https://") || url.starts_with("http://")
}

/// Every document with a page of its own, and the links it wrote.
fn written_documents(site: &Site) -> Vec<Written<'_>> {
    let posts = site
        .posts
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.writeup.doc, &p.rendered, Job::Post(i)));
    let pages = site
        .pages
        .iter()
        .enumerate()
        .map(|(i, p)| (&p.page.doc, &p.rendered, Job::Page(i)));
    let faq = site
        .faq_page
        .iter()
        .map(|p| (&p.page.doc, &p.rendered, Job::Faq));
    posts
        .chain(pages)
        .chain(faq)
        .map(|(doc, rendered, job)| Written {
            doc,
            page_file: job_file(site, &job),
            links: &rendered.links,
        })
        .collect()
}
