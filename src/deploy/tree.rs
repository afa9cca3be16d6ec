//! Output files -> a git tree: every file stored as a blob, listed in a
//! temporary index (never the user's), written as a tree object.

use std::collections::BTreeMap;
use std::path::PathBuf;

use super::DeployError;
use super::git::Repo;
use crate::error::{Error, Result};
use crate::render::{OutputBody, OutputFile};

/// Files added to every published tree: GitHub Pages must not run Jekyll
/// over a site that is already built (it would drop `_`-prefixed files).
const NOJEKYLL: &str = ".nojekyll";

impl Repo {
    /// Stores every file as a blob and returns the tree of them all, built
    /// in a temporary index.
    pub(super) fn write_tree(
        &self,
        files: &[OutputFile],
        cname: Option<&str>,
        scratch: &Scratch,
    ) -> Result<String> {
        // Output path -> a file on disk with its bytes, for `hash-object`.
        let mut sources: BTreeMap<String, PathBuf> = BTreeMap::new();
        for file in files {
            let on_disk = match &file.body {
                OutputBody::Bytes(bytes) => scratch.write(bytes)?,
                OutputBody::Embedded(bytes) => scratch.write(bytes)?,
                // Read by the walk's rules, not by git, which would follow
                // whatever the file has become since the build.
                OutputBody::Cached(source) => source.clone(),
                OutputBody::Copy(source) => {
                    let bytes = source
                        .read()
                        .map_err(|e| Error::io(source.path(), e.into()))?;
                    scratch.write(&bytes)?
                }
            };
            sources.insert(file.path.clone(), on_disk);
        }
        sources.insert(NOJEKYLL.to_string(), scratch.write(b"")?);
        // growthsite.yaml's check made sure it is a host name.
        if let Some(cname) = cname {
            sources.insert(
                "CNAME".to_string(),
                scratch.write(format!("{cname}\n").as_bytes())?,
            );
        }
        let paths: String = sources
            .values()
            .map(|p| format!("{}\n", p.display()))
            .collect();
        // --no-filters: publish the bytes as built, whatever autocrlf or
        // .gitattributes say about the source repository.
        let args = ["hash-object", "-w", "--no-filters", "--stdin-paths"];
        let hashes = self.run(self.command(&args), &args, Some(paths.as_bytes()))?;
        let hashes: Vec<&str> = hashes.lines().collect();
        if hashes.len() != sources.len() {
            return Err(DeployError::UnexpectedAnswer {
                hashes: hashes.len(),
                files: sources.len(),
            }
            .into());
        }
        let mut index_info = Vec::new();
        for (path, hash) in sources.keys().zip(hashes) {
            index_info.extend_from_slice(format!("100644 {hash}\t{path}\0").as_bytes());
        }
        let index = scratch.path().join("index");
        let args = ["update-index", "-z", "--add", "--index-info"];
        let mut command = self.command(&args);
        command.env("GIT_INDEX_FILE", &index);
        self.run(command, &args, Some(&index_info))?;
        let mut command = self.command(&["write-tree"]);
        command.env("GIT_INDEX_FILE", &index);
        self.run(command, &["write-tree"], None)
    }
}

/// A temporary folder for the index and blobs, removed when dropped.
pub(super) struct Scratch {
    dir: tempfile::TempDir,
    files: std::cell::Cell<usize>,
}

impl Scratch {
    pub(super) fn new() -> Result<Scratch> {
        let dir = tempfile::Builder::new()
            .prefix("growthsite-deploy-")
            .tempdir()
            .map_err(|e| Error::io(std::env::temp_dir(), e))?;
        Ok(Scratch {
            dir,
            files: std::cell::Cell::new(0),
        })
    }

    /// The folder.
    fn path(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Writes `bytes` to a new file of the folder and returns its path.
    fn write(&self, bytes: &[u8]) -> Result<PathBuf> {
        let n = self.files.get();
        self.files.set(n + 1);
        let path = self.path().join(format!("blob-{n}"));
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
        Ok(path)
    }
}
