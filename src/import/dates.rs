//! Dates of an old blog -> the form growthsite reads (through
//! `parse::date_forms`, which the build's own errors use too), and the
//! date a post's old URL showed. Pure.

use jiff::civil::DateTime;
use jiff::tz::{Offset, TimeZone};

use super::permalinks::{UrlDate, url_date};
use crate::parse::date::Date;
use crate::parse::date_forms::repair_date;

/// A date as growthsite reads it, and what had to change to get there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalised {
    /// The date to write.
    pub text: String,
    /// What changed (empty: it was written in an accepted form).
    pub changes: Vec<&'static str>,
}

/// The accepted form of a date, or `None` when it cannot be read.
pub fn normalise_date(text: &str) -> Option<Normalised> {
    if let Some(repair) = repair_date(text) {
        return Some(Normalised {
            text: repair.text,
            changes: repair.changes,
        });
    }
    Date::parse(text).ok().map(|_| Normalised {
        text: text.trim().to_string(),
        changes: Vec::new(),
    })
}

/// Where the generator read a post's date for its URL.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum UrlZone {
    /// The clock as written.
    AsWritten,
    /// Converted to UTC when it has an offset (Jekyll without `timezone:`,
    /// on GitHub's servers).
    Utc,
    /// Converted to this zone when it has an offset (Jekyll's `timezone:`).
    Named(String),
}

/// The date and time a post's old URL was built from.
pub fn url_date_of(text: &str, zone: &UrlZone) -> Option<UrlDate> {
    let normalised = normalise_date(text)?.text;
    let t = normalised.as_str();
    let num = |range: std::ops::Range<usize>| t.get(range)?.parse::<u32>().ok();
    let ymd = (num(0..4)? as i32, num(5..7)?, num(8..10)?);
    let hms = if t.len() >= 16 {
        (
            num(11..13)?,
            num(14..16)?,
            if t.get(16..17) == Some(":") {
                num(17..19)?
            } else {
                0
            },
        )
    } else {
        (0, 0, 0)
    };
    let offset = zone_of(t);
    let (ymd, hms) = match (offset, zone) {
        (Some(minutes), UrlZone::Utc | UrlZone::Named(_)) => {
            let target = match zone {
                UrlZone::Named(name) => TimeZone::get(name).unwrap_or(TimeZone::UTC),
                _ => TimeZone::UTC,
            };
            let written = DateTime::new(
                ymd.0 as i16,
                ymd.1 as i8,
                ymd.2 as i8,
                hms.0 as i8,
                hms.1 as i8,
                hms.2.min(59) as i8,
                0,
            )
            .ok()?;
            let fixed = TimeZone::fixed(Offset::from_seconds(minutes * 60).ok()?);
            let local = written
                .to_zoned(fixed)
                .ok()?
                .with_time_zone(target)
                .datetime();
            (
                (
                    i32::from(local.year()),
                    local.month() as u32,
                    local.day() as u32,
                ),
                (
                    local.hour() as u32,
                    local.minute() as u32,
                    local.second() as u32,
                ),
            )
        }
        _ => (ymd, hms),
    };
    url_date(ymd, hms)
}

/// The offset in minutes of an accepted date text, when it has one.
fn zone_of(text: &str) -> Option<i32> {
    if text.len() <= 16 {
        return None;
    }
    let clock_and_zone = &text[11..];
    if clock_and_zone.ends_with(['Z', 'z']) {
        return Some(0);
    }
    let i = clock_and_zone.rfind(['+', '-'])?;
    let sign = if clock_and_zone[i..].starts_with('-') {
        -1
    } else {
        1
    };
    let digits: String = clock_and_zone[i + 1..]
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    if digits.len() != 4 {
        return None;
    }
    let hours: i32 = digits[..2].parse().ok()?;
    let minutes: i32 = digits[2..].parse().ok()?;
    Some(sign * (hours * 60 + minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_are_normalised_with_their_changes() {
        assert_eq!(
            normalise_date("2019-12-03").unwrap().changes,
            Vec::<&str>::new()
        );
        assert_eq!(normalise_date("2019-12-3").unwrap().text, "2019-12-03");
        assert_eq!(normalise_date("someday"), None);
    }

    #[test]
    fn url_dates_follow_the_zone() {
        let late = "2016-03-21 23:30:00 -0400";
        assert_eq!(
            url_date_of(late, &UrlZone::AsWritten).unwrap().ymd,
            (2016, 3, 21)
        );
        assert_eq!(url_date_of(late, &UrlZone::Utc).unwrap().ymd, (2016, 3, 22));
        let named = UrlZone::Named("America/Los_Angeles".into());
        assert_eq!(url_date_of(late, &named).unwrap().ymd, (2016, 3, 21));
        assert_eq!(
            url_date_of("2016-03-21", &UrlZone::Utc).unwrap().ymd,
            (2016, 3, 21)
        );
        assert_eq!(
            url_date_of("2016-03-21T01:00:00+02:00", &UrlZone::Utc)
                .unwrap()
                .ymd,
            (2016, 3, 20)
        );
    }
}
