use super::*;

fn stuck(note: Option<&str>) -> NewRevisit<'_> {
    NewRevisit {
        date: "2026-09-01",
        outcome: Outcome::Stuck,
        note,
    }
}

/// Adds a revisit (stuck, 2026-09-01, with `note`) to `text` and checks
/// the file it gives.
fn edits_to(text: &str, note: Option<&str>, expected: &str) {
    assert_eq!(
        add_revisit(text, &stuck(note)).unwrap(),
        expected,
        "{text:?}"
    );
}

#[test]
fn a_first_revisit_opens_the_list_before_the_closing_fence() {
    edits_to(
        "---\ntitle: T  # keep me\ndate: 2026-03-14\n# revisits:\n#   - date: 2026-09-01\n---\nBody\n",
        Some("It held: three migrations since."),
        "---\ntitle: T  # keep me\ndate: 2026-03-14\n# revisits:\n#   - date: 2026-09-01\nrevisits:\n  - date: 2026-09-01\n    note: \"It held: three migrations since.\"\n    outcome: stuck\n---\nBody\n",
    );
}

#[test]
fn later_revisits_follow_the_last_one_at_its_indent() {
    edits_to(
        "---\ntitle: T\nrevisits:\n- date: 2026-05-01\n  note: >-\n    Folded\n    text.\n  outcome: slipped   # sadly\n\n# next\nlesson: L\n---\n",
        None,
        "---\ntitle: T\nrevisits:\n- date: 2026-05-01\n  note: >-\n    Folded\n    text.\n  outcome: slipped   # sadly\n- date: 2026-09-01\n  outcome: stuck\n\n# next\nlesson: L\n---\n",
    );
}

#[test]
fn an_empty_list_becomes_a_block_and_keeps_its_comment() {
    edits_to(
        "---\ntitle: T\nrevisits: []  # none yet\n---\n",
        None,
        "---\ntitle: T\nrevisits: # none yet\n  - date: 2026-09-01\n    outcome: stuck\n---\n",
    );
}

#[test]
fn crlf_files_stay_crlf_and_notes_may_span_lines() {
    edits_to(
        "---\r\ntitle: T\r\n---\r\nBody\r\n",
        Some("First line.\n\n- a list"),
        "---\r\ntitle: T\r\nrevisits:\r\n  - date: 2026-09-01\r\n    note: |-\r\n      First line.\r\n\r\n      - a list\r\n    outcome: stuck\r\n---\r\nBody\r\n",
    );
}

#[test]
fn flow_lists_and_missing_front_matter_are_refused() {
    let flow = "---\nrevisits: [{date: 2026-05-01, outcome: stuck}]\n---\n";
    assert!(
        add_revisit(flow, &stuck(None))
            .unwrap_err()
            .contains("flow style")
    );
    assert!(
        add_revisit("no front matter", &stuck(None))
            .unwrap_err()
            .contains("no front matter")
    );
}

#[test]
fn the_edit_is_checked_by_the_parser() {
    let text = "---\ntitle: T\ndate: 2026-10-01\nlesson: L\n---\n";
    let edited = add_revisit(text, &stuck(None)).unwrap();
    let error = check_edit("content/mistakes/t.md", text, &edited, &stuck(None)).unwrap_err();
    let Error::Content(found) = error else {
        panic!("{error:?}")
    };
    let messages: Vec<String> = found.sorted().iter().map(|d| d.to_string()).collect();
    assert!(
        messages[0].contains("t.md:6:1: `date: 2026-09-01` is before the write-up's date"),
        "{messages:?}"
    );
    let fine = "---\ntitle: T\ndate: 2026-03-01\nlesson: L\n---\n";
    let edited = add_revisit(fine, &stuck(None)).unwrap();
    assert!(check_edit("content/mistakes/t.md", fine, &edited, &stuck(None)).is_ok());
}
