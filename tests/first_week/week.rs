//! The whole first week through the real binary, as issue 12 tells it:
//! `init`, delete every sample file, `new` twice, `serve` showing the
//! draft with its banner (over real HTTP, once serve says it is
//! listening), `check`, `build`, and `deploy` to a local bare remote. Every
//! step must pass without an error or a warning a new user would not
//! understand.

use crate::deploy::{branch_files, git, growthsite, make_repo};
use crate::first_week::samples::SAMPLE_FILES;
use crate::serve::Preview;
use crate::support::Site;

#[test]
fn the_first_week_from_init_to_deploy() {
    // Day 1: a new site, made mine.
    let site = Site::new();
    site.run(&["init", "."])
        .assert_success()
        .stdout_contains("Next steps:");
    for file in SAMPLE_FILES {
        site.remove(file);
    }
    let config = site
        .read("growthsite.yaml")
        .replace("author: Your Name", "author: Alice Example")
        .replace("https://example.com/", "https://alice.github.io/growth/");
    site.write("growthsite.yaml", config);

    // Days 2 and 3: two write-ups; the first is finished, the second not.
    let first = site.run(&[
        "new",
        "Merged without running the tests",
        "--strategy",
        "acknowledge",
    ]);
    first.assert_success();
    let first = first.stdout.trim().to_string();
    assert_eq!(
        first,
        "content/mistakes/merged-without-running-the-tests.md"
    );
    let second = site.run(&["new", "Promised a date I could not keep"]);
    second.assert_success();
    let second = second.stdout.trim().to_string();
    let text = site
        .read(&first)
        .replace("lesson: \"\"", "lesson: Green locally is not green.")
        .replace("draft: true", "draft: false");
    site.write(&first, text);
    let text = site
        .read(&second)
        .replace("strategies: []", "strategies: [reflect]")
        .replace("lesson: \"\"", "lesson: Give a range, not a date.");
    site.write(&second, text);

    // Day 4: the preview shows the draft, marked, and the finished one.
    {
        let preview = Preview::start(&site, &[]);
        assert!(preview.url.ends_with("/growth/"), "{}", preview.url);
        let draft = preview.get("mistakes/promised-a-date-i-could-not-keep/");
        assert_eq!(draft.status, 200, "the draft is in the preview");
        let draft = draft.text();
        assert!(draft.contains("<h1>Promised a date I could not keep</h1>"));
        assert!(
            draft.contains("class=\"unpublished\" role=\"note\"><strong>Draft</strong>"),
            "{draft}"
        );
        let done = preview.get("mistakes/merged-without-running-the-tests/");
        assert_eq!(done.status, 200);
        assert!(!done.text().contains("class=\"unpublished\""));
        let home = preview.get("").text();
        assert!(home.contains("Merged without running the tests"));
        assert!(home.contains("Promised a date I could not keep"));
    }

    // Day 5: check and build are clean, and build says what it left out.
    site.run(&["check"])
        .assert_success()
        .stderr_contains("check passed: 0 errors, 0 warnings");
    site.run(&["build"])
        .assert_success()
        .stderr_lacks("warning")
        .stderr_contains("built 1 write-up")
        .stderr_contains("left out 1 draft (build --drafts includes it)");
    assert!(site.exists("public/mistakes/merged-without-running-the-tests/index.html"));
    assert!(!site.exists("public/mistakes/promised-a-date-i-could-not-keep"));

    // Day 6: published from a branch, to a (local, bare) remote.
    std::fs::remove_dir_all(site.path("public")).expect("remove public/");
    let origin = make_repo(&site);
    let deploy = growthsite(&site, &["deploy"]);
    deploy
        .assert_success()
        .stdout_contains("left out 1 draft (deploy --drafts includes it)")
        .stdout_contains("committed the site to gh-pages")
        .stdout_contains("pushed gh-pages to origin")
        .stderr_lacks("error")
        .stderr_lacks("sample");
    let published = branch_files(&site, &origin, "gh-pages");
    assert!(published.contains_key("mistakes/merged-without-running-the-tests/index.html"));
    assert!(
        !published.keys().any(|p| p.contains("promised-a-date")),
        "the draft stays out"
    );
    let index = String::from_utf8_lossy(&published["index.html"]).into_owned();
    assert!(index.contains("href=\"/growth/mistakes/merged-without-running-the-tests/\""));
    assert_eq!(
        git(&site, &origin, &["rev-parse", "gh-pages"]),
        git(&site, site.root(), &["rev-parse", "gh-pages"])
    );
}
