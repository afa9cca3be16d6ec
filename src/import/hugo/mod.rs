//! Stage 1 of a Hugo import, I/O: the old blog's folder -> `SourceSite`.
//! The config (`hugo.toml`, `config.yaml`, `config/_default/`, TOML, YAML
//! or JSON) gives the settings, the content folder and `[permalinks]`; the
//! main sections' pages become posts (a page bundle keeps its files), the
//! top-level pages pages; `static/` is copied. Other sections, list pages
//! and other languages are left out and noted.

mod config;
mod page;

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use serde_json::{Map, Value};

use super::report::{Kind, Note};
use super::source::{CopiedFile, DocKind, Generator, SourceSite};
use super::walk::{Entry, walk_files};
use crate::diag::plural;
use config::{Settings, read_config, site_meta};
use page::read_page;

const CONTENT: &[&str] = &["md", "markdown", "mdown", "html", "htm"];
const OTHER_FORMATS: &[&str] = &[
    "org",
    "adoc",
    "asciidoc",
    "rst",
    "pandoc",
    "pdc",
    "rmd",
    "rmarkdown",
    "ipynb",
];

/// A case-insensitive look-up in a Hugo config map (its keys are).
fn get<'a>(map: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    map.iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| v)
        .filter(|v| !v.is_null())
}

fn get_path<'a>(map: &'a Map<String, Value>, path: &[&str]) -> Option<&'a Value> {
    let (last, parents) = path.split_last()?;
    let mut map = map;
    for key in parents {
        map = get(map, key)?.as_object()?;
    }
    get(map, last)
}

/// Reads the Hugo blog at `root` (a canonical path).
pub fn read_site(root: &Path) -> SourceSite {
    let mut notes = Vec::new();
    let config = read_config(root, &mut notes);
    let settings = Settings::new(&config);
    let mut site = SourceSite {
        site_values: get(&config, "params")
            .and_then(Value::as_object)
            .map(super::source::flatten_values)
            .unwrap_or_default()
            .into_iter()
            .map(|(k, v)| (k.to_lowercase(), v))
            .collect(),
        ..SourceSite::new(Generator::Hugo, site_meta(&config), notes)
    };
    let content_root = root.join(&settings.content_dir);
    let inside = std::fs::canonicalize(&content_root).is_ok_and(|c| c.starts_with(root));
    if !inside {
        site.notes.push(
            Note::new(
                Kind::Config,
                settings.content_dir.clone(),
                "the content folder is missing or outside the blog's folder",
            )
            .todo("check `contentDir` in the old config"),
        );
    } else {
        let content_root = std::fs::canonicalize(&content_root).unwrap_or(content_root);
        let keep = |rel: &str| {
            !rel.rsplit('/')
                .find(|s| !s.is_empty())
                .unwrap_or(rel)
                .starts_with('.')
        };
        let entries = walk_files(&content_root, &keep, &mut site.notes);
        read_content(&settings, &entries, &mut site);
    }
    for dir in &settings.static_dirs {
        let dir_path = root.join(dir);
        let Ok(canonical) = std::fs::canonicalize(&dir_path) else {
            continue;
        };
        if !canonical.starts_with(root) {
            site.notes.push(Note::new(
                Kind::File,
                dir.clone(),
                "the static folder is outside the blog's folder; not copied",
            ));
            continue;
        }
        let keep = |rel: &str| {
            !rel.rsplit('/')
                .find(|s| !s.is_empty())
                .unwrap_or(rel)
                .starts_with('.')
        };
        for entry in walk_files(&canonical, &keep, &mut site.notes) {
            site.files.push(CopiedFile {
                text: None,
                to: format!("static/{}", entry.rel),
                from: entry.path,
            });
        }
    }
    for dir in ["layouts", "themes", "assets"] {
        if root.join(dir).is_dir() {
            site.notes.push(
                Note::new(
                    Kind::NotImported,
                    format!("{dir}/"),
                    "the old theme and its templates",
                )
                .todo("nothing to do: growthsite's theme replaces them"),
            );
        }
    }
    site.docs.sort_by(|a, b| a.rel.cmp(&b.rel));
    site.files.sort_by(|a, b| a.to.cmp(&b.to));
    site.files.dedup_by(|a, b| a.to == b.to);
    site.taxonomy_urls.sort();
    site.taxonomy_urls.dedup();
    site
}

/// A content file of the old blog, before it is read.
struct Candidate<'a> {
    entry: &'a Entry,
    /// Folders from the content root to the page (a bundle's own excluded).
    sections: Vec<String>,
    /// The file's stem or the bundle's folder name.
    name: String,
    /// Whether it is a leaf bundle's `index.*`.
    bundle: bool,
}

fn read_content(settings: &Settings, entries: &[Entry], site: &mut SourceSite) {
    let is_content = |rel: &str| {
        let ext = rel
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        CONTENT.contains(&ext.as_str())
    };
    let bundle_dirs: BTreeSet<&str> = entries
        .iter()
        .filter_map(|e| {
            let (dir, name) = e.rel.rsplit_once('/')?;
            (is_content(&e.rel) && name.rsplit_once('.')?.0 == "index").then_some(dir)
        })
        .collect();
    let bundle_of = |rel: &str| {
        bundle_dirs
            .iter()
            .copied()
            .filter(|d| rel.starts_with(&format!("{d}/")))
            .max_by_key(|d| d.len())
    };
    let stems: BTreeSet<&str> = entries
        .iter()
        .filter(|e| is_content(&e.rel))
        .map(|e| e.rel.rsplit_once('.').map_or(e.rel.as_str(), |(s, _)| s))
        .collect();
    let mut candidates = Vec::new();
    let mut resources: BTreeMap<&str, Vec<&Entry>> = BTreeMap::new();
    for entry in entries {
        let rel = entry.rel.as_str();
        let (stem, ext) = rel.rsplit_once('.').unwrap_or((rel, ""));
        let ext = ext.to_ascii_lowercase();
        let file = stem.rsplit('/').next().unwrap_or(stem);
        if let Some(language) = file.rsplit_once('.').map(|(_, l)| l.to_lowercase())
            && settings.other_languages.contains(&language)
        {
            continue;
        }
        if OTHER_FORMATS.contains(&ext.as_str()) {
            if !stems.contains(stem) {
                site.notes.push(
                    Note::new(
                        Kind::NotImported,
                        rel,
                        format!("written in .{ext}, which growthsite does not read"),
                    )
                    .todo("convert it to Markdown and add it under content/"),
                );
            }
            continue;
        }
        if !is_content(rel) || file == "_index" {
            if let Some(bundle) = bundle_of(rel) {
                resources.entry(bundle).or_default().push(entry);
            }
            continue;
        }
        if file == "index" {
            let dir = rel.rsplit_once('/').map_or("", |(d, _)| d);
            let mut sections: Vec<String> = dir.split('/').map(str::to_string).collect();
            let name = sections.pop().unwrap_or_default();
            candidates.push(Candidate {
                entry,
                sections,
                name,
                bundle: true,
            });
        } else if let Some(bundle) = bundle_of(rel) {
            resources.entry(bundle).or_default().push(entry);
        } else {
            let sections: Vec<String> = rel.split('/').map(str::to_string).collect::<Vec<_>>();
            let sections = sections[..sections.len() - 1].to_vec();
            candidates.push(Candidate {
                entry,
                sections,
                name: file.to_string(),
                bundle: false,
            });
        }
    }
    let main = main_sections(settings, &candidates);
    let mut left_out: BTreeMap<String, usize> = BTreeMap::new();
    for candidate in &candidates {
        let kind = match candidate.sections.first() {
            None => DocKind::Page,
            Some(section) if main.contains(&section.to_lowercase()) => DocKind::Post,
            Some(section) => {
                *left_out.entry(section.clone()).or_default() += 1;
                continue;
            }
        };
        if kind == DocKind::Post {
            site.posts_found += 1;
        }
        let files = if candidate.bundle {
            let dir = candidate.entry.rel.rsplit_once('/').map_or("", |(d, _)| d);
            resources.get(dir).cloned().unwrap_or_default()
        } else {
            Vec::new()
        };
        read_page(settings, candidate, kind, &files, site);
    }
    for (section, count) in left_out {
        site.notes.push(
            Note::new(Kind::NotImported, format!("{}/{section}/", settings.content_dir), format!("the section `{section}` ({count} page{})", plural(count)))
                .todo("only the blog's sections become write-ups; move pages worth keeping into content/ by hand"),
        );
    }
}

/// The sections whose pages are posts: the config's `mainSections`, else
/// a section named like a blog, else the largest.
fn main_sections(settings: &Settings, candidates: &[Candidate]) -> Vec<String> {
    if !settings.main_sections.is_empty() {
        return settings
            .main_sections
            .iter()
            .map(|s| s.to_lowercase())
            .collect();
    }
    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
    for candidate in candidates {
        if let Some(section) = candidate.sections.first() {
            *sizes.entry(section.to_lowercase()).or_default() += 1;
        }
    }
    for name in ["posts", "post", "blog", "articles", "news"] {
        if sizes.contains_key(name) {
            return vec![name.to_string()];
        }
    }
    sizes
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(&a.0)))
        .map(|(name, _)| vec![name])
        .unwrap_or_default()
}
