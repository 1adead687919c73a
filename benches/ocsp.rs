//! OCSP: the library's cost per check above the HTTP round trip (issue 4's target: under 1 ms).
//! Both sides run here: the sample's built-in responder on 127.0.0.1 answers, so the round
//! trip is measured on its own (`raw POST`) and inside a whole check (`ocsp::check`).
//!
//!     cargo bench --bench ocsp

use std::hint::black_box;

use certscope::revocation::demo::{SAMPLE_CHAIN, SampleResponder};
use certscope::revocation::ocsp::{self, CertIdHash, OcspOptions};
use certscope::revocation::responder::{ResponseSpec, SigningKey, parse_request, sign_response};
use criterion::{Criterion, criterion_group, criterion_main};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/ocsp").join(name);
    std::fs::read(path).expect("fixtures are committed")
}

fn certificate(bytes: &[u8]) -> certscope::model::Certificate {
    certscope::load_bytes("bench", bytes, &Default::default()).certificates.remove(0)
}

fn ocsp_overhead(c: &mut Criterion) {
    let now = time::OffsetDateTime::now_utc();
    // The fixture CA (P-256) and a response it signed: the client's own work, no network.
    let (leaf, ca) = (certificate(&fixture("good.pem")), certificate(&fixture("ca.pem")));
    let key = SigningKey::from_pkcs8(&fixture("ca.key")).unwrap();
    let request = ocsp::build_request(&leaf, &ca, CertIdHash::Sha1, true).unwrap();
    let (ids, nonce) = parse_request(&request.der).unwrap();
    let spec = ResponseSpec::new(ca.der.clone(), ids[0].clone(), now, nonce);
    let response = sign_response(&spec, &key).unwrap();
    assert_eq!(ocsp::verify_response(&response, &request, &ca, now, time::Duration::minutes(5)).status.word(), "good");

    let mut group = c.benchmark_group("ocsp client work (no network)");
    group.bench_function("build request (SHA-1 CertID, nonce)", |b| {
        b.iter(|| black_box(ocsp::build_request(black_box(&leaf), &ca, CertIdHash::Sha1, true)))
    });
    group.bench_function("verify response (P-256 CA signature)", |b| {
        b.iter(|| {
            black_box(ocsp::verify_response(black_box(&response), &request, &ca, now, time::Duration::minutes(5)))
        })
    });
    group.finish();

    // The sample over loopback: its issuing CA signs with P-384.
    let responder = SampleResponder::start(None).unwrap();
    let sample = certscope::load_bytes("sample", SAMPLE_CHAIN.as_bytes(), &Default::default()).certificates;
    let (sample_leaf, sample_ca) = (&sample[0], &sample[2]);
    let options = OcspOptions { routes: responder.routes(), ..OcspOptions::default() };
    let url = sample_leaf.ocsp_urls().remove(0);
    let routed = certscope::net::route(&url, &options.routes);
    let sample_request = ocsp::build_request(sample_leaf, sample_ca, CertIdHash::Sha1, true).unwrap();
    // The same client work for the sample's P-384 CA: ring's P-384 verify dominates.
    let sample_key = SigningKey::from_pkcs8(include_bytes!("../assets/sample-issuing-ca.key")).unwrap();
    let (ids, nonce) = parse_request(&sample_request.der).unwrap();
    let sample_spec = ResponseSpec { signer_der: sample_ca.der.clone(), cert_id: ids[0].clone(), nonce, ..spec };
    let sample_response = sign_response(&sample_spec, &sample_key).unwrap();
    c.bench_function("ocsp client work (no network)/verify response (P-384 CA signature)", |b| {
        b.iter(|| {
            let skew = time::Duration::minutes(5);
            black_box(ocsp::verify_response(black_box(&sample_response), &sample_request, sample_ca, now, skew))
        })
    });
    let mut group = c.benchmark_group("ocsp over loopback (sample responder, P-384)");
    group.bench_function("raw POST round trip", |b| {
        b.iter(|| {
            black_box(certscope::net::post(&routed, "application/ocsp-request", &sample_request.der, options.limits))
        })
    });
    group.bench_function("whole check (build, POST, verify)", |b| {
        b.iter(|| {
            let check = ocsp::check(sample_leaf, sample_ca, &url, &options, time::OffsetDateTime::now_utc());
            assert_eq!(check.status.word(), "good");
            black_box(check)
        })
    });
    group.finish();
}

criterion_group!(benches, ocsp_overhead);
criterion_main!(benches);
