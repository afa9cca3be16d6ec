//! Tags and categories -> strategies, through a table the user can edit
//! (`import-mapping.yaml`): which strategies the new site has, and which
//! strategy each old term becomes. The first import proposes one (the most
//! used terms, the rest under `other`); a re-run reads the edited one, so
//! the same input and the same table give the same site. Pure.

use std::collections::BTreeMap;

use serde::Deserialize;

use super::report::{Kind, Note};
use crate::config::slug_problems;
use crate::diag::{Diagnostic, Kind as DiagnosticKind, Span};
use crate::parse::slug::slugify;

/// The table's file name, in the new site's folder.
pub const MAPPING_FILE: &str = "import-mapping.yaml";

/// How many terms become strategies of their own in a proposed table.
const PROPOSED_STRATEGIES: usize = 6;

/// The slug of the strategy that gathers the less used terms.
const OTHER: &str = "other";

/// A strategy of the new site.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strategy {
    /// Its slug.
    pub slug: String,
    /// Its display name.
    pub name: String,
    /// One sentence.
    #[serde(default)]
    pub description: String,
}

/// The table.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mapping {
    /// The strategies, in display order.
    #[serde(default)]
    pub strategies: Vec<Strategy>,
    /// Old term (lower case) -> strategy slug, or `~` to drop the term.
    #[serde(default)]
    pub terms: BTreeMap<String, Option<String>>,
}

/// How often each term is used: lower-case term -> (spelling first seen, posts).
pub type TermCounts = BTreeMap<String, (String, usize)>;

/// Counts the posts that use each term (a post counts once per term).
pub fn count_terms<'a>(posts: impl IntoIterator<Item = &'a [String]>) -> TermCounts {
    let mut counts = TermCounts::new();
    for terms in posts {
        let mut seen = std::collections::BTreeSet::new();
        for term in terms {
            let key = term_key(term);
            if key.is_empty() || !seen.insert(key.clone()) {
                continue;
            }
            counts
                .entry(key)
                .or_insert_with(|| (term.trim().to_string(), 0))
                .1 += 1;
        }
    }
    counts
}

/// A term as the table lists it.
pub fn term_key(term: &str) -> String {
    term.trim().to_lowercase()
}

impl Mapping {
    /// A first table: the most used terms (at least two posts each) become
    /// strategies, the others go to `other`.
    pub fn propose(counts: &TermCounts) -> Mapping {
        let mut by_use: Vec<(&String, &(String, usize))> = counts.iter().collect();
        by_use.sort_by(|a, b| b.1.1.cmp(&a.1.1).then(a.0.cmp(b.0)));
        let mut mapping = Mapping::default();
        for (key, (spelling, uses)) in by_use {
            let slug = slugify(spelling);
            let own = *uses >= 2
                && !slug.is_empty()
                && slug != OTHER
                && (mapping.strategies.len() < PROPOSED_STRATEGIES
                    || mapping.strategies.iter().any(|s| s.slug == slug));
            if own {
                if !mapping.strategies.iter().any(|s| s.slug == slug) {
                    mapping.strategies.push(Strategy {
                        slug: slug.clone(),
                        name: spelling.clone(),
                        description: format!("Posts filed under “{spelling}” in the old blog."),
                    });
                }
                mapping.terms.insert(key.clone(), Some(slug));
            } else {
                mapping.terms.insert(key.clone(), Some(OTHER.into()));
            }
        }
        if mapping.terms.values().any(|t| t.as_deref() == Some(OTHER)) {
            mapping.strategies.push(other_strategy());
        }
        mapping
    }

    /// Adds the terms the table does not list yet (the old blog gained
    /// some since it was written): each goes to `other`, and is noted.
    pub fn complete(&mut self, counts: &TermCounts) -> Vec<Note> {
        let mut notes = Vec::new();
        for (key, (spelling, uses)) in counts {
            if self.terms.contains_key(key) {
                continue;
            }
            self.terms.insert(key.clone(), Some(OTHER.into()));
            notes.push(
                Note::new(
                    Kind::Strategy,
                    MAPPING_FILE,
                    format!("the term “{spelling}” ({uses} posts) was not in the table; it went to `other`"),
                )
                .todo("map it to a strategy in the table and run the import again"),
            );
        }
        if notes.is_empty() || self.strategies.iter().any(|s| s.slug == OTHER) {
            return notes;
        }
        self.strategies.push(other_strategy());
        notes
    }

    /// The strategy slugs for a post's terms, in order, each once.
    pub fn strategies_for(&self, terms: &[String]) -> Vec<String> {
        let mut slugs: Vec<String> = Vec::new();
        for term in terms {
            if let Some(Some(slug)) = self.terms.get(&term_key(term)) {
                if !slugs.contains(slug) {
                    slugs.push(slug.clone());
                }
            }
        }
        slugs
    }
}

fn other_strategy() -> Strategy {
    Strategy {
        slug: OTHER.into(),
        name: "Other".into(),
        description: "Posts filed under less used tags and categories in the old blog.".into(),
    }
}

/// Reads an edited table. Problems name the file and line: a strategy
/// slug that is not a slug, a term mapped to a strategy the table does
/// not list.
pub fn parse_mapping(file: &str, text: &str) -> Result<Mapping, Vec<Diagnostic>> {
    let mapping: Mapping = serde_yaml::from_str(text).map_err(|e| {
        let (line, col) = e.location().map_or((1, 1), |l| (l.line(), l.column()));
        vec![
            Diagnostic::error(
                DiagnosticKind::BadImportMapping,
                Span::new(file, line, col),
                format!(
                    "the mapping table does not parse: {}",
                    crate::yaml::error_message(&e)
                ),
            )
            .with_hint("keep its two keys, `strategies:` and `terms:`, as the import wrote them"),
        ]
    })?;
    let line_of = |needle: &str| {
        text.lines()
            .position(|line| line.contains(needle))
            .map_or(1, |i| i + 1)
    };
    let mut problems = Vec::new();
    for (slug, problem) in slug_problems(mapping.strategies.iter().map(|s| s.slug.as_str())) {
        let span = Span::new(file, line_of(&format!("slug: {slug}")), 1);
        problems.push(problem.diagnostic(DiagnosticKind::BadImportMapping, span, slug));
    }
    let known: Vec<&str> = mapping.strategies.iter().map(|s| s.slug.as_str()).collect();
    for (term, slug) in &mapping.terms {
        let Some(slug) = slug else { continue };
        if !known.contains(&slug.as_str()) {
            let hint = match crate::diag::did_you_mean(slug, known.iter().copied()) {
                Some(close) => {
                    format!("did you mean '{close}'? or add `{slug}` under `strategies:`")
                }
                None => {
                    format!("add `{slug}` under `strategies:`, or map the term to ~ to drop it")
                }
            };
            problems.push(
                Diagnostic::error(
                    DiagnosticKind::BadImportMapping,
                    Span::new(file, line_of(&format!("{}:", yaml_key(term))), 1),
                    format!(
                        "the term `{term}` goes to strategy `{slug}`, which the table does not list"
                    ),
                )
                .with_hint(hint),
            );
        }
    }
    if problems.is_empty() {
        Ok(mapping)
    } else {
        Err(problems)
    }
}

/// The table as a file: strategies, then every term with how many posts
/// use it, most used first.
pub fn render_mapping(mapping: &Mapping, counts: &TermCounts) -> String {
    let mut out = String::from(
        "# How `growthsite import` turned the old blog's tags and categories into strategies.\n\
         # Edit it, then run the same `growthsite import` command again: it reads this\n\
         # table and rewrites the site (the same blog and the same table always give the\n\
         # same site). `strategies` become growthsite.yaml's list; under `terms`, each\n\
         # old tag or category (lower case) names the strategy it becomes, or ~ to drop it.\n\
         strategies:\n",
    );
    push_strategies(&mut out, &mapping.strategies);
    out.push_str("terms:\n");
    let mut terms: Vec<(&String, &Option<String>)> = mapping.terms.iter().collect();
    let uses = |term: &str| counts.get(term).map_or(0, |(_, n)| *n);
    terms.sort_by(|a, b| uses(b.0).cmp(&uses(a.0)).then(a.0.cmp(b.0)));
    for (term, slug) in terms {
        let target = slug.as_deref().unwrap_or("~");
        let n = uses(term);
        out.push_str(&format!(
            "  {}: {target}  # {n} post{}\n",
            yaml_key(term),
            crate::diag::plural(n)
        ));
    }
    out
}

/// Writes `strategies` as the items of a YAML list of growthsite.yaml's
/// form (`- slug:`, `name:`, `description:`), two spaces in.
pub fn push_strategies(out: &mut String, strategies: &[Strategy]) {
    for strategy in strategies {
        out.push_str(&format!(
            "  - slug: {}\n    name: {}\n    description: {}\n",
            strategy.slug,
            yaml_value(&strategy.name),
            yaml_value(&strategy.description)
        ));
    }
}

/// A YAML scalar that reads back as `text`.
pub fn yaml_value(text: &str) -> String {
    let plain = matches!(
        serde_yaml::from_str::<serde_yaml::Value>(text),
        Ok(serde_yaml::Value::String(s)) if s == text
    );
    if plain && !text.contains(['#', '\n', ':']) && !text.starts_with(['"', '\'', '~', '@', '`']) {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.replace('"', "'")))
    }
}

fn yaml_key(term: &str) -> String {
    yaml_value(term)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn terms(list: &[&[&str]]) -> TermCounts {
        let posts: Vec<Vec<String>> = list
            .iter()
            .map(|p| p.iter().map(|t| t.to_string()).collect())
            .collect();
        count_terms(posts.iter().map(Vec::as_slice))
    }

    #[test]
    fn the_most_used_terms_become_strategies() {
        let counts = terms(&[
            &["Go", "go", "rust"],
            &["Go", "k8s"],
            &["rust", "c++"],
            &["news"],
        ]);
        let mapping = Mapping::propose(&counts);
        let slugs: Vec<&str> = mapping.strategies.iter().map(|s| s.slug.as_str()).collect();
        assert_eq!(slugs, vec!["go", "rust", "other"]);
        assert_eq!(counts["go"], ("Go".to_string(), 2));
        assert_eq!(
            mapping.strategies_for(&["k8s".into(), "GO".into()]),
            vec!["other", "go"]
        );
    }

    #[test]
    fn the_table_reads_back_as_written() {
        let counts = terms(&[&["Go: the language", "x"], &["Go: the language"]]);
        let mapping = Mapping::propose(&counts);
        let text = render_mapping(&mapping, &counts);
        assert_eq!(parse_mapping(MAPPING_FILE, &text).unwrap(), mapping);
        assert!(
            text.contains("  \"go: the language\": go-the-language  # 2 posts\n"),
            "{text}"
        );
    }

    #[test]
    fn unknown_targets_are_errors_at_their_line() {
        let text = "strategies:\n  - slug: go\n    name: Go\nterms:\n  go: go\n  rust: rusty\n";
        let problems = parse_mapping(MAPPING_FILE, text).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].span.as_ref().unwrap().line, 6);
        let text = "strategies: []\nterms:\n  go: go\n  unknown_key: x\nextra: 1\n";
        assert!(parse_mapping(MAPPING_FILE, text).is_err());
    }

    #[test]
    fn new_terms_go_to_other_and_are_noted() {
        let mut mapping = Mapping::propose(&terms(&[&["go"], &["go"]]));
        let notes = mapping.complete(&terms(&[&["go"], &["go", "zig"]]));
        assert_eq!(notes.len(), 1);
        assert_eq!(mapping.strategies_for(&["zig".into()]), vec!["other"]);
        assert!(mapping.strategies.iter().any(|s| s.slug == "other"));
    }
}
