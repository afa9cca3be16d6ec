//! `growthsite import jekyll|hugo SRC DIR`: move an existing blog into a
//! new site, then say what was done and what is left to review.

use super::{EXIT_OK, ExitStatus, fail, plural};
use crate::cli::{ImportArgs, ImportFrom};
use crate::import::{Generator, ImportRequest, import_site, report};

/// Runs `growthsite import`.
pub fn execute(args: &ImportArgs) -> ExitStatus {
    let request = ImportRequest {
        generator: match args.generator {
            ImportFrom::Jekyll => Generator::Jekyll,
            ImportFrom::Hugo => Generator::Hugo,
        },
        src: &args.src,
        dir: &args.dir,
        base_url: args.base_url.as_deref(),
        mapping: args.mapping.as_deref(),
    };
    let summary = match import_site(&request) {
        Ok(summary) => summary,
        Err(error) => return fail(&error),
    };
    if args.quiet {
        return EXIT_OK;
    }
    let f = &summary.figures;
    eprintln!(
        "{} {} post{} from a {} blog into {}: {} write-up{}, {} page{}, {} alias{}, {} file{} copied",
        if summary.redone {
            "re-imported"
        } else {
            "imported"
        },
        f.posts_in,
        plural(f.posts_in),
        f.generator,
        args.dir.display(),
        f.writeups,
        plural(f.writeups),
        f.pages,
        plural(f.pages),
        f.aliases,
        if f.aliases == 1 { "" } else { "es" },
        f.copied,
        plural(f.copied),
    );
    if summary.notes.is_empty() {
        eprintln!("nothing to review");
    } else {
        eprintln!(
            "{} to review in {} ({})",
            summary.notes.len(),
            crate::import::convert::REPORT_FILE,
            report::counts_line(&summary.notes)
        );
    }
    eprintln!(
        "next: edit {} if the strategies are not right and run the same command again, or `growthsite serve --root {}`",
        crate::import::mapping::MAPPING_FILE,
        args.dir.display()
    );
    EXIT_OK
}
