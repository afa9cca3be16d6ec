//! Publishing through GitHub Actions, run here for real: a release archive
//! packed by the script release.yml uses, served over HTTP, installed by the
//! Pages workflow's own install step (no compiling), then the workflow's
//! other shell steps build the site. The Actions parts (`uses:` steps) are
//! stood in for by what their documentation says they provide.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;
use std::thread;
use std::time::Instant;

use serde_yaml::Value;

use crate::support::{BIN, Site, repo_root};

const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The target whose archive the Pages workflow downloads (GitHub's
/// ubuntu-latest runners are x86_64 Linux; the musl build is static).
const RUNNER_TARGET: &str = "x86_64-unknown-linux-musl";

/// What `actions/configure-pages` gives as `steps.pages.outputs.base_url`
/// for a project site: the Pages URL without its trailing slash.
const PAGES_BASE_URL: &str = "https://alice.github.io/blog";

/// A workflow step: its name, and either a shell script or an action.
struct Step {
    name: String,
    run: Option<String>,
    uses: Option<String>,
}

/// The `env:` and the steps of job `job` in a workflow file.
fn workflow(path: &Path, job: &str) -> (Vec<(String, String)>, Vec<Step>) {
    let text = fs::read_to_string(path).unwrap();
    let doc: Value = serde_yaml::from_str(&text).unwrap();
    let env = doc["env"]
        .as_mapping()
        .map(|m| {
            m.iter()
                .map(|(k, v)| {
                    let value = v
                        .as_str()
                        .map(String::from)
                        .unwrap_or_else(|| serde_yaml::to_string(v).unwrap().trim().to_string());
                    (k.as_str().unwrap().to_string(), value)
                })
                .collect()
        })
        .unwrap_or_default();
    let steps = doc["jobs"][job]["steps"]
        .as_sequence()
        .unwrap_or_else(|| panic!("{}: no job `{job}` with steps", path.display()))
        .iter()
        .map(|step| Step {
            name: step["name"].as_str().unwrap_or("").to_string(),
            run: step["run"].as_str().map(String::from),
            uses: step["uses"].as_str().map(String::from),
        })
        .collect();
    (env, steps)
}

/// Serves the files under `root` over HTTP on a free loopback port until
/// the returned guard is dropped; returns the guard and the server's URL.
fn serve_files(root: PathBuf) -> (FileServer, String) {
    let server = std::sync::Arc::new(tiny_http::Server::http("127.0.0.1:0").unwrap());
    let url = format!("http://{}", server.server_addr().to_ip().unwrap());
    let serving = std::sync::Arc::clone(&server);
    let handle = thread::spawn(move || {
        for request in serving.incoming_requests() {
            let rel = request.url().trim_start_matches('/').to_string();
            let file = root.join(&rel);
            let known = !rel.split('/').any(|part| part == "..") && file.is_file();
            let response = if known {
                tiny_http::Response::from_data(fs::read(file).unwrap())
            } else {
                tiny_http::Response::from_data(b"not found".to_vec()).with_status_code(404)
            };
            let _ = request.respond(response);
        }
    });
    (
        FileServer {
            server,
            handle: Some(handle),
        },
        url,
    )
}

/// Stops the file server when dropped.
struct FileServer {
    server: std::sync::Arc<tiny_http::Server>,
    handle: Option<thread::JoinHandle<()>>,
}

impl Drop for FileServer {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(handle) = self.handle.take() {
            let _ = handle.join();
        }
    }
}

/// The test binary packed once, as release.yml packs a release build, for
/// the runner's target: the archive and its checksum file, in a folder
/// kept for the whole test run (packing a debug binary takes seconds).
fn packed_release() -> &'static Path {
    static PACKED: OnceLock<tempfile::TempDir> = OnceLock::new();
    PACKED
        .get_or_init(|| {
            let dir = tempfile::tempdir().unwrap();
            let output = Command::new("bash")
                .arg(repo_root().join(".github/scripts/pack-release.sh"))
                .args([VERSION, RUNNER_TARGET])
                .arg(BIN)
                .arg(dir.path())
                .output()
                .unwrap();
            assert_success("pack-release.sh", &output);
            let archive = PathBuf::from(String::from_utf8(output.stdout).unwrap().trim());
            assert_eq!(archive, dir.path().join(archive_name()));
            dir
        })
        .path()
}

/// The archive name release.yml publishes for the runner's target.
fn archive_name() -> String {
    format!("growthsite-v{VERSION}-{RUNNER_TARGET}.tar.gz")
}

/// A releases folder as GitHub serves it (`v<version>/<archive>`), with
/// a copy of the packed archive and its checksum.
fn releases_folder(site: &Site) -> PathBuf {
    let releases = site.scratch("releases");
    let version_dir = releases.join(format!("v{VERSION}"));
    fs::create_dir_all(&version_dir).unwrap();
    for name in [archive_name(), format!("{}.sha256", archive_name())] {
        fs::copy(packed_release().join(&name), version_dir.join(&name)).unwrap();
    }
    releases
}

fn assert_success(what: &str, output: &Output) {
    assert!(
        output.status.success(),
        "{what} failed ({}):\n{}{}",
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}

/// A runner's environment for the steps: a home, a temp folder, the
/// GITHUB_PATH file, the workflow's `env:`, and a PATH without cargo (so
/// that a step that tried to compile would fail).
struct Runner {
    home: PathBuf,
    temp: PathBuf,
    github_path: PathBuf,
    env: Vec<(String, String)>,
}

impl Runner {
    fn new(site: &Site, env: Vec<(String, String)>) -> Self {
        let runner = Runner {
            home: site.scratch("home"),
            temp: site.scratch("runner-temp"),
            github_path: site.scratch("github-path"),
            env,
        };
        fs::create_dir_all(&runner.home).unwrap();
        fs::create_dir_all(&runner.temp).unwrap();
        fs::write(&runner.github_path, "").unwrap();
        runner
    }

    /// The PATH a step sees: what earlier steps added to GITHUB_PATH, then
    /// the system's folders (not ~/.cargo/bin).
    fn path(&self) -> String {
        let added = fs::read_to_string(&self.github_path).unwrap();
        let mut parts: Vec<&str> = added.lines().rev().collect();
        parts.extend(["/usr/local/bin", "/usr/bin", "/bin"]);
        parts.join(":")
    }

    /// Runs a step's script as GitHub's `bash` shell does (`-eo pipefail`).
    fn run(&self, script: &str, dir: &Path) -> Output {
        let script = script.replace("${{ steps.pages.outputs.base_url }}", PAGES_BASE_URL);
        assert!(
            !script.contains("${{"),
            "a step uses an Actions expression this test does not stand in for:\n{script}"
        );
        Command::new("/bin/bash")
            .args(["--noprofile", "--norc", "-eo", "pipefail", "-c", &script])
            .current_dir(dir)
            .env_clear()
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .env("HOME", &self.home)
            .env("RUNNER_TEMP", &self.temp)
            .env("GITHUB_PATH", &self.github_path)
            .env("PATH", self.path())
            .output()
            .unwrap()
    }
}

fn init_blog() -> Site {
    let site = Site::new();
    site.run(&["init", "blog"]).assert_success();
    site
}

/// The release workflow packs every target with pack-release.sh, among
/// them the one the Pages workflow downloads.
#[test]
fn release_yml_packs_the_archive_the_pages_workflow_downloads() {
    let release = repo_root().join(".github/workflows/release.yml");
    let doc: Value = serde_yaml::from_str(&fs::read_to_string(&release).unwrap()).unwrap();
    let targets: Vec<&str> = doc["jobs"]["build"]["strategy"]["matrix"]["include"]
        .as_sequence()
        .unwrap()
        .iter()
        .map(|entry| entry["target"].as_str().unwrap())
        .collect();
    for wanted in [
        RUNNER_TARGET,
        "aarch64-unknown-linux-musl",
        "aarch64-apple-darwin",
        "x86_64-apple-darwin",
        "x86_64-pc-windows-msvc",
    ] {
        assert!(targets.contains(&wanted), "release.yml builds no {wanted}");
    }
    let (_, steps) = workflow(&release, "build");
    let pack = steps
        .iter()
        .find(|s| s.name == "Pack")
        .and_then(|s| s.run.as_deref())
        .expect("release.yml has a Pack step");
    assert!(pack.contains(".github/scripts/pack-release.sh \"$VERSION\" \"${{ matrix.target }}\""));

    // `cargo binstall growthsite` resolves Cargo.toml's template to the
    // same archive the Pages workflow downloads.
    let manifest = fs::read_to_string(repo_root().join("Cargo.toml")).unwrap();
    let template = manifest
        .lines()
        .find_map(|line| line.strip_prefix("pkg-url = "))
        .expect("Cargo.toml has [package.metadata.binstall] pkg-url")
        .trim_matches('"');
    let resolved = template
        .replace("{ repo }", env!("CARGO_PKG_REPOSITORY"))
        .replace("{ version }", VERSION)
        .replace("{ name }", "growthsite")
        .replace("{ target }", RUNNER_TARGET)
        .replace("{ archive-suffix }", ".tar.gz");
    assert_eq!(
        resolved,
        format!(
            "{}/v{VERSION}/growthsite-v{VERSION}-{RUNNER_TARGET}.tar.gz",
            growthsite::scaffold::RELEASES_URL
        )
    );
}

#[test]
fn the_pages_workflow_installs_a_release_archive_and_builds_the_site() {
    let site = init_blog();
    let blog = site.path("blog");
    let (_server, url) = serve_files(releases_folder(&site));

    let (mut env, steps) = workflow(&blog.join(".github/workflows/pages.yml"), "build");
    for (key, value) in &mut env {
        if key == "GROWTHSITE_RELEASES" {
            assert_eq!(value, growthsite::scaffold::RELEASES_URL);
            *value = url.clone();
        }
    }
    assert!(
        env.iter()
            .any(|(k, v)| k == "GROWTHSITE_VERSION" && v == VERSION)
    );
    let runner = Runner::new(&site, env);

    let mut ran = Vec::new();
    for step in &steps {
        match (&step.run, step.uses.as_deref()) {
            (Some(script), _) => {
                let started = Instant::now();
                let output = runner.run(script, &blog);
                assert_success(&format!("step `{}`", step.name), &output);
                let stderr = String::from_utf8_lossy(&output.stderr);
                assert!(!stderr.contains("::warning::"), "{}: {stderr}", step.name);
                if step.name == "Install growthsite" {
                    eprintln!("install from the release archive: {:?}", started.elapsed());
                }
                ran.push(step.name.as_str());
            }
            // The checkout is the site folder; configure-pages is stood in
            // for by its output above.
            (None, Some(action))
                if action.starts_with("actions/checkout@")
                    || action.starts_with("actions/configure-pages@") => {}
            (None, Some(action)) if action.starts_with("actions/upload-pages-artifact@") => {
                assert!(
                    blog.join("public/index.html").is_file(),
                    "nothing to upload"
                );
            }
            (None, other) => panic!("a step this test does not know: {other:?}"),
        }
    }
    assert_eq!(ran, ["Install growthsite", "Check", "Build"]);

    let installed = runner.home.join(".local/bin/growthsite");
    let version = Command::new(&installed).arg("--version").output().unwrap();
    assert_success("installed growthsite --version", &version);
    assert!(String::from_utf8_lossy(&version.stdout).contains(VERSION));
    let home = fs::read_to_string(blog.join("public/index.html")).unwrap();
    assert!(
        home.contains("href=\"/blog/"),
        "the build used the Pages base URL's path"
    );
}

#[test]
fn a_tampered_archive_is_refused_by_its_checksum() {
    let site = init_blog();
    let blog = site.path("blog");
    let releases = releases_folder(&site);
    let archive = releases.join(format!("v{VERSION}")).join(archive_name());
    let mut bytes = fs::read(&archive).unwrap();
    let last = bytes.len() - 1;
    bytes[last] ^= 0xff;
    fs::write(&archive, bytes).unwrap();
    let (_server, url) = serve_files(releases);

    let (mut env, steps) = workflow(&blog.join(".github/workflows/pages.yml"), "build");
    env.retain(|(k, _)| k != "GROWTHSITE_RELEASES");
    env.push(("GROWTHSITE_RELEASES".into(), url));
    let runner = Runner::new(&site, env);
    let install = steps
        .iter()
        .find(|s| s.name == "Install growthsite")
        .and_then(|s| s.run.as_deref())
        .unwrap();
    let output = runner.run(install, &blog);
    assert!(
        !output.status.success(),
        "a bad checksum must fail the step"
    );
    assert!(String::from_utf8_lossy(&output.stdout).contains("FAILED"));
    assert!(!runner.home.join(".local/bin/growthsite").exists());
}

#[test]
fn the_release_workflow_passes_actionlint() {
    let output = Command::new("actionlint")
        .arg(".github/workflows/release.yml")
        .current_dir(repo_root())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run actionlint ({e}); install it (tests/run.sh does) and run the tests again")
        });
    assert_success("actionlint release.yml", &output);
}

#[test]
fn init_inside_a_repository_triggers_on_its_branch() {
    let site = Site::new();
    let git = Command::new("git")
        .args(["init", "-q", "-b", "writing"])
        .current_dir(site.root())
        .output()
        .unwrap();
    assert_success("git init", &git);
    site.run(&["init", "blog"])
        .assert_success()
        .stdout_contains("push writing to GitHub")
        .stdout_lacks("git init -b main");
    let workflow = site.read("blog/.github/workflows/pages.yml");
    assert!(workflow.contains("branches: [writing]"), "{workflow}");

    let outside = Site::new();
    outside
        .run(&["init", "blog"])
        .assert_success()
        .stdout_contains("git init -b main");
    assert!(
        outside
            .read("blog/.github/workflows/pages.yml")
            .contains("branches: [main]")
    );
}
