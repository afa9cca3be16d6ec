//! What a document's summary keeps of its events: the text before
//! `<!-- more -->` or the first paragraph, without what only makes sense on
//! the page itself (heading ids, anchors, footnotes).

use pulldown_cmark::{Event, Tag, TagEnd};

/// What an event became, so the summary can drop what only makes sense on
/// the page itself.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
    Plain,
    HeadingStart,
    PageOnly,
}

/// A note's text belongs to its page: a summary or a list shows neither
/// the note nor its number.
pub(super) fn role_in(footnote: bool) -> Role {
    if footnote {
        Role::PageOnly
    } else {
        Role::Plain
    }
}

pub(super) fn summary_event<'a>((event, role): &(Event<'a>, Role)) -> Option<Event<'a>> {
    match (role, event) {
        (Role::PageOnly, _) => None,
        (
            Role::HeadingStart,
            Event::Start(Tag::Heading {
                level,
                classes,
                attrs,
                ..
            }),
        ) => Some(Event::Start(Tag::Heading {
            level: *level,
            id: None,
            classes: classes.clone(),
            attrs: attrs.clone(),
        })),
        _ => Some(event.clone()),
    }
}

pub(super) fn first_paragraph<'e, 'a>(events: &'e [(Event<'a>, Role)]) -> &'e [(Event<'a>, Role)] {
    let Some(start) = events
        .iter()
        .position(|(e, _)| matches!(e, Event::Start(Tag::Paragraph)))
    else {
        return &[];
    };
    let end = events[start..]
        .iter()
        .position(|(e, _)| matches!(e, Event::End(TagEnd::Paragraph)))
        .map_or(events.len(), |i| start + i + 1);
    &events[start..end]
}

pub(super) fn is_more_marker(html: &str) -> bool {
    html.trim()
        .strip_prefix("<!--")
        .and_then(|rest| rest.strip_suffix("-->"))
        .is_some_and(|inner| inner.trim() == "more")
}
