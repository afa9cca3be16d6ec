//! A fast hash for the build's own maps: the search index's words, the link
//! check's URLs and ids, a card's colours. Their keys are short and come
//! from the site being built, none adversarial enough to need SipHash, and
//! a build hashes millions of them (SipHash was a tenth of the link
//! check's work).

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};

/// A map hashed with [`Fx`].
pub type FxMap<K, V> = HashMap<K, V, BuildHasherDefault<Fx>>;

/// A set hashed with [`Fx`].
pub type FxSet<T> = HashSet<T, BuildHasherDefault<Fx>>;

/// The hasher of [`FxMap`] and [`FxSet`].
#[derive(Default)]
pub struct Fx(u64);

impl Fx {
    /// A hasher whose state starts at `seed` rather than 0.
    pub fn starting_from(seed: u64) -> Fx {
        Fx(seed)
    }

    /// Mixes in eight bytes (read little-endian).
    pub fn mix(&mut self, word: u64) {
        self.0 = (self.0.rotate_left(5) ^ word).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        // Eight bytes at a time, the last chunk padded with zeros; whole
        // chunks apart, so that their copy has a fixed length.
        let mut chunks = bytes.chunks_exact(8);
        for chunk in &mut chunks {
            self.mix(u64::from_le_bytes(chunk.try_into().unwrap_or_default()));
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut word = [0u8; 8];
            word[..rest.len()].copy_from_slice(rest);
            self.mix(u64::from_le_bytes(word));
        }
    }
    fn finish(&self) -> u64 {
        // The multiply leaves the low bits, which pick the bucket, to the
        // first letters alone: the well-mixed high bits go there instead.
        self.0.rotate_left(26)
    }
}
