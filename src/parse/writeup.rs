//! A write-up's own front matter (`date`, `updated`, `strategies`,
//! `lesson`, `severity`, `summary`) -> a [`Writeup`], every problem
//! collected.

use super::date::Date;
use super::front_matter::FrontMatter;
use super::growth::take_growth;
use super::{Doc, MistakeSeverity, Writeup, collect, date_forms};
use crate::diag::{Diagnostic, Kind};

/// The fields only a write-up has, around its `doc`.
pub(super) fn parse_writeup_fields(
    doc: Doc,
    fm: &mut FrontMatter,
    problems: &mut Vec<Diagnostic>,
) -> Option<Writeup> {
    let date = match collect(fm.take_string("date"), problems).flatten() {
        Some(text) => collect(
            Date::parse(&text).map_err(|e| {
                Diagnostic::error(Kind::BadDate, fm.span_of("date"), format!("`date` {e}"))
                    .with_hint(date_forms::date_hint(&text))
            }),
            problems,
        ),
        None => {
            problems.push(
                Diagnostic::error(
                    Kind::MissingDate,
                    fm.span_of("date"),
                    "the front matter has no `date`",
                )
                .with_hint("add a line `date: 2026-03-14`"),
            );
            None
        }
    };
    let updated = collect(fm.take_string("updated"), problems)
        .flatten()
        .and_then(|text| {
            collect(
                Date::parse(&text).map_err(|e| {
                    Diagnostic::error(
                        Kind::BadDate,
                        fm.span_of("updated"),
                        format!("`updated` {e}"),
                    )
                    .with_hint(date_forms::date_hint(&text))
                }),
                problems,
            )
        });
    let strategies_span = fm.span_of("strategies");
    let strategies = collect(fm.take_string_list("strategies"), problems).unwrap_or_default();
    let lesson = collect(fm.take_string("lesson"), problems)
        .flatten()
        .filter(|l| !l.trim().is_empty());
    if lesson.is_none() {
        problems.push(
            Diagnostic::warning(
                Kind::MissingLesson,
                fm.span_of("lesson"),
                "the write-up has no `lesson`",
            )
            .with_hint(
                "add `lesson:` with the one sentence you learned; it feeds the lessons index",
            ),
        );
    }
    let severity = match collect(fm.take_string("severity"), problems).flatten() {
        None => None,
        // `High` is as clear as `high`: the case is not worth an error.
        Some(text) => match text.to_ascii_lowercase().as_str() {
            "low" => Some(MistakeSeverity::Low),
            "medium" => Some(MistakeSeverity::Medium),
            "high" => Some(MistakeSeverity::High),
            _ => {
                problems.push(
                    Diagnostic::error(
                        Kind::UnknownSeverity,
                        fm.span_of("severity"),
                        format!("`severity: {text}` is not a known severity"),
                    )
                    .with_hint("use low, medium or high"),
                );
                None
            }
        },
    };
    let summary_line = fm.span_of("summary").line;
    let summary = collect(fm.take_string("summary"), problems).flatten();
    let growth = take_growth(fm, date, problems);
    Some(Writeup {
        doc,
        // A bad date is an error already; the stand-in lets the rest of
        // the write-up be checked in the same run.
        date: date.unwrap_or(Date::STAND_IN),
        updated,
        strategies,
        strategies_span,
        lesson,
        severity,
        summary,
        summary_line,
        future: false,
        growth,
    })
}
