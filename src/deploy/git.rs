//! A git repository, driven through the `git` command: the only place in
//! growthsite that runs git. Every call names the repository with `-C`, and
//! none uses the user's index (see `tree.rs` for the temporary one).

use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use super::DeployError;
use crate::error::{Error, Result};

/// A git repository, operated on from the site's folder.
#[derive(Debug, Clone)]
pub struct Repo {
    /// Where git runs: the site root (the repository may be larger).
    work: PathBuf,
    /// The top of the working tree.
    pub top: PathBuf,
}

/// The commit the site was built from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SourceCommit {
    /// `git rev-parse --short HEAD`.
    pub short: String,
    /// The full object name.
    pub full: String,
}

impl Repo {
    /// The repository that holds the site at `root`.
    pub fn discover(root: &Path) -> Result<Repo> {
        let probe = Repo {
            work: root.to_path_buf(),
            top: root.to_path_buf(),
        };
        let top = probe.git(&["rev-parse", "--show-toplevel"]).map_err(|_| {
            Error::from(DeployError::NotARepository {
                root: root.to_path_buf(),
            })
        })?;
        Ok(Repo {
            work: root.to_path_buf(),
            top: PathBuf::from(top),
        })
    }

    /// Whether `remote` is something git can push to: a configured remote,
    /// or a URL or path given in its place.
    pub fn can_push_to(&self, remote: &str) -> Result<bool> {
        if remote.contains(['/', ':', '\\']) {
            return Ok(true);
        }
        let remotes = self.git(&["remote"])?;
        Ok(remotes.lines().any(|name| name.trim() == remote))
    }

    pub(super) fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.work).args(args);
        // Only the tree writer chooses an index, and it chooses a temporary one.
        command.env_remove("GIT_INDEX_FILE");
        command
    }

    /// Runs git, returns its trimmed stdout, or an error with its stderr.
    pub(super) fn git(&self, args: &[&str]) -> Result<String> {
        self.run(self.command(args), args, None)
    }

    pub(super) fn run(
        &self,
        mut command: Command,
        args: &[&str],
        input: Option<&[u8]>,
    ) -> Result<String> {
        command
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let what = format!("git {}", args.join(" "));
        let mut child = command.spawn().map_err(cannot_run)?;
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            stdin.write_all(input).map_err(|e| DeployError::GitIo {
                command: format!("{what}: cannot write to git"),
                source: e,
            })?;
        }
        let output = child.wait_with_output().map_err(|e| DeployError::GitIo {
            command: what.clone(),
            source: e,
        })?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
        } else {
            let stderr = String::from_utf8_lossy(&output.stderr);
            Err(DeployError::GitFailed {
                command: what,
                stderr: stderr.trim_end().to_string(),
            }
            .into())
        }
    }

    /// Runs git and returns the first line of its output that `wanted`
    /// accepts, without reading (or waiting for) the rest: a walk over a
    /// long history stops at the first commit it is looking for.
    pub(super) fn first_line(
        &self,
        args: &[&str],
        wanted: impl Fn(&str) -> bool,
    ) -> Result<Option<String>> {
        let mut command = self.command(args);
        command
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null());
        let mut child = command.spawn().map_err(cannot_run)?;
        let found = match child.stdout.take() {
            Some(stdout) => BufReader::new(stdout)
                .lines()
                .map_while(std::result::Result::ok)
                .find(|line| wanted(line)),
            None => None,
        };
        if found.is_some() {
            let _ = child.kill();
        }
        let status = child.wait().map_err(|e| DeployError::GitIo {
            command: format!("git {}", args.join(" ")),
            source: e,
        })?;
        if found.is_none() && !status.success() {
            return Err(DeployError::GitFailed {
                command: format!("git {}", args.join(" ")),
                stderr: String::new(),
            }
            .into());
        }
        Ok(found)
    }

    /// The commit HEAD names, or `None` in a repository with no commit yet.
    pub fn source_commit(&self) -> Option<SourceCommit> {
        let full = self
            .git(&["rev-parse", "--verify", "--quiet", "HEAD^{commit}"])
            .ok()?;
        let short = self
            .git(&["rev-parse", "--short", &full])
            .unwrap_or_else(|_| full.clone());
        Some(SourceCommit { short, full })
    }

    /// Whether the working tree differs from HEAD (untracked files count:
    /// they are built too).
    pub fn is_dirty(&self) -> Result<bool> {
        Ok(!self
            .git(&["--no-optional-locks", "status", "--porcelain"])?
            .is_empty())
    }

    /// Refuses a branch name git would not accept, and the branch HEAD is
    /// on: moving it would change the user's working tree under them.
    pub fn check_branch(&self, branch: &str) -> Result<()> {
        self.git(&["check-ref-format", "--branch", branch])
            .map_err(|_| DeployError::BadBranchName {
                branch: branch.to_string(),
            })?;
        if self
            .git(&["symbolic-ref", "--quiet", "HEAD"])
            .ok()
            .as_deref()
            == Some(&format!("refs/heads/{branch}"))
        {
            return Err(DeployError::OnPublishingBranch {
                branch: branch.to_string(),
            }
            .into());
        }
        Ok(())
    }

    /// Workflows in this repository that also publish to GitHub Pages.
    pub fn pages_workflows(&self) -> Vec<String> {
        let dir = self.top.join(".github/workflows");
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Vec::new();
        };
        let mut found: Vec<String> = entries
            .filter_map(|entry| {
                let path = entry.ok()?.path();
                let name = path.file_name()?.to_str()?.to_string();
                let is_yaml = name.ends_with(".yml") || name.ends_with(".yaml");
                let text = std::fs::read_to_string(&path).ok()?;
                (is_yaml && text.contains("actions/deploy-pages"))
                    .then(|| format!(".github/workflows/{name}"))
            })
            .collect();
        found.sort();
        found
    }

    /// The object a revision names, if it exists.
    pub(super) fn resolve(&self, rev: &str) -> Option<String> {
        self.git(&["rev-parse", "--verify", "--quiet", rev])
            .ok()
            .filter(|s| !s.is_empty())
    }

    /// The branch's tip on the remote, fetched so that it can be a parent
    /// and its history read.
    pub(super) fn remote_tip(&self, remote: &str, branch: &str) -> Result<Option<String>> {
        let refname = format!("refs/heads/{branch}");
        let mut command = self.command(&["ls-remote", "--exit-code", remote, &refname]);
        command.stdin(Stdio::null());
        let output = command.output().map_err(cannot_run)?;
        // --exit-code: 2 means the remote has no such branch yet.
        if output.status.code() == Some(2) {
            return Ok(None);
        }
        if !output.status.success() {
            return Err(DeployError::GitFailed {
                command: format!("git ls-remote {remote}"),
                stderr: String::from_utf8_lossy(&output.stderr)
                    .trim_end()
                    .to_string(),
            }
            .into());
        }
        let listing = String::from_utf8_lossy(&output.stdout);
        let tip = listing.lines().find_map(|line| {
            let (sha, name) = line.split_once('\t')?;
            (name == refname).then(|| sha.to_string())
        });
        if let Some(sha) = &tip {
            if self.resolve(&format!("{sha}^{{commit}}")).is_none() {
                self.git(&["fetch", "--quiet", "--no-tags", remote, &refname])?;
            }
        }
        Ok(tip)
    }

    /// Whether `ancestor` is reachable from `descendant` (or is it).
    pub(super) fn is_ancestor(&self, ancestor: &str, descendant: &str) -> bool {
        self.git(&["merge-base", "--is-ancestor", ancestor, descendant])
            .is_ok()
    }

    /// How many commits `rev` has that `other` lacks.
    pub(super) fn count_missing(&self, rev: &str, other: &str) -> usize {
        self.git(&["rev-list", "--count", &format!("{other}..{rev}")])
            .ok()
            .and_then(|n| n.parse().ok())
            .unwrap_or(0)
    }

    /// Moves the branch, failing if someone else moved it meanwhile (an
    /// empty old value means "must not exist yet").
    pub(super) fn update_ref(&self, refname: &str, new: &str, old: Option<&str>) -> Result<()> {
        self.git(&[
            "update-ref",
            "-m",
            "growthsite deploy",
            refname,
            new,
            old.unwrap_or(""),
        ])
        .map(|_| ())
    }

    /// Pushes the branch, never forced: git accepts it only as a
    /// fast-forward of the remote branch, so if the remote moved meanwhile
    /// nothing there is overwritten. On failure the error holds git's stderr.
    pub(super) fn push(&self, remote: &str, branch: &str) -> Result<()> {
        let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
        self.git(&["push", "--quiet", remote, &refspec])
            .map(|_| ())
            .map_err(|error| {
                Error::from(DeployError::PushFailed {
                    failure: Box::new(error),
                    remote: remote.to_string(),
                    branch: branch.to_string(),
                })
            })
    }
}

fn cannot_run(e: std::io::Error) -> Error {
    DeployError::CannotRunGit { source: e }.into()
}
