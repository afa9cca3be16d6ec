//! `growthsite check`: build in memory, write nothing, report every finding
//! (as text on stderr, or one JSON object a line on stdout), exit 1 on any error.

use std::io::Write;

use super::{EXIT_FAILED, EXIT_OK, ExitStatus, fail, plural};
use crate::cli::{CheckArgs, CheckFormat};
use crate::pipeline::check_site;

/// Runs `growthsite check`.
pub fn execute(args: &CheckArgs) -> ExitStatus {
    let mut options = args.site.options();
    // `check` writes nothing, not even the image cache.
    options.make_images = false;
    args.publish.apply(&mut options);
    let mut built = match check_site(&options) {
        Ok(built) => built,
        Err(error) => return fail(&error),
    };
    if args.strict {
        built.diagnostics.promote_warnings();
    }
    let diagnostics = &built.diagnostics;
    let (pages, links) = (built.stats.pages_checked, built.stats.links_checked);
    let mut stdout = std::io::stdout().lock();
    for diagnostic in diagnostics.sorted() {
        match args.format {
            CheckFormat::Json => {
                let line = serde_json::to_string(diagnostic).unwrap_or_default();
                // A closed pipe (`check --format json | head`) ends the listing.
                if writeln!(stdout, "{line}").is_err() {
                    break;
                }
            }
            CheckFormat::Text if options.quiet && !diagnostic.is_error() => {}
            CheckFormat::Text => eprintln!("{diagnostic}"),
        }
    }
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    if !options.quiet || errors > 0 {
        eprintln!(
            "{}: {errors} error{}, {warnings} warning{} ({} page{} and {} internal link{} checked)",
            if errors > 0 {
                "check failed"
            } else {
                "check passed"
            },
            plural(errors),
            plural(warnings),
            pages,
            plural(pages),
            links,
            plural(links),
        );
    }
    if errors > 0 { EXIT_FAILED } else { EXIT_OK }
}
