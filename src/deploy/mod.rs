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

pub use crate::error::DeployError;
pub use base_url::check_published_address;
pub use commit::{Published, default_message, with_trailer};
pub use git::{Repo, SourceCommit};
pub use history::{Plan, TRAILER_KEY, Target, trailer};

use crate::config::Config;
use crate::diag::Diagnostics;
use crate::error::{Error, Result};
use crate::options::Options;
use crate::pipeline::build_site;
use crate::render::OutputFile;
use crate::stats::BuildStats;

/// The branch deploy publishes to when growthsite.yaml names none.
pub use crate::config::DEFAULT_DEPLOY_BRANCH as DEFAULT_BRANCH;

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
    if deploy.push && !repo.can_push_to(&deploy.remote)? {
        return Err(no_remote(options, &deploy.remote));
    }
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
    report.warnings.extend(sample_content(options, site));
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

/// The remote to push to is not there: say how to add it (the GitHub
/// address follows from a `<user>.github.io` base_url), or how to commit
/// without pushing. Nothing was built or committed.
fn no_remote(options: &Options, remote: &str) -> Error {
    let config_file = options.display_path(&options.config_path);
    let guessed = crate::load::load_config_text(&options.config_path, &options.root)
        .ok()
        .and_then(|text| crate::config::parse_config(&config_file, &text).ok())
        .and_then(|config| github_repository(&config.base_url));
    let url = guessed.unwrap_or_else(|| "https://github.com/<you>/<repository>.git".into());
    DeployError::NoRemote {
        remote: remote.to_string(),
        url,
    }
    .into()
}

/// The GitHub repository a GitHub Pages address is published from:
/// `https://alice.github.io/growth/` -> `https://github.com/alice/growth.git`,
/// `https://alice.github.io/` -> `https://github.com/alice/alice.github.io.git`.
pub fn github_repository(base_url: &str) -> Option<String> {
    let rest = base_url.strip_prefix("https://")?;
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let user = host
        .to_ascii_lowercase()
        .strip_suffix(".github.io")?
        .to_string();
    if user.is_empty() || user.contains('.') {
        return None;
    }
    let repository = match path.split('/').find(|s| !s.is_empty()) {
        Some(project) => project.to_string(),
        None => format!("{user}.github.io"),
    };
    Some(format!("https://github.com/{user}/{repository}.git"))
}

/// Warnings about sample content `init` wrote that is about to be
/// published as it is: the sample author, and the sample write-up.
fn sample_content(options: &Options, site: &crate::assemble::Site) -> Vec<String> {
    let mut warnings = Vec::new();
    if site.config.author.trim() == crate::scaffold::SAMPLE_AUTHOR {
        warnings.push(format!(
            "growthsite.yaml still names the sample author \"{}\": set `author:` to your name (it is in every page's metadata and in the feed)",
            crate::scaffold::SAMPLE_AUTHOR
        ));
    }
    let (path, sample) = crate::scaffold::SAMPLE_WRITEUP;
    let published = site.posts.iter().any(|p| p.writeup.doc.source == path);
    let untouched = std::fs::read_to_string(options.root.join(path))
        .is_ok_and(|text| text.replace("\r\n", "\n") == sample);
    if published && untouched {
        warnings.push(format!(
            "{path} is the sample write-up `growthsite init` wrote, unchanged: it is published with your site (delete it, or make it yours)"
        ));
    }
    warnings
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
    check_published_address(&config.base_url).map_err(DeployError::NotPublishable)?;
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_addresses_name_their_repository() {
        let repo = |url| github_repository(url);
        assert_eq!(
            repo("https://alice.github.io/growth/").as_deref(),
            Some("https://github.com/alice/growth.git")
        );
        assert_eq!(
            repo("https://Alice.github.io/").as_deref(),
            Some("https://github.com/alice/alice.github.io.git")
        );
        assert_eq!(repo("https://blog.example.org/"), None);
        assert_eq!(repo("https://a.b.github.io/x/"), None);
    }
}
