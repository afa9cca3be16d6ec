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

/// The write-ups rendered in parallel, in the order given (path order,
/// which frees each Markdown text close to where the next is allocated).
/// Without `retain_sources` each body is packed until its page renders,
/// into the slabs ([`Packer`]) of its run of dates: pages render newest
/// first, so a slab's bodies are freed close together.
pub(super) fn render_writeups(
    writeups: Vec<Writeup>,
    targets: &LinkTargets,
    retain_sources: bool,
) -> Vec<(RenderedWriteup, Vec<Diagnostic>)> {
    if retain_sources {
        return writeups
            .into_par_iter()
            .map(|writeup| render_writeup(writeup, targets, true))
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
