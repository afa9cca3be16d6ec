//! Readable URL slugs from titles, file names and heading text.

/// Lower-case ASCII words joined by `-`: `Überstunden im März` gives
/// `uberstunden-im-marz`. Returns an empty string when nothing is left.
pub fn slugify(text: &str) -> String {
    let ascii = deunicode::deunicode(text);
    let mut slug = String::with_capacity(ascii.len());
    for c in ascii.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.is_empty() && !slug.ends_with('-') {
            slug.push('-');
        }
    }
    while slug.ends_with('-') {
        slug.pop();
    }
    slug
}

/// A heading's id as GitHub (and Hugo, and kramdown's GFM mode) writes
/// it, so that old `#anchors` keep working: lower case; letters and digits
/// of any script, `-` and `_` kept; each space a `-`; everything else
/// dropped. `What's a homelab?` gives `whats-a-homelab`.
pub fn heading_slug(text: &str) -> String {
    text.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' | '\t' => Some('-'),
            '-' | '_' => Some(c),
            c if c.is_alphanumeric() => Some(c),
            _ => None,
        })
        .collect()
}

/// The slug a write-up gets from its file stem: a leading `YYYY-MM-DD-` is
/// dropped, as in Jekyll and Zola.
pub fn slug_from_stem(stem: &str) -> String {
    let bytes = stem.as_bytes();
    let dated = bytes.len() > 11
        && bytes[..10].iter().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                *b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
        && matches!(bytes[10], b'-' | b'_');
    slugify(if dated { &stem[11..] } else { stem })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_slugs_readable() {
        for (title, slug) in [
            ("Überstunden", "uberstunden"),
            (
                "  Shipped a migration -- with no rollback! ",
                "shipped-a-migration-with-no-rollback",
            ),
            ("???", ""),
        ] {
            assert_eq!(slugify(title), slug, "{title}");
        }
    }

    #[test]
    fn heading_slugs_are_githubs() {
        for (heading, id) in [
            ("What's a homelab?", "whats-a-homelab"),
            ("What’s new in v2.0", "whats-new-in-v20"),
            ("Überstunden im März", "überstunden-im-märz"),
            ("snake_case and kebab-case", "snake_case-and-kebab-case"),
            ("A -- B", "a----b"),
            ("日本語 2", "日本語-2"),
            ("???", ""),
        ] {
            assert_eq!(heading_slug(heading), id, "{heading}");
        }
    }

    #[test]
    fn drops_a_leading_date_from_file_stems() {
        for (stem, slug) in [
            ("2026-03-14-no-rollback", "no-rollback"),
            ("2026-03-14", "2026-03-14"),
            ("My_Post", "my-post"),
        ] {
            assert_eq!(slug_from_stem(stem), slug, "{stem}");
        }
    }
}
