//! The `growthsite` binary: parse the command line, run, exit with 0
//! (success), 1 (content, template or run error) or 2 (usage error, from clap).

use clap::Parser;

fn main() -> std::process::ExitCode {
    let cli = growthsite::cli::Cli::parse();
    std::process::ExitCode::from(growthsite::run(cli))
}
