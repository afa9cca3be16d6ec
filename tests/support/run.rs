//! A finished run of the binary and the assertions on it.

use std::process::ExitStatus;

/// One finished run of the binary, with normalized output.
#[derive(Debug)]
pub struct Run {
    /// The arguments it ran with.
    pub args: Vec<String>,
    /// Its exit status.
    pub status: ExitStatus,
    /// Its standard output, normalized.
    pub stdout: String,
    /// Its standard error, normalized.
    pub stderr: String,
}

impl Run {
    fn describe(&self) -> String {
        format!(
            "growthsite {}\nexit: {:?}\n--- stdout ---\n{}\n--- stderr ---\n{}",
            self.args.join(" "),
            self.status.code(),
            self.stdout,
            self.stderr
        )
    }

    /// Asserts the exit code.
    #[track_caller]
    pub fn assert_exit(&self, code: i32) -> &Self {
        assert_eq!(
            self.status.code(),
            Some(code),
            "unexpected exit code\n{}",
            self.describe()
        );
        self
    }

    /// Asserts exit code 0.
    #[track_caller]
    pub fn assert_success(&self) -> &Self {
        self.assert_exit(0)
    }

    /// Asserts that stdout contains `needle`.
    #[track_caller]
    pub fn stdout_contains(&self, needle: &str) -> &Self {
        self.expect(
            self.stdout.contains(needle),
            format_args!("stdout lacks {needle:?}"),
        )
    }

    /// Asserts that stderr contains `needle`.
    #[track_caller]
    pub fn stderr_contains(&self, needle: &str) -> &Self {
        self.expect(
            self.stderr.contains(needle),
            format_args!("stderr lacks {needle:?}"),
        )
    }

    /// Asserts that stdout does not contain `needle`.
    #[track_caller]
    pub fn stdout_lacks(&self, needle: &str) -> &Self {
        self.expect(
            !self.stdout.contains(needle),
            format_args!("stdout has {needle:?}"),
        )
    }

    /// Asserts that stderr does not contain `needle`.
    #[track_caller]
    pub fn stderr_lacks(&self, needle: &str) -> &Self {
        self.expect(
            !self.stderr.contains(needle),
            format_args!("stderr has {needle:?}"),
        )
    }

    #[track_caller]
    fn expect(&self, holds: bool, what: std::fmt::Arguments) -> &Self {
        assert!(holds, "{what}\n{}", self.describe());
        self
    }

    /// Asserts the whole of stdout.
    #[track_caller]
    pub fn stdout_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stdout, expected, "stdout differs\n{}", self.describe());
        self
    }

    /// Asserts the whole of stderr.
    #[track_caller]
    pub fn stderr_is(&self, expected: &str) -> &Self {
        assert_eq!(self.stderr, expected, "stderr differs\n{}", self.describe());
        self
    }
}
