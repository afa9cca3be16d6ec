//! growthsite's cache folder, `.growthsite/cache/` in the site folder
//! (never outside it): generated images, social cards and highlighted
//! code, each under the hash of what it was made from. Safe to delete; the
//! next build remakes what is missing.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};

/// The cache folder, relative to the site root.
pub const CACHE_DIR: &str = ".growthsite/cache";

/// The cache folder for one kind of file (`images`, `cards`, `code`) of the site
/// at `root`.
pub fn cache_dir(root: &Path, kind: &str) -> PathBuf {
    root.join(CACHE_DIR).join(kind)
}

/// Writes through a temporary name, so that an interrupted build never
/// leaves a half-written file under a name the next build trusts. The name
/// is the process's and the write's own: two threads writing the same
/// file (two write-ups with the same card) must not share it, or one
/// renames the other's file away and fails.
pub fn write_atomically(target: &Path, bytes: &[u8]) -> std::io::Result<()> {
    static WRITES: AtomicU64 = AtomicU64::new(0);
    let n = WRITES.fetch_add(1, Ordering::Relaxed);
    let temporary = target.with_extension(format!("tmp{}-{n}", std::process::id()));
    std::fs::write(&temporary, bytes)?;
    std::fs::rename(&temporary, target)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn threads_writing_the_same_file_at_once_all_succeed() {
        let dir = tempfile::tempdir().unwrap();
        let target = dir.path().join("card.png");
        std::thread::scope(|scope| {
            let writers: Vec<_> = (0..16)
                .map(|_| {
                    scope.spawn(|| (0..50).all(|_| write_atomically(&target, b"same").is_ok()))
                })
                .collect();
            for writer in writers {
                assert!(writer.join().unwrap(), "a write failed");
            }
        });
        assert_eq!(std::fs::read(&target).unwrap(), b"same");
    }
}
