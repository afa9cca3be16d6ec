//! YAML texts (growthsite.yaml, front matter) -> positions and messages for
//! diagnostics: the line a top-level key is on, where a serde_yaml error
//! is in the file, and its message in our wording. Config and front matter
//! both read YAML; this is the one place that knows how to place it.

mod items;

pub use items::{ItemLines, sequence_items};

use crate::diag::{Kind, lower_first};

/// The 1-based line on which a top-level `key:` starts in a YAML text.
pub fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// The 1-based line of `key:` inside the block of the top-level `parent:`
/// (an indented key of a mapping), if it is there.
pub fn nested_key_line(yaml: &str, parent: &str, key: &str) -> Option<usize> {
    let start = key_line(yaml, parent)?;
    yaml.lines()
        .enumerate()
        .skip(start)
        .take_while(|(_, line)| line.is_empty() || line.starts_with([' ', '\t', '#']))
        .find(|(_, line)| {
            let trimmed = line.trim_start();
            let trimmed = trimmed
                .strip_prefix('"')
                .and_then(|t| t.strip_prefix(key).and_then(|r| r.strip_prefix('"')))
                .or_else(|| trimmed.strip_prefix(key));
            trimmed.is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|(i, _)| i + 1)
}

/// Where a serde_yaml error is in the file, for YAML that starts on file
/// line `first_line`: serde_yaml counts from the start of the YAML. An
/// error without a location points at the YAML's first line.
pub fn error_position(error: &serde_yaml::Error, first_line: usize) -> (usize, usize) {
    match error.location() {
        Some(at) => (first_line + at.line().saturating_sub(1), at.column()),
        None => (first_line, 1),
    }
}

/// serde_yaml's message without its own position suffix (we print ours).
pub fn error_message(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    lower_first(&message)
}

/// A YAML syntax error in our words: where it really is (for an unclosed
/// quote or bracket, where it was opened, not where the text ended), what
/// is wrong, and the fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxProblem {
    /// 1-based file line.
    pub line: usize,
    /// 1-based column.
    pub col: usize,
    /// What is wrong, lower case.
    pub message: String,
    /// The fix.
    pub hint: String,
}

/// Explains a serde_yaml syntax error in `yaml`, a text that starts on file
/// line `first_line`. serde_yaml gives the place it stopped and, in its
/// message only, the place of what it was reading ("while scanning a
/// quoted scalar at line 3 column 10"); both are read here, the one place
/// that knows its wording.
pub fn explain_syntax_error(
    error: &serde_yaml::Error,
    yaml: &str,
    first_line: usize,
) -> SyntaxProblem {
    let text = error.to_string();
    let (stop_line, stop_col) = error
        .location()
        .map_or((1, 1), |at| (at.line().max(1), at.column().max(1)));
    let opened = context_mark(&text);
    let line_text = |line: usize| yaml.lines().nth(line.saturating_sub(1)).unwrap_or("");
    let at = |line: usize, col: usize, message: String, hint: &str| SyntaxProblem {
        line: first_line + line - 1,
        col,
        message,
        hint: hint.to_string(),
    };
    let stopped = line_text(stop_line);
    let indent = &stopped[..stopped.len() - stopped.trim_start().len()];
    if indent.contains('\t') || stopped.chars().nth(stop_col - 1) == Some('\t') {
        let col = stopped
            .find('\t')
            .map_or(stop_col, |i| stopped[..i].chars().count() + 1);
        return at(
            stop_line,
            col,
            "a tab indents this line, and YAML indents with spaces only".into(),
            "replace the tab with spaces; a tab inside a value needs quotes",
        );
    }
    match opened {
        Some((what, line, col))
            if what.contains("quoted scalar") && text.contains("end of stream") =>
        {
            let quote = line_text(line).chars().nth(col - 1).unwrap_or('"');
            return at(
                line,
                col,
                format!("the value that starts with `{quote}` here is never closed"),
                &format!(
                    "end the value with `{quote}` before the closing `---`, or remove the opening `{quote}`"
                ),
            );
        }
        Some((what, line, col))
            if what.contains("flow sequence") || what.contains("flow mapping") =>
        {
            let (open, close, name) = if what.contains("sequence") {
                ('[', ']', "list")
            } else {
                ('{', '}', "map")
            };
            return at(
                line,
                col,
                format!("the {name} opened with `{open}` here is never closed"),
                &format!(
                    "close it with `{close}` on the same line, or put the value in quotes if the `{open}` is part of the text"
                ),
            );
        }
        _ => {}
    }
    let before = stopped.chars().take(stop_col - 1).collect::<String>();
    if text.starts_with("mapping values are not allowed") {
        if before.contains(": ") {
            return at(
                stop_line,
                stop_col,
                "a second `: ` in this value reads as the start of a key".into(),
                "put the value in quotes: `title: \"Oops: a colon\"`",
            );
        }
        return at(
            stop_line,
            stop_col,
            "this key is indented under a value that cannot hold keys".into(),
            "line it up with the keys above, or quote the value above it if this line belongs to that value",
        );
    }
    if text.starts_with("did not find expected key") {
        if before.trim_end().ends_with(['"', '\'']) {
            return at(
                stop_line,
                stop_col,
                "text follows the closing quote of this value".into(),
                "put the whole value in quotes, or remove the quotes",
            );
        }
        return at(
            stop_line,
            stop_col,
            "this line is not indented like the lines around it".into(),
            "indent the items of one list or map with the same number of spaces",
        );
    }
    if let Some(key) = text.strip_prefix("duplicate entry with key ") {
        let key = key
            .split(" at line")
            .next()
            .unwrap_or(key)
            .trim_matches('"');
        let second = yaml
            .lines()
            .enumerate()
            .filter(|(_, l)| {
                l.strip_prefix(key)
                    .is_some_and(|rest| rest.trim_start().starts_with(':'))
            })
            .nth(1)
            .map_or(stop_line, |(i, _)| i + 1);
        return at(
            second,
            1,
            format!("`{key}` is written twice"),
            "keep one of the two lines",
        );
    }
    if text.starts_with("found unknown escape character") {
        return at(
            stop_line,
            stop_col,
            "a backslash in double quotes starts an escape YAML does not know".into(),
            "use single quotes around the value, or write `\\\\` for a backslash",
        );
    }
    at(
        stop_line,
        stop_col,
        error_message(error),
        "put values that contain `: ` or ` #`, or start with `[`, `{`, `*`, `&`, `!`, `|`, `>`, `%`, `@` or a quote, in quotes",
    )
}

/// The place serde_yaml was reading from when it failed, from its message:
/// `(what, line, column)` of ", while scanning a quoted scalar at line 3
/// column 10".
fn context_mark(text: &str) -> Option<(String, usize, usize)> {
    let (_, context) = text.split_once(", while ")?;
    let (what, place) = context.split_once(" at line ")?;
    let (line, col) = place.split_once(" column ")?;
    let number = |s: &str| {
        s.trim()
            .split(|c: char| !c.is_ascii_digit())
            .next()?
            .parse::<usize>()
            .ok()
            .filter(|n| *n > 0)
    };
    Some((what.to_string(), number(line)?, number(col)?))
}

/// What a serde_yaml error is about. serde_yaml has no error kinds, only
/// its message, so this is the one place that reads it: a key the target
/// type does not know, a key it needs, a value of another type, or syntax.
pub fn error_kind(error: &serde_yaml::Error) -> Kind {
    let message = error.to_string();
    if message.contains("unknown field") {
        Kind::UnknownKey
    } else if message.contains("missing field") {
        Kind::MissingKey
    } else if message.contains("invalid type") || message.contains("invalid value") {
        Kind::BadConfigValue
    } else {
        Kind::YamlSyntax
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_are_top_level_keys_only() {
        let yaml = "title: T\nstrategies:\n  - slug: x\nslug : y\n";
        assert_eq!(key_line(yaml, "title"), Some(1));
        assert_eq!(key_line(yaml, "strategies"), Some(2));
        assert_eq!(key_line(yaml, "slug"), Some(4));
        assert_eq!(key_line(yaml, "base_url"), None);
    }

    fn explain(yaml: &str) -> SyntaxProblem {
        let error = serde_yaml::from_str::<serde_yaml::Value>(yaml).unwrap_err();
        explain_syntax_error(&error, yaml, 2)
    }

    #[test]
    fn a_tab_is_named_as_such() {
        let p = explain("title: T\nstrategies:\n\t- reflect\n");
        assert_eq!((p.line, p.col), (4, 1));
        assert!(p.message.contains("tab"), "{p:?}");
        assert!(p.hint.contains("spaces"), "{p:?}");
    }

    #[test]
    fn an_unclosed_quote_is_reported_where_it_opens() {
        let p = explain("title: Q\ndate: 2026-01-15\nsummary: \"It was\nslug: q\n");
        assert_eq!((p.line, p.col), (4, 10), "{p:?}");
        assert!(p.message.contains("never closed"), "{p:?}");
        let p = explain("title: [About\nx: y\n");
        assert_eq!((p.line, p.col), (2, 8), "{p:?}");
        assert!(p.hint.contains("`]`"), "{p:?}");
    }

    #[test]
    fn colons_quotes_and_repeats_get_their_own_fix() {
        let p = explain("title: a: b\n");
        assert!(p.hint.contains("quotes"), "{p:?}");
        let p = explain("author: \"Test\" Author\n");
        assert!(p.message.contains("closing quote"), "{p:?}");
        let p = explain("title: x\nlesson: l\ntitle: y\n");
        assert_eq!(
            (p.line, p.message.as_str()),
            (4, "`title` is written twice")
        );
    }

    #[test]
    fn nested_keys_are_found_in_their_block_only() {
        let yaml = "strings:\n  lesson: L\n  # note\n  \"draft\": D\ntitle: T\nlesson: x\n";
        assert_eq!(nested_key_line(yaml, "strings", "lesson"), Some(2));
        assert_eq!(nested_key_line(yaml, "strings", "draft"), Some(4));
        assert_eq!(nested_key_line(yaml, "strings", "title"), None);
    }

    #[test]
    fn positions_are_shifted_to_the_file() {
        let error = serde_yaml::from_str::<serde_yaml::Value>("a: 1\nb: [2\n").unwrap_err();
        let (line, _) = error_position(&error, 2);
        assert!((3..=4).contains(&line), "line {line}");
        assert!(!error_message(&error).contains(" at line "));
    }
}
