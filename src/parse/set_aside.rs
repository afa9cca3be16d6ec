//! Write-ups' HTML bodies set aside in a temporary file between the parse
//! and the render stage. Every body exists from the moment its Markdown is
//! rendered until its page is: held in memory, they were the largest part
//! of a big build's peak (100,000 write-ups, 0.7 GB). Set aside, each is
//! in memory only while it is rendered and while its page (or a feed, or
//! the search index) reads it back.
//!
//! The file has no name (it is gone when the build ends, even a killed
//! one). When it cannot be made or written (no temporary folder, a full
//! disk), bodies stay in memory: the same output, more memory. A body that
//! cannot be read back is an error of the build ([`BodyFile::failure`]).

use std::borrow::Cow;
use std::fs::File;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};

use super::markdown::Rendered;

/// The temporary file bodies are set aside in, written from every parse
/// thread at once: each body at its own offset.
#[derive(Debug)]
pub struct BodyFile {
    file: File,
    /// Where the next body goes.
    end: AtomicU64,
    /// The first read that failed, reported once the build is done.
    failed: Mutex<Option<std::io::Error>>,
}

/// A body in a [`BodyFile`].
#[derive(Debug, Clone)]
pub struct SetAside {
    file: Arc<BodyFile>,
    offset: u64,
    len: usize,
}

impl BodyFile {
    /// A new, empty file in the temporary folder; `None` where there is
    /// none (or no positioned writes: then bodies stay in memory).
    pub fn create() -> Option<Arc<BodyFile>> {
        if !cfg!(unix) {
            return None;
        }
        let file = tempfile::tempfile().ok()?;
        Some(Arc::new(BodyFile {
            file,
            end: AtomicU64::new(0),
            failed: Mutex::new(None),
        }))
    }

    /// Writes `html` into the file; `None` when that failed (then the
    /// caller keeps it).
    pub fn put(self: &Arc<Self>, html: &str) -> Option<SetAside> {
        let len = html.len();
        let offset = self.end.fetch_add(len as u64, Ordering::Relaxed);
        write_at(&self.file, html.as_bytes(), offset).ok()?;
        Some(SetAside {
            file: Arc::clone(self),
            offset,
            len,
        })
    }

    /// The first body that could not be read back, if any: the pages,
    /// feeds or search index that show it are incomplete.
    pub fn failure(&self) -> Option<String> {
        let failed = self.failed.lock().unwrap_or_else(|p| p.into_inner());
        failed.as_ref().map(ToString::to_string)
    }
}

impl SetAside {
    /// The body, read back; empty when the read failed (recorded in the
    /// file, for [`BodyFile::failure`]).
    pub fn read(&self) -> String {
        let mut bytes = vec![0; self.len];
        let read = read_at(&self.file.file, &mut bytes, self.offset).and_then(|()| {
            String::from_utf8(bytes)
                .map_err(|e| std::io::Error::new(std::io::ErrorKind::InvalidData, e))
        });
        read.unwrap_or_else(|e| {
            let mut failed = self.file.failed.lock().unwrap_or_else(|p| p.into_inner());
            failed.get_or_insert(e);
            String::new()
        })
    }
}

impl Rendered {
    /// The whole body as HTML, wherever it is.
    pub fn body(&self) -> Cow<'_, str> {
        match &self.set_aside {
            Some(aside) => Cow::Owned(aside.read()),
            None => Cow::Borrowed(&self.html),
        }
    }

    /// Moves the body into `file`, freeing it here; where that fails, it
    /// stays.
    pub fn put_aside(&mut self, file: &Arc<BodyFile>) {
        if let Some(aside) = file.put(&self.html) {
            self.html = String::new();
            self.set_aside = Some(aside);
        }
    }
}

#[cfg(unix)]
fn write_at(file: &File, bytes: &[u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::write_all_at(file, bytes, offset)
}

#[cfg(unix)]
fn read_at(file: &File, bytes: &mut [u8], offset: u64) -> std::io::Result<()> {
    std::os::unix::fs::FileExt::read_exact_at(file, bytes, offset)
}

#[cfg(not(unix))]
fn write_at(_file: &File, _bytes: &[u8], _offset: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(not(unix))]
fn read_at(_file: &File, _bytes: &mut [u8], _offset: u64) -> std::io::Result<()> {
    Err(std::io::ErrorKind::Unsupported.into())
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;
    use rayon::prelude::*;

    #[test]
    fn bodies_set_aside_from_many_threads_read_back_whole() {
        let file = BodyFile::create().expect("a temporary file");
        let bodies: Vec<String> = (0..200)
            .map(|i| format!("<p>body {i} é</p>").repeat(i % 7 + 1))
            .collect();
        let aside: Vec<SetAside> = bodies
            .par_iter()
            .map(|html| file.put(html).expect("written"))
            .collect();
        for (html, aside) in bodies.iter().zip(&aside) {
            assert_eq!(&aside.read(), html);
        }
        let mut rendered = Rendered {
            html: "<p>a body</p>".into(),
            ..Rendered::default()
        };
        assert_eq!(rendered.body(), "<p>a body</p>");
        rendered.put_aside(&file);
        assert_eq!(
            (rendered.html.as_str(), &*rendered.body()),
            ("", "<p>a body</p>")
        );
        assert_eq!(file.failure(), None);
    }

    #[test]
    fn a_body_that_cannot_be_read_back_is_a_failure_of_the_file() {
        let file = BodyFile::create().expect("a temporary file");
        let aside = file.put("<p>a body</p>").expect("written");
        file.file.set_len(3).expect("truncated");
        assert_eq!(aside.read(), "");
        assert!(file.failure().is_some());
    }
}
