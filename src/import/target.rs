//! The new site's folder, I/O: refuses any folder but a new or empty one,
//! or a previous import that can be redone, and never the old blog's
//! folder; then writes the converted site and a manifest of what it wrote.
//!
//! A previous import can be redone when the folder has the manifest and
//! nothing in it changed since: every file the import wrote is as it wrote
//! it (SHA-1 in the manifest), and nothing else was added, except the
//! mapping table (which is there to be edited), a built `public/` folder
//! (marked as growthsite's), growthsite's cache and `.git/`. Redoing
//! deletes exactly the files of the manifest and writes the new ones.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use sha1::{Digest, Sha1};

use super::ImportError;
use super::convert::{NewBody, NewFile};
use super::mapping::MAPPING_FILE;
use crate::error::{Error, Result};

/// The manifest's file name, in the new site's folder.
pub const MANIFEST: &str = ".growthsite-import";

/// A checked place to write the new site.
#[derive(Debug)]
pub struct Target {
    /// The folder, absolute.
    pub dir: PathBuf,
    /// The files of the previous import, when this redoes one.
    previous: Option<BTreeMap<String, String>>,
    /// The mapping table left by the previous import.
    pub mapping_text: Option<String>,
}

impl Target {
    /// Whether this redoes a previous import.
    pub fn is_redo(&self) -> bool {
        self.previous.is_some()
    }
}

/// Checks `src` (the old blog, returned canonical) and `dir`.
pub fn prepare(src: &Path, dir: &Path) -> Result<(PathBuf, Target)> {
    let src_abs = fs::canonicalize(src).map_err(|e| Error::io(src, e))?;
    if !src_abs.is_dir() {
        return Err(ImportError::SourceNotAFolder {
            src: src.to_path_buf(),
        }
        .into());
    }
    let dir_abs = absolute(dir)?;
    if dir_abs.starts_with(&src_abs) {
        return Err(ImportError::InsideSource {
            dir: dir.to_path_buf(),
            src: src.to_path_buf(),
        }
        .into());
    }
    if src_abs.starts_with(&dir_abs) {
        return Err(ImportError::HoldsSource {
            dir: dir.to_path_buf(),
        }
        .into());
    }
    let target = match fs::symlink_metadata(&dir_abs) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Target {
            dir: dir_abs,
            previous: None,
            mapping_text: None,
        },
        Err(e) => return Err(Error::io(dir, e)),
        Ok(meta) if !meta.is_dir() => {
            return Err(ImportError::NotAFolder {
                dir: dir.to_path_buf(),
            }
            .into());
        }
        Ok(_) => check_existing(dir, dir_abs)?,
    };
    Ok((src_abs, target))
}

fn check_existing(shown: &Path, dir: PathBuf) -> Result<Target> {
    let empty = fs::read_dir(&dir)
        .map_err(|e| Error::io(&dir, e))?
        .next()
        .is_none();
    if empty {
        return Ok(Target {
            dir,
            previous: None,
            mapping_text: None,
        });
    }
    let manifest = match fs::read_to_string(dir.join(MANIFEST)) {
        Ok(text) => parse_manifest(&text),
        Err(_) => {
            return Err(ImportError::NotEmpty {
                dir: shown.to_path_buf(),
            }
            .into());
        }
    };
    let mut changed = Vec::new();
    for (path, hash) in &manifest {
        if let Ok(bytes) = fs::read(dir.join(path))
            && sha1_hex(&bytes) != *hash
        {
            changed.push(path.clone());
        }
    }
    let mut added = Vec::new();
    for entry in walkdir::WalkDir::new(&dir)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter_entry(|e| !is_kept_folder(&dir, e.path()))
    {
        let entry = entry.map_err(|e| ImportError::CannotRead {
            dir: shown.to_path_buf(),
            source: e,
        })?;
        if entry.file_type().is_dir() {
            continue;
        }
        let rel = relative(&dir, entry.path());
        if rel != MANIFEST && rel != MAPPING_FILE && !manifest.contains_key(&rel) {
            added.push(rel);
        }
    }
    if !changed.is_empty() || !added.is_empty() {
        let list = |files: &[String]| {
            let mut shown: Vec<&str> = files.iter().take(5).map(String::as_str).collect();
            if files.len() > 5 {
                shown.push("...");
            }
            shown.join(", ")
        };
        let mut why = Vec::new();
        if !changed.is_empty() {
            why.push(format!(
                "{} file(s) changed since the import ({})",
                changed.len(),
                list(&changed)
            ));
        }
        if !added.is_empty() {
            why.push(format!(
                "{} file(s) were added ({})",
                added.len(),
                list(&added)
            ));
        }
        return Err(ImportError::NotRedone {
            dir: shown.to_path_buf(),
            why: why.join(" and "),
        }
        .into());
    }
    let mapping_text = fs::read_to_string(dir.join(MAPPING_FILE)).ok();
    Ok(Target {
        dir,
        previous: Some(manifest),
        mapping_text,
    })
}

/// Folders a redo leaves alone: `.git/`, growthsite's cache, and a built
/// `public/` that growthsite marked as its own.
fn is_kept_folder(dir: &Path, path: &Path) -> bool {
    let rel = relative(dir, path);
    rel == ".git"
        || rel == ".growthsite"
        || (rel == "public" && path.join(crate::write::MARKER).is_file())
}

fn relative(dir: &Path, path: &Path) -> String {
    path.strip_prefix(dir)
        .map(|p| {
            p.components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect::<Vec<_>>()
                .join("/")
        })
        .unwrap_or_default()
}

fn parse_manifest(text: &str) -> BTreeMap<String, String> {
    text.lines()
        .filter(|line| !line.starts_with('#'))
        .filter_map(|line| {
            let (hash, path) = line.split_once(' ')?;
            (hash.len() == 40).then(|| (path.to_string(), hash.to_string()))
        })
        .collect()
}

fn sha1_hex(bytes: &[u8]) -> String {
    Sha1::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// `dir` as an absolute path without `..`, its existing part canonical.
fn absolute(dir: &Path) -> Result<PathBuf> {
    let joined = if dir.is_absolute() {
        dir.to_path_buf()
    } else {
        std::env::current_dir()
            .map_err(|e| Error::io(dir, e))?
            .join(dir)
    };
    let mut existing = joined.clone();
    let mut rest = Vec::new();
    while fs::symlink_metadata(&existing).is_err() {
        match (existing.file_name(), existing.parent()) {
            (Some(name), Some(parent)) => {
                rest.push(name.to_os_string());
                existing = parent.to_path_buf();
            }
            _ => break,
        }
    }
    let mut path = fs::canonicalize(&existing).unwrap_or(existing);
    for part in rest.into_iter().rev() {
        if part == ".." {
            path.pop();
        } else if part != "." {
            path.push(part);
        }
    }
    Ok(path)
}

/// Writes the new site: removes the previous import's files, writes every
/// file, then the manifest.
pub fn write_site(target: &Target, files: &[NewFile]) -> Result<()> {
    let dir = &target.dir;
    if let Some(previous) = &target.previous {
        for path in previous.keys() {
            let full = dir.join(path);
            match fs::remove_file(&full) {
                Ok(()) => remove_empty_parents(dir, &full),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => return Err(Error::io(full, e)),
            }
        }
    }
    let mut manifest = String::from(
        "# Written by `growthsite import`: every file it wrote, with its SHA-1.\n\
         # Importing into this folder again replaces them, and refuses if one was changed.\n",
    );
    for file in files {
        let full = dir.join(&file.path);
        if let Some(parent) = full.parent() {
            fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        let bytes = match &file.body {
            NewBody::Text(text) => text.clone().into_bytes(),
            NewBody::Copy(from) => fs::read(from).map_err(|e| Error::io(from, e))?,
        };
        fs::write(&full, &bytes).map_err(|e| Error::io(&full, e))?;
        if file.path != MAPPING_FILE {
            manifest.push_str(&format!("{} {}\n", sha1_hex(&bytes), file.path));
        }
    }
    let manifest_path = dir.join(MANIFEST);
    fs::write(&manifest_path, manifest).map_err(|e| Error::io(manifest_path, e))
}

fn remove_empty_parents(dir: &Path, file: &Path) {
    let mut current = file.parent();
    while let Some(folder) = current {
        if folder == dir || !folder.starts_with(dir) || fs::remove_dir(folder).is_err() {
            break;
        }
        current = folder.parent();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn manifests_read_back() {
        let text = format!("# comment\n{} content/a b.md\n", "0".repeat(40));
        let manifest = parse_manifest(&text);
        assert_eq!(manifest.get("content/a b.md").map(String::len), Some(40));
        assert_eq!(sha1_hex(b"abc"), "a9993e364706816aba3e25717850c26c9cd0d89d");
    }
}
