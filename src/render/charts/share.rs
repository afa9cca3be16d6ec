//! A share bar: one horizontal bar split by series in proportion to their
//! counts (revisited write-ups by outcome), each part labelled with its
//! name and count, or its count alone, when it is wide enough to hold them.

use std::fmt::Write;

use super::{Series, WIDTH, open_svg};
use crate::html::escape;

const HEIGHT: f64 = 46.0;
/// Width a part needs, per character of its label, to show it inside.
const CHAR: f64 = 8.5;

/// The SVG of a share bar; `values` holds one count per series.
pub fn share_bar(summary: &str, series: &[Series], values: &[usize]) -> String {
    let total: usize = values.iter().sum();
    let mut out = String::with_capacity(1024);
    open_svg(&mut out, "chart-svg share", HEIGHT, summary);
    let mut x = 0.0;
    for (s, &value) in series.iter().zip(values) {
        if value == 0 {
            continue;
        }
        let width = WIDTH * value as f64 / total as f64;
        let _ = write!(
            out,
            "<g><title>{}</title><rect class=\"s-{}\" x=\"{x:.1}\" y=\"2\" width=\"{width:.1}\" height=\"{:.1}\"/>",
            escape(&format!("{} {value}", s.name)),
            s.key,
            HEIGHT - 4.0
        );
        // The name and count, or the count alone in a narrower part (the
        // legend names it), or nothing in a sliver (its title and the
        // table give it).
        let fits = |label: &String| width > CHAR * label.chars().count() as f64 + 16.0;
        let label = Some(format!("{} {value}", s.name))
            .filter(fits)
            .or_else(|| Some(value.to_string()).filter(fits));
        if let Some(label) = label {
            let _ = write!(
                out,
                "<text class=\"in s-{}\" x=\"{:.1}\" y=\"{:.1}\">{}</text>",
                s.key,
                x + 10.0,
                HEIGHT / 2.0 + 5.0,
                escape(&label)
            );
        }
        out.push_str("</g>");
        x += width;
    }
    out.push_str("</svg>");
    out
}
