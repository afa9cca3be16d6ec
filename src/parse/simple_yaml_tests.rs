use proptest::prelude::*;
use serde_yaml::Value;

use super::parse_simple;

/// Whenever the fast reader answers, serde_yaml reads the same mapping,
/// keys in the same order; returns whether it answered.
fn agrees(yaml: &str) -> bool {
    let Some(fast) = parse_simple(yaml) else {
        return false;
    };
    let slow: Value = serde_yaml::from_str(yaml)
        .unwrap_or_else(|e| panic!("serde_yaml rejects what the fast reader read: {e}\n{yaml}"));
    let Value::Mapping(slow) = slow else {
        panic!("serde_yaml reads no mapping from\n{yaml}");
    };
    assert_eq!(fast, slow, "different values for\n{yaml}");
    let keys = |m: &serde_yaml::Mapping| m.keys().cloned().collect::<Vec<_>>();
    assert_eq!(keys(&fast), keys(&slow), "different key order for\n{yaml}");
    true
}

#[test]
fn reads_a_generated_write_up_front_matter() {
    let yaml = r#"title: "Benchmarked a product spec with stale data"
date: 2023-09-15
strategies: [acknowledge, seek-feedback]
lesson: "Say it out loud the moment you notice a problem."
severity: low
draft: true
updated:
faq:
  - question: "How long did the fix take?"
    answer: "About ten minutes for the fix and a week to understand the cause."
  - question: "How did your manager react?"
    answer: "Calmly. The first question was \"what do you need?\", not \"why?\"."
summary: 'It''s short'
"#;
    assert!(agrees(yaml));
    let map = parse_simple(yaml).unwrap();
    assert_eq!(map["date"], Value::String("2023-09-15".into()));
    assert_eq!(map["draft"], Value::Bool(true));
    assert_eq!(map["updated"], Value::Null);
}

#[test]
fn leaves_every_other_shape_to_serde_yaml() {
    let others = [
        "",
        "\n  \n",
        "title: 12",
        "title: 1.5",
        "title: 0x1f",
        "title: ~",
        "title: a: b",
        "title: a # comment",
        "title: \"a\" # comment",
        "title: \"a\\nb\"",
        "title: \"open",
        "title: 'open",
        "title: 'a' b'",
        "title: |\n  block",
        "title: >\n  folded",
        "title: &anchor a",
        "title: *alias",
        "title: !!str a",
        "title: a\n  continued",
        "title: a\ntitle: b",
        "  title: indented",
        "# comment\ntitle: a",
        "title:\ta",
        "title: a\r\n",
        "faq:\n  - question: a\n      answer: b",
        "faq:\n  - question: a\n    answer: b\n    answer: c",
        "faq:\n  - question:\n    answer: b",
        "faq:\n  -\n    answer: b",
        "faq:\n  - a\n   - b",
        "extra:\n  nested: map",
        "strategies: [a, , b]",
        "strategies: [a, [b]]",
        "strategies: [a, 1]",
        "strategies: [a] # c",
        "null: a",
        "1: a",
        "key : a",
        "key:a",
        "date: 2023-9-15",
        "title: a\u{2028}b",
    ];
    for yaml in others {
        assert!(parse_simple(yaml).is_none(), "read fast: {yaml:?}");
    }
}

#[test]
fn agrees_on_lists_at_any_indent_and_special_words() {
    for yaml in [
        "faq:\n- question: a\n  answer: b\n- question: c\n  answer: d\nnext: e",
        "tags:\n    - one\n    - \"two\"\n    - 'three'",
        "a: null\nb: NULL\nc: True\nd: FALSE\ne: yes\nf: off\ng: nan\nh: inf",
        "strategies: []\nother: [ true, null, x y ]",
        "title: It's [fine], {really} - \"ok\"!",
        "title: \"back\\\\slash\"",
        "title: 'quote '' here'",
        "title: \"\"",
        "title: ''",
        "a:\nb:",
        "title: ünïcödé – “quotes”",
    ] {
        assert!(agrees(yaml), "not read fast: {yaml:?}");
    }
}

fn fragment() -> impl Strategy<Value = String> {
    prop::sample::select(vec![
        "title",
        "faq",
        "a",
        "null",
        "true",
        ":",
        ": ",
        " ",
        "  ",
        "- ",
        "-",
        "\n",
        "\"",
        "'",
        "\\",
        "\\\"",
        "[",
        "]",
        ",",
        "#",
        " #",
        "x y",
        "2023-09-15",
        "12",
        "1.5",
        "~",
        "|",
        "&a",
        "*a",
        "!",
        "é",
        "\t",
        "''",
        "low",
        "It's",
        "a b c",
    ])
    .prop_map(str::to_string)
}

proptest! {
    // Random texts from YAML's own punctuation: the fast reader either
    // declines or reads what serde_yaml reads.
    #[test]
    fn never_disagrees_with_serde_yaml(parts in prop::collection::vec(fragment(), 0..24)) {
        agrees(&parts.concat());
    }
}

fn line() -> impl Strategy<Value = String> {
    let indent = prop::sample::select(vec!["", "", "", "", "  ", "- ", "  - ", "    ", "-"]);
    let key = prop::sample::select(vec!["title", "faq", "a", "b", "null", "x-y", ""]);
    let sep = prop::sample::select(vec![": ", ": ", ":", " : "]);
    let whole = prop::sample::select(vec![
        "low",
        "\"a \\\" b\"",
        "'it''s'",
        "[a, b-c]",
        "[]",
        "2023-09-15",
        "true",
        "x y",
        "",
    ])
    .prop_map(|v| vec![v.to_string()]);
    let value = prop_oneof![whole, prop::collection::vec(fragment(), 0..3)];
    (indent, key, sep, value).prop_map(|(i, k, s, v)| format!("{i}{k}{s}{}", v.concat()))
}

proptest! {
    // Texts shaped like front matter, `key: value` lines at a few indents.
    #[test]
    fn never_disagrees_on_lines(lines in prop::collection::vec(line(), 1..5)) {
        agrees(&lines.join("\n"));
    }
}
