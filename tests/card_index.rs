//! The card index through the real binary: a warm build finds each card's
//! PNG by the card's texts alone, and whatever a card is made from (its
//! texts, the site's name and address, the language, the card template,
//! the system's fonts) draws it again when it changes.

use crate::support::{CONFIG, Site, repo_root};

fn writeup(title: &str, lesson: Option<&str>, strategies: &str, body: usize) -> String {
    let lesson = lesson.map_or(String::new(), |l| format!("lesson: {l}\n"));
    format!(
        "---\ntitle: {title}\ndate: 2026-01-15\nstrategies: [{strategies}]\n{lesson}---\nBody {body}.\n"
    )
}

/// A site of two write-ups, one with a lesson.
struct Cards {
    site: Site,
    config: String,
    builds: usize,
}

impl Cards {
    fn new(config: String, title: &str) -> Cards {
        let site = Site::new()
            .file("growthsite.yaml", &config)
            .file(
                "content/mistakes/alert.md",
                writeup(title, Some("Fix noisy alerts."), "reflect", 0),
            )
            .file(
                "content/mistakes/bare.md",
                writeup("Skipped the review", None, "acknowledge", 0),
            );
        Cards {
            site,
            config,
            builds: 0,
        }
    }

    /// Builds after a change to a page's body only (so that the build is
    /// not the last one's output again) and checks the card counts.
    fn build_expecting(&mut self, env: &[(&str, &str)], drawn: usize, known: usize) {
        self.builds += 1;
        self.site.write(
            "content/mistakes/bare.md",
            writeup("Skipped the review", None, "acknowledge", self.builds),
        );
        let cached = 2 - drawn;
        self.site
            .run_env(env, &["build", "--timings"])
            .assert_success()
            .stderr_contains(&format!(
                "social cards: {drawn} drawn, {cached} from the cache ({known} known by their text)"
            ));
    }

    fn config(&mut self, from: &str, to: &str) {
        self.config = self.config.replace(from, to);
        self.site.write("growthsite.yaml", &self.config);
    }
}

#[test]
fn a_known_card_is_found_by_its_texts_and_drawn_again_when_one_changes() {
    let mut cards = Cards::new(CONFIG.to_string(), "Snoozed an alert");
    cards.build_expecting(&[], 2, 0);
    let first = cards.site.read("public/mistakes/alert/index.html");
    cards.build_expecting(&[], 0, 2);
    assert!(cards.site.exists(".growthsite/cache/cards/index-1.bin"));
    assert_eq!(cards.site.read("public/mistakes/alert/index.html"), first);
    let alert =
        |title: &str, lesson: &str, strategies: &str| writeup(title, Some(lesson), strategies, 0);
    let changes = [
        alert("Snoozed the alert", "Fix noisy alerts.", "reflect"),
        alert("Snoozed the alert", "Delete noisy alerts.", "reflect"),
        alert(
            "Snoozed the alert",
            "Delete noisy alerts.",
            "reflect, acknowledge",
        ),
    ];
    for change in changes {
        cards.site.write("content/mistakes/alert.md", change);
        cards.build_expecting(&[], 1, 1);
    }
    // What every card shows: each card is drawn again.
    cards.config("title: Test Site", "title: Owning My Mistakes");
    cards.build_expecting(&[], 2, 0);
    cards.config("https://example.com/", "https://alice.github.io/growth/");
    cards.build_expecting(&[], 2, 0);
    // "The lesson" is only on the card that has one.
    cards.config("language: en", "language: fr");
    cards.build_expecting(&[], 1, 1);
    cards.config(
        "language: fr",
        "language: fr\nstrings:\n  the_lesson: À retenir",
    );
    cards.build_expecting(&[], 1, 1);
    cards.build_expecting(&[], 0, 2);
}

#[test]
fn a_changed_card_template_draws_the_cards_again() {
    let mut cards = Cards::new(CONFIG.to_string(), "Snoozed an alert");
    cards.build_expecting(&[], 2, 0);
    let theme = std::fs::read_to_string(repo_root().join("themes/default/templates/card.svg"))
        .expect("the theme's card.svg");
    let recoloured = theme.replace("#fbf7f1", "#ffffff");
    assert_ne!(recoloured, theme);
    cards.site.write("templates/card.svg", &recoloured);
    cards.build_expecting(&[], 2, 0);
    cards.build_expecting(&[], 0, 2);
    // A template change that draws the same SVG: the PNGs are found by the
    // SVG's hash, and known by their texts again the build after.
    cards
        .site
        .write("templates/card.svg", format!("{{# mine #}}\n{recoloured}"));
    cards.build_expecting(&[], 0, 0);
    cards.build_expecting(&[], 0, 2);
    // Back to the theme's template: its cards are still cached.
    cards.site.remove("templates/card.svg");
    cards.build_expecting(&[], 0, 0);
}

#[test]
fn new_system_fonts_draw_the_cards_that_use_them_again() {
    // A title Inter does not cover: the cards are drawn with the system's
    // fonts, here only those of a folder of the test's own.
    let mut cards = Cards::new(CONFIG.to_string(), "忘记备份数据库");
    let fonts = cards.site.scratch("fonts");
    std::fs::create_dir_all(&fonts).unwrap();
    let conf = cards.site.scratch("fonts.conf");
    std::fs::write(
        &conf,
        format!(
            "<?xml version=\"1.0\"?>\n<fontconfig><dir>{}</dir></fontconfig>\n",
            fonts.display()
        ),
    )
    .unwrap();
    let conf = conf.to_string_lossy().into_owned();
    let env = [("FONTCONFIG_FILE", conf.as_str())];
    cards.build_expecting(&env, 2, 0);
    cards.build_expecting(&env, 0, 2);
    std::fs::copy(
        repo_root().join("src/cards/fonts/Inter-Regular.otf"),
        fonts.join("Extra-Regular.otf"),
    )
    .unwrap();
    cards.build_expecting(&env, 2, 0);
    cards.build_expecting(&env, 0, 2);
}
