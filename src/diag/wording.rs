//! The wording of messages: lower-case first letters, "did you mean"
//! suggestions by edit distance (strsim), plurals.

/// `text` with its first letter in lower case: messages from serde_yaml and
/// Tera start with a capital, ours do not.
pub fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The closest candidate to `word` by edit distance, if it is close enough
/// to be a plausible typo ("did you mean 'reflect'?").
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    nearest(word, candidates, strsim::levenshtein, |len| {
        (len / 2).max(2)
    })
}

/// The known key that `word` is most likely a typo of, if any. Stricter
/// than [`did_you_mean`]: a key that is not known is usually a value meant
/// for templates (`team:`, `series:`), not a typo, so only a slip of a
/// third of the key's letters counts, and swapping two neighbours is one
/// slip (`lesosn` for `lesson`, `titel` for `title`).
pub fn close_key<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    nearest(word, known, strsim::osa_distance, |len| (len / 3).max(1))
}

/// The candidate nearest to `word` by `distance`, if no farther than
/// `most` allows for the longer of the two (on a tie, the first by name).
fn nearest<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
    distance: fn(&str, &str) -> usize,
    most: fn(usize) -> usize,
) -> Option<&'a str> {
    candidates
        .into_iter()
        .map(|candidate| (distance(word, candidate), candidate))
        .filter(|(d, candidate)| *d <= most(candidate.len().max(word.len())))
        .min()
        .map(|(_, candidate)| candidate)
}

/// The hint for a `name` that is not one of `known`: "did you mean
/// 'reflect'?" when one is close, else every known one after `listed`
/// ("known strategies: a, b").
pub fn unknown_name_hint(name: &str, known: &[&str], listed: &str) -> String {
    match did_you_mean(name, known.iter().copied()) {
        Some(close) => format!("did you mean '{close}'?"),
        None => format!("{listed}: {}", known.join(", ")),
    }
}

/// `s` when `n` is not one: `1 page`, `2 pages`.
pub fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn did_you_mean_finds_typos_only() {
        let known = ["acknowledge", "reflect", "seek-feedback"];
        assert_eq!(did_you_mean("reflct", known), Some("reflect"));
        assert_eq!(did_you_mean("seek_feedback", known), Some("seek-feedback"));
        assert_eq!(did_you_mean("zzzzzzzzzzzzzz", known), None);
    }

    #[test]
    fn close_keys_are_slips_not_other_words() {
        let known = [
            "title",
            "date",
            "lesson",
            "severity",
            "strategies",
            "summary",
        ];
        assert_eq!(close_key("lesosn", known), Some("lesson"));
        assert_eq!(close_key("titel", known), Some("title"));
        assert_eq!(close_key("strategy", known), Some("strategies"));
        assert_eq!(close_key("Date", known), Some("date"));
        for other in [
            "series", "team", "tags", "type", "image", "mood", "url", "id", "layout",
        ] {
            assert_eq!(close_key(other, known), None, "{other}");
        }
    }
}
