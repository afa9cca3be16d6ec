//! Links into the old blog -> links that work in the new site. Only
//! Markdown link and image destinations and raw HTML `href`/`src` change,
//! each within its line:
//!
//! - an old URL of an imported post or page (`/2019/03/14/x.html`,
//!   `https://old.blog/x/`, `../x/`) becomes an `@/` link to its new file,
//!   so it survives any later change of URLs (a footnote fragment follows);
//! - a copied static file, or a tag or category page, moves with the
//!   site's base path (tag pages become the strategy's page);
//! - a page of the old site that was not imported is noted, and points at
//!   the old site's address when the new site lives elsewhere.

mod footnotes;

use std::collections::{BTreeSet, HashMap};

use pulldown_cmark::{Event, LinkType, Parser, Tag};

use super::BodyNote;
use crate::import::report::Kind;
use crate::urls::percent_decode;
use footnotes::{cited_labels, footnote_fragment};

/// What the import knows about the old site's URLs.
#[derive(Debug, Clone, Default)]
pub struct OldUrls {
    /// Normalised old path (see `url_key`) -> path under the new `content/`.
    docs: HashMap<String, String>,
    /// Static files, by path under the old base path: `img/a.png`.
    files: BTreeSet<String>,
    /// Normalised old tag or category page -> the new strategy's slug.
    terms: HashMap<String, String>,
    /// Origins the old links may be written with: `https://old.blog`.
    origins: Vec<String>,
    /// The old site's address without its trailing `/`, when known.
    old_address: Option<String>,
    /// The old base path without its trailing `/`: `/blog` or ``.
    old_base: String,
    /// The new base path without its trailing `/`.
    new_base: String,
    /// Path under the new `content/` -> its footnotes' labels in the order
    /// Hugo numbered them (`fn:1` is the first cited), for Hugo's sites.
    notes: HashMap<String, Vec<String>>,
}

/// A link destination and what it becomes.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Fix {
    /// A new destination.
    To(String),
    /// A new destination, worth a note.
    ToNoted(String, String),
    /// Unchanged, worth a note (what, what to do).
    Noted(String, &'static str),
}

/// What to do about a link to a page of the old site that was not imported.
const NOT_IMPORTED: &str = "import or recreate that page, or link to its full address";

impl OldUrls {
    /// The URLs of a site that was at `old_address` (`https://old.blog/x`,
    /// if known), under `old_base`, and moves to `new_base`; `origins` are
    /// the hosts its absolute links may name.
    pub fn new(
        origins: Vec<String>,
        old_address: Option<String>,
        old_base: &str,
        new_base: &str,
    ) -> OldUrls {
        OldUrls {
            origins: origins
                .into_iter()
                .map(|o| o.trim_end_matches('/').to_string())
                .filter(|o| !o.is_empty())
                .collect(),
            old_address: old_address.map(|a| a.trim_end_matches('/').to_string()),
            old_base: old_base.trim_end_matches('/').to_string(),
            new_base: new_base.trim_end_matches('/').to_string(),
            ..OldUrls::default()
        }
    }

    /// Records that the document at `content_path` answered at `old_url`.
    pub fn insert_doc(&mut self, old_url: &str, content_path: &str) {
        self.docs
            .entry(url_key(old_url))
            .or_insert_with(|| content_path.to_string());
    }

    /// Records the footnotes of the document at `content_path`, whose old
    /// ids were their numbers (Hugo's): `[^a]` cited first was `#fn:1`.
    pub fn insert_numbered_notes(&mut self, content_path: &str, body: &str) {
        let labels = cited_labels(body);
        if !labels.is_empty() {
            self.notes.insert(content_path.to_string(), labels);
        }
    }

    /// Records a static file copied from the old site (`img/a.png`).
    pub fn insert_file(&mut self, path: &str) {
        self.files
            .insert(percent_decode(path.trim_start_matches('/')));
    }

    /// Records an old tag or category page and the strategy it became.
    pub fn insert_term(&mut self, old_url: &str, strategy: &str) {
        self.terms.insert(url_key(old_url), strategy.to_string());
    }

    /// What a destination written on a page at `page_url` becomes.
    fn fix(&self, dest: &str, page_url: Option<&str>) -> Option<Fix> {
        let dest = dest.trim();
        if dest.is_empty() || dest.starts_with('#') || dest.starts_with("@/") {
            return None;
        }
        let (rest, fragment) = match dest.split_once('#') {
            Some((rest, fragment)) => (rest, Some(fragment)),
            None => (dest, None),
        };
        let (path, query) = match rest.split_once('?') {
            Some((path, query)) => (path, Some(query)),
            None => (rest, None),
        };
        let mut relative = false;
        // Written with the old site's address (`https://old.blog/x`).
        let mut absolute = false;
        let path = if let Some(rest) = self
            .origins
            .iter()
            .find_map(|o| path.strip_prefix(o.as_str()))
        {
            absolute = true;
            if rest.is_empty() {
                "/".to_string()
            } else {
                rest.to_string()
            }
        } else if path.starts_with("//") || path.contains(':') {
            return None;
        } else if path.starts_with('/') {
            path.to_string()
        } else {
            relative = true;
            let page = page_url?;
            format!(
                "{}{}{path}",
                self.old_base,
                &page[..page.rfind('/').map_or(0, |i| i + 1)]
            )
        };
        let inside = if self.old_base.is_empty() {
            Some(path.as_str())
        } else {
            path.strip_prefix(&self.old_base)
                .filter(|r| r.is_empty() || r.starts_with('/'))
        }?;
        let resolved = crate::urls::remove_dot_segments(inside);
        let inside = if inside.is_empty() {
            ""
        } else {
            resolved.as_str()
        };
        let key = url_key(inside);
        if let Some(target) = self.docs.get(&key) {
            let fragment = fragment.map(|f| footnote_fragment(f, target, self.notes.get(target)));
            return Some(Fix::To(match fragment {
                Some(fragment) => format!("@/{target}#{fragment}"),
                None => format!("@/{target}"),
            }));
        }
        let tail = || {
            let mut tail = String::new();
            if let Some(query) = query {
                tail.push('?');
                tail.push_str(query);
            }
            if let Some(fragment) = fragment {
                tail.push('#');
                tail.push_str(fragment);
            }
            tail
        };
        let file = percent_decode(inside.trim_start_matches('/'));
        let is_file = self.files.contains(&file)
            || self.files.contains(&format!(
                "{}index.html",
                file.trim_end_matches('/').to_string() + "/"
            ));
        if is_file {
            // A relative path moves with the write-up: it becomes the
            // file's path in the new site.
            return (relative || self.old_base != self.new_base)
                .then(|| Fix::To(format!("{}{inside}{}", self.new_base, tail())));
        }
        if relative {
            // Page-bundle files stay beside their write-up.
            return None;
        }
        if let Some(slug) = self.terms.get(&key) {
            return Some(Fix::To(format!("{}/strategies/{slug}/", self.new_base)));
        }
        let moved = self.old_base != self.new_base;
        if key.is_empty() && !moved {
            // The old home page is the new one, but for what was on it.
            return fragment
                .filter(|f| !f.is_empty() && !f.eq_ignore_ascii_case("top"))
                .map(|f| {
                    Fix::Noted(
                        format!(
                            "`{dest}` leads to a part of the old home page; the new home page lists the write-ups and has no `#{f}`"
                        ),
                        "link to the page that holds it now, or drop the `#` part",
                    )
                });
        }
        match (&self.old_address, moved) {
            (Some(address), true) => {
                let url = format!("{address}{inside}{}", tail());
                Some(Fix::ToNoted(
                    url.clone(),
                    format!(
                        "`{dest}` leads to a page of the old site that was not imported; it now points at {url}"
                    ),
                ))
            }
            _ if absolute => Some(Fix::Noted(
                format!(
                    "`{dest}` is an address on the old site's host that was not imported (or never existed)"
                ),
                "if another site serves it on that host (a project site under the same domain), it works, but `growthsite check` cannot see that and reports it; else import or recreate that page, or remove the link",
            )),
            _ => Some(Fix::Noted(
                format!(
                    "`{dest}` leads to a page of the old site that was not imported (or never existed)"
                ),
                NOT_IMPORTED,
            )),
        }
    }
}

/// `/2019/03/14/x.html`, `/2019/03/14/x/` and `2019/03/14/x/index.html`
/// are one key: `2019/03/14/x`.
fn url_key(path: &str) -> String {
    let decoded = percent_decode(path);
    let mut segments: Vec<&str> = Vec::new();
    for segment in decoded.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    if segments
        .last()
        .is_some_and(|s| *s == "index.html" || *s == "index.htm")
    {
        segments.pop();
    }
    let joined = segments.join("/");
    joined
        .strip_suffix(".html")
        .or_else(|| joined.strip_suffix(".htm"))
        .unwrap_or(&joined)
        .to_string()
}

/// Rewrites the link and image destinations of `text` (the body of a page
/// whose old URL was `page_url`); returns the text and the notes, by line.
pub fn rewrite_old_links(
    text: &str,
    urls: &OldUrls,
    page_url: Option<&str>,
) -> (String, Vec<BodyNote>) {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut notes = Vec::new();
    let mut apply =
        |fix: Option<Fix>, start: usize, len: usize, edits: &mut Vec<(usize, usize, String)>| {
            let note = match fix {
                None => return,
                Some(Fix::To(new)) => {
                    edits.push((start, start + len, new));
                    return;
                }
                Some(Fix::ToNoted(new, note)) => {
                    edits.push((start, start + len, new));
                    (note, NOT_IMPORTED)
                }
                Some(Fix::Noted(note, todo)) => (note, todo),
            };
            notes.push(BodyNote {
                kind: Kind::Link,
                line: super::line_at(text, start),
                source_line: 0,
                what: note.0,
                todo: note.1.into(),
            });
        };
    let mut parser = Parser::new_ext(text, crate::parse::markdown::options()).into_offset_iter();
    for (event, range) in parser.by_ref() {
        match event {
            Event::Start(Tag::Link {
                link_type: LinkType::Inline,
                dest_url,
                ..
            })
            | Event::Start(Tag::Image {
                link_type: LinkType::Inline,
                dest_url,
                ..
            }) => {
                if let Some(at) = find_destination(&text[range.clone()], "](", &dest_url) {
                    apply(
                        urls.fix(&dest_url, page_url),
                        range.start + at,
                        dest_url.len(),
                        &mut edits,
                    );
                }
            }
            Event::Html(_) | Event::InlineHtml(_) => {
                for (at, value) in html_urls(&text[range.clone()]) {
                    apply(
                        urls.fix(value, page_url),
                        range.start + at,
                        value.len(),
                        &mut edits,
                    );
                }
            }
            _ => {}
        }
    }
    for (_, definition) in parser.reference_definitions().iter() {
        let span = definition.span.clone();
        if let Some(at) = find_destination(&text[span.clone()], "]:", &definition.dest) {
            apply(
                urls.fix(&definition.dest, page_url),
                span.start + at,
                definition.dest.len(),
                &mut edits,
            );
        }
    }
    edits.sort_by_key(|edit| std::cmp::Reverse(edit.0));
    edits.dedup_by(|a, b| a.0 == b.0);
    let mut out = text.to_string();
    for (start, end, new) in edits {
        out.replace_range(start..end, &new);
    }
    (out, notes)
}

/// The values of `href` and `src` attributes in raw HTML, with offsets.
fn html_urls(html: &str) -> Vec<(usize, &str)> {
    let mut found = Vec::new();
    for attribute in ["href=", "src="] {
        for (i, _) in html.match_indices(attribute) {
            let before = html[..i].chars().next_back();
            if !before.is_some_and(char::is_whitespace) {
                continue;
            }
            let start = i + attribute.len();
            let Some(quote) = html[start..]
                .chars()
                .next()
                .filter(|c| *c == '"' || *c == '\'')
            else {
                continue;
            };
            if let Some(len) = html[start + 1..].find(quote) {
                found.push((start + 1, &html[start + 1..start + 1 + len]));
            }
        }
    }
    found
}

/// Where `dest` is written after `opener` (`](` or `]:`) in `text`,
/// allowing spaces and `<` between them.
fn find_destination(text: &str, opener: &str, dest: &str) -> Option<usize> {
    text.match_indices(opener).find_map(|(i, _)| {
        let after = i + opener.len();
        let rest = &text[after..];
        let skipped = rest.len() - rest.trim_start_matches([' ', '\t', '\n', '<']).len();
        text[after + skipped..]
            .starts_with(dest)
            .then_some(after + skipped)
    })
}

#[cfg(test)]
mod tests;
