//! Emoji codes in a Hugo post (`:rocket:`) -> the emoji themselves, as
//! Hugo showed them with `enableEmoji`. Hugo turns a code into an emoji
//! before it makes a heading's id, so `#### :lock: Security` had the id
//! `-security`: with the emoji written out, growthsite's id is the same
//! and old `#anchors` keep working. Code is left as written; every line
//! is kept. Pure.

use super::fence::Fences;

/// `text` with each `:code:` that names an emoji (GitHub's names, as
/// Hugo's) replaced by the emoji, outside code blocks and code spans.
pub fn emojify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fences = Fences::default();
    for line in text.split_inclusive('\n') {
        // Indented code is code too.
        if fences.is_code(line) || line.starts_with("    ") || line.starts_with('\t') {
            out.push_str(line);
            continue;
        }
        emojify_line(line, &mut out);
    }
    out
}

/// One line, outside a code block: code spans are left alone.
fn emojify_line(line: &str, out: &mut String) {
    let mut rest = line;
    while !rest.is_empty() {
        let next = rest.find(['`', ':']).unwrap_or(rest.len());
        out.push_str(&rest[..next]);
        rest = &rest[next..];
        if let Some(span) = rest.strip_prefix('`') {
            // A code span ends at the next run of as many backticks.
            let ticks = 1 + span.len() - span.trim_start_matches('`').len();
            let opening = &rest[..ticks];
            let end = rest[ticks..]
                .find(opening)
                .map_or(rest.len(), |i| ticks + i + ticks);
            out.push_str(&rest[..end]);
            rest = &rest[end..];
        } else if rest.starts_with(':') {
            let name_len = rest[1..]
                .find(|c: char| !(c.is_ascii_alphanumeric() || matches!(c, '_' | '+' | '-')))
                .unwrap_or(rest.len() - 1);
            let name = &rest[1..1 + name_len];
            let closed = rest[1 + name_len..].starts_with(':');
            match emojis::get_by_shortcode(name).filter(|_| closed && !name.is_empty()) {
                Some(emoji) => {
                    out.push_str(emoji.as_str());
                    rest = &rest[name_len + 2..];
                }
                None => {
                    out.push(':');
                    rest = &rest[1..];
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::emojify;

    #[test]
    fn codes_become_emoji_outside_code() {
        assert_eq!(
            emojify(
                "#### :lock: Security\n:tada: and `:tada:` at 10:30 :my-app:\n```\n:rocket:\n```\n    :zap:\n"
            ),
            "#### 🔒 Security\n🎉 and `:tada:` at 10:30 :my-app:\n```\n:rocket:\n```\n    :zap:\n"
        );
    }
}
