//! Diagnostics: problems in the user's content, config or templates, with
//! the position they come from. Every stage pushes into one `Diagnostics`
//! per run and goes on, so a run reports every problem, not only the first.

mod kind;
mod position;
mod wording;

use std::fmt;

pub use kind::Kind;
pub use position::{LineCursor, line_col};
pub use wording::{close_key, did_you_mean, lower_first, plural, unknown_name_hint};

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

#[cfg(test)]
mod tests {
    use super::*;

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
        for (file, line, message) in [("b.md", 1, "x"), ("a.md", 9, "y"), ("a.md", 2, "z")] {
            let span = Span::new(file, line, 1);
            all.push(Diagnostic::error(Kind::MissingTitle, span, message));
        }
        let lines: Vec<String> = all.sorted().iter().map(|d| d.to_string()).collect();
        assert_eq!(lines[0], "error: a.md:2:1: z");
        assert_eq!(lines[2], "error: b.md:1:1: x");
    }

    #[test]
    fn check_promotes_by_kind_and_strict_promotes_all() {
        let mut all = Diagnostics::new();
        for (kind, line) in [(Kind::UnknownStrategy, 4), (Kind::MissingLesson, 1)] {
            all.push(Diagnostic::warning(kind, Span::new("a.md", line, 1), "w"));
        }
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
