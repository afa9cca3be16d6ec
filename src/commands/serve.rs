//! `growthsite serve` (being written: see the open issue).

use super::{EXIT_FAILED, ExitStatus};
use crate::cli::ServeArgs;

/// Runs `growthsite serve`.
pub fn execute(_args: &ServeArgs) -> ExitStatus {
    eprintln!("error: `growthsite serve` is not available in this build yet");
    EXIT_FAILED
}
