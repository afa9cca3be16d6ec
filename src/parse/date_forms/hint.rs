//! A date [`Date::parse`] refused -> the hint that says what to write: the
//! likely fix when one is clear, else the accepted forms. The one place
//! that suggests dates, so that every command says the same.

use crate::parse::date::{ACCEPTED_FORMS, Date, digits};

/// The hint for a date that [`Date::parse`] refused.
pub fn date_hint(text: &str) -> String {
    if let Some(fixed) = swapped_day_and_month(text.trim()) {
        return format!("did you mean {fixed}? dates are year-month-day");
    }
    // The forms other generators read (`2019-12-3`, `September 8, 2014`,
    // `12:00 EDT`, `3:00`): the same date as growthsite reads it.
    match super::repair_date(text) {
        Some(repair) => format!("{}: write {}", repair.changes.join(", "), repair.text),
        None => ACCEPTED_FORMS.to_string(),
    }
}

/// `2026-31-10` -> `2026-10-31`: a month that does not exist where the day
/// would be a valid month, and the swapped date exists.
fn swapped_day_and_month(text: &str) -> Option<String> {
    // ASCII only: the slicing below stays on character boundaries.
    let head = text.get(..10).filter(|head| head.is_ascii())?;
    let (year, month, day) = (
        digits(head.get(..4)?)?,
        digits(&head[5..7])?,
        digits(&head[8..10])?,
    );
    if &head[4..5] != "-" || &head[7..8] != "-" || month <= 12 || day > 12 {
        return None;
    }
    let fixed = format!("{year:04}-{day:02}-{month:02}{}", &text[10..]);
    Date::parse(&fixed).is_ok().then_some(fixed)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_swapped_day_and_month_is_suggested() {
        assert_eq!(
            date_hint("2026-31-10"),
            "did you mean 2026-10-31? dates are year-month-day"
        );
        assert_eq!(
            date_hint("2026-13-01 09:30"),
            "did you mean 2026-01-13 09:30? dates are year-month-day"
        );
        // No swap makes these valid: the accepted forms instead.
        for written in ["2026-13-45", "2026-02-30", "soon", "2026-3é-01"] {
            assert_eq!(date_hint(written), ACCEPTED_FORMS, "{written}");
        }
    }

    #[test]
    fn the_forms_of_other_generators_get_what_to_write() {
        for (written, hint) in [
            (
                "2019-12-3",
                "the month or day has one digit: write 2019-12-03",
            ),
            (
                "September 8, 2014",
                "the month is spelled out: write 2014-09-08",
            ),
            (
                "2016-03-21 12:00 EDT",
                "it names a time zone instead of an offset: write 2016-03-21 12:00 -0400",
            ),
            (
                "2016-03-03 3:00",
                "the hour has one digit: write 2016-03-03 03:00",
            ),
        ] {
            assert!(Date::parse(written).is_err(), "{written}");
            assert_eq!(date_hint(written), hint, "{written}");
        }
    }
}
