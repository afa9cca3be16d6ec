//! Highlighted code blocks kept between builds: `(language, code)` ->
//! the HTML the highlighter made, in one file under `.growthsite/cache/`.
//! A site rebuilt with few changes highlights only its new or changed
//! blocks; parsing with tree-sitter is most of what highlighting costs.
//!
//! Only the previous build's blocks are looked up: a block that appears
//! twice in one build is highlighted twice, so a first build costs what it
//! costs. The file holds the blocks this build used, sorted by key (the
//! same site writes the same file), and is rewritten only when that set
//! changed.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use crate::cache::write_atomically;

/// The cache file, in the `code` cache folder.
pub const CODE_CACHE_FILE: &str = "highlighted.bin";

/// Changes whenever the same code would be highlighted differently (the
/// grammars, the token classes), so that older entries are dropped.
const FORMAT: &str = concat!(
    "growthsite-code-cache 1 ",
    env!("CARGO_PKG_VERSION"),
    " arborium-2.18 classes-1\n"
);

/// Highlighted blocks from the previous build, and those of this one.
#[derive(Debug, Default)]
pub struct CodeCache {
    previous: HashMap<u64, String>,
    used: Mutex<BTreeMap<u64, String>>,
    hits: AtomicUsize,
    misses: AtomicUsize,
}

/// How many blocks were highlighted, and how many came from the cache.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CodeWork {
    /// Blocks highlighted by this build.
    pub highlighted: usize,
    /// Blocks taken from the previous build's cache.
    pub cached: usize,
}

impl CodeCache {
    /// The cache a previous build wrote (empty when the bytes come from
    /// another version or are damaged: the blocks are highlighted again).
    pub fn decode(bytes: &[u8]) -> CodeCache {
        let previous = bytes
            .strip_prefix(FORMAT.as_bytes())
            .and_then(decode_entries)
            .unwrap_or_default();
        CodeCache {
            previous,
            ..CodeCache::default()
        }
    }

    /// The key of a block.
    pub fn key(language: &str, code: &str) -> u64 {
        let mut hasher = xxhash_rust::xxh3::Xxh3::new();
        hasher.update(language.as_bytes());
        hasher.update(&[0]);
        hasher.update(code.as_bytes());
        hasher.digest()
    }

    /// The previous build's HTML for this key, kept for the next build.
    pub fn get(&self, key: u64) -> Option<String> {
        let html = self.previous.get(&key)?;
        self.hits.fetch_add(1, Ordering::Relaxed);
        self.used_entries().insert(key, html.clone());
        Some(html.clone())
    }

    /// Keeps a block highlighted by this build for the next one.
    pub fn keep(&self, key: u64, html: &str) {
        self.misses.fetch_add(1, Ordering::Relaxed);
        self.used_entries().insert(key, html.to_string());
    }

    /// What this build did.
    pub fn work(&self) -> CodeWork {
        CodeWork {
            highlighted: self.misses.load(Ordering::Relaxed),
            cached: self.hits.load(Ordering::Relaxed),
        }
    }

    /// The file's bytes for the next build, or `None` when the previous
    /// file already holds exactly the blocks this build used.
    pub fn encode_if_changed(&self) -> Option<Vec<u8>> {
        let used = self.used_entries();
        let unchanged = used.len() == self.previous.len()
            && used.keys().all(|key| self.previous.contains_key(key));
        if unchanged {
            return None;
        }
        let mut bytes = FORMAT.as_bytes().to_vec();
        for (key, html) in used.iter() {
            bytes.extend_from_slice(&key.to_le_bytes());
            bytes.extend_from_slice(&(html.len() as u64).to_le_bytes());
            bytes.extend_from_slice(html.as_bytes());
        }
        Some(bytes)
    }

    fn used_entries(&self) -> std::sync::MutexGuard<'_, BTreeMap<u64, String>> {
        self.used
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn decode_entries(mut bytes: &[u8]) -> Option<HashMap<u64, String>> {
    let mut entries = HashMap::new();
    while !bytes.is_empty() {
        let (key, rest) = bytes.split_first_chunk::<8>()?;
        let (len, rest) = rest.split_first_chunk::<8>()?;
        let len = usize::try_from(u64::from_le_bytes(*len)).ok()?;
        if rest.len() < len {
            return None;
        }
        let (html, rest) = rest.split_at(len);
        entries.insert(
            u64::from_le_bytes(*key),
            String::from_utf8(html.to_vec()).ok()?,
        );
        bytes = rest;
    }
    Some(entries)
}

/// Reads the cache a previous build left in `folder` (empty when there is
/// none or it cannot be read).
pub fn load_code_cache(folder: &Path) -> CodeCache {
    std::fs::read(folder.join(CODE_CACHE_FILE))
        .map(|bytes| CodeCache::decode(&bytes))
        .unwrap_or_default()
}

/// Writes the blocks this build used into `folder`, when they changed. A
/// cache that cannot be written only costs the next build time.
pub fn save_code_cache(folder: &Path, cache: &CodeCache) {
    if let Some(bytes) = cache.encode_if_changed() {
        let _ = std::fs::create_dir_all(folder)
            .and_then(|()| write_atomically(&folder.join(CODE_CACHE_FILE), &bytes));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_survive_a_round_trip_and_unused_ones_are_dropped() {
        let first = CodeCache::default();
        let rust = CodeCache::key("rust", "fn main() {}\n");
        let sql = CodeCache::key("sql", "select 1;\n");
        first.keep(rust, "<span class=\"k\">fn</span> main() {}\n");
        first.keep(sql, "<span class=\"k\">select</span> 1;\n");
        let bytes = first.encode_if_changed().expect("new blocks");
        assert_eq!(first.encode_if_changed().as_deref(), Some(&bytes[..]));

        let second = CodeCache::decode(&bytes);
        assert_eq!(
            second.get(rust).as_deref(),
            Some("<span class=\"k\">fn</span> main() {}\n")
        );
        assert_eq!(second.get(CodeCache::key("rust", "other")), None);
        assert_eq!(
            second.work(),
            CodeWork {
                highlighted: 0,
                cached: 1
            }
        );
        // The SQL block was not used: the file is rewritten without it.
        let rewritten = CodeCache::decode(&second.encode_if_changed().expect("changed"));
        assert!(rewritten.get(rust).is_some() && rewritten.get(sql).is_none());
        assert_eq!(rewritten.encode_if_changed(), None, "nothing changed");
    }

    #[test]
    fn another_format_or_damaged_bytes_give_an_empty_cache() {
        let cache = CodeCache::default();
        cache.keep(CodeCache::key("go", "x"), "x");
        let mut bytes = cache.encode_if_changed().unwrap();
        assert!(
            CodeCache::decode(&bytes[..bytes.len() - 1])
                .previous
                .is_empty()
        );
        bytes[0] = b'G';
        assert!(CodeCache::decode(&bytes).previous.is_empty());
        assert!(CodeCache::decode(b"").previous.is_empty());
    }

    #[test]
    fn the_language_is_part_of_the_key() {
        assert_ne!(CodeCache::key("rust", "x"), CodeCache::key("rus", "tx"));
    }
}
