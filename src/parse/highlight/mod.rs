//! Code blocks -> highlighted HTML at build time, with tree-sitter grammars
//! (the `arborium` crate): each token becomes a `<span>` with a one-letter
//! class that the theme's stylesheet colours (a light and a dark palette),
//! so pages carry no JavaScript and little markup. A language without a
//! grammar is escaped as plain text.
//!
//! Why tree-sitter and not syntect: on the benchmark corpus's code blocks
//! syntect with its pure-Rust regex engine took about nine times the CPU
//! time (see the README's performance section), with grammars of the same
//! quality on real snippets.
//!
//! Console sessions and diffs are line formats, highlighted here: prompts
//! and the commands after them (as shell), and added, removed and header
//! lines of a diff.

use std::collections::HashSet;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use arborium::GrammarStore;

use super::code_cache::CodeCache;

/// The token classes, by tree-sitter capture name prefix, first match
/// wins. One letter each: a page with many code blocks stays small.
const CLASSES: &[(&str, char)] = &[
    ("comment", 'c'),
    ("string.escape", 'e'),
    ("string.special.symbol", 'v'),
    ("string.special.key", 'a'),
    ("string", 's'),
    ("character", 's'),
    ("number", 'n'),
    ("float", 'n'),
    ("boolean", 'v'),
    ("constant", 'v'),
    ("variable.builtin", 'v'),
    ("function", 'f'),
    ("method", 'f'),
    ("constructor", 't'),
    ("type", 't'),
    ("module", 't'),
    ("keyword.operator", 'o'),
    ("operator", 'o'),
    ("keyword", 'k'),
    ("include", 'k'),
    ("conditional", 'k'),
    ("repeat", 'k'),
    ("exception", 'k'),
    ("storageclass", 'k'),
    ("tag.attribute", 'a'),
    ("attribute", 'a'),
    ("property", 'a'),
    ("field", 'a'),
    ("tag", 'g'),
    ("text.title", 'h'),
    ("markup.heading", 'h'),
    ("label", 'a'),
];

/// Class of a console prompt (`$ `), which the stylesheet keeps out of a copy.
const PROMPT: char = 'p';

/// Highlights code blocks. Made once per build and shared by the threads
/// that render Markdown: the grammars are compiled once, on first use, and
/// each thread borrows a parser from a small pool.
pub struct Highlighter {
    store: Arc<GrammarStore>,
    parsers: Mutex<Vec<arborium::Highlighter>>,
    /// The grammars compiled so far. Compiling a grammar's queries takes
    /// tens of milliseconds; held while one compiles, so that two threads
    /// meeting a language at once do not both compile it.
    compiled: Mutex<HashSet<String>>,
    /// The previous build's blocks, and this build's.
    cache: CodeCache,
    /// Time spent highlighting, summed over threads, in nanoseconds (for
    /// `build --timings`).
    spent: AtomicU64,
}

impl std::fmt::Debug for Highlighter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Highlighter")
    }
}

impl Default for Highlighter {
    fn default() -> Self {
        Self::new()
    }
}

/// How a fence's language is highlighted.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode<'a> {
    /// With the tree-sitter grammar of this name.
    Grammar(&'a str),
    /// A shell session: prompts, commands, output.
    Console,
    /// A unified diff.
    Diff,
}

impl Highlighter {
    /// A highlighter with no grammar compiled yet.
    pub fn new() -> Self {
        Self::with_cache(CodeCache::default())
    }

    /// A highlighter that takes the blocks `cache` holds from there.
    pub fn with_cache(cache: CodeCache) -> Self {
        Highlighter {
            store: Arc::new(GrammarStore::new()),
            parsers: Mutex::new(Vec::new()),
            compiled: Mutex::new(HashSet::new()),
            cache,
            spent: AtomicU64::new(0),
        }
    }

    /// The blocks highlighted or taken from the cache so far.
    pub fn cache(&self) -> &CodeCache {
        &self.cache
    }

    /// Time spent highlighting so far, summed over the threads.
    pub fn time_spent(&self) -> Duration {
        Duration::from_nanos(self.spent.load(Ordering::Relaxed))
    }

    /// The highlighted HTML of `code` (escaped, without `<pre>`/`<code>`),
    /// or `None` when no grammar knows `language`: the caller shows it as
    /// plain text.
    pub fn highlight(&self, language: &str, code: &str) -> Option<String> {
        let started = Instant::now();
        let language = language.to_ascii_lowercase();
        let key = CodeCache::key(&language, code);
        let html = self.cache.get(key).or_else(|| {
            let html = match mode(&language) {
                Mode::Console => Some(self.console(code)),
                Mode::Diff => Some(diff(code)),
                Mode::Grammar(name) => self.grammar(name, code),
            };
            if let Some(html) = &html {
                self.cache.keep(key, html);
            }
            html
        });
        let nanos = u64::try_from(started.elapsed().as_nanos()).unwrap_or(u64::MAX);
        self.spent.fetch_add(nanos, Ordering::Relaxed);
        html
    }

    fn grammar(&self, name: &str, code: &str) -> Option<String> {
        self.compile_once(name);
        let mut parser = self.take_parser();
        let spans = parser.highlight_spans(name, code);
        self.give_back(parser);
        let mut spans = spans.ok()?;
        // Inner and later patterns paint over outer and earlier ones, as
        // tree-sitter highlighting resolves overlaps.
        spans.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.pattern_index));
        let mut paint = vec![None; code.len()];
        for span in &spans {
            let (start, end) = (span.start as usize, (span.end as usize).min(code.len()));
            if let Some(class) = class_of(&span.capture) {
                paint[start.min(end)..end].fill(Some(class));
            }
        }
        let mut html = String::with_capacity(code.len() * 2);
        push_painted(&mut html, code, &paint);
        Some(html)
    }

    fn console(&self, code: &str) -> String {
        let mut html = String::with_capacity(code.len() * 2);
        // A command ending in `\` goes on on the next line, without a prompt.
        let mut continued = false;
        for line in code.split_inclusive('\n') {
            let command = if continued {
                Some(line)
            } else {
                prompt_len(line).map(|len| {
                    push_span(&mut html, PROMPT, &line[..len]);
                    &line[len..]
                })
            };
            continued = command.is_some_and(|c| c.trim_end().ends_with('\\'));
            match command {
                Some(command) => match self.grammar("bash", command) {
                    Some(highlighted) => html.push_str(&highlighted),
                    None => push_escaped(&mut html, command),
                },
                None => push_escaped(&mut html, line),
            }
        }
        html
    }

    fn compile_once(&self, name: &str) {
        let mut compiled = self
            .compiled
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        if !compiled.contains(name) {
            // Unknown names are remembered too: the store has nothing to do.
            let _ = self.store.get(name);
            compiled.insert(name.to_string());
        }
    }

    fn take_parser(&self) -> arborium::Highlighter {
        let pooled = self
            .parsers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .pop();
        pooled.unwrap_or_else(|| {
            let config = arborium::Config {
                // HTML's <style> and <script>, Markdown's fences.
                max_injection_depth: 2,
                ..arborium::Config::default()
            };
            arborium::Highlighter::with_store_and_config(self.store.clone(), config)
        })
    }

    fn give_back(&self, parser: arborium::Highlighter) {
        self.parsers
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
            .push(parser);
    }
}

/// The fence names engineers write, mapped to what highlights them.
fn mode(language: &str) -> Mode<'_> {
    Mode::Grammar(match language {
        "console" | "shell-session" | "shellsession" | "terminal" | "sh-session" => {
            return Mode::Console;
        }
        "diff" | "patch" | "udiff" => return Mode::Diff,
        "sh" | "shell" | "zsh" | "bash" | "ksh" => "bash",
        "yml" => "yaml",
        "jsx" => "tsx",
        "tf" | "terraform" | "hcl" => "hcl",
        "rs" => "rust",
        "py" | "python3" => "python",
        "rb" => "ruby",
        "kt" | "kts" => "kotlin",
        "ps1" | "pwsh" => "powershell",
        "proto" | "protobuf" => "proto",
        "makefile" | "mk" => "make",
        "ts" | "mts" => "typescript",
        "md" => "markdown",
        "svg" | "xsd" | "plist" => "xml",
        other => other,
    })
}

/// The length of a shell prompt at the start of a session line: `$ `,
/// `# `, `% ` or `> `, after an optional `user@host:~/dir`.
fn prompt_len(line: &str) -> Option<usize> {
    let word_end = line
        .find(|c: char| !(c.is_alphanumeric() || "@:~/._-[]".contains(c)))
        .unwrap_or(line.len());
    let rest = &line[word_end..];
    let mut chars = rest.chars();
    match (chars.next(), chars.next()) {
        (Some('$' | '#' | '%' | '>'), Some(' ')) => Some(word_end + 2),
        _ => None,
    }
}

fn diff(code: &str) -> String {
    let mut html = String::with_capacity(code.len() * 2);
    for line in code.split_inclusive('\n') {
        let class = if line.starts_with("+++") || line.starts_with("---") || line.starts_with("@@")
        {
            Some('h')
        } else if line.starts_with('+') || line.starts_with('>') {
            Some('i')
        } else if line.starts_with('-') || line.starts_with('<') {
            Some('d')
        } else {
            None
        };
        let (text, newline) = match line.strip_suffix('\n') {
            Some(text) => (text, "\n"),
            None => (line, ""),
        };
        match class {
            Some(class) => push_span(&mut html, class, text),
            None => push_escaped(&mut html, text),
        }
        html.push_str(newline);
    }
    html
}

fn class_of(capture: &str) -> Option<char> {
    CLASSES.iter().find_map(|(prefix, class)| {
        let rest = capture.strip_prefix(prefix)?;
        (rest.is_empty() || rest.starts_with('.')).then_some(*class)
    })
}

/// Writes `code` with each run of same-class bytes in one span; spans never
/// hold only white space (nothing to colour).
fn push_painted(html: &mut String, code: &str, paint: &[Option<char>]) {
    let mut start = 0;
    while start < code.len() {
        let class = paint[start];
        let mut end = start + 1;
        while end < code.len() && (paint[end] == class || !code.is_char_boundary(end)) {
            end += 1;
        }
        let text = &code[start..end];
        match class {
            Some(class) if !text.trim().is_empty() => push_span(html, class, text),
            _ => push_escaped(html, text),
        }
        start = end;
    }
}

fn push_span(html: &mut String, class: char, text: &str) {
    html.push_str("<span class=\"");
    html.push(class);
    html.push_str("\">");
    push_escaped(html, text);
    html.push_str("</span>");
}

fn push_escaped(html: &mut String, text: &str) {
    let _ = pulldown_cmark_escape::escape_html_body_text(&mut *html, text);
}

#[cfg(test)]
mod tests;
