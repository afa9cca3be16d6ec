//! Stage 5, I/O: output files -> the output folder. The site is written to
//! a temporary folder beside the output and swapped in only when every file
//! is written, so a failed build leaves the last good site in place. A
//! folder that growthsite did not write (no marker, not empty) is never
//! deleted or overwritten.

use std::collections::BTreeSet;
use std::fs;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::{Error, Result};
use crate::render::{OutputBody, OutputFile};

/// The file that marks a folder as written by growthsite.
pub const MARKER: &str = ".growthsite";

const MARKER_TEXT: &str = "This folder is written by growthsite. `growthsite build` replaces it whole.\n";

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
            let empty = fs::read_dir(output).map_err(|e| Error::io(output, e))?.next().is_none();
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

/// Writes `files` as the new contents of `output`, replacing the old site
/// only once the new one is complete.
pub fn write_output(output: &Path, root: &Path, files: &[OutputFile]) -> Result<()> {
    check_output_dir(output, root)?;
    let output = absolute(output);
    let parent = output.parent().map(Path::to_path_buf).unwrap_or_else(|| PathBuf::from("."));
    let name = output
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "public".into());
    fs::create_dir_all(&parent).map_err(|e| Error::io(&parent, e))?;
    let staging = parent.join(format!(".{name}.growthsite-new-{}", std::process::id()));
    let retired = parent.join(format!(".{name}.growthsite-old-{}", std::process::id()));
    if staging.exists() {
        fs::remove_dir_all(&staging).map_err(|e| Error::io(&staging, e))?;
    }
    if let Err(e) = write_tree(&staging, files) {
        let _ = fs::remove_dir_all(&staging);
        return Err(e);
    }
    if output.exists() {
        // Checked again: the folder may have changed during the build.
        check_output_dir(&output, root)?;
        fs::rename(&output, &retired).map_err(|e| Error::io(&output, e))?;
        if let Err(e) = fs::rename(&staging, &output) {
            let _ = fs::rename(&retired, &output);
            return Err(Error::io(&output, e));
        }
        fs::remove_dir_all(&retired).map_err(|e| Error::io(&retired, e))?;
    } else {
        fs::rename(&staging, &output).map_err(|e| Error::io(&output, e))?;
    }
    Ok(())
}

fn write_tree(dir: &Path, files: &[OutputFile]) -> Result<()> {
    fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let folders: BTreeSet<&str> = files
        .iter()
        .filter_map(|f| f.path.rsplit_once('/').map(|(folder, _)| folder))
        .collect();
    for folder in folders {
        let path = dir.join(folder);
        fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    files.par_iter().try_for_each(|file| {
        let path = dir.join(&file.path);
        match &file.body {
            OutputBody::Bytes(bytes) => fs::write(&path, bytes),
            OutputBody::Embedded(bytes) => fs::write(&path, bytes),
            OutputBody::Copy(source) => fs::copy(source, &path).map(|_| ()),
        }
        .map_err(|e| Error::io(&path, e))
    })?;
    let marker = dir.join(MARKER);
    fs::write(&marker, MARKER_TEXT).map_err(|e| Error::io(&marker, e))
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
