//! The links of `repeats`, checked once every document is known: each
//! must name another published write-up, as `@/` links in Markdown must
//! name a published document.

use std::collections::HashMap;

use super::Growth;
use crate::diag::{Diagnostic, Kind, did_you_mean};

/// Checks every `repeats` link of the write-up published from
/// `content_path` against `targets` (every published document, keyed by
/// `content/`-relative path, as `@/` links are): it must name another
/// write-up. Run once every document is known, as link checks are. A
/// link is looked up, not searched for: with repeats on a share of the
/// write-ups, a scan of every document per link grew with the square of
/// the site.
pub fn check_repeats<V>(
    growth: &Growth,
    content_path: &str,
    targets: &HashMap<String, V>,
) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for repeat in &growth.repeats {
        let target = repeat.target.as_str();
        let (kind, message, hint) = if target == content_path {
            (
                Kind::BadRepeat,
                format!("`@/{target}` in `repeats` is this write-up itself"),
                "link the other write-up of the same mistake".to_string(),
            )
        } else if targets.contains_key(target) {
            if target.starts_with("mistakes/") {
                continue;
            }
            (
                Kind::BadRepeat,
                format!("`@/{target}` in `repeats` is a page, not a write-up"),
                "link a write-up under content/mistakes/".to_string(),
            )
        } else {
            // Compared by file name: the shared `mistakes/` would make
            // any two paths look alike.
            let names = targets
                .keys()
                .map(String::as_str)
                .filter(|t| *t != content_path)
                .filter_map(|t| t.strip_prefix("mistakes/"));
            let name = target.strip_prefix("mistakes/").unwrap_or(target);
            let hint = match did_you_mean(name, names) {
                Some(close) => format!("did you mean '@/mistakes/{close}'?"),
                None => "write the path of a write-up under content/, such as @/mistakes/other.md (a draft is not published)".to_string(),
            };
            (
                Kind::UnknownPage,
                format!("`@/{target}` in `repeats` does not exist"),
                hint,
            )
        };
        problems.push(Diagnostic::error(kind, repeat.span.clone(), message).with_hint(hint));
    }
    problems
}
