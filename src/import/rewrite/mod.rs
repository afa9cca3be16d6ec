//! A post's body written for Jekyll (Liquid) or Hugo (shortcodes) -> the
//! same body in plain Markdown, as far as it has an equivalent: code
//! highlighting becomes fenced code, post links become `@/` links, base-URL
//! prefixes become the new site's path, figures become images, embeds
//! become links, admonitions become block quotes. What has no equivalent is
//! left as written and noted with its line. Pure.
//!
//! Both generators expand their tags everywhere in the text, code blocks
//! included (that is what `{% raw %}` and `{{</* */>}}` are for), so the
//! rewriters do too.

mod args;
mod delimited;
mod embeds;
mod emoji;
mod fence;
mod kramdown;
mod links;
mod liquid;
mod shortcode;

use std::collections::HashMap;

pub use args::Args;
pub use emoji::emojify;
pub use links::{OldUrls, rewrite_old_links};
pub use liquid::rewrite_liquid;
pub use shortcode::rewrite_shortcodes;

use super::report::Kind;

/// What the rewriters need to know about the new site.
#[derive(Debug, Clone)]
pub struct Context<'a> {
    /// Names a post may be linked by (`2019-03-14-x`, `blog/x`) -> its
    /// path under the new `content/` (`mistakes/x.md`).
    pub links: &'a HashMap<String, String>,
    /// The old blog's path of the file being rewritten: `_posts/a.md`,
    /// `blog/x/index.md` (relative to Hugo's content folder).
    pub doc_key: &'a str,
    /// The old site's base path without its trailing `/`: `/blog` or ``
    /// (what `{{ site.baseurl }}` printed).
    pub base_path: &'a str,
    /// The old site's origin: `https://alice.github.io` (`{{ site.url }}`).
    pub origin: &'a str,
    /// The old config's text values by dotted name (`repository`).
    pub site_values: &'a std::collections::BTreeMap<String, String>,
    /// Jekyll's `_includes/` files by name, for `{% include %}`.
    pub includes: &'a std::collections::BTreeMap<String, String>,
    /// How many includes deep the text being rewritten is.
    pub depth: usize,
    /// The files of the document's page bundle, by path inside it.
    pub resources: &'a [String],
}

impl Context<'_> {
    /// The `@/` link for a name, when it names an imported document.
    pub fn link_to(&self, name: &str) -> Option<String> {
        let (name, fragment) = match name.split_once('#') {
            Some((name, fragment)) => (name, Some(fragment)),
            None => (name, None),
        };
        let dir = self.doc_key.rsplit_once('/').map_or("", |(dir, _)| dir);
        let dir = dir.strip_suffix("/index").unwrap_or(dir);
        let candidates = [
            (!name.starts_with('/')).then(|| join_path(dir, name)),
            Some(link_key(name)),
            name.rsplit('/').next().map(link_key),
        ];
        let target = candidates
            .into_iter()
            .flatten()
            .find_map(|key| self.links.get(&link_key(&key)))?;
        Some(match fragment {
            Some(fragment) => format!("@/{target}#{fragment}"),
            None => format!("@/{target}"),
        })
    }
}

/// A link name without what does not tell documents apart: slashes at
/// either end, the Markdown extension, a bundle's `/index` (`/blog/x/index.md`
/// and `blog/x` are one key).
pub fn link_key(name: &str) -> String {
    let name = name.trim().trim_matches('/');
    let name = [".markdown", ".mkdown", ".mkdn", ".mkd", ".md", ".html"]
        .iter()
        .find_map(|ext| name.strip_suffix(ext))
        .unwrap_or(name);
    let name = name
        .strip_suffix("/_index")
        .or_else(|| name.strip_suffix("/index"))
        .unwrap_or(name);
    name.to_string()
}

/// The first line of a tag, shortened, for messages.
fn shown(text: &str) -> String {
    let first = text.lines().next().unwrap_or("");
    if first.chars().count() > 80 {
        format!("{}…", first.chars().take(79).collect::<String>())
    } else {
        first.to_string()
    }
}

/// Whether a bundle file's path matches a pattern with `*` (any run of
/// characters but `/`) and `**` (any run at all): `images/*`.
pub fn glob_match(pattern: &str, path: &str) -> bool {
    fn matches(p: &[u8], s: &[u8]) -> bool {
        match p.first() {
            None => s.is_empty(),
            Some(b'*') if p.get(1) == Some(&b'*') => {
                (0..=s.len()).any(|i| matches(&p[2..], &s[i..]))
            }
            Some(b'*') => (0..=s.len())
                .take_while(|&i| i == 0 || s[i - 1] != b'/')
                .any(|i| matches(&p[1..], &s[i..])),
            Some(c) => s.first() == Some(c) && matches(&p[1..], &s[1..]),
        }
    }
    matches(pattern.as_bytes(), path.as_bytes())
}

/// `dir` + a relative `path`, with `.` and `..` resolved.
fn join_path(dir: &str, path: &str) -> String {
    let mut parts: Vec<&str> = dir.split('/').filter(|p| !p.is_empty()).collect();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                parts.pop();
            }
            other => parts.push(other),
        }
    }
    parts.join("/")
}

/// A body after rewriting, with what it could not convert.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Rewritten {
    /// The new Markdown.
    pub text: String,
    /// What to look at, by line.
    pub notes: Vec<BodyNote>,
}

/// A note about one line of a rewritten body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BodyNote {
    /// What kind of note.
    pub kind: Kind,
    /// The line in the new body (1-based).
    pub line: usize,
    /// The line in the old body (1-based).
    pub source_line: usize,
    /// What was found.
    pub what: String,
    /// What to do.
    pub todo: String,
}

/// The new text as it is written, counting its lines as it grows.
struct Out {
    text: String,
    lines: usize,
    notes: Vec<BodyNote>,
}

impl Out {
    fn new(capacity: usize) -> Out {
        Out {
            text: String::with_capacity(capacity),
            lines: 1,
            notes: Vec::new(),
        }
    }

    fn push(&mut self, text: &str) {
        self.lines += text.matches('\n').count();
        self.text.push_str(text);
    }

    /// Notes something on the current line; `source_line` is its line in
    /// the old body.
    fn note(&mut self, kind: Kind, source_line: usize, what: String, todo: &str) {
        self.notes.push(BodyNote {
            kind,
            line: self.lines,
            source_line,
            what,
            todo: todo.to_string(),
        });
    }

    /// Appends a rewritten piece starting on the current line (its notes'
    /// source lines already count from the old body's start).
    fn append(&mut self, piece: Rewritten) {
        let line = self.lines;
        self.notes.extend(piece.notes.into_iter().map(|mut note| {
            note.line += line - 1;
            note
        }));
        self.push(&piece.text);
    }

    /// What the current line holds so far.
    fn line_so_far(&self) -> &str {
        self.text.rsplit('\n').next().unwrap_or("")
    }

    fn finish(self) -> Rewritten {
        Rewritten {
            text: self.text,
            notes: self.notes,
        }
    }
}

/// The 1-based line of a byte offset.
fn line_at(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// A piece rewritten from the text of the old body that starts on its
/// line `source_line`: its notes' source lines made to count from the
/// body's start.
fn from_line(mut piece: Rewritten, source_line: usize) -> Rewritten {
    for note in &mut piece.notes {
        note.source_line += source_line - 1;
    }
    piece
}

/// The text between a paired tag's opening and closing as a block of
/// lines: without the blank rest of the opening tag's line nor the blank
/// start of the closing tag's line; notes counted from the block's first line.
fn block(piece: Rewritten) -> Rewritten {
    let mut text = piece.text.as_str();
    let stripped = match text.find('\n') {
        Some(i) if text[..i].trim().is_empty() => {
            text = &text[i + 1..];
            1
        }
        _ => 0,
    };
    let text = match text.rfind('\n') {
        Some(i) if text[i..].trim().is_empty() => &text[..i],
        _ => text,
    };
    let text = text.strip_suffix('\r').unwrap_or(text);
    Rewritten {
        text: text.to_string(),
        notes: piece
            .notes
            .into_iter()
            .map(|note| BodyNote {
                line: note.line.saturating_sub(stripped).max(1),
                ..note
            })
            .collect(),
    }
}

/// Starts a block on a line of its own, indented as the current line;
/// returns the indentation.
fn start_block(out: &mut Out) -> String {
    let so_far = out.line_so_far();
    if so_far.trim().is_empty() {
        return so_far.to_string();
    }
    let indent: String = so_far.chars().take_while(|c| c.is_whitespace()).collect();
    out.push("\n");
    out.push(&indent);
    indent
}

/// Code as a fenced block: the fence is longer than any backtick run in
/// the code, on lines of its own, indented as the line it starts on.
fn push_fence(out: &mut Out, language: &str, code: Rewritten) {
    let indent = start_block(out);
    let longest = code
        .text
        .split(|c| c != '`')
        .map(str::len)
        .max()
        .unwrap_or(0);
    let fence = "`".repeat(longest.max(2) + 1);
    out.push(&format!("{fence}{language}\n"));
    out.append(code);
    out.push(&format!("\n{indent}{fence}"));
}

/// A block quote, with a bold first line when there is a heading.
fn push_quote(out: &mut Out, heading: Option<&str>, inner: Rewritten) {
    let indent = start_block(out);
    if let Some(heading) = heading {
        out.push(&format!("> **{heading}**\n{indent}>\n{indent}"));
    }
    let quoted: Vec<String> = inner
        .text
        .split('\n')
        .map(|line| {
            let line = line.strip_prefix(indent.as_str()).unwrap_or(line);
            if line.trim().is_empty() {
                ">".to_string()
            } else {
                format!("> {line}")
            }
        })
        .collect();
    out.append(Rewritten {
        text: quoted.join(&format!("\n{indent}")),
        notes: inner.notes,
    });
}

/// An embed as a link on its own: `[Video on YouTube](https://...)`.
fn push_embed(out: &mut Out, label: &str, url: &str, source_line: usize, what: String) {
    out.push(&format!("[{label}]({url})"));
    out.note(
        Kind::Embed,
        source_line,
        what,
        "it is now a link; paste the provider's embed HTML if you want it shown in the page",
    );
}

/// The text of a bit of Markdown, for alt text: `Photo by [Ann](x)` -> `Photo by Ann`.
fn plain_text(markdown: &str) -> String {
    use pulldown_cmark::{Event, Parser};
    let mut out = String::new();
    for event in Parser::new(markdown) {
        match event {
            Event::Text(t) | Event::Code(t) => out.push_str(&t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    out.trim().to_string()
}

#[cfg(test)]
mod tests;
