//! Resolved options: command-line flags turned into absolute paths and
//! overrides, once, before any work starts.

use std::path::{Path, PathBuf};

use crate::config::CONFIG_FILE;
use crate::parse::date::Date;
use crate::parse::documents::Selection;

/// What a build needs to know, resolved against `--root`.
#[derive(Debug, Clone)]
pub struct Options {
    /// The site folder.
    pub root: PathBuf,
    /// growthsite.yaml (or `--config`).
    pub config_path: PathBuf,
    /// Where the site is written.
    pub output_dir: PathBuf,
    /// Overrides the config's `base_url`.
    pub base_url: Option<String>,
    /// Where the site is published when `base_url` is a preview's address
    /// (`serve`): social cards show it, so that `build` and `serve` on any
    /// port draw the same cards and share their cache.
    pub published_url: Option<String>,
    /// Build drafts too.
    pub drafts: bool,
    /// Build write-ups dated after `today` too.
    pub future: bool,
    /// The date write-up dates are compared with (`clock::build_date`).
    pub today: Date,
    /// Print errors only.
    pub quiet: bool,
    /// Warnings fail the build.
    pub strict: bool,
    /// Print the time of each stage.
    pub timings: bool,
    /// Keep each document's Markdown after it is rendered (`check` reads it
    /// again to place link findings), and each write-up's HTML body after
    /// its page is written (`serve` renders pages again); `build` lets
    /// both go to save memory.
    pub retain_sources: bool,
    /// Decode and resize images whose variants are not cached yet, and
    /// write them to the cache (`check`, which writes nothing, does not).
    pub make_images: bool,
}

impl Options {
    /// Options for the site at `root` with every default.
    pub fn for_root(root: impl Into<PathBuf>) -> Self {
        let root = root.into();
        Options {
            config_path: root.join(CONFIG_FILE),
            output_dir: root.join("public"),
            root,
            base_url: None,
            published_url: None,
            drafts: false,
            future: false,
            today: crate::clock::build_date(),
            quiet: false,
            strict: false,
            timings: false,
            retain_sources: true,
            make_images: true,
        }
    }

    /// A path given on the command line: relative to the current folder,
    /// as users expect from every other tool.
    pub fn resolve(path: &Path) -> PathBuf {
        let joined = if path.is_absolute() {
            path.to_path_buf()
        } else {
            std::env::current_dir().unwrap_or_default().join(path)
        };
        normalize(&joined)
    }

    /// The path of a site file relative to the root, `/`-separated, for messages.
    pub fn display_path(&self, path: &Path) -> String {
        crate::load::to_slash(path.strip_prefix(&self.root).unwrap_or(path))
    }
}

/// Removes `.` and resolves `..` without touching the disk (the path may
/// not exist yet), so messages show `site/public`, not `site/./x/../public`.
fn normalize(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    out.push(component);
                }
            }
            other => out.push(other),
        }
    }
    out
}

impl Options {
    /// Which documents a build publishes: drafts and write-ups dated after
    /// `today` only when asked for.
    pub fn selection(&self) -> Selection {
        Selection {
            drafts: self.drafts,
            future: self.future,
            today: self.today,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalize_drops_dots() {
        assert_eq!(normalize(Path::new("/a/./b/../c")), PathBuf::from("/a/c"));
        assert_eq!(normalize(Path::new("/a/.")), PathBuf::from("/a"));
    }
}
