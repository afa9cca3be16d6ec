//! Output files, the render stage's product: what a file holds
//! ([`OutputBody`]) and where files go as soon as they are made
//! ([`OutputSink`]): kept in memory (`check`, `serve`) or written to disk
//! (`build`, `deploy`).

/// The contents of an output file.
#[derive(Debug, Clone)]
pub enum OutputBody {
    /// Rendered or read into memory.
    Bytes(Vec<u8>),
    /// Copied from this file of the site when written (read by the walk's
    /// rules then).
    Copy(crate::load::SiteFile),
    /// A file of the built-in theme.
    Embedded(&'static [u8]),
    /// A file growthsite made in its cache folder (a resized image, a
    /// social card), copied when written.
    Cached(std::path::PathBuf),
}

impl OutputBody {
    /// The bytes, when they are in memory.
    pub fn bytes(&self) -> Option<&[u8]> {
        match self {
            OutputBody::Bytes(bytes) => Some(bytes),
            OutputBody::Embedded(bytes) => Some(bytes),
            OutputBody::Copy(_) | OutputBody::Cached(_) => None,
        }
    }
}

/// Where output files go as soon as they are made: kept in memory (`check`,
/// `serve`) or written straight to disk (`build`), so a large site is never
/// held in memory twice.
pub trait OutputSink: Sync {
    /// Takes one file. A later file with the same path replaces an earlier one.
    fn accept(&self, file: OutputFile);
}

/// A sink that keeps every file, for `check` and `serve`.
#[derive(Debug, Default)]
pub struct MemorySink {
    files: std::sync::Mutex<std::collections::BTreeMap<String, OutputBody>>,
}

impl MemorySink {
    /// The files, sorted by path.
    pub fn into_files(self) -> Vec<OutputFile> {
        let files = self
            .files
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        files
            .into_iter()
            .map(|(path, body)| OutputFile { path, body })
            .collect()
    }
}

impl OutputSink for MemorySink {
    fn accept(&self, file: OutputFile) {
        let mut files = self
            .files
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        files.insert(file.path, file.body);
    }
}

/// One file of the built site.
#[derive(Debug, Clone)]
pub struct OutputFile {
    /// Path relative to the output folder, `/`-separated: `mistakes/x/index.html`.
    pub path: String,
    /// What to write there.
    pub body: OutputBody,
}

/// A file of text made in memory.
pub fn bytes_file(path: impl Into<String>, text: String) -> OutputFile {
    OutputFile {
        path: path.into(),
        body: OutputBody::Bytes(text.into_bytes()),
    }
}
