//! The same mistake made more than once: every write-up's `repeats` links
//! -> on each side of a pair, the other one as "made before" or "made
//! again", by date. One side's link is enough; the links were checked
//! when the documents were rendered (a link to a missing write-up is an
//! error there), so any that does not resolve here is skipped.

use std::collections::HashMap;

use super::Post;

/// Fills `made_before` and `made_again` of `posts` (newest first).
pub fn link_repeats(posts: &mut [Post]) {
    if posts.iter().all(|p| p.writeup.growth.repeats.is_empty()) {
        return;
    }
    let by_path: HashMap<&str, usize> = posts
        .iter()
        .enumerate()
        .map(|(i, p)| (p.writeup.doc.content_path.as_str(), i))
        .collect();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (i, post) in posts.iter().enumerate() {
        for repeat in &post.writeup.growth.repeats {
            if let Some(&j) = by_path.get(repeat.target.as_str()) {
                if i != j {
                    // (newer, older): posts are newest first.
                    pairs.push((i.min(j), i.max(j)));
                }
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    for (newer, older) in pairs {
        posts[newer].made_before.push(older);
        posts[older].made_again.push(newer);
    }
}
