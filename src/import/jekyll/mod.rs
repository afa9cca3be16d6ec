//! Stage 1 of a Jekyll import, I/O: the old blog's folder -> `SourceSite`.
//! `_config.yml` gives the settings and the permalink style; `_posts/`
//! (at any depth) the posts; Markdown files with front matter elsewhere
//! the pages; files without front matter are copied as they are (as
//! Jekyll copies them). Layouts, includes, collections and HTML pages are
//! left out and noted.

mod config;
mod post;

use std::collections::BTreeMap;
use std::path::Path;

use super::front;
use super::report::{Kind, Note};
use super::source::{CopiedFile, Generator, SourceSite, names_of, text_of};
use super::walk::walk_files;
use crate::diag::plural;
use config::{Settings, read_config, site_meta};
use post::{read_page, read_post};

/// Extensions of the Markdown files Jekyll converts.
const MARKDOWN: &[&str] = &["md", "markdown", "mkdown", "mkdn", "mkd", "mdown"];

/// Folders Jekyll builds its theme from, never content.
const THEME_DIRS: &[&str] = &["_layouts", "_includes", "_sass", "_data", "_plugins"];

/// Reads the Jekyll blog at `root` (a canonical path).
pub fn read_site(root: &Path) -> SourceSite {
    let mut notes = Vec::new();
    let config = read_config(root, &mut notes);
    let excluded: Vec<String> = names_of(config.get("exclude"), false);
    let keep = |rel: &str| {
        let name = rel.trim_end_matches('/').rsplit('/').next().unwrap_or(rel);
        let top = rel.split('/').next().unwrap_or(rel);
        !(name.starts_with('.')
            || matches!(
                top,
                "_site" | "node_modules" | "vendor" | "Gemfile" | "Gemfile.lock"
            )
            || rel.starts_with("_config.")
            || excluded.iter().any(|x| {
                let x = x.trim_matches('/');
                rel.trim_end_matches('/') == x || rel.starts_with(&format!("{x}/"))
            }))
    };
    let entries = walk_files(root, &keep, &mut notes);
    let settings = Settings::new(&config);
    let mut site = SourceSite {
        site_values: super::source::flatten_values(&config),
        excerpt_separator: config
            .get("excerpt_separator")
            .and_then(text_of)
            .filter(|s| s.trim() != ""),
        ..SourceSite::new(Generator::Jekyll, site_meta(&config), notes)
    };
    let mut left_out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for entry in entries {
        let rel = entry.rel.as_str();
        let segments: Vec<&str> = rel.split('/').collect();
        let ext = rel
            .rsplit_once('.')
            .map_or("", |(_, e)| e)
            .to_ascii_lowercase();
        if let Some(i) = segments.iter().position(|s| *s == "_posts") {
            if MARKDOWN.contains(&ext.as_str()) || ext == "html" {
                read_post(&entry.path, rel, &segments[..i], &settings, &mut site);
            }
            continue;
        }
        if segments.contains(&"_drafts") {
            site.notes.push(
                Note::new(
                    Kind::NotImported,
                    rel,
                    "a draft of the old blog (it has no date)",
                )
                .todo("copy it into content/mistakes/ with a `date:` and `draft: true`"),
            );
            continue;
        }
        if segments[0] == "_includes"
            && let Ok(text) = std::fs::read_to_string(&entry.path)
        {
            site.includes
                .insert(rel["_includes/".len()..].to_string(), text);
        }
        if segments[0].starts_with('_') {
            left_out
                .entry(segments[0].to_string())
                .or_default()
                .push(rel.to_string());
            continue;
        }
        let bytes = match std::fs::read(&entry.path) {
            Ok(bytes) => bytes,
            Err(e) => {
                site.notes.push(Note::unreadable(rel, e));
                continue;
            }
        };
        if rel == "CNAME" {
            site.meta.cname = std::str::from_utf8(&bytes)
                .ok()
                .map(|t| t.trim().to_string())
                .filter(|t| !t.is_empty());
        } else if !front::has_front_matter(&bytes) {
            site.files.push(CopiedFile {
                to: format!("static/{rel}"),
                from: entry.path.clone(),
                text: None,
            });
        } else if MARKDOWN.contains(&ext.as_str()) {
            read_page(&bytes, rel, &settings, &mut site);
        } else if ext == "html" {
            site.notes.push(
                Note::new(Kind::NotImported, rel, "an HTML page built with Liquid").todo(
                    "if it has content worth keeping, write it as a Markdown page in content/",
                ),
            );
        } else if let Some(text) = published_text(&bytes, &ext) {
            site.files.push(CopiedFile {
                to: format!("static/{rel}"),
                from: entry.path.clone(),
                text: Some(text),
            });
        } else {
            // Feeds and styles: grouped under no folder.
            left_out
                .entry(String::new())
                .or_default()
                .push(rel.to_string());
        }
    }
    for (group, files) in left_out {
        let n = files.len();
        let counted = format!("{n} file{}", plural(n));
        let note = if group.is_empty() {
            let some: Vec<&str> = files.iter().take(3).map(String::as_str).collect();
            Note::new(
                Kind::NotImported,
                files[0].clone(),
                format!(
                    "{counted} processed by Liquid (feeds, styles): {}",
                    some.join(", ")
                ),
            )
            .todo("nothing to do: growthsite writes its own feeds and styles")
        } else if THEME_DIRS.contains(&group.as_str()) {
            Note::new(
                Kind::NotImported,
                format!("{group}/"),
                format!("the old theme ({counted})"),
            )
            .todo("nothing to do: growthsite's theme replaces it")
        } else {
            Note::new(
                Kind::NotImported,
                format!("{group}/"),
                format!("a collection ({counted})"),
            )
            .todo("move the pages worth keeping into content/ as Markdown pages")
        };
        site.notes.push(note);
    }
    site.docs.sort_by(|a, b| a.rel.cmp(&b.rel));
    site.files.sort_by(|a, b| a.to.cmp(&b.to));
    site
}

/// What Jekyll published for a file with front matter that is not a page,
/// a feed or a style (`assets/vm.yml` starting with `---`): the text after
/// the front matter (all of it when the front matter is not closed, as in
/// Jekyll), when no Liquid changed it.
fn published_text(bytes: &[u8], ext: &str) -> Option<String> {
    if matches!(ext, "xml" | "css" | "scss" | "sass" | "html" | "htm" | "") {
        return None;
    }
    let text = std::str::from_utf8(bytes).ok()?;
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let after_open = text.find('\n').map_or(text.len(), |i| i + 1);
    let mut offset = after_open;
    let mut body = text;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if matches!(text[offset..end].trim_end(), "---" | "...") {
            body = &text[end..];
            break;
        }
        offset = end;
    }
    (!body.contains("{{") && !body.contains("{%")).then(|| body.to_string())
}
