//! FAQ anchors: every question gets an id that is stable (made from the
//! question's text, not its position) and unique on the FAQ page.

use std::collections::HashSet;

use super::FaqItem;
use crate::parse::slug::slugify;

/// Longest slug taken from a question, so anchors stay readable.
const MAX_QUESTION_SLUG: usize = 48;

/// The FAQ page's own questions: anchors `q-<question>`.
pub fn site_items(pairs: Vec<(String, String)>) -> Vec<FaqItem> {
    items("q", pairs)
}

/// A write-up's questions: anchors `<write-up slug>-<question>`.
pub fn writeup_items(slug: &str, pairs: Vec<(String, String)>) -> Vec<FaqItem> {
    items(slug, pairs)
}

fn items(prefix: &str, pairs: Vec<(String, String)>) -> Vec<FaqItem> {
    let mut used = HashSet::new();
    pairs
        .into_iter()
        .map(|(question, answer_html)| {
            let mut slug = slugify(&question);
            if slug.len() > MAX_QUESTION_SLUG {
                slug.truncate(MAX_QUESTION_SLUG);
                slug = slug.trim_end_matches('-').to_string();
            }
            let wanted = format!("{prefix}-{slug}");
            let mut anchor = wanted.clone();
            let mut n = 2;
            while !used.insert(anchor.clone()) {
                anchor = format!("{wanted}-{n}");
                n += 1;
            }
            FaqItem {
                question,
                answer_html,
                anchor,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_are_readable_and_unique() {
        let pairs = vec![
            ("How did you tell the team?".to_string(), String::new()),
            ("How did you tell the team?".to_string(), String::new()),
        ];
        let items = writeup_items("no-rollback", pairs);
        assert_eq!(items[0].anchor, "no-rollback-how-did-you-tell-the-team");
        assert_eq!(items[1].anchor, "no-rollback-how-did-you-tell-the-team-2");
    }
}
