//! `aliases:` (and Jekyll's `redirect_from:`) in front matter: the old URLs
//! a document also answers at, each -> the file of the redirect page that
//! the build writes there. Pure.

use super::front_matter::FrontMatter;
use crate::diag::{Diagnostic, Kind, Span};

/// An old URL of a document, where the build writes a redirect page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Alias {
    /// As written: `/2019/03/14/old.html`.
    pub url: String,
    /// The redirect page's file in the output: `2019/03/14/old.html`.
    pub file: String,
    /// Where it is written in the front matter.
    pub span: Span,
}

/// The front-matter keys that hold aliases.
pub const ALIAS_KEYS: [&str; 2] = ["aliases", "redirect_from"];

/// Takes `aliases:` and `redirect_from:` (one path or a list of paths);
/// each path that cannot be a redirect page is an error at its line.
pub fn take_aliases(fm: &mut FrontMatter, problems: &mut Vec<Diagnostic>) -> Vec<Alias> {
    let mut aliases = Vec::new();
    for key in ALIAS_KEYS {
        let urls = match fm.take(key) {
            None => continue,
            Some(serde_yaml::Value::String(one)) => vec![one],
            Some(serde_yaml::Value::Sequence(items)) if items.iter().all(|i| i.is_string()) => {
                items
                    .into_iter()
                    .filter_map(|i| i.as_str().map(str::to_string))
                    .collect()
            }
            Some(_) => {
                problems.push(
                    Diagnostic::error(
                        Kind::WrongType,
                        fm.span_of(key),
                        format!("`{key}` must be a list of paths"),
                    )
                    .with_hint(format!(
                        "write `{key}: [/2019/03/14/old-title.html, /old/]`"
                    )),
                );
                continue;
            }
        };
        for url in urls {
            let span = fm.span_of_item(key, &url);
            match alias_file(&url) {
                Ok(file) => aliases.push(Alias { url, file, span }),
                Err(why) => problems.push(
                    Diagnostic::error(Kind::BadAlias, span, format!("alias {why}")).with_hint(
                        "write the old URL's path, such as /2019/03/14/old-title.html or /old/",
                    ),
                ),
            }
        }
    }
    aliases
}

/// The output file of the redirect page for an old URL path, relative to
/// the output folder: `/2019/03/14/x.html` -> `2019/03/14/x.html`,
/// `/old/` and `/old` -> `old/index.html`. `Err` says what is wrong.
pub fn alias_file(alias: &str) -> Result<String, String> {
    let alias = alias.trim();
    if alias.contains("://") || alias.starts_with("//") {
        return Err(format!(
            "`{alias}` is a full URL; an alias is a path of this site"
        ));
    }
    if alias.contains(['?', '#', '\\']) || alias.chars().any(char::is_control) {
        return Err(format!(
            "`{alias}` has a query, fragment or backslash, which a file name cannot hold"
        ));
    }
    let decoded = crate::urls::percent_decode(alias);
    let path = decoded.trim_start_matches('/');
    if path
        .split('/')
        .any(|segment| segment == ".." || segment == ".")
    {
        return Err(format!("`{alias}` has `.` or `..` in it"));
    }
    if path.contains("//") {
        return Err(format!("`{alias}` has an empty folder name (`//`)"));
    }
    if path.is_empty() {
        return Err(format!("`{alias}` is the home page"));
    }
    let lower = path.to_ascii_lowercase();
    Ok(if path.ends_with('/') {
        format!("{path}index.html")
    } else if lower.ends_with(".html") || lower.ends_with(".htm") {
        path.to_string()
    } else {
        format!("{path}/index.html")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn old_urls_become_files() {
        assert_eq!(
            alias_file("/2019/03/14/x.html").unwrap(),
            "2019/03/14/x.html"
        );
        assert_eq!(alias_file("/old/").unwrap(), "old/index.html");
        assert_eq!(alias_file("old").unwrap(), "old/index.html");
        assert_eq!(alias_file("/caf%C3%A9/").unwrap(), "café/index.html");
        assert_eq!(alias_file("/a.php").unwrap(), "a.php/index.html");
    }

    #[test]
    fn what_cannot_be_a_file_is_refused() {
        for bad in [
            "https://x.y/a/",
            "/a?b=1",
            "/a#b",
            "/../a/",
            "/",
            "",
            "/a//b/",
        ] {
            assert!(alias_file(bad).is_err(), "{bad}");
        }
    }
}
