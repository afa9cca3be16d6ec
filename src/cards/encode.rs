//! A card's pixels -> PNG bytes: indexed (see [`super::palette`]) when
//! they fit in 256 colours, which is every card of the default theme, in
//! full colour otherwise. The image data is deflated in one call with
//! zlib-rs at level 4: on a card's indices that is as small as miniz (the
//! png crate's) at level 3 in about half the time (level 2: a sixth larger
//! again as fast; fdeflate, the png crate's fast mode, six times larger),
//! and the png crate's row-by-row writer also zeroed a 32 KB buffer twice
//! a row.

use resvg::tiny_skia::Pixmap;

use super::palette::{Rgba, Run, quantize_runs};

const LEVEL: i32 = 4;

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
    let mut zlib = vec![0; zlib_rs::compress_bound(filtered.len())];
    let (deflated, code) =
        zlib_rs::compress_slice(&mut zlib, &filtered, zlib_rs::DeflateConfig::new(LEVEL));
    if code != zlib_rs::ReturnCode::Ok {
        return Err(format!("deflate failed: {code:?}"));
    }
    let zlib = deflated.to_vec();
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
