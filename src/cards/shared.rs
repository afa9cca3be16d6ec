//! What every card of a build draws alike. The default template begins
//! with the page, the top bar, the logo and the site's name, the same on
//! every card: they are drawn once into a base picture, and each card
//! draws only its own elements on a copy of it. resvg draws the SVG's
//! top-level elements one after the other onto the same pixels, so the
//! result is the same, pixel for pixel, as drawing the whole card.
//!
//! Only the leading top-level elements whose source is the same in every
//! card are shared. The split is not made (each card is drawn whole) when
//! it could change a picture: a `<style>` (CSS may select by position), an
//! `opacity`, `filter`, `mask` or `clip-path` on the root (it would blend
//! the whole picture at once), or a reference across the split (an `id`
//! in a shared element that draws, or in a card's own part).

use std::ops::Range;

/// Elements that draw nothing themselves: kept in both parts, so that
/// what refers to them finds them.
const NOT_DRAWN: &[&str] = &[
    "defs",
    "linearGradient",
    "radialGradient",
    "pattern",
    "clipPath",
    "mask",
    "filter",
    "symbol",
    "marker",
    "title",
    "desc",
    "metadata",
];

/// Root attributes that make the whole picture one layer.
const LAYERED: &[&str] = &["opacity", "filter", "mask", "clip-path", "style"];

/// The shared drawing, and how to take it out of each card.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Split {
    /// An SVG of the shared elements alone.
    pub base: String,
    /// The length of the part before the first element, the same in all.
    head: usize,
    /// The shared elements that draw nothing (gradients, ...), which each
    /// card's part keeps.
    references: String,
    /// Where each card's own elements begin in its SVG.
    cuts: Vec<usize>,
}

impl Split {
    /// The SVG of the `i`th card's own part (`svg` is that card's SVG).
    pub fn own(&self, i: usize, svg: &str) -> String {
        format!(
            "{}{}{}",
            &svg[..self.head],
            self.references,
            &svg[self.cuts[i]..]
        )
    }
}

struct Child {
    range: Range<usize>,
    drawn: bool,
    has_id: bool,
}

struct Parts<'a> {
    svg: &'a str,
    /// Up to the first top-level element: the root's start tag and all
    /// before it.
    head: &'a str,
    children: Vec<Child>,
    /// From the end of the last top-level element on.
    tail: usize,
}

impl Parts<'_> {
    fn text(&self, i: usize) -> &str {
        &self.svg[self.children[i].range.clone()]
    }
}

fn parts(svg: &str) -> Option<Parts<'_>> {
    let doc = roxmltree::Document::parse(svg).ok()?;
    let root = doc.root_element();
    if root.tag_name().name() != "svg"
        || root.attributes().any(|a| LAYERED.contains(&a.name()))
        || root.descendants().any(|n| n.tag_name().name() == "style")
    {
        return None;
    }
    let children: Vec<Child> = root
        .children()
        .filter(|n| n.is_element())
        .map(|n| Child {
            range: n.range(),
            drawn: !NOT_DRAWN.contains(&n.tag_name().name()),
            has_id: n.descendants().any(|d| d.attribute("id").is_some()),
        })
        .collect();
    let start = children.first()?.range.start;
    let tail = children.last()?.range.end;
    Some(Parts {
        svg,
        head: &svg[..start],
        children,
        tail,
    })
}

/// The split of these cards' SVGs, or `None` when there are fewer than two,
/// they share no element that draws, or splitting could change them.
pub fn split(svgs: &[&str]) -> Option<Split> {
    if svgs.len() < 2 {
        return None;
    }
    let parts: Vec<Parts> = svgs.iter().map(|svg| parts(svg)).collect::<Option<_>>()?;
    let first = &parts[0];
    let mut shared = first.children.len();
    for other in &parts[1..] {
        if other.head != first.head {
            return None;
        }
        let same = (0..first.children.len().min(other.children.len()))
            .take_while(|&i| first.text(i) == other.text(i))
            .count();
        shared = shared.min(same);
    }
    // A shared element that draws and has an id may be drawn again by a
    // card's `<use>`: share only what comes before it.
    shared = (0..shared)
        .find(|&i| first.children[i].drawn && first.children[i].has_id)
        .unwrap_or(shared);
    if !first.children[..shared].iter().any(|c| c.drawn) {
        return None;
    }
    let crosses = |p: &Parts| p.children[shared..].iter().any(|c| !c.drawn || c.has_id);
    if parts.iter().any(crosses) {
        return None;
    }
    let shared_texts: Vec<&str> = (0..shared).map(|i| first.text(i)).collect();
    let base = format!(
        "{}{}{}",
        first.head,
        shared_texts.join("\n"),
        &first.svg[first.tail..]
    );
    let references: String = (0..shared)
        .filter(|&i| !first.children[i].drawn)
        .map(|i| format!("{}\n", first.text(i)))
        .collect();
    let cuts = parts
        .iter()
        .map(|p| p.children.get(shared).map_or(p.tail, |c| c.range.start))
        .collect();
    Some(Split {
        base,
        head: first.head.len(),
        references,
        cuts,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEAD: &str = r#"<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10">"#;

    fn card(own: &str) -> String {
        format!(
            "{HEAD}<defs><linearGradient id=\"g\"/></defs><rect width=\"10\" height=\"10\" fill=\"url(#g)\"/>\n{own}</svg>"
        )
    }

    #[test]
    fn the_leading_common_elements_are_drawn_once() {
        let (a, b) = (card("<text>A</text>"), card("<text>B</text><rect/>"));
        let split = split(&[&a, &b]).unwrap();
        assert_eq!(
            split.base,
            format!(
                "{HEAD}<defs><linearGradient id=\"g\"/></defs>\n<rect width=\"10\" height=\"10\" fill=\"url(#g)\"/></svg>"
            )
        );
        // The gradient stays in each card's part, for what may refer to it.
        assert_eq!(
            [split.own(0, &a), split.own(1, &b)],
            [
                format!("{HEAD}<defs><linearGradient id=\"g\"/></defs>\n<text>A</text></svg>"),
                format!(
                    "{HEAD}<defs><linearGradient id=\"g\"/></defs>\n<text>B</text><rect/></svg>"
                ),
            ]
        );
    }

    #[test]
    fn no_split_where_it_could_change_a_card() {
        let (a, b) = (card("<text>A</text>"), card("<text>B</text>"));
        assert!(split(&[&a]).is_none(), "one card");
        let styled = |s: &str| s.replace("<defs>", "<style>text{fill:red}</style><defs>");
        assert!(split(&[&styled(&a), &styled(&b)]).is_none(), "CSS");
        let faded = |s: &str| s.replace("height=\"10\">", "height=\"10\" opacity=\".5\">");
        assert!(split(&[&faded(&a), &faded(&b)]).is_none(), "a layer");
        let defs_later = card("<defs/><text>B</text>");
        assert!(split(&[&a, &defs_later]).is_none(), "a reference");
        let used = |s: &str| s.replace("<rect ", "<rect id=\"r\" ");
        assert!(split(&[&used(&a), &used(&b)]).is_none(), "an id that draws");
        assert!(split(&[&a, "<svg"]).is_none(), "not SVG");
        assert!(split(&[&a, &a.replace("<svg ", "<svg font-size=\"3\" ")]).is_none());
    }
}
