//! Text on a card: widths measured with the shipped font's advances, and
//! lines broken to a width, with an ellipsis when the text does not fit.
//! Pure: a [`Metrics`] is read once from the font's bytes.

/// Advance widths of one font, in em.
#[derive(Debug, Clone)]
pub struct Metrics {
    advances: std::collections::HashMap<char, f32>,
}

impl Metrics {
    /// Reads the advance of every character the font maps.
    pub fn new(font: &[u8]) -> Metrics {
        let mut advances = std::collections::HashMap::new();
        if let Ok(face) = ttf_parser::Face::parse(font, 0) {
            let em = f32::from(face.units_per_em());
            if let Some(cmap) = face.tables().cmap {
                for subtable in cmap.subtables {
                    if !subtable.is_unicode() {
                        continue;
                    }
                    subtable.codepoints(|code| {
                        let Some(c) = char::from_u32(code) else {
                            return;
                        };
                        let advance = subtable
                            .glyph_index(code)
                            .and_then(|glyph| face.glyph_hor_advance(glyph));
                        if let Some(advance) = advance {
                            advances.insert(c, f32::from(advance) / em);
                        }
                    });
                }
            }
        }
        Metrics { advances }
    }

    /// Whether the font draws `c`.
    pub fn covers(&self, c: char) -> bool {
        c.is_whitespace() || self.advances.contains_key(&c)
    }

    /// The width of `text` at `size` pixels. Characters the font lacks are
    /// drawn by a fallback font; they count one em (CJK glyphs are square).
    pub fn width(&self, text: &str, size: f32) -> f32 {
        text.chars()
            .map(|c| self.advances.get(&c).copied().unwrap_or(1.0))
            .sum::<f32>()
            * size
    }
}

/// Whether a line may break after `c` without a space: ideographs and kana.
fn breaks_anywhere(c: char) -> bool {
    matches!(c as u32, 0x3040..=0x30FF | 0x3400..=0x4DBF | 0x4E00..=0x9FFF | 0xAC00..=0xD7AF | 0xF900..=0xFAFF)
}

/// Words and the places a line may break: `"a b"` -> `["a ", "b"]`, each
/// ideograph its own piece.
fn pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    let mut chars = text.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        let end = i + c.len_utf8();
        let next_is_word = chars.peek().is_some_and(|(_, n)| !n.is_whitespace());
        if (c.is_whitespace() && next_is_word) || breaks_anywhere(c) {
            pieces.push(&text[start..end]);
            start = end;
        }
    }
    if start < text.len() {
        pieces.push(&text[start..]);
    }
    pieces
}

/// Breaks `text` into at most `max_lines` lines no wider than `width` at
/// `size`. `None` when it needs more lines; see [`wrap_or_cut`].
pub fn wrap(
    metrics: &Metrics,
    text: &str,
    size: f32,
    width: f32,
    max_lines: usize,
) -> Option<Vec<String>> {
    let lines = lines_of(metrics, text, size, width);
    (lines.len() <= max_lines).then_some(lines)
}

/// Like [`wrap`], but a text that needs more lines is cut, and its last
/// line ends with an ellipsis.
pub fn wrap_or_cut(
    metrics: &Metrics,
    text: &str,
    size: f32,
    width: f32,
    max_lines: usize,
) -> Vec<String> {
    let mut lines = lines_of(metrics, text, size, width);
    if lines.len() <= max_lines || max_lines == 0 {
        lines.truncate(max_lines);
        return lines;
    }
    lines.truncate(max_lines);
    let last = lines.last_mut().expect("max_lines > 0");
    loop {
        let candidate = format!("{}…", last.trim_end_matches([' ', ',', ';', ':', '-', '–']));
        if metrics.width(&candidate, size) <= width || last.is_empty() {
            *last = candidate;
            return lines;
        }
        last.pop();
    }
}

fn lines_of(metrics: &Metrics, text: &str, size: f32, width: f32) -> Vec<String> {
    let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for piece in pieces(&text) {
        let candidate = format!("{line}{piece}");
        if line.is_empty() || metrics.width(candidate.trim_end(), size) <= width {
            line = candidate;
        } else {
            lines.push(line.trim_end().to_string());
            line = piece.to_string();
        }
        // A single word wider than the line is cut where it overflows.
        while metrics.width(line.trim_end(), size) > width && line.chars().count() > 1 {
            let mut head = String::new();
            for c in line.chars() {
                if metrics.width(&format!("{head}{c}"), size) > width {
                    break;
                }
                head.push(c);
            }
            if head.is_empty() {
                break;
            }
            line = line[head.len()..].to_string();
            lines.push(head);
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn metrics() -> Metrics {
        Metrics::new(super::super::FONT_REGULAR)
    }

    #[test]
    fn lines_break_between_words_and_never_overflow() {
        let m = metrics();
        let lines = wrap(
            &m,
            "Shipped a schema migration with no rollback",
            40.0,
            400.0,
            5,
        )
        .unwrap();
        assert!(lines.len() >= 2, "{lines:?}");
        assert!(lines.iter().all(|l| m.width(l, 40.0) <= 400.0), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "Shipped a schema migration with no rollback"
        );
    }

    #[test]
    fn a_word_wider_than_the_line_is_cut() {
        let m = metrics();
        let lines = wrap_or_cut(&m, &"x".repeat(200), 40.0, 400.0, 3);
        assert!(lines.iter().all(|l| m.width(l, 40.0) <= 400.0), "{lines:?}");
        assert!(lines[2].ends_with('…'));
    }

    #[test]
    fn a_long_text_is_cut_with_an_ellipsis() {
        let m = metrics();
        let text = "word ".repeat(60);
        assert!(wrap(&m, &text, 40.0, 400.0, 2).is_none());
        let lines = wrap_or_cut(&m, &text, 40.0, 400.0, 2);
        assert_eq!(lines.len(), 2);
        assert!(lines[1].ends_with('…'), "{lines:?}");
        assert!(m.width(&lines[1], 40.0) <= 400.0);
    }

    #[test]
    fn greek_and_cyrillic_are_covered_and_ideographs_break_anywhere() {
        let m = metrics();
        assert!("Ошибка μάθημα".chars().all(|c| m.covers(c)));
        assert!(!m.covers('失'));
        let lines = wrap(&m, "本番のバケットを消してしまった", 40.0, 200.0, 5).unwrap();
        assert!(lines.len() >= 3, "{lines:?}");
        assert_eq!(lines.concat(), "本番のバケットを消してしまった");
    }
}
