//! `deploy_branch:` in growthsite.yaml -> whether git would accept it as a
//! branch name, checked when the config is read so that the error points
//! at its line (git's `check-ref-format` rules, without running git).

/// What is wrong with a branch name, as a phrase that follows it.
pub fn check_branch_name(name: &str) -> Result<(), String> {
    if name.is_empty() {
        return Err("is empty".into());
    }
    if name.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Err(
            "contains a space or a line break, which git does not allow in a branch name".into(),
        );
    }
    if let Some(c) = name.chars().find(|c| "~^:?*[\\".contains(*c)) {
        return Err(format!(
            "has `{c}`, which git does not allow in a branch name"
        ));
    }
    let bad_part = [("..", "`..`"), ("@{", "`@{`"), ("//", "`//`")]
        .into_iter()
        .find(|(part, _)| name.contains(part));
    if let Some((_, shown)) = bad_part {
        return Err(format!(
            "has {shown}, which git does not allow in a branch name"
        ));
    }
    let bad_shape = name == "@"
        || name.starts_with(['-', '/'])
        || name.ends_with(['/', '.'])
        || name
            .split('/')
            .any(|part| part.starts_with('.') || part.ends_with(".lock"));
    if bad_shape {
        return Err("is not a name git accepts for a branch".into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn branch_names_follow_git() {
        for good in ["gh-pages", "master", "site/public", "pages-2026", "v1.0"] {
            assert_eq!(check_branch_name(good), Ok(()), "{good}");
        }
        for bad in [
            "", "gh pages", "a..b", "a:b", "a~1", "-x", "x/", "x.", "x.lock", ".x", "a/.b", "@",
            "a@{b", "a//b", "a\nb", "a*",
        ] {
            assert!(check_branch_name(bad).is_err(), "{bad:?}");
        }
    }
}
