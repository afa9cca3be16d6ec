//! One file per subcommand: each takes parsed arguments, makes one library
//! call, and reports. This is the only place (with `main`) that prints.

pub mod build;
pub mod check;
pub mod completions;
pub mod deploy;
pub mod import;
pub mod init;
pub mod new;
pub mod revisit;
pub mod serve;

use std::io::IsTerminal;

use crate::diag::Diagnostics;
pub use crate::diag::plural;
use crate::error::Error;
use crate::stats::BuildStats;

/// The process exit status of a command.
pub type ExitStatus = u8;

/// Success.
pub const EXIT_OK: ExitStatus = 0;
/// Content, config or template errors, or a command that could not complete.
pub const EXIT_FAILED: ExitStatus = 1;

/// Prints every finding to stderr, sorted, then a count line.
pub fn print_diagnostics(diagnostics: &Diagnostics, quiet: bool) {
    for diagnostic in diagnostics.sorted() {
        if quiet && !diagnostic.is_error() {
            continue;
        }
        eprintln!("{diagnostic}");
    }
    let (errors, warnings) = (diagnostics.error_count(), diagnostics.warning_count());
    if errors > 0 {
        eprintln!(
            "{errors} error{}, {warnings} warning{}",
            plural(errors),
            plural(warnings)
        );
    }
}

/// Prints a fatal error and returns the failure status.
pub fn fail(error: &Error) -> ExitStatus {
    match error {
        Error::Content(diagnostics) => print_diagnostics(diagnostics, false),
        other => eprintln!("error: {other}"),
    }
    EXIT_FAILED
}

/// Prints a progress line for a finished stage, on a terminal only.
pub fn progress(quiet: bool, line: impl std::fmt::Display) {
    if !quiet && std::io::stderr().is_terminal() {
        eprintln!("  {line}");
    }
}

/// What a build left out, for the line after its summary: `left out 2
/// drafts (build --drafts includes them) and 1 write-up dated after today
/// (build --future includes it)`. `None` when nothing was left out.
pub fn left_out(command: &str, stats: &BuildStats) -> Option<String> {
    let mut parts = Vec::new();
    let (drafts, future) = (stats.drafts_left_out, stats.future_left_out);
    if drafts > 0 {
        parts.push(format!(
            "{drafts} draft{} ({command} --drafts includes {})",
            plural(drafts),
            if drafts == 1 { "it" } else { "them" }
        ));
    }
    if future > 0 {
        parts.push(format!(
            "{future} write-up{} dated after today ({command} --future includes {})",
            plural(future),
            if future == 1 { "it" } else { "them" }
        ));
    }
    (!parts.is_empty()).then(|| format!("left out {}", parts.join(" and ")))
}
