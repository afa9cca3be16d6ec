//! One image file's header -> its format and size, without decoding the
//! pixels. SVG sizes come from the root element's `width`/`height`, or its
//! `viewBox` when those are missing or relative.

use std::io::{BufRead, Seek};

use super::ImageKind;

/// Reads the size of a raster image from its header. The format is taken
/// from the content, not the extension, as browsers do: they sniff an
/// image's bytes, so a JPEG named `.png` (common in real blogs) shows, and
/// is not an error.
pub fn probe_raster(reader: impl BufRead + Seek, kind: ImageKind) -> Result<(u32, u32), String> {
    let reader = image::ImageReader::new(reader)
        .with_guessed_format()
        .map_err(|e| format!("cannot read it: {e}"))?;
    // Variants are decoded from the content and encoded by their name.
    match reader.format() {
        Some(
            image::ImageFormat::Jpeg
            | image::ImageFormat::Png
            | image::ImageFormat::Gif
            | image::ImageFormat::WebP,
        ) => {}
        Some(other) => return Err(format!("it is a {other:?} file, not {}", kind.mime())),
        None => return Err(format!("it is not a {} file", kind.mime())),
    }
    let mut decoder = reader
        .into_decoder()
        .map_err(|e| format!("its header is damaged: {e}"))?;
    let (mut width, mut height) = image::ImageDecoder::dimensions(&decoder);
    // A phone photo taken upright is stored sideways with an EXIF tag;
    // browsers show it turned, so its size is the turned one.
    if let Ok(orientation) = image::ImageDecoder::orientation(&mut decoder) {
        use image::metadata::Orientation::*;
        if matches!(
            orientation,
            Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH
        ) {
            std::mem::swap(&mut width, &mut height);
        }
    }
    if width == 0 || height == 0 {
        return Err("it has no pixels".into());
    }
    Ok((width, height))
}

/// Reads the size of an SVG image in CSS pixels; `None` when it states
/// none (browsers then draw it 300 by 150, or as the page's CSS says).
pub fn probe_svg(text: &str) -> Result<Option<(u32, u32)>, String> {
    // Drawing tools (draw.io, Inkscape) write a DOCTYPE; browsers show
    // such files, and roxmltree refuses a DTD unless told.
    let options = roxmltree::ParsingOptions {
        allow_dtd: true,
        ..roxmltree::ParsingOptions::default()
    };
    let doc = roxmltree::Document::parse_with_options(text, options)
        .map_err(|e| format!("it is not valid SVG: {e}"))?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg" {
        return Err("its root element is not <svg>".into());
    }
    let view_box = root.attribute("viewBox").and_then(|v| {
        let n: Vec<f64> = v
            .split(|c: char| c == ',' || c.is_whitespace())
            .filter(|s| !s.is_empty())
            .filter_map(|s| s.parse().ok())
            .collect();
        (n.len() == 4 && n[2] > 0.0 && n[3] > 0.0).then(|| (n[2], n[3]))
    });
    let width = root.attribute("width").and_then(css_pixels);
    let height = root.attribute("height").and_then(css_pixels);
    let (w, h) = match (width, height, view_box) {
        (Some(w), Some(h), _) => (w, h),
        (Some(w), None, Some((vw, vh))) => (w, w * vh / vw),
        (None, Some(h), Some((vw, vh))) => (h * vw / vh, h),
        (None, None, Some(size)) => size,
        _ => return Ok(None),
    };
    let round = |v: f64| v.round().clamp(1.0, f64::from(u32::MAX)) as u32;
    Ok(Some((round(w), round(h))))
}

/// `120`, `120px`, `1.5in`... as CSS pixels; `None` for relative units
/// (`%`, `em`), which give no intrinsic size.
fn css_pixels(value: &str) -> Option<f64> {
    let value = value.trim();
    let split = value
        .find(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-' || c == '+' || c == 'e'))
        .unwrap_or(value.len());
    let (number, unit) = value.split_at(split);
    let number: f64 = number.parse().ok()?;
    let factor = match unit.trim() {
        "" | "px" => 1.0,
        "in" => 96.0,
        "cm" => 96.0 / 2.54,
        "mm" => 96.0 / 25.4,
        "pt" => 96.0 / 72.0,
        "pc" => 16.0,
        _ => return None,
    };
    (number > 0.0).then_some(number * factor)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_size_from_attributes_or_view_box() {
        let svg = |attrs: &str| format!("<svg xmlns=\"http://www.w3.org/2000/svg\" {attrs}/>");
        for (attributes, size) in [
            ("width=\"120\" height=\"40px\"", Some((120, 40))),
            ("viewBox=\"0 0 800 400\"", Some((800, 400))),
            ("width=\"100%\" viewBox=\"0,0,800,400\"", Some((800, 400))),
            ("width=\"400\" viewBox=\"0 0 800 400\"", Some((400, 200))),
            ("", None),
        ] {
            assert_eq!(probe_svg(&svg(attributes)), Ok(size), "{attributes}");
        }
        let drawn = "<?xml version=\"1.0\"?>\n<!DOCTYPE svg PUBLIC \"-//W3C//DTD SVG 1.1//EN\" \"http://www.w3.org/Graphics/SVG/1.1/DTD/svg11.dtd\">\n<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"40\" height=\"20\"/>";
        assert_eq!(probe_svg(drawn), Ok(Some((40, 20))));
        assert!(probe_svg("<svg").is_err());
        assert!(probe_svg("<html/>").is_err());
    }

    #[test]
    fn raster_headers_whatever_the_extension_says() {
        let mut png = Vec::new();
        image::RgbImage::new(30, 20)
            .write_to(&mut std::io::Cursor::new(&mut png), image::ImageFormat::Png)
            .unwrap();
        assert_eq!(
            probe_raster(std::io::Cursor::new(&png), ImageKind::Png),
            Ok((30, 20))
        );
        // Browsers sniff the content: a PNG named .jpg shows, at its size.
        assert_eq!(
            probe_raster(std::io::Cursor::new(&png), ImageKind::Jpeg),
            Ok((30, 20))
        );
        let garbage = probe_raster(std::io::Cursor::new(b"not an image"), ImageKind::Png);
        assert!(garbage.is_err());
        let cut = probe_raster(std::io::Cursor::new(&png[..20]), ImageKind::Png);
        assert!(cut.is_err());
    }
}
