//! The client side: raw HTTP requests ([`Reply`]) and the live-reload
//! event stream ([`EventStream`]), each read within serve's patience.

use std::io::{ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

use crate::serve_patience::{PATIENCE, Patience};

/// An HTTP response.
#[derive(Debug)]
pub struct Reply {
    /// The status code.
    pub status: u16,
    /// Header names (lower case) and values, in order.
    pub headers: Vec<(String, String)>,
    /// The body (empty for HEAD).
    pub body: Vec<u8>,
}

impl Reply {
    /// A header's value.
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The body as text.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends `request` as is and reads one response.
pub fn raw_request(addr: SocketAddr, request: &[u8], head: bool) -> Reply {
    send_request(addr, request, head, None)
}

/// [`raw_request`] to the serve process `serve`: a response that waits
/// for a rebuild is given serve's time (see [`Patience`]).
pub(super) fn send_request(
    addr: SocketAddr,
    request: &[u8],
    head: bool,
    serve: Option<u32>,
) -> Reply {
    let mut stream = TcpStream::connect(addr).expect("connect");
    stream.write_all(request).expect("send");
    let patience = Patience::new(PATIENCE, serve);
    let mut data = Vec::new();
    let mut buffer = [0; 65536];
    let header_end = loop {
        if let Some(at) = find(&data, b"\r\n\r\n") {
            break at;
        }
        let n = read_within(&mut stream, &mut buffer, &patience).expect("read the response");
        assert!(n > 0, "connection closed before the headers: {data:?}");
        data.extend_from_slice(&buffer[..n]);
    };
    let head_text = String::from_utf8_lossy(&data[..header_end]).into_owned();
    let mut lines = head_text.split("\r\n");
    let status_line = lines.next().unwrap();
    let status: u16 = status_line.split(' ').nth(1).unwrap().parse().unwrap();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let mut body = data[header_end + 4..].to_vec();
    let length = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .map(|(_, v)| v.parse::<usize>().unwrap());
    if !head {
        while length.is_none_or(|length| body.len() < length) {
            let n = read_within(&mut stream, &mut buffer, &patience).unwrap_or(0);
            if n == 0 {
                break;
            }
            body.extend_from_slice(&buffer[..n]);
        }
    }
    Reply {
        status,
        headers,
        body,
    }
}

/// Reads what comes within `patience`; panics when nothing does.
fn read_within(
    stream: &mut TcpStream,
    buffer: &mut [u8],
    patience: &Patience,
) -> std::io::Result<usize> {
    loop {
        let left = patience.left().expect("no response within its patience");
        stream.set_read_timeout(Some(left)).unwrap();
        match stream.read(buffer) {
            Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            other => return other,
        }
    }
}

/// The number of the build an event names (`{"build":"SESSION-N"}` -> N):
/// it grows by one with each change the pages are told about.
pub fn build_number(data: &str) -> u64 {
    let value: serde_json::Value = serde_json::from_str(data).expect("event data is JSON");
    let build = value["build"].as_str().expect("a build id");
    let (_, number) = build.rsplit_once('-').expect("SESSION-N");
    number.parse().expect("a build number")
}

pub(super) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A live-reload event stream, read as a browser's `EventSource` would.
pub struct EventStream {
    stream: TcpStream,
    buffer: Vec<u8>,
    /// serve's process, whose waits for a CPU the waits do not count.
    serve: Option<u32>,
}

impl EventStream {
    /// Connects to the serve process `serve` and checks the response head.
    pub fn open(addr: SocketAddr, serve: Option<u32>) -> EventStream {
        let mut stream = TcpStream::connect(addr).expect("connect");
        let request = format!(
            "GET /__growthsite/events HTTP/1.1\r\nHost: {addr}\r\nAccept: text/event-stream\r\n\r\n"
        );
        stream.write_all(request.as_bytes()).unwrap();
        let mut events = EventStream {
            stream,
            buffer: Vec::new(),
            serve,
        };
        let patience = Patience::new(PATIENCE, serve);
        let head = events.next_block(&patience).expect("response headers");
        assert!(head.starts_with("HTTP/1.1 200"), "{head}");
        assert!(head.contains("text/event-stream"), "{head}");
        events
    }

    fn next_block(&mut self, patience: &Patience) -> Option<String> {
        loop {
            if let Some(at) = find(&self.buffer, b"\n\n") {
                let block = String::from_utf8_lossy(&self.buffer[..at]).into_owned();
                self.buffer.drain(..at + 2);
                return Some(block);
            }
            self.stream
                .set_read_timeout(Some(patience.left()?))
                .unwrap();
            let mut chunk = [0; 65536];
            match self.stream.read(&mut chunk) {
                Ok(0) => panic!("the event stream closed"),
                // Lines end in CRLF in the head, LF in the events.
                Ok(n) => self
                    .buffer
                    .extend(chunk[..n].iter().filter(|&&b| b != b'\r')),
                // Time to ask the patience again.
                Err(e) if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Err(e) => panic!("reading the event stream failed: {e}"),
            }
        }
    }

    /// The next event's name and data, skipping comments and `retry:`;
    /// `None` when none came within `timeout` of serve's time (see
    /// [`Patience`]).
    pub fn next_event(&mut self, timeout: Duration) -> Option<(String, String)> {
        let patience = Patience::new(timeout, self.serve);
        loop {
            let block = self.next_block(&patience)?;
            let field = |name: &str| {
                block
                    .lines()
                    .find_map(|line| line.strip_prefix(name))
                    .map(str::to_string)
            };
            if let Some(kind) = field("event: ") {
                return Some((kind, field("data: ").unwrap_or_default()));
            }
        }
    }

    /// Waits for an event of this kind and returns its data; panics on
    /// any other event.
    pub fn expect(&mut self, kind: &str) -> String {
        match self.next_event(PATIENCE) {
            Some((found, data)) if found == kind => data,
            Some((found, data)) => panic!("expected a {kind} event, got {found}: {data}"),
            None => panic!("no {kind} event"),
        }
    }
}
