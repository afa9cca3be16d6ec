//! Where the items of a top-level YAML block sequence are written: a YAML
//! text and a key -> the line of each `- ` item and of the keys inside it.
//! serde_yaml gives values without positions, so these are read from the
//! text itself: a bad goal or revisit is reported on its own line, not on
//! the line of `goals:`. Flow style (`goals: [...]`) has no item lines:
//! callers fall back to the key's line.

/// One item of a block sequence: its `- ` line and its keys' lines.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ItemLines {
    /// 1-based line of the item's `-`, counted in the YAML text.
    pub line: usize,
    /// (key, 1-based line) of the item's own keys, in order.
    pub keys: Vec<(String, usize)>,
}

impl ItemLines {
    /// The line of `key` in this item, or the item's line when absent.
    pub fn key_line(&self, key: &str) -> usize {
        self.keys
            .iter()
            .find(|(k, _)| k == key)
            .map_or(self.line, |(_, line)| *line)
    }
}

/// The items of the block sequence under the top-level `key`, in order.
/// Empty when the key is absent or its value is not a block sequence.
pub fn sequence_items(yaml: &str, key: &str) -> Vec<ItemLines> {
    let mut lines = yaml.lines().enumerate();
    let found = lines.by_ref().find(|(_, line)| {
        line.strip_prefix(key)
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    let Some((_, key_text)) = found else {
        return Vec::new();
    };
    let after_colon = &key_text[key_text.find(':').map_or(0, |i| i + 1)..];
    if !without_comment(after_colon).trim().is_empty() {
        return Vec::new();
    }
    let mut items: Vec<ItemLines> = Vec::new();
    let mut dash_indent = None;
    // Column where the current item's keys start (after `- `).
    let mut key_indent = 0;
    for (i, line) in lines {
        let trimmed = line.trim_start_matches(' ');
        if trimmed.trim().is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = line.len() - trimmed.len();
        let is_dash = trimmed == "-" || trimmed.starts_with("- ");
        let seq = *dash_indent.get_or_insert(indent);
        if indent < seq || (indent == seq && !is_dash) {
            break;
        }
        if indent == seq {
            let rest = trimmed[1..].trim_start_matches(' ');
            key_indent = indent + (trimmed.len() - rest.len());
            let mut item = ItemLines {
                line: i + 1,
                keys: Vec::new(),
            };
            item.keys.extend(key_of(rest).map(|k| (k, i + 1)));
            items.push(item);
        } else if indent == key_indent {
            if let (Some(item), Some(key)) = (items.last_mut(), key_of(trimmed)) {
                item.keys.push((key, i + 1));
            }
        }
    }
    items
}

/// The key of a `key: value` (or `key:`) line, when it is one.
fn key_of(text: &str) -> Option<String> {
    let colon = text.find(':')?;
    let key = &text[..colon];
    let after = &text[colon + 1..];
    let simple = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || c == '_' || c == '-');
    (simple && (after.is_empty() || after.starts_with(' '))).then(|| key.to_string())
}

/// A line's text before a `#` comment (a `#` after a space, or first).
fn without_comment(text: &str) -> &str {
    let bytes = text.as_bytes();
    for (i, &b) in bytes.iter().enumerate() {
        if b == b'#' && (i == 0 || bytes[i - 1] == b' ' || bytes[i - 1] == b'\t') {
            return &text[..i];
        }
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The line of each item of the list under `key`.
    fn item_lines(yaml: &str, key: &str) -> Vec<usize> {
        sequence_items(yaml, key).iter().map(|i| i.line).collect()
    }

    #[test]
    fn items_and_their_keys_have_lines() {
        let yaml = "title: T\ngoals:   # what I will change\n  - goal: A\n    by: 2026-06-30\n\n  # a comment\n  -   goal: B\n      done: 2026-05-02\n      note: >-\n        by: not a key\nlesson: L\n";
        assert_eq!(item_lines(yaml, "goals"), [3, 7]);
        let items = sequence_items(yaml, "goals");
        assert_eq!(items[0].key_line("by"), 4);
        assert_eq!(items[1].key_line("goal"), 7);
        assert_eq!(items[1].key_line("done"), 8);
        assert_eq!(items[1].key_line("by"), 7, "absent: the item's line");
    }

    #[test]
    fn dashes_may_start_at_the_margin() {
        let yaml = "repeats:\n- \"@/mistakes/a.md\"\n- \"@/mistakes/b.md\"\ndate: 2026-01-01\n";
        assert_eq!(item_lines(yaml, "repeats"), [2, 3]);
    }

    #[test]
    fn flow_style_and_missing_keys_have_no_items() {
        assert!(sequence_items("goals: [{goal: A}]\n", "goals").is_empty());
        assert!(sequence_items("title: T\n", "goals").is_empty());
        assert!(sequence_items("goals:\ntitle: T\n", "goals").is_empty());
    }

    #[test]
    fn nested_lists_do_not_start_items() {
        let yaml = "revisits:\n  - date: 2026-01-01\n    tags:\n      - x\n  - date: 2026-02-01\n";
        assert_eq!(item_lines(yaml, "revisits"), [2, 5]);
    }
}
