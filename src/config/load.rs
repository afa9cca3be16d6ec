//! Stage 1 for the config: growthsite.yaml on disk -> the `Config` of a
//! run, with the command line's `--base-url` applied and the theme folder
//! checked, or the problems that stop the run.

use std::path::Path;

use super::{Config, check_base_url_syntax, parse_config};
use crate::diag::{Diagnostic, Kind, Span};
use crate::error::Result;
use crate::load::load_config_text;

/// Reads growthsite.yaml (at `path`, shown as `file`) and parses it,
/// applies `--base-url` and checks that the theme exists; also returns the config's text. `Err` when there
/// is no config; `Ok(Err(problems))` when the config cannot be used.
pub fn load_config(
    root: &Path,
    path: &Path,
    file: &str,
    base_url: Option<&str>,
) -> Result<Result<(Config, String), Vec<Diagnostic>>> {
    let text = load_config_text(path, root)?;
    let mut config = match parse_config(file, &text) {
        Ok(config) => config,
        Err(problems) => return Ok(Err(problems)),
    };
    if let Some(base_url) = base_url {
        config.set_base_url(base_url);
        if let Err(message) = check_base_url_syntax(&config.base_url) {
            let problem = Diagnostic::general(Kind::BadBaseUrl, format!("--base-url {message}"))
                .with_hint("write it as https://you.github.io/blog/");
            return Ok(Err(vec![problem]));
        }
    }
    if config.theme != "default" {
        // The name is a plain folder name (config checks it), so this is
        // inside the site; the walk refuses it if it is a link elsewhere.
        let dir = root.join("themes").join(&config.theme);
        let at_theme = Span::new(file, crate::yaml::key_line(&text, "theme").unwrap_or(1), 1);
        let problem = if !dir.is_dir() {
            Diagnostic::error(
                Kind::UnknownTheme,
                at_theme,
                format!("theme `{}` not found in themes/", config.theme),
            )
            .with_hint("use `theme: default` or add the theme folder")
        } else if !dir.join("templates").is_dir() {
            Diagnostic::error(
                Kind::ThemeWithoutTemplates,
                at_theme,
                format!(
                    "theme `{0}` has no templates: themes/{0}/templates/ is missing",
                    config.theme
                ),
            )
            .with_hint("use `theme: default`, or start a theme from the copy `growthsite init --theme-files` writes")
        } else {
            return Ok(Ok((config, text)));
        };
        return Ok(Err(vec![problem]));
    }
    Ok(Ok((config, text)))
}
