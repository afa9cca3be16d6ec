//! The words the default theme shows: one table per language (`en`, `de`,
//! `fr`), chosen by `language:` in growthsite.yaml, with `strings:`
//! overriding any entry. Config -> `Strings`, a resolved map that render
//! puts in the global context once (`t.lesson` in templates: a map lookup,
//! no function call per string on each of 10,000 pages), and that formats
//! dates in the language.

mod de;
mod en;
mod fr;

use std::collections::BTreeMap;

use crate::parse::date::Date;

/// The languages with a built-in table, by primary subtag.
pub const LANGUAGES: &[&str] = &["en", "de", "fr"];

/// Every string key the theme knows, in table order.
pub fn keys() -> impl Iterator<Item = &'static str> {
    en::TABLE.iter().map(|(key, _)| *key)
}

/// Whether `key` is a string of the theme.
pub fn is_key(key: &str) -> bool {
    keys().any(|known| known == key)
}

/// The built-in table for `language` (`de`, `de-CH` and `de_AT` all pick
/// `de`), or `None` when growthsite ships no table for it.
pub fn table_for(language: &str) -> Option<&'static [(&'static str, &'static str)]> {
    let primary = language
        .split(['-', '_'])
        .next()
        .unwrap_or_default()
        .to_ascii_lowercase();
    match primary.as_str() {
        "en" => Some(en::TABLE),
        "de" => Some(de::TABLE),
        "fr" => Some(fr::TABLE),
        _ => None,
    }
}

/// The resolved strings of one site: its language's table with the
/// config's overrides applied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Strings {
    map: BTreeMap<&'static str, String>,
}

impl Strings {
    /// The table of `language` (English when there is none: config reports
    /// that as an error before any rendering) with `overrides` on top;
    /// unknown override keys are ignored here (config reports them).
    pub fn new(language: &str, overrides: &BTreeMap<String, String>) -> Self {
        let table = table_for(language).unwrap_or(en::TABLE);
        let mut map: BTreeMap<&'static str, String> = table
            .iter()
            .map(|(key, text)| (*key, (*text).to_string()))
            .collect();
        for (key, text) in overrides {
            if let Some(slot) = map.get_mut(key.as_str()) {
                slot.clone_from(text);
            }
        }
        Strings { map }
    }

    /// The text of `key` (empty for a key the theme does not have).
    pub fn get(&self, key: &str) -> &str {
        self.map.get(key).map_or("", String::as_str)
    }

    /// Every key and its text, sorted by key.
    pub fn iter(&self) -> impl Iterator<Item = (&'static str, &str)> {
        self.map.iter().map(|(key, text)| (*key, text.as_str()))
    }

    /// A date as this language writes it: `14 March 2026`, `14. März 2026`.
    pub fn date(&self, date: &Date) -> String {
        use std::fmt::Write;
        let (year, month, day) = date.year_month_day();
        let month_name = self.get(MONTH_KEYS[usize::from(month.clamp(1, 12)) - 1]);
        // One pass over the format: a page shows many dates (a write-up's
        // goals and revisits, every card), and three `replace` calls each
        // made a string of their own.
        let mut rest = self.get("date_format");
        let mut out = String::with_capacity(rest.len() + month_name.len() + 8);
        while let Some(at) = rest.find('{') {
            out.push_str(&rest[..at]);
            rest = &rest[at..];
            if let Some(tail) = rest.strip_prefix("{day}") {
                let _ = write!(out, "{day}");
                rest = tail;
            } else if let Some(tail) = rest.strip_prefix("{month}") {
                out.push_str(month_name);
                rest = tail;
            } else if let Some(tail) = rest.strip_prefix("{year}") {
                let _ = write!(out, "{year}");
                rest = tail;
            } else {
                out.push('{');
                rest = &rest[1..];
            }
        }
        out.push_str(rest);
        out
    }
}

const MONTH_KEYS: [&str; 12] = [
    "month_1", "month_2", "month_3", "month_4", "month_5", "month_6", "month_7", "month_8",
    "month_9", "month_10", "month_11", "month_12",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_exactly_the_english_keys_in_order() {
        for language in LANGUAGES {
            let table = table_for(language).unwrap();
            let keys: Vec<&str> = table.iter().map(|(k, _)| *k).collect();
            assert_eq!(keys, keys_vec(), "{language}");
            assert!(table.iter().all(|(_, text)| !text.is_empty()), "{language}");
        }
    }

    fn keys_vec() -> Vec<&'static str> {
        keys().collect()
    }

    #[test]
    fn dates_follow_the_language() {
        let date = Date::parse("2026-03-14").unwrap();
        let none = BTreeMap::new();
        assert_eq!(Strings::new("en", &none).date(&date), "14 March 2026");
        assert_eq!(Strings::new("de", &none).date(&date), "14. März 2026");
        assert_eq!(Strings::new("fr-CA", &none).date(&date), "14 mars 2026");
    }

    #[test]
    fn overrides_win_and_region_subtags_pick_the_table() {
        let overrides = BTreeMap::from([("the_lesson".to_string(), "Takeaway".to_string())]);
        let strings = Strings::new("de-CH", &overrides);
        assert_eq!(strings.get("the_lesson"), "Takeaway");
        assert_eq!(strings.get("draft"), "Entwurf");
        assert!(table_for("es").is_none());
    }
}
