//! Where each document of the old blog goes in the new site (a unique
//! slug, a file or a bundle), the names other posts link to it by, and
//! which of its old URLs can be aliases.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::path::PathBuf;

use super::Addresses;
use crate::import::dates::normalise_date;
use crate::import::report::{Kind, Note};
use crate::import::rewrite::link_key;
use crate::import::source::{CopiedFile, DocKind, SourceDoc};
use crate::parse::aliases::alias_file;
use crate::render::RESERVED_PATHS;

/// Files growthsite writes itself at the top of the output.
const GENERATED_FILES: &[&str] = &[
    "index.html",
    "404.html",
    "atom.xml",
    "sitemap.xml",
    "robots.txt",
];

/// Where a document goes in the new site.
#[derive(Debug, Clone)]
pub(super) struct Place {
    /// Under `content/`: `mistakes/x.md`, `mistakes/x/index.md`, `about.md`.
    pub(super) content_path: String,
    /// Its URL path relative to the base path: `mistakes/x/`.
    pub(super) url_path: String,
    /// Its bundle's files.
    pub(super) resources: Vec<(String, PathBuf)>,
}

/// Gives every document a place; the older of two posts with one slug
/// keeps it, the other gets its year, then a number.
pub(super) fn place_documents(docs: &[SourceDoc], notes: &mut Vec<Note>) -> HashMap<String, Place> {
    let mut order: Vec<&SourceDoc> = docs.iter().collect();
    let sort_date = |d: &SourceDoc| {
        d.date
            .as_deref()
            .and_then(normalise_date)
            .map(|n| n.text)
            .unwrap_or_default()
    };
    order.sort_by_cached_key(|d| (d.kind == DocKind::Page, sort_date(d), d.rel.clone()));
    let mut used: BTreeSet<String> = BTreeSet::new();
    let mut places = HashMap::new();
    for doc in order {
        let place = match doc.kind {
            DocKind::Post => {
                let base = if doc.slug.is_empty() {
                    "post".to_string()
                } else {
                    doc.slug.clone()
                };
                let year = sort_date(doc).get(..4).map(str::to_string);
                let mut candidates = vec![base.clone()];
                candidates.extend(year.map(|y| format!("{base}-{y}")));
                let slug = candidates
                    .into_iter()
                    .chain((2..).map(|n| format!("{base}-{n}")))
                    .find(|s| !used.contains(&format!("mistakes/{s}/")))
                    .unwrap_or(base);
                let content_path = if doc.resources.is_empty() {
                    format!("mistakes/{slug}.md")
                } else {
                    format!("mistakes/{slug}/index.md")
                };
                Place {
                    content_path,
                    url_path: format!("mistakes/{slug}/"),
                    resources: doc.resources.clone(),
                }
            }
            DocKind::Page => {
                let url_path = format!("{}/", doc.slug);
                let reserved = RESERVED_PATHS
                    .iter()
                    .any(|r| url_path.starts_with(r) && *r != "faq/");
                if doc.slug.is_empty() || reserved || used.contains(&url_path) {
                    notes.push(
                        Note::new(Kind::NotImported, doc.rel.clone(), format!("a page at /{url_path}, which growthsite or another page already uses"))
                            .todo("copy it into content/ under another name if it is worth keeping"),
                    );
                    continue;
                }
                let content_path = if doc.resources.is_empty() {
                    format!("{}.md", doc.slug)
                } else {
                    format!("{}/index.md", doc.slug)
                };
                Place {
                    content_path,
                    url_path,
                    resources: doc.resources.clone(),
                }
            }
        };
        used.insert(place.url_path.clone());
        places.insert(doc.rel.clone(), place);
    }
    places
}

/// Every name a document may be linked by -> its path under `content/`.
/// A name two documents share links to neither.
pub(super) fn link_map(
    docs: &[SourceDoc],
    places: &HashMap<String, Place>,
) -> HashMap<String, String> {
    let mut links: HashMap<String, String> = HashMap::new();
    let mut ambiguous: BTreeSet<String> = BTreeSet::new();
    for doc in docs {
        let Some(place) = places.get(&doc.rel) else {
            continue;
        };
        let keys: BTreeSet<String> = doc
            .link_keys
            .iter()
            .map(|k| link_key(k))
            .filter(|k| !k.is_empty())
            .collect();
        for key in keys {
            if links
                .insert(key.clone(), place.content_path.clone())
                .is_some_and(|p| p != place.content_path)
            {
                ambiguous.insert(key);
            }
        }
    }
    for key in ambiguous {
        links.remove(&key);
    }
    links
}

/// The files the new site publishes (relative to its base path), which no
/// alias may take.
pub(super) fn taken_paths(
    places: &HashMap<String, Place>,
    copies: &[CopiedFile],
) -> BTreeSet<String> {
    let mut taken: BTreeSet<String> = GENERATED_FILES.iter().map(|f| f.to_string()).collect();
    for place in places.values() {
        taken.insert(format!("{}index.html", place.url_path));
        for (inside, _) in &place.resources {
            taken.insert(format!("{}{inside}", place.url_path));
        }
    }
    for copy in copies {
        taken.insert(copy.to.trim_start_matches("static/").to_string());
    }
    taken
}

/// A document's old URLs that can be aliases: each a path under the new
/// base path whose redirect page takes no real page's place and no other
/// alias's.
pub(super) fn doc_aliases(
    doc: &SourceDoc,
    place: &Place,
    addresses: &Addresses,
    taken: &BTreeSet<String>,
    owners: &mut BTreeMap<String, String>,
    notes: &mut Vec<Note>,
) -> Vec<String> {
    let own = format!("{}index.html", place.url_path);
    let file = format!("content/{}", place.content_path);
    let mut aliases = Vec::new();
    for url in &doc.old_urls {
        let skip = |why: String, notes: &mut Vec<Note>| {
            notes.push(
                Note::new(Kind::Alias, file.clone(), why)
                    .from_source(&doc.rel, 0)
                    .todo("links to that old URL will not reach the write-up; add a redirect where the blog is hosted if they matter"),
            );
        };
        // An old URL answers in the new site only under its base path.
        let absolute = format!("{}{}", addresses.old_base.trim_end_matches('/'), url);
        let Some(url) = absolute
            .strip_prefix(addresses.base_path.trim_end_matches('/'))
            .filter(|rest| rest.starts_with('/'))
            .map(str::to_string)
        else {
            skip(
                format!(
                    "the old URL {absolute} is outside the new site's path {}",
                    addresses.base_path
                ),
                notes,
            );
            continue;
        };
        let url = &url;
        let output = match alias_file(url) {
            Ok(output) => output,
            Err(why) => {
                skip(format!("the old URL {why}"), notes);
                continue;
            }
        };
        if output == own || aliases.contains(url) {
            continue;
        }
        let generated = RESERVED_PATHS
            .iter()
            .any(|r| output.starts_with(r) && *r != "mistakes/");
        if taken.contains(&output) || generated {
            skip(
                format!("the old URL `{url}` is now a page of the new site"),
                notes,
            );
            continue;
        }
        if let Some(owner) = owners.get(&output) {
            skip(
                format!("the old URL `{url}` is already an alias of {owner}"),
                notes,
            );
            continue;
        }
        owners.insert(output, file.clone());
        aliases.push(url.clone());
    }
    aliases
}
