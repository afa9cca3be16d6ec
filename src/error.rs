//! Fatal errors: the run cannot go on (no site, output folder not ours,
//! port in use, git failed). Content problems are `Diagnostic`s instead.

use std::path::PathBuf;

use crate::diag::Diagnostics;

/// Why a command could not complete.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The site's config file does not exist.
    #[error(
        "no growthsite.yaml in {root} (run `growthsite init DIR` to start a new site, or pass --root)"
    )]
    NoConfig {
        /// The site root that was searched.
        root: PathBuf,
    },
    /// Content, config or templates have errors; they are in the list.
    #[error("{} error(s) found", .0.error_count())]
    Content(Diagnostics),
    /// The output folder holds files that growthsite did not write.
    #[error(
        "{path}: refusing to write the site here: the folder is not empty and was not written by growthsite (choose another --output-dir, or empty the folder yourself)"
    )]
    OutputNotOurs {
        /// The output folder.
        path: PathBuf,
    },
    /// The output folder would overlap the site's sources.
    #[error("{path}: refusing to write the site here: it {why} (choose another --output-dir)")]
    OutputOverlapsSources {
        /// The output folder.
        path: PathBuf,
        /// How it overlaps.
        why: &'static str,
    },
    /// A file system operation failed.
    #[error("{}: {source}", path.display())]
    Io {
        /// The file or folder involved.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// Anything else that stops the command, already worded for the user.
    #[error("{0}")]
    Other(String),
}

impl Error {
    /// An I/O error on `path`.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}

/// The result type of fallible library calls.
pub type Result<T, E = Error> = std::result::Result<T, E>;
