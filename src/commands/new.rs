//! `growthsite new` (being written: see the open issue).

use super::{EXIT_FAILED, ExitStatus};
use crate::cli::NewArgs;

/// Runs `growthsite new`.
pub fn execute(_args: &NewArgs) -> ExitStatus {
    eprintln!("error: `growthsite new` is not available in this build yet");
    EXIT_FAILED
}
