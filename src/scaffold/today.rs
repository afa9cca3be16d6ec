//! Today's date for the front matter `new` writes, and day arithmetic.

use crate::clock::local_today;

/// Today's date in the user's time zone as `YYYY-MM-DD`, for the front
/// matter of `new`: a write-up started in the evening in California is
/// dated that day, not the next (the date in UTC). The build itself reads
/// the date only through `clock::build_date`.
pub fn today() -> String {
    local_today().ymd()
}

/// The proleptic Gregorian date of a day counted from 1970-01-01 (Howard
/// Hinnant's `civil_from_days`): eras of 400 years, years starting in March
/// so that the leap day comes last.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let month_from_march = (5 * day_of_year + 2) / 153;
    let day = (day_of_year - (153 * month_from_march + 2) / 5 + 1) as u32;
    let month = if month_from_march < 10 {
        month_from_march + 3
    } else {
        month_from_march - 9
    } as u32;
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_from_days_matches_known_dates() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(-1), (1969, 12, 31));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        assert_eq!(civil_from_days(11_016), (2000, 2, 29));
        assert_eq!(civil_from_days(11_017), (2000, 3, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(civil_from_days(20_526), (2026, 3, 14));
        assert_eq!(civil_from_days(47_540), (2100, 2, 28));
        assert_eq!(civil_from_days(47_541), (2100, 3, 1));
    }

    #[test]
    fn civil_from_days_walks_every_day_in_order() {
        let mut previous = civil_from_days(-800);
        for days in -799..150_000 {
            let (y, m, d) = civil_from_days(days);
            let leap = y % 4 == 0 && (y % 100 != 0 || y % 400 == 0);
            let month_length = [
                31,
                if leap { 29 } else { 28 },
                31,
                30,
                31,
                30,
                31,
                31,
                30,
                31,
                30,
                31,
            ];
            assert!(d <= month_length[m as usize - 1], "{:?}", (y, m, d));
            let next_day = (y, m, d) == (previous.0, previous.1, previous.2 + 1);
            let next_month = (y, m, d) == (previous.0, previous.1 + 1, 1);
            let next_year = (y, m, d) == (previous.0 + 1, 1, 1);
            assert!(
                next_day || next_month || next_year,
                "{previous:?} -> {:?}",
                (y, m, d)
            );
            previous = (y, m, d);
        }
    }

    #[test]
    fn today_is_a_date_the_parser_accepts() {
        assert!(
            crate::parse::date::Date::parse(&today()).is_ok(),
            "{}",
            today()
        );
    }
}
