//! Front-matter dates: `YYYY-MM-DD`, RFC 3339, and Jekyll's
//! `YYYY-MM-DD HH:MM[:SS] [+HHMM|+HH:MM]`. A date without a zone is the
//! site's local date as written: it is never converted. The forms are read
//! here; the calendar (which days exist) and the formatting are jiff's.

use std::fmt;

use jiff::civil::{self, DateTime, Time};
use jiff::tz::Offset;

/// A date as written in front matter, validated.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// The date and time as written (midnight when no time is written).
    written: DateTime,
    /// The offset from UTC, when the date names a zone.
    offset: Option<Offset>,
}

/// The forms users may write, for error hints.
pub const ACCEPTED_FORMS: &str =
    "use 2026-03-14, 2026-03-14T09:30:00+01:00 or 2026-03-14 09:30 +0100";

impl Date {
    /// 1970-01-01: the date of a write-up whose `date` is in error, which
    /// is checked for its other problems but never published.
    pub const STAND_IN: Date = Date {
        written: civil::date(1970, 1, 1).to_datetime(Time::midnight()),
        offset: None,
    };

    /// Parses one of the accepted forms; the error says what is wrong.
    pub fn parse(text: &str) -> Result<Date, String> {
        let text = text.trim();
        let bytes = text.as_bytes();
        let invalid = || format!("`{text}` is not a date");
        // Every accepted form is ASCII; checking it first also keeps the
        // byte slicing below on character boundaries (`2026-01-0é` would
        // otherwise cut the `é` in half and panic).
        if !text.is_ascii() || bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
            return Err(invalid());
        }
        let year = digits(&text[0..4]).ok_or_else(invalid)?;
        let month = digits(&text[5..7]).ok_or_else(invalid)?;
        let day = digits(&text[8..10]).ok_or_else(invalid)?;
        if !(1..=12).contains(&month) {
            return Err(format!("`{text}` has month {month}, which does not exist"));
        }
        let date = civil::Date::new(year as i16, month as i8, day as i8).map_err(|_| {
            format!("`{text}` has day {day}, which {year}-{month:02} does not have")
        })?;
        let rest = &text[10..];
        if rest.is_empty() {
            return Ok(Date::from_civil(date));
        }
        let rest = rest
            .strip_prefix('T')
            .or_else(|| rest.strip_prefix('t'))
            .or_else(|| rest.strip_prefix(' '))
            .ok_or_else(invalid)?;
        let (clock, zone) = split_zone(rest.trim());
        let parts: Vec<&str> = clock.split(':').collect();
        if !(2..=3).contains(&parts.len()) {
            return Err(invalid());
        }
        // `HH:MM`, as SPEC writes it: `3:00` is refused, and the hint
        // says `03:00`.
        if parts[0].len() != 2 || parts[1].len() != 2 {
            return Err(invalid());
        }
        let hour = digits(parts[0]).ok_or_else(invalid)?;
        let minute = digits(parts[1]).ok_or_else(invalid)?;
        // Fractions of seconds are accepted and dropped: pages are dated
        // to the second. A leap second (60) is read as 59.
        let second = match parts.get(2) {
            Some(s) => digits(s.split('.').next().unwrap_or(s))
                .filter(|s| *s <= 60)
                .ok_or_else(invalid)?
                .min(59),
            None => 0,
        };
        let time = Time::new(hour as i8, minute as i8, second as i8, 0).map_err(|_| invalid())?;
        let offset = match zone {
            None => None,
            Some(zone) => Some(parse_offset(zone).ok_or_else(invalid)?),
        };
        Ok(Date {
            written: date.to_datetime(time),
            offset,
        })
    }

    /// A calendar day, at midnight, without a zone.
    pub fn from_civil(date: civil::Date) -> Date {
        Date {
            written: date.to_datetime(Time::midnight()),
            offset: None,
        }
    }

    /// Whether this date's calendar day, as written, comes after `other`'s
    /// (times and zones aside: "dated after today").
    pub fn day_is_after(&self, other: &Date) -> bool {
        self.written.date() > other.written.date()
    }

    /// The calendar day as written, as days since 1970-01-01; the time
    /// and zone are left out, as people count days ("met 3 days late").
    pub fn day_number(&self) -> i64 {
        let epoch = civil::date(1970, 1, 1);
        self.written
            .date()
            .since(epoch)
            .map_or(0, |span| i64::from(span.get_days()))
    }

    /// The calendar day `days` later (earlier when negative), at midnight,
    /// without a zone; `self` when that day is out of range.
    pub fn plus_days(&self, days: i64) -> Date {
        self.written
            .date()
            .checked_add(jiff::Span::new().days(days))
            .map_or(*self, Date::from_civil)
    }

    /// The year as written.
    pub fn year(&self) -> u16 {
        u16::try_from(self.written.year()).unwrap_or_default()
    }

    /// The month as written, 1 to 12.
    pub fn month(&self) -> u8 {
        self.written.month().unsigned_abs()
    }

    /// `2026-03-14`.
    pub fn ymd(&self) -> String {
        // Plain number formatting: several times cheaper than `strftime`,
        // and pages write many of these.
        let (year, month, day) = self.year_month_day();
        format!("{year:04}-{month:02}-{day:02}")
    }

    /// The calendar day as written: `(2026, 3, 14)`.
    pub fn year_month_day(&self) -> (u16, u8, u8) {
        let day = self.written.date();
        (
            u16::try_from(day.year()).unwrap_or_default(),
            day.month().unsigned_abs(),
            day.day().unsigned_abs(),
        )
    }

    /// `14 March 2026` (English; pages use `Strings::date`).
    pub fn display(&self) -> String {
        self.written.strftime("%-d %B %Y").to_string()
    }

    /// RFC 3339; a date without a zone is written as UTC.
    pub fn rfc3339(&self) -> String {
        let offset = self.offset.unwrap_or(Offset::UTC);
        let zoned = self.written.to_zoned(offset.to_time_zone());
        match zoned {
            Ok(zoned) => zoned.strftime("%Y-%m-%dT%H:%M:%S%:z").to_string(),
            Err(_) => self.written.strftime("%Y-%m-%dT%H:%M:%S+00:00").to_string(),
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.rfc3339())
    }
}

/// The number written with 1 to 4 ASCII digits.
pub(crate) fn digits(text: &str) -> Option<u32> {
    if text.is_empty() || text.len() > 4 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok()
}

/// Splits `09:30:00+01:00`, `09:30 +0100` or `09:30Z` into clock and zone.
fn split_zone(rest: &str) -> (&str, Option<&str>) {
    if let Some(clock) = rest.strip_suffix(['Z', 'z']) {
        return (clock.trim_end(), Some("+00:00"));
    }
    match rest.rfind(['+', '-']) {
        Some(i) => (rest[..i].trim_end(), Some(&rest[i..])),
        None => (rest, None),
    }
}

/// `+01:00`, `+0100` or `-0530`.
fn parse_offset(zone: &str) -> Option<Offset> {
    let sign: i32 = if zone.starts_with('-') { -1 } else { 1 };
    let body = zone[1..].replace(':', "");
    if body.len() != 4 {
        return None;
    }
    let hours = digits(&body[..2]).filter(|h| *h < 24)? as i32;
    let minutes = digits(&body[2..]).filter(|m| *m < 60)? as i32;
    Offset::from_seconds(sign * (hours * 3600 + minutes * 60)).ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_every_documented_form() {
        for text in [
            "2026-03-14",
            "2026-03-14T09:30:00+01:00",
            "2026-03-14 09:30:00+01:00",
            "2026-03-14T09:30:00Z",
            "2026-03-14 09:30",
            "2026-03-14 09:30:00",
            "2026-03-14 09:30 +0100",
            "2026-03-14 09:30:00 +01:00",
            "2024-02-29",
        ] {
            assert!(Date::parse(text).is_ok(), "{text}");
        }
    }

    #[test]
    fn rejects_impossible_and_malformed_dates() {
        for text in [
            "2026-13-45",
            "2026-02-29",
            "2026-04-31",
            "14/03/2026",
            "2026-03-14T25:00",
            "soon",
            "",
            "2026-01-0é",
            "2026-01-01 09:30 +1é2",
            "2016-03-03 3:00",
            "2016-03-03 03:0",
            "2016-03-03T3:00:00Z",
        ] {
            assert!(Date::parse(text).is_err(), "{text}");
        }
        assert!(Date::parse("2026-13-45").unwrap_err().contains("month 13"));
    }

    #[test]
    fn formats_for_people_and_machines() {
        let date = Date::parse("2026-03-14 09:30 +0100").unwrap();
        assert_eq!(date.ymd(), "2026-03-14");
        assert_eq!(date.display(), "14 March 2026");
        assert_eq!(date.rfc3339(), "2026-03-14T09:30:00+01:00");
        assert_eq!(
            Date::parse("2026-03-14").unwrap().rfc3339(),
            "2026-03-14T00:00:00+00:00"
        );
    }

    #[test]
    fn day_numbers_count_calendar_days() {
        let day = |text: &str| Date::parse(text).unwrap().day_number();
        assert_eq!(day("1970-01-01"), 0);
        assert_eq!(day("2026-03-14"), 20_526);
        assert_eq!(day("2026-03-14T23:30:00-05:00"), 20_526);
        assert_eq!(day("2024-03-01") - day("2024-02-28"), 2);
        let late = Date::parse("2026-03-14T23:30:00-05:00").unwrap();
        assert_eq!((late.year(), late.month()), (2026, 3));
        assert_eq!(late.plus_days(91).ymd(), "2026-06-13");
    }

    #[test]
    fn orders_by_written_time() {
        assert!(Date::parse("2026-03-14").unwrap() < Date::parse("2026-03-14 00:01").unwrap());
        assert!(Date::parse("2025-12-31").unwrap() < Date::parse("2026-01-01").unwrap());
    }
}
