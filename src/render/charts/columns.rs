//! Column charts over time: one band per period, its series stacked (the
//! write-ups of each severity) or side by side (goals set and met), with
//! round gridlines and a hover title per band.

use std::fmt::Write;

use super::{AXIS_HEIGHT, Series, Tick, WIDTH, hover_title, nice_step, open_svg, time_axis};

const HEIGHT: f64 = 230.0;
const LEFT: f64 = 34.0;
const RIGHT: f64 = 4.0;
const TOP: f64 = 14.0;
/// The widest a period's band gets: a chart of two periods keeps slim
/// columns, centred, rather than two slabs.
const MAX_BAND: f64 = 64.0;

/// A column chart to draw.
#[derive(Debug, Clone, Copy)]
pub struct Columns<'a> {
    /// The chart in one sentence, its accessible name.
    pub summary: &'a str,
    /// One per period.
    pub ticks: &'a [Tick],
    /// The series, bottom to top (stacked) or left to right.
    pub series: &'a [Series],
    /// Per period, one value per series.
    pub values: &'a [Vec<usize>],
    /// Stack the series; else draw them side by side.
    pub stacked: bool,
    /// Write each column's value above it (side by side only).
    pub value_labels: bool,
}

/// The SVG of a column chart.
pub fn columns(chart: &Columns) -> String {
    let plot_height = HEIGHT - TOP - AXIS_HEIGHT;
    let baseline = TOP + plot_height;
    let max = chart
        .values
        .iter()
        .map(|v| {
            if chart.stacked {
                v.iter().sum()
            } else {
                v.iter().copied().max().unwrap_or(0)
            }
        })
        .max()
        .unwrap_or(0);
    let step = nice_step(max);
    let top = max.div_ceil(step).max(1) * step;
    let scale = plot_height / top as f64;
    let mut out = String::with_capacity(4096 + chart.values.len() * 400);
    open_svg(&mut out, "chart-svg columns", HEIGHT, chart.summary);
    for value in (0..=top).step_by(step) {
        let y = baseline - value as f64 * scale;
        let class = if value == 0 { "axis" } else { "grid" };
        let _ = write!(
            out,
            "<line class=\"{class}\" x1=\"{LEFT}\" x2=\"{:.1}\" y1=\"{y:.1}\" y2=\"{y:.1}\"/><text class=\"tick\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"end\">{value}</text>",
            WIDTH - RIGHT,
            LEFT - 6.0,
            y + 4.0
        );
    }
    let periods = chart.ticks.len().max(1) as f64;
    let band = ((WIDTH - LEFT - RIGHT) / periods).min(MAX_BAND);
    let start = LEFT + (WIDTH - LEFT - RIGHT - band * periods) / 2.0;
    for (i, (tick, values)) in chart.ticks.iter().zip(chart.values).enumerate() {
        let x0 = start + band * i as f64;
        let _ = write!(
            out,
            "<g><title>{}</title>",
            hover_title(tick, chart.series, values)
        );
        // An invisible band, so that hovering anywhere over the period
        // shows its title, not only over a column.
        let _ = write!(
            out,
            "<rect class=\"hit\" x=\"{x0:.1}\" y=\"{TOP}\" width=\"{band:.1}\" height=\"{plot_height:.1}\"/>"
        );
        if chart.stacked {
            stack(
                &mut out,
                chart.series,
                values,
                x0 + band * 0.15,
                band * 0.7,
                baseline,
                scale,
            );
        } else {
            side_by_side(&mut out, chart, values, x0, band, baseline, scale);
        }
        out.push_str("</g>");
    }
    time_axis(&mut out, chart.ticks, start, band, baseline);
    out.push_str("</svg>");
    out
}

fn stack(
    out: &mut String,
    series: &[Series],
    values: &[usize],
    x: f64,
    width: f64,
    baseline: f64,
    scale: f64,
) {
    let mut y = baseline;
    for (s, &value) in series.iter().zip(values) {
        if value == 0 {
            continue;
        }
        let height = value as f64 * scale;
        y -= height;
        let _ = write!(
            out,
            "<rect class=\"s-{}\" x=\"{x:.1}\" y=\"{y:.1}\" width=\"{width:.1}\" height=\"{height:.1}\"/>",
            s.key
        );
    }
}

fn side_by_side(
    out: &mut String,
    chart: &Columns,
    values: &[usize],
    x0: f64,
    band: f64,
    baseline: f64,
    scale: f64,
) {
    let n = chart.series.len().max(1) as f64;
    let width = band * 0.76 / n;
    for (k, (s, &value)) in chart.series.iter().zip(values).enumerate() {
        let x = x0 + band * 0.12 + width * k as f64;
        let height = value as f64 * scale;
        let y = baseline - height;
        if value > 0 {
            let _ = write!(
                out,
                "<rect class=\"s-{}\" x=\"{:.1}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{height:.1}\" rx=\"1.5\"/>",
                s.key,
                x + 1.0,
                width - 2.0
            );
        }
        if chart.value_labels && value > 0 {
            let _ = write!(
                out,
                "<text class=\"val\" x=\"{:.1}\" y=\"{:.1}\" text-anchor=\"middle\">{value}</text>",
                x + width / 2.0,
                y - 4.0
            );
        }
    }
}
