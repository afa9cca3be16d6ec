//! YAML texts (growthsite.yaml, front matter) -> positions and messages for
//! diagnostics: the line a top-level key is on, where a serde_yaml error
//! is in the file, and its message in our wording. Config and front matter
//! both read YAML; this is the one place that knows how to place it.

use crate::diag::{Kind, lower_first};

/// The 1-based line on which a top-level `key:` starts in a YAML text.
pub fn key_line(yaml: &str, key: &str) -> Option<usize> {
    yaml.lines()
        .position(|line| {
            line.strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
        })
        .map(|i| i + 1)
}

/// Where a serde_yaml error is in the file, for YAML that starts on file
/// line `first_line`: serde_yaml counts from the start of the YAML. An
/// error without a location points at the YAML's first line.
pub fn error_position(error: &serde_yaml::Error, first_line: usize) -> (usize, usize) {
    match error.location() {
        Some(at) => (first_line + at.line().saturating_sub(1), at.column()),
        None => (first_line, 1),
    }
}

/// serde_yaml's message without its own position suffix (we print ours).
pub fn error_message(error: &serde_yaml::Error) -> String {
    let message = error.to_string();
    let message = match message.find(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message,
    };
    lower_first(&message)
}

/// What a serde_yaml error is about. serde_yaml has no error kinds, only
/// its message, so this is the one place that reads it: a key the target
/// type does not know, a key it needs, a value of another type, or syntax.
pub fn error_kind(error: &serde_yaml::Error) -> Kind {
    let message = error.to_string();
    if message.contains("unknown field") {
        Kind::UnknownKey
    } else if message.contains("missing field") {
        Kind::MissingKey
    } else if message.contains("invalid type") || message.contains("invalid value") {
        Kind::BadConfigValue
    } else {
        Kind::YamlSyntax
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_lines_are_top_level_keys_only() {
        let yaml = "title: T\nstrategies:\n  - slug: x\nslug : y\n";
        assert_eq!(key_line(yaml, "title"), Some(1));
        assert_eq!(key_line(yaml, "strategies"), Some(2));
        assert_eq!(key_line(yaml, "slug"), Some(4));
        assert_eq!(key_line(yaml, "base_url"), None);
    }

    #[test]
    fn positions_are_shifted_to_the_file() {
        let error = serde_yaml::from_str::<serde_yaml::Value>("a: 1\nb: [2\n").unwrap_err();
        let (line, _) = error_position(&error, 2);
        assert!((3..=4).contains(&line), "line {line}");
        assert!(!error_message(&error).contains(" at line "));
    }
}
