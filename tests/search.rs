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
The table was locked for an hour.\n\nWe now rehearse rollbacks in staging.\n";

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

/// The index of a built site, read as the search page reads it.
struct Index<'a> {
    tree: &'a Tree,
    meta: Value,
}

impl<'a> Index<'a> {
    fn read(tree: &'a Tree) -> Index<'a> {
        let meta = serde_json::from_str(tree.text("search/meta.json")).unwrap();
        Index { tree, meta }
    }

    fn json(&self, path: &str) -> Value {
        serde_json::from_str(self.tree.text(&format!("search/{path}"))).unwrap()
    }

    /// The lexicon shard that holds `word`.
    fn words(&self, word: &str) -> Vec<Value> {
        let firsts = self.meta["words"].as_array().unwrap();
        let n = firsts
            .iter()
            .rposition(|first| first.as_str().unwrap() <= word)
            .unwrap_or(0);
        self.json(&format!("words/{n}.json"))
            .as_array()
            .unwrap()
            .clone()
    }

    /// Record `n` as the page shows it: a question with its write-up's
    /// lesson and title.
    fn record(&self, n: u64) -> Value {
        let group = self.meta["group"].as_u64().unwrap();
        let entry = self.json(&format!("docs/{}.json", n / group))[(n % group) as usize].clone();
        match entry[3].as_u64() {
            Some(parent) => {
                let parent = self.record(parent);
                json!([entry[0], entry[1], entry[2], parent[3], parent[1], entry[5]])
            }
            None => entry,
        }
    }

    /// The records whose text holds `word` (through its stem), as
    /// [kind, title, path, lesson, meta, excerpt] of each.
    fn find(&self, word: &str) -> Vec<Value> {
        let Some(entry) = self.words(word).into_iter().find(|e| e[0] == json!(word)) else {
            return Vec::new();
        };
        let stem = match entry[1].as_str().unwrap() {
            "" => word.to_string(),
            stem => stem.to_string(),
        };
        // The stem's bucket: FNV-1a of its bytes, as search.js computes it.
        let hash = stem.bytes().fold(0x811c_9dc5u32, |h, b| {
            (h ^ u32::from(b)).wrapping_mul(0x0100_0193)
        });
        let buckets = self.meta["buckets"].as_u64().unwrap() as u32;
        let bytes = &self.tree.0[&format!("search/stems/{}.bin", hash & (buckets - 1))];
        let mut at = 0;
        let mut found = Vec::new();
        while at < bytes.len() {
            let length = varint(bytes, &mut at) as usize;
            let key = &bytes[at..at + length];
            at += length;
            let _count = varint(bytes, &mut at);
            let size = varint(bytes, &mut at) as usize;
            let end = at + size;
            if key != stem.as_bytes() {
                at = end;
                continue;
            }
            let mut doc = 0;
            while at < end {
                let value = varint(bytes, &mut at);
                doc += u64::from(value / 4);
                at += usize::from(value % 4 == 3);
                found.push(self.record(doc));
            }
        }
        assert!(!found.is_empty(), "every stem of the lexicon has postings");
        found
    }
}

fn varint(bytes: &[u8], at: &mut usize) -> u32 {
    let (mut value, mut shift) = (0, 0);
    loop {
        let b = bytes[*at];
        *at += 1;
        value |= u32::from(b & 0x7f) << shift;
        shift += 7;
        if b & 0x80 == 0 {
            return value;
        }
    }
}

#[test]
fn the_index_holds_the_full_text_of_every_writeup_lesson_strategy_and_question() {
    let tree = build(&site());
    let index = Index::read(&tree);
    assert_eq!(index.meta["format"], json!(2));
    // Two write-ups, two questions, the strategies, the FAQ page: one
    // group of records, a length for each.
    let docs = index.meta["docs"].as_u64().unwrap();
    assert_eq!(
        index.json("docs/0.json").as_array().unwrap().len() as u64,
        docs
    );
    assert!(!tree.has("search/docs/1.json"));
    assert_eq!(tree.0["search/lengths.bin"].len() as u64, docs);
    // A word of the body past the summary.
    let rehearse = index.find("rehearse");
    assert_eq!(rehearse.len(), 1, "{rehearse:?}");
    let rollback = &rehearse[0];
    assert_eq!(rollback[0], json!(0));
    assert_eq!(rollback[1], json!("Shipped a migration with no rollback"));
    assert_eq!(rollback[2], json!("mistakes/rollback/"));
    assert_eq!(
        rollback[3],
        json!("Write the rollback before the migration.")
    );
    assert_eq!(rollback[4], json!("14 March 2026 · Acknowledge, Reflect"));
    assert_eq!(
        rollback[5],
        json!("The table was locked for an hour. We now rehearse rollbacks in staging.")
    );
    // Another form of a word finds it through their stem: `rollbacks` is
    // the title's `rollback`. The write-up's question shows its lesson but
    // is not found by it (the write-up is).
    let rollbacks = index.find("rollbacks");
    let titles: Vec<&Value> = rollbacks.iter().map(|d| &d[1]).collect();
    assert_eq!(titles, [&json!("Shipped a migration with no rollback")]);
    // The lesson finds its write-up, and the write-up's question.
    let eyes = index.find("eyes");
    assert_eq!(eyes.len(), 1);
    assert_eq!(eyes[0][1], json!("Merged without a review"));
    let team = index.find("team");
    let question = team
        .iter()
        .find(|d| d[0] == json!(1))
        .expect("the write-up's question");
    assert_eq!(question[1], json!("How did you tell the team?"));
    assert!(question[2].as_str().unwrap().starts_with("faq/#"));
    assert_eq!(
        question[3],
        json!("Write the rollback before the migration.")
    );
    assert_eq!(question[4], json!("Shipped a migration with no rollback"));
    let public = index.find("public");
    assert!(
        public
            .iter()
            .any(|d| d[0] == json!(1) && d[1] == json!("Why write these up?"))
    );
    let feedback = index.find("feedback");
    assert!(
        feedback
            .iter()
            .any(|d| d[0] == json!(2) && d[1] == json!("Seek feedback"))
    );
    // Two builds write the same bytes.
    let again = build(&site());
    for path in tree
        .paths()
        .into_iter()
        .filter(|p| p.starts_with("search/"))
    {
        assert_eq!(tree.0[path], again.0[path], "{path}");
    }
}

#[test]
fn the_search_page_and_its_files_resolve_under_a_sub_path() {
    let tree = build(&site());
    let page = tree.text("search/index.html");
    assert!(page.contains("data-index=\"/growth/search/\""), "{page}");
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
    assert!(tree.has("search.js") && tree.has("search/meta.json"));
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
         return s === '1 result for “rollb”.' && r.includes('Shipped a migration with no rollback') \
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
    // A form of a word the site never writes, and a typo: the body's words
    // are found past the summary, and the snippet marks them.
    browser.eval(
        &tab,
        "(() => { const q = document.querySelector('#gs-q'); q.value = 'rehearsing rollbak'; \
         q.dispatchEvent(new Event('input', { bubbles: true })); })()",
    );
    let snippet = "(() => { const s = document.getElementById('gs-search-status').innerText; \
         const m = [...document.querySelectorAll('#gs-search-results .snippet mark')]; \
         return s.includes('1 result') && m.map(x => x.textContent).join(' ') === 'rehearse rollbacks' \
         && document.getElementById('gs-search-more').hidden \
         && document.activeElement.id === 'gs-q'; })()";
    assert!(
        browser.wait_until(&tab, snippet, PATIENCE).is_some(),
        "no snippet: {}",
        browser.text(&tab)
    );
}
