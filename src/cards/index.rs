//! The warm path of the cards: a card's PNG is cached under the hash of
//! its SVG, and finding that name took laying the card out and rendering
//! its template. This index remembers, for a hash of everything the SVG is
//! made from (the texts the card shows, the card template and what it may
//! include, the fonts, the renderer and the growthsite binary), the name
//! of its PNG, so a known card costs a hash and a lookup.
//!
//! The index only ever names PNGs: a card it does not know (or whose PNG
//! is gone) takes the full path, which draws it when needed.

use std::collections::HashMap;
use std::path::Path;

use tera::Tera;

use super::render::RENDERER;
use super::{CARD_TEMPLATE, CardText};
use crate::assemble::Site;
use crate::cache::write_atomically;
use crate::render::templates::TemplateOrigins;

/// The index file, beside the PNGs.
pub const INDEX_FILE: &str = "index-1.bin";

const MAGIC: &[u8] = b"growthsite card index 1\n";

/// Card key -> the hash its PNG is cached under.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct CardIndex {
    entries: HashMap<u128, u128>,
}

impl CardIndex {
    /// The index in `dir`; empty when missing or unreadable (every card
    /// then takes the full path once).
    pub fn read(dir: &Path) -> CardIndex {
        let Ok(bytes) = std::fs::read(dir.join(INDEX_FILE)) else {
            return CardIndex::default();
        };
        let Some(body) = bytes.strip_prefix(MAGIC).filter(|b| b.len() % 32 == 0) else {
            return CardIndex::default();
        };
        let word = |b: &[u8]| u128::from_le_bytes(b.try_into().unwrap_or_default());
        let entries = body
            .chunks_exact(32)
            .map(|pair| (word(&pair[..16]), word(&pair[16..])))
            .collect();
        CardIndex { entries }
    }

    /// The PNG hash of a card key.
    pub fn get(&self, key: u128) -> Option<u128> {
        self.entries.get(&key).copied()
    }

    /// Adds (or replaces) entries.
    pub fn extend(&mut self, entries: impl IntoIterator<Item = (u128, u128)>) {
        self.entries.extend(entries);
    }

    /// The index's bytes, sorted by key so that the same cards give the
    /// same file.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut pairs: Vec<(u128, u128)> = self.entries.iter().map(|(&k, &v)| (k, v)).collect();
        pairs.sort_unstable();
        let mut out = Vec::with_capacity(MAGIC.len() + 32 * pairs.len());
        out.extend_from_slice(MAGIC);
        for (key, png) in pairs {
            out.extend_from_slice(&key.to_le_bytes());
            out.extend_from_slice(&png.to_le_bytes());
        }
        out
    }
}

/// What every card's SVG of a build is made from besides its texts:
/// `parts` (the renderer, the fonts, the binary, the card template and
/// what it may include), hashed once per build.
pub fn environment(parts: &[&[u8]]) -> u128 {
    let mut bytes = Vec::new();
    for part in parts {
        put(&mut bytes, part);
    }
    xxhash_rust::xxh3::xxh3_128(&bytes)
}

/// A card's key: its texts, in the build's `environment`. Each text is
/// length-prefixed, so that no two cards' texts run together alike.
pub fn card_key(environment: u128, card: &CardText) -> u128 {
    let mut bytes = Vec::with_capacity(256);
    bytes.extend_from_slice(&environment.to_le_bytes());
    for text in [card.title, card.site, card.address] {
        put(&mut bytes, text.as_bytes());
    }
    // The label shows only with a lesson: a language change leaves the
    // cards without one known.
    match card.lesson {
        Some(lesson) => {
            bytes.push(1);
            put(&mut bytes, lesson.as_bytes());
            put(&mut bytes, card.lesson_label.as_bytes());
        }
        None => bytes.push(0),
    }
    bytes.extend_from_slice(&(card.strategies.len() as u64).to_le_bytes());
    for name in card.strategies {
        put(&mut bytes, name.as_bytes());
    }
    xxhash_rust::xxh3::xxh3_128(&bytes)
}

fn put(bytes: &mut Vec<u8>, part: &[u8]) {
    bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
    bytes.extend_from_slice(part);
}

/// How a card's PNG was found: by the index, by its SVG's hash, or drawn;
/// with its index entry (card key, PNG hash) when the index may be used.
pub enum Found {
    /// By the index: (key, PNG hash).
    Known(u128, u128),
    /// By its SVG's hash: (key, PNG hash).
    Rendered(Option<u128>, u128),
    /// Drawn: its entry.
    Drawn(Option<(u128, u128)>),
}

impl Found {
    /// The card's index entry, when the index may be used.
    pub fn entry(&self) -> Option<(u128, u128)> {
        match *self {
            Found::Known(key, hash) => Some((key, hash)),
            Found::Rendered(key, hash) => key.map(|key| (key, hash)),
            Found::Drawn(entry) => entry,
        }
    }
}

/// Writes the index when it changed: after a build of every card, only
/// this build's entries (so it never grows past the site); after some
/// cards (`serve`), the old ones too. Failing to write it only costs the
/// next build time.
pub fn save_index(cache_dir: &Path, old: &CardIndex, learned: Vec<(u128, u128)>, whole: bool) {
    let mut index = if whole {
        CardIndex::default()
    } else {
        old.clone()
    };
    index.extend(learned);
    if index != *old {
        let _ = write_atomically(&cache_dir.join(INDEX_FILE), &index.to_bytes());
    }
}

/// What every card's SVG depends on besides its texts, for the index:
/// the renderer, the fonts, the growthsite binary (the layout code), the
/// card template (and every template, when it may include one) and the
/// address `url_for` writes. `None` (the index is not used) when the
/// binary is unknown or the template reads static files' fingerprints.
pub fn index_environment(
    site: &Site,
    tera: &Tera,
    origins: &TemplateOrigins,
    fonts: &str,
) -> Option<u128> {
    let binary = crate::reuse::binary_identity()?;
    let card = origins.text_of(CARD_TEMPLATE)?;
    let mut texts = vec![(CARD_TEMPLATE.to_string(), card)];
    if ["include", "extends", "import"]
        .iter()
        .any(|w| card.contains(w))
    {
        texts = origins
            .names()
            .into_iter()
            .filter_map(|name| Some((name.clone(), origins.text_of(&name)?)))
            .collect();
    }
    if texts.iter().any(|(_, text)| text.contains("asset"))
        || !tera.contains_template(CARD_TEMPLATE)
    {
        return None;
    }
    let mut parts: Vec<&[u8]> = vec![
        RENDERER.as_bytes(),
        fonts.as_bytes(),
        binary.as_bytes(),
        site.config.base_url.as_bytes(),
    ];
    for (name, text) in &texts {
        parts.push(name.as_bytes());
        parts.push(text.as_bytes());
    }
    Some(environment(&parts))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card<'a>(title: &'a str, lesson: Option<&'a str>, strategies: &'a [String]) -> CardText<'a> {
        CardText {
            title,
            lesson,
            strategies,
            site: "S",
            address: "a.example/",
            lesson_label: "The lesson",
        }
    }

    #[test]
    fn every_text_is_part_of_the_key() {
        let env = environment(&[b"r", b"f"]);
        let names = |n: &[&str]| n.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let (ab, ba, joined) = (names(&["a", "b"]), names(&["b", "a"]), names(&["ab"]));
        let base = card_key(env, &card("T", Some("L"), &ab));
        let differs = |c: CardText| assert_ne!(base, card_key(env, &c), "{c:?}");
        differs(card("T2", Some("L"), &ab));
        differs(card("T", None, &ab));
        differs(card("T", Some("L"), &ba));
        differs(card("T", Some("L"), &joined));
        differs(CardText {
            site: "S2",
            ..card("T", Some("L"), &ab)
        });
        differs(CardText {
            address: "b.example/",
            ..card("T", Some("L"), &ab)
        });
        differs(CardText {
            lesson_label: "La leçon",
            ..card("T", Some("L"), &ab)
        });
        assert_ne!(
            card_key(env, &card("T", None, &[])),
            card_key(env, &card("T", Some(""), &[]))
        );
        let unlabelled = CardText {
            lesson_label: "La leçon",
            ..card("T", None, &ab)
        };
        assert_eq!(
            card_key(env, &card("T", None, &ab)),
            card_key(env, &unlabelled)
        );
        let other_env = environment(&[b"r", b"g"]);
        assert_ne!(base, card_key(other_env, &card("T", Some("L"), &ab)));
        assert_eq!(base, card_key(env, &card("T", Some("L"), &ab)));
    }

    #[test]
    fn the_index_reads_back_what_it_wrote_and_ignores_a_damaged_file() {
        let dir = tempfile::tempdir().unwrap();
        let mut index = CardIndex::default();
        index.extend([(3, 4), (1, 2)]);
        std::fs::write(dir.path().join(INDEX_FILE), index.to_bytes()).unwrap();
        let back = CardIndex::read(dir.path());
        assert_eq!(back, index);
        assert_eq!(back.get(1), Some(2));
        let mut damaged = index.to_bytes();
        damaged.pop();
        std::fs::write(dir.path().join(INDEX_FILE), damaged).unwrap();
        assert_eq!(CardIndex::read(dir.path()), CardIndex::default());
    }
}
