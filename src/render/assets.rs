//! Static files: the theme's `static/` (built in, then on disk), then the
//! site's `static/` over it, with a content fingerprint of each for
//! `asset()`; and the files of page bundles, copied beside their page. The
//! images among them are what the image catalog reads.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::theme;
use super::{OutputBody, OutputFile};
use crate::assemble::Site;
use crate::diag::{Diagnostic, Kind, Span};
use crate::images::{ImageFile, ImageKind};
use crate::load::AssetFile;
use crate::parse::Doc;

/// The static files of a build, by output path.
#[derive(Debug, Default)]
pub struct StaticFiles {
    /// Output path -> contents.
    pub files: BTreeMap<String, OutputBody>,
    /// Output path -> short content hash, for cache busting.
    pub fingerprints: BTreeMap<String, String>,
}

/// Reads and fingerprints the theme's and the site's static files.
pub fn collect_static(
    theme_name: &str,
    theme_static: &[AssetFile],
    site_static: &[AssetFile],
) -> (StaticFiles, Vec<Diagnostic>) {
    let mut files: BTreeMap<String, OutputBody> = BTreeMap::new();
    if theme_name == "default" {
        for (path, bytes) in theme::default_static() {
            files.insert(path.to_string(), OutputBody::Embedded(bytes));
        }
    }
    let mut problems = Vec::new();
    let read: Vec<(String, Result<Vec<u8>, Diagnostic>)> = theme_static
        .par_iter()
        .chain(site_static.par_iter())
        .map(|file| {
            let bytes = file.source.read().map_err(|e| e.diagnostic());
            (file.rel_path.clone(), bytes)
        })
        .collect();
    // Later entries (the site's) override earlier ones (the theme's).
    for (path, bytes) in read {
        match bytes {
            Ok(bytes) => {
                files.insert(path, OutputBody::Bytes(bytes));
            }
            Err(problem) => problems.push(problem),
        }
    }
    let fingerprints = files
        .par_iter()
        .map(|(path, body)| (path.clone(), fingerprint(body.bytes().unwrap_or_default())))
        .collect();
    (
        StaticFiles {
            files,
            fingerprints,
        },
        problems,
    )
}

/// Files of page bundles go beside their page (`content/mistakes/x/a.png`
/// -> `mistakes/<slug>/a.png`); other files under `content/` keep their path.
/// Assets of drafts that are not built are left out. `docs` are the
/// published documents.
pub fn bundle_outputs<'a>(
    docs: impl Iterator<Item = &'a Doc>,
    assets: &[AssetFile],
    drafts_skipped: &[String],
) -> Vec<OutputFile> {
    let bundles: HashMap<&str, &str> = docs
        .filter_map(|doc| Some((doc.bundle_dir.as_deref()?, doc.path.as_str())))
        .collect();
    assets
        .iter()
        .filter(|asset| {
            !drafts_skipped
                .iter()
                .any(|dir| asset.rel_path.starts_with(&format!("{dir}/")))
        })
        .map(|asset| {
            let path = match bundle_of(&asset.rel_path, &bundles) {
                Some((dir, page_path)) => {
                    format!("{page_path}{}", &asset.rel_path[dir.len() + 1..])
                }
                None => asset.rel_path.clone(),
            };
            OutputFile {
                path,
                body: OutputBody::Copy(asset.source.clone()),
            }
        })
        .collect()
}

/// Every file copied as it is, by output path: the static files, then the
/// files of page bundles over them. One map, so that a page-bundle file
/// with the path of a static file replaces it the same way in every build
/// (with a warning).
pub fn copied_files(
    site: &Site,
    static_files: BTreeMap<String, OutputBody>,
    content_assets: &[AssetFile],
    drafts_skipped: &[String],
) -> (Vec<OutputFile>, Vec<Diagnostic>) {
    let mut copied = static_files;
    let mut problems = Vec::new();
    let docs = site
        .posts
        .iter()
        .map(|p| &p.writeup.doc)
        .chain(site.pages.iter().map(|p| &p.page.doc));
    for file in bundle_outputs(docs, content_assets, drafts_skipped) {
        if copied.contains_key(&file.path) {
            problems.push(
                Diagnostic::warning(
                    Kind::BundleOverridesStatic,
                    Span::file(format!("static/{}", file.path)),
                    format!(
                        "a page bundle also publishes /{}; the bundle's file is used",
                        file.path
                    ),
                )
                .with_hint("rename one of the two files"),
            );
        }
        copied.insert(file.path, file.body);
    }
    let files = copied
        .into_iter()
        .map(|(path, body)| OutputFile { path, body })
        .collect();
    (files, problems)
}

fn bundle_of<'a>(
    rel_path: &str,
    bundles: &HashMap<&'a str, &'a str>,
) -> Option<(&'a str, &'a str)> {
    let mut dir = rel_path;
    while let Some((parent, _)) = dir.rsplit_once('/') {
        if let Some((key, value)) = bundles.get_key_value(parent) {
            return Some((key, value));
        }
        dir = parent;
    }
    None
}

/// FNV-1a, 64 bits, as 8 hex digits: stable across runs and platforms.
pub fn fingerprint(bytes: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in bytes {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    format!("{:08x}", hash >> 32)
}

/// The image files a build publishes, in the order the build copies them
/// (so later ones win): the theme's static files, the site's, then the
/// files of page bundles beside their pages. `docs` are the published
/// documents.
pub fn site_image_files<'a>(
    docs: impl Iterator<Item = &'a Doc>,
    content_assets: &[AssetFile],
    theme_static: &[AssetFile],
    site_static: &[AssetFile],
    drafts_skipped: &[String],
) -> Vec<ImageFile> {
    let statics = theme_static
        .iter()
        .chain(site_static)
        .map(|file| ImageFile {
            output_path: file.rel_path.clone(),
            source: file.source.clone(),
        });
    let bundled = bundle_outputs(docs, content_assets, drafts_skipped)
        .into_iter()
        .filter_map(|file| match file.body {
            OutputBody::Copy(source) => Some(ImageFile {
                output_path: file.path,
                source,
            }),
            _ => None,
        });
    statics
        .chain(bundled)
        .filter(|file| ImageKind::from_path(&file.output_path).is_some())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fingerprints_change_with_content() {
        assert_eq!(fingerprint(b"a"), fingerprint(b"a"));
        assert_ne!(fingerprint(b"a"), fingerprint(b"b"));
        assert_eq!(fingerprint(b"").len(), 8);
    }
}
