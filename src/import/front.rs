//! The front matter of an old blog's file -> its keys as JSON values, the
//! body, and the line the body starts on. Jekyll writes YAML between `---`
//! lines; Hugo also writes TOML between `+++` lines, or a JSON object.
//! Config files go through the same readers (`parse_config_text`).

use std::path::Path;

use serde_json::{Map, Value};

use super::report::{Kind, Note};
use crate::parse::front_matter::closing_fence;

/// A file split into its front matter and body.
#[derive(Debug, Clone, Default)]
pub struct FrontMatter {
    /// The keys, in the order written.
    pub keys: Map<String, Value>,
    /// The front matter's text, to find the line of a key.
    pub text: String,
    /// The file line the front matter's text starts on.
    pub first_line: usize,
    /// Whether the file had front matter at all.
    pub present: bool,
}

impl FrontMatter {
    /// The file line a top-level key is written on.
    pub fn line_of(&self, key: &str) -> Option<usize> {
        self.text
            .lines()
            .position(|line| {
                let line = line.trim_start_matches('"');
                line.strip_prefix(key).is_some_and(|rest| {
                    let rest = rest.trim_start_matches('"').trim_start();
                    rest.starts_with(':') || rest.starts_with('=')
                })
            })
            .map(|i| self.first_line + i)
    }

    /// A key's value.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.keys.get(key).filter(|v| !v.is_null())
    }
}

/// Why a front matter could not be read: a message and a file line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FrontMatterError {
    /// What is wrong, lower case.
    pub message: String,
    /// The file line.
    pub line: usize,
}

/// Reads a file's text and front matter; `None` with a note (on `rel`, the
/// path the report shows) saying why the file is not imported.
pub fn read_text(
    path: &Path,
    rel: &str,
    notes: &mut Vec<Note>,
) -> Option<(FrontMatter, String, usize)> {
    let text = match std::fs::read(path).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            notes.push(
                Note::new(
                    Kind::FrontMatter,
                    rel,
                    "the file is not UTF-8 text; not imported",
                )
                .todo("save it as UTF-8 and import again"),
            );
            return None;
        }
        Err(e) => {
            notes.push(Note::unreadable(rel, e));
            return None;
        }
    };
    let (front, body, line) = split_or_note(&text, rel, notes)?;
    Some((front, body.to_string(), line))
}

/// The front matter and body of `text`, or `None` with a note saying why
/// the file is not imported.
pub fn split_or_note<'t>(
    text: &'t str,
    rel: &str,
    notes: &mut Vec<Note>,
) -> Option<(FrontMatter, &'t str, usize)> {
    split(text)
        .map_err(|e| {
            notes.push(
                Note::new(
                    Kind::FrontMatter,
                    rel,
                    format!("{}; not imported", e.message),
                )
                .at(e.line)
                .todo("fix the front matter in the old blog and import again"),
            );
        })
        .ok()
}

/// Whether a file starts with front matter (Jekyll copies files without
/// it as they are, and processes the others).
pub fn has_front_matter(bytes: &[u8]) -> bool {
    let bytes = bytes.strip_prefix("\u{feff}".as_bytes()).unwrap_or(bytes);
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    let first = first.strip_suffix(b"\r").unwrap_or(first);
    first.trim_ascii_end() == b"---" || first.trim_ascii_end() == b"+++"
}

/// Splits `text` into front matter and body. A file without front matter
/// is all body; `Err` when the front matter does not parse or is not closed.
pub fn split(text: &str) -> Result<(FrontMatter, &str, usize), FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let fence = text[..first_end].trim_end();
    if fence == "---" || fence == "+++" {
        let closes = |line: &str| line == fence || (fence == "---" && line == "...");
        if let Some(close) = closing_fence(text, first_end, closes) {
            let inner = &text[first_end..close.start];
            let keys = if fence == "---" {
                parse_yaml(inner, 2)?
            } else {
                parse_toml(inner, 2)?
            };
            let front = FrontMatter {
                keys,
                text: inner.to_string(),
                first_line: 2,
                present: true,
            };
            return Ok((front, &text[close.body..], close.body_line));
        }
        return Err(FrontMatterError {
            message: "the front matter is never closed".into(),
            line: 1,
        });
    }
    if text.starts_with('{') {
        let mut stream = serde_json::Deserializer::from_str(text).into_iter::<Value>();
        return match stream.next() {
            Some(Ok(Value::Object(keys))) => {
                let end = stream.byte_offset();
                let body = &text[end..];
                let body = body
                    .strip_prefix("\r\n")
                    .or(body.strip_prefix('\n'))
                    .unwrap_or(body);
                let body_line = text[..text.len() - body.len()].matches('\n').count() + 1;
                let front = FrontMatter {
                    keys,
                    text: text[..end].to_string(),
                    first_line: 1,
                    present: true,
                };
                Ok((front, body, body_line))
            }
            Some(Err(e)) => Err(FrontMatterError {
                message: format!("the JSON front matter does not parse: {e}"),
                line: e.line(),
            }),
            _ => Err(FrontMatterError {
                message: "the JSON front matter is not an object".into(),
                line: 1,
            }),
        };
    }
    Ok((FrontMatter::default(), text, 1))
}

/// Reads a config file's text by its extension (`yml`, `yaml`, `toml`, `json`).
pub fn parse_config_text(
    text: &str,
    extension: &str,
) -> Result<Map<String, Value>, FrontMatterError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    match extension {
        "toml" => parse_toml(text, 1),
        "json" => match serde_json::from_str(text) {
            Ok(Value::Object(map)) => Ok(map),
            Ok(_) => Ok(Map::new()),
            Err(e) => Err(FrontMatterError {
                message: format!("the JSON does not parse: {e}"),
                line: e.line(),
            }),
        },
        _ => parse_yaml(text, 1),
    }
}

fn parse_yaml(text: &str, first_line: usize) -> Result<Map<String, Value>, FrontMatterError> {
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    let value: serde_yaml::Value = serde_yaml::from_str(text).map_err(|e| FrontMatterError {
        message: format!(
            "the YAML does not parse: {}",
            crate::yaml::error_message(&e)
        ),
        line: first_line + e.location().map_or(0, |l| l.line().saturating_sub(1)),
    })?;
    match yaml_to_json(value) {
        Value::Object(map) => Ok(map),
        Value::Null => Ok(Map::new()),
        _ => Err(FrontMatterError {
            message: "the front matter is not a list of `key: value` lines".into(),
            line: first_line,
        }),
    }
}

/// YAML -> JSON, with keys of any kind written as text (YAML allows
/// `2019: ...`, JSON does not).
fn yaml_to_json(value: serde_yaml::Value) -> Value {
    use serde_yaml::Value as Y;
    match value {
        Y::Null => Value::Null,
        Y::Bool(b) => Value::Bool(b),
        Y::Number(n) => serde_json::to_value(&n).unwrap_or(Value::Null),
        Y::String(s) => Value::String(s),
        Y::Sequence(items) => Value::Array(items.into_iter().map(yaml_to_json).collect()),
        Y::Mapping(map) => Value::Object(
            map.into_iter()
                .filter_map(|(k, v)| {
                    let key = match yaml_to_json(k) {
                        Value::String(s) => s,
                        Value::Null => return None,
                        other => other.to_string(),
                    };
                    Some((key, yaml_to_json(v)))
                })
                .collect(),
        ),
        Y::Tagged(tagged) => yaml_to_json(tagged.value),
    }
}

fn parse_toml(text: &str, first_line: usize) -> Result<Map<String, Value>, FrontMatterError> {
    let table: toml::Table = toml::from_str(text).map_err(|e| {
        let line = e.span().map_or(0, |span| {
            text[..span.start.min(text.len())].matches('\n').count()
        });
        FrontMatterError {
            message: format!(
                "the TOML does not parse: {}",
                e.message().trim_end_matches('\n')
            ),
            line: first_line + line,
        }
    })?;
    Ok(table
        .into_iter()
        .map(|(k, v)| (k, toml_to_json(v)))
        .collect())
}

/// TOML -> JSON; dates become their text (`2019-03-14T09:30:00+01:00`).
fn toml_to_json(value: toml::Value) -> Value {
    match value {
        toml::Value::String(s) => Value::String(s),
        toml::Value::Integer(i) => Value::from(i),
        toml::Value::Float(f) => Value::from(f),
        toml::Value::Boolean(b) => Value::Bool(b),
        toml::Value::Datetime(d) => Value::String(d.to_string()),
        toml::Value::Array(items) => Value::Array(items.into_iter().map(toml_to_json).collect()),
        toml::Value::Table(table) => Value::Object(
            table
                .into_iter()
                .map(|(k, v)| (k, toml_to_json(v)))
                .collect(),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_front_matter_and_body_line() {
        let (front, body, line) =
            split("---\ntitle: A\ndate: 2019-03-14 10:00 EDT\n---\nBody\n").unwrap();
        assert_eq!(front.get("title"), Some(&Value::from("A")));
        assert_eq!(front.line_of("date"), Some(3));
        assert_eq!((body, line), ("Body\n", 5));
    }

    #[test]
    fn toml_front_matter_turns_dates_into_text() {
        let (front, body, line) =
            split("+++\ntitle = \"A\"\ndate = 2019-03-14T10:00:00+01:00\n+++\n\nBody").unwrap();
        assert_eq!(
            front.get("date"),
            Some(&Value::from("2019-03-14T10:00:00+01:00"))
        );
        assert_eq!(front.line_of("date"), Some(3));
        assert_eq!((body, line), ("\nBody", 5));
    }

    #[test]
    fn json_front_matter_ends_with_its_object() {
        let (front, body, line) = split("{\n  \"title\": \"A\"\n}\nBody\n").unwrap();
        assert_eq!(front.get("title"), Some(&Value::from("A")));
        assert_eq!((body, line), ("Body\n", 4));
    }

    #[test]
    fn errors_have_lines() {
        let error = split("---\ntitle: A\ndate: [x\n---\n").unwrap_err();
        assert!(error.line >= 3, "{error:?}");
        let error = split("+++\ntitle = \n+++\n").unwrap_err();
        assert_eq!(error.line, 2, "{error:?}");
        assert!(split("---\ntitle: A\n").is_err());
    }

    #[test]
    fn yaml_keys_of_any_kind_become_text() {
        let (front, _, _) = split("---\n2019: year\n---\n").unwrap();
        assert_eq!(front.get("2019"), Some(&Value::from("year")));
    }
}
