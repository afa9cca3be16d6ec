//! Stage 2, pure: source files -> parsed documents. Front matter is read
//! and checked here (`parse_source`), and Markdown is rendered to HTML
//! (`markdown::render_markdown`) once every page's URL is known, so that
//! `@/` links can be resolved.

pub mod aliases;
pub mod code_cache;
pub mod date;
pub mod date_forms;
pub mod documents;
pub mod embeds;
pub mod footnotes;
pub mod front_matter;
pub mod growth;
pub mod highlight;
pub mod keys;
pub mod leftovers;
pub mod links;
pub mod markdown;
pub mod simple_yaml;
pub mod slug;
mod writeup;

use crate::diag::{Diagnostic, Kind, Span};
use crate::load::SourceFile;
use date::Date;
use front_matter::{FrontMatter, split_front_matter};
use growth::Growth;
use slug::{slug_from_stem, slugify};
use writeup::parse_writeup_fields;

/// How severe a mistake was, as the write-up rates it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum MistakeSeverity {
    /// Small, quickly fixed.
    Low,
    /// Noticeable cost.
    Medium,
    /// Serious consequences.
    High,
}

/// A question and its answer (Markdown source), with the line it is on.
#[derive(Debug, Clone)]
pub struct FaqSource {
    /// The question, plain text.
    pub question: String,
    /// The answer, Markdown.
    pub answer: String,
    /// The file line of the `faq:` key (answers are positioned from there).
    pub line: usize,
}

/// What every content file has: where it is, where it goes, its body.
#[derive(Debug, Clone)]
pub struct Doc {
    /// Path relative to the site root: `content/mistakes/a.md`.
    pub source: String,
    /// Path relative to `content/`, the form `@/` links use: `mistakes/a.md`.
    pub content_path: String,
    /// Final URL slug.
    pub slug: String,
    /// Output path relative to the base path, ending in `/`: `mistakes/a/`.
    pub path: String,
    /// Title from front matter.
    pub title: String,
    /// The Markdown body (after the front matter).
    pub body: String,
    /// The file line the body starts on.
    pub body_line: usize,
    /// The `content/`-relative folder of a page bundle (`mistakes/a`), if it is one.
    pub bundle_dir: Option<String>,
    /// Excluded unless `--drafts`.
    pub draft: bool,
    /// FAQ pairs from front matter.
    pub faq: Vec<FaqSource>,
    /// Unknown front-matter keys, in the order written.
    pub extra: serde_json::Map<String, serde_json::Value>,
    /// Old URLs where the build writes a redirect to this page.
    pub aliases: Vec<aliases::Alias>,
}

/// A mistake write-up under `content/mistakes/`.
#[derive(Debug, Clone)]
pub struct Writeup {
    /// Location, title, body.
    pub doc: Doc,
    /// Publication date.
    pub date: Date,
    /// Last significant update.
    pub updated: Option<Date>,
    /// Strategy slugs as written.
    pub strategies: Vec<String>,
    /// Where `strategies:` is, for warnings about unknown slugs.
    pub strategies_span: Span,
    /// The one-sentence lesson.
    pub lesson: Option<String>,
    /// How severe the mistake was.
    pub severity: Option<MistakeSeverity>,
    /// An explicit summary (Markdown).
    pub summary: Option<String>,
    /// The file line of `summary:`.
    pub summary_line: usize,
    /// Dated after the build's date (set by `documents::Selection`): a
    /// preview shows it marked, a build leaves it out unless `--future`.
    pub future: bool,
    /// Goals, revisits and repeats (SPEC §9).
    pub growth: Growth,
}

impl Writeup {
    /// The order of the site's write-ups (`Site::posts`): newest first,
    /// ties broken by slug.
    pub fn newest_first(a: &Writeup, b: &Writeup) -> std::cmp::Ordering {
        b.date
            .cmp(&a.date)
            .then_with(|| a.doc.slug.cmp(&b.doc.slug))
    }
}

/// A plain page (`content/about.md`) or the FAQ page (`content/faq.md`).
#[derive(Debug, Clone)]
pub struct Page {
    /// Location, title, body.
    pub doc: Doc,
    /// Meta description.
    pub description: Option<String>,
}

/// A parsed content file.
#[derive(Debug, Clone)]
pub enum Parsed {
    /// A write-up.
    Writeup(Box<Writeup>),
    /// The FAQ page.
    Faq(Page),
    /// Any other page.
    Page(Page),
}

const WRITEUP_DIR: &str = "content/mistakes/";

/// Parses one content file's front matter. Every problem of the file is
/// returned at once. A file whose front matter has errors still yields
/// its document when its YAML parsed (a bad date gets a stand-in), so that
/// its other problems (unknown strategies, broken links) are found in the
/// same run; its errors fail the build all the same. The file's bytes
/// become the document's body without a copy.
pub fn parse_source(file: SourceFile) -> (Option<Parsed>, Vec<Diagnostic>) {
    let rel = file.rel_path.as_str();
    let mut text = match String::from_utf8(file.bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = e.utf8_error().valid_up_to();
            let bytes = e.into_bytes();
            let (line, col) =
                crate::diag::line_col(&String::from_utf8_lossy(&bytes[..valid]), valid);
            return (
                None,
                vec![
                    Diagnostic::error(
                        Kind::NotUtf8,
                        Span::new(rel, line, col),
                        "the file is not UTF-8 text",
                    )
                    .with_hint("save it as UTF-8 in your editor"),
                ],
            );
        }
    };
    let bom = if text.starts_with('\u{feff}') {
        '\u{feff}'.len_utf8()
    } else {
        0
    };
    let (parsed, problems, body_start) = parse_text(rel, &text[bom..]);
    let Some(mut parsed) = parsed else {
        return (None, problems);
    };
    text.drain(..bom + body_start);
    match &mut parsed {
        Parsed::Writeup(w) => w.doc.body = text,
        Parsed::Faq(p) | Parsed::Page(p) => p.doc.body = text,
    }
    (Some(parsed), problems)
}

/// Parses the front matter of `text`; also returns where the body starts.
fn parse_text(rel: &str, text: &str) -> (Option<Parsed>, Vec<Diagnostic>, usize) {
    let split = match split_front_matter(rel, text) {
        Ok(split) => split,
        Err(d) => return (None, vec![d], 0),
    };
    let body_start = text.len() - split.body.len();
    let mut fm = match FrontMatter::parse(rel, &split) {
        Ok(fm) => fm,
        Err(d) => return (None, vec![d], 0),
    };
    let mut problems = Vec::new();
    let mut doc = match parse_doc(rel, &mut fm, &mut problems) {
        Some(doc) => doc,
        None => return (None, problems, 0),
    };
    doc.body_line = split.body_line;
    let parsed = if rel.starts_with(WRITEUP_DIR) {
        parse_writeup_fields(doc, &mut fm, &mut problems).map(|w| Parsed::Writeup(Box::new(w)))
    } else {
        let description = collect(fm.take_string("description"), &mut problems).flatten();
        let page = Page { doc, description };
        Some(if rel == "content/faq.md" {
            Parsed::Faq(page)
        } else {
            Parsed::Page(page)
        })
    };
    let known = if rel.starts_with(WRITEUP_DIR) {
        keys::WRITEUP_KEYS
    } else {
        keys::PAGE_KEYS
    };
    problems.extend(fm.misspelled_keys(known));
    let extra = fm.into_extra();
    let parsed = parsed.map(|mut parsed| {
        match &mut parsed {
            Parsed::Writeup(w) => w.doc.extra = extra,
            Parsed::Faq(p) | Parsed::Page(p) => p.doc.extra = extra,
        }
        parsed
    });
    (parsed, problems, body_start)
}

fn collect<T>(result: Result<T, Diagnostic>, problems: &mut Vec<Diagnostic>) -> Option<T> {
    result.map_err(|d| problems.push(d)).ok()
}

/// The fields every content file shares, and where its output goes.
fn parse_doc(rel: &str, fm: &mut FrontMatter, problems: &mut Vec<Diagnostic>) -> Option<Doc> {
    let title = collect(fm.take_string("title"), problems).flatten();
    if title.is_none() && problems.is_empty() {
        problems.push(
            Diagnostic::error(
                Kind::MissingTitle,
                fm.span_of("title"),
                "the front matter has no `title`",
            )
            .with_hint("add a line `title: What went wrong`"),
        );
    }
    // A blank title would publish a page with an empty heading and links
    // with no text: as wrong as a missing one.
    if title.as_deref().is_some_and(|t| t.trim().is_empty()) {
        problems.push(
            Diagnostic::error(Kind::EmptyTitle, fm.span_of("title"), "`title` is empty")
                .with_hint("write what went wrong after `title:`"),
        );
    }
    let slug_field = collect(fm.take_string("slug"), problems).flatten();
    let draft = collect(fm.take_bool("draft"), problems)
        .flatten()
        .unwrap_or(false);
    let aliases = aliases::take_aliases(fm, problems);
    let faq_line = fm.span_of("faq").line;
    let faq = collect(fm.take_faq(), problems).unwrap_or_default();
    let content_path = rel.strip_prefix("content/").unwrap_or(rel).to_string();
    let (stem_path, bundle_dir) = match content_path.strip_suffix("/index.md") {
        Some(dir) => (dir.to_string(), Some(dir.to_string())),
        None => (content_path.trim_end_matches(".md").to_string(), None),
    };
    let (parent, stem) = match stem_path.rsplit_once('/') {
        Some((parent, stem)) => (Some(parent), stem),
        None => (None, stem_path.as_str()),
    };
    let slug = match &slug_field {
        Some(written) => {
            let slug = slugify(written);
            // `slug: ../../evil` must not pass as if it were `evil`.
            if !slug.is_empty() && slug != *written {
                problems.push(
                    Diagnostic::warning(
                        Kind::BadSlug,
                        fm.span_of("slug"),
                        format!(
                            "`slug` `{}` is not a URL slug: the page is published as `{slug}`",
                            written.escape_debug()
                        ),
                    )
                    .with_hint(format!(
                        "write `slug: {slug}`: lower-case letters, digits and `-`"
                    )),
                );
            }
            slug
        }
        None if rel.starts_with(WRITEUP_DIR) => slug_from_stem(stem),
        None => slugify(stem),
    };
    if slug.is_empty() {
        problems.push(
            Diagnostic::error(
                Kind::EmptySlug,
                fm.span_of("slug"),
                "the page's slug is empty",
            )
            .with_hint("set `slug:` to a few letters or digits"),
        );
        return None;
    }
    // A folder with no letter or digit would leave an empty URL segment:
    // `content/-/a.md` would be published at `//a/`, which a browser reads
    // as the host `a` (found by the fuzz tests).
    let folders: Vec<String> = parent
        .into_iter()
        .flat_map(|p| p.split('/'))
        .map(slugify)
        .collect();
    if let Some(i) = folders.iter().position(String::is_empty) {
        let folder = parent
            .unwrap_or_default()
            .split('/')
            .nth(i)
            .unwrap_or_default();
        problems.push(
            Diagnostic::error(
                Kind::EmptySlug,
                Span::new(rel, 1, 1),
                format!("the folder `{folder}` has no letter or digit to put in the page's URL"),
            )
            .with_hint("rename the folder with letters, digits and `-`"),
        );
        return None;
    }
    let path = folders
        .iter()
        .map(|folder| format!("{folder}/"))
        .chain([format!("{slug}/")])
        .collect();
    Some(Doc {
        source: rel.to_string(),
        content_path,
        slug,
        path,
        title: title.unwrap_or_default(),
        body: String::new(),
        body_line: 1,
        bundle_dir,
        draft,
        faq: faq
            .into_iter()
            .map(|(question, answer)| FaqSource {
                question,
                answer,
                line: faq_line,
            })
            .collect(),
        extra: serde_json::Map::new(),
        aliases,
    })
}

#[cfg(test)]
mod tests;
