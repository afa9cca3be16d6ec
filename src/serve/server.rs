//! The preview's HTTP side, on tiny_http: requests -> responses from the
//! site held in memory ([`LiveSite`]), plus the live-reload event streams.
//! Every request is answered on its own thread, so open event streams
//! (which last as long as a page is open) never hold up page loads.

use std::collections::HashMap;
use std::io::{Cursor, Write};
use std::net::TcpListener;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex, PoisonError, RwLock};
use std::time::Duration;

use tiny_http::{Header, Method, Request, Response, Server, StatusCode};

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

    /// How many event streams are open (as far as the last broadcast knows).
    pub fn stream_count(&self) -> usize {
        self.streams
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .len()
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
        let response =
            text_response(405, "method not allowed\n").with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
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
            let response = Response::from_data(WORKER_SCRIPT)
                .with_header(header("Content-Type", "text/javascript; charset=utf-8"))
                .with_header(header("Cache-Control", "no-store"));
            let _ = request.respond(response);
        }
        Route::BadRequest => {
            drop(snapshot);
            let _ = request.respond(text_response(400, "bad request\n"));
        }
        Route::Redirect(location) => {
            drop(snapshot);
            let response = text_response(302, "")
                .with_header(header("Location", &location))
                .with_header(header("Cache-Control", "no-store"));
            let _ = request.respond(response);
        }
        _ if !snapshot.has_site => {
            let page = error_page(&snapshot.errors, &snapshot.build);
            drop(snapshot);
            let _ = request.respond(html_response(500, page));
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
            let page = inject_script(
                b"<!doctype html><title>Not found</title><h1>Not found</h1>",
                &build,
            );
            let _ = request.respond(html_response(404, page));
        }
    }
}

fn send_file(request: Request, path: &str, body: &OutputBody, build: &str, status: u16) {
    let kind = content_type(path);
    let bytes: Vec<u8> = match body {
        OutputBody::Copy(source) => match std::fs::read(source) {
            Ok(bytes) => bytes,
            Err(_) => {
                let _ = request.respond(text_response(404, "not found\n"));
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
    // The whole body is in memory: send its length rather than chunks.
    let response = Response::from_data(bytes)
        .with_chunked_threshold(usize::MAX)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"));
    let _ = request.respond(response);
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

fn header(name: &str, value: &str) -> Header {
    // Names and values here are ASCII without line breaks, which tiny_http
    // accepts; a value it refused would only lose that header.
    Header::from_bytes(name.as_bytes(), value.as_bytes()).unwrap_or_else(|()| {
        Header::from_bytes(&b"X-Dropped"[..], &b"1"[..]).expect("valid header")
    })
}

fn text_response(status: u16, text: &str) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(text.as_bytes().to_vec())
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn html_response(status: u16, page: Vec<u8>) -> Response<Cursor<Vec<u8>>> {
    Response::from_data(page)
        .with_status_code(StatusCode(status))
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}
