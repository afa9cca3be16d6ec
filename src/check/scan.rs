//! Output files as they are made -> what the link check needs of them: the
//! path of every file, and the links and ids of every HTML page. A sink
//! between the render stage and wherever the files go (memory or disk), so
//! `build`, `build --strict` and `check` see the same pages and no build
//! keeps its pages in memory for the check.

use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::sync::{Arc, Mutex};

use crate::fx::{FxMap, FxSet};
use crate::html::{Found, scan_html_with, shows_image};
use crate::render::{OutputFile, OutputSink};
use crate::urls::is_external;

/// Every published path and every HTML page's links and ids.
#[derive(Debug, Default)]
pub struct LinkIndex {
    /// Output paths, `/`-separated: `mistakes/x/index.html`, `style.css`.
    pub files: HashSet<String>,
    /// HTML output path -> its links and ids.
    pub pages: HashMap<String, PageLinks>,
    /// Redirect page -> the page it leads to (both output paths).
    pub redirects: HashMap<String, String>,
    /// Each distinct URL once: the pages of a site mostly link to the same
    /// places (navigation, strategies, pagers), and 100,000 pages holding
    /// a copy each made the largest part of a big build's memory. With
    /// each, its number in `by_number`, none when it leads to another site
    /// (then no page keeps it).
    urls: FxMap<Arc<str>, Option<u32>>,
    by_number: Vec<Arc<str>>,
}

/// What the check keeps of an HTML page.
#[derive(Debug, Default)]
pub struct PageLinks {
    /// Every internal link, in document order.
    pub links: Vec<PageLink>,
    /// Every `id` (and `name` of `<a>`), the targets of `#fragment`s.
    pub ids: FxSet<String>,
}

/// One link of a page: its URL's number in the index (each URL is kept
/// once) and whether it shows an image, in four bytes: a page has dozens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PageLink(u32);

impl PageLink {
    /// Whether the target is shown as an image (for the wording of findings).
    pub fn image(self) -> bool {
        self.0 & 1 == 1
    }
}

impl LinkIndex {
    /// The URL of `link`, with character references decoded.
    pub fn url(&self, link: PageLink) -> &str {
        &self.by_number[(link.0 >> 1) as usize]
    }

    /// A page's links, each URL shared, those to other sites (links that
    /// are not checked) left out; `base_url` is the site's.
    fn page_links(
        &mut self,
        found: Vec<(Cow<str>, bool)>,
        ids: FxSet<String>,
        base_url: &str,
    ) -> PageLinks {
        let mut links = Vec::with_capacity(found.len());
        for (url, image) in found {
            let number = match self.urls.get(&*url) {
                Some(&number) => number,
                None => {
                    let external = is_external(&url, base_url);
                    let url: Arc<str> = url.into();
                    let number = (!external).then_some(self.by_number.len() as u32);
                    if !external {
                        self.by_number.push(url.clone());
                    }
                    self.urls.insert(url, number);
                    number
                }
            };
            links.extend(number.map(|n| PageLink(n << 1 | u32::from(image))));
        }
        PageLinks { links, ids }
    }
}

/// Passes every file on to `inner`, reading the HTML pages on the way.
pub struct ScanSink<'a> {
    inner: &'a dyn OutputSink,
    base_url: String,
    index: Mutex<LinkIndex>,
}

impl<'a> ScanSink<'a> {
    /// A sink that scans, then hands each file to `inner`, for a site
    /// published at `base_url`.
    pub fn new(inner: &'a dyn OutputSink, base_url: &str) -> Self {
        ScanSink {
            inner,
            base_url: base_url.to_string(),
            index: Mutex::new(LinkIndex::default()),
        }
    }

    /// The paths of the files passed on so far.
    pub fn published(&self) -> HashSet<String> {
        self.index
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .files
            .clone()
    }

    /// What was seen.
    pub fn into_index(self) -> LinkIndex {
        self.index
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

impl OutputSink for ScanSink<'_> {
    fn accept(&self, file: OutputFile) {
        // Scanned outside the lock: pages arrive from every render thread.
        let scanned = file
            .path
            .ends_with(".html")
            .then(|| file.body.bytes())
            .flatten()
            .and_then(|bytes| std::str::from_utf8(bytes).ok())
            .map(|html| {
                let mut links = Vec::new();
                let mut ids = FxSet::default();
                scan_html_with(html, |found| match found {
                    Found::Link { tag, attr, url } => links.push((url, shows_image(tag, attr))),
                    Found::Id(id) => {
                        ids.insert(id.into_owned());
                    }
                });
                (links, ids)
            });
        {
            let mut index = self
                .index
                .lock()
                .unwrap_or_else(|poisoned| poisoned.into_inner());
            index.files.insert(file.path.clone());
            // A later file with the same path replaces an earlier one.
            match scanned {
                Some((links, ids)) => {
                    let page = index.page_links(links, ids, &self.base_url);
                    index.pages.insert(file.path.clone(), page)
                }
                None => index.pages.remove(&file.path),
            };
        }
        self.inner.accept(file);
    }
}

/// A sink that drops every file (`check` writes nothing and keeps nothing).
#[derive(Debug, Default)]
pub struct NoSink;

impl OutputSink for NoSink {
    fn accept(&self, _file: OutputFile) {}
}
