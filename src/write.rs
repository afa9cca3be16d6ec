//! Stage 5, I/O: output files -> the output folder. The site is written to
//! a staging folder beside the output while it renders, and swapped in only
//! when the whole build succeeded, so a failed build leaves the last good site in place. A
//! folder that growthsite did not write (no marker, not empty) is never
//! deleted or overwritten.

use std::borrow::Cow;
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::{OutputBody, OutputFile, OutputSink};
use crate::reuse::WrittenFile;

/// The file that marks a folder as written by growthsite.
pub const MARKER: &str = ".growthsite";

const MARKER_TEXT: &str =
    "This folder is written by growthsite. `growthsite build` replaces it whole.\n";

/// Fails unless `output` may be replaced: missing, empty, or marked as ours;
/// and never the site itself or a folder of its sources.
pub fn check_output_dir(output: &Path, root: &Path) -> Result<()> {
    let output_abs = absolute(output);
    let root_abs = absolute(root);
    if root_abs.starts_with(&output_abs) {
        return Err(Error::OutputOverlapsSources {
            path: output.to_path_buf(),
            why: "holds the site's own sources",
        });
    }
    for source_dir in ["content", "static", "templates", "themes", ".git"] {
        if output_abs.starts_with(root_abs.join(source_dir)) {
            return Err(Error::OutputOverlapsSources {
                path: output.to_path_buf(),
                why: "is inside the site's sources",
            });
        }
    }
    match fs::symlink_metadata(output) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(Error::io(output, e)),
        // The folder is replaced whole, by renames: through a link that
        // would replace the link's target, a folder somewhere else.
        Ok(meta) if meta.is_symlink() => Err(Error::OutputIsLink {
            path: output.to_path_buf(),
            target: fs::read_link(output).unwrap_or_default(),
        }),
        Ok(meta) if meta.is_dir() => {
            let ours = output.join(MARKER).is_file();
            let empty = fs::read_dir(output)
                .map_err(|e| Error::io(output, e))?
                .next()
                .is_none();
            if ours || empty {
                Ok(())
            } else {
                Err(Error::OutputNotOurs {
                    path: output.to_path_buf(),
                })
            }
        }
        Ok(_) => Err(Error::OutputNotOurs {
            path: output.to_path_buf(),
        }),
    }
}

/// A new site being written beside the output folder. Files are written
/// as they are rendered; `commit` swaps the folder in, and dropping it
/// without a commit removes it, leaving the old output untouched.
#[derive(Debug)]
pub struct Staging {
    dir: PathBuf,
    output: PathBuf,
    root: PathBuf,
    first_error: Mutex<Option<Error>>,
    /// Each file written so far: output path -> (length, modification time).
    written: Mutex<BTreeMap<String, (u64, u64)>>,
    committed: bool,
}

impl Staging {
    /// Checks that `output` may be replaced and creates the staging folder.
    pub fn create(output: &Path, root: &Path) -> Result<Staging> {
        check_output_dir(output, root)?;
        let output = absolute(output);
        let parent = output
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from("."));
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "public".into());
        fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
        remove_stale_copies(&parent, &name);
        let dir = parent.join(format!(".{name}.growthsite-new-{}", std::process::id()));
        if dir.exists() {
            fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            dir,
            output,
            root: root.to_path_buf(),
            first_error: Mutex::new(None),
            written: Mutex::new(BTreeMap::new()),
            committed: false,
        })
    }

    /// The output folder this staging folder replaces.
    pub fn output(&self) -> &Path {
        &self.output
    }

    /// Every file written so far, with its length and modification time,
    /// sorted by path: what the next build checks before it reuses them.
    pub fn written(&self) -> Vec<WrittenFile> {
        let written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        written
            .iter()
            .map(|(path, &(len, modified))| WrittenFile {
                path: path.clone(),
                len,
                modified,
            })
            .collect()
    }

    /// Fills the staging folder with hard links to the files of the current
    /// output, as `files` lists them, when every one of them is still
    /// there with the length and modification time it was written with
    /// (none was edited or replaced since). Nothing is written into
    /// those files: the new site shares them, and the old folder, swapped
    /// out at the commit, lets them go. `false` when that cannot be done
    /// (a file changed, or the disk has no hard links): then the staging
    /// folder is empty again, for a full build.
    pub fn link_previous(&self, files: &[WrittenFile]) -> bool {
        let unchanged = files.par_iter().all(|file| {
            stamp(&fs::symlink_metadata(self.output.join(&file.path)))
                == Some((file.len, file.modified))
        });
        if !unchanged {
            return false;
        }
        // The folders first, each once, then the links, in parallel.
        let folders: BTreeSet<&str> = files
            .iter()
            .filter_map(|file| file.path.rsplit_once('/').map(|(dir, _)| dir))
            .collect();
        let linked = folders
            .par_iter()
            .try_for_each(|dir| fs::create_dir_all(self.dir.join(dir)))
            .and_then(|()| {
                files.par_iter().try_for_each(|file| {
                    fs::hard_link(self.output.join(&file.path), self.dir.join(&file.path))
                })
            });
        let mut written = self.written.lock().unwrap_or_else(|p| p.into_inner());
        match linked {
            Ok(()) => {
                written.extend(files.iter().map(|f| (f.path.clone(), (f.len, f.modified))));
                true
            }
            Err(_) => {
                // Emptied, so that the full build never writes through a
                // link into a file of the current output.
                written.clear();
                let emptied =
                    fs::remove_dir_all(&self.dir).and_then(|()| fs::create_dir(&self.dir));
                if let Err(e) = emptied {
                    let mut first = self.first_error.lock().unwrap_or_else(|p| p.into_inner());
                    first.get_or_insert_with(|| Error::io(&self.dir, e));
                }
                false
            }
        }
    }

    /// Writes `file`; returns what the disk then says of it.
    fn write(&self, file: &OutputFile) -> std::io::Result<fs::Metadata> {
        let path = self.dir.join(&file.path);
        // Every body is read before the write, once, whether or not its
        // folder has to be made first. Cached files are copied, never
        // linked: a link would make the output file the cache's own, and
        // whatever writes into `public/` in place (an image optimizer, a
        // `cp` over a card) would change the cache, and every later build
        // and deploy with it.
        // A cached file is opened here and copied by the kernel
        // (`io::copy` between files), never through a buffer of ours.
        let (bytes, mut cached): (Cow<[u8]>, _) = match &file.body {
            OutputBody::Bytes(bytes) => (Cow::Borrowed(bytes), None),
            OutputBody::Embedded(bytes) => (Cow::Borrowed(bytes), None),
            OutputBody::Copy(source) => (Cow::Owned(source.read()?), None),
            OutputBody::Cached(source) => (Cow::Borrowed(&[][..]), Some(fs::File::open(source)?)),
        };
        // The file's stamp is read from the open file (no second walk of
        // its path); closing it changes neither length nor time.
        let mut write = |path: &Path| {
            let mut out = fs::File::create(path)?;
            match cached.as_mut() {
                Some(source) => {
                    std::io::copy(source, &mut out)?;
                }
                None => out.write_all(&bytes)?,
            }
            out.metadata()
        };
        match write(&path) {
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                // The folder is made on first use: one failed open per folder
                // is cheaper than a `create_dir_all` per file.
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent)?;
                }
                write(&path)
            }
            other => other,
        }
    }

    /// Marks the new site as ours and swaps it in for the old output,
    /// which is removed only after the swap.
    pub fn commit(mut self) -> Result<()> {
        if let Some(error) = self
            .first_error
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .take()
        {
            return Err(error);
        }
        let marker = self.dir.join(MARKER);
        fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))?;
        let output = self.output.clone();
        if output.exists() {
            // Checked again: the folder may have changed during the build.
            check_output_dir(&output, &self.root)?;
            let retired = self.dir.with_file_name(
                self.dir
                    .file_name()
                    .map(|n| n.to_string_lossy().replace("-new-", "-old-"))
                    .unwrap_or_default(),
            );
            fs::rename(&output, &retired).map_err(|e| Error::io(&output, e))?;
            if let Err(e) = fs::rename(&self.dir, &output) {
                let _ = fs::rename(&retired, &output);
                return Err(Error::io(&output, e));
            }
            self.committed = true;
            fs::remove_dir_all(&retired).map_err(|e| Error::io(&retired, e))?;
        } else {
            fs::rename(&self.dir, &output).map_err(|e| Error::io(&output, e))?;
            self.committed = true;
        }
        Ok(())
    }
}

impl OutputSink for Staging {
    fn accept(&self, file: OutputFile) {
        let written = self.write(&file);
        match stamp(&written) {
            Some(stamp) => {
                let mut files = self.written.lock().unwrap_or_else(|p| p.into_inner());
                files.insert(file.path, stamp);
            }
            None => {
                let e = written.err().unwrap_or_else(|| {
                    std::io::Error::other("written, but its modification time is unknown")
                });
                let mut first = self.first_error.lock().unwrap_or_else(|p| p.into_inner());
                first.get_or_insert_with(|| Error::io(self.dir.join(&file.path), e));
            }
        }
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_dir_all(&self.dir);
        }
    }
}

/// A file's length and modification time (nanoseconds since 1970), which
/// change when anything writes to it.
fn stamp(meta: &std::io::Result<fs::Metadata>) -> Option<(u64, u64)> {
    let meta = meta.as_ref().ok().filter(|m| m.is_file())?;
    let modified = meta.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some((meta.len(), u64::try_from(since.as_nanos()).ok()?))
}

/// Removes the copies of the site that killed builds left beside the
/// output (`.public.growthsite-new-PID` while it was written,
/// `.public.growthsite-old-PID` while it was swapped), once the process
/// that made one is gone. A running build's copies are left alone, and so
/// is everything else; what cannot be removed stays (the build goes on).
fn remove_stale_copies(parent: &Path, name: &str) {
    let Ok(entries) = fs::read_dir(parent) else {
        return;
    };
    let prefix = format!(".{name}.growthsite-");
    for entry in entries.flatten() {
        let file_name = entry.file_name();
        let Some(rest) = file_name.to_str().and_then(|n| n.strip_prefix(&prefix)) else {
            continue;
        };
        let Some(pid) = rest
            .strip_prefix("new-")
            .or_else(|| rest.strip_prefix("old-"))
            .and_then(|pid| pid.parse::<u32>().ok())
        else {
            continue;
        };
        // A real folder only: a link is not followed out of here.
        let is_folder = entry.file_type().is_ok_and(|kind| kind.is_dir());
        if is_folder && pid != std::process::id() && process_is_gone(pid) {
            let _ = fs::remove_dir_all(entry.path());
        }
    }
}

/// Whether no process `pid` runs: `kill(pid, 0)` says "no such process".
/// A process of another user (permission denied) counts as running.
#[cfg(unix)]
fn process_is_gone(pid: u32) -> bool {
    let Ok(pid) = libc::pid_t::try_from(pid) else {
        return false;
    };
    if pid <= 0 {
        return false;
    }
    // SAFETY: signal 0 is never delivered; `kill` only checks that the
    // process exists and may be signalled. No memory is involved.
    let result = unsafe { libc::kill(pid, 0) };
    result == -1 && std::io::Error::last_os_error().raw_os_error() == Some(libc::ESRCH)
}

/// Elsewhere there is no cheap, reliable check: keep every copy.
#[cfg(not(unix))]
fn process_is_gone(_pid: u32) -> bool {
    false
}

/// `path` made absolute against the current folder, with `.` and `..`
/// resolved as far as the disk allows (the output may not exist yet).
fn absolute(path: &Path) -> PathBuf {
    let joined = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir().unwrap_or_default().join(path)
    };
    if let Ok(real) = joined.canonicalize() {
        return real;
    }
    match (joined.parent(), joined.file_name()) {
        (Some(parent), Some(name)) => absolute(parent).join(name),
        _ => joined,
    }
}
