//! Unit tests of the highlighter, on strings.

use super::*;

#[test]
fn rust_gets_token_classes() {
    let html = Highlighter::new()
        .highlight("rust", "// why\nfn main() { let x = \"a<b\"; }\n")
        .unwrap();
    assert!(html.contains("<span class=\"c\">// why</span>"), "{html}");
    assert!(html.contains("<span class=\"k\">fn</span>"), "{html}");
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
    let html = Highlighter::new()
        .highlight("console", "$ echo \"hi\"\nhi\nroot@db:~# ls \\\n  -l\nx\n")
        .unwrap();
    assert!(html.starts_with("<span class=\"p\">$ </span>"), "{html}");
    // The line after a `\` goes on with the command; then output again.
    assert!(html.contains("\n  <span class=\""), "{html}");
    assert!(html.ends_with("</span>\nx\n"), "{html}");
    assert!(html.contains("\nhi\n"), "{html}");
    assert!(
        html.contains("<span class=\"p\">root@db:~# </span>"),
        "{html}"
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
