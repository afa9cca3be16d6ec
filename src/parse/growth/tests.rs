use super::*;
use serde_yaml::Mapping;
use std::collections::HashMap;

/// Parses the growth keys of a front matter written from file line 2,
/// for a write-up dated 2026-03-14.
fn parse(yaml: &str) -> (Growth, Vec<String>) {
    let map: Mapping = serde_yaml::from_str(yaml).unwrap();
    let source = GrowthSource {
        file: "content/mistakes/a.md",
        yaml,
        yaml_line: 2,
        date: Some(Date::parse("2026-03-14T10:00:00+01:00").unwrap()),
    };
    let values = GrowthValues {
        goals: map.get("goals").cloned(),
        revisits: map.get("revisits").cloned(),
        repeats: map.get("repeats").cloned(),
    };
    let (growth, problems) = parse_growth(&source, values);
    (growth, problems.iter().map(|d| d.to_string()).collect())
}

#[test]
fn every_field_is_read_with_its_line() {
    let (growth, problems) = parse(
        "title: T\ngoals:\n  - goal: Write the rollback first\n    by: 2026-06-30\n    done: 2026-03-14\n  - Ask for a second reviewer\nrevisits:\n  - date: 2026-09-01\n    note: It **stuck**.\n    outcome: stuck\nrepeats: \"@/mistakes/b.md\"\n",
    );
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(growth.goals.len(), 2);
    assert_eq!(growth.goals[0].text, "Write the rollback first");
    assert_eq!(growth.goals[0].by.unwrap().ymd(), "2026-06-30");
    assert_eq!(growth.goals[1].text, "Ask for a second reviewer");
    let revisit = &growth.revisits[0];
    assert_eq!((revisit.outcome, revisit.note_line), (Outcome::Stuck, 10));
    assert_eq!(growth.repeats[0].target, "mistakes/b.md");
    assert_eq!(growth.repeats[0].span.line, 12);
}

#[test]
fn done_before_the_writeup_is_an_error_at_its_line() {
    let (growth, problems) = parse("goals:\n  - goal: G\n    done: 2025-03-14\n");
    assert!(growth.goals.is_empty());
    assert_eq!(
        problems,
        [
            "error: content/mistakes/a.md:4:1: `done: 2025-03-14` is before the write-up's date (2026-03-14) (a goal is met after the mistake it comes from; check the year)"
        ]
    );
}

#[test]
fn the_same_day_is_not_before() {
    let (growth, problems) = parse("goals:\n  - goal: G\n    done: 2026-03-14T08:00:00+01:00\n");
    assert!(problems.is_empty(), "{problems:?}");
    assert_eq!(growth.goals.len(), 1);
}

#[test]
fn an_unknown_outcome_suggests_the_closest() {
    let (_, problems) = parse("revisits:\n  - date: 2026-09-01\n    outcome: stuk\n");
    assert_eq!(
        problems,
        [
            "error: content/mistakes/a.md:4:1: `outcome: stuk` is not a known outcome (did you mean 'stuck'? use stuck, slipped or changed)"
        ]
    );
}

#[test]
fn a_revisit_needs_a_date_and_an_outcome() {
    let (growth, problems) = parse("revisits:\n  - note: Hm.\n");
    assert!(growth.revisits.is_empty());
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems.iter().all(|p| p.contains("a.md:3:1:")),
        "{problems:?}"
    );
    assert!(problems[0].contains("no `date`") && problems[1].contains("no `outcome`"));
}

#[test]
fn unknown_keys_name_the_known_ones() {
    let (_, problems) = parse("goals:\n  - goal: G\n    dne: 2026-04-01\n");
    assert_eq!(
        problems,
        [
            "error: content/mistakes/a.md:4:1: unknown key `dne` in a goal (did you mean 'done'? a goal takes goal, by, done)"
        ]
    );
}

#[test]
fn bad_dates_and_shapes_are_errors() {
    let (_, problems) = parse("goals:\n  - goal: G\n    by: next week\n");
    assert!(
        problems[0].starts_with("error: content/mistakes/a.md:4:1: `by` `next week` is not a date")
    );
    let (_, problems) = parse("goals: write tests\n");
    assert!(problems[0].contains("a.md:2:1: `goals` must be a list, found text"));
    let (_, problems) = parse("goals:\n  - goal: \"  \"\n");
    assert!(problems[0].contains("a.md:3:1: a goal's text is empty"));
    let (_, problems) = parse("goals:\n  - by: 2026-05-01\n");
    assert!(problems[0].contains("a goal needs `goal:`"));
    let (_, problems) = parse("revisits:\n  - date: 2026-01-01\n    outcome: stuck\n");
    assert!(problems[0].contains("a.md:3:1: `date: 2026-01-01` is before the write-up's date"));
}

#[test]
fn repeats_must_be_at_links() {
    let (growth, problems) = parse("repeats:\n  - mistakes/b.md\n  - \"@/mistakes/c.md\"\n");
    assert_eq!(growth.repeats.len(), 1);
    assert_eq!(
        problems,
        [
            "error: content/mistakes/a.md:3:1: `repeats` takes `@/` links to write-ups, found `mistakes/b.md` (write `repeats: [\"@/mistakes/other.md\"]`)"
        ]
    );
}

#[test]
fn flow_style_lists_point_at_their_key() {
    let (_, problems) = parse("revisits: [{date: 2026-09-01, outcome: stick}]\n");
    assert!(
        problems[0].contains("a.md:2:1: `outcome: stick`"),
        "{problems:?}"
    );
}

#[test]
fn repeats_must_name_another_published_writeup() {
    let (growth, _) = parse(
        "repeats:\n  - \"@/mistakes/bucket.md\"\n  - \"@/mistakes/a.md\"\n  - \"@/about.md\"\n  - \"@/mistakes/c.md\"\n",
    );
    let targets: HashMap<String, ()> = [
        "mistakes/a.md",
        "mistakes/bucket.md",
        "mistakes/cc.md",
        "about.md",
    ]
    .into_iter()
    .map(|t| (t.to_string(), ()))
    .collect();
    let problems: Vec<String> = check_repeats(&growth, "mistakes/a.md", &targets)
        .iter()
        .map(|d| d.to_string())
        .collect();
    assert_eq!(
        problems,
        [
            "error: content/mistakes/a.md:4:1: `@/mistakes/a.md` in `repeats` is this write-up itself (link the other write-up of the same mistake)",
            "error: content/mistakes/a.md:5:1: `@/about.md` in `repeats` is a page, not a write-up (link a write-up under content/mistakes/)",
            "error: content/mistakes/a.md:6:1: `@/mistakes/c.md` in `repeats` does not exist (did you mean '@/mistakes/cc.md'?)",
        ]
    );
}
