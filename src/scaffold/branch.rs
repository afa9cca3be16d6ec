//! The branch a new site's sources will be pushed from, so that the Pages
//! workflow `init` writes triggers on it. Read from the enclosing git
//! repository's `HEAD` file (a plain read: only `deploy` runs git).

use std::fs;
use std::path::{Path, PathBuf};

/// The branch a repository without one of its own starts on, as
/// `git init -b main` makes it and as GitHub names new repositories' branches.
pub const DEFAULT_BRANCH: &str = "main";

/// Where a site folder's sources will be committed: the current branch of
/// the git repository that holds `dir` (or one of its parents), `None`
/// when there is no repository or its HEAD is detached.
pub fn current_branch(dir: &Path) -> Option<String> {
    let git_dir = enclosing_git_dir(dir)?;
    let head = fs::read_to_string(git_dir.join("HEAD")).ok()?;
    branch_of_head(&head)
}

/// The branch named by the text of a `HEAD` file (`ref: refs/heads/x`).
fn branch_of_head(head: &str) -> Option<String> {
    let branch = head.trim().strip_prefix("ref: refs/heads/")?;
    // A branch name can hold `/` but no whitespace; be strict, since the
    // name is written into YAML.
    let valid = !branch.is_empty()
        && branch
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./".contains(c));
    valid.then(|| branch.to_string())
}

/// The git directory of the repository that holds `dir`: the nearest
/// `.git` folder, or the folder a `.git` file (a worktree) points to.
fn enclosing_git_dir(dir: &Path) -> Option<PathBuf> {
    let start = nearest_existing(dir)?.canonicalize().ok()?;
    for folder in start.ancestors() {
        let dot_git = folder.join(".git");
        let Ok(meta) = fs::metadata(&dot_git) else {
            continue;
        };
        if meta.is_dir() {
            return Some(dot_git);
        }
        let text = fs::read_to_string(&dot_git).ok()?;
        let target = text.trim().strip_prefix("gitdir:")?.trim();
        return Some(folder.join(target));
    }
    None
}

/// `dir` itself, or its nearest parent that exists (`init` may create it).
fn nearest_existing(dir: &Path) -> Option<&Path> {
    dir.ancestors()
        .find(|p| !p.as_os_str().is_empty() && p.exists())
        .or(Some(Path::new(".")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_symbolic_head_names_its_branch() {
        assert_eq!(
            branch_of_head("ref: refs/heads/main\n"),
            Some("main".into())
        );
        assert_eq!(
            branch_of_head("ref: refs/heads/feature/blog\n"),
            Some("feature/blog".into())
        );
    }

    #[test]
    fn a_detached_or_odd_head_names_none() {
        for head in [
            "3f1c2a9b0d\n",
            "ref: refs/heads/\n",
            "ref: refs/heads/a b\n",
            "ref: refs/heads/x: y\n",
        ] {
            assert_eq!(branch_of_head(head), None, "{head}");
        }
    }
}
