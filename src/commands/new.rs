//! `growthsite new "Title"`: write a draft write-up and print its path.

use super::{EXIT_OK, ExitStatus, fail};
use crate::cli::NewArgs;
use crate::clock::local_today;
use crate::options::Options;
use crate::scaffold::{NewWriteup, new_writeup};

/// Runs `growthsite new`.
pub fn execute(args: &NewArgs) -> ExitStatus {
    // Today in the user's time zone: an evening write-up in California is
    // dated that day, not the next (the date in UTC).
    let date = local_today().ymd();
    let request = NewWriteup {
        title: &args.title,
        strategies: &args.strategies,
        bundle: args.bundle,
        date: &date,
    };
    match new_writeup(&Options::resolve(&args.root), &request) {
        Ok(rel) => {
            // The path as the user would type it from where they are.
            let shown = if args.root == std::path::Path::new(".") {
                rel.into()
            } else {
                args.root.join(rel)
            };
            println!("{}", shown.display());
            EXIT_OK
        }
        Err(error) => fail(&error),
    }
}
