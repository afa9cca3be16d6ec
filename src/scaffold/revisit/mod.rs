//! `growthsite revisit`: a dated revisit appended to a write-up's
//! `revisits:` by editing the file's text, never by writing its YAML back
//! out: comments, key order, quoting and line endings stay as they were.
//! The edited text is parsed again before anything is written, so a
//! revisit the build would reject (dated before the write-up, say) is
//! refused with the build's own message.

use std::fs;
use std::path::Path;

use super::{WRITEUP_DIR, content_error, writeup_with_slug, yaml_string};
use crate::diag::Diagnostic;
pub use crate::error::RevisitError;
use crate::error::{Error, Result};
use crate::load::SourceFile;
use crate::parse::growth::Outcome;
use crate::parse::{Parsed, parse_source};

/// The revisit to add.
#[derive(Debug, Clone, Copy)]
pub struct NewRevisit<'a> {
    /// `YYYY-MM-DD` (or any date form front matter accepts).
    pub date: &'a str,
    /// What came of it.
    pub outcome: Outcome,
    /// What the writer found, Markdown; left out when `None` or blank.
    pub note: Option<&'a str>,
}

/// Adds `revisit` to the write-up `target` of the site at `root`: a path
/// to its file (as typed, or relative to the root) or its slug. Returns
/// the file's path relative to the root.
pub fn revisit_writeup(root: &Path, target: &str, revisit: &NewRevisit) -> Result<String> {
    let rel = find_writeup(root, target)?;
    let path = root.join(&rel);
    let text = fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
    let edited = add_revisit(&text, revisit).map_err(|why| RevisitError::NotAdded {
        path: rel.clone(),
        why,
    })?;
    check_edit(&rel, &text, &edited, revisit)?;
    // Written beside the file, then moved over it: an interrupted write
    // never leaves half a write-up.
    let temporary = path.with_extension("md.growthsite-tmp");
    fs::write(&temporary, edited).map_err(|e| Error::io(&temporary, e))?;
    fs::rename(&temporary, &path).map_err(|e| Error::io(&path, e))?;
    Ok(rel)
}

/// The site-relative path of the write-up `target` names.
fn find_writeup(root: &Path, target: &str) -> Result<String> {
    let as_typed = crate::options::Options::resolve(Path::new(target));
    for candidate in [as_typed, root.join(target)] {
        let file = if candidate.is_dir() {
            candidate.join("index.md")
        } else {
            candidate
        };
        if let Ok(rel) = file.strip_prefix(root) {
            if file.is_file() {
                let rel = crate::load::to_slash(rel);
                if rel.starts_with(&format!("{WRITEUP_DIR}/")) && rel.ends_with(".md") {
                    return Ok(rel);
                }
                return Err(RevisitError::NotAWriteup { path: rel }.into());
            }
        }
    }
    let slug = target.trim_end_matches('/').trim_end_matches(".md");
    match writeup_with_slug(root, slug)? {
        Some(rel) => Ok(rel),
        None => Err(RevisitError::NoSuchWriteup {
            target: target.to_string(),
            slug: slug.to_string(),
        }
        .into()),
    }
}

/// The write-up must parse without errors before and after, and have
/// gained the revisit: a file with errors is left for its writer to fix.
fn check_edit(rel: &str, before: &str, after: &str, revisit: &NewRevisit) -> Result<()> {
    let parse = |text: &str| {
        let (parsed, problems) = parse_source(SourceFile {
            rel_path: rel.to_string(),
            bytes: text.as_bytes().to_vec(),
        });
        let errors: Vec<Diagnostic> = problems.into_iter().filter(Diagnostic::is_error).collect();
        match parsed {
            Some(Parsed::Writeup(writeup)) if errors.is_empty() => Ok(writeup),
            _ => Err(content_error(errors)),
        }
    };
    let old = parse(before)?;
    let new = parse(after)?;
    let gained = new.growth.revisits.len() == old.growth.revisits.len() + 1
        && new
            .growth
            .revisits
            .iter()
            .any(|r| r.outcome == revisit.outcome && Some(r.date.ymd()) == ymd(revisit.date));
    if gained {
        Ok(())
    } else {
        Err(RevisitError::NotAdded {
            path: rel.to_string(),
            why: "the revisit could not be added to its `revisits:` list (add it by hand)".into(),
        }
        .into())
    }
}

fn ymd(date: &str) -> Option<String> {
    crate::parse::date::Date::parse(date).ok().map(|d| d.ymd())
}

/// Where the entry goes.
enum Place {
    /// Before this line; with a new `revisits:` line when `true`.
    Before(usize, bool),
    /// Instead of this line (`revisits: []`), which becomes the block.
    Replace(usize),
}

/// `text` with `revisit` appended to its front matter's `revisits:` list
/// (created before the closing `---` when there is none). Everything
/// else is kept byte for byte.
pub fn add_revisit(text: &str, revisit: &NewRevisit) -> std::result::Result<String, String> {
    let newline = if text.contains("\r\n") { "\r\n" } else { "\n" };
    let lines: Vec<&str> = text.split_inclusive('\n').collect();
    let bare = |i: usize| lines[i].trim_end_matches(['\n', '\r']);
    if lines
        .first()
        .map(|l| l.trim_start_matches('\u{feff}').trim_end())
        != Some("---")
    {
        return Err("the file has no front matter (start it with a `---` line)".into());
    }
    let close = (1..lines.len())
        .find(|&i| matches!(bare(i).trim_end(), "---" | "..."))
        .ok_or("the front matter is never closed (add a `---` line after it)")?;
    let key = (1..close).find(|&i| {
        bare(i)
            .strip_prefix("revisits")
            .is_some_and(|rest| rest.trim_start().starts_with(':'))
    });
    let (place, dash) = match key {
        None => (Place::Before(close, true), 2),
        Some(k) => {
            let after = bare(k)["revisits".len()..].trim_start()[1..].trim();
            let value = if after.starts_with('#') {
                ""
            } else {
                after.split(" #").next().unwrap_or("").trim()
            };
            match value {
                "" => {
                    let (end, dash) = block_end(&lines, k, close);
                    (Place::Before(end, false), dash)
                }
                "[]" | "~" | "null" => (Place::Replace(k), 2),
                _ => return Err("`revisits:` is written on one line (flow style); add the revisit to it by hand".into()),
            }
        }
    };
    let entry = entry_text(revisit, dash, newline);
    let mut out = String::with_capacity(text.len() + entry.len() + 16);
    for (i, line) in lines.iter().enumerate() {
        match place {
            Place::Replace(k) if k == i => {
                // A comment after `[]` is kept on the new `revisits:` line.
                let comment = bare(i).find(" #").map_or("", |c| &bare(i)[c..]);
                out.push_str(&format!("revisits:{comment}{newline}{entry}"));
                continue;
            }
            Place::Before(at, header) if at == i => {
                if header {
                    out.push_str("revisits:");
                    out.push_str(newline);
                }
                out.push_str(&entry);
            }
            _ => {}
        }
        out.push_str(line);
    }
    Ok(out)
}

/// The lines of one revisit, its dash indented by `dash` spaces.
fn entry_text(revisit: &NewRevisit, dash: usize, newline: &str) -> String {
    let pad = " ".repeat(dash);
    let inner = " ".repeat(dash + 2);
    let mut entry = format!("{pad}- date: {}{newline}", revisit.date);
    if let Some(note) = revisit.note.map(str::trim).filter(|n| !n.is_empty()) {
        if note.contains('\n') {
            entry.push_str(&format!("{inner}note: |-{newline}"));
            for line in note.lines().map(str::trim_end) {
                if !line.is_empty() {
                    entry.push_str(&format!("{inner}  {line}"));
                }
                entry.push_str(newline);
            }
        } else {
            entry.push_str(&format!("{inner}note: {}{newline}", yaml_string(note)));
        }
    }
    entry.push_str(&format!(
        "{inner}outcome: {}{newline}",
        revisit.outcome.name()
    ));
    entry
}

/// Where the block list under line `key` ends (the line after its last
/// item's last line), and the indent of its dashes (2 when it has none).
fn block_end(lines: &[&str], key: usize, close: usize) -> (usize, usize) {
    let mut end = key + 1;
    let mut dash = None;
    for (i, line) in lines.iter().enumerate().take(close).skip(key + 1) {
        let content = line.trim_end_matches(['\n', '\r']);
        let trimmed = content.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indent = content.len() - trimmed.len();
        let is_dash = trimmed == "-" || trimmed.starts_with("- ");
        if dash.is_none() && !is_dash {
            break;
        }
        let seq = *dash.get_or_insert(indent);
        if indent < seq || (indent == seq && !is_dash) {
            break;
        }
        end = i + 1;
    }
    (end, dash.unwrap_or(2))
}

#[cfg(test)]
mod tests;
