//! `growthsite init DIR`: write a new, buildable site and say what to do next.

use super::{EXIT_OK, ExitStatus, fail};
use crate::cli::InitArgs;
use crate::options::Options;
use crate::scaffold::{DEFAULT_BRANCH, add_theme_files, current_branch, init_site};

/// Runs `growthsite init`.
pub fn execute(args: &InitArgs) -> ExitStatus {
    let dir = Options::resolve(&args.dir);
    if args.theme_files && dir.join(crate::config::CONFIG_FILE).is_file() {
        return add_theme(args, &dir);
    }
    // Inside a git repository the workflow follows the branch checked out
    // there; a new repository is told to start on the default one.
    let repo_branch = current_branch(&dir);
    let branch = repo_branch.as_deref().unwrap_or(DEFAULT_BRANCH);
    let report = match init_site(&dir, args.force, args.theme_files, branch) {
        Ok(report) => report,
        Err(error) => return fail(&error),
    };
    let shown = args.dir.display();
    println!(
        "Created a growthsite site in {shown}/ ({} files).",
        report.written.len()
    );
    for kept in &report.kept {
        println!("  kept {kept} (it already existed)");
    }
    println!();
    println!("Next steps:");
    println!("  1. Edit: cd {shown}, set title and author in growthsite.yaml, then");
    println!("     growthsite new \"What went wrong\"   writes a draft write-up to fill in.");
    println!("  2. Preview: growthsite serve, then open http://127.0.0.1:1111/");
    println!("     (it rebuilds and reloads as you save).");
    if repo_branch.is_none() {
        println!(
            "  3. Publish: git init -b {DEFAULT_BRANCH} && git add . && git commit -m \"My growth blog\","
        );
        println!("     push it to a GitHub repository, and choose");
    } else {
        println!("  3. Publish: commit, push {branch} to GitHub, and choose");
    }
    println!("     Settings > Pages > Source: GitHub Actions. The workflow in");
    println!("     .github/workflows/pages.yml builds with the site's real URL, so");
    println!("     base_url needs no edit. To publish from a gh-pages branch with");
    println!("     `growthsite deploy` instead, set base_url in growthsite.yaml first.");
    EXIT_OK
}

/// `init --theme-files` on an existing site: only the theme's files it
/// lacks are added; the site's own files are not touched, and the
/// new-site guide is not for it.
fn add_theme(args: &InitArgs, dir: &std::path::Path) -> ExitStatus {
    let report = match add_theme_files(dir) {
        Ok(report) => report,
        Err(error) => return fail(&error),
    };
    let shown = args.dir.join("themes/default");
    let shown = shown.display();
    let (written, kept) = (report.written.len(), report.kept.len());
    if written == 0 {
        println!(
            "{shown}/ already has every file of the default theme ({kept} files); nothing was written."
        );
        return EXIT_OK;
    }
    println!(
        "Added {written} file{} of the default theme to {shown}/.",
        super::plural(written)
    );
    if kept > 0 {
        println!("  kept {kept} that already existed");
    }
    println!(
        "With `theme: default` in growthsite.yaml the site now builds with these files: edit them \
         there. To change one template only, a copy in templates/ is enough."
    );
    EXIT_OK
}
