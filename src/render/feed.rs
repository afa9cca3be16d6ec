//! Atom feeds, written directly (not through templates): `/atom.xml` and
//! one per strategy. Full content (as `feed_html` trims it), absolute URLs,
//! and `updated` taken from the newest entry so that two builds of the same
//! input are identical.

use std::fmt::Write;

use crate::assemble::Site;
use crate::config::origin_of;
use crate::html::escape;
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
        .max()
        .map_or_else(|| "1970-01-01T00:00:00+00:00".to_string(), |d| d.rfc3339());
    let author = if config.author.is_empty() {
        &config.title
    } else {
        &config.author
    };
    let mut xml = String::with_capacity(4096 + entries.len() * 8192);
    xml.push_str("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n");
    let _ = writeln!(
        xml,
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">",
        escape(&config.language)
    );
    let _ = writeln!(xml, "  <title>{}</title>", escape(title));
    if !config.description.is_empty() {
        let _ = writeln!(
            xml,
            "  <subtitle>{}</subtitle>",
            escape(&config.description)
        );
    }
    let _ = writeln!(
        xml,
        "  <link href=\"{base_url}{path}\" rel=\"self\" type=\"application/atom+xml\"/>"
    );
    let _ = writeln!(
        xml,
        "  <link href=\"{base_url}{page_path}\" rel=\"alternate\" type=\"text/html\"/>"
    );
    let _ = writeln!(xml, "  <updated>{updated}</updated>");
    let _ = writeln!(xml, "  <id>{base_url}{path}</id>");
    let _ = writeln!(xml, "  <author><name>{}</name></author>", escape(author));
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
        let mut content = String::with_capacity(post.rendered.html.len() + 256);
        if let Some(lesson) = &w.lesson {
            let _ = writeln!(
                content,
                "<p><strong>Lesson:</strong> {}</p>",
                escape(lesson)
            );
        }
        content.push_str(&absolute_urls(&post.rendered.html, origin));
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
