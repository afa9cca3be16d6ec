//! Markdown -> HTML with growthsite's additions to CommonMark: heading ids
//! (unique per page) and a table of contents, footnote ids prefixed per
//! document, `@/` links resolved to page URLs, relative links made
//! absolute, the `<!-- more -->` summary, a word count, warnings about
//! other generators' leftovers, and code blocks and images replaced by HTML
//! of their own ([`super::embeds`]).

mod ids;
mod packed;
mod summary;
mod toc;

use pulldown_cmark::{
    CodeBlockKind, CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd, html,
};

use super::footnotes::FootnoteNumbers;
use super::leftovers::Leftovers;
use super::links::LinkRecorder;
pub use super::links::{LinkTargets, SourceLink, SourceLinks, is_relative, resolve_relative};
use crate::diag::{Diagnostic, Span, line_col};
use crate::images::ImageUse;
use crate::parse::embeds::{WrittenImage, code_block_html, image_element};
use ids::{HeadingIds, name_heading};
pub use packed::{BodyHtml, Packer};
use summary::{Role, first_paragraph, is_more_marker, role_in, summary_event};
pub use toc::{Toc, TocEntry};

/// One Markdown document to render.
#[derive(Debug, Clone, Copy)]
pub struct MarkdownInput<'a> {
    /// The Markdown text.
    pub text: &'a str,
    /// The file it comes from (for diagnostics), relative to the site root.
    pub file: &'a str,
    /// The file line the text starts on.
    pub first_line: usize,
    /// Prefix for footnote ids, unique among documents shown on one page.
    pub id_prefix: &'a str,
    /// The page's URL path, which relative links and images resolve
    /// against, so that they work wherever the HTML is shown (home, feed).
    pub page_url: Option<&'a str>,
}

/// A rendered document.
#[derive(Debug, Clone, Default)]
pub struct Rendered {
    /// The whole body as HTML (packed while a build holds it).
    pub html: BodyHtml,
    /// The text before `<!-- more -->`, or the first paragraph, as HTML
    /// without ids (so that list pages never repeat one).
    pub summary: String,
    /// `##` and `###` headings.
    pub toc: Toc,
    /// Words in the body.
    pub word_count: usize,
    /// Every link, image and raw-HTML URL the document writes (its body,
    /// and its summary and FAQ answers once those are rendered).
    pub links: SourceLinks,
    /// The wide local images it shows, which need resized variants.
    pub images: Vec<ImageUse>,
}

/// A rendered Markdown text from front matter (a summary, a FAQ answer).
#[derive(Debug, Clone, Default)]
pub struct Fragment {
    /// The text as HTML, without ids.
    pub html: String,
    /// The links it writes.
    pub links: SourceLinks,
}

/// The Markdown extensions growthsite renders with (SPEC §4): the one
/// place they are set.
pub fn options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION
}

/// Renders a document. Unresolvable `@/` links are reported; the rest of
/// the document still renders.
pub fn render_markdown(input: MarkdownInput, targets: &LinkTargets) -> (Rendered, Vec<Diagnostic>) {
    let (prepared, problems) = prepare(input, targets);
    let events = prepared.events;
    let summary_events = match prepared.more_at {
        Some(end) => &events[..end],
        None => first_paragraph(&events),
    };
    let mut summary = String::new();
    html::push_html(
        &mut summary,
        summary_events
            .iter()
            .filter_map(|event| summary_event(event, input.page_url)),
    );
    summary.shrink_to_fit();
    // The body consumes the events: no copy of their text.
    let mut body = String::with_capacity(input.text.len() * 3 / 2);
    html::push_html(&mut body, events.into_iter().map(|(event, _)| event));
    // Every body is held until its page is written: at its length, not at
    // what the last doubling left (often twice that).
    body.shrink_to_fit();
    let rendered = Rendered {
        html: body.into(),
        summary,
        toc: prepared.toc,
        word_count: prepared.word_count,
        links: prepared.links,
        images: prepared.images,
    };
    (rendered, problems)
}

/// Renders a short Markdown text (a summary or FAQ answer) that is shown
/// among others, so without heading or footnote ids.
pub fn render_fragment(input: MarkdownInput, targets: &LinkTargets) -> (Fragment, Vec<Diagnostic>) {
    let (prepared, problems) = prepare(input, targets);
    let mut html = String::new();
    html::push_html(
        &mut html,
        prepared
            .events
            .iter()
            .filter_map(|event| summary_event(event, input.page_url)),
    );
    let fragment = Fragment {
        html,
        links: prepared.links,
    };
    (fragment, problems)
}

/// A document's events after growthsite's rewrites, before HTML.
struct Prepared<'a> {
    events: Vec<(Event<'a>, Role)>,
    toc: Toc,
    word_count: usize,
    more_at: Option<usize>,
    links: SourceLinks,
    images: Vec<ImageUse>,
}

/// An element whose events are being gathered into HTML of its own.
enum Open<'a> {
    /// A code block: its info string and text.
    Code(CowStr<'a>, String),
    /// An image: its URL, title, alt text and where it starts.
    Image(CowStr<'a>, CowStr<'a>, String, usize),
}

fn prepare<'a>(input: MarkdownInput<'a>, targets: &LinkTargets) -> (Prepared<'a>, Vec<Diagnostic>) {
    let mut recorder = LinkRecorder::new(
        input.text,
        input.file,
        input.first_line,
        input.page_url,
        targets,
    );
    // A block of raw HTML comes line by line: its text is gathered and
    // read for links at its end, so a tag may span lines.
    let mut html_block: Option<(usize, String)> = None;
    // One pass over the parser's events: no intermediate list.
    let raw = Parser::new_ext(input.text, options()).into_offset_iter();
    let mut footnotes = FootnoteNumbers::default();
    // About one event per 18 bytes of a write-up: room for that at once,
    // not a copy of every event when the list doubles.
    let mut events: Vec<(Event, Role)> = Vec::with_capacity(input.text.len() / 16);
    let mut used_ids = HeadingIds::default();
    let mut toc = Toc::default();
    let mut word_count = 0;
    let mut more_at = None;
    let mut heading: Option<usize> = None;
    let mut heading_text = String::new();
    let mut in_footnote = false;
    // Liquid and shortcodes left in prose or raw HTML (not in code).
    let mut leftovers = Leftovers::default();
    let mut in_code = false;
    let mut open: Option<Open> = None;
    let mut images = Vec::new();
    let mut embed_problems = Vec::new();
    let mut first_image = true;
    for (event, range) in raw {
        match &event {
            Event::Start(Tag::CodeBlock(_)) => in_code = true,
            Event::End(TagEnd::CodeBlock) => in_code = false,
            Event::Text(_) | Event::Html(_) | Event::InlineHtml(_) if !in_code => {
                leftovers.scan(input.text, range.clone());
            }
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if dest_url.contains('{') =>
            {
                leftovers.scan(input.text, range.clone());
            }
            _ => {}
        }
        if let Some(element) = &mut open {
            if let Event::Text(text) | Event::Code(text) = &event {
                word_count += count_words(text);
            }
            match (element, event) {
                (Open::Code(_, code), Event::Text(text)) => code.push_str(&text),
                (Open::Code(info, code), Event::End(TagEnd::CodeBlock)) => {
                    let highlighter = targets.embeds.highlighter.as_deref();
                    let html = code_block_html(info, code, highlighter);
                    events.push((Event::Html(html.into()), role_in(in_footnote)));
                    open = None;
                }
                (Open::Image(.., alt, _), Event::Text(text) | Event::Code(text)) => {
                    alt.push_str(&text);
                }
                (Open::Image(.., alt, _), Event::SoftBreak | Event::HardBreak) => alt.push(' '),
                (Open::Image(src, title, alt, offset), Event::End(TagEnd::Image)) => {
                    let (line, col) = line_col(input.text, *offset);
                    let written = WrittenImage {
                        src,
                        alt,
                        title,
                        span: Span::new(input.file, input.first_line + line - 1, col),
                        first: first_image,
                    };
                    let (html, found, needs) = image_element(written, &targets.embeds);
                    embed_problems.extend(found);
                    images.extend(needs);
                    first_image = false;
                    events.push((Event::InlineHtml(html.into()), role_in(in_footnote)));
                    open = None;
                }
                _ => {}
            }
            continue;
        }
        let event = match event {
            Event::Start(Tag::CodeBlock(kind)) => {
                let info = match kind {
                    CodeBlockKind::Fenced(info) => info,
                    CodeBlockKind::Indented => CowStr::Borrowed(""),
                };
                open = Some(Open::Code(info, String::new()));
                continue;
            }
            Event::Start(tag @ Tag::Image { .. }) => {
                if let Tag::Image {
                    dest_url, title, ..
                } = recorder.tag(tag, range.start)
                {
                    open = Some(Open::Image(dest_url, title, String::new(), range.start));
                }
                continue;
            }
            Event::Start(Tag::Heading { .. }) => {
                heading = Some(events.len());
                heading_text.clear();
                event
            }
            Event::End(TagEnd::Heading(level)) => {
                if let Some(start) = heading.take() {
                    let id = name_heading(&mut events[start].0, &heading_text, &mut used_ids);
                    events[start].1 = Role::HeadingStart;
                    if matches!(level, HeadingLevel::H2 | HeadingLevel::H3) {
                        toc.push(level as u8, &id, heading_text.trim());
                    }
                    let anchor = format!(
                        "<a class=\"anchor\" href=\"#{id}\" aria-hidden=\"true\" tabindex=\"-1\">#</a>"
                    );
                    events.push((Event::InlineHtml(anchor.into()), Role::PageOnly));
                }
                event
            }
            Event::Text(ref text) | Event::Code(ref text) => {
                if heading.is_some() {
                    heading_text.push_str(text);
                }
                word_count += count_words(text);
                event
            }
            Event::Start(tag @ Tag::Link { .. }) => Event::Start(recorder.tag(tag, range.start)),
            Event::Start(Tag::HtmlBlock) => {
                html_block = Some((range.start, String::new()));
                event
            }
            Event::End(TagEnd::HtmlBlock) => {
                if let Some((start, text)) = html_block.take() {
                    recorder.raw_html(&text, start..range.end);
                }
                event
            }
            Event::FootnoteReference(label) => {
                let n = footnotes.number(&label);
                let id = footnotes.id(input.id_prefix, &label);
                // A note cited twice gets a second reference id; the note
                // links back to the first.
                let ref_id = match footnotes.cite(&label) {
                    1 => format!("ref-{id}"),
                    k => format!("ref-{id}-{k}"),
                };
                let html = format!(
                    "<sup class=\"footnote-ref\" id=\"{ref_id}\"><a href=\"#{id}\">{n}</a></sup>"
                );
                events.push((Event::InlineHtml(html.into()), Role::PageOnly));
                continue;
            }
            Event::Start(Tag::FootnoteDefinition(label)) => {
                let n = footnotes.number(&label);
                let id = footnotes.id(input.id_prefix, &label);
                in_footnote = true;
                let html = format!(
                    "<div class=\"footnote-definition\" id=\"{id}\"><a class=\"footnote-back\" href=\"#ref-{id}\" aria-label=\"Back to reference {n}\">{n}</a>"
                );
                events.push((Event::Html(html.into()), Role::PageOnly));
                continue;
            }
            Event::End(TagEnd::FootnoteDefinition) => {
                in_footnote = false;
                events.push((Event::Html("</div>\n".into()), Role::PageOnly));
                continue;
            }
            Event::Html(ref html) | Event::InlineHtml(ref html)
                if more_at.is_none() && is_more_marker(html) =>
            {
                more_at = Some(events.len());
                event
            }
            Event::Html(ref html) => {
                match &mut html_block {
                    Some((_, text)) => text.push_str(html),
                    None => recorder.raw_html(html, range.clone()),
                }
                event
            }
            Event::InlineHtml(ref html) => {
                recorder.raw_html(html, range.clone());
                event
            }
            other => other,
        };
        events.push((event, role_in(in_footnote)));
    }
    let mut problems = recorder.problems;
    problems.extend(embed_problems);
    problems.extend(leftovers.into_diagnostics(input.text, input.file, input.first_line));
    let prepared = Prepared {
        events,
        toc,
        word_count,
        more_at,
        links: recorder.links,
        images,
    };
    (prepared, problems)
}

/// Words in a text, counted on bytes: runs of non-ASCII-space bytes. A
/// word cut by inline markup (`some*thing*`) counts twice, which reading
/// time does not notice. Without a branch per byte: where words start is
/// as good as random to the processor, and a missed guess costs more than
/// the byte.
fn count_words(text: &str) -> usize {
    const SPACE: [u8; 256] = {
        let mut table = [0u8; 256];
        let mut b = 0;
        while b < 256 {
            table[b] = (b as u8).is_ascii_whitespace() as u8;
            b += 1;
        }
        table
    };
    let mut words = 0;
    let mut space_before = 1u8;
    for byte in text.bytes() {
        let space = SPACE[byte as usize];
        words += usize::from(space_before & (space ^ 1));
        space_before = space;
    }
    words
}

#[cfg(test)]
mod tests;
