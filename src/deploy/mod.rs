//! `deploy`: the built site (output files in memory) -> a commit on the
//! `gh-pages` branch of the site's git repository, then a push. The only
//! module that runs git.
//!
//! Like `ghp-import`, it goes through git's plumbing with a temporary index
//! (`hash-object`, `update-index --index-info`, `write-tree`, `commit-tree`,
//! `update-ref`), so the user's working tree, index, HEAD and stash are never
//! touched: no checkout, no `git add`, no stash. `status` runs with
//! `--no-optional-locks`, so that not even the index's stat cache is rewritten.

mod base_url;
mod tree;

pub use base_url::check_base_url;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use crate::error::{Error, Result};
use crate::render::OutputFile;
use tree::Scratch;

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

/// Where to publish.
#[derive(Debug, Clone)]
pub struct Target<'a> {
    /// The remote to push to (and to take the branch's history from).
    pub remote: &'a str,
    /// The branch, `gh-pages`.
    pub branch: &'a str,
    /// Whether the branch will be pushed, so its remote tip must be the
    /// new commit's parent (else the push would not be a fast-forward).
    pub push: bool,
}

/// What `publish` did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Published {
    /// The branch's tip after publishing.
    pub commit: String,
    /// The site's tree.
    pub tree: String,
    /// False when the branch already held this exact site: no commit was made.
    pub created: bool,
}

impl Repo {
    /// The repository that holds the site at `root`.
    pub fn discover(root: &Path) -> Result<Repo> {
        let probe = Repo {
            work: root.to_path_buf(),
            top: root.to_path_buf(),
        };
        let top = probe.git(&["rev-parse", "--show-toplevel"]).map_err(|_| {
            Error::Other(format!(
                "{}: not inside a git repository; deploy commits the site to a branch of the site's repository (run `git init` and commit your site first)",
                root.display()
            ))
        })?;
        Ok(Repo {
            work: root.to_path_buf(),
            top: PathBuf::from(top),
        })
    }

    fn command(&self, args: &[&str]) -> Command {
        let mut command = Command::new("git");
        command.arg("-C").arg(&self.work).args(args);
        // Only `publish` chooses an index, and it chooses a temporary one.
        command.env_remove("GIT_INDEX_FILE");
        command
    }

    /// Runs git, returns its trimmed stdout, or an error with its stderr.
    fn git(&self, args: &[&str]) -> Result<String> {
        self.run(self.command(args), args, None)
    }

    fn run(&self, mut command: Command, args: &[&str], input: Option<&[u8]>) -> Result<String> {
        command
            .stdin(if input.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped());
        let what = format!("git {}", args.join(" "));
        let mut child = command.spawn().map_err(|e| {
            Error::Other(format!(
                "cannot run git ({e}); deploy needs git installed and on PATH"
            ))
        })?;
        if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
            stdin
                .write_all(input)
                .map_err(|e| Error::Other(format!("{what}: cannot write to git: {e}")))?;
        }
        let output = child
            .wait_with_output()
            .map_err(|e| Error::Other(format!("{what}: {e}")))?;
        if output.status.success() {
            Ok(String::from_utf8_lossy(&output.stdout).trim().to_string())
        } else {
            let stderr = String::from_utf8_lossy(&output.stderr);
            Err(Error::Other(format!(
                "{what} failed:\n{}",
                stderr.trim_end()
            )))
        }
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
            .map_err(|_| Error::Other(format!("`{branch}` is not a valid branch name")))?;
        if self
            .git(&["symbolic-ref", "--quiet", "HEAD"])
            .ok()
            .as_deref()
            == Some(&format!("refs/heads/{branch}"))
        {
            return Err(Error::Other(format!(
                "the current branch is `{branch}`, the branch deploy publishes to; switch to the branch with your site's sources first"
            )));
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

    fn resolve(&self, rev: &str) -> Option<String> {
        self.git(&["rev-parse", "--verify", "--quiet", rev])
            .ok()
            .filter(|s| !s.is_empty())
    }

    /// The branch's tip on the remote, fetched so that it can be a parent.
    fn remote_tip(&self, remote: &str, branch: &str) -> Result<Option<String>> {
        let refname = format!("refs/heads/{branch}");
        let mut command = self.command(&["ls-remote", "--exit-code", remote, &refname]);
        command.stdin(Stdio::null());
        let output = command
            .output()
            .map_err(|e| Error::Other(format!("cannot run git ({e})")))?;
        // --exit-code: 2 means the remote has no such branch yet.
        if output.status.code() == Some(2) {
            return Ok(None);
        }
        if !output.status.success() {
            return Err(Error::Other(format!(
                "git ls-remote {remote} failed:\n{}",
                String::from_utf8_lossy(&output.stderr).trim_end()
            )));
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

    /// Commits `files` (plus `.nojekyll`, and `CNAME` for a custom domain)
    /// as the new tip of the target branch, unless the branch already holds
    /// exactly this tree. The user's index is never used: a temporary one is.
    pub fn publish(
        &self,
        files: &[OutputFile],
        cname: Option<&str>,
        target: &Target,
        message: &str,
    ) -> Result<Published> {
        let scratch = Scratch::new()?;
        let tree = self.write_tree(files, cname, &scratch)?;
        let local_ref = format!("refs/heads/{}", target.branch);
        let local = self.resolve(&local_ref);
        let remote = if target.push {
            self.remote_tip(target.remote, target.branch)?
        } else {
            None
        };
        let parent = match (&local, &remote) {
            // A local tip ahead of the remote one (a deploy made with
            // --no-push) keeps its history; otherwise the remote's tip is the
            // parent, so the push is a fast-forward.
            (Some(l), Some(r)) if l == r || self.is_ancestor(r, l) => Some(l.clone()),
            (_, Some(r)) => Some(r.clone()),
            (l, None) => l.clone(),
        };
        if let Some(parent) = &parent {
            if self.resolve(&format!("{parent}^{{tree}}")).as_deref() == Some(tree.as_str()) {
                if local.as_deref() != Some(parent) {
                    self.update_ref(&local_ref, parent, local.as_deref())?;
                }
                return Ok(Published {
                    commit: parent.clone(),
                    tree,
                    created: false,
                });
            }
        }
        let mut args = vec!["commit-tree", tree.as_str()];
        if let Some(parent) = &parent {
            args.extend(["-p", parent.as_str()]);
        }
        args.extend(["-F", "-"]);
        let commit = self.run(self.command(&args), &args, Some(message.as_bytes()))?;
        self.update_ref(&local_ref, &commit, local.as_deref())?;
        Ok(Published {
            commit,
            tree,
            created: true,
        })
    }

    fn is_ancestor(&self, ancestor: &str, descendant: &str) -> bool {
        self.git(&["merge-base", "--is-ancestor", ancestor, descendant])
            .is_ok()
    }

    /// Moves the branch, failing if someone else moved it meanwhile (an
    /// empty old value means "must not exist yet").
    fn update_ref(&self, refname: &str, new: &str, old: Option<&str>) -> Result<()> {
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

    /// Pushes the branch. On failure the error holds git's stderr as printed.
    pub fn push(&self, remote: &str, branch: &str) -> Result<()> {
        let refspec = format!("refs/heads/{branch}:refs/heads/{branch}");
        self.git(&["push", "--quiet", remote, &refspec]).map(|_| ())
    }
}

/// The default commit message: names the source commit, and says when the
/// working tree had changes that commit does not hold.
pub fn default_message(source: Option<&SourceCommit>, dirty: bool) -> String {
    let version = env!("CARGO_PKG_VERSION");
    match source {
        Some(source) => {
            let changes = if dirty {
                " (with uncommitted changes)"
            } else {
                ""
            };
            format!(
                "Publish site from {}{changes}\n\nBuilt by growthsite {version} from commit {}{changes}.\n",
                source.short, source.full
            )
        }
        None => format!(
            "Publish site (the source repository has no commit yet)\n\nBuilt by growthsite {version}.\n"
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_message_names_the_source_commit() {
        let source = SourceCommit {
            short: "1a2b3c4".into(),
            full: "1a2b3c4d".into(),
        };
        let clean = default_message(Some(&source), false);
        assert!(
            clean.starts_with("Publish site from 1a2b3c4\n\n"),
            "{clean}"
        );
        assert!(
            default_message(Some(&source), true)
                .starts_with("Publish site from 1a2b3c4 (with uncommitted changes)")
        );
        assert!(default_message(None, false).contains("no commit yet"));
    }
}
