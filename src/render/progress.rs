//! The `/progress/` page's template value, pure: `Site::progress` ->
//! `progress` (headline numbers, the charts of `progress_charts`, the open
//! and overdue goals, the latest revisits).

use tera::Value;

use super::context::growth::{display, goal_anchor, goal_when, revisit_anchor, ymd};
use super::context::{SharedValues, html, object};
use super::progress_charts::{
    empty_chart, goals_chart, outcomes_chart, overdue_chart, strategies_chart, writeups_chart,
};
use crate::assemble::Site;
use crate::assemble::progress::{GOALS_AT_A_GLANCE, GoalRef, RevisitRef, goal_state};

/// The `progress` value of `progress.html`.
pub fn progress_value(site: &Site, shared: &SharedValues) -> Value {
    let p = &site.progress;
    let t = &shared.strings;
    let goals_total = p.met + p.open + p.overdue;
    let revisited: usize = p.latest_outcomes.iter().sum();
    let goal_list = |refs: &[GoalRef]| {
        Value::from(
            refs.iter()
                .map(|at| goal_entry(site, *at, shared))
                .collect::<Vec<_>>(),
        )
    };
    object([
        ("as_of", ymd(Some(site.build_date))),
        ("as_of_display", display(shared, Some(site.build_date))),
        ("writeups", p.writeups.into()),
        (
            "goals",
            object([
                ("total", goals_total.into()),
                ("met", p.met.into()),
                ("open", p.open.into()),
                ("overdue", p.overdue.into()),
            ]),
        ),
        (
            "revisits",
            object([
                ("writeups", revisited.into()),
                ("total", p.revisits_by_outcome.iter().sum::<usize>().into()),
                ("stuck", p.latest_outcomes[0].into()),
            ]),
        ),
        ("goals_chart", goals_chart(p, t)),
        ("outcomes_chart", outcomes_chart(p, t)),
        ("writeups_chart", writeups_chart(p, t)),
        ("strategies_chart", strategies_chart(site, t)),
        (
            "goal_lists",
            Value::from(
                [
                    ("overdue", p.overdue, &p.overdue_goals),
                    ("open", p.open, &p.open_goals),
                ]
                .into_iter()
                .filter(|(_, total, _)| *total > 0)
                .map(|(state, total, refs)| {
                    let chart = match state {
                        "overdue" => overdue_chart(p, t),
                        _ => empty_chart(),
                    };
                    object([
                        ("state", state.into()),
                        ("title", t.get(&format!("goal_{state}")).into()),
                        ("total", total.into()),
                        ("shown", GOALS_AT_A_GLANCE.into()),
                        (
                            "folded",
                            refs.len().saturating_sub(GOALS_AT_A_GLANCE).into(),
                        ),
                        ("chart", chart),
                        ("goals", goal_list(refs)),
                        ("more", (total - refs.len()).into()),
                    ])
                })
                .collect::<Vec<_>>(),
            ),
        ),
        (
            "recent",
            Value::from(
                p.recent_revisits
                    .iter()
                    .map(|at| revisit_entry(site, *at, shared))
                    .collect::<Vec<_>>(),
            ),
        ),
        (
            "feed_url",
            format!("{}{}", shared.base_url, super::progress_feed::PROGRESS_FEED).into(),
        ),
    ])
}

fn goal_entry(site: &Site, at: GoalRef, shared: &SharedValues) -> Value {
    let w = &site.posts[at.post].writeup;
    let goal = &w.growth.goals[at.goal];
    let url = format!("{}{}", shared.base_path, w.doc.path);
    let state = goal_state(goal, site.build_date);
    let late = goal
        .by
        .map(|by| site.build_date.day_number() - by.day_number())
        .filter(|d| *d > 0);
    let by = goal.by.map(|d| (d.ymd(), shared.date(&d)));
    let when = goal_when(state, late, by.as_ref(), None, &shared.strings);
    object([
        ("text", goal.text.as_str().into()),
        ("url", format!("{url}#{}", goal_anchor(at.goal)).into()),
        ("title", w.doc.title.as_str().into()),
        ("writeup_url", url.into()),
        ("by", by.map(|(ymd, _)| ymd).into()),
        ("when", html(&when)),
    ])
}

fn revisit_entry(site: &Site, at: RevisitRef, shared: &SharedValues) -> Value {
    let post = &site.posts[at.post];
    let w = &post.writeup;
    let revisit = &w.growth.revisits[at.revisit];
    let note = post
        .revisit_notes
        .get(at.revisit)
        .map_or("", String::as_str);
    let anchor = revisit_anchor(at.revisit);
    object([
        ("title", w.doc.title.as_str().into()),
        (
            "url",
            format!("{}{}#{anchor}", shared.base_path, w.doc.path).into(),
        ),
        ("date", ymd(Some(revisit.date))),
        ("date_display", display(shared, Some(revisit.date))),
        ("outcome", revisit.outcome.name().into()),
        ("note", html(note)),
    ])
}
