//! `/progress/atom.xml`, written directly like the other feeds: one entry
//! per goal met and per revisit, newest first, so that followers see the
//! follow-ups and not only new mistakes. Every date in it comes from the
//! content, so two builds of the same input are identical.

use std::fmt::Write;

use super::context::growth::{goal_anchor, revisit_anchor};
use super::feed::{FeedHead, absolute_urls, write_head};
use crate::assemble::Site;
use crate::config::origin_of;
use crate::html::escape;
use crate::parse::Writeup;
use crate::parse::date::Date;
use crate::parse::growth::Outcome;

/// The feed's path under the base URL.
pub const PROGRESS_FEED: &str = "progress/atom.xml";

/// A follow-up to announce.
enum Event {
    /// Goal `goal` of post `post` was met.
    GoalMet { post: usize, goal: usize },
    /// Revisit `revisit` of post `post`.
    Revisit { post: usize, revisit: usize },
}

/// The newest `feed_limit` goals met and revisits of the site, as Atom.
pub fn progress_feed(site: &Site) -> String {
    let config = &site.config;
    let base_url = &config.base_url;
    let origin = origin_of(base_url);
    let events = newest_events(site, config.feed_limit);
    let mut xml = String::with_capacity(2048 + events.len() * 1024);
    let head = FeedHead {
        title: &format!("{}: progress", config.title),
        subtitle: Some("Goals met and mistakes revisited."),
        path: PROGRESS_FEED,
        page_path: "progress/",
        updated: events.first().map(|(date, _)| *date),
    };
    write_head(&mut xml, config, &head);
    for (date, event) in &events {
        entry(&mut xml, site, *date, event, origin);
    }
    xml.push_str("</feed>\n");
    xml
}

/// Goals met and revisits, newest first (ties: newest write-up, then as
/// written), at most `limit`.
fn newest_events(site: &Site, limit: usize) -> Vec<(Date, Event)> {
    let mut events: Vec<(Date, (usize, usize, usize), Event)> = Vec::new();
    for (post, p) in site.posts.iter().enumerate() {
        let growth = &p.writeup.growth;
        for (goal, g) in growth.goals.iter().enumerate() {
            if let Some(done) = g.done {
                events.push((done, (post, 0, goal), Event::GoalMet { post, goal }));
            }
        }
        for (revisit, r) in growth.revisits.iter().enumerate() {
            events.push((r.date, (post, 1, revisit), Event::Revisit { post, revisit }));
        }
    }
    events.sort_by(|a, b| {
        b.0.day_number()
            .cmp(&a.0.day_number())
            .then_with(|| a.1.cmp(&b.1))
    });
    events
        .into_iter()
        .take(limit)
        .map(|(date, _, event)| (date, event))
        .collect()
}

/// What came of it, in words: `it stuck`.
fn outcome_phrase(outcome: Outcome) -> &'static str {
    match outcome {
        Outcome::Stuck => "it stuck",
        Outcome::Slipped => "it slipped",
        Outcome::Changed => "the goal changed",
    }
}

/// A write-up as the entries name it: its linked title and its date.
fn writeup_link(base_url: &str, w: &Writeup) -> String {
    format!(
        "<a href=\"{base_url}{}\">{}</a> ({})",
        w.doc.path,
        escape(&w.doc.title),
        w.date.display()
    )
}

fn entry(xml: &mut String, site: &Site, date: Date, event: &Event, origin: &str) {
    let base_url = &site.config.base_url;
    let (post, title, anchor, content) = match *event {
        Event::GoalMet { post, goal } => {
            let w = &site.posts[post].writeup;
            let g = &w.growth.goals[goal];
            let mut content = format!(
                "<p>A goal set in {} was met on {}",
                writeup_link(base_url, w),
                date.display()
            );
            if let Some(by) = g.by {
                let _ = write!(content, ", aiming for {}", by.display());
            }
            content.push_str(".</p>");
            (
                post,
                format!("Goal met: {}", g.text),
                goal_anchor(goal),
                content,
            )
        }
        Event::Revisit { post, revisit } => {
            let p = &site.posts[post];
            let w = &p.writeup;
            let r = &w.growth.revisits[revisit];
            let mut content = format!(
                "<p>Looking back at {}: <strong>{}</strong>.</p>",
                writeup_link(base_url, w),
                outcome_phrase(r.outcome)
            );
            if let Some(note) = p.revisit_notes.get(revisit) {
                content.push_str(&absolute_urls(note, origin));
            }
            if let Some(lesson) = &w.lesson {
                let _ = write!(
                    content,
                    "<p><strong>Lesson:</strong> {}</p>",
                    escape(lesson)
                );
            }
            let title = format!("Follow-up: {} ({})", w.doc.title, outcome_phrase(r.outcome));
            (post, title, revisit_anchor(revisit), content)
        }
    };
    let path = &site.posts[post].writeup.doc.path;
    let link = format!("{base_url}{path}#{anchor}");
    xml.push_str("  <entry>\n");
    let _ = writeln!(xml, "    <title>{}</title>", escape(&title));
    let _ = writeln!(
        xml,
        "    <link href=\"{link}\" rel=\"alternate\" type=\"text/html\"/>"
    );
    let _ = writeln!(xml, "    <id>{link}</id>");
    let _ = writeln!(xml, "    <published>{}</published>", date.rfc3339());
    let _ = writeln!(xml, "    <updated>{}</updated>", date.rfc3339());
    let _ = writeln!(
        xml,
        "    <content type=\"html\" xml:base=\"{base_url}{path}\">{}</content>",
        escape(&content)
    );
    xml.push_str("  </entry>\n");
}
