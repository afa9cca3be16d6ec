//! Stage 5, I/O: output files -> the output folder. The site is written to
//! a staging folder beside the output while it renders, and swapped in only
//! when the whole build succeeded, so a failed build leaves the last good site in place. A
//! folder that growthsite did not write (no marker, not empty) is never
//! deleted or overwritten.

use std::fs;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use crate::error::{Error, Result};
use crate::render::{OutputBody, OutputFile, OutputSink};

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
            committed: false,
        })
    }

    fn write(&self, file: &OutputFile) -> std::io::Result<()> {
        let path = self.dir.join(&file.path);
        let write = |path: &Path| match &file.body {
            OutputBody::Bytes(bytes) => fs::write(path, bytes),
            OutputBody::Embedded(bytes) => fs::write(path, bytes),
            OutputBody::Copy(source) => fs::copy(source, path).map(|_| ()),
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
        if let Err(e) = self.write(&file) {
            let mut first = self.first_error.lock().unwrap_or_else(|p| p.into_inner());
            first.get_or_insert_with(|| Error::io(self.dir.join(&file.path), e));
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
