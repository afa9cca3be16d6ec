//! Template context values. Everything a list shows of a write-up (its
//! card) is built once per build and shared: Tera values are reference
//! counted, so a pager's context costs a pointer copy per card and never
//! carries a full body. A build makes each card when a page first shows
//! it ([`cards::LazyCards`]); `serve` keeps every card.

mod cards;
pub mod growth;
mod parts;

use cards::LazyCards;

use parts::{faq_value, toc_value};
pub use parts::{reading_time, severity_name};

use tera::Value;

use crate::assemble::{FaqItem, PlainPage, Post, Site};

/// Builds a template object from key-value pairs, in order.
pub fn object<const N: usize>(entries: [(&'static str, Value); N]) -> Value {
    fields_value(&entries)
}

/// A template object from key-value pairs in order (a later key replaces
/// an earlier one in place). Built through tera's serializer, which takes
/// each `Value` as it is: `Value::from(map)` would insert every entry a
/// second time, into a map of its own (a full write-up has some 45).
pub fn fields_value(entries: &[(&'static str, Value)]) -> Value {
    Value::from_serializable(&Fields(entries))
}

struct Fields<'a>(&'a [(&'static str, Value)]);

impl serde::Serialize for Fields<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeStruct;
        let mut object = serializer.serialize_struct("object", self.0.len())?;
        for (key, value) in self.0 {
            object.serialize_field(key, value)?;
        }
        object.end()
    }
}

/// Trusted HTML (rendered Markdown), not escaped again by templates.
pub fn html(text: &str) -> Value {
    Value::safe_string(text)
}

/// How many fields a card has, and how many a full write-up adds.
const CARD_FIELDS: usize = 16;
const FULL_POST_FIELDS: usize = 18;

/// Values shared by every page of one build.
pub struct SharedValues {
    /// `/growth/`.
    pub base_path: String,
    /// `https://alice.github.io/growth/`.
    pub base_url: String,
    /// Per strategy: `slug`, `name`, `url`.
    pub strategy_refs: Vec<Value>,
    /// Per post: its card (`serve`; empty in a build, which makes
    /// them as pages ask, in `lazy`).
    pub cards: Vec<Value>,
    lazy: Option<LazyCards>,
    /// The theme's words in the site's language, with its overrides.
    pub strings: crate::strings::Strings,
    /// The globals: `config`, `strategies`, `feed_url`, `t` (the strings).
    pub globals: Vec<(&'static str, Value)>,
}

impl SharedValues {
    /// Builds the shared values of a site, every card included.
    pub fn new(site: &Site) -> Self {
        use rayon::prelude::*;
        let mut shared = Self::without_cards(site);
        shared.cards = site
            .posts
            .par_iter()
            .map(|post| shared.card(post))
            .collect();
        shared
    }

    /// The shared values of a site for one render of every page: each
    /// card made when a page first shows it, freed after the last.
    pub fn for_render(site: &Site) -> Self {
        SharedValues {
            lazy: Some(LazyCards::new(site)),
            ..Self::without_cards(site)
        }
    }

    fn without_cards(site: &Site) -> Self {
        let config = &site.config;
        let base_path = config.base_path().to_string();
        let base_url = config.base_url.clone();
        let strategy_refs: Vec<Value> = site
            .strategies
            .iter()
            .map(|term| {
                object([
                    ("slug", term.slug.as_str().into()),
                    ("name", term.name.as_str().into()),
                    (
                        "url",
                        format!("{base_path}strategies/{}/", term.slug).into(),
                    ),
                ])
            })
            .collect();
        let mut shared = SharedValues {
            base_path,
            base_url,
            strategy_refs,
            cards: Vec::new(),
            lazy: None,
            strings: crate::strings::Strings::new(&config.language, &config.strings),
            globals: Vec::new(),
        };
        shared.globals = shared.global_values(site);
        shared
    }

    /// The globals of `site` (`serve` makes them again after a config edit).
    pub fn global_values(&self, site: &Site) -> Vec<(&'static str, Value)> {
        let config = &site.config;
        let menu: Vec<Value> = config
            .menu
            .iter()
            .map(|entry| {
                object([
                    ("name", entry.name.as_str().into()),
                    ("url", entry.href(&self.base_path).into()),
                    ("external", entry.is_external().into()),
                ])
            })
            .collect();
        let config_value = object([
            ("title", config.title.as_str().into()),
            ("description", config.description.as_str().into()),
            ("base_url", self.base_url.as_str().into()),
            ("base_path", self.base_path.as_str().into()),
            ("author", config.author.as_str().into()),
            ("language", config.language.as_str().into()),
            ("paginate_by", config.paginate_by.into()),
            ("feed_limit", config.feed_limit.into()),
            ("menu", Value::from(menu)),
            ("extra", Value::from_serializable(&config.extra)),
        ]);
        let strategies: Vec<Value> = site.strategies.iter().map(|t| self.strategy(t)).collect();
        // Plain pages for navigation, in path order.
        let pages: Vec<Value> = site
            .pages
            .iter()
            .map(|page| {
                let doc = &page.page.doc;
                object([
                    ("title", doc.title.as_str().into()),
                    ("url", format!("{}{}", self.base_path, doc.path).into()),
                ])
            })
            .collect();
        vec![
            ("pages", Value::from(pages)),
            ("config", config_value),
            ("strategies", Value::from(strategies)),
            ("feed_url", format!("{}atom.xml", self.base_url).into()),
            ("t", self.strings_value()),
        ]
    }

    /// `t`: every string of the theme, one map built once per build.
    fn strings_value(&self) -> Value {
        let mut map = tera::Map::new();
        for (key, text) in self.strings.iter() {
            map.insert(key.into(), text.into());
        }
        Value::from(map)
    }

    /// A date as the site's language writes it.
    pub fn date(&self, date: &crate::parse::date::Date) -> String {
        self.strings.date(date)
    }

    /// A strategy with its count and URLs (`strategies`, `strategy`).
    pub fn strategy(&self, term: &crate::assemble::Term) -> Value {
        let path = format!("strategies/{}/", term.slug);
        object([
            ("slug", term.slug.as_str().into()),
            ("name", term.name.as_str().into()),
            ("description", term.description.as_str().into()),
            ("count", term.posts.len().into()),
            ("url", format!("{}{path}", self.base_path).into()),
            ("permalink", format!("{}{path}", self.base_url).into()),
            (
                "feed_url",
                format!("{}{path}atom.xml", self.base_url).into(),
            ),
        ])
    }

    /// The fields a write-up shows in lists, with room for `more`.
    fn card_fields(&self, post: &Post, more: usize) -> Vec<(&'static str, Value)> {
        let w = &post.writeup;
        let path = &w.doc.path;
        let strategies: Vec<Value> = post
            .strategy_ids
            .iter()
            .map(|&i| self.strategy_refs[i].clone())
            .collect();
        let mut map = Vec::with_capacity(CARD_FIELDS + more);
        let mut put = |key: &'static str, value: Value| map.push((key, value));
        put("title", w.doc.title.as_str().into());
        put("slug", w.doc.slug.as_str().into());
        put("url", format!("{}{path}", self.base_path).into());
        put("permalink", format!("{}{path}", self.base_url).into());
        put("date", w.date.ymd().into());
        put("date_display", self.date(&w.date).into());
        put("datetime", w.date.rfc3339().into());
        put("severity", w.severity.map(severity_name).into());
        put("lesson", w.lesson.as_deref().into());
        put("strategies", Value::from(strategies));
        let unknown: Vec<Value> = post
            .unknown_strategies
            .iter()
            .map(|slug| slug.as_str().into())
            .collect();
        put("unknown_strategies", Value::from(unknown));
        put("summary", html(&post.summary_html));
        put(
            "reading_time",
            reading_time(post.rendered.word_count).into(),
        );
        put("word_count", post.rendered.word_count.into());
        put("draft", w.doc.draft.into());
        put("future", w.future.into());
        map
    }

    /// What lists show of a write-up (its card). `serve` rebuilds one after
    /// an edit instead of every card of the site.
    pub fn card(&self, post: &Post) -> Value {
        fields_value(&self.card_fields(post, 0))
    }

    /// Write-up `index`'s card, as a page shows it.
    pub fn card_at(&self, site: &Site, index: usize) -> Value {
        match &self.lazy {
            Some(lazy) => lazy.get(index, || self.card(&site.posts[index])),
            None => self.cards[index].clone(),
        }
    }

    /// The full write-up, for `mistake.html`.
    pub fn full_post(&self, site: &Site, index: usize) -> Value {
        self.full_post_with(site, index, &site.posts[index].rendered.html.text())
    }

    /// [`Self::full_post`] with the body given: `build` takes each body out
    /// of the site and frees it with its page.
    pub fn full_post_with(&self, site: &Site, index: usize, body: &str) -> Value {
        let post = &site.posts[index];
        let w = &post.writeup;
        let neighbour = |i: Option<usize>| -> Value {
            i.map(|i| {
                let other = &site.posts[i].writeup.doc;
                object([
                    ("title", other.title.as_str().into()),
                    ("url", format!("{}{}", self.base_path, other.path).into()),
                ])
            })
            .into()
        };
        let related: Vec<Value> = post
            .related
            .iter()
            .map(|&i| self.card_at(site, i))
            .collect();
        let mut map = self.card_fields(post, FULL_POST_FIELDS);
        let mut put = |key: &'static str, value: Value| map.push((key, value));
        put("content", html(body));
        put("toc", toc_value(&post.rendered.toc));
        put("updated", w.updated.map(|d| d.ymd()).into());
        put("updated_display", w.updated.map(|d| self.date(&d)).into());
        put("updated_datetime", w.updated.map(|d| d.rfc3339()).into());
        put("faq", faq_value(&post.faq));
        put("previous", neighbour(post.previous));
        put("next", neighbour(post.next));
        put("related", Value::from(related));
        put("extra", Value::from_serializable(&w.doc.extra));
        put("source", w.doc.source.as_str().into());
        put("social_card", self.social_card(post));
        growth::put_growth(&mut map, site, post, self);
        fields_value(&map)
    }

    /// The write-up's social card (see [`crate::cards`]): its absolute URL,
    /// size and alt text, for `og:image`.
    fn social_card(&self, post: &Post) -> Value {
        let doc = &post.writeup.doc;
        let alt = match &post.writeup.lesson {
            Some(lesson) => format!("{}: {lesson}", doc.title.trim_end_matches('.')),
            None => doc.title.clone(),
        };
        object([
            (
                "url",
                format!("{}{}{}", self.base_url, doc.path, crate::cards::CARD_FILE).into(),
            ),
            ("width", crate::cards::CARD_WIDTH.into()),
            ("height", crate::cards::CARD_HEIGHT.into()),
            ("alt", alt.into()),
        ])
    }

    /// A plain page (`page.html`, `faq.html`).
    pub fn plain_page(&self, page: &PlainPage) -> Value {
        let doc = &page.page.doc;
        object([
            ("title", doc.title.as_str().into()),
            ("slug", doc.slug.as_str().into()),
            ("url", format!("{}{}", self.base_path, doc.path).into()),
            ("permalink", format!("{}{}", self.base_url, doc.path).into()),
            ("content", html(&page.rendered.html.text())),
            ("summary", html(&page.rendered.summary)),
            ("toc", toc_value(&page.rendered.toc)),
            ("extra", Value::from_serializable(&doc.extra)),
            ("source", doc.source.as_str().into()),
            ("description", page.page.description.as_deref().into()),
            ("draft", doc.draft.into()),
        ])
    }

    /// `/lessons/`: groups in config order.
    pub fn lessons(&self, site: &Site) -> Value {
        // Each write-up is listed once per strategy: its latest revisit
        // is built once.
        let revisits: Vec<Value> = site
            .posts
            .iter()
            .map(|post| growth::latest_outcome_value(post, self))
            .collect();
        let groups: Vec<Value> = site
            .lessons
            .iter()
            .map(|group| {
                let term = &site.strategies[group.strategy];
                let entries: Vec<Value> = group
                    .entries
                    .iter()
                    .map(|(i, anchor)| {
                        let w = &site.posts[*i].writeup;
                        object([
                            ("lesson", w.lesson.as_deref().unwrap_or_default().into()),
                            ("anchor", anchor.as_str().into()),
                            ("title", w.doc.title.as_str().into()),
                            ("url", format!("{}{}", self.base_path, w.doc.path).into()),
                            ("date", w.date.ymd().into()),
                            ("date_display", self.date(&w.date).into()),
                            ("revisit", revisits[*i].clone()),
                        ])
                    })
                    .collect();
                object([
                    (
                        "strategy",
                        object([
                            ("slug", term.slug.as_str().into()),
                            ("name", term.name.as_str().into()),
                            ("description", term.description.as_str().into()),
                            (
                                "url",
                                format!("{}strategies/{}/", self.base_path, term.slug).into(),
                            ),
                        ]),
                    ),
                    ("entries", Value::from(entries)),
                ])
            })
            .collect();
        Value::from(groups)
    }

    /// `/faq/`: the site's questions, then each write-up's.
    pub fn faqs(&self, site: &Site, site_items: &[FaqItem]) -> Value {
        let writeups: Vec<Value> = site
            .posts
            .iter()
            .filter(|post| !post.faq.is_empty())
            .map(|post| {
                let doc = &post.writeup.doc;
                object([
                    ("title", doc.title.as_str().into()),
                    ("url", format!("{}{}", self.base_path, doc.path).into()),
                    ("items", faq_value(&post.faq)),
                ])
            })
            .collect();
        object([
            ("site", faq_value(site_items)),
            ("writeups", Value::from(writeups)),
        ])
    }
}
