//! A card's pixels -> at most 256 colours, for an indexed PNG a sixth of
//! the size. A card is a few flat colours (the theme's palette) and the
//! antialiased edges between them, so each colour is mapped to a flat
//! colour ("key") or to one of 7 steps between the two keys it lies
//! between: flat areas stay exact, edges keep their antialiasing (8
//! levels; at 4x zoom the cards cannot be told apart from 256 levels) and
//! compress a fifth better. Pixels that are not flat colours and their
//! edges (a gradient, a photo, an emoji in a user's template) keep their
//! exact colours when there are at most 256 of them, and full colour
//! otherwise. Pure and deterministic: the same pixels give the same
//! palette and indices.

use crate::fx::FxMap;

/// At most this many flat colours; the rest are blends of them.
const MAX_KEYS: usize = 32;
/// A card with more distinct colours than this (a photo, a gradient in a
/// user's template) is not quantized: it is kept in full colour.
const MAX_DISTINCT: usize = 16_384;
/// A colour this close (squared, summed over RGBA) to a blend of two keys
/// is that blend, not a key of its own: rounding in the rasterizer.
const BLEND_TOLERANCE: f64 = 12.0;
/// Steps from one key to the next.
const LEVELS: u8 = 8;

/// An RGBA colour, not premultiplied.
pub type Rgba = [u8; 4];

/// Pixels as a palette and one index per pixel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Indexed {
    /// The colours, at most 256.
    pub palette: Vec<Rgba>,
    /// One palette index per pixel, row by row.
    pub indices: Vec<u8>,
}

/// A run of pixels of one colour: the colour and how many, row by row.
pub type Run = (Rgba, u32);

/// The pixels in at most 256 colours, or `None` when they are too varied
/// for that (keep them in full colour).
pub fn quantize(pixels: &[Rgba]) -> Option<Indexed> {
    let mut runs: Vec<Run> = Vec::new();
    for &pixel in pixels {
        match runs.last_mut() {
            Some((colour, count)) if *colour == pixel => *count += 1,
            _ => runs.push((pixel, 1)),
        }
    }
    quantize_runs(&runs)
}

/// [`quantize`] for pixels given as runs: a card is mostly long runs of
/// one colour, so its colours are counted and mapped once a run, not
/// once a pixel.
pub fn quantize_runs(runs: &[Run]) -> Option<Indexed> {
    let counts = histogram(runs);
    if counts.len() > MAX_DISTINCT {
        return None;
    }
    let pixels: usize = runs.iter().map(|&(_, n)| n as usize).sum();
    // Most frequent first; ties by colour, so the order is the same on
    // every run.
    let mut colours: Vec<(Rgba, u32)> = counts.into_iter().collect();
    colours.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    let keys = keys_of(&colours);
    let (chosen, palette) = match blends_palette(&keys, &colours, pixels) {
        Some(blended) => blended,
        None if colours.len() <= 256 => {
            let palette: Vec<Rgba> = colours.iter().map(|&(c, _)| c).collect();
            let chosen = palette.iter().enumerate().map(|(i, &c)| (c, i as u8));
            (chosen.collect(), palette)
        }
        None => return None,
    };
    Some(Indexed {
        palette,
        indices: indices_of(runs, pixels, &chosen),
    })
}

/// Colours and their counts: few (a card's palette and its edges), looked
/// up once a run, so a fast hash rather than SipHash.
type ColourMap<V> = FxMap<Rgba, V>;

fn histogram(runs: &[Run]) -> ColourMap<u32> {
    let mut counts = ColourMap::default();
    for &(colour, n) in runs {
        *counts.entry(colour).or_default() += n;
    }
    counts
}

/// The flat colours: frequent colours that are not a blend of two more
/// frequent ones.
fn keys_of(colours: &[(Rgba, u32)]) -> Vec<Rgba> {
    let mut keys: Vec<Rgba> = Vec::new();
    for &(colour, _) in colours {
        if keys.len() == MAX_KEYS {
            break;
        }
        let blend = pairs(keys.len()).any(|(i, j)| {
            let (_, error) = nearest_on(colour, keys[i], keys[j], 255);
            f64::from(error) <= BLEND_TOLERANCE
        });
        if !blend {
            keys.push(colour);
        }
    }
    keys
}

/// Where a colour goes: a key (`i == j`), or a step between two keys.
type Choice = (usize, usize, u8);

/// The keys, then each step between two keys some colour goes to, and
/// where each colour goes. `None` unless the keys and their edges are the
/// picture: a colour off every line between two keys (more than a few
/// stray pixels where three colours meet), blends covering an area rather
/// than edges (a gradient), or more than 256 colours.
fn blends_palette(
    keys: &[Rgba],
    colours: &[(Rgba, u32)],
    pixels: usize,
) -> Option<(ColourMap<u8>, Vec<Rgba>)> {
    let (mut stray, mut blended) = (0usize, 0usize);
    let mut choices: Vec<Choice> = Vec::with_capacity(colours.len());
    for &(colour, count) in colours {
        let (choice, error) = choose(keys, colour);
        if error > BLEND_TOLERANCE {
            stray += count as usize;
        }
        if !keys.contains(&colour) {
            blended += count as usize;
        }
        choices.push(choice);
    }
    if stray > pixels / 1000 || blended > pixels / 8 {
        return None;
    }
    let mut used: Vec<Choice> = choices.iter().copied().filter(|c| c.0 != c.1).collect();
    used.sort_unstable();
    used.dedup();
    if keys.len() + used.len() > 256 {
        return None;
    }
    let blends = used
        .iter()
        .map(|&(i, j, step)| mix(keys[i], keys[j], step, LEVELS));
    let palette: Vec<Rgba> = keys.iter().copied().chain(blends).collect();
    let slot = |choice: Choice| match choice {
        (i, j, _) if i == j => i,
        _ => keys.len() + used.binary_search(&choice).unwrap_or(0),
    };
    let chosen = colours
        .iter()
        .zip(choices)
        .map(|(&(colour, _), choice)| (colour, slot(choice) as u8))
        .collect();
    Some((chosen, palette))
}

/// The blend a colour is: the two keys whose line it lies nearest to
/// (the rasterizer mixed two colours at an edge), then the nearest step
/// on that line. Choosing the line first keeps an edge's hue: a grey edge
/// of ink on paper does not turn into a step of leaf on paper that
/// happens to be nearer.
/// Also gives the colour's squared distance from that line.
fn choose(keys: &[Rgba], colour: Rgba) -> (Choice, f64) {
    let mut best: (f64, Choice) = (f64::MAX, (0, 0, 0));
    for (i, &key) in keys.iter().enumerate() {
        let error = f64::from(distance(colour, key));
        if error < best.0 {
            best = (error, (i, i, 0));
        }
    }
    for (i, j) in pairs(keys.len()) {
        let error = line_distance(colour, keys[i], keys[j]);
        if error < best.0 {
            let (step, _) = nearest_on(colour, keys[i], keys[j], LEVELS);
            let choice = match step {
                0 => (i, i, 0),
                s if s == LEVELS => (j, j, 0),
                s => (i, j, s),
            };
            best = (error, choice);
        }
    }
    (best.1, best.0)
}

/// Squared distance from `colour` to the segment from `a` to `b`.
fn line_distance(colour: Rgba, a: Rgba, b: Rgba) -> f64 {
    let (mut along, mut length) = (0.0, 0.0);
    for c in 0..4 {
        let ab = f64::from(b[c]) - f64::from(a[c]);
        along += (f64::from(colour[c]) - f64::from(a[c])) * ab;
        length += ab * ab;
    }
    let t = if length == 0.0 {
        0.0
    } else {
        (along / length).clamp(0.0, 1.0)
    };
    (0..4)
        .map(|c| {
            let point = f64::from(a[c]) + t * (f64::from(b[c]) - f64::from(a[c]));
            (f64::from(colour[c]) - point).powi(2)
        })
        .sum()
}

/// Each pixel's palette index.
fn indices_of(runs: &[Run], pixels: usize, chosen: &ColourMap<u8>) -> Vec<u8> {
    let mut indices = Vec::with_capacity(pixels);
    for &(colour, n) in runs {
        let i = chosen.get(&colour).copied().unwrap_or(0);
        indices.resize(indices.len() + n as usize, i);
    }
    indices
}

fn pairs(n: usize) -> impl Iterator<Item = (usize, usize)> {
    (0..n).flat_map(move |i| (i + 1..n).map(move |j| (i, j)))
}

fn distance(a: Rgba, b: Rgba) -> i32 {
    (0..4)
        .map(|c| (i32::from(a[c]) - i32::from(b[c])).pow(2))
        .sum()
}

/// The step (0..=levels) of the blend of `a` and `b` nearest to `colour`,
/// and its squared distance.
fn nearest_on(colour: Rgba, a: Rgba, b: Rgba, levels: u8) -> (u8, i32) {
    let (mut along, mut length) = (0i64, 0i64);
    for c in 0..4 {
        let ab = i64::from(b[c]) - i64::from(a[c]);
        along += (i64::from(colour[c]) - i64::from(a[c])) * ab;
        length += ab * ab;
    }
    let levels_wide = i64::from(levels);
    let step = if length == 0 {
        0
    } else {
        ((2 * along * levels_wide + length) / (2 * length)).clamp(0, levels_wide)
    };
    let step = step as u8;
    (step, distance(colour, mix(a, b, step, levels)))
}

fn mix(a: Rgba, b: Rgba, step: u8, levels: u8) -> Rgba {
    let (s, l) = (i32::from(step), i32::from(levels));
    std::array::from_fn(|c| {
        let v = (i32::from(a[c]) * (l - s) + i32::from(b[c]) * s + l / 2) / l;
        v as u8
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAPER: Rgba = [0xfb, 0xf7, 0xf1, 255];
    const INK: Rgba = [0x2a, 0x24, 0x20, 255];
    const LEAF: Rgba = [0x6f, 0x94, 0x63, 255];

    /// Flat areas of three colours, with every antialiasing level of ink
    /// and leaf on paper between them.
    fn card_like() -> Vec<Rgba> {
        let mut pixels = vec![PAPER; 4000];
        pixels.extend(vec![INK; 2000]);
        pixels.extend(vec![LEAF; 1000]);
        for step in 0..=255u8 {
            pixels.push(mix(PAPER, INK, step, 255));
            pixels.push(mix(PAPER, LEAF, step, 255));
        }
        pixels
    }

    #[test]
    fn few_colours_are_kept_exactly() {
        let pixels = [PAPER, INK, PAPER, LEAF, LEAF];
        let indexed = quantize(&pixels).unwrap();
        let back: Vec<Rgba> = indexed
            .indices
            .iter()
            .map(|&i| indexed.palette[i as usize])
            .collect();
        assert_eq!(back, pixels);
    }

    #[test]
    fn flat_colours_stay_exact_and_edges_stay_close() {
        let pixels = card_like();
        let indexed = quantize(&pixels).unwrap();
        assert!(indexed.palette.len() <= 256);
        assert_eq!(&indexed.palette[..3], &[PAPER, INK, LEAF]);
        for (pixel, &i) in pixels.iter().zip(&indexed.indices) {
            let got = indexed.palette[i as usize];
            // 8 levels between paper and ink (26 apart in each channel):
            // at most half a step off, and a unit of rounding.
            let off = (0..4).map(|c| pixel[c].abs_diff(got[c])).max();
            assert!(off <= Some(14), "{pixel:?} -> {got:?}");
        }
        assert!(indexed.palette.len() <= 3 + 3 * 7, "{:?}", indexed.palette);
        assert_eq!(quantize(&pixels), Some(indexed), "deterministic");
    }

    fn round_trip(pixels: &[Rgba]) -> Vec<Rgba> {
        let indexed = quantize(pixels).unwrap();
        let palette = &indexed.palette;
        indexed
            .indices
            .iter()
            .map(|&i| palette[i as usize])
            .collect()
    }

    #[test]
    fn areas_of_blends_and_stray_colours_keep_their_exact_colours() {
        // A gradient from paper to ink over a whole area, not an edge.
        let mut gradient = vec![PAPER; 4000];
        for step in 0..=200u8 {
            gradient.extend(vec![mix(PAPER, INK, step, 200); 20]);
        }
        assert_eq!(round_trip(&gradient), gradient);
        // A small many-coloured logo on a page of ink and paper.
        let mut logo = vec![PAPER; 4000];
        logo.extend(vec![INK; 2000]);
        logo.extend((0..100u8).map(|i| {
            [
                i.wrapping_mul(37),
                i.wrapping_mul(91),
                i.wrapping_mul(53),
                255,
            ]
        }));
        assert_eq!(round_trip(&logo), logo);
    }

    #[test]
    fn a_gradient_is_left_in_full_colour() {
        let pixels: Vec<Rgba> = (0..MAX_DISTINCT as u32 + 1)
            .map(|i| [(i % 256) as u8, (i / 256) as u8, 7, 255])
            .collect();
        assert_eq!(quantize(&pixels), None);
    }
}
