//! Stage 2, pure: a write-up's growth-loop front matter (`goals`,
//! `revisits`, `repeats`, SPEC §9) -> [`Growth`], each entry with the file
//! line it is written on. Checked here: the shape of every entry, its
//! dates, a `done` or a revisit dated before the write-up, and outcomes
//! (with "did you mean"). Whether a `repeats` link names an existing
//! write-up needs every document and is checked when the documents are
//! rendered, as `@/` links are ([`check_repeats`]). A goal whose `by` date has passed is a state ("overdue"),
//! judged against the build date when the site is assembled, not an error.

mod reader;
mod repeats;

pub use repeats::check_repeats;

use serde_yaml::Value;

use super::date::Date;
use super::front_matter::FrontMatter;
use crate::diag::{Diagnostic, Span};
use reader::Reader;

/// What came of a goal when the writer came back to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Outcome {
    /// The change held.
    Stuck,
    /// The old habit came back.
    Slipped,
    /// The goal itself changed: a better one replaced it.
    Changed,
}

impl Outcome {
    /// Every outcome, in the order pages show them.
    pub const ALL: [Outcome; 3] = [Outcome::Stuck, Outcome::Changed, Outcome::Slipped];

    /// The name written in front matter and given to templates.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::Stuck => "stuck",
            Outcome::Slipped => "slipped",
            Outcome::Changed => "changed",
        }
    }

    /// The outcome of a front-matter name.
    pub fn from_name(name: &str) -> Option<Outcome> {
        Outcome::ALL.into_iter().find(|o| o.name() == name)
    }
}

/// A commitment the write-up makes: what I will do differently.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Goal {
    /// The goal, plain text.
    pub text: String,
    /// The date it should be met by.
    pub by: Option<Date>,
    /// The date it was met.
    pub done: Option<Date>,
}

/// A later look back at the mistake: did the change hold?
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Revisit {
    /// When the writer came back.
    pub date: Date,
    /// What they found, Markdown (may be empty).
    pub note: String,
    /// The file line of `note:` (positions in the note count from there).
    pub note_line: usize,
    /// What came of it.
    pub outcome: Outcome,
}

/// An `@/` link to a write-up of the same mistake, made again.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Repeat {
    /// The `content/`-relative path it names: `mistakes/other.md`.
    pub target: String,
    /// Where the link is written.
    pub span: Span,
}

/// A write-up's goals, revisits and repeats, in the order written.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Growth {
    /// What the writer will do differently.
    pub goals: Vec<Goal>,
    /// Later looks back.
    pub revisits: Vec<Revisit>,
    /// The same mistake made again (or before).
    pub repeats: Vec<Repeat>,
}

impl Growth {
    /// Whether the write-up has no goal, revisit or repeat.
    pub fn is_empty(&self) -> bool {
        self.goals.is_empty() && self.revisits.is_empty() && self.repeats.is_empty()
    }

    /// The most recent revisit (the last written among those of the same
    /// day), which says where the lesson stands now.
    pub fn latest_revisit(&self) -> Option<&Revisit> {
        self.revisits
            .iter()
            .enumerate()
            .max_by_key(|(i, r)| (r.date.day_number(), *i))
            .map(|(_, r)| r)
    }
}

/// The front matter the growth keys are read from.
#[derive(Debug, Clone, Copy)]
pub struct GrowthSource<'a> {
    /// The file, relative to the site root.
    pub file: &'a str,
    /// The front matter's YAML text.
    pub yaml: &'a str,
    /// The file line the YAML starts on.
    pub yaml_line: usize,
    /// The write-up's own date, when it parsed: nothing is met or
    /// revisited before the mistake was written up.
    pub date: Option<Date>,
}

/// The values of the three keys, taken from the front matter.
#[derive(Debug, Clone, Default)]
pub struct GrowthValues {
    /// `goals:`.
    pub goals: Option<Value>,
    /// `revisits:`.
    pub revisits: Option<Value>,
    /// `repeats:`.
    pub repeats: Option<Value>,
}

/// Reads and checks the growth keys; every problem is returned, and the
/// entries that had one are left out.
pub fn parse_growth(source: &GrowthSource, values: GrowthValues) -> (Growth, Vec<Diagnostic>) {
    let mut reader = Reader::new(*source);
    let growth = Growth {
        goals: reader.goals(values.goals),
        revisits: reader.revisits(values.revisits),
        repeats: reader.repeats(values.repeats),
    };
    (growth, reader.problems)
}

/// Takes `goals`, `revisits` and `repeats` out of a write-up's front
/// matter, checked against the write-up's `date`.
pub fn take_growth(
    fm: &mut FrontMatter,
    date: Option<Date>,
    problems: &mut Vec<Diagnostic>,
) -> Growth {
    let (yaml, yaml_line) = fm.yaml();
    let source = GrowthSource {
        file: fm.file(),
        yaml,
        yaml_line,
        date,
    };
    let values = GrowthValues {
        goals: fm.take("goals"),
        revisits: fm.take("revisits"),
        repeats: fm.take("repeats"),
    };
    let (growth, more) = parse_growth(&source, values);
    problems.extend(more);
    growth
}

#[cfg(test)]
mod tests;
