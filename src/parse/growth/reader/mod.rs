//! Reading the growth keys' values, entry by entry, with the line each
//! entry and key is written on (from `yaml::sequence_items`): the shapes,
//! dates and outcomes SPEC §9 allows, every problem reported at its line.

use serde_yaml::{Mapping, Value};

use super::{Goal, GrowthSource, Repeat};
use crate::diag::{Diagnostic, Kind, Span, did_you_mean};
use crate::parse::date::{self, Date};
use crate::parse::front_matter::{kind_of, scalar_text};
use crate::yaml::{ItemLines, key_line, sequence_items};

const GOAL_KEYS: [&str; 3] = ["goal", "by", "done"];

mod revisits;

pub(super) struct Reader<'a> {
    source: GrowthSource<'a>,
    pub(super) problems: Vec<Diagnostic>,
    /// The kind of the problems of the list being read.
    kind: Kind,
    /// The key of the list being read, and how many items it has.
    list: (&'static str, usize),
    /// Where its items are written: read from the text when first needed
    /// (by a problem or a note), as most lists have neither.
    lines: Option<Vec<ItemLines>>,
}

/// One item of a growth list: its value and its place in the list.
struct Item<'v> {
    value: &'v Value,
    index: usize,
}

impl<'a> Reader<'a> {
    pub(super) fn new(source: GrowthSource<'a>) -> Self {
        Reader {
            source,
            problems: Vec::new(),
            kind: Kind::BadGoal,
            list: ("goals", 0),
            lines: None,
        }
    }

    /// Where `item` is written (the list's key line in flow style).
    fn lines_of(&mut self, item: &Item) -> &ItemLines {
        let (key, count) = self.list;
        let yaml = self.source.yaml;
        let lines = self.lines.get_or_insert_with(|| {
            let lines = sequence_items(yaml, key);
            if lines.len() == count {
                return lines;
            }
            let line = key_line(yaml, key).unwrap_or(1);
            let at_key = ItemLines {
                line,
                keys: Vec::new(),
            };
            vec![at_key; count]
        });
        &lines[item.index]
    }

    /// The file line of `key` in `item`, or of the item without a key.
    fn line_of(&mut self, item: &Item, key: Option<&str>) -> usize {
        let lines = self.lines_of(item);
        let line = key.map_or(lines.line, |key| lines.key_line(key));
        self.source.yaml_line + line - 1
    }

    /// The span of `key` in `item`, or of the item without a key.
    fn item_span(&mut self, item: &Item, key: Option<&str>) -> Span {
        Span::new(self.source.file, self.line_of(item, key), 1)
    }

    fn span(&self, yaml_line: usize) -> Span {
        Span::new(self.source.file, self.source.yaml_line + yaml_line - 1, 1)
    }

    fn key_span(&self, key: &str) -> Span {
        let line = key_line(self.source.yaml, key).unwrap_or(1);
        self.span(line)
    }

    /// An error at `key` of `item` (or at the item).
    fn item_error(&mut self, item: &Item, key: Option<&str>, message: String, hint: &str) {
        let span = self.item_span(item, key);
        self.error(span, message, hint);
    }

    fn error(&mut self, span: Span, message: String, hint: &str) {
        self.problems
            .push(Diagnostic::error(self.kind, span, message).with_hint(hint));
    }

    /// The items of list `key`. `None` after an error.
    fn items<'v>(
        &mut self,
        key: &'static str,
        value: &'v Value,
        hint: &str,
    ) -> Option<Vec<Item<'v>>> {
        let Value::Sequence(values) = value else {
            let found = kind_of(value);
            self.error(
                self.key_span(key),
                format!("`{key}` must be a list, found {found}"),
                hint,
            );
            return None;
        };
        self.list = (key, values.len());
        self.lines = None;
        Some(
            values
                .iter()
                .enumerate()
                .map(|(index, value)| Item { value, index })
                .collect(),
        )
    }

    /// The entries of the list under `key` (none when it is absent), each
    /// read by `read`; problems are reported as `kind`.
    fn list<T>(
        &mut self,
        key: &'static str,
        value: Option<Value>,
        kind: Kind,
        hint: &str,
        mut read: impl FnMut(&mut Self, &Item) -> Option<T>,
    ) -> Vec<T> {
        let Some(value) = value else {
            return Vec::new();
        };
        self.kind = kind;
        let Some(items) = self.items(key, &value, hint) else {
            return Vec::new();
        };
        items.iter().filter_map(|item| read(self, item)).collect()
    }

    /// The item's map, after checking it has only `known` keys.
    fn fields<'v>(
        &mut self,
        item: &Item<'v>,
        what: &str,
        known: &[&str],
        hint: &str,
    ) -> Option<&'v Mapping> {
        let Some(map) = item.value.as_mapping() else {
            let found = kind_of(item.value);
            self.item_error(
                item,
                None,
                format!(
                    "{what} must be a map of {}, found {found}",
                    known.join(", ")
                ),
                hint,
            );
            return None;
        };
        let mut ok = true;
        for key in map.keys() {
            let name = key.as_str().unwrap_or_default();
            if known.contains(&name) {
                continue;
            }
            ok = false;
            let hint = match did_you_mean(name, known.iter().copied()) {
                Some(close) => format!("did you mean '{close}'? {what} takes {}", known.join(", ")),
                None => format!("{what} takes {}", known.join(", ")),
            };
            let span = self.item_span(item, Some(name));
            self.error(span, format!("unknown key `{name}` in {what}"), &hint);
        }
        ok.then_some(map)
    }

    /// An optional date field; `Err` after an error.
    fn date_field(&mut self, item: &Item, map: &Mapping, key: &str) -> Result<Option<Date>, ()> {
        match map.get(key).filter(|v| !v.is_null()) {
            None => Ok(None),
            Some(value) => match scalar_text(value).map(|t| Date::parse(&t)) {
                Some(Ok(date)) => Ok(Some(date)),
                Some(Err(e)) => {
                    let span = self.item_span(item, Some(key));
                    self.error(span, format!("`{key}` {e}"), date::ACCEPTED_FORMS);
                    Err(())
                }
                None => {
                    let found = kind_of(value);
                    let span = self.item_span(item, Some(key));
                    self.error(
                        span,
                        format!("`{key}` must be a date, found {found}"),
                        date::ACCEPTED_FORMS,
                    );
                    Err(())
                }
            },
        }
    }

    /// An error when `date` (of `key`) is before the write-up's own date.
    fn not_before_writeup(&mut self, item: &Item, key: &str, date: Date, hint: &str) -> bool {
        let Some(writeup) = self.source.date else {
            return true;
        };
        if date.day_number() >= writeup.day_number() {
            return true;
        }
        let span = self.item_span(item, Some(key));
        self.error(
            span,
            format!(
                "`{key}: {}` is before the write-up's date ({})",
                date.ymd(),
                writeup.ymd()
            ),
            hint,
        );
        false
    }

    pub(super) fn goals(&mut self, value: Option<Value>) -> Vec<Goal> {
        const HINT: &str =
            "write `goals:` then lines `  - goal: what I will do`, `    by: 2026-06-30` (optional)";
        self.list("goals", value, Kind::BadGoal, HINT, Self::goal)
    }

    fn goal(&mut self, item: &Item) -> Option<Goal> {
        const HINT: &str =
            "write `- goal: what I will do`, with `by:` and `done:` dates if you like";
        // A goal may be written as its text alone: `- Write the rollback first`.
        if let Some(text) = item.value.as_str() {
            return self.goal_text(item, text.to_string()).map(|text| Goal {
                text,
                by: None,
                done: None,
            });
        }
        let map = self.fields(item, "a goal", &GOAL_KEYS, HINT)?;
        let text = match map.get("goal").and_then(scalar_text) {
            Some(text) => self.goal_text(item, text),
            None => {
                let found = map.get("goal").map_or("nothing", kind_of);
                self.item_error(
                    item,
                    Some("goal"),
                    format!("a goal needs `goal:` with its text, found {found}"),
                    HINT,
                );
                None
            }
        };
        let by = self.date_field(item, map, "by");
        let done = self.date_field(item, map, "done");
        let (text, by, done) = (text?, by.ok()?, done.ok()?);
        if let Some(done) = done {
            if !self.not_before_writeup(
                item,
                "done",
                done,
                "a goal is met after the mistake it comes from; check the year",
            ) {
                return None;
            }
        }
        Some(Goal { text, by, done })
    }

    fn goal_text(&mut self, item: &Item, text: String) -> Option<String> {
        let text = text.trim().to_string();
        if text.is_empty() {
            self.item_error(
                item,
                Some("goal"),
                "a goal's text is empty".into(),
                "say what you will do differently, in one sentence",
            );
            return None;
        }
        Some(text)
    }

    pub(super) fn repeats(&mut self, value: Option<Value>) -> Vec<Repeat> {
        const HINT: &str = "write `repeats: [\"@/mistakes/other.md\"]`";
        // One link may be written without the list.
        let value = value.map(|value| match value {
            Value::String(one) => Value::Sequence(vec![Value::String(one)]),
            other => other,
        });
        self.list("repeats", value, Kind::BadRepeat, HINT, |reader, item| {
            let span = reader.item_span(item, None);
            let text = item.value.as_str().unwrap_or_default();
            match text.strip_prefix("@/") {
                Some(target) if target.ends_with(".md") => Some(Repeat {
                    target: target.to_string(),
                    span,
                }),
                _ => {
                    let found = match item.value {
                        Value::String(s) => format!("`{s}`"),
                        other => kind_of(other).to_string(),
                    };
                    reader.error(
                        span,
                        format!("`repeats` takes `@/` links to write-ups, found {found}"),
                        HINT,
                    );
                    None
                }
            }
        })
    }
}
