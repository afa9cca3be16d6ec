//! Bad input, end to end through the binary: each case exits 1, names the
//! file and line as `error: <file>:<line>:<col>: ...`, and leaves the
//! output of the previous good build byte for byte as it was.

use crate::support::{Run, Site, Tree, writeup};

/// A site with one good write-up, built once into public/.
fn built_site() -> Site {
    let site = Site::with_config().file("content/mistakes/good.md", writeup("Good"));
    site.run(&["build"]).assert_success();
    site
}

/// Builds `site` again: it must fail and leave public/ as it was.
#[track_caller]
fn rebuild_fails(site: &Site) -> Run {
    let before = Tree::read(&site.path("public"));
    let run = site.run(&["build"]);
    run.assert_exit(1);
    before.assert_unchanged(&site.path("public"));
    run
}

/// Adds a write-up to a built site; the rebuild must fail on it.
#[track_caller]
fn bad_writeup(name: &str, text: impl AsRef<[u8]>) -> Run {
    let site = built_site();
    site.write(&format!("content/mistakes/{name}"), text);
    rebuild_fails(&site)
}

#[test]
fn yaml_syntax_error_in_front_matter() {
    bad_writeup(
        "bad.md",
        "---\ntitle: Fine\ndate: 2026-01-01\nlesson: one: two\n---\nBody.\n",
    )
    .stderr_contains("error: content/mistakes/bad.md:4:")
    .stderr_contains("front matter is not valid YAML");
}

#[test]
fn front_matter_never_closed() {
    bad_writeup("open.md", "---\ntitle: Open\ndate: 2026-01-01\n\nBody.\n")
        .stderr_contains("error: content/mistakes/open.md:1:1: the front matter is never closed");
}

#[test]
fn missing_title() {
    bad_writeup(
        "untitled.md",
        "---\ndate: 2026-01-01\nlesson: L.\n---\nBody.\n",
    )
    .stderr_contains("error: content/mistakes/untitled.md:1:1: the front matter has no `title`");
}

#[test]
fn missing_date() {
    bad_writeup(
        "undated.md",
        "---\ntitle: Undated\nlesson: L.\n---\nBody.\n",
    )
    .stderr_contains("error: content/mistakes/undated.md:1:1: the front matter has no `date`");
}

#[test]
fn date_that_does_not_exist() {
    bad_writeup(
        "baddate.md",
        "---\ntitle: Bad date\nlesson: L.\ndate: 2026-13-45\n---\nBody.\n",
    )
    .stderr_contains("error: content/mistakes/baddate.md:4:1: `date` `2026-13-45`")
    // The hint shows the accepted forms.
    .stderr_contains("2026-03-14T09:30:00+01:00");
}

#[test]
fn unknown_severity() {
    bad_writeup(
        "severe.md",
        "---\ntitle: Severe\ndate: 2026-01-01\nlesson: L.\nseverity: catastrophic\n---\n",
    )
    .stderr_contains("error: content/mistakes/severe.md:5:1: `severity: catastrophic`")
    .stderr_contains("low, medium or high");
}

#[test]
fn strategies_given_as_a_number() {
    bad_writeup(
        "number.md",
        "---\ntitle: Number\ndate: 2026-01-01\nstrategies: 3\nlesson: L.\n---\n",
    )
    .stderr_contains("error: content/mistakes/number.md:4:1: `strategies` must be a list")
    .stderr_contains("found a number");
}

#[test]
fn strategies_given_as_a_map() {
    bad_writeup(
        "map.md",
        "---\ntitle: Map\ndate: 2026-01-01\nlesson: L.\nstrategies:\n  reflect: yes\n---\n",
    )
    .stderr_contains("error: content/mistakes/map.md:5:1: `strategies` must be a list")
    .stderr_contains("found a map");
}

#[test]
fn file_that_is_not_utf8() {
    // Latin-1 "Café": the é is byte 0xE9, the 11th character of line 2.
    bad_writeup(
        "latin1.md",
        b"---\ntitle: Caf\xe9 !\ndate: 2026-01-01\n---\n".as_slice(),
    )
    .stderr_contains("error: content/mistakes/latin1.md:2:11: the file is not UTF-8 text");
}

#[test]
fn two_writeups_with_the_same_slug() {
    let site = built_site();
    site.write("content/mistakes/2026-01-01-same.md", writeup("Dated"));
    site.write("content/mistakes/same.md", writeup("Undated"));
    rebuild_fails(&site).stderr_contains(
        "error: content/mistakes/same.md:1:1: `content/mistakes/2026-01-01-same.md` \
         already publishes to /mistakes/same/",
    );
}

#[test]
fn link_to_a_missing_file() {
    let text = "---\ntitle: Linker\ndate: 2026-01-01\nlesson: L.\n---\nFirst line.\n\n\
                See [the other one](@/mistakes/nowhere.md).\n";
    bad_writeup("linker.md", text)
        .stderr_contains("error: content/mistakes/linker.md:8:5: link to `@/mistakes/nowhere.md`");
}

#[test]
fn unknown_key_in_config() {
    let site = built_site();
    site.write(
        "growthsite.yaml",
        format!("{}paginate: 5\n", crate::support::CONFIG),
    );
    rebuild_fails(&site)
        .stderr_contains("error: growthsite.yaml:16:1: unknown field `paginate`")
        // The known keys are listed.
        .stderr_contains("`paginate_by`");
}

#[test]
fn unknown_key_in_a_config_strategy() {
    let site = built_site();
    site.write(
        "growthsite.yaml",
        format!(
            "{}  - slug: adapt\n    nam: Adapt\n",
            crate::support::CONFIG
        ),
    );
    rebuild_fails(&site)
        .stderr_contains("error: growthsite.yaml:17:")
        .stderr_contains("unknown field `nam`");
}

#[test]
fn yaml_error_in_config() {
    let site = built_site();
    let broken = crate::support::CONFIG.replace("author: Test Author", "author: \"Test\" Author");
    site.write("growthsite.yaml", broken);
    rebuild_fails(&site).stderr_contains("error: growthsite.yaml:4:");
}

#[test]
fn missing_config_tells_to_run_init() {
    let site = built_site();
    site.remove("growthsite.yaml");
    rebuild_fails(&site)
        .stderr_contains("error: no growthsite.yaml")
        .stderr_contains("growthsite init");
}

#[test]
fn template_syntax_error_names_the_template_and_line() {
    let site = built_site();
    site.write(
        "templates/page.html",
        "<html>\n<body>\n{{ page.title }}\n{% if %}\n</body>\n",
    );
    rebuild_fails(&site).stderr_contains("error: templates/page.html:4:");
}

#[test]
fn template_with_an_undefined_variable() {
    let site = built_site();
    site.write(
        "templates/mistake.html",
        "<h1>{{ page.title }}</h1>\n\n{{ mood_of_the_day }}\n",
    );
    rebuild_fails(&site)
        .stderr_contains("error: templates/mistake.html:3:")
        .stderr_contains("mood_of_the_day");
}

#[test]
fn template_with_an_undefined_field() {
    let site = built_site();
    site.write(
        "templates/mistake.html",
        "<h1>{{ page.title }}</h1>\n{{ page.weather }}\n",
    );
    rebuild_fails(&site)
        .stderr_contains("error: templates/mistake.html:2:")
        .stderr_contains("weather");
}

#[test]
fn output_folder_with_files_growthsite_did_not_write() {
    let site = Site::with_config()
        .file("content/mistakes/good.md", writeup("Good"))
        .file("../mine/notes.txt", "my own notes\n")
        .file("../mine/deeper/photo.jpg", b"\xff\xd8\xff".as_slice());
    let mine = Tree::read(&site.scratch("mine"));
    site.run(&["build", "-o", "../mine"])
        .assert_exit(1)
        // The path as given (`[ROOT]/../mine` today), then the reason.
        .stderr_contains("mine: refusing to write the site here")
        .stderr_contains("not written by growthsite");
    mine.assert_unchanged(&site.scratch("mine"));
}

#[test]
fn output_folder_is_the_site_itself() {
    let site = Site::example();
    site.run(&["build"]).assert_success();
    let everything = Tree::read(site.root());
    site.run(&["build", "-o", "."])
        .assert_exit(1)
        .stderr_contains("refusing to write the site here");
    everything.assert_unchanged(site.root());
}

#[test]
fn output_folder_is_the_content_folder() {
    let site = Site::example();
    site.run(&["build"]).assert_success();
    let everything = Tree::read(site.root());
    site.run(&["build", "-o", "content"])
        .assert_exit(1)
        .stderr_contains("refusing to write the site here");
    everything.assert_unchanged(site.root());
}

#[test]
fn every_error_of_a_run_is_reported_sorted() {
    let site = built_site();
    site.write(
        "content/mistakes/b-untitled.md",
        "---\ndate: 2026-01-01\n---\n",
    );
    site.write(
        "content/mistakes/a-bad-date.md",
        "---\ntitle: A\ndate: 2026-02-30\n---\n",
    );
    site.write("content/about.md", "---\ntitle: [About\n---\n");
    let run = rebuild_fails(&site);
    let errors = run.stderr_lines("error: ");
    assert_eq!(errors.len(), 3, "{}", run.stderr);
    // The unclosed `[` is found where the YAML ends: the closing fence.
    assert!(
        errors[0].starts_with("error: content/about.md:3:"),
        "{errors:#?}"
    );
    assert!(
        errors[1].starts_with("error: content/mistakes/a-bad-date.md:3:1:"),
        "{errors:#?}"
    );
    assert!(
        errors[2].starts_with("error: content/mistakes/b-untitled.md:1:1:"),
        "{errors:#?}"
    );
    run.stderr_contains("3 errors");
}

#[test]
fn date_with_non_ascii_text_is_an_error_not_a_crash() {
    bad_writeup(
        "accent.md",
        "---\ntitle: Accent\ndate: 2026-01-0é\nlesson: L.\n---\n",
    )
    .stderr_contains("error: content/mistakes/accent.md:3:1: `date` `2026-01-0é` is not a date");
}

#[test]
fn blank_title() {
    bad_writeup(
        "blank.md",
        "---\ndate: 2026-01-01\ntitle: \"\"\nlesson: L.\n---\nBody.\n",
    )
    .stderr_contains("error: content/mistakes/blank.md:3:1: `title` is empty");
}

#[test]
fn a_template_error_met_on_every_page_is_reported_and_counted_once() {
    let site = built_site();
    site.write("content/mistakes/second.md", writeup("Second"));
    site.write("content/mistakes/third.md", writeup("Third"));
    site.write("templates/mistake.html", "{{ page.title }}\n{{ nosuch }}\n");
    let run = rebuild_fails(&site);
    let errors = run.stderr_lines("error: ");
    assert_eq!(errors.len(), 1, "{}", run.stderr);
    assert!(
        errors[0].starts_with("error: templates/mistake.html:2:"),
        "{errors:?}"
    );
    run.stderr_contains("\n1 error, 0 warnings\n");
}
