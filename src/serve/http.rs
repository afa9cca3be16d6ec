//! The preview's HTTP/1.1 connections, on std's `TcpListener`: an accepted
//! connection -> its request head (method and target), read within
//! limits; then one response, written whole, and the connection closed.
//!
//! Every limit is here, each a bound on what a client can make serve hold:
//!
//! - at most [`MAX_CONNECTIONS`] connections at once, each on its own
//!   thread; one more is answered `503` with `Retry-After` and closed by
//!   the accepting thread itself, which never waits on it;
//! - a request head of at most [`MAX_HEAD`] bytes and [`MAX_HEADERS`]
//!   fields, or `431` and close;
//! - the whole head within [`HEAD_DEADLINE`] of the connection (a deadline,
//!   not a timeout per read, so trickling a byte at a time does not keep a
//!   connection), or `408` and close; a client that sent nothing is closed;
//! - each write within [`WRITE_TIMEOUT`], so a client that stops reading
//!   is dropped;
//! - after the response, a lingering close (at most [`LINGER`] and
//!   [`LINGER_BYTES`]): what the client still sends is read and dropped,
//!   so that closing does not reset the connection before the client has
//!   read the answer (a `431` is sent while the client is still sending).
//!
//! The head is parsed by httparse (hyper's parser); the buffer is fixed,
//! so memory per connection is bounded and freed with the connection.

use std::io::{ErrorKind, Read, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use crate::error::Result;

/// Connections served at once (page loads, event streams, idle sockets).
/// A preview has one writer and a few tabs sharing one event stream; a
/// burst of 200 clients still fits.
pub const MAX_CONNECTIONS: usize = 256;

/// The longest request head: request line and header fields. Node.js's
/// default; a browser's head is well under 2 KiB, but cookies set by
/// other local apps on `127.0.0.1` (cookies ignore the port) come too.
pub const MAX_HEAD: usize = 16 * 1024;

/// The most header fields in a request (Apache's default).
pub const MAX_HEADERS: usize = 100;

/// How long a client has, from connecting, to send its whole request head.
pub const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// How long one write to a client may block.
pub const WRITE_TIMEOUT: Duration = Duration::from_secs(10);

/// How long, and how much, to read after the response before closing.
pub const LINGER: Duration = Duration::from_secs(2);

/// See [`LINGER`].
pub const LINGER_BYTES: usize = 1024 * 1024;

/// A pause before accepting again after `accept` failed (out of file
/// descriptors, say): the listener keeps going once the pressure is gone.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(50);

/// A request's method, as far as the preview cares.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `HEAD`: the headers of a `GET`, no body.
    Head,
    /// Anything else (answered `405`).
    Other,
}

/// A request head read in full, and the connection to answer on.
#[derive(Debug)]
pub struct Request {
    /// The method.
    pub method: Method,
    /// The request target as sent (`/growth/a/?x=1`).
    pub target: String,
    connection: Connection,
}

impl Request {
    /// Writes a whole response (adding `Content-Length` and
    /// `Connection: close`; no body for `HEAD`), then closes.
    pub fn respond(self, status: u16, headers: &[(&str, &str)], body: &[u8]) {
        let mut connection = self.connection;
        let length = body.len().to_string();
        let head = response_head(
            status,
            headers
                .iter()
                .copied()
                .chain([("Content-Length", length.as_str())]),
        );
        let body = if self.method == Method::Head {
            &[][..]
        } else {
            body
        };
        let _ = connection
            .write_all(&[head.as_bytes(), body].concat())
            .and_then(|()| connection.flush());
    }

    /// The connection, to write a response of unknown length on (an
    /// event stream); it is closed when dropped.
    pub fn into_connection(self) -> Connection {
        self.connection
    }
}

/// An accepted connection holding one of the [`MAX_CONNECTIONS`] slots;
/// dropping it closes it (lingering) and frees the slot.
#[derive(Debug)]
pub struct Connection {
    stream: TcpStream,
    _slot: Slot,
}

impl Write for Connection {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.stream.write(bytes)
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.stream.flush()
    }
}

impl Drop for Connection {
    fn drop(&mut self) {
        let _ = self.stream.shutdown(Shutdown::Write);
        let deadline = Instant::now() + LINGER;
        let mut sink = [0; 8192];
        let mut drained = 0;
        while drained < LINGER_BYTES {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() || self.stream.set_read_timeout(Some(left)).is_err() {
                break;
            }
            match self.stream.read(&mut sink) {
                Ok(0) => break,
                Ok(n) => drained += n,
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(_) => break,
            }
        }
    }
}

/// One of the [`MAX_CONNECTIONS`], given back when dropped.
#[derive(Debug)]
struct Slot(Arc<AtomicUsize>);

impl Slot {
    fn take(open: &Arc<AtomicUsize>) -> Option<Slot> {
        open.fetch_update(Ordering::AcqRel, Ordering::Acquire, |n| {
            (n < MAX_CONNECTIONS).then_some(n + 1)
        })
        .ok()
        .map(|_| Slot(open.clone()))
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// Accepts connections on `listener` from a thread of its own, reads each
/// request head on a thread per connection, and hands it to `answer`.
pub fn start(
    listener: TcpListener,
    answer: impl Fn(Request) + Send + Sync + 'static,
) -> Result<()> {
    let answer = Arc::new(answer);
    let open = Arc::new(AtomicUsize::new(0));
    std::thread::Builder::new()
        .name("serve-accept".into())
        .spawn(move || {
            loop {
                let stream = match listener.accept() {
                    Ok((stream, _)) => stream,
                    Err(_) => {
                        std::thread::sleep(ACCEPT_BACKOFF);
                        continue;
                    }
                };
                let Some(slot) = Slot::take(&open) else {
                    refuse_busy(stream);
                    continue;
                };
                let answer = answer.clone();
                let spawned = std::thread::Builder::new()
                    .name("serve-connection".into())
                    .spawn(move || {
                        let connection = Connection {
                            stream,
                            _slot: slot,
                        };
                        if let Some(request) = read_request(connection) {
                            answer(request);
                        }
                    });
                if let Err(e) = spawned {
                    eprintln!("warning: cannot answer a request: {e}");
                }
            }
        })
        .map_err(|e| super::ServeError::ServerThread { source: e })?;
    Ok(())
}

/// Reads a request head within the limits; answers and closes the
/// connection itself when the head is too large, malformed or late.
fn read_request(mut connection: Connection) -> Option<Request> {
    let stream = &connection.stream;
    stream.set_nodelay(true).ok()?;
    stream.set_write_timeout(Some(WRITE_TIMEOUT)).ok()?;
    let deadline = Instant::now() + HEAD_DEADLINE;
    // On the stack: freed with the thread, whatever the allocator keeps.
    let mut buffer = [0; MAX_HEAD];
    let mut length = 0;
    loop {
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() {
            return late(connection, length);
        }
        connection.stream.set_read_timeout(Some(left)).ok()?;
        let read = match connection.stream.read(&mut buffer[length..]) {
            Ok(0) => return None,
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {
                return late(connection, length);
            }
            Err(_) => return None,
        };
        // Parse only once the head may be complete: a blank line ends it.
        let from = length.saturating_sub(3);
        length += read;
        if !ends_head(&buffer[from..length]) {
            if length == MAX_HEAD {
                return fail(connection, 431, "request head too large\n");
            }
            continue;
        }
        let mut headers = [httparse::EMPTY_HEADER; MAX_HEADERS];
        let mut parsed = httparse::Request::new(&mut headers);
        match parsed.parse(&buffer[..length]) {
            Ok(httparse::Status::Complete(_)) => {
                let method = match parsed.method {
                    Some("GET") => Method::Get,
                    Some("HEAD") => Method::Head,
                    _ => Method::Other,
                };
                let target = parsed.path.unwrap_or_default().to_string();
                return Some(Request {
                    method,
                    target,
                    connection,
                });
            }
            Ok(httparse::Status::Partial) if length < MAX_HEAD => {}
            Ok(httparse::Status::Partial) | Err(httparse::Error::TooManyHeaders) => {
                return fail(connection, 431, "request head too large\n");
            }
            Err(_) => return fail(connection, 400, "bad request\n"),
        }
    }
}

/// Whether these bytes hold the blank line that ends a head (`\r\n\r\n`,
/// or `\n\n`, which HTTP/1.1 parsers accept too).
fn ends_head(bytes: &[u8]) -> bool {
    bytes.windows(2).any(|pair| pair == b"\n\n") || bytes.windows(3).any(|w| w == b"\n\r\n")
}

/// The deadline passed: `408` when part of a head came, silence when
/// nothing did (a browser's spare connection, say).
fn late(connection: Connection, received: usize) -> Option<Request> {
    if received > 0 {
        fail(connection, 408, "request head not received in time\n")
    } else {
        None
    }
}

fn fail(mut connection: Connection, status: u16, text: &str) -> Option<Request> {
    let head = response_head(status, plain_text(text));
    let _ = connection.write_all(&[head.as_bytes(), text.as_bytes()].concat());
    None
}

/// Answers a connection over [`MAX_CONNECTIONS`] without a thread and
/// without waiting: the socket is fresh, so the answer fits its buffer.
fn refuse_busy(stream: TcpStream) {
    let text = "the preview is serving too many connections; retry in a moment\n";
    let head = response_head(
        503,
        plain_text(text).chain([("Retry-After", "1".to_string())]),
    );
    let _ = stream.set_nonblocking(true);
    let _ = (&stream).write_all(&[head.as_bytes(), text.as_bytes()].concat());
    let _ = stream.shutdown(Shutdown::Write);
    // Drop what the request already sent, so that closing does not reset
    // the connection before the client reads the answer.
    let mut sink = [0; 4096];
    while matches!((&stream).read(&mut sink), Ok(n) if n > 0) {}
}

fn plain_text(text: &str) -> impl Iterator<Item = (&'static str, String)> + use<> {
    [
        ("Content-Type", "text/plain; charset=utf-8".to_string()),
        ("Content-Length", text.len().to_string()),
    ]
    .into_iter()
}

/// The status line and headers, with `Connection: close` (every response
/// closes its connection). A value holding a line break is left out: a
/// value taken from the request (a redirect's `Location`) must not be
/// able to start a header of its own.
fn response_head<N: AsRef<str>, V: AsRef<str>>(
    status: u16,
    headers: impl IntoIterator<Item = (N, V)>,
) -> String {
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    for (name, value) in headers {
        let (name, value) = (name.as_ref(), value.as_ref());
        if !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("Connection: close\r\n\r\n");
    head
}

/// The reason phrase of the statuses the preview sends.
fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        302 => "Found",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        500 => "Internal Server Error",
        503 => "Service Unavailable",
        _ => "",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_blank_line_ends_a_head() {
        assert!(ends_head(b"GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assert!(ends_head(b"GET / HTTP/1.0\n\n"));
        assert!(!ends_head(b"GET / HTTP/1.1\r\nHost: x\r\n"));
    }

    #[test]
    fn heads_close_and_keep_line_breaks_out() {
        let head = response_head(302, [("Location", "/a/\r\nSet-Cookie: x=1")]);
        assert_eq!(head, "HTTP/1.1 302 Found\r\nConnection: close\r\n\r\n");
        let head = response_head(431, plain_text("x"));
        assert!(head.starts_with("HTTP/1.1 431 Request Header Fields Too Large\r\n"));
        assert!(head.contains("Content-Length: 1\r\n"));
    }

    #[test]
    fn slots_run_out_and_come_back() {
        let open = Arc::new(AtomicUsize::new(0));
        let slots: Vec<Slot> = (0..MAX_CONNECTIONS)
            .map(|_| Slot::take(&open).unwrap())
            .collect();
        assert!(Slot::take(&open).is_none());
        drop(slots);
        assert_eq!(open.load(Ordering::Acquire), 0);
        assert!(Slot::take(&open).is_some());
    }
}
