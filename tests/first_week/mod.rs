//! Issue 12, "the first week of a real user": the traps met between `init`
//! and the second post, each through the real binary, and the whole week
//! end to end (`init`, delete the samples, `new` twice, `serve` showing
//! the draft, `check`, `build`, `deploy` to a local bare remote).

mod cli;
mod deploy;
mod drafts;
mod front_matter;
mod init;
mod menu;
mod samples;
mod week;
