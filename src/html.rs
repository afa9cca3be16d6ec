//! Built HTML -> the link targets and element ids of a page. A small
//! tokenizer, not a full HTML parser: it only needs the attributes of start
//! tags, and growthsite's own output (templates and pulldown-cmark) is
//! well-formed. Comments and the raw text of `<script>` and `<style>` are
//! skipped so that code in them is never read as markup.

use std::collections::HashSet;

/// An attribute that points at another resource.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlLink {
    /// The element, lower case: `a`, `img`, `link`.
    pub tag: String,
    /// The attribute: `href`, `src`, `srcset` or `poster`.
    pub attr: &'static str,
    /// The URL with character references decoded.
    pub url: String,
}

impl HtmlLink {
    /// Whether the target is shown as an image (for the wording of findings).
    pub fn is_image(&self) -> bool {
        matches!(self.tag.as_str(), "img" | "picture" | "source" | "image") || self.attr == "poster"
    }
}

/// What a page links to and which fragments it offers.
#[derive(Debug, Clone, Default)]
pub struct ScannedPage {
    /// Every link, in document order.
    pub links: Vec<HtmlLink>,
    /// Every `id` (and `name` of `<a>`), the targets of `#fragment`s.
    pub ids: HashSet<String>,
}

/// Reads the links and ids of an HTML document.
pub fn scan_html(html: &str) -> ScannedPage {
    let mut page = ScannedPage::default();
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        rest = &rest[lt..];
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after.find("-->").map_or("", |end| &after[end + 3..]);
            continue;
        }
        if rest.starts_with("<!") || rest.starts_with("<?") || rest.starts_with("</") {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            continue;
        }
        let name_len = rest[1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .unwrap_or(rest.len() - 1);
        if name_len == 0 {
            rest = &rest[1..];
            continue;
        }
        let tag = rest[1..1 + name_len].to_ascii_lowercase();
        let (attributes, after_tag) = read_attributes(&rest[1 + name_len..]);
        record(&mut page, &tag, attributes);
        rest = after_tag;
        if matches!(tag.as_str(), "script" | "style") {
            rest = skip_raw_text(rest, &tag);
        }
    }
    page
}

fn record(page: &mut ScannedPage, tag: &str, attributes: Vec<(String, String)>) {
    for (name, value) in attributes {
        match name.as_str() {
            "id" => {
                page.ids.insert(value);
            }
            "name" if tag == "a" => {
                page.ids.insert(value);
            }
            "href" | "src" | "poster" => page.links.push(HtmlLink {
                tag: tag.to_string(),
                attr: match name.as_str() {
                    "href" => "href",
                    "src" => "src",
                    _ => "poster",
                },
                url: value,
            }),
            "srcset" => {
                // `a.png 1x, b.png 2x`: each candidate's URL is its first word.
                for candidate in value.split(',') {
                    if let Some(url) = candidate.split_whitespace().next() {
                        page.links.push(HtmlLink {
                            tag: tag.to_string(),
                            attr: "srcset",
                            url: url.to_string(),
                        });
                    }
                }
            }
            _ => {}
        }
    }
}

/// Parses `name="value" name='value' name=value name` up to the end of the
/// tag; returns the attributes (names lower case, values decoded) and the
/// text after the tag.
fn read_attributes(mut rest: &str) -> (Vec<(String, String)>, &str) {
    let mut attributes = Vec::new();
    loop {
        rest = rest.trim_start_matches(|c: char| c.is_ascii_whitespace() || c == '/');
        if rest.is_empty() {
            return (attributes, rest);
        }
        if let Some(after) = rest.strip_prefix('>') {
            return (attributes, after);
        }
        let name_end = rest
            .find(|c: char| c.is_ascii_whitespace() || matches!(c, '=' | '>' | '/'))
            .unwrap_or(rest.len())
            .max(1);
        let name = rest[..name_end].to_ascii_lowercase();
        rest = rest[name_end..].trim_start();
        let Some(after_eq) = rest.strip_prefix('=') else {
            attributes.push((name, String::new()));
            continue;
        };
        let after_eq = after_eq.trim_start();
        let (raw, after_value) = match after_eq.chars().next() {
            Some(quote @ ('"' | '\'')) => {
                let body = &after_eq[1..];
                match body.find(quote) {
                    Some(end) => (&body[..end], &body[end + 1..]),
                    None => (body, ""),
                }
            }
            _ => {
                let end = after_eq
                    .find(|c: char| c.is_ascii_whitespace() || c == '>')
                    .unwrap_or(after_eq.len());
                (&after_eq[..end], &after_eq[end..])
            }
        };
        attributes.push((name, decode_references(raw)));
        rest = after_value;
    }
}

fn skip_raw_text<'a>(rest: &'a str, tag: &str) -> &'a str {
    let closing = format!("</{tag}");
    let lower = rest.to_ascii_lowercase();
    match lower.find(&closing) {
        Some(at) => &rest[at..],
        None => "",
    }
}

/// Escapes text for HTML and XML content and attribute values (`&`, `<`,
/// `>`, `"` and `'`).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// Decodes the character references that appear in attribute values:
/// `&amp;`, `&lt;`, `&gt;`, `&quot;`, `&apos;` and numeric ones. Anything
/// else is kept as written.
pub fn decode_references(text: &str) -> String {
    if !text.contains('&') {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let decoded = rest.find(';').filter(|&end| end <= 10).and_then(|end| {
            let name = &rest[1..end];
            let c = match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .or_else(|| name.strip_prefix("#X"))
                    .and_then(|hex| u32::from_str_radix(hex, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|dec| dec.parse().ok()))
                    .and_then(char::from_u32),
            };
            c.map(|c| (c, end + 1))
        });
        match decoded {
            Some((c, len)) => {
                out.push(c);
                rest = &rest[len..];
            }
            None => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_and_ids_in_start_tags() {
        let page = scan_html(
            "<!doctype html><html><head><link rel=\"stylesheet\" href=\"/g/style.css?v=1\"></head>\
             <body><h2 id=\"what-happened\">x</h2><a href='/g/a/?x=1&amp;y=2#top' class=x>a</a>\
             <img src=pic.png alt=\"a > b\"><a name=old></a></body></html>",
        );
        let urls: Vec<&str> = page.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["/g/style.css?v=1", "/g/a/?x=1&y=2#top", "pic.png"]);
        assert!(page.links[2].is_image());
        assert!(!page.links[1].is_image());
        assert!(page.ids.contains("what-happened"));
        assert!(page.ids.contains("old"));
    }

    #[test]
    fn skips_comments_scripts_and_styles() {
        let page = scan_html(
            "<!-- <a href=\"/commented\"> --><script>if (a < b) { x = '<a href=\"/in-script\">'; }</script>\
             <style>a[href=\"/x\"] {}</style><a href=\"/real\">r</a>",
        );
        let urls: Vec<&str> = page.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["/real"]);
    }

    #[test]
    fn reads_srcset_candidates() {
        let page = scan_html("<img srcset=\"a.png 1x, b.png 2x\" src=\"a.png\">");
        let urls: Vec<&str> = page.links.iter().map(|l| l.url.as_str()).collect();
        assert_eq!(urls, ["a.png", "b.png", "a.png"]);
    }

    #[test]
    fn escapes_markup_and_quotes() {
        assert_eq!(
            escape("a<b & \"c\" 'd'"),
            "a&lt;b &amp; &quot;c&quot; &#39;d&#39;"
        );
    }

    #[test]
    fn decodes_character_references() {
        assert_eq!(
            decode_references("a&amp;b&#x27;c&#39;d&nbsp;e&"),
            "a&b'c'd&nbsp;e&"
        );
    }
}
