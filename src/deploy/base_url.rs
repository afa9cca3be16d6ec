//! A base_url -> whether a site can be published at it.

/// Refuses a base_url that cannot be where the site is published: empty,
/// this computer, or a name reserved for examples (RFC 2606 and 6761), such
/// as the `https://example.com/` that `init` writes as a placeholder.
pub fn check_published_address(base_url: &str) -> std::result::Result<(), String> {
    let hint = "set base_url in growthsite.yaml to the address the site is published at, such as https://you.github.io/blog/";
    let after_scheme = base_url.split_once("://").map_or("", |(_, rest)| rest);
    let authority = after_scheme.split('/').next().unwrap_or("");
    let host_port = authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host);
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next().unwrap_or("")
    } else {
        host_port.split(':').next().unwrap_or("")
    }
    .trim_end_matches('.')
    .to_ascii_lowercase();
    if host.is_empty() {
        return Err(format!(
            "base_url `{base_url}` has no host: deploy needs the published address ({hint})"
        ));
    }
    let local = host == "localhost"
        || host.ends_with(".localhost")
        || host.starts_with("127.")
        || host == "0.0.0.0"
        || host == "[::1]"
        || host == "[::]";
    if local {
        return Err(format!(
            "base_url `{base_url}` points at this computer, so every link of the published site would too ({hint})"
        ));
    }
    let reserved = ["example.com", "example.net", "example.org"]
        .iter()
        .any(|name| host == *name || host.ends_with(&format!(".{name}")))
        || ["example", "test", "invalid", "local"]
            .iter()
            .any(|tld| host == *tld || host.ends_with(&format!(".{tld}")));
    if reserved {
        return Err(format!(
            "base_url `{base_url}` is a placeholder, not a published address ({hint})"
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_must_be_a_published_address() {
        assert!(check_published_address("https://alice.github.io/growth/").is_ok());
        assert!(check_published_address("https://blog.alice.dev/").is_ok());
        for bad in [
            "",
            "/",
            "https:///growth/",
            "http://localhost:1111/",
            "http://127.0.0.1/",
            "http://[::1]:8080/",
            "http://preview.localhost/",
            "https://example.com/",
            "https://www.example.org/blog/",
            "https://blog.test/",
        ] {
            assert!(check_published_address(bad).is_err(), "{bad}");
        }
        assert!(
            check_published_address("https://example.com/")
                .unwrap_err()
                .contains("placeholder")
        );
        assert!(
            check_published_address("http://localhost/")
                .unwrap_err()
                .contains("this computer")
        );
    }
}
