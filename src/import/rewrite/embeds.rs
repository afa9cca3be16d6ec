//! Embedded videos, posts and gists (Jekyll plugins' and Hugo's
//! shortcodes) -> a link to them, their Markdown equivalent.

use super::Args;

/// A link standing for an embed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Embed {
    /// The link's text: `Video on YouTube`.
    pub label: String,
    /// Where it leads.
    pub url: String,
    /// What was embedded, for the note: `a video`.
    pub what: &'static str,
}

/// The link for a tag named `name`, when it is an embed.
pub fn embed_link(name: &str, args: &Args) -> Option<Embed> {
    let id = || args.get_or_at("id", 0).unwrap_or("").to_string();
    let titled = |default: &str| args.get("title").unwrap_or(default).to_string();
    let (label, url, what) = match name {
        "youtube" => (
            titled("Video on YouTube"),
            format!("https://www.youtube.com/watch?v={}", id()),
            "a video",
        ),
        "vimeo" => (
            titled("Video on Vimeo"),
            format!("https://vimeo.com/{}", id()),
            "a video",
        ),
        "tweet" | "x" | "twitter" => {
            let last = args.positional.len().saturating_sub(1);
            let id = args.get_or_at("id", last).unwrap_or("");
            let user = args
                .get("user")
                .or_else(|| (args.positional.len() > 1).then(|| args.at(0)).flatten());
            let url = match user {
                Some(user) => format!("https://x.com/{user}/status/{id}"),
                None => format!("https://x.com/i/status/{id}"),
            };
            ("Post on X".to_string(), url, "a post")
        }
        "gist" => {
            // Hugo: `gist user id`; Jekyll: `gist user/id` or `gist id`.
            let path = match (args.get_or_at("user", 0), args.get_or_at("id", 1)) {
                (Some(user), Some(id)) => format!("{user}/{id}"),
                (Some(one), None) => one.to_string(),
                _ => String::new(),
            };
            let id = path.rsplit('/').next().unwrap_or("").to_string();
            (
                format!("Gist {id}"),
                format!("https://gist.github.com/{path}"),
                "a gist",
            )
        }
        "instagram" => (
            "Post on Instagram".to_string(),
            format!("https://www.instagram.com/p/{}/", id()),
            "a post",
        ),
        _ => return None,
    };
    Some(Embed { label, url, what })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embeds_become_links() {
        for (name, args, url) in [
            (
                "youtube",
                "abc",
                Some("https://www.youtube.com/watch?v=abc"),
            ),
            (
                "tweet",
                "user=\"a\" id=\"1\"",
                Some("https://x.com/a/status/1"),
            ),
            ("tweet", "1", Some("https://x.com/i/status/1")),
            (
                "gist",
                "alice 12ab",
                Some("https://gist.github.com/alice/12ab"),
            ),
            (
                "gist",
                "alice/12ab",
                Some("https://gist.github.com/alice/12ab"),
            ),
            ("figure", "a.png", None),
        ] {
            let found = embed_link(name, &Args::parse(args)).map(|e| e.url);
            assert_eq!(found.as_deref(), url, "{name} {args}");
        }
    }
}
