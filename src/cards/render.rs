//! Stage 4b: write-ups -> card PNGs. Each card's SVG comes from the
//! theme's `card.svg` template; the PNG is drawn with resvg (pure Rust) in
//! parallel and cached under the hash of its SVG in
//! `.growthsite/cache/cards/`, so an unchanged card costs one template
//! render and a hash.

use std::path::Path;
use std::sync::Arc;

use rayon::prelude::*;
use resvg::{tiny_skia, usvg};
use tera::{Context, Tera};

use super::index::{CardIndex, Found, card_key, index_environment, save_index};
use super::{
    CARD_FILE, CARD_HEIGHT, CARD_TEMPLATE, CARD_WIDTH, CardMetrics, CardText, FONT_BOLD,
    FONT_REGULAR, card_layout,
};
use crate::assemble::Site;
use crate::cache::write_atomically;
use crate::diag::{Diagnostic, Kind, Span};
use crate::render::templates::{TemplateOrigins, template_diagnostic};
use crate::render::{OutputBody, OutputFile};

/// Changes when the drawing changes for the same SVG (fonts, renderer),
/// so that cached cards are redrawn.
pub(super) const RENDERER: &str = "resvg-0.45/inter-4.0b7/sans-fallback/indexed-png-libdeflate-7/6";

/// Cards drawn together on one base (see [`super::shared`]): enough to
/// keep the cores busy, few enough that their SVGs take little memory.
const CHUNK: usize = 256;

/// A card to draw: its SVG, where its PNG goes, and its write-up's source.
struct Todo<'a> {
    svg: String,
    cached: std::path::PathBuf,
    source: &'a str,
}

/// A card's output, what is left to draw, and how its PNG was found.
type Looked<'a> = Result<(OutputFile, Option<Todo<'a>>, Found), Diagnostic>;

/// How much card work a build did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CardWork {
    /// Cards drawn.
    pub drawn: usize,
    /// Cards taken from the cache.
    pub cached: usize,
    /// Of those, cards the index knew: not laid out, no SVG rendered.
    pub known: usize,
    /// When the cards were drawn with the system's fonts, their
    /// [`system_fonts_fingerprint`], which is in the cards' cache keys.
    pub system_fonts: Option<u128>,
}

/// The fingerprint of the fonts cards are drawn with when a title needs
/// the system's: what a build's reuse of the last one's cards checks.
pub fn system_fonts_fingerprint() -> u128 {
    CardPainter::new(true).fonts_fingerprint()
}

/// Draws SVG cards with the shipped fonts (and the system's, for scripts
/// they lack).
pub struct CardPainter {
    options: usvg::Options<'static>,
}

impl CardPainter {
    /// A painter with the shipped fonts; `system_fonts` adds the
    /// machine's, for titles in scripts Inter does not cover.
    pub fn new(system_fonts: bool) -> CardPainter {
        let mut db = usvg::fontdb::Database::new();
        db.load_font_data(FONT_REGULAR.to_vec());
        db.load_font_data(FONT_BOLD.to_vec());
        if system_fonts {
            db.load_system_fonts();
        }
        let options = usvg::Options {
            font_family: "Inter".into(),
            fontdb: Arc::new(db),
            font_resolver: usvg::FontResolver {
                select_font: usvg::FontResolver::default_font_selector(),
                select_fallback: sans_fallback(),
            },
            ..usvg::Options::default()
        };
        CardPainter { options }
    }

    /// A hash of the painter's fonts: each face with its file's length and
    /// modification time, so that installing, removing or updating a font
    /// of the system changes it.
    pub fn fonts_fingerprint(&self) -> u128 {
        use usvg::fontdb::Source;
        let mut faces: Vec<String> = self
            .options
            .fontdb
            .faces()
            .map(|face| {
                let file = match &face.source {
                    Source::File(path) => {
                        let meta = std::fs::metadata(path).ok();
                        let len = meta.as_ref().map(std::fs::Metadata::len);
                        let modified = meta.and_then(|m| m.modified().ok());
                        format!("{}|{len:?}|{modified:?}", path.display())
                    }
                    // The shipped fonts, which the binary's identity covers.
                    _ => "in memory".to_string(),
                };
                format!("{file}|{}|{}", face.index, face.post_script_name)
            })
            .collect();
        faces.sort_unstable();
        xxhash_rust::xxh3::xxh3_128(faces.join("\n").as_bytes())
    }

    /// The PNG of an SVG card.
    pub fn png(&self, svg: &str) -> Result<Vec<u8>, String> {
        super::encode::encode_png(&self.draw(svg, None)?)
    }

    /// An SVG's picture, drawn on a copy of `base` (the shared part of the
    /// cards, see [`super::shared`]) or on nothing.
    pub fn draw(
        &self,
        svg: &str,
        base: Option<&tiny_skia::Pixmap>,
    ) -> Result<tiny_skia::Pixmap, String> {
        let tree = usvg::Tree::from_str(svg, &self.options).map_err(|e| e.to_string())?;
        let mut pixmap = match base {
            Some(base) => base.clone(),
            None => tiny_skia::Pixmap::new(CARD_WIDTH, CARD_HEIGHT).ok_or("no pixmap")?,
        };
        let size = tree.size();
        let transform = tiny_skia::Transform::from_scale(
            CARD_WIDTH as f32 / size.width(),
            CARD_HEIGHT as f32 / size.height(),
        );
        resvg::render(&tree, transform, &mut pixmap.as_mut());
        Ok(pixmap)
    }
}

/// For a character Inter lacks, a sans-serif face of the same style and
/// the nearest weight: resvg's own choice is the first face that has the
/// character, often a serif one (Noto Serif CJK before Noto Sans CJK),
/// and it draws the whole line in that face. Ties go by family name, so
/// that the same fonts give the same card.
fn sans_fallback() -> usvg::FallbackSelectionFn<'static> {
    Box::new(|c, used, db| {
        let base = db.face(*used.first()?)?;
        let (style, weight) = (base.style, i32::from(base.weight.0));
        let mut faces: Vec<_> = db
            .faces()
            .filter(|face| face.style == style && !used.contains(&face.id))
            .map(|face| {
                let family = face.families.first().map_or("", |(name, _)| name.as_str());
                let other = family.contains("Serif") || family.contains("Mono");
                let distance = (i32::from(face.weight.0) - weight).abs();
                ((other, distance, family.to_string(), face.index), face.id)
            })
            .collect();
        faces.sort_by(|a, b| a.0.cmp(&b.0));
        faces.into_iter().map(|(_, id)| id).find(|&id| {
            db.with_face_data(id, |data, index| {
                ttf_parser::Face::parse(data, index).is_ok_and(|face| face.glyph_index(c).is_some())
            })
            .unwrap_or(false)
        })
    })
}

/// Renders the cards of the write-ups `only` names (indices into
/// `Site::posts`; `None`: all) into output files (copied from the cache).
/// With `make` false (`check`, a build with errors), no PNG is drawn or
/// written. A card shows where the site is `published` (default: its
/// `base_url`), never a preview's address.
pub fn render_cards(
    site: &Site,
    tera: &Tera,
    origins: &TemplateOrigins,
    cache_dir: &Path,
    make: bool,
    only: Option<&[usize]>,
    published: Option<&str>,
) -> (Vec<OutputFile>, Vec<Diagnostic>, CardWork) {
    if !tera.contains_template(CARD_TEMPLATE) {
        return (Vec::new(), Vec::new(), CardWork::default());
    }
    let metrics = CardMetrics::default();
    let published = published.unwrap_or(&site.config.base_url);
    let address = published
        .split_once("://")
        .map_or(published, |(_, rest)| rest)
        .trim_end_matches('/');
    let system_fonts = site.posts.par_iter().any(|p| {
        !metrics.covers(&p.writeup.doc.title)
            || !metrics.covers(p.writeup.lesson.as_deref().unwrap_or_default())
    });
    let painter = CardPainter::new(system_fonts);
    let strings = crate::strings::Strings::new(&site.config.language, &site.config.strings);
    let lesson_label = strings.get("the_lesson");
    let posts: Vec<&crate::assemble::Post> = match only {
        Some(indices) => indices.iter().filter_map(|&i| site.posts.get(i)).collect(),
        None => site.posts.iter().collect(),
    };
    let created = make && std::fs::create_dir_all(cache_dir).is_ok();
    let fingerprint = system_fonts.then(|| painter.fonts_fingerprint());
    let fonts = match fingerprint {
        Some(fingerprint) => format!("system-{fingerprint:032x}"),
        None => "shipped".to_string(),
    };
    let environment = index_environment(site, tera, origins, &fonts);
    let index = environment.map_or_else(CardIndex::default, |_| CardIndex::read(cache_dir));
    let mut learned: Vec<(u128, u128)> = Vec::new();
    let mut results: Vec<Result<(OutputFile, Found), Diagnostic>> = Vec::new();
    let mut base: Option<(String, tiny_skia::Pixmap)> = None;
    // In chunks, so that only a chunk's SVGs are held at once.
    for chunk in posts.chunks(CHUNK) {
        let svgs: Vec<Looked> = chunk
            .par_iter()
            .map(|post| {
                let w = &post.writeup;
                let strategies: Vec<String> = post
                    .strategy_ids
                    .iter()
                    .map(|&i| site.strategies[i].name.clone())
                    .collect();
                let text = CardText {
                    title: &w.doc.title,
                    lesson: w.lesson.as_deref(),
                    strategies: &strategies,
                    site: &site.config.title,
                    address,
                    lesson_label,
                };
                let output = |cached: std::path::PathBuf| OutputFile {
                    path: format!("{}{CARD_FILE}", w.doc.path),
                    body: OutputBody::Cached(cached),
                };
                let key = environment.map(|env| card_key(env, &text));
                // A known card whose PNG is still there: no layout, no SVG.
                if let Some((key, hash)) = key.and_then(|key| Some((key, index.get(key)?))) {
                    let cached = cache_dir.join(format!("{hash:032x}.png"));
                    if !make || cached.is_file() {
                        return Ok((output(cached), None, Found::Known(key, hash)));
                    }
                }
                let card = card_layout(text, &metrics);
                let mut context = Context::new();
                context.insert_value("card", tera::Value::from_serializable(&card));
                let svg = tera
                    .render(CARD_TEMPLATE, &context)
                    .map_err(|e| template_diagnostic(&e, origins))?;
                // Cards drawn with the system's fonts change when those do.
                let hash =
                    xxhash_rust::xxh3::xxh3_128(format!("{RENDERER}/{fonts}\n{svg}").as_bytes());
                let cached = cache_dir.join(format!("{hash:032x}.png"));
                let todo = (make && !cached.is_file()).then(|| Todo {
                    svg,
                    cached: cached.clone(),
                    source: &w.doc.source,
                });
                Ok((output(cached), todo, Found::Rendered(key, hash)))
            })
            .collect();
        let todo: Vec<&Todo> = svgs
            .iter()
            .filter_map(|r| r.as_ref().ok()?.1.as_ref())
            .collect();
        let texts: Vec<&str> = todo.iter().map(|t| t.svg.as_str()).collect();
        let split = super::shared::split(&texts);
        if let Some(split) = &split
            && base.as_ref().is_none_or(|(svg, _)| *svg != split.base)
        {
            base = painter
                .draw(&split.base, None)
                .ok()
                .map(|pixmap| (split.base.clone(), pixmap));
        }
        let drawn: Vec<Result<(), Diagnostic>> = todo
            .par_iter()
            .enumerate()
            .map(|(i, todo)| {
                let problem = |what: String| {
                    Diagnostic::error(
                        Kind::TemplateError,
                        Span::file(origins.file_of(CARD_TEMPLATE)),
                        format!("the social card of {} {what}", todo.source),
                    )
                    .with_hint("the card template must render to valid SVG")
                };
                // The base failing to draw: each card is drawn whole.
                let pixmap = match (&split, &base) {
                    (Some(split), Some((_, base))) => {
                        painter.draw(&split.own(i, &todo.svg), Some(base))
                    }
                    _ => painter.draw(&todo.svg, None),
                };
                let png = pixmap
                    .and_then(|pixmap| super::encode::encode_png(&pixmap))
                    .map_err(|e| problem(format!("is not valid SVG: {e}")))?;
                if !created {
                    return Err(problem(format!(
                        "cannot be cached in {}",
                        cache_dir.display()
                    )));
                }
                write_atomically(&todo.cached, &png)
                    .map_err(|e| problem(format!("cannot be written: {e}")))
            })
            .collect();
        let mut drawn = drawn.into_iter();
        for result in svgs {
            results.push(result.and_then(|(output, todo, found)| {
                match todo {
                    Some(_) => drawn
                        .next()
                        .unwrap_or(Ok(()))
                        .map(|()| (output, Found::Drawn(found.entry()))),
                    None => Ok((output, found)),
                }
            }));
        }
    }
    let mut outputs = Vec::new();
    let mut problems = Vec::new();
    let mut work = CardWork {
        system_fonts: fingerprint,
        ..CardWork::default()
    };
    for result in results {
        match result {
            Ok((output, found)) => {
                match found {
                    Found::Drawn(_) => work.drawn += 1,
                    Found::Known(..) if make => work.known += 1,
                    _ => {}
                }
                if make && !matches!(found, Found::Drawn(_)) {
                    work.cached += 1;
                }
                learned.extend(found.entry());
                outputs.push(output);
            }
            Err(problem) => problems.push(problem),
        }
    }
    if created && environment.is_some() {
        save_index(cache_dir, &index, learned, only.is_none());
    }
    (outputs, problems, work)
}
