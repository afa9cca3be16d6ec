//! Fuzzing of what growthsite reads from users: front matter, dates,
//! slugs, Markdown, growthsite.yaml, whole sites, and the names deploy
//! writes (`cname`) or hands to git (`deploy_branch`, checked against git). proptest generates
//! inputs shaped like the real thing (front matter keys with odd values,
//! Markdown built from the constructs growthsite extends), then mutates
//! their bytes, and asserts that nothing panics and that the invariants
//! hold: slugs are `[a-z0-9-]`, a date that parses prints back to itself,
//! every diagnostic names its file and a line, an accepted page has a
//! clean output path.
//!
//! The run is bounded and reproducible: a fixed seed, and
//! `GROWTHSITE_FUZZ_CASES` cases per target (256 by default, so `cargo
//! test` stays quick; CI runs far more, see `.ci/run`).
//! `GROWTHSITE_FUZZ_SEED` explores another sequence. A failure is shrunk
//! to a small input and printed; keep it as a regression test beside the
//! code it broke.

mod findings;
mod markdown;
mod names;
mod parse;
mod site;

use proptest::prelude::*;
use proptest::test_runner::{Config, RngSeed};

/// The seed of every target unless `GROWTHSITE_FUZZ_SEED` says otherwise.
const SEED: u64 = 0x6772_6f77_7468;

/// The run's settings; a target that is `cost` times slower than a
/// front-matter parse runs `1/cost` of the cases.
pub fn config(cost: u32) -> Config {
    let number = |name: &str| std::env::var(name).ok()?.parse::<u64>().ok();
    let cases = number("GROWTHSITE_FUZZ_CASES").unwrap_or(256);
    Config {
        cases: u32::try_from(cases / u64::from(cost))
            .unwrap_or(u32::MAX)
            .max(1),
        rng_seed: RngSeed::Fixed(number("GROWTHSITE_FUZZ_SEED").unwrap_or(SEED)),
        // Failures are printed, shrunk; nothing is written into the tree.
        failure_persistence: None,
        max_shrink_iters: 4096,
        ..Config::default()
    }
}

/// Text with a bias towards what breaks parsers: line breaks, quotes,
/// YAML and Markdown punctuation, multi-byte characters, control bytes.
pub fn odd_text(max: usize) -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9 ]{1,8}",
        2 => prop::sample::select(vec![
            "\n", "\r\n", "\t", " ", ":", ": ", "- ", "#", "##", "{", "}", "[", "]", "'", "\"",
            "\\", "|", ">", "&a", "*a", "!!", "%", "@", "`", "```", "---", "...", "<!-- more -->",
            "{#", "[^1]", "](", "@/", "../", "/", "<", ">", "&amp;", "é", "ß", "İ", "ﬁ", "😀",
            "\u{200b}", "\u{feff}", "\u{0}", "\u{7f}", "\u{2028}", "\u{301}",
        ])
        .prop_map(str::to_string),
        1 => any::<String>().prop_map(|s| s.chars().take(6).collect()),
    ];
    prop::collection::vec(piece, 0..max).prop_map(|pieces| pieces.concat())
}

/// A few byte-level edits of `text`: insert, delete or replace a byte
/// (which may leave invalid UTF-8 behind, as a damaged file would).
pub fn mutate(text: String) -> impl Strategy<Value = Vec<u8>> {
    let edit = (any::<prop::sample::Index>(), 0u8..3, any::<u8>());
    prop::collection::vec(edit, 0..4).prop_map(move |edits| {
        let mut bytes = text.clone().into_bytes();
        for (at, kind, byte) in edits {
            let i = at.index(bytes.len() + 1);
            match kind {
                0 => bytes.insert(i, byte),
                1 if i < bytes.len() => {
                    bytes.remove(i);
                }
                _ if i < bytes.len() => bytes[i] = byte,
                _ => {}
            }
        }
        bytes
    })
}

/// Whether `slug` is what URLs may hold: `[a-z0-9]` words joined by one `-`.
pub fn is_clean_slug(slug: &str) -> bool {
    !slug.is_empty()
        && slug
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
        && !slug.starts_with('-')
        && !slug.ends_with('-')
        && !slug.contains("--")
}
