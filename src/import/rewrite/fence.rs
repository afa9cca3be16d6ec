//! Fenced code, found line by line, for the rewriters that leave code as
//! written (emoji codes, kramdown attributes).

/// Whether the lines fed so far are inside a fenced code block.
#[derive(Debug, Default)]
pub struct Fences {
    /// The marker that opened the block the lines are in (```` ``` ````, `~~~~`).
    open: Option<String>,
}

impl Fences {
    /// Takes the next line and tells whether it is code: a fence line, or
    /// a line inside a block. A fence is three or more backticks or tildes
    /// of one kind; it closes at a line of at least as many of the same,
    /// alone on it.
    pub fn is_code(&mut self, line: &str) -> bool {
        let trimmed = line.trim();
        let marker = &trimmed[..trimmed.len() - trimmed.trim_start_matches(['`', '~']).len()];
        let one_kind = marker.chars().all(|c| marker.starts_with(c));
        if marker.len() < 3 || !one_kind {
            return self.open.is_some();
        }
        match &self.open {
            Some(open) if marker.starts_with(open.as_str()) && marker.len() == trimmed.len() => {
                self.open = None;
            }
            None => self.open = Some(marker.to_string()),
            Some(_) => {}
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_block_closes_only_at_its_own_kind_and_length() {
        let text = "a\n````rust\n```\n~~~\n`````\nb\n~~~\n``~\n";
        let mut fences = Fences::default();
        let code: Vec<bool> = text.lines().map(|l| fences.is_code(l)).collect();
        assert_eq!(
            code,
            [false, true, true, true, true, false, true, true],
            "{text:?}"
        );
    }
}
