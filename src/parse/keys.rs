//! The front-matter keys growthsite reads, by kind of document: any other
//! key goes to `page.extra`, with a warning when it looks like a typo of
//! one of these (`FrontMatter::misspelled_keys`).

/// The front-matter keys of a write-up (SPEC §4 and §9); any other key
/// goes to `page.extra`, with a warning when it looks like a typo of one
/// of these. A key growthsite does not read yet is listed once the SPEC
/// has it, so that its typos are caught from the start.
pub const WRITEUP_KEYS: &[&str] = &[
    "title",
    "date",
    "updated",
    "strategies",
    "lesson",
    "severity",
    "summary",
    "slug",
    "draft",
    "faq",
    "aliases",
    "redirect_from",
    "goals",
    "revisits",
    "repeats",
];

/// The front-matter keys of a plain page and of the FAQ page.
pub const PAGE_KEYS: &[&str] = &[
    "title",
    "description",
    "slug",
    "draft",
    "faq",
    "aliases",
    "redirect_from",
];
