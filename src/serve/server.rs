//! The preview's HTTP side, on tiny_http: requests -> responses from the
//! site held in memory ([`LiveSite`]), plus the live-reload event streams.
//! Every request is answered on its own thread, so open event streams
//! (which last as long as a page is open) never hold up page loads.

use std::collections::HashMap;
use std::io::Write;
use std::net::TcpListener;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use tiny_http::{Method, Request, Server, StatusCode};

use super::reload::{LiveEvent, WORKER_SCRIPT, error_page, inject_script};
use super::route::{Route, content_type, route};
use crate::error::{Error, Result};
use crate::render::{OutputBody, OutputFile};

/// How often an idle event stream gets a comment line, so that proxies
/// and browsers keep it open and a closed tab is noticed.
const HEARTBEAT: Duration = Duration::from_secs(15);

/// What the server shows, as of the last swap.
#[derive(Debug, Default)]
struct Snapshot {
    /// Output path -> contents: the last good build.
    files: HashMap<String, Arc<OutputBody>>,
    /// `/` or `/growth/`: where the site lives on this server.
    base_path: String,
    /// Id of the build being served, for the pages' live-reload script.
    build: String,
    /// Error lines of the last rebuild when it failed; empty when it did not.
    errors: Vec<String>,
    /// Whether a build ever succeeded (if not, every page is the error page).
    has_site: bool,
}

/// The state serve shares with the request threads: the site being served
/// and the open event streams. Owned by serve's loop through an `Arc`.
#[derive(Debug, Default)]
pub struct LiveSite {
    snapshot: RwLock<Snapshot>,
    streams: Mutex<Vec<Sender<Arc<str>>>>,
}

impl LiveSite {
    /// A site with nothing to serve yet, under `base_path`.
    pub fn new(base_path: &str) -> Self {
        let live = LiveSite::default();
        live.write().base_path = base_path.to_string();
        live
    }

    fn read(&self) -> std::sync::RwLockReadGuard<'_, Snapshot> {
        self.snapshot.read().unwrap_or_else(PoisonError::into_inner)
    }

    fn write(&self) -> std::sync::RwLockWriteGuard<'_, Snapshot> {
        self.snapshot
            .write()
            .unwrap_or_else(PoisonError::into_inner)
    }

    /// Serves a whole new build from now on.
    pub fn replace_all(&self, files: Vec<OutputFile>, base_path: &str, build: &str) {
        let files = files
            .into_iter()
            .map(|file| (file.path, Arc::new(file.body)))
            .collect();
        let mut snapshot = self.write();
        snapshot.files = files;
        snapshot.base_path = base_path.to_string();
        snapshot.build = build.to_string();
        snapshot.errors.clear();
        snapshot.has_site = true;
    }

    /// Serves some changed files from now on; the others stay.
    pub fn patch(&self, files: Vec<OutputFile>, build: &str) {
        let mut snapshot = self.write();
        for file in files {
            snapshot.files.insert(file.path, Arc::new(file.body));
        }
        snapshot.build = build.to_string();
        snapshot.errors.clear();
    }

    /// Records that the last rebuild failed (the last good site stays).
    pub fn set_errors(&self, errors: Vec<String>) {
        self.write().errors = errors;
    }

    /// Sends an event to every open stream, forgetting the closed ones.
    pub fn broadcast(&self, event: &LiveEvent) {
        let text: Arc<str> = event.to_sse().into();
        let mut streams = self.streams.lock().unwrap_or_else(PoisonError::into_inner);
        streams.retain(|stream| stream.send(text.clone()).is_ok());
    }

    fn subscribe(&self) -> Receiver<Arc<str>> {
        let (sender, receiver) = mpsc::channel();
        self.streams
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .push(sender);
        receiver
    }
}

/// Starts answering requests on `listener`, each on its own thread. The
/// server runs until the process ends.
pub fn start(listener: TcpListener, live: Arc<LiveSite>) -> Result<()> {
    let address = listener
        .local_addr()
        .map_err(|e| Error::Other(e.to_string()))?;
    let server = Server::from_listener(listener, None)
        .map_err(|e| Error::Other(format!("cannot serve on {address}: {e}")))?;
    std::thread::Builder::new()
        .name("serve-accept".into())
        .spawn(move || {
            for request in server.incoming_requests() {
                let live = live.clone();
                // A thread per request: an event stream keeps its thread
                // for as long as its page is open.
                let spawned = std::thread::Builder::new()
                    .name("serve-request".into())
                    .spawn(move || answer(request, &live));
                if let Err(e) = spawned {
                    eprintln!("warning: cannot answer a request: {e}");
                }
            }
        })
        .map_err(|e| Error::Other(format!("cannot start the server thread: {e}")))?;
    Ok(())
}

fn answer(request: Request, live: &LiveSite) {
    if !matches!(request.method(), Method::Get | Method::Head) {
        let allow = [("Allow", "GET, HEAD".to_string())];
        respond(request, 405, TEXT, &allow, b"method not allowed\n");
        return;
    }
    let snapshot = live.read();
    let target = route(request.url(), &snapshot.base_path, |path| {
        snapshot.files.contains_key(path)
    });
    match target {
        Route::Events => {
            drop(snapshot);
            stream_events(request, live);
        }
        Route::Worker => {
            drop(snapshot);
            let kind = "text/javascript; charset=utf-8";
            respond(request, 200, kind, &[], WORKER_SCRIPT.as_bytes());
        }
        Route::BadRequest => {
            drop(snapshot);
            respond(request, 400, TEXT, &[], b"bad request\n");
        }
        Route::Redirect(location) => {
            drop(snapshot);
            respond(request, 302, TEXT, &[("Location", location)], b"");
        }
        _ if !snapshot.has_site => {
            let page = error_page(&snapshot.errors, &snapshot.build);
            drop(snapshot);
            respond(request, 500, HTML, &[], &page);
        }
        Route::File(path) => {
            let body = snapshot.files.get(&path).cloned();
            let build = snapshot.build.clone();
            drop(snapshot);
            match body {
                Some(body) => send_file(request, &path, &body, &build, 200),
                None => send_not_found(request, live),
            }
        }
        Route::NotFound => {
            drop(snapshot);
            send_not_found(request, live);
        }
    }
}

/// The site's own 404.html with status 404, or a plain page when it has none.
fn send_not_found(request: Request, live: &LiveSite) {
    let snapshot = live.read();
    let body = snapshot.files.get("404.html").cloned();
    let build = snapshot.build.clone();
    drop(snapshot);
    match body {
        Some(body) => send_file(request, "404.html", &body, &build, 404),
        None => {
            let page = b"<!doctype html><title>Not found</title><h1>Not found</h1>";
            respond(request, 404, HTML, &[], &inject_script(page, &build));
        }
    }
}

fn send_file(request: Request, path: &str, body: &OutputBody, build: &str, status: u16) {
    let kind = content_type(path);
    let bytes: Vec<u8> = match body {
        OutputBody::Copy(source) => match std::fs::read(source) {
            Ok(bytes) => bytes,
            Err(_) => {
                respond(request, 404, TEXT, &[], b"not found\n");
                return;
            }
        },
        other => other.bytes().unwrap_or_default().to_vec(),
    };
    let bytes = if kind.starts_with("text/html") {
        inject_script(&bytes, build)
    } else {
        bytes
    };
    respond(request, status, kind, &[], &bytes);
}

const TEXT: &str = "text/plain; charset=utf-8";
const HTML: &str = "text/html; charset=utf-8";

/// Writes a whole response and closes the connection.
///
/// Why raw, and why close: tiny_http (0.12) reads each connection on a
/// pool thread for as long as the connection stays open, and under a
/// burst of new connections its pool can queue one behind threads held
/// by idle keep-alive connections: a browser opening a few tabs then saw
/// stylesheets arrive after 20 s. tiny_http does not let a response set
/// `Connection`, so responses are written on the raw connection, with
/// `Connection: close`: the browser closes it, which frees the thread at
/// once. A new connection per request costs nothing on one machine.
fn respond(request: Request, status: u16, kind: &str, extra: &[(&str, String)], body: &[u8]) {
    let head_only = request.method() == &Method::Head;
    let mut head = format!("HTTP/1.1 {status} {}\r\n", reason(status));
    let headers = [
        ("Content-Type", kind.to_string()),
        ("Content-Length", body.len().to_string()),
        ("Cache-Control", "no-store".to_string()),
        ("Connection", "close".to_string()),
    ];
    for (name, value) in headers.iter().chain(extra) {
        // A value from the request (a redirect's Location) must not be
        // able to start a header of its own.
        if !value.contains(['\r', '\n']) {
            head.push_str(&format!("{name}: {value}\r\n"));
        }
    }
    head.push_str("\r\n");
    let mut writer = request.into_writer();
    let _ = writer
        .write_all(head.as_bytes())
        .and_then(|()| {
            if head_only {
                Ok(())
            } else {
                writer.write_all(body)
            }
        })
        .and_then(|()| writer.flush());
}

fn reason(status: u16) -> &'static str {
    StatusCode(status).default_reason_phrase()
}

/// Holds the connection open and writes each event as it comes. tiny_http
/// buffers a response whose body is a reader until the reader ends, so the
/// stream writes the raw connection itself: status line, headers, then one
/// flushed chunk per event and a comment line as heartbeat.
fn stream_events(request: Request, live: &LiveSite) {
    // Subscribe before reading the state: a swap in between is then sent
    // as an event after the hello, never lost.
    let events = live.subscribe();
    let hello = {
        let snapshot = live.read();
        LiveEvent::Hello {
            build: snapshot.build.clone(),
            errors: snapshot.errors.clone(),
        }
    };
    let is_head = request.method() == &Method::Head;
    let mut writer = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\n\
                Content-Type: text/event-stream; charset=utf-8\r\n\
                Cache-Control: no-store\r\n\
                Connection: close\r\n\
                X-Accel-Buffering: no\r\n\r\n";
    if writer.write_all(head.as_bytes()).is_err() || is_head {
        let _ = writer.flush();
        return;
    }
    let first = format!("retry: 1000\n\n{}", hello.to_sse());
    if write_flushed(&mut writer, &first).is_err() {
        return;
    }
    loop {
        let chunk: Arc<str> = match events.recv_timeout(HEARTBEAT) {
            Ok(event) => event,
            Err(RecvTimeoutError::Timeout) => ": heartbeat\n\n".into(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if write_flushed(&mut writer, &chunk).is_err() {
            // The page was closed; dropping `events` unsubscribes.
            return;
        }
    }
}

fn write_flushed(writer: &mut Box<dyn Write + Send>, text: &str) -> std::io::Result<()> {
    writer.write_all(text.as_bytes())?;
    writer.flush()
}
