//! The write-ups of a build rendered in parallel, their bodies packed.

use std::sync::Mutex;

use rayon::prelude::*;

use super::{RenderedWriteup, render_writeup};
use crate::diag::Diagnostic;
use crate::parse::Writeup;
use crate::parse::markdown::{LinkTargets, Packer};

/// How many runs of dates the packed bodies are sorted into: a slab holds
/// bodies of one run, so it is freed within about 1/64 of the render.
const RUNS: usize = 64;

/// Bodies are packed only when the write-ups' Markdown is larger than
/// this. Packing costs CPU (LZ4 took about 7% of a 10,000-write-up
/// build's, to pack and to unpack), and pays only where the bodies held
/// until their pages render are the build's peak: 10,000 write-ups (about
/// 60 MB of Markdown) stay well under their memory target with plain
/// bodies, 100,000 (about 600 MB) need packed ones to stay under theirs.
pub(super) const PACK_ABOVE: usize = 128 << 20;

/// The write-ups rendered in parallel, in the order given (path order,
/// which frees each Markdown text close to where the next is allocated).
/// Without `retain_sources`, on a site whose Markdown is past
/// [`PACK_ABOVE`], each body is packed until its page renders, into the
/// slabs ([`Packer`]) of its run of dates: pages render newest first, so
/// a slab's bodies are freed close together.
pub(super) fn render_writeups(
    writeups: Vec<Writeup>,
    targets: &LinkTargets,
    retain_sources: bool,
) -> Vec<(RenderedWriteup, Vec<Diagnostic>)> {
    let markdown: usize = writeups.iter().map(|w| w.doc.body.len()).sum();
    let pack = !retain_sources && markdown > PACK_ABOVE;
    render_all(writeups, targets, retain_sources, pack)
}

/// [`render_writeups`], the bodies packed or not as `pack` says.
fn render_all(
    writeups: Vec<Writeup>,
    targets: &LinkTargets,
    retain_sources: bool,
    pack: bool,
) -> Vec<(RenderedWriteup, Vec<Diagnostic>)> {
    if !pack {
        return writeups
            .into_par_iter()
            .map(|writeup| render_writeup(writeup, targets, retain_sources))
            .collect();
    }
    let runs = date_runs(&writeups);
    let packers: Vec<Mutex<Packer>> = (0..RUNS).map(|_| Mutex::default()).collect();
    let mut results: Vec<(RenderedWriteup, Vec<Diagnostic>)> = writeups
        .into_par_iter()
        .zip(runs)
        .enumerate()
        .map(|(n, (writeup, run))| {
            let (mut rendered, problems) = render_writeup(writeup, targets, false);
            let html = std::mem::take(&mut rendered.rendered.html).into_string();
            lock(&packers[run]).pack(n, &html);
            (rendered, problems)
        })
        .collect();
    for packer in packers {
        let packer = packer.into_inner().unwrap_or_else(|p| p.into_inner());
        for (n, html) in packer.finish() {
            results[n].0.rendered.html = html;
        }
    }
    results
}

/// Each write-up's run of dates: its rank newest first, in [`RUNS`] equal
/// runs.
fn date_runs(writeups: &[Writeup]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..writeups.len()).collect();
    order.sort_by(|&a, &b| Writeup::newest_first(&writeups[a], &writeups[b]));
    let mut runs = vec![0; writeups.len()];
    for (rank, &n) in order.iter().enumerate() {
        runs[n] = rank * RUNS / writeups.len();
    }
    runs
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

#[cfg(test)]
mod tests {
    use super::render_all;
    use crate::load::SourceFile;
    use crate::parse::markdown::{BodyHtml, LinkTargets};
    use crate::parse::{Parsed, Writeup, parse_source};

    fn writeups() -> Vec<Writeup> {
        (1..=40)
            .map(|n| {
                let text = format!(
                    "---\ntitle: W{n}\ndate: 2026-01-{:02}\n---\n{}",
                    n % 28 + 1,
                    "Some *words* and `code`.\n\n".repeat(n)
                );
                let file = SourceFile {
                    rel_path: format!("content/mistakes/w{n}.md"),
                    bytes: text.into_bytes(),
                };
                match parse_source(file).0 {
                    Some(Parsed::Writeup(w)) => *w,
                    _ => panic!("not a write-up"),
                }
            })
            .collect()
    }

    #[test]
    fn packed_bodies_read_back_as_the_plain_ones() {
        let targets = LinkTargets::default();
        let plain = render_all(writeups(), &targets, false, false);
        let packed = render_all(writeups(), &targets, false, true);
        assert_eq!(plain.len(), packed.len());
        for ((plain, _), (packed, _)) in plain.iter().zip(&packed) {
            let (plain, packed) = (&plain.rendered.html, &packed.rendered.html);
            assert!(matches!(plain, BodyHtml::Plain(_)), "{plain:?}");
            assert!(matches!(packed, BodyHtml::Packed(_)), "{packed:?}");
            assert!(plain.text().contains("<em>words</em>"));
            assert_eq!(plain.text(), packed.text());
        }
    }
}
