//! Unit tests of the highlighter, on strings.

use super::*;
use crate::test_support::assert_has;

fn highlighted(language: &str, code: &str) -> String {
    Highlighter::new().highlight(language, code).unwrap()
}

#[test]
fn rust_gets_token_classes() {
    let html = highlighted("rust", "// why\nfn main() { let x = \"a<b\"; }\n");
    assert_has(
        &html,
        &[
            "<span class=\"c\">// why</span>",
            "<span class=\"k\">fn</span>",
        ],
    );
    assert!(
        html.contains("<span class=\"s\">&quot;a&lt;b&quot;</span>")
            || html.contains("<span class=\"s\">\"a&lt;b\"</span>"),
        "{html}"
    );
}

#[test]
fn unknown_languages_are_not_highlighted() {
    assert_eq!(Highlighter::new().highlight("klingon", "x"), None);
}

#[test]
fn console_sessions_mark_prompts_and_highlight_commands() {
    let html = highlighted("console", "$ echo \"hi\"\nhi\nroot@db:~# ls \\\n  -l\nx\n");
    assert!(html.starts_with("<span class=\"p\">$ </span>"), "{html}");
    assert!(html.ends_with("</span>\nx\n"), "{html}");
    assert_has(
        &html,
        &[
            // The line after a `\` goes on with the command; then output again.
            "\n  <span class=\"",
            "\nhi\n",
            "<span class=\"p\">root@db:~# </span>",
        ],
    );
}

#[test]
fn diffs_mark_added_and_removed_lines() {
    let html = diff("--- a/x\n+++ b/x\n@@ -1 +1 @@\n-old\n+new\n same\n");
    assert!(
        html.contains("<span class=\"d\">-old</span>\n<span class=\"i\">+new</span>\n same\n"),
        "{html}"
    );
    assert!(
        html.starts_with("<span class=\"h\">--- a/x</span>"),
        "{html}"
    );
}

#[test]
fn aliases_and_prompts() {
    assert_eq!(mode("yml"), Mode::Grammar("yaml"));
    assert_eq!(mode("shell-session"), Mode::Console);
    assert_eq!(prompt_len("$ ls"), Some(2));
    assert_eq!(prompt_len("alice@web-1:~/app$ make"), Some(19));
    assert_eq!(prompt_len("output line"), None);
    assert_eq!(prompt_len("$HOME is set"), None);
}
