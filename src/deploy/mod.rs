//! `deploy`: the site, built in memory -> a commit on the publishing branch
//! (`gh-pages` unless growthsite.yaml's `deploy_branch` says otherwise) of
//! the site's git repository, then a push. The only module that runs git.
//!
//! Like `ghp-import`, it goes through git's plumbing with a temporary index
//! (`hash-object`, `update-index --index-info`, `write-tree`, `commit-tree`,
//! `update-ref`), so the user's working tree, index, HEAD and stash are never
//! touched: no checkout, no `git add`, no stash. `status` runs with
//! `--no-optional-locks`, so that not even the index's stat cache is rewritten.
//!
//! What it does to branches (`history.rs` says how): it only ever adds a
//! commit on top of the branch's newest tip and pushes it without force; it
//! refuses a branch that holds history of its own unless that branch is the
//! configured publishing branch, and a local branch that has diverged from
//! the remote one.

mod base_url;
mod commit;
mod git;
mod history;
mod tree;

pub use base_url::check_published_address;
pub use commit::{Published, default_message, with_trailer};
pub use git::{Repo, SourceCommit};
pub use history::{Plan, TRAILER_KEY, Target, trailer};

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::pipeline::{BuildStats, build_site};
use crate::render::OutputFile;

/// The branch deploy publishes to when growthsite.yaml names none.
pub const DEFAULT_BRANCH: &str = "gh-pages";

/// What `deploy` was asked to do, beyond building the site.
#[derive(Debug, Clone)]
pub struct DeployOptions {
    /// The remote to push to.
    pub remote: String,
    /// The branch, when `--branch` names one; else the config's `deploy_branch`.
    pub branch: Option<String>,
    /// Push after committing.
    pub push: bool,
    /// The commit message; deploy's trailer is added to it.
    pub message: Option<String>,
}

/// What a deploy did, for the command to report.
#[derive(Debug)]
pub struct DeployReport {
    /// The build's findings.
    pub diagnostics: Diagnostics,
    /// Things the user should know that did not stop the deploy.
    pub warnings: Vec<String>,
    /// What happened after the build.
    pub outcome: Outcome,
    /// The build's counts (what it left out).
    pub stats: BuildStats,
}

/// How a deploy ended.
#[derive(Debug)]
pub enum Outcome {
    /// The site has errors: nothing was committed.
    SiteHasErrors,
    /// The site is on the branch (and pushed, if asked).
    Published(Publication),
    /// The build succeeded but publishing it did not.
    Failed(Error),
}

/// Where the site went.
#[derive(Debug, Clone)]
pub struct Publication {
    /// The branch.
    pub branch: String,
    /// The remote.
    pub remote: String,
    /// The commit, and whether it is new.
    pub published: Published,
    /// How many files the site has.
    pub files: usize,
    /// Whether the branch was pushed.
    pub pushed: bool,
    /// Where Pages will serve it.
    pub base_url: String,
}

/// Builds the site and publishes it. `Err` is for what stops a deploy
/// before the build has anything to report (no repository, unreadable
/// site); later failures come back as [`Outcome::Failed`] with the build's
/// findings.
pub fn deploy_site(options: &Options, deploy: &DeployOptions) -> Result<DeployReport> {
    let repo = Repo::discover(&options.root)?;
    if let Some(branch) = &deploy.branch {
        // A bad `--branch` is known before any time is spent on the build.
        repo.check_branch(branch)?;
    }
    let mut built = build_site(options)?;
    let mut report = DeployReport {
        diagnostics: std::mem::take(&mut built.diagnostics),
        warnings: Vec::new(),
        outcome: Outcome::SiteHasErrors,
        stats: built.stats.clone(),
    };
    let Some(site) = built
        .site
        .as_ref()
        .filter(|_| !report.diagnostics.has_errors())
    else {
        return Ok(report);
    };
    let branch = deploy
        .branch
        .clone()
        .unwrap_or_else(|| site.config.deploy_branch.clone());
    let site = Built {
        files: &built.outputs,
        config: &site.config,
    };
    report.outcome = match publish(&repo, &site, deploy, &branch, &mut report.warnings) {
        Ok(publication) => Outcome::Published(publication),
        Err(error) => Outcome::Failed(error),
    };
    Ok(report)
}

/// What `publish` takes from the build.
struct Built<'a> {
    files: &'a [OutputFile],
    config: &'a Config,
}

/// Commits the built site to `branch` and pushes it.
fn publish(
    repo: &Repo,
    site: &Built,
    deploy: &DeployOptions,
    branch: &str,
    warnings: &mut Vec<String>,
) -> Result<Publication> {
    let config = site.config;
    repo.check_branch(branch)?;
    check_published_address(&config.base_url).map_err(Error::Other)?;
    let dirty = repo.is_dirty()?;
    let source = repo.source_commit();
    if dirty {
        warnings.push(format!(
            "the working tree has uncommitted changes; the site is built from the files as they are, not from {}",
            source.as_ref().map_or("a commit", |s| s.short.as_str())
        ));
    }
    for workflow in repo.pages_workflows() {
        warnings.push(format!(
            "{workflow} also publishes this site to GitHub Pages; GitHub serves one source (Settings > Pages > Source): choose `Deploy from a branch: {branch}` to use deploy, or delete the workflow"
        ));
    }
    let target = Target {
        remote: &deploy.remote,
        branch,
        publishing_branch: &config.deploy_branch,
        push: deploy.push,
    };
    let plan = repo.plan(&target)?;
    let message = match &deploy.message {
        Some(message) => message.clone(),
        None => default_message(source.as_ref(), dirty),
    };
    let published = repo.publish(site.files, config.cname.as_deref(), branch, &plan, &message)?;
    if deploy.push {
        repo.push(&deploy.remote, branch)?;
    }
    Ok(Publication {
        branch: branch.to_string(),
        remote: deploy.remote.clone(),
        published,
        files: site.files.len(),
        pushed: deploy.push,
        base_url: config.base_url.clone(),
    })
}
