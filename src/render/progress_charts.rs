//! The charts of `/progress/`, pure: `Progress` -> for each chart its SVG
//! (see `charts`), its one-sentence summary and the rows of its data
//! table, with labels in the site's language.

use tera::Value;

use super::charts::{self, Columns, Heatmap, Series, Tick};
use super::context::{html, object};
use crate::assemble::Site;
use crate::assemble::progress::{GOALS_AT_A_GLANCE, Progress, Window};
use crate::parse::growth::Outcome;
use crate::strings::Strings;

/// `text` with each `{name}` replaced by its value.
fn fill(text: &str, values: &[(&str, String)]) -> String {
    values.iter().fold(text.to_string(), |text, (name, value)| {
        text.replace(&format!("{{{name}}}"), value)
    })
}

/// The ticks of a window of months or quarters, labelled in `t`'s language.
fn ticks(window: &Window, quarters: bool, t: &Strings) -> Vec<Tick> {
    (0..window.len)
        .map(|i| {
            let period = window.first + i as i64;
            let per_year = if quarters { 4 } else { 12 };
            let year = period.div_euclid(per_year).to_string();
            let part = period.rem_euclid(per_year) as usize;
            let (label, full) = if quarters {
                let n = (part + 1).to_string();
                let short = fill(t.get("quarter_short"), &[("n", n.clone())]);
                let full = fill(t.get("quarter_year"), &[("n", n), ("year", year.clone())]);
                (short, full)
            } else {
                let month = t.get(&format!("month_{}", part + 1)).to_string();
                let short = t.get(&format!("month_short_{}", part + 1)).to_string();
                let full = fill(
                    t.get("month_year"),
                    &[("month", month), ("year", year.clone())],
                );
                (short, full)
            };
            Tick {
                label,
                year: (i == 0 || part == 0).then_some(year),
                full,
                minor: part % 2 == 1,
            }
        })
        .collect()
}

/// `Q2 2025 to Q4 2026`, or one period's name.
fn span_text(ticks: &[Tick], t: &Strings) -> String {
    match (ticks.first(), ticks.last()) {
        (Some(a), Some(b)) if ticks.len() > 1 => fill(
            t.get("chart_span"),
            &[("from", a.full.clone()), ("to", b.full.clone())],
        ),
        (Some(a), _) => a.full.clone(),
        _ => String::new(),
    }
}

/// A chart value: `svg` (empty when there is nothing to draw),
/// `summary`, `hidden` (earlier periods left out) and `rows` for its table.
fn chart(svg: String, summary: String, hidden: usize, rows: Vec<Value>) -> Value {
    object([
        ("svg", html(&svg)),
        ("summary", summary.into()),
        ("hidden", hidden.into()),
        ("rows", Value::from(rows)),
    ])
}

/// A column chart with its table: a row per period, `period`, each
/// series' value under the series' key and, when they stack, `total`.
fn columns_chart(columns: &Columns, hidden: usize) -> Value {
    let rows = columns
        .ticks
        .iter()
        .zip(columns.values)
        .map(|(tick, values)| {
            let mut row = tera::Map::new();
            row.insert("period".into(), tick.full.as_str().into());
            for (series, value) in columns.series.iter().zip(values) {
                row.insert(series.key.into(), (*value).into());
            }
            if columns.stacked {
                row.insert("total".into(), values.iter().sum::<usize>().into());
            }
            Value::from(row)
        })
        .collect();
    let svg = charts::columns(columns);
    chart(svg, columns.summary.to_string(), hidden, rows)
}

pub(super) fn empty_chart() -> Value {
    chart(String::new(), String::new(), 0, Vec::new())
}

fn series(t: &Strings, keys: &[(&'static str, &str)]) -> Vec<Series> {
    keys.iter()
        .map(|(key, label)| Series {
            key,
            name: t.get(label).to_string(),
        })
        .collect()
}

pub(super) fn goals_chart(p: &Progress, t: &Strings) -> Value {
    let ticks = ticks(&p.quarters, true, t);
    let values: Vec<Vec<usize>> = p.goals_by_quarter.iter().map(|v| v.to_vec()).collect();
    let (set, met) = values.iter().fold((0, 0), |(s, m), v| (s + v[0], m + v[1]));
    if set + met == 0 {
        return empty_chart();
    }
    let best = (0..ticks.len())
        .max_by_key(|&i| (values[i][1], i))
        .unwrap_or(0);
    let summary = fill(
        t.get("chart_goals_summary"),
        &[
            ("span", span_text(&ticks, t)),
            ("set", set.to_string()),
            ("met", met.to_string()),
            ("best", ticks[best].full.clone()),
            ("n", values[best][1].to_string()),
        ],
    );
    let series = series(t, &[("set", "legend_set"), ("met", "goal_met")]);
    let columns = Columns {
        summary: &summary,
        ticks: &ticks,
        series: &series,
        values: &values,
        stacked: false,
        value_labels: true,
    };
    columns_chart(&columns, p.quarters.hidden)
}

pub(super) fn outcomes_chart(p: &Progress, t: &Strings) -> Value {
    let revisited: usize = p.latest_outcomes.iter().sum();
    if revisited == 0 {
        return empty_chart();
    }
    let keys: Vec<(&'static str, String)> = Outcome::ALL
        .iter()
        .map(|o| (o.name(), format!("outcome_{}", o.name())))
        .collect();
    let keys: Vec<(&'static str, &str)> = keys.iter().map(|(k, l)| (*k, l.as_str())).collect();
    let series = series(t, &keys);
    let count =
        |o: Outcome| p.latest_outcomes[Outcome::ALL.iter().position(|x| *x == o).unwrap_or(0)];
    let summary = fill(
        t.get("chart_outcomes_summary"),
        &[
            ("n", revisited.to_string()),
            ("stuck", count(Outcome::Stuck).to_string()),
            ("changed", count(Outcome::Changed).to_string()),
            ("slipped", count(Outcome::Slipped).to_string()),
        ],
    );
    let svg = charts::share_bar(&summary, &series, &p.latest_outcomes);
    let rows = Outcome::ALL
        .iter()
        .enumerate()
        .map(|(i, o)| {
            object([
                ("outcome", o.name().into()),
                ("writeups", p.latest_outcomes[i].into()),
                ("revisits", p.revisits_by_outcome[i].into()),
            ])
        })
        .collect();
    chart(svg, summary, 0, rows)
}

pub(super) fn writeups_chart(p: &Progress, t: &Strings) -> Value {
    let ticks = ticks(&p.months, false, t);
    if ticks.is_empty() {
        return empty_chart();
    }
    let values: Vec<Vec<usize>> = p.severity_by_month.iter().map(|v| v.to_vec()).collect();
    let totals: Vec<usize> = values.iter().map(|v| v.iter().sum()).collect();
    let best = (0..ticks.len())
        .max_by_key(|&i| (totals[i], i))
        .unwrap_or(0);
    let summary = fill(
        t.get("chart_months_summary"),
        &[
            ("span", span_text(&ticks, t)),
            ("n", totals.iter().sum::<usize>().to_string()),
            ("best", ticks[best].full.clone()),
            ("max", totals[best].to_string()),
        ],
    );
    let series = series(
        t,
        &[
            ("high", "legend_high"),
            ("medium", "legend_medium"),
            ("low", "legend_low"),
            ("unrated", "legend_unrated"),
        ],
    );
    let columns = Columns {
        summary: &summary,
        ticks: &ticks,
        series: &series,
        values: &values,
        stacked: true,
        value_labels: false,
    };
    columns_chart(&columns, p.months.hidden)
}

pub(super) fn strategies_chart(site: &Site, t: &Strings) -> Value {
    let p = &site.progress;
    let ticks = ticks(&p.quarters, true, t);
    let names: Vec<String> = site.strategies.iter().map(|s| s.name.clone()).collect();
    let uses: Vec<usize> = (0..names.len())
        .map(|s| p.strategies_by_quarter.iter().map(|q| q[s]).sum())
        .collect();
    if ticks.is_empty() || uses.iter().all(|n| *n == 0) {
        return empty_chart();
    }
    let most = (0..names.len())
        .max_by_key(|&s| (uses[s], std::cmp::Reverse(s)))
        .unwrap_or(0);
    let summary = fill(
        t.get("chart_strategies_summary"),
        &[
            ("span", span_text(&ticks, t)),
            ("strategy", names[most].clone()),
            ("n", uses[most].to_string()),
        ],
    );
    let svg = charts::heatmap(&Heatmap {
        summary: &summary,
        rows: &names,
        ticks: &ticks,
        values: &p.strategies_by_quarter,
    });
    let rows = ticks
        .iter()
        .zip(&p.strategies_by_quarter)
        .map(|(tick, counts)| {
            object([
                ("period", tick.full.as_str().into()),
                ("counts", Value::from(counts.clone())),
            ])
        })
        .collect();
    let value = chart(svg, summary, p.quarters.hidden, rows);
    let mut map = value.as_map().cloned().unwrap_or_default();
    map.insert("names".into(), Value::from(names));
    Value::from(map)
}

/// How long the overdue goals are overdue, as a share bar: drawn only when
/// there are more of them than the list shows at a glance.
pub(super) fn overdue_chart(p: &Progress, t: &Strings) -> Value {
    if p.overdue <= GOALS_AT_A_GLANCE {
        return empty_chart();
    }
    let series = series(
        t,
        &[
            ("age-recent", "overdue_recent"),
            ("age-late", "overdue_late"),
            ("age-stale", "overdue_stale"),
        ],
    );
    let [recent, late, stale] = p.overdue_by_age;
    let summary = fill(
        t.get("chart_overdue_summary"),
        &[
            ("n", p.overdue.to_string()),
            ("recent", recent.to_string()),
            ("late", late.to_string()),
            ("stale", stale.to_string()),
        ],
    );
    let svg = charts::share_bar(&summary, &series, &p.overdue_by_age);
    let rows = series
        .iter()
        .zip(p.overdue_by_age)
        .map(|(s, n)| object([("age", s.name.as_str().into()), ("goals", n.into())]))
        .collect();
    let legend: Vec<Value> = series
        .iter()
        .map(|s| object([("key", s.key.into()), ("name", s.name.as_str().into())]))
        .collect();
    let value = chart(svg, summary, 0, rows);
    let mut map = value.as_map().cloned().unwrap_or_default();
    map.insert("series".into(), Value::from(legend));
    Value::from(map)
}
