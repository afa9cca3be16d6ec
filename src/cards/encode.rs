//! A card's pixels -> PNG bytes: indexed (see [`super::palette`]) when
//! they fit in 256 colours, which is every card of the default theme, in
//! full colour otherwise. Deflate at level 3: on a card's indices it is
//! within 7% of level 6's size at under half its time (fdeflate, the png
//! crate's fast mode, makes them six times larger).

use resvg::tiny_skia::Pixmap;

use super::palette::{Rgba, quantize};

/// The PNG of a drawn card.
pub fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, String> {
    let pixels: Vec<Rgba> = pixmap
        .pixels()
        .iter()
        .map(|p| {
            let c = p.demultiply();
            [c.red(), c.green(), c.blue(), c.alpha()]
        })
        .collect();
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, pixmap.width(), pixmap.height());
    encoder.set_deflate_compression(png::DeflateCompression::Level(3));
    let data: Vec<u8> = match quantize(&pixels) {
        Some(indexed) => {
            encoder.set_color(png::ColorType::Indexed);
            encoder.set_depth(png::BitDepth::Eight);
            // Rows of palette indices do not predict each other: unfiltered
            // they compress best.
            encoder.set_filter(png::Filter::NoFilter);
            let rgb: Vec<u8> = indexed
                .palette
                .iter()
                .flat_map(|c| [c[0], c[1], c[2]])
                .collect();
            encoder.set_palette(rgb);
            if indexed.palette.iter().any(|c| c[3] < 255) {
                let alpha: Vec<u8> = indexed.palette.iter().map(|c| c[3]).collect();
                encoder.set_trns(alpha);
            }
            indexed.indices
        }
        None => {
            encoder.set_color(png::ColorType::Rgba);
            encoder.set_depth(png::BitDepth::Eight);
            pixels.into_iter().flatten().collect()
        }
    };
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer.write_image_data(&data).map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}
