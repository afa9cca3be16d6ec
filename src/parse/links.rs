//! Links in Markdown, pure: where a destination leads once rendered (`@/`
//! links become page URLs, relative paths become absolute against the
//! page's URL),
//! and the record of every link, image and raw-HTML URL a document writes,
//! with its position, which the link check reads instead of parsing the
//! sources again.

use std::collections::HashMap;

use pulldown_cmark::{CowStr, Tag};

use crate::diag::{Diagnostic, Kind, LineCursor, Span};
use crate::html::scan_html;

/// Where each content file is published, for `@/path.md` links.
#[derive(Debug, Default, Clone)]
pub struct LinkTargets {
    /// `content/`-relative source path -> URL path including the base path.
    pub urls: HashMap<String, String>,
    /// What code blocks and images need: the image catalog, the highlighter.
    pub embeds: crate::parse::embeds::Embeds,
}

/// A link, image or raw-HTML URL as a document writes it (read from
/// its document's [`SourceLinks`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SourceLink<'a> {
    /// The destination as written: `@/mistakes/x.md#part`, `cover.jpg`.
    pub written: &'a str,
    /// The URL the HTML holds: `@/` resolved, bundle paths made absolute.
    pub href: &'a str,
    /// The file line it is written on (1-based).
    pub line: usize,
    /// Its column (1-based).
    pub col: usize,
    /// Shown as an image (`![..](..)`, `<img src>`).
    pub image: bool,
}

impl SourceLink<'_> {
    /// Where it is written: every link of a document is in the
    /// document's own file, `file`.
    pub fn span(&self, file: &str) -> Span {
        Span::new(file, self.line, self.col)
    }
}

/// Every link a document writes, compactly: the link check reads them
/// once the whole site is written, so a build holds every document's
/// until its end. The texts share one buffer, an `href` that is the link
/// as written is not kept twice, and the file is the document's: a
/// `String` each (file, as written, href) took about 120 MB at 100,000
/// write-ups.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct SourceLinks {
    text: String,
    links: Vec<Entry>,
}

impl<'a> IntoIterator for &'a SourceLinks {
    type Item = SourceLink<'a>;
    type IntoIter = Iter<'a>;

    fn into_iter(self) -> Iter<'a> {
        self.iter()
    }
}

/// The links of a [`SourceLinks`], in the order recorded.
pub struct Iter<'a> {
    links: &'a SourceLinks,
    next: usize,
}

impl<'a> Iterator for Iter<'a> {
    type Item = SourceLink<'a>;

    fn next(&mut self) -> Option<SourceLink<'a>> {
        let link = (self.next < self.links.len()).then(|| self.links.get(self.next))?;
        self.next += 1;
        Some(link)
    }
}

/// One link in [`SourceLinks::text`]: as written at `start`, then its
/// `href` unless `same`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    start: u32,
    written: u32,
    href: u32,
    line: u32,
    col: u32,
    image: bool,
    same: bool,
}

impl SourceLinks {
    /// Records a link; positions past `u32::MAX` are kept as `u32::MAX`.
    pub fn push(&mut self, written: &str, href: &str, line: usize, col: usize, image: bool) {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        let same = written == href;
        let start = self.text.len();
        self.text.push_str(written);
        if !same {
            self.text.push_str(href);
        }
        self.links.push(Entry {
            start: at(start),
            written: at(written.len()),
            href: if same { 0 } else { at(href.len()) },
            line: at(line),
            col: at(col),
            image,
            same,
        });
    }

    /// Link `n`, in the order recorded.
    pub fn get(&self, n: usize) -> SourceLink<'_> {
        let entry = self.links[n];
        let start = entry.start as usize;
        let mid = start + entry.written as usize;
        let written = &self.text[start..mid];
        SourceLink {
            written,
            href: match entry.same {
                true => written,
                false => &self.text[mid..mid + entry.href as usize],
            },
            line: entry.line as usize,
            col: entry.col as usize,
            image: entry.image,
        }
    }

    /// Every link, in the order recorded.
    pub fn iter(&self) -> Iter<'_> {
        Iter {
            links: self,
            next: 0,
        }
    }

    /// How many links there are.
    pub fn len(&self) -> usize {
        self.links.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.links.is_empty()
    }

    /// Adds the links of another part of the same document.
    pub fn extend(&mut self, more: &SourceLinks) {
        for link in more.iter() {
            self.push(link.written, link.href, link.line, link.col, link.image);
        }
    }

    /// Frees the room kept for more links.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.links.shrink_to_fit();
    }
}

/// Where a destination leads in the HTML: `@/mistakes/x.md#part` becomes
/// the page's URL; a relative path becomes absolute against the page's URL
/// (`page_url`), so it works wherever the HTML is shown (home, strategy
/// pages, feed). Anything else is left as written. `Err` names the `@/`
/// path that does not exist.
pub fn resolve_destination<'a>(
    dest: CowStr<'a>,
    page_url: Option<&str>,
    targets: &LinkTargets,
) -> Result<CowStr<'a>, String> {
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target, None),
        };
        return match (targets.urls.get(path), fragment) {
            (Some(url), Some(fragment)) => Ok(format!("{url}#{fragment}").into()),
            (Some(url), None) => Ok(url.clone().into()),
            (None, _) => Err(path.to_string()),
        };
    }
    match page_url {
        Some(base) if is_relative(&dest) => Ok(resolve_relative(base, &dest).into()),
        _ => Ok(dest),
    }
}

/// A relative URL resolved against a page's URL path, as a browser does:
/// `../other/#x` on `/g/mistakes/a/` is `/g/mistakes/other/#x`.
pub fn resolve_relative(page_url: &str, dest: &str) -> String {
    let cut = dest.find(['?', '#']).unwrap_or(dest.len());
    let (path, rest) = dest.split_at(cut);
    let joined = crate::urls::remove_dot_segments(&format!("{page_url}{path}"));
    format!("{joined}{rest}")
}

/// A path relative to the current page: not absolute, not a fragment, no scheme.
pub fn is_relative(url: &str) -> bool {
    !(url.is_empty()
        || url.starts_with('/')
        || url.starts_with('#')
        || url.starts_with("@/")
        || url.split_once(':').is_some_and(|(scheme, _)| {
            !scheme.is_empty()
                && scheme
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
        }))
}

/// The URLs of a piece of raw HTML written in Markdown, each with the
/// byte offset in `source` (the Markdown the HTML comes from) where its
/// value is written; the HTML keeps them as written.
pub fn raw_html_links(html: &str, source: &str) -> Vec<(String, usize, bool)> {
    let mut from = 0;
    scan_html(html)
        .links
        .into_iter()
        .map(|link| {
            let at = [format!("=\"{}", link.url), format!("='{}", link.url)]
                .iter()
                .chain(std::iter::once(&link.url))
                .find_map(|needle| source[from..].find(needle.as_str()).map(|i| from + i))
                .map_or(from, |i| {
                    let value = if source[i..].starts_with('=') {
                        i + 2
                    } else {
                        i
                    };
                    from = value;
                    value
                });
            let image = link.is_image();
            (link.url, at, image)
        })
        .collect()
}

/// Rewrites the destinations of a document's links and records every
/// link it writes, with its position.
pub struct LinkRecorder<'i, 't> {
    text: &'i str,
    file: &'i str,
    first_line: usize,
    page_url: Option<&'i str>,
    targets: &'t LinkTargets,
    lines: LineCursor<'i>,
    /// The links recorded so far.
    pub links: SourceLinks,
    /// `@/` links that lead nowhere.
    pub problems: Vec<Diagnostic>,
}

impl<'i, 't> LinkRecorder<'i, 't> {
    /// A recorder for the Markdown `text` of `file`, which starts on file
    /// line `first_line`; relative paths resolve against the page URL
    /// `page_url`.
    pub fn new(
        text: &'i str,
        file: &'i str,
        first_line: usize,
        page_url: Option<&'i str>,
        targets: &'t LinkTargets,
    ) -> Self {
        LinkRecorder {
            text,
            file,
            first_line,
            page_url,
            targets,
            lines: LineCursor::new(text),
            links: SourceLinks::default(),
            problems: Vec::new(),
        }
    }

    fn position(&mut self, offset: usize) -> (usize, usize) {
        let (line, col) = self.lines.at(offset);
        (self.first_line + line - 1, col)
    }

    /// A link or image tag with its destination rewritten.
    pub fn tag<'a>(&mut self, tag: Tag<'a>, offset: usize) -> Tag<'a> {
        match tag {
            Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Link {
                dest_url: self.destination(dest_url, offset, false),
                link_type,
                title,
                id,
            },
            Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            } => Tag::Image {
                dest_url: self.destination(dest_url, offset, true),
                link_type,
                title,
                id,
            },
            other => other,
        }
    }

    fn destination<'a>(&mut self, dest: CowStr<'a>, offset: usize, image: bool) -> CowStr<'a> {
        let written = String::from(&*dest);
        let (line, col) = self.position(offset);
        let href = match resolve_destination(dest, self.page_url, self.targets) {
            Ok(href) => href,
            Err(path) => {
                self.problems.push(
                    Diagnostic::error(
                        Kind::UnknownPage,
                        Span::new(self.file, line, col),
                        format!("link to `@/{path}`, which does not exist"),
                    )
                    .with_hint(
                        "write the path of a file under content/, such as @/mistakes/other.md",
                    ),
                );
                written.clone().into()
            }
        };
        self.links.push(&written, &href, line, col, image);
        href
    }

    /// Records the URLs of raw HTML written at `range` (kept as written).
    pub fn raw_html(&mut self, html: &str, range: std::ops::Range<usize>) {
        let source = &self.text[range.clone()];
        for (url, at, image) in raw_html_links(html, source) {
            let (line, col) = self.position(range.start + at);
            self.links.push(&url, &url, line, col, image);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_follow_the_build() {
        let mut targets = LinkTargets::default();
        targets
            .urls
            .insert("mistakes/b.md".into(), "/g/mistakes/b/".into());
        let at = |dest: &'static str, bundle| resolve_destination(dest.into(), bundle, &targets);
        assert_eq!(
            at("@/mistakes/b.md#fix", None).unwrap().as_ref(),
            "/g/mistakes/b/#fix"
        );
        assert_eq!(at("@/mistakes/c.md", None), Err("mistakes/c.md".into()));
        let bundle = Some("/g/mistakes/a/");
        assert_eq!(
            at("./pic.png", bundle).unwrap().as_ref(),
            "/g/mistakes/a/pic.png"
        );
        assert_eq!(at("pic.png", None).unwrap().as_ref(), "pic.png");
        assert_eq!(at("#x", bundle).unwrap().as_ref(), "#x");
    }

    #[test]
    fn links_read_back_as_recorded() {
        let mut links = SourceLinks::default();
        links.push("@/mistakes/b.md#fix", "/g/mistakes/b/#fix", 7, 3, false);
        links.push("cover.jpg", "cover.jpg", 9, 1, true);
        let mut more = SourceLinks::default();
        more.push("", "", 2, 5, false);
        links.extend(&more);
        assert_eq!(links.len(), 3);
        let first = links.get(0);
        assert_eq!(first.written, "@/mistakes/b.md#fix");
        assert_eq!(first.href, "/g/mistakes/b/#fix");
        assert_eq!(first.span("content/a.md"), Span::new("content/a.md", 7, 3));
        let second = links.get(1);
        assert_eq!((second.written, second.href), ("cover.jpg", "cover.jpg"));
        assert!(second.image);
        let third = links.iter().last().unwrap();
        assert_eq!(
            (third.written, third.href, third.line, third.col),
            ("", "", 2, 5)
        );
    }

    #[test]
    fn raw_html_urls_are_placed_at_their_value() {
        let source = "<p><a href=\"/a/\">a</a> <img src='b.png'></p>";
        let links = raw_html_links(source, source);
        assert_eq!(links[0], ("/a/".to_string(), 12, false));
        assert_eq!(links[1], ("b.png".to_string(), 33, true));
    }
}
