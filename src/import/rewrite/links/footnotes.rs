//! Footnote ids in links to an old post (`#fn:1`, `#fnref:note`) ->
//! growthsite's ids for the same notes of the imported write-up. Pure.

/// A footnote's id as Hugo and kramdown write it (`fn:1`, `fnref:1`) ->
/// growthsite's id for that note of the target document. kramdown's id
/// is the note's label; Hugo's its number (`numbered`: the labels in the
/// order they are first cited).
pub(super) fn footnote_fragment(
    fragment: &str,
    target: &str,
    numbered: Option<&Vec<String>>,
) -> String {
    let slug = target
        .trim_end_matches(".md")
        .trim_end_matches("/index")
        .rsplit('/')
        .next()
        .unwrap_or("");
    let label = |written: &str| -> String {
        let number = written.parse::<usize>().ok().filter(|n| *n > 0);
        match (numbered, number) {
            (Some(labels), Some(n)) if n <= labels.len() => labels[n - 1].clone(),
            _ => written.to_string(),
        }
    };
    if let Some(written) = fragment.strip_prefix("fnref:") {
        let id = crate::parse::footnotes::footnote_id(slug, &label(written));
        return format!("ref-{id}");
    }
    match fragment.strip_prefix("fn:") {
        Some(written) => crate::parse::footnotes::footnote_id(slug, &label(written)),
        None => fragment.to_string(),
    }
}

/// The footnote labels a body cites (`[^a]`, not the `[^a]:` that
/// defines it), each once, in the order first cited.
pub(super) fn cited_labels(body: &str) -> Vec<String> {
    let mut labels: Vec<String> = Vec::new();
    let mut from = 0;
    while let Some(found) = body[from..].find("[^") {
        let at = from + found;
        let after = &body[at + 2..];
        from = at + 2;
        let Some(end) = after
            .find(']')
            .filter(|&e| e > 0 && !after[..e].contains('\n'))
        else {
            continue;
        };
        let label = &after[..end];
        let line_start = body[..at].rfind('\n').map_or(0, |n| n + 1);
        let defines = after[end + 1..].starts_with(':') && body[line_start..at].trim().is_empty();
        if !defines && !labels.iter().any(|l| l == label) {
            labels.push(label.to_string());
        }
        from += end + 1;
    }
    labels
}
