//! The HTML of a write-up as a feed carries it: no heading anchors and no
//! highlighting classes (a feed reader shows the first as a stray `#` and
//! has no stylesheet for the second), wrapped in CDATA rather than escaped
//! (escaping every `<` and `"` makes a feed a fifth bigger). What is left
//! is the same text, links and structure as the page.

/// `html` ready to be the text of `<content type="html">` or `<summary>`.
pub fn feed_html(html: &str) -> String {
    cdata(&without_code_classes(&without_heading_anchors(html)))
}

/// The `#` link growthsite puts after each heading (see `parse::markdown`).
const ANCHOR_START: &str = "<a class=\"anchor\" href=\"#";
const ANCHOR_END: &str = "\" aria-hidden=\"true\" tabindex=\"-1\">#</a>";

fn without_heading_anchors(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(ANCHOR_START) {
        let after = &rest[at + ANCHOR_START.len()..];
        let id_len = after.find(['"', '<', '>']).unwrap_or(after.len());
        if after[id_len..].starts_with(ANCHOR_END) {
            out.push_str(&rest[..at]);
            rest = &after[id_len + ANCHOR_END.len()..];
        } else {
            out.push_str(&rest[..at + ANCHOR_START.len()]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

/// Drops the highlighter's `<span class="k">` (one to three lower-case
/// letters) and its `</span>` inside `<pre>`; any other span stays whole.
fn without_code_classes(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find("<pre") {
        out.push_str(&rest[..at]);
        let end = rest[at..].find("</pre>").map_or(rest.len(), |e| at + e);
        unwrap_spans(&rest[at..end], &mut out);
        rest = &rest[end..];
    }
    out.push_str(rest);
    out
}

fn unwrap_spans(pre: &str, out: &mut String) {
    // One entry per open span: whether its tags are dropped.
    let mut open: Vec<bool> = Vec::new();
    let mut rest = pre;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        rest = &rest[lt..];
        if let Some(len) = highlight_open_tag(rest) {
            open.push(true);
            rest = &rest[len..];
            continue;
        }
        if rest.starts_with("</span>") {
            if open.pop() == Some(true) {
                rest = &rest["</span>".len()..];
                continue;
            }
        } else if rest.starts_with("<span ") || rest.starts_with("<span>") {
            open.push(false);
        }
        out.push('<');
        rest = &rest[1..];
    }
    out.push_str(rest);
}

/// The length of `<span class="k">` at the start of `text`, if it is one.
fn highlight_open_tag(text: &str) -> Option<usize> {
    let class = text.strip_prefix("<span class=\"")?;
    let len = class.find('"')?;
    let name_ok = (1..=3).contains(&len) && class[..len].bytes().all(|b| b.is_ascii_lowercase());
    (name_ok && class[len..].starts_with("\">")).then_some("<span class=\"".len() + len + 2)
}

/// CDATA holds anything but `]]>`, which is split across two sections.
fn cdata(text: &str) -> String {
    format!("<![CDATA[{}]]>", text.replace("]]>", "]]]]><![CDATA[>"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_and_code_classes_go_text_stays() {
        let html = "<h2 id=\"a-b\">A b<a class=\"anchor\" href=\"#a-b\" aria-hidden=\"true\" tabindex=\"-1\">#</a></h2>\n\
                    <p><span class=\"k\">kept</span> <a class=\"anchor\" href=\"#x\">mine</a></p>\n\
                    <pre><code class=\"language-rust\"><span class=\"k\">fn</span> <span style=\"color:red\">f<span class=\"o\">(</span></span>)</code></pre>";
        assert_eq!(
            without_code_classes(&without_heading_anchors(html)),
            "<h2 id=\"a-b\">A b</h2>\n\
             <p><span class=\"k\">kept</span> <a class=\"anchor\" href=\"#x\">mine</a></p>\n\
             <pre><code class=\"language-rust\">fn <span style=\"color:red\">f(</span>)</code></pre>"
        );
    }

    #[test]
    fn cdata_splits_its_end_marker() {
        assert_eq!(cdata("a]]>b"), "<![CDATA[a]]]]><![CDATA[>b]]>");
        assert_eq!(cdata("<p>x &amp; y</p>"), "<![CDATA[<p>x &amp; y</p>]]>");
    }
}
