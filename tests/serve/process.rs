//! serve as a process: a port in use, every interface, Ctrl-C, no site,
//! `--open` without a browser.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::process::Stdio;
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::serve_patience::PATIENCE;
use crate::support::{Site, writeup};

use super::{Preview, sub_path_site};

#[test]
fn a_port_in_use_is_a_clear_error() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let site = sub_path_site();
    let run = site.run(&["serve", "--port", &port]);
    run.assert_exit(1).stderr_contains("--port");
    run.stderr_contains(&port);
}

#[test]
fn listening_on_every_interface_warns() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &["--interface", "0.0.0.0"]);
    assert!(preview.url.starts_with("http://127.0.0.1:"));
    assert_eq!(preview.get("").status, 200);
    preview.wait_for_stderr("reachable from the network");
}

#[test]
fn ctrl_c_stops_serve_at_once() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let _events = preview.events();
    let status = std::process::Command::new("sh")
        .args(["-c", &format!("kill -INT {}", preview.pid())])
        .status()
        .unwrap();
    assert!(status.success());
    // A bound on a hang (a handler that waits for the streams would never
    // return), with room for a loaded machine to reap the process.
    let exited = preview.wait_exit(Duration::from_secs(5));
    assert!(exited.is_some(), "still running 5 s after SIGINT");
}

#[test]
fn serve_needs_a_site() {
    let site = Site::new();
    site.run(&["serve", "--port", "0"])
        .assert_exit(1)
        .stderr_contains("no growthsite.yaml");
}

/// `--open` where no browser opens says so, with the URL to open by hand,
/// and serve goes on.
#[test]
fn open_without_a_browser_says_so() {
    let site = Site::with_config().file("content/mistakes/a.md", writeup("A"));
    let root = site.root().to_string_lossy().into_owned();
    let mut child = site
        .command(&["serve", "--port", "0", "--root", &root, "--open"])
        .env("BROWSER", "/nonexistent/growthsite-test-browser")
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start growthsite serve");
    let (lines, stderr) = mpsc::channel();
    let err = child.stderr.take().expect("stderr");
    std::thread::spawn(move || {
        for line in BufReader::new(err).lines() {
            let Ok(line) = line else { break };
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let deadline = Instant::now() + PATIENCE;
    let note = loop {
        let left = deadline.saturating_duration_since(Instant::now());
        match stderr.recv_timeout(left) {
            Ok(line) if line.starts_with("note: could not open a browser") => break line,
            Ok(_) => {}
            Err(_) => panic!("serve --open said nothing when no browser opened"),
        }
    };
    assert!(
        note.contains("yourself") && note.contains("http://127.0.0.1:"),
        "{note}"
    );
    assert!(child.try_wait().unwrap().is_none(), "serve stopped");
    let _ = child.kill();
    let _ = child.wait();
}
