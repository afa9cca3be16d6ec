//! The command line a new user meets: `serve --help` and `check --help`
//! list only flags that do something (no `-o`, they write nothing),
//! `check --strict`, `completions SHELL`, and `new` dating a write-up
//! with the user's own calendar day, not UTC's.

use crate::support::{Site, writeup};

#[test]
fn only_build_takes_an_output_folder() {
    let site = Site::new();
    for command in ["serve", "check", "deploy"] {
        let help = site.run(&[command, "--help"]);
        help.assert_success().stdout_lacks("--output-dir");
        site.run(&[command, "-o", "x"]).assert_exit(2);
    }
    site.run(&["build", "--help"])
        .assert_success()
        .stdout_contains("-o, --output-dir <DIR>");
    site.run(&["serve", "--help"])
        .assert_success()
        .stdout_contains("--no-drafts")
        .stdout_lacks("--future");
}

#[test]
fn check_strict_fails_on_any_warning() {
    let no_lesson = writeup("No lesson").replace("lesson: Check first.\n", "");
    let site = Site::with_config().file("content/mistakes/a.md", no_lesson);
    site.run(&["check"])
        .assert_success()
        .stderr_contains("warning: content/mistakes/a.md:1:1: the write-up has no `lesson`");
    site.run(&["check", "--strict"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/a.md:1:1: the write-up has no `lesson`")
        .stderr_contains("check failed: 1 error, 0 warnings");
}

#[test]
fn completions_are_printed_for_every_shell() {
    let site = Site::new();
    for shell in ["bash", "zsh", "fish", "powershell", "elvish"] {
        let run = site.run(&["completions", shell]);
        run.assert_success();
        for word in ["growthsite", "serve", "deploy", "no-drafts", "output-dir"] {
            assert!(run.stdout.contains(word), "{shell}: no {word}");
        }
    }
    // The bash script is valid bash.
    let script = site.run(&["completions", "bash"]).stdout.clone();
    site.write("growthsite.bash", &script);
    let status = std::process::Command::new("bash")
        .args(["-n", "growthsite.bash"])
        .current_dir(site.root())
        .status()
        .expect("run bash");
    assert!(status.success(), "bash -n rejects the completion script");
    site.run(&["completions", "tcsh"])
        .assert_exit(2)
        .stderr_contains("possible values: bash, elvish, fish, powershell, zsh");
}

/// `new` dates a write-up with the user's calendar day. Two zones 26
/// hours apart are never on the same day, so at least one of them differs
/// from UTC's date whenever this runs.
#[test]
fn new_writes_the_local_date() {
    let site = Site::with_config();
    for (tz, title, zone) in [
        ("<+14>-14", "East", "Etc/GMT-14"),
        ("<-12>+12", "West", "Etc/GMT+12"),
    ] {
        let zone = jiff::tz::TimeZone::get(zone).expect("a zone");
        let day = || {
            jiff::Timestamp::now()
                .to_zoned(zone.clone())
                .date()
                .to_string()
        };
        let before = day();
        let run = site.run_env(&[("TZ", tz)], &["new", title]);
        let after = day();
        run.assert_success();
        let text = site.read(&format!("content/mistakes/{}.md", title.to_lowercase()));
        assert!(
            [&before, &after]
                .iter()
                .any(|d| text.contains(&format!("\ndate: {d}\n"))),
            "TZ={tz}: expected {before} or {after}:\n{text}"
        );
    }
}

/// `serve --open` where the launcher runs but opens nothing (`xdg-open`
/// on a machine without a browser exits with an error): the note says
/// so, with the launcher's own words, and serve goes on.
#[cfg(unix)]
#[test]
fn serve_open_says_when_the_launcher_fails() {
    use std::io::{BufRead, BufReader};
    use std::process::Stdio;
    let site = Site::with_config()
        .file("content/mistakes/a.md", writeup("A"))
        .file(
            "no-browser.sh",
            "#!/bin/sh\necho \"no method available\" >&2\nexit 3\n",
        );
    crate::deploy::make_executable(&site.path("no-browser.sh"));
    let root = site.root().to_string_lossy().into_owned();
    let mut child = site
        .command(&["serve", "--port", "0", "--root", &root, "--open"])
        .env("BROWSER", site.path("no-browser.sh"))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start serve");
    let stderr = BufReader::new(child.stderr.take().expect("stderr"));
    let (lines, notes) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in stderr.lines().map_while(Result::ok) {
            if line.starts_with("note: could not open a browser") && lines.send(line).is_err() {
                break;
            }
        }
    });
    // A bound on a hang, not a timing assertion: the note comes as soon
    // as the launcher has failed.
    let note = notes.recv_timeout(crate::serve::PATIENCE).ok();
    let running = child.try_wait().expect("try_wait").is_none();
    let _ = child.kill();
    let _ = child.wait();
    let note = note.expect("serve --open said nothing when the launcher failed");
    assert!(note.contains("failed: no method available"), "{note}");
    assert!(
        note.contains("open http://127.0.0.1:") && note.contains("yourself"),
        "{note}"
    );
    assert!(running, "serve stopped");
}
