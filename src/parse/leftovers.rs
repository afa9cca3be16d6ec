//! Leftovers of another generator in Markdown (SPEC §4): Liquid tags
//! (`{% include x.html %}`), Liquid output (`{{ site.baseurl }}`,
//! `{{ item.title | upcase }}`) and Hugo
//! shortcodes (`{{< youtube x >}}`, `{{% note %}}`) -> a warning at their
//! line. growthsite runs neither, so they would show as text, or break a
//! link, without a word. The Markdown stage hands over the text outside
//! code; a tag is reported where it starts. Pure.

use std::collections::BTreeSet;

use crate::diag::{Diagnostic, Kind, Span, line_col};

/// The tags found in one Markdown text, by where they start.
#[derive(Debug, Default)]
pub struct Leftovers {
    found: BTreeSet<(usize, String, &'static str)>,
}

impl Leftovers {
    /// Looks for tags starting in `text[range]` (a piece of prose or raw
    /// HTML); a tag may end later on its line.
    pub fn scan(&mut self, text: &str, range: std::ops::Range<usize>) {
        let slice = &text[range.clone()];
        for (i, _) in slice.match_indices('{') {
            let at = range.start + i;
            // The second brace of `{{` starts nothing of its own.
            if at > 0 && text.as_bytes()[at - 1] == b'{' {
                continue;
            }
            if let Some((tag, what)) = leftover_at(text, at) {
                self.found.insert((at, tag, what));
            }
        }
    }

    /// One warning per tag, placed in `file` whose line `first_line` is
    /// the text's first line.
    pub fn into_diagnostics(self, text: &str, file: &str, first_line: usize) -> Vec<Diagnostic> {
        self.found
            .into_iter()
            .map(|(at, tag, what)| {
                let (line, col) = line_col(text, at);
                Diagnostic::warning(
                    Kind::GeneratorLeftover,
                    Span::new(file, first_line + line - 1, col),
                    format!("`{tag}` is {what}, which growthsite does not run: it would show as text"),
                )
                .with_hint(
                    "write what it produced as Markdown or HTML, or put it in a code block; `growthsite import` converts the common forms",
                )
            })
            .collect()
    }
}

/// The tag that starts at `at`, if one does, and what it is.
/// Whether `text` (a link's destination) holds a leftover: the link is
/// then already a warning at its line, and the link check leaves it.
pub fn holds_leftover(text: &str) -> bool {
    text.match_indices('{')
        .any(|(at, _)| leftover_at(text, at).is_some())
}

fn leftover_at(text: &str, at: usize) -> Option<(String, &'static str)> {
    let rest = &text[at..];
    let line = &rest[..rest.find('\n').unwrap_or(rest.len())];
    let (close, what) = if line.starts_with("{{<") {
        (">}}", "a Hugo shortcode")
    } else if line.starts_with("{{%") {
        ("%}}", "a Hugo shortcode")
    } else if line.starts_with("{%") {
        ("%}", "Liquid")
    } else if let Some(inner) = line.strip_prefix("{{") {
        if !is_liquid_output(inner) {
            return None;
        }
        ("}}", "Liquid")
    } else {
        return None;
    };
    let end = line[2..].find(close)? + 2 + close.len();
    let tag = &line[..end];
    let shown = if tag.chars().count() > 60 {
        format!("{}…", tag.chars().take(59).collect::<String>())
    } else {
        tag.to_string()
    };
    Some((shown, what))
}

/// Whether `{{` is followed by Liquid output: a variable (`site.url`,
/// `item.title`, `page["x"]`) or a quoted text, perhaps through filters,
/// then `}}`.
fn is_liquid_output(after_braces: &str) -> bool {
    let inner = after_braces.trim_start_matches('-').trim_start();
    let Some(end) = inner.find("}}") else {
        return false;
    };
    let expression = inner[..end].trim_end_matches('-').trim();
    let head = expression.split('|').next().unwrap_or("").trim();
    let variable = head.starts_with(|c: char| c.is_ascii_lowercase() || c == '_')
        && head.chars().all(|c| {
            c.is_ascii_alphanumeric() || matches!(c, '_' | '.' | '-' | '[' | ']' | '"' | '\'')
        });
    let quoted = head.len() >= 2
        && (head.starts_with('"') && head.ends_with('"')
            || head.starts_with('\'') && head.ends_with('\''))
        && expression.contains('|');
    variable || quoted
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(usize, usize, String)> {
        let mut leftovers = Leftovers::default();
        leftovers.scan(text, 0..text.len());
        leftovers
            .into_diagnostics(text, "a.md", 5)
            .into_iter()
            .map(|d| {
                let span = d.span.unwrap();
                (span.line, span.col, d.message)
            })
            .collect()
    }

    #[test]
    fn tags_shortcodes_and_site_output_are_found() {
        let found = found(
            "Intro {% include x.html id=\"a\" %}\n![i]({{ site.baseurl }}/a.png)\n{{< youtube abc >}} {{% note %}}\n",
        );
        let places: Vec<(usize, usize)> = found.iter().map(|(l, c, _)| (*l, *c)).collect();
        assert_eq!(places, vec![(5, 7), (6, 6), (7, 1), (7, 21)]);
        assert!(
            found[0]
                .2
                .starts_with("`{% include x.html id=\"a\" %}` is Liquid"),
            "{}",
            found[0].2
        );
        assert!(found[2].2.contains("a Hugo shortcode"));
    }

    #[test]
    fn other_braces_are_not_leftovers() {
        assert!(found("A set {1, 2} and {{ X }} and {{ 1 + 2 }} and {% unclosed\n%}").is_empty());
        assert_eq!(
            found("{{ issue | upcase }} {{ \"/a\" | relative_url }}").len(),
            2
        );
    }
}
