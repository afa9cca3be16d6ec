//! Slugs, dates, front matter and growthsite.yaml, fuzzed in process.

use growthsite::config::parse_config;
use growthsite::load::SourceFile;
use growthsite::parse::date::Date;
use growthsite::parse::slug::{slug_from_stem, slugify};
use growthsite::parse::{Parsed, parse_source};
use proptest::prelude::*;

use super::{config, is_clean_slug, mutate, odd_text};

/// Date-shaped text: every accepted form, with digits out of range,
/// missing parts and stray characters.
pub(super) fn date_text() -> impl Strategy<Value = String> {
    let number = |digits: usize| {
        prop_oneof![
            4 => prop::collection::vec(0u8..10, digits..=digits)
                .prop_map(|d| d.iter().map(|d| char::from(b'0' + d)).collect::<String>()),
            1 => "[0-9a-z ]{0,3}",
        ]
    };
    let zone = prop::sample::select(vec![
        "", "Z", "z", "+01:00", "-05:30", "+0100", " +0100", " -12:00", "+24:00", "+1", "+01:", "-",
    ]);
    let separator = prop::sample::select(vec!["T", "t", " ", "_", ""]);
    let time = prop_oneof![
        Just(String::new()),
        (separator, number(2), number(2), zone.clone())
            .prop_map(|(s, h, m, z)| format!("{s}{h}:{m}{z}")),
        (number(2), number(2), number(2), "(\\.[0-9]{1,9})?", zone)
            .prop_map(|(h, m, sec, frac, z)| format!("T{h}:{m}:{sec}{frac}{z}")),
    ];
    (number(4), number(2), number(2), time, " {0,2}")
        .prop_map(|(y, m, d, t, pad)| format!("{pad}{y}-{m}-{d}{t}{pad}"))
}

/// One front matter value: scalars, quoted and block strings, lists,
/// maps, anchors, tags, dates.
pub(super) fn yaml_value() -> impl Strategy<Value = String> {
    prop_oneof![
        odd_text(6),
        date_text(),
        odd_text(4).prop_map(|t| format!("\"{}\"", t.replace('"', "\\\""))),
        odd_text(4).prop_map(|t| format!("'{}'", t.replace('\'', "''"))),
        odd_text(6).prop_map(|t| format!("|\n  {}", t.replace('\n', "\n  "))),
        prop::collection::vec(odd_text(3), 0..4).prop_map(|v| format!("[{}]", v.join(", "))),
        prop::collection::vec(odd_text(3), 1..4).prop_map(|v| format!(
            "\n{}",
            v.iter().map(|i| format!("  - {i}\n")).collect::<String>()
        )),
        (odd_text(3), odd_text(3))
            .prop_map(|(q, a)| format!("\n  - question: {q}\n    answer: {a}")),
        prop::sample::select(vec![
            "",
            "~",
            "null",
            "true",
            "no",
            "0",
            "-1",
            "1e400",
            ".nan",
            "{}",
            "[]",
            "&a x",
            "*a",
            "!!binary aGVsbG8=",
            "!!str 1",
            "low",
            "medium",
            "high",
            "2026-02-29",
            "[reflect]",
            "../../evil",
            "{a: [b, {c: d}]}",
            "- a\n- b",
        ])
        .prop_map(str::to_string),
    ]
}

/// A content file: front matter built from known and unknown keys, a
/// Markdown body, then a few byte-level edits.
fn content_file() -> impl Strategy<Value = (String, Vec<u8>)> {
    let key = prop_oneof![
        6 => prop::sample::select(vec![
            "title", "date", "updated", "strategies", "lesson", "severity", "summary", "slug",
            "draft", "faq", "description", "extra",
        ])
        .prop_map(str::to_string),
        1 => "[a-z_]{1,8}",
        1 => odd_text(2),
    ];
    let entry = (key, yaml_value()).prop_map(|(k, v)| format!("{k}: {v}\n"));
    let path = prop::sample::select(vec![
        "content/mistakes/a.md",
        "content/mistakes/2026-03-14-a.md",
        "content/mistakes/2026-03-14_x/index.md",
        "content/mistakes/Über Uns/index.md",
        "content/mistakes/???.md",
        "content/about.md",
        "content/faq.md",
        "content/deep/er/page.md",
        "content/-/a.md",
    ]);
    let bom = prop::sample::select(vec!["", "\u{feff}"]);
    let close = prop::sample::select(vec!["---\n", "...\n", "--- \r\n", "", "----\n"]);
    (
        path,
        bom,
        prop::collection::vec(entry, 0..8),
        close,
        odd_text(16),
    )
        .prop_flat_map(|(path, bom, entries, close, body)| {
            let text = format!("{bom}---\n{}{close}{body}", entries.concat());
            (Just(path.to_string()), mutate(text))
        })
}

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn slugs_are_clean_and_stable(text in prop_oneof![odd_text(12), any::<String>()]) {
        for slug in [slugify(&text), slug_from_stem(&text)] {
            prop_assert!(slug.is_empty() || is_clean_slug(&slug), "{text:?} -> {slug:?}");
            prop_assert_eq!(slugify(&slug), slug.clone(), "slugify is not idempotent");
        }
    }

    #[test]
    fn dates_that_parse_print_back_to_themselves(text in prop_oneof![date_text(), any::<String>()]) {
        if let Ok(date) = Date::parse(&text) {
            let printed = date.rfc3339();
            let again = Date::parse(&printed);
            prop_assert!(again.is_ok(), "{text:?} -> {printed:?} does not parse");
            prop_assert_eq!(again.unwrap().rfc3339(), printed.clone());
            let day = Date::parse(&date.ymd());
            prop_assert!(day.is_ok(), "{text:?} -> {:?} does not parse", date.ymd());
            prop_assert_eq!(day.unwrap().ymd(), date.ymd());
            prop_assert!(!date.display().is_empty());
        }
    }

    #[test]
    fn front_matter_never_panics_and_keeps_its_invariants((path, bytes) in content_file()) {
        let (parsed, problems) = parse_source(SourceFile { rel_path: path.clone(), bytes });
        for problem in &problems {
            let span = problem.span.as_ref();
            prop_assert!(span.is_some_and(|s| s.file == path && s.line >= 1), "{problem}");
        }
        // A file with errors keeps its document when its YAML parsed, so
        // that its other problems are found in the same run; the
        // invariants below hold for it all the same, but for its title.
        let has_error = problems.iter().any(|p| p.is_error());
        let Some(parsed) = parsed else { return Ok(()) };
        let doc = match &parsed {
            Parsed::Writeup(w) => {
                let printed = w.date.rfc3339();
                prop_assert_eq!(Date::parse(&printed).map(|d| d.rfc3339()), Ok(printed));
                &w.doc
            }
            Parsed::Faq(p) | Parsed::Page(p) => &p.doc,
        };
        prop_assert!(is_clean_slug(&doc.slug), "slug {:?}", doc.slug);
        let segments: Vec<&str> = doc.path.trim_end_matches('/').split('/').collect();
        prop_assert!(doc.path.ends_with('/'), "path {:?}", doc.path);
        prop_assert!(segments.iter().all(|s| is_clean_slug(s)), "path {:?} of {path}", doc.path);
        prop_assert!(has_error || !doc.title.trim().is_empty());
    }

    #[test]
    fn growthsite_yaml_never_panics(
        text in (prop::collection::vec(
            (prop::sample::select(vec![
                "title", "base_url", "cname", "deploy_branch", "theme", "paginate_by",
                "feed_limit", "language", "strategies", "extra", "author",
            ]), yaml_value()).prop_map(|(k, v)| format!("{k}: {v}\n")),
            0..8,
        ).prop_map(|e| e.concat()))
    ) {
        let base = "title: T\nbase_url: https://alice.github.io/\n";
        for text in [text.clone(), format!("{base}{text}")] {
            match parse_config("growthsite.yaml", &text) {
                Ok(config) => prop_assert!(config.base_url.ends_with('/')),
                Err(problems) => {
                    prop_assert!(!problems.is_empty());
                    for problem in problems {
                        let span = problem.span.as_ref();
                        prop_assert!(span.is_some_and(|s| s.line >= 1), "{problem}");
                    }
                }
            }
        }
    }
}
