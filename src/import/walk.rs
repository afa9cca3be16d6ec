//! The old blog's folder -> its files in sorted order, as paths relative to
//! it. Symbolic links are never followed out of it: a link to a file
//! inside is read as that file, a link that leaves the folder (or to a
//! folder) is left out and noted.

use std::path::{Path, PathBuf};

use walkdir::WalkDir;

use super::report::{Kind, Note};

/// A file of the old blog.
#[derive(Debug, Clone)]
pub struct Entry {
    /// Relative to the blog's folder, `/`-separated.
    pub rel: String,
    /// Where to read it (a link inside the folder: the path of the link).
    pub path: PathBuf,
}

/// Every file under `root` (already canonical) for which `keep` says yes,
/// sorted by path; `keep` sees folders too (`rel` ending in `/`), so that
/// a skipped folder is never entered.
pub fn walk_files(root: &Path, keep: &dyn Fn(&str) -> bool, notes: &mut Vec<Note>) -> Vec<Entry> {
    let mut entries = Vec::new();
    let walker = WalkDir::new(root)
        .follow_links(false)
        .sort_by_file_name()
        .min_depth(1)
        .into_iter()
        .filter_entry(|entry| {
            let Some(rel) = relative(root, entry.path()) else {
                return false;
            };
            if entry.file_type().is_dir() {
                keep(&format!("{rel}/"))
            } else {
                keep(&rel)
            }
        });
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(error) => {
                let rel = error
                    .path()
                    .and_then(|p| relative(root, p))
                    .unwrap_or_default();
                notes.push(
                    Note::unreadable(rel, error).todo("copy it by hand if the new site needs it"),
                );
                continue;
            }
        };
        let Some(rel) = relative(root, entry.path()) else {
            continue;
        };
        if entry.file_type().is_dir() {
            continue;
        }
        if entry.path_is_symlink() {
            match link_target(root, entry.path()) {
                Ok(()) => {}
                Err(why) => {
                    notes.push(
                        Note::new(Kind::File, rel, why).todo(
                            "copy what it points to into the new site yourself if it is needed",
                        ),
                    );
                    continue;
                }
            }
        }
        entries.push(Entry {
            rel,
            path: entry.into_path(),
        });
    }
    entries
}

/// `Ok` when a symbolic link leads to a file inside `root`.
fn link_target(root: &Path, link: &Path) -> Result<(), String> {
    let target = std::fs::canonicalize(link)
        .map_err(|e| format!("is a symbolic link that leads nowhere ({e}); not copied"))?;
    if !target.starts_with(root) {
        return Err("is a symbolic link to a file outside the blog's folder; not followed".into());
    }
    if target.is_dir() {
        return Err("is a symbolic link to a folder; not followed".into());
    }
    Ok(())
}

fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Option<Vec<&str>> = rel.components().map(|c| c.as_os_str().to_str()).collect();
    let parts = parts?;
    (!parts.is_empty()).then(|| parts.join("/"))
}
