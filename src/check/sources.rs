//! The site's documents -> every link written in their Markdown, with its
//! position and the URL the build gave it, so that a broken link found in
//! the built HTML can be reported at the line that wrote it.

use std::collections::HashMap;

use pulldown_cmark::{Event, Options, Parser, Tag};

use crate::assemble::Site;
use crate::diag::{Span, line_col};
use crate::parse::Doc;
use crate::parse::markdown::is_relative;

/// A link as written in a document.
#[derive(Debug, Clone)]
pub struct WrittenLink {
    /// The destination as the Markdown writes it: `@/mistakes/x.md#part`.
    pub written: String,
    /// The URL the build put in the HTML, percent-decoded.
    pub url: String,
    /// Where the link is written.
    pub span: Span,
}

/// One content file, with the links it wrote.
#[derive(Debug, Clone)]
pub struct SourceDoc<'a> {
    /// `content/mistakes/x.md`.
    pub source: &'a str,
    /// The output file of its own page: `mistakes/x/index.html`.
    pub page_file: String,
    /// Every Markdown link and image, body and front matter.
    pub links: Vec<WrittenLink>,
    /// The file's text, when it could be read.
    pub text: Option<&'a str>,
}

impl SourceDoc<'_> {
    /// The Markdown link of this document that became `html_url`.
    pub fn find_link(&self, html_url: &str) -> Option<&WrittenLink> {
        let wanted = super::url::percent_decode(html_url);
        self.links.iter().find(|l| l.url == wanted)
    }

    /// Where this document wrote `url` as an HTML attribute value.
    pub fn find_attribute(&self, url: &str) -> Option<Span> {
        let text = self.text?;
        let at = [format!("=\"{url}\""), format!("='{url}'")]
            .iter()
            .find_map(|needle| text.find(needle.as_str()).map(|i| i + 2))?;
        let (line, col) = line_col(text, at);
        Some(Span::new(self.source, line, col))
    }
}

/// Every document of the site with its links. `texts` holds the files'
/// text by source path, to place links written in front matter.
pub fn source_docs<'a>(site: &'a Site, texts: &'a HashMap<String, String>) -> Vec<SourceDoc<'a>> {
    let base = site.config.base_path();
    let mut targets: HashMap<&str, String> = HashMap::new();
    let posts = site.posts.iter().map(|p| &p.writeup.doc);
    let pages = site.pages.iter().map(|p| &p.page.doc);
    for doc in posts.clone().chain(pages.clone()) {
        targets.insert(&doc.content_path, format!("{base}{}", doc.path));
    }
    if let Some(faq) = &site.faq_page {
        targets.insert(&faq.page.doc.content_path, format!("{base}faq/"));
    }
    let mut docs = Vec::new();
    for post in &site.posts {
        let w = &post.writeup;
        let mut fragments: Vec<&str> = w.summary.iter().map(String::as_str).collect();
        fragments.extend(w.doc.faq.iter().map(|pair| pair.answer.as_str()));
        docs.push(source_doc(
            &w.doc,
            format!("{}index.html", w.doc.path),
            &fragments,
            &targets,
            base,
            texts,
        ));
    }
    for page in &site.pages {
        let doc = &page.page.doc;
        let answers: Vec<&str> = doc.faq.iter().map(|pair| pair.answer.as_str()).collect();
        docs.push(source_doc(
            doc,
            format!("{}index.html", doc.path),
            &answers,
            &targets,
            base,
            texts,
        ));
    }
    if let Some(faq) = &site.faq_page {
        let doc = &faq.page.doc;
        let answers: Vec<&str> = doc.faq.iter().map(|pair| pair.answer.as_str()).collect();
        docs.push(source_doc(
            doc,
            "faq/index.html".into(),
            &answers,
            &targets,
            base,
            texts,
        ));
    }
    docs
}

fn source_doc<'a>(
    doc: &'a Doc,
    page_file: String,
    front_matter_texts: &[&str],
    targets: &HashMap<&str, String>,
    base: &str,
    texts: &'a HashMap<String, String>,
) -> SourceDoc<'a> {
    let text = texts.get(&doc.source).map(String::as_str);
    let bundle_url = doc
        .bundle_dir
        .as_ref()
        .map(|_| format!("{base}{}", doc.path));
    let as_built =
        |dest: &str| super::url::percent_decode(&built_url(dest, targets, bundle_url.as_deref()));
    let mut links: Vec<WrittenLink> = markdown_links(&doc.body)
        .into_iter()
        .map(|(dest, offset)| {
            let (line, col) = line_col(&doc.body, offset);
            WrittenLink {
                url: as_built(&dest),
                span: Span::new(&doc.source, doc.body_line + line - 1, col),
                written: dest,
            }
        })
        .collect();
    // Front-matter Markdown (summary, FAQ answers) has no offsets of its
    // own: the first place the file spells the URL is the best guess.
    for fragment in front_matter_texts {
        for (dest, _) in markdown_links(fragment) {
            let span = match text.and_then(|t| t.find(dest.as_str()).map(|i| line_col(t, i))) {
                Some((line, col)) => Span::new(&doc.source, line, col),
                None => Span::file(&doc.source),
            };
            links.push(WrittenLink {
                url: as_built(&dest),
                span,
                written: dest,
            });
        }
    }
    SourceDoc {
        source: &doc.source,
        page_file,
        links,
        text,
    }
}

/// The `href`/`src` the build gives a Markdown destination (as in
/// `parse::markdown`): `@/` paths become page URLs, and a page bundle's
/// relative paths become absolute.
fn built_url(dest: &str, targets: &HashMap<&str, String>, bundle_url: Option<&str>) -> String {
    if let Some(target) = dest.strip_prefix("@/") {
        let (path, fragment) = match target.split_once('#') {
            Some((path, fragment)) => (path, Some(fragment)),
            None => (target, None),
        };
        return match (targets.get(path), fragment) {
            (Some(url), Some(fragment)) => format!("{url}#{fragment}"),
            (Some(url), None) => url.clone(),
            (None, _) => dest.to_string(),
        };
    }
    match bundle_url {
        Some(base) if is_relative(dest) => format!("{base}{}", dest.trim_start_matches("./")),
        _ => dest.to_string(),
    }
}

/// Every link and image destination of a Markdown text, with the byte
/// offset where it starts. The options match the build's, so that the same
/// text yields the same links.
fn markdown_links(text: &str) -> Vec<(String, usize)> {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    Parser::new_ext(text, options)
        .into_offset_iter()
        .filter_map(|(event, range)| match event {
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                Some((dest_url.to_string(), range.start))
            }
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_links_with_their_offsets() {
        let links = markdown_links("Intro.\n\nSee [b](@/mistakes/b.md#fix) and ![i](pic.png).\n");
        assert_eq!(links[0], ("@/mistakes/b.md#fix".to_string(), 12));
        assert_eq!(links[1].0, "pic.png");
    }

    #[test]
    fn built_urls_follow_the_build() {
        let mut targets = HashMap::new();
        targets.insert("mistakes/b.md", "/g/mistakes/b/".to_string());
        assert_eq!(
            built_url("@/mistakes/b.md#fix", &targets, None),
            "/g/mistakes/b/#fix"
        );
        assert_eq!(
            built_url("@/mistakes/c.md", &targets, None),
            "@/mistakes/c.md"
        );
        assert_eq!(
            built_url("./pic.png", &targets, Some("/g/mistakes/a/")),
            "/g/mistakes/a/pic.png"
        );
        assert_eq!(built_url("pic.png", &targets, None), "pic.png");
        assert_eq!(built_url("#x", &targets, Some("/g/mistakes/a/")), "#x");
    }
}
