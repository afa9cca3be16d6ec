//! One converted document: its body rewritten (tags, the summary marker,
//! links to old URLs), its front matter written (date normalised,
//! strategies mapped, aliases), and its notes placed at their lines.

use std::collections::{BTreeMap, HashMap};

use serde_json::Value;

use super::Addresses;
use super::places::Place;
use crate::import::dates::normalise_date;
use crate::import::mapping::{Mapping, yaml_value};
use crate::import::report::{Kind, Note};
use crate::import::rewrite::{self, Context, OldUrls, Rewritten};
use crate::import::source::{DocKind, Generator, SourceDoc};
use crate::parse::keys::WRITEUP_KEYS;

/// What every document's conversion shares.
pub(super) struct Shared<'a> {
    /// The old blog's generator.
    pub(super) generator: Generator,
    /// Link names -> paths under `content/`.
    pub(super) links: &'a HashMap<String, String>,
    /// The new and old addresses.
    pub(super) addresses: &'a Addresses,
    /// The old config's values.
    pub(super) site_values: &'a BTreeMap<String, String>,
    /// Jekyll's `_includes/` files.
    pub(super) includes: &'a BTreeMap<String, String>,
    /// Jekyll's `excerpt_separator`, when the site sets one.
    pub(super) separator: Option<&'a str>,
    /// The old site's URLs.
    pub(super) old_urls: &'a OldUrls,
    /// Terms -> strategies.
    pub(super) mapping: &'a Mapping,
    /// Whether `:rocket:` was an emoji in the old blog.
    pub(super) emoji: bool,
}

/// The text of a converted write-up or page; its notes go to `notes`.
pub(super) fn write_doc(
    doc: &SourceDoc,
    place: &Place,
    shared: &Shared,
    aliases: Vec<String>,
    notes: &mut Vec<Note>,
) -> String {
    let file = format!("content/{}", place.content_path);
    let body = rewrite_body(doc, shared);
    let (front, date_note) = front_matter(doc, shared.mapping, aliases);
    let date_line = front
        .iter()
        .position(|l| l.starts_with("date: "))
        .map_or(1, |i| i + 2);
    let body_line = front.len() + 3;
    if let Some((what, todo)) = date_note {
        notes.push(
            Note::new(Kind::Date, file.clone(), what)
                .at(date_line)
                .from_source(&doc.rel, doc.date_line.unwrap_or(0))
                .todo(todo),
        );
    }
    if doc.kind == DocKind::Post && doc.lesson.is_none() {
        notes.push(
            Note::new(Kind::Lesson, file.clone(), "no `lesson:`")
                .at(1)
                .todo("add the one sentence you learned; it feeds the lessons index"),
        );
    }
    for note in body.notes {
        let source_line = match note.source_line {
            0 => 0,
            line => doc.body_line + line - 1,
        };
        notes.push(
            Note::new(note.kind, file.clone(), note.what)
                .at(body_line + note.line - 1)
                .from_source(&doc.rel, source_line)
                .todo(note.todo),
        );
    }
    format!("---\n{}\n---\n{}", front.join("\n"), body.text)
}

/// The body in Markdown: tags rewritten, the summary marker, old links.
fn rewrite_body(doc: &SourceDoc, shared: &Shared) -> Rewritten {
    let resources: Vec<String> = doc
        .resources
        .iter()
        .map(|(inside, _)| inside.clone())
        .collect();
    let ctx = Context {
        links: shared.links,
        doc_key: doc.link_keys.first().map_or("", String::as_str),
        // Liquid prints the old site's URLs, as Jekyll did; the links
        // pass below then maps each to where it leads in the new site.
        base_path: shared.addresses.old_base.trim_end_matches('/'),
        origin: &shared.addresses.old_origin,
        site_values: shared.site_values,
        includes: shared.includes,
        depth: 0,
        resources: &resources,
    };
    let mut body = match (shared.generator, doc.tags_live) {
        (Generator::Jekyll, true) => rewrite::rewrite_liquid(&doc.body, &ctx),
        (Generator::Hugo, true) => rewrite::rewrite_shortcodes(&doc.body, &ctx),
        (_, false) => Rewritten {
            text: doc.body.clone(),
            notes: Vec::new(),
        },
    };
    if shared.emoji {
        body.text = rewrite::emojify(&body.text);
    }
    if let Some(separator) = doc.excerpt_separator.as_deref().or(shared.separator) {
        let separator = separator.trim();
        if !separator.is_empty() && separator != "<!-- more -->" {
            body.text = body.text.replacen(separator, "<!-- more -->", 1);
        }
    }
    let page_url = doc.old_urls.first().map(String::as_str);
    let (text, link_notes) = rewrite::rewrite_old_links(&body.text, shared.old_urls, page_url);
    body.text = text;
    body.notes.extend(link_notes);
    body.notes
        .extend(super::anchors::missing_anchor_notes(&body.text, "a"));
    body
}

/// The front matter's lines, and a note about the date when it changed.
fn front_matter(
    doc: &SourceDoc,
    mapping: &Mapping,
    aliases: Vec<String>,
) -> (Vec<String>, Option<(String, &'static str)>) {
    let mut front = vec![format!(
        "title: {}",
        yaml_value(if doc.title.trim().is_empty() {
            &doc.slug
        } else {
            &doc.title
        })
    )];
    let mut date_note = None;
    let mut draft = doc.draft;
    if doc.kind == DocKind::Post {
        let written = doc.date.as_deref().unwrap_or("");
        let date = match normalise_date(written) {
            Some(n) if n.changes.is_empty() => n.text,
            Some(n) => {
                date_note = Some((
                    format!("`{written}` became `{}`: {}", n.text, n.changes.join(", ")),
                    "check the time zone, or nothing to do",
                ));
                n.text
            }
            None => match doc.fallback_date.as_deref().and_then(normalise_date) {
                Some(n) => {
                    let what = if written.is_empty() {
                        format!(
                            "the post has no date; the write-up is dated {} (its file name or last change)",
                            n.text
                        )
                    } else {
                        format!(
                            "`{written}` is not a date; the write-up is dated {} (its file name or last change)",
                            n.text
                        )
                    };
                    date_note = Some((what, "write its real date"));
                    n.text
                }
                None => {
                    draft = true;
                    date_note = Some((
                        "the post has no date; imported as a draft dated 1970-01-01".to_string(),
                        "write its date and remove `draft: true`",
                    ));
                    "1970-01-01".to_string()
                }
            },
        };
        front.push(format!("date: {date}"));
        if let Some(updated) = doc.updated.as_deref().and_then(normalise_date) {
            front.push(format!("updated: {}", updated.text));
        }
        let strategies = mapping.strategies_for(&doc.terms);
        front.push(format!("strategies: [{}]", strategies.join(", ")));
        if let Some(lesson) = &doc.lesson {
            front.push(format!("lesson: {}", yaml_value(lesson)));
        }
    }
    if let Some(summary) = &doc.summary {
        front.push(format!("summary: {}", yaml_value(summary.trim())));
    }
    if draft {
        front.push("draft: true".into());
    }
    if !aliases.is_empty() {
        front.push("aliases:".into());
        front.extend(aliases.iter().map(|a| format!("  - {}", yaml_value(a))));
    }
    let extra: serde_json::Map<String, Value> = doc
        .extra
        .iter()
        .map(|(key, value)| {
            // A key growthsite reads, with another meaning in the old blog, is
            // kept as `old_<key>`.
            let key = if WRITEUP_KEYS.contains(&key.to_lowercase().as_str()) {
                format!("old_{key}")
            } else {
                key.clone()
            };
            (key, value.clone())
        })
        .collect();
    if !extra.is_empty()
        && let Ok(yaml) = serde_yaml::to_string(&extra)
    {
        front.extend(yaml.lines().map(str::to_string));
    }
    (front, date_note)
}
