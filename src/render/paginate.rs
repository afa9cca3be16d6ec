//! Pagination: splits a list of write-ups into pagers. Each pager's
//! context holds its own cards and a short window of pager links, so the
//! cost of a list grows linearly with its length.

use std::ops::Range;

use tera::Value;

use super::context::object;

/// One page of a paginated list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pager {
    /// 1-based.
    pub index: usize,
    /// Output path relative to the base path: `""`, `page/2/`, `strategies/x/page/2/`.
    pub path: String,
    /// Which items of the list it shows.
    pub items: Range<usize>,
}

/// Pagers for `count` items at `per_page` a page, under `prefix` (`""` or
/// `strategies/x/`). An empty list still has one (empty) pager.
pub fn paginate(count: usize, per_page: usize, prefix: &str) -> Vec<Pager> {
    let per_page = per_page.max(1);
    let pagers = count.div_ceil(per_page).max(1);
    (1..=pagers)
        .map(|index| Pager {
            index,
            path: pager_path(prefix, index),
            items: (index - 1) * per_page..(index * per_page).min(count),
        })
        .collect()
}

/// The path of pager `index` of a list under `prefix`.
pub fn pager_path(prefix: &str, index: usize) -> String {
    if index == 1 {
        prefix.to_string()
    } else {
        format!("{prefix}page/{index}/")
    }
}

/// How many pager links to show on each side of the current one.
const WINDOW: usize = 2;

/// The `paginator` of one pager. `cards` are this pager's cards only.
pub fn paginator_value(
    pager: &Pager,
    number_pagers: usize,
    total: usize,
    prefix: &str,
    base_path: &str,
    cards: Vec<Value>,
) -> Value {
    let url = |index: usize| -> String { format!("{base_path}{}", pager_path(prefix, index)) };
    let current = pager.index;
    let mut pagers = Vec::new();
    let mut last_shown = 0;
    for index in 1..=number_pagers {
        let near = index.abs_diff(current) <= WINDOW;
        if index == 1 || index == number_pagers || near {
            if index > last_shown + 1 {
                pagers.push(object([
                    ("index", Value::none()),
                    ("url", Value::none()),
                    ("current", false.into()),
                    ("gap", true.into()),
                ]));
            }
            pagers.push(object([
                ("index", index.into()),
                ("url", url(index).into()),
                ("current", (index == current).into()),
                ("gap", false.into()),
            ]));
            last_shown = index;
        } else if index < current {
            // Jump over the hidden stretch in O(1) rather than walking it.
            continue;
        }
    }
    object([
        ("pages", Value::from(cards)),
        ("current_index", current.into()),
        ("number_pagers", number_pagers.into()),
        ("total_pages", total.into()),
        ("first", url(1).into()),
        ("last", url(number_pagers).into()),
        ("previous", (current > 1).then(|| url(current - 1)).into()),
        (
            "next",
            (current < number_pagers).then(|| url(current + 1)).into(),
        ),
        ("pagers", Value::from(pagers)),
    ])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_into_pagers_with_paths() {
        let pagers = paginate(23, 10, "strategies/reflect/");
        assert_eq!(pagers.len(), 3);
        assert_eq!(pagers[0].path, "strategies/reflect/");
        assert_eq!(pagers[2].path, "strategies/reflect/page/3/");
        assert_eq!(pagers[2].items, 20..23);
        assert_eq!(paginate(0, 10, "").len(), 1);
    }
}
