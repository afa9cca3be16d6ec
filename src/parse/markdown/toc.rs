//! A document's `##` and `###` headings, for its table of contents. A
//! build holds every write-up's until its page renders: their texts share
//! one buffer per document (a `String` for each heading's id and title
//! took about 47 MB at 100,000 write-ups).

/// A heading for the table of contents (read from a [`Toc`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TocEntry<'a> {
    /// 2 or 3.
    pub level: u8,
    /// The heading's id.
    pub id: &'a str,
    /// The heading's text.
    pub title: &'a str,
}

/// The headings of a document, in order.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Toc {
    text: String,
    /// Per heading: its level, and where its id and title end in `text`.
    headings: Vec<(u8, u32, u32)>,
}

impl Toc {
    /// Adds a heading.
    pub fn push(&mut self, level: u8, id: &str, title: &str) {
        let at = |n: usize| u32::try_from(n).unwrap_or(u32::MAX);
        self.text.push_str(id);
        let id_end = at(self.text.len());
        self.text.push_str(title);
        self.headings.push((level, id_end, at(self.text.len())));
    }

    /// Every heading, in order.
    pub fn iter(&self) -> impl Iterator<Item = TocEntry<'_>> {
        let mut start = 0;
        self.headings
            .iter()
            .map(move |&(level, id_end, title_end)| {
                let (id_end, title_end) = (id_end as usize, title_end as usize);
                let entry = TocEntry {
                    level,
                    id: &self.text[start..id_end],
                    title: &self.text[id_end..title_end],
                };
                start = title_end;
                entry
            })
    }

    /// How many headings there are.
    pub fn len(&self) -> usize {
        self.headings.len()
    }

    /// Whether there are none.
    pub fn is_empty(&self) -> bool {
        self.headings.is_empty()
    }

    /// Frees the room kept for more headings.
    pub fn shrink_to_fit(&mut self) {
        self.text.shrink_to_fit();
        self.headings.shrink_to_fit();
    }
}

#[cfg(test)]
mod tests {
    use super::{Toc, TocEntry};

    #[test]
    fn headings_read_back_in_order() {
        let mut toc = Toc::default();
        toc.push(2, "the-context", "The context");
        toc.push(3, "", "");
        toc.push(3, "caf\u{e9}", "Caf\u{e9}");
        let read: Vec<TocEntry> = toc.iter().collect();
        assert_eq!(toc.len(), 3);
        assert_eq!(
            read[0],
            TocEntry {
                level: 2,
                id: "the-context",
                title: "The context"
            }
        );
        assert_eq!(
            read[1],
            TocEntry {
                level: 3,
                id: "",
                title: ""
            }
        );
        assert_eq!(
            read[2],
            TocEntry {
                level: 3,
                id: "caf\u{e9}",
                title: "Caf\u{e9}"
            }
        );
    }
}
