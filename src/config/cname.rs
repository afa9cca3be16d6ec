//! `cname:` in growthsite.yaml -> whether it is a host name that GitHub
//! Pages can serve, since deploy writes it verbatim as the `CNAME` file.

/// What is wrong with a custom domain, and how to write it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CnameProblem {
    /// What is wrong, as a phrase that follows the value.
    pub message: String,
    /// The fix: the host name the value holds, when one can be found in it.
    pub hint: String,
}

/// Accepts ASCII host names made of letter-digit-hyphen labels (RFC 1123):
/// at least two labels, each 1 to 63 characters that neither start nor
/// end with `-`, 253 characters in all, and not an IP address. An
/// international domain is written in its `xn--` form.
pub fn check_cname(value: &str) -> Result<(), CnameProblem> {
    let Some(message) = problem(value) else {
        return Ok(());
    };
    let hint = match host_in(value).filter(|host| problem(host).is_none()) {
        Some(host) if host != value => format!("write `cname: {host}`"),
        _ => "write the bare domain name, such as `cname: blog.example.org`".to_string(),
    };
    Err(CnameProblem { message, hint })
}

fn problem(value: &str) -> Option<String> {
    if value.is_empty() {
        return Some("is empty (remove the `cname` line for no custom domain)".into());
    }
    if value.chars().any(|c| c.is_whitespace() || c.is_control()) {
        return Some("contains a space or a line break".into());
    }
    if value.contains("://") {
        return Some("has a scheme; CNAME holds a host name only".into());
    }
    for (c, what) in [('/', "a path"), ('@', "a user name"), (':', "a port")] {
        if value.contains(c) {
            return Some(format!("has {what}; CNAME holds a host name only"));
        }
    }
    if !value.is_ascii() {
        return Some("is not ASCII; write an international domain in its `xn--` form".into());
    }
    if value.len() > 253 {
        return Some(format!(
            "is {} characters long; a host name has at most 253",
            value.len()
        ));
    }
    if value.ends_with('.') {
        return Some("ends with a dot".into());
    }
    let labels: Vec<&str> = value.split('.').collect();
    for label in &labels {
        if let Some(problem) = label_problem(label) {
            return Some(problem);
        }
    }
    if labels.len() < 2 {
        return Some("is not a domain name: a custom domain has a dot".into());
    }
    if labels.iter().all(|l| l.bytes().all(|b| b.is_ascii_digit())) {
        return Some("is an IP address; GitHub Pages serves a domain name".into());
    }
    None
}

fn label_problem(label: &str) -> Option<String> {
    if label.is_empty() {
        return Some("has an empty label (two dots in a row, or a leading dot)".into());
    }
    if label.len() > 63 {
        return Some(format!(
            "has a label of {} characters; a label has at most 63",
            label.len()
        ));
    }
    if let Some(c) = label
        .chars()
        .find(|c| !c.is_ascii_alphanumeric() && *c != '-')
    {
        return Some(format!("has `{c}`, which a host name cannot hold"));
    }
    if label.starts_with('-') || label.ends_with('-') {
        return Some(format!(
            "has the label `{label}`, which starts or ends with `-`"
        ));
    }
    None
}

/// The host of a value written as a URL (`https://blog.example.org/`),
/// with a port or with spaces around it.
fn host_in(value: &str) -> Option<&str> {
    let value = value.trim();
    let rest = value.split_once("://").map_or(value, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next()?;
    let host = authority.rsplit_once('@').map_or(authority, |(_, h)| h);
    let host = host.split(':').next()?.trim_end_matches('.');
    (!host.is_empty()).then_some(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn accepts_host_names() {
        for good in [
            "blog.example.org",
            "www.alice.dev",
            "Alice.GitHub.io",
            "xn--bcher-kva.example",
            "a-b.c0.io",
            "1password.com",
        ] {
            assert_eq!(check_cname(good), Ok(()), "{good}");
        }
        let longest = format!("{}.io", vec!["a".repeat(63); 3].join("."));
        assert!(check_cname(&longest).is_ok());
    }

    #[test]
    fn refuses_what_is_not_a_host_name_and_finds_the_host_in_it() {
        for (bad, hint) in [
            ("https://blog.example.org/", "`cname: blog.example.org`"),
            ("blog.example.org/about", "`cname: blog.example.org`"),
            ("blog.example.org:8080", "`cname: blog.example.org`"),
            ("blog.example.org\nevil", "such as"),
            (" blog.example.org", "`cname: blog.example.org`"),
            ("blog.example.org.", "`cname: blog.example.org`"),
            ("blog..example.org", "such as"),
            ("-blog.example.org", "such as"),
            ("blog_1.example.org", "such as"),
            ("bücher.example", "such as"),
            ("localhost", "such as"),
            ("192.168.0.1", "such as"),
            ("", "such as"),
        ] {
            let problem = check_cname(bad).expect_err(bad);
            assert!(problem.hint.contains(hint), "{bad}: {problem:?}");
        }
        let long_label = format!("{}.io", "a".repeat(64));
        assert!(check_cname(&long_label).unwrap_err().message.contains("63"));
        let too_long = format!("{}.io", vec!["a".repeat(63); 4].join("."));
        assert!(check_cname(&too_long).unwrap_err().message.contains("253"));
    }
}
