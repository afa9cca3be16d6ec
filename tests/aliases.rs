//! Old URLs and other generators' leftovers in a site's own content:
//! `aliases:`/`redirect_from:` write redirect pages that the link check
//! follows, collisions are errors at their line, and Liquid or shortcodes
//! left in a body are warnings at theirs (SPEC §4).

use crate::support::{CONFIG, Site, writeup};

fn with_aliases(aliases: &str) -> String {
    format!(
        "---\ntitle: Moved\ndate: 2026-01-15\nstrategies: [reflect]\nlesson: Keep links.\n{aliases}---\nBody.\n"
    )
}

#[test]
fn aliases_write_redirect_pages_under_the_base_path() {
    let config = CONFIG.replace("https://example.com/", "https://example.com/growth/");
    let site = Site::new().file("growthsite.yaml", config).file(
        "content/mistakes/moved.md",
        with_aliases("aliases:\n  - /2019/03/14/old.html\n  - /old/\nredirect_from: /older\n"),
    );
    site.run(&["build", "--quiet"]).assert_success();
    for file in ["2019/03/14/old.html", "old/index.html", "older/index.html"] {
        let html = site.read(&format!("public/{file}"));
        assert!(
            html.contains(
                "<meta http-equiv=\"refresh\" content=\"0; url=/growth/mistakes/moved/\">"
            ),
            "{file}: {html}"
        );
        assert!(
            html.contains(
                "<link rel=\"canonical\" href=\"https://example.com/growth/mistakes/moved/\">"
            ),
            "{html}"
        );
        assert!(
            html.contains("<a href=\"/growth/mistakes/moved/\">"),
            "{html}"
        );
    }
    assert!(
        !site.read("public/sitemap.xml").contains("old"),
        "redirects stay out of the sitemap"
    );
}

#[test]
fn a_link_to_an_old_url_passes_the_link_check() {
    let site = Site::with_config()
        .file(
            "content/mistakes/moved.md",
            with_aliases("aliases: [/2019/03/14/old.html]\n"),
        )
        .file(
            "content/mistakes/linking.md",
            writeup("Linking").replace(
                "What happened.",
                "See [the old post](/2019/03/14/old.html) and [gone](/2019/03/15/gone.html).",
            ),
        );
    site.run(&["check"])
        .assert_exit(1)
        .stderr_contains("error: content/mistakes/linking.md:7:46: link to `/2019/03/15/gone.html` leads nowhere")
        .stderr_lacks("old.html` leads nowhere");
}

#[test]
fn a_fragment_on_an_old_url_is_kept_and_checked_on_the_page_it_leads_to() {
    let site = Site::with_config()
        .file(
            "content/mistakes/moved.md",
            with_aliases("aliases: [/old/]\n").replace("Body.", "## The fix\n\nBody."),
        )
        .file(
            "content/mistakes/linking.md",
            writeup("Linking").replace(
                "What happened.",
                "See [the fix](/old/#the-fix) and [a typo](/old/#the-fxi).",
            ),
        );
    site.run(&["check"])
        .assert_exit(1)
        .stderr_contains(
            "error: content/mistakes/linking.md:7:34: link to `/old/#the-fxi` has no target: /mistakes/moved/ (where /old/ leads) has no element with id `the-fxi` (did you mean '#the-fix'?)",
        )
        .stderr_lacks("#the-fix` has no target");
    site.run(&["build", "--quiet"]);
    // A meta refresh alone would land on /mistakes/moved/ without #the-fix.
    assert!(
        site.read("public/old/index.html")
            .contains("<script>location.replace(\"/mistakes/moved/\" + location.hash)</script>"),
        "{}",
        site.read("public/old/index.html")
    );
}

#[test]
fn an_alias_may_not_take_a_page_or_another_alias() {
    let site = Site::with_config()
        .file(
            "content/about.md",
            "---\ntitle: About\naliases: [/about/]\n---\nMe.\n",
        )
        .file(
            "content/mistakes/a.md",
            with_aliases("aliases:\n  - /old/\n  - /strategies/\n"),
        )
        .file(
            "content/mistakes/b.md",
            with_aliases("aliases:\n  - /mistakes/a/\n  - /old/\n"),
        )
        .file(
            "content/mistakes/c.md",
            with_aliases("aliases:\n  - https://example.com/x/\n"),
        );
    site.run(&["build"])
        .assert_exit(1)
        .stderr_contains("error: content/about.md:3:11: alias `/about/` is this page's own URL (remove it: the page is already there)")
        .stderr_contains("error: content/mistakes/a.md:8:5: alias `/strategies/` would take the place of /strategies/, which the site publishes")
        .stderr_contains("error: content/mistakes/b.md:7:5: alias `/mistakes/a/` would take the place of /mistakes/a/")
        .stderr_contains("error: content/mistakes/b.md:8:5: alias `/old/` is also an alias of content/mistakes/a.md")
        .stderr_contains("error: content/mistakes/c.md:7:5: alias `https://example.com/x/` is a full URL; an alias is a path of this site");
    assert!(!site.exists("public"), "a failed build writes nothing");
}

#[test]
fn a_changed_alias_is_served_at_once() {
    let site = Site::with_config().file(
        "content/mistakes/moved.md",
        with_aliases("aliases: [/old/]\n"),
    );
    site.run(&["build", "--quiet"]).assert_success();
    assert!(site.exists("public/old/index.html"));
    site.write(
        "content/mistakes/moved.md",
        with_aliases("aliases: [/older/]\n"),
    );
    site.run(&["build", "--quiet"]).assert_success();
    assert!(!site.exists("public/old/index.html") && site.exists("public/older/index.html"));
}

#[test]
fn leftovers_of_other_generators_warn_at_their_line_but_not_in_code() {
    let body = "Intro {% include youtube.html id=\"x\" %}\n\n\
                ![i]({{ site.baseurl }}/a.png)\n\n\
                {{< figure src=\"a.png\" >}}\n\n\
                ```liquid\n{% raw %}{{ page.title }}{% endraw %}\n```\n\n\
                `{{< ref \"x\" >}}` and {1, 2} and {{ 1 + 2 }}\n\n\
                <a href=\"{{ post.url }}\">a leftover is not also a broken link</a>\n";
    let site = Site::with_config().file(
        "content/mistakes/a.md",
        writeup("A").replace("What happened.\n", body),
    );
    let run = site.run(&["build"]);
    run.assert_success();
    let warnings: Vec<&str> = run
        .stderr
        .lines()
        .filter(|l| l.starts_with("warning: "))
        .collect();
    assert_eq!(
        warnings,
        vec![
            "warning: content/mistakes/a.md:7:7: `{% include youtube.html id=\"x\" %}` is Liquid, which growthsite does not run: it would show as text (write what it produced as Markdown or HTML, or put it in a code block; `growthsite import` converts the common forms)",
            "warning: content/mistakes/a.md:9:6: `{{ site.baseurl }}` is Liquid, which growthsite does not run: it would show as text (write what it produced as Markdown or HTML, or put it in a code block; `growthsite import` converts the common forms)",
            "warning: content/mistakes/a.md:11:1: `{{< figure src=\"a.png\" >}}` is a Hugo shortcode, which growthsite does not run: it would show as text (write what it produced as Markdown or HTML, or put it in a code block; `growthsite import` converts the common forms)",
            "warning: content/mistakes/a.md:19:10: `{{ post.url }}` is Liquid, which growthsite does not run: it would show as text (write what it produced as Markdown or HTML, or put it in a code block; `growthsite import` converts the common forms)",
        ]
    );
    site.run(&["build", "--strict", "--quiet"]).assert_exit(1);
}
