//! What a finding is about, as a stable code: `unknown-strategy`,
//! `broken-link`, ... Code that reacts to a finding (`check` promoting it,
//! an editor filtering it) matches its kind, never its message; the codes
//! are part of `check --format json` and are listed in docs/diagnostics.md.

/// Declares the kinds once: the variant, its code, and its doc line.
macro_rules! kinds {
    ($( $(#[doc = $doc:literal])* $variant:ident = $code:literal, )*) => {
        /// The kind of a finding. Its [`code`](Kind::code) never changes
        /// once released: tools match on it.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub enum Kind {
            $( $(#[doc = $doc])* $variant, )*
        }

        impl Kind {
            /// Every kind, in declaration order.
            pub const ALL: &'static [Kind] = &[$(Kind::$variant),*];

            /// The stable code: lower case words joined by `-`.
            pub fn code(self) -> &'static str {
                match self {
                    $(Kind::$variant => $code,)*
                }
            }
        }
    };
}

kinds! {
    // growthsite.yaml and command-line overrides.
    /// YAML that does not parse (growthsite.yaml or front matter).
    YamlSyntax = "yaml-syntax",
    /// A key growthsite.yaml does not know.
    UnknownKey = "unknown-key",
    /// A required key of growthsite.yaml is missing.
    MissingKey = "missing-key",
    /// A key of growthsite.yaml has a value of the wrong type.
    BadConfigValue = "bad-config-value",
    /// `base_url` (or `--base-url`) is not an absolute http(s) URL.
    BadBaseUrl = "bad-base-url",
    /// `cname` is not a host name.
    BadCname = "bad-cname",
    /// `deploy_branch` is not a name git accepts for a branch.
    BadDeployBranch = "bad-deploy-branch",
    /// `paginate_by` is 0.
    BadPaginateBy = "bad-paginate-by",
    /// A strategy slug in growthsite.yaml is not a URL slug.
    BadStrategySlug = "bad-strategy-slug",
    /// A strategy is listed twice in growthsite.yaml.
    DuplicateStrategy = "duplicate-strategy",
    /// A `menu:` entry whose `url` is neither absolute nor a site path.
    BadMenuEntry = "bad-menu-entry",
    /// `theme:` names no folder under themes/.
    UnknownTheme = "unknown-theme",
    /// `theme:` is a path (`/etc`, `../x`), not the name of a folder in themes/.
    BadThemeName = "bad-theme-name",
    /// The theme's folder has no `templates/`.
    ThemeWithoutTemplates = "theme-without-templates",
    /// `language:` has no built-in strings table.
    UnknownLanguage = "unknown-language",
    /// A key under `strings:` that the theme does not show.
    UnknownStringKey = "unknown-string-key",
    /// `import`'s mapping table does not parse, or maps a term to a
    /// strategy it does not list.
    BadImportMapping = "bad-import-mapping",

    // Reading the site.
    /// A file or folder that cannot be read.
    UnreadableFile = "unreadable-file",
    /// A symlink loop in the site's folders.
    SymlinkLoop = "symlink-loop",
    /// A symbolic link whose target is outside the site folder: not followed.
    SymlinkOutsideSite = "symlink-outside-site",
    /// A symbolic link into a hidden part of the site (`.git/`): not followed.
    SymlinkIntoHidden = "symlink-into-hidden",
    /// A symbolic link whose target does not exist (a warning).
    BrokenSymlink = "broken-symlink",
    /// A FIFO, socket or device in the site's folders: never opened.
    SpecialFile = "special-file",
    /// A content file that is not UTF-8.
    NotUtf8 = "not-utf8",

    // Front matter.
    /// A content file without `---` front matter.
    NoFrontMatter = "no-front-matter",
    /// Front matter whose closing `---` is missing.
    UnclosedFrontMatter = "unclosed-front-matter",
    /// Front matter that is YAML but not a map of keys.
    FrontMatterNotAMap = "front-matter-not-a-map",
    /// A front-matter key whose value has the wrong type.
    WrongType = "wrong-type",
    /// No `title`.
    MissingTitle = "missing-title",
    /// A blank `title`.
    EmptyTitle = "empty-title",
    /// A `slug` (or file or folder name) that leaves no letter or digit.
    EmptySlug = "empty-slug",
    /// A `slug` that is not a URL slug (`../../evil`): published under the
    /// slug made of it, with a warning.
    BadSlug = "bad-slug",
    /// A write-up without `date`.
    MissingDate = "missing-date",
    /// A `date` or `updated` that does not parse or does not exist.
    BadDate = "bad-date",
    /// A `severity` outside low, medium, high.
    UnknownSeverity = "unknown-severity",
    /// A write-up without `lesson` (a warning).
    MissingLesson = "missing-lesson",
    /// A strategy slug that growthsite.yaml does not list (a warning
    /// that `check` and `build --strict` make an error).
    UnknownStrategy = "unknown-strategy",
    /// A front-matter key close to a known one, such as `lesosn` (a
    /// warning: other keys reach templates as `page.extra`).
    MisspelledKey = "misspelled-key",
    /// A `goals` entry that is not a goal: its shape, an unknown key, an
    /// empty text, a bad `by` or `done`, or `done` before the write-up.
    BadGoal = "bad-goal",
    /// A `revisits` entry that is not a revisit: its shape, an unknown
    /// key, no or a bad `date`, no `outcome`, a `date` before the write-up.
    BadRevisit = "bad-revisit",
    /// A revisit `outcome` outside stuck, slipped, changed.
    UnknownOutcome = "unknown-outcome",
    /// A `repeats` entry that is not an `@/` link to another write-up.
    BadRepeat = "bad-repeat",

    // Where documents are published.
    /// Two documents publish to one URL.
    DuplicatePath = "duplicate-path",
    /// A plain page takes a URL growthsite generates.
    ReservedPath = "reserved-path",
    /// An alias that cannot be a redirect page (a full URL, `..`, the home page).
    BadAlias = "bad-alias",
    /// An alias at the URL of a page the site publishes, or of another alias.
    AliasCollision = "alias-collision",
    /// A page-bundle file has the path of a static file (a warning).
    BundleOverridesStatic = "bundle-overrides-static",

    /// Liquid or a Hugo shortcode left in a body (a warning): growthsite
    /// runs neither.
    GeneratorLeftover = "generator-leftover",

    // Links.
    /// An `@/` link to a content file that does not exist.
    UnknownPage = "unknown-page",
    /// A link or image that leads to nothing the site publishes.
    BrokenLink = "broken-link",
    /// A link whose `#fragment` names no element of its page.
    BrokenAnchor = "broken-anchor",
    /// A link that leaves the site's base path.
    LinkOutsideBase = "link-outside-base",
    /// A relative link on 404.html, which is served at every missing URL.
    RelativeLinkOn404 = "relative-link-on-404",

    // Images.
    /// An image without alt text.
    MissingAlt = "missing-alt",
    /// A local image that cannot be read, decoded or resized.
    BadImage = "bad-image",

    // Templates.
    /// A template that does not parse.
    TemplateSyntax = "template-syntax",
    /// A template that fails while rendering a page.
    TemplateError = "template-error",
    /// A template a page needs is missing.
    MissingTemplate = "missing-template",
    /// `{% extends %}` names a template that does not exist.
    MissingParentTemplate = "missing-parent-template",
}

impl Kind {
    /// Whether `check` reports a warning of this kind as an error (SPEC:
    /// an unknown strategy "check and build --strict treat as an error";
    /// a link that leads nowhere fails `check`). `build --strict` makes
    /// every warning an error.
    pub fn fails_check(self) -> bool {
        matches!(
            self,
            Kind::UnknownStrategy
                | Kind::BrokenLink
                | Kind::BrokenAnchor
                | Kind::LinkOutsideBase
                | Kind::RelativeLinkOn404
        )
    }
}

impl std::fmt::Display for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.code())
    }
}

impl serde::Serialize for Kind {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.code())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_lower_case_words() {
        let mut seen = std::collections::HashSet::new();
        for kind in Kind::ALL {
            let code = kind.code();
            assert!(seen.insert(code), "{code} twice");
            assert!(
                code.split('-').all(|w| !w.is_empty()
                    && w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit())),
                "{code}"
            );
        }
    }

    #[test]
    fn every_code_is_documented() {
        let docs = include_str!("../../docs/diagnostics.md");
        for kind in Kind::ALL {
            assert!(
                docs.contains(&format!("`{}`", kind.code())),
                "docs/diagnostics.md does not document `{}`",
                kind.code()
            );
        }
    }
}
