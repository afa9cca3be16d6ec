//! Helpers for the unit tests of every module.

/// Checks that `text` holds each of `parts`, showing it when not.
#[track_caller]
pub fn assert_has(text: &str, parts: &[&str]) {
    for part in parts {
        assert!(text.contains(part), "{part:?} is not in:\n{text}");
    }
}
