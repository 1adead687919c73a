//! Shared by the integration tests: fixtures, the tests' clock, and the openssl CLI.
#![allow(dead_code)] // each test file uses its own part of this

pub mod crl;
pub mod daemon;
pub mod http;
pub mod ldap;
pub mod ocsp;
pub mod tls;

use std::path::PathBuf;
use std::process::Command;

use certscope::load::{Input, LoadOptions, load_path};

/// The clock every test uses: fixtures are valid 2026-01-01..2027-01-01.
pub const NOW: &str = "2026-06-01T00:00:00Z";

/// The one diagnosis of inputs loaded from files: no revocation answers, no host extras.
pub fn diagnose_files(
    inputs: &[Input],
    anchors: &certscope::diagnose::Anchors,
    options: &certscope::diagnose::Options,
) -> certscope::diagnose::Diagnosis {
    certscope::diagnose::diagnose_files(inputs, &certscope::build_chains(inputs), anchors, options)
}

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

/// A process the tests start that listens on a port it prints (`ACCEPT [::]:PORT`, as
/// `openssl ocsp -port 0` and `openssl s_server -accept 127.0.0.1:0` do). A watchdog kills it
/// after 30 s; dropping it kills it too: no test leaves one running.
pub struct Listening {
    child: std::sync::Arc<std::sync::Mutex<std::process::Child>>,
}

impl Listening {
    /// Runs `command` (a shell line, stderr merged) in `dir`; returns the port and the process.
    pub fn start(command: &str, dir: &std::path::Path) -> (u16, Self) {
        use std::io::BufRead as _;
        let mut child = Command::new("sh")
            .args(["-c", &format!("exec {command} 2>&1")])
            .current_dir(dir)
            .stdout(std::process::Stdio::piped())
            .stdin(std::process::Stdio::null())
            .spawn()
            .expect("openssl must be installed (see README)");
        let stdout = child.stdout.take().unwrap();
        let child = std::sync::Arc::new(std::sync::Mutex::new(child));
        let watchdog = std::sync::Arc::clone(&child);
        std::thread::spawn(move || {
            std::thread::sleep(std::time::Duration::from_secs(30));
            let _ = watchdog.lock().unwrap().kill();
        });
        let mut lines = std::io::BufReader::new(stdout).lines();
        let port = loop {
            let line = lines.next().unwrap_or_else(|| panic!("{command}: exited before listening")).unwrap();
            if let Some(rest) = line.strip_prefix("ACCEPT ") {
                let address = rest.split_whitespace().next().unwrap();
                break address.rsplit(':').next().unwrap().parse().unwrap();
            }
        };
        // Keep draining its output so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        (port, Self { child })
    }
}

impl Drop for Listening {
    fn drop(&mut self) {
        let mut child = self.child.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// The certscope binary, kept on loopback: every proxy variable points at a closed loopback
/// port and only loopback bypasses it, so a URL a certificate names (AIA, CRL, OCSP) can never
/// reach beyond the machine. Tests that serve such a URL set their own proxy over this.
pub fn certscope() -> Command {
    certscope_via("http://127.0.0.1:1")
}

/// The certscope binary with every URL but loopback's sent through `proxy` (a loopback server).
pub fn certscope_via(proxy: &str) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_certscope"));
    for variable in ["http_proxy", "HTTP_PROXY", "https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY"] {
        command.env(variable, proxy);
    }
    command.env("NO_PROXY", "127.0.0.1,localhost,::1").env("no_proxy", "127.0.0.1,localhost,::1");
    command
}
