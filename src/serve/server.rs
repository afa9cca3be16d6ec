//! The preview's HTTP side: requests -> responses from the site held in
//! memory ([`LiveSite`]), plus the live-reload event streams. Every
//! connection is answered on its own thread, so open event streams (which
//! last as long as a page is open) never hold up page loads.
//!
//! Why serve reads requests itself ([`super::http`], on std's
//! `TcpListener` and httparse) instead of through tiny_http, which the
//! design first named: tiny_http 0.12 (its latest release) reads a header
//! line into a `Vec` that grows without limit and keeps every header, with
//! no read timeout; it accepts on a thread of its own and gives each
//! connection a pool thread, with no way to cap or refuse connections; and
//! its accept loop stops for good on the first `accept` error. Four
//! clients sending endless headers took serve to 2.2 GB. Limits need the
//! head read and the accept loop, which tiny_http does not expose (its
//! header limit is an open issue since 2015, tiny-http#56), and serve
//! already wrote every response by hand. A full server crate (hyper, axum)
//! would bring an async runtime for a one-user preview. So the HTTP/1.1
//! head is read here, within limits, and parsed by httparse.

use std::collections::{HashMap, VecDeque};
use std::io::Write;
use std::net::TcpListener;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Condvar, Mutex, PoisonError, RwLock};
use std::time::Duration;

mod held;

use super::http::{self, Method, Request};
use super::reload::{LiveEvent, WORKER_SCRIPT, error_page, inject_script};
use super::route::{Route, content_type, route};
use crate::error::Result;
use crate::render::{OutputBody, OutputFile};
use held::Held;

/// How many of the pages served last are rendered first after a template
/// change: more than the tabs a writer keeps open on one preview.
const RECENT_PAGES: usize = 8;

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
    /// Output paths of the HTML pages served last, the newest last: the
    /// pages open in a browser, which a template change renders first.
    recent: Mutex<VecDeque<String>>,
    /// What requests wait for, see [`Held`]; `released` is notified when
    /// it is let go.
    held: Mutex<Held>,
    released: Condvar,
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
        drop(snapshot);
        // A whole build has its own index and cards: work under way is moot.
        self.new_epoch();
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

    /// The HTML pages served most recently (output paths), the newest last.
    pub fn recent_pages(&self) -> Vec<String> {
        let recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
        recent.iter().cloned().collect()
    }

    fn remember(&self, path: &str) {
        let mut recent = self.recent.lock().unwrap_or_else(PoisonError::into_inner);
        recent.retain(|p| p != path);
        recent.push_back(path.to_string());
        if recent.len() > RECENT_PAGES {
            recent.pop_front();
        }
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

/// Starts answering requests on `listener`, each connection on its own
/// thread, within [`http`]'s limits. The server runs until the process ends.
pub fn start(listener: TcpListener, live: Arc<LiveSite>) -> Result<()> {
    http::start(listener, move |request| answer(request, &live))
}

fn answer(request: Request, live: &LiveSite) {
    if request.method == Method::Other {
        let allow = [("Allow", "GET, HEAD".to_string())];
        respond(request, 405, TEXT, &allow, b"method not allowed\n");
        return;
    }
    let snapshot = live.read();
    let target = route(&request.target, &snapshot.base_path, |path| {
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
            drop(snapshot);
            let page = path.ends_with(".html");
            live.wait_until_ready(&path);
            let snapshot = live.read();
            let body = snapshot.files.get(&path).cloned();
            let build = snapshot.build.clone();
            drop(snapshot);
            match body {
                Some(body) => {
                    if page {
                        live.remember(&path);
                    }
                    send_file(request, &path, &body, &build, 200);
                }
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
    live.wait_until_ready("404.html");
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
        // Read now, by the walk's rules: since the build, the file may
        // have become a link out of the site, or a FIFO.
        OutputBody::Copy(source) => match source.read() {
            Ok(bytes) => bytes,
            Err(_) => {
                respond(request, 404, TEXT, &[], b"not found\n");
                return;
            }
        },
        OutputBody::Cached(source) => std::fs::read(source).unwrap_or_default(),
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

/// Writes a whole response and closes the connection. Every response
/// closes its connection: a browser then never keeps an idle connection
/// (and its thread) open, and a new connection per request costs nothing
/// on one machine.
fn respond(request: Request, status: u16, kind: &str, extra: &[(&str, String)], body: &[u8]) {
    let mut headers = vec![("Content-Type", kind), ("Cache-Control", "no-store")];
    headers.extend(extra.iter().map(|(name, value)| (*name, value.as_str())));
    request.respond(status, &headers, body);
}

/// Holds the connection open and writes each event as it comes: status
/// line, headers, then one flushed chunk per event and a comment line as
/// heartbeat.
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
    let is_head = request.method == Method::Head;
    let mut writer = request.into_connection();
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

fn write_flushed(writer: &mut impl Write, text: &str) -> std::io::Result<()> {
    writer.write_all(text.as_bytes())?;
    writer.flush()
}
