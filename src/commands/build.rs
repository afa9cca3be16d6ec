//! `growthsite build`: render the site and write it to the output folder.

use std::time::Instant;

use super::{
    EXIT_FAILED, EXIT_OK, ExitStatus, fail, left_out, plural, print_diagnostics, progress,
};
use crate::cli::BuildArgs;
use crate::pipeline::build_site_reusing;
use crate::reuse::{Manifest, RecordedStats, read_manifest, record_build};
use crate::write::Staging;

/// Runs `growthsite build`.
pub fn execute(args: &BuildArgs) -> ExitStatus {
    let mut options = args.site.options();
    args.publish.apply(&mut options);
    if let Some(output) = &args.output_dir {
        options.output_dir = crate::options::Options::resolve(output);
    }
    options.strict = args.strict;
    options.timings = args.timings;
    options.retain_sources = false;
    let started = Instant::now();
    // Refuses a foreign output folder before any time is spent on the build.
    let staging = match Staging::create(&options.output_dir, &options.root) {
        Ok(staging) => staging,
        Err(error) => return fail(&error),
    };
    // The last build into this folder, whose files are reused when the
    // inputs did not change since (see `reuse`). Read once the inputs are
    // known and dropped then: its list of files is about 24 MB at 100,000
    // write-ups, which a build that renders would hold to its end.
    let reuse = |inputs: &str| {
        let manifest =
            read_manifest(&options.root, staging.output()).filter(|m| m.is_build_of(inputs))?;
        let linked = staging.link_previous(&manifest.files);
        linked.then(|| manifest.stats.to_stats())
    };
    let mut built = match build_site_reusing(&options, &staging, Some(&reuse)) {
        Ok(built) => built,
        Err(error) => return fail(&error),
    };
    if options.strict {
        built.diagnostics.promote_warnings();
    }
    for (stage, time) in &built.stats.timings {
        progress(
            options.quiet,
            format_args!("{stage:<9} done in {} ms", time.as_millis()),
        );
    }
    print_diagnostics(&built.diagnostics, options.quiet);
    if !built.succeeded() {
        eprintln!("build failed: the previous output (if any) is left as it was");
        return EXIT_FAILED;
    }
    // Pages were written while they rendered; what is left is the swap.
    let write_started = Instant::now();
    let (output, files) = (staging.output().to_path_buf(), staging.written());
    if let Err(error) = staging.commit() {
        return fail(&error);
    }
    let highlighter = built
        .targets
        .as_ref()
        .and_then(|t| t.embeds.highlighter.as_ref());
    let spent = highlighter.map(|h| h.time_spent());
    if let Some(highlighter) = highlighter {
        built.stats.code = highlighter.cache().work();
    }
    // Recorded only for a build without findings, so that one that reuses
    // it has none to repeat.
    let manifest = built
        .inputs
        .clone()
        .filter(|_| built.diagnostics.is_empty())
        .map(|inputs| Manifest {
            inputs,
            output: output.clone(),
            stats: RecordedStats::of(&built.stats),
            files,
        });
    record_build(&options.root, manifest.as_ref(), &output);
    built.stats.timings.push(("swap", write_started.elapsed()));
    if options.timings {
        let line: Vec<String> = built
            .stats
            .timings
            .iter()
            .map(|(stage, time)| format!("{stage} {:.1} ms", time.as_secs_f64() * 1000.0))
            .collect();
        eprintln!("timings: {}", line.join(", "));
        // A build that reused the last one's files took every block from
        // there.
        if spent.is_some() || built.reused {
            let code = built.stats.code;
            eprintln!(
                "highlighting: {:.1} ms, summed over threads; code blocks: {} highlighted, {} from the cache",
                spent.unwrap_or_default().as_secs_f64() * 1000.0,
                code.highlighted,
                code.cached
            );
        }
    }
    if options.timings && !options.quiet {
        let images = built.stats.images;
        if images.made + images.cached > 0 {
            eprintln!(
                "images: {} resized, {} from the cache",
                images.made, images.cached
            );
        }
        let cards = built.stats.cards;
        if cards.drawn + cards.cached > 0 {
            eprintln!(
                "social cards: {} drawn, {} from the cache ({} known by their text)",
                cards.drawn, cards.cached, cards.known
            );
        }
    }
    if !options.quiet {
        let stats = &built.stats;
        eprintln!(
            "built {} write-up{}, {} strateg{}, {} page{} in {} ms",
            stats.writeups,
            plural(stats.writeups),
            stats.strategies,
            if stats.strategies == 1 { "y" } else { "ies" },
            stats.pages,
            plural(stats.pages),
            started.elapsed().as_millis()
        );
        if let Some(line) = left_out("build", stats) {
            eprintln!("{line}");
        }
    }
    EXIT_OK
}
