//! Why `import` refused or stopped: nothing was written then.

use std::path::PathBuf;

/// An import that cannot go on; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ImportError {
    /// `--base-url` is not an absolute http(s) URL.
    #[error("--base-url {why} (write it as https://you.github.io/blog/)")]
    BadBaseUrl {
        /// What is wrong with it.
        why: String,
    },
    /// The old blog has no posts.
    #[error("{}: no posts found, so nothing was written ({hint})", src.display())]
    NoPosts {
        /// The old blog.
        src: PathBuf,
        /// Where its generator keeps posts.
        hint: &'static str,
    },
    /// The old blog is not a folder.
    #[error("{}: the old blog must be a folder", src.display())]
    SourceNotAFolder {
        /// As given.
        src: PathBuf,
    },
    /// The new site would be inside the old blog.
    #[error(
        "{}: the new site would be inside the old blog's folder, which import never writes to (choose a folder outside {})",
        dir.display(),
        src.display()
    )]
    InsideSource {
        /// The new site's folder.
        dir: PathBuf,
        /// The old blog.
        src: PathBuf,
    },
    /// The new site's folder holds the old blog.
    #[error("{}: the new site's folder holds the old blog (choose a folder beside it)", dir.display())]
    HoldsSource {
        /// The new site's folder.
        dir: PathBuf,
    },
    /// The new site's folder is a file.
    #[error("{}: exists and is not a folder", dir.display())]
    NotAFolder {
        /// The path.
        dir: PathBuf,
    },
    /// The new site's folder has other files.
    #[error(
        "{}: the folder is not empty and holds no previous import, so nothing was written (choose a new folder)",
        dir.display()
    )]
    NotEmpty {
        /// The folder.
        dir: PathBuf,
    },
    /// The new site's folder could not be read.
    #[error("{}: {source}", dir.display())]
    CannotRead {
        /// The folder.
        dir: PathBuf,
        /// walkdir's error.
        source: walkdir::Error,
    },
    /// A previous import was edited since: not redone.
    #[error(
        "{}: the previous import was not redone, because {why} (move your work out of the folder, or import into a new folder; only import-mapping.yaml may be edited between two imports)",
        dir.display()
    )]
    NotRedone {
        /// The folder.
        dir: PathBuf,
        /// What was found.
        why: String,
    },
}
