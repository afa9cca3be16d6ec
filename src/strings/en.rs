//! English: the reference table. Every key of the theme is here, and the
//! other languages have exactly these keys (a unit test checks it).

/// `(key, text)`, grouped by where the theme shows them.
pub const TABLE: &[(&str, &str)] = &[
    // Layout, navigation, footer
    ("skip_to_content", "Skip to content"),
    ("nav_label", "Site"),
    ("nav_writeups", "Write-ups"),
    ("nav_strategies", "Strategies"),
    ("nav_lessons", "Lessons"),
    ("nav_faq", "FAQ"),
    ("nav_search", "Search"),
    ("home", "Home"),
    ("breadcrumb_label", "Breadcrumb"),
    ("footer_written_by", "Written by {author}."),
    ("footer_follow", "Follow new write-ups with the {feed}."),
    ("footer_feed", "Atom feed"),
    (
        "footer_motto",
        "Every mistake here is owned: what happened, why, and what changed.",
    ),
    // Dates: {day} {month} {year}
    ("date_format", "{day} {month} {year}"),
    ("month_1", "January"),
    ("month_2", "February"),
    ("month_3", "March"),
    ("month_4", "April"),
    ("month_5", "May"),
    ("month_6", "June"),
    ("month_7", "July"),
    ("month_8", "August"),
    ("month_9", "September"),
    ("month_10", "October"),
    ("month_11", "November"),
    ("month_12", "December"),
    // A write-up and its card
    ("updated", "updated"),
    ("min_read", "min read"),
    ("severity_low", "Low severity"),
    ("severity_medium", "Medium severity"),
    ("severity_high", "High severity"),
    ("the_lesson", "The lesson"),
    ("lesson", "Lesson"),
    ("strategies_used", "Strategies used"),
    ("strategies_label", "Strategies"),
    ("writeup_questions", "Questions about this write-up"),
    ("related", "Related write-ups"),
    ("adjacent_label", "Earlier and later write-ups"),
    ("earlier", "← Earlier"),
    ("later", "Later →"),
    (
        "unknown_strategy",
        "Not a strategy of this site: check its spelling against growthsite.yaml",
    ),
    ("toc", "On this page"),
    ("draft", "Draft"),
    (
        "draft_note",
        "not published: build and deploy leave it out until {code} is removed.",
    ),
    ("scheduled", "Scheduled"),
    (
        "scheduled_note",
        "dated {date}: build and deploy leave it out until that day.",
    ),
    // Lists and pagination
    ("pagination_label", "Pages of {list}"),
    ("newer", "← Newer"),
    ("older", "Older →"),
    ("page_n", "Page {n}"),
    ("page_n_of_total", "page {n} of {total}"),
    ("writeups", "Write-ups"),
    ("writeups_page_title", "Write-ups, page {n} of {total}"),
    ("writeups_list", "write-ups"),
    ("read_every_lesson", "Read every lesson"),
    ("browse_by_strategy", "Browse by strategy"),
    (
        "no_writeups",
        "No write-ups yet. The first mistake is on its way.",
    ),
    ("writeup_count_none", "No write-ups yet"),
    ("writeup_count_one", "{n} write-up"),
    ("writeup_count_other", "{n} write-ups"),
    // Strategies
    ("strategies_title", "Strategies"),
    (
        "strategies_description",
        "The strategies used to own each mistake: {list}.",
    ),
    (
        "strategies_lead",
        "The ways I own a mistake. Every write-up names the strategies it used; each one gathers them here.",
    ),
    ("strategy_kicker", "Strategy"),
    ("strategy_page_title", "{strategy}, page {n} of {total}"),
    ("strategy_feed", "Atom feed for {strategy}"),
    ("strategy_list", "{strategy} write-ups"),
    // Lessons
    ("lessons_title", "Lessons"),
    (
        "lessons_description",
        "Every lesson learned on {site}, one sentence each, grouped by strategy.",
    ),
    (
        "lessons_lead",
        "Every lesson, one sentence each, grouped by the strategy that taught it. Each one links to the write-up it came from.",
    ),
    ("lessons_jump", "Strategies on this page"),
    ("lessons_all", "All {strategy} write-ups"),
    (
        "no_lessons",
        "No lessons yet: they appear here as write-ups name them.",
    ),
    // FAQ
    ("faq_title", "Frequently asked questions"),
    ("faq_site", "About this site"),
    ("faq_writeups", "About the write-ups"),
    // 404
    ("notfound_title", "Page not found"),
    (
        "notfound_description",
        "This page does not exist. Find the write-ups, strategies and lessons of {site} from the home page.",
    ),
    ("notfound_heading", "This page is not here"),
    (
        "notfound_lead",
        "It may have moved, or the link may be mistyped. Even a wrong turn is a place to start from.",
    ),
    ("notfound_newest", "Newest write-ups"),
    ("notfound_faq", "Questions and answers"),
    // Search
    ("search_title", "Search"),
    (
        "search_description",
        "Search every write-up, lesson, strategy and question of {site}.",
    ),
    ("search_label", "Search write-ups, lessons and questions"),
    ("search_button", "Search"),
    (
        "search_noscript",
        "Search runs in your browser and needs JavaScript. Without it, browse every lesson or the write-ups by strategy.",
    ),
    ("search_results_none", "No results for “{query}”."),
    ("search_results_one", "1 result for “{query}”."),
    ("search_results_other", "{n} results for “{query}”."),
    (
        "search_prompt",
        "Type a word to search, such as “rollback”.",
    ),
];
