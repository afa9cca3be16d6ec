use super::*;
use crate::import::rewrite::BodyNote;
use crate::import::rewrite::tests::links_of;

/// Rewrites `text` as the Hugo bundle `posts/this/`, checks the Markdown
/// written, and returns the notes.
fn rewrites_to(text: &str, expected: &str) -> Vec<BodyNote> {
    let resources = ["pic.png", "shots/a.png", "shots/b.jpg"].map(String::from);
    let links = links_of(&[("posts/other", "mistakes/other/index.md")]);
    let ctx = Context {
        resources: &resources,
        ..Context::for_test(&links, "posts/this/index.md")
    };
    let r = rewrite_shortcodes(text, &ctx);
    assert_eq!(r.text, expected, "{text:?}");
    r.notes
}

#[test]
fn refs_figures_and_embeds() {
    let notes = rewrites_to(
        "[o]({{< ref \"posts/other.md#fix\" >}}) [p]({{< relref \"../other\" >}})\n\
         {{< figure src=\"a.png\" caption=\"A [big](x) one\" >}}\n\
         {{< youtube w7Ft2ymGmfc >}}\n",
        "[o](@/mistakes/other/index.md#fix) [p](@/mistakes/other/index.md)\n\
         ![A big one](a.png)\n\
         [Video on YouTube](https://www.youtube.com/watch?v=w7Ft2ymGmfc)\n",
    );
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].kind, notes[0].line), (Kind::Embed, 3));
}

#[test]
fn admonitions_become_quotes_and_keep_note_lines() {
    let notes = rewrites_to(
        "Intro\n\n{{% alert title=\"Careful\" %}}\nOne\n\n{{< tabs >}}\n{{% /alert %}}\nEnd\n",
        "Intro\n\n> **Careful**\n>\n> One\n>\n> {{< tabs >}}\nEnd\n",
    );
    assert_eq!(notes.len(), 1);
    assert_eq!((notes[0].line, notes[0].source_line), (7, 6));
}

#[test]
fn highlight_escapes_and_leftovers() {
    let notes = rewrites_to(
        "{{< highlight go >}}\nx := 1\n{{< /highlight >}}\n`{{</* ref \"x\" */>}}`\n{{< tabs >}}\n",
        "```go\nx := 1\n```\n`{{< ref \"x\" >}}`\n{{< tabs >}}\n",
    );
    assert_eq!(notes.iter().map(|n| n.line).collect::<Vec<_>>(), vec![5]);
}

#[test]
fn imgproc_and_details() {
    rewrites_to(
        "{{< imgproc pic.png Resize \"800x\" >}}\nA *cat*.\n{{< /imgproc >}}\n{{< imgproc b Fit \"600x\" >}}{{< /imgproc >}}\n{{< details summary=\"More\" >}}\nHidden\n{{< /details >}}\n",
        "![A cat.](pic.png)\n![](shots/b.jpg)\n<details>\n<summary>More</summary>\n\nHidden\n\n</details>\n",
    );
}

#[test]
fn galleries_become_images_and_cards_quotes() {
    let notes = rewrites_to(
        "{{< gallery match=\"shots/*\" sortOrder=\"desc\" >}}\n{{< cardpane >}}\n{{% card header=\"[A](https://a.b)\" %}}\nText\n{{% /card %}}\n{{< /cardpane >}}\n",
        "![](shots/b.jpg)\n![](shots/a.png)\n\n> **[A](https://a.b)**\n>\n> Text\n\n",
    );
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0].kind, Kind::Embed);
}
