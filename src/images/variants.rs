//! Wide images -> their resized variants (the original format and WebP),
//! made in parallel and kept in the cache folder under the image's content
//! hash: a build whose images are all cached decodes nothing and copies the
//! cached files.

use std::path::Path;

use image::DynamicImage;
use image::imageops::FilterType;
use rayon::prelude::*;

use super::{ImageInfo, ImageKind, original_ext, variant_path};
use crate::cache::write_atomically;
use crate::diag::{Diagnostic, Kind, Span};
use crate::render::output::{OutputBody, OutputFile};

/// JPEG and lossy WebP quality: no visible loss at column width.
const QUALITY: u8 = 82;

/// One wide image whose variants a page needs.
#[derive(Debug, Clone)]
pub struct VariantJob {
    /// The original's output path: `mistakes/x/photo.jpg`.
    pub output_path: String,
    /// The original, read by the site walk's rules.
    pub source: crate::load::SiteFile,
    /// Its size and content hash.
    pub info: ImageInfo,
    /// Where a page shows it, for errors.
    pub span: Span,
}

/// How much image work a build did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct VariantWork {
    /// Images decoded and resized.
    pub made: usize,
    /// Images whose variants all came from the cache.
    pub cached: usize,
}

/// One file of a job: (width, extension).
fn files_of(job: &VariantJob) -> Vec<(u32, String)> {
    let ext = original_ext(&job.output_path);
    let mut files: Vec<(u32, String)> = job
        .info
        .variant_widths()
        .into_iter()
        .map(|w| (w, ext.clone()))
        .collect();
    files.extend(
        job.info
            .webp_widths()
            .into_iter()
            .map(|w| (w, "webp".to_string())),
    );
    // A WebP original's variants in its own format are the WebP ones.
    files.sort_unstable();
    files.dedup();
    files
}

fn cache_name(hash: u128, width: u32, ext: &str) -> String {
    format!("{hash:032x}-{width}.{ext}")
}

/// Makes the variants of every job that the cache does not hold yet, and
/// returns the output files (copied from the cache), the problems, and how
/// much work was done. With `make` false (`check`), nothing is decoded or
/// written: the files are listed where the cache will hold them.
pub fn make_variants(
    jobs: Vec<VariantJob>,
    cache_dir: &Path,
    make: bool,
) -> (Vec<OutputFile>, Vec<Diagnostic>, VariantWork) {
    let results: Vec<(Vec<OutputFile>, Option<Diagnostic>, bool)> = jobs
        .into_par_iter()
        .map(|job| {
            let hash = job.info.hash.unwrap_or_default();
            let files = files_of(&job);
            let outputs: Vec<OutputFile> = files
                .iter()
                .map(|(w, ext)| OutputFile {
                    path: variant_path(&job.output_path, *w, ext),
                    body: OutputBody::Cached(cache_dir.join(cache_name(hash, *w, ext))),
                })
                .collect();
            let cached = outputs.iter().all(|f| match &f.body {
                OutputBody::Cached(path) => path.is_file(),
                _ => false,
            });
            if cached || !make {
                return (outputs, None, false);
            }
            match make_job(&job, &files, cache_dir) {
                Ok(()) => (outputs, None, true),
                Err(problem) => (Vec::new(), Some(problem), false),
            }
        })
        .collect();
    let mut outputs = Vec::new();
    let mut problems = Vec::new();
    let mut work = VariantWork::default();
    for (files, problem, made) in results {
        if made {
            work.made += 1;
        } else if problem.is_none() && make {
            work.cached += 1;
        }
        outputs.extend(files);
        problems.extend(problem);
    }
    (outputs, problems, work)
}

fn make_job(job: &VariantJob, files: &[(u32, String)], cache_dir: &Path) -> Result<(), Diagnostic> {
    let bad = |what: String| {
        Diagnostic::error(
            Kind::BadImage,
            job.span.clone(),
            format!("image `{}` {what}", job.output_path),
        )
        .with_hint("re-export the image, or replace the file")
    };
    let bytes = job
        .source
        .read()
        .map_err(|e| bad(format!("cannot be read: {}", e.diagnostic().message)))?;
    let image = decode(&bytes).map_err(|e| bad(format!("cannot be decoded: {e}")))?;
    std::fs::create_dir_all(cache_dir).map_err(|e| {
        Diagnostic::error(
            Kind::BadImage,
            job.span.clone(),
            format!(
                "cannot create the cache folder {}: {e}",
                cache_dir.display()
            ),
        )
    })?;
    let hash = job.info.hash.unwrap_or_default();
    // Largest first, each made from the previous: one full-size resample.
    let mut widths: Vec<u32> = files.iter().map(|(w, _)| *w).collect();
    widths.sort_unstable_by(|a, b| b.cmp(a));
    widths.dedup();
    let mut current = image;
    for width in widths {
        let height = job.info.height_at(width);
        if current.width() != width {
            current = current.resize_exact(width, height, FilterType::Lanczos3);
        }
        for (_, ext) in files.iter().filter(|(w, _)| *w == width) {
            let encoded = encode(&current, ext, job.info.kind)
                .map_err(|e| bad(format!("cannot be encoded as {ext}: {e}")))?;
            let target = cache_dir.join(cache_name(hash, width, ext));
            write_atomically(&target, &encoded).map_err(|e| {
                Diagnostic::error(
                    Kind::BadImage,
                    job.span.clone(),
                    format!("cannot write {}: {e}", target.display()),
                )
            })?;
        }
    }
    Ok(())
}

fn decode(bytes: &[u8]) -> image::ImageResult<DynamicImage> {
    let mut decoder = image::ImageReader::new(std::io::Cursor::new(bytes))
        .with_guessed_format()?
        .into_decoder()?;
    let orientation = image::ImageDecoder::orientation(&mut decoder);
    let mut image = DynamicImage::from_decoder(decoder)?;
    if let Ok(orientation) = orientation {
        image.apply_orientation(orientation);
    }
    Ok(image)
}

fn encode(image: &DynamicImage, ext: &str, original: ImageKind) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    match ext {
        "webp" => {
            let rgba = image.to_rgba8();
            let encoder = webp::Encoder::from_rgba(rgba.as_raw(), rgba.width(), rgba.height());
            // Sharp-edged PNG charts and screenshots stay exact; photos are lossy.
            let memory = if original == ImageKind::Png {
                encoder.encode_lossless()
            } else {
                encoder.encode(f32::from(QUALITY))
            };
            out.extend_from_slice(&memory);
        }
        "jpg" | "jpeg" => {
            let encoder = image::codecs::jpeg::JpegEncoder::new_with_quality(&mut out, QUALITY);
            image
                .to_rgb8()
                .write_with_encoder(encoder)
                .map_err(|e| e.to_string())?;
        }
        _ => {
            image
                .write_to(&mut std::io::Cursor::new(&mut out), image::ImageFormat::Png)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(out)
}

/// A wide image a page shows, whose resized variants the build must make.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageUse {
    /// The image's output path: `mistakes/x/photo.jpg`.
    pub output_path: String,
    /// Where the page shows it.
    pub span: Span,
}

/// The variant jobs of a site from the wide images its pages show
/// (`uses`): each image once, with the first place that shows it.
pub fn variant_jobs<'a>(
    uses: impl Iterator<Item = &'a ImageUse>,
    catalog: &super::Catalog,
) -> Vec<VariantJob> {
    let mut uses: Vec<&ImageUse> = uses.collect();
    uses.sort_by(|a, b| (&a.output_path, &a.span).cmp(&(&b.output_path, &b.span)));
    uses.dedup_by(|a, b| a.output_path == b.output_path);
    uses.into_iter()
        .filter_map(|use_| {
            let entry = catalog.get(&use_.output_path)?;
            let info = entry.info.as_ref().ok()?.clone();
            Some(VariantJob {
                output_path: use_.output_path.clone(),
                source: entry.file.source.clone(),
                info,
                span: use_.span.clone(),
            })
        })
        .collect()
}
