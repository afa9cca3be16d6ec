//! Drafts and write-ups dated after today: `serve` shows them, each with a
//! visible banner (`--no-drafts` hides them, as `build` does); `build` and
//! `deploy` leave them out and say how many (`--drafts`, `--future`).
//! `new` writes `draft: true`, and the preview used to answer 404 for it.

use crate::serve::Preview;
use crate::support::{Site, writeup};

const DRAFT: &str = "---\ntitle: Still writing\ndate: 2026-01-20\nstrategies: [reflect]\n\
                     lesson: Not sure yet.\ndraft: true\n---\nHalf a story.\n";
const LATER: &str = "---\ntitle: Written ahead\ndate: 2999-01-01\nstrategies: [reflect]\n\
                     lesson: Patience.\n---\nNot yet.\n";

fn site_with_unpublished() -> Site {
    Site::with_config()
        .file("content/mistakes/done.md", writeup("Done"))
        .file("content/mistakes/still-writing.md", DRAFT)
        .file("content/mistakes/written-ahead.md", LATER)
}

#[test]
fn serve_shows_drafts_and_future_writeups_with_a_banner() {
    let site = site_with_unpublished();
    let preview = Preview::start(&site, &[]);
    let draft = preview.get("mistakes/still-writing/");
    assert_eq!(draft.status, 200, "the preview serves the draft");
    let text = draft.text();
    assert!(
        text.contains("class=\"unpublished\" role=\"note\"><strong>Draft</strong>"),
        "{text}"
    );
    let later = preview.get("mistakes/written-ahead/").text();
    assert!(
        later.contains("<strong>Scheduled</strong> · dated 1 January 2999"),
        "{later}"
    );
    let home = preview.get("").text();
    assert!(home.contains("Still writing") && home.contains("<strong>Draft</strong>"));
    let done = preview.get("mistakes/done/").text();
    assert!(!done.contains("class=\"unpublished\""), "{done}");
}

#[test]
fn serve_no_drafts_previews_what_build_publishes() {
    let site = site_with_unpublished();
    let preview = Preview::start(&site, &["--no-drafts"]);
    assert_eq!(preview.get("mistakes/done/").status, 200);
    assert_eq!(preview.get("mistakes/still-writing/").status, 404);
    assert_eq!(preview.get("mistakes/written-ahead/").status, 404);
}

#[test]
fn build_says_what_it_left_out_and_builds_it_when_asked() {
    let site = site_with_unpublished();
    site.run(&["build"]).assert_success().stderr_contains(
        "left out 1 draft (build --drafts includes it) and 1 write-up dated after today \
         (build --future includes it)",
    );
    assert!(!site.exists("public/mistakes/still-writing"));
    assert!(!site.exists("public/mistakes/written-ahead"));
    site.run(&["build", "--drafts", "--future"])
        .assert_success()
        .stderr_lacks("left out");
    assert!(
        site.read("public/mistakes/still-writing/index.html")
            .contains("<strong>Draft</strong>")
    );
    assert!(
        site.read("public/mistakes/written-ahead/index.html")
            .contains("<strong>Scheduled</strong>")
    );
    let run = site.run(&["build", "--drafts"]);
    run.assert_success()
        .stderr_contains("left out 1 write-up dated after today (build --future includes it)");
}

#[test]
fn today_is_source_date_epoch_when_it_is_set() {
    // 2026-01-14T12:00:00Z: the write-up dated 2026-01-15 is the next day's.
    let site = Site::with_config().file("content/mistakes/done.md", writeup("Done"));
    let run = site.run_env(&[("SOURCE_DATE_EPOCH", "1768392000")], &["build"]);
    run.assert_success()
        .stderr_contains("built 0 write-ups")
        .stderr_contains("left out 1 write-up dated after today");
    let run = site.run_env(&[("SOURCE_DATE_EPOCH", "1768478400")], &["build"]);
    run.assert_success()
        .stderr_contains("built 1 write-up")
        .stderr_lacks("left out");
}
