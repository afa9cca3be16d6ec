use std::collections::HashMap;

use super::*;

fn rewrite(text: &str) -> Rewritten {
    let mut links = HashMap::new();
    links.insert(
        "2019-03-14-other".to_string(),
        "mistakes/other.md".to_string(),
    );
    links.insert(
        "_posts/2019-03-14-other".to_string(),
        "mistakes/other.md".to_string(),
    );
    let mut includes = std::collections::BTreeMap::new();
    includes.insert(
        "note.html".to_string(),
        "<aside>{{ include.text }} {{ site.repository }}</aside>\n".to_string(),
    );
    includes.insert(
        "loop.html".to_string(),
        "{% for x in site.posts %}{% endfor %}".to_string(),
    );
    let mut values = std::collections::BTreeMap::new();
    values.insert(
        "repository".to_string(),
        "https://github.com/a/b".to_string(),
    );
    let ctx = Context {
        links: &links,
        doc_key: "_posts/2019-04-01-this.md",
        base_path: "/blog",
        origin: "https://alice.github.io",
        site_values: &values,
        includes: &includes,
        depth: 0,
        resources: &[],
    };
    rewrite_liquid(text, &ctx)
}

#[test]
fn highlight_becomes_a_fence_even_before_a_rule() {
    let r = rewrite("Intro\n{% highlight html %}\n<b>x</b>\n---\n{% endhighlight %}\nAfter\n");
    assert_eq!(r.text, "Intro\n```html\n<b>x</b>\n---\n```\nAfter\n");
    assert!(r.notes.is_empty());
}

#[test]
fn raw_keeps_its_text_and_comments_stay_hidden() {
    let r = rewrite("{% raw %}{{ page.title }}{% endraw %} {% comment %}note{% endcomment %}");
    assert_eq!(r.text, "{{ page.title }} <!--note-->");
    assert!(r.notes.is_empty());
}

#[test]
fn links_and_base_urls() {
    let r = rewrite(
        "[a]({{ site.baseurl }}{% post_url 2019-03-14-other %}#fix) [b]({% link _posts/2019-03-14-other.md %})\n\
         ![i]({{ site.baseurl }}/assets/i.png) ![j]({{ \"/assets/j.png\" | relative_url }}) {{ site.url }}{{ site.baseurl }}/x\n[r]({{ site.repository }}/issues)",
    );
    assert_eq!(
        r.text,
        "[a](@/mistakes/other.md#fix) [b](@/mistakes/other.md)\n\
         ![i](/blog/assets/i.png) ![j](/blog/assets/j.png) https://alice.github.io/blog/x\n[r](https://github.com/a/b/issues)"
    );
}

#[test]
fn what_has_no_equivalent_is_noted_at_its_line() {
    let r = rewrite(
        "One\n\n{% include youtube.html id=\"x\" %}\n{{ page.title }} {% post_url 2000-01-01-gone %}\n",
    );
    assert!(r.text.contains("{% include youtube.html id=\"x\" %}"));
    let found: Vec<(Kind, usize)> = r.notes.iter().map(|n| (n.kind, n.line)).collect();
    assert_eq!(
        found,
        vec![(Kind::Leftover, 3), (Kind::Leftover, 4), (Kind::Link, 4)]
    );
}

#[test]
fn notes_inside_highlight_keep_their_lines() {
    let r = rewrite("A\n\n{% highlight ruby %}\nx = 1\n{% include a.html %}\n{% endhighlight %}\n");
    assert_eq!(r.text, "A\n\n```ruby\nx = 1\n{% include a.html %}\n```\n");
    assert_eq!((r.notes[0].line, r.notes[0].source_line), (5, 5));
}

#[test]
fn includes_without_logic_are_inlined() {
    let r = rewrite(
        "A {% include note.html text=\"Hi\" %} B\n{% include loop.html %}\n{% include gone.html %}\n",
    );
    assert_eq!(
        r.text,
        "A <aside>Hi https://github.com/a/b</aside> B\n{% include loop.html %}\n{% include gone.html %}\n"
    );
    assert_eq!(r.notes.len(), 2);
}

#[test]
fn a_link_tag_to_a_file_prints_its_old_url() {
    let r = rewrite(
        "[vm]({% link assets/vm.yaml %}) [x]({{ site.baseurl }}{% link /files/x.pdf %}) {% link gone.md %}\n",
    );
    assert_eq!(
        r.text,
        "[vm](/blog/assets/vm.yaml) [x](/blog/files/x.pdf) {% link gone.md %}\n"
    );
    assert_eq!(r.notes.len(), 1);
}
