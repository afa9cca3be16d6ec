//! The checks of a list of strategy slugs, which growthsite.yaml and the
//! import's mapping table both hold: one wording for both files.

use crate::diag::{Diagnostic, Kind, Span};

/// What can be wrong with a slug in a list of strategies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlugProblem {
    /// It is empty or has a character a URL slug does not.
    NotASlug,
    /// An earlier entry has the same slug.
    ListedTwice,
}

impl SlugProblem {
    /// The diagnostic for `slug`, of `kind`, at `span`, with its hint.
    pub fn diagnostic(self, kind: Kind, span: Span, slug: &str) -> Diagnostic {
        let (message, hint) = match self {
            Self::NotASlug => (
                format!("strategy slug `{slug}` is not a URL slug"),
                "use lower-case letters, digits and `-`",
            ),
            Self::ListedTwice => (
                format!("strategy `{slug}` is listed twice"),
                "keep one entry per slug",
            ),
        };
        Diagnostic::error(kind, span, message).with_hint(hint)
    }
}

/// Each problem of a list of slugs, in list order, with the slug it is about.
pub fn slug_problems<'a>(slugs: impl IntoIterator<Item = &'a str>) -> Vec<(&'a str, SlugProblem)> {
    let mut seen = std::collections::BTreeSet::new();
    let mut problems = Vec::new();
    for slug in slugs {
        let clean = !slug.is_empty()
            && slug
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if !clean {
            problems.push((slug, SlugProblem::NotASlug));
        }
        if !seen.insert(slug) {
            problems.push((slug, SlugProblem::ListedTwice));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_and_repeated_slugs_are_each_reported_in_order() {
        let found = slug_problems(["ok-1", "Bad", "ok-1", ""]);
        assert_eq!(
            found,
            vec![
                ("Bad", SlugProblem::NotASlug),
                ("ok-1", SlugProblem::ListedTwice),
                ("", SlugProblem::NotASlug),
            ]
        );
    }
}
