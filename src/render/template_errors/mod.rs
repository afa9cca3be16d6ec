//! Tera's errors -> diagnostics in our words: each names the template
//! file, line and column, says what is wrong without parser jargon, and
//! gives the fix. Tera reports a syntax error with its position; a
//! reference to a filter, function or template that does not exist only
//! as report text (`--> name:line:col`), which is read here; a missing
//! `{% endif %}` only as "unexpected end of input", so the template is
//! read again to find the tag left open.

mod names;
mod scan;

pub use names::{FILTERS, FUNCTIONS, TESTS};

use crate::diag::{Diagnostic, Kind, Span, close_key, lower_first};
use scan::{find_tag, unclosed_tag, word_at};

use super::origins::TemplateOrigins;

/// Every problem a Tera error holds (loading the templates can find
/// several at once), each in our words.
pub fn template_diagnostics(error: &tera::Error, origins: &TemplateOrigins) -> Vec<Diagnostic> {
    if let tera::ErrorKind::Msg(text) = error.kind() {
        let reports = reports(text);
        if !reports.is_empty() {
            return reports
                .into_iter()
                .map(|(message, name, line, col)| {
                    let (kind, message, hint) =
                        explain(&message, origins.text_of(&name), line, col);
                    at(origins, &name, line, col, kind, message, hint)
                })
                .collect();
        }
    }
    vec![template_diagnostic(error, origins)]
}

/// One Tera error as a diagnostic (rendering a page fails on its first).
pub fn template_diagnostic(error: &tera::Error, origins: &TemplateOrigins) -> Diagnostic {
    use tera::ErrorKind;
    match error.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let span = report.span();
            let name = report.filename();
            let (line, col) = (span.start_line.max(1), span.start_col + 1);
            let (kind, message, hint) = explain(report.message(), origins.text_of(name), line, col);
            let kind = match (error.kind(), kind) {
                (ErrorKind::RenderingError(_), Kind::TemplateSyntax) => Kind::TemplateError,
                _ => kind,
            };
            at(origins, name, line, col, kind, message, hint)
        }
        ErrorKind::MissingParent { current, parent } => {
            let (line, col) = origins
                .text_of(current)
                .and_then(|text| find_tag(text, "extends"))
                .unwrap_or((0, 0));
            let known = origins.names();
            let hint = match close_key(parent, known.iter().map(String::as_str)) {
                Some(close) => format!("did you mean \"{close}\"?"),
                None => {
                    "name a template of the theme or of templates/, such as \"base.html\"".into()
                }
            };
            Diagnostic::error(
                Kind::MissingParentTemplate,
                Span::new(origins.file_of(current), line, col),
                format!("`{{% extends \"{parent}\" %}}` names a template that does not exist"),
            )
            .with_hint(hint)
        }
        ErrorKind::TemplateNotFound(name) => Diagnostic::error(
            Kind::MissingTemplate,
            Span::file(format!("templates/{name}")),
            format!("template `{name}` is missing"),
        )
        .with_hint("add it to the theme or to templates/"),
        // Errors Tera gives without a position: its first line says it all.
        _ => {
            let text = error.to_string();
            let line = text
                .lines()
                .map(str::trim)
                .find(|l| !l.is_empty())
                .unwrap_or("")
                .trim_start_matches("error:")
                .trim_start_matches("Error:")
                .trim();
            Diagnostic::general(
                Kind::TemplateError,
                format!("template error: {}", lower_first(line)),
            )
            .with_hint("fix the template")
        }
    }
}

fn at(
    origins: &TemplateOrigins,
    name: &str,
    line: usize,
    col: usize,
    kind: Kind,
    message: String,
    hint: String,
) -> Diagnostic {
    let file = origins.file_of(name);
    let label = if kind == Kind::TemplateSyntax {
        "template syntax error"
    } else {
        "template error"
    };
    // A suggestion is the fix; otherwise the theme's own copy is one.
    let hint = if origins.overrides_theme(name) && !hint.starts_with("did you mean") {
        format!("{hint}; or delete {file} to use the theme's")
    } else {
        hint
    };
    Diagnostic::error(
        kind,
        Span::new(file, line, col),
        format!("{label}: {message}"),
    )
    .with_hint(hint)
}

/// The reports of a Tera message: (message, template, line, column) of
/// each `error: ...` followed by its `--> name:line:col` line.
fn reports(text: &str) -> Vec<(String, String, usize, usize)> {
    let mut found = Vec::new();
    let mut message: Option<&str> = None;
    for line in text.lines() {
        let trimmed = line.trim();
        if let Some(m) = trimmed.strip_prefix("error: ") {
            message = Some(m);
        } else if let (Some(m), Some(place)) = (message, trimmed.strip_prefix("--> ")) {
            let mut parts = place.rsplitn(3, ':');
            let col = parts.next().and_then(|c| c.parse().ok());
            let line = parts.next().and_then(|l| l.parse().ok());
            if let (Some(col), Some(line), Some(name)) = (col, line, parts.next()) {
                found.push((m.to_string(), name.to_string(), line, col));
            }
            message = None;
        }
    }
    found
}

/// (kind, message, hint) for one of Tera's messages about the template
/// `text` at `line`:`col`.
fn explain(message: &str, text: Option<&str>, line: usize, col: usize) -> (Kind, String, String) {
    let syntax = |m: String, h: &str| (Kind::TemplateSyntax, m, h.to_string());
    let quoted = |prefix: &str| -> Option<String> {
        let rest = message.strip_prefix(prefix)?;
        Some(rest.trim_start_matches('`').split('`').next()?.to_string())
    };
    let suggest =
        |name: &str, known: &[&str], what: &str| match close_key(name, known.iter().copied()) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!("the {what} are: {}", known.join(", ")),
        };
    // Tera says the same of a filter, a function and a test it does not know.
    for (what, known) in [
        ("filter", FILTERS),
        ("function", FUNCTIONS),
        ("test", TESTS),
    ] {
        if let Some(name) = quoted(&format!("Unknown {what} ")) {
            let usage = match what {
                "test" => format!(" (as in `x is {name}`)"),
                _ => String::new(),
            };
            return syntax(
                format!("there is no {what} `{name}`{usage}"),
                &suggest(&name, known, &format!("{what}s")),
            );
        }
    }
    if let Some(name) = quoted("Unknown template ") {
        return syntax(
            format!("`{{% include \"{name}\" %}}` names a template that does not exist"),
            "check the name and folder: partials are included as \"partials/<name>.html\"",
        );
    }
    if let Some(block) = quoted("Block ") {
        if message.contains("is not defined in any parent template") {
            return syntax(
                format!("block `{block}` is not in the layout this template extends"),
                "use a block of the layout (setup, ld, head, main in the default theme's base.html)",
            );
        }
    }
    if message.starts_with("Unexpected end of input") {
        return match text.and_then(unclosed_tag) {
            Some((tag, open_line)) => syntax(
                format!("`{{% {tag} %}}` on line {open_line} is never closed"),
                &format!("add `{{% end{tag} %}}` where it should end"),
            ),
            None => syntax(
                "the template ends inside a tag".into(),
                "close every `{{` with `}}` and every `{%` with `%}`",
            ),
        };
    }
    if message.starts_with("Unknown tag") {
        let word = text.and_then(|t| word_at(t, line, col)).unwrap_or_default();
        let open = text.and_then(unclosed_tag);
        return match (word.strip_prefix("end"), open) {
            (Some(closed), Some((tag, open_line))) if tag != closed => syntax(
                format!(
                    "`{{% {word} %}}` comes while the `{{% {tag} %}}` of line {open_line} is still open"
                ),
                &format!("add `{{% end{tag} %}}` before it"),
            ),
            _ => syntax(
                format!("there is no tag `{{% {word} %}}`"),
                "the tags are if, elif, else, endif, for, endfor, block, endblock, extends, \
                 include, set, set_global, macro, endmacro, filter, endfilter, raw, endraw, \
                 break and continue",
            ),
        };
    }
    if message.starts_with("Closing comment tag") {
        return syntax(
            "a `{#` comment is never closed".into(),
            "end the comment with `#}`",
        );
    }
    if let Some((found, expected)) = found_but_expected(message) {
        return match (found.as_str(), expected.as_str()) {
            (f, "}}") if f != "}}" => syntax(
                format!("`{{{{` is closed with {f} instead of `}}}}`"),
                "write a value as `{{ page.title }}`, with two braces on each side",
            ),
            ("`}}`", e) if e.contains("%}") => syntax(
                "`{%` is closed with `}}` instead of `%}`".into(),
                "write a tag as `{% if page.draft %}`, with `%}` at its end",
            ),
            (f, e) if e.starts_with("one of: integer") => syntax(
                format!("a value is missing before {f}"),
                "write a variable, a number or text in quotes there, such as `page.title`",
            ),
            (f, e) if e.contains("`endif`") => syntax(
                format!("found {f} inside an `{{% if %}}` that is not closed yet"),
                "close the `{% if %}` with `{% endif %}` first",
            ),
            (f, e) => syntax(
                format!("found {f} where {e} was expected"),
                "compare the tag with Tera's documentation: https://keats.github.io/tera/docs/",
            ),
        };
    }
    if let Some(rest) = message.strip_prefix("Variable ") {
        let (name, mut available) = name_and_list(rest, "Available variables: ");
        // The theme's shared parts are growthsite's, not the template's.
        available.retain(|var| !var.starts_with(crate::render::shared_parts::PREFIX));
        let hint = match close_key(&name, available.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None => format!(
                "the variables here are {}; test an optional one with `{{% if {name} is defined %}}`",
                available.join(", ")
            ),
        };
        return (
            Kind::TemplateError,
            format!("variable `{name}` is not defined"),
            hint,
        );
    }
    if let Some(rest) = message.strip_prefix("Field ") {
        let (name, available) = name_and_list(rest, "Available fields: ");
        let hint = match close_key(&name, available.iter().map(String::as_str)) {
            Some(close) => format!("did you mean `{close}`?"),
            None if available.is_empty() => "check the field's name".to_string(),
            None => format!("the fields there are {}", available.join(", ")),
        };
        return (
            Kind::TemplateError,
            format!("field `{name}` is not defined"),
            hint,
        );
    }
    if let Some(argument) = quoted("Missing keyword argument ") {
        let called = text.and_then(|t| word_at(t, line, col)).unwrap_or_default();
        let message = if called.is_empty() {
            format!("an argument `{argument}` is missing")
        } else {
            format!("`{called}` needs the argument `{argument}`")
        };
        return (
            Kind::TemplateError,
            message,
            format!("pass it by name: `{called}({argument}=...)`"),
        );
    }
    if message.starts_with("asset `") {
        return (
            Kind::TemplateError,
            message.to_string(),
            "put the file in static/, or link an optional file only `{% if has_asset(path=...) %}`"
                .into(),
        );
    }
    let kind = if message.contains("Found") || message.contains("expected") {
        Kind::TemplateSyntax
    } else {
        Kind::TemplateError
    };
    (
        kind,
        lower_first(message),
        "fix the template at this place".into(),
    )
}

/// `Found X but expected Y.` -> (X, Y).
fn found_but_expected(message: &str) -> Option<(String, String)> {
    let rest = message.strip_prefix("Found ")?;
    let (found, expected) = rest.split_once(" but expected ")?;
    Some((
        found.to_string(),
        expected.trim_end_matches('.').to_string(),
    ))
}

/// "`x` is not defined. Available fields: a, b" -> ("x", [a, b]).
fn name_and_list(rest: &str, label: &str) -> (String, Vec<String>) {
    let name = rest
        .trim_start_matches('`')
        .split('`')
        .next()
        .unwrap_or_default()
        .to_string();
    let available = rest
        .split_once(label)
        .map(|(_, list)| {
            list.trim_end_matches('.')
                .split(", ")
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect()
        })
        .unwrap_or_default();
    (name, available)
}

#[cfg(test)]
mod tests;
