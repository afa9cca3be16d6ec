//! The command line: clap derive structs, turned into `Options` by
//! `SiteArgs::options`.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};

use crate::options::Options;

/// growthsite: a static-site generator for personal-growth blogs.
#[derive(Debug, Parser)]
#[command(name = "growthsite", version, about, long_about = None, propagate_version = true)]
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
    /// Include drafts.
    #[arg(long)]
    pub drafts: bool,
    /// Where to write the site [default: <root>/public].
    #[arg(short = 'o', long, value_name = "DIR")]
    pub output_dir: Option<PathBuf>,
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
        if let Some(output) = &self.output_dir {
            options.output_dir = Options::resolve(output);
        }
        options.base_url = self.base_url.clone();
        options.drafts = self.drafts;
        options.quiet = self.quiet;
        options
    }
}

/// `growthsite build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Site flags.
    #[command(flatten)]
    pub site: SiteArgs,
    /// Treat warnings as errors.
    #[arg(long)]
    pub strict: bool,
    /// Print how long each stage took.
    #[arg(long)]
    pub timings: bool,
}
