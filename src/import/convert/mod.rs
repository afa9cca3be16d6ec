//! Stage 2 of an import, pure: what was read from the old blog + the
//! mapping table -> every file of the new site (write-ups, pages, config,
//! the table, the report, files to copy) and the notes for the report.
//! Each post gets a unique slug (the older post keeps it), its body
//! rewritten, its date normalised, its terms mapped to strategies and its
//! old URLs written as `aliases`.

mod anchors;
mod places;
mod writeup;

use std::collections::{BTreeMap, HashMap};
use std::path::PathBuf;

use super::mapping::{MAPPING_FILE, Mapping, TermCounts, count_terms, render_mapping, yaml_value};
use super::report::{Figures, Kind, Note, render_report};
use super::rewrite::OldUrls;
use super::source::{CopiedFile, DocKind, Generator, SiteMeta, SourceDoc, SourceSite};
use crate::config::{base_path_of, origin_of};
use places::{Place, doc_aliases, link_map, place_documents, taken_paths};
use writeup::{Shared, write_doc};

/// The report's file name, in the new site's folder.
pub const REPORT_FILE: &str = "import-report.md";

/// What a file of the new site holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NewBody {
    /// Written text.
    Text(String),
    /// A copy of a file of the old blog.
    Copy(PathBuf),
}

/// A file of the new site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewFile {
    /// Relative to the new site's folder, `/`-separated.
    pub path: String,
    /// What it holds.
    pub body: NewBody,
}

/// The new site, ready to write.
#[derive(Debug)]
pub struct Converted {
    /// Every file, sorted by path (the mapping table and report included).
    pub files: Vec<NewFile>,
    /// Everything to review.
    pub notes: Vec<Note>,
    /// Figures for the summary.
    pub figures: Figures,
}

/// Where the new site lives, and where the old one lived.
pub(super) struct Addresses {
    /// `https://alice.github.io/blog/`.
    pub(super) base_url: String,
    /// `/blog/`.
    pub(super) base_path: String,
    /// The old site's origins (and the new one's), which absolute links
    /// into it may name.
    pub(super) old_origins: Vec<String>,
    /// The old base path: `/blog/`.
    pub(super) old_base: String,
    /// The old site's origin (the new one's when unknown).
    pub(super) old_origin: String,
}

impl Addresses {
    /// The new address is the one asked for, else the old one; without
    /// either, `https://example.com/` and a note.
    fn new(asked: Option<&str>, meta: &SiteMeta, notes: &mut Vec<Note>) -> Addresses {
        let base_url = match asked.map(str::to_string).or(meta.base_url.clone()) {
            Some(url) => format!("{}/", url.trim_end_matches('/')),
            None => {
                notes.push(
                    Note::new(Kind::Config, crate::config::CONFIG_FILE, "the old blog does not say where it was published; `base_url` is https://example.com/")
                        .at(3)
                        .todo("set `base_url` to the blog's address: old URLs keep working only under the same path"),
                );
                "https://example.com/".to_string()
            }
        };
        let base_path = base_path_of(&base_url).to_string();
        let origin = origin_of(&base_url).to_string();
        let old_origins = meta
            .base_url
            .iter()
            .map(|u| origin_of(u).to_string())
            .chain([origin.clone()])
            .collect();
        let old_base = meta.base_path.clone();
        let old_origin = meta
            .base_url
            .as_deref()
            .map_or(origin.clone(), |u| origin_of(u).to_string());
        Addresses {
            base_url,
            base_path,
            old_origins,
            old_base,
            old_origin,
        }
    }
}

/// Converts an old blog. `mapping` is the edited table of a previous
/// import, if any; `base_url` the new site's address when the user gave one.
pub fn convert_site(
    site: SourceSite,
    base_url: Option<&str>,
    mapping: Option<Mapping>,
) -> Converted {
    let SourceSite {
        generator,
        meta,
        docs,
        files: copies,
        mut notes,
        posts_found,
        excerpt_separator,
        site_values,
        includes,
        taxonomy_urls,
    } = site;
    let addresses = Addresses::new(base_url, &meta, &mut notes);
    let places = place_documents(&docs, &mut notes);
    let links = link_map(&docs, &places);
    let counts: TermCounts = count_terms(
        docs.iter()
            .filter(|d| d.kind == DocKind::Post && places.contains_key(&d.rel))
            .map(|d| d.terms.as_slice()),
    );
    let mut mapping = mapping.unwrap_or_else(|| Mapping::propose(&counts));
    notes.extend(mapping.complete(&counts));
    let old_urls = old_urls(
        &addresses,
        &docs,
        &places,
        &copies,
        &taxonomy_urls,
        &mapping,
        generator == Generator::Hugo,
    );
    let shared = Shared {
        generator,
        links: &links,
        addresses: &addresses,
        site_values: &site_values,
        includes: &includes,
        separator: excerpt_separator.as_deref(),
        old_urls: &old_urls,
        mapping: &mapping,
        emoji: meta.emoji,
    };
    let mut figures = Figures {
        generator: generator.name(),
        posts_in: posts_found,
        ..Figures::default()
    };
    let mut files = write_documents(&docs, &places, &copies, &shared, &mut figures, &mut notes);
    figures.copied += copies.len();
    files.extend(copies.into_iter().map(|copy| NewFile {
        path: copy.to,
        body: match copy.text {
            Some(text) => NewBody::Text(text),
            None => NewBody::Copy(copy.from),
        },
    }));
    files.extend(site_files(&meta, &addresses, &mapping, &counts));
    notes.sort();
    notes.dedup();
    files.push(NewFile {
        path: REPORT_FILE.into(),
        body: NewBody::Text(render_report(&figures, &notes)),
    });
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Converted {
        files,
        notes,
        figures,
    }
}

/// What the old site's URLs lead to: imported documents, copied files,
/// tag pages (to the strategy their term became).
fn old_urls(
    addresses: &Addresses,
    docs: &[SourceDoc],
    places: &HashMap<String, Place>,
    copies: &[CopiedFile],
    taxonomy_urls: &[(String, String)],
    mapping: &Mapping,
    numbered_notes: bool,
) -> OldUrls {
    let mut old_urls = OldUrls::new(
        addresses.old_origins.clone(),
        // Pages left behind stay where they were: at the old address, or
        // (when the old config does not say) on the new site's host.
        Some(format!("{}{}", addresses.old_origin, addresses.old_base)),
        &addresses.old_base,
        &addresses.base_path,
    );
    for doc in docs {
        if let Some(place) = places.get(&doc.rel) {
            for url in &doc.old_urls {
                old_urls.insert_doc(url, &place.content_path);
            }
            if numbered_notes {
                old_urls.insert_numbered_notes(&place.content_path, &doc.body);
            }
        }
    }
    for copy in copies {
        old_urls.insert_file(copy.to.trim_start_matches("static/"));
    }
    for (url, term) in taxonomy_urls {
        if let Some(slug) = mapping.strategies_for(std::slice::from_ref(term)).first() {
            old_urls.insert_term(url, slug);
        }
    }
    old_urls
}

/// Every write-up and page, with their bundles' files.
fn write_documents(
    docs: &[SourceDoc],
    places: &HashMap<String, Place>,
    copies: &[CopiedFile],
    shared: &Shared,
    figures: &mut Figures,
    notes: &mut Vec<Note>,
) -> Vec<NewFile> {
    let taken = taken_paths(places, copies);
    let mut owners: BTreeMap<String, String> = BTreeMap::new();
    let mut files = Vec::new();
    for doc in docs {
        let Some(place) = places.get(&doc.rel) else {
            continue;
        };
        let aliases = doc_aliases(doc, place, shared.addresses, &taken, &mut owners, notes);
        figures.aliases += aliases.len();
        files.push(NewFile {
            path: format!("content/{}", place.content_path),
            body: NewBody::Text(write_doc(doc, place, shared, aliases, notes)),
        });
        let bundle = place.content_path.trim_end_matches("/index.md");
        for (inside, from) in &place.resources {
            files.push(NewFile {
                path: format!("content/{bundle}/{inside}"),
                body: NewBody::Copy(from.clone()),
            });
            figures.copied += 1;
        }
        match doc.kind {
            DocKind::Post => figures.writeups += 1,
            DocKind::Page => figures.pages += 1,
        }
    }
    files
}

/// growthsite.yaml, `.gitignore`, the Pages workflow and the mapping table.
fn site_files(
    meta: &SiteMeta,
    addresses: &Addresses,
    mapping: &Mapping,
    counts: &TermCounts,
) -> Vec<NewFile> {
    let mut files = vec![
        NewFile {
            path: crate::config::CONFIG_FILE.into(),
            body: NewBody::Text(config_text(meta, &addresses.base_url, mapping)),
        },
        NewFile {
            path: MAPPING_FILE.into(),
            body: NewBody::Text(render_mapping(mapping, counts)),
        },
    ];
    for (path, bytes) in crate::scaffold::site_files(false, crate::scaffold::DEFAULT_BRANCH) {
        if path == ".gitignore" || path.starts_with(".github/") {
            files.push(NewFile {
                path,
                body: NewBody::Text(String::from_utf8_lossy(&bytes).into_owned()),
            });
        }
    }
    files
}

/// growthsite.yaml of the new site.
fn config_text(meta: &SiteMeta, base_url: &str, mapping: &Mapping) -> String {
    let mut out = format!(
        "title: {}\ndescription: {}\nbase_url: {}\nauthor: {}\nlanguage: {}\n",
        yaml_value(meta.title.as_deref().unwrap_or("My blog")),
        yaml_value(meta.description.as_deref().unwrap_or("")),
        base_url,
        yaml_value(meta.author.as_deref().unwrap_or("")),
        yaml_value(meta.language.as_deref().unwrap_or("en")),
    );
    if let Some(cname) = &meta.cname {
        out.push_str(&format!("cname: {}\n", yaml_value(cname)));
    }
    out.push_str(if mapping.strategies.is_empty() {
        "strategies: []\n"
    } else {
        "strategies:\n"
    });
    crate::import::mapping::push_strategies(&mut out, &mapping.strategies);
    out
}
