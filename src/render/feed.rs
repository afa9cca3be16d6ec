//! Atom feeds, written directly (not through templates): `/atom.xml` and
//! one per strategy. Full content (as `feed_html` trims it), absolute URLs,
//! and `updated` taken from the newest entry so that two builds of the same
//! input are identical.

use std::fmt::Write;

use crate::assemble::Site;
use crate::config::{Config, origin_of};
use crate::html::escape;
use crate::parse::date::Date;
use crate::render::feed_html::feed_html;

/// The Atom feed of `posts` (indices into `site.posts`, newest first).
/// `path` is the feed's own path (`atom.xml`), `page_path` the HTML page it
/// mirrors (`""` or `strategies/x/`).
pub fn atom_feed(site: &Site, posts: &[usize], title: &str, path: &str, page_path: &str) -> String {
    let config = &site.config;
    let base_url = &config.base_url;
    let origin = origin_of(base_url);
    let entries: Vec<usize> = posts.iter().copied().take(config.feed_limit).collect();
    let updated = entries
        .iter()
        .map(|&i| {
            let w = &site.posts[i].writeup;
            w.updated.unwrap_or(w.date).max(w.date)
        })
        .max();
    let mut xml = String::with_capacity(4096 + entries.len() * 8192);
    let head = FeedHead {
        title,
        subtitle: Some(config.description.as_str()).filter(|d| !d.is_empty()),
        path,
        page_path,
        updated,
    };
    write_head(&mut xml, config, &head);
    let _ = writeln!(
        xml,
        "  <generator uri=\"https://crates.io/crates/growthsite\">growthsite</generator>"
    );
    for &i in &entries {
        let post = &site.posts[i];
        let w = &post.writeup;
        let permalink = format!("{base_url}{}", w.doc.path);
        xml.push_str("  <entry>\n");
        let _ = writeln!(xml, "    <title>{}</title>", escape(&w.doc.title));
        let _ = writeln!(
            xml,
            "    <link href=\"{permalink}\" rel=\"alternate\" type=\"text/html\"/>"
        );
        let _ = writeln!(xml, "    <id>{permalink}</id>");
        let _ = writeln!(xml, "    <published>{}</published>", w.date.rfc3339());
        let _ = writeln!(
            xml,
            "    <updated>{}</updated>",
            w.updated.unwrap_or(w.date).max(w.date).rfc3339()
        );
        for &s in &post.strategy_ids {
            let term = &site.strategies[s];
            let _ = writeln!(
                xml,
                "    <category term=\"{}\" label=\"{}\"/>",
                escape(&term.slug),
                escape(&term.name)
            );
        }
        let _ = writeln!(
            xml,
            "    <summary type=\"html\">{}</summary>",
            feed_html(&absolute_urls(&post.summary_html, origin))
        );
        let body = post.rendered.html.text();
        let mut content = String::with_capacity(body.len() + 256);
        if let Some(lesson) = &w.lesson {
            let _ = writeln!(
                content,
                "<p><strong>Lesson:</strong> {}</p>",
                escape(lesson)
            );
        }
        content.push_str(&absolute_urls(&body, origin));
        let _ = writeln!(
            xml,
            "    <content type=\"html\" xml:base=\"{permalink}\">{}</content>",
            feed_html(&content)
        );
        xml.push_str("  </entry>\n");
    }
    xml.push_str("</feed>\n");
    xml
}

/// What a feed says of itself, before its entries.
pub struct FeedHead<'a> {
    /// Its title.
    pub title: &'a str,
    /// A line under the title, if any.
    pub subtitle: Option<&'a str>,
    /// Its own path under the base URL (`atom.xml`), also its id.
    pub path: &'a str,
    /// The path of the HTML page it follows (`""`, `progress/`).
    pub page_path: &'a str,
    /// When its newest entry changed; none for a feed with no entries.
    pub updated: Option<Date>,
}

/// The XML declaration and the feed's own elements, up to its author (the
/// site's author, else the site's title), the same in every feed of the site.
pub fn write_head(xml: &mut String, config: &Config, head: &FeedHead) {
    let base_url = &config.base_url;
    let (path, page_path) = (head.path, head.page_path);
    let author = if config.author.is_empty() {
        &config.title
    } else {
        &config.author
    };
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape(head.title));
    if let Some(subtitle) = head.subtitle {
        let _ = writeln!(xml, "  <subtitle>{}</subtitle>", escape(subtitle));
    }
    let _ = writeln!(
        xml,
        "  <link href=\"{base_url}{path}\" rel=\"self\" type=\"application/atom+xml\"/>"
    );
    let _ = writeln!(
        xml,
        "  <link href=\"{base_url}{page_path}\" rel=\"alternate\" type=\"text/html\"/>"
    );
    // A feed with no entries yet gets a fixed date: builds stay identical.
    let updated = head
        .updated
        .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), |d| d.rfc3339());
    let _ = writeln!(xml, "  <updated>{updated}</updated>");
    let _ = writeln!(xml, "  <id>{base_url}{path}</id>");
    let _ = writeln!(xml, "  <author><name>{}</name></author>", escape(author));
}

/// Root-relative `href`/`src` made absolute, for feed readers that ignore `xml:base`.
pub fn absolute_urls(html: &str, origin: &str) -> String {
    html.replace("href=\"/", &format!("href=\"{origin}/"))
        .replace("src=\"/", &format!("src=\"{origin}/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_and_absolute_urls() {
        assert_eq!(
            absolute_urls(
                "<a href=\"/growth/x/\"><img src=\"/growth/y.png\">",
                "https://a.io"
            ),
            "<a href=\"https://a.io/growth/x/\"><img src=\"https://a.io/growth/y.png\">"
        );
    }
}
