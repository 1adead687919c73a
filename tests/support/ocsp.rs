//! A real OCSP responder for tests: `openssl ocsp` over tests/fixtures/ocsp/index.txt on a
//! free port. It exits by itself after its requests (`-nrequest`), is killed after 30 s by a
//! watchdog, and is killed when dropped: no test leaves it running.

use certscope::model::Certificate;

pub struct OpensslResponder {
    pub port: u16,
    _process: super::Listening,
}

impl OpensslResponder {
    /// Starts `openssl ocsp` signing with `signer` (a name in tests/fixtures/ocsp: `ca`, `responder`).
    pub fn start(signer: &str, requests: usize) -> Self {
        let command = format!(
            "openssl ocsp -index index.txt -CA ca.pem -rsigner {signer}.pem -rkey {signer}.key \
             -port 0 -nrequest {requests} -ndays 1"
        );
        let (port, process) = super::Listening::start(&command, &super::fixture("ocsp"));
        Self { port, _process: process }
    }

    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}/", self.port)
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
