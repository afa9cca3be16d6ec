//! Fatal errors: the run cannot go on (no site, output folder not ours,
//! port in use, git failed). Content problems are `Diagnostic`s instead.

mod deploy;
mod import;
mod revisit;
mod serve;

use std::path::PathBuf;

use crate::diag::Diagnostics;
pub use deploy::DeployError;
pub use import::ImportError;
pub use revisit::RevisitError;
pub use serve::ServeError;

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
    /// The output folder is a symbolic link; it is replaced whole, and a
    /// link would make that replace a folder somewhere else.
    #[error(
        "{path}: refusing to write the site here: it is a symbolic link (to {target}), and growthsite replaces its output folder whole rather than write through a link (pass --output-dir with the folder the link points to, or remove the link)"
    )]
    OutputIsLink {
        /// The output folder.
        path: PathBuf,
        /// Where the link points, as written in it.
        target: PathBuf,
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
    /// growthsite.yaml is not UTF-8 text.
    #[error("{}: the file is not UTF-8 text (save it as UTF-8)", path.display())]
    ConfigNotUtf8 {
        /// The config file.
        path: PathBuf,
    },
    /// growthsite.yaml is not a regular file (a FIFO would never be read to its end).
    #[error(
        "{}: this is {what}, not a regular file, so it was not read (make it a YAML file, or pass --config FILE)",
        path.display()
    )]
    ConfigNotAFile {
        /// The config file.
        path: PathBuf,
        /// What it is: `a folder`, `a FIFO (named pipe)`...
        what: &'static str,
    },
    /// `init` was pointed at a folder that already has files.
    #[error(
        "{}: the folder is not empty, so no site was written (choose a new folder, or pass --force to add only the files that are missing)",
        path.display()
    )]
    FolderNotEmpty {
        /// The folder.
        path: PathBuf,
    },
    /// `init` was pointed at a site.
    #[error(
        "{}: a growthsite site is already there (growthsite.yaml), so nothing was written (to add an editable copy of the default theme to it, run `growthsite init --theme-files` with the same folder)",
        path.display()
    )]
    AlreadyASite {
        /// The site's folder.
        path: PathBuf,
    },
    /// A path that must be a folder is something else.
    #[error("{}: exists and is not a folder ({source})", path.display())]
    NotAFolder {
        /// The path.
        path: PathBuf,
        /// What reading it as a folder said.
        source: std::io::Error,
    },
    /// `new` was given a title with nothing to make a file name from.
    #[error(
        "the title `{title}` has no letters or digits to make a file name from (use a title with words in it)"
    )]
    TitleWithoutSlug {
        /// The title as given.
        title: String,
    },
    /// `new` would make a write-up with the slug of an existing one.
    #[error(
        "{existing} already exists with the slug `{slug}`; nothing was written (edit that file, or choose another title)"
    )]
    SlugTaken {
        /// The existing write-up, site-relative.
        existing: String,
        /// The slug both would have.
        slug: String,
    },
    /// `new` would overwrite a file.
    #[error("{path} already exists; nothing was written (edit that file, or choose another title)")]
    FileExists {
        /// The file, site-relative.
        path: String,
    },
    /// `deploy` could not publish.
    #[error(transparent)]
    Deploy(#[from] DeployError),
    /// `serve` could not start or go on.
    #[error(transparent)]
    Serve(#[from] ServeError),
    /// `import` refused or failed.
    #[error(transparent)]
    Import(#[from] ImportError),
    /// `revisit` wrote nothing.
    #[error(transparent)]
    Revisit(#[from] RevisitError),
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
