//! Front matter a new user gets slightly wrong: `severity: High` is read
//! as `high`; a key close to a known one (`lesosn:`, `strategy:`) is a
//! warning with "did you mean"; a strategy growthsite.yaml does not list
//! is a warning and stays on the page, unlinked, instead of vanishing.
//! (The error messages themselves are cases in tests/fixtures/invalid/:
//! front-matter-tab-indent, front-matter-unclosed-quote,
//! one-file-every-problem.)

use crate::support::Site;

#[test]
fn severity_is_read_in_any_case() {
    let text = "---\ntitle: Loud\ndate: 2026-01-15\nstrategies: [reflect]\nlesson: L.\n\
                severity: High\n---\nBody.\n";
    let site = Site::with_config().file("content/mistakes/loud.md", text);
    site.run(&["build"])
        .assert_success()
        .stderr_lacks("severity");
    assert!(
        site.read("public/mistakes/loud/index.html")
            .contains("<span class=\"sev sev-high\">High severity</span>")
    );
}

#[test]
fn a_singular_strategy_key_is_a_warning_with_the_right_name() {
    let text =
        "---\ntitle: Singular\ndate: 2026-01-15\nstrategy: [reflect]\nlesosn: L.\n---\nBody.\n";
    let site = Site::with_config().file("content/mistakes/singular.md", text);
    site.run(&["build"])
        .assert_success()
        .stderr_contains(
            "warning: content/mistakes/singular.md:4:1: unknown front-matter key `strategy` \
             (did you mean `strategies`?",
        )
        .stderr_contains(
            "warning: content/mistakes/singular.md:5:1: unknown front-matter key `lesosn` \
             (did you mean `lesson`?",
        );
    // A key far from every known one is a value for templates, silently.
    let text = "---\ntitle: Team\ndate: 2026-01-15\nstrategies: [reflect]\nlesson: L.\n\
                team: platform\n---\nBody.\n";
    let site = Site::with_config().file("content/mistakes/team.md", text);
    site.run(&["build"])
        .assert_success()
        .stderr_lacks("warning");
}

#[test]
fn an_unknown_strategy_stays_visible_on_the_page() {
    let text = "---\ntitle: Typo\ndate: 2026-01-15\nstrategies: [reflect, reflct]\nlesson: L.\n---\nBody.\n";
    let site = Site::with_config().file("content/mistakes/typo.md", text);
    site.run(&["build"]).assert_success().stderr_contains(
        "warning: content/mistakes/typo.md:4:1: unknown strategy `reflct` (did you mean 'reflect'?)",
    );
    let page = site.read("public/mistakes/typo/index.html");
    assert!(
        page.contains(">Reflect</a></li><li><span class=\"chip-unknown\""),
        "{page}"
    );
    assert!(page.contains(">reflct</span></li></ul>"), "{page}");
    let home = site.read("public/index.html");
    assert!(home.contains(">reflct</span>"), "the card shows it too");
    site.run(&["check"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/typo.md:4:1: unknown strategy `reflct`");
}
