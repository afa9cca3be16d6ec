//! The two Markdown elements the renderer replaces by HTML of its own:
//! fenced code (highlighted, see [`super::highlight`]) and images (sized
//! from the site's image catalog, see [`crate::images`]). The Markdown
//! renderer collects each element's text, then asks this module for its HTML.

use std::sync::Arc;

use crate::diag::{Diagnostic, Kind, Span};
use crate::images::{Catalog, ImageMarkup, ImageUse, image_html};
use crate::parse::highlight::Highlighter;

/// What Markdown needs to know of the site to render code and images.
#[derive(Debug, Clone, Default)]
pub struct Embeds {
    /// The site's base path (`/growth/`), which local image URLs start with.
    pub base_path: String,
    /// Every image the site publishes, by output path.
    pub images: Arc<Catalog>,
    /// The code highlighter; without one, code is plain text.
    pub highlighter: Option<Arc<Highlighter>>,
}

/// The HTML of a fenced or indented code block, as pulldown-cmark would
/// write it (`<pre><code class="language-x">`), with the code highlighted
/// when a grammar knows its language.
pub fn code_block_html(info: &str, code: &str, highlighter: Option<&Highlighter>) -> String {
    let class = info.split(' ').next().unwrap_or_default();
    // `rust,ignore` and `{.python}` name their language first too.
    let language = class
        .trim_start_matches(['{', '.'])
        .split([',', '{', '}'])
        .next()
        .unwrap_or_default();
    let mut html = String::with_capacity(code.len() * 2 + 48);
    if class.is_empty() {
        html.push_str("<pre><code>");
    } else {
        html.push_str("<pre><code class=\"language-");
        let _ = pulldown_cmark_escape::escape_html(&mut html, class);
        html.push_str("\">");
    }
    match highlighter.and_then(|h| h.highlight(language, code)) {
        Some(highlighted) if !language.is_empty() => html.push_str(&highlighted),
        _ => {
            let _ = pulldown_cmark_escape::escape_html_body_text(&mut html, code);
        }
    }
    html.push_str("</code></pre>\n");
    html
}

/// An image as the Markdown writes it, once its alt text is collected.
#[derive(Debug, Clone)]
pub struct WrittenImage<'a> {
    /// The URL (page-bundle paths already made absolute).
    pub src: &'a str,
    /// The alt text.
    pub alt: &'a str,
    /// The title.
    pub title: &'a str,
    /// Where it is written.
    pub span: Span,
    /// Whether it is the document's first image.
    pub first: bool,
}

/// The HTML of an image, with the problems found in it and, for a wide
/// local image, the variants it needs.
pub fn image_element(
    image: WrittenImage,
    embeds: &Embeds,
) -> (String, Vec<Diagnostic>, Option<ImageUse>) {
    let mut problems = Vec::new();
    if image.alt.trim().is_empty() {
        problems.push(
            Diagnostic::warning(
                Kind::MissingAlt,
                image.span.clone(),
                format!("image `{}` has no alt text", image.src),
            )
            .with_hint("say what it shows: ![Errors per minute, falling after the fix](chart.png)"),
        );
    }
    let local = image
        .src
        .strip_prefix(embeds.base_path.as_str())
        .filter(|_| !embeds.base_path.is_empty())
        .and_then(|path| {
            embeds
                .images
                .get(path.split(['?', '#']).next().unwrap_or(path))
        });
    let title = (!image.title.is_empty()).then_some(image.title);
    let Some(entry) = local else {
        return (plain_img(&image, title), problems, None);
    };
    match &entry.info {
        Ok(info) => {
            let html = image_html(ImageMarkup {
                src: image.src,
                alt: image.alt,
                title,
                info,
                first: image.first,
            });
            let needs = (!info.variant_widths().is_empty()).then(|| ImageUse {
                output_path: entry.file.output_path.clone(),
                span: image.span.clone(),
            });
            (html, problems, needs)
        }
        Err(reason) => {
            problems.push(
                Diagnostic::error(
                    Kind::BadImage,
                    image.span.clone(),
                    format!(
                        "image `{}` cannot be used: {reason}",
                        entry.file.output_path
                    ),
                )
                .with_hint("re-export the image, or replace the file"),
            );
            (plain_img(&image, title), problems, None)
        }
    }
}

/// An image growthsite knows nothing of (remote, or not found): as
/// pulldown-cmark writes it, lazily loaded unless first.
fn plain_img(image: &WrittenImage, title: Option<&str>) -> String {
    let mut html = String::from("<img src=\"");
    let _ = pulldown_cmark_escape::escape_href(&mut html, image.src);
    html.push_str("\" alt=\"");
    let _ = pulldown_cmark_escape::escape_html(&mut html, image.alt);
    html.push('"');
    if let Some(title) = title {
        html.push_str(" title=\"");
        let _ = pulldown_cmark_escape::escape_html(&mut html, title);
        html.push('"');
    }
    if !image.first {
        html.push_str(" loading=\"lazy\" decoding=\"async\"");
    }
    html.push_str(" />");
    html
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn code_blocks_keep_their_language_class() {
        assert_eq!(
            code_block_html("klingon", "a < b\n", Some(&Highlighter::new())),
            "<pre><code class=\"language-klingon\">a &lt; b\n</code></pre>\n"
        );
        assert_eq!(
            code_block_html("", "x\n", None),
            "<pre><code>x\n</code></pre>\n"
        );
        let html = code_block_html("rust,ignore", "fn f() {}\n", Some(&Highlighter::new()));
        assert!(
            html.starts_with(
                "<pre><code class=\"language-rust,ignore\"><span class=\"k\">fn</span>"
            ),
            "{html}"
        );
    }

    #[test]
    fn a_missing_alt_is_a_warning_at_the_image() {
        let image = WrittenImage {
            src: "https://example.com/a.png",
            alt: " ",
            title: "",
            span: Span::new("content/a.md", 7, 3),
            first: false,
        };
        let (html, problems, needs) = image_element(image, &Embeds::default());
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].kind, Kind::MissingAlt);
        assert_eq!(problems[0].span, Some(Span::new("content/a.md", 7, 3)));
        assert!(html.contains("loading=\"lazy\""), "{html}");
        assert!(needs.is_none());
    }
}
