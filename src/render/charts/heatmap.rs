//! A heatmap of counts: one row per name (the strategies), one column per
//! period, each cell shaded by its count in five steps and labelled with
//! it, so that the shade is never the only way to read a value.

use std::fmt::Write;

use super::{AXIS_HEIGHT, Tick, WIDTH, open_svg, time_axis};
use crate::html::escape;

const NAMES: f64 = 176.0;
const ROW: f64 = 40.0;
const TOP: f64 = 4.0;
/// Characters a row name keeps per line before wrapping (two lines at most).
const NAME_LINE: usize = 16;

/// A heatmap to draw.
#[derive(Debug, Clone, Copy)]
pub struct Heatmap<'a> {
    /// The chart in one sentence, its accessible name.
    pub summary: &'a str,
    /// One per row, top to bottom.
    pub rows: &'a [String],
    /// One per column.
    pub ticks: &'a [Tick],
    /// Per column (period), one count per row.
    pub values: &'a [Vec<usize>],
}

/// The SVG of a heatmap.
pub fn heatmap(chart: &Heatmap) -> String {
    let height = TOP + ROW * chart.rows.len() as f64 + AXIS_HEIGHT;
    let baseline = TOP + ROW * chart.rows.len() as f64;
    let max = chart.values.iter().flatten().copied().max().unwrap_or(0);
    // Cells no wider than they would be for a year and a half of quarters.
    let band = ((WIDTH - NAMES) / chart.ticks.len().max(1) as f64).min(72.0);
    let mut out = String::with_capacity(2048 + chart.values.len() * chart.rows.len() * 160);
    open_svg(&mut out, "chart-svg heatmap", height, chart.summary);
    for (r, name) in chart.rows.iter().enumerate() {
        let y = TOP + ROW * r as f64;
        name_label(&mut out, name, y);
        for (c, (tick, column)) in chart.ticks.iter().zip(chart.values).enumerate() {
            let value = column.get(r).copied().unwrap_or(0);
            let x = NAMES + band * c as f64;
            let level = shade(value, max);
            let _ = write!(
                out,
                "<g><title>{}, {}: {value}</title><rect class=\"cell h{level}\" x=\"{:.1}\" y=\"{:.1}\" width=\"{:.1}\" height=\"{:.1}\" rx=\"3\"/>",
                escape(&tick.full),
                escape(name),
                x + 1.5,
                y + 1.5,
                band - 3.0,
                ROW - 3.0
            );
            if value > 0 {
                let _ = write!(
                    out,
                    "<text class=\"n h{level}\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{value}</text>",
                    x + band / 2.0,
                    y + ROW / 2.0 + 4.5
                );
            }
            out.push_str("</g>");
        }
    }
    time_axis(&mut out, chart.ticks, NAMES, band, baseline);
    out.push_str("</svg>");
    out
}

/// The shade of a count: 0 for none, then 1 to 4 by its share of the
/// largest count.
fn shade(value: usize, max: usize) -> usize {
    if value == 0 || max == 0 {
        0
    } else {
        (value * 4).div_ceil(max).clamp(1, 4)
    }
}

/// A row's name, right-aligned before the cells, on two lines when long.
fn name_label(out: &mut String, name: &str, y: f64) {
    let lines = wrap(name);
    let x = NAMES - 10.0;
    let first = y + ROW / 2.0 + 4.5 - 8.0 * (lines.len() as f64 - 1.0);
    let _ = write!(
        out,
        "<text class=\"name\" x=\"{x:.1}\" y=\"{first:.1}\" text-anchor=\"end\">"
    );
    for (i, line) in lines.iter().enumerate() {
        let dy = if i == 0 { "" } else { " dy=\"1.15em\"" };
        let _ = write!(out, "<tspan x=\"{x:.1}\"{dy}>{}</tspan>", escape(line));
    }
    out.push_str("</text>");
}

/// Splits a name at spaces into at most two lines of about [`NAME_LINE`]
/// characters; a longer second line ends in `…`.
fn wrap(name: &str) -> Vec<String> {
    if name.chars().count() <= NAME_LINE {
        return vec![name.to_string()];
    }
    let mut first = String::new();
    let mut words = name.split_whitespace().peekable();
    while let Some(word) = words.peek() {
        let len = first.chars().count() + word.chars().count() + usize::from(!first.is_empty());
        if !first.is_empty() && len > NAME_LINE {
            break;
        }
        if !first.is_empty() {
            first.push(' ');
        }
        first.push_str(word);
        words.next();
    }
    let rest: Vec<&str> = words.collect();
    let mut second = rest.join(" ");
    if second.chars().count() > NAME_LINE {
        // Whole words that fit with the ellipsis; a single long word is cut.
        let mut kept = String::new();
        for word in &rest {
            if kept.chars().count() + word.chars().count() + 1 > NAME_LINE - 1 {
                break;
            }
            if !kept.is_empty() {
                kept.push(' ');
            }
            kept.push_str(word);
        }
        if kept.is_empty() {
            kept = second.chars().take(NAME_LINE - 1).collect();
        }
        second = kept + "…";
    }
    if second.is_empty() {
        vec![first]
    } else {
        vec![first, second]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_names_wrap_on_two_lines() {
        assert_eq!(wrap("Reflect"), ["Reflect"]);
        assert_eq!(
            wrap("Set goals for improvement"),
            ["Set goals for", "improvement"]
        );
        assert_eq!(
            wrap("Ask the people affected what they saw"),
            ["Ask the people", "affected what…"]
        );
    }

    #[test]
    fn shades_grow_with_the_count() {
        assert_eq!(shade(0, 10), 0);
        assert_eq!(shade(1, 10), 1);
        assert_eq!(shade(5, 10), 2);
        assert_eq!(shade(10, 10), 4);
    }
}
