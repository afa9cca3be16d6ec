//! A converted body -> notes for its links to a `#fragment` of its own page
//! that no heading or element has. growthsite makes heading ids as GitHub,
//! Hugo and kramdown do, so such a link found no target in the old blog
//! either (`#bootstrap.sh` for `### bootstrap.sh`, whose id is
//! `bootstrapsh` there too): it goes in the report with the closest id, and
//! `growthsite check` reports it at the same line. The body is rendered
//! with growthsite's own Markdown stage, so the ids are the site's. Pure.

use crate::diag::did_you_mean;
use crate::import::report::Kind;
use crate::import::rewrite::BodyNote;
use crate::parse::links::LinkTargets;
use crate::parse::markdown::{MarkdownInput, render_markdown};
use crate::urls::percent_decode;

/// A note for each `#fragment` link of `body` that its page lacks.
pub(super) fn missing_anchor_notes(body: &str, id_prefix: &str) -> Vec<BodyNote> {
    let input = MarkdownInput {
        text: body,
        file: "",
        first_line: 1,
        id_prefix,
        page_url: None,
    };
    let (rendered, _) = render_markdown(input, &LinkTargets::default());
    let ids = crate::html::scan_html(&rendered.html.text()).ids;
    let mut notes = Vec::new();
    for link in &rendered.links {
        let Some(fragment) = link.written.trim().strip_prefix('#') else {
            continue;
        };
        let fragment = percent_decode(fragment);
        if fragment.is_empty() || fragment.eq_ignore_ascii_case("top") || ids.contains(&fragment) {
            continue;
        }
        let todo = match did_you_mean(&fragment, ids.iter().map(String::as_str)) {
            Some(close) => format!("point it at `#{close}`, or remove the link"),
            None => "point it at a heading of the page, or remove the link".to_string(),
        };
        notes.push(BodyNote {
            kind: Kind::Link,
            line: link.line,
            source_line: 0,
            what: format!(
                "`{}` names no heading or element of this page (nor did it in the old blog, whose ids were made the same way)",
                link.written.trim()
            ),
            todo,
        });
    }
    notes
}

#[cfg(test)]
mod tests {
    use super::missing_anchor_notes;

    #[test]
    fn a_fragment_no_heading_has_is_noted_with_the_closest_id() {
        let notes = missing_anchor_notes(
            "See [the script](#bootstrap.sh) and [setup](#setup).\n\n## Setup\n\n### bootstrap.sh\n",
            "a",
        );
        assert_eq!(notes.len(), 1, "{notes:?}");
        assert_eq!(notes[0].line, 1);
        assert_eq!(
            notes[0].todo,
            "point it at `#bootstrapsh`, or remove the link"
        );
    }
}
