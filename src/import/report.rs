//! The import report: everything `import` could not convert, or changed in
//! a way worth a look, each with its file and line in the new site (and
//! where it came from in the old one) and what to do -> `import-report.md`.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// What a note is about; the report has one section per kind, in this order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// The new site's settings need a value.
    Config,
    /// Liquid or a shortcode left in the text: growthsite runs neither.
    Leftover,
    /// An `@/` link the import could not resolve.
    Link,
    /// An embed (video, tweet, gist) turned into a plain link.
    Embed,
    /// A front matter that does not parse: the post was not imported.
    FrontMatter,
    /// A date written in another form, rewritten.
    Date,
    /// An old URL that cannot become an alias.
    Alias,
    /// A tag or category with no strategy in the mapping.
    Strategy,
    /// A post without a `lesson`.
    Lesson,
    /// Pages, sections and collections that were not imported.
    NotImported,
    /// Files not copied (symlinks that leave the source, unreadable files).
    File,
}

impl Kind {
    /// Every kind, in report order.
    pub const ALL: [Kind; 11] = [
        Kind::Config,
        Kind::FrontMatter,
        Kind::Leftover,
        Kind::Link,
        Kind::Embed,
        Kind::Date,
        Kind::Alias,
        Kind::Strategy,
        Kind::Lesson,
        Kind::NotImported,
        Kind::File,
    ];

    /// A short name, for the summary line: `leftover`.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Config => "config",
            Kind::Leftover => "leftover",
            Kind::Link => "link",
            Kind::Embed => "embed",
            Kind::FrontMatter => "front matter",
            Kind::Date => "date",
            Kind::Alias => "alias",
            Kind::Strategy => "strategy",
            Kind::Lesson => "lesson",
            Kind::NotImported => "not imported",
            Kind::File => "file",
        }
    }

    fn heading(self) -> &'static str {
        match self {
            Kind::Config => "Settings to check",
            Kind::Leftover => "Liquid and shortcodes left in the text",
            Kind::Link => "Links the import could not resolve",
            Kind::Embed => "Embeds turned into links",
            Kind::FrontMatter => "Posts whose front matter does not parse (not imported)",
            Kind::Date => "Dates rewritten",
            Kind::Alias => "Old URLs that did not become aliases",
            Kind::Strategy => "Tags and categories without a strategy",
            Kind::Lesson => "Write-ups without a lesson",
            Kind::NotImported => "Not imported",
            Kind::File => "Files not copied",
        }
    }
}

/// One thing to look at.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Note {
    /// What it is about.
    pub kind: Kind,
    /// The file in the new site (or the old one, when nothing was written),
    /// `/`-separated.
    pub file: String,
    /// Its line, or 0.
    pub line: usize,
    /// Where it came from in the old blog, when that helps: `_posts/a.md:12`.
    pub source: Option<String>,
    /// What was found.
    pub what: String,
    /// What to do about it.
    pub todo: String,
}

impl Note {
    /// A note on `file` (line 0: the whole file).
    pub fn new(kind: Kind, file: impl Into<String>, what: impl Into<String>) -> Note {
        Note {
            kind,
            file: file.into(),
            line: 0,
            source: None,
            what: what.into(),
            todo: String::new(),
        }
    }

    /// A file the import could not read, with the system's reason.
    pub fn unreadable(file: impl Into<String>, error: impl std::fmt::Display) -> Note {
        Note::new(Kind::File, file, format!("could not be read: {error}"))
    }

    /// At a line.
    pub fn at(mut self, line: usize) -> Note {
        self.line = line;
        self
    }

    /// With what to do.
    pub fn todo(mut self, todo: impl Into<String>) -> Note {
        self.todo = todo.into();
        self
    }

    /// With its origin in the old blog.
    pub fn from_source(mut self, file: &str, line: usize) -> Note {
        self.source = Some(if line > 0 {
            format!("{file}:{line}")
        } else {
            file.to_string()
        });
        self
    }

    fn position(&self) -> String {
        if self.line > 0 {
            format!("{}:{}", self.file, self.line)
        } else {
            self.file.clone()
        }
    }
}

/// How many notes of each kind.
pub fn count_by_kind(notes: &[Note]) -> BTreeMap<Kind, usize> {
    let mut counts = BTreeMap::new();
    for note in notes {
        *counts.entry(note.kind).or_insert(0) += 1;
    }
    counts
}

/// The counts as `3 leftover, 12 lesson`, in report order.
pub fn counts_line(notes: &[Note]) -> String {
    let counts = count_by_kind(notes);
    Kind::ALL
        .iter()
        .filter_map(|kind| counts.get(kind).map(|n| format!("{n} {}", kind.name())))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Figures of the import for the report's opening lines.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// `Jekyll` or `Hugo`.
    pub generator: &'static str,
    /// Posts found.
    pub posts_in: usize,
    /// Write-ups written.
    pub writeups: usize,
    /// Plain pages written.
    pub pages: usize,
    /// Aliases written into front matter.
    pub aliases: usize,
    /// Files copied.
    pub copied: usize,
}

/// `import-report.md`: the figures, then one section per kind of note,
/// each line `file:line` (and its origin), what was found, what to do.
pub fn render_report(figures: &Figures, notes: &[Note]) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# Import report\n");
    let n = |count: usize, one: &str, many: &str| {
        format!("{count} {}", if count == 1 { one } else { many })
    };
    let _ = writeln!(
        out,
        "Imported from a {} blog: {} in, {} and {} out, {} kept as aliases, {} copied.\n",
        figures.generator,
        n(figures.posts_in, "post", "posts"),
        n(figures.writeups, "write-up", "write-ups"),
        n(figures.pages, "page", "pages"),
        n(figures.aliases, "old URL", "old URLs"),
        n(figures.copied, "file", "files"),
    );
    if notes.is_empty() {
        let _ = writeln!(out, "Nothing to review.");
        return out;
    }
    let _ = writeln!(
        out,
        "Each line names a file of this site (and where it came from), what was found and what to do. \
         `growthsite check` reports the same leftovers as warnings until they are fixed. \
         To change which strategy a tag or category becomes, edit `import-mapping.yaml` and run the same import again.\n"
    );
    let mut sorted: Vec<&Note> = notes.iter().collect();
    sorted.sort();
    sorted.dedup();
    for kind in Kind::ALL {
        let of_kind: Vec<&&Note> = sorted.iter().filter(|n| n.kind == kind).collect();
        if of_kind.is_empty() {
            continue;
        }
        let _ = writeln!(out, "## {} ({})\n", kind.heading(), of_kind.len());
        for note in of_kind {
            let _ = write!(out, "- `{}`", note.position());
            if let Some(source) = &note.source {
                let _ = write!(out, " (from `{source}`)");
            }
            let _ = write!(out, ": {}", note.what);
            if !note.todo.is_empty() {
                let _ = write!(out, " — {}", note.todo);
            }
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn notes_are_grouped_by_kind_and_sorted() {
        let notes = vec![
            Note::new(Kind::Lesson, "content/mistakes/b.md", "no `lesson`").at(1),
            Note::new(
                Kind::Leftover,
                "content/mistakes/a.md",
                "`{% include x.html %}`",
            )
            .at(9)
            .from_source("_posts/2019-01-01-a.md", 7)
            .todo("write it as Markdown"),
            Note::new(Kind::Lesson, "content/mistakes/a.md", "no `lesson`").at(1),
        ];
        let text = render_report(&Figures::default(), &notes);
        let leftover = text.find("## Liquid").unwrap();
        let lessons = text.find("## Write-ups without a lesson (2)").unwrap();
        assert!(leftover < lessons, "{text}");
        assert!(text.contains(
            "- `content/mistakes/a.md:9` (from `_posts/2019-01-01-a.md:7`): `{% include x.html %}` — write it as Markdown\n"
        ));
        assert!(text.find("mistakes/a.md:1").unwrap() < text.find("mistakes/b.md:1").unwrap());
        assert_eq!(counts_line(&notes), "1 leftover, 2 lesson");
    }
}
