//! Whole sites, fuzzed in process: a valid config and write-ups whose
//! front matter and Markdown are generated, built in memory through every
//! stage (parse, assemble, render), so that a panic in taxonomy, pagination,
//! feeds or templates is found too.

use std::collections::BTreeSet;

use growthsite::options::Options;
use growthsite::pipeline::build_site;
use proptest::prelude::*;

use super::config;
use super::markdown::document;
use super::parse::{date_text, yaml_value};
use crate::support::Site;

/// A write-up that is valid apart from the generated parts.
fn writeup() -> impl Strategy<Value = (String, String)> {
    let name = prop::sample::select(vec!["a", "b", "2026-01-01-c", "Über", "a-1", "x/index"]);
    let title = prop_oneof![3 => "[A-Za-z ]{1,12}", 1 => yaml_value()];
    let strategies = prop::sample::select(vec![
        "[reflect]",
        "[acknowledge, reflect]",
        "[reflct]",
        "[]",
    ]);
    let extra = prop::collection::vec(
        (
            prop::sample::select(vec![
                "summary", "updated", "slug", "severity", "faq", "draft", "lesson", "tags",
            ]),
            yaml_value(),
        )
            .prop_map(|(k, v)| format!("{k}: {v}\n")),
        0..3,
    );
    (name, title, date_text(), strategies, extra, document()).prop_map(
        |(name, title, date, strategies, extra, body)| {
            let text = format!(
                "---\ntitle: {title}\ndate: {date}\nstrategies: {strategies}\nlesson: Learn.\n{}---\n{body}",
                extra.concat()
            );
            (format!("content/mistakes/{name}.md"), text)
        },
    )
}

proptest! {
    #![proptest_config(config(16))]

    #[test]
    fn whole_sites_never_panic_and_publish_clean_paths(
        writeups in prop::collection::vec(writeup(), 1..5),
        paginate_by in 1usize..4,
        about in document(),
    ) {
        let mut site = Site::with_config()
            .file("content/about.md", format!("---\ntitle: About\n---\n{about}"));
        let config = site.read("growthsite.yaml");
        site.write("growthsite.yaml", format!("{config}paginate_by: {paginate_by}\n"));
        for (path, text) in writeups {
            site = site.file(&path, text);
        }
        let built = build_site(&Options::for_root(site.root()));
        let built = match built {
            Ok(built) => built,
            Err(error) => return Err(TestCaseError::fail(format!("{error}"))),
        };
        if !built.succeeded() {
            prop_assert!(built.diagnostics.has_errors());
            return Ok(());
        }
        let mut paths = BTreeSet::new();
        for file in &built.outputs {
            let path = file.path.as_str();
            prop_assert!(
                !path.starts_with('/') && !path.contains("//") && !path.split('/').any(|s| s == ".." || s == "."),
                "output path {path:?}"
            );
            prop_assert!(paths.insert(path.to_string()), "{path} written twice");
        }
        prop_assert!(paths.contains("index.html"));
    }
}
