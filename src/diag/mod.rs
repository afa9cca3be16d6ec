//! Diagnostics: problems in the user's content, config or templates, with
//! the position they come from. Every stage pushes into one `Diagnostics`
//! per run and goes on, so a run reports every problem, not only the first.

mod kind;

use std::fmt;

pub use kind::Kind;

/// How bad a finding is. `check` and `build --strict` promote warnings.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The page (or the whole build) cannot be produced.
    Error,
    /// Worth fixing; the build still succeeds unless `--strict`.
    Warning,
}

/// A position in a file of the site: `/`-separated path relative to the
/// site root, 1-based line and column. Line 0 means "the whole file".
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
pub struct Span {
    /// Path relative to the site root, `/`-separated.
    pub file: String,
    /// 1-based line, or 0 when no line is known.
    pub line: usize,
    /// 1-based column, or 0 when no column is known.
    pub col: usize,
}

impl Span {
    /// A span at a line and column of `file`.
    pub fn new(file: impl Into<String>, line: usize, col: usize) -> Self {
        Span {
            file: file.into(),
            line,
            col,
        }
    }

    /// A span that names a file but no position in it.
    pub fn file(file: impl Into<String>) -> Self {
        Span::new(file, 0, 0)
    }
}

impl fmt::Display for Span {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.col) {
            (0, _) => write!(f, "{}", self.file),
            (line, 0) => write!(f, "{}:{line}", self.file),
            (line, col) => write!(f, "{}:{line}:{col}", self.file),
        }
    }
}

/// One finding: what is wrong, where, and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Diagnostic {
    /// Error or warning.
    pub severity: Severity,
    /// What the finding is about, as a stable code (`"code"` in JSON).
    #[serde(rename = "code")]
    pub kind: Kind,
    /// Where the problem is; `None` for site-wide problems.
    pub span: Option<Span>,
    /// Lower-case description of what is wrong and what was found.
    pub message: String,
    /// The fix, when there is one to suggest.
    pub hint: Option<String>,
}

impl Diagnostic {
    /// An error that belongs to no file (a flag, the whole site).
    pub fn general(kind: Kind, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            kind,
            span: None,
            message: message.into(),
            hint: None,
        }
    }

    /// An error at `span`.
    pub fn error(kind: Kind, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            span: Some(span),
            ..Diagnostic::general(kind, message)
        }
    }

    /// A warning at `span`.
    pub fn warning(kind: Kind, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(kind, span, message)
        }
    }

    /// Adds the suggested fix.
    pub fn with_hint(mut self, hint: impl Into<String>) -> Self {
        self.hint = Some(hint.into());
        self
    }

    /// Whether this finding fails the run.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let label = match self.severity {
            Severity::Error => "error",
            Severity::Warning => "warning",
        };
        write!(f, "{label}: ")?;
        if let Some(span) = &self.span {
            write!(f, "{span}: ")?;
        }
        write!(f, "{}", self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, " ({hint})")?;
        }
        Ok(())
    }
}

/// The findings of one run.
#[derive(Debug, Default, Clone)]
pub struct Diagnostics {
    items: Vec<Diagnostic>,
}

impl Diagnostics {
    /// An empty collector.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a finding.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.items.push(diagnostic);
    }

    /// Records every finding of another collector (from a parallel stage).
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.items.extend(other);
    }

    /// Turns every warning into an error (`build --strict`).
    pub fn promote_warnings(&mut self) {
        self.promote(|_| true);
    }

    /// Turns the warnings of the kinds `check` fails on into errors
    /// ([`Kind::fails_check`]).
    pub fn promote_for_check(&mut self) {
        self.promote(Kind::fails_check);
    }

    fn promote(&mut self, wanted: impl Fn(Kind) -> bool) {
        for item in &mut self.items {
            if wanted(item.kind) {
                item.severity = Severity::Error;
            }
        }
    }

    /// Whether any finding is an error.
    pub fn has_errors(&self) -> bool {
        self.items.iter().any(Diagnostic::is_error)
    }

    /// How many errors there are, counted as [`Diagnostics::sorted`]
    /// lists them (a template error met on every page counts once).
    pub fn error_count(&self) -> usize {
        self.sorted().into_iter().filter(|d| d.is_error()).count()
    }

    /// How many warnings there are, counted as [`Diagnostics::sorted`]
    /// lists them.
    pub fn warning_count(&self) -> usize {
        self.sorted().into_iter().filter(|d| !d.is_error()).count()
    }

    /// The findings sorted by file, line and column, then message, so the
    /// report reads top to bottom and does not depend on thread order.
    /// Repeats are dropped: the same template error is met on every page
    /// that uses the template.
    pub fn sorted(&self) -> Vec<&Diagnostic> {
        let mut items: Vec<&Diagnostic> = self.items.iter().collect();
        // Every field is in the key, so equal findings end up side by side
        // for `dedup` whatever order they were pushed in.
        items.sort_by(|a, b| {
            (&a.span, &a.message, a.severity, a.kind, &a.hint)
                .cmp(&(&b.span, &b.message, b.severity, b.kind, &b.hint))
        });
        items.dedup();
        items
    }

    /// Whether nothing was found.
    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl IntoIterator for Diagnostics {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.into_iter()
    }
}

/// Turns a byte offset in `text` into a 1-based line and column (columns
/// count characters, as editors do).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineCursor::new(text).at(offset)
}

/// Turns byte offsets of a text into 1-based lines and columns (in
/// characters), walking
/// forward from the last offset asked for, so that a document's links cost
/// one pass over it however many there are.
#[derive(Debug, Clone)]
pub struct LineCursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        LineCursor {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The line and column (in characters) of `offset`.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = LineCursor::new(self.text);
        }
        let passed = &self.text[self.offset..offset];
        if let Some(last) = passed.rfind('\n') {
            self.line += passed.matches('\n').count();
            self.line_start = self.offset + last + 1;
        }
        self.offset = offset;
        let col = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, col)
    }
}

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
    candidates
        .into_iter()
        .map(|candidate| (strsim::levenshtein(word, candidate), candidate))
        .filter(|(distance, candidate)| *distance <= (candidate.len().max(word.len()) / 2).max(2))
        .min()
        .map(|(_, candidate)| candidate)
}

/// The known key that `word` is most likely a typo of, if any. Stricter
/// than [`did_you_mean`]: a key that is not known is usually a value meant
/// for templates (`team:`, `series:`), not a typo, so only a slip of a
/// third of the key's letters counts, and swapping two neighbours is one
/// slip (`lesosn` for `lesson`, `titel` for `title`).
pub fn close_key<'a>(word: &str, known: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    known
        .into_iter()
        .map(|key| (strsim::osa_distance(word, key), key))
        .filter(|(distance, key)| *distance <= (key.len().max(word.len()) / 3).max(1))
        .min()
        .map(|(_, key)| key)
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
    fn line_col_counts_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 8), (3, 1));
        assert_eq!(line_col(text, 7), (2, 4));
    }

    #[test]
    fn the_cursor_walks_forward_and_back() {
        let mut cursor = LineCursor::new("ab\ncdé\nf");
        assert_eq!(cursor.at(3), (2, 1));
        assert_eq!(cursor.at(7), (2, 4));
        assert_eq!(cursor.at(8), (3, 1));
        assert_eq!(cursor.at(4), (2, 2));
    }

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

    #[test]
    fn display_matches_the_documented_format() {
        let d = Diagnostic::error(
            Kind::MissingTitle,
            Span::new("content/a.md", 3, 7),
            "missing title",
        )
        .with_hint("add `title:`");
        assert_eq!(
            d.to_string(),
            "error: content/a.md:3:7: missing title (add `title:`)"
        );
    }

    #[test]
    fn sorted_orders_by_position() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::error(
            Kind::MissingTitle,
            Span::new("b.md", 1, 1),
            "x",
        ));
        all.push(Diagnostic::error(
            Kind::MissingTitle,
            Span::new("a.md", 9, 1),
            "y",
        ));
        all.push(Diagnostic::error(
            Kind::MissingTitle,
            Span::new("a.md", 2, 1),
            "z",
        ));
        let lines: Vec<String> = all.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(lines[0], "error: a.md:2:1: z");
        assert_eq!(lines[2], "error: b.md:1:1: x");
    }

    #[test]
    fn check_promotes_by_kind_and_strict_promotes_all() {
        let mut all = Diagnostics::new();
        all.push(Diagnostic::warning(
            Kind::UnknownStrategy,
            Span::new("a.md", 4, 1),
            "u",
        ));
        all.push(Diagnostic::warning(
            Kind::MissingLesson,
            Span::new("a.md", 1, 1),
            "m",
        ));
        let mut check = all.clone();
        check.promote_for_check();
        assert_eq!((check.error_count(), check.warning_count()), (1, 1));
        all.promote_warnings();
        assert_eq!((all.error_count(), all.warning_count()), (2, 0));
    }

    #[test]
    fn repeats_are_listed_and_counted_once() {
        let mut all = Diagnostics::new();
        let repeated = Diagnostic::error(
            Kind::TemplateError,
            Span::new("templates/t.html", 2, 4),
            "undefined",
        );
        let warning = Diagnostic::warning(
            Kind::TemplateError,
            Span::new("templates/t.html", 2, 4),
            "undefined",
        );
        all.push(repeated.clone());
        all.push(warning.clone());
        all.push(repeated);
        all.push(warning);
        assert_eq!(all.sorted().len(), 2);
        assert_eq!((all.error_count(), all.warning_count()), (1, 1));
    }
}
