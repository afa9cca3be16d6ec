//! A document's body HTML, as rendered or packed. A build holds every
//! write-up's body from the parse stage until its page is rendered: at
//! 100,000 write-ups that was the largest part of the peak (README,
//! Performance). Packed with LZ4 (the pure-Rust `lz4_flex` crate: no C
//! build, and it decodes at several GB/s, so the page and the search index
//! each unpack their copy for less than they spend reading it) a body
//! takes about half its bytes.
//!
//! Packed bodies share slabs of about 1 MiB ([`Packer`]), filled in the
//! order their pages render: a slab is freed, and its memory goes back to
//! the system, once its last page is written. Each body in an allocation
//! of its own left the allocator's pages of small blocks each holding a
//! few bodies still to render, until nearly the end.
use std::borrow::Cow;
use std::sync::Arc;

/// How many packed bytes a slab holds at most: large enough that the
/// allocator gives a full slab pages of its own, small enough that one
/// holds the bodies of a few hundred pages.
const SLAB: usize = 1 << 20;

/// A body's HTML.
#[derive(Debug, Clone)]
pub enum BodyHtml {
    /// As rendered (`serve`, plain pages, tests).
    Plain(String),
    /// LZ4-packed in a slab.
    Packed(Packed),
}

/// An LZ4 block in a shared slab.
#[derive(Debug, Clone)]
pub struct Packed {
    slab: Arc<Vec<u8>>,
    start: u32,
    len: u32,
    /// The length unpacked.
    plain: u32,
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
            BodyHtml::Packed(packed) => Cow::Owned(unpack(packed)),
        }
    }

    /// The HTML, moved out when plain.
    pub fn into_string(self) -> String {
        match self {
            BodyHtml::Plain(html) => html,
            BodyHtml::Packed(packed) => unpack(&packed),
        }
    }

    /// Packs the HTML into a slab of its own (a build packs its bodies
    /// with a [`Packer`]).
    pub fn pack(&mut self) {
        if let BodyHtml::Plain(html) = self {
            let mut packer = Packer::default();
            packer.pack(0, html);
            if let Some((_, packed)) = packer.finish().pop() {
                *self = packed;
            }
        }
    }

    /// Appends HTML (unpacking first when packed).
    pub fn push_str(&mut self, more: &str) {
        let mut html = std::mem::take(self).into_string();
        html.push_str(more);
        *self = BodyHtml::Plain(html);
    }
}

/// Packs bodies one after the other into slabs. A body's [`BodyHtml`] is
/// handed out, under the key it was packed with, once its slab is full
/// (or at [`Packer::finish`]): until then the slab still grows.
#[derive(Default)]
pub struct Packer {
    slab: Vec<u8>,
    /// The bodies in `slab`: key, start, packed and plain lengths.
    waiting: Vec<(usize, u32, u32, u32)>,
    ready: Vec<(usize, BodyHtml)>,
}

impl Packer {
    /// Packs `html` under `key`.
    pub fn pack(&mut self, key: usize, html: &str) {
        let room = lz4_flex::block::get_maximum_output_size(html.len());
        let (Ok(plain), Ok(_)) = (u32::try_from(html.len()), u32::try_from(room)) else {
            // Past 4 GiB a body stays as it is.
            self.ready.push((key, BodyHtml::Plain(html.to_string())));
            return;
        };
        if !self.slab.is_empty() && self.slab.len() + room > SLAB {
            self.seal();
        }
        // A new slab grows as bodies come, so that a small site's few
        // bodies take no more than they need.
        let start = self.slab.len();
        self.slab.resize(start + room, 0);
        let written = lz4_flex::block::compress_into(html.as_bytes(), &mut self.slab[start..]);
        // The room asked for is the most LZ4 can write, so this never
        // fails; were it to, the body stays as it is rather than be
        // recorded as a block that does not unpack.
        let Ok(written) = written else {
            self.slab.truncate(start);
            self.ready.push((key, BodyHtml::Plain(html.to_string())));
            return;
        };
        self.slab.truncate(start + written);
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.waiting.push((key, at(start), at(written), plain));
    }

    /// Every body packed, with its key, in the order packed.
    pub fn finish(mut self) -> Vec<(usize, BodyHtml)> {
        self.slab.shrink_to_fit();
        self.seal();
        self.ready
    }

    /// Hands out the bodies of the slab, which is full.
    fn seal(&mut self) {
        if self.waiting.is_empty() {
            return;
        }
        let slab = Arc::new(std::mem::take(&mut self.slab));
        for (key, start, len, plain) in self.waiting.drain(..) {
            let slab = Arc::clone(&slab);
            let packed = Packed {
                slab,
                start,
                len,
                plain,
            };
            self.ready.push((key, BodyHtml::Packed(packed)));
        }
    }
}

/// Unpacks a block, which cannot fail: a [`Packed`] is only made by
/// [`Packer::seal`], for a block `compress_into` wrote whole (a body it
/// failed on stays plain), of a `str` (UTF-8) whose length fits the `u32`s
/// (a longer one stays plain), in a slab nothing writes to once sealed
/// (`Arc<Vec<u8>>`, fields private to this module). A failure would be a
/// fault of this module or of `lz4_flex`, not of the site: it stops the
/// build rather than publish a page with an empty or garbled body.
fn unpack(packed: &Packed) -> String {
    let start = packed.start as usize;
    let bytes = &packed.slab[start..start + packed.len as usize];
    let unpacked = lz4_flex::block::decompress(bytes, packed.plain as usize)
        .expect("a block packed by Packer unpacks");
    String::from_utf8(unpacked).expect("a block packed from a str unpacks to UTF-8")
}

#[cfg(test)]
mod tests {
    use std::sync::Arc;

    use super::{BodyHtml, Packer};

    #[test]
    fn a_packed_body_reads_as_it_was_written() {
        let html = "<p>Caf\u{e9} <code>x &lt; y</code></p>\n".repeat(200);
        let mut body = BodyHtml::from(html.clone());
        body.pack();
        let BodyHtml::Packed(packed) = &body else {
            panic!("not packed");
        };
        assert!(
            packed.slab.len() < html.len() / 4,
            "{} bytes",
            packed.slab.len()
        );
        assert_eq!(body.text(), html);
        body.push_str("<p>more</p>");
        assert_eq!(body.text(), format!("{html}<p>more</p>"));
        assert_eq!(BodyHtml::default().text(), "");
    }

    #[test]
    fn bodies_packed_together_share_slabs_and_read_back_in_any_order() {
        let bodies: Vec<String> = (0..600)
            .map(|n| {
                format!(
                    "<p>Body {n}: {}</p>",
                    "words and more words ".repeat(n % 97)
                )
            })
            .collect();
        let mut packer = Packer::default();
        for (n, body) in bodies.iter().enumerate().rev() {
            packer.pack(n, body);
        }
        let packed = packer.finish();
        assert_eq!(packed.len(), bodies.len());
        let slabs: std::collections::BTreeSet<*const Vec<u8>> = packed
            .iter()
            .map(|(_, body)| match body {
                BodyHtml::Packed(p) => Arc::as_ptr(&p.slab),
                BodyHtml::Plain(_) => panic!("not packed"),
            })
            .collect();
        assert!(slabs.len() < 10, "{} slabs", slabs.len());
        for (n, body) in &packed {
            assert_eq!(body.text(), bodies[*n]);
        }
    }
}
