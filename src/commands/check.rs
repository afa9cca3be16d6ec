//! `growthsite check` (being written: see the open issue).

use super::{EXIT_FAILED, ExitStatus};
use crate::cli::CheckArgs;

/// Runs `growthsite check`.
pub fn execute(_args: &CheckArgs) -> ExitStatus {
    eprintln!("error: `growthsite check` is not available in this build yet");
    EXIT_FAILED
}
