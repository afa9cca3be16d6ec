//! `growthsite revisit <WRITE-UP>`: append a dated revisit to a write-up
//! and say what was added.

use super::{EXIT_FAILED, EXIT_OK, ExitStatus, fail};
use crate::cli::{OutcomeArg, RevisitArgs};
use crate::options::Options;
use crate::parse::date::{ACCEPTED_FORMS, Date};
use crate::parse::growth::Outcome;
use crate::scaffold::{NewRevisit, revisit_writeup};

/// Runs `growthsite revisit`.
pub fn execute(args: &RevisitArgs) -> ExitStatus {
    let date = args
        .date
        .clone()
        .unwrap_or_else(|| crate::clock::local_today().ymd());
    if let Err(why) = Date::parse(&date) {
        eprintln!("error: --date {why} ({ACCEPTED_FORMS})");
        return EXIT_FAILED;
    }
    let outcome = match args.outcome {
        OutcomeArg::Stuck => Outcome::Stuck,
        OutcomeArg::Slipped => Outcome::Slipped,
        OutcomeArg::Changed => Outcome::Changed,
    };
    let revisit = NewRevisit {
        date: &date,
        outcome,
        note: args.note.as_deref(),
    };
    match revisit_writeup(&Options::resolve(&args.root), &args.writeup, &revisit) {
        Ok(rel) => {
            println!("{rel}: revisit of {date} added ({})", outcome.name());
            EXIT_OK
        }
        Err(error) => fail(&error),
    }
}
