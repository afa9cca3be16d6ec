//! Built HTML -> the link targets and element ids of a page. A small
//! tokenizer, not a full HTML parser: it only needs the attributes of start
//! tags, and growthsite's own output (templates and pulldown-cmark) is
//! well-formed. Comments and the raw text of `<script>` and `<style>` are
//! skipped so that code in them is never read as markup.

use std::borrow::Cow;
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
        shows_image(&self.tag, self.attr)
    }
}

/// Whether `attr` of the element `tag` (any case) shows an image.
pub fn shows_image(tag: &str, attr: &str) -> bool {
    ["img", "picture", "source", "image"]
        .iter()
        .any(|image| image.eq_ignore_ascii_case(tag))
        || attr == "poster"
}

/// What a page links to and which fragments it offers.
#[derive(Debug, Clone, Default)]
pub struct ScannedPage {
    /// Every link, in document order.
    pub links: Vec<HtmlLink>,
    /// Every `id` (and `name` of `<a>`), the targets of `#fragment`s.
    pub ids: HashSet<String>,
}

/// One thing [`scan_html_with`] reports, in document order.
#[derive(Debug)]
pub enum Found<'a> {
    /// A URL (references decoded) in `attr` of the element `tag`, as
    /// written (any case).
    Link {
        tag: &'a str,
        attr: &'static str,
        url: Cow<'a, str>,
    },
    /// An `id` (or `name` of `<a>`), references decoded.
    Id(Cow<'a, str>),
}

/// Reads the links and ids of an HTML document.
pub fn scan_html(html: &str) -> ScannedPage {
    let mut page = ScannedPage::default();
    scan_html_with(html, |found| match found {
        Found::Link { tag, attr, url } => page.links.push(HtmlLink {
            tag: tag.to_ascii_lowercase(),
            attr,
            url: url.into_owned(),
        }),
        Found::Id(id) => {
            page.ids.insert(id.into_owned());
        }
    });
    page
}

/// [`scan_html`] without keeping anything: each link and id is handed to
/// `found`. Nothing is copied but the values that hold a reference: every
/// page of a build is read here, most tags are a highlighted token's
/// `<span>`, and a copy per tag was a tenth of a build's CPU.
pub fn scan_html_with<'a>(html: &'a str, mut found: impl FnMut(Found<'a>)) {
    let bytes = html.as_bytes();
    let mut at = 0;
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]) {
        at += lt;
        let rest = &bytes[at..];
        if rest.starts_with(b"<!--") {
            at = memchr::memmem::find(&rest[4..], b"-->")
                .map_or(bytes.len(), |end| at + 4 + end + 3);
            continue;
        }
        if rest.starts_with(b"<!") || rest.starts_with(b"<?") || rest.starts_with(b"</") {
            at = memchr::memchr(b'>', rest).map_or(bytes.len(), |end| at + end + 1);
            continue;
        }
        let name_len = rest[1..]
            .iter()
            .position(|&b| !(b.is_ascii_alphanumeric() || b == b'-' || b == b':'))
            .unwrap_or(rest.len() - 1);
        if name_len == 0 {
            at += 1;
            continue;
        }
        let tag = &html[at + 1..at + 1 + name_len];
        at = read_attributes(html, at + 1 + name_len, |name, value| {
            record(tag, name, value, &mut found);
        });
        for raw in ["script", "style"] {
            if tag.eq_ignore_ascii_case(raw) {
                at = raw_text_end(bytes, at, raw);
            }
        }
    }
}

fn record<'a>(tag: &'a str, name: &str, value: &'a str, found: &mut impl FnMut(Found<'a>)) {
    let attr = match name.len() {
        2 if name.eq_ignore_ascii_case("id") => return found(Found::Id(decode(value))),
        4 if name.eq_ignore_ascii_case("name") && tag.eq_ignore_ascii_case("a") => {
            return found(Found::Id(decode(value)));
        }
        4 if name.eq_ignore_ascii_case("href") => "href",
        3 if name.eq_ignore_ascii_case("src") => "src",
        6 if name.eq_ignore_ascii_case("poster") => "poster",
        6 if name.eq_ignore_ascii_case("srcset") => "srcset",
        _ => return,
    };
    let url = decode(value);
    if attr != "srcset" {
        return found(Found::Link { tag, attr, url });
    }
    // `a.png 1x, b.png 2x`: each candidate's URL is its first word.
    let first_words = |value: &str| -> Vec<(usize, usize)> {
        let base = value.as_ptr() as usize;
        value
            .split(',')
            .filter_map(|candidate| candidate.split_whitespace().next())
            .map(|word| (word.as_ptr() as usize - base, word.len()))
            .collect()
    };
    for (from, len) in first_words(&url) {
        let url = match &url {
            Cow::Borrowed(value) => Cow::Borrowed(&value[from..from + len]),
            Cow::Owned(value) => Cow::Owned(value[from..from + len].to_string()),
        };
        found(Found::Link { tag, attr, url });
    }
}

/// Reads `name="value" name='value' name=value name` from `at` up to the
/// end of the tag, handing each attribute (name as written, raw value) to
/// `attribute`; returns where the text after the tag starts.
fn read_attributes<'a>(
    html: &'a str,
    mut at: usize,
    mut attribute: impl FnMut(&'a str, &'a str),
) -> usize {
    let bytes = html.as_bytes();
    let end = bytes.len();
    loop {
        while at < end && (bytes[at].is_ascii_whitespace() || bytes[at] == b'/') {
            at += 1;
        }
        if at == end {
            return end;
        }
        if bytes[at] == b'>' {
            return at + 1;
        }
        let name_end = bytes[at..]
            .iter()
            .position(|&b| b.is_ascii_whitespace() || matches!(b, b'=' | b'>' | b'/'))
            .unwrap_or(end - at)
            .max(1);
        let name = &html[at..at + name_end];
        at = skip_white(html, at + name_end);
        if bytes.get(at) != Some(&b'=') {
            attribute(name, "");
            continue;
        }
        at = skip_white(html, at + 1);
        let (value, after) = match bytes.get(at) {
            Some(&quote @ (b'"' | b'\'')) => match memchr::memchr(quote, &bytes[at + 1..]) {
                Some(close) => (&html[at + 1..at + 1 + close], at + 1 + close + 1),
                None => (&html[at + 1..], end),
            },
            _ => {
                let close = bytes[at..]
                    .iter()
                    .position(|&b| b.is_ascii_whitespace() || b == b'>')
                    .map_or(end, |close| at + close);
                (&html[at..close], close)
            }
        };
        attribute(name, value);
        at = after;
    }
}

/// Where white space (any, as `str::trim_start` sees it) after `at` ends.
fn skip_white(html: &str, at: usize) -> usize {
    html.len() - html[at..].trim_start().len()
}

/// Where the raw text of a `<script>` or `<style>` ends: its closing tag
/// (`</script`, any case), or the end of the document.
fn raw_text_end(bytes: &[u8], mut at: usize, tag: &str) -> usize {
    while let Some(lt) = memchr::memchr(b'<', &bytes[at..]) {
        at += lt;
        let name = bytes.get(at + 2..at + 2 + tag.len());
        if bytes.get(at + 1) == Some(&b'/')
            && name.is_some_and(|n| n.eq_ignore_ascii_case(tag.as_bytes()))
        {
            return at;
        }
        at += 1;
    }
    bytes.len()
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
    decode(text).into_owned()
}

/// [`decode_references`], borrowing `text` when it holds none.
pub fn decode(text: &str) -> Cow<'_, str> {
    if memchr::memchr(b'&', text.as_bytes()).is_none() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        match reference(rest) {
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
    Cow::Owned(out)
}

/// The character a reference at the start of `text` (`&amp;`, `&#39;`)
/// stands for, and its length; `None` when `&` starts none.
pub fn reference(text: &str) -> Option<(char, usize)> {
    let head = &text.as_bytes()[..text.len().min(11)];
    let end = memchr::memchr(b';', head)?;
    let name = &text[1..end];
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
}

#[cfg(test)]
#[path = "html_reference.rs"]
mod reference;

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
