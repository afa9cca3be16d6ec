//! Stage 1, I/O: the one walk over the site's source folders (`content/`,
//! `static/`, `templates/` and the theme's) -> the files to read, sorted.
//! Every file a build reads or publishes from them is found here, so this
//! is the one place that decides what is followed:
//!
//! - a symbolic link is followed only when its target, resolved, is inside
//!   the site folder and not in a hidden part of it (`.git/`, `.env`). A
//!   link that leads anywhere else is an error naming the link and its
//!   target, and nothing behind it is read: building a cloned site must not
//!   publish `/etc/passwd` or `~/.ssh`. The same holds for the folders
//!   themselves (`static -> /somewhere`, `themes/x -> ../../elsewhere`);
//! - anything that is neither a regular file nor a folder (a FIFO, a
//!   socket, a device) is an error and is never opened: reading a FIFO
//!   waits forever;
//! - hidden names and editor leftovers are skipped, except the two that
//!   GitHub Pages reads at the root of a site (`.nojekyll`, `.well-known/`),
//!   which `static/` folders keep.
//!
//! What the walk found is read later (and serve reads files again when
//! they change), by which time a file may have been replaced by a link
//! elsewhere or by a FIFO: every read of a site source file goes through
//! [`SiteFolder::read`] (in `read.rs`), which applies the same rules to
//! that one path at the moment it is read.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use super::is_editor_leftover;
use crate::diag::{Diagnostic, Kind, Span};

/// Which hidden names (starting with `.`) a walk keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hidden {
    /// None: `content/`, `templates/`.
    Skip,
    /// Only what GitHub Pages reads at the site root, `.nojekyll` and
    /// `.well-known/`, directly in the folder: `static/` folders.
    PagesOnly,
}

/// The site folder, where it really is once every link on the way is
/// resolved, and the rule for what a walk of it may follow.
#[derive(Debug, Clone)]
pub struct SiteFolder {
    pub(super) root: PathBuf,
    pub(super) real: PathBuf,
}

/// Why a path is not followed (or not read).
#[derive(Debug)]
pub(super) enum Refusal {
    /// It resolves outside the site folder.
    Outside(PathBuf),
    /// It resolves into a hidden part of the site (`.git/`).
    Hidden(PathBuf),
    /// Its target does not exist (or cannot be resolved).
    Broken(PathBuf, io::Error),
    /// It is not a regular file (a FIFO, a socket, a device).
    Special(&'static str),
    /// It cannot be read.
    Unreadable(io::Error),
}

impl SiteFolder {
    /// The site at `root`, which must exist.
    pub fn new(root: &Path) -> io::Result<SiteFolder> {
        Ok(SiteFolder {
            root: root.to_path_buf(),
            real: root.canonicalize()?,
        })
    }

    /// Every regular file under `dir` (relative to the root, `/`-separated),
    /// sorted by path, as (`dir/...` path, where to read it). Problems are
    /// pushed to `problems` and the walk goes on; a missing `dir` gives nothing.
    pub fn walk(
        &self,
        dir: &str,
        hidden: Hidden,
        problems: &mut Vec<Diagnostic>,
    ) -> Vec<(String, PathBuf)> {
        let mut files = Vec::new();
        let base = self.root.join(dir);
        if fs::symlink_metadata(&base).is_err() {
            return files;
        }
        // The folder itself, or one on the way to it, may be a link.
        let real_base = match self.resolve(&base) {
            Ok(real) => real,
            Err(refusal) => {
                problems.push(refusal.diagnostic(dir));
                return files;
            }
        };
        if !real_base.is_dir() {
            return files;
        }
        // A link back to the base, or to a folder above it, is a loop.
        let mut ancestors: Vec<PathBuf> = real_base
            .ancestors()
            .take_while(|a| a.starts_with(&self.real))
            .map(Path::to_path_buf)
            .collect();
        let mut walk = Walk {
            site: self,
            hidden,
            files: &mut files,
            problems,
        };
        walk.folder(&real_base, dir, 0, &mut ancestors);
        files
    }

    /// Where `path` really is, when the site may read it: inside the site
    /// folder and not in a hidden part of it.
    pub(super) fn resolve(&self, path: &Path) -> Result<PathBuf, Refusal> {
        let real = path.canonicalize().map_err(|e| {
            let target = fs::read_link(path).unwrap_or_else(|_| path.to_path_buf());
            Refusal::Broken(target, e)
        })?;
        let Ok(inside) = real.strip_prefix(&self.real) else {
            return Err(Refusal::Outside(real));
        };
        let hidden = inside
            .components()
            .any(|part| part.as_os_str().to_string_lossy().starts_with('.'));
        if hidden {
            return Err(Refusal::Hidden(real));
        }
        Ok(real)
    }
}

impl Refusal {
    pub(super) fn diagnostic(&self, rel: &str) -> Diagnostic {
        let span = Span::file(rel);
        match self {
            Refusal::Outside(target) => Diagnostic::error(
                Kind::SymlinkOutsideSite,
                span,
                format!(
                    "symbolic link to `{}`, outside the site folder: not followed, nothing of it is published",
                    target.display()
                ),
            )
            .with_hint("copy what belongs to the site into it, or remove the link"),
            Refusal::Hidden(target) => Diagnostic::error(
                Kind::SymlinkIntoHidden,
                span,
                format!(
                    "symbolic link to `{}`, a hidden part of the site: not followed, nothing of it is published",
                    target.display()
                ),
            )
            .with_hint("link to a file that is meant to be published, or remove the link"),
            Refusal::Broken(target, e) => Diagnostic::warning(
                Kind::BrokenSymlink,
                span,
                match e.kind() {
                    io::ErrorKind::NotFound => format!(
                        "symbolic link to `{}`, which does not exist: skipped",
                        target.display()
                    ),
                    _ => format!(
                        "symbolic link to `{}`, which cannot be read: skipped: {e}",
                        target.display()
                    ),
                },
            )
            .with_hint("remove the link or fix its target"),
            Refusal::Special(what) => Diagnostic::error(
                Kind::SpecialFile,
                span,
                format!("{what}, not a regular file: not read"),
            )
            .with_hint("remove it from the site folder"),
            Refusal::Unreadable(e) => Diagnostic::error(
                Kind::UnreadableFile,
                span,
                format!("cannot read the file: {e}"),
            )
            .with_hint("check its permissions"),
        }
    }
}

/// One walk in progress.
struct Walk<'a> {
    site: &'a SiteFolder,
    hidden: Hidden,
    files: &'a mut Vec<(String, PathBuf)>,
    problems: &'a mut Vec<Diagnostic>,
}

impl Walk<'_> {
    /// Walks the folder at `real` (resolved), named `rel` in the site, at
    /// `depth` below the walked folder; `ancestors` are the resolved folders
    /// above, down to `real` itself.
    fn folder(&mut self, real: &Path, rel: &str, depth: usize, ancestors: &mut Vec<PathBuf>) {
        let mut entries = match fs::read_dir(real).and_then(|it| it.collect::<io::Result<Vec<_>>>())
        {
            Ok(entries) => entries,
            Err(e) => {
                self.problems.push(
                    Diagnostic::warning(
                        Kind::UnreadableFile,
                        Span::file(rel),
                        format!("cannot read the folder: {e}"),
                    )
                    .with_hint("check its permissions"),
                );
                return;
            }
        };
        entries.sort_by_cached_key(fs::DirEntry::file_name);
        for entry in entries {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if !self.keeps(&name, depth) {
                continue;
            }
            let child_rel = format!("{rel}/{name}");
            let mut path = entry.path();
            let mut kind = match entry.file_type() {
                Ok(kind) => kind,
                Err(e) => {
                    self.cannot_read(&child_rel, &e);
                    continue;
                }
            };
            if kind.is_symlink() {
                let followed = self.site.resolve(&path).and_then(|target| {
                    let meta =
                        fs::metadata(&target).map_err(|e| Refusal::Broken(target.clone(), e))?;
                    Ok((target, meta.file_type()))
                });
                match followed {
                    Ok((target, target_kind)) => (path, kind) = (target, target_kind),
                    Err(refusal) => {
                        self.problems.push(refusal.diagnostic(&child_rel));
                        continue;
                    }
                }
            }
            if kind.is_file() {
                self.files.push((child_rel, path));
            } else if kind.is_dir() {
                if ancestors.contains(&path) {
                    self.problems.push(
                        Diagnostic::warning(
                            Kind::SymlinkLoop,
                            Span::file(child_rel),
                            "a symlink loop was skipped",
                        )
                        .with_hint("remove the link or fix its target"),
                    );
                    continue;
                }
                ancestors.push(path.clone());
                self.folder(&path, &child_rel, depth + 1, ancestors);
                ancestors.pop();
            } else {
                let refusal = Refusal::Special(special_kind(&kind));
                self.problems.push(refusal.diagnostic(&child_rel));
            }
        }
    }

    /// Whether a name is walked: editor leftovers never are, hidden names
    /// only as `hidden` allows.
    fn keeps(&self, name: &str, depth: usize) -> bool {
        if is_editor_leftover(name) {
            return false;
        }
        if !name.starts_with('.') {
            return true;
        }
        self.hidden == Hidden::PagesOnly && depth == 0 && PAGES_HIDDEN.contains(&name)
    }

    fn cannot_read(&mut self, rel: &str, e: &io::Error) {
        self.problems.push(
            Diagnostic::warning(
                Kind::UnreadableFile,
                Span::file(rel),
                format!("cannot read: {e}"),
            )
            .with_hint("check its permissions"),
        );
    }
}

/// The hidden names GitHub Pages reads at the root of a site: `.nojekyll`
/// (publish as is, without Jekyll) and `.well-known/` (domain verification,
/// `security.txt`).
pub const PAGES_HIDDEN: [&str; 2] = [".nojekyll", ".well-known"];

/// What a file that is neither a regular file nor a folder is, for messages.
pub fn special_kind(kind: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if kind.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if kind.is_socket() {
            return "a socket";
        }
        if kind.is_block_device() || kind.is_char_device() {
            return "a device";
        }
    }
    let _ = kind;
    "a special file"
}
