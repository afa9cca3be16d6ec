//! Watching the site: file-system events (notify) -> batches of
//! [`Change`]s, each path sorted into a [`ChangeKind`] by [`classify`] and
//! each event into a [`Step`] of its path's save, both pure. Editors save
//! in several steps (a swap file, a backup, a temporary file renamed over
//! the original); [`Batch`] ends a batch once every save in it has
//! certainly ended, so one save gives one rebuild, a burst of saves one
//! batch, and a file is never built half-written.

mod batch;
mod classify;

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, TryRecvError};
use std::time::{Duration, Instant};

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher, WatcherKind};

use batch::{Batch, Step};
pub use classify::classify;

use super::ServeError;
use crate::error::Result;
use crate::load::to_slash;

/// What the watcher sends: an event (or its error) and when it came.
type Message = (Instant, notify::Result<Event>);

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

/// A running watch on a site.
pub struct SiteWatch {
    layout: SiteLayout,
    events: Receiver<Message>,
    watcher: RecommendedWatcher,
    watched: Vec<PathBuf>,
    batch: Batch,
}

impl SiteWatch {
    /// Starts watching the config file, content/, static/, templates/ and
    /// themes/ (the root itself only for files and folders that appear).
    pub fn start(layout: SiteLayout) -> Result<SiteWatch> {
        let (sender, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
            // Reads (every build's, too) are no change: dropped here.
            let read = matches!(&result, Ok(event) if matches!(event.kind,
                EventKind::Access(kind) if kind != AccessKind::Close(AccessMode::Write)));
            if !read {
                let _ = sender.send((Instant::now(), result));
            }
        })
        .map_err(|e| ServeError::CannotWatch { source: e })?;
        let mut watch = SiteWatch {
            layout,
            events,
            watcher,
            watched: Vec::new(),
            batch: Batch::new(RecommendedWatcher::kind() == WatcherKind::Inotify),
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
        self.watcher
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

    /// Waits up to `timeout` for changes, until the batch they make is due
    /// (see [`Batch`]). `Ok(None)` when none is due in time (a file still
    /// being written stays for the next call); `Err` when the watch itself
    /// broke.
    pub fn next_batch(&mut self, timeout: Duration) -> Result<Option<Vec<Change>>> {
        let give_up = Instant::now() + timeout;
        loop {
            // What came already first: a burst read at once is one batch.
            loop {
                match self.events.try_recv() {
                    Ok(message) => self.take(message),
                    Err(TryRecvError::Empty) => break,
                    Err(TryRecvError::Disconnected) => {
                        return Err(ServeError::WatcherStopped.into());
                    }
                }
            }
            let now = Instant::now();
            if let Some(changes) = self.batch.take_due(now) {
                if changes.iter().any(|c| c.kind != ChangeKind::Content) {
                    self.add_site_dirs();
                }
                return Ok(Some(changes));
            }
            if now >= give_up {
                return Ok(None);
            }
            let wake = self.batch.due().map_or(give_up, |due| due.min(give_up));
            match self
                .events
                .recv_timeout(wake.saturating_duration_since(now))
            {
                Ok(message) => self.take(message),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    return Err(ServeError::WatcherStopped.into());
                }
            }
        }
    }

    fn take(&mut self, (at, result): Message) {
        let event = match result {
            Ok(event) => event,
            Err(e) => {
                let shown = format!("(file watcher error: {e})");
                self.batch
                    .note(&shown, ChangeKind::Unknown, Step::Touched, at);
                return;
            }
        };
        if event.need_rescan() {
            let shown = "(file events lost)";
            self.batch
                .note(shown, ChangeKind::Unknown, Step::Touched, at);
            return;
        }
        let inotify = RecommendedWatcher::kind() == WatcherKind::Inotify;
        for (path, step) in steps(&event, inotify) {
            if let Some(kind) = classify(path, &self.layout) {
                let shown = match path.strip_prefix(&self.layout.root) {
                    Ok(rel) => to_slash(rel),
                    Err(_) => path.display().to_string(),
                };
                self.batch.note(&shown, kind, step, at);
            }
        }
    }
}

/// What an event did to each of its paths. inotify reports a rename as its
/// two halves and then as one event with both paths: that one is skipped.
/// A rename other watchers do not tell the half of is told by whether
/// the path is there.
fn steps(event: &Event, inotify: bool) -> Vec<(&Path, Step)> {
    let all = |step: Step| event.paths.iter().map(|p| (p.as_path(), step)).collect();
    match event.kind {
        EventKind::Create(CreateKind::Folder) => all(Step::Touched),
        EventKind::Create(_) => all(Step::Created),
        EventKind::Modify(ModifyKind::Name(mode)) => match mode {
            RenameMode::From => all(Step::RenamedFrom),
            RenameMode::To => all(Step::RenamedTo),
            RenameMode::Both if inotify => Vec::new(),
            RenameMode::Both if event.paths.len() == 2 => vec![
                (event.paths[0].as_path(), Step::RenamedFrom),
                (event.paths[1].as_path(), Step::RenamedTo),
            ],
            _ => event
                .paths
                .iter()
                .map(|p| match p.exists() {
                    true => (p.as_path(), Step::RenamedTo),
                    false => (p.as_path(), Step::RenamedFrom),
                })
                .collect(),
        },
        EventKind::Modify(ModifyKind::Metadata(_)) => all(Step::Touched),
        EventKind::Modify(_) => all(Step::Written),
        EventKind::Remove(_) => all(Step::Removed),
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => all(Step::Closed),
        EventKind::Access(_) => Vec::new(),
        EventKind::Any | EventKind::Other => all(Step::Touched),
    }
}
