//! syntect (+ two-face's grammars, pure-Rust regex) against arborium
//! (tree-sitter), as growthsite would use them: each token becomes a span
//! with a one-letter class.
//!
//!     cargo run --release -- quality compare.html   # spans per snippet, side by side
//!     cargo run --release -- time CORPUS            # every fenced block of a corpus
//!
//! `time` highlights every fenced block with a language under
//! CORPUS/content, in parallel (rayon, all cores), three rounds per
//! engine, alternating; each round starts a fresh engine (syntect loads
//! its grammar set, arborium compiles its queries), as one build would.
//! Diff blocks are left out: growthsite highlights diffs line by line.

use std::path::Path;
use std::time::{Duration, Instant};

use rayon::prelude::*;
use syntect::parsing::{ParseState, Scope, ScopeStack, SyntaxSet};

/// syntect scopes -> growthsite's classes, most specific first.
const SCOPES: &[(&str, &str)] = &[
    ("comment", "c"),
    ("constant.character.escape", "e"),
    ("string", "s"),
    ("constant.numeric", "n"),
    ("constant.language", "v"),
    ("variable.language", "v"),
    ("constant.other", "v"),
    ("markup.inserted", "i"),
    ("markup.deleted", "d"),
    ("markup.heading", "h"),
    ("entity.name.tag", "g"),
    ("entity.other.attribute-name", "a"),
    ("support.type.property-name", "a"),
    ("meta.mapping.key", "a"),
    ("entity.name.function", "f"),
    ("support.function", "f"),
    ("variable.function", "f"),
    ("entity.name.type", "t"),
    ("entity.name.class", "t"),
    ("support.type", "t"),
    ("support.class", "t"),
    ("storage.type", "k"),
    ("storage.modifier", "k"),
    ("keyword.operator", "o"),
    ("keyword", "k"),
];

/// tree-sitter captures -> classes (growthsite's table, src/parse/highlight).
const CAPTURES: &[(&str, &str)] = &[
    ("comment", "c"),
    ("string.escape", "e"),
    ("string", "s"),
    ("character", "s"),
    ("number", "n"),
    ("float", "n"),
    ("boolean", "v"),
    ("constant", "v"),
    ("variable.builtin", "v"),
    ("function", "f"),
    ("method", "f"),
    ("constructor", "t"),
    ("type", "t"),
    ("module", "t"),
    ("keyword.operator", "o"),
    ("operator", "o"),
    ("keyword", "k"),
    ("include", "k"),
    ("conditional", "k"),
    ("repeat", "k"),
    ("exception", "k"),
    ("storageclass", "k"),
    ("tag.attribute", "a"),
    ("attribute", "a"),
    ("property", "a"),
    ("field", "a"),
    ("tag", "g"),
    ("text.title", "h"),
    ("markup.heading", "h"),
    ("label", "a"),
];

struct Syntect {
    set: SyntaxSet,
    scopes: Vec<(Scope, &'static str)>,
}

impl Syntect {
    fn new() -> Syntect {
        let scopes = SCOPES
            .iter()
            .map(|(s, c)| (Scope::new(s).unwrap(), *c))
            .collect();
        Syntect {
            set: two_face::syntax::extra_newlines(),
            scopes,
        }
    }

    fn highlight(&self, language: &str, code: &str, spans: &mut usize) -> Option<String> {
        let token = match language {
            "console" => "bash",
            "csharp" => "cs",
            "makefile" => "make",
            "hcl" => "tf",
            "powershell" => "ps1",
            other => other,
        };
        let syntax = self.set.find_syntax_by_token(token)?;
        let mut state = ParseState::new(syntax);
        let mut stack = ScopeStack::new();
        let mut out = String::with_capacity(code.len() * 2);
        for line in syntect::util::LinesWithEndings::from(code) {
            let ops = state.parse_line(line, &self.set).ok()?;
            let mut at = 0;
            for (i, op) in ops {
                self.push(&mut out, &line[at..i], &stack, spans);
                at = i;
                stack.apply(&op).ok()?;
            }
            self.push(&mut out, &line[at..], &stack, spans);
        }
        Some(out)
    }

    fn push(&self, out: &mut String, text: &str, stack: &ScopeStack, spans: &mut usize) {
        let class = stack.as_slice().iter().rev().find_map(|scope| {
            self.scopes
                .iter()
                .find(|(p, _)| p.is_prefix_of(*scope))
                .map(|(_, c)| *c)
        });
        push(out, class, text, spans);
    }
}

fn arborium_highlight(
    h: &mut arborium::Highlighter,
    language: &str,
    code: &str,
    spans: &mut usize,
) -> Option<String> {
    let language = match language {
        "console" => "bash",
        "csharp" => "c-sharp",
        "makefile" => "make",
        other => other,
    };
    let mut found = h.highlight_spans(language, code).ok()?;
    found.sort_by_key(|s| (s.start, std::cmp::Reverse(s.end), s.pattern_index));
    let mut paint: Vec<Option<&str>> = vec![None; code.len()];
    for s in &found {
        let class = CAPTURES.iter().find_map(|(p, c)| {
            let rest = s.capture.strip_prefix(p)?;
            (rest.is_empty() || rest.starts_with('.')).then_some(*c)
        });
        if let Some(class) = class {
            let end = (s.end as usize).min(code.len());
            paint[(s.start as usize).min(end)..end].fill(Some(class));
        }
    }
    let mut out = String::with_capacity(code.len() * 2);
    let mut i = 0;
    while i < code.len() {
        let mut j = i + 1;
        while j < code.len() && (paint[j] == paint[i] || !code.is_char_boundary(j)) {
            j += 1;
        }
        push(&mut out, paint[i], &code[i..j], spans);
        i = j;
    }
    Some(out)
}

fn push(out: &mut String, class: Option<&str>, text: &str, spans: &mut usize) {
    if text.is_empty() {
        return;
    }
    let open = class.filter(|_| !text.trim().is_empty());
    if let Some(c) = open {
        *spans += 1;
        out.push_str("<span class=\"");
        out.push_str(c);
        out.push_str("\">");
    }
    for ch in text.chars() {
        match ch {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            c => out.push(c),
        }
    }
    if open.is_some() {
        out.push_str("</span>");
    }
}

fn arborium_new() -> arborium::Highlighter {
    arborium::Highlighter::with_config(arborium::Config {
        max_injection_depth: 2,
        ..arborium::Config::default()
    })
}

fn quality(out: &Path) {
    let syntect = Syntect::new();
    let mut arborium = arborium_new();
    let mut files: Vec<_> = std::fs::read_dir("snippets")
        .expect("run from bench/highlighters")
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let mut html = String::from(
        "<!doctype html><meta charset=utf-8><title>syntect vs arborium</title><style>\
         body{font:13px monospace;background:#fbf7f1;color:#2a2420}td{vertical-align:top;\
         border-bottom:1px solid #ccc;padding:4px}pre{margin:0;white-space:pre-wrap}\
         .c{color:#6a737d;font-style:italic}.s{color:#2f6f1f}.n,.v{color:#a3480c}\
         .k{color:#8b1d6b;font-weight:bold}.f{color:#1f5f99}.t{color:#0e6e6e}.o{color:#7a4f00}\
         .a{color:#6b4c9a}.g{color:#9a2a1c}.h{color:#1f5f99;font-weight:bold}.e{color:#b03060}\
         </style><table><tr><th>language</th><th>syntect + two-face</th><th>arborium</th></tr>",
    );
    println!("| language | syntect spans | arborium spans |\n|---|---|---|");
    for path in files {
        let language = path.file_stem().unwrap().to_str().unwrap().to_string();
        let code = std::fs::read_to_string(&path).unwrap();
        let (mut a, mut b) = (0, 0);
        let s = syntect.highlight(&language, &code, &mut a);
        let r = arborium_highlight(&mut arborium, &language, &code, &mut b);
        let count =
            |h: &Option<String>, n: usize| h.as_ref().map_or("none".into(), |_| n.to_string());
        println!("| {language} | {} | {} |", count(&s, a), count(&r, b));
        html.push_str(&format!(
            "<tr><td>{language}</td><td><pre>{}</pre></td><td><pre>{}</pre></td></tr>",
            s.unwrap_or_else(|| "(no grammar)".into()),
            r.unwrap_or_else(|| "(no grammar)".into())
        ));
    }
    std::fs::write(out, html).unwrap();
}

fn corpus_blocks(root: &Path, blocks: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(root).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            corpus_blocks(&path, blocks);
        } else if path.extension().is_some_and(|e| e == "md") {
            let text = std::fs::read_to_string(&path).unwrap();
            let mut lines = text.lines();
            while let Some(line) = lines.next() {
                if let Some(language) = line.strip_prefix("```").filter(|l| !l.is_empty()) {
                    let code: Vec<&str> = lines
                        .by_ref()
                        .take_while(|l| !l.starts_with("```"))
                        .collect();
                    if language != "diff" {
                        blocks.push((language.to_string(), code.join("\n") + "\n"));
                    }
                }
            }
        }
    }
}

/// User + system time of this process, all threads.
fn cpu() -> Duration {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap();
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .unwrap()
        .1
        .split_whitespace()
        .collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    Duration::from_millis(ticks * 10)
}

fn time(corpus: &Path) {
    let mut blocks = Vec::new();
    corpus_blocks(&corpus.join("content"), &mut blocks);
    let bytes: usize = blocks.iter().map(|(_, c)| c.len()).sum();
    let mut distinct = blocks.clone();
    distinct.sort();
    distinct.dedup();
    println!(
        "{} blocks ({} distinct), {bytes} bytes of code, {} threads",
        blocks.len(),
        distinct.len(),
        rayon::current_num_threads()
    );
    for round in 1..=3 {
        let (wall, cpu0) = (Instant::now(), cpu());
        let syntect = Syntect::new();
        let out: usize = blocks
            .par_iter()
            .map(|(l, c)| syntect.highlight(l, c, &mut 0).map_or(0, |h| h.len()))
            .sum();
        println!(
            "round {round} syntect + two-face: {:.0} ms wall, {:.0} ms CPU, {out} bytes out",
            wall.elapsed().as_secs_f64() * 1000.0,
            (cpu() - cpu0).as_secs_f64() * 1000.0
        );
        let (wall, cpu0) = (Instant::now(), cpu());
        let arborium = arborium_new();
        let out: usize = blocks
            .par_iter()
            .map_init(
                || arborium.fork(),
                |h, (l, c)| arborium_highlight(h, l, c, &mut 0).map_or(0, |h| h.len()),
            )
            .sum();
        println!(
            "round {round} arborium:           {:.0} ms wall, {:.0} ms CPU, {out} bytes out",
            wall.elapsed().as_secs_f64() * 1000.0,
            (cpu() - cpu0).as_secs_f64() * 1000.0
        );
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match (args.get(1).map(String::as_str), args.get(2)) {
        (Some("quality"), Some(out)) => quality(Path::new(out)),
        (Some("time"), Some(corpus)) => time(Path::new(corpus)),
        _ => {
            eprintln!("usage: highlighters quality OUT.html | time CORPUS");
            std::process::exit(2);
        }
    }
}
