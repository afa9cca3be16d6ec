//! The growth loop (SPEC §9, issue 14) through the binary: goals and
//! revisits checked at their lines, overdue judged on SOURCE_DATE_EPOCH,
//! reproducible builds, `growthsite revisit` editing a write-up in place,
//! and the examples `new` writes. The golden fixture is in golden.rs.

use crate::support::{Site, Tree, assert_same_tree};

/// 2026-06-15 12:00 UTC.
const JUNE_15: &str = "1781524800";
/// 2026-09-01 12:00 UTC.
const SEPTEMBER_1: &str = "1788264000";

/// A write-up dated 2026-03-14 with `extra` front matter lines.
fn writeup_with(title: &str, extra: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2026-03-14\nstrategies: [reflect]\nlesson: Check first.\n{extra}---\nWhat happened.\n"
    )
}

/// Every error of the growth keys, at its line, is in
/// tests/fixtures/invalid/growth-loop-errors; here, the links of `repeats`
/// are checked against the published documents as `@/` links are.
#[test]
fn repeats_must_link_another_published_writeup() {
    let bad = writeup_with(
        "Links",
        "repeats: [\"@/mistakes/god.md\", \"@/about.md\", \"@/mistakes/draft.md\"]\n",
    );
    let site = Site::with_config()
        .file("content/mistakes/good.md", writeup_with("Good", ""))
        .file(
            "content/mistakes/draft.md",
            writeup_with("Draft", "draft: true\n"),
        )
        .file("content/mistakes/bad.md", bad)
        .file("content/about.md", "---\ntitle: About\n---\nMe.\n");
    site.run(&["check"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/bad.md:6:1: `@/mistakes/god.md` in `repeats` does not exist (did you mean '@/mistakes/good.md'?)")
        .stderr_contains("error: content/mistakes/bad.md:6:1: `@/about.md` in `repeats` is a page, not a write-up (link a write-up under content/mistakes/)")
        .stderr_contains("error: content/mistakes/bad.md:6:1: `@/mistakes/draft.md` in `repeats` does not exist");
    // With --drafts the draft is published, and the link resolves.
    site.run(&["build", "--quiet", "--drafts"])
        .assert_exit(1)
        .stderr_lacks("draft.md` in `repeats`");
}

#[test]
fn overdue_is_judged_on_the_build_date() {
    let site = Site::with_config().file(
        "content/mistakes/a.md",
        writeup_with(
            "A",
            "goals:\n  - goal: Write the rollback first\n    by: 2026-07-31\n",
        ),
    );
    let build = |epoch: &str, out: &str| {
        site.run_env(
            &[("SOURCE_DATE_EPOCH", epoch)],
            &["build", "--quiet", "-o", out],
        )
        .assert_success();
        Tree::read(&site.path(out))
    };
    let june = build(JUNE_15, "june");
    let september = build(SEPTEMBER_1, "september");
    let goal = |tree: &Tree| {
        let html = tree.text("mistakes/a/index.html");
        let start = html.find("<li id=\"goal-1\"").expect("the goal is listed");
        html[start..start + html[start..].find("</li>").unwrap()].to_string()
    };
    assert!(
        goal(&june).contains("class=\"goal goal-open\""),
        "{}",
        goal(&june)
    );
    assert!(goal(&june).contains("due <time datetime=\"2026-07-31\">31 July 2026</time>"));
    assert!(
        goal(&september).contains("class=\"goal goal-overdue\""),
        "{}",
        goal(&september)
    );
    assert!(
        goal(&september)
            .contains("was due <time datetime=\"2026-07-31\">31 July 2026</time>, 32 days ago")
    );
    let progress = september.text("progress/index.html");
    assert!(
        progress.contains("<dt>Overdue</dt><dd><span class=\"big\">1</span>"),
        "{progress}"
    );
    assert!(progress.contains("as of <time datetime=\"2026-09-01\">1 September 2026</time>"));
}

#[test]
fn the_progress_page_speaks_the_sites_language() {
    let site = Site::fixture("growth");
    let config = site.read("growthsite.yaml");
    site.write(
        "growthsite.yaml",
        config.replace("author: Test Author", "author: Test Author\nlanguage: de"),
    );
    site.run_env(&[("SOURCE_DATE_EPOCH", JUNE_15)], &["build", "--quiet"])
        .assert_success();
    let tree = Tree::read(&site.path("public"));
    let progress = tree.text("progress/index.html");
    for words in [
        "<h1>Fortschritt</h1>",
        "Hat es gehalten?",
        "zum <time datetime=\"2026-06-15\">15. Juni 2026</time>",
        "aria-label=\"Gesetzte und erreichte Ziele pro Quartal, Q4 2025 bis Q1 2026: 7 gesetzt und 3 erreicht",
    ] {
        assert!(progress.contains(words), "{words}\n{progress}");
    }
    let page = tree.text("mistakes/skipped-again/index.html");
    assert!(page.contains("<span class=\"state state-overdue\">Überfällig</span> war am <time datetime=\"2026-05-31\">31. Mai 2026</time> fällig, vor 15 Tagen"), "{page}");
    assert!(page.contains("Schon einmal gemacht"));
}

#[test]
fn builds_with_a_fixed_epoch_are_byte_identical() {
    let site = Site::fixture("growth");
    for out in ["one", "two"] {
        site.run_env(
            &[("SOURCE_DATE_EPOCH", JUNE_15)],
            &["build", "--quiet", "-o", out],
        )
        .assert_success();
    }
    assert_same_tree(&site.path("one"), &site.path("two"));
}

/// The golden fixture (built on 2026-06-15 in golden.rs) built on
/// 2026-09-01 instead: the goal due 2026-07-31 has become overdue, on its
/// page and on /progress/, and nothing else about the goals changed.
#[test]
fn the_fixture_follows_source_date_epoch() {
    let site = Site::fixture("growth");
    site.run_env(
        &[("SOURCE_DATE_EPOCH", SEPTEMBER_1)],
        &["build", "--quiet", "-o", "september"],
    )
    .assert_success();
    let tree = Tree::read(&site.path("september"));
    let page = tree.text("mistakes/skipped-again/index.html");
    assert!(page.contains("1 of 3 goals met, 2 overdue"), "{page}");
    assert!(
        page.contains("was due <time datetime=\"2026-07-31\">31 July 2026</time>, 32 days ago")
    );
    let progress = tree.text("progress/index.html");
    for words in [
        "<dt>Overdue</dt><dd><span class=\"big\">2</span> to pick up",
        "<h3 id=\"gs-overdue\">Overdue <span class=\"n\">2</span></h3>",
        "<dt>Goals met</dt><dd><span class=\"big\">3</span> of 7",
        "as of <time datetime=\"2026-09-01\">1 September 2026</time>",
    ] {
        assert!(progress.contains(words), "{words}\n{progress}");
    }
}

#[test]
fn revisit_appends_an_entry_and_keeps_the_rest_of_the_file() {
    let original = "---\ntitle: A   # the title\ndate: 2026-03-14\nstrategies: [reflect]\nlesson: Check first.\nrevisits:\n  - date: 2026-04-01\n    outcome: slipped  # sadly\n# a comment after the list\n---\nBody.\n";
    let site = Site::with_config()
        .file("content/mistakes/2026-03-14-a.md", original)
        .file("content/faq.md", "---\ntitle: FAQ\n---\nAsk.\n");
    site.run(&[
        "revisit",
        "a",
        "--outcome",
        "stuck",
        "--note",
        "Held for **two** months: see [the FAQ](@/faq.md).",
        "--date",
        "2026-06-01",
    ])
    .assert_success()
    .stdout_is("content/mistakes/2026-03-14-a.md: revisit of 2026-06-01 added (stuck)\n");
    assert_eq!(
        site.read("content/mistakes/2026-03-14-a.md"),
        "---\ntitle: A   # the title\ndate: 2026-03-14\nstrategies: [reflect]\nlesson: Check first.\nrevisits:\n  - date: 2026-04-01\n    outcome: slipped  # sadly\n  - date: 2026-06-01\n    note: \"Held for **two** months: see [the FAQ](@/faq.md).\"\n    outcome: stuck\n# a comment after the list\n---\nBody.\n"
    );
    site.run(&["build", "--quiet"]).assert_success();
    let html = Tree::read(&site.path("public"));
    let page = html.text("mistakes/a/index.html");
    assert!(
        page.contains("<li id=\"revisit-2\" class=\"revisit revisit-stuck\">"),
        "{page}"
    );
    assert!(
        page.contains("Held for <strong>two</strong> months: see <a href=\"/faq/\">the FAQ</a>.")
    );
    // The file path works as well as the slug.
    site.run(&[
        "revisit",
        "content/mistakes/2026-03-14-a.md",
        "--outcome",
        "changed",
        "--date",
        "2026-07-01",
    ])
    .assert_success();
    assert!(
        site.read("content/mistakes/2026-03-14-a.md")
            .contains("  - date: 2026-07-01\n    outcome: changed\n# a comment")
    );
}

#[test]
fn revisit_refuses_what_the_build_would_reject() {
    let original = writeup_with("A", "");
    let site = Site::with_config().file("content/mistakes/a.md", &original);
    site.run(&["revisit", "a", "--outcome", "stuck", "--date", "2026-01-01"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/a.md:7:1: `date: 2026-01-01` is before the write-up's date (2026-03-14)");
    site.run(&["revisit", "a", "--outcome", "stuk"])
        .assert_exit(2)
        .stderr_contains("invalid value 'stuk' for '--outcome <OUTCOME>'")
        .stderr_contains("stuck");
    site.run(&["revisit", "nope", "--outcome", "stuck"])
        .assert_exit(1)
        .stderr_contains("no write-up `nope` in content/mistakes/");
    assert_eq!(
        site.read("content/mistakes/a.md"),
        original,
        "nothing was written"
    );
}

#[test]
fn new_writes_growth_examples_that_build_once_uncommented() {
    let site = Site::with_config();
    site.run(&["new", "Missed a handover"]).assert_success();
    let path = "content/mistakes/missed-a-handover.md";
    let text = site.read(path);
    assert!(text.contains("\n# goals:"), "{text}");
    assert!(text.contains("\n# revisits:"), "{text}");
    // Uncommenting the examples (and publishing) gives a write-up that builds.
    let uncommented: String = text
        .lines()
        .map(|line| match line.strip_prefix("# ") {
            Some(rest) if !rest.starts_with("The growth loop") && !rest.starts_with("repeats") => {
                rest.to_string()
            }
            _ => line.to_string(),
        })
        .collect::<Vec<_>>()
        .join("\n")
        .replace("draft: true", "draft: false")
        .replace("lesson: \"\"", "lesson: Hand over in writing.");
    site.write(path, uncommented);
    site.run(&["build", "--quiet"]).assert_success();
    let page = Tree::read(&site.path("public"));
    let html = page.text("mistakes/missed-a-handover/index.html");
    assert!(html.contains("class=\"goal goal-met\""), "{html}");
    assert!(html.contains("class=\"revisit revisit-stuck\""), "{html}");
}

/// Many overdue goals: five are listed at a glance and the rest behind a
/// disclosure, and a chart (with its table) says how long they are late.
#[test]
fn many_overdue_goals_are_summed_up_by_how_late_they_are() {
    let by = [
        "2026-08-31",
        "2026-08-20",
        "2026-07-01",
        "2026-05-01",
        "2026-01-01",
        "2025-06-01",
        "2025-03-01",
        "2025-02-01",
    ];
    let goals: String = by
        .iter()
        .enumerate()
        .map(|(i, by)| format!("  - goal: Goal number {}\n    by: {by}\n", i + 1))
        .collect();
    let writeup = format!(
        "---\ntitle: Many goals\ndate: 2025-01-10\nstrategies: [reflect]\nlesson: Fewer goals.\ngoals:\n{goals}---\nBody.\n"
    );
    let site = Site::with_config().file("content/mistakes/many.md", writeup);
    site.run_env(&[("SOURCE_DATE_EPOCH", SEPTEMBER_1)], &["build", "--quiet"])
        .assert_success();
    let tree = Tree::read(&site.path("public"));
    let progress = tree.text("progress/index.html");
    for words in [
        "aria-label=\"8 overdue goals: 3 overdue for under 3 months, 2 for 3 to 12 months, 3 for over a year.\"",
        "<tr><th scope=\"row\">Over a year</th><td>3</td></tr>",
        "<summary>Show 3 more</summary>",
        ">Goal number 1</a> <span class=\"src\">was due <time datetime=\"2026-08-31\">31 August 2026</time>, 1 day ago · Many goals</span>",
    ] {
        assert!(progress.contains(words), "{words}\n{progress}");
    }
    let folded = &progress[progress.find("<summary>Show 3 more").unwrap()..];
    assert!(folded.contains("Goal number 6") && !folded.contains("Goal number 5"));
}
