use super::*;
use crate::config::parse_config;
use crate::load::SourceFile;
use crate::parse::documents::render_writeup;
use crate::parse::markdown::LinkTargets;
use crate::parse::{Parsed, parse_source};
use crate::serve::rebuild::assemble_alone;

const CONFIG: &str = "title: T\nbase_url: https://example.com/\npaginate_by: 2\n\
    strategies:\n  - {slug: reflect, name: Reflect}\n  - {slug: adapt, name: Adapt}\n";

const BODY: &str = "Some words.\n\nSecond paragraph.";

fn writeup(day: u32, title: &str, strategies: &str, body: &str) -> String {
    format!(
        "---\ntitle: {title}\ndate: 2026-01-{day:02}\nstrategies: [{strategies}]\n\
         lesson: Check first.\n---\n{body}\n"
    )
}

fn rendered(path: &str, text: &str) -> crate::parse::documents::RenderedWriteup {
    let file = SourceFile {
        rel_path: path.into(),
        bytes: text.as_bytes().to_vec(),
    };
    let Some(Parsed::Writeup(w)) = parse_source(file).0 else {
        panic!("not a write-up: {text}");
    };
    render_writeup(*w, &LinkTargets::default(), true).0
}

/// Five write-ups, newest first: e (index 0) ... a (index 4).
fn today() -> crate::parse::date::Date {
    crate::parse::date::Date::parse("2026-06-01").unwrap()
}

fn site() -> Site {
    let config = parse_config("growthsite.yaml", CONFIG).unwrap();
    let docs = ["a", "b", "c", "d", "e"]
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let strategies = if i % 2 == 0 { "reflect" } else { "adapt" };
            let text = writeup(i as u32 + 1, name, strategies, BODY);
            rendered(&format!("content/mistakes/{name}.md"), &text)
        })
        .collect();
    let documents = crate::parse::documents::RenderedDocuments {
        writeups: docs,
        ..Default::default()
    };
    crate::assemble::assemble_site(config, documents, today()).0
}

fn changed(site: &Site, index: usize, text: &str) -> Post {
    let source = site.posts[index].writeup.doc.source.clone();
    assemble_alone(&site.config, rendered(&source, text), today())
        .unwrap()
        .0
}

/// `pages_showing_writeup`, with the cards compared as serve does.
fn showing(site: &Site, index: usize, new: &Post) -> PageSet {
    let shared = crate::render::context::SharedValues::new(site);
    let card_changed = shared.card(new) != shared.cards[index];
    pages_showing_writeup(site, index, &site.posts[index], new, card_changed)
}

fn change(path: &str, kind: ChangeKind) -> Change {
    Change {
        path: path.into(),
        kind,
    }
}

#[test]
fn markdown_changes_take_the_fast_path_when_there_is_a_good_build() {
    let changes = [change("content/mistakes/a.md", ChangeKind::Content)];
    assert_eq!(
        plan_rebuild(&changes, true),
        Plan::Documents(vec!["content/mistakes/a.md".into()])
    );
    assert_eq!(
        plan_rebuild(&changes, false),
        Plan::Everything { css_only: false }
    );
}

#[test]
fn a_config_change_alone_takes_the_config_path_when_there_is_a_good_build() {
    let config = [change("growthsite.yaml", ChangeKind::Config)];
    assert_eq!(plan_rebuild(&config, true), Plan::Config);
    assert_eq!(
        plan_rebuild(&config, false),
        Plan::Everything { css_only: false }
    );
    let with_content = [
        change("growthsite.yaml", ChangeKind::Config),
        change("content/mistakes/a.md", ChangeKind::Content),
    ];
    assert_eq!(
        plan_rebuild(&with_content, true),
        Plan::Everything { css_only: false }
    );
}

#[test]
fn anything_else_rebuilds_everything() {
    let changes = [
        change("content/mistakes/a.md", ChangeKind::Content),
        change("templates/base.html", ChangeKind::Template),
    ];
    assert_eq!(
        plan_rebuild(&changes, true),
        Plan::Everything { css_only: false }
    );
    let styles = [
        change("static/style.css", ChangeKind::Style),
        change("themes/t/static/x.css", ChangeKind::Style),
    ];
    assert_eq!(
        plan_rebuild(&styles, true),
        Plan::Everything { css_only: true }
    );
}

#[test]
fn a_body_edit_that_keeps_the_card_renders_only_its_page() {
    let site = site();
    // Index 2 is "c" (2026-01-03, reflect).
    let new = changed(
        &site,
        2,
        &writeup(3, "c", "reflect", "Some words.\n\nOther paragraph."),
    );
    assert!(!writeup_moved(&site.posts[2], &new));
    let pages = showing(&site, 2, &new);
    assert_eq!(pages.posts, BTreeSet::from([2]));
    assert!(pages.home.is_empty() && pages.strategy_pagers.is_empty());
    assert!(!pages.lessons && !pages.faq);
}

#[test]
fn a_new_summary_renders_the_lists_that_show_it() {
    let site = site();
    let new = changed(
        &site,
        2,
        &writeup(3, "c", "reflect", "Other words.\n\nSecond paragraph."),
    );
    let pages = showing(&site, 2, &new);
    // Pager 2 of the home list (2 a page); "c" is the 2nd reflect write-up.
    assert_eq!(pages.home, BTreeSet::from([2]));
    assert_eq!(pages.strategy_pagers, BTreeSet::from([(0, 1)]));
    let related: BTreeSet<usize> = (0..5)
        .filter(|&i| site.posts[i].related.contains(&2))
        .collect();
    assert!(!related.is_empty());
    assert!(related.is_subset(&pages.posts));
    assert!(!pages.lessons);
}

#[test]
fn a_new_title_renders_the_neighbours_and_the_lessons() {
    let site = site();
    let new = changed(&site, 2, &writeup(3, "c renamed", "reflect", BODY));
    let pages = showing(&site, 2, &new);
    assert!(pages.posts.contains(&1) && pages.posts.contains(&3));
    assert!(pages.lessons);
}

#[test]
fn new_dates_and_strategies_move_the_writeup() {
    let site = site();
    let redated = changed(&site, 2, &writeup(9, "c", "reflect", BODY));
    assert!(writeup_moved(&site.posts[2], &redated));
    let retagged = changed(&site, 2, &writeup(3, "c", "adapt", BODY));
    assert!(writeup_moved(&site.posts[2], &retagged));
}

#[test]
fn page_sets_select_jobs() {
    let site = site();
    let mut pages = PageSet::default();
    pages.posts.insert(1);
    pages.home.insert(2);
    pages.lessons = true;
    let selected: Vec<Job> = jobs(&site)
        .into_iter()
        .filter(|job| pages.contains(job))
        .collect();
    assert_eq!(selected.len(), 3, "{selected:?}");
    assert!(selected.contains(&Job::Post(1)) && selected.contains(&Job::Lessons));
}
