//! Any bytes as the answer to a real OCSP request (the test PKI's good leaf): parsed and
//! verified. Never a panic; the status is whatever the checks conclude.
#![no_main]

use std::sync::LazyLock;

use certscope::Certificate;
use certscope::revocation::ocsp::{CertIdHash, OcspRequest, build_request, verify_response};
use libfuzzer_sys::fuzz_target;

fn certificate(pem: &[u8]) -> Certificate {
    let input = certscope::load_bytes("fixture", pem, &certscope::LoadOptions::default());
    input.certificates.into_iter().next().expect("a fixture certificate")
}

static PARTS: LazyLock<(Certificate, OcspRequest)> = LazyLock::new(|| {
    let issuer = certificate(include_bytes!("../../tests/fixtures/ocsp/ca.pem"));
    let leaf = certificate(include_bytes!("../../tests/fixtures/ocsp/good.pem"));
    let request = build_request(&leaf, &issuer, CertIdHash::Sha1, true).expect("a request");
    (issuer, request)
});

fuzz_target!(|data: &[u8]| {
    let (issuer, request) = &*PARTS;
    let now = time::OffsetDateTime::UNIX_EPOCH + time::Duration::days(20_600);
    let _ = verify_response(data, request, issuer, now, time::Duration::minutes(5));
});
