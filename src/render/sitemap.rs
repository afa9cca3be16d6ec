//! `sitemap.xml` and `robots.txt`, as search engines expect them.

use std::fmt::Write;

use crate::html::escape;

/// One page of the sitemap.
#[derive(Debug, Clone)]
pub struct SitemapEntry {
    /// Path relative to the base URL, ending in `/`.
    pub path: String,
    /// `YYYY-MM-DD` of the last change, when known.
    pub lastmod: Option<String>,
}

/// The sitemap of every HTML page (not `404.html`), in the order given.
pub fn sitemap(base_url: &str, entries: &[SitemapEntry]) -> String {
    let mut xml = String::with_capacity(128 + entries.len() * 96);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    xml.push_str("<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for entry in entries {
        let _ = write!(
            xml,
            "  <url><loc>{}</loc>",
            escape(&format!("{base_url}{}", entry.path))
        );
        if let Some(lastmod) = &entry.lastmod {
            let _ = write!(xml, "<lastmod>{lastmod}</lastmod>");
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// Lets every crawler in and points it at the sitemap.
pub fn robots_txt(base_url: &str) -> String {
    format!("User-agent: *\nAllow: /\n\nSitemap: {base_url}sitemap.xml\n")
}
