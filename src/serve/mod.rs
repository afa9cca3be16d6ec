//! `growthsite serve`, outside the pipeline and a client of it: a bound
//! address + build options -> a live preview. The loop is
//! watch -> classify -> plan -> rebuild in memory -> swap -> notify:
//!
//! - [`watch`]: file events, gathered into batches once each save in them
//!   ended, each path classified;
//! - [`plan`]: what a batch rebuilds (the policy is on `plan_rebuild`);
//! - [`rebuild`]: the build in memory, full or patched; nothing is written
//!   to disk, so a preview never touches `public/`;
//! - [`server`]: the HTTP side, serving the last good build from memory;
//! - [`http`]: connections and request heads, within limits;
//! - [`reload`]: the live-reload script and events;
//! - [`route`]: URLs to site files, refusing anything outside the site;
//! - [`browser`]: `--open`, and why no browser opened.
//!
//! The site is previewed under the same path as its base_url
//! (`https://alice.github.io/growth/` -> `http://127.0.0.1:1111/growth/`)
//! and every absolute URL in it points at the preview server.

pub mod browser;
pub mod cards;
pub mod http;
pub mod indexer;
pub mod plan;
pub mod rebuild;
pub mod reload;
pub mod route;
pub mod server;
pub mod watch;

use std::net::{SocketAddr, TcpListener, ToSocketAddrs};
use std::sync::Arc;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

pub use crate::error::ServeError;
use crate::error::{Error, Result};
use crate::options::Options;
use cards::CardDrawer;
use indexer::Indexer;
use plan::{Plan, plan_rebuild};
use rebuild::{Rebuilder, Rebuilt, Served};
use reload::LiveEvent;
use server::LiveSite;
use watch::{Change, ChangeKind, SiteLayout, SiteWatch};

/// What serve tells its caller as it goes (the library does not print).
#[derive(Debug)]
pub enum Progress<'a> {
    /// The first build is done and the server answers at `url`.
    Started {
        /// The site's address on the preview server.
        url: &'a str,
        /// Whether the server listens on every interface, not only loopback.
        public: bool,
        /// The first build.
        rebuilt: &'a Rebuilt,
    },
    /// A batch of changes was rebuilt.
    Rebuilt {
        /// The changed paths.
        changes: &'a [Change],
        /// Whether the whole site was rebuilt.
        everything: bool,
        /// The rebuild.
        rebuilt: &'a Rebuilt,
        /// From the end of the batch to the browsers being told.
        elapsed: Duration,
    },
    /// A rebuild could not even start (the config file is gone).
    Failed {
        /// Why.
        error: &'a Error,
    },
}

/// Binds the preview's address: `interface` (an IP address or a host
/// name) and `port` (0: any free port). The error names `--port` when the
/// port is taken.
pub fn bind(interface: &str, port: u16) -> Result<TcpListener> {
    let address: SocketAddr = (interface, port)
        .to_socket_addrs()
        .ok()
        .and_then(|mut found| found.next())
        .ok_or_else(|| {
            Error::from(ServeError::BadInterface {
                interface: interface.to_string(),
            })
        })?;
    TcpListener::bind(address).map_err(|e| {
        let why = match e.kind() {
            std::io::ErrorKind::AddrInUse => format!(
                "port {port} is already in use (choose another with --port, or --port 0 for any free port)"
            ),
            std::io::ErrorKind::PermissionDenied => "permission denied (ports below 1024 need privileges: choose another with --port)"
                .to_string(),
            _ => format!("{e} (choose another --port or --interface)"),
        };
        Error::from(ServeError::CannotListen { address, why })
    })
}

/// What open pages are told once a rebuild is served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tell {
    /// Reload (or drop the error overlay and reload).
    Reload,
    /// Swap the stylesheets.
    Css,
    /// Nothing: they already have the change (stylesheets swapped early).
    Nothing,
}

/// The preview's loop state, owned by [`serve`]: the build state, the
/// watch, and the live site it shares with the request threads.
struct Preview {
    rebuilder: Rebuilder,
    indexer: Indexer,
    cards: CardDrawer,
    watch: SiteWatch,
    live: Arc<LiveSite>,
    /// Distinguishes this run's builds from an earlier run's, so that a
    /// page left open across a restart reloads.
    session: String,
    builds: u64,
    showing_errors: bool,
    /// Whether the last rebuild was for lost events only. Such a rebuild
    /// reads every file, which on a huge site may overflow the watcher's
    /// queue again: one in a row is enough.
    rescanned: bool,
}

/// Serves the site of `options` on `listener` until the process ends,
/// rebuilding on every change. Returns only on a failure that stops the
/// preview (no config file at start, the file watcher failing).
///
/// Ctrl-C is left to its default (the process ends at once): serve holds
/// nothing that needs cleaning up, as it writes no file and the system
/// closes the sockets.
pub fn serve(
    options: Options,
    listener: TcpListener,
    mut report: impl FnMut(Progress),
) -> Result<()> {
    let local = listener
        .local_addr()
        .map_err(|e| ServeError::NoLocalAddress { source: e })?;
    let public = local.ip().is_unspecified();
    let shown = if public {
        SocketAddr::from(([127, 0, 0, 1], local.port()))
    } else {
        local
    };
    let origin = format!("http://{shown}");
    let layout = SiteLayout {
        root: options.root.clone(),
        config: options.config_path.clone(),
        output: options.output_dir.clone(),
    };
    // Watch before the first build, so that no change made during it is lost.
    let watch = SiteWatch::start(layout)?;
    let mut rebuilder = Rebuilder::new(options, origin.clone());
    let mut first = rebuilder.rebuild_everything()?;
    let session = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_millis());
    let live = Arc::new(LiveSite::new(&rebuilder.base_path()));
    let mut preview = Preview {
        indexer: Indexer::start(live.clone()),
        cards: CardDrawer::start(live.clone()),
        live,
        rebuilder,
        watch,
        session: format!("{session:x}"),
        builds: 0,
        showing_errors: false,
        rescanned: false,
    };
    preview.swap(&mut first, Tell::Reload);
    if let Some(site) = preview.rebuilder.site() {
        // The index the saves update, made while the writer opens a page.
        preview.indexer.renew(site, preview.live.epoch());
    }
    server::start(listener, preview.live.clone())?;
    let url = format!("{origin}{}", preview.rebuilder.base_path());
    report(Progress::Started {
        url: &url,
        public,
        rebuilt: &first,
    });
    loop {
        // A timeout, not a blocking wait: the loop never hangs on the watch.
        let batch = preview.watch.next_batch(Duration::from_secs(1))?;
        preview.card_problems();
        let Some(changes) = batch else {
            continue;
        };
        let lost_only = changes.iter().all(|c| c.kind == ChangeKind::Unknown);
        if lost_only && preview.rescanned {
            continue;
        }
        preview.rescanned = lost_only;
        let started = Instant::now();
        let plan = plan_rebuild(&changes, preview.rebuilder.can_patch());
        // The site is patched in place: the index's thread lets go of it.
        preview.indexer.let_go();
        if !matches!(plan, Plan::Documents(_)) {
            // A config or template change may draw every card again.
            preview.cards.wait_idle();
        }
        let (outcome, everything, tell) = match &plan {
            Plan::Documents(paths) => match preview.rebuilder.rebuild_documents(paths) {
                Some(rebuilt) => (Ok(rebuilt), false, Tell::Reload),
                None => (preview.rebuilder.rebuild_everything(), true, Tell::Reload),
            },
            Plan::Templates => {
                let first = preview.live.recent_pages();
                match preview.rebuilder.rebuild_templates(&first) {
                    Some(rebuilt) => (Ok(rebuilt), false, Tell::Reload),
                    None => (preview.rebuilder.rebuild_everything(), true, Tell::Reload),
                }
            }
            Plan::Config => {
                let first = preview.live.recent_pages();
                match preview.rebuilder.rebuild_config(&first) {
                    Some(rebuilt) => (Ok(rebuilt), false, Tell::Reload),
                    None => (preview.rebuilder.rebuild_everything(), true, Tell::Reload),
                }
            }
            Plan::Everything { css_only: true } => {
                // Swap the stylesheets first, then rebuild for the new
                // fingerprints without reloading the pages again.
                let tell = if preview.swap_stylesheets(&changes) {
                    Tell::Nothing
                } else {
                    Tell::Css
                };
                (preview.rebuilder.rebuild_everything(), true, tell)
            }
            Plan::Everything { css_only: false } => {
                (preview.rebuilder.rebuild_everything(), true, Tell::Reload)
            }
        };
        match outcome {
            Ok(mut rebuilt) => {
                let rest = preview.rebuilder.has_rest();
                if rest {
                    // Held before the pages are told to reload, so that a
                    // page not rendered yet is never served as it was.
                    preview.live.hold_pages(served_paths(&rebuilt));
                }
                let index = preview.rebuilder.index_job();
                if index.is_some() {
                    // Likewise the index and the cards: the pages go
                    // first, they follow.
                    preview.live.hold_index(preview.indexer.next_job());
                }
                let held = preview.cards.hold(&preview.rebuilder.due_cards());
                let whole = matches!(rebuilt.served, Served::All(..));
                preview.swap(&mut rebuilt, tell);
                let epoch = preview.live.epoch();
                if let Some((site, changed)) = index {
                    preview.indexer.request(site, changed, epoch);
                } else if let (true, Some(site)) = (whole, preview.rebuilder.site()) {
                    preview.indexer.renew(site, epoch);
                }
                let jobs = preview.rebuilder.card_jobs();
                preview.cards.request(jobs, held);
                report(Progress::Rebuilt {
                    changes: &changes,
                    everything,
                    rebuilt: &rebuilt,
                    elapsed: started.elapsed(),
                });
                if rest {
                    let mut more = preview.rebuilder.render_rest();
                    preview.finish_rest(&mut more);
                    report(Progress::Rebuilt {
                        changes: &changes,
                        everything,
                        rebuilt: &more,
                        elapsed: started.elapsed(),
                    });
                }
            }
            Err(error) => {
                preview.show_errors(vec![error.to_string()]);
                report(Progress::Failed { error: &error });
            }
        }
        // An index job whose site was taken back gets the site as it is
        // now; with no site left (the build failed), the old index stays.
        if !preview.indexer.resume(preview.rebuilder.site()) {
            preview.live.let_index_go();
        }
    }
}

/// The output paths a rebuild serves.
fn served_paths(rebuilt: &Rebuilt) -> std::collections::BTreeSet<String> {
    match &rebuilt.served {
        Served::Patch(files) | Served::All(files, _) => {
            files.iter().map(|f| f.path.clone()).collect()
        }
        Served::Nothing => Default::default(),
    }
}

impl Preview {
    /// Serves what a rebuild made (taking its files) and tells the open pages.
    fn swap(&mut self, rebuilt: &mut Rebuilt, tell: Tell) {
        let build = format!("{}-{}", self.session, self.builds + 1);
        let event = match std::mem::replace(&mut rebuilt.served, Served::Nothing) {
            Served::Nothing => {
                self.show_errors(rebuilt.errors.clone());
                return;
            }
            Served::All(files, base_path) if tell == Tell::Nothing && !self.showing_errors => {
                // The pages already have what changed: same build, no event.
                let same = format!("{}-{}", self.session, self.builds);
                self.live.replace_all(files, &base_path, &same);
                return;
            }
            Served::All(files, base_path) => {
                self.live.replace_all(files, &base_path, &build);
                if tell == Tell::Css && !self.showing_errors {
                    LiveEvent::Css { build }
                } else {
                    self.done_event(build)
                }
            }
            // A draft edited, say: no page changed, nothing to tell.
            Served::Patch(files) if files.is_empty() && !self.showing_errors => return,
            Served::Patch(files) => {
                self.live.patch(files, &build);
                self.done_event(build)
            }
        };
        self.builds += 1;
        self.showing_errors = false;
        self.live.broadcast(&event);
    }

    /// Serves the changed stylesheets at once and tells the pages to swap
    /// them; `false` when that could not be done.
    fn swap_stylesheets(&mut self, changes: &[Change]) -> bool {
        let paths: Vec<String> = changes.iter().map(|c| c.path.clone()).collect();
        match self.rebuilder.stylesheets(&paths) {
            Some(files) if !self.showing_errors => {
                self.builds += 1;
                let build = format!("{}-{}", self.session, self.builds);
                self.live.patch(files, &build);
                self.live.broadcast(&LiveEvent::Css { build });
                true
            }
            _ => false,
        }
    }

    /// Serves the pages the template fast path rendered after the first
    /// ones and lets the requests held for them go; shows the errors it
    /// found.
    fn finish_rest(&mut self, rebuilt: &mut Rebuilt) {
        let files = match std::mem::replace(&mut rebuilt.served, Served::Nothing) {
            Served::Patch(files) | Served::All(files, _) => files,
            Served::Nothing => Vec::new(),
        };
        self.live.release(files);
        if !rebuilt.errors.is_empty() {
            self.show_errors(rebuilt.errors.clone());
        }
    }

    /// Shows what drawing the cards found wrong.
    fn card_problems(&mut self) {
        let problems = self.cards.problems();
        if !problems.is_empty() {
            self.show_errors(reload::error_lines(problems.iter()));
        }
    }

    fn done_event(&self, build: String) -> LiveEvent {
        if self.showing_errors {
            LiveEvent::Ok { build }
        } else {
            LiveEvent::Reload { build }
        }
    }

    fn show_errors(&mut self, errors: Vec<String>) {
        if errors.is_empty() {
            return;
        }
        self.showing_errors = true;
        self.live.set_errors(errors.clone());
        self.live.broadcast(&LiveEvent::Error { errors });
    }
}
