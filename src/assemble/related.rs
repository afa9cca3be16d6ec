//! Related write-ups: the ones sharing the most strategies, the nearest in
//! time first. Write-ups are grouped by their set of strategies, so the
//! cost per write-up depends on the number of distinct sets (a few dozen),
//! not on the number of write-ups: no pairwise comparison of all posts.

use std::collections::BTreeMap;

use super::Post;

/// For each post, up to `limit` related post indices.
pub fn related_posts(posts: &[Post], limit: usize) -> Vec<Vec<usize>> {
    use rayon::prelude::*;
    // Strategy set -> indices of its posts, in list order (newest first).
    let mut groups: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
    for (i, post) in posts.iter().enumerate() {
        let mut key = post.strategy_ids.clone();
        key.sort_unstable();
        groups.entry(key).or_default().push(i);
    }
    // Each post on its own: the lists do not depend on one another, and at
    // 10,000 write-ups this was most of the assemble stage, on one core.
    posts
        .par_iter()
        .enumerate()
        .map(|(i, post)| {
            let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
            for (set, members) in &groups {
                let shared = set.iter().filter(|s| post.strategy_ids.contains(s)).count();
                if shared == 0 {
                    continue;
                }
                nearest(members, i, limit, |j| {
                    candidates.push((usize::MAX - shared, i.abs_diff(j), j));
                });
            }
            candidates.sort_unstable();
            // Not `into_iter().collect()`: that reuses the candidates'
            // buffer, and every post would keep it (2 KB each, 23 MiB at
            // 10,000 write-ups) for the whole build.
            let mut related = Vec::with_capacity(limit.min(candidates.len()));
            related.extend(candidates.iter().take(limit).map(|&(_, _, j)| j));
            related
        })
        .collect()
}

/// Hands `found` up to `limit` members nearest to index `i` (excluding
/// `i`), nearest first, from a sorted list.
fn nearest(members: &[usize], i: usize, limit: usize, mut found: impl FnMut(usize)) {
    let at = members.partition_point(|&m| m < i);
    let mut before = members[..at].iter().rev().copied();
    let mut after = members[at..].iter().copied().filter(|&m| m != i);
    let (mut b, mut a) = (before.next(), after.next());
    for _ in 0..limit {
        match (b, a) {
            (Some(x), Some(y)) if i - x <= y - i => {
                found(x);
                b = before.next();
            }
            (_, Some(y)) => {
                found(y);
                a = after.next();
            }
            (Some(x), None) => {
                found(x);
                b = before.next();
            }
            (None, None) => break,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn related_lists_hold_no_more_room_than_they_use() {
        use crate::load::SourceFile;
        use crate::parse::documents::{RenderedDocuments, render_writeup};
        use crate::parse::{Parsed, parse_source};
        let config = "title: T\nbase_url: https://example.com/\nstrategies:\n  \
            - {slug: reflect, name: Reflect}\n  - {slug: adapt, name: Adapt}\n";
        let config = crate::config::parse_config("growthsite.yaml", config).unwrap();
        let writeups = (1..=40)
            .map(|day| {
                let text = format!(
                    "---\ntitle: W{day}\ndate: 2026-01-{:02}\n\
                     strategies: [reflect, adapt]\n---\nWords.\n",
                    day % 28 + 1
                );
                let file = SourceFile {
                    rel_path: format!("content/mistakes/w{day}.md"),
                    bytes: text.into_bytes(),
                };
                let Some(Parsed::Writeup(w)) = parse_source(file).0 else {
                    panic!("not a write-up");
                };
                render_writeup(*w, &Default::default(), false).0
            })
            .collect();
        let documents = RenderedDocuments {
            writeups,
            ..Default::default()
        };
        let today = crate::parse::date::Date::parse("2026-06-01").unwrap();
        let site = super::super::assemble_site(config, documents, today).0;
        for post in &site.posts {
            assert_eq!(post.related.len(), 3);
            // Kept for the whole build, once per write-up.
            assert!(post.related.capacity() <= 3, "{}", post.related.capacity());
        }
    }

    #[test]
    fn nearest_takes_both_sides() {
        let nearest = |members: &[usize], i, limit| {
            let mut found = Vec::new();
            nearest(members, i, limit, |j| found.push(j));
            found
        };
        assert_eq!(nearest(&[0, 2, 5, 6, 9], 5, 3), vec![6, 2, 9]);
        assert_eq!(nearest(&[1], 1, 3), Vec::<usize>::new());
    }
}
