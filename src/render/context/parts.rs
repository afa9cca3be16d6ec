//! A write-up's parts as template values: its severity's name, its reading
//! time, its table of contents and its questions.

use tera::Value;

use super::{html, object};
use crate::assemble::FaqItem;
use crate::parse::markdown::Toc;

/// `severity` as templates see it.
pub fn severity_name(severity: crate::parse::MistakeSeverity) -> &'static str {
    use crate::parse::MistakeSeverity::*;
    match severity {
        Low => "low",
        Medium => "medium",
        High => "high",
    }
}

/// Minutes at 200 words a minute, at least one.
pub fn reading_time(words: usize) -> usize {
    words.div_ceil(200).max(1)
}

pub(super) fn toc_value(toc: &Toc) -> Value {
    Value::from(
        toc.iter()
            .map(|entry| {
                object([
                    ("level", entry.level.into()),
                    ("id", entry.id.into()),
                    ("title", entry.title.into()),
                ])
            })
            .collect::<Vec<_>>(),
    )
}

pub(super) fn faq_value(items: &[FaqItem]) -> Value {
    Value::from(
        items
            .iter()
            .map(|item| {
                object([
                    ("question", item.question.as_str().into()),
                    ("answer", html(&item.answer_html)),
                    ("anchor", item.anchor.as_str().into()),
                ])
            })
            .collect::<Vec<_>>(),
    )
}
