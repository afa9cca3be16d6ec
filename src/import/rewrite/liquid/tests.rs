use std::collections::BTreeMap;

use super::*;
use crate::import::rewrite::BodyNote;
use crate::import::rewrite::tests::links_of;

/// Rewrites `text` as a Jekyll post of a site at `https://alice.github.io/blog/`,
/// checks the Markdown written, and returns the notes.
fn rewrites_to(text: &str, expected: &str) -> Vec<BodyNote> {
    let links = links_of(&[
        ("2019-03-14-other", "mistakes/other.md"),
        ("_posts/2019-03-14-other", "mistakes/other.md"),
    ]);
    let includes = BTreeMap::from([
        (
            "note.html".to_string(),
            "<aside>{{ include.text }} {{ site.repository }}</aside>\n".to_string(),
        ),
        (
            "loop.html".to_string(),
            "{% for x in site.posts %}{% endfor %}".to_string(),
        ),
    ]);
    let values = BTreeMap::from([(
        "repository".to_string(),
        "https://github.com/a/b".to_string(),
    )]);
    let ctx = Context {
        base_path: "/blog",
        origin: "https://alice.github.io",
        site_values: &values,
        includes: &includes,
        ..Context::for_test(&links, "_posts/2019-04-01-this.md")
    };
    let r = rewrite_liquid(text, &ctx);
    assert_eq!(r.text, expected, "{text:?}");
    r.notes
}

#[test]
fn highlight_becomes_a_fence_even_before_a_rule() {
    let notes = rewrites_to(
        "Intro\n{% highlight html %}\n<b>x</b>\n---\n{% endhighlight %}\nAfter\n",
        "Intro\n```html\n<b>x</b>\n---\n```\nAfter\n",
    );
    assert!(notes.is_empty());
}

#[test]
fn raw_keeps_its_text_and_comments_stay_hidden() {
    let notes = rewrites_to(
        "{% raw %}{{ page.title }}{% endraw %} {% comment %}note{% endcomment %}",
        "{{ page.title }} <!--note-->",
    );
    assert!(notes.is_empty());
}

#[test]
fn links_and_base_urls() {
    rewrites_to(
        "[a]({{ site.baseurl }}{% post_url 2019-03-14-other %}#fix) [b]({% link _posts/2019-03-14-other.md %})\n\
         ![i]({{ site.baseurl }}/assets/i.png) ![j]({{ \"/assets/j.png\" | relative_url }}) {{ site.url }}{{ site.baseurl }}/x\n[r]({{ site.repository }}/issues)",
        "[a](@/mistakes/other.md#fix) [b](@/mistakes/other.md)\n\
         ![i](/blog/assets/i.png) ![j](/blog/assets/j.png) https://alice.github.io/blog/x\n[r](https://github.com/a/b/issues)",
    );
}

#[test]
fn what_has_no_equivalent_is_noted_at_its_line() {
    let text = "One\n\n{% include youtube.html id=\"x\" %}\n{{ page.title }} {% post_url 2000-01-01-gone %}\n";
    let notes = rewrites_to(text, text);
    let found: Vec<(Kind, usize)> = notes.iter().map(|n| (n.kind, n.line)).collect();
    assert_eq!(
        found,
        vec![(Kind::Leftover, 3), (Kind::Leftover, 4), (Kind::Link, 4)]
    );
}

#[test]
fn notes_inside_highlight_keep_their_lines() {
    let notes = rewrites_to(
        "A\n\n{% highlight ruby %}\nx = 1\n{% include a.html %}\n{% endhighlight %}\n",
        "A\n\n```ruby\nx = 1\n{% include a.html %}\n```\n",
    );
    assert_eq!((notes[0].line, notes[0].source_line), (5, 5));
}

#[test]
fn includes_without_logic_are_inlined() {
    let notes = rewrites_to(
        "A {% include note.html text=\"Hi\" %} B\n{% include loop.html %}\n{% include gone.html %}\n",
        "A <aside>Hi https://github.com/a/b</aside> B\n{% include loop.html %}\n{% include gone.html %}\n",
    );
    assert_eq!(notes.len(), 2);
}

#[test]
fn a_link_tag_to_a_file_prints_its_old_url() {
    let notes = rewrites_to(
        "[vm]({% link assets/vm.yaml %}) [x]({{ site.baseurl }}{% link /files/x.pdf %}) {% link gone.md %}\n",
        "[vm](/blog/assets/vm.yaml) [x](/blog/files/x.pdf) {% link gone.md %}\n",
    );
    assert_eq!(notes.len(), 1);
}
