//! Customising the default theme without copying it (SPEC §8): a site's
//! `templates/partials/<name>.html` replaces one piece of the layout,
//! `static/custom.css` is linked after the theme's stylesheet, and
//! `head-extra.html` / `footer-extra.html` are included when present.

use crate::support::{Site, Tree, writeup};

/// A site with one write-up and a plain page, so that every kind of page
/// (home, write-up, strategy, lessons, FAQ, plain page, 404) is built.
fn site() -> Site {
    Site::with_config()
        .file("content/mistakes/2026-01-15-a.md", writeup("First one"))
        .file("content/about.md", "---\ntitle: About\n---\nHello.\n")
}

/// Builds `site` and returns its public/ tree.
#[track_caller]
fn build(site: &Site) -> Tree {
    site.run(&["build", "--quiet"])
        .assert_success()
        .stderr_is("");
    Tree::read(&site.path("public"))
}

/// The HTML pages of a tree, by path.
fn html_pages(tree: &Tree) -> Vec<&str> {
    let pages: Vec<&str> = tree
        .paths()
        .into_iter()
        .filter(|p| p.ends_with(".html"))
        .collect();
    assert!(pages.len() >= 7, "too few pages: {pages:?}");
    pages
}

/// The theme's footer element in a page.
fn theme_footer(html: &str) -> &str {
    let start = html
        .find("<footer class=\"site-foot\">")
        .expect("the theme's footer");
    let end = html[start..].find("</footer>").expect("footer closes") + start;
    &html[start..end + "</footer>".len()]
}

#[test]
fn a_site_partial_replaces_only_that_piece_of_every_page() {
    let plain = build(&site());
    let mine = "<footer class=\"mine\">Written in the margins.</footer>";
    let site = site().file("templates/partials/footer.html", format!("{mine}\n"));
    let custom = build(&site);
    assert_eq!(custom.paths(), plain.paths());
    for page in html_pages(&plain) {
        let before = plain.text(page);
        // The site's file ends with a newline; the theme's partial does not.
        let expected = before.replace(theme_footer(before), &format!("{mine}\n"));
        assert_eq!(custom.text(page), expected, "{page}");
    }
}

#[test]
fn custom_css_is_linked_after_the_theme_stylesheet() {
    let plain = build(&site());
    assert!(!plain.has("custom.css"));
    for page in html_pages(&plain) {
        assert!(!plain.text(page).contains("custom.css"), "{page}");
    }

    let site = site().file("static/custom.css", "body { color: teal; }\n");
    let custom = build(&site);
    assert_eq!(custom.text("custom.css"), "body { color: teal; }\n");
    for page in html_pages(&custom) {
        let html = custom.text(page);
        let theme = html
            .find("<link rel=\"stylesheet\" href=\"/style.css?v=")
            .unwrap_or_else(|| panic!("{page} links the theme's stylesheet"));
        let own = html
            .find("<link rel=\"stylesheet\" href=\"/custom.css?v=")
            .unwrap_or_else(|| panic!("{page} links custom.css"));
        assert!(theme < own, "{page}: custom.css comes after style.css");
    }
}

#[test]
fn head_extra_and_footer_extra_are_included_when_present() {
    let site = site()
        .file(
            "templates/partials/head-extra.html",
            "<meta name=\"x-extra\" content=\"1\">\n",
        )
        .file(
            "templates/partials/footer-extra.html",
            "<script src=\"https://stats.example.com/s.js\" defer></script>\n",
        );
    let tree = build(&site);
    for page in html_pages(&tree) {
        let html = tree.text(page);
        assert!(
            html.contains("<meta name=\"x-extra\" content=\"1\">\n</head>"),
            "{page}: head-extra at the end of <head>"
        );
        assert!(
            html.contains(
                "</footer>\n<script src=\"https://stats.example.com/s.js\" defer></script>\n</body>"
            ),
            "{page}: footer-extra after the footer"
        );
    }
}

/// `partials/chart.html` holds the `chart` component: a site's own copy
/// draws every chart of the progress page, and nothing else changes.
#[test]
fn a_site_chart_component_draws_every_chart_of_the_progress_page() {
    let plain = build(&site());
    let theme_charts = plain
        .text("progress/index.html")
        .matches("<figure class=\"chart\">")
        .count();
    assert!(theme_charts >= 2, "{}", plain.text("progress/index.html"));
    let site = site().file(
        "templates/partials/chart.html",
        "{% component chart(c, caption, summary, table_caption, head, last=\"\", legend=[], scroll=false) %}<p class=\"mine\">{{ caption }}</p>{% endcomponent chart %}",
    );
    let custom = build(&site);
    let progress = custom.text("progress/index.html");
    assert_eq!(
        progress.matches("<p class=\"mine\">").count(),
        theme_charts,
        "{progress}"
    );
    assert!(!progress.contains("<figure class=\"chart\">"), "{progress}");
    for page in html_pages(&plain) {
        if page != "progress/index.html" {
            assert_eq!(custom.text(page), plain.text(page), "{page}");
        }
    }
}

/// The theme's navigation element in a page.
fn site_nav(html: &str) -> &str {
    let start = html
        .find("<nav class=\"site-nav\"")
        .expect("the theme's navigation");
    let end = html[start..].find("</nav>").expect("nav closes") + start;
    &html[start..end]
}

/// A build renders the theme's header and footer once for each kind of
/// page and inserts them; a site template that sets a name they read
/// (here `pages`, the plain pages the navigation lists) must still change
/// them on its own pages, and only there.
#[test]
fn a_site_template_that_sets_what_the_navigation_reads_is_obeyed() {
    let page = "{% extends \"base.html\" %}\n\
                {% block setup %}{% set_global pages = [] %}{% endblock setup %}\n\
                {% block main %}{{ page.content }}{% endblock main %}\n";
    let tree = build(&site().file("templates/page.html", page));
    let about = site_nav(tree.text("about/index.html"));
    assert!(!about.contains("href=\"/about/\""), "{about}");
    let home = site_nav(tree.text("index.html"));
    assert!(
        home.contains("<li><a href=\"/about/\">About</a></li>"),
        "{home}"
    );
}
