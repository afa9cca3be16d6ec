//! growthsite's cache folder, `.growthsite/cache/` in the site folder
//! (never outside it): generated images, social cards and highlighted
//! code, each under the hash of what it was made from. Safe to delete; the
//! next build remakes what is missing.

use std::path::{Path, PathBuf};

/// The cache folder, relative to the site root.
pub const CACHE_DIR: &str = ".growthsite/cache";

/// The cache folder for one kind of file (`images`, `cards`, `code`) of the site
/// at `root`.
pub fn cache_dir(root: &Path, kind: &str) -> PathBuf {
    root.join(CACHE_DIR).join(kind)
}

/// Writes through a temporary name, so that an interrupted build never
/// leaves a half-written file under a name the next build trusts.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let temporary = target.with_extension(format!("tmp{}", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, target)
}
