//! The entries of `revisits:` (`date`, `outcome`, `note`), each problem at
//! its line.

use serde_yaml::{Mapping, Value};

use super::{Item, Reader};
use crate::diag::{Diagnostic, Kind, did_you_mean};
use crate::parse::front_matter::{kind_of, scalar_text};
use crate::parse::growth::{Outcome, Revisit};

const REVISIT_KEYS: [&str; 3] = ["date", "note", "outcome"];

impl Reader<'_> {
    pub(in crate::parse::growth) fn revisits(&mut self, value: Option<Value>) -> Vec<Revisit> {
        const HINT: &str = "write `revisits:` then lines `  - date: 2026-09-01`, `    outcome: stuck` and `    note: ...`";
        self.list("revisits", value, Kind::BadRevisit, HINT, Self::revisit)
    }

    fn revisit(&mut self, item: &Item) -> Option<Revisit> {
        const HINT: &str = "write `- date: 2026-09-01`, `outcome: stuck` (or slipped, changed) and `note: what you found`";
        let map = self.fields(item, "a revisit", &REVISIT_KEYS, HINT)?;
        let date = match self.date_field(item, map, "date") {
            Ok(Some(date)) => Some(date),
            Ok(None) => {
                self.item_error(
                    item,
                    None,
                    "a revisit has no `date`".into(),
                    "add `date: 2026-09-01`, the day you looked back",
                );
                None
            }
            Err(()) => None,
        };
        let outcome = self.outcome(item, map);
        let note = match map.get("note").filter(|v| !v.is_null()) {
            None => Some(String::new()),
            Some(value) => match scalar_text(value) {
                Some(text) => Some(text),
                None => {
                    let found = kind_of(value);
                    self.item_error(
                        item,
                        Some("note"),
                        format!("a revisit's `note` must be text, found {found}"),
                        "write `note: what you found`; Markdown is allowed",
                    );
                    None
                }
            },
        };
        let (date, outcome, note) = (date?, outcome?, note?);
        if !self.not_before_writeup(
            item,
            "date",
            date,
            "a revisit looks back on an earlier mistake; check the year",
        ) {
            return None;
        }
        Some(Revisit {
            date,
            // Only a note's Markdown needs its line (for its problems).
            note_line: if note.is_empty() {
                0
            } else {
                self.line_of(item, Some("note"))
            },
            note,
            outcome,
        })
    }

    fn outcome(&mut self, item: &Item, map: &Mapping) -> Option<Outcome> {
        const CHOICES: &str = "use stuck, slipped or changed";
        let Some(value) = map.get("outcome").filter(|v| !v.is_null()) else {
            let span = self.item_span(item, Some("outcome"));
            self.error(
                span,
                "a revisit has no `outcome`".into(),
                "add `outcome: stuck`, `slipped` or `changed`",
            );
            return None;
        };
        let Some(text) = scalar_text(value) else {
            let found = kind_of(value);
            let message = format!("`outcome` must be one word, found {found}");
            return self.outcome_error(item, message, CHOICES.into());
        };
        if let Some(outcome) = Outcome::from_name(&text) {
            return Some(outcome);
        }
        let hint = match did_you_mean(&text, Outcome::ALL.map(Outcome::name)) {
            Some(close) => format!("did you mean '{close}'? {CHOICES}"),
            None => CHOICES.to_string(),
        };
        let message = format!("`outcome: {text}` is not a known outcome");
        self.outcome_error(item, message, hint)
    }

    fn outcome_error(&mut self, item: &Item, message: String, hint: String) -> Option<Outcome> {
        let span = self.item_span(item, Some("outcome"));
        let problem = Diagnostic::error(Kind::UnknownOutcome, span, message);
        self.problems.push(problem.with_hint(hint));
        None
    }
}
