//! `growthsite completions SHELL`: the command line's completion script
//! for a shell, written by clap_complete from the same definitions that
//! parse it, on stdout.

use clap::CommandFactory;

use super::{EXIT_OK, ExitStatus};
use crate::cli::{Cli, CompletionsArgs};

/// Runs `growthsite completions`.
pub fn execute(args: &CompletionsArgs) -> ExitStatus {
    let mut command = Cli::command();
    clap_complete::generate(
        args.shell,
        &mut command,
        "growthsite",
        &mut std::io::stdout(),
    );
    EXIT_OK
}
