//! URLs of the site, pure: a URL found in a page -> the published file it
//! names, resolved as a browser resolves it on a site served under a base
//! path; percent-decoding; dot segments. The link check, aliases, `@/`
//! links and import all resolve URLs here.

use std::collections::HashSet;

/// Where a URL found in a page leads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Resolved {
    /// Another site, or a scheme such as `mailto:`; not checked.
    External,
    /// An `@/` link the build could not resolve (it already reported it).
    Unresolved,
    /// A path on this host outside the site's base path.
    Outside(String),
    /// A path of this site: relative to the output root, percent-decoded,
    /// without query; and the decoded fragment, if any.
    Internal {
        /// `mistakes/x/`, `style.css`, `` for the home page.
        path: String,
        /// `what-happened` for `#what-happened`.
        fragment: Option<String>,
    },
}

/// Resolves `url` as a browser would on the page at `page_dir` (the URL
/// path of its folder, `/growth/mistakes/x/`), for a site published at
/// `base_url` (ending in `/`), whose path is `base_path`.
pub fn resolve_url(url: &str, page_dir: &str, base_url: &str, base_path: &str) -> Resolved {
    let url = url.trim();
    if url.starts_with("@/") {
        return Resolved::Unresolved;
    }
    let (url, fragment) = match url.split_once('#') {
        Some((url, fragment)) => (url, Some(percent_decode(fragment))),
        None => (url, None),
    };
    let url = url.split_once('?').map_or(url, |(path, _)| path);
    let path = if let Some(rest) = under_site_url(url, base_url) {
        format!(
            "{}{}",
            base_path.trim_end_matches('/'),
            if rest.is_empty() { "/" } else { rest }
        )
    } else if url.starts_with("//") || has_scheme(url) {
        return Resolved::External;
    } else if url.starts_with('/') {
        url.to_string()
    } else {
        format!("{page_dir}{url}")
    };
    let path = remove_dot_segments(&path);
    let base_dir = base_path.trim_end_matches('/');
    match path.strip_prefix(base_path) {
        Some(rest) => Resolved::Internal {
            path: percent_decode(rest),
            fragment,
        },
        None if path == base_dir => Resolved::Internal {
            path: String::new(),
            fragment,
        },
        None => Resolved::Outside(path),
    }
}

/// Whether `url` leads to another site (or a scheme such as `mailto:`):
/// [`resolve_url`] would say [`Resolved::External`].
pub fn is_external(url: &str, base_url: &str) -> bool {
    let url = url.trim();
    under_site_url(url, base_url).is_none() && (url.starts_with("//") || has_scheme(url))
}

/// The rest of `url` after the site's own URL (`base_url` without its
/// final `/`), when it starts with it.
fn under_site_url<'a>(url: &'a str, base_url: &str) -> Option<&'a str> {
    url.strip_prefix(base_url.trim_end_matches('/'))
        .filter(|rest| rest.is_empty() || rest.starts_with(['/', '?', '#']))
}

fn has_scheme(url: &str) -> bool {
    url.split_once(':').is_some_and(|(scheme, _)| {
        scheme.starts_with(|c: char| c.is_ascii_alphabetic())
            && scheme
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
    })
}

/// `/a/b/../c/./d` -> `/a/c/d`, keeping a trailing `/`; `..` never climbs
/// above the root.
pub fn remove_dot_segments(path: &str) -> String {
    let mut out: Vec<&str> = Vec::new();
    let segments: Vec<&str> = path.trim_start_matches('/').split('/').collect();
    let ends_in_folder = matches!(segments.last(), Some(&"" | &"." | &".."));
    for segment in segments {
        match segment {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            other => out.push(other),
        }
    }
    let mut joined = format!("/{}", out.join("/"));
    if ends_in_folder && !joined.ends_with('/') {
        joined.push('/');
    }
    joined
}

/// `%20` -> ` `; invalid escapes are kept as written.
pub fn percent_decode(text: &str) -> String {
    percent_encoding::percent_decode_str(text)
        .decode_utf8_lossy()
        .into_owned()
}

/// The published file a site path names: `x/` and `` name `x/index.html`
/// and `index.html`; `x` names the file `x`, or the folder `x/` (GitHub
/// Pages redirects it).
pub fn published_file(path: &str, files: &HashSet<String>) -> Option<String> {
    if path.is_empty() || path.ends_with('/') {
        let index = format!("{path}index.html");
        return files.contains(index.as_str()).then_some(index);
    }
    if files.contains(path) {
        return Some(path.to_string());
    }
    let index = format!("{path}/index.html");
    files.contains(index.as_str()).then_some(index)
}

#[cfg(test)]
mod tests {
    use super::*;

    const BASE: &str = "https://alice.github.io/growth/";

    fn internal(path: &str, fragment: Option<&str>) -> Resolved {
        Resolved::Internal {
            path: path.into(),
            fragment: fragment.map(Into::into),
        }
    }

    #[test]
    fn resolves_urls_like_a_browser_under_a_sub_path() {
        let dir = "/growth/mistakes/x/";
        let r = |url| resolve_url(url, dir, BASE, "/growth/");
        assert_eq!(r("/growth/lessons/#a-b"), internal("lessons/", Some("a-b")));
        assert_eq!(
            r("https://alice.github.io/growth/atom.xml"),
            internal("atom.xml", None)
        );
        assert_eq!(r("https://alice.github.io/growth"), internal("", None));
        assert_eq!(r("timeline.svg"), internal("mistakes/x/timeline.svg", None));
        assert_eq!(r("../../faq/?q=1"), internal("faq/", None));
        assert_eq!(r("/growth/style.css?v=1a2b"), internal("style.css", None));
        assert_eq!(r("/growth/my%20file.pdf"), internal("my file.pdf", None));
        assert_eq!(r("/about/"), Resolved::Outside("/about/".into()));
        assert_eq!(r("../../../x/"), Resolved::Outside("/x/".into()));
        assert_eq!(r("https://alice.github.io/growthy/"), Resolved::External);
        assert_eq!(r("mailto:a@b.c"), Resolved::External);
        assert_eq!(r("//cdn.example.org/x.js"), Resolved::External);
        assert_eq!(r("@/mistakes/gone.md"), Resolved::Unresolved);
    }

    #[test]
    fn external_means_another_site_or_scheme() {
        assert!(is_external("https://other.org/x", BASE));
        assert!(is_external("//cdn.example/x.js", BASE));
        assert!(is_external("mailto:a@b.c", BASE));
        assert!(!is_external("https://alice.github.io/growth/x/", BASE));
        assert!(!is_external("https://alice.github.io/growth#top", BASE));
        assert!(!is_external("/growth/x/", BASE));
        assert!(!is_external("x.png", BASE));
    }

    #[test]
    fn finds_published_files_as_github_pages_serves_them() {
        let files: HashSet<String> = ["index.html", "about/index.html", "style.css"]
            .into_iter()
            .map(String::from)
            .collect();
        assert_eq!(published_file("", &files).as_deref(), Some("index.html"));
        assert_eq!(
            published_file("about/", &files).as_deref(),
            Some("about/index.html")
        );
        assert_eq!(
            published_file("about", &files).as_deref(),
            Some("about/index.html")
        );
        assert_eq!(
            published_file("style.css", &files).as_deref(),
            Some("style.css")
        );
        assert_eq!(published_file("nope/", &files), None);
    }

    #[test]
    fn percent_decoding_keeps_invalid_escapes() {
        assert_eq!(percent_decode("a%20b%C3%A9%zz%"), "a bé%zz%");
    }
}
