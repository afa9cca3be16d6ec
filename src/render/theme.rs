//! The default theme, compiled into the binary from `themes/default/`, so an
//! installed growthsite builds a site that has no `themes/` folder.

/// A file of the built-in theme.
#[derive(Debug, Clone, Copy)]
pub struct ThemeFile {
    /// Path relative to the theme folder: `templates/base.html`, `static/style.css`.
    pub path: &'static str,
    /// The file's bytes.
    pub bytes: &'static [u8],
}

macro_rules! theme_files {
    ($($path:literal),* $(,)?) => {
        &[$(ThemeFile {
            path: $path,
            bytes: include_bytes!(concat!(env!("CARGO_MANIFEST_DIR"), "/themes/default/", $path)),
        }),*]
    };
}

/// Every file of `themes/default/`. A test checks this list against the folder.
pub const DEFAULT_THEME: &[ThemeFile] = theme_files![
    "templates/404.html",
    "templates/card.svg",
    "templates/base.html",
    "templates/faq.html",
    "templates/index.html",
    "templates/lessons.html",
    "templates/mistake.html",
    "templates/page.html",
    "templates/partials/breadcrumbs.html",
    "templates/partials/chart.html",
    "templates/partials/faq_item.html",
    "templates/partials/faq_section.html",
    "templates/partials/footer-extra.html",
    "templates/partials/footer.html",
    "templates/partials/goals.html",
    "templates/partials/head-extra.html",
    "templates/partials/head.html",
    "templates/partials/header.html",
    "templates/partials/meta.html",
    "templates/partials/nav.html",
    "templates/partials/outcome.html",
    "templates/partials/repeats.html",
    "templates/partials/revisits.html",
    "templates/partials/toc.html",
    "templates/partials/unknown_strategies.html",
    "templates/partials/unpublished.html",
    "templates/partials/writeups.html",
    "templates/progress.html",
    "templates/search.html",
    "templates/strategies.html",
    "templates/strategy.html",
    "static/favicon.svg",
    "static/search.js",
    "static/style.css",
];

/// The built-in theme's templates as (name, source).
pub fn default_templates() -> impl Iterator<Item = (&'static str, &'static str)> {
    DEFAULT_THEME.iter().filter_map(|file| {
        let name = file.path.strip_prefix("templates/")?;
        Some((name, std::str::from_utf8(file.bytes).unwrap_or_default()))
    })
}

/// The built-in theme's static files as (path under `static/`, bytes).
pub fn default_static() -> impl Iterator<Item = (&'static str, &'static [u8])> {
    DEFAULT_THEME
        .iter()
        .filter_map(|file| Some((file.path.strip_prefix("static/")?, file.bytes)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_file_of_the_theme_folder_is_embedded() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default");
        let on_disk: Vec<String> = walkdir::WalkDir::new(&dir)
            .sort_by_file_name()
            .into_iter()
            .filter_map(Result::ok)
            .filter(|e| e.file_type().is_file())
            .map(|e| crate::load::to_slash(e.path().strip_prefix(&dir).unwrap()))
            .collect();
        let mut embedded: Vec<String> = DEFAULT_THEME.iter().map(|f| f.path.to_string()).collect();
        embedded.sort();
        assert_eq!(
            on_disk, embedded,
            "update DEFAULT_THEME in src/render/theme.rs"
        );
    }
}
