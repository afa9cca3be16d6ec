//! Why `serve` could not start or had to stop.

use std::net::SocketAddr;
use std::path::PathBuf;

/// A preview that cannot start or go on; each message says what to do.
#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    /// `--interface` names no address.
    #[error(
        "--interface {interface}: not an address to listen on (use 127.0.0.1, or 0.0.0.0 for every interface)"
    )]
    BadInterface {
        /// As given.
        interface: String,
    },
    /// The address cannot be listened on.
    #[error("cannot listen on {address}: {why}")]
    CannotListen {
        /// The address.
        address: SocketAddr,
        /// Why, with what to do (port in use, permission).
        why: String,
    },
    /// The listening socket has no address (should not happen).
    #[error("cannot read the server's address: {source}")]
    NoLocalAddress {
        /// The system's error.
        source: std::io::Error,
    },
    /// The server thread could not be started.
    #[error("cannot start the server thread: {source}")]
    ServerThread {
        /// The system's error.
        source: std::io::Error,
    },
    /// The file watcher could not be set up.
    #[error("cannot watch the site for changes: {source}")]
    CannotWatch {
        /// notify's error.
        source: notify::Error,
    },
    /// A folder of the site could not be watched.
    #[error("cannot watch {}: {source}", path.display())]
    CannotWatchPath {
        /// The folder.
        path: PathBuf,
        /// notify's error.
        source: notify::Error,
    },
    /// The file watcher ended.
    #[error("the file watcher stopped")]
    WatcherStopped,
}
