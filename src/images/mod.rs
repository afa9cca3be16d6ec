//! Local images: the site's image files -> their sizes (a [`Catalog`] the
//! Markdown renderer reads), the `<img>`/`<picture>` markup of one image,
//! and the resized variants of the wide ones, made in parallel and cached
//! by content hash in `.growthsite/cache/images/`.
//!
//! Reading sizes is cheap (image headers, SVG root attributes); decoding
//! and resizing happens only for images wider than the text column that a
//! page shows, and only once per content: a second build copies the cached
//! files and decodes nothing.

pub mod catalog;
pub mod markup;
pub mod probe;
pub mod variants;

pub use catalog::{Catalog, ImageFile, probe_catalog};
pub use markup::{ImageMarkup, image_html};
pub use variants::{ImageUse, VariantJob, VariantWork, make_variants, variant_jobs};

/// The text column of the default theme (`--measure: 41rem` at 16 px), in
/// CSS pixels: images wider than this get resized variants.
pub const COLUMN_WIDTH: u32 = 656;

/// Widths of the resized variants: about one and two column widths, plus a
/// small one for phones. Only widths below the image's own are made.
pub const VARIANT_WIDTHS: [u32; 4] = [480, 800, 1200, 1600];

/// Images up to this wide are sent as they are (and get a WebP copy at
/// full size); wider ones are sent as their largest variant.
pub const MAX_SENT_WIDTH: u32 = 2000;

/// `sizes` of a full-column image in the default theme: the column (41rem
/// minus nothing) on wide screens, the viewport minus the page margins below.
pub const SIZES: &str = "(min-width: 43.5rem) 41rem, calc(100vw - 2rem)";

/// The image formats growthsite reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ImageKind {
    /// `.jpg`, `.jpeg`.
    Jpeg,
    /// `.png`.
    Png,
    /// `.gif` (never resized: that would drop the animation).
    Gif,
    /// `.webp`.
    Webp,
    /// `.svg` (sized from its attributes, never resized).
    Svg,
}

impl ImageKind {
    /// The kind of a file, from its extension (any case); `None` for
    /// files that are not images growthsite knows.
    pub fn from_path(path: &str) -> Option<ImageKind> {
        let ext = path.rsplit_once('.')?.1.to_ascii_lowercase();
        Some(match ext.as_str() {
            "jpg" | "jpeg" => ImageKind::Jpeg,
            "png" => ImageKind::Png,
            "gif" => ImageKind::Gif,
            "webp" => ImageKind::Webp,
            "svg" => ImageKind::Svg,
            _ => return None,
        })
    }

    /// Whether wide images of this kind get resized variants.
    pub fn resizable(self) -> bool {
        matches!(self, ImageKind::Jpeg | ImageKind::Png | ImageKind::Webp)
    }

    /// The MIME type.
    pub fn mime(self) -> &'static str {
        match self {
            ImageKind::Jpeg => "image/jpeg",
            ImageKind::Png => "image/png",
            ImageKind::Gif => "image/gif",
            ImageKind::Webp => "image/webp",
            ImageKind::Svg => "image/svg+xml",
        }
    }
}

/// What is known of one image file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageInfo {
    /// Its format.
    pub kind: ImageKind,
    /// Width in pixels (for SVG, CSS pixels from its attributes; 0 when
    /// an SVG states no size).
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Content hash (set for images that get variants: the cache key).
    pub hash: Option<u128>,
}

impl ImageInfo {
    /// The widths of the resized variants this image gets (none when it
    /// fits the column or is not resizable).
    pub fn variant_widths(&self) -> Vec<u32> {
        if !self.kind.resizable() || self.width <= COLUMN_WIDTH {
            return Vec::new();
        }
        VARIANT_WIDTHS
            .iter()
            .copied()
            .filter(|w| *w < self.width)
            .collect()
    }

    /// The widths of the WebP variants: the resized ones, plus one at full
    /// size when the original itself is sent.
    pub fn webp_widths(&self) -> Vec<u32> {
        let mut widths = self.variant_widths();
        if !widths.is_empty() && self.width <= MAX_SENT_WIDTH {
            widths.push(self.width);
        }
        widths
    }

    /// The height of a variant `width` pixels wide, keeping the aspect ratio.
    pub fn height_at(&self, width: u32) -> u32 {
        let full = u64::from(self.width.max(1));
        let h = (u64::from(self.height) * u64::from(width) + full / 2) / full;
        u32::try_from(h.max(1)).unwrap_or(u32::MAX)
    }
}

/// The path of a variant of `path` (an output path or URL): `a/photo.jpg`
/// at 800 pixels in WebP -> `a/photo-800w.webp`.
pub fn variant_path(path: &str, width: u32, ext: &str) -> String {
    let (dir, file) = match path.rsplit_once('/') {
        Some((dir, file)) => (format!("{dir}/"), file),
        None => (String::new(), path),
    };
    let stem = file.rsplit_once('.').map_or(file, |(stem, _)| stem);
    format!("{dir}{stem}-{width}w.{ext}")
}

/// The extension variants of `path` keep in the original format (`jpeg`
/// stays `jpeg`, `JPG` becomes `jpg`).
pub fn original_ext(path: &str) -> String {
    path.rsplit_once('.')
        .map_or(String::new(), |(_, ext)| ext.to_ascii_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn info(kind: ImageKind, width: u32, height: u32) -> ImageInfo {
        ImageInfo {
            kind,
            width,
            height,
            hash: None,
        }
    }

    #[test]
    fn only_wide_resizable_images_get_variants() {
        assert_eq!(
            info(ImageKind::Jpeg, 6000, 4000).variant_widths(),
            [480, 800, 1200, 1600]
        );
        assert_eq!(info(ImageKind::Png, 1000, 500).variant_widths(), [480, 800]);
        assert!(info(ImageKind::Png, 600, 500).variant_widths().is_empty());
        assert!(info(ImageKind::Gif, 3000, 500).variant_widths().is_empty());
        assert!(info(ImageKind::Svg, 3000, 500).variant_widths().is_empty());
        assert_eq!(info(ImageKind::Jpeg, 6000, 4000).height_at(1200), 800);
    }

    #[test]
    fn variant_paths_sit_beside_the_original() {
        assert_eq!(
            variant_path("/growth/mistakes/x/photo.JPG", 800, "webp"),
            "/growth/mistakes/x/photo-800w.webp"
        );
        assert_eq!(variant_path("a.b.png", 480, "png"), "a.b-480w.png");
        assert_eq!(ImageKind::from_path("x/Y.JPEG"), Some(ImageKind::Jpeg));
        assert_eq!(ImageKind::from_path("x/y.txt"), None);
        assert_eq!(original_ext("x/Y.JPG"), "jpg");
    }
}
