//! What a build must never do, end to end through the binary. `files`:
//! publish a file from outside the site (symbolic links) or a hidden one.
//! `limits`: hang on a file that is not a regular file, leave copies of the
//! site behind, take quadratic time. `values`: accept values in
//! growthsite.yaml, flags and front matter that used to pass. Each failed
//! build leaves the previous output as it was. `serve`: the same rules
//! hold for files that change while serve runs. This file holds the helpers.

mod files;
mod limits;
mod serve;
mod values;

use std::os::unix::fs::symlink;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::serve_patience::Patience;
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

/// Makes a FIFO (named pipe) at `path`.
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("run mkfifo");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// A folder beside the site (not in it) holding one file.
fn outside_file(site: &Site, dir: &str, name: &str, text: &str) -> PathBuf {
    let dir = site.scratch(dir);
    std::fs::create_dir_all(&dir).expect("create outside folder");
    std::fs::write(dir.join(name), text).expect("write outside file");
    dir
}

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
    // The bound counts the time growthsite could run: on a loaded machine
    // a build ready to run but waiting for a CPU is not a hang.
    let patience = Patience::new(limit, Some(pid));
    let output = loop {
        let Some(left) = patience.left() else {
            let _ = Command::new("kill").args(["-9", &pid.to_string()]).status();
            panic!(
                "growthsite {} did not finish within {limit:?}",
                args.join(" ")
            );
        };
        match finished.recv_timeout(left) {
            Ok(output) => break output.expect("wait for growthsite"),
            Err(mpsc::RecvTimeoutError::Timeout) => continue,
            Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the waiting thread ended"),
        }
    };
    Run {
        args: args.iter().map(|a| a.to_string()).collect(),
        status: output.status,
        stdout: site.normalize(&String::from_utf8_lossy(&output.stdout)),
        stderr: site.normalize(&String::from_utf8_lossy(&output.stderr)),
    }
}
