//! Live reload, browser side: the script injected into served HTML pages,
//! the shared worker that holds the one event stream of all tabs, the
//! server-sent events they receive, and the page shown when there is no
//! site to serve yet. Input: a build id and error lines; output: text.
//!
//! Browsers open at most six connections to one host, and an open event
//! stream holds one of them for as long as the page is open. So the pages
//! do not each open a stream: they share one through a `SharedWorker`
//! (one stream for every tab of the preview, however many), and fall back
//! to their own `EventSource` where shared workers are missing, closing it
//! on `pagehide` so that navigating never piles up streams.

use crate::diag::Diagnostic;
use crate::html::escape;

/// The path of the event stream (outside any base path: it is the server's).
pub const EVENTS_PATH: &str = "/__growthsite/events";

/// The path of the shared worker's script.
pub const WORKER_PATH: &str = "/__growthsite/worker.js";

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LiveEvent {
    /// Sent first on every stream: the current build and its errors, if any.
    Hello {
        /// Id of the build being served.
        build: String,
        /// Error lines when the last rebuild failed; empty when it did not.
        errors: Vec<String>,
    },
    /// The site changed: reload the page.
    Reload {
        /// Id of the new build.
        build: String,
    },
    /// Only stylesheets changed: swap them, keep the page.
    Css {
        /// Id of the new build.
        build: String,
    },
    /// A rebuild failed: show the errors over the page.
    Error {
        /// `file:line:col: message (hint)` lines.
        errors: Vec<String>,
    },
    /// The errors are fixed: hide them and reload.
    Ok {
        /// Id of the new build.
        build: String,
    },
}

impl LiveEvent {
    /// The event in the `text/event-stream` format: `event:`, `data:` and a blank line.
    pub fn to_sse(&self) -> String {
        let (name, data) = match self {
            LiveEvent::Hello { build, errors } => (
                "hello",
                serde_json::json!({ "build": build, "errors": errors }),
            ),
            LiveEvent::Reload { build } => ("reload", serde_json::json!({ "build": build })),
            LiveEvent::Css { build } => ("css", serde_json::json!({ "build": build })),
            LiveEvent::Error { errors } => ("error", serde_json::json!({ "errors": errors })),
            LiveEvent::Ok { build } => ("ok", serde_json::json!({ "build": build })),
        };
        // serde_json never writes a raw newline, so the data is one line.
        format!("event: {name}\ndata: {data}\n\n")
    }
}

/// The lines the overlay shows: errors only (warnings do not stop a
/// rebuild), each as `file:line:col: message (hint)`.
pub fn error_lines<'a>(diagnostics: impl IntoIterator<Item = &'a Diagnostic>) -> Vec<String> {
    diagnostics
        .into_iter()
        .filter(|d| d.is_error())
        .map(|d| {
            let text = d.to_string();
            text.strip_prefix("error: ").unwrap_or(&text).to_string()
        })
        .collect()
}

/// Adds the live-reload script to an HTML page, just before `</body>`
/// (or at the end when the page has none).
pub fn inject_script(html: &[u8], build: &str) -> Vec<u8> {
    let script = client_script(build);
    let at = rfind_ascii_case_insensitive(html, b"</body>").unwrap_or(html.len());
    let mut page = Vec::with_capacity(html.len() + script.len());
    page.extend_from_slice(&html[..at]);
    page.extend_from_slice(script.as_bytes());
    page.extend_from_slice(&html[at..]);
    page
}

fn rfind_ascii_case_insensitive(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    (0..=haystack.len().checked_sub(needle.len())?)
        .rev()
        .find(|&i| haystack[i..i + needle.len()].eq_ignore_ascii_case(needle))
}

/// The page served for every URL while there is no site yet (the first
/// build failed): the errors, readable without JavaScript, and the script
/// that reloads the page once they are fixed.
pub fn error_page(errors: &[String], build: &str) -> Vec<u8> {
    let items: String = errors
        .iter()
        .map(|line| format!("<li>{}</li>", escape(line)))
        .collect();
    let page = format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Build failed: growthsite</title>\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n</head>\n\
         <body style=\"margin:0;background:#1d1d1f\">\n\
         <div id=\"growthsite-overlay\" role=\"alert\" style=\"{OVERLAY_STYLE}\">\n\
         <h2 style=\"margin-top:0\">The site could not be built</h2>\n\
         <p>Fix the problems below and save: this page reloads by itself.</p>\n\
         <ul style=\"padding-left:1.2em\">{items}</ul>\n</div>\n</body>\n</html>\n"
    );
    inject_script(page.as_bytes(), build)
}

/// The shared worker: one event stream for every open tab, each message
/// forwarded to every tab; a tab that joins late gets the latest state.
pub const WORKER_SCRIPT: &str = r#""use strict";
var ports = [];
var last = null;
var source = null;
function send(message) {
  ports.forEach(function (port) { port.postMessage(message); });
}
function listen() {
  source = new EventSource("/__growthsite/events");
  ["hello", "reload", "css", "error", "ok"].forEach(function (kind) {
    source.addEventListener(kind, function (event) {
      var data = JSON.parse(event.data);
      if (kind === "error") {
        last = { build: last ? last.build : "", errors: data.errors };
      } else if (kind === "hello") {
        last = data;
      } else {
        last = { build: data.build, errors: [] };
      }
      send({ kind: kind, data: data });
    });
  });
}
onconnect = function (event) {
  var port = event.ports[0];
  ports.push(port);
  port.onmessage = function (message) {
    if (message.data === "bye") {
      ports = ports.filter(function (p) { return p !== port; });
    }
  };
  port.start();
  if (last) {
    port.postMessage({ kind: "hello", data: last });
  }
  if (!source) {
    listen();
  }
};
"#;

const OVERLAY_STYLE: &str = "position:fixed;inset:0;z-index:2147483647;overflow:auto;\
box-sizing:border-box;padding:2rem;background:rgba(29,29,31,.96);color:#f5f5f7;\
font:15px/1.6 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;white-space:pre-wrap";

/// The page side: follows the worker's (or its own stream's) messages.
fn client_script(build: &str) -> String {
    let build = serde_json::to_string(build).unwrap_or_else(|_| "\"\"".into());
    let style = serde_json::to_string(OVERLAY_STYLE).unwrap_or_default();
    CLIENT_SCRIPT
        .replace("__BUILD__", &build)
        .replace("__STYLE__", &style)
        .replace("__EVENTS__", EVENTS_PATH)
        .replace("__WORKER__", WORKER_PATH)
}

const CLIENT_SCRIPT: &str = r#"<script id="growthsite-live">(function () {
  "use strict";
  var build = __BUILD__;
  function hide() {
    var old = document.getElementById("growthsite-overlay");
    if (old) { old.remove(); }
  }
  function show(errors) {
    hide();
    var box = document.createElement("div");
    box.id = "growthsite-overlay";
    box.setAttribute("role", "alert");
    box.style.cssText = __STYLE__;
    var title = document.createElement("h2");
    title.style.marginTop = "0";
    title.textContent = "The site could not be rebuilt";
    var note = document.createElement("p");
    note.textContent = "The preview keeps the last good version. Fix the problems below and save: the page reloads by itself.";
    var list = document.createElement("ul");
    list.style.paddingLeft = "1.2em";
    errors.forEach(function (line) {
      var item = document.createElement("li");
      item.textContent = line;
      list.appendChild(item);
    });
    var close = document.createElement("button");
    close.type = "button";
    close.textContent = "Dismiss";
    close.style.cssText = "font:inherit;padding:.3em 1em;cursor:pointer";
    close.onclick = hide;
    box.append(title, note, list, close);
    (document.body || document.documentElement).appendChild(box);
  }
  function swapStylesheets() {
    document.querySelectorAll('link[rel~="stylesheet"]').forEach(function (link) {
      var url = new URL(link.href, location.href);
      url.searchParams.set("growthsite", Date.now().toString(36));
      var fresh = link.cloneNode();
      fresh.href = url.href;
      fresh.onload = function () { link.remove(); };
      link.after(fresh);
    });
  }
  function handle(kind, data) {
    if (kind === "hello") {
      // Connected: from now on no change is missed (tests wait for this).
      window.growthsiteConnected = true;
      if (data.errors && data.errors.length) { show(data.errors); }
      else if (data.build !== build) { location.reload(); }
    } else if (kind === "reload" || kind === "ok") {
      location.reload();
    } else if (kind === "css") {
      build = data.build;
      swapStylesheets();
    } else if (kind === "error") {
      show(data.errors);
    }
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { hide(); }
  });
  if (window.SharedWorker) {
    try {
      var worker = new SharedWorker("__WORKER__", { name: "growthsite-live" });
      worker.port.onmessage = function (event) { handle(event.data.kind, event.data.data); };
      worker.port.start();
      window.growthsiteLive = "shared-worker";
      window.addEventListener("pagehide", function () { worker.port.postMessage("bye"); });
      window.addEventListener("pageshow", function (event) {
        if (event.persisted) { location.reload(); }
      });
      return;
    } catch (error) { /* fall back to a stream of our own */ }
  }
  var source = null;
  function listen() {
    source = new EventSource("__EVENTS__");
    ["hello", "reload", "css", "error", "ok"].forEach(function (kind) {
      source.addEventListener(kind, function (event) { handle(kind, JSON.parse(event.data)); });
    });
  }
  window.growthsiteLive = "event-source";
  window.addEventListener("pagehide", function () { if (source) { source.close(); source = null; } });
  window.addEventListener("pageshow", function () { if (!source) { listen(); } });
  listen();
})();</script>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_script_goes_before_the_last_closing_body_tag() {
        let page = inject_script(b"<html><body><p>x</p></BODY></html>", "7");
        let text = String::from_utf8(page).unwrap();
        let script = text.find("<script id=\"growthsite-live\">").unwrap();
        assert!(script > text.find("<p>x</p>").unwrap());
        assert!(script < text.find("</BODY>").unwrap());
        assert!(text.contains("var build = \"7\";"));
    }

    #[test]
    fn a_page_without_body_gets_the_script_at_the_end() {
        let page = inject_script(b"plain", "1");
        assert!(page.starts_with(b"plain<script"));
    }

    #[test]
    fn events_are_one_data_line_each() {
        let event = LiveEvent::Error {
            errors: vec!["content/a.md:2:1: bad\nthing".into()],
        };
        let text = event.to_sse();
        assert!(text.starts_with("event: error\ndata: {"));
        assert_eq!(text.matches('\n').count(), 3, "{text}");
        assert!(text.ends_with("\n\n"));
    }

    #[test]
    fn the_error_page_escapes_the_messages() {
        let page = error_page(&["content/a.md:1:1: <b>oops</b>".into()], "1");
        let text = String::from_utf8(page).unwrap();
        assert!(text.contains("&lt;b&gt;oops&lt;/b&gt;"));
        assert!(text.contains("role=\"alert\""));
    }

    #[test]
    fn error_lines_keep_errors_without_their_label() {
        use crate::diag::{Kind, Span};
        let diagnostics = [
            Diagnostic::error(Kind::BadDate, Span::new("content/a.md", 3, 1), "bad date")
                .with_hint("use YYYY-MM-DD"),
            Diagnostic::warning(
                Kind::UnknownStrategy,
                Span::new("content/b.md", 1, 1),
                "unknown strategy",
            ),
        ];
        assert_eq!(
            error_lines(&diagnostics),
            vec!["content/a.md:3:1: bad date (use YYYY-MM-DD)".to_string()]
        );
    }
}
