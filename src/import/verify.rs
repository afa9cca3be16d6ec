//! The imported site -> what `growthsite check` will say about its links
//! that the report does not list yet, as notes. The import rewrote what it
//! could; a link that still leads nowhere was written that way in the old
//! blog (a relative path that resolved nowhere, an anchor that a page no
//! longer has), and the report says so at the line `check` names, with
//! the same words and hint, so the report and `check` never disagree.

use std::path::Path;

use super::report::{Kind, Note};
use crate::diag::Kind as Finding;
use crate::options::Options;
use crate::pipeline::check_site;

/// Link problems `check` finds in the site at `dir` that `notes` does not
/// list at their file and line (or, for a reference link, with its URL).
pub fn unlisted_link_problems(dir: &Path, notes: &[Note]) -> Vec<Note> {
    let options = Options {
        // As `check`: nothing written, no image resized.
        make_images: false,
        ..Options::for_root(dir)
    };
    let Ok(built) = check_site(&options) else {
        return Vec::new();
    };
    let mut found = Vec::new();
    for diagnostic in built.diagnostics.sorted() {
        if !matches!(
            diagnostic.kind,
            Finding::BrokenLink | Finding::BrokenAnchor | Finding::LinkOutsideBase
        ) {
            continue;
        }
        let Some(span) = &diagnostic.span else {
            continue;
        };
        let written = diagnostic.message.split('`').nth(1).unwrap_or("");
        let listed = notes.iter().any(|note| {
            note.kind == Kind::Link
                && note.file == span.file
                && (note.line == span.line
                    || (!written.is_empty() && note.what.contains(&format!("`{written}`"))))
        });
        if listed {
            continue;
        }
        found.push(
            Note::new(
                Kind::Link,
                span.file.clone(),
                format!("`growthsite check`: {}", diagnostic.message),
            )
            .at(span.line)
            .todo(diagnostic.hint.clone().unwrap_or_default()),
        );
    }
    found
}
