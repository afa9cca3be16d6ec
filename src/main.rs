//! The `growthsite` binary: parse the command line, run, exit with 0
//! (success), 1 (content, template or run error) or 2 (usage error, from clap).

use clap::Parser;

// The build allocates many short-lived strings and values on every thread;
// mimalloc's thread-local heaps make that measurably cheaper than glibc's
// malloc (see the README's performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    let cli = growthsite::cli::Cli::parse();
    std::process::ExitCode::from(growthsite::run(cli))
}
