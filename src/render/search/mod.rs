//! `Site` -> the files of the search index under `search/`, what the
//! search page's script reads: every write-up (its whole text, lesson and
//! strategies), every question of the FAQ page, every strategy and every
//! plain page, as [`index::Record`]s, split into small files by
//! [`index::build_index`]. Paths are relative to the base path (the page
//! adds it), so the index works under any sub-path.

pub mod index;
pub mod text;

use index::{Kind, Record};
use text::plain_text;

use crate::assemble::Site;
use crate::strings::Strings;

/// The folder of the index, relative to the output folder.
pub const SEARCH_DIR: &str = "search/";

/// The search index of `site`: (path relative to the output folder, JSON).
pub fn search_index(site: &Site) -> Vec<(String, String)> {
    index::build_index(&records(site), &site.config.language)
        .into_iter()
        .map(|(path, body)| (format!("{SEARCH_DIR}{path}"), body))
        .collect()
}

/// Everything a search can find, in a fixed order (write-ups newest first,
/// questions, strategies, pages): the order breaks ties between results.
pub fn records(site: &Site) -> Vec<Record> {
    let strings = Strings::new(&site.config.language, &site.config.strings);
    let mut records = Vec::with_capacity(site.posts.len() + site.strategies.len());
    for post in &site.posts {
        let w = &post.writeup;
        let strategies: Vec<&str> = post
            .strategy_ids
            .iter()
            .map(|&i| site.strategies[i].name.as_str())
            .collect();
        let strategies = strategies.join(", ");
        let date = strings.date(&w.date);
        records.push(Record {
            kind: Kind::Writeup,
            title: w.doc.title.clone(),
            path: w.doc.path.clone(),
            lesson: w.lesson.clone().unwrap_or_default(),
            meta: [date.as_str(), strategies.as_str()]
                .iter()
                .filter(|s| !s.is_empty())
                .copied()
                .collect::<Vec<_>>()
                .join(" · "),
            tags: strategies,
            text: plain_text(&post.rendered.html),
        });
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
        records.push(Record {
            kind: Kind::Question,
            title: item.question.clone(),
            path: format!("faq/#{}", item.anchor),
            lesson: writeup.and_then(|w| w.lesson.clone()).unwrap_or_default(),
            tags: String::new(),
            meta: writeup.map(|w| w.doc.title.clone()).unwrap_or_default(),
            text: plain_text(&item.answer_html),
        });
    }
    for term in &site.strategies {
        records.push(Record {
            kind: Kind::Strategy,
            title: term.name.clone(),
            path: format!("strategies/{}/", term.slug),
            lesson: String::new(),
            tags: String::new(),
            meta: String::new(),
            text: term.description.clone(),
        });
    }
    for page in site.pages.iter().chain(&site.faq_page) {
        records.push(Record {
            kind: Kind::Page,
            title: page.page.doc.title.clone(),
            path: page.page.doc.path.clone(),
            lesson: String::new(),
            tags: String::new(),
            meta: String::new(),
            text: plain_text(&page.rendered.html),
        });
    }
    records
}

#[cfg(test)]
mod tests;
