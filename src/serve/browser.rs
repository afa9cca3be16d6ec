//! `serve --open`: a URL -> the desktop's browser, or the reason none
//! opened. Blocking: the caller runs it off the main thread.

use std::process::{Command, Stdio};

/// Opens `url` in a browser (`BROWSER` when set). `Err` says why no
/// browser opened.
///
/// On macOS and Windows, opener knows at once whether the system launcher
/// accepted the URL. On Linux and the BSDs the launcher (`xdg-open`, or
/// `BROWSER`) says so only by its exit status, which opener does not wait
/// for (`xdg-open` may run as long as the browser it starts), so a machine
/// without a browser got no word at all. Here the launcher is waited for:
/// one that fails exits at once and its failure is reported; one that
/// keeps running has opened something, and nothing is said.
pub fn open_browser(url: &str) -> Result<(), String> {
    if cfg!(any(target_os = "macos", windows)) {
        return opener::open_browser(url).map_err(|e| e.to_string());
    }
    let program = std::env::var("BROWSER")
        .ok()
        .filter(|b| !b.trim().is_empty())
        .unwrap_or_else(|| "xdg-open".to_string());
    let output = Command::new(&program)
        .arg(url)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .output();
    match output {
        // No launcher installed: opener carries its own copy of xdg-open.
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && program == "xdg-open" => {
            opener::open_browser(url).map_err(|e| e.to_string())
        }
        Err(e) => Err(format!("{program}: {e}")),
        Ok(output) if output.status.success() => Ok(()),
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr);
            let last = stderr.lines().map(str::trim).rfind(|l| !l.is_empty());
            Err(match last {
                Some(line) => format!("{program} failed: {line}"),
                None => format!("{program} failed ({})", output.status),
            })
        }
    }
}
