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

/// An event as a summary shows it, on another page than its own (at
/// `page_url`): an in-page link (`#setup`) leads to the part of its own
/// page, as a relative path does (SPEC §4).
pub(super) fn summary_event<'a>(
    (event, role): &(Event<'a>, Role),
    page_url: Option<&str>,
) -> Option<Event<'a>> {
    match (role, event) {
        (Role::PageOnly, _) => None,
        (
            _,
            Event::Start(Tag::Link {
                link_type,
                dest_url,
                title,
                id,
            }),
        ) if dest_url.starts_with('#') && page_url.is_some() => Some(Event::Start(Tag::Link {
            link_type: *link_type,
            dest_url: format!("{}{dest_url}", page_url.unwrap_or_default()).into(),
            title: title.clone(),
            id: id.clone(),
        })),
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
