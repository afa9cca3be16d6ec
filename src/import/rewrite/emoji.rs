//! Emoji codes in a Hugo post (`:rocket:`) -> the emoji themselves, as
//! Hugo showed them with `enableEmoji`. Hugo turns a code into an emoji
//! before it makes a heading's id, so `#### :lock: Security` had the id
//! `-security`: with the emoji written out, growthsite's id is the same
//! and old `#anchors` keep working. Code is left as written; every line
//! is kept. Pure.

/// `text` with each `:code:` that names an emoji (GitHub's names, as
/// Hugo's) replaced by the emoji, outside code blocks and code spans.
pub fn emojify(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fence: Option<String> = None;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_start();
        let marker: String = trimmed
            .chars()
            .take_while(|c| *c == '`' || *c == '~')
            .collect();
        let same_kind = marker.chars().all(|c| marker.starts_with(c));
        if marker.len() >= 3 && same_kind {
            match &fence {
                Some(open)
                    if marker.starts_with(open.as_str())
                        && trimmed[marker.len()..].trim().is_empty() =>
                {
                    fence = None;
                }
                None => fence = Some(marker),
                Some(_) => {}
            }
            out.push_str(line);
            continue;
        }
        if fence.is_some() || line.starts_with("    ") || line.starts_with('\t') {
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
