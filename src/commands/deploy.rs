//! `growthsite deploy`: build with the config's base_url, commit the output
//! to the publishing branch through a temporary index, and push it.

use super::{EXIT_FAILED, EXIT_OK, ExitStatus, fail, left_out, print_diagnostics};
use crate::cli::DeployArgs;
use crate::deploy::{DeployOptions, Outcome, deploy_site};

/// Runs `growthsite deploy`.
pub fn execute(args: &DeployArgs) -> ExitStatus {
    let mut options = args.site.options();
    args.publish.apply(&mut options);
    let deploy = DeployOptions {
        remote: args.remote.clone(),
        branch: args.branch.clone(),
        push: !args.no_push,
        message: args.message.clone(),
    };
    let report = match deploy_site(&options, &deploy) {
        Ok(report) => report,
        Err(error) => return fail(&error),
    };
    print_diagnostics(&report.diagnostics, options.quiet);
    for warning in report.warnings.iter().filter(|_| !options.quiet) {
        eprintln!("warning: {warning}");
    }
    let publication = match report.outcome {
        Outcome::SiteHasErrors => {
            eprintln!("deploy stopped: the site has errors, so nothing was committed");
            return EXIT_FAILED;
        }
        Outcome::Failed(error) => return fail(&error),
        Outcome::Published(publication) => publication,
    };
    let say = |line: String| {
        if !options.quiet {
            println!("{line}");
        }
    };
    if let Some(line) = left_out("deploy", &report.stats) {
        say(line);
    }
    let published = &publication.published;
    let short = &published.commit[..published.commit.len().min(7)];
    let (branch, remote) = (&publication.branch, &publication.remote);
    if published.created {
        let files = publication.files;
        say(format!(
            "committed the site to {branch} as {short} ({files} files)"
        ));
    } else {
        say(format!(
            "{branch} already holds this site ({short}): no new commit"
        ));
    }
    if publication.pushed {
        say(format!(
            "pushed {branch} to {remote}: GitHub Pages serves it at {} once it has published it",
            publication.base_url
        ));
    } else {
        say(format!(
            "not pushed (--no-push): git push {remote} {branch}"
        ));
    }
    EXIT_OK
}
