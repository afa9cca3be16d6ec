//! The "limit" of the benchmark: the least work any generator must do for
//! a corpus. It reads every write-up, splits off the front matter, renders
//! the Markdown with pulldown-cmark (the options growthsite uses) and
//! writes one `index.html` per write-up, in parallel: no templates, no
//! taxonomies, no links resolved. growthsite is measured against it.
//!
//! `cargo run --release --example limit -- <site root> <output dir>`

use std::path::{Path, PathBuf};

use pulldown_cmark::{Options, Parser, html};
use rayon::prelude::*;

fn main() -> std::process::ExitCode {
    let args: Vec<String> = std::env::args().collect();
    let [_, root, output] = args.as_slice() else {
        eprintln!("usage: limit <site root> <output dir>");
        return std::process::ExitCode::from(2);
    };
    let sources: Vec<PathBuf> = walkdir::WalkDir::new(Path::new(root).join("content/mistakes"))
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "md"))
        .map(|e| e.into_path())
        .collect();
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_HEADING_ATTRIBUTES
        | Options::ENABLE_SMART_PUNCTUATION;
    let result = sources
        .par_iter()
        .try_for_each(|path| -> std::io::Result<()> {
            let text = std::fs::read_to_string(path)?;
            let body = text
                .strip_prefix("---")
                .and_then(|rest| rest.find("\n---").map(|end| &rest[end + 4..]))
                .unwrap_or(&text);
            let mut page = String::with_capacity(body.len() * 3 / 2);
            html::push_html(&mut page, Parser::new_ext(body, options));
            let stem = path.file_stem().unwrap_or_default();
            let dir = Path::new(output).join(stem);
            std::fs::create_dir_all(&dir)?;
            std::fs::write(dir.join("index.html"), page)
        });
    match result {
        Ok(()) => std::process::ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("limit: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
