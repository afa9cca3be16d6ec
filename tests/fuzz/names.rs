//! The names deploy writes or hands to git: `cname` (the CNAME file) and
//! `deploy_branch`. Branch names are checked against git itself.

use std::process::{Command, Stdio};

use growthsite::config::{check_branch_name, check_cname};
use proptest::prelude::*;

use super::{config, odd_text};

/// Name-shaped text: words, dots, slashes, dashes, and what git and DNS
/// refuse in them.
fn name_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        4 => "[a-zA-Z0-9]{1,6}",
        3 => prop::sample::select(vec![
            ".", "-", "/", "..", "@{", "@", ".lock", "//", "_", ":", "~", "^", "?", "*", "[", "\\",
            " ", "\n", "é", "xn--", "\u{7f}",
        ])
        .prop_map(str::to_string),
        1 => odd_text(2),
    ];
    prop::collection::vec(piece, 1..8).prop_map(|pieces| pieces.concat())
}

fn git_accepts_branch(name: &str) -> bool {
    Command::new("git")
        .args(["check-ref-format", "--branch", name])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .expect("run git")
        .success()
}

proptest! {
    #![proptest_config(config(1))]

    #[test]
    fn an_accepted_cname_is_one_line_of_host_name(name in name_text()) {
        if check_cname(&name).is_ok() {
            prop_assert!(name.len() <= 253 && name.contains('.'), "{name:?}");
            prop_assert!(
                name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'.' || b == b'-'),
                "{name:?}"
            );
            prop_assert!(name.split('.').all(|l| !l.is_empty() && l.len() <= 63), "{name:?}");
        }
    }
}

proptest! {
    #![proptest_config(config(16))]

    #[test]
    fn an_accepted_deploy_branch_is_accepted_by_git(name in name_text()) {
        let ours = check_branch_name(&name).is_ok();
        prop_assert!(!ours || git_accepts_branch(&name), "git refuses {name:?}, which growthsite.yaml's check accepts");
    }
}
