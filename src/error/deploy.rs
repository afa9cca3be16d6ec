//! Why a deploy stopped: git missing or failing, a branch deploy must not
//! touch, an address the site cannot be published at.

use std::path::PathBuf;

/// A deploy that cannot go on; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum DeployError {
    /// The site is not in a git repository.
    #[error(
        "{}: not inside a git repository; deploy commits the site to a branch of the site's repository (run `git init` and commit your site first)",
        root.display()
    )]
    NotARepository {
        /// The site root.
        root: PathBuf,
    },
    /// git is not installed (or not on PATH).
    #[error("cannot run git ({source}); deploy needs git installed and on PATH")]
    CannotRunGit {
        /// Why it could not be started.
        source: std::io::Error,
    },
    /// Talking to a running git failed.
    #[error("{command}: {source}")]
    GitIo {
        /// `git write-tree`.
        command: String,
        /// What failed: `cannot write to git: ...` when feeding it input.
        source: std::io::Error,
    },
    /// git ran and failed.
    #[error("{command} failed{}", if stderr.is_empty() { String::new() } else { format!(":\n{stderr}") })]
    GitFailed {
        /// `git push --quiet origin ...`.
        command: String,
        /// What git said, trimmed (may be empty).
        stderr: String,
    },
    /// git gave an answer deploy cannot use.
    #[error("git hash-object returned {hashes} object names for {files} files")]
    UnexpectedAnswer {
        /// Object names returned.
        hashes: usize,
        /// Files sent.
        files: usize,
    },
    /// `--branch` (or `deploy_branch`) is not a branch name.
    #[error("`{branch}` is not a valid branch name")]
    BadBranchName {
        /// The name.
        branch: String,
    },
    /// The publishing branch is checked out.
    #[error(
        "the current branch is `{branch}`, the branch deploy publishes to; switch to the branch with your site's sources first"
    )]
    OnPublishingBranch {
        /// The branch.
        branch: String,
    },
    /// There is no remote to push to (and `--no-push` was not given).
    #[error(
        "this repository has no remote `{remote}` to push the site to, so nothing was built or committed (add it with `git remote add {remote} {url}`, or run `growthsite deploy --no-push` to commit the site to its branch without pushing)"
    )]
    NoRemote {
        /// The remote asked for.
        remote: String,
        /// Its likely address, from base_url.
        url: String,
    },
    /// The push was refused; nothing on the remote changed.
    #[error(
        "{failure}\nnothing on {remote} was overwritten; the new commit stays on the local branch `{branch}`, and the next deploy pushes it or, if {remote} has moved, says how to reconcile"
    )]
    PushFailed {
        /// git's failure.
        failure: Box<crate::error::Error>,
        /// The remote.
        remote: String,
        /// The branch.
        branch: String,
    },
    /// The local and remote branches have both moved on.
    #[error(
        "the local branch `{branch}` and `{branch}` on {remote} have diverged: {ahead} local commit{ahead_are} not on {remote}, and {behind} on {remote} not in the local branch, so deploy stops rather than drop either side (keep the local commits under another name with `git branch -m {branch} {branch}-local` and deploy again, or merge the two branches and push)",
        ahead_are = if *ahead == 1 { " is" } else { "s are" }
    )]
    Diverged {
        /// The branch.
        branch: String,
        /// The remote.
        remote: String,
        /// Local commits the remote lacks.
        ahead: usize,
        /// Remote commits the local branch lacks.
        behind: usize,
    },
    /// The branch holds commits deploy did not make.
    #[error(
        "{place} holds commits that growthsite deploy did not make (the newest: {commit}), and deploy publishes only to the publishing branch (`{publishing}`), to a new branch, or to a branch whose every commit deploy made (choose another --branch; if the site really is served from `{branch}`, set `deploy_branch: {branch}` in growthsite.yaml)"
    )]
    ForeignHistory {
        /// `the branch gh-pages` or `main on origin`.
        place: String,
        /// The newest foreign commit: id and subject.
        commit: String,
        /// The branch asked for.
        branch: String,
        /// The configured publishing branch.
        publishing: String,
    },
    /// base_url is not where a site can be published (a placeholder, this
    /// computer); the message comes from the check.
    #[error("{0}")]
    NotPublishable(String),
}
