//! The tag scanner as it was before it stopped copying tags (tests only):
//! the one the link check uses now must find the same links and ids in
//! any text, however broken its markup.

use proptest::prelude::*;

use super::{HtmlLink, ScannedPage, decode_references};

/// The scanner before it stopped copying each tag, kept as written.
fn scan_html(html: &str) -> ScannedPage {
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

fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "<a ", "<A ", "<img ", "<IMG", "<source", "<video ", "<link ", "<p>", "<span class=k>",
            "<script>", "<ScRiPt type=x>", "</script>", "</SCRIPT", "<style>", "</style>",
            "<!--", "-->", "<!doctype html>", "<?x?>", "</a>", "<-x", "<:y ", "<1>", "< a",
            "href=", "HREF=", "src=", "srcset=", "poster=", "id=", "ID =", "name=", "= ",
            "\"", "'", "\"/x/?a=1&amp;b#top\"", "'a.png 1x, b.png 2x'", "x.png", "/", ">", "/>",
            "&amp;", "&#x27;", "&#39;", "&lt;", "&nbsp;", "&", ";", "#", ",",
        ])
        .prop_map(str::to_string),
        2 => prop::sample::select(vec![
            " ", "\t", "\n", "\r", "\u{b}", "\u{c}", "\u{a0}", "\u{2003}", "é", "😀", "=",
        ])
        .prop_map(str::to_string),
        2 => "[a-zA-Z0-9:-]{1,6}",
    ]
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn finds_what_the_copying_scanner_found(pieces in prop::collection::vec(piece(), 0..40)) {
        let html = pieces.concat();
        let (now, before) = (super::scan_html(&html), scan_html(&html));
        prop_assert_eq!(now.links, before.links, "{:?}", html);
        prop_assert_eq!(now.ids, before.ids, "{:?}", html);
    }
}
