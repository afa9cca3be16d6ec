//! Heading ids: the written `{#id}` or a slug of the heading's text,
//! unique within a page.

use std::collections::{HashMap, HashSet};

use pulldown_cmark::{Event, Tag};

use crate::parse::slug::heading_slug;

/// Gives a heading its id (the written `{#id}` or a slug of its text),
/// unique within the page, and returns it.
pub fn name_heading(event: &mut Event, text: &str, used: &mut HeadingIds) -> String {
    let Event::Start(Tag::Heading { id, .. }) = event else {
        return String::new();
    };
    let wanted = match id {
        Some(written) => written.to_string(),
        None => {
            let slug = heading_slug(text);
            if slug.is_empty() {
                "section".to_string()
            } else {
                slug
            }
        }
    };
    let unique = used.claim(wanted);
    *id = Some(unique.clone().into());
    unique
}

/// The heading ids taken on a page. A wanted id that is taken gets the
/// first free `-1`, `-2`... suffix; the next suffix to try is remembered per
/// wanted id, so that n equal headings cost O(n), not O(n^2) (16,000
/// `## Same` took 22 s). The ids are the ones the plain search gives: the
/// suffixes skipped were all taken, and ids are never released.
#[derive(Default)]
pub struct HeadingIds {
    used: HashSet<String>,
    next_suffix: HashMap<String, usize>,
}

impl HeadingIds {
    /// Takes `wanted`, or its first free numbered form, and returns it.
    fn claim(&mut self, wanted: String) -> String {
        if !self.used.contains(&wanted) {
            self.used.insert(wanted.clone());
            return wanted;
        }
        let n = self.next_suffix.entry(wanted.clone()).or_insert(1);
        loop {
            let candidate = format!("{wanted}-{n}");
            *n += 1;
            if self.used.insert(candidate.clone()) {
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heading_ids_are_the_ones_the_plain_search_gives() {
        // The first free `wanted`, `wanted-1`, `wanted-2`...: what ids were
        // before the search remembered where it stopped.
        fn plain(wanted: &[&str]) -> Vec<String> {
            let mut used = HashSet::new();
            let mut ids = Vec::new();
            for w in wanted {
                let mut unique = w.to_string();
                let mut n = 1;
                while !used.insert(unique.clone()) {
                    unique = format!("{w}-{n}");
                    n += 1;
                }
                ids.push(unique);
            }
            ids
        }
        let wanted = [
            "a", "a", "a-1", "a", "a-3", "a", "a", "a-1", "a-2-1", "a-2", "a-2", "b-2", "b", "b",
            "b", "b", "a-1-1", "a", "section", "section",
        ];
        let mut ids = HeadingIds::default();
        let claimed: Vec<String> = wanted.iter().map(|w| ids.claim(w.to_string())).collect();
        assert_eq!(claimed, plain(&wanted));
    }
}
