//! `menu:` in growthsite.yaml -> the navigation links a site adds (SPEC §3,
//! §8): each entry's `url` is an absolute URL (another site) or a site path
//! (`/about/`, under the base path), checked here at its line and resolved
//! once, so that the theme writes the link as it is.

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Kind, Span};

/// One navigation link.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct MenuEntry {
    /// The link's text.
    pub name: String,
    /// `https://github.com/alice`, `mailto:me@example.org`, or a site path
    /// such as `/about/` (the base path is added).
    pub url: String,
    /// Where the entry's `url` is written, for findings about it.
    #[serde(skip)]
    pub span: Option<Span>,
}

impl MenuEntry {
    /// Whether the link leaves the site.
    pub fn is_external(&self) -> bool {
        !self.url.trim().starts_with('/')
    }

    /// The link as pages write it: absolute URLs as they are, site paths
    /// under `base_path` (`/about/` -> `/growth/about/`).
    pub fn href(&self, base_path: &str) -> String {
        let url = self.url.trim();
        match url.strip_prefix('/') {
            Some(path) => format!("{base_path}{path}"),
            None => url.to_string(),
        }
    }
}

/// Places each entry at its `url:` line of `text` and checks its URL; a
/// URL that is neither absolute nor a site path is an error there.
pub fn check_menu(file: &str, text: &str, menu: &mut [MenuEntry]) -> Vec<Diagnostic> {
    let menu_line = crate::yaml::key_line(text, "menu").unwrap_or(1);
    // The `url:` lines after `menu:`, in order: one per entry when the
    // menu is written as a block list (the usual form).
    let url_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .skip(menu_line)
        .take_while(|(_, line)| line.is_empty() || line.starts_with([' ', '-', '#']))
        .filter(|(_, line)| {
            let line = line.trim_start().trim_start_matches("- ").trim_start();
            line.starts_with("url:")
        })
        .map(|(i, _)| i + 1)
        .collect();
    let mut problems = Vec::new();
    for (i, entry) in menu.iter_mut().enumerate() {
        let line = url_lines.get(i).copied().unwrap_or(menu_line);
        let span = Span::new(file, line, 1);
        entry.span = Some(span.clone());
        if let Err(why) = check_url(entry.url.trim()) {
            problems.push(
                Diagnostic::error(
                    Kind::BadMenuEntry,
                    span,
                    format!("menu entry `{}`: `{}` {why}", entry.name, entry.url),
                )
                .with_hint(
                    "write an absolute URL for another site, such as https://github.com/you, \
                     or a path of this site that starts with /, such as /about/",
                ),
            );
        }
    }
    problems
}

fn check_url(url: &str) -> Result<(), &'static str> {
    if url.starts_with("//") {
        return Err("has no scheme");
    }
    if url.starts_with('/') {
        return Ok(());
    }
    let Some((scheme, rest)) = url.split_once(':') else {
        return Err("is neither an absolute URL nor a site path");
    };
    let scheme_ok = scheme
        .chars()
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic())
        && scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    if !scheme_ok || rest.is_empty() {
        return Err("is neither an absolute URL nor a site path");
    }
    let web = scheme.eq_ignore_ascii_case("http") || scheme.eq_ignore_ascii_case("https");
    if web && !rest.starts_with("//") {
        return Err("is not a complete web address");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(url: &str) -> MenuEntry {
        MenuEntry {
            name: "X".into(),
            url: url.into(),
            span: None,
        }
    }

    #[test]
    fn absolute_urls_stay_and_site_paths_get_the_base_path() {
        assert_eq!(
            entry("https://github.com/a").href("/blog/"),
            "https://github.com/a"
        );
        assert_eq!(entry("/about/").href("/blog/"), "/blog/about/");
        assert_eq!(entry("/").href("/blog/"), "/blog/");
        assert!(entry("mailto:a@b.c").is_external());
        assert!(!entry("/about/").is_external());
    }

    #[test]
    fn urls_are_checked_at_their_lines() {
        let text = "title: T\nmenu:\n  - name: A\n    url: https://a.example/\n  - name: B\n    url: github.com/b\n  - name: C\n    url: /c/\nextra: {}\n";
        let mut menu = vec![
            entry("https://a.example/"),
            entry("github.com/b"),
            entry("/c/"),
        ];
        let problems = check_menu("growthsite.yaml", text, &mut menu);
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].span.as_ref().unwrap().line, 6);
        assert_eq!(menu[2].span.as_ref().unwrap().line, 8);
        for bad in ["about/", "https:github.com", "//cdn.example/x", "", "ftp"] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
        for good in [
            "/",
            "https://x.example",
            "mailto:a@b.c",
            "http://x.example/y",
        ] {
            assert!(check_url(good).is_ok(), "{good}");
        }
    }
}
