//! A card's pixels -> PNG bytes: indexed (see [`super::palette`]) when
//! they fit in 256 colours, which is every card of the default theme, in
//! full colour otherwise. The image data is deflated in one call with
//! libdeflate at level 7. On 1,000 cold cards, against zlib-rs at level 4
//! (the encoder before): 10% fewer bytes (17.2 KB a card against 19.1) for
//! 11% more wall in the build, whose cards stage is most of it (paired
//! whole-process runs); level 8 saves 13% for 29%, level 9 14% for 51%,
//! level 6 8% for 6%. A card is drawn once and cached, so the cost is paid
//! once per card.

use resvg::tiny_skia::Pixmap;

use super::palette::{Rgba, Run, quantize_runs};

const LEVEL: i32 = 7;

/// The PNG of a drawn card.
pub fn encode_png(pixmap: &Pixmap) -> Result<Vec<u8>, String> {
    let runs = runs_of(pixmap);
    let (width, height) = (pixmap.width(), pixmap.height());
    let mut out = Vec::new();
    let mut encoder = png::Encoder::new(&mut out, width, height);
    encoder.set_depth(png::BitDepth::Eight);
    let (data, row) = match quantize_runs(&runs) {
        Some(indexed) => {
            encoder.set_color(png::ColorType::Indexed);
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
            (indexed.indices, width as usize)
        }
        None => {
            encoder.set_color(png::ColorType::Rgba);
            let pixels = runs
                .iter()
                .flat_map(|&(colour, n)| std::iter::repeat_n(colour, n as usize));
            (pixels.flatten().collect(), 4 * width as usize)
        }
    };
    // Each row unfiltered (filter byte 0): rows of palette indices do not
    // predict each other, so they compress best as they are.
    let mut filtered = Vec::with_capacity(data.len() + height as usize);
    for line in data.chunks(row) {
        filtered.push(0);
        filtered.extend_from_slice(line);
    }
    let mut compressor = libdeflater::Compressor::new(
        libdeflater::CompressionLvl::new(LEVEL).map_err(|e| format!("deflate: {e:?}"))?,
    );
    let mut zlib = vec![0; compressor.zlib_compress_bound(filtered.len())];
    let len = compressor
        .zlib_compress(&filtered, &mut zlib)
        .map_err(|e| format!("deflate failed: {e:?}"))?;
    zlib.truncate(len);
    let mut writer = encoder.write_header().map_err(|e| e.to_string())?;
    writer
        .write_chunk(png::chunk::IDAT, &zlib)
        .map_err(|e| e.to_string())?;
    writer.finish().map_err(|e| e.to_string())?;
    Ok(out)
}

/// The pixmap's pixels as runs of one colour, not premultiplied: a card is
/// mostly flat colour, so a run is compared as one word and demultiplied
/// once.
fn runs_of(pixmap: &Pixmap) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut last = None;
    for pixel in pixmap.pixels() {
        if last == Some(*pixel) {
            if let Some(run) = runs.last_mut() {
                run.1 += 1;
            }
            continue;
        }
        last = Some(*pixel);
        let c = pixel.demultiply();
        let colour: Rgba = [c.red(), c.green(), c.blue(), c.alpha()];
        runs.push((colour, 1));
    }
    runs
}

#[cfg(test)]
mod tests {
    use super::*;
    use resvg::tiny_skia::{Color, Paint, Rect, Transform};

    /// The PNG's pixels, as RGBA (palette and transparency applied).
    fn decode(png_bytes: &[u8]) -> (png::ColorType, Vec<u8>) {
        let mut decoder = png::Decoder::new(std::io::Cursor::new(png_bytes));
        decoder.set_transformations(png::Transformations::EXPAND | png::Transformations::ALPHA);
        let mut reader = decoder.read_info().unwrap();
        let colour = reader.info().color_type;
        let mut pixels = vec![0; reader.output_buffer_size().unwrap()];
        let frame = reader.next_frame(&mut pixels).unwrap();
        pixels.truncate(frame.buffer_size());
        (colour, pixels)
    }

    fn rgba(pixmap: &Pixmap) -> Vec<u8> {
        pixmap
            .pixels()
            .iter()
            .flat_map(|p| {
                let c = p.demultiply();
                [c.red(), c.green(), c.blue(), c.alpha()]
            })
            .collect()
    }

    #[test]
    fn flat_colours_and_a_gradient_decode_to_the_same_pixels() {
        let mut flat = Pixmap::new(300, 120).unwrap();
        flat.fill(Color::from_rgba8(0xfa, 0xf7, 0xf2, 255));
        let mut paint = Paint::default();
        paint.set_color_rgba8(0x6f, 0x94, 0x63, 255);
        let rect = Rect::from_xywh(20.0, 10.0, 200.0, 60.0).unwrap();
        flat.fill_rect(rect, &paint, Transform::identity(), None);
        let (colour, pixels) = decode(&encode_png(&flat).unwrap());
        assert_eq!(colour, png::ColorType::Indexed);
        assert_eq!(pixels, rgba(&flat));

        // More colours than a palette holds: full colour, still lossless.
        let mut gradient = Pixmap::new(300, 300).unwrap();
        for (i, pixel) in gradient.pixels_mut().iter_mut().enumerate() {
            let (r, g) = ((i % 256) as u8, (i / 256 % 256) as u8);
            *pixel = resvg::tiny_skia::ColorU8::from_rgba(r, g, 7, 255).premultiply();
        }
        let (colour, pixels) = decode(&encode_png(&gradient).unwrap());
        assert_eq!(colour, png::ColorType::Rgba);
        assert_eq!(pixels, rgba(&gradient));
    }
}
