//! `growthsite serve`: the real binary on a free port (`--port 0`), talked
//! to over HTTP with raw requests on `TcpStream`s: status codes, content
//! types, redirects, 404, HEAD, traversal attempts, the live-reload event
//! stream after file writes, errors kept out of the served site, many open
//! streams at once, and serve's pages against `build`'s output.

use std::io::{BufRead, BufReader, ErrorKind, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Stdio};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub use crate::serve_patience::{PATIENCE, Patience};
use crate::support::{CONFIG, Site, writeup};

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
fn default_interrupt(command: &mut std::process::Command) {
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
fn default_interrupt(_: &mut std::process::Command) {}

impl Drop for Preview {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

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
fn send_request(addr: SocketAddr, request: &[u8], head: bool, serve: Option<u32>) -> Reply {
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

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
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

/// A site published under a sub-path, with one write-up and static files
/// of every common type.
fn sub_path_site() -> Site {
    let config = CONFIG.replace(
        "base_url: https://example.com/",
        "base_url: https://example.com/growth/",
    );
    let mut site = Site::new()
        .file("growthsite.yaml", config)
        .file("content/mistakes/a.md", writeup("First mistake"))
        .file("content/about.md", "---\ntitle: About\n---\nAbout me.\n");
    for name in [
        "logo.png",
        "photo.jpg",
        "photo.jpeg",
        "anim.gif",
        "pic.webp",
        "pic.avif",
        "font.woff2",
        "data.json",
        "notes.txt",
        "icon.svg",
        "app.js",
        "blob.bin",
    ] {
        site = site.file(&format!("static/{name}"), format!("contents of {name}"));
    }
    site
}

fn append(site: &Site, path: &str, text: &str) {
    let mut file = std::fs::OpenOptions::new()
        .append(true)
        .open(site.path(path))
        .unwrap();
    file.write_all(text.as_bytes()).unwrap();
}

#[test]
fn pages_are_served_under_the_base_path_with_the_reload_script() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    assert!(
        preview.url.starts_with("http://127.0.0.1:"),
        "{}",
        preview.url
    );
    assert!(preview.url.ends_with("/growth/"), "{}", preview.url);

    let root = preview.request("GET", "/");
    assert_eq!(root.status, 302);
    assert_eq!(root.header("location"), Some("/growth/"));

    let home = preview.get("");
    assert_eq!(home.status, 200);
    assert_eq!(
        home.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    assert_eq!(home.header("cache-control"), Some("no-store"));
    let html = home.text();
    let script = html
        .find("<script id=\"growthsite-live\">")
        .expect("script");
    assert!(script < html.rfind("</body>").unwrap());
    // Absolute URLs point at the preview, not at the published site.
    assert!(html.contains(&format!("{}atom.xml", preview.url)), "{html}");
    assert!(!html.contains("https://example.com/growth/"));

    let folder = preview.get("mistakes/a");
    assert!([301, 302].contains(&folder.status));
    assert_eq!(folder.header("location"), Some("/growth/mistakes/a/"));
    let page = preview.get("mistakes/a/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("First mistake"));

    let css = preview.get("style.css");
    assert_eq!(css.header("content-type"), Some("text/css; charset=utf-8"));
    assert!(!css.text().contains("growthsite-live"));
    assert!(
        !site.exists("public"),
        "serve must not write the output folder"
    );
}

#[test]
fn content_types_follow_the_file_type() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    for (path, expected) in [
        ("logo.png", "image/png"),
        ("photo.jpg", "image/jpeg"),
        ("photo.jpeg", "image/jpeg"),
        ("anim.gif", "image/gif"),
        ("pic.webp", "image/webp"),
        ("pic.avif", "image/avif"),
        ("font.woff2", "font/woff2"),
        ("data.json", "application/json"),
        ("notes.txt", "text/plain; charset=utf-8"),
        ("icon.svg", "image/svg+xml"),
        ("app.js", "text/javascript; charset=utf-8"),
        ("blob.bin", "application/octet-stream"),
        ("atom.xml", "application/xml; charset=utf-8"),
        ("sitemap.xml", "application/xml; charset=utf-8"),
        ("robots.txt", "text/plain; charset=utf-8"),
        ("about/", "text/html; charset=utf-8"),
    ] {
        let reply = preview.get(path);
        assert_eq!(reply.status, 200, "{path}");
        assert_eq!(reply.header("content-type"), Some(expected), "{path}");
    }
    assert_eq!(preview.get("notes.txt").text(), "contents of notes.txt");
}

#[test]
fn missing_pages_get_the_404_page_with_status_404() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    let reply = preview.get("no/such/page/");
    assert_eq!(reply.status, 404);
    assert_eq!(
        reply.header("content-type"),
        Some("text/html; charset=utf-8")
    );
    let built_404 = preview.get("404.html");
    let text = reply.text();
    assert!(text.contains("growthsite-live"), "the 404 page reloads too");
    assert_eq!(text, built_404.text());
    assert_eq!(preview.request("GET", "/elsewhere/").status, 404);
}

#[test]
fn head_gives_the_headers_without_a_body() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    let get = preview.get("");
    let head = preview.request("HEAD", "/growth/");
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty());
    assert_eq!(head.header("content-type"), get.header("content-type"));
    let length: usize = head.header("content-length").unwrap().parse().unwrap();
    assert_eq!(length, get.body.len());
    assert_eq!(preview.request("POST", "/growth/").status, 405);
}

#[test]
fn percent_encoded_paths_are_decoded() {
    let site = sub_path_site().file("static/caf\u{e9} menu.txt", "coffee");
    let preview = Preview::start(&site, &[]);
    let reply = preview.get("caf%C3%A9%20menu.txt");
    assert_eq!(reply.status, 200);
    assert_eq!(reply.text(), "coffee");
}

#[test]
fn nothing_outside_the_site_can_be_read() {
    let site = sub_path_site();
    std::fs::write(site.scratch("secret.txt"), "TOP-SECRET").unwrap();
    let secret = site.scratch("secret.txt").to_string_lossy().into_owned();
    let preview = Preview::start(&site, &[]);
    let targets = [
        "/../secret.txt".to_string(),
        "/growth/../../secret.txt".to_string(),
        "/growth/../growthsite.yaml".to_string(),
        "/growth/%2e%2e/%2e%2e/secret.txt".to_string(),
        "/growth/%2E%2E%2F%2E%2E%2Fsecret.txt".to_string(),
        "/growth/%252e%252e/%252e%252e/secret.txt".to_string(),
        "/growth/..%5c..%5csecret.txt".to_string(),
        "/growth/..\\..\\secret.txt".to_string(),
        format!("/growth/{secret}"),
        format!("/growth//{}", secret.trim_start_matches('/')),
        secret.clone(),
        "/growth/content/mistakes/a.md".to_string(),
        "/growth/mistakes/a/index.html%00.png".to_string(),
        "/growth/%00".to_string(),
        "/growth/./style.css/../../secret.txt".to_string(),
        "/etc/passwd".to_string(),
    ];
    for target in &targets {
        let request = format!("GET {target} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        let reply = raw_request(preview.addr, request.as_bytes(), false);
        assert!(
            [400, 404].contains(&reply.status),
            "{target}: status {}",
            reply.status
        );
        let text = reply.text();
        assert!(!text.contains("TOP-SECRET"), "{target}");
        assert!(!text.contains("base_url:"), "{target}");
        assert!(!text.contains("lesson: Check first."), "{target}");
    }
    // A raw NUL byte in the request line.
    let reply_nul = raw_request(
        preview.addr,
        b"GET /growth/\0/../../secret.txt HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n",
        false,
    );
    assert!(!reply_nul.text().contains("TOP-SECRET"));
    assert_ne!(reply_nul.status, 200);
}

#[test]
fn a_saved_writeup_reloads_open_pages() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| {
        append(
            &site,
            "content/mistakes/a.md",
            "\nA sentence added later.\n",
        )
    });
    events.expect("reload");
    let page = preview.get("mistakes/a/");
    assert!(page.text().contains("A sentence added later."));
    let line = preview.wait_for_line("rebuilt content/mistakes/a.md");
    assert!(line.contains("(1 write-up, "), "{line}");
    assert!(line.ends_with(" ms"), "{line}");
}

#[test]
fn a_broken_writeup_shows_errors_and_keeps_the_last_good_page() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| {
        site.write(
            "content/mistakes/a.md",
            "---\ntitle: First mistake\ndate: not a date\n---\nBroken.\n",
        )
    });
    let data = events.expect("error");
    assert!(data.contains("content/mistakes/a.md:3:"), "{data}");
    let page = preview.get("mistakes/a/");
    assert_eq!(page.status, 200);
    assert!(page.text().contains("What happened."), "the last good page");
    // A page opened now learns about the errors on connecting.
    let mut late = EventStream::open(preview.addr, Some(preview.pid()));
    let (kind, data) = late.next_event(PATIENCE).unwrap();
    assert_eq!(kind, "hello");
    assert!(data.contains("content/mistakes/a.md:3:"), "{data}");
    preview.wait_for_stderr("error: content/mistakes/a.md:3:");

    preview.edit(|| {
        site.write(
            "content/mistakes/a.md",
            writeup("First mistake").replace("What happened.", "Fixed now."),
        )
    });
    events.expect("ok");
    late.expect("ok");
    assert!(preview.get("mistakes/a/").text().contains("Fixed now."));
    preview.wait_for_line("rebuilt content/mistakes/a.md");
}

#[test]
fn serve_starts_even_when_the_first_build_fails() {
    let site = sub_path_site().file(
        "content/mistakes/a.md",
        "---\ntitle: First mistake\ndate: 2026-01-15\nseverity: huge\n---\nx\n",
    );
    let preview = Preview::start(&site, &[]);
    let page = preview.get("");
    assert!([200, 500].contains(&page.status));
    let text = page.text();
    assert!(text.contains("content/mistakes/a.md:4:"), "{text}");
    assert!(text.contains("role=\"alert\""));
    assert!(text.contains("growthsite-live"));
    let mut events = preview.events();
    preview.edit(|| site.write("content/mistakes/a.md", writeup("First mistake")));
    events.expect("ok");
    let page = preview.get("mistakes/a/");
    assert_eq!(page.status, 200);
}

#[test]
fn a_stylesheet_change_swaps_styles_without_a_reload() {
    let site = sub_path_site().file("static/extra.css", "body { color: red }\n");
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| site.write("static/extra.css", "body { color: blue }\n"));
    let swapped = build_number(&events.expect("css"));
    assert_eq!(preview.get("extra.css").text(), "body { color: blue }\n");
    // The rebuild that follows (for the new fingerprints) tells the pages
    // nothing: once it is done, the build is still the one the css event
    // named, and the next event is the next change's.
    preview.wait_for_line("rebuilt everything after a change to static/extra.css");
    assert_eq!(
        preview.current_build(),
        swapped,
        "the rebuild made a new build"
    );
    preview.edit(|| site.write("templates/404.html", "<html><body>Lost</body></html>"));
    let reloaded = events.expect("reload");
    assert_eq!(
        build_number(&reloaded),
        swapped + 1,
        "an event came between"
    );
    assert!(preview.get("nowhere/").text().contains("Lost"));
}

#[test]
fn an_editor_save_gives_one_rebuild() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // Vim's save: a probe file, a swap file, a backup by rename, the new
    // file, then the backup removed. Made while serve is paused, so the
    // watcher gets the steps at once, as from a quick editor: what is
    // tested is that the leftovers are ignored and the steps make one
    // batch, not that the test beats the debounce window.
    let dir = site.path("content/mistakes");
    preview.edit(|| {
        std::fs::write(dir.join("4913"), "").unwrap();
        std::fs::remove_file(dir.join("4913")).unwrap();
        std::fs::write(dir.join(".a.md.swp"), "swap").unwrap();
        std::fs::rename(dir.join("a.md"), dir.join("a.md~")).unwrap();
        let text = writeup("First mistake").replace("What happened.", "Saved by vim.");
        std::fs::write(dir.join("a.md"), text).unwrap();
        std::fs::remove_file(dir.join("a.md~")).unwrap();
        std::fs::remove_file(dir.join(".a.md.swp")).unwrap();
    });
    events.expect("reload");
    assert!(preview.get("mistakes/a/").text().contains("Saved by vim."));
    let rebuilds = preview.rebuilds_until("rebuilt content/mistakes/a.md");
    assert_eq!(rebuilds.len(), 1, "one rebuild per save: {rebuilds:?}");
    // Then an atomic save: a temporary file renamed over the original.
    preview.edit(|| {
        let text = writeup("First mistake").replace("What happened.", "Saved atomically.");
        std::fs::write(dir.join(".a.md.tmp"), text).unwrap();
        std::fs::rename(dir.join(".a.md.tmp"), dir.join("a.md")).unwrap();
    });
    let saved = build_number(&events.expect("reload"));
    assert!(
        preview
            .get("mistakes/a/")
            .text()
            .contains("Saved atomically.")
    );
    // A later edit elsewhere: its rebuild comes next, and its event is the
    // next one, so the save made no other.
    preview.edit(|| append(&site, "content/about.md", "\nMore.\n"));
    assert_eq!(build_number(&events.expect("reload")), saved + 1);
    let rebuilds = preview.rebuilds_until("rebuilt content/about.md");
    assert_eq!(rebuilds.len(), 2, "one rebuild per save: {rebuilds:?}");
    assert!(
        rebuilds[0].starts_with("rebuilt content/mistakes/a.md ("),
        "{rebuilds:?}"
    );
}

#[test]
fn open_event_streams_do_not_block_page_loads() {
    let site = sub_path_site();
    let preview = Preview::start(&site, &[]);
    let mut streams: Vec<EventStream> = (0..20).map(|_| preview.events()).collect();
    let loads: Vec<_> = (0..24)
        .map(|i| {
            let addr = preview.addr;
            std::thread::spawn(move || {
                let path = if i % 2 == 0 {
                    "/growth/"
                } else {
                    "/growth/style.css"
                };
                let request =
                    format!("GET {path} HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                raw_request(addr, request.as_bytes(), false).status
            })
        })
        .collect();
    for load in loads {
        assert_eq!(load.join().unwrap(), 200);
    }
    preview.edit(|| append(&site, "content/mistakes/a.md", "\nMore.\n"));
    for stream in &mut streams {
        stream.expect("reload");
    }
}

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

/// After edits of every kind, each file serve shows (its script removed)
/// is the file `build` writes for the same base URL, and no file is missing
/// or extra: the incremental rebuilds miss nothing.
#[test]
fn served_pages_equal_the_build_after_edits() {
    let site = Site::example();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // The move first: it rebuilds everything. Then edits the fast path
    // takes, each patching the last build.
    let path = "content/mistakes/2026-04-28-no-rollback-migration/index.md";
    let edits: [(&str, &str, &str); 8] = [
        ("date: 2026-04-28", "date: 2026-04-29", "the date"),
        ("## What happened", "## What happened first", "a heading"),
        (
            "We wanted to split",
            "We had wanted to split",
            "the summary",
        ),
        (
            "title: Shipped a schema migration with no rollback",
            "title: Shipped a migration",
            "the title",
        ),
        (
            "lesson: Write and test the rollback",
            "lesson: Always write the rollback",
            "the lesson",
        ),
        (
            "Isn't rolling forward a valid strategy?",
            "Is rolling forward fine?",
            "a question",
        ),
        ("severity: high", "severity: low", "the severity"),
        (
            "severity: low",
            "severity: low\nupdated: 2026-06-01",
            "the updated date",
        ),
    ];
    for (from, to, what) in edits {
        let text = site.read(path);
        assert!(text.contains(from), "{what}");
        preview.edit(|| site.write(path, text.replacen(from, to, 1)));
        events.expect("reload");
        let line = preview.wait_for_line("rebuilt ");
        let everything = line.starts_with("rebuilt everything");
        assert_eq!(everything, what == "the date", "{what}: {line}");
    }
    // Two files in one save (a search and replace across files), and the
    // plain pages.
    let other = "content/mistakes/2025-05-06-harsh-code-review.md";
    preview.edit(|| {
        let text = site.read(other);
        site.write(
            other,
            text.replacen("severity: medium", "severity: high", 1),
        );
        let text = site.read(path);
        site.write(path, format!("{text}\nA closing line.\n"));
    });
    events.expect("reload");
    let line = preview.wait_for_line("rebuilt ");
    assert!(line.contains("(2 write-ups, "), "{line}");
    for page in ["content/about.md", "content/faq.md"] {
        let text = site.read(page);
        preview.edit(|| site.write(page, format!("{text}\nOne more line.\n")));
        events.expect("reload");
        let line = preview.wait_for_line("rebuilt ");
        assert!(
            line.starts_with(&format!("rebuilt {page} (1 page, ")),
            "{line}"
        );
    }

    // Every file but the output folder's ownership marker.
    assert_served_as_built(&site, &preview, |rel| !rel.starts_with('.'));
}

/// Builds the site for the preview's base URL (with drafts and future
/// write-ups, as serve shows them) and asserts that every file `keep`
/// selects is served, byte for byte (the live script removed).
pub fn assert_served_as_built(site: &Site, preview: &Preview, keep: impl Fn(&str) -> bool) {
    let out = site.scratch("built");
    let _ = std::fs::remove_dir_all(&out);
    let out_arg = out.to_string_lossy().into_owned();
    let base_url = format!("--base-url={}", preview.url);
    site.run(&[
        "build", "--quiet", "--drafts", "--future", "-o", &out_arg, &base_url,
    ])
    .assert_success();
    // Social cards show where the site is published, never the preview's
    // address: serve's are those of a build at the config's base_url.
    let published = site.scratch("published");
    let _ = std::fs::remove_dir_all(&published);
    let published_arg = published.to_string_lossy().into_owned();
    site.run(&[
        "build",
        "--quiet",
        "--drafts",
        "--future",
        "-o",
        &published_arg,
    ])
    .assert_success();
    let mut built_paths = Vec::new();
    collect_files(&out, &out, &mut built_paths);
    let chosen: Vec<&String> = built_paths.iter().filter(|p| keep(p)).collect();
    assert!(!chosen.is_empty(), "no file chosen among {built_paths:?}");
    for rel in chosen {
        let reply = preview.get(rel);
        assert_eq!(reply.status, 200, "{rel}");
        let from = if rel.ends_with("/card.png") {
            &published
        } else {
            &out
        };
        let built = std::fs::read(from.join(rel)).unwrap();
        assert!(
            strip_live_script(&reply.body) == built,
            "{rel} differs from the build"
        );
    }
}

/// Every file under `dir`, as paths relative to `base`.
pub fn collect_files(base: &Path, dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(base, &path, found);
        } else {
            let rel = path.strip_prefix(base).unwrap();
            found.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// A served page without the live-reload script serve adds.
pub fn strip_live_script(body: &[u8]) -> Vec<u8> {
    let start = b"<script id=\"growthsite-live\">";
    let Some(at) = find(body, start) else {
        return body.to_vec();
    };
    let end = at + find(&body[at..], b"</script>\n").unwrap() + b"</script>\n".len();
    [&body[..at], &body[end..]].concat()
}

#[test]
fn new_and_deleted_writeups_rebuild_the_site() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    preview.edit(|| site.write("content/mistakes/b.md", writeup("Second mistake")));
    events.expect("reload");
    assert_eq!(preview.get("mistakes/b/").status, 200);
    assert!(preview.get("").text().contains("Second mistake"));
    preview.wait_for_line("rebuilt everything after a change to content/mistakes/b.md");
    preview.edit(|| site.remove("content/mistakes/b.md"));
    events.expect("reload");
    assert_eq!(preview.get("mistakes/b/").status, 404);
    assert!(!preview.get("").text().contains("Second mistake"));
}

#[test]
fn a_config_change_rebuilds_everything() {
    let site = sub_path_site();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    let config = site.read("growthsite.yaml");
    preview.edit(|| {
        site.write(
            "growthsite.yaml",
            config.replace("language: en", "language: fr"),
        )
    });
    events.expect("reload");
    assert!(preview.get("mistakes/a/").text().contains("lang=\"fr\""));
    preview.wait_for_line("rebuilt everything after a change to growthsite.yaml");
}

#[test]
fn serve_needs_a_site() {
    let site = Site::new();
    site.run(&["serve", "--port", "0"])
        .assert_exit(1)
        .stderr_contains("no growthsite.yaml");
}

#[test]
fn editing_a_draft_changes_nothing_served() {
    let draft = writeup("A draft").replace("lesson:", "draft: true\nlesson:");
    let site = sub_path_site().file("content/mistakes/d.md", &draft);
    // serve shows drafts unless --no-drafts (tests/first_week/drafts.rs).
    let mut preview = Preview::start(&site, &["--no-drafts"]);
    let mut events = preview.events();
    let before = preview.current_build();
    preview.edit(|| append(&site, "content/mistakes/d.md", "\nStill a draft.\n"));
    let line = preview.wait_for_line("rebuilt content/mistakes/d.md");
    assert!(line.contains("(1 write-up, 0 pages)"), "{line}");
    // Once that rebuild is done: no new build, and the next event the
    // pages get is the next change's.
    assert_eq!(
        preview.current_build(),
        before,
        "the draft made a new build"
    );
    preview.edit(|| append(&site, "content/mistakes/a.md", "\nMore.\n"));
    assert_eq!(build_number(&events.expect("reload")), before + 1);
    assert_eq!(preview.get("mistakes/d/").status, 404);
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
