//! Where each template of a site came from (the built-in theme, a theme
//! folder, the site's templates/) and its text: what error messages and
//! the link check name a template by.

use std::collections::{BTreeMap, HashMap};
use std::sync::Arc;

use super::theme;

/// Where each template came from, and its text, for error messages.
#[derive(Debug, Default, Clone)]
pub struct TemplateOrigins {
    files: HashMap<String, String>,
    texts: Arc<HashMap<String, String>>,
}

impl TemplateOrigins {
    /// The origins of a template set: name -> (text, site-relative file).
    pub fn new(sources: &BTreeMap<String, (String, String)>) -> Self {
        TemplateOrigins {
            files: sources
                .iter()
                .map(|(name, (_, file))| (name.clone(), file.clone()))
                .collect(),
            texts: Arc::new(
                sources
                    .iter()
                    .map(|(name, (text, _))| (name.clone(), text.clone()))
                    .collect(),
            ),
        }
    }

    /// The site-relative file of a template name.
    pub fn file_of(&self, name: &str) -> String {
        self.files
            .get(name)
            .cloned()
            .unwrap_or_else(|| format!("templates/{name}"))
    }

    /// The text of a template, to place an error Tera gives no position for.
    pub fn text_of(&self, name: &str) -> Option<&str> {
        self.texts.get(name).map(String::as_str)
    }

    /// Every template name, sorted.
    pub fn names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.files.keys().cloned().collect();
        names.sort();
        names
    }

    /// Whether the template is the site's own copy of one the built-in
    /// theme has (so deleting it brings the theme's back).
    pub fn overrides_theme(&self, name: &str) -> bool {
        self.file_of(name).starts_with("templates/")
            && theme::default_templates().any(|(builtin, _)| builtin == name)
    }
}
