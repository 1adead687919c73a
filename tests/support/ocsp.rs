//! A real OCSP responder for tests: `openssl ocsp` over tests/fixtures/ocsp/index.txt on a
//! free port. It exits by itself after its requests (`-nrequest`), is killed after 30 s by a
//! watchdog, and is killed when dropped: no test leaves it running.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use certscope::model::Certificate;

pub struct OpensslResponder {
    pub port: u16,
    child: Arc<Mutex<Child>>,
}

impl OpensslResponder {
    /// Starts `openssl ocsp` signing with `signer` (a name in tests/fixtures/ocsp: `ca`, `responder`).
    pub fn start(signer: &str, requests: usize) -> Self {
        let dir = super::fixture("ocsp");
        // -port 0 picks a free port and prints "ACCEPT [::]:PORT"; stderr is merged so it can be read.
        let command = format!(
            "exec openssl ocsp -index index.txt -CA ca.pem -rsigner {signer}.pem -rkey {signer}.key \
             -port 0 -nrequest {requests} -ndays 1 2>&1"
        );
        let mut child = Command::new("sh")
            .args(["-c", &command])
            .current_dir(dir)
            .stdout(Stdio::piped())
            .stdin(Stdio::null())
            .spawn()
            .expect("openssl must be installed (see README)");
        let stdout = child.stdout.take().unwrap();
        let child = Arc::new(Mutex::new(child));
        let watchdog = Arc::clone(&child);
        std::thread::spawn(move || {
            std::thread::sleep(Duration::from_secs(30));
            let _ = watchdog.lock().unwrap().kill();
        });
        let mut lines = BufReader::new(stdout).lines();
        let port = loop {
            let line = lines.next().expect("openssl ocsp exited before listening").unwrap();
            if let Some(rest) = line.strip_prefix("ACCEPT ") {
                let address = rest.split_whitespace().next().unwrap();
                break address.rsplit(':').next().unwrap().parse().unwrap();
            }
        };
        // Keep draining its output so it never blocks on a full pipe.
        std::thread::spawn(move || for _ in lines.by_ref() {});
        Self { port, child }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
    }
}

impl Drop for OpensslResponder {
    fn drop(&mut self) {
        let mut child = self.child.lock().unwrap();
        let _ = child.kill();
        let _ = child.wait();
    }
}

/// A certificate of tests/fixtures/ocsp.
pub fn cert(name: &str) -> Certificate {
    let input = super::load(&format!("ocsp/{name}.pem"));
    input.certificates.into_iter().next().unwrap_or_else(|| panic!("ocsp/{name}.pem has a certificate"))
}

/// A key of tests/fixtures/ocsp.
pub fn key(name: &str) -> certscope::revocation::responder::SigningKey {
    let bytes = std::fs::read(super::fixture(&format!("ocsp/{name}.key"))).unwrap();
    certscope::revocation::responder::SigningKey::from_pkcs8(&bytes).unwrap()
}
