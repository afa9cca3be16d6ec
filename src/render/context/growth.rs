//! Template values of the growth loop on a write-up's page and in the
//! lessons index, pure: a post's goals (with their state on the build
//! date), its revisits as a timeline, and the write-ups of the same
//! mistake made before and again.

use tera::Value;

use super::{SharedValues, html, object};
use crate::assemble::progress::{GoalState, goal_state};
use crate::assemble::{Post, Site};
use crate::parse::date::Date;
use crate::parse::growth::Revisit;
use crate::strings::Strings;

/// The anchor of a write-up's goal on its page (`goal-1`, as written).
pub fn goal_anchor(index: usize) -> String {
    format!("goal-{}", index + 1)
}

/// The anchor of a write-up's revisit on its page (`revisit-1`, as written).
pub fn revisit_anchor(index: usize) -> String {
    format!("revisit-{}", index + 1)
}

/// A calendar day as `YYYY-MM-DD` (for `<time datetime>`), or none. Goals
/// and revisits are dated to the day; `*_display` fields give it in words.
pub fn ymd(date: Option<Date>) -> Value {
    date.map(|d| d.ymd()).into()
}

/// A calendar day in the site's language (`14 March 2026`), or none.
pub fn display(shared: &SharedValues, date: Option<Date>) -> Value {
    date.map(|d| shared.date(&d)).into()
}

/// Adds the growth loop's fields to a full write-up: `goals`,
/// `goal_counts` (`total`, `met`, `open`, `overdue`, `label`),
/// `revisits`, `latest_revisit` (`anchor`, `date`, `date_display`,
/// `outcome`, `label`, or none), `made_before`, `made_again`. The labels
/// are the status line under the lesson, in words, ready to show.
pub fn put_growth(
    map: &mut Vec<(&'static str, Value)>,
    site: &Site,
    post: &Post,
    shared: &SharedValues,
) {
    let growth = &post.writeup.growth;
    let mut counts = [0usize; 3];
    for goal in &growth.goals {
        counts[goal_state(goal, site.build_date) as usize] += 1;
    }
    let latest = growth.latest_revisit().map_or_else(Value::none, |latest| {
        let index = growth
            .revisits
            .iter()
            .position(|r| std::ptr::eq(r, latest))
            .unwrap_or(0);
        let day = shared.date(&latest.date);
        let label = shared.strings.get("followed_up").replace("{date}", &day);
        object([
            ("anchor", revisit_anchor(index).into()),
            ("date", ymd(Some(latest.date))),
            ("date_display", day.into()),
            ("outcome", latest.outcome.name().into()),
            ("label", label.into()),
        ])
    });
    let total = growth.goals.len();
    let [met, open, overdue] = counts;
    let (made_before, made_again) = repeats_values(site, post, shared);
    let mut put = |key: &'static str, value: Value| map.push((key, value));
    put("goals", goals_value(post, site.build_date, shared));
    put(
        "goal_counts",
        object([
            ("total", total.into()),
            ("met", met.into()),
            ("open", open.into()),
            ("overdue", overdue.into()),
            (
                "label",
                counts_label(total, met, overdue, &shared.strings).into(),
            ),
        ]),
    );
    put("revisits", revisits_value(post, shared));
    put("latest_revisit", latest);
    put("made_before", made_before);
    put("made_again", made_again);
}

/// `2 of 3 goals met, 1 overdue`, or nothing without goals.
fn counts_label(total: usize, met: usize, overdue: usize, t: &Strings) -> String {
    if total == 0 {
        return String::new();
    }
    let key = if total == 1 {
        "goals_met_of_one"
    } else {
        "goals_met_of_other"
    };
    let mut label = t
        .get(key)
        .replace("{met}", &met.to_string())
        .replace("{total}", &total.to_string());
    if overdue > 0 {
        label.push_str(", ");
        label.push_str(
            &t.get("goals_overdue_count")
                .replace("{n}", &overdue.to_string()),
        );
    }
    label
}

/// `page.goals`: every goal as written, with its state.
pub fn goals_value(post: &Post, today: Date, shared: &SharedValues) -> Value {
    let goals = &post.writeup.growth.goals;
    Value::from(
        goals
            .iter()
            .enumerate()
            .map(|(i, goal)| {
                let state = goal_state(goal, today);
                let days = |from: Option<Date>, to: Date| {
                    from.map(|from| to.day_number() - from.day_number())
                        .filter(|d| *d > 0)
                };
                let late = match state {
                    GoalState::Met => goal.done.and_then(|done| days(goal.by, done)),
                    GoalState::Overdue => days(goal.by, today),
                    GoalState::Open => None,
                };
                // Each date once as `YYYY-MM-DD` and once in words.
                let day = |d: Option<Date>| d.map(|d| (d.ymd(), shared.date(&d)));
                let (by, done) = (day(goal.by), day(goal.done));
                let when = goal_when(state, late, by.as_ref(), done.as_ref(), &shared.strings);
                object([
                    ("text", goal.text.as_str().into()),
                    ("state", state.name().into()),
                    ("anchor", goal_anchor(i).into()),
                    ("by", by.map(|(ymd, _)| ymd).into()),
                    ("done", done.map(|(ymd, _)| ymd).into()),
                    ("days_late", late.into()),
                    ("when", html(&when)),
                ])
            })
            .collect::<Vec<_>>(),
    )
}

/// A goal's dates in words, as HTML ready to show after its state: `<time>2
/// May 2026</time>, target <time>30 June 2026</time>`, `was due <time>31 May
/// 2026</time>, 15 days ago`, `due ...`, `no date set`. Built here rather
/// than in the template: a template would fill each phrase with filter
/// calls, on every goal of every page.
pub fn goal_when(
    state: GoalState,
    late: Option<i64>,
    by: Option<&(String, String)>,
    done: Option<&(String, String)>,
    t: &Strings,
) -> String {
    let time = |day: Option<&(String, String)>| match day {
        Some((ymd, display)) => format!(
            "<time datetime=\"{ymd}\">{}</time>",
            crate::html::escape(display)
        ),
        None => String::new(),
    };
    let phrase = |key: &str, n: Option<i64>, date: &str| {
        let mut text = crate::html::escape(t.get(key)).replace("{date}", date);
        if let Some(n) = n {
            text = text.replace("{n}", &n.to_string());
        }
        text
    };
    let plural = |base: &str, n: i64| format!("{base}_{}", if n == 1 { "one" } else { "other" });
    match (state, late, by) {
        (GoalState::Met, Some(n), _) => format!(
            "{}, {}",
            time(done),
            phrase(&plural("goal_late", n), Some(n), &time(by))
        ),
        (GoalState::Met, None, Some(_)) => {
            format!("{}, {}", time(done), phrase("goal_target", None, &time(by)))
        }
        (GoalState::Met, None, None) => time(done),
        (GoalState::Overdue, n, _) => {
            let n = n.unwrap_or(0);
            phrase(&plural("goal_was_due", n), Some(n), &time(by))
        }
        (GoalState::Open, _, Some(_)) => phrase("goal_due", None, &time(by)),
        (GoalState::Open, _, None) => phrase("goal_no_date", None, ""),
    }
}

/// `page.revisits`: the follow-ups, oldest first, each with how long
/// after the write-up it came.
pub fn revisits_value(post: &Post, shared: &SharedValues) -> Value {
    let w = &post.writeup;
    let mut order: Vec<usize> = (0..w.growth.revisits.len()).collect();
    order.sort_by_key(|&i| (w.growth.revisits[i].date.day_number(), i));
    Value::from(
        order
            .into_iter()
            .map(|i| {
                let revisit = &w.growth.revisits[i];
                let note = post.revisit_notes.get(i).map_or("", String::as_str);
                revisit_fields(revisit, i, note, w.date, shared)
            })
            .collect::<Vec<_>>(),
    )
}

fn revisit_fields(
    revisit: &Revisit,
    index: usize,
    note_html: &str,
    since: Date,
    shared: &SharedValues,
) -> Value {
    let days = revisit.date.day_number() - since.day_number();
    object([
        ("anchor", revisit_anchor(index).into()),
        ("date", ymd(Some(revisit.date))),
        ("date_display", display(shared, Some(revisit.date))),
        ("outcome", revisit.outcome.name().into()),
        ("note", html(note_html)),
        ("after", time_after(days, &shared.strings).into()),
    ])
}

/// `3 days later`, `5 weeks later`, `4 months later`, `2 years later`, in
/// the site's language.
pub fn time_after(days: i64, strings: &Strings) -> String {
    let (n, unit) = match days {
        ..=0 => return strings.get("after_same_day").to_string(),
        1..=13 => (days, "days"),
        14..=62 => ((days + 3) / 7, "weeks"),
        63..=700 => ((days * 100 + 1522) / 3044, "months"),
        _ => ((days * 100 + 18262) / 36525, "years"),
    };
    let key = format!("after_{unit}_{}", if n == 1 { "one" } else { "other" });
    strings.get(&key).replace("{n}", &n.to_string())
}

/// `page.made_before` and `page.made_again`: the same mistake, earlier
/// and later, oldest first.
pub fn repeats_values(site: &Site, post: &Post, shared: &SharedValues) -> (Value, Value) {
    let base_path = &shared.base_path;
    let refs = |indices: &[usize]| -> Value {
        let mut indices = indices.to_vec();
        // Posts are newest first: a larger index is older.
        indices.sort_by(|a, b| b.cmp(a));
        Value::from(
            indices
                .into_iter()
                .map(|i| {
                    let w = &site.posts[i].writeup;
                    object([
                        ("title", w.doc.title.as_str().into()),
                        ("url", format!("{base_path}{}", w.doc.path).into()),
                        ("date", ymd(Some(w.date))),
                        ("date_display", display(shared, Some(w.date))),
                    ])
                })
                .collect::<Vec<_>>(),
        )
    };
    (refs(&post.made_before), refs(&post.made_again))
}

/// The latest revisit of a write-up for the lessons index: `outcome`,
/// `date` and `url` (its anchor on the write-up page), or none.
pub fn latest_outcome_value(post: &Post, shared: &SharedValues) -> Value {
    let growth = &post.writeup.growth;
    let Some(latest) = growth.latest_revisit() else {
        return Value::none();
    };
    let index = growth
        .revisits
        .iter()
        .position(|r| std::ptr::eq(r, latest))
        .unwrap_or(0);
    object([
        ("outcome", latest.outcome.name().into()),
        ("date", ymd(Some(latest.date))),
        ("date_display", display(shared, Some(latest.date))),
        (
            "url",
            format!(
                "{}{}#{}",
                shared.base_path,
                post.writeup.doc.path,
                revisit_anchor(index)
            )
            .into(),
        ),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn time_after_reads_like_speech() {
        let en = Strings::new("en", &Default::default());
        let after = |days| time_after(days, &en);
        assert_eq!(after(0), "the same day");
        assert_eq!(after(1), "1 day later");
        assert_eq!(after(13), "13 days later");
        assert_eq!(after(21), "3 weeks later");
        assert_eq!(after(120), "4 months later");
        assert_eq!(after(365), "12 months later");
        assert_eq!(after(800), "2 years later");
        let de = Strings::new("de", &Default::default());
        assert_eq!(time_after(120, &de), "4 Monate später");
    }
}
