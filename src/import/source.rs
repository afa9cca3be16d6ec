//! What an importer reads from the old blog, before any conversion: its
//! settings, its posts and pages (front matter already turned into plain
//! fields), the files to copy, and what it could not read. Jekyll and Hugo
//! fill the same shape (`jekyll::read_site`, `hugo::read_site`); `convert`
//! turns it into the new site.

use std::path::PathBuf;

use super::report::Note;

/// The generator an old blog was written for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Generator {
    /// Jekyll: `_config.yml`, `_posts/`, Liquid.
    Jekyll,
    /// Hugo: `hugo.toml` (or YAML, JSON), `content/`, shortcodes.
    Hugo,
}

impl Generator {
    /// The name users know it by.
    pub fn name(self) -> &'static str {
        match self {
            Generator::Jekyll => "Jekyll",
            Generator::Hugo => "Hugo",
        }
    }
}

/// Site-wide settings of the old blog.
#[derive(Debug, Clone, Default)]
pub struct SiteMeta {
    /// The blog's title.
    pub title: Option<String>,
    /// Its description.
    pub description: Option<String>,
    /// Its author's name.
    pub author: Option<String>,
    /// Its language (`en`).
    pub language: Option<String>,
    /// Where it was published (`https://alice.github.io/blog/`), when known
    /// and absolute.
    pub base_url: Option<String>,
    /// Its custom domain (a `CNAME` file), for `deploy`.
    pub cname: Option<String>,
    /// The path it was published under (`/blog/`), known even when its
    /// address is not (Hugo's `baseURL = "/"`, Jekyll's `baseurl` alone).
    pub base_path: String,
    /// Whether its Markdown turned `:rocket:` into an emoji (Hugo's
    /// `enableEmoji`).
    pub emoji: bool,
}

/// A post becomes a write-up; a page becomes a plain page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DocKind {
    /// A dated blog post.
    Post,
    /// A page such as `about.md`.
    Page,
}

/// One post or page of the old blog, read and not yet converted.
#[derive(Debug, Clone)]
pub struct SourceDoc {
    /// Its path in the old blog, `/`-separated: `_posts/2019-03-14-x.md`.
    pub rel: String,
    /// Post or page.
    pub kind: DocKind,
    /// Its title.
    pub title: String,
    /// Its date as written (front matter, else the file name).
    pub date: Option<String>,
    /// The line of the `date:` key in the source, when it came from there.
    pub date_line: Option<usize>,
    /// The date to use when `date` cannot be read (Jekyll's file-name date).
    pub fallback_date: Option<String>,
    /// Its last update as written.
    pub updated: Option<String>,
    /// The slug it will have in the new site (not yet unique).
    pub slug: String,
    /// Its tags and categories, as written.
    pub terms: Vec<String>,
    /// Every URL path it answered at, relative to the old site's base
    /// path, starting with `/`: `/2019/03/14/x.html`, `/old/`.
    pub old_urls: Vec<String>,
    /// Not published in the old blog.
    pub draft: bool,
    /// An explicit summary (Jekyll's `excerpt`, a `description`).
    pub summary: Option<String>,
    /// A `lesson:` the old blog already had.
    pub lesson: Option<String>,
    /// Other front-matter keys, kept for templates as `page.extra`.
    pub extra: Vec<(String, serde_json::Value)>,
    /// The Markdown body.
    pub body: String,
    /// The line of the source file the body starts on.
    pub body_line: usize,
    /// Files of its page bundle: (path inside the bundle, file on disk).
    pub resources: Vec<(String, PathBuf)>,
    /// Names other posts link to it by: `{% post_url %}` ids, `{% link %}`
    /// and `ref` paths.
    pub link_keys: Vec<String>,
    /// Whether its body goes through the generator's tags (Jekyll's
    /// `render_with_liquid: false` turns Liquid off).
    pub tags_live: bool,
    /// Its own summary separator (Jekyll's `excerpt_separator`).
    pub excerpt_separator: Option<String>,
}

/// A file copied into the new site as it is.
#[derive(Debug, Clone)]
pub struct CopiedFile {
    /// Where it goes, relative to the new site: `static/img/a.png`.
    pub to: String,
    /// Where it is.
    pub from: PathBuf,
    /// What the old generator published instead of the file itself (a
    /// Jekyll file with front matter: the text after it), if not the file.
    pub text: Option<String>,
}

/// Everything read from an old blog.
#[derive(Debug)]
pub struct SourceSite {
    /// Which generator it was written for.
    pub generator: Generator,
    /// Its settings.
    pub meta: SiteMeta,
    /// Its posts and pages, sorted by path.
    pub docs: Vec<SourceDoc>,
    /// Static files and assets, sorted by destination.
    pub files: Vec<CopiedFile>,
    /// What was left out or could not be read.
    pub notes: Vec<Note>,
    /// The old config's text values by dotted name (`repository`,
    /// `twitter.username`; Hugo's `params`), for `{{ site.x }}` and
    /// `{{< param x >}}`.
    pub site_values: std::collections::BTreeMap<String, String>,
    /// Jekyll's `_includes/` files by their name there (`note.html`), for
    /// `{% include %}`.
    pub includes: std::collections::BTreeMap<String, String>,
    /// Old tag and category pages: (URL path, term), as Hugo published them.
    pub taxonomy_urls: Vec<(String, String)>,
    /// Post files found, those that could not be read included.
    pub posts_found: usize,
    /// Whether its Markdown separates the summary with a marker other
    /// than growthsite's `<!-- more -->` (Jekyll's `excerpt_separator`).
    pub excerpt_separator: Option<String>,
}

impl SourceSite {
    /// A site with its settings and the notes of reading its config, before
    /// any of its files is read.
    pub fn new(generator: Generator, meta: SiteMeta, notes: Vec<Note>) -> Self {
        SourceSite {
            generator,
            meta,
            docs: Vec::new(),
            files: Vec::new(),
            notes,
            site_values: Default::default(),
            includes: Default::default(),
            taxonomy_urls: Vec::new(),
            posts_found: 0,
            excerpt_separator: None,
        }
    }
}

/// A text value of a front-matter or config key, numbers included.
pub fn text_of(value: &serde_json::Value) -> Option<String> {
    match value {
        serde_json::Value::String(s) => Some(s.clone()),
        serde_json::Value::Number(n) => Some(n.to_string()),
        serde_json::Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// A list of names: a YAML list, or one string (Jekyll splits it at
/// spaces when `split` is set, as it does for `categories` and `tags`).
pub fn names_of(value: Option<&serde_json::Value>, split: bool) -> Vec<String> {
    match value {
        Some(serde_json::Value::Array(items)) => items.iter().filter_map(text_of).collect(),
        Some(other) => match text_of(other) {
            Some(one) if split => one.split_whitespace().map(str::to_string).collect(),
            Some(one) if !one.trim().is_empty() => vec![one.trim().to_string()],
            _ => Vec::new(),
        },
        None => Vec::new(),
    }
}

/// The text values of a config map by dotted name, nested maps included.
pub fn flatten_values(
    map: &serde_json::Map<String, serde_json::Value>,
) -> std::collections::BTreeMap<String, String> {
    fn walk(
        prefix: &str,
        map: &serde_json::Map<String, serde_json::Value>,
        out: &mut std::collections::BTreeMap<String, String>,
    ) {
        for (key, value) in map {
            let name = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            match value {
                serde_json::Value::Object(inner) => walk(&name, inner, out),
                other => {
                    if let Some(text) = text_of(other) {
                        out.insert(name, text);
                    }
                }
            }
        }
    }
    let mut out = std::collections::BTreeMap::new();
    walk("", map, &mut out);
    out
}
