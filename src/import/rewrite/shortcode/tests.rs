use std::collections::HashMap;

use super::*;

fn rewrite(text: &str) -> Rewritten {
    let resources = vec![
        "pic.png".to_string(),
        "shots/a.png".to_string(),
        "shots/b.jpg".to_string(),
    ];
    let mut links = HashMap::new();
    links.insert(
        "posts/other".to_string(),
        "mistakes/other/index.md".to_string(),
    );
    let ctx = Context {
        links: &links,
        doc_key: "posts/this/index.md",
        base_path: "",
        origin: "https://example.com",
        site_values: &Default::default(),
        includes: &Default::default(),
        depth: 0,
        resources: &resources,
    };
    rewrite_shortcodes(text, &ctx)
}

#[test]
fn refs_figures_and_embeds() {
    let r = rewrite(
        "[o]({{< ref \"posts/other.md#fix\" >}}) [p]({{< relref \"../other\" >}})\n\
         {{< figure src=\"a.png\" caption=\"A [big](x) one\" >}}\n\
         {{< youtube w7Ft2ymGmfc >}}\n",
    );
    assert_eq!(
        r.text,
        "[o](@/mistakes/other/index.md#fix) [p](@/mistakes/other/index.md)\n\
         ![A big one](a.png)\n\
         [Video on YouTube](https://www.youtube.com/watch?v=w7Ft2ymGmfc)\n"
    );
    assert_eq!(r.notes.len(), 1);
    assert_eq!((r.notes[0].kind, r.notes[0].line), (Kind::Embed, 3));
}

#[test]
fn admonitions_become_quotes_and_keep_note_lines() {
    let r = rewrite(
        "Intro\n\n{{% alert title=\"Careful\" %}}\nOne\n\n{{< tabs >}}\n{{% /alert %}}\nEnd\n",
    );
    assert_eq!(
        r.text,
        "Intro\n\n> **Careful**\n>\n> One\n>\n> {{< tabs >}}\nEnd\n"
    );
    assert_eq!(r.notes.len(), 1);
    assert_eq!((r.notes[0].line, r.notes[0].source_line), (7, 6));
}

#[test]
fn highlight_escapes_and_leftovers() {
    let r = rewrite(
        "{{< highlight go >}}\nx := 1\n{{< /highlight >}}\n`{{</* ref \"x\" */>}}`\n{{< tabs >}}\n",
    );
    assert_eq!(
        r.text,
        "```go\nx := 1\n```\n`{{< ref \"x\" >}}`\n{{< tabs >}}\n"
    );
    assert_eq!(r.notes.iter().map(|n| n.line).collect::<Vec<_>>(), vec![5]);
}

#[test]
fn imgproc_and_details() {
    let r = rewrite(
        "{{< imgproc pic.png Resize \"800x\" >}}\nA *cat*.\n{{< /imgproc >}}\n{{< imgproc b Fit \"600x\" >}}{{< /imgproc >}}\n{{< details summary=\"More\" >}}\nHidden\n{{< /details >}}\n",
    );
    assert_eq!(
        r.text,
        "![A cat.](pic.png)\n![](shots/b.jpg)\n<details>\n<summary>More</summary>\n\nHidden\n\n</details>\n"
    );
}

#[test]
fn galleries_become_images_and_cards_quotes() {
    let r = rewrite(
        "{{< gallery match=\"shots/*\" sortOrder=\"desc\" >}}\n{{< cardpane >}}\n{{% card header=\"[A](https://a.b)\" %}}\nText\n{{% /card %}}\n{{< /cardpane >}}\n",
    );
    assert_eq!(
        r.text,
        "![](shots/b.jpg)\n![](shots/a.png)\n\n> **[A](https://a.b)**\n>\n> Text\n\n"
    );
    assert_eq!(r.notes.len(), 1);
    assert_eq!(r.notes[0].kind, Kind::Embed);
}
