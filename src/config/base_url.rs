//! `base_url:` in growthsite.yaml (or `--base-url`) -> whether every page,
//! feed and sitemap can carry it as it is written.

use url::Url;

use super::base_path_of;

/// Characters that a URL parser would percent-encode or drop, or that
/// would need escaping in HTML and XML: a base URL holding one would reach
/// `atom.xml` and the sitemap as it is and break them.
const UNSAFE: &str = "\"'<>\\^`{|}&";

/// Accepts an absolute http(s) URL, ending with `/`, as the `url` crate
/// (the WHATWG rules browsers follow) parses it: with a host, without user,
/// query or fragment, and with the path written as the parser writes it
/// (no `..`, no character that it would percent-encode). Returns what is
/// wrong as a phrase that follows the value otherwise.
pub fn check_base_url_syntax(base_url: &str) -> Result<(), String> {
    let shown = base_url.escape_debug();
    let url = Url::parse(base_url).map_err(|e| match e {
        url::ParseError::RelativeUrlWithoutBase => {
            format!("`{shown}` is not an absolute http(s) URL")
        }
        e => format!("`{shown}` is not a valid URL: {e}"),
    })?;
    if !matches!(url.scheme(), "http" | "https") {
        return Err(format!("`{shown}` is not an http(s) URL"));
    }
    if url.host_str().is_none_or(str::is_empty) {
        return Err(format!("`{shown}` has no host"));
    }
    if let Some(c) = base_url
        .chars()
        .find(|c| c.is_whitespace() || c.is_control() || UNSAFE.contains(*c))
    {
        return Err(format!(
            "`{shown}` has `{}` in it, which a URL cannot carry as it is",
            c.escape_debug()
        ));
    }
    if !url.username().is_empty() || url.password().is_some() {
        return Err(format!("`{shown}` has a user name in it"));
    }
    if url.query().is_some() || url.fragment().is_some() {
        return Err(format!("`{shown}` has a query or a fragment (`?`, `#`)"));
    }
    if url.path() != base_path_of(base_url) {
        return Err(format!(
            "`{shown}` has a path that browsers read as `{}`",
            url.path()
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn published_addresses_are_accepted() {
        for good in [
            "https://alice.github.io/growth/",
            "https://example.com/",
            "http://127.0.0.1:1111/",
            "https://blog.example.org:8443/a/b-c/",
            "https://Alice.GitHub.io/Growth/",
            "http://[::1]:8080/",
            "https://example.com/%7Ealice/",
        ] {
            assert_eq!(check_base_url_syntax(good), Ok(()), "{good}");
        }
    }

    #[test]
    fn what_a_page_cannot_carry_is_refused() {
        for (bad, why) in [
            ("https://example.com/\"><script>/", "has `\\\"` in it"),
            ("https://exa mple.com/", "is not a valid URL"),
            ("https://example.com/a b/", "has ` ` in it"),
            ("https://example.com/a\tb/", "has `\\t` in it"),
            ("https://example.com/a&b/", "has `&` in it"),
            ("/growth/", "is not an absolute http(s) URL"),
            ("ftp://example.com/", "is not an http(s) URL"),
            ("https:///", "is not a valid URL"),
            ("https://me:pw@example.com/", "has a user name"),
            ("https://example.com/?x=1/", "has a query"),
            ("https://example.com/#top/", "has a query or a fragment"),
            ("https://example.com/a/../", "browsers read as `/`"),
            (
                "https://example.com/bl\u{f6}g/",
                "browsers read as `/bl%C3%B6g/`",
            ),
        ] {
            let message = check_base_url_syntax(bad).expect_err(bad);
            assert!(message.contains(why), "{bad}: {message}");
        }
    }
}
