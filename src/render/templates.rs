//! Templates: the built-in theme, overridden template by template by the
//! theme folder on disk and then the site's `templates/`; parsed once per
//! build. Registers growthsite's functions (`url_for`, `asset`,
//! `has_asset`) and filters
//! (`json`, `striptags`), and turns Tera's errors into diagnostics that
//! name the template file, line and column.

use std::collections::BTreeMap;
use std::sync::Arc;

use tera::{Kwargs, State, Tera, TeraResult, Value};

use crate::diag::Diagnostic;
use crate::load::TemplateFile;
use crate::render::theme;

pub use super::origins::TemplateOrigins;
pub use super::template_errors::{template_diagnostic, template_diagnostics};

/// What the template functions need to know about the site.
#[derive(Debug, Clone)]
pub struct UrlContext {
    /// `/growth/`.
    pub base_path: String,
    /// `https://alice.github.io/growth/`.
    pub base_url: String,
    /// Static file (path under the output root) -> content fingerprint.
    pub fingerprints: Arc<BTreeMap<String, String>>,
}

/// Builds the template set: built-in theme < theme on disk < site templates.
pub fn build_templates(
    theme_templates: &[TemplateFile],
    site_templates: &[TemplateFile],
    theme_name: &str,
    urls: &UrlContext,
) -> Result<(Tera, TemplateOrigins), Vec<Diagnostic>> {
    let mut sources: BTreeMap<String, (String, String)> = BTreeMap::new();
    if theme_name == "default" {
        for (name, text) in theme::default_templates() {
            sources.insert(
                name.to_string(),
                (text.to_string(), format!("themes/default/templates/{name}")),
            );
        }
    }
    for file in theme_templates.iter().chain(site_templates) {
        sources.insert(
            file.name.clone(),
            (file.text.clone(), file.rel_path.clone()),
        );
    }
    let origins = TemplateOrigins::new(&sources);
    let mut tera = Tera::new();
    // Feeds and sitemaps are written by growthsite itself; templates are HTML.
    tera.autoescape_on(vec![".html", ".htm", ".xml", ".svg"]);
    register_helpers(&mut tera, urls);
    tera.add_raw_templates(
        sources
            .iter()
            .map(|(name, (text, _))| (name.as_str(), text.as_str())),
    )
    .map_err(|e| template_diagnostics(&e, &origins))?;
    Ok((tera, origins))
}

fn register_helpers(tera: &mut Tera, urls: &UrlContext) {
    let for_url_for = urls.clone();
    tera.register_function(
        "url_for",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            let absolute = kwargs.get::<bool>("absolute")?.unwrap_or(false);
            let prefix = if absolute {
                &for_url_for.base_url
            } else {
                &for_url_for.base_path
            };
            Ok(format!("{prefix}{}", path.trim_start_matches('/')))
        },
    );
    let for_asset = urls.clone();
    tera.register_function(
        "asset",
        move |kwargs: Kwargs, _: &State| -> TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            let path = path.trim_start_matches('/');
            match for_asset.fingerprints.get(path) {
                Some(fingerprint) => Ok(format!("{}{path}?v={fingerprint}", for_asset.base_path)),
                None => Err(tera::Error::message(format!(
                    "asset `{path}` is not in the theme's static/ or the site's static/"
                ))),
            }
        },
    );
    // Lets a theme link an optional file, such as the site's custom.css.
    let for_has_asset = urls.clone();
    tera.register_function(
        "has_asset",
        move |kwargs: Kwargs, _: &State| -> TeraResult<bool> {
            let path: &str = kwargs.must_get("path")?;
            Ok(for_has_asset
                .fingerprints
                .contains_key(path.trim_start_matches('/')))
        },
    );
    tera.register_filter(
        "json",
        |value: Value, _: Kwargs, _: &State| -> TeraResult<Value> {
            // Strings are most of what themes encode (JSON-LD fields): they
            // skip serde.
            if let Some(text) = value.as_str() {
                return Ok(Value::safe_string(&json_string(text)));
            }
            let text =
                serde_json::to_string(&value).map_err(|e| tera::Error::message(e.to_string()))?;
            // `</script>` inside a JSON-LD string must not close the element.
            Ok(Value::safe_string(&text.replace("</", "<\\/")))
        },
    );
    tera.register_filter("striptags", |html: &str, _: Kwargs, _: &State| {
        strip_tags(html)
    });
}

/// A JSON string literal for `text`, safe inside a `<script>` element.
pub fn json_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    let mut previous = '\0';
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '/' if previous == '<' => out.push_str("\\/"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
        previous = c;
    }
    out.push('"');
    out
}

/// Text of an HTML fragment: tags removed, the entities that Markdown
/// output uses decoded, white space folded; one pass, as it runs for every
/// page's meta description.
pub fn strip_tags(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    let mut pending_space = false;
    while let Some(c) = rest.chars().next() {
        let (piece, len): (Option<char>, usize) = match c {
            '<' => {
                // A tag between two words separates them; one before
                // punctuation does not (see below).
                pending_space = true;
                (None, rest.find('>').map_or(rest.len(), |i| i + 1))
            }
            '&' => match ENTITIES.iter().find(|(name, _)| rest.starts_with(name)) {
                Some((name, decoded)) => (Some(*decoded), name.len()),
                None => (Some('&'), 1),
            },
            c => (Some(c), c.len_utf8()),
        };
        rest = &rest[len..];
        match piece {
            Some(c) if c.is_whitespace() => pending_space = true,
            Some(c) => {
                let joins = matches!(c, '.' | ',' | ';' | ':' | '!' | '?' | ')');
                if pending_space && !text.is_empty() && !joins {
                    text.push(' ');
                }
                pending_space = false;
                text.push(c);
            }
            None => {}
        }
    }
    text
}

const ENTITIES: [(&str, char); 5] = [
    ("&amp;", '&'),
    ("&lt;", '<'),
    ("&gt;", '>'),
    ("&quot;", '"'),
    ("&#39;", '\''),
];

#[cfg(test)]
mod tests {
    use super::*;

    fn urls() -> UrlContext {
        let mut fingerprints = BTreeMap::new();
        fingerprints.insert("style.css".to_string(), "abcd1234".to_string());
        UrlContext {
            base_path: "/growth/".into(),
            base_url: "https://a.github.io/growth/".into(),
            fingerprints: Arc::new(fingerprints),
        }
    }

    /// The templates of a site whose one template, `t.html`, is `text`.
    fn build(text: &str) -> Result<(Tera, TemplateOrigins), Vec<Diagnostic>> {
        let t = TemplateFile {
            name: "t.html".into(),
            rel_path: "templates/t.html".into(),
            text: text.into(),
        };
        build_templates(&[], &[t], "none", &urls())
    }

    /// `text` rendered as a site template, with `value` as `v`.
    fn render(text: &str, value: &str) -> String {
        let (tera, _) = build(text).unwrap();
        let mut context = tera::Context::new();
        context.insert("v", value);
        tera.render("t.html", &context).unwrap()
    }

    #[test]
    fn helpers_know_the_base_path() {
        assert_eq!(
            render(
                "{{ url_for(path='/lessons/') }} {{ url_for(path='x/', absolute=true) }} {{ asset(path='style.css') }}",
                ""
            ),
            "/growth/lessons/ https://a.github.io/growth/x/ /growth/style.css?v=abcd1234"
        );
    }

    #[test]
    fn has_asset_tells_whether_a_static_file_exists() {
        assert_eq!(
            render(
                "{{ has_asset(path='style.css') }} {{ has_asset(path='/style.css') }} {{ has_asset(path='custom.css') }}",
                ""
            ),
            "true true false"
        );
    }

    #[test]
    fn syntax_errors_name_the_file_and_line() {
        let problems = build("line one\n{% if %}\n").unwrap_err();
        let span = problems[0].span.clone().unwrap();
        assert_eq!((span.file.as_str(), span.line), ("templates/t.html", 2));
    }

    #[test]
    fn undefined_variables_name_the_variable_and_line() {
        let (tera, origins) = build("ok\n{{ nope.title }}\n").unwrap();
        let error = tera.render("t.html", &tera::Context::new()).unwrap_err();
        let d = template_diagnostic(&error, &origins);
        assert_eq!(d.span.as_ref().unwrap().line, 2, "{d}");
        assert!(d.message.contains("nope"), "{d}");
    }

    #[test]
    fn json_is_safe_inside_script_elements() {
        assert_eq!(render("{{ v | json }}", "</script>\""), r#""<\/script>\"""#);
    }

    #[test]
    fn json_strings_match_serde_json() {
        for text in [
            "plain",
            "quote \" and \\ back",
            "line\nbreak\ttab\u{1}",
            "é ✓",
            "a</script>",
        ] {
            let expected = serde_json::to_string(text).unwrap().replace("</", "<\\/");
            assert_eq!(json_string(text), expected);
        }
    }

    #[test]
    fn strip_tags_gives_readable_text() {
        assert_eq!(
            strip_tags("<p>Fish &amp; <em>chips</em>.</p>\n<p>Next</p>"),
            "Fish & chips. Next"
        );
        assert_eq!(strip_tags("a&lt;b &unknown; <br>c"), "a<b &unknown; c");
    }
}
