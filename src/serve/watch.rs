//! Watching the site: file-system events (notify, debounced by
//! notify-debouncer-full, which also merges an editor's create, modify and
//! rename steps) -> batches of [`Change`]s, each path sorted into a
//! [`ChangeKind`] by [`classify`], a pure function. Editors save in several
//! steps (a swap file, a backup, a temporary file renamed over the
//! original): a batch ends only when no more events come for [`DEBOUNCE`],
//! so one save gives one rebuild.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode};
use notify_debouncer_full::{DebounceEventResult, Debouncer, RecommendedCache, new_debouncer};

use super::ServeError;
use crate::error::Result;
use crate::load::{is_ignored, to_slash};

/// The quiet time that ends a batch: longer than the steps of an editor's
/// save (which come within a millisecond or two), short enough not to be
/// noticed. It is most of a save's time to reload: at 30 ms, with the
/// debouncer holding each event 30 ms more, a save waited about 65 ms
/// before its rebuild (of a few ms) began.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// How long the debouncer holds an event (to merge an editor's create,
/// modify and rename of one file), and how often it looks.
const HOLD: Duration = Duration::from_millis(5);
const TICK: Duration = Duration::from_micros(2500);

/// The longest a batch may grow while events keep coming, so that a
/// steady stream of writes still gives rebuilds.
const LONGEST_BATCH: Duration = Duration::from_millis(500);

/// The top-level folders of a site that are watched (with the config file).
const WATCHED_DIRS: [&str; 4] = ["content", "static", "templates", "themes"];

/// What a changed path is to the site.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChangeKind {
    /// growthsite.yaml (or the `--config` file).
    Config,
    /// A Markdown file under `content/`.
    Content,
    /// Any other file (or a folder) under `content/`: page-bundle assets.
    ContentAsset,
    /// A template: `templates/` or a theme's `templates/`.
    Template,
    /// A stylesheet in `static/` or a theme's `static/`.
    Style,
    /// Any other file in `static/` or a theme's `static/`.
    Static,
    /// Anything else in a theme folder.
    Theme,
    /// The watcher lost track (its event queue overflowed, or it failed):
    /// anything may have changed.
    Unknown,
}

/// One changed path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// Relative to the site root, `/`-separated (the config file may lie
    /// outside the root: then its path as given).
    pub path: String,
    /// What it is.
    pub kind: ChangeKind,
}

/// Where the site's parts are, to tell what a path is.
#[derive(Debug, Clone)]
pub struct SiteLayout {
    /// The site folder.
    pub root: PathBuf,
    /// The config file.
    pub config: PathBuf,
    /// The output folder of `build`, ignored (serve never writes it, but a
    /// `build` run next to serve does).
    pub output: PathBuf,
}

/// Sorts a changed path into what it means for the site, or `None` for
/// paths that do not matter: outside the watched parts, in `.git` or any
/// hidden folder, in the output folder, and editors' swap, backup and
/// temporary files (`.a.md.swp`, `a.md~`, `#a.md#`, vim's `4913`).
pub fn classify(path: &Path, layout: &SiteLayout) -> Option<ChangeKind> {
    if path == layout.config {
        return Some(ChangeKind::Config);
    }
    if path.starts_with(&layout.output) {
        return None;
    }
    let rel = to_slash(path.strip_prefix(&layout.root).ok()?);
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.iter().any(|part| part.is_empty() || is_ignored(part)) {
        return None;
    }
    let name = parts[parts.len() - 1];
    if is_save_temporary(name) {
        return None;
    }
    let is_css = name.to_ascii_lowercase().ends_with(".css");
    let style_or_static = if is_css {
        ChangeKind::Style
    } else {
        ChangeKind::Static
    };
    match parts.as_slice() {
        ["content", .., _] if name.ends_with(".md") => Some(ChangeKind::Content),
        ["content", ..] => Some(ChangeKind::ContentAsset),
        ["static", ..] => Some(style_or_static),
        ["templates", ..] => Some(ChangeKind::Template),
        ["themes", _, "templates", ..] => Some(ChangeKind::Template),
        ["themes", _, "static", ..] => Some(style_or_static),
        ["themes", ..] => Some(ChangeKind::Theme),
        _ => None,
    }
}

/// Files that editors and tools write only while saving (vim's `4913`
/// probe, `sed -i`'s temporary, JetBrains' safe-write files) and backups
/// that `load` still publishes: a change to one is not a change to the site.
fn is_save_temporary(name: &str) -> bool {
    const SUFFIXES: [&str; 7] = [
        ".swo",
        ".swx",
        ".swpx",
        ".bak",
        ".kate-swp",
        "___jb_tmp___",
        "___jb_old___",
    ];
    name == "4913" || SUFFIXES.iter().any(|suffix| name.ends_with(suffix)) || is_sed_temp(name)
}

/// `sed -i` writes `sedXXXXXX` beside the file, then renames it.
fn is_sed_temp(name: &str) -> bool {
    name.len() == 9
        && name.starts_with("sed")
        && name[3..].chars().all(|c| c.is_ascii_alphanumeric())
}

/// A running watch on a site.
pub struct SiteWatch {
    layout: SiteLayout,
    events: Receiver<DebounceEventResult>,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<PathBuf>,
}

impl SiteWatch {
    /// Starts watching the config file, content/, static/, templates/ and
    /// themes/ (the root itself only for files and folders that appear).
    pub fn start(layout: SiteLayout) -> Result<SiteWatch> {
        let (sender, events) = mpsc::channel();
        let debouncer = new_debouncer(HOLD, Some(TICK), move |result: DebounceEventResult| {
            let _ = sender.send(result);
        })
        .map_err(|e| ServeError::CannotWatch { source: e })?;
        let mut watch = SiteWatch {
            layout,
            events,
            debouncer,
            watched: Vec::new(),
        };
        let root = watch.layout.root.clone();
        watch.add(&root, RecursiveMode::NonRecursive)?;
        if let Some(parent) = watch.layout.config.parent().map(Path::to_path_buf) {
            if parent != root {
                watch.add(&parent, RecursiveMode::NonRecursive)?;
            }
        }
        watch.add_site_dirs();
        Ok(watch)
    }

    fn add(&mut self, path: &Path, mode: RecursiveMode) -> Result<()> {
        self.debouncer
            .watch(path, mode)
            .map_err(|e| ServeError::CannotWatchPath {
                path: path.to_path_buf(),
                source: e,
            })?;
        self.watched.push(path.to_path_buf());
        Ok(())
    }

    /// Watches the site folders that exist and are not watched yet (one may
    /// be created while serve runs).
    fn add_site_dirs(&mut self) {
        for dir in WATCHED_DIRS {
            let path = self.layout.root.join(dir);
            if path.is_dir() && !self.watched.contains(&path) {
                if let Err(e) = self.add(&path, RecursiveMode::Recursive) {
                    eprintln!("warning: {e}");
                }
            }
        }
    }

    /// Waits up to `timeout` for a change, then gathers the changes until
    /// no more come for [`DEBOUNCE`]. `Ok(None)` when nothing changed in
    /// time; `Err` when the watch itself broke.
    pub fn next_batch(&mut self, timeout: Duration) -> Result<Option<Vec<Change>>> {
        let mut changes = BTreeMap::new();
        let first = match self.events.recv_timeout(timeout) {
            Ok(events) => events,
            Err(RecvTimeoutError::Timeout) => return Ok(None),
            Err(RecvTimeoutError::Disconnected) => {
                return Err(ServeError::WatcherStopped.into());
            }
        };
        self.take(first, &mut changes);
        // The debouncer holds each event for HOLD; the steps of one save
        // may still come in the next few of its batches.
        let started = Instant::now();
        while started.elapsed() < LONGEST_BATCH {
            match self.events.recv_timeout(DEBOUNCE) {
                Ok(events) => self.take(events, &mut changes),
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => break,
            }
        }
        if changes.values().any(|kind| kind != &ChangeKind::Content) {
            self.add_site_dirs();
        }
        let changes: Vec<Change> = changes
            .into_iter()
            .map(|(path, kind)| Change { path, kind })
            .collect();
        Ok((!changes.is_empty()).then_some(changes))
    }

    fn take(&self, result: DebounceEventResult, changes: &mut BTreeMap<String, ChangeKind>) {
        match result {
            Ok(events) => {
                for event in &events {
                    self.take_event(event, changes);
                }
            }
            Err(errors) => {
                for e in errors {
                    changes.insert(format!("(file watcher error: {e})"), ChangeKind::Unknown);
                }
            }
        }
    }

    fn take_event(&self, event: &Event, changes: &mut BTreeMap<String, ChangeKind>) {
        if event.need_rescan() {
            changes.insert("(file events lost)".into(), ChangeKind::Unknown);
            return;
        }
        // Reading a file (as every build does) is an event too.
        if matches!(event.kind, EventKind::Access(kind) if kind != AccessKind::Close(AccessMode::Write))
        {
            return;
        }
        for path in &event.paths {
            if let Some(kind) = classify(path, &self.layout) {
                let shown = match path.strip_prefix(&self.layout.root) {
                    Ok(rel) => to_slash(rel),
                    Err(_) => path.display().to_string(),
                };
                changes.insert(shown, kind);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout() -> SiteLayout {
        SiteLayout {
            root: PathBuf::from("/site"),
            config: PathBuf::from("/site/growthsite.yaml"),
            output: PathBuf::from("/site/public"),
        }
    }

    fn kind(path: &str) -> Option<ChangeKind> {
        classify(Path::new(path), &layout())
    }

    #[test]
    fn site_parts_are_told_apart() {
        use ChangeKind::*;
        assert_eq!(kind("/site/growthsite.yaml"), Some(Config));
        assert_eq!(kind("/site/content/mistakes/a.md"), Some(Content));
        assert_eq!(kind("/site/content/mistakes/b/index.md"), Some(Content));
        assert_eq!(
            kind("/site/content/mistakes/b/chart.png"),
            Some(ContentAsset)
        );
        assert_eq!(kind("/site/content/mistakes"), Some(ContentAsset));
        assert_eq!(kind("/site/templates/base.html"), Some(Template));
        assert_eq!(kind("/site/themes/t/templates/base.html"), Some(Template));
        assert_eq!(kind("/site/static/style.css"), Some(Style));
        assert_eq!(kind("/site/static/css/Print.CSS"), Some(Style));
        assert_eq!(kind("/site/themes/t/static/style.css"), Some(Style));
        assert_eq!(kind("/site/static/logo.png"), Some(Static));
        assert_eq!(kind("/site/themes/t/theme.yaml"), Some(Theme));
    }

    #[test]
    fn the_output_git_and_other_files_are_ignored() {
        assert_eq!(kind("/site/public/index.html"), None);
        assert_eq!(kind("/site/.git/index"), None);
        assert_eq!(kind("/site/content/.git/HEAD"), None);
        assert_eq!(kind("/site/README.md"), None);
        assert_eq!(kind("/elsewhere/content/a.md"), None);
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [
            ".a.md.swp",
            ".a.md.swx",
            "a.md~",
            "#a.md#",
            ".#a.md",
            "4913",
            "a.md.bak",
            "a.md___jb_tmp___",
            "sedAb12Cd",
            ".goutputstream-XYZ123",
        ] {
            assert_eq!(
                kind(&format!("/site/content/mistakes/{name}")),
                None,
                "{name}"
            );
        }
    }

    #[test]
    fn a_config_file_elsewhere_is_still_the_config() {
        let mut layout = layout();
        layout.config = PathBuf::from("/etc/blog.yaml");
        assert_eq!(
            classify(Path::new("/etc/blog.yaml"), &layout),
            Some(ChangeKind::Config)
        );
        assert_eq!(classify(Path::new("/site/growthsite.yaml"), &layout), None);
    }
}
