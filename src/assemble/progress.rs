//! Stage 3, pure: the write-ups' goals, revisits, dates, severities and
//! strategies, and the build date -> [`Progress`], the data of
//! `/progress/`. Everything is counted by period over windows of a fixed
//! number of months and quarters, and the goal lists are capped, so the
//! page stays the same size for 3 write-ups or 10,000.

use super::Post;
use crate::parse::MistakeSeverity;
use crate::parse::date::Date;
use crate::parse::growth::{Goal, Outcome};

/// Months shown by the write-ups chart: two years.
pub const MONTHS_SHOWN: usize = 24;
/// Quarters shown by the goals and strategies charts: three years.
pub const QUARTERS_SHOWN: usize = 12;
/// Goals listed as open and as overdue, each.
pub const GOALS_LISTED: usize = 20;
/// Of those, how many the page shows before a "show more" disclosure; more
/// overdue goals than this also get a chart of how long they are overdue.
pub const GOALS_AT_A_GLANCE: usize = 5;
/// Overdue goals are counted as up to this many days late, up to a year,
/// and longer.
pub const RECENTLY_OVERDUE_DAYS: i64 = 90;
/// Latest revisits listed.
pub const REVISITS_LISTED: usize = 8;

/// Where a goal stands on the build date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoalState {
    /// It has a `done` date.
    Met,
    /// Not met, and its `by` date (if any) has not passed.
    Open,
    /// Not met, and its `by` date is before the build date.
    Overdue,
}

impl GoalState {
    /// `met`, `open` or `overdue`, as templates see it.
    pub fn name(self) -> &'static str {
        match self {
            GoalState::Met => "met",
            GoalState::Open => "open",
            GoalState::Overdue => "overdue",
        }
    }
}

/// Where `goal` stands on `today`: a goal due today is still open.
pub fn goal_state(goal: &Goal, today: Date) -> GoalState {
    match (goal.done, goal.by) {
        (Some(_), _) => GoalState::Met,
        (None, Some(by)) if by.day_number() < today.day_number() => GoalState::Overdue,
        _ => GoalState::Open,
    }
}

/// A month counted from year 0 (`year * 12 + month - 1`).
pub fn month_of(date: Date) -> i64 {
    i64::from(date.year()) * 12 + i64::from(date.month()) - 1
}

/// A quarter counted from year 0 (`year * 4 + quarter - 1`).
pub fn quarter_of(date: Date) -> i64 {
    i64::from(date.year()) * 4 + (i64::from(date.month()) - 1) / 3
}

/// A run of consecutive periods (months or quarters) ending with the
/// latest one that has data.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Window {
    /// The first period shown (see [`month_of`], [`quarter_of`]).
    pub first: i64,
    /// How many periods are shown.
    pub len: usize,
    /// How many periods of the data's whole range come before `first`.
    pub hidden: usize,
}

impl Window {
    /// The last `cap` periods of `first..=last`, or nothing for no data.
    fn ending(range: Option<(i64, i64)>, cap: usize) -> Window {
        let Some((first, last)) = range else {
            return Window::default();
        };
        let all = (last - first + 1) as usize;
        let len = all.min(cap);
        Window {
            first: last + 1 - len as i64,
            len,
            hidden: all - len,
        }
    }

    /// The position of `period` in the window.
    fn slot(&self, period: i64) -> Option<usize> {
        let at = period - self.first;
        (0..self.len as i64).contains(&at).then_some(at as usize)
    }
}

/// One goal of one write-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct GoalRef {
    /// Index into `Site::posts`.
    pub post: usize,
    /// Index into the write-up's goals.
    pub goal: usize,
}

/// One revisit of one write-up.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RevisitRef {
    /// Index into `Site::posts`.
    pub post: usize,
    /// Index into the write-up's revisits.
    pub revisit: usize,
}

/// What `/progress/` shows.
#[derive(Debug, Clone, Default)]
pub struct Progress {
    /// Published write-ups.
    pub writeups: usize,
    /// Goals by state: met, open, overdue.
    pub met: usize,
    /// Goals not met and not overdue.
    pub open: usize,
    /// Goals past their `by` date.
    pub overdue: usize,
    /// Overdue goals by how late: up to [`RECENTLY_OVERDUE_DAYS`], up to
    /// a year, longer.
    pub overdue_by_age: [usize; 3],
    /// Overdue goals, the most recently missed first (at most [`GOALS_LISTED`]).
    pub overdue_goals: Vec<GoalRef>,
    /// Open goals, the soonest due first, those without a date last.
    pub open_goals: Vec<GoalRef>,
    /// The quarters of the goals and strategies charts.
    pub quarters: Window,
    /// Per quarter: goals set (by write-up date) and met (by `done`).
    pub goals_by_quarter: Vec<[usize; 2]>,
    /// Per quarter, per strategy (config order): write-ups that used it.
    pub strategies_by_quarter: Vec<Vec<usize>>,
    /// The months of the write-ups chart.
    pub months: Window,
    /// Per month: write-ups of high, medium, low and no severity.
    pub severity_by_month: Vec<[usize; 4]>,
    /// Revisited write-ups by their latest outcome ([`Outcome::ALL`] order).
    pub latest_outcomes: [usize; 3],
    /// Every revisit by outcome ([`Outcome::ALL`] order).
    pub revisits_by_outcome: [usize; 3],
    /// The latest revisits, newest first.
    pub recent_revisits: Vec<RevisitRef>,
}

/// Gathers the progress of `posts` (newest first) with `strategies`
/// strategies, on the build date `today`.
pub fn progress(posts: &[Post], strategies: usize, today: Date) -> Progress {
    let mut progress = Progress {
        writeups: posts.len(),
        ..Progress::default()
    };
    let mut open = Vec::new();
    let mut overdue = Vec::new();
    let mut revisits = Vec::new();
    for (p, post) in posts.iter().enumerate() {
        let growth = &post.writeup.growth;
        for (g, goal) in growth.goals.iter().enumerate() {
            let at = GoalRef { post: p, goal: g };
            match goal_state(goal, today) {
                GoalState::Met => progress.met += 1,
                GoalState::Open => open.push((goal.by.map(|d| d.day_number()), at)),
                GoalState::Overdue => {
                    let by = goal.by.map(|d| d.day_number());
                    let late = by.map_or(0, |by| today.day_number() - by);
                    progress.overdue_by_age[age_slot(late)] += 1;
                    overdue.push((by, at));
                }
            }
        }
        for (r, revisit) in growth.revisits.iter().enumerate() {
            progress.revisits_by_outcome[outcome_slot(revisit.outcome)] += 1;
            revisits.push((
                revisit.date,
                RevisitRef {
                    post: p,
                    revisit: r,
                },
            ));
        }
        if let Some(latest) = growth.latest_revisit() {
            progress.latest_outcomes[outcome_slot(latest.outcome)] += 1;
        }
    }
    progress.open = open.len();
    progress.overdue = overdue.len();
    // Soonest due first, undated last; then newest write-up, as written.
    open.sort_by_key(|(by, at)| (by.is_none(), *by, at.post, at.goal));
    progress.open_goals = open
        .into_iter()
        .take(GOALS_LISTED)
        .map(|(_, at)| at)
        .collect();
    overdue.sort_by_key(|(by, at)| (std::cmp::Reverse(*by), at.post, at.goal));
    progress.overdue_goals = overdue
        .into_iter()
        .take(GOALS_LISTED)
        .map(|(_, at)| at)
        .collect();
    revisits.sort_by_key(|(date, at)| (std::cmp::Reverse(date.day_number()), at.post, at.revisit));
    progress.recent_revisits = revisits
        .into_iter()
        .take(REVISITS_LISTED)
        .map(|(_, at)| at)
        .collect();
    count_by_period(&mut progress, posts, strategies);
    progress
}

fn age_slot(days_late: i64) -> usize {
    if days_late <= RECENTLY_OVERDUE_DAYS {
        0
    } else if days_late <= 365 {
        1
    } else {
        2
    }
}

fn outcome_slot(outcome: Outcome) -> usize {
    Outcome::ALL.iter().position(|o| *o == outcome).unwrap_or(0)
}

fn severity_slot(severity: Option<MistakeSeverity>) -> usize {
    match severity {
        Some(MistakeSeverity::High) => 0,
        Some(MistakeSeverity::Medium) => 1,
        Some(MistakeSeverity::Low) => 2,
        None => 3,
    }
}

/// The per-month and per-quarter counts, over windows that end with the
/// latest period that has data (never the build date: a site without
/// goals builds the same on any day).
fn count_by_period(progress: &mut Progress, posts: &[Post], strategies: usize) {
    let dates = || posts.iter().map(|p| p.writeup.date);
    let done = || {
        posts
            .iter()
            .flat_map(|p| p.writeup.growth.goals.iter().filter_map(|g| g.done))
    };
    let span = |periods: &mut dyn Iterator<Item = i64>| {
        periods.fold(None, |range: Option<(i64, i64)>, p| match range {
            None => Some((p, p)),
            Some((a, b)) => Some((a.min(p), b.max(p))),
        })
    };
    let months = Window::ending(span(&mut dates().map(month_of)), MONTHS_SHOWN);
    let quarters = Window::ending(
        span(&mut dates().chain(done()).map(quarter_of)),
        QUARTERS_SHOWN,
    );
    let mut by_month = vec![[0; 4]; months.len];
    let mut goals = vec![[0; 2]; quarters.len];
    let mut used = vec![vec![0; strategies]; quarters.len];
    for post in posts {
        let w = &post.writeup;
        if let Some(slot) = months.slot(month_of(w.date)) {
            by_month[slot][severity_slot(w.severity)] += 1;
        }
        if let Some(slot) = quarters.slot(quarter_of(w.date)) {
            goals[slot][0] += w.growth.goals.len();
            for &s in &post.strategy_ids {
                used[slot][s] += 1;
            }
        }
        for done in w.growth.goals.iter().filter_map(|g| g.done) {
            if let Some(slot) = quarters.slot(quarter_of(done)) {
                goals[slot][1] += 1;
            }
        }
    }
    progress.months = months;
    progress.severity_by_month = by_month;
    progress.quarters = quarters;
    progress.goals_by_quarter = goals;
    progress.strategies_by_quarter = used;
}
