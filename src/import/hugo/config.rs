//! A Hugo blog's config -> the settings an import needs: the content and
//! static folders, `[permalinks]`, the main sections, the taxonomies, and
//! the site's title, author and address.

use std::collections::BTreeMap;
use std::path::Path;

use serde_json::{Map, Value};

use super::{get, get_path};
use crate::import::front;
use crate::import::report::{Kind, Note};
use crate::import::source::{SiteMeta, names_of, text_of};

const CONFIG_NAMES: &[&str] = &["hugo", "config"];
const CONFIG_EXTENSIONS: &[&str] = &["toml", "yaml", "yml", "json"];

pub(super) fn read_config(root: &Path, notes: &mut Vec<Note>) -> Map<String, Value> {
    let mut parse = |rel: &str, ext: &str| -> Option<Map<String, Value>> {
        let text = std::fs::read_to_string(root.join(rel)).ok()?;
        match front::parse_config_text(&text, ext) {
            Ok(map) => Some(map),
            Err(e) => {
                notes.push(
                    Note::new(Kind::Config, rel, e.message)
                        .at(e.line)
                        .todo("fix the old config and import again"),
                );
                Some(Map::new())
            }
        }
    };
    for name in CONFIG_NAMES {
        for ext in CONFIG_EXTENSIONS {
            if let Some(config) = parse(&format!("{name}.{ext}"), ext) {
                return config;
            }
        }
    }
    // A config folder: `config/_default/hugo.toml` and one file per key
    // (`params.toml`, `permalinks.yaml`, ...).
    let dir = root.join("config").join("_default");
    let mut files: Vec<String> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok()?.file_name().into_string().ok())
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    let mut config = Map::new();
    for file in files {
        let Some((stem, ext)) = file.rsplit_once('.') else {
            continue;
        };
        if !CONFIG_EXTENSIONS.contains(&ext) {
            continue;
        }
        let Some(map) = parse(&format!("config/_default/{file}"), ext) else {
            continue;
        };
        if CONFIG_NAMES.contains(&stem) {
            config.extend(map);
        } else {
            config.insert(stem.to_string(), Value::Object(map));
        }
    }
    if config.is_empty() {
        notes.push(
            Note::new(Kind::Config, "hugo.toml", "the old blog has no config file")
                .todo("the import used Hugo's defaults"),
        );
    }
    config
}

pub(super) fn site_meta(config: &Map<String, Value>) -> SiteMeta {
    let written = get(config, "baseURL").and_then(text_of).unwrap_or_default();
    let base_url =
        Some(written.clone()).filter(|u| u.starts_with("http://") || u.starts_with("https://"));
    let base_path = match &base_url {
        Some(url) => crate::config::base_path_of(url).to_string(),
        None => format!("/{}/", written.trim_matches('/')).replace("//", "/"),
    };
    let author = match get(config, "author").or_else(|| get_path(config, &["params", "author"])) {
        Some(Value::Object(author)) => get(author, "name").and_then(text_of),
        Some(other) => text_of(other),
        None => None,
    };
    let language = get(config, "languageCode")
        .or_else(|| get(config, "defaultContentLanguage"))
        .and_then(text_of)
        .map(|l| l.split(['_', '-']).next().unwrap_or("en").to_lowercase());
    SiteMeta {
        title: get(config, "title").and_then(text_of),
        description: get_path(config, &["params", "description"])
            .or_else(|| get(config, "description"))
            .and_then(text_of),
        author,
        language,
        base_url,
        cname: None,
        base_path,
        emoji: get(config, "enableEmoji").is_some_and(|v| v == &Value::Bool(true)),
    }
}

/// What the config says about content and URLs.
pub(super) struct Settings {
    pub(super) content_dir: String,
    pub(super) static_dirs: Vec<String>,
    /// Section -> permalink pattern.
    pub(super) permalinks: BTreeMap<String, String>,
    pub(super) ugly_urls: bool,
    /// Sections whose pages are posts; empty: decided by size.
    pub(super) main_sections: Vec<String>,
    /// Languages other than the default, whose files (`a.fr.md`) are left out.
    pub(super) other_languages: Vec<String>,
    /// Whether a date at the start of a file name (`2021-01-06-x.md`) comes
    /// before the front matter's (`[frontmatter] date = [":filename", ...]`);
    /// `None` when the file name is not a source of dates at all.
    pub(super) filename_date_first: Option<bool>,
    /// Front-matter keys of the taxonomies that become strategies.
    pub(super) taxonomies: Vec<String>,
}

impl Settings {
    pub(super) fn new(config: &Map<String, Value>) -> Settings {
        let default_language = get(config, "defaultContentLanguage")
            .and_then(text_of)
            .unwrap_or_else(|| "en".into());
        let languages = get(config, "languages").and_then(Value::as_object);
        let mount = |target: &str| -> Vec<String> {
            get_path(config, &["module", "mounts"])
                .and_then(Value::as_array)
                .map(|mounts| {
                    mounts
                        .iter()
                        .filter_map(|m| {
                            let m = m.as_object()?;
                            (get(m, "target").and_then(text_of)? == target)
                                .then(|| get(m, "source").and_then(text_of))?
                        })
                        .collect()
                })
                .unwrap_or_default()
        };
        let content_dir = get(config, "contentDir")
            .and_then(text_of)
            .or_else(|| {
                let language = get(languages?, &default_language)?.as_object()?;
                get(language, "contentDir").and_then(text_of)
            })
            .or_else(|| mount("content").into_iter().next())
            .unwrap_or_else(|| "content".into());
        let mut static_dirs = match get(config, "staticDir") {
            Some(value) => names_of(Some(value), false),
            None => vec!["static".into()],
        };
        static_dirs.extend(
            mount("static")
                .into_iter()
                .filter(|d| !d.contains("node_modules")),
        );
        static_dirs.dedup();
        let mut permalinks = BTreeMap::new();
        if let Some(Value::Object(map)) = get(config, "permalinks") {
            let map = match get(map, "page") {
                Some(Value::Object(pages)) => pages,
                _ => map,
            };
            for (section, pattern) in map {
                if let Some(pattern) = text_of(pattern) {
                    permalinks.insert(section.to_lowercase(), pattern);
                }
            }
        }
        let main_sections = names_of(
            get_path(config, &["params", "mainSections"]).or_else(|| get(config, "mainSections")),
            false,
        );
        let other_languages = languages
            .map(|l| {
                l.keys()
                    .filter(|k| !k.eq_ignore_ascii_case(&default_language))
                    .map(|k| k.to_lowercase())
                    .collect()
            })
            .unwrap_or_default();
        let date_sources = names_of(get_path(config, &["frontmatter", "date"]), false);
        let position = |names: &[&str]| {
            date_sources
                .iter()
                .position(|s| names.iter().any(|n| s.eq_ignore_ascii_case(n)))
        };
        let filename_date_first = position(&[":filename"]).map(|filename| {
            position(&[":default", "date", "publishdate", "pubdate", "published"])
                .is_none_or(|other| filename < other)
        });
        let taxonomies = match get(config, "taxonomies") {
            Some(Value::Object(map)) => map
                .values()
                .filter_map(text_of)
                .filter(|plural| !plural.to_lowercase().contains("author"))
                .collect(),
            _ => vec!["categories".into(), "tags".into()],
        };
        Settings {
            filename_date_first,
            taxonomies,
            content_dir,
            static_dirs,
            permalinks,
            ugly_urls: get(config, "uglyURLs")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            main_sections,
            other_languages,
        }
    }
}
