//! Reading one site source file by the walk's rules, at the moment it is
//! read. The walk decides what a build reads; but a file is read after the
//! walk found it (a build's copies, serve's requests), or found again by
//! serve's watcher alone, and by then it may be a link to `~/.ssh/id_rsa`
//! or a FIFO. So no code outside this module opens a site source file:
//! it asks [`SiteFolder::read`] (or [`SiteFile::read`]), which resolves
//! the path, checks that it is inside the site folder and not in a hidden
//! part of it, and reads it only when it is a regular file.

use std::fmt;
use std::fs::{self, File};
use std::io::{self, Read};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::to_slash;
use super::walk::{Refusal, SiteFolder, special_kind};
use crate::diag::Diagnostic;

/// A file of the site that was not read, and why.
#[derive(Debug)]
pub struct Unreadable {
    /// The file, relative to the site root, `/`-separated.
    rel: String,
    refusal: Refusal,
}

impl Unreadable {
    /// The error (or warning, for a broken link) a build reports for it.
    pub fn diagnostic(&self) -> Diagnostic {
        self.refusal.diagnostic(&self.rel)
    }
}

impl fmt::Display for Unreadable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.rel, self.diagnostic().message)
    }
}

impl From<Unreadable> for io::Error {
    fn from(unreadable: Unreadable) -> io::Error {
        io::Error::other(unreadable.to_string())
    }
}

impl SiteFolder {
    /// The bytes of the site's file at `path` (relative to the site root,
    /// or a path under it), read only when, resolved now, it is inside the
    /// site folder, not in a hidden part of it (unless it is named by its
    /// own path: which names are read is the walk's to decide), and a
    /// regular file. A FIFO is never waited on.
    pub fn read(&self, path: &Path) -> Result<Vec<u8>, Unreadable> {
        let (named, rel) = if path.is_relative() {
            (self.root.join(path), path.to_path_buf())
        } else {
            let rel = path
                .strip_prefix(&self.real)
                .or_else(|_| path.strip_prefix(&self.root));
            match rel {
                Ok(rel) => (path.to_path_buf(), rel.to_path_buf()),
                Err(_) => {
                    return Err(Unreadable {
                        rel: path.display().to_string(),
                        refusal: Refusal::Outside(path.to_path_buf()),
                    });
                }
            }
        };
        let refuse = |refusal| Unreadable {
            rel: to_slash(&rel),
            refusal,
        };
        let real = match self.resolve(&named) {
            Ok(real) => real,
            Err(Refusal::Hidden(real)) if real == self.real.join(&rel) => real,
            // Not a link: gone (or a folder on the way cannot be read).
            Err(Refusal::Broken(_, e))
                if !fs::symlink_metadata(&named).is_ok_and(|m| m.is_symlink()) =>
            {
                return Err(refuse(Refusal::Unreadable(e)));
            }
            Err(refusal) => return Err(refuse(refusal)),
        };
        open_regular(&real).map_err(refuse)
    }
}

/// Reads the file at `real` (a resolved path) when it is a regular file.
/// It is looked at before it is opened (a device is never opened), then
/// opened without following a link (it may have become one since it was
/// resolved) and without waiting for a writer, and looked at again.
fn open_regular(real: &Path) -> Result<Vec<u8>, Refusal> {
    let meta = fs::symlink_metadata(real).map_err(Refusal::Unreadable)?;
    if !meta.is_file() {
        return Err(Refusal::Special(special_kind(&meta.file_type())));
    }
    let mut options = fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NOFOLLOW | libc::O_NONBLOCK);
    }
    let mut file: File = options.open(real).map_err(Refusal::Unreadable)?;
    let meta = file.metadata().map_err(Refusal::Unreadable)?;
    if !meta.is_file() {
        return Err(Refusal::Special(special_kind(&meta.file_type())));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(Refusal::Unreadable)?;
    Ok(bytes)
}

/// A file the walk found, to be read later (a page-bundle file copied
/// into the output, a static file): read through [`SiteFolder::read`].
#[derive(Debug, Clone)]
pub struct SiteFile {
    site: Arc<SiteFolder>,
    path: PathBuf,
}

impl SiteFile {
    /// The file at `path` (as the walk gave it) of `site`.
    pub fn new(site: &Arc<SiteFolder>, path: PathBuf) -> SiteFile {
        SiteFile {
            site: site.clone(),
            path,
        }
    }

    /// Its bytes, by the walk's rules, as they are now.
    pub fn read(&self) -> Result<Vec<u8>, Unreadable> {
        self.site.read(&self.path)
    }

    /// Where the walk found it.
    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;

    use super::*;
    use crate::diag::Kind;

    fn kind(site: &SiteFolder, rel: &str) -> Option<Kind> {
        site.read(Path::new(rel)).err().map(|e| e.diagnostic().kind)
    }

    #[test]
    fn one_path_is_read_by_the_walks_rules() {
        let tmp = tempfile::tempdir().unwrap();
        let (root, outside) = (tmp.path().join("site"), tmp.path().join("secret.txt"));
        let file = |rel: &str| {
            let path = root.join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(&path, rel).unwrap();
        };
        file("content/a.md");
        file("static/.well-known/security.txt");
        file(".git/config");
        fs::write(&outside, "secret").unwrap();
        symlink("a.md", root.join("content/inside.md")).unwrap();
        symlink(&outside, root.join("content/outside.md")).unwrap();
        symlink("../.git/config", root.join("content/hidden.md")).unwrap();
        let fifo = root.join("content/fifo.md");
        let made = std::process::Command::new("mkfifo").arg(&fifo).status();
        assert!(made.unwrap().success());
        let site = SiteFolder::new(&root).unwrap();

        assert_eq!(
            site.read(Path::new("content/a.md")).unwrap(),
            b"content/a.md"
        );
        assert_eq!(
            site.read(&root.join("content/inside.md")).unwrap(),
            b"content/a.md"
        );
        let own_name = "static/.well-known/security.txt";
        assert_eq!(site.read(Path::new(own_name)).unwrap(), own_name.as_bytes());
        assert_eq!(
            kind(&site, "content/outside.md"),
            Some(Kind::SymlinkOutsideSite)
        );
        assert_eq!(
            kind(&site, "content/hidden.md"),
            Some(Kind::SymlinkIntoHidden)
        );
        assert_eq!(kind(&site, "content/fifo.md"), Some(Kind::SpecialFile));
        assert_eq!(kind(&site, "content/none.md"), Some(Kind::UnreadableFile));
        symlink("none.md", root.join("content/broken.md")).unwrap();
        assert_eq!(kind(&site, "content/broken.md"), Some(Kind::BrokenSymlink));
        let elsewhere = site.read(&outside).unwrap_err().diagnostic();
        assert_eq!(elsewhere.kind, Kind::SymlinkOutsideSite);
    }
}
