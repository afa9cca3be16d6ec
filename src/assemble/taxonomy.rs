//! The strategies taxonomy: which write-up used which strategy, and the
//! lessons grouped by strategy.

use super::{LessonGroup, Post, Term};
use crate::config::Config;
use crate::diag::{Diagnostic, Kind, unknown_name_hint};
use crate::parse::documents::RenderedWriteup;

/// A write-up's strategies: indices into the config's, and the slugs the
/// config does not list (kept, so that the page can show them rather than
/// drop them without a word).
#[derive(Debug, Clone, Default)]
pub struct Resolved {
    /// Indices into `Config::strategies`, each once.
    pub ids: Vec<usize>,
    /// Slugs growthsite.yaml does not list, each once, as written.
    pub unknown: Vec<String>,
}

/// Maps each write-up's strategy slugs to indices in the config, warning
/// about the unknown ones.
pub fn resolve_strategies(
    config: &Config,
    writeups: &[RenderedWriteup],
) -> (Vec<Resolved>, Vec<Diagnostic>) {
    let mut problems = Vec::new();
    let resolved = writeups
        .iter()
        .map(|w| {
            let mut resolved = Resolved {
                ids: Vec::with_capacity(w.writeup.strategies.len()),
                unknown: Vec::new(),
            };
            for slug in &w.writeup.strategies {
                match config.strategies.iter().position(|s| &s.slug == slug) {
                    Some(i) if !resolved.ids.contains(&i) => resolved.ids.push(i),
                    Some(_) => {}
                    None if resolved.unknown.contains(slug) => {}
                    None => {
                        problems.push(unknown_strategy(config, w, slug));
                        resolved.unknown.push(slug.clone());
                    }
                }
            }
            resolved
        })
        .collect();
    (resolved, problems)
}

fn unknown_strategy(config: &Config, w: &RenderedWriteup, slug: &str) -> Diagnostic {
    let known: Vec<&str> = config.strategies.iter().map(|s| s.slug.as_str()).collect();
    let warning = Diagnostic::warning(
        Kind::UnknownStrategy,
        w.writeup.strategies_span.clone(),
        format!("unknown strategy `{slug}`"),
    );
    warning.with_hint(unknown_name_hint(slug, &known, "known strategies"))
}

/// Every strategy with its write-ups, newest first.
pub fn terms(config: &Config, posts: &[Post]) -> Vec<Term> {
    let mut terms: Vec<Term> = config
        .strategies
        .iter()
        .map(|s| Term {
            slug: s.slug.clone(),
            name: s.name.clone(),
            description: s.description.clone(),
            posts: Vec::new(),
        })
        .collect();
    for (i, post) in posts.iter().enumerate() {
        for &id in &post.strategy_ids {
            terms[id].posts.push(i);
        }
    }
    terms
}

/// Lessons by strategy; each entry's anchor is `<strategy>-<write-up slug>`,
/// stable as long as neither is renamed.
pub fn lesson_groups(terms: &[Term], posts: &[Post]) -> Vec<LessonGroup> {
    terms
        .iter()
        .enumerate()
        .map(|(strategy, term)| LessonGroup {
            strategy,
            entries: term
                .posts
                .iter()
                .filter(|&&i| posts[i].writeup.lesson.is_some())
                .map(|&i| (i, format!("{}-{}", term.slug, posts[i].writeup.doc.slug)))
                .collect(),
        })
        .filter(|group| !group.entries.is_empty())
        .collect()
}
