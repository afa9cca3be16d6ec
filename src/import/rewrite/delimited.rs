//! The tags of both template languages, found the same way: Liquid's
//! `{% x %}` and `{{ x }}`, Hugo's `{{< x >}}` and `{{% x %}}`.

/// A span of text between delimiters.
#[derive(Debug, Clone, Copy)]
pub struct Delimited<'a> {
    /// Where the opening delimiter starts.
    pub start: usize,
    /// Just after the closing delimiter.
    pub end: usize,
    /// The byte that told the opening's kind (`%`, `{`, `<`).
    pub kind: u8,
    /// The text between the delimiters, as written.
    pub inner: &'a str,
}

/// The next span from `from` that opens with `open` and one of `kinds`'
/// bytes and closes with that kind's closing text. An opening that is not
/// one, or is never closed, is text: the search goes on after it.
pub fn next_delimited<'a>(
    text: &'a str,
    from: usize,
    open: &str,
    kinds: &[(u8, &str)],
) -> Option<Delimited<'a>> {
    let mut search = from;
    loop {
        let start = search + text[search..].find(open)?;
        let after = start + open.len();
        let byte = text.as_bytes().get(after).copied();
        let Some(&(kind, close)) = kinds.iter().find(|(b, _)| Some(*b) == byte) else {
            search = after;
            continue;
        };
        let inner_start = after + 1;
        let Some(len) = text[inner_start..].find(close) else {
            search = inner_start;
            continue;
        };
        return Some(Delimited {
            start,
            end: inner_start + len + close.len(),
            kind,
            inner: &text[inner_start..inner_start + len],
        });
    }
}

/// A tag's name and the rest after it: `highlight ruby` -> (`highlight`, `ruby`).
pub fn split_name(inner: &str) -> (&str, &str) {
    let inner = inner.trim();
    match inner.find(char::is_whitespace) {
        Some(i) => (&inner[..i], inner[i..].trim()),
        None => (inner, ""),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_unknown_or_unclosed_opening_is_skipped() {
        let kinds = [(b'%', "%}"), (b'{', "}}")];
        let text = "{x} {% if {{ a }}";
        let found = next_delimited(text, 0, "{", &kinds).unwrap();
        assert_eq!((found.kind, found.inner), (b'{', " a "));
        assert_eq!(&text[found.start..found.end], "{{ a }}");
        assert!(next_delimited(text, found.end, "{", &kinds).is_none());
    }
}
