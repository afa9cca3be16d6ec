//! `growthsite serve`: bind the address, then hand over to the preview loop
//! and print what it reports: the URL to open, then a line per rebuild.

use super::{EXIT_OK, ExitStatus, fail, plural, print_diagnostics};
use crate::cli::ServeArgs;
use crate::serve::{Progress, bind, serve};

/// Runs `growthsite serve`.
pub fn execute(args: &ServeArgs) -> ExitStatus {
    let mut options = args.site.options();
    // The writer's preview shows what is not published yet, marked.
    options.drafts = !args.no_drafts;
    options.future = !args.no_drafts;
    let quiet = options.quiet;
    let listener = match bind(&args.interface, args.port) {
        Ok(listener) => listener,
        Err(error) => return fail(&error),
    };
    let result = serve(options, listener, |progress| {
        report(&progress, quiet);
        if let (Progress::Started { url, .. }, true) = (&progress, args.open) {
            open_browser(url);
        }
    });
    match result {
        Ok(()) => EXIT_OK,
        Err(error) => fail(&error),
    }
}

fn report(progress: &Progress, quiet: bool) {
    match progress {
        Progress::Started {
            url,
            public,
            rebuilt,
        } => {
            print_diagnostics(&rebuilt.diagnostics, quiet);
            if *public {
                eprintln!(
                    "warning: the preview is reachable from the network on every interface, \
                     not only from this computer"
                );
            }
            if !rebuilt.errors.is_empty() {
                eprintln!("the site has errors: the browser shows them until they are fixed");
            } else if !quiet {
                println!("built {}", rebuilt.summary);
            }
            println!("serving the site at {url} (Ctrl-C to stop)");
        }
        Progress::Rebuilt {
            changes,
            everything,
            rebuilt,
            elapsed,
        } => {
            print_diagnostics(&rebuilt.diagnostics, quiet);
            let what = describe(changes, *everything);
            if !rebuilt.errors.is_empty() {
                let count = rebuilt.errors.len();
                eprintln!(
                    "rebuild failed after {what}: {count} error{}; still serving the last good version",
                    plural(count)
                );
            } else if !quiet {
                let ms = elapsed.as_millis();
                println!("rebuilt {what} ({}) in {ms} ms", rebuilt.summary);
            }
        }
        Progress::Failed { error } => {
            eprintln!("error: {error}");
            eprintln!("still serving the last good version");
        }
    }
}

/// `content/mistakes/a.md`, `content/a.md and 2 more`, or `everything
/// after a change to templates/base.html`.
fn describe(changes: &[crate::serve::watch::Change], everything: bool) -> String {
    let first = changes.first().map_or("", |c| c.path.as_str());
    let paths = match changes.len() {
        0 | 1 => first.to_string(),
        n => format!("{first} and {} more", n - 1),
    };
    if everything {
        format!("everything after a change to {paths}")
    } else {
        paths
    }
}

/// Opens `url` in the desktop's browser (`BROWSER` when set), best
/// effort and off the main thread: when no browser opens, a note says so
/// and gives the URL.
fn open_browser(url: &str) {
    let url = url.to_string();
    std::thread::spawn(move || {
        if let Err(why) = crate::serve::browser::open_browser(&url) {
            eprintln!("note: could not open a browser ({why}); open {url} yourself");
        }
    });
}
