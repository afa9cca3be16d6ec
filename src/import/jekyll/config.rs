//! A Jekyll blog's `_config.yml` -> the settings an import needs: the
//! permalink patterns (the site's, the posts collection's, `defaults:`),
//! the zone post dates are read in, and the site's title, author and address.

use std::path::Path;

use serde_json::{Map, Value};

use crate::import::dates::UrlZone;
use crate::import::front;
use crate::import::report::{Kind, Note};
use crate::import::source::{SiteMeta, text_of};

pub(super) fn read_config(root: &Path, notes: &mut Vec<Note>) -> Map<String, Value> {
    for name in ["_config.yml", "_config.yaml"] {
        let Ok(text) = std::fs::read_to_string(root.join(name)) else {
            continue;
        };
        return match front::parse_config_text(&text, "yml") {
            Ok(config) => config,
            Err(e) => {
                notes.push(
                    Note::new(Kind::Config, name, e.message)
                        .at(e.line)
                        .todo("the import used Jekyll's defaults; fix the file and import again"),
                );
                Map::new()
            }
        };
    }
    notes.push(
        Note::new(
            Kind::Config,
            "_config.yml",
            "the old blog has no _config.yml",
        )
        .todo("the import used Jekyll's defaults"),
    );
    Map::new()
}

pub(super) fn site_meta(config: &Map<String, Value>) -> SiteMeta {
    let url = config.get("url").and_then(text_of).unwrap_or_default();
    let baseurl = config.get("baseurl").and_then(text_of).unwrap_or_default();
    let base_url = (url.starts_with("http://") || url.starts_with("https://")).then(|| {
        format!(
            "{}/{}",
            url.trim_end_matches('/'),
            baseurl.trim_matches('/')
        )
    });
    let author = match config.get("author") {
        Some(Value::Object(author)) => author.get("name").and_then(text_of),
        Some(other) => text_of(other),
        None => None,
    };
    let language = ["lang", "language", "locale"]
        .iter()
        .find_map(|key| config.get(*key).and_then(text_of))
        .map(|l| l.split(['_', '-']).next().unwrap_or("en").to_lowercase());
    SiteMeta {
        title: config.get("title").and_then(text_of),
        description: config.get("description").and_then(text_of),
        author,
        language,
        base_url,
        cname: None,
        base_path: format!("/{}/", baseurl.trim_matches('/')).replace("//", "/"),
        // jemoji turns codes into images after the Markdown, ids included.
        emoji: false,
    }
}

/// What the config says about URLs.
pub(super) struct Settings {
    /// The posts' permalink pattern: the `posts` collection's, else the site's.
    pub(super) post_permalink: String,
    /// `defaults:` entries that set a permalink: (path scope, pattern).
    pub(super) scoped_permalinks: Vec<(String, String)>,
    /// Whether pages get `/about/` rather than `/about.html`.
    pub(super) pretty_pages: bool,
    /// Where post dates are read for their URL.
    pub(super) zone: UrlZone,
}

impl Settings {
    pub(super) fn new(config: &Map<String, Value>) -> Settings {
        let site = config
            .get("permalink")
            .and_then(text_of)
            .unwrap_or_else(|| "date".into());
        let collection = config
            .get("collections")
            .and_then(|c| c.get("posts"))
            .and_then(|p| p.get("permalink"))
            .and_then(text_of);
        let scoped_permalinks = match config.get("defaults") {
            Some(Value::Array(defaults)) => defaults
                .iter()
                .filter_map(|d| {
                    let pattern = d.get("values")?.get("permalink").and_then(text_of)?;
                    let path = d
                        .get("scope")
                        .and_then(|s| s.get("path"))
                        .and_then(text_of)
                        .unwrap_or_default();
                    Some((path, pattern))
                })
                .collect(),
            _ => Vec::new(),
        };
        let zone = match config.get("timezone").and_then(text_of) {
            Some(name) => UrlZone::Named(name),
            None => UrlZone::Utc,
        };
        Settings {
            pretty_pages: site == "pretty" || site.ends_with('/'),
            post_permalink: collection.unwrap_or(site),
            scoped_permalinks,
            zone,
        }
    }

    /// The pattern for a file: the most specific `defaults:` scope, else
    /// the posts' pattern.
    pub(super) fn permalink_for(&self, rel: &str) -> Option<&str> {
        self.scoped_permalinks
            .iter()
            .filter(|(scope, _)| rel.starts_with(scope.trim_matches('/')))
            .max_by_key(|(scope, _)| scope.len())
            .map(|(_, pattern)| pattern.as_str())
    }
}
