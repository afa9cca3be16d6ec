use super::*;

fn urls(new_base: &str) -> OldUrls {
    let mut urls = OldUrls::new(
        vec!["https://old.blog".into()],
        Some("https://old.blog/blog".into()),
        "/blog",
        new_base,
    );
    urls.insert_doc("/2019/03/14/x.html", "mistakes/x.md");
    urls.insert_doc("/posts/y/", "mistakes/y/index.md");
    urls.insert_file("img/a.png");
    urls.insert_term("/tags/go/", "golang");
    urls
}

#[test]
fn old_urls_become_source_links() {
    let text = "[a](/blog/2019/03/14/x.html#fix) [b](https://old.blog/blog/posts/y/index.html#fn:2)\n\
                [c](../../posts/y/) ![i](pic.png) [d](/elsewhere/) [e][ref]\n\n[ref]: /blog/2019/03/14/x/\n";
    let (text, notes) = rewrite_old_links(text, &urls("/blog"), Some("/posts/z/"));
    assert_eq!(
        text,
        "[a](@/mistakes/x.md#fix) [b](@/mistakes/y/index.md#fn-y-2)\n\
         [c](@/mistakes/y/index.md) ![i](pic.png) [d](/elsewhere/) [e][ref]\n\n[ref]: @/mistakes/x.md\n"
    );
    assert!(notes.is_empty(), "{notes:?}");
}

#[test]
fn files_tags_and_pages_left_behind_follow_a_new_base() {
    let text = "![a](/blog/img/a.png) <img src=\"/blog/img/a.png\"> [t](/blog/tags/go/) [d](/blog/docs/x/#y)\n";
    let (same, notes) = rewrite_old_links(text, &urls("/blog"), None);
    assert_eq!(
        same,
        "![a](/blog/img/a.png) <img src=\"/blog/img/a.png\"> [t](/blog/strategies/golang/) [d](/blog/docs/x/#y)\n"
    );
    assert_eq!(notes.len(), 1);
    let (moved, notes) = rewrite_old_links(text, &urls("/new"), None);
    assert_eq!(
        moved,
        "![a](/new/img/a.png) <img src=\"/new/img/a.png\"> [t](/new/strategies/golang/) [d](https://old.blog/blog/docs/x/#y)\n"
    );
    assert_eq!((notes[0].kind, notes[0].line), (Kind::Link, 1));
}

#[test]
fn relative_paths_to_static_files_follow_the_write_up() {
    let (text, _) = rewrite_old_links(
        "![a](../../../img/a.png) ![b](pic.png)\n",
        &urls("/blog"),
        Some("/2019/03/14/x.html"),
    );
    assert_eq!(text, "![a](/blog/img/a.png) ![b](pic.png)\n");
}

#[test]
fn hugos_numbered_footnote_ids_name_the_note_cited_that_often() {
    let mut urls = urls("/blog");
    urls.insert_numbered_notes(
        "mistakes/y/index.md",
        "A.[^equal] B.[^b] C.[^equal]\n\n[^b]: Bee.\n[^equal]: Same.\n",
    );
    let (text, _) = rewrite_old_links(
        "[n](/blog/posts/y/#fn:1) [m](/blog/posts/y/#fnref:2) [o](/blog/posts/y/#fn:9)\n",
        &urls,
        Some("/posts/z/"),
    );
    assert_eq!(
        text,
        "[n](@/mistakes/y/index.md#fn-y-equal) [m](@/mistakes/y/index.md#ref-fn-y-b) [o](@/mistakes/y/index.md#fn-y-9)\n"
    );
}

#[test]
fn a_part_of_the_old_home_page_and_other_sites_on_its_host_are_noted_with_a_true_todo() {
    let text = "[c](/blog/#calendar) [h](/blog/) [g](https://old.blog/blog/guide/)\n";
    let (same, notes) = rewrite_old_links(text, &urls("/blog"), None);
    assert_eq!(same, text);
    assert_eq!(notes.len(), 2, "{notes:?}");
    assert!(
        notes[0].what.contains("a part of the old home page"),
        "{notes:?}"
    );
    assert!(notes[0].todo.contains("drop the `#` part"), "{notes:?}");
    assert!(
        notes[1].what.contains("on the old site's host"),
        "{notes:?}"
    );
    assert!(
        notes[1].todo.contains("another site serves it"),
        "{notes:?}"
    );
}
