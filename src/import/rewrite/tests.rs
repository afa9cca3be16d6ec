use super::*;

/// For the rewriters' tests: a table of links, as `links` in a `Context`.
pub(crate) fn links_of(pairs: &[(&str, &str)]) -> HashMap<String, String> {
    pairs
        .iter()
        .map(|(name, path)| (name.to_string(), path.to_string()))
        .collect()
}

impl<'a> Context<'a> {
    /// For tests: `doc_key` of a site at `https://example.com/` that knows
    /// `links`, with no site values, includes or bundle files.
    pub(crate) fn for_test(links: &'a HashMap<String, String>, doc_key: &'a str) -> Self {
        static NONE: std::collections::BTreeMap<String, String> = std::collections::BTreeMap::new();
        Context {
            links,
            doc_key,
            base_path: "",
            origin: "https://example.com",
            site_values: &NONE,
            includes: &NONE,
            depth: 0,
            resources: &[],
        }
    }
}

#[test]
fn link_keys_ignore_extensions_and_index() {
    for (name, key) in [
        ("/blog/x/index.md", "blog/x"),
        ("_posts/2019-01-01-a.markdown", "_posts/2019-01-01-a"),
        ("about/", "about"),
    ] {
        assert_eq!(link_key(name), key, "{name}");
    }
}

#[test]
fn links_resolve_relative_then_from_the_root_then_by_name() {
    let links = links_of(&[
        ("blog/2021/a", "mistakes/a.md"),
        ("b", "mistakes/b/index.md"),
    ]);
    let ctx = Context::for_test(&links, "blog/2021/c/index.md");
    assert_eq!(ctx.link_to("../a.md").as_deref(), Some("@/mistakes/a.md"));
    assert_eq!(
        ctx.link_to("/blog/2021/a#x").as_deref(),
        Some("@/mistakes/a.md#x")
    );
    assert_eq!(
        ctx.link_to("posts/b.md").as_deref(),
        Some("@/mistakes/b/index.md")
    );
    assert_eq!(ctx.link_to("nothing"), None);
}

#[test]
fn plain_text_drops_markup() {
    assert_eq!(
        plain_text("Photo by [Ann](https://a.b) *here*"),
        "Photo by Ann here"
    );
}
