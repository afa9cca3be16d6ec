//! `Site` -> the files of the search index under `search/`, what the
//! search page's script reads: every write-up (its whole text, lesson and
//! strategies), every question (the FAQ page's and each write-up's), every
//! strategy and every plain page, as [`index::Record`]s. The text is
//! counted into compact postings and dropped; a result shows its title,
//! lesson and the start of its text. Paths are relative to the base path
//! (the page adds it), so the index works under any sub-path.
//!
//! `build` writes the whole index ([`search_index`]); `serve` keeps a
//! [`SiteIndex`] and updates it for the documents a save changed.

pub mod files;
pub mod index;
pub mod reading;
pub mod text;
pub mod tokens;
pub mod update;

use index::{Kind, Record};
use rayon::prelude::*;
use reading::Text;
use text::plain_text;
pub use update::{IndexUpdate, SearchIndex};

use crate::assemble::Site;
use crate::parse::markdown::BodyHtml;
use crate::render::bodies::Bodies;
use crate::render::output::{OutputBody, OutputFile, OutputSink};
use crate::strings::Strings;

/// The folder of the index, relative to the output folder.
pub const SEARCH_DIR: &str = "search/";

/// Where a record's text comes from: read when the record is counted.
#[derive(Debug, Clone, Copy)]
pub enum Body<'a> {
    /// HTML, made plain.
    Html(&'a str),
    /// A document's body, made plain.
    Document(&'a BodyHtml),
    /// Plain text already.
    Plain(&'a str),
}

impl Body<'_> {
    /// The text that is counted.
    pub fn text(self) -> String {
        match self {
            Body::Html(html) => plain_text(html),
            Body::Document(html) => plain_text(&html.text()),
            Body::Plain(text) => text.to_string(),
        }
    }

    /// The text as the index reads it: HTML is made plain as it is read.
    pub fn read(self) -> Text {
        match self {
            Body::Html(html) => Text::Html(html.to_string()),
            Body::Document(html) => Text::Html(html.text().into_owned()),
            Body::Plain(text) => Text::Plain(text.to_string()),
        }
    }
}

/// The search index of `site`, every file of it into `sink`, for
/// `build`: the write-ups' bodies are read from `posts` (which may have
/// taken them out of the site).
pub fn search_index(site: &Site, posts: &Bodies, sink: &dyn OutputSink) {
    let (records, bodies) = records(site);
    // Write-up records are the write-ups, in order.
    let mut writeups = 0..site.posts.len();
    let post_of: Vec<Option<usize>> = records
        .iter()
        .map(|record| match record.kind {
            Kind::Writeup => writeups.next(),
            _ => None,
        })
        .collect();
    let text = |n: usize| match post_of[n] {
        Some(i) => Text::Html(posts.get(i).into_owned()),
        None => bodies[n].read(),
    };
    let language = &site.config.language;
    SearchIndex::write(language, records, text, &mut |(path, body)| {
        sink.accept(OutputFile {
            path: format!("{SEARCH_DIR}{path}"),
            body: OutputBody::Bytes(body),
        })
    });
}

/// The index `serve` keeps, to update it when documents change.
#[derive(Debug)]
pub struct SiteIndex(SearchIndex);

/// What an update of a [`SiteIndex`] reads of a site: taken while the site
/// is borrowed, so that the counting, the long part, runs without it (and
/// serve can patch the next save into the site meanwhile, without a copy).
#[derive(Debug)]
pub struct SiteReading {
    language: String,
    records: Vec<Record>,
    /// The records counted again, in order (`None`: all, a new index).
    dirty: Option<Vec<usize>>,
    /// Their texts, in the same order.
    texts: Vec<String>,
}

/// The files an update changed.
#[derive(Debug, Default)]
pub struct IndexFiles {
    /// Files to serve (paths relative to the output folder).
    pub files: Vec<OutputFile>,
    /// Index files to drop.
    pub removed: Vec<String>,
    /// Whether `files` is the whole index (then every other index file goes).
    pub whole: bool,
}

impl SiteReading {
    /// A reading of every record of a site (in [`records`]' order) and
    /// every text, for a new index.
    pub fn whole(language: &str, records: Vec<Record>, texts: Vec<String>) -> Self {
        SiteReading {
            language: language.to_string(),
            records,
            dirty: None,
            texts,
        }
    }
}

impl SiteIndex {
    /// The index of `site` and every file of it.
    pub fn build(site: &Site) -> (SiteIndex, Vec<OutputFile>) {
        let (records, bodies) = records(site);
        let language = &site.config.language;
        let (index, files) = SearchIndex::build(language, records, |n| bodies[n].read(), true);
        (SiteIndex(index), output(files))
    }

    /// Reads what bringing `index` (`None`: none yet) to `site` needs: the
    /// records, and the texts of those counted again, the documents whose
    /// source files (`content/mistakes/x.md`, relative to the site folder)
    /// are in `changed` and any whose shown fields changed.
    pub fn read(index: Option<&SiteIndex>, site: &Site, changed: &[String]) -> SiteReading {
        let (records, bodies) = records(site);
        let changed = |record: &Record| {
            record
                .source
                .as_ref()
                .is_some_and(|source| changed.contains(source))
        };
        let dirty = index.and_then(|index| index.0.dirty(&records, changed));
        let texts = match &dirty {
            Some(dirty) => dirty.par_iter().map(|&n| bodies[n].text()).collect(),
            None => bodies.par_iter().map(|body| body.text()).collect(),
        };
        SiteReading {
            language: site.config.language.clone(),
            records,
            dirty,
            texts,
        }
    }

    /// Counts what was read into `index` (`None`: makes a new one): the
    /// index as of the site read, and the files that changed, the bytes a
    /// full build of that site writes there.
    pub fn apply(index: Option<SiteIndex>, reading: SiteReading) -> (SiteIndex, IndexFiles) {
        let SiteReading {
            language,
            records,
            dirty,
            texts,
        } = reading;
        match (index, dirty) {
            (Some(mut index), Some(dirty)) => {
                let at = |n: usize| dirty.binary_search(&n).ok();
                let text =
                    |n: usize| Text::Plain(at(n).map(|i| texts[i].clone()).unwrap_or_default());
                let IndexUpdate { files, removed } = index.0.update_dirty(records, &dirty, text);
                let removed = removed
                    .into_iter()
                    .map(|path| format!("{SEARCH_DIR}{path}"))
                    .collect();
                let files = output(files);
                let update = IndexFiles {
                    files,
                    removed,
                    whole: false,
                };
                (index, update)
            }
            _ => {
                let text = |n: usize| Text::Plain(texts[n].clone());
                let (index, files) = SearchIndex::build(&language, records, text, true);
                let files = output(files);
                let whole = IndexFiles {
                    files,
                    removed: Vec::new(),
                    whole: true,
                };
                (SiteIndex(index), whole)
            }
        }
    }
}

fn output(files: Vec<files::IndexFile>) -> Vec<OutputFile> {
    files
        .into_iter()
        .map(|(path, body)| OutputFile {
            path: format!("{SEARCH_DIR}{path}"),
            body: OutputBody::Bytes(body),
        })
        .collect()
}

/// Everything a search can find, in a fixed order (write-ups newest first,
/// each followed by its questions; the FAQ page's questions, strategies,
/// pages): the order breaks ties between results. With each, where its
/// text is.
pub fn records(site: &Site) -> (Vec<Record>, Vec<Body<'_>>) {
    let strings = Strings::new(&site.config.language, &site.config.strings);
    let capacity = site.posts.len() * 2 + site.strategies.len();
    let mut records: Vec<Record> = Vec::with_capacity(capacity);
    let mut bodies: Vec<Body<'_>> = Vec::with_capacity(capacity);
    let question = |item: &crate::assemble::FaqItem, parent: Option<usize>, source: &str| Record {
        kind: Kind::Question,
        title: item.question.clone(),
        path: format!("faq/#{}", item.anchor),
        lesson: String::new(),
        parent,
        tags: String::new(),
        meta: String::new(),
        source: Some(source.to_string()),
    };
    for post in &site.posts {
        let w = &post.writeup;
        let strategies: Vec<&str> = post
            .strategy_ids
            .iter()
            .map(|&i| site.strategies[i].name.as_str())
            .collect();
        let strategies = strategies.join(", ");
        let date = strings.date(&w.date);
        let parent = records.len();
        records.push(Record {
            kind: Kind::Writeup,
            title: w.doc.title.clone(),
            path: w.doc.path.clone(),
            lesson: w.lesson.clone().unwrap_or_default(),
            parent: None,
            meta: [date.as_str(), strategies.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · "),
            tags: strategies,
            source: Some(w.doc.source.clone()),
        });
        bodies.push(Body::Document(&post.rendered.html));
        for item in &post.faq {
            records.push(question(item, Some(parent), &w.doc.source));
            bodies.push(Body::Html(&item.answer_html));
        }
    }
    if let Some(page) = &site.faq_page {
        for item in &page.faq {
            records.push(question(item, None, &page.page.doc.source));
            bodies.push(Body::Html(&item.answer_html));
        }
    }
    for term in &site.strategies {
        records.push(Record {
            kind: Kind::Strategy,
            title: term.name.clone(),
            path: format!("strategies/{}/", term.slug),
            lesson: String::new(),
            parent: None,
            tags: String::new(),
            meta: String::new(),
            source: None,
        });
        bodies.push(Body::Plain(&term.description));
    }
    for page in site.pages.iter().chain(&site.faq_page) {
        records.push(Record {
            kind: Kind::Page,
            title: page.page.doc.title.clone(),
            path: page.page.doc.path.clone(),
            lesson: String::new(),
            parent: None,
            tags: String::new(),
            meta: String::new(),
            source: Some(page.page.doc.source.clone()),
        });
        bodies.push(Body::Document(&page.rendered.html));
    }
    (records, bodies)
}

#[cfg(test)]
mod tests;
