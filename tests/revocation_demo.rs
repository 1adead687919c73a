//! The sample chain's built-in responder: what `cargo run` shows offline must be a real,
//! verified exchange. Checked through the same library calls as the window and the report.

use certscope::revocation::demo::{SAMPLE_CHAIN, SampleResponder};
use certscope::revocation::{CrlCache, CrlStatus, NetworkChecks, OcspOptions, OcspStatus, check_network, issued};

fn names(revocation: &certscope::revocation::Revocation, inputs: &[certscope::Input]) -> Vec<(String, String, String)> {
    let name = |r: certscope::chain::CertRef| inputs[r.input].certificates[r.index].display_name();
    let mut lines: Vec<(String, String, String)> = revocation
        .ocsp
        .iter()
        .map(|r| (name(r.certificate), "ocsp".to_string(), r.check.status.word().to_string()))
        .chain(revocation.crl.iter().map(|r| (name(r.certificate), "crl".into(), r.check.status.word().into())))
        .collect();
    lines.sort();
    lines
}

#[test]
fn sample_chain_good_and_revoked_by_ocsp_and_crl_offline() {
    let responder = SampleResponder::start(None).expect("starts on 127.0.0.1");
    let inputs = [certscope::load_bytes("sample", SAMPLE_CHAIN.as_bytes(), &Default::default())];
    let chains = certscope::build_chains(&inputs);
    let now = time::OffsetDateTime::now_utc();
    let checks = NetworkChecks {
        ocsp: Some(OcspOptions::default()),
        crl: Some(certscope::net::Limits::CRL),
        routes: responder.routes(),
    };
    let cache = CrlCache::default();
    let revocation = check_network(&issued(&inputs, &chains), now, &checks, &cache);
    assert_eq!(
        names(&revocation, &inputs),
        [
            ("certscope Sample TLS Issuing CA 1".to_string(), "crl".to_string(), "good".to_string()),
            ("revoked.certscope.example".into(), "crl".into(), "revoked".into()),
            ("revoked.certscope.example".into(), "ocsp".into(), "revoked".into()),
            ("www.certscope.example".into(), "crl".into(), "good".into()),
            ("www.certscope.example".into(), "ocsp".into(), "good".into()),
        ]
    );
    for result in &revocation.ocsp {
        assert!(result.check.url.starts_with("http://pki.certscope.example/"), "the URL the certificate names");
        assert!(result.check.checks.iter().all(|c| c.result() != "fail"), "{:?}", result.check.checks);
        assert_eq!(result.check.nonce_sent, result.check.nonce_received);
        assert!(result.check.responder.as_ref().unwrap().is_issuer);
    }
    let revoked = revocation.ocsp.iter().find(|r| r.check.status.word() == "revoked").unwrap();
    assert_eq!(
        revoked.check.status,
        OcspStatus::Revoked {
            revocation_time: certscope::revocation::demo::SAMPLE_REVOKED_AT,
            reason: Some("keyCompromise".into())
        }
    );
    let crl = revocation.crl.iter().find(|r| matches!(r.check.status, CrlStatus::Revoked { .. })).unwrap();
    assert!(crl.check.checks.iter().all(|c| c.result() != "fail"));
    assert_eq!(cache.len(), 2, "the two CRLs are kept for the session");
    let served = responder.served();
    assert_eq!(served, 4, "two OCSP requests and two CRLs");

    // Asked again: OCSP again (GET this time), CRLs from the cache.
    let get = NetworkChecks { ocsp: Some(OcspOptions { get: true, ..OcspOptions::default() }), ..checks };
    let again = check_network(&issued(&inputs, &chains), now, &get, &cache);
    assert_eq!(names(&again, &inputs), names(&revocation, &inputs));
    assert!(again.ocsp.iter().all(|r| r.check.method == "GET"));
    assert_eq!(responder.served(), served + 2, "only the OCSP requests reached the responder");
}

#[test]
fn sample_responder_stops_when_dropped() {
    let responder = SampleResponder::start(None).unwrap();
    let address = responder.address();
    assert!(std::net::TcpStream::connect(address).is_ok());
    drop(responder);
    // tiny_http's accept thread closes the socket just after the drop: allow it a moment.
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(3);
    while std::net::TcpStream::connect(address).is_ok() {
        assert!(std::time::Instant::now() < deadline, "nothing listens after the sample is closed");
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}
