//! Social cards: each write-up -> a 1200x630 PNG (`card.png` beside its
//! page) that `og:image` points at. The layout (lines broken to fit, an
//! ellipsis when a title or lesson is too long, chips placed) is computed
//! here; the theme's `card.svg` template draws it, so a site can restyle
//! its cards by overriding one file; [`render`] turns the SVG into a PNG
//! with resvg and caches it by content.
//!
//! The fonts ship with the binary: Inter (SIL Open Font License, see
//! `fonts/OFL.txt`), which covers Latin, Greek and Cyrillic. Other scripts
//! (CJK, Arabic, ...) are drawn with the system's fonts when the machine
//! has some: an embedded CJK font would add about 16 MB per weight.

pub mod encode;
pub mod index;
pub mod palette;
pub mod render;
pub mod shared;
pub mod text;

use serde_json::{Value, json};

use text::{Metrics, wrap, wrap_or_cut};

/// Inter Regular, for the lesson, chips and site name.
pub const FONT_REGULAR: &[u8] = include_bytes!("fonts/Inter-Regular.otf");
/// Inter Bold, for the title.
pub const FONT_BOLD: &[u8] = include_bytes!("fonts/Inter-Bold.otf");
/// Card width in pixels (what social sites ask for).
pub const CARD_WIDTH: u32 = 1200;
/// Card height in pixels.
pub const CARD_HEIGHT: u32 = 630;
/// The card's file name, beside its write-up's page.
pub const CARD_FILE: &str = "card.png";
/// The theme template that draws a card.
pub const CARD_TEMPLATE: &str = "card.svg";

const MARGIN: f32 = 72.0;
const TITLE_TOP: f32 = 136.0;
const LESSON_SIZE: f32 = 30.0;
const LESSON_LINE: f32 = 40.0;
const BOX_BOTTOM_LIMIT: f32 = 516.0;
const CHIP_SIZE: f32 = 22.0;
const CHIP_PAD: f32 = 18.0;

/// What a card shows.
#[derive(Debug, Clone, Copy)]
pub struct CardText<'a> {
    /// The write-up's title.
    pub title: &'a str,
    /// Its lesson, if it has one.
    pub lesson: Option<&'a str>,
    /// The names of its strategies, in order.
    pub strategies: &'a [String],
    /// The site's title.
    pub site: &'a str,
    /// Where the site lives, shown small: `alice.github.io/growth`.
    pub address: &'a str,
    /// "The lesson", in the site's language.
    pub lesson_label: &'a str,
}

/// The metrics of the shipped fonts.
#[derive(Debug, Clone)]
pub struct CardMetrics {
    regular: Metrics,
    bold: Metrics,
}

impl Default for CardMetrics {
    fn default() -> Self {
        CardMetrics {
            regular: Metrics::new(FONT_REGULAR),
            bold: Metrics::new(FONT_BOLD),
        }
    }
}

impl CardMetrics {
    /// Whether the shipped fonts draw every character of `text`.
    pub fn covers(&self, text: &str) -> bool {
        // Both fonts draw all of printable ASCII (a test holds them to
        // it): most texts need no lookup.
        let plain = |b: u8| b.is_ascii_graphic() || b.is_ascii_whitespace();
        text.bytes().all(plain)
            || text
                .chars()
                .all(|c| self.bold.covers(c) && self.regular.covers(c))
    }
}

/// The card's layout, as the `card` value of the `card.svg` template:
/// `title.lines` (each with its `y`), `title.size`, `lesson` (absent, or
/// its `lines`, `label`, box `y` and `height`), `chips` (each `name`, `x`, `width`,
/// `text_x`), `site`, `address` and the card's `width` and `height`.
pub fn card_layout(card: CardText, metrics: &CardMetrics) -> Value {
    let width = CARD_WIDTH as f32 - 2.0 * MARGIN;
    let has_lesson = card.lesson.is_some_and(|l| !l.trim().is_empty());
    let choices: &[(f32, usize)] = if has_lesson {
        &[(64.0, 2), (54.0, 3), (46.0, 3)]
    } else {
        &[(76.0, 3), (64.0, 4), (54.0, 5)]
    };
    let (size, lines) = choices
        .iter()
        .find_map(|&(size, max)| Some((size, wrap(&metrics.bold, card.title, size, width, max)?)))
        .unwrap_or_else(|| {
            let (size, max) = choices[choices.len() - 1];
            (
                size,
                wrap_or_cut(&metrics.bold, card.title, size, width, max),
            )
        });
    let line_height = (size * 1.12).round();
    let first = TITLE_TOP + (size * 0.9).round();
    let title_lines: Vec<Value> = lines
        .iter()
        .enumerate()
        .map(|(i, text)| json!({"text": text, "y": first + i as f32 * line_height}))
        .collect();
    let title_bottom = TITLE_TOP + lines.len() as f32 * line_height;
    let lesson = card.lesson.filter(|_| has_lesson).map(|lesson| {
        let y = (title_bottom + 28.0).round();
        let room = ((BOX_BOTTOM_LIMIT - y - 116.0) / LESSON_LINE)
            .floor()
            .max(0.0) as usize
            + 1;
        let lines = wrap_or_cut(
            &metrics.regular,
            lesson,
            LESSON_SIZE,
            width - 60.0,
            room.min(3),
        );
        let lines: Vec<Value> = lines
            .iter()
            .enumerate()
            .map(|(i, text)| json!({"text": text, "y": y + 90.0 + i as f32 * LESSON_LINE}))
            .collect();
        let height = 116.0 + (lines.len().max(1) - 1) as f32 * LESSON_LINE;
        json!({"y": y, "height": height, "label": card.lesson_label, "label_y": y + 44.0, "lines": lines})
    });
    let address_width = metrics.regular.width(card.address, CHIP_SIZE);
    let chips_end = CARD_WIDTH as f32 - MARGIN - address_width - 32.0;
    let chip_width = |name: &str| (metrics.regular.width(name, CHIP_SIZE) + 2.0 * CHIP_PAD).round();
    let mut x = MARGIN;
    let mut chips = Vec::new();
    for (i, name) in card.strategies.iter().enumerate() {
        // Room for this chip, and for a "+N" chip after it if others follow.
        let left = card.strategies.len() - i - 1;
        let more = if left > 0 {
            chip_width(&format!("+{left}")) + 12.0
        } else {
            0.0
        };
        let width = chip_width(name);
        if x + width + more > chips_end {
            let label = format!("+{}", left + 1);
            let width = chip_width(&label);
            chips.push(json!({"name": label, "x": x, "width": width, "text_x": x + CHIP_PAD}));
            break;
        }
        chips.push(json!({"name": name, "x": x, "width": width, "text_x": x + CHIP_PAD}));
        x += width + 12.0;
    }
    json!({
        "width": CARD_WIDTH,
        "height": CARD_HEIGHT,
        "site": card.site,
        "address": card.address,
        "title": {"size": size, "lines": title_lines},
        "lesson": lesson,
        "chips": chips,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn layout(title: &str, lesson: Option<&str>) -> Value {
        let strategies = ["Reflect".to_string(), "Seek feedback".to_string()];
        card_layout(
            CardText {
                title,
                lesson,
                strategies: &strategies,
                site: "Owning My Mistakes",
                address: "alice.github.io/growth",
                lesson_label: "The lesson",
            },
            &CardMetrics::default(),
        )
    }

    #[test]
    fn short_titles_are_big_and_long_ones_are_cut() {
        let short = layout("Snoozed an alert", Some("Fix or delete noisy alerts."));
        assert_eq!(short["title"]["size"], 64.0);
        assert_eq!(short["title"]["lines"].as_array().unwrap().len(), 1);
        let long = layout(&"a very long title that goes on ".repeat(8), Some("L."));
        let lines = long["title"]["lines"].as_array().unwrap();
        assert_eq!(lines.len(), 3);
        assert!(lines[2]["text"].as_str().unwrap().ends_with('…'));
        assert_eq!(long["chips"].as_array().unwrap().len(), 2);
        let many: Vec<String> = [
            "Acknowledge",
            "Reflect",
            "Seek feedback",
            "Set goals for improvement",
            "Adapt and adjust",
        ]
        .map(String::from)
        .to_vec();
        let card = card_layout(
            CardText {
                title: "T",
                lesson: None,
                strategies: &many,
                site: "S",
                address: "alice.github.io/growth",
                lesson_label: "The lesson",
            },
            &CardMetrics::default(),
        );
        let names: Vec<&str> = card["chips"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| c["name"].as_str().unwrap())
            .collect();
        assert_eq!(names, ["Acknowledge", "Reflect", "Seek feedback", "+2"]);
    }

    #[test]
    fn the_shipped_fonts_draw_all_of_printable_ascii() {
        let metrics = CardMetrics::default();
        for c in (b' '..=b'~').map(char::from) {
            assert!(metrics.bold.covers(c) && metrics.regular.covers(c), "{c:?}");
        }
        assert!(metrics.covers("Ошибка: a \"quoted\" title\t~"));
        assert!(!metrics.covers("失敗"));
        assert!(!metrics.covers("a\u{7}"));
    }

    #[test]
    fn without_a_lesson_the_title_takes_the_room() {
        let card = layout("Snoozed an alert", None);
        assert_eq!(card["title"]["size"], 76.0);
        assert!(card["lesson"].is_null());
    }

    #[test]
    fn the_lesson_box_stays_above_the_chips() {
        let card = layout(
            "Shipped a schema migration with no rollback on a Friday afternoon before a long weekend",
            Some(&"Write and test the rollback before you write the migration. ".repeat(4)),
        );
        let lesson = &card["lesson"];
        let bottom = lesson["y"].as_f64().unwrap() + lesson["height"].as_f64().unwrap();
        assert!(bottom <= 532.0, "{card}");
    }
}
