//! Aliases -> redirect pages: at each old URL of a document, a small page
//! with a meta refresh, a canonical link and a plain link to where it
//! moved (SPEC §4). An alias may not take the place of a page the build
//! wrote, nor another document's alias: those are errors at its line.

use std::collections::{BTreeMap, HashMap, HashSet};

use super::{OutputBody, OutputFile};
use crate::assemble::Site;
use crate::diag::{Diagnostic, Kind};
use crate::html::escape;
use crate::parse::Doc;

/// The redirect pages of a site, and where each leads.
#[derive(Debug, Default)]
pub struct Redirects {
    /// One page at each alias.
    pub pages: Vec<OutputFile>,
    /// Aliases that could not have a page.
    pub problems: Vec<Diagnostic>,
    /// Each redirect page's file -> the file of the page it leads to
    /// (`old/index.html` -> `mistakes/moved/index.html`), for the link
    /// check to follow, `#fragment` included.
    pub targets: HashMap<String, String>,
}

/// The redirect pages of every document's aliases, given the paths the
/// build wrote; a colliding alias is an error and gets no page.
pub fn redirect_pages(site: &Site, written: &HashSet<String>) -> Redirects {
    let mut docs: Vec<&Doc> = site
        .posts
        .iter()
        .map(|p| &p.writeup.doc)
        .chain(site.pages.iter().map(|p| &p.page.doc))
        .chain(site.faq_page.iter().map(|p| &p.page.doc))
        .filter(|doc| !doc.aliases.is_empty())
        .collect();
    docs.sort_by(|a, b| a.source.cmp(&b.source));
    let base_path = site.config.base_path();
    let mut claimed: BTreeMap<&str, &str> = BTreeMap::new();
    let mut redirects = Redirects::default();
    for doc in docs {
        let own = if doc.source == "content/faq.md" {
            "faq/index.html".to_string()
        } else {
            format!("{}index.html", doc.path)
        };
        for alias in &doc.aliases {
            let problem = if alias.file == own {
                Some((
                    format!("alias `{}` is this page's own URL", alias.url),
                    "remove it: the page is already there".to_string(),
                ))
            } else if written.contains(&alias.file) {
                Some((
                    format!(
                        "alias `{}` would take the place of {base_path}{}, which the site publishes",
                        alias.url,
                        alias.file.strip_suffix("index.html").unwrap_or(&alias.file)
                    ),
                    "remove the alias, or give the other page another URL".to_string(),
                ))
            } else {
                claimed.get(alias.file.as_str()).map(|other| {
                    (
                        format!("alias `{}` is also an alias of {other}", alias.url),
                        "keep it on one of the two documents".to_string(),
                    )
                })
            };
            if let Some((message, hint)) = problem {
                redirects.problems.push(
                    Diagnostic::error(Kind::AliasCollision, alias.span.clone(), message)
                        .with_hint(hint),
                );
                continue;
            }
            claimed.insert(&alias.file, &doc.source);
            let path = if doc.source == "content/faq.md" {
                "faq/"
            } else {
                doc.path.as_str()
            };
            redirects.pages.push(OutputFile {
                path: alias.file.clone(),
                body: OutputBody::Bytes(redirect_html(site, path).into_bytes()),
            });
            redirects.targets.insert(alias.file.clone(), own.clone());
        }
    }
    redirects
}

/// The page at an old URL: it refreshes to the new one at once, tells
/// search engines which URL is canonical, and links to it for the rest.
/// A meta refresh drops the `#fragment` of the old URL, so a script goes
/// first and keeps it (`/old/#fix` lands on `/mistakes/moved/#fix`).
fn redirect_html(site: &Site, path: &str) -> String {
    let target = format!("{}{path}", site.config.base_path());
    // A JSON string is a JavaScript string; `<` escaped keeps it in the script.
    let script_target = serde_json::to_string(&target)
        .unwrap_or_default()
        .replace('<', "\\u003c");
    let local = escape(&target);
    let absolute = escape(&format!("{}{path}", site.config.base_url));
    let language = escape(&site.config.language);
    format!(
        "<!DOCTYPE html>\n<html lang=\"{language}\">\n<head>\n<meta charset=\"utf-8\">\n\
         <title>Moved to {absolute}</title>\n<link rel=\"canonical\" href=\"{absolute}\">\n\
         <meta name=\"robots\" content=\"noindex\">\n\
         <script>location.replace({script_target} + location.hash)</script>\n\
         <meta http-equiv=\"refresh\" content=\"0; url={local}\">\n</head>\n<body>\n\
         <p>This page has moved to <a href=\"{local}\">{absolute}</a>.</p>\n</body>\n</html>\n"
    )
}
