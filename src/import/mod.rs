//! `growthsite import jekyll|hugo SRC DIR`: an existing blog, moved into a
//! new growthsite site (SPEC §7). SRC is only read; DIR gets the site.
//!
//! 1. [`target`], I/O: checks DIR (new, empty, or a previous import that
//!    can be redone) and that it does not overlap SRC;
//! 2. [`jekyll`] / [`hugo`], I/O: SRC -> [`source::SourceSite`] (settings,
//!    posts and pages with their old URLs, files to copy);
//! 3. [`convert`], pure: -> every file of the new site, through
//!    [`rewrite`] (Liquid and shortcodes to Markdown), [`mapping`] (terms
//!    to strategies), [`dates`] and [`report`];
//! 4. [`target`] writes it, with a manifest for the next redo;
//! 5. [`verify`]: the new site's link check, so that the report lists
//!    every link `growthsite check` will report (then written again).

pub mod convert;
pub mod dates;
pub mod front;
pub mod hugo;
pub mod jekyll;
pub mod mapping;
pub mod permalinks;
pub mod report;
pub mod rewrite;
pub mod source;
pub mod target;
pub mod verify;
pub mod walk;

use std::path::{Path, PathBuf};

use crate::diag::Diagnostics;
pub use crate::error::ImportError;
use crate::error::{Error, Result};
pub use report::{Figures, Kind, Note};
pub use source::Generator;

/// What to import, from where, to where.
#[derive(Debug, Clone)]
pub struct ImportRequest<'a> {
    /// The old blog's generator.
    pub generator: Generator,
    /// The old blog's folder.
    pub src: &'a Path,
    /// The new site's folder.
    pub dir: &'a Path,
    /// Where the new site will be published, if not where the old one was.
    pub base_url: Option<&'a str>,
    /// A mapping table to use instead of DIR's.
    pub mapping: Option<&'a Path>,
}

/// What an import did.
#[derive(Debug)]
pub struct ImportSummary {
    /// Counts of posts, write-ups, pages, aliases, files.
    pub figures: Figures,
    /// Everything listed in the report.
    pub notes: Vec<Note>,
    /// Whether a previous import was redone.
    pub redone: bool,
    /// The new site's folder.
    pub dir: PathBuf,
}

/// Imports an old blog into a new site; `Err` when nothing was written
/// (a refused folder, a mapping table with errors, no posts found).
pub fn import_site(request: &ImportRequest) -> Result<ImportSummary> {
    if let Some(url) = request.base_url {
        crate::config::check_base_url_syntax(&format!("{}/", url.trim_end_matches('/')))
            .map_err(|why| ImportError::BadBaseUrl { why })?;
    }
    let (src, target) = target::prepare(request.src, request.dir)?;
    let mapping_text = match request.mapping {
        Some(path) => Some((
            path.display().to_string(),
            std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?,
        )),
        None => target
            .mapping_text
            .clone()
            .map(|text| (mapping::MAPPING_FILE.to_string(), text)),
    };
    let mapping = match mapping_text {
        Some((file, text)) => Some(mapping::parse_mapping(&file, &text).map_err(|problems| {
            let mut diagnostics = Diagnostics::new();
            diagnostics.extend(problems);
            Error::Content(diagnostics)
        })?),
        None => None,
    };
    let site = match request.generator {
        Generator::Jekyll => jekyll::read_site(&src),
        Generator::Hugo => hugo::read_site(&src),
    };
    if site.posts_found == 0 {
        let hint = match request.generator {
            Generator::Jekyll => "a Jekyll blog keeps them in _posts/ as YYYY-MM-DD-title.md",
            Generator::Hugo => {
                "a Hugo blog keeps them in a section of content/, such as content/posts/"
            }
        };
        return Err(ImportError::NoPosts {
            src: request.src.to_path_buf(),
            hint,
        }
        .into());
    }
    let mut converted = convert::convert_site(site, request.base_url, mapping);
    target::write_site(&target, &converted.files)?;
    let unlisted = verify::unlisted_link_problems(&target.dir, &converted.notes);
    if !unlisted.is_empty() {
        converted.notes.extend(unlisted);
        converted.notes.sort();
        let report = report::render_report(&converted.figures, &converted.notes);
        if let Some(file) = converted
            .files
            .iter_mut()
            .find(|file| file.path == convert::REPORT_FILE)
        {
            file.body = convert::NewBody::Text(report);
        }
        target::write_site(&target, &converted.files)?;
    }
    Ok(ImportSummary {
        figures: converted.figures,
        notes: converted.notes,
        redone: target.is_redo(),
        dir: target.dir,
    })
}
