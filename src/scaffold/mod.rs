//! `init` and `new`: files written from templates embedded in the binary.
//! `init` turns an empty folder into a complete, buildable site (the files
//! under `src/scaffold/site/`); `new` turns a title into a draft write-up
//! (`src/scaffold/writeup.md`) at `content/mistakes/<slug>.md`. Neither ever
//! overwrites a file.

mod branch;
mod revisit;

pub use branch::{DEFAULT_BRANCH, current_branch};
pub use revisit::{NewRevisit, RevisitError, add_revisit, revisit_writeup};

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::config::parse_config;
use crate::diag::{Diagnostic, Diagnostics, Kind, unknown_name_hint};
use crate::error::{Error, Result};
use crate::load::load_config_text;
use crate::parse::slug::{slug_from_stem, slugify};
use crate::render::theme::DEFAULT_THEME;

/// The files of a new site, as (path relative to the site, text).
const SITE_FILES: &[(&str, &str)] = &[
    ("growthsite.yaml", include_str!("site/growthsite.yaml")),
    (".gitignore", include_str!("site/.gitignore")),
    (
        ".github/workflows/pages.yml",
        include_str!("site/.github/workflows/pages.yml"),
    ),
    SAMPLE_WRITEUP,
    ("content/faq.md", include_str!("site/content/faq.md")),
    ("content/about.md", include_str!("site/content/about.md")),
];

/// The sample write-up `init` writes: (path, text).
pub const SAMPLE_WRITEUP: (&str, &str) = (
    "content/mistakes/approved-a-change-i-had-skimmed.md",
    include_str!("site/content/mistakes/approved-a-change-i-had-skimmed.md"),
);

/// The author growthsite.yaml names until its owner sets theirs.
pub const SAMPLE_AUTHOR: &str = "Your Name";

/// The template of `growthsite new`.
const WRITEUP_TEMPLATE: &str = include_str!("writeup.md");

/// Where write-ups live, relative to the site root.
const WRITEUP_DIR: &str = "content/mistakes";

/// What `init` did.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct InitReport {
    /// Files written, relative to the new site, in the order written.
    pub written: Vec<String>,
    /// Files that already existed and were left as they were (`--force`).
    pub kept: Vec<String>,
}

/// Where the Pages workflow downloads release binaries from: the releases of
/// the repository named in Cargo.toml (the one line a fork changes).
pub const RELEASES_URL: &str = concat!(env!("CARGO_PKG_REPOSITORY"), "/releases/download");

/// Every file of a new site as (relative path, bytes). The workflow pins the
/// growthsite release that wrote it, so the site keeps building the same way
/// until its owner raises the version, and triggers on pushes to `branch`.
pub fn site_files(theme_files: bool, branch: &str) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = SITE_FILES
        .iter()
        .map(|(path, text)| {
            let text = text
                .replace("{{version}}", env!("CARGO_PKG_VERSION"))
                .replace("{{releases}}", RELEASES_URL)
                .replace("{{branch}}", branch);
            (path.to_string(), text.into_bytes())
        })
        .collect();
    if theme_files {
        files.extend(theme_files_of_site());
    }
    files
}

/// The default theme's files as a site holds them: `themes/default/...`.
fn theme_files_of_site() -> impl Iterator<Item = (String, Vec<u8>)> {
    DEFAULT_THEME
        .iter()
        .map(|file| (format!("themes/default/{}", file.path), file.bytes.to_vec()))
}

/// Adds an editable copy of the default theme to the existing site in
/// `dir`: the files of `themes/default/` it lacks are written, the ones it
/// has are kept as they are (`init --theme-files` on a site).
pub fn add_theme_files(dir: &Path) -> Result<InitReport> {
    let mut report = InitReport::default();
    for (rel, bytes) in theme_files_of_site() {
        if write_new_file(&dir.join(&rel), &bytes)? {
            report.written.push(rel);
        } else {
            report.kept.push(rel);
        }
    }
    Ok(report)
}

/// Writes a new site into `dir`, whose Pages workflow triggers on `branch`.
/// A folder that exists and is not empty is refused unless `force`, and even
/// then no existing file is overwritten: the check is made before anything
/// is written, so a refusal changes nothing.
pub fn init_site(dir: &Path, force: bool, theme_files: bool, branch: &str) -> Result<InitReport> {
    match fs::read_dir(dir) {
        Ok(_) if !force && dir.join(crate::config::CONFIG_FILE).is_file() => {
            return Err(Error::AlreadyASite {
                path: dir.to_path_buf(),
            });
        }
        Ok(mut entries) => {
            if entries.next().is_some() && !force {
                return Err(Error::FolderNotEmpty {
                    path: dir.to_path_buf(),
                });
            }
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
        Err(e) if dir.exists() && !dir.is_dir() => {
            return Err(Error::NotAFolder {
                path: dir.to_path_buf(),
                source: e,
            });
        }
        Err(e) => return Err(Error::io(dir, e)),
    }
    let mut report = InitReport::default();
    for (rel, bytes) in site_files(theme_files, branch) {
        let path = dir.join(&rel);
        if write_new_file(&path, &bytes)? {
            report.written.push(rel);
        } else {
            report.kept.push(rel);
        }
    }
    Ok(report)
}

/// Creates `path` with `bytes` unless something is already there; returns
/// whether it wrote. `create_new` makes "never overwrite" hold even if the
/// file appears between a check and the write.
fn write_new_file(path: &Path, bytes: &[u8]) -> Result<bool> {
    if fs::symlink_metadata(path).is_ok() {
        return Ok(false);
    }
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let mut file = match fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => return Ok(false),
        Err(e) => return Err(Error::io(path, e)),
    };
    file.write_all(bytes).map_err(|e| Error::io(path, e))?;
    Ok(true)
}

/// What `growthsite new` is asked for.
#[derive(Debug, Clone)]
pub struct NewWriteup<'a> {
    /// The write-up's title, as typed.
    pub title: &'a str,
    /// Strategy slugs to pre-fill; each must be in growthsite.yaml.
    pub strategies: &'a [String],
    /// Write `<slug>/index.md` (a page bundle) instead of `<slug>.md`.
    pub bundle: bool,
    /// The date to write, `YYYY-MM-DD`.
    pub date: &'a str,
}

/// Writes a new draft write-up into the site at `root` and returns its path
/// relative to the root. Unknown strategies are reported together (with the
/// closest known slug) and nothing is written; so is a slug that an existing
/// write-up already has.
pub fn new_writeup(root: &Path, request: &NewWriteup) -> Result<String> {
    let config_path = root.join(crate::config::CONFIG_FILE);
    let config_text = load_config_text(&config_path, root)?;
    let config = parse_config(crate::config::CONFIG_FILE, &config_text).map_err(content_error)?;
    let known: Vec<&str> = config.strategies.iter().map(|s| s.slug.as_str()).collect();
    let problems = unknown_strategies(request.strategies, &known);
    if !problems.is_empty() {
        return Err(content_error(problems));
    }
    let slug = slugify(request.title);
    if slug.is_empty() {
        return Err(Error::TitleWithoutSlug {
            title: request.title.to_string(),
        });
    }
    if let Some(existing) = writeup_with_slug(root, &slug)? {
        return Err(Error::SlugTaken { existing, slug });
    }
    let rel = if request.bundle {
        format!("{WRITEUP_DIR}/{slug}/index.md")
    } else {
        format!("{WRITEUP_DIR}/{slug}.md")
    };
    let text = writeup_text(request.title, request.date, request.strategies);
    if write_new_file(&root.join(&rel), text.as_bytes())? {
        Ok(rel)
    } else {
        Err(Error::FileExists { path: rel })
    }
}

fn content_error(problems: Vec<Diagnostic>) -> Error {
    let mut diagnostics = Diagnostics::new();
    diagnostics.extend(problems);
    Error::Content(diagnostics)
}

/// One error per strategy that the config does not know, with a "did you
/// mean" when one is close.
pub fn unknown_strategies(wanted: &[String], known: &[&str]) -> Vec<Diagnostic> {
    wanted
        .iter()
        .filter(|slug| !known.contains(&slug.as_str()))
        .map(|slug| {
            let hint = unknown_name_hint(slug, known, "known strategies");
            Diagnostic::general(
                Kind::UnknownStrategy,
                format!(
                    "unknown strategy `{slug}` in --strategy: growthsite.yaml does not list it"
                ),
            )
            .with_hint(hint)
        })
        .collect()
}

/// The existing write-up (file or bundle) that publishes to `slug`, if any:
/// `x.md`, `2026-01-02-x.md` and `x/index.md` all give the slug `x`.
fn writeup_with_slug(root: &Path, slug: &str) -> Result<Option<String>> {
    let dir = root.join(WRITEUP_DIR);
    let entries = match fs::read_dir(&dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => return Err(Error::io(&dir, e)),
    };
    let mut names: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    names.sort();
    for path in names {
        let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
            continue;
        };
        let found = if path.is_dir() {
            (path.join("index.md").is_file() && slug_from_stem(name) == slug)
                .then(|| format!("{WRITEUP_DIR}/{name}/index.md"))
        } else {
            name.strip_suffix(".md")
                .filter(|stem| slug_from_stem(stem) == slug)
                .map(|_| format!("{WRITEUP_DIR}/{name}"))
        };
        if found.is_some() {
            return Ok(found);
        }
    }
    Ok(None)
}

/// The text of a new write-up: front matter pre-filled, the sections of a
/// good write-up with a prompt in each.
pub fn writeup_text(title: &str, date: &str, strategies: &[String]) -> String {
    let strategies = format!("[{}]", strategies.join(", "));
    // The commented examples are dated from the write-up: a goal due in
    // three months, a look back after six.
    let later = |days: i64| match crate::parse::date::Date::parse(date) {
        Ok(d) => d.plus_days(days).ymd(),
        Err(_) => date.to_string(),
    };
    WRITEUP_TEMPLATE
        .replace("{{title}}", &yaml_string(title))
        .replace("{{date}}", date)
        .replace("{{strategies}}", &strategies)
        .replace("{{slug}}", &slugify(title))
        .replace("{{goal_by}}", &later(91))
        .replace("{{revisit_date}}", &later(182))
}

/// `text` as a YAML scalar that reads back as the same string: plain when
/// that is safe, else double-quoted (a JSON string is valid YAML).
fn yaml_string(text: &str) -> String {
    let plain_reads_back = matches!(
        serde_yaml::from_str::<serde_yaml::Value>(text),
        Ok(serde_yaml::Value::String(s)) if s == text
    );
    if plain_reads_back && !text.contains('#') && !text.contains('\n') {
        text.to_string()
    } else {
        serde_json::to_string(text).unwrap_or_else(|_| format!("\"{}\"", text.replace('"', "'")))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_stay_plain_unless_yaml_would_change_them() {
        for (title, written) in [
            ("Missed a deadline", "Missed a deadline"),
            ("Oops: a colon", "\"Oops: a colon\""),
            ("true", "\"true\""),
            ("2026", "\"2026\""),
            ("Said \"yes\" # twice", "\"Said \\\"yes\\\" # twice\""),
            ("- a list?", "\"- a list?\""),
        ] {
            assert_eq!(yaml_string(title), written, "{title}");
        }
    }

    #[test]
    fn writeup_text_fills_the_front_matter() {
        let text = writeup_text(
            "Oops: I did it",
            "2026-03-14",
            &["reflect".into(), "adapt".into()],
        );
        assert!(
            text.starts_with(
                "---\ntitle: \"Oops: I did it\"\ndate: 2026-03-14\nstrategies: [reflect, adapt]"
            ),
            "{text}"
        );
        assert!(text.contains("draft: true"));
        for section in [
            "## What happened",
            "## The root cause",
            "## What I changed",
            "## What I would tell someone else",
        ] {
            assert!(text.contains(section), "{section}");
        }
        assert!(text.contains("\n#   - goal: "), "{text}");
        assert!(text.contains("\n#     by: 2026-06-13 "), "{text}");
        assert!(text.contains("revisit oops-i-did-it --outcome"), "{text}");
        assert!(text.contains("\n#   - date: 2026-09-12\n"), "{text}");
        let empty = writeup_text("T", "2026-03-14", &[]);
        assert!(empty.contains("strategies: []"));
    }

    #[test]
    fn unknown_strategies_suggest_the_closest_slug() {
        let known = ["acknowledge", "reflect"];
        let problems = unknown_strategies(
            &["reflct".into(), "reflect".into(), "zzzzzzzzzzzz".into()],
            &known,
        );
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].hint.as_deref(), Some("did you mean 'reflect'?"));
        assert_eq!(
            problems[1].hint.as_deref(),
            Some("known strategies: acknowledge, reflect")
        );
    }

    #[test]
    fn the_workflow_names_the_running_version() {
        let files = site_files(false, DEFAULT_BRANCH);
        let (_, workflow) = files
            .iter()
            .find(|(p, _)| p == ".github/workflows/pages.yml")
            .unwrap();
        let workflow = std::str::from_utf8(workflow).unwrap();
        assert!(workflow.contains(&format!(
            "GROWTHSITE_VERSION: \"{}\"",
            env!("CARGO_PKG_VERSION")
        )));
        assert!(workflow.contains("branches: [main]"));
        assert!(workflow.contains(RELEASES_URL));
        // Every growthsite placeholder is filled; GitHub's own `${{ ... }}`
        // expressions stay.
        assert!(!workflow.replace("${{", "").contains("{{"));
        assert!(site_files(true, DEFAULT_BRANCH).len() > files.len());
    }
}
