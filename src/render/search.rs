//! `Site` -> `search/index.json`, the index the search page's script reads:
//! one compact record per write-up, per question of the FAQ page and per
//! strategy. A record is an array, `[kind, title, path, lesson, strategies,
//! date, text]`, with `path` relative to the base path (the page adds it), so
//! the index stays small and works under any sub-path. Measured against
//! Pagefind in the issue-13 note: at 10,000 write-ups this is one file that
//! the browser fetches once and searches in memory, with no WebAssembly.

use serde_json::{Value, json};

use crate::assemble::Site;
use crate::strings::Strings;

/// The output path of the index, relative to the output folder.
pub const SEARCH_INDEX: &str = "search/index.json";

/// The most characters of a summary or answer kept in the index: enough to
/// find a write-up by what it is about, small enough for 10,000 of them.
const TEXT_LIMIT: usize = 240;

/// Tags that end a run of words.
const BLOCKS: &[&str] = &[
    "p",
    "br",
    "li",
    "ul",
    "ol",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "pre",
    "tr",
    "td",
    "th",
    "table",
    "dd",
    "dt",
    "hr",
    "figure",
    "figcaption",
];

/// A record's kind: a write-up, a question, a strategy.
const WRITEUP: u8 = 0;
const QUESTION: u8 = 1;
const STRATEGY: u8 = 2;

/// The search index of `site`, as JSON text.
pub fn search_index(site: &Site) -> String {
    let strings = Strings::new(&site.config.language, &site.config.strings);
    let mut docs: Vec<Value> = Vec::with_capacity(site.posts.len() + site.strategies.len());
    for post in &site.posts {
        let w = &post.writeup;
        let strategies: Vec<&str> = post
            .strategy_ids
            .iter()
            .map(|&i| site.strategies[i].name.as_str())
            .collect();
        docs.push(json!([
            WRITEUP,
            w.doc.title,
            w.doc.path,
            w.lesson.as_deref().unwrap_or_default(),
            strategies.join(", "),
            strings.date(&w.date),
            plain_text(&post.summary_html),
        ]));
    }
    let site_questions = site.faq_page.iter().flat_map(|page| &page.faq);
    let post_questions = site
        .posts
        .iter()
        .flat_map(|post| post.faq.iter().map(move |item| (item, Some(&post.writeup))));
    for (item, writeup) in site_questions
        .map(|item| (item, None))
        .chain(post_questions)
    {
        docs.push(json!([
            QUESTION,
            item.question,
            format!("faq/#{}", item.anchor),
            writeup
                .and_then(|w| w.lesson.as_deref())
                .unwrap_or_default(),
            writeup.map(|w| w.doc.title.as_str()).unwrap_or_default(),
            "",
            plain_text(&item.answer_html),
        ]));
    }
    for term in &site.strategies {
        docs.push(json!([
            STRATEGY,
            term.name,
            format!("strategies/{}/", term.slug),
            "",
            "",
            "",
            term.description,
        ]));
    }
    json!({ "docs": docs }).to_string()
}

/// The text of an HTML fragment, tags dropped, references decoded, white
/// space collapsed, cut at a word boundary after [`TEXT_LIMIT`] characters.
fn plain_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len().min(TEXT_LIMIT * 2));
    let mut rest = html;
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        let Some(close) = rest[open..].find('>') else {
            rest = "";
            break;
        };
        // A block (a paragraph, an item, a line break) parts words; an
        // inline tag (a link, emphasis) does not: "a <a>link</a>, then".
        let name = rest[open + 1..open + close]
            .trim_start_matches('/')
            .split(|c: char| c.is_whitespace() || c == '/')
            .next()
            .unwrap_or_default()
            .to_ascii_lowercase();
        if BLOCKS.contains(&name.as_str()) {
            text.push(' ');
        }
        rest = &rest[open + close + 1..];
    }
    text.push_str(rest);
    let text = crate::html::decode_references(&text);
    let mut out = String::with_capacity(TEXT_LIMIT + 16);
    for word in text.split_whitespace() {
        if out.chars().count() >= TEXT_LIMIT {
            break;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_drops_tags_and_decodes() {
        assert_eq!(
            plain_text("<p>Ship <em>the</em> fix &amp; roll\nback.</p>"),
            "Ship the fix & roll back."
        );
        assert_eq!(
            plain_text("<p>see <a href=\"x\">the page</a>.</p><p>Next</p>"),
            "see the page. Next"
        );
        let long = "word ".repeat(200);
        assert!(plain_text(&long).len() <= TEXT_LIMIT + 5);
    }
}
