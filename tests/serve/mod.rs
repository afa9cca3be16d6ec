//! `growthsite serve`: the real binary on a free port (`--port 0`), talked
//! to over HTTP with raw requests on `TcpStream`s: status codes, content
//! types, redirects, 404, HEAD, traversal attempts, the live-reload event
//! stream after file writes, errors kept out of the served site, many open
//! streams at once, and serve's pages against `build`'s output.

mod as_built;
mod client;
mod pages;
mod preview;
mod process;
mod reload;
mod saves;

use std::io::Write;

pub use crate::serve_patience::{PATIENCE, Patience};
use crate::support::{CONFIG, Site, writeup};
pub use as_built::{assert_served_as_built, collect_files, strip_live_script};
pub use client::{EventStream, Reply, build_number, raw_request};
pub use preview::Preview;

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
