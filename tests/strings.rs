//! The theme's words (SPEC §3, §8): one table per language chosen by
//! `language:`, dates in that language, and `strings:` overriding any entry.

use crate::support::{CONFIG, Site, writeup};

/// A site in `language` with one write-up dated 2026-03-14 and `extra`
/// appended to the config.
fn site(language: &str, extra: &str) -> Site {
    let config = CONFIG.replace("language: en", &format!("language: {language}"));
    Site::new()
        .file("growthsite.yaml", format!("{config}{extra}"))
        .file(
            "content/mistakes/a.md",
            writeup("First one").replace("2026-01-15", "2026-03-14"),
        )
}

#[test]
fn a_german_site_shows_german_words_and_dates() {
    let site = site("de", "");
    site.run(&["build", "--quiet"]).assert_success();
    let post = site.read("public/mistakes/a/index.html");
    for german in [
        "14. März 2026",
        "Die Lektion",
        "Min. Lesezeit",
        "Zum Inhalt springen",
        "Beiträge",
    ] {
        assert!(post.contains(german), "{german} missing from the write-up");
    }
    assert!(!post.contains("The lesson"), "an English string is left");
    assert!(post.contains("<html lang=\"de\">"));
    let lessons = site.read("public/lessons/index.html");
    assert!(lessons.contains("14. März 2026") && lessons.contains("<h1>Lektionen</h1>"));
    let missing = site.read("public/404.html");
    assert!(missing.contains("Seite nicht gefunden"));
}

#[test]
fn a_french_site_writes_dates_in_french() {
    let site = site("fr-CA", "");
    site.run(&["build", "--quiet"]).assert_success();
    let post = site.read("public/mistakes/a/index.html");
    assert!(post.contains("14 mars 2026") && post.contains("La leçon"));
}

#[test]
fn a_strings_override_wins_over_the_language_table() {
    let extra = "strings:\n  the_lesson: Was ich mitnehme\n  month_3: Lenz\n";
    let site = site("de", extra);
    site.run(&["build", "--quiet"]).assert_success();
    let post = site.read("public/mistakes/a/index.html");
    assert!(
        post.contains("Was ich mitnehme"),
        "the override is not shown"
    );
    assert!(
        post.contains("14. Lenz 2026"),
        "month override not used in dates"
    );
    assert!(!post.contains("Die Lektion"));
}

#[test]
fn an_unknown_string_key_is_an_error_at_its_line() {
    let site = site("en", "strings:\n  draft: Sketch\n  the_lessen: Takeaway\n");
    site.run(&["check"])
        .assert_exit(1)
        .stderr_contains("growthsite.yaml:18:3: unknown string key `the_lessen`")
        .stderr_contains("did you mean 'the_lesson'?");
}
