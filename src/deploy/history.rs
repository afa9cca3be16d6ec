//! The target branch's history, locally and on the remote -> the commit
//! the new site is built on, or why deploy must not publish there.
//!
//! Two promises live here. Deploy never buries history that is not a
//! site's: a branch other than the publishing branch (`deploy_branch` in
//! growthsite.yaml, `gh-pages` by default) is accepted only when it does not
//! exist yet or when every commit on it carries deploy's trailer
//! ([`TRAILER_KEY`]). And deploy never drops a commit: the new commit is a
//! child of the newest tip, and a local branch that has diverged from the
//! remote one stops the deploy instead of losing either side.

use super::DeployError;
use super::git::Repo;
use crate::error::{Error, Result};

/// The trailer every commit of deploy ends with; it is how a branch that
/// holds only published sites is recognised.
pub const TRAILER_KEY: &str = "Published-by";

/// The trailer's value: the first word names the tool, then its version.
const TRAILER_TOOL: &str = "growthsite";

/// The trailer line this version writes.
pub fn trailer() -> String {
    format!(
        "{TRAILER_KEY}: {TRAILER_TOOL} {}",
        env!("CARGO_PKG_VERSION")
    )
}

/// Where to publish.
#[derive(Debug, Clone)]
pub struct Target<'a> {
    /// The remote to push to (and to take the branch's history from).
    pub remote: &'a str,
    /// The branch.
    pub branch: &'a str,
    /// The configured publishing branch, which may hold any history
    /// (deploy builds on top of it).
    pub publishing_branch: &'a str,
    /// Whether the branch will be pushed, so the remote tip must be an
    /// ancestor of the new commit (the push is then a fast-forward).
    pub push: bool,
}

/// The branch's tips and the commit the new site goes on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Plan {
    /// The local branch's tip, if it exists.
    pub local: Option<String>,
    /// The remote branch's tip, if it exists and deploy pushes.
    pub remote: Option<String>,
    /// The newest of the two, which holds the other: the new commit's parent.
    pub parent: Option<String>,
}

impl Repo {
    /// Reads both tips of the target branch, refuses one that holds
    /// history that is not a site's, and picks the parent.
    pub fn plan(&self, target: &Target) -> Result<Plan> {
        let branch = target.branch;
        let local = self.resolve(&format!("refs/heads/{branch}^{{commit}}"));
        let remote = if target.push {
            self.remote_tip(target.remote, branch)?
        } else {
            None
        };
        if branch != target.publishing_branch {
            let places = [
                (&local, format!("the local branch `{branch}`")),
                (&remote, format!("`{branch}` on {}", target.remote)),
            ];
            for (tip, place) in places {
                if let Some(tip) = tip {
                    if let Some(commit) = self.foreign_commit(tip)? {
                        return Err(foreign_history(&place, target, &commit));
                    }
                }
            }
        }
        let parent = match (&local, &remote) {
            (Some(l), Some(r)) if l == r || self.is_ancestor(r, l) => Some(l.clone()),
            (Some(l), Some(r)) if self.is_ancestor(l, r) => Some(r.clone()),
            (Some(l), Some(r)) => return Err(self.diverged(target, l, r)),
            (l, r) => l.clone().or_else(|| r.clone()),
        };
        Ok(Plan {
            local,
            remote,
            parent,
        })
    }

    /// The newest commit reachable from `tip` that deploy did not make, as
    /// `<short id> <subject>`, or `None` when the whole history is sites.
    fn foreign_commit(&self, tip: &str) -> Result<Option<String>> {
        let format =
            format!("--format=%h%x1f%(trailers:key={TRAILER_KEY},valueonly,separator=%x1e)%x1f%s");
        let line = self.first_line(&["log", &format, tip], |line| {
            let (_, values, _) = log_fields(line);
            !values
                .split('\u{1e}')
                .any(|value| value.split_whitespace().next() == Some(TRAILER_TOOL))
        })?;
        Ok(line.map(|line| {
            let (id, _, subject) = log_fields(&line);
            format!("{id} \"{subject}\"")
        }))
    }

    fn diverged(&self, target: &Target, local: &str, remote: &str) -> Error {
        let (branch, origin) = (target.branch, target.remote);
        let ahead = self.count_missing(local, remote);
        let behind = self.count_missing(remote, local);
        DeployError::Diverged {
            branch: branch.to_string(),
            remote: origin.to_string(),
            ahead,
            behind,
        }
        .into()
    }
}

/// A line of `foreign_commit`'s log: id, trailer values, subject.
fn log_fields(line: &str) -> (&str, &str, &str) {
    let mut fields = line.splitn(3, '\u{1f}');
    let mut next = || fields.next().unwrap_or("");
    (next(), next(), next())
}

fn foreign_history(place: &str, target: &Target, commit: &str) -> Error {
    let (branch, publishing) = (target.branch, target.publishing_branch);
    DeployError::ForeignHistory {
        place: place.to_string(),
        commit: commit.to_string(),
        branch: branch.to_string(),
        publishing: publishing.to_string(),
    }
    .into()
}
