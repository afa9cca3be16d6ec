//! What a build must never do, end to end through the binary: publish a
//! file from outside the site (symbolic links) or a hidden one, hang on a
//! file that is not a regular file, leave copies of the site behind, or
//! take quadratic time; and bad values in growthsite.yaml and front matter
//! that used to pass. Each failed build leaves the previous output as it was.

use std::os::unix::fs::symlink;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::{Run, Site, Tree, copy_tree, repo_root, writeup};

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

/// How many `error: ` lines a run printed.
fn error_count(run: &Run) -> usize {
    run.stderr
        .lines()
        .filter(|l| l.starts_with("error: "))
        .count()
}

/// Whether any file of the built site holds `needle`.
fn published(site: &Site, needle: &str) -> bool {
    Tree::read(&site.path("public"))
        .0
        .values()
        .any(|bytes| String::from_utf8_lossy(bytes).contains(needle))
}

/// Makes `at` (relative to the site) a symbolic link to `target`.
fn link(site: &Site, target: impl AsRef<Path>, at: &str) {
    let at = site.path(at);
    std::fs::create_dir_all(at.parent().expect("parent")).expect("create folder");
    symlink(target, &at).unwrap_or_else(|e| panic!("symlink {}: {e}", at.display()));
}

/// A folder beside the site (not in it) holding one file.
fn outside_file(site: &Site, dir: &str, name: &str, text: &str) -> std::path::PathBuf {
    let dir = site.scratch(dir);
    std::fs::create_dir_all(&dir).expect("create outside folder");
    std::fs::write(dir.join(name), text).expect("write outside file");
    dir
}

// ---------------------------------------------------------------------
// Symbolic links: followed only inside the site.
// ---------------------------------------------------------------------

#[test]
fn a_bundle_file_linked_to_etc_passwd_is_refused() {
    let site = built_site();
    site.write("content/mistakes/bundle/index.md", writeup("Bundle"));
    link(&site, "/etc/passwd", "content/mistakes/bundle/passwd.txt");
    rebuild_fails(&site)
        .stderr_contains("error: content/mistakes/bundle/passwd.txt: symbolic link to `/etc/passwd`, outside the site folder")
        .stderr_contains("(copy what belongs to the site into it, or remove the link)");
    // `check` and a fresh build refuse it the same way; nothing is copied.
    site.run(&["check"])
        .assert_exit(1)
        .stderr_contains("passwd.txt");
    site.run(&["build", "-o", "../fresh"]).assert_exit(1);
    assert!(!site.scratch("fresh").exists());
}

#[test]
fn a_static_folder_linked_to_a_private_folder_is_refused() {
    let site = built_site();
    let keys = outside_file(&site, "home/.ssh", "id_rsa", "PRIVATE KEY");
    link(&site, &keys, "static/keys");
    rebuild_fails(&site).stderr_contains(
        "error: static/keys: symbolic link to `[TMP]/home/.ssh`, outside the site folder",
    );
    assert!(!published(&site, "PRIVATE KEY"));
}

#[test]
fn a_writeup_folder_linked_from_outside_the_site_is_refused() {
    let site = built_site();
    let text = writeup("Someone else's").replace("What happened.", "SECRET DRAFT");
    let elsewhere = outside_file(&site, "elsewhere", "index.md", &text);
    link(&site, &elsewhere, "content/mistakes/elsewhere");
    rebuild_fails(&site).stderr_contains(
        "error: content/mistakes/elsewhere: symbolic link to `[TMP]/elsewhere`, outside the site folder",
    );
    assert!(!published(&site, "SECRET DRAFT"));
}

#[test]
fn source_folders_that_are_links_out_of_the_site_are_refused() {
    let site = built_site();
    let theme = site.path("themes/mine");
    copy_tree(&repo_root().join("themes/default"), &theme, &|_| true);
    site.write(
        "growthsite.yaml",
        crate::support::CONFIG.replace("language: en", "language: en\ntheme: mine"),
    );
    site.run(&["build"]).assert_success();
    let assets = outside_file(&site, "assets", "secret.txt", "SECRET ASSET");
    std::fs::remove_dir_all(theme.join("static")).expect("remove theme static");
    symlink(&assets, theme.join("static")).expect("symlink");
    link(&site, &assets, "static");
    link(&site, &assets, "templates");
    let run = rebuild_fails(&site);
    for dir in ["static", "templates", "themes/mine/static"] {
        run.stderr_contains(&format!(
            "error: {dir}: symbolic link to `[TMP]/assets`, outside the site folder"
        ));
    }
    assert!(!published(&site, "SECRET ASSET"));
}

#[test]
fn a_link_into_the_git_folder_is_refused() {
    let site = built_site().file(".git/config", "[remote] url = SECRET");
    link(&site, "../.git/config", "static/config.txt");
    rebuild_fails(&site).stderr_contains(
        "error: static/config.txt: symbolic link to `[ROOT]/.git/config`, a hidden part of the site",
    );
}

#[test]
fn links_that_stay_inside_the_site_are_followed() {
    let site = built_site()
        .file("shared/logo.svg", "<svg/>")
        .file("shared/docs/cv.txt", "CV")
        .file("notes/linked.md", writeup("Linked"));
    link(&site, "../shared/logo.svg", "static/logo.svg");
    link(&site, "../shared/docs", "static/docs");
    link(&site, "../../notes/linked.md", "content/mistakes/linked.md");
    // A link back up is a loop: reported, skipped, the rest still builds.
    link(&site, "..", "static/docs-loop");
    site.run(&["build"])
        .assert_success()
        .stderr_contains("warning: static/docs-loop: a symlink loop was skipped");
    let tree = Tree::read(&site.path("public"));
    assert_eq!(tree.text("logo.svg"), "<svg/>");
    assert_eq!(tree.text("docs/cv.txt"), "CV");
    assert!(tree.has("mistakes/linked/index.html"), "{:?}", tree.paths());
}

// ---------------------------------------------------------------------
// Hidden files in static folders.
// ---------------------------------------------------------------------

#[test]
fn hidden_files_in_static_folders_are_not_published_but_pages_files_are() {
    let site = built_site()
        .file("static/.env", "API_KEY=SECRET")
        .file("static/.ssh/id_ed25519", "PRIVATE KEY")
        .file("static/docs/.htpasswd", "admin:SECRET")
        .file("static/.nojekyll", "")
        .file(
            "static/.well-known/security.txt",
            "Contact: mailto:me@example.com\n",
        )
        .file("static/.well-known/.hidden", "SECRET");
    let theme = site.path("themes/mine");
    copy_tree(&repo_root().join("themes/default"), &theme, &|_| true);
    site.write("themes/mine/static/.env", "THEME SECRET");
    site.write(
        "growthsite.yaml",
        crate::support::CONFIG.replace("language: en", "language: en\ntheme: mine"),
    );
    site.run(&["build"]).assert_success();
    let tree = Tree::read(&site.path("public"));
    assert!(tree.has(".nojekyll"));
    assert!(tree.has(".well-known/security.txt"));
    assert!(!published(&site, "SECRET"), "{:?}", tree.paths());
    assert!(!published(&site, "PRIVATE KEY"), "{:?}", tree.paths());
    let hidden: Vec<&str> = tree
        .paths()
        .into_iter()
        .filter(|p| p.split('/').any(|part| part.starts_with('.')))
        .filter(|p| !p.starts_with(".well-known/") && *p != ".nojekyll" && *p != ".growthsite")
        .collect();
    assert!(hidden.is_empty(), "{hidden:?}");
    assert!(Path::new(&site.path("public/index.html")).is_file());
}

// ---------------------------------------------------------------------
// Nothing that hangs: FIFOs and other special files.
// ---------------------------------------------------------------------

/// Runs `growthsite <args>` in the site, killing it when it has not exited
/// within `limit`: a hang fails the test instead of stopping the suite.
fn run_within(site: &Site, args: &[&str], limit: Duration) -> Run {
    let child = site
        .command(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start growthsite");
    let pid = child.id();
    let (done, finished) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = done.send(child.wait_with_output());
    });
    let Ok(output) = finished.recv_timeout(limit) else {
        let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
        panic!(
            "growthsite {} did not finish within {limit:?}",
            args.join(" ")
        );
    };
    let output = output.expect("wait for growthsite");
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        status: output.status,
        stdout: site.normalize(&String::from_utf8_lossy(&output.stdout)),
        stderr: site.normalize(&String::from_utf8_lossy(&output.stderr)),
    }
}

fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

#[test]
fn a_fifo_named_growthsite_yaml_is_an_error_not_a_hang() {
    let site = built_site();
    site.remove("growthsite.yaml");
    mkfifo(&site.path("growthsite.yaml"));
    let before = Tree::read(&site.path("public"));
    run_within(&site, &["build"], Duration::from_secs(30))
        .assert_exit(1)
        .stderr_contains("error: [ROOT]/growthsite.yaml: this is a FIFO (named pipe), not a regular file, so it was not read");
    before.assert_unchanged(&site.path("public"));
}

#[test]
fn a_fifo_under_content_or_static_is_an_error_not_a_hang() {
    let site = built_site();
    mkfifo(&site.path("content/mistakes/pipe.md"));
    std::fs::create_dir_all(site.path("static")).expect("create static");
    mkfifo(&site.path("static/pipe.txt"));
    let before = Tree::read(&site.path("public"));
    run_within(&site, &["build"], Duration::from_secs(30))
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/pipe.md: a FIFO (named pipe), not a regular file: not read (remove it from the site folder)")
        .stderr_contains("error: static/pipe.txt: a FIFO (named pipe), not a regular file");
    before.assert_unchanged(&site.path("public"));
}

// ---------------------------------------------------------------------
// Nothing left behind.
// ---------------------------------------------------------------------

/// The id of a process that has exited (and been reaped).
fn a_finished_pid() -> u32 {
    let mut child = Command::new("true").spawn().expect("run true");
    child.wait().expect("wait for true");
    child.id()
}

#[test]
fn copies_left_by_killed_builds_are_removed_but_a_running_ones_are_kept() {
    let site = built_site();
    let dead = a_finished_pid();
    let alive = std::process::id();
    for name in [
        format!(".public.growthsite-new-{dead}"),
        format!(".public.growthsite-old-{dead}"),
        format!(".public.growthsite-new-{alive}"),
    ] {
        site.write(&format!("{name}/index.html"), "a copy of the site");
    }
    site.write(".public.growthsite-old-notapid/index.html", "not ours");
    site.run(&["build"]).assert_success();
    assert!(!site.exists(&format!(".public.growthsite-new-{dead}")));
    assert!(!site.exists(&format!(".public.growthsite-old-{dead}")));
    assert!(site.exists(&format!(".public.growthsite-new-{alive}/index.html")));
    assert!(site.exists(".public.growthsite-old-notapid/index.html"));
    assert!(site.exists("public/mistakes/good/index.html"));
}

#[test]
fn gitignore_covers_what_a_killed_build_leaves() {
    let site = Site::new();
    site.run(&["init", "blog"]).assert_success();
    // This repository's own .gitignore too, in a folder of its own.
    let repo_ignore = std::fs::read_to_string(repo_root().join(".gitignore")).expect("read");
    site.write("repo/.gitignore", repo_ignore);
    for dir in ["blog", "repo"] {
        let git = |args: &[&str]| {
            Command::new("git")
                .args(args)
                .current_dir(site.path(dir))
                .env("GIT_CONFIG_NOSYSTEM", "1")
                .env("GIT_CONFIG_GLOBAL", "/dev/null")
                .status()
                .expect("run git")
        };
        assert!(git(&["init", "--quiet"]).success());
        for leftover in [
            ".public.growthsite-new-4242/index.html",
            ".public.growthsite-old-4242/index.html",
            "site/.out.growthsite-new-7/index.html",
        ] {
            assert!(
                git(&["check-ignore", "--quiet", leftover]).success(),
                "{dir}/.gitignore does not cover {leftover}"
            );
        }
    }
}

// ---------------------------------------------------------------------
// Linear time.
// ---------------------------------------------------------------------

#[test]
fn sixteen_thousand_equal_headings_build_in_linear_time() {
    // 16,000 `## Same` (128 KB) took 22 s in a release build when each
    // heading searched `same-1`, `same-2`... from the start.
    let mut text = writeup("Same");
    text.push_str(&"## Same\n\n".repeat(16_000));
    let site = built_site().file("content/mistakes/same.md", text);
    run_within(&site, &["build"], Duration::from_secs(30)).assert_success();
    let html = site.read("public/mistakes/same/index.html");
    assert!(html.contains("<h2 id=\"same\">"));
    assert!(html.contains("<h2 id=\"same-1\">"));
    assert!(html.contains("<h2 id=\"same-15999\">"));
}

// ---------------------------------------------------------------------
// Values that used to pass.
// ---------------------------------------------------------------------

/// A built site whose growthsite.yaml then gets `from` replaced by `to`.
fn with_config_change(from: &str, to: &str) -> Site {
    let site = built_site();
    assert!(crate::support::CONFIG.contains(from));
    site.write("growthsite.yaml", crate::support::CONFIG.replace(from, to));
    site
}

#[test]
fn a_base_url_with_markup_is_an_error_at_its_line() {
    let site = with_config_change(
        "base_url: https://example.com/",
        "base_url: 'https://example.com/\"><script>/'",
    );
    rebuild_fails(&site).stderr_contains(
        "error: growthsite.yaml:3:1: base_url `https://example.com/\\\"><script>/` has `\\\"` in it, which a URL cannot carry as it is (write it as https://you.github.io/blog/)",
    );
}

#[test]
fn a_base_url_with_a_space_in_its_host_is_an_error_at_its_line() {
    let site = with_config_change(
        "base_url: https://example.com/",
        "base_url: https://exa mple.com/",
    );
    rebuild_fails(&site).stderr_contains(
        "error: growthsite.yaml:3:1: base_url `https://exa mple.com/` is not a valid URL: invalid international domain name (write it as https://you.github.io/blog/)",
    );
}

#[test]
fn the_base_url_flag_is_checked_the_same_way() {
    let site = built_site();
    let before = Tree::read(&site.path("public"));
    for bad in ["https://example.com/\"><script>/", "https://exa mple.com/"] {
        site.run(&["build", "--base-url", bad])
            .assert_exit(1)
            .stderr_contains("error: --base-url `https://exa")
            .stderr_lacks("built ");
    }
    before.assert_unchanged(&site.path("public"));
    site.run(&["build", "--base-url", "https://alice.github.io/growth"])
        .assert_success();
}

#[test]
fn a_theme_given_as_a_path_is_one_error_at_its_line() {
    for theme in ["/etc", "../themes/x", "."] {
        let site = with_config_change("language: en", &format!("language: en\ntheme: {theme}"));
        let run = rebuild_fails(&site);
        run.stderr_contains(&format!(
            "error: growthsite.yaml:6:1: theme `{theme}` is a path, not the name of a folder in themes/ (write the name of a folder in themes/, such as `theme: my-theme`, or `theme: default` for the built-in one)"
        ));
        assert_eq!(error_count(&run), 1, "{}", run.stderr);
    }
}

#[test]
fn a_theme_folder_without_templates_is_one_error_at_the_theme_line() {
    let site = with_config_change("language: en", "language: en\ntheme: mine")
        .file("themes/mine/static/style.css", "body {}");
    let run = rebuild_fails(&site);
    run.stderr_contains(
        "error: growthsite.yaml:6:1: theme `mine` has no templates: themes/mine/templates/ is missing",
    );
    assert_eq!(error_count(&run), 1, "{}", run.stderr);
}

#[test]
fn a_slug_that_is_a_path_is_a_warning_at_its_line() {
    let site = built_site().file(
        "content/mistakes/evil.md",
        writeup("Evil").replace("lesson:", "slug: ../../evil\nlesson:"),
    );
    site.run(&["build"])
        .assert_success()
        .stderr_contains("warning: content/mistakes/evil.md:5:1: `slug` `../../evil` is not a URL slug: the page is published as `evil` (write `slug: evil`: lower-case letters, digits and `-`)");
    assert!(site.exists("public/mistakes/evil/index.html"));
    assert!(!site.exists("evil") && !site.scratch("evil").exists());
    site.run(&["build", "--strict"]).assert_exit(1);
}

#[test]
fn an_output_folder_that_is_a_link_is_refused_for_what_it_is() {
    let site = built_site();
    site.run(&["build", "-o", "../out"]).assert_success();
    site.remove("public");
    link(&site, "../out", "public");
    let before = Tree::read(&site.scratch("out"));
    site.run(&["build"])
        .assert_exit(1)
        .stderr_contains("error: [ROOT]/public: refusing to write the site here: it is a symbolic link (to ../out)")
        .stderr_contains("pass --output-dir with the folder the link points to, or remove the link")
        .stderr_lacks("not written by growthsite");
    before.assert_unchanged(&site.scratch("out"));
    assert!(std::fs::symlink_metadata(site.path("public")).is_ok_and(|m| m.is_symlink()));
}
