//! The Atom feeds as a feed reader reads them: parsed as XML, each entry's
//! HTML is the write-up's, without the page-only markup.

use crate::support::Site;

const WRITEUP: &str = "---\ntitle: Shipped on a Friday\ndate: 2026-01-15\n\
strategies: [reflect]\nlesson: Ship on Tuesdays.\n---\n\
A first paragraph with a [link](@/mistakes/other.md) and <b title=\"x]]>y\">raw HTML</b>.\n\n\
## What happened\n\n\
```rust\nfn ship() -> bool { true }\n```\n";

#[test]
fn a_build_writes_feed_html_as_cdata_without_heading_anchors_or_code_classes() {
    let site = Site::with_config()
        .file("content/mistakes/friday.md", WRITEUP)
        .file(
            "content/mistakes/other.md",
            crate::support::writeup("Another one"),
        );
    site.run(&["build"]).assert_success();
    for feed in ["atom.xml", "strategies/reflect/atom.xml"] {
        let xml = site.read(&format!("public/{feed}"));
        let doc = roxmltree::Document::parse(&xml).unwrap_or_else(|e| panic!("{feed}: {e}\n{xml}"));
        let entry = doc
            .descendants()
            .filter(|n| n.has_tag_name("entry"))
            .find(|e| {
                e.descendants()
                    .any(|n| n.has_tag_name("title") && n.text() == Some("Shipped on a Friday"))
            })
            .unwrap_or_else(|| panic!("{feed}: no entry\n{xml}"));
        let text = |name: &str| -> String {
            let node = entry.children().find(|n| n.has_tag_name(name)).expect(name);
            node.children().filter_map(|c| c.text()).collect()
        };
        let content = text("content");
        // The page's heading, code and link are all there, as HTML...
        for part in [
            "<p><strong>Lesson:</strong> Ship on Tuesdays.</p>",
            "<h2 id=\"what-happened\">What happened</h2>",
            "<b title=\"x]]>y\">raw HTML</b>",
            "<code class=\"language-rust\">fn ship() -&gt; bool { true }\n</code>",
            "href=\"https://example.com/mistakes/other/\"",
        ] {
            assert!(content.contains(part), "{feed}: {part} in {content}");
        }
        // ...without what only the page's stylesheet gives a use to.
        assert!(!content.contains("class=\"anchor\""), "{feed}: {content}");
        assert!(!content.contains("<span"), "{feed}: {content}");
        assert!(text("summary").contains("x]]>y"), "{feed}");
        // Unescaped: the HTML is in CDATA sections (the `]]>` split in two).
        assert!(xml.contains("<![CDATA[<p>"), "{feed}: {xml}");
    }
}
