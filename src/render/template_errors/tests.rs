use std::collections::BTreeMap;
use std::sync::Arc;

use super::*;
use crate::load::TemplateFile;
use crate::render::templates::{UrlContext, build_templates};

fn urls() -> UrlContext {
    UrlContext {
        base_path: "/".into(),
        base_url: "https://a.example/".into(),
        fingerprints: Arc::new(BTreeMap::new()),
    }
}

fn file(name: &str, text: &str) -> TemplateFile {
    TemplateFile {
        name: name.into(),
        rel_path: format!("templates/{name}"),
        text: text.into(),
    }
}

/// The diagnostics of loading these templates (no built-in theme).
fn load(files: &[(&str, &str)]) -> Vec<String> {
    let files: Vec<TemplateFile> = files.iter().map(|(n, t)| file(n, t)).collect();
    match build_templates(&[], &files, "none", &urls()) {
        Ok(_) => Vec::new(),
        Err(problems) => problems.iter().map(|d| d.to_string()).collect(),
    }
}

/// The diagnostic of rendering `t.html`.
fn render(text: &str) -> String {
    let (tera, origins) = build_templates(&[], &[file("t.html", text)], "none", &urls()).unwrap();
    let mut context = tera::Context::new();
    context.insert("page", &serde_json::json!({"title": "T"}));
    let error = tera.render("t.html", &context).unwrap_err();
    template_diagnostic(&error, &origins).to_string()
}

#[test]
fn every_listed_filter_function_and_test_exists() {
    // A template that uses a name as a filter, a function or a test.
    type Usage = fn(&str) -> String;
    let uses: [(&[&str], Usage, &str); 3] = [
        (
            FILTERS,
            |f| format!("{{{{ 1 | {f} }}}}"),
            "there is no filter",
        ),
        (FUNCTIONS, |f| format!("{{{{ {f}() }}}}"), "no function"),
        (
            TESTS,
            |t| format!("{{% if 1 is {t} %}}{{% endif %}}"),
            "no test",
        ),
    ];
    for (names, template, complaint) in uses {
        for name in names {
            let problems = load(&[("t.html", &template(name))]);
            assert!(
                !problems.iter().any(|p| p.contains(complaint)),
                "{name}: {problems:?}"
            );
        }
    }
}

/// Loads `text` as `t.html`, checks that its first problem says each of
/// `parts`, and returns all of them.
fn first_problem_says(text: &str, parts: &[&str]) -> Vec<String> {
    let problems = load(&[("t.html", text)]);
    let first = problems.first().map_or("", String::as_str);
    for part in parts {
        assert!(first.contains(part), "{text:?} -> {problems:?}");
    }
    problems
}

/// Renders `text` as `t.html` and checks that the error says `part`.
fn rendering_says(text: &str, part: &str) {
    let d = render(text);
    assert!(d.contains(part), "{text:?} -> {d}");
}

#[test]
fn an_unknown_filter_has_a_position_and_a_suggestion() {
    let problems = load(&[(
        "t.html",
        "ok\n<h1>{{ page.title | uper }}</h1>\n{{ x | shout }}\n",
    )]);
    assert_eq!(
        problems,
        [
            "error: templates/t.html:2:21: template syntax error: there is no filter `uper` (did you mean `upper`?)",
            "error: templates/t.html:3:8: template syntax error: there is no filter `shout` (the filters are: safe, default, upper, lower, wordcount, escape, escape_html, escape_xml, newlines_to_br, pluralize, trim, trim_start, trim_end, replace, capitalize, title, truncate, indent, str, int, float, length, reverse, split, abs, round, first, last, nth, join, sort, unique, get, values, keys, pairs, group_by, json, striptags)",
        ]
    );
    first_problem_says(
        "{% include \"partials/nope.html\" %}",
        &[
            "error: templates/t.html:1:",
            "names a template that does not exist",
        ],
    );
    first_problem_says(
        "{{ url_for(pth='x') }}{{ urlfor(path='x') }}",
        &["no function `urlfor` (did you mean `url_for`?)"],
    );
}

#[test]
fn braces_and_unclosed_tags_are_said_plainly() {
    let problems = load(&[("t.html", "<h1>{{ page.title }</h1>\n")]);
    assert_eq!(
        problems,
        [
            "error: templates/t.html:1:19: template syntax error: `{{` is closed with `}` instead of `}}` (write a value as `{{ page.title }}`, with two braces on each side)"
        ]
    );
    let problems = first_problem_says(
        "a\n{% if page.title %}\n<p>x</p>\n",
        &["`{% if %}` on line 2 is never closed (add `{% endif %}` where it should end)"],
    );
    assert_eq!(problems.len(), 1);
    first_problem_says(
        "{% for x in y %}{% if x %}{% endfor %}",
        &[
            "`{% endfor %}` comes while the `{% if %}` of line 1 is still open (add `{% endif %}` before it)",
        ],
    );
    first_problem_says("{% iff x %}", &["there is no tag `{% iff %}`"]);
    first_problem_says(
        "line\n{% if %}\n",
        &[
            "error: templates/t.html:2:",
            "a value is missing before `%}`",
        ],
    );
    first_problem_says("{# note\n", &["comment is never closed"]);
}

#[test]
fn rendering_errors_suggest_the_name_meant() {
    let d = render("ok\n{{ pgae.title }}\n");
    assert!(d.starts_with("error: templates/t.html:2:4: template error: variable `pgae` is not defined (did you mean `page`?)"), "{d}");
    rendering_says(
        "{{ page.titel }}",
        "field `titel` is not defined (did you mean `title`?)",
    );
    rendering_says(
        "{{ page.title | truncate(lenght=3) }}",
        "`truncate` needs the argument `length` (pass it by name: `truncate(length=...)`)",
    );
}

#[test]
fn a_missing_layout_is_named_at_its_extends_line() {
    let problems = load(&[
        ("t.html", "{# a page #}\n{% extends \"bse.html\" %}"),
        ("base.html", "x"),
    ]);
    assert_eq!(
        problems,
        [
            "error: templates/t.html:2:1: `{% extends \"bse.html\" %}` names a template that does not exist (did you mean \"base.html\"?)"
        ]
    );
}
