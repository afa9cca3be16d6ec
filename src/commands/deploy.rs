//! `growthsite deploy` (being written: see the open issue).

use super::{EXIT_FAILED, ExitStatus};
use crate::cli::DeployArgs;

/// Runs `growthsite deploy`.
pub fn execute(_args: &DeployArgs) -> ExitStatus {
    eprintln!("error: `growthsite deploy` is not available in this build yet");
    EXIT_FAILED
}
