//! `growthsite deploy`: build with the config's base_url, commit the output
//! to the gh-pages branch through a temporary index, and push it.

use super::{EXIT_FAILED, EXIT_OK, ExitStatus, fail, print_diagnostics};
use crate::cli::DeployArgs;
use crate::deploy::{Repo, Target, check_base_url, default_message};
use crate::error::Error;
use crate::pipeline::build_site;

/// Runs `growthsite deploy`.
pub fn execute(args: &DeployArgs) -> ExitStatus {
    let options = args.site.options();
    let repo = match Repo::discover(&options.root) {
        Ok(repo) => repo,
        Err(error) => return fail(&error),
    };
    if let Err(error) = repo.check_branch(&args.branch) {
        return fail(&error);
    }
    let built = match build_site(&options) {
        Ok(built) => built,
        Err(error) => return fail(&error),
    };
    print_diagnostics(&built.diagnostics, options.quiet);
    let Some(site) = built.site.as_ref().filter(|_| built.succeeded()) else {
        eprintln!("deploy stopped: the site has errors, so nothing was committed");
        return EXIT_FAILED;
    };
    if let Err(why) = check_base_url(&site.config.base_url) {
        return fail(&Error::Other(why));
    }
    let dirty = match repo.is_dirty() {
        Ok(dirty) => dirty,
        Err(error) => return fail(&error),
    };
    let source = repo.source_commit();
    if dirty && !options.quiet {
        eprintln!(
            "warning: the working tree has uncommitted changes; the site is built from the files as they are, not from {}",
            source.as_ref().map_or("a commit", |s| s.short.as_str())
        );
    }
    for workflow in repo.pages_workflows().iter().filter(|_| !options.quiet) {
        eprintln!(
            "warning: {workflow} also publishes this site to GitHub Pages; GitHub serves one source (Settings > Pages > Source): choose `Deploy from a branch: {}` to use deploy, or delete the workflow",
            args.branch
        );
    }
    let message = args
        .message
        .clone()
        .unwrap_or_else(|| default_message(source.as_ref(), dirty));
    let target = Target {
        remote: &args.remote,
        branch: &args.branch,
        push: !args.no_push,
    };
    let published = match repo.publish(
        &built.outputs,
        site.config.cname.as_deref(),
        &target,
        &message,
    ) {
        Ok(published) => published,
        Err(error) => return fail(&error),
    };
    let say = |line: String| {
        if !options.quiet {
            println!("{line}");
        }
    };
    let short = &published.commit[..published.commit.len().min(7)];
    let branch = &args.branch;
    if published.created {
        let files = built.outputs.len();
        say(format!(
            "committed the site to {branch} as {short} ({files} files)"
        ));
    } else {
        say(format!(
            "{branch} already holds this site ({short}): no new commit"
        ));
    }
    if args.no_push {
        say(format!(
            "not pushed (--no-push): git push {} {branch}",
            args.remote
        ));
        return EXIT_OK;
    }
    if let Err(error) = repo.push(&args.remote, branch) {
        return fail(&error);
    }
    say(format!(
        "pushed {branch} to {}: GitHub Pages serves it at {} once it has published it",
        args.remote, site.config.base_url
    ));
    EXIT_OK
}
