//! A document's body HTML, as rendered or packed. A build holds every
//! write-up's body from the parse stage until its page is rendered: at
//! 100,000 write-ups that was the largest part of the peak (README,
//! Performance). Packed with LZ4 (the pure-Rust `lz4_flex` crate: no C
//! build, and it decodes at several GB/s, so the page and the search index
//! each unpack their copy for less than they spend reading it) a body
//! takes about half its bytes.

use std::borrow::Cow;

/// A body's HTML.
#[derive(Debug, Clone)]
pub enum BodyHtml {
    /// As rendered (`serve`, plain pages, tests).
    Plain(String),
    /// LZ4-packed, its length first (`lz4_flex`'s size-prepended block).
    Packed(Box<[u8]>),
}

impl Default for BodyHtml {
    fn default() -> Self {
        BodyHtml::Plain(String::new())
    }
}

impl From<String> for BodyHtml {
    fn from(html: String) -> Self {
        BodyHtml::Plain(html)
    }
}

impl BodyHtml {
    /// The HTML: borrowed when plain, unpacked into a copy when packed.
    pub fn text(&self) -> Cow<'_, str> {
        match self {
            BodyHtml::Plain(html) => Cow::Borrowed(html),
            BodyHtml::Packed(bytes) => Cow::Owned(unpack(bytes)),
        }
    }

    /// The HTML, moved out when plain.
    pub fn into_string(self) -> String {
        match self {
            BodyHtml::Plain(html) => html,
            BodyHtml::Packed(bytes) => unpack(&bytes),
        }
    }

    /// Packs the HTML (a build does, for the write-ups it holds until
    /// their pages render).
    pub fn pack(&mut self) {
        if let BodyHtml::Plain(html) = self {
            let bytes = lz4_flex::block::compress_prepend_size(html.as_bytes());
            *self = BodyHtml::Packed(bytes.into_boxed_slice());
        }
    }

    /// Appends HTML (unpacking first when packed).
    pub fn push_str(&mut self, more: &str) {
        let mut html = std::mem::take(self).into_string();
        html.push_str(more);
        *self = BodyHtml::Plain(html);
    }
}

/// Packed bytes are only ever made by [`BodyHtml::pack`] from a `String`,
/// so they unpack to UTF-8; anything else (never seen) reads as lossy
/// text rather than failing the build.
fn unpack(bytes: &[u8]) -> String {
    match lz4_flex::block::decompress_size_prepended(bytes) {
        Ok(unpacked) => String::from_utf8(unpacked)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(_) => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::BodyHtml;

    #[test]
    fn a_packed_body_reads_as_it_was_written() {
        let html = "<p>Caf\u{e9} <code>x &lt; y</code></p>\n".repeat(200);
        let mut body = BodyHtml::from(html.clone());
        body.pack();
        let BodyHtml::Packed(bytes) = &body else {
            panic!("not packed");
        };
        assert!(bytes.len() < html.len() / 4, "{} bytes", bytes.len());
        assert_eq!(body.text(), html);
        body.push_str("<p>more</p>");
        assert_eq!(body.text(), format!("{html}<p>more</p>"));
        assert_eq!(BodyHtml::default().text(), "");
    }
}
