//! A fast reader for the front matter most write-ups have: `key: value`
//! lines whose values are quoted or plain one-line strings, flow lists of
//! words (`[acknowledge, reflect]`) and block lists of such values or of
//! one-level maps (`faq:`). It gives the very value serde_yaml gives, or
//! `None` for anything else (then serde_yaml reads it, and places its
//! errors): serde_yaml took ~90% of the time of parsing a write-up's
//! front matter, for these few shapes.

use serde_yaml::{Mapping, Value};

/// The mapping serde_yaml would read from `yaml`, when `yaml` has only the
/// simple shapes above; `None` otherwise (including every invalid text).
pub fn parse_simple(yaml: &str) -> Option<Mapping> {
    if !yaml.chars().all(plain_char) {
        return None;
    }
    let mut lines = yaml
        .lines()
        .filter(|l| !l.trim_matches(' ').is_empty())
        .peekable();
    let mut map = Mapping::new();
    while let Some(line) = lines.next() {
        let (key, rest) = key_value(line)?;
        let value = if rest.is_empty() {
            // A block list, or nothing (null).
            match lines.peek() {
                Some(next) if item_indent(next).is_some() => block_list(&mut lines)?,
                _ => Value::Null,
            }
        } else {
            inline_value(rest)?
        };
        insert_new(&mut map, key, value)?;
    }
    // A text of blank lines is null to serde_yaml, not a mapping.
    (!map.is_empty()).then_some(map)
}

/// Characters YAML reads as themselves: no control character, tab, or
/// break of its own (NEL, LS, PS), no byte order mark.
fn plain_char(c: char) -> bool {
    matches!(c, '\n' | ' '..='~')
        || (c >= '\u{a0}'
            && !matches!(
                c,
                '\u{2028}' | '\u{2029}' | '\u{feff}' | '\u{fffe}' | '\u{ffff}'
            ))
}

/// `key: rest` at the start of `line` (no indent); rest trimmed, possibly empty.
fn key_value(line: &str) -> Option<(&str, &str)> {
    let colon = line.find(':')?;
    let key = &line[..colon];
    let rest = &line[colon + 1..];
    let simple_key = key.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_')
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        && !is_special_word(key);
    if !simple_key || !(rest.is_empty() || rest.starts_with(' ')) {
        return None;
    }
    Some((key, rest.trim_matches(' ')))
}

/// The indent of a `- ` list item line.
fn item_indent(line: &str) -> Option<usize> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    let rest = &line[indent..];
    (rest == "-" || rest.starts_with("- ")).then_some(indent)
}

/// A block list: items that are values or one-level maps.
fn block_list<'a>(lines: &mut std::iter::Peekable<impl Iterator<Item = &'a str>>) -> Option<Value> {
    let indent = item_indent(lines.peek()?)?;
    let mut items = Vec::new();
    while let Some(&line) = lines.peek() {
        if item_indent(line) != Some(indent) {
            break;
        }
        lines.next();
        let first = line[indent + 1..].trim_matches(' ');
        if first.is_empty() {
            return None;
        }
        // An item is a map when its first line is `key: value`.
        let Some((key, rest)) = key_value(first) else {
            items.push(inline_value(first)?);
            continue;
        };
        let mut item = Mapping::new();
        insert_new(&mut item, key, inline_value(rest)?)?;
        let inner = " ".repeat(indent + 2);
        while let Some(&next) = lines.peek() {
            let Some(field) = next.strip_prefix(&inner) else {
                break;
            };
            let (key, rest) = key_value(field)?;
            insert_new(&mut item, key, inline_value(rest)?)?;
            lines.next();
        }
        items.push(Value::Mapping(item));
    }
    // Whatever follows the list must be the next top-level key.
    match lines.peek() {
        Some(next) if next.starts_with(' ') => None,
        _ => Some(Value::Sequence(items)),
    }
}

/// A value on one line: quoted, a flow list of words, or a plain word run.
fn inline_value(text: &str) -> Option<Value> {
    if let Some(inner) = text.strip_prefix('"') {
        return double_quoted(inner).map(Value::String);
    }
    if let Some(inner) = text.strip_prefix('\'') {
        let inner = inner.strip_suffix('\'')?;
        // `''` is a quote; any other lone quote ends the string early.
        if inner.replace("''", "").contains('\'') {
            return None;
        }
        return Some(Value::String(inner.replace("''", "'")));
    }
    if let Some(inner) = text.strip_prefix('[') {
        let inner = inner.strip_suffix(']')?;
        if inner.trim_matches(' ').is_empty() {
            return Some(Value::Sequence(Vec::new()));
        }
        return inner
            .split(',')
            .map(|word| flow_word(word.trim_matches(' ')))
            .collect::<Option<Vec<_>>>()
            .map(Value::Sequence);
    }
    plain(text)
}

/// A double-quoted string closed on its line, with `\"` and `\\` escapes
/// only.
fn double_quoted(inner: &str) -> Option<String> {
    let mut out = String::with_capacity(inner.len());
    let mut chars = inner.chars();
    while let Some(c) = chars.next() {
        match c {
            '"' => return chars.as_str().trim_matches(' ').is_empty().then_some(out),
            '\\' => match chars.next()? {
                c @ ('"' | '\\') => out.push(c),
                _ => return None,
            },
            c => out.push(c),
        }
    }
    None
}

/// A word of a flow list: letters first, then letters, digits, `-`, `_`,
/// `.` or spaces.
fn flow_word(word: &str) -> Option<Value> {
    let ok = word.starts_with(|c: char| c.is_ascii_alphabetic())
        && word
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.' | ' '));
    ok.then(|| special_word(word).unwrap_or_else(|| Value::String(word.to_string())))
}

/// A plain scalar: one that starts with a letter (never a number then) or
/// a `YYYY-MM-DD` day, with no `: ` or ` #` inside.
fn plain(text: &str) -> Option<Value> {
    let day = text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| match i {
            4 | 7 => b == b'-',
            _ => b.is_ascii_digit(),
        });
    let word = text.starts_with(char::is_alphabetic) && !text.contains(':') && !text.contains('#');
    if day {
        return Some(Value::String(text.to_string()));
    }
    word.then(|| special_word(text).unwrap_or_else(|| Value::String(text.to_string())))
}

/// The plain words YAML reads as null or a boolean.
fn special_word(word: &str) -> Option<Value> {
    match word {
        "null" | "Null" | "NULL" => Some(Value::Null),
        "true" | "True" | "TRUE" => Some(Value::Bool(true)),
        "false" | "False" | "FALSE" => Some(Value::Bool(false)),
        _ => None,
    }
}

fn is_special_word(word: &str) -> bool {
    special_word(word).is_some()
}

/// Inserts a key once: serde_yaml rejects a repeated key, so a repeat is
/// left to it.
fn insert_new(map: &mut Mapping, key: &str, value: Value) -> Option<()> {
    let key = Value::String(key.to_string());
    if map.contains_key(&key) {
        return None;
    }
    map.insert(key, value);
    Some(())
}

#[cfg(test)]
#[path = "simple_yaml_tests.rs"]
mod tests;
