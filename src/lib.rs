//! growthsite turns a folder of Markdown mistake write-ups into a static
//! personal-growth blog. The build is a pipeline of five stages:
//!
//! 1. [`load`]: read growthsite.yaml, content/, static/ and templates from disk;
//! 2. [`parse`]: front matter and Markdown -> documents (pure);
//! 3. [`assemble`]: documents -> the site as data: taxonomy, lessons, FAQ (pure);
//! 4. [`render`]: the site -> HTML pages, feeds and sitemap through Tera (pure);
//! 5. [`write`]: the files -> the output folder, swapped in only when complete.
//!
//! [`pipeline::build_site`] runs stages 1-4; `build` adds stage 5 and
//! `check` does not. Problems in content are [`diag::Diagnostic`]s, gathered
//! for the whole run; [`error::Error`] is for what stops a run.

pub mod assemble;
pub mod cache;
pub mod cards;
pub mod check;
pub mod cli;
pub mod clock;
pub mod commands;
pub mod config;
pub mod deploy;
pub mod diag;
pub mod error;
pub mod fx;
pub mod html;
pub mod images;
pub mod import;
pub mod load;
pub mod options;
pub mod parse;
pub mod pipeline;
pub mod render;
pub mod reuse;
pub mod scaffold;
pub mod serve;
pub mod stats;
pub mod strings;
#[cfg(test)]
mod test_support;
pub mod urls;
pub mod write;
pub mod yaml;

use cli::{Cli, Command};
use commands::ExitStatus;

/// Runs a parsed command line and returns the process exit status.
pub fn run(cli: Cli) -> ExitStatus {
    match &cli.command {
        Command::Build(args) => commands::build::execute(args),
        Command::Serve(args) => commands::serve::execute(args),
        Command::New(args) => commands::new::execute(args),
        Command::Revisit(args) => commands::revisit::execute(args),
        Command::Init(args) => commands::init::execute(args),
        Command::Check(args) => commands::check::execute(args),
        Command::Deploy(args) => commands::deploy::execute(args),
        Command::Completions(args) => commands::completions::execute(args),
        Command::Import(args) => commands::import::execute(args),
    }
}
