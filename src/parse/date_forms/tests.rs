use super::*;

fn repaired(text: &str) -> Option<String> {
    repair_date(text).map(|r| r.text)
}

#[test]
fn common_forms_become_accepted_ones() {
    let cases = [
        ("2019-12-3", "2019-12-03"),
        ("2019-1-13", "2019-01-13"),
        ("2019/12/03", "2019-12-03"),
        ("September 8, 2014", "2014-09-08"),
        ("Sep 8 2014", "2014-09-08"),
        ("8 September 2014", "2014-09-08"),
        ("1st March 2020", "2020-03-01"),
        ("2016-03-21 12:00 EDT", "2016-03-21 12:00 -0400"),
        ("2016-03-21 12:00:00 (PST)", "2016-03-21 12:00:00 -0800"),
        ("2016-03-21T12:00:00 CEST", "2016-03-21T12:00:00+02:00"),
        ("2016-03-03 3:00", "2016-03-03 03:00"),
        ("2016-03-03 3:00 pm", "2016-03-03 15:00"),
        ("2016-03-03 12:30 AM", "2016-03-03 00:30"),
        (
            "2023-01-29 18:30:22 2023 -0800",
            "2023-01-29 18:30:22 -0800",
        ),
        ("2015-05-04 10:00:00 +02", "2015-05-04 10:00:00 +0200"),
        (
            "Mon, 08 Sep 2014 10:00:00 +0000",
            "2014-09-08 10:00:00 +0000",
        ),
        ("2020-04-09 9:41:00+02:00", "2020-04-09 09:41:00+02:00"),
    ];
    for (written, expected) in cases {
        assert_eq!(repaired(written).as_deref(), Some(expected), "{written}");
    }
}

#[test]
fn accepted_or_unreadable_dates_are_left_alone() {
    for text in [
        "2019-12-03",
        "2026-03-14T09:30:00+01:00",
        "2026-03-14 09:30 +0100",
        "14/03/2026",
        "2026-02-30",
        "2019-12-3 12:00 XYZ",
        "soon",
        "",
        "2016-03-03 25:00",
    ] {
        assert_eq!(repaired(text), None, "{text}");
    }
}

#[test]
fn changes_say_what_was_unusual() {
    let repair = repair_date("2016-03-21 3:00 EDT").unwrap();
    assert_eq!(
        repair.changes,
        vec![
            "the hour has one digit",
            "it names a time zone instead of an offset"
        ]
    );
    assert_eq!(
        repair_date("September 8, 2014").unwrap().changes,
        vec!["the month is spelled out"]
    );
}

#[test]
fn zone_names_have_offsets() {
    assert_eq!(zone_offset("edt"), Some(-240));
    assert_eq!(zone_offset("IST"), Some(330));
    assert_eq!(zone_offset("XYZ"), None);
}
