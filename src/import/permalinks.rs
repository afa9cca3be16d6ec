//! Old URLs: a post's date, slug and categories + the old blog's permalink
//! pattern -> the URL path it was published at, as Jekyll and Hugo expand
//! them. Pure. Paths are relative to the old base path and start with `/`.

/// When a post was published, as its URL shows it.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct UrlDate {
    /// Year, month (1-12), day (1-31).
    pub ymd: (i32, u32, u32),
    /// Hour, minute, second.
    pub hms: (u32, u32, u32),
    /// Day of the year (1-366).
    pub yday: u32,
    /// ISO week number.
    pub week: u32,
    /// Day of the week, 0 = Monday.
    pub weekday: u32,
}

/// Jekyll's built-in permalink styles.
pub fn jekyll_style(name: &str) -> Option<&'static str> {
    Some(match name {
        "date" => "/:categories/:year/:month/:day/:title:output_ext",
        "pretty" => "/:categories/:year/:month/:day/:title/",
        "ordinal" => "/:categories/:year/:y_day/:title:output_ext",
        "weekdate" => "/:categories/:year/W:week/:short_day/:title:output_ext",
        "none" => "/:categories/:title:output_ext",
        _ => return None,
    })
}

/// What a Jekyll post's URL is made of.
#[derive(Debug, Clone, Default)]
pub struct JekyllPost<'a> {
    /// The date, in the site's zone.
    pub date: UrlDate,
    /// The slug as written: front matter `slug`, else the file name after its date.
    pub slug: &'a str,
    /// Categories, in order.
    pub categories: &'a [String],
}

const WEEKDAYS: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Expands a Jekyll permalink pattern (or style name) for a post.
pub fn jekyll_url(pattern: &str, post: &JekyllPost) -> String {
    let pattern = jekyll_style(pattern).unwrap_or(pattern);
    let d = post.date;
    let (year, month, day) = d.ymd;
    let categories: Vec<String> = post.categories.iter().map(|c| c.to_lowercase()).collect();
    let value = |name: &str| -> Option<String> {
        Some(match name {
            "year" => format!("{year:04}"),
            "short_year" => format!("{:02}", year % 100),
            "month" => format!("{month:02}"),
            "i_month" => month.to_string(),
            "short_month" => MONTHS[month as usize - 1][..3].to_string(),
            "long_month" => MONTHS[month as usize - 1].to_string(),
            "day" => format!("{day:02}"),
            "i_day" => day.to_string(),
            "y_day" => format!("{:03}", d.yday),
            "week" => format!("{:02}", d.week),
            "short_day" => WEEKDAYS[d.weekday as usize % 7][..3].to_string(),
            "long_day" => WEEKDAYS[d.weekday as usize % 7].to_string(),
            "hour" => format!("{:02}", d.hms.0),
            "minute" => format!("{:02}", d.hms.1),
            "second" => format!("{:02}", d.hms.2),
            "title" => jekyll_slugify(post.slug, true, true),
            "slug" => jekyll_slugify(post.slug, false, false),
            "categories" => categories.join("/"),
            "output_ext" => ".html".into(),
            _ => return None,
        })
    };
    clean_path(&expand(pattern, &value))
}

/// Jekyll's `slugify`: runs of other characters become one `-`; `pretty`
/// keeps `._~!$&'()+,;=@` as well as letters and digits; `cased` keeps case.
pub fn jekyll_slugify(text: &str, pretty: bool, cased: bool) -> String {
    let kept = |c: char| c.is_alphanumeric() || (pretty && "._~!$&'()+,;=@".contains(c));
    let mut out = String::new();
    for c in text.chars() {
        if kept(c) {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_matches('-');
    if cased {
        out.to_string()
    } else {
        out.to_lowercase()
    }
}

/// What a Hugo page's URL is made of.
#[derive(Debug, Clone, Default)]
pub struct HugoPage<'a> {
    /// The date, as written.
    pub date: UrlDate,
    /// The front matter's `slug`.
    pub slug: Option<&'a str>,
    /// The title.
    pub title: &'a str,
    /// The file name without extension, or a bundle's folder name.
    pub file_name: &'a str,
    /// The folders from the content root to the page's folder (a bundle's
    /// own folder excluded): `["blog", "2021"]`.
    pub sections: &'a [String],
}

/// Expands a Hugo `[permalinks]` pattern for a page.
pub fn hugo_url(pattern: &str, page: &HugoPage) -> String {
    let d = page.date;
    let (year, month, day) = d.ymd;
    let value = |name: &str| -> Option<String> {
        Some(match name {
            "year" => format!("{year:04}"),
            "month" => format!("{month:02}"),
            "monthname" => MONTHS[month as usize - 1].to_lowercase(),
            "day" => format!("{day:02}"),
            "weekday" => ((d.weekday + 1) % 7).to_string(),
            "weekdayname" => WEEKDAYS[d.weekday as usize % 7].to_lowercase(),
            "yearday" => d.yday.to_string(),
            "section" => page.sections.first().cloned().unwrap_or_default(),
            "sections" => page.sections.join("/"),
            "title" => hugo_urlize(page.title),
            "slug" => hugo_urlize(page.slug.unwrap_or(page.title)),
            "filename" | "contentbasename" => hugo_urlize(page.file_name),
            "slugorfilename" | "slugorcontentbasename" => {
                hugo_urlize(page.slug.unwrap_or(page.file_name))
            }
            _ => return None,
        })
    };
    clean_path(&expand(pattern, &value)).to_lowercase()
}

/// Hugo's default URL: the page's folders, then its slug or file name.
pub fn hugo_default_url(page: &HugoPage, ugly: bool) -> String {
    let mut path: Vec<String> = page.sections.iter().map(|s| hugo_urlize(s)).collect();
    path.push(hugo_urlize(page.slug.unwrap_or(page.file_name)));
    let joined = path.join("/").to_lowercase();
    if ugly {
        format!("/{joined}.html")
    } else {
        format!("/{joined}/")
    }
}

/// Hugo's `urlize`: letters, digits and `._~-@#+/\` kept, runs of spaces
/// become one `-`, anything else dropped; lower case.
pub fn hugo_urlize(text: &str) -> String {
    let mut out = String::new();
    let mut hyphen_next = false;
    let mut was_hyphen = false;
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let hex_escape = c == '%'
            && chars.get(i + 1).is_some_and(char::is_ascii_hexdigit)
            && chars.get(i + 2).is_some_and(char::is_ascii_hexdigit);
        if c.is_alphanumeric() || "./\\_#+~-@".contains(c) || hex_escape {
            was_hyphen = c == '-';
            if hyphen_next && !was_hyphen {
                out.push('-');
            }
            hyphen_next = false;
            out.push(c);
        } else if !out.is_empty() && !was_hyphen && c.is_whitespace() {
            hyphen_next = true;
        }
    }
    out.to_lowercase()
}

/// Replaces each `:name` with its value (the longest known name wins, so
/// `:output_ext` is not `:output` and `_ext`); unknown names stay.
fn expand(pattern: &str, value: &dyn Fn(&str) -> Option<String>) -> String {
    let mut out = String::new();
    let mut rest = pattern;
    while let Some(i) = rest.find(':') {
        out.push_str(&rest[..i]);
        let after = &rest[i + 1..];
        let word_len = after
            .bytes()
            .take_while(|b| b.is_ascii_alphanumeric() || *b == b'_')
            .count();
        let found = (1..=word_len)
            .rev()
            .find_map(|len| value(&after[..len]).map(|v| (len, v)));
        match found {
            Some((len, v)) => {
                out.push_str(&v);
                rest = &after[len..];
            }
            None => {
                out.push(':');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// One leading `/`, no empty segments (an empty `:categories`).
fn clean_path(path: &str) -> String {
    let trailing = path.ends_with('/');
    let segments: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    let mut out = format!("/{}", segments.join("/"));
    if trailing && out != "/" {
        out.push('/');
    }
    out
}

/// The `UrlDate` of a calendar date and time.
pub fn url_date(ymd: (i32, u32, u32), hms: (u32, u32, u32)) -> Option<UrlDate> {
    let date = jiff::civil::Date::new(ymd.0 as i16, ymd.1 as i8, ymd.2 as i8).ok()?;
    Some(UrlDate {
        ymd,
        hms,
        yday: date.day_of_year() as u32,
        week: date.iso_week_date().week() as u32,
        weekday: date.weekday().to_monday_zero_offset() as u32,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(y: i32, m: u32, d: u32) -> UrlDate {
        url_date((y, m, d), (9, 5, 0)).unwrap()
    }

    #[test]
    fn jekyll_default_is_the_date_style() {
        let categories = vec!["Releases".to_string(), "ruby".to_string()];
        let post = JekyllPost {
            date: date(2016, 3, 4),
            slug: "Spark-2.0-notes",
            categories: &categories,
        };
        let plain = JekyllPost {
            categories: &[],
            ..post
        };
        for (style, post, url) in [
            (
                "date",
                &post,
                "/releases/ruby/2016/03/04/Spark-2.0-notes.html",
            ),
            (
                "/:year/:title:output_ext",
                &post,
                "/2016/Spark-2.0-notes.html",
            ),
            ("/post/:slug/", &post, "/post/spark-2-0-notes/"),
            ("pretty", &plain, "/2016/03/04/Spark-2.0-notes/"),
            ("ordinal", &plain, "/2016/064/Spark-2.0-notes.html"),
            ("weekdate", &plain, "/2016/W09/Fri/Spark-2.0-notes.html"),
        ] {
            assert_eq!(jekyll_url(style, post), url, "{style}");
        }
    }

    #[test]
    fn hugo_patterns_and_defaults() {
        let sections = vec!["blog".to_string()];
        let page = HugoPage {
            date: date(2025, 2, 20),
            slug: None,
            title: "A Tale of Two Tools: Skopeo & Crane!",
            file_name: "2025-02-20-tale",
            sections: &sections,
        };
        assert_eq!(
            hugo_url("/:section/:year/:month/:slug/", &page),
            "/blog/2025/02/a-tale-of-two-tools-skopeo-crane/"
        );
        assert_eq!(hugo_url("/:filename/", &page), "/2025-02-20-tale/");
        assert_eq!(hugo_default_url(&page, false), "/blog/2025-02-20-tale/");
        assert_eq!(hugo_default_url(&page, true), "/blog/2025-02-20-tale.html");
        let with_slug = HugoPage {
            slug: Some("Tale"),
            ..page
        };
        assert_eq!(hugo_default_url(&with_slug, false), "/blog/tale/");
    }

    #[test]
    fn hugo_urlize_drops_punctuation_and_joins_spaces() {
        assert_eq!(hugo_urlize("What's new in v2.0?"), "whats-new-in-v2.0");
        assert_eq!(hugo_urlize("  a  -  b "), "a-b");
        assert_eq!(hugo_urlize("Überstunden im März"), "überstunden-im-märz");
    }
}
