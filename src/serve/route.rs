//! Request routing, pure: a request target (the raw URL of the request
//! line) -> what to answer. URLs are never turned into file-system paths:
//! they are looked up among the built site's output paths, so nothing
//! outside the site can be read whatever the URL says. Suspicious URLs
//! (`..`, encoded or double-encoded; backslashes; NUL bytes; paths that
//! are absolute once the base path is removed) are refused outright.

use super::reload::{EVENTS_PATH, WORKER_PATH};

/// What a request asks for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Route {
    /// The live-reload event stream.
    Events,
    /// The shared worker's script.
    Worker,
    /// A file of the site: its output path (`mistakes/a/index.html`).
    File(String),
    /// Somewhere else: the `Location` to send (a folder without its `/`,
    /// or the server root when the site lives under a base path).
    Redirect(String),
    /// Nothing there: the site's 404 page.
    NotFound,
    /// A malformed or hostile URL.
    BadRequest,
}

/// Routes `target` (path and query, as sent) for a site published under
/// `base_path` (`/` or `/growth/`) whose files `exists` knows.
pub fn route(target: &str, base_path: &str, exists: impl Fn(&str) -> bool) -> Route {
    let (raw_path, query) = match target.split_once('?') {
        Some((path, query)) => (path, Some(query)),
        None => (target, None),
    };
    let raw_path = raw_path.split('#').next().unwrap_or_default();
    if !raw_path.starts_with('/') {
        return Route::BadRequest;
    }
    // Decoded strictly (a path that is not UTF-8 is refused), unlike the
    // link check's lossy `urls::percent_decode`; a bad escape (`%zz`) is
    // kept as written, and `is_hostile` refuses its `%`.
    let Ok(path) = percent_encoding::percent_decode_str(raw_path).decode_utf8() else {
        return Route::BadRequest;
    };
    if is_hostile(&path) {
        return Route::BadRequest;
    }
    match &*path {
        EVENTS_PATH => return Route::Events,
        WORKER_PATH => return Route::Worker,
        _ => {}
    }
    let with_query = |location: String| match query {
        Some(query) => format!("{location}?{query}"),
        None => location,
    };
    let Some(rel) = path.strip_prefix(base_path) else {
        // `/` and `/growth` lead to the site; anything else is not in it.
        return if path == "/" || format!("{path}/") == base_path {
            Route::Redirect(with_query(base_path.to_string()))
        } else {
            Route::NotFound
        };
    };
    if rel.starts_with('/') {
        return Route::BadRequest;
    }
    if rel.is_empty() || rel.ends_with('/') {
        let index = format!("{rel}index.html");
        return if exists(&index) {
            Route::File(index)
        } else {
            Route::NotFound
        };
    }
    if exists(rel) {
        Route::File(rel.to_string())
    } else if exists(&format!("{rel}/index.html")) {
        Route::Redirect(with_query(format!("{raw_path}/")))
    } else {
        Route::NotFound
    }
}

/// A decoded path no site file can have: a `.` or `..` segment, a
/// backslash (a separator on Windows), a NUL byte, or a `%` left after
/// decoding once (double encoding: `%252e`).
fn is_hostile(path: &str) -> bool {
    path.contains(['\\', '\0', '%'])
        || path
            .split('/')
            .any(|segment| segment == ".." || segment == ".")
}

/// The `Content-Type` of an output file, from its extension.
pub fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("html" | "htm") => "text/html; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("js" | "mjs") => "text/javascript; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("jpg" | "jpeg") => "image/jpeg",
        Some("gif") => "image/gif",
        Some("webp") => "image/webp",
        Some("avif") => "image/avif",
        Some("ico") => "image/x-icon",
        Some("woff2") => "font/woff2",
        Some("woff") => "font/woff",
        Some("xml") => "application/xml; charset=utf-8",
        Some("json") => "application/json",
        Some("txt") => "text/plain; charset=utf-8",
        Some("pdf") => "application/pdf",
        _ => "application/octet-stream",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const FILES: &[&str] = &[
        "index.html",
        "style.css",
        "mistakes/a/index.html",
        "mistakes/a/chart.svg",
        "caf\u{e9}.txt",
    ];

    fn at(target: &str, base: &str) -> Route {
        route(target, base, |path| FILES.contains(&path))
    }

    #[test]
    fn files_and_folder_indexes_are_found() {
        assert_eq!(at("/growth/", "/growth/"), Route::File("index.html".into()));
        assert_eq!(at("/style.css?v=1", "/"), Route::File("style.css".into()));
        assert_eq!(
            at("/mistakes/a/", "/"),
            Route::File("mistakes/a/index.html".into())
        );
        assert_eq!(
            at("/caf%C3%A9.txt", "/"),
            Route::File("caf\u{e9}.txt".into())
        );
    }

    #[test]
    fn folders_without_their_slash_redirect() {
        assert_eq!(
            at("/growth/mistakes/a?x=1", "/growth/"),
            Route::Redirect("/growth/mistakes/a/?x=1".into())
        );
    }

    #[test]
    fn the_root_leads_to_the_base_path() {
        assert_eq!(at("/", "/growth/"), Route::Redirect("/growth/".into()));
        assert_eq!(
            at("/growth", "/growth/"),
            Route::Redirect("/growth/".into())
        );
        assert_eq!(at("/other/", "/growth/"), Route::NotFound);
    }

    #[test]
    fn missing_files_are_not_found() {
        assert_eq!(at("/nope/", "/"), Route::NotFound);
        assert_eq!(at("/nope.css", "/"), Route::NotFound);
    }

    #[test]
    fn traversal_attempts_are_refused() {
        for target in [
            "/../etc/passwd",
            "/mistakes/../../etc/passwd",
            "/%2e%2e/%2e%2e/etc/passwd",
            "/%2E%2E%2Fetc%2Fpasswd",
            "/%252e%252e/etc/passwd",
            "/..%5c..%5cetc%5cpasswd",
            "/mistakes\\..\\x",
            "/a%00.html",
            "//etc/passwd",
            "/%2Fetc/passwd",
            "etc/passwd",
            "http://example.com/",
            "/%zz",
            "/%ff%fe",
            "/./style.css",
        ] {
            assert_eq!(at(target, "/"), Route::BadRequest, "{target}");
        }
    }

    #[test]
    fn live_reload_paths_are_the_servers() {
        assert_eq!(at("/__growthsite/events", "/growth/"), Route::Events);
        assert_eq!(at("/__growthsite/worker.js", "/growth/"), Route::Worker);
    }

    #[test]
    fn content_types_follow_the_extension() {
        assert_eq!(content_type("a/index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("a.JPG"), "image/jpeg");
        assert_eq!(content_type("atom.xml"), "application/xml; charset=utf-8");
        assert_eq!(content_type("font.woff2"), "font/woff2");
        assert_eq!(content_type("LICENSE"), "application/octet-stream");
    }
}
