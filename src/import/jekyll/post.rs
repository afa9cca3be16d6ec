//! One post or page of a Jekyll blog -> a `SourceDoc`: its front matter
//! read, its date from the front matter or the file name, its categories
//! (folders above `_posts/` included) and tags, and its old URLs.

use std::path::Path;

use serde_json::Value;

use super::config::Settings;
use crate::import::dates::{UrlZone, url_date_of};
use crate::import::front::{FrontMatter, read_text, split_or_note};
use crate::import::permalinks::{JekyllPost, jekyll_url};
use crate::import::report::{Kind, Note};
use crate::import::source::{DocKind, SourceDoc, SourceSite, names_of, text_of};
use crate::parse::slug::slugify;

/// Front-matter keys the import turns into growthsite fields, or drops
/// because they only meant something to Jekyll.
const HANDLED: &[&str] = &[
    "title",
    "date",
    "categories",
    "category",
    "tags",
    "tag",
    "permalink",
    "redirect_from",
    "redirect_to",
    "slug",
    "published",
    "excerpt",
    "description",
    "last_modified_at",
    "updated",
    "modified",
    "lesson",
    "excerpt_separator",
    "render_with_liquid",
    "layout",
    "sitemap",
    "draft",
    "summary",
    "aliases",
];

/// `2019-03-14-title.md` -> (`2019-03-14`, `title`), with one-digit
/// months and days allowed, as Jekyll allows them.
fn split_post_name(stem: &str) -> Option<(String, &str)> {
    let mut parts = stem.splitn(4, '-');
    let year = parts
        .next()
        .filter(|y| y.len() == 4 && y.bytes().all(|b| b.is_ascii_digit()))?;
    let month = parts
        .next()
        .filter(|m| (1..=2).contains(&m.len()) && m.bytes().all(|b| b.is_ascii_digit()))?;
    let day = parts
        .next()
        .filter(|d| (1..=2).contains(&d.len()) && d.bytes().all(|b| b.is_ascii_digit()))?;
    let slug = parts.next().filter(|s| !s.is_empty())?;
    Some((format!("{year}-{month:0>2}-{day:0>2}"), slug))
}

fn titleize(slug: &str) -> String {
    slug.split(['-', '_'])
        .filter(|w| !w.is_empty())
        .map(|w| {
            let mut chars = w.chars();
            chars
                .next()
                .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn read_post(
    path: &Path,
    rel: &str,
    category_dirs: &[&str],
    settings: &Settings,
    site: &mut SourceSite,
) {
    let file_name = rel.rsplit('/').next().unwrap_or(rel);
    let stem = file_name.rsplit_once('.').map_or(file_name, |(s, _)| s);
    let Some((file_date, file_slug)) = split_post_name(stem) else {
        site.notes.push(
            Note::new(
                Kind::NotImported,
                rel,
                "its name does not start with a date, so Jekyll never published it",
            )
            .todo("name it YYYY-MM-DD-title.md in the old blog if it is a post"),
        );
        return;
    };
    site.posts_found += 1;
    let Some((front, body, body_line)) = read_text(path, rel, &mut site.notes) else {
        return;
    };
    let get = |key: &str| front.get(key).and_then(text_of);
    let url_slug = get("slug").unwrap_or_else(|| file_slug.to_string());
    let (date, date_line) = match get("date") {
        Some(date) => (date, front.line_of("date")),
        None => (file_date.clone(), None),
    };
    let mut categories: Vec<String> = category_dirs
        .iter()
        .filter(|d| !d.is_empty())
        .map(|d| d.to_string())
        .collect();
    categories.extend(names_of(front.get("categories"), true));
    categories.extend(names_of(front.get("category"), false));
    let mut terms = categories.clone();
    terms.extend(names_of(front.get("tags"), true));
    terms.extend(names_of(front.get("tag"), false));
    let pattern = get("permalink")
        .or_else(|| settings.permalink_for(rel).map(str::to_string))
        .unwrap_or_else(|| settings.post_permalink.clone());
    let mut old_urls = Vec::new();
    match url_date_of(&date, &settings.zone)
        .or_else(|| url_date_of(&file_date, &UrlZone::AsWritten))
    {
        Some(url_date) => old_urls.push(jekyll_url(
            &pattern,
            &JekyllPost {
                date: url_date,
                slug: &url_slug,
                categories: &categories,
            },
        )),
        None => site.notes.push(
            Note::new(
                Kind::Alias,
                rel,
                format!("its date `{date}` cannot be read, so its old URL is unknown"),
            )
            .todo("add its old URL to `aliases:` by hand"),
        ),
    }
    old_urls.extend(redirects(&front));
    if let Some(target) = get("redirect_to") {
        site.notes.push(
            Note::new(
                Kind::NotImported,
                rel,
                format!("it redirected to {target}; imported as a post"),
            )
            .todo("delete the write-up if it was only a redirect"),
        );
    }
    let dir_in_posts = rel.split_once("_posts/").map_or("", |(_, after)| after);
    let link_keys = vec![
        rel.to_string(),
        stem.to_string(),
        dir_in_posts
            .rsplit_once('.')
            .map_or(dir_in_posts, |(s, _)| s)
            .to_string(),
    ];
    site.docs.push(SourceDoc {
        rel: rel.to_string(),
        kind: DocKind::Post,
        title: get("title").unwrap_or_else(|| titleize(file_slug)),
        date: Some(date),
        date_line,
        fallback_date: Some(file_date),
        updated: ["last_modified_at", "updated", "modified"]
            .iter()
            .find_map(|k| get(k)),
        slug: slugify(&url_slug),
        terms,
        old_urls,
        draft: front.get("published") == Some(&Value::Bool(false))
            || front.get("draft") == Some(&Value::Bool(true)),
        summary: get("summary")
            .or_else(|| get("excerpt"))
            .or_else(|| get("description")),
        lesson: get("lesson"),
        extra: extra_keys(&front),
        body,
        body_line,
        resources: Vec::new(),
        link_keys,
        tags_live: front.get("render_with_liquid") != Some(&Value::Bool(false)),
        excerpt_separator: get("excerpt_separator"),
    });
}

pub(super) fn read_page(bytes: &[u8], rel: &str, settings: &Settings, site: &mut SourceSite) {
    let Ok(text) = std::str::from_utf8(bytes) else {
        site.notes.push(Note::new(
            Kind::FrontMatter,
            rel,
            "the file is not UTF-8 text; not imported",
        ));
        return;
    };
    let Some((front, body, body_line)) = split_or_note(text, rel, &mut site.notes) else {
        return;
    };
    // A page that loops over the posts is a list: growthsite writes its own.
    let lists_posts = ["site.posts", "paginator.", "site.categories", "site.tags"]
        .iter()
        .any(|needle| body.contains(needle))
        && body.contains("{% for");
    if lists_posts {
        site.notes.push(
            Note::new(
                Kind::NotImported,
                rel,
                "a page that lists the posts with Liquid",
            )
            .todo(
                "nothing to do: growthsite's home, strategy and lessons pages list the write-ups",
            ),
        );
        return;
    }
    let stem = rel.rsplit_once('.').map_or(rel, |(s, _)| s);
    let (dir, name) = match stem.rsplit_once('/') {
        Some((dir, name)) => (dir, name),
        None => ("", stem),
    };
    // `docs/index.md` is the page `docs`; the site's own `index.md` is the
    // home page, which growthsite writes itself.
    let path_segments: Vec<&str> = if name == "index" {
        dir.split('/').filter(|s| !s.is_empty()).collect()
    } else {
        dir.split('/')
            .filter(|s| !s.is_empty())
            .chain([name])
            .collect()
    };
    if path_segments.is_empty() {
        site.notes.push(
            Note::new(Kind::NotImported, rel, "the old home page")
                .todo("growthsite writes its own; move any introduction into `description:` in growthsite.yaml"),
        );
        return;
    }
    let get = |key: &str| front.get(key).and_then(text_of);
    let default_url = if settings.pretty_pages || name == "index" {
        format!("/{}/", path_segments.join("/"))
    } else {
        format!("/{}.html", path_segments.join("/"))
    };
    let mut old_urls = vec![get("permalink").unwrap_or(default_url)];
    old_urls.extend(redirects(&front));
    let new_path: Vec<String> = path_segments.iter().map(|s| slugify(s)).collect();
    site.docs.push(SourceDoc {
        rel: rel.to_string(),
        kind: DocKind::Page,
        title: get("title")
            .unwrap_or_else(|| titleize(path_segments.last().copied().unwrap_or(name))),
        date: None,
        date_line: None,
        fallback_date: None,
        updated: None,
        slug: new_path.join("/"),
        terms: Vec::new(),
        old_urls,
        draft: front.get("published") == Some(&Value::Bool(false)),
        summary: None,
        lesson: None,
        extra: extra_keys(&front),
        body: body.to_string(),
        body_line,
        resources: Vec::new(),
        link_keys: vec![rel.to_string()],
        tags_live: front.get("render_with_liquid") != Some(&Value::Bool(false)),
        excerpt_separator: None,
    });
}

/// `redirect_from:` (jekyll-redirect-from) as site paths.
fn redirects(front: &FrontMatter) -> Vec<String> {
    names_of(front.get("redirect_from"), false)
        .into_iter()
        .chain(names_of(front.get("aliases"), false))
        .map(|r| {
            if r.starts_with('/') || r.contains("://") {
                r
            } else {
                format!("/{r}")
            }
        })
        .collect()
}

fn extra_keys(front: &FrontMatter) -> Vec<(String, Value)> {
    front
        .keys
        .iter()
        .filter(|(key, value)| !HANDLED.contains(&key.as_str()) && !value.is_null())
        .map(|(key, value)| (key.clone(), value.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn post_names_give_date_and_slug() {
        assert_eq!(
            split_post_name("2019-3-4-Spark-2.0-notes"),
            Some(("2019-03-04".to_string(), "Spark-2.0-notes"))
        );
        assert_eq!(split_post_name("about"), None);
        assert_eq!(split_post_name("2019-03-04"), None);
        assert_eq!(titleize("my-first_post"), "My First Post");
    }
}
