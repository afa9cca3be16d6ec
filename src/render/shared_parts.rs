//! The parts of the built-in theme that every page includes and that read
//! nothing of the page but where it is: the header with its navigation and
//! the footer. Run through the template engine on every page, they were
//! about a quarter of a page's rendering; a build renders each once for
//! every kind of place it is shown at (the home page, a write-up, a
//! strategy...) and every page inserts that text.
//!
//! Only the built-in partials, byte for byte, are taken so: what they read
//! is known (`config`, `current_path`, `pages` and `t`), and a site's own
//! templates that bind one of those names (`set`, `set_global`, a loop or a
//! component argument) turn this off, since the partial would then see the
//! page's value. Anything else renders as it always did.

use std::collections::HashMap;
use std::sync::Mutex;

use tera::{Context, Tera, TeraResult, Value};

use super::jobs::RESERVED_PATHS;
use super::templates::TemplateOrigins;
use super::theme;
use crate::assemble::Site;

/// What the built-in header, navigation and footer read.
const INPUTS: [&str; 4] = ["config", "current_path", "pages", "t"];

const HEADER: &str = "partials/header.html";
const NAV: &str = "partials/nav.html";
const FOOTER: &str = "partials/footer.html";

/// What the names of the variables that hold the parts start with (error
/// messages leave them out of the variables they list).
pub const PREFIX: &str = "__growthsite_";

/// The shared parts of one render, each rendered the first time a page
/// needs it and kept.
pub struct SharedParts {
    /// The templates as the site has them, to render a part with.
    original: Option<Tera>,
    /// Every URL the navigation compares the page's path with: the home
    /// page, the generated sections, the menu's and the plain pages'.
    places: Vec<String>,
    parts: Vec<Part>,
}

struct Part {
    template: &'static str,
    /// The context variable its replacement prints.
    variable: &'static str,
    /// Whether it reads `current_path` (else one text serves every page).
    by_place: bool,
    rendered: Mutex<HashMap<Vec<bool>, Value>>,
}

impl SharedParts {
    /// Takes the shared parts out of `tera` (its globals set): each built-in
    /// one is replaced by a template that prints the variable
    /// [`Self::fill`] sets.
    pub fn new(tera: &mut Tera, origins: &TemplateOrigins, site: &Site) -> Self {
        let none = SharedParts {
            original: None,
            places: Vec::new(),
            parts: Vec::new(),
        };
        let builtin = |name: &str| origins.text_of(name) == builtin_text(name);
        if !own_templates_leave_inputs_alone(origins) {
            return none;
        }
        let mut chosen = Vec::new();
        if builtin(HEADER) && builtin(NAV) {
            chosen.push((HEADER, "__growthsite_header", true));
        } else if builtin(NAV) {
            chosen.push((NAV, "__growthsite_nav", true));
        }
        if builtin(FOOTER) {
            chosen.push((FOOTER, "__growthsite_footer", false));
        }
        let original = tera.clone();
        let replaced = chosen
            .iter()
            .map(|(template, variable, _)| (*template, format!("{{{{ {variable} }}}}")));
        if chosen.is_empty() || tera.add_raw_templates(replaced).is_err() {
            return none;
        }
        // As the navigation links them (see SharedValues::global_values).
        let base_path = site.config.base_path();
        let mut places = vec![base_path.to_string()];
        places.extend(RESERVED_PATHS.iter().map(|p| format!("{base_path}{p}")));
        places.extend(site.config.menu.iter().map(|entry| entry.href(base_path)));
        let pages = site.pages.iter();
        places.extend(pages.map(|page| format!("{base_path}{}", page.page.doc.path)));
        SharedParts {
            original: Some(original),
            places,
            parts: chosen
                .into_iter()
                .map(|(template, variable, by_place)| Part {
                    template,
                    variable,
                    by_place,
                    rendered: Mutex::new(HashMap::new()),
                })
                .collect(),
        }
    }

    /// Sets the shared parts of the page at `current_path` in `context`.
    pub fn fill(&self, context: &mut Context, current_path: &str) -> TeraResult<()> {
        let Some(original) = &self.original else {
            return Ok(());
        };
        // All the navigation can tell of a page: which of its URLs the
        // page's path is, and which it starts with.
        let place: Vec<bool> = self
            .places
            .iter()
            .flat_map(|url| [current_path == url, current_path.starts_with(url.as_str())])
            .collect();
        for part in &self.parts {
            let key = if part.by_place {
                place.clone()
            } else {
                Vec::new()
            };
            let known = lock(&part.rendered).get(&key).cloned();
            let value = match known {
                Some(value) => value,
                None => {
                    let mut own = Context::new();
                    own.insert_value("current_path", current_path.into());
                    let text = original.render(part.template, &own)?;
                    let value = Value::safe_string(&text);
                    lock(&part.rendered).insert(key, value.clone());
                    value
                }
            };
            context.insert_value(part.variable, value);
        }
        Ok(())
    }
}

fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

fn builtin_text(name: &str) -> Option<&'static str> {
    theme::default_templates()
        .find(|(builtin, _)| *builtin == name)
        .map(|(_, text)| text)
}

/// Whether no template but the built-in ones binds a name the shared parts
/// read.
fn own_templates_leave_inputs_alone(origins: &TemplateOrigins) -> bool {
    origins
        .names()
        .iter()
        .filter(|name| origins.text_of(name) != builtin_text(name))
        .filter_map(|name| origins.text_of(name))
        .all(|text| bound_names(text).all(|name| !INPUTS.contains(&name)))
}

/// The names a template's tags bind: `{% set x = %}`, `{% set_global x %}`,
/// `{% for k, v in %}`, `{% component c(a, b=1) %}`.
fn bound_names(text: &str) -> impl Iterator<Item = &str> {
    text.split("{%").skip(1).flat_map(|tag| {
        let tag = tag.split("%}").next().unwrap_or_default();
        let tag = tag.trim_start_matches('-').trim_start();
        let (keyword, rest) = tag.split_once(char::is_whitespace).unwrap_or((tag, ""));
        let names = match keyword {
            "set" | "set_global" => rest.split('=').next().unwrap_or_default(),
            "for" => rest.split(" in ").next().unwrap_or_default(),
            "component" => rest
                .split_once('(')
                .map_or("", |(_, args)| args.split(')').next().unwrap_or_default()),
            _ => "",
        };
        names
            .split(',')
            .filter_map(|name| name.split([':', '=']).next())
            .map(str::trim)
            .filter(|name| !name.is_empty())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bound_names_are_read_from_tags() {
        let text = "{%- set t = 1 %}{% set_global x=2 -%}{% for k, config in m %}\
                    {% component c(a: String, pages=1) %}{% if set %}{{ set }}";
        let names: Vec<&str> = bound_names(text).collect();
        assert_eq!(names, ["t", "x", "k", "config", "a", "pages"]);
    }

    #[test]
    fn the_builtin_parts_read_only_the_inputs() {
        let urls = super::super::templates::UrlContext {
            base_path: "/".into(),
            base_url: "https://a.example/".into(),
            fingerprints: Default::default(),
        };
        let (tera, _) = super::super::templates::build_templates(&[], &[], "default", &urls)
            .unwrap_or_else(|e| panic!("{e:?}"));
        for name in [HEADER, NAV, FOOTER] {
            let mut read: Vec<&str> = tera
                .get_template_variables(name)
                .unwrap()
                .into_iter()
                .collect();
            read.retain(|var| !INPUTS.contains(var));
            assert!(
                read.is_empty(),
                "{name} reads {read:?}: add to INPUTS or stop sharing it"
            );
        }
    }
}
