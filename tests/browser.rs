//! `growthsite serve` in a real browser: headless Chromium, driven over
//! the DevTools protocol (a small client on tungstenite). A page open on a
//! write-up shows an edit made on disk without a manual reload, shows the
//! error overlay when the front matter breaks, and drops it when fixed;
//! more tabs than a browser's six connections per host all keep working.
//!
//! Needs Chromium (Debian: `apt-get install -y chromium`; another binary
//! can be named in `GROWTHSITE_CHROMIUM`). Without it the test fails.

use std::io::{BufRead, BufReader};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::{Mutex, MutexGuard, PoisonError, mpsc};
use std::time::{Duration, Instant};

use serde_json::{Value, json};
use tungstenite::stream::MaybeTlsStream;
use tungstenite::{Message, WebSocket};

use crate::serve::{PATIENCE, Preview};
use crate::support::{Site, writeup};

/// How long a DevTools command may take: a bound on hangs, long enough for
/// a browser starting cold on a busy machine.
const DEVTOOLS_PATIENCE: Duration = Duration::from_secs(90);

/// One browser at a time: two starting together on a small machine make
/// each other slow enough to blur what the tests measure.
static ONE_BROWSER: Mutex<()> = Mutex::new(());

/// A headless Chromium, killed when dropped (tests/search.rs drives one too).
pub struct Browser {
    _turn: MutexGuard<'static, ()>,
    child: Child,
    socket: WebSocket<MaybeTlsStream<TcpStream>>,
    next_id: u64,
    _profile: tempfile::TempDir,
}

/// One tab, attached with a flat session.
pub struct Tab {
    session: String,
}

fn chromium_binary() -> String {
    if let Ok(binary) = std::env::var("GROWTHSITE_CHROMIUM") {
        return binary;
    }
    for name in ["chromium", "chromium-browser", "google-chrome"] {
        let found = Command::new("sh")
            .args(["-c", &format!("command -v {name}")])
            .output()
            .is_ok_and(|out| out.status.success());
        if found {
            return name.to_string();
        }
    }
    panic!(
        "the browser test needs Chromium: install it (Debian: apt-get install -y chromium) \
         or name a binary in GROWTHSITE_CHROMIUM"
    );
}

impl Browser {
    pub fn launch() -> Browser {
        let turn = ONE_BROWSER.lock().unwrap_or_else(PoisonError::into_inner);
        let profile = tempfile::tempdir().unwrap();
        let mut child = Command::new(chromium_binary())
            .args([
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--remote-debugging-port=0",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--disable-dev-shm-usage",
            ])
            .arg(format!("--user-data-dir={}", profile.path().display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start chromium");
        let (sender, receiver) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if let Some(at) = line.find("ws://") {
                    let _ = sender.send(line[at..].trim().to_string());
                }
            }
        });
        let url = match receiver.recv_timeout(PATIENCE) {
            Ok(url) => url,
            Err(_) => {
                let _ = child.kill();
                panic!("chromium printed no DevTools URL");
            }
        };
        let (socket, _) = tungstenite::connect(url.as_str()).expect("connect to DevTools");
        if let MaybeTlsStream::Plain(stream) = socket.get_ref() {
            stream.set_read_timeout(Some(DEVTOOLS_PATIENCE)).unwrap();
        }
        Browser {
            _turn: turn,
            child,
            socket,
            next_id: 0,
            _profile: profile,
        }
    }

    /// Sends a command (to a tab's session when given) and returns its result.
    fn call(&mut self, session: Option<&str>, method: &str, params: Value) -> Value {
        match self.try_call(session, method, params) {
            Ok(result) => result,
            Err(error) => panic!("{method}: {error}"),
        }
    }

    /// Sends a command and returns its result, or the error DevTools sent.
    fn try_call(
        &mut self,
        session: Option<&str>,
        method: &str,
        params: Value,
    ) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut message = json!({ "id": id, "method": method, "params": params });
        if let Some(session) = session {
            message["sessionId"] = json!(session);
        }
        self.socket
            .send(Message::Text(message.to_string().into()))
            .expect("send to DevTools");
        loop {
            let reply = match self.socket.read() {
                Ok(reply) => reply,
                Err(e) => panic!("no answer from DevTools to {method}: {e}"),
            };
            let Message::Text(text) = reply else { continue };
            let reply: Value = serde_json::from_str(text.as_str()).unwrap();
            if reply["id"] == json!(id) {
                return match reply.get("error") {
                    Some(_) => Err(reply),
                    None => Ok(reply["result"].clone()),
                };
            }
        }
    }

    pub fn open(&mut self, url: &str) -> Tab {
        let target = self.call(None, "Target.createTarget", json!({ "url": url }));
        let attached = self.call(
            None,
            "Target.attachToTarget",
            json!({ "targetId": target["targetId"], "flatten": true }),
        );
        let session = attached["sessionId"].as_str().unwrap().to_string();
        Tab { session }
    }

    /// The value of a JavaScript expression in a tab.
    pub fn eval(&mut self, tab: &Tab, expression: &str) -> Value {
        let result = self.call(
            Some(&tab.session),
            "Runtime.evaluate",
            json!({ "expression": expression, "returnByValue": true }),
        );
        result["result"]["value"].clone()
    }

    /// Polls `expression` in a tab until it is `true`; the time it took,
    /// or `None` after `limit`.
    pub fn wait_until(&mut self, tab: &Tab, expression: &str, limit: Duration) -> Option<Duration> {
        let started = Instant::now();
        let params = json!({ "expression": expression, "returnByValue": true });
        while started.elapsed() < limit {
            match self.try_call(Some(&tab.session), "Runtime.evaluate", params.clone()) {
                Ok(result) if result["result"]["value"] == json!(true) => {
                    return Some(started.elapsed());
                }
                Ok(_) => {}
                // The page reloaded (what these tests wait for) while the
                // expression ran: not there yet, ask the new page.
                Err(error) if error.to_string().contains("Inspected target navigated") => {}
                Err(error) => panic!("Runtime.evaluate: {error}"),
            }
            std::thread::sleep(Duration::from_millis(25));
        }
        None
    }

    pub fn text(&mut self, tab: &Tab) -> String {
        let value = self.eval(tab, "document.body ? document.body.innerText : ''");
        value.as_str().unwrap_or_default().to_string()
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn body_has(text: &str) -> String {
    format!("document.readyState === 'complete' && document.body.innerText.includes({text:?})")
}

/// The page shows `text` and its live-reload script has had the server's
/// `hello`: from then on it misses no change. A change made before that
/// reaches the page as a reload on connecting (on purpose: the page is
/// out of date), so a test waits for this before it acts.
fn shows_and_listens(text: &str) -> String {
    format!("{} && window.growthsiteConnected === true", body_has(text))
}

const OVERLAY_SHOWN: &str = "(() => { const o = document.getElementById('growthsite-overlay'); \
     return !!o && o.getAttribute('role') === 'alert' && o.innerText.includes('content/mistakes/a.md:'); })()";

const OVERLAY_GONE: &str =
    "document.readyState === 'complete' && !document.getElementById('growthsite-overlay')";

#[test]
fn an_open_page_follows_edits_errors_and_fixes() {
    let site = Site::with_config().file("content/mistakes/a.md", writeup("First mistake"));
    let preview = Preview::start(&site, &[]);
    let mut browser = Browser::launch();
    let tab = browser.open(&format!("{}mistakes/a/", preview.url));
    let loaded = browser.wait_until(&tab, &shows_and_listens("What happened."), PATIENCE);
    assert!(
        loaded.is_some(),
        "the page did not load: {}",
        browser.text(&tab)
    );

    let edited = writeup("First mistake").replace("What happened.", "Edited on disk.");
    preview.edit(|| site.write("content/mistakes/a.md", edited));
    let shown = browser.wait_until(&tab, &shows_and_listens("Edited on disk."), PATIENCE);
    assert!(
        shown.is_some(),
        "the edit did not show: {}",
        browser.text(&tab)
    );

    preview.edit(|| {
        site.write(
            "content/mistakes/a.md",
            "---\ntitle: First mistake\ndate: 2026-13-45\n---\nBroken.\n",
        )
    });
    let overlay = browser.wait_until(&tab, OVERLAY_SHOWN, PATIENCE);
    assert!(overlay.is_some(), "no overlay: {}", browser.text(&tab));
    let listed = browser.text(&tab);
    assert!(listed.contains("content/mistakes/a.md:3:"), "{listed}");
    assert!(
        listed.contains("Edited on disk."),
        "the last good page stays under it"
    );
    // Dismissible.
    browser.eval(
        &tab,
        "document.querySelector('#growthsite-overlay button').click()",
    );
    assert_eq!(browser.eval(&tab, OVERLAY_GONE), json!(true));

    let fixed = writeup("First mistake").replace("What happened.", "Fixed and reloaded.");
    preview.edit(|| site.write("content/mistakes/a.md", fixed));
    let done = browser.wait_until(
        &tab,
        &format!(
            "{OVERLAY_GONE} && {}",
            shows_and_listens("Fixed and reloaded.")
        ),
        PATIENCE,
    );
    assert!(
        done.is_some(),
        "not updated after the fix: {}",
        browser.text(&tab)
    );

    // Broken again, then fixed while the overlay is up.
    preview.edit(|| site.write("content/mistakes/a.md", "no front matter\n"));
    assert!(browser.wait_until(&tab, OVERLAY_SHOWN, PATIENCE).is_some());
    let last = writeup("First mistake").replace("What happened.", "Second fix.");
    preview.edit(|| site.write("content/mistakes/a.md", last));
    let done = browser.wait_until(
        &tab,
        &format!("{OVERLAY_GONE} && {}", body_has("Second fix.")),
        PATIENCE,
    );
    assert!(done.is_some(), "overlay stayed: {}", browser.text(&tab));
}

#[test]
fn more_tabs_than_connections_per_host_all_reload() {
    let site = Site::with_config().file("content/mistakes/a.md", writeup("First mistake"));
    let preview = Preview::start(&site, &[]);
    let mut browser = Browser::launch();
    let url = format!("{}mistakes/a/", preview.url);
    // Browsers allow six connections per host; each tab keeping its own
    // event stream would leave none for the ninth tab's page.
    let tabs: Vec<Tab> = (0..9).map(|_| browser.open(&url)).collect();
    for tab in &tabs {
        let loaded = browser.wait_until(tab, &shows_and_listens("What happened."), PATIENCE);
        assert!(
            loaded.is_some(),
            "a tab did not load: {}",
            browser.text(tab)
        );
    }
    // The tabs share one event stream through a shared worker.
    for tab in &tabs {
        let way = browser.eval(tab, "window.growthsiteLive");
        assert_eq!(way, json!("shared-worker"));
    }
    let edited = writeup("First mistake").replace("What happened.", "Seen by every tab.");
    preview.edit(|| site.write("content/mistakes/a.md", edited));
    for tab in &tabs {
        let shown = browser.wait_until(tab, &body_has("Seen by every tab."), PATIENCE);
        assert!(
            shown.is_some(),
            "a tab did not reload: {}",
            browser.text(tab)
        );
    }
    // And pages still load while they all stay open.
    let extra = browser.open(&format!("{}lessons/", preview.url));
    assert!(
        browser
            .wait_until(&extra, &body_has("Check first."), PATIENCE)
            .is_some()
    );
}

#[test]
fn a_stylesheet_change_applies_without_a_reload() {
    // The site's static/style.css replaces the theme's.
    let site = Site::with_config()
        .file("content/mistakes/a.md", writeup("First mistake"))
        .file(
            "static/style.css",
            "body { background-color: rgb(9, 9, 9); }\n",
        );
    let preview = Preview::start(&site, &[]);
    let mut browser = Browser::launch();
    let tab = browser.open(&format!("{}mistakes/a/", preview.url));
    // Handshake first: the page must have the server's hello before the
    // stylesheet changes, or it rightly reloads on connecting.
    assert!(
        browser
            .wait_until(&tab, &shows_and_listens("What happened."), PATIENCE)
            .is_some()
    );
    browser.eval(&tab, "window.notReloaded = true");
    preview.edit(|| {
        site.write(
            "static/style.css",
            "body { background-color: rgb(1, 2, 3); }\n",
        )
    });
    let restyled = browser.wait_until(
        &tab,
        "getComputedStyle(document.body).backgroundColor === 'rgb(1, 2, 3)'",
        PATIENCE,
    );
    assert!(restyled.is_some(), "the new stylesheet did not apply");
    assert_eq!(
        browser.eval(&tab, "window.notReloaded === true"),
        json!(true)
    );
}
