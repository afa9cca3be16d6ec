//! Related write-ups: the ones sharing the most strategies, the nearest in
//! time first. Write-ups are grouped by their set of strategies, so the
//! cost per write-up depends on the number of distinct sets (a few dozen),
//! not on the number of write-ups: no pairwise comparison of all posts.

use std::collections::BTreeMap;

use super::Post;

/// For each post, up to `limit` related post indices.
pub fn related_posts(posts: &[Post], limit: usize) -> Vec<Vec<usize>> {
    // Strategy set -> indices of its posts, in list order (newest first).
    let mut groups: BTreeMap<Vec<usize>, Vec<usize>> = BTreeMap::new();
    for (i, post) in posts.iter().enumerate() {
        let mut key = post.strategy_ids.clone();
        key.sort_unstable();
        groups.entry(key).or_default().push(i);
    }
    posts
        .iter()
        .enumerate()
        .map(|(i, post)| {
            let mut candidates: Vec<(usize, usize, usize)> = Vec::new();
            for (set, members) in &groups {
                let shared = set.iter().filter(|s| post.strategy_ids.contains(s)).count();
                if shared == 0 {
                    continue;
                }
                for j in nearest(members, i, limit) {
                    candidates.push((usize::MAX - shared, i.abs_diff(j), j));
                }
            }
            candidates.sort_unstable();
            candidates
                .into_iter()
                .take(limit)
                .map(|(_, _, j)| j)
                .collect()
        })
        .collect()
}

/// Up to `limit` members nearest to index `i` (excluding `i`), from a sorted list.
fn nearest(members: &[usize], i: usize, limit: usize) -> Vec<usize> {
    let at = members.partition_point(|&m| m < i);
    let mut before = members[..at].iter().rev().copied();
    let mut after = members[at..].iter().copied().filter(|&m| m != i);
    let mut found = Vec::with_capacity(limit);
    let (mut b, mut a) = (before.next(), after.next());
    while found.len() < limit {
        match (b, a) {
            (Some(x), Some(y)) if i - x <= y - i => {
                found.push(x);
                b = before.next();
            }
            (_, Some(y)) => {
                found.push(y);
                a = after.next();
            }
            (Some(x), None) => {
                found.push(x);
                b = before.next();
            }
            (None, None) => break,
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_takes_both_sides() {
        assert_eq!(nearest(&[0, 2, 5, 6, 9], 5, 3), vec![6, 2, 9]);
        assert_eq!(nearest(&[1], 1, 3), Vec::<usize>::new());
    }
}
