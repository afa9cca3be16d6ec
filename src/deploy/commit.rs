//! The built site and a plan -> the new tip of the target branch: a commit
//! of the site's tree whose parent is the plan's, with deploy's trailer.

use super::git::{Repo, SourceCommit};
use super::history::{Plan, trailer};
use super::tree::Scratch;
use crate::error::Result;
use crate::render::OutputFile;

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
    /// Commits `files` (plus `.nojekyll`, and `CNAME` for a custom domain)
    /// on the plan's parent and moves the local branch there, unless the
    /// parent already holds exactly this tree. The user's index is never
    /// used: a temporary one is.
    pub fn publish(
        &self,
        files: &[OutputFile],
        cname: Option<&str>,
        branch: &str,
        plan: &Plan,
        message: &str,
    ) -> Result<Published> {
        let scratch = Scratch::new()?;
        let tree = self.write_tree(files, cname, &scratch)?;
        let local_ref = format!("refs/heads/{branch}");
        let local = plan.local.as_deref();
        if let Some(parent) = &plan.parent {
            if self.resolve(&format!("{parent}^{{tree}}")).as_deref() == Some(tree.as_str()) {
                // The parent holds the local tip (the plan checked), so
                // moving the branch there is a fast-forward.
                if local != Some(parent) {
                    self.update_ref(&local_ref, parent, local)?;
                }
                return Ok(Published {
                    commit: parent.clone(),
                    tree,
                    created: false,
                });
            }
        }
        let mut args = vec!["commit-tree", tree.as_str()];
        if let Some(parent) = &plan.parent {
            args.extend(["-p", parent.as_str()]);
        }
        args.extend(["-F", "-"]);
        let message = with_trailer(message);
        let commit = self.run(self.command(&args), &args, Some(message.as_bytes()))?;
        self.update_ref(&local_ref, &commit, local)?;
        Ok(Published {
            commit,
            tree,
            created: true,
        })
    }
}

/// The message as given, ended by deploy's trailer in a paragraph of its own.
pub fn with_trailer(message: &str) -> String {
    let message = message.trim_end();
    if message.is_empty() {
        format!("Publish site\n\n{}\n", trailer())
    } else {
        format!("{message}\n\n{}\n", trailer())
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

    #[test]
    fn every_message_ends_with_the_trailer_in_its_own_paragraph() {
        let trailer = trailer();
        assert_eq!(
            with_trailer("Publish by hand"),
            format!("Publish by hand\n\n{trailer}\n")
        );
        assert_eq!(
            with_trailer("Subject\n\nBody.\n\n"),
            format!("Subject\n\nBody.\n\n{trailer}\n")
        );
        assert!(with_trailer("  \n").starts_with("Publish site\n\n"));
        assert!(trailer.starts_with("Published-by: growthsite "));
    }
}
