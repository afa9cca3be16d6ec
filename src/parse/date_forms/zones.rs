//! Time-zone abbreviations (`EDT`, `CEST`) -> offsets, as Ruby's
//! `Time.parse` reads them for Jekyll.

/// Zone abbreviations as Ruby's `Time.parse` (Jekyll) reads them, in
/// minutes east of UTC. `CST` is the US one, as there.
pub(super) const ZONES: &[(&str, i32)] = &[
    ("UTC", 0),
    ("UT", 0),
    ("GMT", 0),
    ("WET", 0),
    ("WEST", 60),
    ("BST", 60),
    ("CET", 60),
    ("MET", 60),
    ("CEST", 120),
    ("MEST", 120),
    ("EET", 120),
    ("EEST", 180),
    ("MSK", 180),
    ("IST", 330),
    ("PKT", 300),
    ("ICT", 420),
    ("WIB", 420),
    ("SGT", 480),
    ("HKT", 480),
    ("AWST", 480),
    ("JST", 540),
    ("KST", 540),
    ("ACST", 570),
    ("ACDT", 630),
    ("AEST", 600),
    ("AEDT", 660),
    ("NZST", 720),
    ("NZDT", 780),
    ("HST", -600),
    ("AKST", -540),
    ("AKDT", -480),
    ("PST", -480),
    ("PDT", -420),
    ("MST", -420),
    ("MDT", -360),
    ("CST", -360),
    ("CDT", -300),
    ("EST", -300),
    ("EDT", -240),
    ("AST", -240),
    ("ADT", -180),
    ("NST", -210),
    ("NDT", -150),
    ("BRT", -180),
    ("ART", -180),
];

/// The minutes east of UTC of a zone abbreviation (`EDT` -> -240).
pub fn zone_offset(name: &str) -> Option<i32> {
    ZONES
        .iter()
        .find(|(zone, _)| zone.eq_ignore_ascii_case(name))
        .map(|(_, minutes)| *minutes)
}
