//! Stage 1, I/O: reads the site from disk. Walks the site's folders in
//! sorted order (through [`walk`], which decides what is followed) and
//! returns every Markdown source as bytes (UTF-8 is checked by the parse
//! stage, which reports it), plus the paths of the files to copy.

pub mod read;
pub mod walk;

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;

use crate::diag::{Diagnostic, Kind, Span};
use crate::error::{Error, Result};
pub use read::{SiteFile, Unreadable};
use walk::{Hidden, SiteFolder};

/// A Markdown file of the site, unparsed.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, `/`-separated: `content/mistakes/a.md`.
    pub rel_path: String,
    /// The raw bytes.
    pub bytes: Vec<u8>,
}

/// A file to copy into the output as it is.
#[derive(Debug, Clone)]
pub struct AssetFile {
    /// Path relative to the folder it was found in (`static/`, `content/`).
    pub rel_path: String,
    /// Where it is on disk, to be read by the walk's rules.
    pub source: SiteFile,
}

/// A template found on disk, in the theme folder or the site's `templates/`.
#[derive(Debug, Clone)]
pub struct TemplateFile {
    /// Template name: path relative to the templates folder (`base.html`).
    pub name: String,
    /// Path relative to the site root, for diagnostics.
    pub rel_path: String,
    /// The template source.
    pub text: String,
}

/// Everything the later stages need from disk.
#[derive(Debug, Default)]
pub struct Sources {
    /// growthsite.yaml's text.
    pub config_text: String,
    /// Every `.md` file under `content/`, sorted by path.
    pub markdown: Vec<SourceFile>,
    /// Other files under `content/` (page-bundle assets).
    pub content_assets: Vec<AssetFile>,
    /// Files of the theme folder's `static/` on disk.
    pub theme_static: Vec<AssetFile>,
    /// Files of the site's `static/`.
    pub site_static: Vec<AssetFile>,
    /// Templates of `themes/<theme>/templates/` on disk.
    pub theme_templates: Vec<TemplateFile>,
    /// Templates of the site's `templates/`.
    pub site_templates: Vec<TemplateFile>,
    /// Files that could not be read or walked (symlink loops, permissions).
    pub problems: Vec<Diagnostic>,
}

/// Reads the config text, failing with a hint to `init` when it is missing.
/// Anything but a regular file (a FIFO, a device) is refused before it is
/// opened: reading a FIFO would wait forever.
pub fn load_config_text(config_path: &Path, root: &Path) -> Result<String> {
    match std::fs::metadata(config_path) {
        Ok(meta) if !meta.is_file() => {
            let what = if meta.is_dir() {
                "a folder"
            } else {
                walk::special_kind(&meta.file_type())
            };
            return Err(Error::ConfigNotAFile {
                path: config_path.to_path_buf(),
                what,
            });
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
            return Err(Error::NoConfig {
                root: root.to_path_buf(),
            });
        }
        _ => {}
    }
    match std::fs::read(config_path) {
        Ok(bytes) => String::from_utf8(bytes)
            .map(without_bom)
            .map_err(|_| Error::ConfigNotUtf8 {
                path: config_path.to_path_buf(),
            }),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Err(Error::NoConfig {
            root: root.to_path_buf(),
        }),
        Err(e) => Err(Error::io(config_path, e)),
    }
}

/// Reads the site at `root` for a theme named `theme`.
pub fn load_sources(root: &Path, config_text: String, theme: &str) -> Sources {
    let mut sources = Sources {
        config_text,
        ..Sources::default()
    };
    let site = match SiteFolder::new(root) {
        Ok(site) => Arc::new(site),
        Err(e) => {
            sources.problems.push(Diagnostic::general(
                Kind::UnreadableFile,
                format!("cannot resolve the site folder {}: {e}", root.display()),
            ));
            return sources;
        }
    };
    let content = site.walk("content", Hidden::Skip, &mut sources.problems);
    let (markdown, assets): (Vec<_>, Vec<_>) = content
        .into_iter()
        .partition(|(rel, _)| rel.ends_with(".md"));
    sources.content_assets = assets
        .into_iter()
        .map(|(rel, source)| AssetFile {
            rel_path: rel["content/".len()..].to_string(),
            source: SiteFile::new(&site, source),
        })
        .collect();
    let read: Vec<std::result::Result<SourceFile, Diagnostic>> = markdown
        .into_par_iter()
        .map(|(rel_path, path)| match site.read(&path) {
            Ok(bytes) => Ok(SourceFile { rel_path, bytes }),
            Err(unreadable) => Err(unreadable.diagnostic()),
        })
        .collect();
    for file in read {
        match file {
            Ok(file) => sources.markdown.push(file),
            Err(problem) => sources.problems.push(problem),
        }
    }
    let theme_dir = format!("themes/{theme}");
    sources.theme_static =
        static_files(&site, &format!("{theme_dir}/static"), &mut sources.problems);
    sources.site_static = static_files(&site, "static", &mut sources.problems);
    sources.theme_templates = templates(
        &site,
        &format!("{theme_dir}/templates"),
        &mut sources.problems,
    );
    sources.site_templates = templates(&site, "templates", &mut sources.problems);
    sources
}

/// The templates alone (`themes/<theme>/templates/`, then the site's
/// `templates/`), read as [`load_sources`] reads them: for `serve`, which
/// re-reads only them after a template changed.
pub fn load_templates(root: &Path, theme: &str) -> Sources {
    let mut sources = Sources::default();
    match SiteFolder::new(root) {
        Ok(site) => {
            let theme_dir = format!("themes/{theme}/templates");
            sources.theme_templates = templates(&site, &theme_dir, &mut sources.problems);
            sources.site_templates = templates(&site, "templates", &mut sources.problems);
        }
        Err(e) => sources.problems.push(Diagnostic::general(
            Kind::UnreadableFile,
            format!("cannot resolve the site folder {}: {e}", root.display()),
        )),
    }
    sources
}

fn static_files(
    site: &Arc<SiteFolder>,
    dir: &str,
    problems: &mut Vec<Diagnostic>,
) -> Vec<AssetFile> {
    // "Copied to the output root as-is", but for hidden files: `.env` or
    // `.ssh/` must never be published. GitHub Pages needs two of them.
    site.walk(dir, Hidden::PagesOnly, problems)
        .into_iter()
        .map(|(rel, source)| AssetFile {
            rel_path: rel[dir.len() + 1..].to_string(),
            source: SiteFile::new(site, source),
        })
        .collect()
}

fn templates(site: &SiteFolder, dir: &str, problems: &mut Vec<Diagnostic>) -> Vec<TemplateFile> {
    let mut found = Vec::new();
    for (rel_path, path) in site.walk(dir, Hidden::Skip, problems) {
        let text = site.read(&path).map(String::from_utf8);
        match text {
            Ok(Ok(text)) => found.push(TemplateFile {
                name: rel_path[dir.len() + 1..].to_string(),
                rel_path,
                text: without_bom(text),
            }),
            Err(unreadable) => problems.push(unreadable.diagnostic()),
            Ok(Err(_)) => problems.push(
                Diagnostic::error(
                    Kind::UnreadableFile,
                    Span::file(rel_path),
                    "cannot read the template: it is not valid UTF-8",
                )
                .with_hint("templates must be UTF-8 text"),
            ),
        }
    }
    found
}

/// Files no site means to publish: hidden files and editor swap or backup files.
pub fn is_ignored(name: &str) -> bool {
    name.starts_with('.') || is_editor_leftover(name)
}

/// Editor swap and backup files and the Finder's folder metadata: never
/// published, even from static/.
pub fn is_editor_leftover(name: &str) -> bool {
    name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".tmp")
        || name.starts_with('#')
        || name.starts_with(".#")
        || name == ".DS_Store"
}

/// Text without the UTF-8 byte order mark some Windows editors write: YAML
/// would read it as part of the first key, and Tera as text before
/// `{% extends %}`, which must come first.
fn without_bom(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

/// A relative path with `/` separators, whatever the platform.
pub fn to_slash(path: &Path) -> String {
    path.components()
        .map(|c| c.as_os_str().to_string_lossy())
        .collect::<Vec<_>>()
        .join("/")
}
