//! The `growthsite` binary: parse the command line, run, exit with 0
//! (success), 1 (content, template or run error) or 2 (usage error, from clap).

use clap::Parser;

// The build allocates many short-lived strings and values on every thread;
// mimalloc's thread-local heaps make that measurably cheaper than glibc's
// malloc (see the README's performance section).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

// mimalloc's own options (the `mimalloc` crate exposes none of them).
unsafe extern "C" {
    fn mi_option_set(option: std::ffi::c_int, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in the mimalloc v3 that Cargo.lock pins
/// (libmimalloc-sys 0.1.49); the test below fails if a new one moves it.
const MI_OPTION_PURGE_DELAY: std::ffi::c_int = 15;

/// Hands freed memory back to the system after 1 ms instead of mimalloc's
/// 1 s: a build frees every write-up's HTML as its page is written, and
/// held for a second, that memory made a large part of the peak at 10,000
/// write-ups (README, Performance), for a little more system time.
fn purge_freed_memory_soon() {
    // SAFETY: sets one of mimalloc's global options, before any thread
    // other than this one exists.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 1) }
}

fn main() -> std::process::ExitCode {
    // mimalloc's own variable, when set, still decides.
    if std::env::var_os("MIMALLOC_PURGE_DELAY").is_none() {
        purge_freed_memory_soon();
    }
    let cli = growthsite::cli::Cli::parse();
    std::process::ExitCode::from(growthsite::run(cli))
}

#[cfg(test)]
mod tests {
    unsafe extern "C" {
        fn mi_option_get(option: std::ffi::c_int) -> std::ffi::c_long;
    }

    #[test]
    fn the_purge_delay_option_is_the_one_set() {
        // 1,000 ms is the default of `purge_delay` alone among mimalloc's
        // options: another number here means the option moved.
        // SAFETY: reads one of mimalloc's global options.
        assert_eq!(unsafe { mi_option_get(super::MI_OPTION_PURGE_DELAY) }, 1000);
        super::purge_freed_memory_soon();
        assert_eq!(unsafe { mi_option_get(super::MI_OPTION_PURGE_DELAY) }, 1);
    }
}
