//! Kramdown's attribute lists in a Jekyll post (`{:toc}`, `{: .class}`,
//! `[a](b){:target="_blank"}`), which pulldown-cmark would print as text
//! -> removed, keeping every line (so notes keep their line numbers).

use super::fence::Fences;

/// Removes kramdown's attribute lists, keeping every line: a line that is
/// only `{: ...}`, `{:toc}` with the `* TOC` line before it, and `{:...}`
/// right after a link or image. Lines in fenced code are left alone.
pub fn strip_kramdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut fences = Fences::default();
    let mut previous_was_toc = false;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        let code = fences.is_code(line);
        let newline = &line[line.trim_end_matches(['\n', '\r']).len()..];
        if code {
            out.push_str(line);
            previous_was_toc = false;
            continue;
        }
        let whole =
            trimmed.starts_with("{:") && trimmed.ends_with('}') && !trimmed[2..].contains('{');
        if whole {
            if trimmed.replace(' ', "") == "{:toc}" && previous_was_toc {
                // Blank the `* TOC` line written just before.
                let cut = out[..out.len() - 1].rfind('\n').map_or(0, |i| i + 1);
                let previous_newline = out[cut..].trim_end_matches(['\n', '\r']).len();
                out.replace_range(cut..cut + previous_newline, "");
            }
            out.push_str(newline);
            previous_was_toc = false;
            continue;
        }
        previous_was_toc = matches!(trimmed, "* TOC" | "- TOC" | "1. TOC" | "+ TOC");
        out.push_str(&strip_inline_attributes(line));
    }
    out
}

/// `[a](b){:target="_blank"}` -> `[a](b)`.
fn strip_inline_attributes(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut rest = line;
    while let Some(i) = rest.find("{:") {
        let before = &rest[..i];
        let attached = before.ends_with(')') || before.ends_with(']');
        match rest[i..].find('}') {
            Some(len) if attached => {
                out.push_str(before);
                rest = &rest[i + len + 1..];
            }
            _ => {
                out.push_str(&rest[..i + 2]);
                rest = &rest[i + 2..];
            }
        }
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kramdown_attributes_go_but_not_in_code() {
        let text = "* TOC\n{:toc}\n[a](b){:target=\"_blank\"}\n{: .note}\n```\n{: .keep}\n```\n\"{:.2f}\"\n";
        assert_eq!(
            strip_kramdown(text),
            "\n\n[a](b)\n\n```\n{: .keep}\n```\n\"{:.2f}\"\n"
        );
    }
}
