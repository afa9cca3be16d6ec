//! The names a template may call, for "did you mean": Tera's own (2.4)
//! and the ones growthsite registers (`render::templates`).

/// Tera's filters (2.4) and growthsite's, for "did you mean". A unit test
/// checks that each one exists.
pub const FILTERS: &[&str] = &[
    "safe",
    "default",
    "upper",
    "lower",
    "wordcount",
    "escape",
    "escape_html",
    "escape_xml",
    "newlines_to_br",
    "pluralize",
    "trim",
    "trim_start",
    "trim_end",
    "replace",
    "capitalize",
    "title",
    "truncate",
    "indent",
    "str",
    "int",
    "float",
    "length",
    "reverse",
    "split",
    "abs",
    "round",
    "first",
    "last",
    "nth",
    "join",
    "sort",
    "unique",
    "get",
    "values",
    "keys",
    "pairs",
    "group_by",
    "json",
    "striptags",
];

/// Tera's functions and growthsite's.
pub const FUNCTIONS: &[&str] = &["range", "throw", "url_for", "asset", "has_asset"];

/// Tera's tests (`x is defined`).
pub const TESTS: &[&str] = &[
    "string",
    "number",
    "map",
    "bool",
    "array",
    "integer",
    "float",
    "none",
    "iterable",
    "defined",
    "undefined",
    "odd",
    "even",
    "divisible_by",
    "starting_with",
    "ending_with",
    "containing",
];
