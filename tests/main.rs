//! growthsite's integration tests: one crate that drives the real binary
//! (`CARGO_BIN_EXE_growthsite`) on sites in temporary folders.

mod support;

mod aliases;

mod browser;
mod build;
mod build_memory;
#[cfg(unix)]
mod card_index;
mod cards;
mod check;
mod deploy;
mod feed;
mod first_week;
mod fuzz;
mod golden;
mod growth;
mod import;
mod invalid;
mod release;
mod scaffold;
mod search;
#[cfg(unix)]
mod second_build;
mod serve;
mod serve_fast;
mod serve_limits;
mod serve_patience;
mod serve_templates;
mod strings;
mod theme;
mod trust;
mod writing;
