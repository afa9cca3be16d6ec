//! `growthsite init` and `growthsite new`, through the binary: a new site
//! builds and checks clean with no edit, its Pages workflow passes
//! actionlint, and neither command ever overwrites a file.

use std::process::Command;

use crate::support::{Site, Tree, writeup};

const SAMPLE: &str = "content/mistakes/approved-a-change-i-had-skimmed.md";

/// A site made by `growthsite init blog` in a fresh folder.
fn init_site(extra_args: &[&str]) -> Site {
    let site = Site::new();
    let mut args = vec!["init", "blog"];
    args.extend_from_slice(extra_args);
    site.run(&args).assert_success();
    site
}

#[test]
fn init_writes_a_complete_site_and_prints_the_next_steps() {
    let site = Site::new();
    let run = site.run(&["init", "blog"]);
    run.assert_success()
        .stdout_contains("Created a growthsite site in blog/")
        .stdout_contains("growthsite new \"What went wrong\"")
        .stdout_contains("growthsite serve")
        .stdout_contains("Settings > Pages > Source: GitHub Actions");
    let tree = Tree::read(&site.path("blog"));
    assert_eq!(
        tree.paths(),
        [
            ".github/workflows/pages.yml",
            ".gitignore",
            "content/about.md",
            "content/faq.md",
            SAMPLE,
            "growthsite.yaml",
        ],
        "init writes no theme unless --theme-files"
    );
    let config = tree.text("growthsite.yaml");
    for slug in [
        "acknowledge",
        "reflect",
        "seek-feedback",
        "set-goals",
        "adapt",
        "celebrate",
    ] {
        assert!(
            config.contains(&format!("- slug: {slug}\n")),
            "{slug} missing:\n{config}"
        );
    }
    assert_eq!(
        config.matches("    description: ").count(),
        6,
        "each strategy is described"
    );
    let sample = tree.text(SAMPLE);
    for field in [
        "title:",
        "date:",
        "updated:",
        "strategies:",
        "lesson:",
        "severity:",
        "summary:",
        "slug:",
        "draft:",
        "faq:",
        "question:",
        "answer:",
    ] {
        let written = sample.lines().any(|line| {
            line.trim_start()
                .trim_start_matches("- ")
                .starts_with(field)
        });
        assert!(written, "the sample lacks `{field}`");
    }
    assert!(tree.text(".gitignore").lines().any(|l| l == "/public/"));
    assert!(
        tree.text(".gitignore")
            .lines()
            .any(|l| l == "/.growthsite/")
    );
}

#[test]
fn an_initialised_site_builds_and_checks_clean_with_no_edit() {
    let site = init_site(&[]);
    let build = site.run_in("blog", &["build"]);
    build
        .assert_success()
        .stderr_lacks("warning")
        .stderr_lacks("error");
    site.run_in("blog", &["check"])
        .assert_success()
        .stderr_contains("check passed: 0 errors, 0 warnings");
    let out = Tree::read(&site.path("blog/public"));
    for page in [
        "index.html",
        "mistakes/skimmed-review/index.html",
        "about/index.html",
        "faq/index.html",
        "lessons/index.html",
        "strategies/index.html",
        "strategies/celebrate/index.html",
        "404.html",
        "atom.xml",
        "sitemap.xml",
        "robots.txt",
    ] {
        assert!(out.has(page), "the build has no {page}: {:?}", out.paths());
    }
    let writeup = out.text("mistakes/skimmed-review/index.html");
    assert!(writeup.contains("Approved a pull request I had only skimmed"));
    assert!(writeup.contains("An approval says I read the change"));
    assert!(
        out.text("lessons/index.html")
            .contains("An approval says I read the change")
    );
    let faq = out.text("faq/index.html");
    assert!(
        faq.contains("Why write about my mistakes in public?"),
        "site questions"
    );
    assert!(
        faq.contains("the author responsible for the typo?"),
        "write-up questions"
    );
}

#[test]
fn init_force_adds_only_the_missing_files() {
    let site = Site::new()
        .file(
            "blog/growthsite.yaml",
            "title: Mine\nbase_url: https://me.example.org/\n",
        )
        .file(
            "blog/content/about.md",
            "---\ntitle: My about\n---\nMine.\n",
        );
    site.run(&["init", "blog", "--force"])
        .assert_success()
        .stdout_contains("kept growthsite.yaml")
        .stdout_contains("kept content/about.md");
    assert_eq!(
        site.read("blog/growthsite.yaml"),
        "title: Mine\nbase_url: https://me.example.org/\n"
    );
    assert_eq!(
        site.read("blog/content/about.md"),
        "---\ntitle: My about\n---\nMine.\n"
    );
    assert!(site.exists(&format!("blog/{SAMPLE}")));
    assert!(site.exists("blog/.github/workflows/pages.yml"));
}

#[test]
fn init_theme_files_writes_an_editable_copy_that_the_build_uses() {
    let site = init_site(&["--theme-files"]);
    let theme = Tree::read(&crate::support::repo_root().join("themes/default"));
    let written = Tree::read(&site.path("blog/themes/default"));
    assert_eq!(
        written, theme,
        "the copy is the built-in theme, file for file"
    );
    let footer = site.read("blog/themes/default/templates/partials/footer.html");
    site.write(
        "blog/themes/default/templates/partials/footer.html",
        footer.replace("</footer>", "<p>edited theme</p></footer>"),
    );
    site.run_in("blog", &["build"]).assert_success();
    assert!(
        site.read("blog/public/about/index.html")
            .contains("<p>edited theme</p>")
    );
}

#[test]
fn the_pages_workflow_uses_the_official_actions_and_the_pages_url() {
    let site = init_site(&[]);
    let workflow = site.read("blog/.github/workflows/pages.yml");
    for needle in [
        "actions/checkout@v6",
        "actions/configure-pages@v6",
        "actions/upload-pages-artifact@v5",
        "actions/deploy-pages@v5",
        "pages: write",
        "id-token: write",
        "concurrency:",
        "sha256sum --check",
        "cargo install --locked growthsite",
        "growthsite check",
        "growthsite build --base-url \"${{ steps.pages.outputs.base_url }}/\"",
        "name: github-pages",
        "path: public",
    ] {
        assert!(
            workflow.contains(needle),
            "the workflow lacks `{needle}`:\n{workflow}"
        );
    }
    assert!(workflow.contains(&format!(
        "GROWTHSITE_VERSION: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));
}

#[test]
fn the_pages_workflow_passes_actionlint() {
    let site = init_site(&[]);
    // A missing actionlint fails the test: the CI script installs it.
    let output = Command::new("actionlint")
        .arg(".github/workflows/pages.yml")
        .current_dir(site.path("blog"))
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run actionlint ({e}); install it (the CI script does) and run the tests again")
        });
    assert!(
        output.status.success(),
        "actionlint found problems:\n{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// Today's date as `new` writes it, read around the run so that a run
/// across midnight still passes.
fn todays(run: impl FnOnce()) -> [String; 2] {
    let before = growthsite::clock::local_today().ymd();
    run();
    [before, growthsite::clock::local_today().ymd()]
}

#[test]
fn new_writes_a_draft_from_the_template_and_prints_its_path() {
    let site = init_site(&[]);
    let mut stdout = String::new();
    let dates = todays(|| {
        let run = site.run_in("blog", &["new", "Forgot to credit a colleague"]);
        run.assert_success();
        stdout = run.stdout.clone();
    });
    assert_eq!(stdout, "content/mistakes/forgot-to-credit-a-colleague.md\n");
    let text = site.read("blog/content/mistakes/forgot-to-credit-a-colleague.md");
    assert!(
        text.starts_with("---\ntitle: Forgot to credit a colleague\ndate: "),
        "{text}"
    );
    assert!(
        dates
            .iter()
            .any(|d| text.contains(&format!("\ndate: {d}\n"))),
        "{text}"
    );
    for line in ["strategies: []", "lesson: \"\"", "draft: true"] {
        assert!(text.contains(line), "{line} missing:\n{text}");
    }
    for section in [
        "## What happened",
        "## The root cause",
        "## What I changed",
        "## What I would tell someone else",
    ] {
        assert!(text.contains(section), "{section} missing:\n{text}");
    }
    // A draft is left out of the build, and built with --drafts.
    site.run_in("blog", &["build"]).assert_success();
    assert!(!site.exists("blog/public/mistakes/forgot-to-credit-a-colleague"));
    site.run_in("blog", &["build", "--drafts"]).assert_success();
    assert!(site.exists("blog/public/mistakes/forgot-to-credit-a-colleague/index.html"));
}

#[test]
fn new_fills_in_the_strategies() {
    let site = Site::with_config();
    site.run(&[
        "new",
        "Skipped the retro",
        "--strategy",
        "reflect",
        "--strategy",
        "acknowledge",
    ])
    .assert_success()
    .stdout_is("content/mistakes/skipped-the-retro.md\n");
    assert!(
        site.read("content/mistakes/skipped-the-retro.md")
            .contains("\nstrategies: [reflect, acknowledge]")
    );
}

#[test]
fn new_bundle_writes_an_index_in_its_own_folder() {
    let site = Site::with_config();
    site.run(&["new", "Lost the staging data", "--bundle"])
        .assert_success()
        .stdout_is("content/mistakes/lost-the-staging-data/index.md\n");
    assert!(
        site.read("content/mistakes/lost-the-staging-data/index.md")
            .contains("title: Lost the staging data")
    );
}

#[test]
fn new_quotes_a_title_yaml_would_misread() {
    let site = Site::with_config();
    site.run(&["new", "Oops: \"fixed\" it twice #2"])
        .assert_success();
    let text = site.read("content/mistakes/oops-fixed-it-twice-2.md");
    assert!(
        text.contains("title: \"Oops: \\\"fixed\\\" it twice #2\"\n"),
        "{text}"
    );
    site.run(&["build", "--drafts"]).assert_success();
    let page = site.read("public/mistakes/oops-fixed-it-twice-2/index.html");
    assert!(
        page.contains("<h1>Oops: &quot;fixed&quot; it twice #2</h1>"),
        "{page}"
    );
}

#[test]
fn new_never_overwrites_and_names_the_existing_file() {
    let site = Site::with_config();
    site.run(&["new", "Merged on a Friday"]).assert_success();
    let path = "content/mistakes/merged-on-a-friday.md";
    site.write(path, writeup("Merged on a Friday"));
    site.run(&["new", "Merged on a Friday"])
        .assert_exit(1)
        .stderr_contains("content/mistakes/merged-on-a-friday.md already exists");
    site.run(&["new", "Merged on a Friday", "--bundle"])
        .assert_exit(1)
        .stderr_contains("content/mistakes/merged-on-a-friday.md already exists");
    assert_eq!(
        site.read(path),
        writeup("Merged on a Friday"),
        "the first file is as it was"
    );
    assert!(!site.exists("content/mistakes/merged-on-a-friday"));
    // A dated file name gives the same slug, so it is taken too.
    site.write(
        "content/mistakes/2026-01-02-late-review.md",
        writeup("Late review"),
    );
    site.run(&["new", "Late review"])
        .assert_exit(1)
        .stderr_contains("content/mistakes/2026-01-02-late-review.md already exists");
}

#[test]
fn new_with_root_prints_the_path_from_where_it_ran() {
    let site = Site::with_config().file("elsewhere/.keep", "");
    site.run_in("elsewhere", &["new", "Wrong folder", "--root", ".."])
        .assert_success()
        .stdout_is("../content/mistakes/wrong-folder.md\n");
    assert!(site.exists("content/mistakes/wrong-folder.md"));
}
