//! How long serve's tests wait for serve: a bound on hangs that counts the
//! time serve could run, not the time the machine kept it waiting.
//!
//! Tests run under `nice -n 19` beside builds and benchmarks at normal
//! priority. With two such processes busy on a 2-core machine, a niced
//! serve gets about 1.5% of a core: its start (0.14 s of CPU on its main
//! thread) took 11.3 s of wall time, 9.9 s of it with that thread ready to
//! run and waiting for a CPU (its run delay, `/proc/PID/task/TID/schedstat`),
//! and a config rebuild took 6.9 s, 5.3 s of it waiting. Measured on the
//! wall clock, 30 s of patience ran out with serve working normally. So the time a thread of serve (or the waiting test thread)
//! spent waiting for a CPU is not counted: a serve that hangs (waits on a
//! lock, misses an event) or spins still fails the wait after
//! [`PATIENCE`], whatever the load.

use std::time::{Duration, Instant};

/// How long to wait for something that should take milliseconds: a bound
/// on hangs, not a performance assertion.
pub const PATIENCE: Duration = Duration::from_secs(30);

/// A wait's bound, started when made. Use it on the thread that waits.
pub struct Patience {
    limit: Duration,
    started: Instant,
    serve: Option<u32>,
    /// Run delays (ns) at the start: the waiting thread's, and each of
    /// serve's working threads' by thread id.
    own: u64,
    threads: Vec<(u32, u64)>,
}

impl Patience {
    /// A bound of `limit` on a wait for the serve process `serve` (`None`:
    /// only the waiting thread's delays are not counted).
    pub fn new(limit: Duration, serve: Option<u32>) -> Patience {
        Patience {
            limit,
            started: Instant::now(),
            serve,
            own: own_delay(),
            threads: serve.map(working_threads).unwrap_or_default(),
        }
    }

    /// What is left of the bound, or `None` when it is spent. Wait at most
    /// that long for the event, then ask again: the machine may have held
    /// serve back meanwhile.
    pub fn left(&self) -> Option<Duration> {
        let spent = self.started.elapsed().saturating_sub(self.held_back());
        self.limit.checked_sub(spent).filter(|left| !left.is_zero())
    }

    /// The longest any one of the threads waited for a CPU since the start.
    fn held_back(&self) -> Duration {
        let own = own_delay().saturating_sub(self.own);
        let serve = self.serve.map(working_threads).unwrap_or_default();
        let most = serve.iter().map(|(tid, now)| {
            let before = self.threads.iter().find(|(t, _)| t == tid);
            now.saturating_sub(before.map_or(0, |(_, delay)| *delay))
        });
        Duration::from_nanos(most.chain([own]).max().unwrap_or(0))
    }
}

/// The second field of a `schedstat` file: nanoseconds spent ready to run
/// and waiting for a CPU (0 where the system does not say).
fn run_delay(schedstat: &str) -> u64 {
    let text = std::fs::read_to_string(schedstat).unwrap_or_default();
    text.split_whitespace()
        .nth(1)
        .and_then(|field| field.parse().ok())
        .unwrap_or(0)
}

fn own_delay() -> u64 {
    run_delay("/proc/thread-self/schedstat")
}

/// serve's threads that do its work, with their run delays: the main
/// thread and the unnamed ones (the build's pool, the index and card
/// threads). The named ones wake on file events, timers or clients, so
/// they wait for a CPU even while serve has nothing to do.
fn working_threads(pid: u32) -> Vec<(u32, u64)> {
    let task = format!("/proc/{pid}/task");
    let name = std::fs::read_to_string(format!("/proc/{pid}/comm")).unwrap_or_default();
    let Ok(threads) = std::fs::read_dir(&task) else {
        return Vec::new();
    };
    threads
        .filter_map(|thread| {
            let thread = thread.ok()?.path();
            let tid: u32 = thread.file_name()?.to_str()?.parse().ok()?;
            let comm = std::fs::read_to_string(thread.join("comm")).ok()?;
            (comm == name).then(|| (tid, run_delay(&format!("{}/schedstat", thread.display()))))
        })
        .collect()
}

/// A wait on nothing still ends: time spent idle counts, however loaded
/// the machine (the sleep is the idle wait being bounded). The process
/// waited for is an idle one, asleep before the bound starts: the test
/// binary's own threads (its harness, the other tests) may wait for a CPU
/// meanwhile, and that time is rightly not counted.
#[test]
fn an_idle_wait_spends_its_bound() {
    let mut idle = std::process::Command::new("sleep")
        .arg("600")
        .spawn()
        .expect("start sleep");
    let stat = format!("/proc/{}/stat", idle.id());
    let asleep = || {
        let text = std::fs::read_to_string(&stat).unwrap_or_default();
        text.rsplit_once(") ")
            .is_some_and(|(_, rest)| rest.starts_with('S'))
    };
    while !asleep() {
        std::thread::yield_now();
    }
    let patience = Patience::new(Duration::from_millis(50), Some(idle.id()));
    assert!(patience.left().is_some());
    std::thread::sleep(Duration::from_millis(60));
    let left = patience.left();
    let _ = idle.kill();
    let _ = idle.wait();
    assert!(left.is_none(), "{left:?} left after an idle 60 ms");
}
