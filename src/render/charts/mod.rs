//! SVG charts drawn at build time, pure: counts by period -> the markup of
//! an `<svg>` to put in a page. No script and no inline colours: every
//! mark carries a class, and the theme's stylesheet colours it from its
//! variables, so a chart follows the light and dark palettes and prints in
//! greys. Each chart is `role="img"` with a one-sentence `aria-label`;
//! the page puts its numbers in a table beside it. Marks are aggregates
//! (one per period and series), so a chart's size depends on how many
//! periods it shows, never on how many write-ups there are.

mod columns;
mod heatmap;
mod share;

pub use columns::{Columns, columns};
pub use heatmap::{Heatmap, heatmap};
pub use share::share_bar;

use std::fmt::Write;

use crate::html::escape;

/// The width of every chart in SVG units; the page scales it to fit.
pub const WIDTH: f64 = 640.0;

/// A label on the time axis.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Tick {
    /// Under the mark: `Q2`, `Jan`.
    pub label: String,
    /// A second line under the first period and each new year: `2026`.
    pub year: Option<String>,
    /// The period in words, for the hover title: `Q2 2026`, `January 2026`.
    pub full: String,
    /// Hidden on narrow screens, where every label would not fit.
    pub minor: bool,
}

/// One series of a chart: its class (`s-<key>`) and its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Series {
    /// Class suffix, coloured by the theme: `met`, `high`, `stuck`.
    pub key: &'static str,
    /// Name for the legend-like labels of hover titles: `Met`.
    pub name: String,
}

/// A round step for an axis from 0 to `max`, giving at most four
/// gridlines above the baseline: 1, 2, 5, 10, 20, 50...
pub fn nice_step(max: usize) -> usize {
    let rough = max.div_ceil(4).max(1);
    let mut magnitude = 1;
    while magnitude * 10 <= rough {
        magnitude *= 10;
    }
    [1, 2, 5, 10]
        .into_iter()
        .map(|m| m * magnitude)
        .find(|step| *step >= rough)
        .unwrap_or(10 * magnitude)
}

/// The opening tag of a chart `height` units high.
fn open_svg(out: &mut String, class: &str, height: f64, summary: &str) {
    let _ = write!(
        out,
        "<svg class=\"{class}\" viewBox=\"0 0 {WIDTH} {height}\" width=\"{WIDTH}\" height=\"{height}\" role=\"img\" aria-label=\"{}\">",
        escape(summary)
    );
}

/// The room under a chart's plot that its time axis takes: a line of
/// period labels, then a line of years (see `time_axis`).
const AXIS_HEIGHT: f64 = 44.0;
/// How wide a time axis label is, per character, in SVG units.
const TICK_CHAR: f64 = 8.0;
/// The least distance between the centres of two year labels.
const YEAR_GAP: f64 = 44.0;

/// The time axis labels under bands of `band` units starting at `left`.
/// When the bands are too narrow for every label (two years of months),
/// every second or third period is labelled, counted from the first period
/// of a year so that the same months are labelled each year; the others
/// are in the hover titles and the table. Narrow screens hide the `minor`
/// labels: half of those shown. The year under the first period is left
/// out when the next year's would run into it (`Q4` then `Q1 2024`).
fn time_axis(out: &mut String, ticks: &[Tick], left: f64, band: f64, baseline: f64) {
    let widest = ticks.iter().map(|t| t.label.chars().count()).max();
    let needed = widest.unwrap_or(0) as f64 * TICK_CHAR + 6.0;
    let every = (needed / band).ceil().max(1.0) as i64;
    // The first period of a year after the first period shown.
    let new_year = ticks.iter().skip(1).position(|t| t.year.is_some());
    let anchor = new_year.map_or(0, |at| at as i64 + 1);
    for (i, tick) in ticks.iter().enumerate() {
        let x = left + band * (i as f64 + 0.5);
        let from_anchor = i as i64 - anchor;
        if from_anchor.rem_euclid(every) == 0 {
            let minor = if every == 1 {
                tick.minor
            } else {
                from_anchor.div_euclid(every).rem_euclid(2) == 1
            };
            let _ = write!(
                out,
                "<text class=\"tick{}\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                if minor { " minor" } else { "" },
                baseline + 17.0,
                escape(&tick.label)
            );
        }
        let crowded = i == 0 && anchor > 0 && anchor as f64 * band < YEAR_GAP;
        if let Some(year) = tick.year.as_ref().filter(|_| !crowded) {
            let _ = write!(
                out,
                "<text class=\"tick year\" x=\"{x:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{}</text>",
                baseline + 34.0,
                escape(year)
            );
        }
    }
}

/// `Q2 2026: Set 3, Met 2`, for a mark's hover title.
fn hover_title(tick: &Tick, series: &[Series], values: &[usize]) -> String {
    let parts: Vec<String> = series
        .iter()
        .zip(values)
        .map(|(s, v)| format!("{} {v}", s.name))
        .collect();
    escape(&format!("{}: {}", tick.full, parts.join(", ")))
}

#[cfg(test)]
mod tests;
