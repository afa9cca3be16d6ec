//! A template's text read again where Tera gives no place or no name:
//! the word at a position, where a tag is, which block tag is left open.

/// The identifier that starts at `line`:`col` (1-based) of `text`.
pub fn word_at(text: &str, line: usize, col: usize) -> Option<String> {
    let line = text.lines().nth(line.checked_sub(1)?)?;
    let word: String = line
        .chars()
        .skip(col.checked_sub(1)?)
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    (!word.is_empty()).then_some(word)
}

/// Where `{% <tag> ...` first is in `text`: (line, column), 1-based.
pub fn find_tag(text: &str, tag: &str) -> Option<(usize, usize)> {
    tags(text)
        .find(|(name, _, _)| name == tag)
        .map(|(_, line, col)| (line, col))
}

/// The innermost block tag (`if`, `for`, `block`, ...) that `text` opens
/// and never closes, with its line.
pub fn unclosed_tag(text: &str) -> Option<(String, usize)> {
    const BLOCKS: [&str; 6] = ["if", "for", "block", "macro", "filter", "raw"];
    let mut open: Vec<(String, usize)> = Vec::new();
    for (name, line, _) in tags(text) {
        if BLOCKS.contains(&name.as_str()) {
            open.push((name, line));
        } else if let Some(closed) = name.strip_prefix("end") {
            // The innermost open tag must be the one this closes; if not,
            // that one is left open.
            match open.pop() {
                Some((top, _)) if top == closed => {}
                Some(top) => return Some(top),
                None => {}
            }
        }
    }
    open.pop()
}

/// Each `{% name ...` of `text`: (name, line, column).
fn tags(text: &str) -> impl Iterator<Item = (String, usize, usize)> + '_ {
    text.match_indices("{%").map(move |(at, _)| {
        let rest = text[at + 2..].trim_start_matches(['-', '+']).trim_start();
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect();
        let (line, col) = crate::diag::line_col(text, at);
        (name, line, col)
    })
}
