//! Stage 2, pure: the site's Markdown sources -> [`Documents`] (write-ups,
//! plain pages and the FAQ page, drafts set aside), and, once every page's
//! URL is known, -> [`RenderedDocuments`] (bodies, summaries and FAQ
//! answers as HTML). Files are parsed and write-ups rendered in parallel.

use rayon::prelude::*;

use super::date::Date;
use super::growth::check_repeats;
use super::markdown::{
    Fragment, LinkTargets, MarkdownInput, Rendered, render_fragment, render_markdown,
};
use super::{Doc, Page, Parsed, Writeup, parse_source};
use crate::diag::Diagnostic;
use crate::load::SourceFile;
use writeups::render_writeups;

mod writeups;

/// Which documents a build publishes: drafts, and write-ups dated after
/// `today` (as Hugo's `buildFuture`), are left out unless asked for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Selection {
    /// Publish drafts.
    pub drafts: bool,
    /// Publish write-ups dated after `today`.
    pub future: bool,
    /// The build's date.
    pub today: Date,
}

/// Why a document is not published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LeftOut {
    /// `draft: true`, without `--drafts`.
    Draft,
    /// Dated after the build's date, without `--future`.
    Future,
}

impl Selection {
    /// Whether a write-up is published, and marks one that is published
    /// although dated after today (`Writeup::future`), so that the theme
    /// can say so.
    pub fn select_writeup(&self, writeup: &mut Writeup) -> Result<(), LeftOut> {
        writeup.future = writeup.date.day_is_after(&self.today);
        if writeup.doc.draft && !self.drafts {
            Err(LeftOut::Draft)
        } else if writeup.future && !self.future {
            Err(LeftOut::Future)
        } else {
            Ok(())
        }
    }

    /// Whether a plain page is published (pages have no date).
    pub fn select_page(&self, page: &Page) -> Result<(), LeftOut> {
        if page.doc.draft && !self.drafts {
            Err(LeftOut::Draft)
        } else {
            Ok(())
        }
    }
}

/// The published documents of a site, parsed.
#[derive(Debug, Default)]
pub struct Documents {
    /// Write-ups under `content/mistakes/`, in path order.
    pub writeups: Vec<Writeup>,
    /// Plain pages, in path order.
    pub pages: Vec<Page>,
    /// `content/faq.md`, when present.
    pub faq: Option<Page>,
    /// The `content/`-relative folders of page bundles left out (drafts,
    /// future write-ups), whose files are not published either.
    pub skipped_drafts: Vec<String>,
    /// How many drafts were left out.
    pub drafts_left_out: usize,
    /// How many write-ups dated after today were left out.
    pub future_left_out: usize,
}

impl Documents {
    /// Every write-up and plain page (not the FAQ page).
    pub fn docs(&self) -> impl Iterator<Item = &Doc> {
        let pages = self.pages.iter().map(|p| &p.doc);
        self.writeups.iter().map(|w| &w.doc).chain(pages)
    }
}

/// A write-up whose Markdown has been rendered, before assembly.
#[derive(Debug, Clone)]
pub struct RenderedWriteup {
    /// Front matter and body.
    pub writeup: Writeup,
    /// The body as HTML.
    pub rendered: Rendered,
    /// The list summary as HTML.
    pub summary_html: String,
    /// (question, answer HTML) pairs.
    pub faq: Vec<(String, String)>,
    /// Each revisit's note as HTML, in the order written.
    pub revisit_notes: Vec<String>,
}

/// A plain page (or the FAQ page) whose Markdown has been rendered.
#[derive(Debug, Clone)]
pub struct RenderedPage {
    /// Front matter and body.
    pub page: Page,
    /// The body as HTML.
    pub rendered: Rendered,
    /// (question, answer HTML) pairs.
    pub faq: Vec<(String, String)>,
}

/// Every published document, rendered.
#[derive(Debug, Default)]
pub struct RenderedDocuments {
    /// The write-ups, in path order.
    pub writeups: Vec<RenderedWriteup>,
    /// The plain pages, in path order.
    pub pages: Vec<RenderedPage>,
    /// The FAQ page.
    pub faq: Option<RenderedPage>,
}

/// Parses every Markdown source in parallel and sorts the documents by
/// kind; drafts and future write-ups are left out as `selection` says,
/// and counted. A file with an error yields no document, only its
/// diagnostics.
pub fn parse_documents(
    markdown: Vec<SourceFile>,
    selection: &Selection,
) -> (Documents, Vec<Diagnostic>) {
    let parsed: Vec<(Option<Parsed>, Vec<Diagnostic>)> =
        markdown.into_par_iter().map(parse_source).collect();
    let mut documents = Documents::default();
    let mut problems = Vec::new();
    for (doc, found) in parsed {
        problems.extend(found);
        let (left_out, bundle) = match doc {
            Some(Parsed::Writeup(mut w)) => match selection.select_writeup(&mut w) {
                Ok(()) => {
                    documents.writeups.push(*w);
                    continue;
                }
                Err(why) => (why, w.doc.bundle_dir),
            },
            Some(Parsed::Page(p)) => match selection.select_page(&p) {
                Ok(()) => {
                    documents.pages.push(p);
                    continue;
                }
                Err(why) => (why, p.doc.bundle_dir),
            },
            Some(Parsed::Faq(p)) => {
                documents.faq = Some(p);
                continue;
            }
            None => continue,
        };
        documents.skipped_drafts.extend(bundle);
        match left_out {
            LeftOut::Draft => documents.drafts_left_out += 1,
            LeftOut::Future => documents.future_left_out += 1,
        }
    }
    (documents, problems)
}

/// Renders every document's Markdown, write-ups in parallel. Without
/// `retain_sources` each write-up's Markdown is dropped as soon as its HTML
/// exists, so a large site never holds both, and the HTML is packed
/// ([`Packer`](super::markdown::Packer)) until its page renders.
pub fn render_documents(
    documents: Documents,
    targets: &LinkTargets,
    retain_sources: bool,
) -> (RenderedDocuments, Vec<Diagnostic>) {
    let Documents {
        writeups,
        pages,
        faq,
        ..
    } = documents;
    let results = render_writeups(writeups, targets, retain_sources);
    let mut problems = Vec::new();
    let writeups = results
        .into_iter()
        .map(|(w, p)| {
            problems.extend(p);
            w
        })
        .collect();
    let mut render_one = |page: Page| {
        let (rendered, more) = render_page(page, targets);
        problems.extend(more);
        rendered
    };
    let pages = pages.into_iter().map(&mut render_one).collect();
    let faq = faq.map(render_one);
    let rendered = RenderedDocuments {
        writeups,
        pages,
        faq,
    };
    (rendered, problems)
}

/// The order of the site's write-ups (`Site::posts`): newest first, ties
/// broken by slug.
pub fn newest_first(a: &Writeup, b: &Writeup) -> std::cmp::Ordering {
    b.date
        .cmp(&a.date)
        .then_with(|| a.doc.slug.cmp(&b.doc.slug))
}

/// Renders one write-up: body, list summary and FAQ answers (`serve`
/// renders a changed write-up alone with this).
pub fn render_writeup(
    mut writeup: Writeup,
    targets: &LinkTargets,
    retain_source: bool,
) -> (RenderedWriteup, Vec<Diagnostic>) {
    let mut out = Rendering::body(&writeup.doc, targets);
    let summary_html = match &writeup.summary {
        Some(summary) => out.fragment(&writeup.doc, summary, writeup.summary_line),
        // A write-up's list summary is kept here only (pages show
        // `rendered.summary`): moved, not copied.
        None => std::mem::take(&mut out.rendered.summary),
    };
    let faq = out.faq(&writeup.doc);
    let revisit_notes = out.revisit_notes(&writeup);
    let Rendering {
        mut rendered,
        mut problems,
        ..
    } = out;
    // Held to the link check at the size they are, not at what their last
    // doubling left.
    rendered.links.shrink_to_fit();
    rendered.toc.shrink_to_fit();
    problems.extend(check_repeats(
        &writeup.growth,
        &writeup.doc.content_path,
        &targets.urls,
    ));
    if !retain_source {
        writeup.doc.body = String::new();
    }
    let rendered = RenderedWriteup {
        writeup,
        rendered,
        summary_html,
        faq,
        revisit_notes,
    };
    (rendered, problems)
}

/// Renders one plain page (or the FAQ page): body and FAQ answers.
pub fn render_page(page: Page, targets: &LinkTargets) -> (RenderedPage, Vec<Diagnostic>) {
    let mut out = Rendering::body(&page.doc, targets);
    let faq = out.faq(&page.doc);
    let Rendering {
        rendered, problems, ..
    } = out;
    let rendered = RenderedPage {
        page,
        rendered,
        faq,
    };
    (rendered, problems)
}

/// A document being rendered: its body, to which the parts rendered for
/// it (summary, FAQ answers, revisit notes) add their problems and links.
struct Rendering<'a> {
    targets: &'a LinkTargets,
    /// The document's URL, which its relative links resolve against (a
    /// summary shown on the home page keeps working links and images).
    page_url: Option<String>,
    rendered: Rendered,
    problems: Vec<Diagnostic>,
}

impl<'a> Rendering<'a> {
    /// Renders the body of `doc`.
    fn body(doc: &Doc, targets: &'a LinkTargets) -> Self {
        let page_url = targets.urls.get(&doc.content_path).cloned();
        let input = MarkdownInput {
            text: &doc.body,
            file: &doc.source,
            first_line: doc.body_line,
            id_prefix: &doc.slug,
            page_url: page_url.as_deref(),
        };
        let (rendered, problems) = render_markdown(input, targets);
        Rendering {
            targets,
            page_url,
            rendered,
            problems,
        }
    }

    /// The HTML of a part of the document; its problems and links join the
    /// document's.
    fn add(&mut self, (part, problems): (Fragment, Vec<Diagnostic>)) -> String {
        self.problems.extend(problems);
        self.rendered.links.extend(&part.links);
        part.html
    }

    /// A Markdown text from front matter (`summary:`, a FAQ answer) as
    /// HTML; `line` is the line of its key, so positions in it are close to
    /// where it is written.
    fn fragment(&mut self, doc: &Doc, text: &str, line: usize) -> String {
        let input = MarkdownInput {
            text,
            file: &doc.source,
            first_line: line,
            id_prefix: &doc.slug,
            page_url: self.page_url.as_deref(),
        };
        let part = render_fragment(input, self.targets);
        self.add(part)
    }

    /// The document's questions with their answers as HTML.
    fn faq(&mut self, doc: &Doc) -> Vec<(String, String)> {
        doc.faq
            .iter()
            .map(|pair| {
                let answer = self.fragment(doc, &pair.answer, pair.line);
                (pair.question.clone(), answer)
            })
            .collect()
    }

    /// Each revisit's note as HTML. A note is a small document of its own
    /// on the write-up's page: its footnotes work, with ids prefixed per
    /// revisit so that they never clash with the body's.
    fn revisit_notes(&mut self, writeup: &Writeup) -> Vec<String> {
        let doc = &writeup.doc;
        let revisits = writeup.growth.revisits.iter().enumerate();
        revisits
            .map(|(i, revisit)| {
                if revisit.note.trim().is_empty() {
                    return String::new();
                }
                let id_prefix = format!("{}-revisit-{}", doc.slug, i + 1);
                let input = MarkdownInput {
                    text: &revisit.note,
                    file: &doc.source,
                    first_line: revisit.note_line,
                    id_prefix: &id_prefix,
                    page_url: self.page_url.as_deref(),
                };
                let (note, problems) = render_markdown(input, self.targets);
                let links = note.links;
                self.add((
                    Fragment {
                        html: note.html.into_string(),
                        links,
                    },
                    problems,
                ))
            })
            .collect()
    }
}
