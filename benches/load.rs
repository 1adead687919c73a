//! Load + model + chain + diagnosis + report, measured by criterion on the bundled sample chain, the
//! test chain in each container format, and the system CA bundle when present.
//!
//!     cargo bench --bench load

use std::hint::black_box;

use certscope::load::{LoadOptions, load_bytes};
use criterion::{Criterion, Throughput, criterion_group, criterion_main};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(path).expect("fixtures are committed")
}

fn load_model_chain(c: &mut Criterion) {
    let options = LoadOptions::default();
    let mut cases = vec![
        ("sample chain (PEM, 3)", include_bytes!("../assets/sample-chain.pem").to_vec()),
        ("chain (DER PKCS#7, 3)", fixture("chain-der.p7b")),
        ("leaf (DER, 1)", fixture("leaf-p256.der")),
        ("CRL (PEM)", fixture("intermediate.crl")),
    ];
    if let Ok(system) = std::fs::read("/etc/ssl/certs/ca-certificates.crt") {
        cases.push(("system CA bundle (PEM)", system));
    }
    let mut group = c.benchmark_group("load+model+chain");
    for (name, bytes) in &cases {
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        group.bench_function(*name, |b| {
            b.iter(|| {
                let input = load_bytes("bench", black_box(bytes), &options);
                black_box(certscope::build_chains(std::slice::from_ref(&input)))
            })
        });
    }
    group.finish();

    // The PKCS#12 key derivation is the cost there: measured apart.
    let p12 = fixture("empty-password.p12");
    c.bench_function("PKCS#12 (AES-256, PBKDF2 2048 rounds)", |b| {
        b.iter(|| black_box(load_bytes("bench", black_box(&p12), &options)))
    });

    let now = certscope::model::time::parse_rfc3339("2026-06-01T00:00:00Z").expect("valid time");
    let chain = [load_bytes("bench", include_bytes!("../assets/sample-chain.pem"), &options)];
    let chains = certscope::build_chains(&chain);
    let revocation = certscope::revocation::Revocation::default();
    let anchors = certscope::diagnose::Anchors::offline(&[], "");
    let diagnose = |inputs: &[certscope::Input], chains: &[certscope::Chain]| {
        certscope::diagnose::diagnose_files(inputs, chains, &anchors, &certscope::diagnose::Options::at(now))
    };
    c.bench_function("diagnosis (sample chain)", |b| b.iter(|| black_box(diagnose(&chain, &chains))));
    if let Ok(system) = std::fs::read("/etc/ssl/certs/ca-certificates.crt") {
        let bundle = [load_bytes("bench", &system, &options)];
        let bundle_chains = certscope::build_chains(&bundle);
        c.bench_function("diagnosis (system CA bundle)", |b| b.iter(|| black_box(diagnose(&bundle, &bundle_chains))));
    }
    let diagnosis = diagnose(&chain, &chains);
    let extras = vec![certscope::diagnose::InputExtras::default()];
    let report = certscope::report::Report {
        inputs: &chain,
        chains: &chains,
        revocation: &revocation,
        extras: &extras,
        diagnosis: &diagnosis,
        now,
        local: time::UtcOffset::UTC,
    };
    c.bench_function("report text (sample chain)", |b| b.iter(|| black_box(certscope::report::to_text(&report))));
    c.bench_function("report JSON (sample chain)", |b| b.iter(|| black_box(certscope::report::to_json(&report))));
    c.bench_function("report Markdown (sample chain)", |b| {
        b.iter(|| black_box(certscope::report::to_markdown(&report)))
    });
}

criterion_group!(benches, load_model_chain);
criterion_main!(benches);
