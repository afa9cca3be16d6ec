//! [`Preview`]: a running `growthsite serve` on a free port, its output
//! read line by line, paused while a test edits the site.

use std::io::{BufRead, BufReader};
use std::net::SocketAddr;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

use crate::serve_patience::{PATIENCE, Patience};
use crate::support::Site;

use super::client::send_request;
use super::{EventStream, Reply, build_number};

/// A running `growthsite serve`, stopped when dropped.
pub struct Preview {
    child: Child,
    /// The site's address as printed: `http://127.0.0.1:PORT/growth/`.
    pub url: String,
    /// `127.0.0.1:PORT`.
    pub addr: SocketAddr,
    stdout: Receiver<String>,
    /// What serve wrote to stderr so far, and a signal for each line.
    stderr: Arc<(Mutex<String>, Condvar)>,
}

impl Preview {
    /// Starts `growthsite serve --port 0 --root <site> <args>` and waits
    /// for the URL it prints.
    pub fn start(site: &Site, args: &[&str]) -> Preview {
        let root = site.root().to_string_lossy().into_owned();
        let mut all = vec!["serve", "--port", "0", "--root", &root];
        all.extend(args);
        let mut command = site.command(&all);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        default_interrupt(&mut command);
        let mut child = command.spawn().expect("start growthsite serve");
        let (lines, stdout) = mpsc::channel();
        let out = child.stdout.take().expect("stdout");
        std::thread::spawn(move || {
            for line in BufReader::new(out).lines() {
                let Ok(line) = line else { break };
                if lines.send(line).is_err() {
                    break;
                }
            }
        });
        let stderr: Arc<(Mutex<String>, Condvar)> = Arc::default();
        let err = child.stderr.take().expect("stderr");
        let sink = stderr.clone();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines() {
                let Ok(line) = line else { break };
                sink.0.lock().unwrap().push_str(&format!("{line}\n"));
                sink.1.notify_all();
            }
        });
        let mut preview = Preview {
            child,
            url: String::new(),
            addr: "127.0.0.1:1".parse().unwrap(),
            stdout,
            stderr,
        };
        let line = preview.wait_for_line("serving the site at http://");
        let url = line
            .split_whitespace()
            .find(|word| word.starts_with("http://"))
            .expect("a URL")
            .to_string();
        let host = url["http://".len()..].split('/').next().unwrap();
        preview.addr = host.parse().expect("an address");
        preview.url = url;
        preview
    }

    /// The next stdout line containing `needle` (earlier lines are dropped).
    pub fn wait_for_line(&mut self, needle: &str) -> String {
        let lines = self.lines_until(needle);
        lines.last().expect("the line found").clone()
    }

    /// The `rebuilt` lines up to the next one containing `needle`, that
    /// one included: the rebuilds made before it, in order.
    pub fn rebuilds_until(&mut self, needle: &str) -> Vec<String> {
        let mut lines = self.lines_until(needle);
        let found = lines.pop().expect("the line found");
        lines.retain(|line| line.contains("rebuilt"));
        lines.extend(found.contains("rebuilt").then_some(found));
        lines
    }

    /// The stdout lines up to the next one containing `needle`, that one
    /// last. Panics when serve exits first, or hangs (see [`Patience`]).
    fn lines_until(&mut self, needle: &str) -> Vec<String> {
        let patience = Patience::new(PATIENCE, Some(self.pid()));
        let mut lines = Vec::new();
        let why = loop {
            let Some(left) = patience.left() else {
                break "nothing came within its patience";
            };
            match self.stdout.recv_timeout(left) {
                Ok(line) if line.contains(needle) => {
                    lines.push(line);
                    return lines;
                }
                Ok(line) => lines.push(line),
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => break "serve closed its stdout",
            }
        };
        panic!(
            "serve printed no line with {needle:?} ({why}) after {lines:?}; stderr:\n{}",
            self.stderr()
        );
    }

    /// Makes `change` to the site while serve is paused (SIGSTOP), then
    /// lets it go on (SIGCONT): serve finds every file written in full,
    /// and its watcher gets all the change's events at once. So a test
    /// never depends on being quicker than the watcher's debounce window,
    /// and a rebuild never reads a file the test is half-way through
    /// writing: on a loaded machine, either made a save two rebuilds.
    pub fn edit(&self, change: impl FnOnce()) {
        self.signal("STOP");
        self.wait_until_stopped();
        change();
        self.signal("CONT");
    }

    fn signal(&self, name: &str) {
        let status = std::process::Command::new("kill")
            .args([&format!("-{name}"), &self.pid().to_string()])
            .status()
            .expect("run kill");
        assert!(status.success(), "kill -{name} failed");
    }

    /// Waits until every thread of serve is stopped: the signal is
    /// delivered asynchronously, and a thread busy on another core would
    /// still be reading files.
    fn wait_until_stopped(&self) {
        let tasks = format!("/proc/{}/task", self.pid());
        let patience = Patience::new(PATIENCE, Some(self.pid()));
        loop {
            let stopped = std::fs::read_dir(&tasks)
                .expect("serve's threads")
                .all(|task| {
                    let stat = std::fs::read_to_string(task.unwrap().path().join("stat"));
                    // `pid (name) STATE ...`: the state follows the last `)`.
                    stat.ok()
                        .and_then(|stat| {
                            Some(stat[stat.rfind(')')? + 1..].trim_start().starts_with('T'))
                        })
                        .unwrap_or(true)
                });
            if stopped {
                return;
            }
            assert!(patience.left().is_some(), "serve did not stop on SIGSTOP");
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// The number of the build serve is serving now, from the `hello` of
    /// a new event stream.
    pub fn current_build(&self) -> u64 {
        let mut stream = EventStream::open(self.addr, Some(self.pid()));
        match stream.next_event(PATIENCE) {
            Some((kind, data)) if kind == "hello" => build_number(&data),
            other => panic!("expected a hello event, got {other:?}"),
        }
    }

    /// Waits until serve's stderr contains `needle` (the terminal report
    /// may come a moment after the browser event), and returns all of it.
    pub fn wait_for_stderr(&self, needle: &str) -> String {
        let patience = Patience::new(PATIENCE, Some(self.pid()));
        let (text, written) = &*self.stderr;
        let mut stderr = text.lock().unwrap();
        while !stderr.contains(needle) {
            let Some(left) = patience.left() else {
                panic!("serve printed nothing with {needle:?} on stderr:\n{stderr}");
            };
            stderr = written.wait_timeout(stderr, left).unwrap().0;
        }
        stderr.clone()
    }

    /// Everything serve wrote to stderr so far.
    pub fn stderr(&self) -> String {
        self.stderr.0.lock().unwrap().clone()
    }

    /// The base path the site is served under: `/growth/`.
    pub fn base_path(&self) -> &str {
        let after_host = &self.url["http://".len()..];
        &after_host[after_host.find('/').unwrap()..]
    }

    /// `GET` of a path relative to the site's base path.
    pub fn get(&self, path: &str) -> Reply {
        self.request("GET", &format!("{}{path}", self.base_path()))
    }

    /// A request with this method and exact request target.
    pub fn request(&self, method: &str, target: &str) -> Reply {
        let text = format!(
            "{method} {target} HTTP/1.1\r\nHost: {}\r\nConnection: close\r\n\r\n",
            self.addr
        );
        send_request(
            self.addr,
            text.as_bytes(),
            method == "HEAD",
            Some(self.pid()),
        )
    }

    /// Opens the live-reload event stream and reads its `hello`.
    pub fn events(&self) -> EventStream {
        let mut stream = EventStream::open(self.addr, Some(self.pid()));
        let (kind, data) = stream.next_event(PATIENCE).expect("a hello event");
        assert_eq!(kind, "hello", "{data}");
        stream
    }

    /// The process id, to send it signals.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Waits up to `limit` of serve's time (see [`Patience`]) for the
    /// process to exit.
    pub fn wait_exit(&mut self, limit: Duration) -> Option<std::process::ExitStatus> {
        let patience = Patience::new(limit, Some(self.pid()));
        while patience.left().is_some() {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        None
    }
}

/// Starts `command` with SIGINT at its default, as from a terminal: a
/// test run from a script's background job (`cargo test &`) inherits it
/// ignored, and serve, which keeps what it is given, then outlived Ctrl-C
/// (`ctrl_c_stops_serve_at_once` failed every time run so).
#[cfg(unix)]
pub(super) fn default_interrupt(command: &mut std::process::Command) {
    use std::os::unix::process::CommandExt;
    // SAFETY: signal(2) is async-signal-safe, as a pre_exec hook must be.
    unsafe {
        command.pre_exec(|| {
            libc::signal(libc::SIGINT, libc::SIG_DFL);
            Ok(())
        });
    }
}

#[cfg(not(unix))]
pub(super) fn default_interrupt(_: &mut std::process::Command) {}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
