//! Splits a Markdown file into its YAML front matter and body, parses the
//! YAML, and gives typed access to its keys with the line each key is on.
//! serde_yaml counts lines from the start of the YAML block; every position
//! here is shifted to the file's own lines.

use serde_yaml::{Mapping, Value};

use crate::diag::{Diagnostic, Kind, Span, close_key};
use crate::yaml::{self, key_line};

/// A file cut at its front matter fences.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split<'a> {
    /// The YAML between the fences.
    pub yaml: &'a str,
    /// The file line the YAML starts on (1-based).
    pub yaml_line: usize,
    /// Everything after the closing fence.
    pub body: &'a str,
    /// The file line the body starts on (1-based).
    pub body_line: usize,
}

/// Cuts `text` (BOM already removed) at its `---` fences. `file` names it in
/// the diagnostic when the front matter is missing or never closed.
pub fn split_front_matter<'a>(file: &str, text: &'a str) -> Result<Split<'a>, Diagnostic> {
    let first_line_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error(
            Kind::NoFrontMatter,
            Span::new(file, 1, 1),
            "the file has no front matter",
        )
        .with_hint(
            "start it with a `---` line, then `title:` and `date:`, then another `---` line",
        ));
    }
    if let Some(close) = closing_fence(text, first_line_end, |l| matches!(l, "---" | "...")) {
        return Ok(Split {
            yaml: &text[first_line_end..close.start],
            yaml_line: 2,
            body: &text[close.body..],
            body_line: close.body_line,
        });
    }
    Err(Diagnostic::error(
        Kind::UnclosedFrontMatter,
        Span::new(file, 1, 1),
        "the front matter is never closed",
    )
    .with_hint("add a line with only `---` after the last front matter key"))
}

/// Where a front matter's closing fence is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Closing {
    /// The byte where the fence line starts (where the front matter ends).
    pub start: usize,
    /// The byte where the body starts, after the fence line.
    pub body: usize,
    /// The file line the body starts on (1-based).
    pub body_line: usize,
}

/// The closing fence of a front matter whose first line (the opening fence)
/// ends at `first_line_end`: the first later line that `closes` accepts,
/// trailing white space trimmed. Import's reader of other generators' front
/// matter (TOML's `+++` too) finds it the same way.
pub fn closing_fence(
    text: &str,
    first_line_end: usize,
    closes: impl Fn(&str) -> bool,
) -> Option<Closing> {
    let mut start = first_line_end;
    let mut line = 2;
    while start < text.len() {
        let end = text[start..]
            .find('\n')
            .map_or(text.len(), |i| start + i + 1);
        if closes(text[start..end].trim_end()) {
            return Some(Closing {
                start,
                body: end,
                body_line: line + 1,
            });
        }
        start = end;
        line += 1;
    }
    None
}

/// Parsed front matter with the position of every key.
#[derive(Debug)]
pub struct FrontMatter<'a> {
    file: &'a str,
    yaml: &'a str,
    yaml_line: usize,
    map: Mapping,
}

impl<'a> FrontMatter<'a> {
    /// Parses the YAML of a split file. An empty block is an empty map.
    pub fn parse(file: &'a str, split: &Split<'a>) -> Result<Self, Diagnostic> {
        let value: Value = if split.yaml.trim().is_empty() {
            Value::Mapping(Mapping::new())
        } else if let Some(map) = super::simple_yaml::parse_simple(split.yaml) {
            Value::Mapping(map)
        } else {
            serde_yaml::from_str(split.yaml).map_err(|e| {
                let problem = yaml::explain_syntax_error(&e, split.yaml, split.yaml_line);
                Diagnostic::error(
                    Kind::YamlSyntax,
                    Span::new(file, problem.line, problem.col),
                    format!("front matter is not valid YAML: {}", problem.message),
                )
                .with_hint(problem.hint)
            })?
        };
        match value {
            Value::Mapping(map) => Ok(FrontMatter {
                file,
                yaml: split.yaml,
                yaml_line: split.yaml_line,
                map,
            }),
            _ => Err(Diagnostic::error(
                Kind::FrontMatterNotAMap,
                Span::new(file, split.yaml_line, 1),
                "front matter must be a list of `key: value` lines",
            )
            .with_hint("write `title: ...` and `date: ...` between the `---` lines")),
        }
    }

    /// The file, relative to the site root.
    pub fn file(&self) -> &'a str {
        self.file
    }

    /// The YAML text and the file line it starts on, for positions inside
    /// a key's value.
    pub fn yaml(&self) -> (&'a str, usize) {
        (self.yaml, self.yaml_line)
    }

    /// The span of a top-level key, or of the opening fence when the key is absent.
    pub fn span_of(&self, key: &str) -> Span {
        match key_line(self.yaml, key) {
            Some(line) => Span::new(self.file, self.yaml_line + line - 1, 1),
            None => Span::new(self.file, self.yaml_line - 1, 1),
        }
    }

    /// The span of an item of a key's value (`  - /old/` under `aliases:`),
    /// else of the key.
    pub fn span_of_item(&self, key: &str, item: &str) -> Span {
        let Some(start) = key_line(self.yaml, key) else {
            return self.span_of(key);
        };
        for (i, line) in self.yaml.lines().enumerate().skip(start - 1) {
            let next_key =
                i >= start && !line.starts_with([' ', '\t', '-']) && !line.trim().is_empty();
            if next_key {
                break;
            }
            let from = if i == start - 1 { key.len() + 1 } else { 0 };
            if let Some(col) = line.get(from..).and_then(|rest| rest.find(item)) {
                let col = line[..from + col].chars().count() + 1;
                return Span::new(self.file, self.yaml_line + i, col);
            }
        }
        self.span_of(key)
    }

    /// Removes and returns a key's value.
    pub fn take(&mut self, key: &str) -> Option<Value> {
        self.map.remove(key).filter(|v| !v.is_null())
    }

    /// Removes a key that must hold text (numbers and booleans are written as text).
    pub fn take_string(&mut self, key: &str) -> Result<Option<String>, Diagnostic> {
        match self.take(key) {
            None => Ok(None),
            Some(value) => scalar_text(&value).map(Some).ok_or_else(|| {
                Diagnostic::error(
                    Kind::WrongType,
                    self.span_of(key),
                    format!("`{key}` must be text, found {}", kind_of(&value)),
                )
                .with_hint(format!("write it as `{key}: some text`"))
            }),
        }
    }

    /// Removes a key that must be `true` or `false`.
    pub fn take_bool(&mut self, key: &str) -> Result<Option<bool>, Diagnostic> {
        match self.take(key) {
            None => Ok(None),
            Some(Value::Bool(b)) => Ok(Some(b)),
            Some(other) => Err(Diagnostic::error(
                Kind::WrongType,
                self.span_of(key),
                format!("`{key}` must be true or false, found {}", kind_of(&other)),
            )
            .with_hint(format!("write `{key}: true` or `{key}: false`"))),
        }
    }

    /// Removes a key that holds one text or a list of texts.
    pub fn take_string_list(&mut self, key: &str) -> Result<Vec<String>, Diagnostic> {
        let wrong = |this: &Self, found: &Value| {
            Diagnostic::error(
                Kind::WrongType,
                this.span_of(key),
                format!("`{key}` must be a list of names, found {}", kind_of(found)),
            )
            .with_hint(format!("write `{key}: [acknowledge, reflect]`"))
        };
        match self.take(key) {
            None => Ok(Vec::new()),
            Some(Value::String(one)) => Ok(vec![one]),
            Some(Value::Sequence(items)) => items
                .iter()
                .map(|item| match item {
                    Value::String(s) => Ok(s.clone()),
                    other => Err(wrong(self, other)),
                })
                .collect(),
            Some(other) => Err(wrong(self, &other)),
        }
    }

    /// Removes `faq:`, a list of `question`/`answer` pairs.
    pub fn take_faq(&mut self) -> Result<Vec<(String, String)>, Diagnostic> {
        let Some(value) = self.take("faq") else {
            return Ok(Vec::new());
        };
        let wrong = || {
            Diagnostic::error(
                Kind::WrongType,
                self.span_of("faq"),
                "`faq` must be a list of question and answer pairs",
            )
            .with_hint("write `faq:` then lines `  - question: ...` and `    answer: ...`")
        };
        let Value::Sequence(items) = value else {
            return Err(wrong());
        };
        items
            .iter()
            .map(|item| {
                let question = item.get("question").and_then(scalar_text);
                let answer = item.get("answer").and_then(scalar_text);
                match (question, answer, item.as_mapping().map(Mapping::len)) {
                    (Some(q), Some(a), Some(2)) => Ok((q, a)),
                    _ => Err(wrong()),
                }
            })
            .collect()
    }

    /// A warning for each key left (not taken) that is close to one of
    /// `known` and not itself known: `lesosn:` is a typo of `lesson:`, not
    /// a value for templates.
    pub fn misspelled_keys(&self, known: &[&str]) -> Vec<Diagnostic> {
        self.map
            .keys()
            .filter_map(scalar_text)
            .filter(|key| !known.contains(&key.as_str()))
            .filter_map(|key| {
                let close = close_key(&key, known.iter().copied())?;
                Some(
                    Diagnostic::warning(
                        Kind::MisspelledKey,
                        self.span_of(&key),
                        format!("unknown front-matter key `{key}`"),
                    )
                    .with_hint(format!(
                        "did you mean `{close}`? a key growthsite does not know only reaches templates, as page.extra.{key}"
                    )),
                )
            })
            .collect()
    }

    /// What is left after the known keys were taken: `page.extra`, in
    /// the order written.
    pub fn into_extra(self) -> serde_json::Map<String, serde_json::Value> {
        self.map
            .into_iter()
            .filter_map(|(key, value)| {
                let key = scalar_text(&key)?;
                let value = serde_json::to_value(&value).unwrap_or(serde_json::Value::Null);
                Some((key, value))
            })
            .collect()
    }
}

/// The text of a scalar: strings as they are, numbers and booleans
/// written out (YAML reads `2026` or `true` as those).
pub fn scalar_text(value: &Value) -> Option<String> {
    match value {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        Value::Bool(b) => Some(b.to_string()),
        _ => None,
    }
}

/// What a value is, for messages: `a number`, `a list`.
pub fn kind_of(value: &Value) -> &'static str {
    match value {
        Value::Null => "nothing",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "text",
        Value::Sequence(_) => "a list",
        Value::Mapping(_) => "a map",
        Value::Tagged(_) => "a tagged value",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_fences_and_counts_lines() {
        let text = "---\ntitle: A\n---\nbody\n---\nmore";
        let split = split_front_matter("a.md", text).unwrap();
        assert_eq!(split.yaml, "title: A\n");
        assert_eq!(split.body, "body\n---\nmore");
        assert_eq!(split.body_line, 4);
    }

    #[test]
    fn handles_crlf() {
        let split = split_front_matter("a.md", "---\r\ntitle: A\r\n---\r\nbody").unwrap();
        assert_eq!(split.yaml, "title: A\r\n");
        assert_eq!(split.body, "body");
    }

    #[test]
    fn unclosed_front_matter_is_an_error() {
        let error = split_front_matter("a.md", "---\ntitle: A\n").unwrap_err();
        assert!(error.message.contains("never closed"));
    }

    #[test]
    fn yaml_errors_point_at_the_file_line() {
        let text = "---\ntitle: A\ndate: [2026\n---\n";
        let split = split_front_matter("a.md", text).unwrap();
        let error = FrontMatter::parse("a.md", &split).unwrap_err();
        let line = error.span.unwrap().line;
        assert!((3..=4).contains(&line), "line {line}");
    }

    #[test]
    fn a_single_string_is_a_one_item_list() {
        let text = "---\nstrategies: reflect\n---\n";
        let split = split_front_matter("a.md", text).unwrap();
        let mut fm = FrontMatter::parse("a.md", &split).unwrap();
        assert_eq!(fm.take_string_list("strategies").unwrap(), vec!["reflect"]);
    }

    #[test]
    fn a_number_for_a_list_names_the_key_line() {
        let text = "---\ntitle: A\nstrategies: 3\n---\n";
        let split = split_front_matter("a.md", text).unwrap();
        let mut fm = FrontMatter::parse("a.md", &split).unwrap();
        let error = fm.take_string_list("strategies").unwrap_err();
        assert_eq!(error.span.unwrap().line, 3);
        assert!(error.message.contains("a number"));
    }
}
