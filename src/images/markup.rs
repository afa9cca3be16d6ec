//! One Markdown image -> its HTML: `width`/`height` from the catalog (so
//! the page does not shift as it loads), `loading="lazy"` and
//! `decoding="async"` except on a page's first image (likely the largest
//! thing on screen), and for wide images a `<picture>` with WebP and
//! original-format variants in `srcset`.

use pulldown_cmark_escape::{escape_href, escape_html};

use super::{ImageInfo, MAX_SENT_WIDTH, SIZES, original_ext, variant_path};

/// One image as written, with what the catalog knows of it.
#[derive(Debug, Clone, Copy)]
pub struct ImageMarkup<'a> {
    /// The URL as the page links it (already made absolute for bundles).
    pub src: &'a str,
    /// The alt text (plain text of the Markdown alt).
    pub alt: &'a str,
    /// The title, if one was written.
    pub title: Option<&'a str>,
    /// Its size and format.
    pub info: &'a ImageInfo,
    /// The page's first image: loaded at once, not lazily.
    pub first: bool,
}

/// The HTML of one image.
pub fn image_html(image: ImageMarkup) -> String {
    let info = image.info;
    let widths = info.variant_widths();
    let mut html = String::with_capacity(256);
    if widths.is_empty() {
        html.push_str("<img src=\"");
        push_href(&mut html, image.src);
        html.push('"');
        push_common(&mut html, image, info.width, info.height);
        return html;
    }
    let ext = original_ext(image.src);
    // The largest variant stands in for an original too big to send.
    let largest = *widths.last().unwrap_or(&info.width);
    let (src, src_width) = if info.width <= MAX_SENT_WIDTH {
        (image.src.to_string(), info.width)
    } else {
        (variant_path(image.src, largest, &ext), largest)
    };
    html.push_str("<picture><source type=\"image/webp\" srcset=\"");
    push_srcset(&mut html, image.src, &info.webp_widths(), "webp", None);
    html.push_str("\" sizes=\"");
    html.push_str(SIZES);
    html.push_str("\"><img src=\"");
    push_href(&mut html, &src);
    html.push_str("\" srcset=\"");
    let full = (src_width == info.width).then_some((image.src, info.width));
    push_srcset(&mut html, image.src, &widths, &ext, full);
    html.push_str("\" sizes=\"");
    html.push_str(SIZES);
    html.push('"');
    push_common(&mut html, image, src_width, info.height_at(src_width));
    html.push_str("</picture>");
    html
}

fn push_srcset(html: &mut String, src: &str, widths: &[u32], ext: &str, full: Option<(&str, u32)>) {
    for (i, width) in widths.iter().enumerate() {
        if i > 0 {
            html.push_str(", ");
        }
        push_href(html, &variant_path(src, *width, ext));
        html.push_str(&format!(" {width}w"));
    }
    if let Some((url, width)) = full {
        html.push_str(", ");
        push_href(html, url);
        html.push_str(&format!(" {width}w"));
    }
}

fn push_common(html: &mut String, image: ImageMarkup, width: u32, height: u32) {
    html.push_str(" alt=\"");
    let _ = escape_html(&mut *html, image.alt);
    html.push('"');
    if let Some(title) = image.title.filter(|t| !t.is_empty()) {
        html.push_str(" title=\"");
        let _ = escape_html(&mut *html, title);
        html.push('"');
    }
    if width > 0 && height > 0 {
        html.push_str(&format!(" width=\"{width}\" height=\"{height}\""));
    }
    if !image.first {
        html.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    html.push('>');
}

fn push_href(html: &mut String, url: &str) {
    let _ = escape_href(&mut *html, url);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::images::ImageKind;

    /// An image of this kind and size; `hash` is what makes its variants.
    fn info(kind: ImageKind, width: u32, height: u32, hash: Option<u128>) -> ImageInfo {
        ImageInfo {
            kind,
            width,
            height,
            hash,
        }
    }

    fn markup(src: &str, info: &ImageInfo, first: bool) -> String {
        image_html(ImageMarkup {
            src,
            alt: "A \"chart\"",
            title: None,
            info,
            first,
        })
    }

    #[test]
    fn small_images_get_their_size_and_lazy_loading() {
        let info = info(ImageKind::Png, 600, 300, None);
        assert_eq!(
            markup("/g/a.png", &info, false),
            "<img src=\"/g/a.png\" alt=\"A &quot;chart&quot;\" width=\"600\" height=\"300\" loading=\"lazy\" decoding=\"async\">"
        );
        assert!(!markup("/g/a.png", &info, true).contains("loading"));
    }

    #[test]
    fn a_huge_photo_is_sent_as_its_variants() {
        let info = info(ImageKind::Jpeg, 6000, 4000, Some(1));
        let html = markup("/g/p.jpg", &info, false);
        assert!(html.starts_with("<picture><source type=\"image/webp\" srcset=\"/g/p-480w.webp 480w, /g/p-800w.webp 800w, /g/p-1200w.webp 1200w, /g/p-1600w.webp 1600w\""), "{html}");
        assert!(html.contains("<img src=\"/g/p-1600w.jpg\" srcset=\"/g/p-480w.jpg 480w, /g/p-800w.jpg 800w, /g/p-1200w.jpg 1200w, /g/p-1600w.jpg 1600w\""), "{html}");
        assert!(html.contains("width=\"1600\" height=\"1067\""), "{html}");
        assert!(html.ends_with("></picture>"));
    }

    #[test]
    fn a_moderately_wide_image_keeps_its_original_as_the_largest() {
        let info = info(ImageKind::Png, 1000, 500, Some(1));
        let html = markup("a.png", &info, true);
        assert!(
            html.contains(
                "<img src=\"a.png\" srcset=\"a-480w.png 480w, a-800w.png 800w, a.png 1000w\""
            ),
            "{html}"
        );
        assert!(
            html.contains("a-800w.webp 800w, a-1000w.webp 1000w\""),
            "{html}"
        );
        assert!(html.contains("width=\"1000\" height=\"500\""));
    }
}
