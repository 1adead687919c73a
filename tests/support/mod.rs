//! Shared by the integration tests: fixtures, the tests' clock, and the openssl CLI.
#![allow(dead_code)] // each test file uses its own part of this

pub mod http;
pub mod ocsp;

use std::path::PathBuf;
use std::process::Command;

use certscope::load::{Input, LoadOptions, load_path};

/// The clock every test uses: fixtures are valid 2026-01-01..2027-01-01.
pub const NOW: &str = "2026-06-01T00:00:00Z";

pub fn now() -> time::OffsetDateTime {
    certscope::model::time::parse_rfc3339(NOW).unwrap()
}

pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

pub fn load(name: &str) -> Input {
    load_path(&fixture(name), &LoadOptions::default())
}

pub fn load_with_password(name: &str, password: &str) -> Input {
    load_path(&fixture(name), &LoadOptions { password: Some(password.into()), ..LoadOptions::default() })
}

/// Runs `openssl` and returns its standard output; panics with its stderr if it fails.
pub fn openssl(args: &[&str]) -> String {
    let output = Command::new("openssl").args(args).output().expect("openssl must be installed (see README)");
    assert!(output.status.success(), "openssl {args:?}: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// `AB:CD:...` from openssl's `sha256 Fingerprint=AB:CD:...` to our lowercase hex.
pub fn openssl_fingerprint(line: &str) -> String {
    line.rsplit('=').next().unwrap().trim().replace(':', "").to_lowercase()
}

/// The SHA-256 fingerprints of every certificate openssl prints as PEM.
pub fn fingerprints_of_pem(pem: &str) -> Vec<String> {
    let input = certscope::load_bytes("openssl output", pem.as_bytes(), &LoadOptions::default());
    assert_eq!(input.error, None);
    input.certificates.iter().map(|c| certscope::model::hex(&c.sha256)).collect()
}

pub fn sorted(mut list: Vec<String>) -> Vec<String> {
    list.sort();
    list
}
