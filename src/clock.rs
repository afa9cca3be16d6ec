//! The clock -> today's date. The one place growthsite reads the date:
//! `new` writes it into a new write-up, and a build leaves out write-ups
//! dated after it (unless `--future`). Dates are the user's calendar
//! days: "today" is the date in the computer's time zone, as the writer
//! sees it on their calendar, not in UTC.

use crate::parse::date::Date;

/// Today's date in the computer's time zone (the `TZ` variable, else the
/// system's zone), as `new` writes it.
pub fn local_today() -> Date {
    date_of(jiff::Zoned::now().date())
}

/// The date a build compares write-up dates with: the day of
/// `SOURCE_DATE_EPOCH` (seconds since 1970, read in UTC) when it is set,
/// so that a build of the same sources is the same on any day and in any
/// zone (reproducible builds); otherwise [`local_today`].
pub fn build_date() -> Date {
    source_date_epoch().unwrap_or_else(local_today)
}

fn source_date_epoch() -> Option<Date> {
    let seconds: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    let timestamp = jiff::Timestamp::from_second(seconds).ok()?;
    Some(date_of(timestamp.to_zoned(jiff::tz::TimeZone::UTC).date()))
}

fn date_of(date: jiff::civil::Date) -> Date {
    Date::from_civil(date)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_dates_become_front_matter_dates() {
        let date = date_of(jiff::civil::date(2026, 3, 4));
        assert_eq!(date.ymd(), "2026-03-04");
    }
}
