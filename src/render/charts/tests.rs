use super::*;

fn ticks(n: usize) -> Vec<Tick> {
    (0..n)
        .map(|i| Tick {
            label: format!("Q{}", i % 4 + 1),
            year: (i % 4 == 0).then(|| format!("{}", 2024 + i / 4)),
            full: format!("Q{} {}", i % 4 + 1, 2024 + i / 4),
            minor: i % 2 == 1,
        })
        .collect()
}

fn series() -> Vec<Series> {
    vec![
        Series {
            key: "set",
            name: "goals set".into(),
        },
        Series {
            key: "met",
            name: "goals met".into(),
        },
    ]
}

/// A column chart of the two series of `series()` over `ticks`.
fn draw(
    summary: &str,
    ticks: &[Tick],
    values: &[Vec<usize>],
    stacked: bool,
    value_labels: bool,
) -> String {
    columns(&Columns {
        summary,
        ticks,
        series: &series(),
        values,
        stacked,
        value_labels,
    })
}

#[test]
fn steps_are_round_and_give_few_gridlines() {
    for (max, step) in [
        (0, 1),
        (3, 1),
        (7, 2),
        (13, 5),
        (40, 10),
        (41, 20),
        (9_999, 5_000),
    ] {
        assert_eq!(nice_step(max), step, "{max}");
    }
}

#[test]
fn columns_draw_one_mark_per_period_and_series() {
    let values = [vec![3, 2], vec![0, 1], vec![4, 0]];
    let svg = draw("Goals set & met", &ticks(3), &values, false, true);
    assert!(svg.starts_with("<svg class=\"chart-svg columns\" viewBox=\"0 0 640 230\""));
    assert!(svg.contains("role=\"img\" aria-label=\"Goals set &amp; met\""));
    assert_eq!(
        svg.matches("<rect class=\"s-").count(),
        4,
        "zeros draw nothing"
    );
    assert!(svg.contains("<title>Q1 2024: goals set 3, goals met 2</title>"));
    assert!(svg.contains(">2024</text>"));
    assert!(svg.contains("class=\"tick minor\""));
    assert!(svg.ends_with("</svg>"));
}

#[test]
fn stacked_columns_rise_to_their_total() {
    let svg = draw("s", &ticks(2), &[vec![1, 1], vec![2, 2]], true, false);
    // The tallest stack (4) reaches the top gridline (4, step 1).
    assert!(svg.contains(">4</text>"));
    assert!(!svg.contains("class=\"val\""));
}

#[test]
fn the_size_of_a_chart_depends_on_its_periods_only() {
    let small = vec![vec![1, 0]; 12];
    let large = vec![vec![8_000, 7_000]; 12];
    let (a, b) = (
        draw("s", &ticks(12), &small, false, false),
        draw("s", &ticks(12), &large, false, false),
    );
    assert_eq!(a.matches("<rect").count(), b.matches("<rect").count() - 12);
    assert!(b.len() < a.len() * 2);
}

#[test]
fn heatmaps_label_every_non_empty_cell() {
    let rows = vec![
        "Reflect".to_string(),
        "Set goals for improvement".to_string(),
    ];
    let values = vec![vec![0, 3], vec![6, 1]];
    let svg = heatmap(&Heatmap {
        summary: "Strategies",
        rows: &rows,
        ticks: &ticks(2),
        values: &values,
    });
    assert_eq!(svg.matches("<rect class=\"cell").count(), 4);
    assert_eq!(svg.matches("<text class=\"n ").count(), 3);
    assert!(svg.contains("class=\"cell h4\""));
    assert!(svg.contains("<tspan x=\"166.0\" dy=\"1.15em\">improvement</tspan>"));
}

#[test]
fn share_bars_split_the_width_by_count() {
    let svg = share_bar("Outcomes", &series(), &[3, 1]);
    assert!(svg.contains("width=\"480.0\""));
    assert!(svg.contains("width=\"160.0\""));
    assert!(svg.contains(">goals set 3</text>"));
}

/// `n` months from `first` (0 = January) of 2024, labelled as the page does.
fn months(n: usize, first: usize) -> Vec<Tick> {
    const NAMES: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    (first..first + n)
        .map(|m| Tick {
            label: NAMES[m % 12].to_string(),
            year: (m == first || m % 12 == 0).then(|| format!("{}", 2024 + m / 12)),
            full: format!("{} {}", NAMES[m % 12], 2024 + m / 12),
            minor: m % 2 == 1,
        })
        .collect()
}

/// The labels on the time axis, `-` before those narrow screens hide.
fn axis_labels(svg: &str) -> Vec<String> {
    svg.split("<text class=\"tick")
        .skip(1)
        .filter(|t| !t.starts_with(" year") && t.contains("text-anchor=\"middle\""))
        .map(|t| {
            let label = &t[t.find('>').unwrap() + 1..t.find("</text>").unwrap()];
            let narrow = if t.starts_with(" minor") { "-" } else { "" };
            format!("{narrow}{label}")
        })
        .collect()
}

#[test]
fn two_years_of_months_label_every_other_month_from_january() {
    let svg = draw("s", &months(24, 6), &vec![vec![1, 0]; 24], true, false);
    // Narrow screens keep every other one of those: Jan, May, Sep.
    assert_eq!(
        axis_labels(&svg),
        [
            "-Jul", "Sep", "-Nov", "Jan", "-Mar", "May", "-Jul", "Sep", "-Nov", "Jan", "-Mar",
            "May"
        ]
    );
    // A year of months has room for all twelve.
    let svg = draw("s", &months(12, 0), &vec![vec![1, 0]; 12], true, false);
    assert_eq!(axis_labels(&svg).len(), 12);
}

#[test]
fn the_first_year_is_left_out_when_the_next_would_run_into_it() {
    let draw = |first: usize| draw("s", &months(24, first), &vec![vec![1, 0]; 24], true, false);
    // December 2024, then January 2025 one narrow band later.
    let svg = draw(11);
    assert!(!svg.contains(">2024</text>"), "{svg}");
    assert!(svg.contains(">2025</text>"));
    // October 2024: three bands before 2025, room for both.
    let svg = draw(9);
    assert!(svg.contains(">2024</text>") && svg.contains(">2025</text>"));
}

#[test]
fn a_narrow_part_of_a_share_bar_shows_its_count_alone() {
    let svg = share_bar("Outcomes", &series(), &[9, 1]);
    assert!(svg.contains(">goals set 9</text>"));
    assert!(svg.contains(">1</text>"), "{svg}");
    let svg = share_bar("Outcomes", &series(), &[199, 1]);
    assert_eq!(svg.matches("<text").count(), 1, "a sliver has no label");
}
