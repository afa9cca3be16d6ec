//! Byte offsets in a text -> 1-based lines and columns (in characters, as
//! editors count them): the one place positions are computed.

/// Turns a byte offset in `text` into a 1-based line and column (columns
/// count characters, as editors do).
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    LineCursor::new(text).at(offset)
}

/// Turns byte offsets of a text into 1-based lines and columns (in
/// characters), walking
/// forward from the last offset asked for, so that a document's links cost
/// one pass over it however many there are.
#[derive(Debug, Clone)]
pub struct LineCursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    line_start: usize,
}

impl<'a> LineCursor<'a> {
    /// A cursor at the start of `text`.
    pub fn new(text: &'a str) -> Self {
        LineCursor {
            text,
            offset: 0,
            line: 1,
            line_start: 0,
        }
    }

    /// The line and column (in characters) of `offset`.
    pub fn at(&mut self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = LineCursor::new(self.text);
        }
        let passed = &self.text[self.offset..offset];
        if let Some(last) = passed.rfind('\n') {
            self.line += passed.matches('\n').count();
            self.line_start = self.offset + last + 1;
        }
        self.offset = offset;
        let col = self.text[self.line_start..offset].chars().count() + 1;
        (self.line, col)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_lines_and_characters() {
        let text = "ab\ncdé\nf";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, 3), (2, 1));
        assert_eq!(line_col(text, 8), (3, 1));
        assert_eq!(line_col(text, 7), (2, 4));
    }

    #[test]
    fn the_cursor_walks_forward_and_back() {
        let mut cursor = LineCursor::new("ab\ncdé\nf");
        assert_eq!(cursor.at(3), (2, 1));
        assert_eq!(cursor.at(7), (2, 4));
        assert_eq!(cursor.at(8), (3, 1));
        assert_eq!(cursor.at(4), (2, 2));
    }
}
