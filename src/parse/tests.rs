use super::*;

fn parse(rel: &str, text: &str) -> (Option<Parsed>, Vec<Diagnostic>) {
    parse_source(SourceFile {
        rel_path: rel.into(),
        bytes: text.as_bytes().to_vec(),
    })
}

fn writeup(text: &str) -> Writeup {
    match parse("content/mistakes/2026-01-02-x.md", text) {
        (Some(Parsed::Writeup(w)), _) => *w,
        other => panic!("not a write-up: {other:?}"),
    }
}

/// The problems of `content/mistakes/a.md` holding `text`, which is kept
/// whatever they are, so that all of its problems are found.
fn problems_of_a_kept(text: &str) -> Vec<Diagnostic> {
    let (parsed, problems) = parse("content/mistakes/a.md", text);
    assert!(parsed.is_some(), "{problems:?}");
    problems
}

#[test]
fn a_full_writeup_parses() {
    let w = writeup(
        "\u{feff}---\ntitle: T\ndate: 2026-01-02\nstrategies: [reflect]\nlesson: L.\nseverity: high\nmood: calm\n---\nBody\n",
    );
    assert_eq!(w.doc.slug, "x");
    assert_eq!(w.doc.path, "mistakes/x/");
    assert_eq!(w.severity, Some(MistakeSeverity::High));
    assert_eq!(w.doc.extra["mood"], "calm");
    assert_eq!(w.doc.body, "Body\n");
    assert_eq!(w.doc.body_line, 9);
}

#[test]
fn missing_title_and_bad_date_are_both_reported() {
    // Kept, so that its other problems are found too; never published.
    let problems = problems_of_a_kept("---\ndate: 2026-13-45\nlesson: L\n---\n");
    let messages: Vec<String> = problems.iter().map(|d| d.to_string()).collect();
    assert!(
        messages.iter().any(|m| m.contains("no `title`")),
        "{messages:?}"
    );
    assert!(
        messages
            .iter()
            .any(|m| m.contains("a.md:2:1") && m.contains("month 13")),
        "{messages:?}"
    );
}

#[test]
fn a_blank_title_is_an_error_on_its_line() {
    let problems = problems_of_a_kept("---\ndate: 2026-01-01\ntitle: \"  \"\nlesson: L.\n---\n");
    assert_eq!(
        problems[0].to_string().split(" (").next(),
        Some("error: content/mistakes/a.md:3:1: `title` is empty")
    );
}

#[test]
fn unknown_severity_is_an_error_with_the_choices() {
    let problems =
        problems_of_a_kept("---\ntitle: T\ndate: 2026-01-01\nseverity: catastrophic\n---\n");
    assert!(
        problems
            .iter()
            .any(|d| d.is_error() && d.hint.as_deref() == Some("use low, medium or high"))
    );
}

#[test]
fn severity_is_read_in_any_case() {
    let w = writeup("---\ntitle: T\ndate: 2026-01-02\nlesson: L.\nseverity: High\n---\n");
    assert_eq!(w.severity, Some(MistakeSeverity::High));
}

#[test]
fn keys_close_to_known_ones_are_warnings_the_others_extra() {
    let text = "---\ntitle: T\ndate: 2026-01-02\nlesosn: L.\nstrategy: [reflect]\n\
                team: platform\ntags: [x]\nseries: s\nimage: i.png\nauthor: me\n\
                type: post\nlayout: l\nmood: calm\nurl: u\nid: 3\n---\n";
    let (parsed, problems) = parse("content/mistakes/a.md", text);
    let typos: Vec<String> = problems
        .iter()
        .filter(|d| d.kind == Kind::MisspelledKey)
        .map(|d| d.to_string())
        .collect();
    assert_eq!(typos.len(), 2, "{typos:?}");
    assert!(typos[0].starts_with("warning: content/mistakes/a.md:4:1: unknown front-matter key `lesosn` (did you mean `lesson`?"), "{typos:?}");
    assert!(
        typos[1].contains(":5:1: unknown front-matter key `strategy` (did you mean `strategies`?"),
        "{typos:?}"
    );
    let Some(Parsed::Writeup(w)) = parsed else {
        panic!()
    };
    assert_eq!(w.doc.extra["team"], "platform");
    assert!(w.doc.extra.contains_key("lesosn"));
}

#[test]
fn non_utf8_is_reported_with_a_position() {
    let (parsed, problems) = parse_source(SourceFile {
        rel_path: "content/mistakes/a.md".into(),
        bytes: b"---\ntitle: \xff\n".to_vec(),
    });
    assert!(parsed.is_none());
    assert_eq!(problems[0].span.as_ref().unwrap().line, 2);
}

#[test]
fn bundles_take_their_folder_name() {
    let (parsed, _) = parse(
        "content/mistakes/the-bundle/index.md",
        "---\ntitle: T\ndate: 2026-01-01\n---\n",
    );
    let Some(Parsed::Writeup(w)) = parsed else {
        panic!()
    };
    assert_eq!(w.doc.slug, "the-bundle");
    assert_eq!(w.doc.bundle_dir.as_deref(), Some("mistakes/the-bundle"));
}

#[test]
fn aliases_and_redirect_from_are_read_with_their_lines() {
    let w = writeup(
        "---\ntitle: T\ndate: 2026-01-02\naliases:\n  - /2019/03/14/old.html\n  - /old/\nredirect_from: /older\n---\n",
    );
    let found: Vec<(&str, usize)> = w
        .doc
        .aliases
        .iter()
        .map(|a| (a.file.as_str(), a.span.line))
        .collect();
    assert_eq!(
        found,
        vec![
            ("2019/03/14/old.html", 5),
            ("old/index.html", 6),
            ("older/index.html", 7)
        ]
    );
    let problems = problems_of_a_kept(
        "---\ntitle: T\ndate: 2026-01-02\naliases: [/ok/, \"https://x.y/a/\"]\n---\n",
    );
    assert!(problems[0].is_error());
    assert_eq!(
        problems[0].span.as_ref().map(|s| (s.line, s.col)),
        Some((4, 18))
    );
    assert!(problems[0].message.contains("full URL"), "{}", problems[0]);
}

#[test]
fn plain_pages_and_the_faq_are_told_apart() {
    assert!(matches!(
        parse("content/about.md", "---\ntitle: About\n---\n").0,
        Some(Parsed::Page(_))
    ));
    assert!(matches!(
        parse("content/faq.md", "---\ntitle: FAQ\n---\n").0,
        Some(Parsed::Faq(_))
    ));
}
