//! The command line: clap derive structs, turned into `Options` by
//! `SiteArgs::options`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::options::Options;

/// growthsite: a static-site generator for personal-growth blogs.
#[derive(Debug, Parser)]
#[command(
    name = "growthsite",
    version,
    about,
    long_about = None,
    propagate_version = true,
    after_help = "New here? `growthsite init my-blog`, then `cd my-blog && growthsite serve`."
)]
pub struct Cli {
    /// What to do.
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Render the site into public/.
    Build(BuildArgs),
    /// Build, serve on 127.0.0.1:1111, rebuild on change, reload the browser.
    Serve(ServeArgs),
    /// Write content/mistakes/<slug>.md from the write-up template and print its path.
    New(NewArgs),
    /// Add a dated revisit to a write-up: did the change stick?
    Revisit(RevisitArgs),
    /// Create a new, buildable site in DIR.
    Init(InitArgs),
    /// Build in memory and report every content problem; write nothing.
    Check(CheckArgs),
    /// Build and publish the output to the gh-pages branch (or `deploy_branch`), then push it.
    Deploy(DeployArgs),
    /// Print shell completions: `growthsite completions bash > ~/.local/share/bash-completion/completions/growthsite`.
    Completions(CompletionsArgs),
    /// Move a Jekyll or Hugo blog into a new site in DIR (SRC is only read).
    Import(ImportArgs),
}

/// Flags every command that reads a site takes.
#[derive(Debug, Args, Clone)]
pub struct SiteArgs {
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
    /// The config file [default: <root>/growthsite.yaml].
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Publish under this URL instead of the config's base_url.
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// Print errors only.
    #[arg(short, long)]
    pub quiet: bool,
}

impl SiteArgs {
    /// Resolves paths against the current folder and `--root`.
    pub fn options(&self) -> Options {
        let root = Options::resolve(&self.root);
        let mut options = Options::for_root(root);
        if let Some(config) = &self.config {
            options.config_path = Options::resolve(config);
        }
        options.base_url = self.base_url.clone();
        options.quiet = self.quiet;
        options
    }
}

/// What a published build leaves out unless asked: the flags of `build`,
/// `check` and `deploy` (`serve` shows both, marked, unless `--no-drafts`).
#[derive(Debug, Args, Clone)]
pub struct PublishArgs {
    /// Include drafts (`draft: true`).
    #[arg(long)]
    pub drafts: bool,
    /// Include write-ups dated after today.
    #[arg(long)]
    pub future: bool,
}

impl PublishArgs {
    /// Sets what the build includes.
    pub fn apply(&self, options: &mut Options) {
        options.drafts = self.drafts;
        options.future = self.future;
    }
}

/// `growthsite build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Site flags.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Drafts and future write-ups.
    #[command(flatten)]
    pub publish: PublishArgs,
    /// Where to write the site [default: <root>/public].
    #[arg(short = 'o', long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
}

/// `growthsite serve`.
#[derive(Debug, Args)]
pub struct ServeArgs {
    /// Site flags.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Port to listen on (0 picks a free one).
    #[arg(long, default_value_t = 1111)]
    pub port: u16,
    /// Address to listen on.
    #[arg(long, default_value = "127.0.0.1")]
    pub interface: String,
    /// Open the site in a browser.
    #[arg(long)]
    pub open: bool,
    /// Hide drafts and write-ups dated after today, as `build` does
    /// (the preview shows them by default, each marked with a banner).
    #[arg(long)]
    pub no_drafts: bool,
}

/// `growthsite new "Title"`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The write-up's title.
    pub title: String,
    /// A strategy it used (repeatable), checked against growthsite.yaml.
    #[arg(long = "strategy", value_name = "SLUG")]
    pub strategies: Vec<String>,
    /// Write a page bundle: content/mistakes/<slug>/index.md.
    #[arg(long)]
    pub bundle: bool,
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// What came of a goal, for `revisit --outcome`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum OutcomeArg {
    /// The change held.
    Stuck,
    /// The old habit came back.
    Slipped,
    /// The goal itself changed.
    Changed,
}

/// `growthsite revisit <WRITE-UP>`.
#[derive(Debug, Args)]
pub struct RevisitArgs {
    /// The write-up: its file (content/mistakes/x.md) or its slug.
    #[arg(value_name = "WRITE-UP")]
    pub writeup: String,
    /// What came of it.
    #[arg(long, value_enum)]
    pub outcome: OutcomeArg,
    /// What you found, Markdown.
    #[arg(long)]
    pub note: Option<String>,
    /// The day you looked back [default: today].
    #[arg(long, value_name = "YYYY-MM-DD")]
    pub date: Option<String>,
    /// The site folder.
    #[arg(long, value_name = "DIR", default_value = ".")]
    pub root: PathBuf,
}

/// `growthsite init DIR`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder for the new site.
    pub dir: PathBuf,
    /// Write into a non-empty folder (existing files are never overwritten).
    #[arg(long)]
    pub force: bool,
    /// Also write an editable copy of the default theme to themes/default/.
    #[arg(long)]
    pub theme_files: bool,
}

/// Output formats of `check`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum CheckFormat {
    /// `error: file:line:col: message (hint)` lines.
    Text,
    /// One JSON object per finding, a line each.
    Json,
}

/// `growthsite check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// Site flags.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Drafts and future write-ups.
    #[command(flatten)]
    pub publish: PublishArgs,
    /// Treat every warning as an error (check already fails on unknown
    /// strategies and broken links).
    #[arg(long)]
    pub strict: bool,
    /// How to print findings.
    #[arg(long, value_enum, default_value_t = CheckFormat::Text)]
    pub format: CheckFormat,
}

/// `growthsite deploy`.
#[derive(Debug, Args)]
pub struct DeployArgs {
    /// Site flags.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Drafts and future write-ups.
    #[command(flatten)]
    pub publish: PublishArgs,
    /// Remote to push to.
    #[arg(long, default_value = "origin")]
    pub remote: String,
    /// Branch to publish to [default: `deploy_branch` in growthsite.yaml,
    /// else gh-pages]. Another branch is refused if it holds commits that
    /// deploy did not make.
    #[arg(long)]
    pub branch: Option<String>,
    /// Commit, but do not push.
    #[arg(long)]
    pub no_push: bool,
    /// Commit message [default: names the source commit].
    #[arg(long, short)]
    pub message: Option<String>,
}

/// `growthsite completions SHELL`.
#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// The generators `import` reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ImportFrom {
    /// A Jekyll blog: _config.yml, _posts/, Liquid.
    Jekyll,
    /// A Hugo blog: hugo.toml or config.*, content/, shortcodes.
    Hugo,
}

/// `growthsite import jekyll|hugo SRC DIR`.
#[derive(Debug, Args)]
pub struct ImportArgs {
    /// The generator the old blog was written for.
    #[arg(value_enum)]
    pub generator: ImportFrom,
    /// The old blog's folder (only read, never changed).
    pub src: PathBuf,
    /// The new site's folder: new, empty, or a previous import to redo.
    pub dir: PathBuf,
    /// Where the new site will be published [default: the old blog's address].
    #[arg(long, value_name = "URL")]
    pub base_url: Option<String>,
    /// The tags-to-strategies table to use [default: DIR/import-mapping.yaml
    /// of a previous import, else one is proposed].
    #[arg(long, value_name = "FILE")]
    pub mapping: Option<PathBuf>,
    /// Print errors only.
    #[arg(short, long)]
    pub quiet: bool,
}
