//! `growthsite init` (being written: see the open issue).

use super::{EXIT_FAILED, ExitStatus};
use crate::cli::InitArgs;

/// Runs `growthsite init`.
pub fn execute(_args: &InitArgs) -> ExitStatus {
    eprintln!("error: `growthsite init` is not available in this build yet");
    EXIT_FAILED
}
