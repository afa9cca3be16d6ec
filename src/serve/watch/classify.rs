//! What a changed path is to the site, pure: a path -> its [`ChangeKind`],
//! or nothing for paths that do not matter.

use std::path::Path;

use super::{ChangeKind, SiteLayout};
use crate::load::{is_ignored, to_slash};

/// Sorts a changed path into what it means for the site, or `None` for
/// paths that do not matter: outside the watched parts, in `.git` or any
/// hidden folder, in the output folder, and editors' swap, backup and
/// temporary files (`.a.md.swp`, `a.md~`, `#a.md#`, vim's `4913`).
pub fn classify(path: &Path, layout: &SiteLayout) -> Option<ChangeKind> {
    if path == layout.config {
        return Some(ChangeKind::Config);
    }
    if path.starts_with(&layout.output) {
        return None;
    }
    let rel = to_slash(path.strip_prefix(&layout.root).ok()?);
    let parts: Vec<&str> = rel.split('/').collect();
    if parts.iter().any(|part| part.is_empty() || is_ignored(part)) {
        return None;
    }
    let name = parts[parts.len() - 1];
    if is_save_temporary(name) {
        return None;
    }
    let is_css = name.to_ascii_lowercase().ends_with(".css");
    let style_or_static = if is_css {
        ChangeKind::Style
    } else {
        ChangeKind::Static
    };
    match parts.as_slice() {
        ["content", .., _] if name.ends_with(".md") => Some(ChangeKind::Content),
        ["content", ..] => Some(ChangeKind::ContentAsset),
        ["static", ..] => Some(style_or_static),
        ["templates", ..] => Some(ChangeKind::Template),
        ["themes", _, "templates", ..] => Some(ChangeKind::Template),
        ["themes", _, "static", ..] => Some(style_or_static),
        ["themes", ..] => Some(ChangeKind::Theme),
        _ => None,
    }
}

/// Files that editors and tools write only while saving (vim's `4913`
/// probe, `sed -i`'s temporary, JetBrains' safe-write files) and backups
/// that `load` still publishes: a change to one is not a change to the site.
fn is_save_temporary(name: &str) -> bool {
    const SUFFIXES: [&str; 7] = [
        ".swo",
        ".swx",
        ".swpx",
        ".bak",
        ".kate-swp",
        "___jb_tmp___",
        "___jb_old___",
    ];
    name == "4913" || SUFFIXES.iter().any(|suffix| name.ends_with(suffix)) || is_sed_temp(name)
}

/// `sed -i` writes `sedXXXXXX` beside the file, then renames it.
fn is_sed_temp(name: &str) -> bool {
    name.len() == 9
        && name.starts_with("sed")
        && name[3..].chars().all(|c| c.is_ascii_alphanumeric())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn layout() -> SiteLayout {
        SiteLayout {
            root: PathBuf::from("/site"),
            config: PathBuf::from("/site/growthsite.yaml"),
            output: PathBuf::from("/site/public"),
        }
    }

    fn kind(path: &str) -> Option<ChangeKind> {
        classify(Path::new(path), &layout())
    }

    #[test]
    fn site_parts_are_told_apart() {
        use ChangeKind::*;
        assert_eq!(kind("/site/growthsite.yaml"), Some(Config));
        assert_eq!(kind("/site/content/mistakes/a.md"), Some(Content));
        assert_eq!(kind("/site/content/mistakes/b/index.md"), Some(Content));
        assert_eq!(
            kind("/site/content/mistakes/b/chart.png"),
            Some(ContentAsset)
        );
        assert_eq!(kind("/site/content/mistakes"), Some(ContentAsset));
        assert_eq!(kind("/site/templates/base.html"), Some(Template));
        assert_eq!(kind("/site/themes/t/templates/base.html"), Some(Template));
        assert_eq!(kind("/site/static/style.css"), Some(Style));
        assert_eq!(kind("/site/static/css/Print.CSS"), Some(Style));
        assert_eq!(kind("/site/themes/t/static/style.css"), Some(Style));
        assert_eq!(kind("/site/static/logo.png"), Some(Static));
        assert_eq!(kind("/site/themes/t/theme.yaml"), Some(Theme));
    }

    #[test]
    fn the_output_git_and_other_files_are_ignored() {
        assert_eq!(kind("/site/public/index.html"), None);
        assert_eq!(kind("/site/.git/index"), None);
        assert_eq!(kind("/site/content/.git/HEAD"), None);
        assert_eq!(kind("/site/README.md"), None);
        assert_eq!(kind("/elsewhere/content/a.md"), None);
    }

    #[test]
    fn editor_leftovers_are_ignored() {
        for name in [
            ".a.md.swp",
            ".a.md.swx",
            "a.md~",
            "#a.md#",
            ".#a.md",
            "4913",
            "a.md.bak",
            "a.md___jb_tmp___",
            "sedAb12Cd",
            ".goutputstream-XYZ123",
        ] {
            assert_eq!(
                kind(&format!("/site/content/mistakes/{name}")),
                None,
                "{name}"
            );
        }
    }

    #[test]
    fn a_config_file_elsewhere_is_still_the_config() {
        let mut layout = layout();
        layout.config = PathBuf::from("/etc/blog.yaml");
        assert_eq!(
            classify(Path::new("/etc/blog.yaml"), &layout),
            Some(ChangeKind::Config)
        );
        assert_eq!(classify(Path::new("/site/growthsite.yaml"), &layout), None);
    }
}
