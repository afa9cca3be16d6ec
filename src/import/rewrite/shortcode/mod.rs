//! Hugo shortcodes in a post -> Markdown: `ref`/`relref` become `@/`
//! links, `figure`/`img`/`imgproc` images, `highlight` fenced code,
//! `youtube`/`vimeo`/`tweet`/`gist`/`instagram` links, admonitions
//! (`alert`, `note`, `notice`, ...) block quotes, `details` a `<details>`
//! element, `rawhtml` its HTML; `{{</* x */>}}` is the text `{{< x >}}`.
//! Other shortcodes are left and noted.

use super::delimited::{next_delimited, split_name};
use super::embeds::embed_link;
use super::glob_match;
use super::shown;
use super::{
    Args, Context, Out, Rewritten, block, from_line, line_at, plain_text, push_embed, push_fence,
    push_quote,
};
use crate::import::report::Kind;

/// Shortcodes that are admonitions in the common themes.
const ADMONITIONS: &[&str] = &[
    "alert",
    "note",
    "notice",
    "warning",
    "tip",
    "info",
    "caution",
    "callout",
    "admonition",
    "hint",
    "important",
    "danger",
    "warn",
    "attention",
    "pageinfo",
];

/// A shortcode tag found in the text.
#[derive(Debug)]
struct Tag<'a> {
    start: usize,
    end: usize,
    name: &'a str,
    args: &'a str,
    closing: bool,
    self_closing: bool,
    /// `{{</* x */>}}`: the text `{{< x >}}`, not a shortcode.
    escaped: Option<String>,
}

fn next_tag(text: &str, from: usize) -> Option<Tag<'_>> {
    let found = next_delimited(text, from, "{{", &[(b'<', ">}}"), (b'%', "%}}")])?;
    let (start, end) = (found.start, found.end);
    let inner = found.inner.trim();
    if let Some(escaped) = inner.strip_prefix("/*").and_then(|i| i.strip_suffix("*/")) {
        let open = &text[start..start + 3];
        let shut = if found.kind == b'<' { ">}}" } else { "%}}" };
        return Some(Tag {
            start,
            end,
            name: "",
            args: "",
            closing: false,
            self_closing: true,
            escaped: Some(format!("{open}{escaped}{shut}")),
        });
    }
    let closing = inner.starts_with('/');
    let inner = inner.trim_start_matches('/').trim_start();
    let self_closing = !closing && inner.ends_with('/');
    let (name, args) = split_name(inner.trim_end_matches('/'));
    Some(Tag {
        start,
        end,
        name,
        args,
        closing,
        self_closing,
        escaped: None,
    })
}

/// The closing tag that matches an opening one: (start, end).
fn find_close(text: &str, open: &Tag) -> Option<(usize, usize)> {
    let mut depth = 0;
    let mut at = open.end;
    while let Some(tag) = next_tag(text, at) {
        at = tag.end;
        if tag.name != open.name || tag.escaped.is_some() {
            continue;
        }
        if tag.closing {
            if depth == 0 {
                return Some((tag.start, tag.end));
            }
            depth -= 1;
        } else if !tag.self_closing {
            depth += 1;
        }
    }
    None
}

/// Rewrites the shortcodes of a Hugo page body.
pub fn rewrite_shortcodes(text: &str, ctx: &Context) -> Rewritten {
    let mut out = Out::new(text.len());
    let mut pos = 0;
    while let Some(tag) = next_tag(text, pos) {
        out.push(&text[pos..tag.start]);
        pos = tag.end;
        let line = line_at(text, tag.start);
        let written = &text[tag.start..tag.end];
        if let Some(escaped) = &tag.escaped {
            out.push(escaped);
            continue;
        }
        if tag.closing {
            leftover(&mut out, written, line);
            continue;
        }
        let args = Args::parse(tag.args);
        // The text between a paired shortcode's tags, rewritten.
        let paired = || {
            let (close_start, close_end) = find_close(text, &tag)?;
            let inner = rewrite_shortcodes(&text[tag.end..close_start], ctx);
            Some((block(from_line(inner, line)), close_end))
        };
        let name = tag.name.to_ascii_lowercase();
        match name.as_str() {
            "ref" | "relref" => {
                let path = args.get_or_at("path", 0).unwrap_or("");
                match ctx.link_to(path) {
                    Some(link) => out.push(&link),
                    None => {
                        out.push(written);
                        out.note(
                            Kind::Link,
                            line,
                            format!("`{}` names no page that was imported", shown(written)),
                            "link to the write-up by its source path: @/mistakes/<file>.md",
                        );
                    }
                }
            }
            "figure" | "img" | "image" => {
                let src = args.get_or_at("src", 0).unwrap_or("");
                let caption = args.get("caption").map(plain_text);
                let title = args.get("title");
                let alt = args
                    .get("alt")
                    .map(str::to_string)
                    .or_else(|| caption.clone())
                    .or_else(|| title.map(str::to_string))
                    .unwrap_or_default();
                let image = image_markdown(&alt, src, title);
                let image = match args.get("link") {
                    Some(link) => format!("[{image}]({link})"),
                    None => image,
                };
                out.push(&image);
                if let Some(caption) = caption.filter(|c| !c.is_empty() && *c != alt) {
                    out.push(&format!("\n*{caption}*"));
                }
            }
            "imgproc" => {
                let src = imgproc_resource(args.at(0).unwrap_or(""), ctx.resources);
                match paired() {
                    Some((inner, close_end)) => {
                        let caption = plain_text(&inner.text);
                        out.push(&image_markdown(&caption, src, None));
                        pos = close_end;
                    }
                    None => out.push(&image_markdown("", src, None)),
                }
            }
            "param" => match args
                .get_or_at("name", 0)
                .and_then(|name| ctx.site_values.get(&name.to_lowercase()))
            {
                Some(value) => out.push(value),
                None => leftover(&mut out, written, line),
            },
            embed if embed_link(embed, &args).is_some() => {
                if let Some(link) = embed_link(embed, &args) {
                    let what = format!("`{}` embedded {}", shown(written), link.what);
                    push_embed(&mut out, &link.label, &link.url, line, what);
                }
            }
            "highlight" | "code" => match paired() {
                Some((inner, close_end)) => {
                    push_fence(&mut out, args.get_or_at("lang", 0).unwrap_or(""), inner);
                    pos = close_end;
                }
                None => leftover(&mut out, written, line),
            },
            "mermaid" => match paired() {
                Some((inner, close_end)) => {
                    push_fence(&mut out, "mermaid", inner);
                    out.note(
                        Kind::Embed,
                        line,
                        format!(
                            "`{}` drew a diagram; it is now shown as its source",
                            shown(written)
                        ),
                        "export the diagram as an SVG image beside the write-up and link it",
                    );
                    pos = close_end;
                }
                None => leftover(&mut out, written, line),
            },
            "details" | "expand" | "spoiler" => match paired() {
                Some((inner, close_end)) => {
                    let summary = args
                        .get("summary")
                        .or(args.get("title"))
                        .or(args.at(0))
                        .unwrap_or("Details");
                    let open = if args.get("open").is_some_and(|o| o != "false") {
                        " open"
                    } else {
                        ""
                    };
                    super::start_block(&mut out);
                    out.push(&format!(
                        "<details{open}>\n<summary>{summary}</summary>\n\n"
                    ));
                    out.append(inner);
                    out.push("\n\n</details>");
                    pos = close_end;
                }
                None => leftover(&mut out, written, line),
            },
            "rawhtml" | "html" | "unsafe" | "raw" => match find_close(text, &tag) {
                Some((close_start, close_end)) => {
                    out.push(&text[tag.end..close_start]);
                    pos = close_end;
                }
                None => leftover(&mut out, written, line),
            },
            // hugo-shortcode-gallery: `match` picks the bundle's images.
            "gallery" => {
                let mut images: Vec<&String> = match args.get("match") {
                    Some(pattern) => ctx
                        .resources
                        .iter()
                        .filter(|r| glob_match(pattern, r))
                        .collect(),
                    None => Vec::new(),
                };
                if args
                    .get("sortOrder")
                    .is_some_and(|o| o.eq_ignore_ascii_case("desc"))
                {
                    images.reverse();
                }
                if images.is_empty() {
                    leftover(&mut out, written, line);
                } else {
                    let list: Vec<String> =
                        images.iter().map(|i| image_markdown("", i, None)).collect();
                    out.push(&list.join("\n"));
                    out.note(
                        Kind::Embed,
                        line,
                        format!(
                            "`{}` showed a gallery; it is now its {} images, one after the other",
                            shown(written),
                            images.len()
                        ),
                        "give each image its alt text",
                    );
                }
            }
            // Containers that only lay out what they hold.
            "cardpane" | "blocks/section" => match find_close(text, &tag) {
                Some((close_start, close_end)) => {
                    let inner = rewrite_shortcodes(&text[tag.end..close_start], ctx);
                    out.append(from_line(inner, line));
                    pos = close_end;
                }
                None => leftover(&mut out, written, line),
            },
            "card" => match paired() {
                Some((inner, close_end)) => {
                    let heading = args.get("header").or(args.get("title"));
                    push_quote(&mut out, heading, inner);
                    pos = close_end;
                }
                None => leftover(&mut out, written, line),
            },
            admonition if ADMONITIONS.contains(&admonition) => match paired() {
                Some((inner, close_end)) => {
                    let kind = args.get("type").or(args.get("color")).or(args.at(0));
                    let heading = args
                        .get("title")
                        .map(str::to_string)
                        .or_else(|| args.at(1).map(str::to_string))
                        .or_else(|| kind.map(capitalize));
                    push_quote(&mut out, heading.as_deref(), inner);
                    pos = close_end;
                }
                None => leftover(&mut out, written, line),
            },
            _ => leftover(&mut out, written, line),
        }
    }
    out.push(&text[pos.min(text.len())..]);
    out.finish()
}

fn leftover(out: &mut Out, written: &str, line: usize) {
    out.push(written);
    out.note(
        Kind::Leftover,
        line,
        format!(
            "`{}` is a Hugo shortcode, which growthsite does not run",
            shown(written)
        ),
        "write what it produced as Markdown or HTML, or remove it",
    );
}

/// `![alt](src "title")`, with what Markdown would misread escaped.
/// The bundle file docsy's `imgproc` shows: its first argument is part
/// of a name, matched as `**NAME*` (`fsa` is `fsa.png`); the first match
/// in name order, as Hugo's `Resources.GetMatch` gives it. Unmatched, the
/// argument as written.
fn imgproc_resource<'a>(name: &'a str, resources: &'a [String]) -> &'a str {
    if name.is_empty() || resources.iter().any(|r| r == name) {
        return name;
    }
    let pattern = format!("**{name}*");
    let mut found: Vec<&String> = resources
        .iter()
        .filter(|r| glob_match(&pattern, r))
        .collect();
    found.sort_unstable();
    found.first().map_or(name, |r| r.as_str())
}

fn image_markdown(alt: &str, src: &str, title: Option<&str>) -> String {
    let alt = alt.replace('[', "\\[").replace(']', "\\]");
    let src = if src.contains([' ', '(', ')']) {
        format!("<{src}>")
    } else {
        src.to_string()
    };
    match title.filter(|t| !t.is_empty()) {
        Some(title) => format!("![{alt}]({src} \"{}\")", title.replace('"', "\\\"")),
        None => format!("![{alt}]({src})"),
    }
}

fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests;
