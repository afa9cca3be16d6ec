//! One content file of a Hugo blog -> a `SourceDoc`: its front matter
//! (YAML, TOML or JSON) read, its date, slug, terms and old URLs worked out
//! as Hugo does, its bundle's files listed.

use serde_json::Value;

use super::config::Settings;
use super::{Candidate, get, get_path};
use crate::import::dates::{UrlZone, url_date_of};
use crate::import::front::{FrontMatter, read_text};
use crate::import::permalinks::{HugoPage, hugo_default_url, hugo_url, hugo_urlize};
use crate::import::report::{Kind, Note};
use crate::import::source::{DocKind, SourceDoc, SourceSite, names_of, text_of};
use crate::import::walk::Entry;
use crate::parse::slug::{slug_from_stem, slugify};

const HANDLED: &[&str] = &[
    "title",
    "date",
    "publishdate",
    "pubdate",
    "published",
    "lastmod",
    "modified",
    "expirydate",
    "unpublishdate",
    "draft",
    "slug",
    "url",
    "aliases",
    "tags",
    "categories",
    "summary",
    "description",
    "excerpt",
    "layout",
    "type",
    "weight",
    "menu",
    "menus",
    "outputs",
    "resources",
    "_build",
    "build",
    "cascade",
    "headless",
    "markup",
    "linktitle",
    "translationkey",
    "sitemap",
    "lesson",
    "updated",
    "iscjklanguage",
    "strategies",
];

pub(super) fn read_page(
    settings: &Settings,
    candidate: &Candidate,
    kind: DocKind,
    files: &[&Entry],
    site: &mut SourceSite,
) {
    let rel = candidate.entry.rel.as_str();
    let shown = format!("{}/{rel}", settings.content_dir);
    let Some((front, body, body_line)) = read_text(&candidate.entry.path, &shown, &mut site.notes)
    else {
        return;
    };
    let value = |key: &str| get(&front.keys, key).and_then(text_of);
    let headless = get(&front.keys, "headless") == Some(&Value::Bool(true))
        || ["_build", "build"].iter().any(|b| {
            get_path(&front.keys, &[b, "render"])
                .is_some_and(|r| matches!(text_of(r).as_deref(), Some("never" | "false")))
        });
    if headless {
        return;
    }
    let title = value("title").unwrap_or_else(|| candidate.name.replace(['-', '_'], " "));
    let (mut date, mut date_line) = ["date", "publishDate", "pubdate", "published"]
        .iter()
        .find_map(|key| {
            value(key).map(|d| {
                (
                    d,
                    front
                        .line_of(key)
                        .or_else(|| front.line_of(&key.to_lowercase())),
                )
            })
        })
        .map_or((None, None), |(d, l)| (Some(d), l));
    // Hugo's `:filename` date source: the date starts the file name, and
    // the rest of the name is the slug.
    let mut file_slug = None;
    if let Some(first) = settings.filename_date_first
        && let Some(prefix) = date_prefix(&candidate.name)
        && (first || date.is_none())
    {
        date = Some(prefix);
        date_line = None;
        file_slug = Some(
            candidate.name[10..]
                .trim_start_matches(['-', '_'])
                .to_string(),
        );
    }
    let fallback_date = value("lastmod").or_else(|| date_prefix(&candidate.name));
    let url_date = date
        .as_deref()
        .or(fallback_date.as_deref())
        .and_then(|d| url_date_of(d, &UrlZone::AsWritten))
        .unwrap_or_default();
    let slug_field = value("slug").or(file_slug);
    let page = HugoPage {
        date: url_date,
        slug: slug_field.as_deref(),
        title: &title,
        file_name: &candidate.name,
        sections: &candidate.sections,
    };
    let section = candidate
        .sections
        .first()
        .map(|s| s.to_lowercase())
        .unwrap_or_default();
    let mut old_urls = vec![match value("url") {
        Some(url) => format!("/{}", url.trim_start_matches('/')),
        None => match settings.permalinks.get(&section) {
            Some(pattern) if kind == DocKind::Post => hugo_url(pattern, &page),
            _ => hugo_default_url(&page, settings.ugly_urls),
        },
    }];
    let section_dir = format!("/{}/", candidate.sections.join("/"));
    for alias in names_of(get(&front.keys, "aliases"), false) {
        old_urls.push(if alias.starts_with('/') || alias.contains("://") {
            alias
        } else {
            format!("{}{alias}", section_dir.replace("//", "/"))
        });
    }
    let new_slug = match (kind, &slug_field) {
        (_, Some(slug)) => slugify(slug),
        (DocKind::Post, None) => slug_from_stem(&candidate.name),
        (DocKind::Page, None) => slugify(&candidate.name),
    };
    let bundle_dir = candidate.entry.rel.rsplit_once('/').map_or("", |(d, _)| d);
    let mut resources = Vec::new();
    for file in files {
        let inside = file
            .rel
            .strip_prefix(&format!("{bundle_dir}/"))
            .unwrap_or(&file.rel);
        if inside.ends_with(".md") {
            site.notes.push(
                Note::new(
                    Kind::NotImported,
                    format!("{}/{}", settings.content_dir, file.rel),
                    "a Markdown file inside a page bundle (a page resource)",
                )
                .todo("paste what it holds into the write-up if the post showed it"),
            );
            continue;
        }
        resources.push((inside.to_string(), file.path.clone()));
    }
    let mut terms = Vec::new();
    for taxonomy in &settings.taxonomies {
        for term in names_of(get(&front.keys, taxonomy), false) {
            let url = format!("/{}/{}/", hugo_urlize(taxonomy), hugo_urlize(&term));
            site.taxonomy_urls.push((url, term.clone()));
            terms.push(term);
        }
    }
    let stem_key = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
    site.docs.push(SourceDoc {
        rel: shown,
        kind,
        title,
        date,
        date_line,
        fallback_date,
        updated: value("lastmod"),
        slug: new_slug,
        terms,
        old_urls,
        draft: get(&front.keys, "draft") == Some(&Value::Bool(true)),
        summary: value("summary")
            .or_else(|| value("description"))
            .or_else(|| value("excerpt")),
        lesson: value("lesson"),
        extra: extra_keys(&front, &settings.taxonomies),
        body,
        body_line,
        resources,
        link_keys: vec![
            rel.to_string(),
            stem_key.to_string(),
            candidate.name.clone(),
        ],
        tags_live: true,
        excerpt_separator: None,
    });
}

/// `2021-01-06` from `2021-01-06-january-update`.
fn date_prefix(name: &str) -> Option<String> {
    let prefix = name.get(..10)?;
    let ok = prefix.bytes().enumerate().all(|(i, b)| {
        if i == 4 || i == 7 {
            b == b'-'
        } else {
            b.is_ascii_digit()
        }
    });
    ok.then(|| prefix.to_string())
}

fn extra_keys(front: &FrontMatter, taxonomies: &[String]) -> Vec<(String, Value)> {
    front
        .keys
        .iter()
        .filter(|(key, value)| {
            let key = key.to_lowercase();
            !HANDLED.contains(&key.as_str()) && !taxonomies.contains(&key) && !value.is_null()
        })
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}
