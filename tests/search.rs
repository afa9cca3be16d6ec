//! `/search/` (SPEC §8): a static index of every write-up, lesson, strategy
//! and question, a page whose script and index resolve under a sub-path,
//! no script on any other page, and a real browser finding a write-up by
//! a word and showing its lesson.

use serde_json::{Value, json};

use crate::browser::Browser;
use crate::serve::{PATIENCE, Preview};
use crate::support::{CONFIG, Site, Tree};

const ROLLBACK: &str = "---\ntitle: Shipped a migration with no rollback\ndate: 2026-03-14\n\
strategies: [acknowledge, reflect]\nlesson: Write the rollback before the migration.\n\
faq:\n  - question: How did you tell the team?\n    answer: In the incident channel.\n---\n\
The table was locked for an hour.\n";

const REVIEW: &str = "---\ntitle: Merged without a review\ndate: 2026-02-01\n\
strategies: [seek-feedback]\nlesson: Ask for eyes on risky changes.\n---\nNobody looked.\n";

const FAQ: &str = "---\ntitle: FAQ\nfaq:\n  - question: Why write these up?\n    answer: To learn in public.\n---\nAsk away.\n";

/// A site published under `/growth/` with two write-ups and a FAQ page.
fn site() -> Site {
    Site::new()
        .file(
            "growthsite.yaml",
            CONFIG.replace("https://example.com/", "https://example.com/growth/"),
        )
        .file("content/mistakes/rollback.md", ROLLBACK)
        .file("content/mistakes/review.md", REVIEW)
        .file("content/faq.md", FAQ)
}

fn build(site: &Site) -> Tree {
    site.run(&["build", "--quiet"]).assert_success();
    Tree::read(&site.path("public"))
}

#[test]
fn the_index_holds_every_writeup_lesson_strategy_and_question() {
    let tree = build(&site());
    let index: Value = serde_json::from_str(tree.text("search/index.json")).unwrap();
    let docs = index["docs"].as_array().unwrap();
    let has = |kind: u8, title: &str, path: &str| {
        docs.iter()
            .any(|d| d[0] == json!(kind) && d[1] == json!(title) && d[2] == json!(path))
    };
    assert!(has(
        0,
        "Shipped a migration with no rollback",
        "mistakes/rollback/"
    ));
    assert!(has(0, "Merged without a review", "mistakes/review/"));
    let rollback = docs
        .iter()
        .find(|d| d[2] == json!("mistakes/rollback/"))
        .unwrap();
    assert_eq!(
        rollback[3],
        json!("Write the rollback before the migration.")
    );
    assert_eq!(rollback[4], json!("Acknowledge, Reflect"));
    assert_eq!(rollback[5], json!("14 March 2026"));
    assert!(rollback[6].as_str().unwrap().contains("locked for an hour"));
    let question = |text: &str| {
        docs.iter()
            .find(|d| d[0] == json!(1) && d[1] == json!(text))
    };
    assert!(
        question("Why write these up?").is_some(),
        "the site's question"
    );
    let writeup_question = question("How did you tell the team?").expect("a write-up's question");
    assert!(writeup_question[2].as_str().unwrap().starts_with("faq/#"));
    assert_eq!(
        writeup_question[3],
        json!("Write the rollback before the migration.")
    );
    for strategy in ["Acknowledge", "Reflect", "Seek feedback"] {
        assert!(
            docs.iter()
                .any(|d| d[0] == json!(2) && d[1] == json!(strategy)),
            "{strategy}"
        );
    }
}

#[test]
fn the_search_page_and_its_files_resolve_under_a_sub_path() {
    let tree = build(&site());
    let page = tree.text("search/index.html");
    assert!(
        page.contains("data-index=\"/growth/search/index.json\""),
        "{page}"
    );
    assert!(page.contains("action=\"/growth/search/\" method=\"get\""));
    assert!(page.contains("<label for=\"gs-q\">"));
    assert!(page.contains("role=\"status\""));
    assert!(page.contains("<noscript>"));
    let script = page
        .split("<script src=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .expect("the page loads its script");
    assert!(script.starts_with("/growth/search.js?v="), "{script}");
    assert!(tree.has("search.js") && tree.has("search/index.json"));
    // The site's nav links to search; no other page loads a script.
    let home = tree.text("index.html");
    assert!(home.contains("href=\"/growth/search/\""));
    for path in tree.paths().into_iter().filter(|p| p.ends_with(".html")) {
        if path != "search/index.html" {
            assert!(
                !tree.text(path).contains("<script src"),
                "{path} loads a script"
            );
        }
    }
}

#[test]
fn typing_a_query_shows_the_writeup_with_its_lesson() {
    let site = site();
    let preview = Preview::start(&site, &[]);
    assert_eq!(preview.base_path(), "/growth/");
    let mut browser = Browser::launch();
    let tab = browser.open(&format!("{}search/", preview.url));
    let ready = "document.readyState === 'complete' && !!document.querySelector('#gs-q')";
    assert!(
        browser.wait_until(&tab, ready, PATIENCE).is_some(),
        "{}",
        browser.text(&tab)
    );
    browser.eval(
        &tab,
        "(() => { const q = document.querySelector('#gs-q'); q.focus(); q.value = 'rollb'; \
         q.dispatchEvent(new Event('input', { bubbles: true })); })()",
    );
    let shown = "(() => { const s = document.getElementById('gs-search-status').innerText; \
         const r = document.getElementById('gs-search-results').innerText; \
         return s.includes('2 results') && r.includes('Shipped a migration with no rollback') \
         && r.includes('Write the rollback before the migration.'); })()";
    assert!(
        browser.wait_until(&tab, shown, PATIENCE).is_some(),
        "no result: {}",
        browser.text(&tab)
    );
    let first = browser.eval(
        &tab,
        "document.querySelector('#gs-search-results a').getAttribute('href')",
    );
    assert_eq!(first, json!("/growth/mistakes/rollback/"));
    let url = browser.eval(&tab, "location.search");
    assert_eq!(url, json!("?q=rollb"), "the query is kept in the address");
}
