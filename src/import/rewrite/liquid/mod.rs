//! Liquid in a Jekyll post -> Markdown: `{% highlight %}` becomes fenced
//! code, `{% raw %}` goes (its text stays), `{% post_url %}` and
//! `{% link %}` become `@/` links, `{{ site.baseurl }}` and the URL filters
//! become the new site's path, `{% comment %}` an HTML comment, gists and
//! videos links. Includes, loops and other output are left and noted.
//! Kramdown attribute lists go first (see `kramdown`).

use super::delimited::{next_delimited, split_name};
use super::embeds::embed_link;
use super::shown;
use super::{Args, Context, Out, Rewritten, block, from_line, line_at, push_embed, push_fence};
use crate::import::report::Kind;

/// A `{% tag %}` or `{{ output }}` found in the text.
struct Token<'a> {
    start: usize,
    end: usize,
    /// Between the delimiters, without whitespace control (`{%-`).
    inner: &'a str,
    is_tag: bool,
}

fn next_token(text: &str, from: usize) -> Option<Token<'_>> {
    let found = next_delimited(text, from, "{", &[(b'%', "%}"), (b'{', "}}")])?;
    Some(Token {
        start: found.start,
        end: found.end,
        inner: found
            .inner
            .trim_start_matches('-')
            .trim_end_matches('-')
            .trim(),
        is_tag: found.kind == b'%',
    })
}

/// The next `{% name %}` tag from `from`: (start, end).
fn find_tag(text: &str, from: usize, name: &str) -> Option<(usize, usize)> {
    let mut at = from;
    while let Some(token) = next_token(text, at) {
        if token.is_tag && split_name(token.inner).0 == name {
            return Some((token.start, token.end));
        }
        at = token.start + 2;
    }
    None
}

/// Rewrites the Liquid of a Jekyll post body.
pub fn rewrite_liquid(text: &str, ctx: &Context) -> Rewritten {
    let text = super::kramdown::strip_kramdown(text);
    let text = text.as_str();
    let mut out = Out::new(text.len());
    let mut pos = 0;
    // Where the substitutions of the base URL just written are, so that
    // `{{ site.baseurl }}{% post_url x %}` loses its prefix: `@/` links
    // carry the base path themselves.
    let mut prefixes: Vec<usize> = Vec::new();
    while let Some(token) = next_token(text, pos) {
        if token.start > pos {
            prefixes.clear();
        }
        out.push(&text[pos..token.start]);
        pos = token.end;
        let line = line_at(text, token.start);
        let written = &text[token.start..token.end];
        if !token.is_tag {
            match output_value(token.inner, ctx) {
                Some(value) => {
                    prefixes.push(out.text.len());
                    out.push(&value);
                }
                None => {
                    prefixes.clear();
                    out.push(written);
                    out.note(
                        Kind::Leftover,
                        line,
                        format!(
                            "`{}` is Liquid output, which growthsite does not run",
                            shown(written)
                        ),
                        "write the value itself",
                    );
                }
            }
            continue;
        }
        let (name, rest) = split_name(token.inner);
        let block_end = |end_name: &str| find_tag(text, token.end, end_name);
        match name {
            "raw" => match block_end("endraw") {
                Some((end_start, end_end)) => {
                    out.push(&text[token.end..end_start]);
                    pos = end_end;
                }
                // Unclosed, everything after it is raw, as in Liquid.
                None => {
                    out.push(&text[token.end..]);
                    pos = text.len();
                }
            },
            "comment" => match block_end("endcomment") {
                Some((end_start, end_end)) => {
                    let inner = text[token.end..end_start].replace("--", "- -");
                    out.push(&format!("<!--{inner}-->"));
                    pos = end_end;
                }
                None => leftover(
                    &mut out,
                    written,
                    line,
                    "close it with `{% endcomment %}` or remove it",
                ),
            },
            "highlight" => match block_end("endhighlight") {
                Some((end_start, end_end)) => {
                    let args = Args::parse(rest);
                    let language = args.at(0).unwrap_or("");
                    let code = rewrite_liquid(&text[token.end..end_start], ctx);
                    push_fence(&mut out, language, block(from_line(code, line)));
                    pos = end_end;
                }
                None => leftover(
                    &mut out,
                    written,
                    line,
                    "close it with `{% endhighlight %}`",
                ),
            },
            "post_url" | "link" => match ctx.link_to(rest.trim()) {
                Some(link) => {
                    if let Some(&start) = prefixes.first() {
                        out.text.truncate(start);
                    }
                    out.push(&link);
                }
                // `{% link assets/vm.yaml %}` names a file of the old site:
                // it printed the file's old URL, which the links pass maps.
                None if name == "link" && is_site_file(rest.trim()) => {
                    if let Some(&start) = prefixes.first() {
                        out.text.truncate(start);
                    }
                    let path = rest.trim().trim_start_matches('/');
                    out.push(&format!("{}/{path}", ctx.base_path));
                }
                None => {
                    out.push(written);
                    out.note(
                        Kind::Link,
                        line,
                        format!(
                            "`{}` names no post or page that was imported",
                            shown(written)
                        ),
                        "link to the write-up by its source path: @/mistakes/<file>.md",
                    );
                }
            },
            embed if embed_link(embed, &Args::parse(rest)).is_some() => {
                if let Some(link) = embed_link(embed, &Args::parse(rest)) {
                    let what = format!("`{}` embedded {}", shown(written), link.what);
                    push_embed(&mut out, &link.label, &link.url, line, what);
                }
            }
            "include" => match inline_include(rest, ctx) {
                Some(text) => out.push(&text),
                None => leftover(
                    &mut out,
                    written,
                    line,
                    "replace the include with the Markdown or HTML it produced",
                ),
            },
            "include_relative" => leftover(
                &mut out,
                written,
                line,
                "replace the include with the Markdown or HTML it produced",
            ),
            _ => leftover(
                &mut out,
                written,
                line,
                "write out what it produced as Markdown, or remove it",
            ),
        }
        if !matches!(name, "post_url" | "link") {
            prefixes.clear();
        }
    }
    out.push(&text[pos.min(text.len())..]);
    out.finish()
}

/// The text of an `{% include name key="value" %}` from `_includes/`, its
/// `{{ include.key }}` filled in and its own Liquid rewritten, when that
/// leaves nothing to run (no loop, no condition, no unknown value).
fn inline_include(rest: &str, ctx: &Context) -> Option<String> {
    if ctx.depth >= 4 {
        return None;
    }
    let args = Args::parse(rest);
    let text = ctx.includes.get(args.at(0)?)?;
    let mut filled = text.clone();
    for (key, value) in &args.named {
        for spelling in [
            format!("{{{{ include.{key} }}}}"),
            format!("{{{{include.{key}}}}}"),
        ] {
            filled = filled.replace(&spelling, value);
        }
    }
    let inner = Context {
        depth: ctx.depth + 1,
        ..ctx.clone()
    };
    let rewritten = rewrite_liquid(&filled, &inner);
    if !rewritten.notes.is_empty() {
        return None;
    }
    let text = rewritten.text;
    Some(text.strip_suffix('\n').unwrap_or(&text).to_string())
}

fn leftover(out: &mut Out, written: &str, line: usize, todo: &str) {
    out.push(written);
    out.note(
        Kind::Leftover,
        line,
        format!(
            "`{}` is Liquid, which growthsite does not run",
            shown(written)
        ),
        todo,
    );
}

/// The value of `{{ site.baseurl }}`, `{{ site.url }}` and of a quoted
/// path through `relative_url`, `absolute_url` or `prepend: site.baseurl`;
/// `None` for anything else.
fn output_value(inner: &str, ctx: &Context) -> Option<String> {
    let mut parts = inner.split('|').map(str::trim);
    let mut value = match parts.next()? {
        "site.baseurl" => ctx.base_path.to_string(),
        "site.url" => ctx.origin.to_string(),
        "site.github.url" => format!("{}{}", ctx.origin, ctx.base_path),
        name if name.starts_with("site.") => ctx.site_values.get(&name["site.".len()..])?.clone(),
        literal => unquote(literal)?.to_string(),
    };
    for filter in parts {
        let (name, argument) = match filter.split_once(':') {
            Some((name, argument)) => (name.trim(), Some(argument.trim())),
            None => (filter, None),
        };
        value = match (name, argument) {
            ("relative_url", None) => join_base(ctx.base_path, &value),
            ("absolute_url", None) => format!("{}{}", ctx.origin, join_base(ctx.base_path, &value)),
            ("prepend", Some("site.baseurl")) => format!("{}{value}", ctx.base_path),
            ("prepend", Some("site.url")) => format!("{}{value}", ctx.origin),
            ("prepend", Some(other)) => format!("{}{value}", unquote(other)?),
            ("append", Some(other)) => format!("{value}{}", unquote(other)?),
            _ => return None,
        };
    }
    Some(value)
}

fn unquote(text: &str) -> Option<&str> {
    text.strip_prefix('"')
        .and_then(|t| t.strip_suffix('"'))
        .or_else(|| text.strip_prefix('\'').and_then(|t| t.strip_suffix('\'')))
}

/// Jekyll's `relative_url`: the base path, then the path.
fn join_base(base: &str, path: &str) -> String {
    if path.contains("://") {
        return path.to_string();
    }
    format!("{base}/{}", path.trim_start_matches('/'))
}

/// Whether a `{% link %}` path names a file that is not a page: Jekyll
/// publishes such a file at its own path.
fn is_site_file(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    let ext = name.rsplit_once('.').map_or("", |(_, ext)| ext);
    !ext.is_empty()
        && !path.contains(char::is_whitespace)
        && !matches!(
            ext.to_ascii_lowercase().as_str(),
            "md" | "markdown" | "mkdown" | "mkdn" | "mkd" | "mdown" | "html" | "htm"
        )
}

#[cfg(test)]
mod tests;
