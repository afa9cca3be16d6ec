//! Stage 1b, I/O: the site's image files -> a [`Catalog`] of their sizes, by
//! output path, read in parallel. Only the headers are read, except for the
//! images that will get resized variants, whose content is hashed for the
//! cache.

use std::collections::HashMap;
use std::io::Cursor;

use rayon::prelude::*;

use super::probe::{probe_raster, probe_svg};
use super::{ImageInfo, ImageKind};

/// An image file of the site and where the build publishes it.
#[derive(Debug, Clone)]
pub struct ImageFile {
    /// Path in the output folder, `/`-separated: `mistakes/x/chart.png`.
    pub output_path: String,
    /// The file, read by the site walk's rules.
    pub source: crate::load::SiteFile,
}

/// What the catalog knows of one image.
#[derive(Debug, Clone)]
pub struct CatalogEntry {
    /// The file.
    pub file: ImageFile,
    /// Its size, or why it could not be read.
    pub info: Result<ImageInfo, String>,
}

/// Every image the build publishes, by output path.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    entries: HashMap<String, CatalogEntry>,
}

impl Catalog {
    /// The image published at `output_path`, if there is one.
    pub fn get(&self, output_path: &str) -> Option<&CatalogEntry> {
        self.entries.get(output_path)
    }

    /// How many images it holds.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Whether it holds no image.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }
}

/// Reads the size of every image among `files` (other files are left out).
/// A later file with the same output path replaces an earlier one, as in
/// the build's output.
pub fn probe_catalog(files: Vec<ImageFile>) -> Catalog {
    let mut latest: HashMap<String, (ImageFile, ImageKind)> = HashMap::new();
    for file in files {
        if let Some(kind) = ImageKind::from_path(&file.output_path) {
            latest.insert(file.output_path.clone(), (file, kind));
        }
    }
    let entries = latest
        .into_par_iter()
        .map(|(path, (file, kind))| {
            let info = probe_file(&file, kind);
            (path, CatalogEntry { file, info })
        })
        .collect();
    Catalog { entries }
}

fn probe_file(file: &ImageFile, kind: ImageKind) -> Result<ImageInfo, String> {
    let (width, height) = if kind == ImageKind::Svg {
        let text =
            String::from_utf8(read(file)?).map_err(|_| "it is not UTF-8 text".to_string())?;
        // No stated size: sent without width and height.
        probe_svg(&text)?.unwrap_or((0, 0))
    } else {
        let reader = read(file)?;
        probe_raster(Cursor::new(&reader), kind)?
    };
    let mut info = ImageInfo {
        kind,
        width,
        height,
        hash: None,
    };
    if !info.variant_widths().is_empty() {
        let bytes = read(file)?;
        info.hash = Some(xxhash_rust::xxh3::xxh3_128(&bytes));
    }
    Ok(info)
}

fn read(file: &ImageFile) -> Result<Vec<u8>, String> {
    file.source
        .read()
        .map_err(|e| format!("cannot read it: {}", e.diagnostic().message))
}
