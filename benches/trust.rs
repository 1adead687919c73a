//! Judging a chain as a client would (issue 5): rustls-webpki's path building and signatures,
//! then certscope's own rules over the path, for the test PKI's P-256 chain against its root,
//! and the same leaf against Mozilla's ~150 roots (no path: the words say where it ends).
//!
//!     cargo bench --bench trust

use std::hint::black_box;

use certscope::trust::{Judge, Purpose, Rules, TrustStore, judge_sent, roots_from_pem};
use criterion::{Criterion, criterion_group, criterion_main};

fn fixture(name: &str) -> Vec<u8> {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    std::fs::read(path).expect("fixtures are committed")
}

fn judging(c: &mut Criterion) {
    let chain = certscope::load_bytes("chain.pem", &fixture("chain.pem"), &Default::default());
    let sent: Vec<&certscope::model::Certificate> = chain.certificates.iter().collect();
    let now = time::macros::datetime!(2026-06-01 0:00 UTC);
    let given = TrustStore::Custom(roots_from_pem(&fixture("root.pem")).unwrap());
    let mozilla = TrustStore::Mozilla;
    let (given_anchors, mozilla_anchors) = (given.anchors().unwrap(), mozilla.anchors().unwrap());
    let judge = |store, anchors, rules| Judge {
        anchors,
        store,
        name: Some("p256.certscope.test"),
        purpose: Purpose::Server,
        now,
        rules,
    };
    let trusted = judge(&given, &given_anchors, Rules::Browsers);
    assert!(judge_sent(&sent, &trusted).unwrap().trusted, "the bench measures a chain that holds");

    let mut group = c.benchmark_group("judge a chain (P-256 leaf and intermediate)");
    group.bench_function("against its root (--ca-file), browsers' rules", |b| {
        b.iter(|| black_box(judge_sent(black_box(&sent), &trusted)))
    });
    let strict = judge(&given, &given_anchors, Rules::Cabf);
    group.bench_function("against its root (--ca-file), CABF rules", |b| {
        b.iter(|| black_box(judge_sent(black_box(&sent), &strict)))
    });
    let untrusted = judge(&mozilla, &mozilla_anchors, Rules::Browsers);
    assert!(!judge_sent(&sent, &untrusted).unwrap().trusted);
    group.bench_function("against Mozilla's roots (no path, explained)", |b| {
        b.iter(|| black_box(judge_sent(black_box(&sent), &untrusted)))
    });
    group.bench_function("load Mozilla's roots as anchors", |b| b.iter(|| black_box(mozilla.anchors())));
    group.finish();
}

criterion_group!(benches, judging);
criterion_main!(benches);
