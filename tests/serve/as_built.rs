//! serve's pages against `build`'s output after edits of every kind.

use std::path::Path;

use crate::support::Site;

use super::Preview;
use super::client::find;

/// After edits of every kind, each file serve shows (its script removed)
/// is the file `build` writes for the same base URL, and no file is missing
/// or extra: the incremental rebuilds miss nothing.
#[test]
fn served_pages_equal_the_build_after_edits() {
    let site = Site::example();
    let mut preview = Preview::start(&site, &[]);
    let mut events = preview.events();
    // The move first: it rebuilds everything. Then edits the fast path
    // takes, each patching the last build.
    let path = "content/mistakes/2026-04-28-no-rollback-migration/index.md";
    let edits: [(&str, &str, &str); 8] = [
        ("date: 2026-04-28", "date: 2026-04-29", "the date"),
        ("## What happened", "## What happened first", "a heading"),
        (
            "We wanted to split",
            "We had wanted to split",
            "the summary",
        ),
        (
            "title: Shipped a schema migration with no rollback",
            "title: Shipped a migration",
            "the title",
        ),
        (
            "lesson: Write and test the rollback",
            "lesson: Always write the rollback",
            "the lesson",
        ),
        (
            "Isn't rolling forward a valid strategy?",
            "Is rolling forward fine?",
            "a question",
        ),
        ("severity: high", "severity: low", "the severity"),
        (
            "severity: low",
            "severity: low\nupdated: 2026-06-01",
            "the updated date",
        ),
    ];
    for (from, to, what) in edits {
        let text = site.read(path);
        assert!(text.contains(from), "{what}");
        preview.edit(|| site.write(path, text.replacen(from, to, 1)));
        events.expect("reload");
        let line = preview.wait_for_line("rebuilt ");
        let everything = line.starts_with("rebuilt everything");
        assert_eq!(everything, what == "the date", "{what}: {line}");
    }
    // Two files in one save (a search and replace across files), and the
    // plain pages.
    let other = "content/mistakes/2025-05-06-harsh-code-review.md";
    preview.edit(|| {
        let text = site.read(other);
        site.write(
            other,
            text.replacen("severity: medium", "severity: high", 1),
        );
        let text = site.read(path);
        site.write(path, format!("{text}\nA closing line.\n"));
    });
    events.expect("reload");
    let line = preview.wait_for_line("rebuilt ");
    assert!(line.contains("(2 write-ups, "), "{line}");
    for page in ["content/about.md", "content/faq.md"] {
        let text = site.read(page);
        preview.edit(|| site.write(page, format!("{text}\nOne more line.\n")));
        events.expect("reload");
        let line = preview.wait_for_line("rebuilt ");
        assert!(
            line.starts_with(&format!("rebuilt {page} (1 page, ")),
            "{line}"
        );
    }

    // Every file but the output folder's ownership marker.
    assert_served_as_built(&site, &preview, |rel| !rel.starts_with('.'));
}

/// Builds the site for the preview's base URL (with drafts and future
/// write-ups, as serve shows them) and asserts that every file `keep`
/// selects is served, byte for byte (the live script removed).
pub fn assert_served_as_built(site: &Site, preview: &Preview, keep: impl Fn(&str) -> bool) {
    let out = site.scratch("built");
    let _ = std::fs::remove_dir_all(&out);
    let out_arg = out.to_string_lossy().into_owned();
    let base_url = format!("--base-url={}", preview.url);
    site.run(&[
        "build", "--quiet", "--drafts", "--future", "-o", &out_arg, &base_url,
    ])
    .assert_success();
    // Social cards show where the site is published, never the preview's
    // address: serve's are those of a build at the config's base_url.
    let published = site.scratch("published");
    let _ = std::fs::remove_dir_all(&published);
    let published_arg = published.to_string_lossy().into_owned();
    site.run(&[
        "build",
        "--quiet",
        "--drafts",
        "--future",
        "-o",
        &published_arg,
    ])
    .assert_success();
    let mut built_paths = Vec::new();
    collect_files(&out, &out, &mut built_paths);
    let chosen: Vec<&String> = built_paths.iter().filter(|p| keep(p)).collect();
    assert!(!chosen.is_empty(), "no file chosen among {built_paths:?}");
    for rel in chosen {
        let reply = preview.get(rel);
        assert_eq!(reply.status, 200, "{rel}");
        let from = if rel.ends_with("/card.png") {
            &published
        } else {
            &out
        };
        let built = std::fs::read(from.join(rel)).unwrap();
        assert!(
            strip_live_script(&reply.body) == built,
            "{rel} differs from the build"
        );
    }
}

/// Every file under `dir`, as paths relative to `base`.
pub fn collect_files(base: &Path, dir: &Path, found: &mut Vec<String>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            collect_files(base, &path, found);
        } else {
            let rel = path.strip_prefix(base).unwrap();
            found.push(rel.to_string_lossy().replace('\\', "/"));
        }
    }
}

/// A served page without the live-reload script serve adds.
pub fn strip_live_script(body: &[u8]) -> Vec<u8> {
    let start = b"<script id=\"growthsite-live\">";
    let Some(at) = find(body, start) else {
        return body.to_vec();
    };
    let end = at + find(&body[at..], b"</script>\n").unwrap() + b"</script>\n".len();
    [&body[..at], &body[end..]].concat()
}
