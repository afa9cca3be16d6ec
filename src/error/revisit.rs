//! Why `revisit` wrote nothing: not a write-up, no such write-up, or a
//! file whose text cannot take the entry.

/// Why `revisit` wrote nothing.
#[derive(Debug, thiserror::Error)]
pub enum RevisitError {
    /// The file given is not under `content/mistakes/`.
    #[error("{path} is not a write-up (revisits belong to files under content/mistakes/)")]
    NotAWriteup {
        /// The file, site-relative.
        path: String,
    },
    /// No write-up has that file name or slug.
    #[error(
        "no write-up `{target}` in content/mistakes/ (give its file, such as content/mistakes/{slug}.md, or its slug)"
    )]
    NoSuchWriteup {
        /// What was asked for.
        target: String,
        /// It, as a slug.
        slug: String,
    },
    /// The file's text could not take the entry.
    #[error("{path}: {why}; nothing was written")]
    NotAdded {
        /// The write-up, site-relative.
        path: String,
        /// What is in the way.
        why: String,
    },
}
