//! A build of unchanged inputs, I/O: the digest of everything a build
//! reads -> whether the last build into the same output folder was made
//! from exactly that, and then the list of its files, to be hard-linked
//! into the new site instead of rendered and written again.
//!
//! Why this is safe: a build is a pure function of its inputs (the output
//! is byte-identical for the same input, which the tests hold it to), and
//! the digest covers every input: the growthsite binary itself (whose
//! built-in theme and code make the rest), the options that change the
//! output, the config, and the bytes of every file the walk finds (Markdown,
//! templates, static files, page-bundle files). A build's date is in the
//! options: a write-up dated tomorrow, or a goal overdue tomorrow, changes
//! the digest when the day does. The system's fonts, which social cards
//! use for titles in scripts the shipped fonts lack, are known only once
//! the titles are parsed: the record keeps the fingerprint of the fonts
//! the cards were drawn with (the one their cache keys hold), and a build
//! reuses the last one only while the system's fonts still have it.
//!
//! The record of a build ([`Manifest`], in the site's cache folder, one per
//! output folder) is written only for a build that found no problem at
//! all, so that a reused build has nothing to report either; and each file
//! it lists is reused only when its length and modification time are
//! still those it was written with.

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use sha1::{Digest, Sha1};
use xxhash_rust::xxh3::Xxh3;

use crate::cache::{cache_dir, write_atomically};
use crate::load::{AssetFile, Sources};
use crate::options::Options;
use crate::stats::BuildStats;

/// One file of a written site, as the record of its build lists it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct WrittenFile {
    /// Path in the output folder, `/`-separated.
    pub path: String,
    /// Length in bytes.
    pub len: u64,
    /// Modification time, nanoseconds since 1970.
    pub modified: u64,
}

/// The counts a build prints, kept for the build that reuses its files.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct RecordedStats {
    writeups: usize,
    strategies: usize,
    pages: usize,
    drafts_left_out: usize,
    future_left_out: usize,
    pages_checked: usize,
    links_checked: usize,
    images: usize,
    cards: usize,
    code_blocks: usize,
    /// The system's fonts' fingerprint, when the cards were drawn with them
    /// (hex: JSON numbers do not hold 128 bits).
    #[serde(default)]
    system_fonts: Option<String>,
}

impl RecordedStats {
    /// The counts of `stats` worth keeping.
    pub fn of(stats: &BuildStats) -> Self {
        RecordedStats {
            writeups: stats.writeups,
            strategies: stats.strategies,
            pages: stats.pages,
            drafts_left_out: stats.drafts_left_out,
            future_left_out: stats.future_left_out,
            pages_checked: stats.pages_checked,
            links_checked: stats.links_checked,
            images: stats.images.made + stats.images.cached,
            cards: stats.cards.drawn + stats.cards.cached,
            code_blocks: stats.code.highlighted + stats.code.cached,
            system_fonts: stats.cards.system_fonts.map(hex128),
        }
    }

    /// The stats of a build that reused every file: its images, cards and
    /// code blocks all count as taken from the cache.
    pub fn to_stats(&self) -> BuildStats {
        let mut stats = BuildStats {
            writeups: self.writeups,
            strategies: self.strategies,
            pages: self.pages,
            drafts_left_out: self.drafts_left_out,
            future_left_out: self.future_left_out,
            pages_checked: self.pages_checked,
            links_checked: self.links_checked,
            ..BuildStats::default()
        };
        stats.images.cached = self.images;
        stats.cards.cached = self.cards;
        stats.code.cached = self.code_blocks;
        stats.cards.system_fonts = self
            .system_fonts
            .as_deref()
            .and_then(|hex| u128::from_str_radix(hex, 16).ok());
        stats
    }
}

/// The record of the last build into one output folder.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Manifest {
    /// The digest of the build's inputs ([`inputs_digest`]).
    pub inputs: String,
    /// The output folder, absolute.
    pub output: PathBuf,
    /// What the build printed.
    pub stats: RecordedStats,
    /// Every file it wrote, sorted by path (the ownership marker aside).
    pub files: Vec<WrittenFile>,
}

impl Manifest {
    /// Whether this is the record of a build of `inputs` that drew its
    /// cards with the fonts there are now: the shipped ones (which the
    /// binary's identity covers), or the system's with the same
    /// fingerprint (a font installed or updated since draws them again).
    pub fn is_build_of(&self, inputs: &str) -> bool {
        self.inputs == inputs
            && self.stats.system_fonts.as_ref().is_none_or(|recorded| {
                *recorded == hex128(crate::cards::render::system_fonts_fingerprint())
            })
    }
}

fn hex128(value: u128) -> String {
    format!("{value:032x}")
}

/// Version of the record's format and of the digest's recipe.
const RECIPE: &str = "growthsite build inputs 2";

/// The digest of everything a build of `options` reads, given what the
/// load stage found; `None` when one of the files cannot be read (the
/// build itself then reports it) or the running binary is unknown.
///
/// XXH3-128, not a cryptographic hash: the inputs are the site's own files,
/// so only chance collisions matter, and at 128 bits those do not happen.
/// SHA-1 here was 5% of a warm build's instructions.
pub fn inputs_digest(options: &Options, sources: &Sources) -> Option<String> {
    let mut hasher = Xxh3::new();
    let mut put = |bytes: &[u8]| {
        hasher.update(&(bytes.len() as u64).to_le_bytes());
        hasher.update(bytes);
    };
    put(RECIPE.as_bytes());
    put(env!("CARGO_PKG_VERSION").as_bytes());
    put(binary_identity()?.as_bytes());
    let chosen = format!(
        "{:?}|{:?}|{:?}|{:?}|{}|{}|{}|{}|{}",
        options.root,
        options.config_path,
        options.base_url,
        options.published_url,
        options.drafts,
        options.future,
        options.today.ymd(),
        options.strict,
        options.make_images
    );
    put(chosen.as_bytes());
    put(sources.config_text.as_bytes());
    // Each file's own digest, in parallel, then all of them in order.
    let markdown = sources
        .markdown
        .par_iter()
        .map(|f| file_digest("md", &f.rel_path, &f.bytes));
    let templates = sources
        .theme_templates
        .par_iter()
        .map(|t| ("theme-template", t))
        .chain(sources.site_templates.par_iter().map(|t| ("template", t)))
        .map(|(kind, t)| {
            file_digest(
                kind,
                &format!("{}|{}", t.name, t.rel_path),
                t.text.as_bytes(),
            )
        });
    let assets = [
        ("content", &sources.content_assets),
        ("theme-static", &sources.theme_static),
        ("static", &sources.site_static),
    ];
    let assets = assets
        .par_iter()
        .flat_map(|(kind, files)| files.par_iter().map(move |f| (*kind, f)))
        .map(|(kind, file)| asset_digest(kind, file));
    let digests: Vec<Option<u128>> = markdown
        .map(Some)
        .chain(templates.map(Some))
        .chain(assets)
        .collect();
    for digest in digests {
        put(&digest?.to_le_bytes());
    }
    Some(hex128(hasher.digest128()))
}

fn file_digest(kind: &str, name: &str, bytes: &[u8]) -> u128 {
    let mut hasher = Xxh3::new();
    for part in [kind.as_bytes(), name.as_bytes(), bytes] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part);
    }
    hasher.digest128()
}

fn asset_digest(kind: &str, file: &AssetFile) -> Option<u128> {
    let bytes = file.source.read().ok()?;
    let name = format!("{}|{}", file.rel_path, file.source.path().display());
    Some(file_digest(kind, &name, &bytes))
}

/// The running binary: its version alone would let a rebuilt binary of
/// the same version (a developer's, a patched one) reuse another's output.
pub(crate) fn binary_identity() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let meta = std::fs::metadata(&exe).ok()?;
    let modified = meta.modified().ok()?;
    let since = modified.duration_since(std::time::UNIX_EPOCH).ok()?;
    Some(format!(
        "{}|{}|{}",
        exe.display(),
        meta.len(),
        since.as_nanos()
    ))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Where the record of the last build into `output` is kept: the site's
/// cache folder, one file per output folder.
pub fn manifest_path(root: &Path, output: &Path) -> PathBuf {
    let mut hasher = Sha1::new();
    hasher.update(output.to_string_lossy().as_bytes());
    let name = hex(&hasher.finalize()[..8]);
    cache_dir(root, "builds").join(format!("{name}.json"))
}

/// The record of the last build into `output`, when there is one that
/// reads as a record of that folder.
pub fn read_manifest(root: &Path, output: &Path) -> Option<Manifest> {
    let text = std::fs::read(manifest_path(root, output)).ok()?;
    let manifest: Manifest = serde_json::from_slice(&text).ok()?;
    (manifest.output == output).then_some(manifest)
}

/// Keeps the record of a build that found no problem; a build that found
/// one removes the last record instead (its output replaced the files it
/// listed). The record is a cache: failing to write it costs the next
/// build its shortcut, nothing more.
pub fn record_build(root: &Path, manifest: Option<&Manifest>, output: &Path) {
    let path = manifest_path(root, output);
    let Some(manifest) = manifest else {
        let _ = std::fs::remove_file(&path);
        return;
    };
    let Ok(text) = serde_json::to_vec(manifest) else {
        return;
    };
    if let Some(parent) = path.parent() {
        let _ = std::fs::create_dir_all(parent);
    }
    let _ = write_atomically(&path, &text);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::load::SourceFile;

    fn sources(body: &str) -> Sources {
        Sources {
            config_text: "title: T\n".into(),
            markdown: vec![SourceFile {
                rel_path: "content/mistakes/a.md".into(),
                bytes: body.as_bytes().to_vec(),
            }],
            ..Sources::default()
        }
    }

    #[test]
    fn the_digest_follows_every_byte_and_option() {
        let options = Options::for_root("/site");
        let same = inputs_digest(&options, &sources("a")).unwrap();
        assert_eq!(same, inputs_digest(&options, &sources("a")).unwrap());
        assert_ne!(same, inputs_digest(&options, &sources("b")).unwrap());
        let drafts = Options {
            drafts: true,
            ..options.clone()
        };
        assert_ne!(same, inputs_digest(&drafts, &sources("a")).unwrap());
        let later = Options {
            today: crate::parse::date::Date::parse("2999-01-01").unwrap(),
            ..options
        };
        assert_ne!(same, inputs_digest(&later, &sources("a")).unwrap());
    }

    #[test]
    fn a_file_moved_is_a_change() {
        let options = Options::for_root("/site");
        let mut moved = sources("a");
        moved.markdown[0].rel_path = "content/mistakes/b.md".into();
        assert_ne!(
            inputs_digest(&options, &sources("a")),
            inputs_digest(&options, &moved)
        );
    }

    #[test]
    fn stats_survive_the_record() {
        let mut stats = BuildStats {
            writeups: 3,
            pages: 12,
            drafts_left_out: 1,
            ..BuildStats::default()
        };
        stats.cards.drawn = 2;
        stats.cards.cached = 1;
        let back = RecordedStats::of(&stats).to_stats();
        assert_eq!(
            (back.writeups, back.pages, back.drafts_left_out),
            (3, 12, 1)
        );
        assert_eq!((back.cards.drawn, back.cards.cached), (0, 3));
        // Kept through a build that reuses this one, and the one after.
        stats.cards.system_fonts = Some(u128::MAX - 7);
        let again = RecordedStats::of(&RecordedStats::of(&stats).to_stats()).to_stats();
        assert_eq!(again.cards.system_fonts, Some(u128::MAX - 7));
    }
}
