//! `growthsite serve` against clients that abuse it, through the real
//! binary and raw TCP: endless request heads get `431` and a close, one
//! connection over the cap gets `503`, silent and trickling clients are
//! dropped at the head deadline, and memory comes back once they leave.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::{Duration, Instant};

use growthsite::serve::http::{HEAD_DEADLINE, MAX_CONNECTIONS, MAX_HEAD};

use crate::serve::{PATIENCE, Patience, Preview, raw_request};
use crate::support::{Site, writeup};

fn site() -> Site {
    Site::with_config().file("content/mistakes/a.md", writeup("First mistake"))
}

/// What a flooding client got: the server's answer, and whether the
/// server closed the connection (rather than leaving it open).
struct Flooded {
    answer: String,
    closed: bool,
}

/// Sends `start`, then `filler` over and over until `limit` bytes are
/// sent or the server stops taking them, while reading the answer. The
/// client then leaves.
fn flood(addr: SocketAddr, start: &[u8], filler: &[u8], limit: usize) -> Flooded {
    let mut stream = TcpStream::connect(addr).expect("connect");
    let mut writer = stream.try_clone().unwrap();
    let (start, filler) = (start.to_vec(), filler.to_vec());
    let sending = std::thread::spawn(move || {
        let mut sent = 0;
        let _ = writer.write_all(&start);
        while sent < limit && writer.write_all(&filler).is_ok() {
            sent += filler.len();
        }
    });
    stream.set_read_timeout(Some(PATIENCE)).unwrap();
    let mut answer = Vec::new();
    let mut chunk = [0; 4096];
    let closed = loop {
        match stream.read(&mut chunk) {
            Ok(0) => break true,
            Ok(n) => answer.extend_from_slice(&chunk[..n]),
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Err(e) => break e.kind() == ErrorKind::ConnectionReset,
        }
    };
    let _ = stream.shutdown(std::net::Shutdown::Both);
    sending.join().unwrap();
    Flooded {
        answer: String::from_utf8_lossy(&answer).into_owned(),
        closed,
    }
}

/// A field of `/proc/<pid>/status` in KiB (or a count, for `Threads:`).
fn proc_status(pid: u32, field: &str) -> u64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).unwrap();
    let line = status
        .lines()
        .find(|line| line.starts_with(field))
        .unwrap_or_else(|| panic!("no {field} in /proc/{pid}/status"));
    line[field.len()..]
        .split_whitespace()
        .next()
        .and_then(|value| value.parse().ok())
        .unwrap_or_else(|| panic!("{line}"))
}

/// Waits until serve is down to `threads` threads: the connections it
/// was answering are closed.
fn wait_for_threads(pid: u32, threads: u64) {
    let patience = Patience::new(PATIENCE, Some(pid));
    while proc_status(pid, "Threads:") > threads {
        assert!(
            patience.left().is_some(),
            "serve's connection threads stayed"
        );
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Loads the home page until it answers 200: a slot frees a moment after
/// the client that held it has seen its connection closed.
fn wait_until_served(preview: &Preview) {
    let patience = Patience::new(PATIENCE, Some(preview.pid()));
    loop {
        let status = preview.get("").status;
        if status == 200 {
            return;
        }
        assert_eq!(status, 503, "only a full server may refuse");
        assert!(
            patience.left().is_some(),
            "still refused after {PATIENCE:?}"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn an_endless_request_head_gets_431_and_a_close() {
    let preview = Preview::start(&site(), &[]);
    let long_line = flood(
        preview.addr,
        b"GET / HTTP/1.1\r\nHost: x\r\nX-Endless: ",
        &[b'a'; 65536],
        16 << 20,
    );
    let many_lines = flood(
        preview.addr,
        b"GET / HTTP/1.1\r\nHost: x\r\n",
        &b"X-More: b\r\n".repeat(1000),
        16 << 20,
    );
    let no_line_end = flood(preview.addr, b"GET /", &[b'a'; 65536], 16 << 20);
    for (what, flooded) in [
        ("one endless header", long_line),
        ("endless header lines", many_lines),
        ("an endless request line", no_line_end),
    ] {
        assert!(
            flooded
                .answer
                .starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"),
            "{what}: {:?}",
            flooded.answer
        );
        assert!(flooded.answer.contains("Connection: close\r\n"), "{what}");
        assert!(flooded.closed, "{what}: the connection stayed open");
    }
    // A large head within the limit (cookies of other local apps) is fine.
    let cookie = "c".repeat(MAX_HEAD - 1024);
    let request = format!("GET / HTTP/1.1\r\nHost: x\r\nCookie: {cookie}\r\n\r\n");
    let reply = raw_request(preview.addr, request.as_bytes(), false);
    assert_eq!(reply.status, 200);
}

#[test]
fn one_connection_over_the_cap_gets_503_and_silent_ones_are_dropped() {
    let preview = Preview::start(&site(), &[]);
    let started = Instant::now();
    // Clients that connect and say nothing: every slot is taken.
    let silent: Vec<TcpStream> = (0..MAX_CONNECTIONS)
        .map(|_| TcpStream::connect(preview.addr).expect("connect"))
        .collect();
    // One more is answered at once, told when to retry, and closed.
    let refused = preview.get("");
    assert_eq!(refused.status, 503, "{}", refused.text());
    assert_eq!(refused.header("retry-after"), Some("1"));
    assert_eq!(refused.header("connection"), Some("close"));
    // The silent ones are closed at the head deadline, not before; then
    // pages load again.
    for mut stream in silent {
        stream
            .set_read_timeout(Some(HEAD_DEADLINE + PATIENCE))
            .unwrap();
        match stream.read(&mut [0; 64]) {
            Ok(0) => {}
            Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
            other => panic!("a silent connection was not closed: {other:?}"),
        }
    }
    assert!(
        started.elapsed() >= HEAD_DEADLINE,
        "closed before the deadline"
    );
    wait_until_served(&preview);
}

#[test]
fn a_client_trickling_its_head_gets_408_at_the_deadline() {
    let preview = Preview::start(&site(), &[]);
    let started = Instant::now();
    let mut stream = TcpStream::connect(preview.addr).expect("connect");
    stream.write_all(b"GET / HTTP/1.1\r\n").unwrap();
    let mut writer = stream.try_clone().unwrap();
    // The slow-loris client: a header line every 200 ms, each read by
    // the server well within any timeout per read. The pause is the
    // behaviour under test, not a synchronisation.
    let trickling = std::thread::spawn(move || {
        while started.elapsed() < HEAD_DEADLINE + PATIENCE
            && writer.write_all(b"X-Slow: a\r\n").is_ok()
        {
            std::thread::sleep(Duration::from_millis(200));
        }
    });
    stream
        .set_read_timeout(Some(HEAD_DEADLINE + PATIENCE))
        .unwrap();
    let mut answer = Vec::new();
    let _ = stream.read_to_end(&mut answer);
    let answer = String::from_utf8_lossy(&answer).into_owned();
    assert!(
        answer.starts_with("HTTP/1.1 408 Request Timeout\r\n"),
        "{answer:?}"
    );
    assert!(started.elapsed() >= HEAD_DEADLINE);
    drop(stream);
    trickling.join().unwrap();
    assert_eq!(preview.get("").status, 200);
}

#[test]
fn memory_comes_back_after_clients_send_endless_heads() {
    let preview = Preview::start(&site(), &[]);
    let pid = preview.pid();
    // No connection yet: serve's own threads only.
    let threads = proc_status(pid, "Threads:");
    assert_eq!(preview.get("").status, 200);
    wait_for_threads(pid, threads);
    let rss = proc_status(pid, "VmRSS:");
    let peak = proc_status(pid, "VmHWM:");
    let clients: Vec<_> = (0..4)
        .map(|_| {
            let addr = preview.addr;
            std::thread::spawn(move || {
                flood(
                    addr,
                    b"GET / HTTP/1.1\r\nX-Endless: ",
                    &[b'a'; 65536],
                    32 << 20,
                )
            })
        })
        .collect();
    let answers: Vec<Flooded> = clients.into_iter().map(|c| c.join().unwrap()).collect();
    // The clients have left; once serve's threads for them have ended,
    // its memory is what it was.
    wait_for_threads(pid, threads);
    let peak_growth = proc_status(pid, "VmHWM:").saturating_sub(peak);
    let rss_growth = proc_status(pid, "VmRSS:").saturating_sub(rss);
    assert!(
        peak_growth < 16 * 1024,
        "128 MiB of headers grew serve's peak memory by {peak_growth} KiB"
    );
    assert!(
        rss_growth < 8 * 1024,
        "serve kept {rss_growth} KiB more after the clients left (from {rss} KiB)"
    );
    for flooded in answers {
        assert!(
            flooded.answer.starts_with("HTTP/1.1 431 "),
            "{}",
            flooded.answer
        );
    }
    assert_eq!(preview.get("").status, 200);
}
