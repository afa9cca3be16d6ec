//! Where documents are published, pure: parsed documents -> the URL of
//! each (for `@/` links), and the documents that would publish to a URL
//! already taken.

use std::collections::HashMap;

use super::Site;
use crate::config::Config;
use crate::diag::{Diagnostic, Kind, Span};
use crate::parse::Doc;
use crate::parse::documents::Documents;
use crate::parse::markdown::LinkTargets;

/// Two documents may not publish to one URL, and plain pages may not take
/// the URLs growthsite generates (`reserved`: path prefixes such as
/// `mistakes/`, which the render stage owns).
pub fn check_paths(documents: &Documents, reserved: &[&str]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut taken: HashMap<&str, &str> = HashMap::new();
    let mut docs: Vec<&Doc> = documents.docs().collect();
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    for doc in docs {
        if let Some(first) = taken.insert(&doc.path, &doc.source) {
            problems.push(
                Diagnostic::error(
                    Kind::DuplicatePath,
                    Span::new(&doc.source, 1, 1),
                    format!("`{first}` already publishes to /{}", doc.path),
                )
                .with_hint("give one of them another file name or `slug:`"),
            );
        }
    }
    for page in &documents.pages {
        let path = page.doc.path.as_str();
        if path.is_empty() || reserved.iter().any(|prefix| path.starts_with(prefix)) {
            problems.push(
                Diagnostic::error(
                    Kind::ReservedPath,
                    Span::new(&page.doc.source, 1, 1),
                    format!("/{path} is a page growthsite generates"),
                )
                .with_hint("rename the file or set another `slug:`"),
            );
        }
    }
    problems
}

/// Where each parsed document will be published, for `@/` links.
pub fn link_targets(config: &Config, documents: &Documents) -> LinkTargets {
    link_targets_of(
        config,
        documents.docs(),
        documents.faq.as_ref().map(|p| &p.doc),
    )
}

/// Where each document of an assembled site is published, for `@/` links:
/// the map its build rendered Markdown with (`serve` re-renders one
/// changed document against it).
pub fn site_link_targets(site: &Site) -> LinkTargets {
    let docs = site
        .posts
        .iter()
        .map(|p| &p.writeup.doc)
        .chain(site.pages.iter().map(|p| &p.page.doc));
    let faq = site.faq_page.as_ref().map(|p| &p.page.doc);
    link_targets_of(&site.config, docs, faq)
}

fn link_targets_of<'a>(
    config: &Config,
    docs: impl Iterator<Item = &'a Doc>,
    faq: Option<&Doc>,
) -> LinkTargets {
    let base = config.base_path();
    let mut targets = LinkTargets::default();
    for doc in docs {
        targets
            .urls
            .insert(doc.content_path.clone(), format!("{base}{}", doc.path));
    }
    if let Some(faq) = faq {
        targets
            .urls
            .insert(faq.content_path.clone(), format!("{base}faq/"));
    }
    targets
}
