//! Dates written in forms growthsite does not read, but that other blog
//! generators accept (`2019-12-3`, `September 8, 2014`, `2016-03-21 12:00
//! EDT`, `2016-03-03 3:00`) -> the same date and time written in a form
//! growthsite reads, and what had to change. Pure; the parse stage uses it
//! to say what to write instead, and `import` to convert.

mod hint;
mod zones;

pub use hint::date_hint;
pub use zones::zone_offset;

use super::date::Date;

/// A date rewritten into an accepted form.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repair {
    /// The date as growthsite reads it: `2014-09-08`, `2016-03-21 12:00 -0400`.
    pub text: String,
    /// What was changed, for messages: "the month is spelled out".
    pub changes: Vec<&'static str>,
}

/// The accepted form of `text` when it is a date in a recognised form that
/// growthsite does not read as written; `None` when it already reads (or
/// is not a date anyone could read: `14/03/2026` is March or the 3rd
/// month, and `2026-02-30` does not exist).
pub fn repair_date(text: &str) -> Option<Repair> {
    let trimmed = text.trim();
    let parts = read_parts(trimmed)?;
    let repaired = parts.write();
    if repaired == trimmed || Date::parse(&repaired).is_err() {
        return None;
    }
    Some(Repair {
        text: repaired,
        changes: parts.changes,
    })
}

/// The pieces of a date as found, with what was unusual about them.
#[derive(Debug, Default)]
struct Parts {
    year: u32,
    month: u32,
    day: u32,
    /// Hour, minute, and the seconds as written (`05`, `05.250`).
    time: Option<(u32, u32, Option<String>)>,
    /// `T` between date and time (RFC 3339) rather than a space.
    t_separator: bool,
    /// The zone, already in an accepted spelling (`+0100`, `-04:00`, `Z`),
    /// and whether a space comes before it.
    zone: Option<(String, bool)>,
    changes: Vec<&'static str>,
}

impl Parts {
    fn write(&self) -> String {
        let mut out = format!("{:04}-{:02}-{:02}", self.year, self.month, self.day);
        if let Some((hour, minute, seconds)) = &self.time {
            out.push(if self.t_separator { 'T' } else { ' ' });
            out.push_str(&format!("{hour:02}:{minute:02}"));
            if let Some(seconds) = seconds {
                out.push(':');
                out.push_str(seconds);
            }
            if let Some((zone, spaced)) = &self.zone {
                if *spaced {
                    out.push(' ');
                }
                out.push_str(zone);
            }
        }
        out
    }
}

const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// A small cursor over the text, word by word.
struct Cursor<'a> {
    rest: &'a str,
}

impl<'a> Cursor<'a> {
    fn skip_spaces(&mut self) -> bool {
        let before = self.rest.len();
        self.rest = self.rest.trim_start();
        self.rest.len() != before
    }

    fn eat(&mut self, prefix: &str) -> bool {
        match self.rest.strip_prefix(prefix) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }

    /// Up to `max` ASCII digits.
    fn number(&mut self, max: usize) -> Option<(u32, usize)> {
        let len = self
            .rest
            .bytes()
            .take(max)
            .take_while(u8::is_ascii_digit)
            .count();
        if len == 0 || self.rest[len..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let value = self.rest[..len].parse().ok()?;
        self.rest = &self.rest[len..];
        Some((value, len))
    }

    /// A run of ASCII letters.
    fn word(&mut self) -> Option<&'a str> {
        let len = self
            .rest
            .bytes()
            .take_while(u8::is_ascii_alphabetic)
            .count();
        if len == 0 {
            return None;
        }
        let word = &self.rest[..len];
        self.rest = &self.rest[len..];
        Some(word)
    }
}

/// A month named in full or by its first three letters.
fn month_number(word: &str) -> Option<u32> {
    let lower = word.to_ascii_lowercase();
    MONTHS
        .iter()
        .position(|m| lower.len() >= 3 && m.starts_with(lower.as_str()))
        .map(|i| i as u32 + 1)
}

fn is_weekday(word: &str) -> bool {
    let lower = word.to_ascii_lowercase();
    WEEKDAYS
        .iter()
        .any(|d| lower.len() >= 3 && d.starts_with(lower.as_str()))
}

fn read_parts(text: &str) -> Option<Parts> {
    if !text.is_ascii() {
        return None;
    }
    let mut parts = Parts::default();
    let mut cursor = Cursor { rest: text };
    read_day(&mut cursor, &mut parts)?;
    read_time(&mut cursor, &mut parts)?;
    cursor.skip_spaces();
    cursor.rest.is_empty().then_some(parts)
}

/// `2019-12-3`, `2019/12/03`, `September 8, 2014`, `8 Sep 2014`, each
/// perhaps after a weekday (`Mon, 08 Sep 2014`).
fn read_day(cursor: &mut Cursor, parts: &mut Parts) -> Option<()> {
    let save = cursor.rest;
    if let Some(word) = cursor.word() {
        if is_weekday(word) {
            parts.changes.push("it names the weekday");
            cursor.eat(",");
            cursor.skip_spaces();
        } else {
            cursor.rest = save;
        }
    }
    let save = cursor.rest;
    if let Some((year, 4)) = cursor.number(4) {
        let separator = cursor.rest.chars().next()?;
        if !matches!(separator, '-' | '/' | '.') {
            return None;
        }
        cursor.eat(&separator.to_string());
        let (month, month_len) = cursor.number(2)?;
        if !cursor.eat(&separator.to_string()) {
            return None;
        }
        let (day, day_len) = cursor.number(2)?;
        if separator != '-' {
            parts.changes.push("it separates the parts with `/` or `.`");
        }
        if month_len == 1 || day_len == 1 {
            parts.changes.push("the month or day has one digit");
        }
        (parts.year, parts.month, parts.day) = (year, month, day);
        return Some(());
    }
    cursor.rest = save;
    parts.changes.push("the month is spelled out");
    if let Some(word) = cursor.word() {
        // `September 8, 2014`
        parts.month = month_number(word)?;
        cursor.eat(".");
        cursor.skip_spaces();
        parts.day = ordinal(cursor)?;
    } else {
        // `8 September 2014`
        parts.day = ordinal(cursor)?;
        cursor.skip_spaces();
        parts.month = month_number(cursor.word()?)?;
        cursor.eat(".");
    }
    cursor.eat(",");
    cursor.skip_spaces();
    parts.year = match cursor.number(4)? {
        (year, 4) => year,
        _ => return None,
    };
    Some(())
}

/// A day of the month, perhaps as `1st`, `22nd`.
fn ordinal(cursor: &mut Cursor) -> Option<u32> {
    let (day, _) = cursor.number(2)?;
    for suffix in ["st", "nd", "rd", "th"] {
        if cursor.eat(suffix) {
            break;
        }
    }
    Some(day)
}

/// After the day: nothing, or a time (`3:00`, `15:04:05.123`, `3:00 PM`)
/// and a zone (`+0100`, `-04:00`, `Z`, `EDT`).
fn read_time(cursor: &mut Cursor, parts: &mut Parts) -> Option<()> {
    let spaced = cursor.skip_spaces();
    if cursor.rest.is_empty() {
        return Some(());
    }
    if !spaced {
        if cursor.eat("T") || cursor.eat("t") {
            parts.t_separator = true;
        } else {
            return None;
        }
    } else {
        cursor.eat("at ");
        cursor.eat(", ");
    }
    let (mut hour, hour_len) = cursor.number(2)?;
    if !cursor.eat(":") {
        return None;
    }
    let (minute, 2) = cursor.number(2)? else {
        return None;
    };
    let seconds = if cursor.eat(":") {
        let start = cursor.rest;
        cursor.number(2).filter(|(_, len)| *len == 2)?;
        if cursor.eat(".") || cursor.eat(",") {
            cursor.number(9)?;
        }
        Some(start[..start.len() - cursor.rest.len()].replace(',', "."))
    } else {
        None
    };
    if hour_len == 1 {
        parts.changes.push("the hour has one digit");
    }
    let save = cursor.rest;
    cursor.skip_spaces();
    match cursor.word().map(|w| w.to_ascii_lowercase()) {
        Some(half) if half == "am" || half == "pm" => {
            if !(1..=12).contains(&hour) {
                return None;
            }
            hour = hour % 12 + if half == "pm" { 12 } else { 0 };
            parts.changes.push("it uses a 12-hour clock");
        }
        _ => cursor.rest = save,
    }
    parts.time = Some((hour, minute, seconds));
    read_zone(cursor, parts)
}

fn read_zone(cursor: &mut Cursor, parts: &mut Parts) -> Option<()> {
    let mut spaced = cursor.skip_spaces();
    // Ruby's `Time#to_s` of some versions left the year after the time
    // (`18:30:22 2023 -0800`); Jekyll reads it.
    let save = cursor.rest;
    match cursor.number(4) {
        Some((year, 4)) if year == parts.year => {
            parts.changes.push("it repeats the year after the time");
            spaced = cursor.skip_spaces();
        }
        _ => cursor.rest = save,
    }
    if cursor.rest.is_empty() {
        return Some(());
    }
    let zone = cursor.rest.trim_start_matches('(').trim_end_matches(')');
    let offset = if let Some(rest) = zone.strip_prefix(['+', '-']) {
        let sign = if zone.starts_with('-') { -1 } else { 1 };
        let digits: String = rest.chars().filter(|c| *c != ':').collect();
        if !digits.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let (hours, minutes) = match digits.len() {
            1 | 2 => (digits.parse::<i32>().ok()?, 0),
            4 => (digits[..2].parse().ok()?, digits[2..].parse().ok()?),
            _ => return None,
        };
        if digits.len() == 4 && (rest.len() == 4 || rest.len() == 5) {
            // Already an accepted spelling: keep it as written.
            parts.zone = Some((zone.to_string(), spaced));
            cursor.rest = "";
            return Some(());
        }
        parts.changes.push("the offset has no minutes");
        sign * (hours * 60 + minutes)
    } else if zone.eq_ignore_ascii_case("z") {
        parts.zone = Some(("Z".into(), spaced));
        cursor.rest = "";
        return Some(());
    } else {
        let minutes = zone_offset(zone)?;
        parts
            .changes
            .push("it names a time zone instead of an offset");
        minutes
    };
    let sign = if offset < 0 { '-' } else { '+' };
    let (hours, minutes) = (offset.abs() / 60, offset.abs() % 60);
    parts.zone = Some(if parts.t_separator {
        (format!("{sign}{hours:02}:{minutes:02}"), false)
    } else {
        (format!("{sign}{hours:02}{minutes:02}"), true)
    });
    cursor.rest = "";
    Some(())
}

#[cfg(test)]
mod tests;
