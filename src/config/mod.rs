//! growthsite.yaml -> `Config`. Unknown keys are errors that list the known
//! ones: a typo in the config must never pass silently.

mod base_url;
mod branch;
mod cname;
mod load;
mod menu;
mod slugs;

pub use base_url::check_base_url_syntax;
pub use branch::check_branch_name;
pub use cname::{CnameProblem, check_cname};
pub use load::load_config;
pub use menu::MenuEntry;
pub use slugs::{SlugProblem, slug_problems};

use serde::{Deserialize, Serialize};

use crate::diag::{Diagnostic, Kind, Span};
use crate::yaml::{self, key_line};

/// The branch `deploy` publishes to when growthsite.yaml names none.
pub const DEFAULT_DEPLOY_BRANCH: &str = "gh-pages";

/// The file name of a site's configuration.
pub const CONFIG_FILE: &str = "growthsite.yaml";

/// The site configuration, as written in growthsite.yaml.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Config {
    /// Site title.
    pub title: String,
    /// One or two sentences; also the home page's introduction.
    #[serde(default)]
    pub description: String,
    /// Absolute URL the site is published at; always ends with `/` once loaded.
    pub base_url: String,
    /// The author's name, for the feed and metadata.
    #[serde(default)]
    pub author: String,
    /// The `lang` of the pages.
    #[serde(default = "default_language")]
    pub language: String,
    /// Theme name: `default` (built in) or a folder under `themes/`.
    #[serde(default = "default_theme")]
    pub theme: String,
    /// Write-ups per list page.
    #[serde(default = "default_paginate_by")]
    pub paginate_by: usize,
    /// Newest write-ups in each feed.
    #[serde(default = "default_feed_limit")]
    pub feed_limit: usize,
    /// Custom domain, written as `CNAME` by `deploy`.
    #[serde(default)]
    pub cname: Option<String>,
    /// The branch `deploy` publishes to; the only branch with history of
    /// its own that deploy will commit onto.
    #[serde(default = "default_deploy_branch")]
    pub deploy_branch: String,
    /// The strategies taxonomy, in display order.
    #[serde(default)]
    pub strategies: Vec<StrategyConfig>,
    /// Navigation links the site adds, in order.
    #[serde(default)]
    pub menu: Vec<MenuEntry>,
    /// The theme's words, overriding the table of `language` key by key
    /// (`the_lesson: Takeaway`); see `crate::strings`.
    #[serde(default)]
    pub strings: std::collections::BTreeMap<String, String>,
    /// Free-form values for templates (`config.extra`).
    #[serde(default)]
    pub extra: serde_yaml::Mapping,
}

/// One strategy of the taxonomy.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct StrategyConfig {
    /// URL slug and the name write-ups use in `strategies:`.
    pub slug: String,
    /// Display name.
    pub name: String,
    /// One sentence on what the strategy is.
    #[serde(default)]
    pub description: String,
}

fn default_language() -> String {
    "en".into()
}
fn default_theme() -> String {
    "default".into()
}
fn default_deploy_branch() -> String {
    DEFAULT_DEPLOY_BRANCH.into()
}
fn default_paginate_by() -> usize {
    10
}
fn default_feed_limit() -> usize {
    20
}

impl Config {
    /// The path part of `base_url`, with both slashes: `/growth/` or `/`.
    pub fn base_path(&self) -> &str {
        base_path_of(&self.base_url)
    }

    /// The strategy with this slug, if the config has it.
    pub fn strategy(&self, slug: &str) -> Option<&StrategyConfig> {
        self.strategies.iter().find(|s| s.slug == slug)
    }

    /// Sets `base_url`, normalised to end with one `/`.
    pub fn set_base_url(&mut self, url: &str) {
        self.base_url = normalize_base_url(url);
    }
}

/// A base URL as growthsite keeps it: trimmed, ending with one `/`.
pub fn normalize_base_url(url: &str) -> String {
    format!("{}/", url.trim().trim_end_matches('/'))
}

/// The path part of an absolute URL, with a leading and trailing `/`:
/// `/growth/` of `https://alice.github.io/growth/`.
pub fn base_path_of(base_url: &str) -> &str {
    match path_start(base_url) {
        Some(i) => &base_url[i..],
        None => "/",
    }
}

/// The scheme and host of an absolute URL, without the path:
/// `https://alice.github.io` of `https://alice.github.io/growth/`.
pub fn origin_of(base_url: &str) -> &str {
    &base_url[..path_start(base_url).unwrap_or(base_url.len())]
}

/// Where the path of an absolute URL starts, if it has one.
fn path_start(url: &str) -> Option<usize> {
    let after_scheme = url.find("://").map_or(0, |i| i + 3);
    url[after_scheme..].find('/').map(|i| after_scheme + i)
}

/// Parses growthsite.yaml's text; `file` names it in diagnostics.
pub fn parse_config(file: &str, text: &str) -> Result<Config, Vec<Diagnostic>> {
    let mut config: Config = serde_yaml::from_str(text).map_err(|e| {
        let (line, col) = yaml::error_position(&e, 1);
        vec![yaml_config_diagnostic(file, text, line, col, &e)]
    })?;
    config.set_base_url(&config.base_url.clone());
    let mut problems = validate(file, text, &config);
    problems.extend(menu::check_menu(file, text, &mut config.menu));
    if problems.is_empty() {
        Ok(config)
    } else {
        Err(problems)
    }
}

fn yaml_config_diagnostic(
    file: &str,
    text: &str,
    line: usize,
    col: usize,
    e: &serde_yaml::Error,
) -> Diagnostic {
    let kind = yaml::error_kind(e);
    let hint = match kind {
        Kind::UnknownKey => "remove the key or fix its spelling",
        Kind::MissingKey => "see the config section of the README for every key",
        Kind::BadConfigValue => "check the YAML syntax near this line",
        _ => {
            let problem = yaml::explain_syntax_error(e, text, 1);
            return Diagnostic::error(
                kind,
                Span::new(file, problem.line, problem.col),
                problem.message,
            )
            .with_hint(problem.hint);
        }
    };
    Diagnostic::error(kind, Span::new(file, line, col), yaml::error_message(e)).with_hint(hint)
}

fn validate(file: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let at_key = |key: &str| Span::new(file, key_line(text, key).unwrap_or(1), 1);
    if let Err(message) = check_base_url_syntax(&config.base_url) {
        problems.push(
            Diagnostic::error(
                Kind::BadBaseUrl,
                at_key("base_url"),
                format!("base_url {message}"),
            )
            .with_hint("write it as https://you.github.io/blog/"),
        );
    }
    if let Err(message) = check_theme_name(&config.theme) {
        problems.push(
            Diagnostic::error(
                Kind::BadThemeName,
                at_key("theme"),
                format!("theme `{}` {message}", config.theme.escape_debug()),
            )
            .with_hint(
                "write the name of a folder in themes/, such as `theme: my-theme`, or `theme: default` for the built-in one",
            ),
        );
    }
    if let Some(Err(problem)) = config.cname.as_deref().map(check_cname) {
        let value = config.cname.as_deref().unwrap_or_default();
        problems.push(
            Diagnostic::error(
                Kind::BadCname,
                at_key("cname"),
                format!("cname `{}` {}", value.escape_debug(), problem.message),
            )
            .with_hint(problem.hint),
        );
    }
    if let Err(message) = check_branch_name(&config.deploy_branch) {
        problems.push(
            Diagnostic::error(
                Kind::BadDeployBranch,
                at_key("deploy_branch"),
                format!(
                    "deploy_branch `{}` {message}",
                    config.deploy_branch.escape_debug()
                ),
            )
            .with_hint("name a branch such as `gh-pages`"),
        );
    }
    if config.paginate_by == 0 {
        problems.push(
            Diagnostic::error(
                Kind::BadPaginateBy,
                at_key("paginate_by"),
                "paginate_by must be at least 1",
            )
            .with_hint("10 is a good default"),
        );
    }
    problems.extend(check_strings(file, text, config));
    let slugs = config.strategies.iter().map(|s| s.slug.as_str());
    for (slug, problem) in slug_problems(slugs) {
        let kind = match problem {
            SlugProblem::NotASlug => Kind::BadStrategySlug,
            SlugProblem::ListedTwice => Kind::DuplicateStrategy,
        };
        problems.push(problem.diagnostic(kind, at_key("strategies"), slug));
    }
    problems
}

/// `language` must have a built-in table, and every key under `strings:`
/// must be one the theme shows.
fn check_strings(file: &str, text: &str, config: &Config) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    if crate::strings::table_for(&config.language).is_none() {
        problems.push(
            Diagnostic::error(
                Kind::UnknownLanguage,
                Span::new(file, key_line(text, "language").unwrap_or(1), 1),
                format!(
                    "language `{}` has no strings table (growthsite ships {})",
                    config.language.escape_debug(),
                    crate::strings::LANGUAGES.join(", ")
                ),
            )
            .with_hint("use en, de, fr or a regional form such as de-CH; reword any string under `strings:`"),
        );
    }
    for key in config.strings.keys() {
        if crate::strings::is_key(key) {
            continue;
        }
        let line = yaml::nested_key_line(text, "strings", key)
            .or_else(|| key_line(text, "strings"))
            .unwrap_or(1);
        let hint = match crate::diag::did_you_mean(key, crate::strings::keys()) {
            Some(close) => format!("did you mean '{close}'?"),
            None => "docs/templates.md lists every string key".to_string(),
        };
        problems.push(
            Diagnostic::error(
                Kind::UnknownStringKey,
                Span::new(file, line, 3),
                format!("unknown string key `{}` under strings:", key.escape_debug()),
            )
            .with_hint(hint),
        );
    }
    problems
}

/// A theme is named by its folder in `themes/`: a plain folder name, never
/// a path (`/etc`, `../x`), so it can only be looked up inside the site.
fn check_theme_name(theme: &str) -> Result<(), &'static str> {
    if theme.is_empty() {
        return Err("is empty");
    }
    let is_path = theme.contains(['/', '\\', ':'])
        || theme.starts_with('.')
        || theme.chars().any(char::is_control);
    if is_path {
        return Err("is a path, not the name of a folder in themes/");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const MINIMAL: &str = "title: T\nbase_url: https://alice.github.io/growth\n";

    #[test]
    fn base_url_gets_one_trailing_slash_and_a_path() {
        let config = parse_config("growthsite.yaml", MINIMAL).unwrap();
        assert_eq!(config.base_url, "https://alice.github.io/growth/");
        assert_eq!(config.base_path(), "/growth/");
        for (url, path, origin) in [
            ("https://example.com/", "/", "https://example.com"),
            ("https://example.com", "/", "https://example.com"),
            (
                "https://a.github.io/growth/",
                "/growth/",
                "https://a.github.io",
            ),
        ] {
            assert_eq!((base_path_of(url), origin_of(url)), (path, origin), "{url}");
        }
    }

    #[test]
    fn unknown_key_names_the_key_and_the_known_ones() {
        let text = format!("{MINIMAL}titel: oops\n");
        let problems = parse_config("growthsite.yaml", &text).unwrap_err();
        let message = problems[0].to_string();
        assert!(message.contains("growthsite.yaml:3"), "{message}");
        assert!(message.contains("titel"), "{message}");
        assert!(message.contains("paginate_by"), "{message}");
    }

    #[test]
    fn relative_base_url_is_an_error() {
        let problems =
            parse_config("growthsite.yaml", "title: T\nbase_url: /growth/\n").unwrap_err();
        assert!(problems[0].message.contains("absolute"));
        assert_eq!(problems[0].span.as_ref().unwrap().line, 2);
    }
}
